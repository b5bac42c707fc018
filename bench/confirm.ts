/**
 * Benchmark: confirm the static findings of a 1M-row pipeline against its recorded run.
 * Generates the data, records the pipeline with the repo's recorder (needs /usr/bin/python3 with pandas
 * and scikit-learn), then times confirmWithRuns: the first call in the process (cold JIT, lineage arrays
 * read from disk) and later calls with fresh sources (arrays read again).
 *
 *     npx tsx bench/confirm.ts [--rows 1000000] [--keep]
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { confirmWithRuns } from '../src/core/checks';
import { listRuns } from '../src/core/runlog';
import { analyzeDocument } from '../src/core/static';
import { RunFolderTraceSource } from '../src/core/trace';

const REPO = path.resolve(__dirname, '..');
const PYTHON = '/usr/bin/python3';

// Leaky on purpose: oversampling before the split, a scaler fitted before the split, two models scored on one test set.
const PIPELINE = `import sys

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

FEATURES = ["amount", "income", "score", "age", "tenure"]

df = pd.read_csv(sys.argv[1])
df = df[df["amount"] > 5]
df = df.fillna({"income": 0.0})
positives = df[df["label"] == 1]
extra = positives.sample(n=len(df) // 10, replace=True, random_state=0)
df = pd.concat([df, extra], ignore_index=True)
scaler = StandardScaler()
X = scaler.fit_transform(df[FEATURES])
X_train, X_test, y_train, y_test = train_test_split(X, df["label"], test_size=0.2, random_state=0)
for C in [0.1, 1.0]:
    model = LogisticRegression(C=C, max_iter=30)
    model.fit(X_train, y_train)
    print(C, model.score(X_test, y_test))
`;

const DATA = `import sys
import numpy as np, pandas as pd
rng = np.random.default_rng(0); n = int(sys.argv[1])
df = pd.DataFrame({"id": np.arange(n), "amount": rng.gamma(2.0, 20.0, n).round(2), "income": rng.normal(50_000, 15_000, n).round(0),
    "score": rng.random(n).round(4), "age": rng.integers(18, 90, n), "tenure": rng.integers(0, 40, n), "label": (rng.random(n) < 0.3).astype(int)})
df.loc[rng.random(n) < 0.05, "income"] = np.nan
df.to_csv(sys.argv[2], index=False)
`;

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const rows = Number(args[args.indexOf('--rows') + 1] ?? 1_000_000) || 1_000_000;
  const work = mkdtempSync(path.join(tmpdir(), 'skewer-confirm-bench-'));
  try {
    writeFileSync(path.join(work, 'pipeline.py'), PIPELINE);
    execFileSync(PYTHON, ['-c', DATA, String(rows), path.join(work, 'data.csv')], { stdio: 'inherit' });
    const t = Date.now();
    execFileSync(PYTHON, ['-m', 'skewer', 'record', '--phase', 'train', '--out', path.join(work, 'runs'), 'pipeline.py', 'data.csv'], {
      cwd: work, env: { ...process.env, PYTHONPATH: path.join(REPO, 'recorder') }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    console.log(`recorded ${rows.toLocaleString('en-US')} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const findings = analyzeDocument({ path: 'pipeline.py', text: readFileSync(path.join(work, 'pipeline.py'), 'utf8') }).findings;
    const { runs } = await listRuns([path.join(work, 'runs')]);
    const times: { wallMs: number; cpuMs: number }[] = [];
    let statuses: string[] = [];
    for (let rep = 0; rep < 4; rep++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      const out = await confirmWithRuns(findings, runs, { workspaceRoot: work, source: (run) => new RunFolderTraceSource(run.dir) });
      const cpu = process.cpuUsage(c0);
      times.push({ wallMs: Math.round(performance.now() - t0), cpuMs: Math.round((cpu.user + cpu.system) / 1000) });
      statuses = out.map((f) => `${f.ruleId}@${f.location.line}: ${f.confirmation!.status} — ${f.confirmation!.message}`);
    }
    statuses.forEach((s) => console.log('  ' + s));
    const largest = Math.max(...runs[0]!.run.steps.flatMap((s) => s.outputs.map((o) => o.rowCount ?? 0)));
    console.log(`confirmWithRuns, ${findings.length} findings, largest step output ${largest.toLocaleString('en-US')} rows: first call ${times[0]!.wallMs} ms wall / ${times[0]!.cpuMs} ms CPU; later calls ${times.slice(1).map((x) => `${x.wallMs}/${x.cpuMs}`).join(', ')} ms`);
    console.log(JSON.stringify({ rows, findings: findings.length, largestOutput: largest, times, loadavg: (await import('node:os')).loadavg() }));
  } finally {
    if (!args.includes('--keep')) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
