/**
 * Benchmark: statistics and skew, training vs serving, 1M rows × 20 columns per side (target ≤ 700 ms).
 * The recorder's column statistics of both frames (bench/skew_stats.py, on its default 20,000-row sample, as
 * recorded; all rows for comparison), then datasetSkew on them: shared bins, JS, PSI, L∞, histograms.
 * Baselines in the same run: pandas' describe() of the same frames; JSON.parse of the two stats facets.
 *
 *     npx tsx bench/skew.ts [--rows 1000000] [--python /usr/bin/python3 | current | pandas2]
 *     (a support-matrix row name takes that row's venv from test/tooling/python.mjs)
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { datasetSkew } from '../src/core/compare/skew';
import type { DatasetStats } from '../src/core/runlog/model';
import { arg, median } from './util';

const REPO = path.resolve(__dirname, '..');

function main(): void {
  const rows = arg('rows', 1_000_000);
  const pi = process.argv.indexOf('--python');
  let python = pi >= 0 ? process.argv[pi + 1]! : '/usr/bin/python3';
  if (!python.includes('/')) python = execFileSync('node', [path.join(REPO, 'test/tooling/python.mjs'), python], { encoding: 'utf8' }).trim().split('\n').pop()!.split(/\s+/).pop()!;
  const work = mkdtempSync(path.join(tmpdir(), 'skewer-skew-bench-'));
  try {
    const out = path.join(work, 'stats.json');
    execFileSync(python, [path.join(REPO, 'bench/skew_stats.py'), out, '--rows', String(rows)], {
      env: { ...process.env, PYTHONPATH: path.join(REPO, 'recorder') },
      stdio: 'inherit',
    });
    const text = readFileSync(out, 'utf8');
    const py = JSON.parse(text) as { train: DatasetStats; serve: DatasetStats; statsMs: number; statsBestMs: number; statsCpuMs: number; statsAllRowsMs: number; describeMs: number; describeCpuMs: number; versions: Record<string, string> };
    const facets = JSON.stringify([py.train, py.serve]);
    const parse: number[] = [], skew: number[] = [];
    let flagged = 0;
    for (let i = 0; i < 21; i++) {
      let t = performance.now();
      JSON.parse(facets);
      parse.push(performance.now() - t);
      t = performance.now();
      const r = datasetSkew(py.train, py.serve);
      skew.push(performance.now() - t);
      flagged = r.filter((c) => c.exceeded.length).length;
    }
    const skewMs = median(skew.slice(1)), firstSkewMs = skew[0]!, parseMs = median(parse);
    const total = py.statsMs + firstSkewMs;
    const totalCpu = py.statsCpuMs + firstSkewMs;
    console.log(`stack: pandas ${py.versions.pandas}, numpy ${py.versions.numpy}; ${rows.toLocaleString('en')} rows × 20 columns per side`);
    console.log(`recorder statistics, both sides (20,000-row sample, as recorded): median ${py.statsMs.toFixed(0)} ms wall, best ${py.statsBestMs.toFixed(0)} ms, ${py.statsCpuMs.toFixed(0)} ms CPU (pandas describe() of both: ${py.describeMs.toFixed(0)} ms wall, ${py.describeCpuMs.toFixed(0)} ms CPU; ${(py.statsCpuMs / py.describeCpuMs).toFixed(2)}× in CPU)`);
    console.log(`  same on all rows (no sample): ${py.statsAllRowsMs.toFixed(0)} ms`);
    console.log(`datasetSkew, 20 features: first call ${firstSkewMs.toFixed(2)} ms, then ${skewMs.toFixed(3)} ms (JSON.parse of both facets ${parseMs.toFixed(3)} ms, ${(skewMs / parseMs).toFixed(2)}×); ${flagged} features flagged`);
    console.log(`statistics + skew: ${total.toFixed(0)} ms wall (median), ${(py.statsBestMs + firstSkewMs).toFixed(0)} ms best, ${totalCpu.toFixed(0)} ms with the statistics' CPU time (target ≤ 700 ms)`);
    console.log(JSON.stringify({ statsMs: py.statsMs, statsBestMs: py.statsBestMs, statsCpuMs: py.statsCpuMs, statsAllRowsMs: py.statsAllRowsMs, describeMs: py.describeMs, skewFirstMs: firstSkewMs, skewMs, parseMs, totalMs: total }));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main();
