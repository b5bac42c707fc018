/**
 * One table reader for Parquet, Arrow IPC (file and stream), Feather v2 and CSV:
 * `openTable(file, options)` → schema (Arrow types), row count and an Arrow table, with the
 * format picked by magic bytes, then extension. Plain Arrow IPC is read zero-copy on the
 * calling thread (it costs about as much as reading the file); Parquet and compressed IPC are
 * decoded in the terminable decode worker; CSV goes through the runlog's byte-level CSV engine.
 * Every refusal is a TableReadError naming the file with a one-line reason. See
 * docs/table-readers.md.
 */
import { open, readFile, stat } from 'node:fs/promises';
import * as os from 'node:os';
import { RecordBatch, Table } from 'apache-arrow';
import { CsvError, parseCsv } from '../runlog/csv';
import { boundMessage, DecodeRefusal } from './bounds';
import { decodeWorker, decodeWorkers, WorkerRefusal } from './decodeWorker';
import { detectFormat, formatByExtension } from './detect';
import { decodeIpc, layoutOf, neededBytes } from './ipc';
import { arrowTypeName } from './typeName';
import type { DecodeRequest } from './workerProtocol';
import { DEFAULT_MAX_BYTES, TableReadError, type ColumnInfo, type OpenedTable, type OpenTableOptions, type TableFormat } from './types';

export { DEFAULT_MAX_BYTES, TABLE_FORMATS, TableReadError } from './types';
export type { ColumnInfo, OpenedTable, OpenTableOptions, TableFormat } from './types';
export { tableRows, type JsonValue } from './jsonValues';
export { arrowTypeName } from './typeName';
export { decodeWorker, terminateDecodeWorkers } from './decodeWorker';

/** Node's readFile refuses files of 2 GiB and more. */
const MAX_FILE_BYTES = 2 ** 31 - 1;

/**
 * A whole Parquet file from this size is decoded in two row ranges by two workers at once, its
 * bytes shared with them, not copied, when a core is idle. The split costs about 25 % more CPU
 * (each worker copies the whole file into its wasm heap; bench/tables.ts), so on a busy machine
 * (load average above cores − 1) it would only make the open slower: one worker then.
 */
export const SPLIT_BYTES = 16 * 1024 * 1024;
const CORES = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;

/** Whether a second core is idle now (replaceable in tests). */
export const parquetSplit = { idleCore: (): boolean => CORES >= 2 && os.loadavg()[0] < CORES - 1 };

function parquetParts(size: number, options: OpenTableOptions): number {
  return options.head === undefined && size >= SPLIT_BYTES && parquetSplit.idleCore() ? 2 : 1;
}

/** Reads a whole file into a SharedArrayBuffer (for several decode workers). */
async function readShared(file: string, size: number): Promise<Uint8Array> {
  const bytes = new Uint8Array(new SharedArrayBuffer(size));
  const handle = await open(file, 'r');
  try {
    let at = 0;
    while (at < size) {
      const { bytesRead } = await handle.read(bytes, at, size - at, at);
      if (bytesRead === 0) throw new Error(`file shrank to ${at} bytes while being read`);
      at += bytesRead;
    }
    return bytes;
  } finally {
    await handle.close();
  }
}

export function columnsOf(table: Table): ColumnInfo[] {
  return table.schema.fields.map((f) => ({ name: f.name, type: arrowTypeName(f.type), nullable: f.nullable }));
}

function checkOptions(file: string, o: OpenTableOptions): void {
  if (o.head !== undefined && (!Number.isInteger(o.head) || o.head < 0)) throw new TableReadError(file, `head must be a whole number ≥ 0, got ${o.head}`);
  if (o.maxBytes !== undefined && !(o.maxBytes > 0)) throw new TableReadError(file, `maxBytes must be positive, got ${o.maxBytes}`);
}

/** `share(size)`: read into a SharedArrayBuffer when it says so (see readShared). */
async function readBytes(file: string, maxBytes: number, format?: TableFormat, share?: (size: number) => boolean): Promise<Uint8Array> {
  let size: number;
  try {
    const s = await stat(file);
    if (s.isDirectory()) throw new TableReadError(file, 'is a directory, not a table file');
    size = s.size;
  } catch (e) {
    if (e instanceof TableReadError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw code === 'ENOENT' ? new TableReadError(file, 'no such file', undefined, true) : new TableReadError(file, `cannot read: ${(e as Error).message}`);
  }
  if (size > MAX_FILE_BYTES) throw new TableReadError(file, `file of ${size} bytes is larger than the 2 GiB a single read allows`);
  // A CSV decodes to about its own size at least: refuse before reading it.
  if ((format ?? formatByExtension(file)) === 'csv' && size > maxBytes) {
    throw new TableReadError(file, boundMessage('file size', size, maxBytes));
  }
  try {
    return share?.(size) ? await readShared(file, size) : await readFile(file);
  } catch (e) {
    throw new TableReadError(file, `cannot read: ${(e as Error).message}`);
  }
}

/**
 * Decodes Parquet and compressed Arrow IPC. The default hands them to the decode worker; code that
 * already runs in that worker (the data viewer's tables) passes one that decodes in-process.
 */
export type Decoder = (req: Omit<DecodeRequest, 'id'>) => Promise<{ table: Table; rowCount: number }>;

/** Reads a table file; see OpenTableOptions. Throws TableReadError for anything it cannot read. */
export async function openTable(file: string, options: OpenTableOptions = {}, decoder?: Decoder): Promise<OpenedTable> {
  checkOptions(file, options);
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const parquet = !decoder && (options.format ?? formatByExtension(file)) === 'parquet';
  // Start the decode workers now: their start overlaps the file read.
  const share = (size: number): boolean => {
    if (!parquet) return false;
    const parts = parquetParts(size, options);
    for (const w of decodeWorkers(parts)) w.prestart();
    return parts > 1;
  };
  const bytes = await readBytes(file, maxBytes, options.format, share);
  return decodeBytes(file, bytes, options, true, decoder);
}

/**
 * Like openTable for bytes already in memory; `file` names them in errors and helps pick the
 * format. The bytes are left intact (copied when they go to the decode worker).
 */
export function readTableBytes(file: string, bytes: Uint8Array, options: OpenTableOptions = {}): Promise<OpenedTable> {
  checkOptions(file, options);
  return decodeBytes(file, bytes, options, false);
}

/** `owned`: the bytes may be handed to the worker (detached here) instead of copied. */
async function decodeBytes(file: string, bytes: Uint8Array, options: OpenTableOptions, owned: boolean, decoder?: Decoder): Promise<OpenedTable> {
  const decode: Decoder = decoder ?? ((r) => decodeWorker().decode(r));
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  // new Uint8Array(view) copies (a Buffer's slice() would not).
  const forWorker = () => (owned ? bytes : new Uint8Array(bytes));
  const req = { maxBytes, ...(options.head !== undefined ? { head: options.head } : {}), ...(options.columns ? { columns: options.columns } : {}) };
  try {
    const format = detectFormat(file, bytes, options.format);
    let result: { table: Table; rowCount: number };
    if (format === 'csv') {
      result = readCsv(file, bytes, options, maxBytes);
    } else if (format === 'parquet') {
      // Split across workers only on the default decoder (not inside a worker).
      const parts = decoder ? 1 : parquetParts(bytes.length, options);
      const shared = bytes.buffer instanceof SharedArrayBuffer;
      result = parts > 1 && (shared || !owned)
        ? await decodeParquetParts(shared ? bytes : copyShared(bytes), req, parts)
        : await decode({ kind: 'parquet', bytes: forWorker(), ...req });
    } else {
      const layout = layoutOf(bytes);
      if (layout.compression) {
        const needed = neededBytes(layout, options.head);
        if (needed > maxBytes) throw new DecodeRefusal(boundMessage('decoded size', needed, maxBytes));
        result = await decode({ kind: 'ipc', bytes: forWorker(), ...req });
      } else {
        result = decodeIpc(bytes, req, layout);
      }
    }
    return { file, format, rowCount: result.rowCount, schema: columnsOf(result.table), table: result.table };
  } catch (e) {
    if (e instanceof DecodeRefusal) throw new TableReadError(file, e.reason);
    if (e instanceof WorkerRefusal) throw new TableReadError(file, e.message);
    if (e instanceof TableReadError) throw e;
    throw new TableReadError(file, (e as Error).message.split('\n')[0]);
  }
}

function copyShared(bytes: Uint8Array): Uint8Array {
  const copy = new Uint8Array(new SharedArrayBuffer(bytes.length));
  copy.set(bytes);
  return copy;
}

/**
 * One Parquet file decoded by `parts` workers at once, each a range of its rows (parquet-wasm's
 * offset/limit: pages before the range are skipped, not decoded), merged in order. Each worker
 * checks the whole file's footer estimate and its own decoded size against the bound; the sum is
 * checked here.
 */
async function decodeParquetParts(bytes: Uint8Array, req: { maxBytes: number; columns?: string[] }, parts: number): Promise<{ table: Table; rowCount: number }> {
  const settled = await Promise.allSettled(decodeWorkers(parts).map((w, index) => w.decode({ kind: 'parquet', bytes, ...req, part: { index, of: parts } })));
  const done = settled.map((r) => {
    if (r.status === 'rejected') throw r.reason;
    return r.value;
  });
  const schema = done[0].table.schema;
  const batches = done.flatMap((d) => d.table.batches.map((b) => new RecordBatch(schema, b.data)));
  const decoded = batches.reduce((n, b) => n + b.data.byteLength, 0);
  if (decoded > req.maxBytes) throw new DecodeRefusal(boundMessage('decoded size', decoded, req.maxBytes));
  return { table: new Table(schema, batches), rowCount: done[0].rowCount };
}

function readCsv(file: string, bytes: Uint8Array, options: OpenTableOptions, maxBytes: number): { table: Table; rowCount: number } {
  if (bytes.length > maxBytes) throw new DecodeRefusal(boundMessage('file size', bytes.length, maxBytes));
  let table: Table;
  try {
    table = parseCsv(bytes, options.csvTypes ? { file, types: options.csvTypes } : { file });
  } catch (e) {
    if (e instanceof CsvError) throw new TableReadError(file, e.detail, e.line);
    throw e;
  }
  const rowCount = table.numRows;
  if (options.columns) {
    const names = new Set(table.schema.fields.map((f) => f.name));
    const unknown = options.columns.filter((c) => !names.has(c));
    if (unknown.length) throw new DecodeRefusal(`no column ${unknown.map((c) => JSON.stringify(c)).join(', ')} (columns: ${[...names].join(', ')})`);
    table = table.select(options.columns);
  }
  if (options.head !== undefined && table.numRows > options.head) table = table.slice(0, options.head);
  return { table, rowCount };
}
