/**
 * One table reader for Parquet, Arrow IPC (file and stream), Feather v2 and CSV:
 * `openTable(file, options)` → schema (Arrow types), row count and an Arrow table, with the
 * format picked by magic bytes, then extension. Plain Arrow IPC is read zero-copy on the
 * calling thread (it costs about as much as reading the file); Parquet and compressed IPC are
 * decoded in the terminable decode worker; CSV goes through the runlog's byte-level CSV engine.
 * Every refusal is a TableReadError naming the file with a one-line reason. See
 * docs/table-readers.md.
 */
import { readFile, stat } from 'node:fs/promises';
import type { Table } from 'apache-arrow';
import { CsvError, parseCsv } from '../runlog/csv';
import { boundMessage, DecodeRefusal } from './bounds';
import { decodeWorker, WorkerRefusal } from './decodeWorker';
import { detectFormat, formatByExtension } from './detect';
import { decodeIpc, layoutOf, neededBytes } from './ipc';
import { arrowTypeName } from './typeName';
import type { DecodeRequest } from './workerProtocol';
import { DEFAULT_MAX_BYTES, TableReadError, type ColumnInfo, type OpenedTable, type OpenTableOptions, type TableFormat } from './types';

export { DEFAULT_MAX_BYTES, TABLE_FORMATS, TableReadError } from './types';
export type { ColumnInfo, OpenedTable, OpenTableOptions, TableFormat } from './types';
export { tableRows, type JsonValue } from './jsonValues';
export { arrowTypeName } from './typeName';
export { decodeWorker } from './decodeWorker';

/** Node's readFile refuses files of 2 GiB and more. */
const MAX_FILE_BYTES = 2 ** 31 - 1;

export function columnsOf(table: Table): ColumnInfo[] {
  return table.schema.fields.map((f) => ({ name: f.name, type: arrowTypeName(f.type), nullable: f.nullable }));
}

function checkOptions(file: string, o: OpenTableOptions): void {
  if (o.head !== undefined && (!Number.isInteger(o.head) || o.head < 0)) throw new TableReadError(file, `head must be a whole number ≥ 0, got ${o.head}`);
  if (o.maxBytes !== undefined && !(o.maxBytes > 0)) throw new TableReadError(file, `maxBytes must be positive, got ${o.maxBytes}`);
}

async function readBytes(file: string, maxBytes: number, format?: TableFormat): Promise<Uint8Array> {
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
    return await readFile(file);
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
  if (!decoder && (options.format ?? formatByExtension(file)) === 'parquet') decodeWorker().prestart();
  const bytes = await readBytes(file, maxBytes, options.format);
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
async function decodeBytes(file: string, bytes: Uint8Array, options: OpenTableOptions, owned: boolean, decoder: Decoder = (r) => decodeWorker().decode(r)): Promise<OpenedTable> {
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
      result = await decoder({ kind: 'parquet', bytes: forWorker(), ...req });
    } else {
      const layout = layoutOf(bytes);
      if (layout.compression) {
        const needed = neededBytes(layout, options.head);
        if (needed > maxBytes) throw new DecodeRefusal(boundMessage('decoded size', needed, maxBytes));
        result = await decoder({ kind: 'ipc', bytes: forWorker(), ...req });
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
