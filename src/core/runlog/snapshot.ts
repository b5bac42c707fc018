/**
 * Loads a step output's snapshot into an Arrow Table through the table reader
 * (core/tables: Arrow IPC plain or LZ4/ZSTD-compressed, Parquet, CSV through the byte-level
 * parser with column types taken from the dataset's schema facet when known). Paths come from
 * the run log and must stay inside the run folder.
 */
import type { Table } from 'apache-arrow';
import { openTable, TableReadError, type TableFormat } from '../tables';
import { csvTypeForDtype, type CsvColumnType } from './csv';
import type { DatasetRef, SnapshotRef } from './model';
import { npyPositions, readNpy } from './npy';
import { SideFileError } from './problem';
import { resolveSideFile } from './sideFiles';

export interface LoadedSnapshot {
  table: Table;
  /** Output row position of each snapshot row: 0..n-1 when not sampled. */
  positions: Int32Array;
  /** Number of leading columns that hold the pandas index. */
  indexColumns: number;
}

/** Reads a snapshot file by format; `types` pins CSV column types (column name → type). */
export async function readSnapshotFile(file: string, format: TableFormat, types?: Record<string, CsvColumnType | undefined>): Promise<Table> {
  try {
    return (await openTable(file, { format, ...(types ? { csvTypes: types } : {}) })).table;
  } catch (e) {
    if (!(e instanceof TableReadError)) throw e;
    if (e.missing) throw new SideFileError(file, 'missing side file', 'missing-side-file');
    if (e.line !== undefined) throw new SideFileError(file, e.reason, 'side-file', e.line);
    const what = format === 'arrow' || format === 'feather' ? 'not a readable Arrow IPC file: ' : format === 'parquet' ? 'not a readable Parquet file: ' : '';
    throw new SideFileError(file, what + e.reason);
  }
}

/**
 * Loads the snapshot of one output dataset of a run in `runDir`. Throws SideFileError
 * (missing, unsafe path, undecodable) naming the file; callers turn it into a Problem.
 */
export async function loadSnapshot(runDir: string, dataset: DatasetRef | SnapshotRef): Promise<LoadedSnapshot> {
  const ref: SnapshotRef | undefined = 'uri' in dataset ? dataset : dataset.snapshot;
  if (!ref) throw new SideFileError(runDir, `dataset ${(dataset as DatasetRef).name} has no snapshot`, 'missing-side-file');
  const file = resolveSideFile(runDir, ref.uri);
  let types: Record<string, CsvColumnType | undefined> | undefined;
  if ('name' in dataset && dataset.schema) {
    types = {};
    for (const f of dataset.schema) types[f.name] = csvTypeForDtype(f.type);
  }
  const positionsFile = ref.positions !== undefined ? resolveSideFile(runDir, ref.positions) : undefined;
  const [table, positionsArray] = await Promise.all([
    readSnapshotFile(file, ref.format, types),
    positionsFile ? readNpy(positionsFile) : Promise.resolve(undefined),
  ]);
  let positions: Int32Array;
  if (positionsArray) {
    positions = npyPositions(positionsArray);
    if (positions.length !== table.numRows) {
      throw new SideFileError(positionsFile!, `has ${positions.length} positions but the snapshot ${ref.uri} has ${table.numRows} rows`);
    }
  } else {
    positions = new Int32Array(table.numRows);
    for (let i = 0; i < positions.length; i++) positions[i] = i;
  }
  return { table, positions, indexColumns: ref.indexColumns?.length ?? 0 };
}
