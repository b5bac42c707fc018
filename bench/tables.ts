/**
 * Benchmark: opening a 1M × 20 table step through the table reader (core/tables).
 *
 *   npx tsx bench/tables.ts [--repeat 5] [--no-hyparquet]
 *
 * Data (generated here once, cached in ~/.cache/skewer-test/bench, override SKEWER_TEST_CACHE): 1,000,000
 * rows × 20 columns like research-performance.md's: a shuffled int64 id, 12 float64 (one with 2 % nulls),
 * 4 Utf8 with 5 / 60 / 1,000 / 20,000 distinct values, 2 bool, 1 timestamp[ms]. Written as an uncompressed
 * Arrow IPC file (apache-arrow) and a snappy Parquet file (parquet-wasm's writer, arrow-rs, one row group).
 * (No compressed IPC here: apache-arrow 21's writer puts the compressed length where the format wants the
 * uncompressed one, so the reader rightly refuses its output; pyarrow-written LZ4/ZSTD files are tested.)
 *
 * Figures (median of --repeat, in this process):
 *   arrow snapshot   readSnapshotFile(.arrow) (what a run step load does)     target ≤ 150 ms
 *   parquet first    openTable(.parquet) in fresh decode workers (start, wasm instantiate and growth)  ≤ 800 ms
 *   parquet next     openTable(.parquet) in the warm workers                   target ≤ 300 ms
 *   (each paired with the one-worker path: readFile + one decode of the whole file; CPU time of all threads)
 *   hyparquet        the same Parquet file with hyparquet (pure JS, columnar onChunk), for the choice
 * Baselines measured in the same run: reading the file's bytes (readFile), and tableFromIPC on the
 * uncompressed bytes already in memory. Last line of output is JSON.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { loadavg, homedir } from 'node:os';
import * as path from 'node:path';
import {
  Bool, Data, Field, Float64, Int64, RecordBatch, Schema, Struct, Table,
  tableFromIPC, tableToIPC, TimestampMillisecond, Utf8, type DataType,
} from 'apache-arrow';
import { buildSync } from 'esbuild';
import type * as Reader from './tablesEntry';
import { arg, median, rng } from './util';

const ROOT = path.resolve(__dirname, '..');
const WORK = path.join(ROOT, 'bench', '.work', 'tables');
const ROWS = 1_000_000;
const CACHE = path.join(process.env.SKEWER_TEST_CACHE ?? path.join(homedir(), '.cache', 'skewer-test'), 'bench');
const ARROW = path.join(CACHE, 'tables-1m20.arrow');
const PARQUET = path.join(CACHE, 'tables-1m20-snappy.parquet');

function column(type: DataType, length: number, buffers: unknown[], nullCount = 0): Data {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return new Data(type, 0, length, nullCount, buffers as any);
}

/** Utf8 column of `distinct` values, built straight into offsets + bytes (vectorFromArray takes seconds). */
function strings(rand: () => number, distinct: number, prefix: string): Data {
  const enc = new TextEncoder();
  const values = Array.from({ length: distinct }, (_, i) => enc.encode(`${prefix}-${i.toString(36)}`));
  const picks = new Uint32Array(ROWS);
  let total = 0;
  for (let i = 0; i < ROWS; i++) { picks[i] = Math.floor(rand() * distinct); total += values[picks[i]].length; }
  const offsets = new Int32Array(ROWS + 1);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < ROWS; i++) { bytes.set(values[picks[i]], at); at += values[picks[i]].length; offsets[i + 1] = at; }
  return column(new Utf8(), ROWS, [offsets, bytes]);
}

function generate(): Table {
  const rand = rng(42);
  const fields: Field[] = [];
  const cols: Data[] = [];
  const add = (name: string, d: Data) => { fields.push(new Field(name, d.type, true)); cols.push(d); };
  const ids = new BigInt64Array(ROWS);
  for (let i = 0; i < ROWS; i++) ids[i] = BigInt(i);
  for (let i = ROWS - 1; i > 0; i--) { const j = Math.floor(rand() * (i + 1)); const t = ids[i]; ids[i] = ids[j]; ids[j] = t; }
  add('id', column(new Int64(), ROWS, [undefined, ids]));
  for (let c = 0; c < 12; c++) {
    const v = new Float64Array(ROWS);
    for (let i = 0; i < ROWS; i++) v[i] = c % 3 === 0 ? rand() * 1000 : c % 3 === 1 ? -Math.log(rand() + 1e-12) : (rand() + rand() + rand()) * 10;
    if (c === 0) {
      const valid = new Uint8Array(ROWS >> 3).fill(0xff);
      let nulls = 0;
      for (let i = 0; i < ROWS; i++) if (rand() < 0.02) { valid[i >> 3] &= ~(1 << (i & 7)); nulls++; }
      add(`f${c}`, column(new Float64(), ROWS, [undefined, v, valid], nulls));
    } else add(`f${c}`, column(new Float64(), ROWS, [undefined, v]));
  }
  [5, 60, 1000, 20000].forEach((n, k) => add(`cat${k}`, strings(rand, n, ['seg', 'region', 'city', 'user'][k])));
  for (let c = 0; c < 2; c++) {
    const bits = new Uint8Array(ROWS >> 3);
    for (let i = 0; i < bits.length; i++) bits[i] = Math.floor(rand() * 256);
    add(`b${c}`, column(new Bool(), ROWS, [undefined, bits]));
  }
  const ts = new BigInt64Array(ROWS);
  for (let i = 0; i < ROWS; i++) ts[i] = BigInt(1_700_000_000_000 + Math.floor(rand() * 3e10));
  add('ts', column(new TimestampMillisecond(), ROWS, [undefined, ts]));
  const schema = new Schema(fields);
  return new Table(schema, [new RecordBatch(schema, new Data(new Struct(fields), 0, ROWS, 0, undefined, cols))]);
}

async function ensureFiles(): Promise<void> {
  if ([ARROW, PARQUET].every(existsSync)) return;
  mkdirSync(CACHE, { recursive: true });
  console.log(`generating 1M × 20 in ${CACHE} …`);
  const t = generate();
  const write = (file: string, bytes: Uint8Array) => { writeFileSync(`${file}.tmp`, bytes); renameSync(`${file}.tmp`, file); };
  write(ARROW, tableToIPC(t, 'file'));
  const pw = await import('parquet-wasm/node');
  const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.SNAPPY).setMaxRowGroupSize(ROWS).build();
  write(PARQUET, pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(t, 'stream')), props));
}

async function time<T>(fn: () => Promise<T> | T): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
}

/**
 * The reader as the extension ships it: esbuild bundles (minified) of the reader and of the decode
 * worker, with parquet-wasm's wasm beside the worker (tsx would add its transpiler to every call).
 */
function buildReader(): typeof Reader {
  const common = { bundle: true, minify: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'error' } as const;
  buildSync({ ...common, entryPoints: [path.join(ROOT, 'bench', 'tablesEntry.ts')], outfile: path.join(WORK, 'reader.js') });
  buildSync({ ...common, entryPoints: [path.join(ROOT, 'src', 'workers', 'tables.worker.ts')], outfile: path.join(WORK, 'workers', 'tables.worker.js') });
  copyFileSync(path.join(ROOT, 'node_modules', 'parquet-wasm', 'esm', 'parquet_wasm_bg.wasm'), path.join(WORK, 'workers', 'parquet_wasm_bg.wasm'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(path.join(WORK, 'reader.js'));
}

async function main(): Promise<void> {
  const repeat = arg('repeat', 5);
  await ensureFiles();
  const { openTable, readSnapshotFile, decodeWorker, terminateDecodeWorkers } = buildReader();
  const mb = (f: string) => (statSync(f).size / 1e6).toFixed(1);
  console.log(`tables: 1M × 20; arrow ${mb(ARROW)} MB, parquet snappy ${mb(PARQUET)} MB; load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);

  // Baselines.
  const readArrow: number[] = [];
  const readParquet: number[] = [];
  const fromIpc: number[] = [];
  const inMemory = readFileSync(ARROW);
  for (let i = 0; i < repeat; i++) {
    readArrow.push((await time(() => readFile(ARROW)))[0]);
    readParquet.push((await time(() => readFile(PARQUET)))[0]);
    fromIpc.push((await time(() => tableFromIPC(inMemory).numRows))[0]);
  }

  // Arrow snapshot step, as the run reader loads it.
  const arrowOpen: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const [ms, t] = await time(() => readSnapshotFile(ARROW, 'arrow'));
    if (t.numRows !== ROWS || t.numCols !== 20) throw new Error(`arrow: read ${t.numRows} × ${t.numCols}`);
    arrowOpen.push(ms);
  }

  // Parquet: first open in fresh workers (each sample terminates the decode workers first), then
  // warm; each openTable sample is paired with the one-worker path (readFile, then one decode of
  // the whole file: what openTable did before files were split across workers), order alternated.
  // CPU time is the process's, all threads.
  const first: number[] = [];
  const next: number[] = [];
  const firstOne: number[] = [];
  const nextOne: number[] = [];
  const cpu: Record<'first' | 'next' | 'firstOne' | 'nextOne', number[]> = { first: [], next: [], firstOne: [], nextOne: [] };
  const timed = async (key: keyof typeof cpu, out: number[], fn: () => Promise<{ rowCount: number; table: { numCols: number; numRows: number } }>) => {
    const c0 = process.cpuUsage();
    const [ms, t] = await time(fn);
    const c = process.cpuUsage(c0);
    if (t.rowCount !== ROWS || t.table.numRows !== ROWS || t.table.numCols !== 20) throw new Error(`parquet: read ${t.table.numRows} of ${t.rowCount} × ${t.table.numCols}`);
    out.push(ms);
    cpu[key].push((c.user + c.system) / 1000);
  };
  const oneWorker = async () => {
    decodeWorker().prestart();
    return decodeWorker().decode({ kind: 'parquet', bytes: await readFile(PARQUET), maxBytes: 2 ** 31 });
  };
  for (let i = 0; i < Math.max(3, Math.ceil(repeat / 2)); i++) {
    for (const split of i % 2 ? [false, true] : [true, false]) {
      await terminateDecodeWorkers();
      await (split ? timed('first', first, () => openTable(PARQUET)) : timed('firstOne', firstOne, oneWorker));
    }
  }
  for (let i = 0; i < repeat; i++) {
    for (const split of i % 2 ? [false, true] : [true, false]) {
      await (split ? timed('next', next, () => openTable(PARQUET)) : timed('nextOne', nextOne, oneWorker));
    }
  }
  await terminateDecodeWorkers();

  let hyparquet: number | undefined;
  if (!process.argv.includes('--no-hyparquet')) {
    const { parquetRead } = await import('hyparquet');
    const samples: number[] = [];
    for (let i = 0; i < 2; i++) {
      samples.push((await time(async () => {
        const buf = await readFile(PARQUET);
        const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
        let cells = 0;
        await parquetRead({ file: ab, onChunk: (c: { columnData: ArrayLike<unknown> }) => { cells += c.columnData.length; } });
        if (cells !== ROWS * 20) throw new Error(`hyparquet: ${cells} cells`);
      }))[0]);
    }
    hyparquet = median(samples);
  }

  const r = {
    readArrowMs: median(readArrow), readParquetMs: median(readParquet), tableFromIpcMs: median(fromIpc),
    arrowOpenMs: median(arrowOpen), parquetFirstMs: median(first), parquetNextMs: median(next),
    parquetFirstOneWorkerMs: median(firstOne), parquetNextOneWorkerMs: median(nextOne),
    cpuMs: Object.fromEntries(Object.entries(cpu).map(([k, v]) => [k, Math.round(median(v))])),
    hyparquetMs: hyparquet,
  };
  const f = (x: number) => `${x.toFixed(0)} ms`;
  const x = (a: number, b: number) => `${(a / b).toFixed(1)}×`;
  console.log(`baseline  readFile arrow ${f(r.readArrowMs)}, readFile parquet ${f(r.readParquetMs)}, tableFromIPC in memory ${f(r.tableFromIpcMs)}`);
  console.log(`arrow snapshot open   ${f(r.arrowOpenMs)} (target ≤ 150) = ${x(r.arrowOpenMs, r.readArrowMs)} readFile  [samples ${arrowOpen.map((v) => v.toFixed(0)).join(', ')}]`);
  const samples = (v: number[]) => v.map((n) => n.toFixed(0)).join(', ');
  console.log(`parquet first open    ${f(r.parquetFirstMs)} (target ≤ 800) = ${x(r.parquetFirstMs, r.readParquetMs)} readFile, ${x(r.parquetFirstMs, r.parquetFirstOneWorkerMs)} one worker  [samples ${samples(first)}; CPU ${f(r.cpuMs.first)}; fresh workers: start, wasm instantiate, wasm memory growth]`);
  console.log(`  one worker          ${f(r.parquetFirstOneWorkerMs)}  [samples ${samples(firstOne)}; CPU ${f(r.cpuMs.firstOne)}]`);
  console.log(`parquet next open     ${f(r.parquetNextMs)} (target ≤ 300) = ${x(r.parquetNextMs, r.readParquetMs)} readFile, ${x(r.parquetNextMs, r.parquetNextOneWorkerMs)} one worker  [samples ${samples(next)}; CPU ${f(r.cpuMs.next)}]`);
  console.log(`  one worker          ${f(r.parquetNextOneWorkerMs)}  [samples ${samples(nextOne)}; CPU ${f(r.cpuMs.nextOne)}]`);
  if (hyparquet !== undefined) console.log(`hyparquet (main thread, columnar) ${f(hyparquet)} = ${x(hyparquet, r.parquetNextMs)} parquet-wasm warm`);
  console.log(JSON.stringify({ bench: 'tables', ...r, loadavg: loadavg()[0] }));
}

main().catch((e) => { console.error(e); process.exit(1); });
