/**
 * Benchmark: `skewer check --runs` on a recorded 1M-row, ~8-operator leaky pipeline (dist/cli.js, a fresh
 * process per call, as CI runs it), recorded with `--keys customer_id` so the group rule counts every row by key. Baseline measured in the same run: `skewer check` of the same file
 * without runs (process start + static analysis), so the ratio is what reading and checking the run adds.
 * Needs `npm run build` and /usr/bin/python3 with pandas and scikit-learn (the recorder runs there).
 *
 *     npx tsx bench/checkRuns.ts [--rows 1000000] [--keep]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import * as path from 'node:path';
import { readRun } from '../src/core/runlog';
import { arg, median } from './util';

const REPO = path.resolve(__dirname, '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const PYTHON = '/usr/bin/python3';

// Every leak a run can show: a scaler fitted before the split (in a helper), oversampling before the
// split, a label-derived feature, a shuffled split of dated rows with repeated customers, two models on one test set.
const HELPER = `from sklearn.preprocessing import StandardScaler


def scale(df, cols):
    df[cols] = StandardScaler().fit_transform(df[cols])
    return df
`;
const PIPELINE = `import sys

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB

from helper import scale

FEATURES = ["amount", "income", "score", "age", "flag"]
df = pd.read_csv(sys.argv[1], parse_dates=["ts"])
df = df[df["amount"] > 5]
df = scale(df, ["amount", "income"])
df["flag"] = df["label"] * 2 + df["age"] // 30
df = pd.concat([df, df[df["label"] == 1].sample(frac=0.2, random_state=0)], ignore_index=True)
train, test = train_test_split(df, test_size=0.2, random_state=0)
a = LogisticRegression(max_iter=30).fit(train[FEATURES], train["label"])
b = GaussianNB().fit(train[FEATURES], train["label"])
print(a.score(test[FEATURES], test["label"]), b.score(test[FEATURES], test["label"]))
`;
const DATA = `import sys
import numpy as np, pandas as pd
rng = np.random.default_rng(0); n = int(sys.argv[1])
df = pd.DataFrame({"customer_id": rng.integers(0, n // 5, n), "ts": pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365 * 24, n), unit="h"),
    "amount": rng.gamma(2.0, 20.0, n).round(2), "income": rng.normal(50_000, 15_000, n).round(0), "score": rng.random(n).round(4),
    "age": rng.integers(18, 90, n), "label": (rng.random(n) < 0.3).astype(int)})
df.to_csv(sys.argv[2], index=False)
`;

// Loaded before the CLI in each child: writes the child's own CPU time (user + system) when it exits, however it exits.
const CPU_PRELOAD = `const fs = require('node:fs');
process.on('exit', () => { const u = process.cpuUsage(); fs.writeFileSync(process.env.SKEWER_BENCH_CPU_FILE, String((u.user + u.system) / 1000)); });
`;

function cli(cwd: string, args: string[]): { ms: number; cpuMs: number; code: number | null; stdout: string } {
  const cpuFile = path.join(cwd, 'cpu-ms.txt');
  rmSync(cpuFile, { force: true });
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', path.join(cwd, 'cpu-preload.cjs'), CLI, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20, env: { ...process.env, SKEWER_BENCH_CPU_FILE: cpuFile } });
  const ms = performance.now() - t;
  if (!existsSync(cpuFile)) throw new Error(`the CLI child wrote no CPU time (exit ${r.status}): ${r.stderr}`);
  return { ms, cpuMs: Number(readFileSync(cpuFile, 'utf8')), code: r.status, stdout: r.stdout + r.stderr };
}

const range = (xs: number[]) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;

/** Top-level operator steps of the one recorded run. */
async function topLevelSteps(runs: string): Promise<number> {
  const [dir] = readdirSync(runs);
  const { run } = await readRun(path.join(runs, dir!));
  return run.steps.filter((st) => st.parentSeq === undefined).length;
}

async function main(): Promise<void> {
  if (!existsSync(CLI)) throw new Error('dist/cli.js is missing: npm run build first');
  const rows = arg('rows', 1_000_000);
  const work = mkdtempSync(path.join(tmpdir(), 'skewer-checkruns-bench-'));
  try {
    writeFileSync(path.join(work, 'pipeline.py'), PIPELINE);
    writeFileSync(path.join(work, 'helper.py'), HELPER);
    writeFileSync(path.join(work, 'cpu-preload.cjs'), CPU_PRELOAD);
    execFileSync(PYTHON, ['-c', DATA, String(rows), path.join(work, 'data.csv')], { stdio: 'inherit' });
    const t = Date.now();
    execFileSync(PYTHON, ['-m', 'skewer', 'record', '--phase', 'train', '--keys', 'customer_id', '--out', path.join(work, 'runs'), 'pipeline.py', 'data.csv'], {
      cwd: work, env: { ...process.env, PYTHONPATH: path.join(REPO, 'recorder') }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    console.log(`recorded ${rows.toLocaleString('en-US')} rows in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    const topSteps = await topLevelSteps(path.join(work, 'runs'));
    const base: number[] = [], baseCpu: number[] = [];
    const withRuns: number[] = [], withRunsCpu: number[] = [];
    let out = '';
    const load: number[] = [];
    for (let rep = 0; rep < 5; rep++) {
      load.push(loadavg()[0]!);
      const b = cli(work, ['check', 'pipeline.py', 'helper.py']);
      base.push(b.ms);
      baseCpu.push(b.cpuMs);
      const r = cli(work, ['check', 'pipeline.py', 'helper.py', '--runs', 'runs']);
      if (r.code !== 1) throw new Error(`check --runs exited ${r.code}: ${r.stdout}`);
      withRuns.push(r.ms);
      withRunsCpu.push(r.cpuMs);
      out = r.stdout;
    }
    console.log(out.trim().split('\n').map((l) => '  ' + l.slice(0, 200)).join('\n'));
    const b = median(base);
    const w = median(withRuns);
    const wc = median(withRunsCpu), bc = median(baseCpu);
    console.log(`skewer check --runs (${rows.toLocaleString('en-US')}-row run, ${topSteps} top-level steps): median ${w.toFixed(0)} ms wall (${range(withRuns)}), ${wc.toFixed(0)} ms CPU (${range(withRunsCpu)}); `
      + `baseline skewer check without runs ${b.toFixed(0)} ms wall, ${bc.toFixed(0)} ms CPU; ratio ${(w / b).toFixed(2)}× wall, ${(wc / bc).toFixed(2)}× CPU; `
      + `load average ${range(load.map((l) => l * 10)).replace(/\d+/g, (d) => (Number(d) / 10).toFixed(1))} (1 min); target ≤ 3000 ms`);
    console.log(JSON.stringify({ rows, topSteps, checkRunsMs: Math.round(w), checkRunsCpuMs: Math.round(wc), baselineMs: Math.round(b), baselineCpuMs: Math.round(bc), ratio: Number((w / b).toFixed(2)), findings: out.split('\n').filter((l) => /^\S+:\d+:\d+ /.test(l)).length, loadavg: load }));
  } finally {
    if (!process.argv.includes('--keep')) rmSync(work, { recursive: true, force: true });
    else console.log(`kept ${work}`);
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
