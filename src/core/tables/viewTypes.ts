/**
 * What the data viewer asks of a table held in a worker and what it gets back: windows of rows,
 * per-column statistics, and a query (sort + filters) that reorders the rows without moving them.
 * Plain JSON-safe data only: these cross the worker boundary and the webview's postMessage.
 */
import type { DatasetRef } from '../runlog/model';
import type { JsonValue } from './jsonValues';
import type { ColumnInfo, TableFormat } from './types';

export type FilterOp = 'contains' | 'eq' | 'ne' | 'lt' | 'le' | 'gt' | 'ge' | 'null' | 'notnull';

export interface ColumnFilter {
  /** Column index in the table's schema. */
  column: number;
  op: FilterOp;
  /** Compared as a number for numeric-like columns, as text otherwise; absent for null / notnull. */
  value?: string | number;
}

export interface ViewQuery {
  sort?: { column: number; descending: boolean };
  /** All must hold (AND). */
  filters: ColumnFilter[];
}

export interface Histogram {
  /** Lowest and highest finite value, as the cell would print (numbers, ISO dates). */
  min: string;
  max: string;
  /** Equal-width bins over [min, max]. */
  counts: number[];
}

export interface ColumnStats {
  column: number;
  /** Values counted: the rows the viewer holds (see TableInfo.limited). */
  rows: number;
  nullCount: number;
  /** NaN values of a float column (not nulls, not in the histogram). */
  nanCount: number;
  /** Number of distinct non-null values, exact. */
  distinct: number;
  histogram?: Histogram;
  /** Most frequent values (text, booleans, nested values as JSON), most frequent first. */
  top?: { value: string; count: number }[];
}

export interface TableInfo {
  handle: number;
  format: TableFormat;
  /** Rows in the whole file; null when unknown (a CSV read only in part). */
  rowCount: number | null;
  /** Rows the viewer holds and can show, sort and filter (≤ rowCount). */
  loadedRows: number;
  columns: ColumnInfo[];
  /** Why not every row is held (over the memory bound), as a sentence for the user; absent when all are. */
  limited?: string;
  /** Rows are a step's sampled snapshot: output row positions are known per row. */
  hasPositions: boolean;
  /** Read one Parquet row group at a time (over the memory bound): no sort, filter or statistics. */
  streamed?: boolean;
}

export interface RowWindow {
  /** First row of the window, in the current query's order. */
  start: number;
  /** Row values, one array per row, columns in schema order. */
  rows: JsonValue[][];
  /** Row number in the file of each row (0-based). */
  rowIds: number[];
  /** Output row position of each row, for a step snapshot. */
  positions?: number[];
  /** Rows matching the current query. */
  total: number;
}

export interface OpenViewOptions {
  format?: TableFormat;
  csvTypes?: Record<string, 'int64' | 'float64' | 'bool' | 'utf8' | undefined>;
  /** CSV only: the pandas dtypes of a step's columns (its schema facet), to pin the column types. */
  pandasDtypes?: Record<string, string>;
  /** `.npy` of output row positions, one per snapshot row (a sampled step snapshot). */
  positionsFile?: string;
  /** Decoded bytes the viewer may hold; beyond it only the first rows are read (TableInfo.limited). */
  maxBytes?: number;
}

/** Viewer requests to the tables worker. */
export type ViewRequest =
  | { op: 'open'; file: string; options: OpenViewOptions }
  /** Decode the whole table when only its first rows are held (the info may change: limited). */
  | { op: 'load'; handle: number }
  | { op: 'window'; handle: number; start: number; count: number }
  | { op: 'query'; handle: number; query: ViewQuery }
  /** Filters as typed in the column headers (parsed against each column's type in the worker). */
  | { op: 'queryText'; handle: number; sort?: ViewQuery['sort']; filters: { column: number; text: string }[] }
  | { op: 'stats'; handle: number; column: number }
  | { op: 'close'; handle: number }
  /** Key lookup in a source file without holding it (core/trace/sourceScan.ts); null: read the file instead. */
  | { op: 'scanKey'; file: string; output: DatasetRef; column: string; value: string; args?: Record<string, unknown> }
  /** One row of a plain CSV source (core/trace/sourceScan.ts); null: read the file instead. */
  | { op: 'sourceRow'; file: string; output: DatasetRef; position: number; args?: Record<string, unknown> };

export interface ViewResults {
  open: TableInfo;
  load: TableInfo;
  window: RowWindow;
  query: { total: number };
  queryText: { total: number };
  stats: ColumnStats;
  close: null;
  scanKey: number[] | null;
  sourceRow: Record<string, string | null> | null;
}

export interface ViewWorkerRequest { id: number; kind: 'view'; req: ViewRequest }
export type ViewWorkerResponse =
  | { id: number; kind: 'view'; ok: true; result: ViewResults[keyof ViewResults] }
  | { id: number; kind: 'view'; ok: false; reason: string };
