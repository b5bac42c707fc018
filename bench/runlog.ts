/**
 * Benchmark: readRun on a 50-step recorded run.
 *
 *   npx tsx bench/runlog.ts [--steps 50] [--repeat 20] [--replicate]
 *
 * The run is recorded for real: a generated pandas/scikit-learn pipeline with ~50 operators
 * is run under Skewer's recorder (/usr/bin/python3 -m skewer record, PYTHONPATH=recorder).
 * When the recorder cannot run here, the newest committed example run is replicated to 50
 * steps with fresh run ids instead (said so in the output).
 *
 * Figures (median of --repeat):
 *   warm: in this process after warm-up;  cold: a fresh `node` process per sample running the
 *   esbuild bundle of the reader (what the extension ships), timing module load and the first readRun.
 * Both are printed as a ratio to a baseline measured the same way on the same file: read its
 * bytes and split them into lines. Last line of output is JSON.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { readRun } from '../src/core/runlog/readRun';
import { arg, median } from './util';

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work', 'runlog');
const TARGET_MS = 50;

/** A deterministic pipeline whose statements each record about one operator. */
function pipelineSource(steps: number): string {
  const ops = [
    "df = df.dropna(subset=['age'])",
    "df = df.fillna({'income': 0.0})",
    "df = df.assign(ratio=df['income'] / (df['age'] + 1))",
    "df = df[df['age'] > 18]",
    "df = df.sort_values('income')",
    "df = df.drop_duplicates(subset=['id'])",
    "df = df.merge(regions, on='region', how='left')",
    "agg = df.groupby('region').agg(mean_income=('income', 'mean'))",
    "df = df.drop(columns=['ratio'])",
    "df = df.sample(frac=0.98, random_state=1)",
  ];
  const lines = [
    'import numpy as np',
    'import pandas as pd',
    'from sklearn.linear_model import LogisticRegression',
    'from sklearn.model_selection import train_test_split',
    'from sklearn.preprocessing import StandardScaler',
    "df = pd.read_csv('people.csv')",
    "regions = pd.read_csv('regions.csv')",
  ];
  // Leave room for the modelling tail (split, scaler fit_transform/transform, fit, predict, score).
  for (let i = 0; lines.length - 5 < steps - 8; i++) lines.push(ops[i % ops.length]!);
  lines.push(
    "X_train, X_test, y_train, y_test = train_test_split(df[['age', 'income']], df['label'], test_size=0.25, random_state=0)",
    'scaler = StandardScaler()',
    'Xs = scaler.fit_transform(X_train)',
    'Xt = scaler.transform(X_test)',
    'model = LogisticRegression(max_iter=200).fit(Xs, y_train)',
    'pred = model.predict(Xt)',
    'print(model.score(Xt, y_test))',
  );
  return lines.join('\n') + '\n';
}

function writeData(dir: string): void {
  // Deterministic data without Python: 4,000 people, 5 regions.
  let seed = 42;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = ['id,age,income,region,label'];
  for (let i = 0; i < 4000; i++) {
    const age = rnd() < 0.03 ? '' : String(Math.floor(15 + rnd() * 60));
    const income = rnd() < 0.05 ? '' : (20000 + rnd() * 80000).toFixed(2);
    rows.push(`${i % 3900},${age},${income},r${Math.floor(rnd() * 5)},${rnd() < 0.3 ? 1 : 0}`);
  }
  writeFileSync(path.join(dir, 'people.csv'), rows.join('\n') + '\n');
  writeFileSync(path.join(dir, 'regions.csv'), 'region,zone\nr0,north\nr1,south\nr2,east\nr3,west\nr4,center\n');
}

/** Records the generated pipeline; returns the run folder or a reason it could not. */
function recordRun(steps: number): { dir?: string; why?: string } {
  const dir = path.join(WORK, 'recorded');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeData(dir);
  writeFileSync(path.join(dir, 'pipeline.py'), pipelineSource(steps));
  const r = spawnSync('/usr/bin/python3', ['-m', 'skewer', 'record', '--out', 'runs', 'pipeline.py'], {
    cwd: dir,
    env: { ...process.env, PYTHONPATH: path.join(ROOT, 'recorder') },
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) return { why: `recorder failed (exit ${r.status}): ${(r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join(' | ')}` };
  const runs = path.join(dir, 'runs');
  const ids = existsSync(runs) ? readdirSync(runs) : [];
  if (ids.length !== 1) return { why: `expected one recorded run in ${runs}, found ${ids.length}` };
  return { dir: path.join(runs, ids[0]!) };
}

/**
 * Fallback: replicate the operator events of a real committed run until it has `steps`
 * operators, with fresh child run ids and seq numbers, keeping the pipeline START/end.
 */
function replicateExample(steps: number): { dir?: string; why?: string } {
  const runsRoot = path.join(ROOT, 'examples', '.skewer', 'runs');
  if (!existsSync(runsRoot)) return { why: 'no committed example runs' };
  const candidates = readdirSync(runsRoot).map((id) => path.join(runsRoot, id, 'events.ndjson')).filter(existsSync);
  if (candidates.length === 0) return { why: 'no committed example runs' };
  const source = candidates.sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
  const events = readFileSync(source, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
  const rootId: string = events[0].run.runId;
  const root = events.filter((e) => e.run.runId === rootId);
  const children = events.filter((e) => e.run.runId !== rootId);
  const perCopy = new Set(children.map((e) => e.run.runId)).size;
  if (perCopy === 0) return { why: `${source} has no operators` };
  const out = [root[0]];
  let seqBase = 0;
  for (let copy = 0; seqBase < steps; copy++) {
    const ids = new Map<string, string>();
    let maxSeq = -1;
    for (const e of children) {
      const c = structuredClone(e);
      if (!ids.has(e.run.runId)) ids.set(e.run.runId, randomUUID());
      c.run.runId = ids.get(e.run.runId);
      const op = c.run.facets.skewer_operator;
      if (op) {
        maxSeq = Math.max(maxSeq, op.seq);
        op.seq += seqBase;
      }
      c.job.name += copy ? `#copy${copy}` : '';
      out.push(c);
    }
    seqBase += maxSeq + 1;
  }
  for (const e of root.slice(1)) {
    const sr = e.run.facets?.skewer_run;
    if (sr && sr.operatorCount !== undefined) sr.operatorCount = out.length === 0 ? 0 : new Set(out.slice(1).map((x) => x.run.runId)).size;
    out.push(e);
  }
  const dir = path.join(WORK, 'replicated', rootId);
  rmSync(path.dirname(dir), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'events.ndjson'), out.map((e) => JSON.stringify(e)).join('\n') + '\n');
  // Side files are shared by the copies: link the originals' folders so presence checks see them.
  for (const sub of ['lineage', 'snapshots']) {
    const from = path.join(path.dirname(source), sub);
    if (existsSync(from)) execFileSync('cp', ['-r', from, path.join(dir, sub)]);
  }
  return { dir };
}

const COLD_ENTRY = `
const t0 = performance.now();
const { readRun } = require(${JSON.stringify(path.join(ROOT, 'src/core/runlog/readRun.ts'))});
const fs = require('node:fs');
const t1 = performance.now();
const [mode, dir] = process.argv.slice(2);
(async () => {
  const s = performance.now();
  if (mode === 'read') {
    const r = await readRun(dir, { checkSideFiles: true });
    if (r.run.steps.length === 0) throw new Error('no steps read');
  } else {
    const text = (await fs.promises.readFile(dir + '/events.ndjson')).toString('utf8');
    if (text.split('\\n').length < 2) throw new Error('empty');
  }
  const e = performance.now();
  process.stdout.write(JSON.stringify({ loadMs: t1 - t0, ms: e - s }));
})();
`;

async function bundleColdEntry(): Promise<string> {
  const esbuild = await import('esbuild');
  const entry = path.join(WORK, 'cold-entry.js');
  const out = path.join(WORK, 'cold-entry.bundle.cjs');
  writeFileSync(entry, COLD_ENTRY);
  await esbuild.build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out, logLevel: 'error' });
  return out;
}

function coldSample(bundle: string, mode: 'read' | 'base', dir: string): { loadMs: number; ms: number } {
  const r = spawnSync(process.execPath, [bundle, mode, dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cold sample failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

async function main(): Promise<void> {
  const steps = arg('steps', 50);
  const repeat = arg('repeat', 20);
  mkdirSync(WORK, { recursive: true });

  let source = 'recorded with the Skewer recorder';
  // --replicate skips the recorder (to exercise the fallback, or on machines without pandas).
  let made = process.argv.includes('--replicate') ? { why: '--replicate given' } : recordRun(steps);
  if (!made.dir) {
    console.log(`! could not record (${made.why}); replicating a committed example run instead`);
    const why = made.why;
    made = replicateExample(steps);
    source = `replicated from a committed example run (recorder unavailable: ${why})`;
    if (!made.dir) throw new Error(`no run to benchmark: ${made.why}`);
  }
  const dir = made.dir;
  const events = path.join(dir, 'events.ndjson');
  const bytes = statSync(events).size;
  const check = await readRun(dir);
  const lines = readFileSync(events, 'utf8').trimEnd().split('\n').length;
  console.log(`run: ${dir}\n  ${source}; ${check.run.steps.length} steps, ${lines} events, ${(bytes / 1024).toFixed(0)} KiB, status ${check.run.status}, ${check.problems.length} problems`);
  for (const p of check.problems.slice(0, 5)) console.log(`  problem: ${p.message}`);

  // Warm: same process, after warm-up.
  const baseline = async () => {
    const s = performance.now();
    const lines = (await readFile(events)).toString('utf8').split('\n');
    if (lines.length < 2) throw new Error('empty events file');
    return performance.now() - s;
  };
  const read = async () => {
    const s = performance.now();
    await readRun(dir);
    return performance.now() - s;
  };
  for (let i = 0; i < 3; i++) {
    await baseline();
    await read();
  }
  const warmBase: number[] = [];
  const warmRead: number[] = [];
  for (let i = 0; i < repeat; i++) {
    warmBase.push(await baseline());
    warmRead.push(await read());
  }

  // Cold: a fresh node process per sample, running the bundled reader.
  const bundle = await bundleColdEntry();
  const coldBase: number[] = [];
  const coldRead: number[] = [];
  const coldLoad: number[] = [];
  for (let i = 0; i < repeat; i++) {
    coldBase.push(coldSample(bundle, 'base', dir).ms);
    const r = coldSample(bundle, 'read', dir);
    coldRead.push(r.ms);
    coldLoad.push(r.loadMs);
  }

  const result = {
    bench: 'runlog.readRun',
    source,
    steps: check.run.steps.length,
    events: lines,
    bytes,
    repeat,
    warmMs: +median(warmRead).toFixed(2),
    warmMinMs: +Math.min(...warmRead).toFixed(2),
    warmBaselineMs: +median(warmBase).toFixed(3),
    warmRatio: +(median(warmRead) / median(warmBase)).toFixed(1),
    coldMs: +median(coldRead).toFixed(2),
    coldMinMs: +Math.min(...coldRead).toFixed(2),
    coldModuleLoadMs: +median(coldLoad).toFixed(2),
    coldBaselineMs: +median(coldBase).toFixed(3),
    coldRatio: +(median(coldRead) / median(coldBase)).toFixed(1),
    targetMs: TARGET_MS,
    loadAverage1m: +loadavg()[0]!.toFixed(2),
    cpus: cpus().length,
    pass: median(coldRead) + median(coldLoad) < TARGET_MS && median(warmRead) < TARGET_MS,
  };
  console.log(`warm readRun median ${result.warmMs} ms (min ${result.warmMinMs}) = ${result.warmRatio}× baseline (${result.warmBaselineMs} ms read+split)`);
  console.log(`cold readRun median ${result.coldMs} ms (min ${result.coldMinMs}) + ${result.coldModuleLoadMs} ms module load = ${result.coldRatio}× baseline (${result.coldBaselineMs} ms)`);
  console.log(`target < ${TARGET_MS} ms (cold includes module load): ${result.pass ? 'PASS' : 'FAIL'}  [load average ${result.loadAverage1m} on ${result.cpus} CPUs]`);
  console.log(JSON.stringify(result));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
