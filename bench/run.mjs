// `npm run bench`: every benchmark, each printing its figures as ratios to a baseline measured in the
// same run, then one JSON line; this script runs them in turn (or those named) and repeats the JSON
// lines at the end. Benchmarks, not timed tests: nothing here fails a build.
//   static    100k lines of generated pandas/sklearn code: cold analysis; one edited 500-line file
//   runlog    readRun of a recorded 50-step run (cold and warm) vs reading + splitting its bytes
//   recorder  recorder overhead on a 1M-row, ~8-operator pipeline on the oldest stack: snapshots off, CSV snapshots
//   recorder:current  the same on the current stack (pandas 3, pyarrow; its venv from test/tooling/python.mjs):
//             snapshots off and sampled Arrow snapshots uncompressed / LZ4_FRAME / ZSTD
//   skew      recorder statistics of a 1M × 20 training and serving frame, then distribution skew on shared bins
//             (oldest stack; skew:current on pandas 3)
//   confirm   run confirmation of static findings against a recorded 1M-row run
//   checkRuns `skewer check --runs` (dist/cli.js) on a recorded 1M-row leaky run vs `skewer check` without runs
//   compare   statistics and skew train vs serve, 1M rows × 20 per side: recorder stats + compareRunFindings
//   trace     trace by key over a recorded 1M-row, 8-step run: key lookup in the CSV / Parquet source and in the
//             stored key column; one key traced through the 8 steps once loaded
//   tables    opening a 1M × 20 step: Arrow snapshot, Parquet first / next (decode worker), hyparquet for comparison
//   graph     the pipeline graph of a ~200-step run: dagre vs elkjs layout in Node; layout + draw in Chromium (webview bundle)
//   viewer    the data viewer over a 1M × 20 table: first screen (open + first window), scroll windows, sort, filter, stats
//   workbench activation, time to the Runs view, bundle sizes (real VS Code in Chromium)
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const BENCHES = {
  static: [tsx, ['bench/static.ts']],
  runlog: [tsx, ['bench/runlog.ts']],
  recorder: ['/usr/bin/python3', ['bench/recorder_overhead.py']],
  'recorder:current': [async () => (await import('../test/tooling/python.mjs')).ensurePython('current'), ['bench/recorder_overhead.py']],
  confirm: [tsx, ['bench/confirm.ts']],
  checkRuns: [tsx, ['bench/checkRuns.ts']],
  compare: [tsx, ['bench/compare.ts']],
  skew: [tsx, ['bench/skew.ts']],
  'skew:current': [tsx, ['bench/skew.ts', '--python', 'current']],
  trace: [tsx, ['bench/trace.ts']],
  tables: [tsx, ['bench/tables.ts']],
  graph: [tsx, ['bench/graph.ts']],
  viewer: [tsx, ['bench/viewer.ts']],
  workbench: [process.execPath, ['bench/workbench.mjs']],
};
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(BENCHES);
const results = [];
for (const name of wanted) {
  const spec = BENCHES[name];
  if (!spec) {
    console.error(`unknown benchmark "${name}" (known: ${Object.keys(BENCHES).join(', ')})`);
    process.exit(2);
  }
  console.log(`\n=== ${name} ===`);
  const exe = typeof spec[0] === 'function' ? await spec[0]() : spec[0];
  const r = spawnSync(exe, spec[1], { cwd: root, encoding: 'utf8', env: { ...process.env, PYTHONPATH: path.join(root, 'recorder') }, maxBuffer: 64 << 20 });
  process.stdout.write(r.stdout);
  if (r.status !== 0) process.stderr.write(r.stderr.slice(-4000));
  const json = r.stdout.trim().split('\n').reverse().find((l) => l.startsWith('{'));
  results.push({ name, ok: r.status === 0, json });
}
console.log('\n=== results ===');
for (const r of results) console.log(`${r.name}: ${r.ok ? r.json ?? '(no JSON line)' : 'FAILED'}`);
