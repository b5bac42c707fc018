/**
 * The data viewer's side of the tables worker: opens a file through openTable (decoding in this
 * thread, since it already is the worker), keeps the tables by handle, and answers window, query,
 * stats and close requests. A file whose decoded size is over the viewer's memory bound is read part
 * by part as windows ask for rows (Parquet by row group, Arrow IPC by record batch, a CSV by chunks
 * of lines); TableInfo.limited says so.
 */
import { open as openFile, stat } from 'node:fs/promises';
import type { Table } from 'apache-arrow';
import { CsvError, csvTypeForDtype, parseCsv } from '../runlog/csv';
import { npyPositions, readNpy } from '../runlog/npy';
import { DecodeRefusal } from './bounds';
import { formatByExtension } from './detect';
import { columnsOf, openTable, TableReadError, type Decoder, type OpenedTable } from './index';
import { parquetHeadFile } from './parquetHead';
import { CsvChunks, CHUNK_BYTES } from './csvStream';
import { IpcBatches } from './ipcStream';
import { ParquetRowGroups } from './parquetStream';
import type { RowGroups } from './rowGroups';
import { MAX_WINDOW, TableView } from './window';
import { scanSourceForKey, sourceRowAt } from '../trace/sourceScan';
import type { OpenViewOptions, RowWindow, TableInfo, ViewRequest, ViewResults } from './viewTypes';

/** Decoded bytes one viewed table may take unless the caller says otherwise. */
export const VIEW_MAX_BYTES = 768 * 1024 ** 2;

let nextHandle = 1;

function mb(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.round(n / 1024 ** 2)} MB`;
}

function isBound(e: unknown): boolean {
  return e instanceof TableReadError && /memory bound|2 GiB a single read/.test(e.reason);
}

/** The rows in the first `bytes` of a CSV, cut after its last full line there. */
async function csvPrefix(file: string, bytes: number, o: OpenViewOptions): Promise<{ table: Table; size: number; cut: number }> {
  const size = (await stat(file)).size;
  const fh = await openFile(file, 'r');
  let head: Uint8Array;
  try {
    const buf = new Uint8Array(Math.min(size, bytes));
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    head = buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
  const cut = head.lastIndexOf(10) + 1;
  if (cut === 0) throw new TableReadError(file, `no line ends within the first ${mb(bytes)}`);
  try {
    return { table: parseCsv(head.subarray(0, cut), o.csvTypes ? { file, types: o.csvTypes } : { file }), size, cut };
  } catch (e) {
    if (e instanceof CsvError) throw new TableReadError(file, e.detail, e.line);
    throw e;
  }
}

/**
 * Parquet decodes its first rows in milliseconds and a 1M-row file in about a second: the viewer
 * opens with the first FIRST_ROWS (the first screen) and decodes the whole file on `load`, which the
 * host sends once the first window is on screen, or on the first request that needs more rows.
 */
export const FIRST_ROWS = 1000;
/** A CSV larger than this opens with the rows in its first FIRST_CSV_BYTES, then the whole file on `load`. */
export const FIRST_CSV_BYTES = 2 * 1024 ** 2;

interface Held {
  view: TableView;
  info: TableInfo;
  /** A file over the memory bound, read one row group / record batch at a time (then `view` is unused). */
  stream?: { groups: RowGroups; positions?: Int32Array };
  /** Decodes the whole table (a view opened with its first rows only); memoised. */
  full?: () => Promise<void>;
}

const held = new Map<number, Held>();

function csvTypesOf(options: OpenViewOptions): OpenViewOptions['csvTypes'] {
  if (options.csvTypes || !options.pandasDtypes) return options.csvTypes;
  const types: NonNullable<OpenViewOptions['csvTypes']> = {};
  for (const [name, dtype] of Object.entries(options.pandasDtypes)) types[name] = csvTypeForDtype(dtype);
  return types;
}

async function readPositions(o: OpenViewOptions, rows: number): Promise<Int32Array | undefined> {
  if (!o.positionsFile) return undefined;
  const positions = npyPositions(await readNpy(o.positionsFile));
  if (positions.length < rows) throw new TableReadError(o.positionsFile, `has ${positions.length} positions but the snapshot has ${rows} rows`);
  return positions;
}

function infoOf(handle: number, opened: OpenedTable, rowCount: number | null, loadedRows: number, positions: Int32Array | undefined, limited?: string): TableInfo {
  return {
    handle,
    format: opened.format,
    rowCount,
    loadedRows,
    columns: columnsOf(opened.table),
    ...(limited ? { limited } : {}),
    hasPositions: positions !== undefined,
  };
}

function streamedNote(maxBytes: number, groups: number, unit: 'row group' | 'record batch' | 'chunk'): string {
  const units = unit === 'record batch' ? 'record batches' : `${unit}s`;
  if (unit === 'chunk') return `This CSV is over the viewer's ${mb(maxBytes)} memory bound: its rows are read one chunk of about ${mb(CHUNK_BYTES)} at a time as you scroll (${groups.toLocaleString('en-US')} ${units}; column types from the first chunk); sort, filter and column statistics need the whole table in memory and are off.`;
  return `This file decodes to more than the viewer's ${mb(maxBytes)} memory bound: its rows are read one ${unit} at a time as you scroll (${groups.toLocaleString('en-US')} ${units}); sort, filter and column statistics need the whole table in memory and are off.`;
}

/**
 * The first FIRST_ROWS rows of a Parquet file read from the pages that hold them (the file is not
 * read whole); undefined when that would read most of the file anyway.
 */
async function openParquetHead(file: string, maxBytes: number, decoder: Decoder): Promise<OpenedTable | undefined> {
  const small = await parquetHeadFile(file, FIRST_ROWS);
  if (!small) return undefined;
  const { table } = await decoder({ kind: 'parquet', bytes: small.bytes, maxBytes, head: FIRST_ROWS });
  return { file, format: 'parquet', rowCount: small.rowCount, schema: columnsOf(table), table };
}

/**
 * A file over the bound, read part by part: Parquet by row group, Arrow IPC by record batch, a CSV
 * by chunks of lines;
 * `into` is updated in place when given.
 */
async function openStream(file: string, o: OpenViewOptions, handle: number, maxBytes: number, decoder: Decoder, into?: Held): Promise<Held> {
  const format = o.format ?? formatByExtension(file);
  const parquet = format === 'parquet';
  let groups: RowGroups;
  try {
    groups = parquet
      ? await ParquetRowGroups.open(file, maxBytes)
      : format === 'csv'
        ? await CsvChunks.open(file, maxBytes, o.csvTypes)
        : await IpcBatches.open(file, maxBytes, async (bytes, max) => (await decoder({ kind: 'ipc', bytes, maxBytes: max })).table);
  } catch (e) {
    if (e instanceof DecodeRefusal) throw new TableReadError(file, e.reason);
    throw e;
  }
  if (!groups.groups) throw new TableReadError(file, 'over the memory bound and holds no row group or record batch to read one at a time');
  const first = await groups.group(0);
  const positions = await readPositions(o, groups.rowCount);
  const info: TableInfo = {
    handle,
    format: format ?? 'arrow',
    rowCount: groups.rowCount,
    loadedRows: groups.rowCount,
    columns: columnsOf(first),
    limited: streamedNote(maxBytes, groups.groups, parquet ? 'row group' : format === 'csv' ? 'chunk' : 'record batch'),
    hasPositions: positions !== undefined,
    streamed: true,
  };
  const entry = into ?? { view: new TableView(first), info };
  entry.info = info;
  entry.view = new TableView(first);
  entry.stream = { groups, ...(positions ? { positions } : {}) };
  entry.full = undefined;
  return entry;
}

async function streamWindow(stream: NonNullable<Held['stream']>, start: number, count: number): Promise<RowWindow> {
  const { groups, positions } = stream;
  if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 0) throw new RangeError(`bad window ${start} + ${count}`);
  const end = Math.min(groups.rowCount, start + Math.min(count, MAX_WINDOW));
  const w: RowWindow = { start, rows: [], rowIds: [], total: groups.rowCount };
  for (let r = start; r < end;) {
    const g = groups.groupOf(r);
    const stop = Math.min(end, groups.starts[g + 1]);
    const part = new TableView(await groups.group(g)).window(r - groups.starts[g], stop - r);
    w.rows.push(...part.rows);
    w.rowIds.push(...part.rowIds.map((id) => id + groups.starts[g]));
    r = stop;
  }
  if (positions) w.positions = w.rowIds.map((id) => positions[id]);
  return w;
}

export async function openView(file: string, options: OpenViewOptions, decoder: Decoder): Promise<TableInfo> {
  const maxBytes = options.maxBytes ?? VIEW_MAX_BYTES;
  const o: OpenViewOptions = { ...options, csvTypes: csvTypesOf(options) };
  const handle = nextHandle++;
  if ((o.format ?? formatByExtension(file)) === 'parquet') {
    // First screen: the first rows, from a small file of the pages that hold them (parquetHead.ts),
    // or from the whole file's bytes when that cannot be made.
    let first: OpenedTable | undefined;
    let bytes: Uint8Array | undefined;
    try {
      first = await openParquetHead(file, maxBytes, decoder);
    } catch {
      first = undefined; // read the file whole below, which reports what is wrong with it
    }
    if (!first) {
      const keep: Decoder = (req) => { bytes = req.bytes; return decoder(req); };
      try {
        first = await openTable(file, { format: 'parquet', maxBytes, head: FIRST_ROWS }, keep);
      } catch (e) {
        if (!isBound(e)) throw e;
        // Over the bound even for its first rows, or past Node's 2 GiB single read: by row group.
        const entry = await openStream(file, o, handle, maxBytes, decoder);
        held.set(handle, entry);
        return entry.info;
      }
    }
    if (first.table.numRows < first.rowCount) {
      const positions = await readPositions(o, first.table.numRows);
      const info = infoOf(handle, first, first.rowCount, first.rowCount, positions);
      let loading: Promise<void> | undefined;
      const entry: Held = { view: new TableView(first.table, positions, first.rowCount), info };
      const head = first;
      entry.full = () => (loading ??= (async () => {
        let table: Table;
        let rowCount: number;
        try {
          if (bytes) ({ table, rowCount } = await decoder({ kind: 'parquet', bytes, maxBytes }));
          else ({ table, rowCount } = await openTable(file, { format: 'parquet', maxBytes }, decoder));
        } catch (e) {
          if (!isBound(e) && !(e instanceof DecodeRefusal && /memory bound/.test(e.reason))) throw e;
          bytes = undefined;
          await openStream(file, o, handle, maxBytes, decoder, entry);
          return;
        }
        bytes = undefined;
        const pos = await readPositions(o, table.numRows);
        entry.view = new TableView(table, pos);
        entry.info = infoOf(handle, { ...head, table, rowCount }, rowCount, table.numRows, pos);
        entry.full = undefined;
      })());
      held.set(handle, entry);
      return info;
    }
    const positions = await readPositions(o, first.table.numRows);
    const info = infoOf(handle, first, first.rowCount, first.table.numRows, positions);
    held.set(handle, { view: new TableView(first.table, positions), info });
    return info;
  }
  if ((o.format ?? formatByExtension(file)) === 'csv' && !o.positionsFile && (await stat(file).then((st) => st.size, () => 0)) > FIRST_CSV_BYTES) {
    // A big CSV parses at ~20 MB/s: the first screen comes from its first lines, the whole file on
    // `load`. Column types are inferred again over the whole file (the info is sent again).
    const { table } = await csvPrefix(file, FIRST_CSV_BYTES, o);
    const first: OpenedTable = { file, format: 'csv', rowCount: table.numRows, schema: [], table };
    const entry: Held = { view: new TableView(table), info: infoOf(handle, first, null, table.numRows, undefined) };
    let loading: Promise<void> | undefined;
    entry.full = () => (loading ??= (async () => {
      let whole: OpenedTable;
      try {
        whole = await openTable(file, { format: 'csv', ...(o.csvTypes ? { csvTypes: o.csvTypes } : {}), maxBytes }, decoder);
      } catch (e) {
        if (!isBound(e)) throw e;
        await openStream(file, o, handle, maxBytes, decoder, entry);
        return;
      }
      entry.view = new TableView(whole.table);
      entry.info = infoOf(handle, whole, whole.rowCount, whole.table.numRows, undefined);
      entry.full = undefined;
    })());
    held.set(handle, entry);
    return entry.info;
  }
  let opened: OpenedTable;
  try {
    opened = await openTable(file, { ...(o.format ? { format: o.format } : {}), ...(o.csvTypes ? { csvTypes: o.csvTypes } : {}), maxBytes }, decoder);
  } catch (e) {
    if (!isBound(e)) throw e;
    // Over the bound: Arrow record batch by record batch, a CSV chunk by chunk, from disk.
    const entry = await openStream(file, o, handle, maxBytes, decoder);
    held.set(handle, entry);
    return entry.info;
  }
  const positions = await readPositions(o, opened.table.numRows);
  const info = infoOf(handle, opened, opened.rowCount, opened.table.numRows, positions);
  held.set(handle, { view: new TableView(opened.table, positions), info });
  return info;
}

function heldOf(handle: number): Held {
  const h = held.get(handle);
  if (!h) throw new DecodeRefusal(`no open table ${handle} (closed?)`);
  return h;
}

/** The held table once whole (decoding the rest first when only the first rows are held). */
async function whole(handle: number): Promise<Held> {
  const h = heldOf(handle);
  if (h.full) await h.full();
  return h;
}

/** The whole table's view; refused for a file streamed by row group. */
async function fullView(handle: number): Promise<TableView> {
  const h = await whole(handle);
  if (h.stream) throw new DecodeRefusal('sort, filter and column statistics are off for a file over the memory bound (it is read one part at a time)');
  return h.view;
}

/** Answers one viewer request; errors are thrown (TableReadError, DecodeRefusal, RangeError…). */
export async function handleView(req: ViewRequest, decoder: Decoder): Promise<ViewResults[keyof ViewResults]> {
  switch (req.op) {
    case 'open': return openView(req.file, req.options, decoder);
    case 'load': return (await whole(req.handle)).info;
    case 'window': {
      const h = heldOf(req.handle);
      if (!h.stream && h.view.holds(req.start, req.count)) return h.view.window(req.start, req.count);
      const w = await whole(req.handle);
      return w.stream ? streamWindow(w.stream, req.start, req.count) : w.view.window(req.start, req.count);
    }
    case 'query': return { total: (await fullView(req.handle)).query(req.query) };
    case 'queryText': {
      // No filter and no sort is the file order: the first rows (or the row groups) answer it.
      const h = heldOf(req.handle);
      if (!req.filters.some((f) => f.text.trim()) && !req.sort && (h.full || h.stream)) return { total: h.stream ? h.stream.groups.rowCount : h.view.total };
      return { total: (await fullView(req.handle)).queryText(req.filters, req.sort) };
    }
    case 'stats': return (await fullView(req.handle)).stats(req.column);
    case 'close': held.delete(req.handle); return null;
    case 'scanKey': return (await scanSourceForKey(req.file, req.output, req.column, req.value, req.args)) ?? null;
    case 'sourceRow': return (await sourceRowAt(req.file, req.output, req.position, req.args)) ?? null;
  }
}

/** Tables held (for the worker's idle policy and tests). */
export function openViews(): number {
  return held.size;
}
