/**
 * The trace's view of a run folder: lineage arrays and snapshot rows, each file read once and cached
 * for the life of the source (one trace session), so stepping through records costs lookups only.
 */
import type { DatasetRef } from '../runlog/model';
import { loadLineageArrays } from '../runlog/lineageArrays';
import { loadSnapshot, type LoadedSnapshot } from '../runlog/snapshot';
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
  return String(v);
}

export class RunFolderTraceSource implements TraceSource {
  private readonly snapshots = new Map<string, Promise<LoadedSnapshot>>();
  private readonly arrays = new Map<string, Promise<Record<string, Int32Array>>>();

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

  async row(output: DatasetRef, position: number): Promise<Record<string, string | null> | undefined> {
    const snap = await this.snapshot(output);
    const i = snap.positions.indexOf(position);
    if (i < 0) return undefined;
    const out: Record<string, string | null> = {};
    const fields = snap.table.schema.fields;
    for (let c = snap.indexColumns; c < fields.length; c++) out[fields[c]!.name] = formatCell(snap.table.getChildAt(c)?.get(i));
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
      for (let c = snap.indexColumns; c < fields.length; c++) values[fields[c]!.name] = formatCell(snap.table.getChildAt(c)?.get(i));
      rows.push({ position: snap.positions[i]!, values });
    }
    return rows;
  }
}
