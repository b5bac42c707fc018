// What bench/trace.ts bundles and runs in a plain node process: key lookup and trace over the recorded 1M-row run.
import { readFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { readRun } from '../src/core/runlog';
import type { Run } from '../src/core/runlog/model';
import { ViewWorker } from '../src/core/tables/viewClient';
import { traceBackward } from '../src/core/trace/backward';
import { findKey } from '../src/core/trace/byKey';
import { RunFolderTraceSource } from '../src/core/trace/source';
import { traceRecord } from '../src/core/trace/trace';
import { WorkerTraceSource } from '../src/core/trace/workerSource';
import { median } from './util';

/** Wall and CPU (all threads) of `f`, in ms. */
async function timed<T>(f: () => Promise<T>): Promise<{ ms: number; cpu: number; value: T }> {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await f();
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { ms, cpu: (c.user + c.system) / 1000, value };
}

/** The run without its stored key columns, so the lookup goes to the source file; `file`: the source step reads that instead. */
function fileOnly(run: Run, file?: string): Run {
  return {
    ...run,
    keys: undefined,
    steps: run.steps.map((s) => ({
      ...s,
      inputs: s.kind === 'source' && file ? s.inputs.map((i) => (i.namespace === 'file' ? { ...i, name: file } : i)) : s.inputs,
      outputs: s.outputs.map(({ keys: _k, ...o }) => o),
    })),
  };
}

const fmt = (xs: number[]) => xs.map((x) => x.toFixed(1)).join(', ');

interface Timing {
  ms: number;
  cpu: number;
}

export async function measure({ csv, parquet, runDir, repeat }: { csv: string; parquet: string; runDir: string; repeat: number }): Promise<void> {
  const run = (await readRun(runDir)).run;
  const src0 = run.steps[0]!;
  console.log(`run: ${run.steps.length} steps; source ${src0.outputs[0]!.rowCount?.toLocaleString('en-US')} rows; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);

  // a key in the test split (it goes through all 8 steps): a row of the split's X_test snapshot, traced back to its source row
  const split = run.steps.find((s) => s.kind === 'split')!;
  const xTest = split.outputs.find((o) => o.port === 'X_test')!;
  const probe = new RunFolderTraceSource(runDir);
  const testRows = await probe.rows(xTest, 50);
  const back = await traceBackward(run, { dataset: xTest.name, position: testRows[7]!.position }, probe);
  const srcStep = back.steps.find((s) => s.step.kind === 'source')!;
  const sourceRow = srcStep.outputs[0]!.positions[0]!;
  const idx = await probe.keyTable(src0.outputs[0]!);
  const value = String(idx.getChild('customer_id')!.get(sourceRow));
  console.log(`key: customer_id = ${value} (source row ${sourceRow}, X_test row ${testRows[7]!.position})`);

  const check = (r: Awaited<ReturnType<typeof findKey>>) => {
    const m = r.matches.filter((x) => !x.relink);
    if (m.length !== 1 || m[0]!.positions.length !== 1 || m[0]!.positions[0] !== sourceRow) throw new Error(`lookup found ${JSON.stringify(m.map((x) => x.positions))}: ${r.problems.join('; ')}`);
  };
  /** `n` lookups, each with a fresh trace source (nothing cached between them). */
  const lookups = async (r: Run, make: () => RunFolderTraceSource, n = repeat): Promise<Timing[]> => {
    const out: Timing[] = [];
    for (let i = 0; i < n; i++) {
      const source = make();
      const t = await timed(() => findKey(r, 'customer_id', value, source));
      check(t.value);
      out.push({ ms: t.ms, cpu: t.cpu });
      if (source instanceof WorkerTraceSource) await source.dispose();
    }
    return out;
  };
  const results: Record<string, unknown> = {};
  const report = (name: string, key: string, xs: Timing[], base: number, baseName: string, target: string) => {
    const w = median(xs.map((x) => x.ms));
    const c = median(xs.map((x) => x.cpu));
    console.log(`${name}: median ${w.toFixed(1)} ms wall, ${c.toFixed(1)} ms CPU (runs ${fmt(xs.map((x) => x.ms))}; CPU ${fmt(xs.map((x) => x.cpu))}); ${baseName} ${base.toFixed(1)} ms (${(w / base).toFixed(2)}×); target ${target}`);
    results[key] = { ms: Number(w.toFixed(1)), cpuMs: Number(c.toFixed(1)), ratio: Number((w / base).toFixed(2)) };
  };
  const readMs = async (file: string) => median(await sequential(3, async () => (await timed(() => readFile(file))).ms));
  const readCsv = await readMs(csv);
  const readPq = await readMs(parquet);
  const csvRun = fileOnly(run);
  const pqRun = fileOnly(run, parquet);

  // The CLI's path (skewer trace --key): the file read for the key column on the calling thread (CSV) or in the
  // decode worker (Parquet), then searched.
  report('key lookup, CSV source, CLI path (column read on this thread)', 'csvHost', await lookups(csvRun, () => new RunFolderTraceSource(runDir)), readCsv, 'readFile of the CSV', '≤ 300 ms');
  await lookups(pqRun, () => new RunFolderTraceSource(runDir), 1); // starts the decode worker, compiles parquet-wasm
  report('key lookup, Parquet source, CLI path (decode worker warm)', 'parquetHost', await lookups(pqRun, () => new RunFolderTraceSource(runDir)), readPq, 'readFile of the Parquet file', '≤ 300 ms');
  // The extension's path (Trace Record…): the file opened whole in the tables worker, then a filter query.
  const worker = new ViewWorker();
  try {
    await lookups(pqRun, () => new WorkerTraceSource(runDir, worker), 1); // worker start, parquet-wasm compile
    report('key lookup, CSV source, extension path (tables worker)', 'csvWorker', await lookups(csvRun, () => new WorkerTraceSource(runDir, worker)), readCsv, 'readFile of the CSV', '≤ 300 ms');
    report('key lookup, Parquet source, extension path (tables worker)', 'parquetWorker', await lookups(pqRun, () => new WorkerTraceSource(runDir, worker)), readPq, 'readFile of the Parquet file', '≤ 300 ms');
  } finally {
    await worker.terminate();
  }
  report('key lookup, stored key column (keys/0.out)', 'stored', await lookups(run, () => new RunFolderTraceSource(runDir)), readCsv, 'readFile of the CSV', '≤ 300 ms');

  // trace once loaded: the first trace reads the lineage arrays, snapshots and the source row; the second builds
  // the lineage arrays' inverse indexes; the next ones are lookups. A freshly read run: nothing cached from above.
  const fresh = (await readRun(runDir)).run;
  const source = new RunFolderTraceSource(runDir);
  const start = { dataset: src0.outputs[0]!.name, position: sourceRow };
  const first = await timed(() => traceRecord(fresh, start, source));
  const steps = first.value.steps;
  if (steps.length < 8 || !steps.some((s) => s.step.kind === 'predict' && s.outputs.some((o) => o.positions.length))) {
    throw new Error(`the trace does not reach predict_proba: ${steps.map((s) => `${s.step.function}:${s.fate}`).join(' → ')}`);
  }
  const second = await timed(() => traceRecord(fresh, start, source));
  const warm = await sequential(Math.max(repeat, 9), () => timed(() => traceRecord(fresh, start, source)));
  const filter = fresh.steps.find((s) => s.kind === 'select')!.outputs[0]!;
  const positions = (await source.lineage(filter)).positions!;
  const scan = median(
    await sequential(9, async () => {
      const t0 = performance.now();
      positions.indexOf(-2); // one full pass, as following one row through one select step without an index
      return performance.now() - t0;
    }),
  );
  console.log(`trace: ${steps.length} steps (${steps.map((s) => s.step.function).join(' → ')}); first trace (reads lineage arrays, snapshots, the source row) ${first.ms.toFixed(0)} ms, ${first.cpu.toFixed(0)} ms CPU; second (builds the inverse indexes) ${second.ms.toFixed(0)} ms, ${second.cpu.toFixed(0)} ms CPU`);
  report('trace of one key through 8 steps, loaded', 'trace', warm, scan, 'one pass over one 1M-entry lineage array', '≤ 10 ms, aim 1 ms');
  results.traceFirstMs = Math.round(first.ms);
  results.traceSecondMs = Math.round(second.ms);
  console.log(JSON.stringify({ rows: src0.outputs[0]!.rowCount, ...results, readCsvMs: Number(readCsv.toFixed(1)), readParquetMs: Number(readPq.toFixed(1)), scanMs: Number(scan.toFixed(2)), loadavg: loadavg() }));
}

async function sequential<T>(n: number, f: () => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < n; i++) out.push(await f());
  return out;
}
