/**
 * Benchmark: statistics and skew, training vs serving, 1M rows × 20 features per side (target ≤ 700 ms).
 * Records a training and a serving run of a 1M × 20 pipeline (to_numpy, a scaler, a model, joblib dump/load;
 * snapshots off), then measures
 *   - statistics: the recorder's table_stats of each side's 1M × 20 model input (what recording writes),
 *     timed in Python on the same frames; baseline there: numpy's mean and std over all 20M values;
 *   - skew: compareRunFindings over the two loaded runs (column identity through numpy, every finding rule,
 *     per-feature distances on shared bins), median of 7; baseline: readRun of the two runs (median of 7).
 * Needs /usr/bin/python3 with pandas and scikit-learn.
 *
 *     npx tsx bench/compare.ts [--rows 1000000] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { compareRunFindings } from '../src/core/compare/findings';
import { readRun } from '../src/core/runlog/readRun';
import { arg, median } from './util';

const REPO = path.resolve(__dirname, '..');
const PYTHON = '/usr/bin/python3';
const COLS = 20;

const FRAME = `import numpy as np, pandas as pd
def frame(n, seed, shift=0.0):
    rng = np.random.default_rng(seed)
    cols = {f"f{j:02d}": rng.normal(j + shift * (j % 3 == 0), 1 + j / 10, n) for j in range(${COLS - 2})}
    cols["count"] = rng.poisson(3, n).astype(float)
    cols["flag"] = (rng.random(n) < 0.3).astype(float)
    return pd.DataFrame(cols)
`;
const TRAIN = `import sys, joblib
from sklearn.linear_model import SGDClassifier
from sklearn.preprocessing import StandardScaler
from frame import frame
df = frame(int(sys.argv[1]), 0)
X = df.to_numpy()
y = (df["f01"] + df["flag"] > 1.5).astype(int)
scaler = StandardScaler()
Xs = scaler.fit_transform(X)
model = SGDClassifier(max_iter=3, tol=None).fit(Xs, y)
joblib.dump(scaler, "scaler.joblib")
joblib.dump(model, "model.joblib")
`;
const SERVE = `import sys, joblib
from frame import frame
df = frame(int(sys.argv[1]), 1, shift=0.5)
X = df[list(df.columns[::-1])].to_numpy()  # reordered: a column-order finding
scaler = joblib.load("scaler.joblib")
model = joblib.load("model.joblib")
model.predict(scaler.transform(X))
`;
const STATS = `import sys, time, json
import numpy as np
from skewer.stats import table_stats
from skewer.tables import TableView
from frame import frame
out = {}
for name, df in (("train", frame(int(sys.argv[1]), 0)), ("serve", frame(int(sys.argv[1]), 1, shift=0.5))):
    X = df.to_numpy()
    ts, cs, bs = [], [], []
    for _ in range(5):
        t, c = time.perf_counter(), time.process_time(); table_stats(TableView(X, "out", list(df.columns)), 20_000); ts.append(time.perf_counter() - t); cs.append(time.process_time() - c)
        t = time.perf_counter(); X.mean(axis=0); X.std(axis=0); bs.append(time.perf_counter() - t)
    out[name] = {"statsMs": sorted(ts)[2] * 1000, "statsCpuMs": sorted(cs)[2] * 1000, "numpyMs": sorted(bs)[2] * 1000}
print(json.dumps(out))
`;

async function main(): Promise<void> {
  const rows = arg('rows', 1_000_000);
  const work = mkdtempSync(path.join(tmpdir(), 'skewer-compare-bench-'));
  const env = { ...process.env, PYTHONPATH: `${path.join(REPO, 'recorder')}${path.delimiter}${work}` };
  try {
    writeFileSync(path.join(work, 'frame.py'), FRAME);
    writeFileSync(path.join(work, 'train.py'), TRAIN);
    writeFileSync(path.join(work, 'serve.py'), SERVE);
    writeFileSync(path.join(work, 'stats.py'), STATS);
    const t0 = Date.now();
    for (const [phase, script] of [['train', 'train.py'], ['serve', 'serve.py']] as const) {
      execFileSync(PYTHON, ['-m', 'skewer', 'record', '--phase', phase, '--snapshots', 'off', '--out', path.join(work, 'runs'), script, String(rows)], {
        cwd: work, env, stdio: ['ignore', 'ignore', 'inherit'],
      });
    }
    console.log(`recorded 2 runs of ${rows.toLocaleString('en-US')} rows × ${COLS} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const stats = JSON.parse(execFileSync(PYTHON, [path.join(work, 'stats.py'), String(rows)], { cwd: work, env, encoding: 'utf8' }).trim().split('\n').pop()!);
    const dirs = readdirSync(path.join(work, 'runs')).sort().map((d) => path.join(work, 'runs', d));
    const reads: number[] = [];
    const compares: number[] = [], compareCpu: number[] = [];
    let findings: string[] = [];
    for (let rep = 0; rep < 7; rep++) {
      let t = performance.now();
      const [a, b] = await Promise.all(dirs.map((d) => readRun(d)));
      reads.push(performance.now() - t);
      t = performance.now();
      const cpu = process.cpuUsage();
      const c = compareRunFindings(a!.run, b!.run);
      compares.push(performance.now() - t);
      const used = process.cpuUsage(cpu);
      compareCpu.push((used.user + used.system) / 1000);
      findings = c.findings.map((f) => f.ruleId);
    }
    const statsMs = stats.train.statsMs + stats.serve.statsMs;
    const numpyMs = stats.train.numpyMs + stats.serve.numpyMs;
    const cmp = median(compares), read = median(reads);
    const total = statsMs + cmp;
    const statsCpuMs = stats.train.statsCpuMs + stats.serve.statsCpuMs;
    const totalCpu = statsCpuMs + median(compareCpu);
    console.log(`findings: ${findings.join(', ')}`);
    console.log(`statistics (recorder table_stats, both sides): ${statsMs.toFixed(0)} ms; baseline numpy mean+std over all values ${numpyMs.toFixed(0)} ms; ratio ${(statsMs / numpyMs).toFixed(2)}×`);
    console.log(`skew + findings (compareRunFindings): median ${cmp.toFixed(1)} ms; baseline readRun of both runs ${read.toFixed(1)} ms; ratio ${(cmp / read).toFixed(2)}×`);
    console.log(`statistics + skew, train vs serve: ${total.toFixed(0)} ms wall, ${totalCpu.toFixed(0)} ms CPU (statistics ${statsCpuMs.toFixed(0)} ms CPU); target ≤ 700 ms; load average ${loadavg()[0]!.toFixed(1)}`);
    console.log(JSON.stringify({ rows, columns: COLS, statsMs: Math.round(statsMs), statsCpuMs: Math.round(statsCpuMs), totalCpuMs: Math.round(totalCpu), numpyBaselineMs: Math.round(numpyMs), compareMs: Number(cmp.toFixed(1)), readRunsMs: Number(read.toFixed(1)), totalMs: Math.round(total), findings: findings.length, loadavg: loadavg() }));
  } finally {
    if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

void main();
