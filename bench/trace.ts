/**
 * Benchmark: trace by key over a recorded 1M-row run (issue 9's performance targets).
 *
 *   npx tsx bench/trace.ts [--rows 1000000] [--repeat 7]
 *
 * Data (generated once with the current stack's Python into bench/.work/trace, reused while the generator is
 * unchanged): a 1M-row × 20-column source (a unique shuffled customer_id, 13 floats, 4 text columns, 1 int, the
 * label) written as CSV and Parquet, and an 8-step pipeline over the CSV recorded with the recorder (read_csv,
 * filter, dropna, a new column, select, split, scaler, predict_proba; default sampled snapshots and key columns).
 *
 * Figures (wall and CPU time of the whole process, all threads; the load average printed with them), measured in a
 * plain node process on esbuild bundles (bench/traceEntry.ts) as the extension and the CLI run them:
 *   key lookup          findKey(customer_id = v) in the source file with the run's stored keys set aside, a fresh
 *                       trace source each time (nothing cached), target ≤ 300 ms; CSV and Parquet (the same run
 *                       with its source step pointed at the Parquet file of the same rows), each on the CLI's path
 *                       (the key column read on the calling thread / decode worker) and the extension's (the file
 *                       opened in the tables worker and filtered there; workers started before the samples)
 *   key lookup stored   the same key in the key column the recorder stored (keys/…arrow)
 *   trace 8 steps       traceRecord of the found row through the 8 steps once the run is loaded (lineage arrays
 *                       and snapshots read by an earlier trace), target ≤ 10 ms, aim 1 ms
 * Baselines measured in the same run: readFile of the CSV / Parquet file (bytes only); one linear pass over one
 * step's 1M-entry lineage array (Int32Array.indexOf), what following a row through one select step costs naively.
 * Last line of output is JSON.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import { arg } from './util';

const REPO = path.resolve(__dirname, '..');
const WORK = path.join(REPO, 'bench', '.work', 'trace');

const DATA = `import sys
import numpy as np, pandas as pd
n = int(sys.argv[1]); rng = np.random.default_rng(0)
cols = {"customer_id": rng.permutation(n) + 100000}
for i in range(13):
    v = rng.normal(0, 1, n) if i % 2 else rng.gamma(2.0, 10.0, n)
    if i == 3:
        v[rng.random(n) < 0.01] = np.nan
    cols[f"f{i}"] = v.round(4)
for k, d in enumerate([5, 50, 1000, 20000]):
    cols[f"cat{k}"] = pd.Series(rng.integers(0, d, n)).map(lambda x, k=k: f"c{k}-{x}")
cols["visits"] = rng.integers(0, 30, n)
cols["label"] = (rng.random(n) < 0.3).astype(int)
df = pd.DataFrame(cols)
df.to_csv(sys.argv[2] + ".csv", index=False)
df.to_parquet(sys.argv[2] + ".parquet", index=False)
`;

const PIPELINE = `import sys

import pandas as pd
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler

FEATURES = ["f0", "f1", "f2", "f3", "visits", "ratio"]
df = pd.read_csv(sys.argv[1])
df = df[df["f0"] > 2]
df = df.dropna()
df["ratio"] = df["f1"] / (df["f0"] + 1)
X = df[FEATURES]
X_train, X_test, y_train, y_test = train_test_split(X, df["label"], test_size=0.2, random_state=0)
scaler = StandardScaler().fit(X_train)
model = LogisticRegression(max_iter=20).fit(scaler.transform(X_train), y_train)
proba = model.predict_proba(scaler.transform(X_test))
`;

function python(): string {
  return execFileSync(process.execPath, [path.join(REPO, 'test/tooling/python.mjs'), 'current'], { encoding: 'utf8' }).trim().split('\n').pop()!.split(' ').pop()!;
}

/** The data and the recorded run, made once per generator version (a hash of the scripts and the row count). */
function prepare(rows: number): { csv: string; parquet: string; runDir: string } {
  const tag = createHash('sha1').update(DATA + PIPELINE + rows).digest('hex').slice(0, 10);
  const dir = path.join(WORK, tag);
  const base = path.join(dir, 'customers');
  const runs = path.join(dir, 'runs');
  const done = path.join(dir, 'done');
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const py = python();
    let t = Date.now();
    execFileSync(py, ['-c', DATA, String(rows), base], { stdio: 'inherit' });
    console.log(`generated ${rows.toLocaleString('en-US')} rows × 20 (CSV, Parquet) in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    writeFileSync(path.join(dir, 'pipeline.py'), PIPELINE);
    t = Date.now();
    execFileSync(py, ['-m', 'skewer', 'record', '--phase', 'train', '--out', runs, 'pipeline.py', `${base}.csv`], {
      cwd: dir, env: { ...process.env, PYTHONPATH: path.join(REPO, 'recorder') }, stdio: ['ignore', 'ignore', 'inherit'],
    });
    console.log(`recorded the 8-step pipeline in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    writeFileSync(done, tag);
  }
  const runDir = path.join(runs, readdirSync(runs)[0]!);
  return { csv: `${base}.csv`, parquet: `${base}.parquet`, runDir };
}

function build(): string {
  const common = { bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' } as const;
  const out = path.join(WORK, 'bundle');
  buildSync({ ...common, entryPoints: [path.join(REPO, 'bench', 'traceEntry.ts')], outfile: path.join(out, 'trace.js') });
  buildSync({ ...common, entryPoints: [path.join(REPO, 'src', 'workers', 'tables.worker.ts')], outfile: path.join(out, 'workers', 'tables.worker.js') });
  copyFileSync(path.join(REPO, 'node_modules', 'parquet-wasm', 'node', 'parquet_wasm_bg.wasm'), path.join(out, 'workers', 'parquet_wasm_bg.wasm'));
  copyFileSync(path.join(REPO, 'node_modules', 'parquet-wasm', 'node', 'parquet_wasm_bg.wasm'), path.join(out, 'parquet_wasm_bg.wasm'));
  return path.join(out, 'trace.js');
}

function main(): void {
  const rows = arg('rows', 1_000_000);
  const repeat = arg('repeat', 7);
  const files = prepare(rows);
  const bundle = build();
  // A plain node process: under tsx every worker thread would load tsx's loader too (workers inherit execArgv).
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(bundle)}).measure(${JSON.stringify({ ...files, repeat })}).then(() => process.exit(0), (e) => { console.error(e); process.exit(1); })`], { encoding: 'utf8', stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

main();
