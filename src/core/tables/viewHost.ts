/**
 * The data viewer's side of the tables worker: opens a file through openTable (decoding in this
 * thread, since it already is the worker), keeps the tables by handle, and answers window, query,
 * stats and close requests. A file whose decoded size is over the viewer's memory bound is held in
 * part — its first rows (Arrow batches / Parquet rows up to the bound, a CSV's first bytes) — and
 * TableInfo.limited says so.
 */
import { open as openFile, stat } from 'node:fs/promises';
import { CsvError, csvTypeForDtype, parseCsv } from '../runlog/csv';
import { npyPositions, readNpy } from '../runlog/npy';
import { DecodeRefusal } from './bounds';
import { formatByExtension } from './detect';
import { columnsOf, openTable, TableReadError, type Decoder, type OpenedTable } from './index';
import { TableView } from './window';
import type { OpenViewOptions, TableInfo, ViewRequest, ViewResults } from './viewTypes';

/** Decoded bytes one viewed table may take unless the caller says otherwise. */
export const VIEW_MAX_BYTES = 768 * 1024 ** 2;

const views = new Map<number, TableView>();
let nextHandle = 1;

function mb(n: number): string {
  return n >= 1024 ** 3 ? `${(n / 1024 ** 3).toFixed(1)} GB` : `${Math.round(n / 1024 ** 2)} MB`;
}

function isBound(e: unknown): boolean {
  return e instanceof TableReadError && /memory bound|2 GiB a single read/.test(e.reason);
}

async function openLimited(file: string, o: OpenViewOptions, maxBytes: number, decoder: Decoder): Promise<{ opened: OpenedTable; limited: string; rowCount: number | null }> {
  const format = o.format ?? formatByExtension(file);
  if (format === 'csv') {
    // The first maxBytes of the file, cut after its last full line.
    const size = (await stat(file)).size;
    const fh = await openFile(file, 'r');
    let bytes: Uint8Array;
    try {
      const buf = new Uint8Array(Math.min(size, maxBytes));
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      bytes = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
    const cut = bytes.lastIndexOf(10);
    if (cut < 0) throw new TableReadError(file, `no line ends within the first ${mb(maxBytes)}`);
    try {
      const table = parseCsv(bytes.subarray(0, cut + 1), o.csvTypes ? { file, types: o.csvTypes } : { file });
      const opened: OpenedTable = { file, format: 'csv', rowCount: table.numRows, schema: [], table };
      return { opened, rowCount: null, limited: `This ${mb(size)} CSV is over the viewer's ${mb(maxBytes)} memory bound: showing its first ${table.numRows.toLocaleString('en-US')} rows (the first ${mb(cut + 1)}); statistics, sort and filter cover those rows.` };
    } catch (e) {
      if (e instanceof CsvError) throw new TableReadError(file, e.detail, e.line);
      throw e;
    }
  }
  // Parquet and Arrow check the bound from the footer / message headers before decoding, so
  // halving `head` until it fits costs a footer read per try, not a decode.
  let rowsTotal: number | undefined;
  for (let head = 1 << 24; head >= 1; head = Math.floor(head / 2)) {
    try {
      const opened = await openTable(file, { ...(o.format ? { format: o.format } : {}), maxBytes, head }, decoder);
      rowsTotal = opened.rowCount;
      if (opened.table.numRows >= opened.rowCount) continue; // head larger than the file: still over the bound
      return { opened, rowCount: opened.rowCount, limited: `This file decodes to more than the viewer's ${mb(maxBytes)} memory bound: showing its first ${opened.table.numRows.toLocaleString('en-US')} of ${opened.rowCount.toLocaleString('en-US')} rows; statistics, sort and filter cover those rows.` };
    } catch (e) {
      if (!isBound(e)) throw e;
    }
  }
  throw new TableReadError(file, `even its first rows are over the viewer's ${mb(maxBytes)} memory bound${rowsTotal ? ` (${rowsTotal} rows)` : ''}`);
}

export async function openView(file: string, options: OpenViewOptions, decoder: Decoder): Promise<TableInfo> {
  const maxBytes = options.maxBytes ?? VIEW_MAX_BYTES;
  const o = { ...options };
  if (o.pandasDtypes && !o.csvTypes) {
    o.csvTypes = {};
    for (const [name, dtype] of Object.entries(o.pandasDtypes)) o.csvTypes[name] = csvTypeForDtype(dtype);
  }
  let opened: OpenedTable;
  let limited: string | undefined;
  let rowCount: number | null;
  try {
    opened = await openTable(file, { ...(o.format ? { format: o.format } : {}), ...(o.csvTypes ? { csvTypes: o.csvTypes } : {}), maxBytes }, decoder);
    rowCount = opened.rowCount;
  } catch (e) {
    if (!isBound(e)) throw e;
    ({ opened, limited, rowCount } = await openLimited(file, o, maxBytes, decoder));
  }
  let positions: Int32Array | undefined;
  if (o.positionsFile) {
    positions = npyPositions(await readNpy(o.positionsFile));
    if (positions.length < opened.table.numRows) throw new TableReadError(o.positionsFile, `has ${positions.length} positions but the snapshot has ${opened.table.numRows} rows`);
  }
  const view = new TableView(opened.table, positions);
  const handle = nextHandle++;
  views.set(handle, view);
  return {
    handle,
    format: opened.format,
    rowCount,
    loadedRows: opened.table.numRows,
    columns: columnsOf(opened.table),
    ...(limited ? { limited } : {}),
    hasPositions: positions !== undefined,
  };
}

function viewOf(handle: number): TableView {
  const v = views.get(handle);
  if (!v) throw new DecodeRefusal(`no open table ${handle} (closed?)`);
  return v;
}

/** Answers one viewer request; errors are thrown (TableReadError, DecodeRefusal, RangeError…). */
export async function handleView(req: ViewRequest, decoder: Decoder): Promise<ViewResults[keyof ViewResults]> {
  switch (req.op) {
    case 'open': return openView(req.file, req.options, decoder);
    case 'window': return viewOf(req.handle).window(req.start, req.count);
    case 'query': return { total: viewOf(req.handle).query(req.query) };
    case 'queryText': return { total: viewOf(req.handle).queryText(req.filters, req.sort) };
    case 'stats': return viewOf(req.handle).stats(req.column);
    case 'close': views.delete(req.handle); return null;
  }
}

/** Tables held (for the worker's idle policy and tests). */
export function openViews(): number {
  return views.size;
}
