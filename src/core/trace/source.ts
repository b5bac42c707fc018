/**
 * The trace's view of a run folder: lineage arrays and snapshot rows, each file read once and cached
 * for the life of the source (one trace session), so stepping through records costs lookups only.
 */
import type { Table, Vector } from 'apache-arrow';
import type { DatasetRef, Step } from '../runlog/model';
import { loadLineageArrays } from '../runlog/lineageArrays';
import { SideFileError } from '../runlog/problem';
import { resolveSideFile } from '../runlog/sideFiles';
import { loadSnapshot, readSnapshotFile, type LoadedSnapshot } from '../runlog/snapshot';
import { openTable, type OpenedTable } from '../tables';
import { UnprintableTypeError, vectorCell, type JsonValue } from '../tables/jsonValues';
import { plainSourceRow } from './csvKeyScan';
import type { KeyFileSource } from './keyValues';
import type { TraceSource } from './trace';

/** Display form of a cell: integers as is, floats to 6 significant digits, null for missing. */
export function formatCell(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return null;
    return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  }
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Date) return v.toISOString();
  // lists and structs as JSON values give ["a","b"] / {"a":1}, not String's a,b / [object Object]
  if (Array.isArray(v) || (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype)) return JSON.stringify(v);
  return String(v);
}

/**
 * Display form of row `i` of an Arrow column, by its type: decimals exact, timestamps and dates as ISO text,
 * 64-bit integers whole (what `skewer show` and the data viewer print). Arrow's own `get` gives unscaled
 * decimal words and epoch milliseconds for those.
 */
export function columnCell(column: Vector | null | undefined, i: number): string | null {
  if (!column) return null;
  let v: JsonValue;
  try {
    v = vectorCell(column, i);
  } catch (e) {
    if (e instanceof UnprintableTypeError) return formatCell(column.get(i));
    throw e;
  }
  return formatCell(v);
}

/** The file a source step read (namespace `file`), if any. */
export function sourceFileOf(step: Step): string | undefined {
  return step.kind === 'source' ? step.inputs.find((i) => i.namespace === 'file')?.name : undefined;
}

export class RunFolderTraceSource implements TraceSource, KeyFileSource {
  private readonly snapshots = new Map<string, Promise<LoadedSnapshot>>();
  private readonly arrays = new Map<string, Promise<Record<string, Int32Array>>>();
  private readonly keyTables = new Map<string, Promise<Table>>();
  private readonly files = new Map<string, Promise<OpenedTable>>();

  constructor(private readonly runDir: string) {}

  lineage(output: DatasetRef): Promise<Record<string, Int32Array>> {
    if (!output.lineage) return Promise.resolve({});
    let p = this.arrays.get(output.name);
    if (!p) {
      p = loadLineageArrays(this.runDir, output.lineage);
      this.arrays.set(output.name, p);
    }
    return p;
  }

  snapshot(output: DatasetRef): Promise<LoadedSnapshot> {
    let p = this.snapshots.get(output.name);
    if (!p) {
      p = loadSnapshot(this.runDir, output);
      this.snapshots.set(output.name, p);
    }
    return p;
  }

  keyTable(output: DatasetRef): Promise<Table> {
    let p = this.keyTables.get(output.name);
    if (!p) {
      const keys = output.keys;
      p = keys?.uri && keys.format
        ? readSnapshotFile(resolveSideFile(this.runDir, keys.uri), keys.format, Object.fromEntries((keys.stored ?? []).map((c) => [c, csvKeyType(output, c)])))
        : Promise.reject(new SideFileError(this.runDir, `dataset ${output.name} stores no key columns`, 'missing-side-file'));
      this.keyTables.set(output.name, p);
    }
    return p;
  }

  /**
   * A source file the run read (all columns, or `columns`), read once per session. Refused when its row count is
   * not the one recorded: the file changed since the run, so its rows no longer line up with the run's.
   */
  sourceTable(step: Step, columns?: string[]): Promise<OpenedTable> {
    const file = sourceFileOf(step);
    if (!file) return Promise.reject(new Error(`${step.function} read no local file`));
    const k = `${file}\u0000${columns?.join('\u0000') ?? '*'}`;
    let p = this.files.get(k);
    if (!p) {
      p = openTable(file, columns ? { columns } : {}).then((t) => {
        const recorded = step.outputs[0]?.rowCount;
        if (recorded !== undefined && t.rowCount !== recorded) throw new Error(`${file} has ${t.rowCount} rows now but ${recorded} when the run read it: it changed since`);
        return t;
      });
      this.files.set(k, p);
    }
    return p;
  }

  async sourceRow(step: Step, position: number): Promise<Record<string, string | null> | undefined> {
    if (!sourceFileOf(step) || step.outputs[0]?.lineage?.kind !== 'identity') return undefined;
    // a plain CSV gives the row from its bytes (csvKeyScan.ts), not by reading the whole file into a table
    const plain = await plainSourceRow(step, position);
    if (plain) return plain;
    const { table } = await this.sourceTable(step);
    if (position < 0 || position >= table.numRows) return undefined;
    const out: Record<string, string | null> = {};
    for (const [c, f] of table.schema.fields.entries()) out[f.name] = columnCell(table.getChildAt(c), position);
    return out;
  }

  async row(output: DatasetRef, position: number): Promise<Record<string, string | null> | undefined> {
    const snap = await this.snapshot(output);
    const i = snap.positions.indexOf(position);
    if (i < 0) return undefined;
    const out: Record<string, string | null> = {};
    const fields = snap.table.schema.fields;
    for (let c = snap.indexColumns; c < fields.length; c++) out[fields[c]!.name] = columnCell(snap.table.getChildAt(c), i);
    return out;
  }

  /** Snapshot rows of `output` as (position, values) pairs, for picking a record to trace. */
  async rows(output: DatasetRef, limit = 200): Promise<{ position: number; values: Record<string, string | null> }[]> {
    const snap = await this.snapshot(output);
    const fields = snap.table.schema.fields;
    const n = Math.min(limit, snap.table.numRows);
    const rows = [];
    for (let i = 0; i < n; i++) {
      const values: Record<string, string | null> = {};
      for (let c = snap.indexColumns; c < fields.length; c++) values[fields[c]!.name] = columnCell(snap.table.getChildAt(c), i);
      rows.push({ position: snap.positions[i]!, values });
    }
    return rows;
  }
}

/** Key files hold the dataset's own column type: pin CSV integer keys so "007" stays text only when it was text. */
function csvKeyType(output: DatasetRef, column: string): 'int64' | 'utf8' | undefined {
  const t = output.schema?.find((f) => f.name === column)?.type ?? output.stats?.columns[column]?.dtype;
  if (!t) return undefined;
  return /^u?int\d*$|^U?Int\d*$/.test(t) ? 'int64' : t === 'string' || t === 'object' ? 'utf8' : undefined;
}
