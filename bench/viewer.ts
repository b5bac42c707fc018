/**
 * Benchmark: the data viewer over a 1M × 20 table (the files bench/tables.ts generates and caches in
 * ~/.cache/skewer-test/bench; run `npm run bench tables` once first, or this script generates nothing
 * and says so).
 *
 *   npx tsx bench/viewer.ts [--repeat 5] [--windows 40]   (ONLY=arrow|parquet: one format)
 *
 * Figures (medians), through esbuild bundles of the viewer's worker client and of the tables worker,
 * as the extension ships them:
 *   first screen   open the file in the worker + the first window of 100 rows     target ≤ 300 ms
 *                  (a fresh worker each time: start, module load, read, decode; wall and CPU time of all
 *                  threads; in a plain node process, after one open that compiles parquet-wasm)
 *   scroll window  a window of 100 rows at a random place                        target ≤ 50 ms
 *   sorted window  the same after sorting by a float column
 *   sort, filter, stats of one column: reported
 * Baseline in the same run: readFile of the same file. Last line of output is JSON.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir, loadavg } from 'node:os';
import * as path from 'node:path';
import { buildSync } from 'esbuild';
import type * as Entry from './viewerEntry';
import { arg, median, rng } from './util';

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work', 'viewer');
const CACHE = path.join(process.env.SKEWER_TEST_CACHE ?? path.join(homedir(), '.cache', 'skewer-test'), 'bench');
const FILES = { arrow: path.join(CACHE, 'tables-1m20.arrow'), parquet: path.join(CACHE, 'tables-1m20-snappy.parquet') };
const ROWS = 1_000_000;
const WINDOW = 100;

function build(): typeof Entry {
  const common = { bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' } as const;
  buildSync({ ...common, entryPoints: [path.join(ROOT, 'bench', 'viewerEntry.ts')], outfile: path.join(WORK, 'viewer.js') });
  buildSync({ ...common, entryPoints: [path.join(ROOT, 'src', 'workers', 'tables.worker.ts')], outfile: path.join(WORK, 'workers', 'tables.worker.js') });
  copyFileSync(path.join(ROOT, 'node_modules', 'parquet-wasm', 'node', 'parquet_wasm_bg.wasm'), path.join(WORK, 'workers', 'parquet_wasm_bg.wasm'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(WORK, 'viewer.js'));
}

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

async function main(): Promise<void> {
  if (!Object.values(FILES).every(existsSync)) {
    console.error(`no 1M × 20 files in ${CACHE}: run \`npm run bench tables\` first (it generates them)`);
    process.exit(2);
  }
  const repeat = arg('repeat', 5);
  const windows = arg('windows', 40);
  const { ViewWorker } = build();
  const rand = rng(7);
  console.log(`viewer: 1M × 20; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
  const out: Record<string, number> = {};
  for (const [format, file] of Object.entries(FILES).filter(([f]) => !process.env.ONLY || f === process.env.ONLY)) {
    // In a plain node process (see firstScreens).
    const child = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(path.join(WORK, 'viewer.js'))}).firstScreens(${JSON.stringify(file)}, ${repeat}, ${ROWS}, ${WINDOW}).then((r) => console.log(JSON.stringify(r)), (e) => { console.error(e); process.exit(1); })`], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`first screens of ${file}: ${child.stderr}`);
    const { wall: first, cpu: firstCpu } = JSON.parse(child.stdout.trim().split('\n').pop()!) as { wall: number[]; cpu: number[] };
    // The baseline after the first screens: its 100 MB buffers would be collected during them.
    const read: number[] = [];
    for (let i = 0; i < repeat; i++) read.push((await time(() => readFile(file)))[0]);
    const w = new ViewWorker();
    const info = await w.open(file);
    const scroll: number[] = [];
    for (let i = 0; i < windows; i++) scroll.push((await time(() => w.window(info.handle, Math.floor(rand() * (ROWS - WINDOW)), WINDOW)))[0]);
    const f1 = info.columns.findIndex((c) => c.name === 'f1');
    const [sortMs] = await time(() => w.query(info.handle, { filters: [], sort: { column: f1, descending: false } }));
    const sorted: number[] = [];
    for (let i = 0; i < windows; i++) sorted.push((await time(() => w.window(info.handle, Math.floor(rand() * (ROWS - WINDOW)), WINDOW)))[0]);
    const [filterMs, kept] = await time(() => w.queryText(info.handle, [{ column: f1, text: '> 1' }]));
    const cat = info.columns.findIndex((c) => c.name === 'cat2');
    const [statsNumMs] = await time(() => w.stats(info.handle, f1));
    const [statsTextMs] = await time(() => w.stats(info.handle, cat));
    await w.terminate();
    const r = {
      readFileMs: median(read), firstScreenMs: median(first), firstScreenCpuMs: median(firstCpu), scrollWindowMs: median(scroll), scrollWindowP95Ms: [...scroll].sort((a, b) => a - b)[Math.floor(scroll.length * 0.95)],
      sortedWindowMs: median(sorted), sortMs, filterMs, statsNumberMs: statsNumMs, statsTextMs,
    };
    const mb = (statSync(file).size / 1e6).toFixed(0);
    const x = (a: number) => `${(a / r.readFileMs).toFixed(2)}× readFile`;
    console.log(`${format} (${mb} MB)  baseline readFile ${r.readFileMs.toFixed(0)} ms`);
    console.log(`  first screen (fresh worker: open + ${WINDOW} rows)  ${r.firstScreenMs.toFixed(0)} ms (target ≤ 300) = ${x(r.firstScreenMs)}  [samples ${first.map((v) => v.toFixed(0)).join(', ')}]; CPU of all threads ${r.firstScreenCpuMs.toFixed(0)} ms [${firstCpu.map((v) => v.toFixed(0)).join(', ')}]`);
    console.log(`  scroll window of ${WINDOW} rows  median ${r.scrollWindowMs.toFixed(1)} ms, p95 ${r.scrollWindowP95Ms.toFixed(1)} ms (target ≤ 50) = ${x(r.scrollWindowMs)}`);
    console.log(`  sort by a float column ${sortMs.toFixed(0)} ms, then windows median ${r.sortedWindowMs.toFixed(1)} ms; filter "> 1" ${filterMs.toFixed(0)} ms (${kept} rows); stats float ${statsNumMs.toFixed(0)} ms, text (1,000 distinct) ${statsTextMs.toFixed(0)} ms`);
    for (const [k, v] of Object.entries(r)) out[`${format}.${k}`] = Math.round(v * 10) / 10;
  }
  console.log(JSON.stringify({ bench: 'viewer', ...out, loadavg: loadavg()[0] }));
}

main().catch((e) => { console.error(e); process.exit(1); });
