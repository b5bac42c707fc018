// `npm test`: every layer, in order of cost — unit (plain Node, TypeScript via tsx), recorder
// (pytest on each row of the support matrix: python:oldest, python:current, python:pandas2), extension host (mocha inside a real VS Code / code-server),
// end-to-end (Chromium driving the workbench). Installs missing tooling first (tools.mjs).
// Ends with the plain summary line "N passed, N failed" that CI reads.
// Usage: node test/run-all.mjs [unit|python|python:<row>|exthost|e2e ...] [--filter text]
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const filterAt = args.indexOf('--filter');
const filter = filterAt >= 0 ? args[filterAt + 1] : undefined;
const wanted = args.filter((a, i) => !a.startsWith('--') && (filterAt < 0 || i !== filterAt + 1));
const PY_ROWS = ['oldest', 'current', 'pandas2'];
// `python` is every row of the recorder's support matrix; `python:<row>` is one of them.
const layers = (wanted.length ? wanted : ['unit', 'python', 'exthost', 'e2e']).flatMap((l) => (l === 'python' ? PY_ROWS.map((r) => `python:${r}`) : [l]));
const results = [];

function unit() {
  const statsFile = path.join(os.tmpdir(), `skewer-unit-${process.pid}.json`);
  const r = spawnSync(process.execPath, [path.join(root, 'test/tooling/mocha-unit.cjs'), ...(filter ? [filter] : [])], { cwd: root, stdio: 'inherit', env: { ...process.env, SKEWER_STATS_FILE: statsFile } });
  if (!fs.existsSync(statsFile)) return { passed: 0, failed: 1, note: `mocha exited ${r.status} without results` };
  const s = JSON.parse(fs.readFileSync(statsFile, 'utf8'));
  fs.rmSync(statsFile);
  return { passed: s.passes, failed: s.failures, skipped: s.pending };
}

/** The recorder suite on one row of the support matrix (test/tooling/python.mjs); one summary line per row. */
async function python(row) {
  const testsDir = path.join(root, 'recorder', 'tests');
  if (!fs.existsSync(testsDir)) return { passed: 0, failed: 0, note: 'no recorder tests' };
  const { ensurePython } = await import('./tooling/python.mjs');
  const exe = ensurePython(row);
  const r = spawnSync(exe, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', '-rs', testsDir, ...(filter ? ['-k', filter] : [])], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', SKEWER_PYTHON_ROW: row } });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  const summary = r.stdout.split('\n').reverse().find((l) => /\d+ (passed|failed|error)/.test(l)) ?? '';
  const num = (word) => Number(summary.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
  const failed = num('failed') + num('errors?');
  return { passed: num('passed'), failed: failed || (r.status !== 0 && r.status !== 5 ? 1 : 0), skipped: num('skipped') };
}

async function withVsix() {
  const { buildAndPackage } = await import('./tooling/package-vsix.mjs');
  if (!withVsix.file) withVsix.file = buildAndPackage();
  return withVsix.file;
}

async function exthost() {
  const { ensureCodeServer } = await import('./tooling/tools.mjs');
  ensureCodeServer();
  const { runExtensionHostTests } = await import('./exthost/run.mjs');
  return runExtensionHostTests({ vsix: await withVsix(), filter });
}

async function e2e() {
  const { ensureCodeServer } = await import('./tooling/tools.mjs');
  ensureCodeServer();
  const { runEndToEndTests } = await import('./e2e/run.mjs');
  return runEndToEndTests({ vsix: await withVsix(), filter });
}

const RUNNERS = { unit, python, exthost, e2e };
const t0 = Date.now();
for (const layer of layers) {
  const run = layer.startsWith('python:') ? () => python(layer.slice('python:'.length)) : RUNNERS[layer];
  if (!run) {
    console.error(`unknown test layer "${layer}" (known: ${Object.keys(RUNNERS).join(', ')}, ${PY_ROWS.map((r) => `python:${r}`).join(', ')})`);
    process.exit(2);
  }
  console.log(`\n=== ${layer} ===`);
  const started = Date.now();
  let r;
  try {
    r = await run();
  } catch (err) {
    console.error(err);
    r = { passed: 0, failed: 1, note: `layer crashed: ${err instanceof Error ? err.message : err}` };
  }
  results.push({ layer, ...r, seconds: Math.round((Date.now() - started) / 1000) });
}

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.layer.padEnd(14)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed${r.skipped ? ` ${r.skipped} skipped` : ''}  (${r.seconds}s)${r.note ? '  ' + r.note : ''}`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`total time ${Math.round((Date.now() - t0) / 1000)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
