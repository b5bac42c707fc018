/** The one table-reader interface: what callers ask for and what they get back. */
import type { Table } from 'apache-arrow';

export type TableFormat = 'parquet' | 'arrow' | 'feather' | 'csv';

export const TABLE_FORMATS: readonly TableFormat[] = ['parquet', 'arrow', 'feather', 'csv'];

/** Decoded tables larger than this are refused unless the caller says otherwise. */
export const DEFAULT_MAX_BYTES = 2 * 1024 ** 3;

export interface OpenTableOptions {
  /** Skip detection (extension + magic bytes). */
  format?: TableFormat;
  /** Read only the first N rows (the row count still reports the whole file). */
  head?: number;
  /** Read only these columns, in file order; unknown names are an error. */
  columns?: string[];
  /**
   * Upper bound on the decoded size in bytes (Arrow buffers). A file whose decoded size would
   * exceed it is refused with a TableReadError before or while decoding, never by running out
   * of memory. Default DEFAULT_MAX_BYTES.
   */
  maxBytes?: number;
  /** CSV only: pinned column types (column name → int64 | float64 | bool | utf8). */
  csvTypes?: Record<string, 'int64' | 'float64' | 'bool' | 'utf8' | undefined>;
}

export interface ColumnInfo {
  name: string;
  /** Arrow type in pyarrow's spelling, e.g. `timestamp[us, tz=UTC]`, `decimal128(10, 2)`. */
  type: string;
  nullable: boolean;
}

export interface OpenedTable {
  file: string;
  format: TableFormat;
  /** Rows in the whole file, even when `head` limited what was decoded. */
  rowCount: number;
  schema: ColumnInfo[];
  /** The decoded rows (all, or the first `head`), as an Arrow table. */
  table: Table;
}

/** A file the reader cannot or will not read; `reason` is one line without the file name. */
export class TableReadError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
    /** 1-based line of a CSV error. */
    readonly line?: number,
    /** The file does not exist. */
    readonly missing = false,
  ) {
    super(line !== undefined ? `${file}:${line}: ${reason}` : `${file}: ${reason}`);
    this.name = 'TableReadError';
  }
}
