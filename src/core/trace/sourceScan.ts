/**
 * Key lookup and one row of a source file without reading it into a table, where the file allows it: a plain CSV
 * in its bytes (csvKeyScan.ts), a Parquet file in its key column alone (parquetKeyScan.ts). undefined: the caller
 * reads the file with the table reader. Run on the calling thread by findKey and RunFolderTraceSource (the CLI),
 * and in the tables worker for the extension (WorkerTraceSource, viewHost's scanKey / sourceRow requests).
 */
import type { DatasetRef } from '../runlog/model';
import { csvRowAt, scanCsvForKey } from './csvKeyScan';
import { scanParquetForKey } from './parquetKeyScan';

export function scanSourceForKey(file: string, output: DatasetRef, column: string, value: string, args?: Record<string, unknown>): Promise<number[] | undefined> {
  if (/\.csv$/i.test(file)) return scanCsvForKey(file, output, column, value, args);
  if (/\.parquet$/i.test(file)) return scanParquetForKey(file, output, column, value);
  return Promise.resolve(undefined);
}

export function sourceRowAt(file: string, output: DatasetRef, position: number, args?: Record<string, unknown>): Promise<Record<string, string | null> | undefined> {
  return /\.csv$/i.test(file) ? csvRowAt(file, output, position, args) : Promise.resolve(undefined);
}
