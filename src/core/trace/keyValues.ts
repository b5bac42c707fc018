/**
 * Key values (record identity, e.g. patient_id) of the rows of any dataset of a run, and finding rows by key.
 * The recorder stores a dataset's key columns where they enter the graph (sources, groupby results, steps after
 * a lineage gap) and leaves the rest to the row lineage (docs/run-log.md §6a); `KeyIndex` is that picture for
 * one column of one dataset: each row points at a row of a stored key vector (or none), derived with the same
 * gathers the lineage describes. Values are compared as the user typed them: numbers by value, text exactly.
 */
import type { Table, Vector } from 'apache-arrow';
import type { DatasetRef, Run, Step } from '../runlog/model';
import { producerOf } from './propagate';
import { formatCell } from './source';

/** Where key values are read from; RunFolderTraceSource implements it. */
export interface KeyFileSource {
  lineage(output: DatasetRef): Promise<Record<string, Int32Array>>;
  /** The stored key columns of `output` (its skewer_keys file). */
  keyTable(output: DatasetRef): Promise<Table>;
}

/** For each row of a dataset: which stored vector (`part`, -1 = no key) and which row of it holds its key. */
export interface KeyIndex {
  column: string;
  parts: Vector[];
  part: Int32Array;
  row: Int32Array;
}

/** Key value of row `i`, formatted as trace cells are, or null when the row has no key (a synthetic row). */
export function keyValueAt(idx: KeyIndex, i: number): string | null {
  const p = idx.part[i];
  if (p === undefined || p < 0) return null;
  return formatCell(idx.parts[p]!.get(idx.row[i]!));
}

/** Positions `i` of `vector` whose value equals `value` (numbers by value, so "38" finds 38 and 38.0). */
export function findInVector(vector: Vector, value: string): number[] {
  const out: number[] = [];
  const n = vector.length;
  const typeId = String(vector.type);
  const trimmed = value.trim();
  if (/^u?int|^Int|^Uint/i.test(typeId)) {
    if (!/^[+-]?\d+$/.test(trimmed)) return out;
    const arr = vector.toArray() as ArrayLike<number | bigint>;
    const big = typeof arr[0] === 'bigint' || /64/.test(typeId);
    const target: number | bigint = big ? BigInt(trimmed) : Number(trimmed);
    const nulls = vector.nullCount > 0;
    for (let i = 0; i < n; i++) if (arr[i] === target && (!nulls || vector.isValid(i))) out.push(i);
    return out;
  }
  if (/^Float/i.test(typeId)) {
    const target = Number(trimmed);
    if (trimmed === '' || Number.isNaN(target)) return out;
    const arr = vector.toArray() as ArrayLike<number>;
    const nulls = vector.nullCount > 0;
    for (let i = 0; i < n; i++) if (arr[i] === target && (!nulls || vector.isValid(i))) out.push(i);
    return out;
  }
  for (let i = 0; i < n; i++) {
    const v = vector.get(i);
    if (v !== null && v !== undefined && (v === value || formatCell(v) === value)) out.push(i);
  }
  return out;
}

const DERIVING = new Set(['identity', 'select', 'join', 'concat']);

/**
 * Computes KeyIndex values per dataset on demand and caches them for the life of the object (one trace
 * session); `undefined` when the dataset's rows have no known value for `column`.
 */
export class KeyResolver {
  private readonly cache = new Map<string, Promise<KeyIndex | undefined>>();

  constructor(
    private readonly run: Run,
    private readonly source: KeyFileSource,
  ) {}

  /** Key columns known anywhere in the run (recorded, stored or derived), in first-seen order. */
  static columnsOf(run: Run): string[] {
    const seen = new Set<string>(run.keys?.columns ?? []);
    for (const s of run.steps) for (const o of s.outputs) for (const c of o.keys?.columns ?? []) seen.add(c);
    return [...seen];
  }

  index(dataset: string, column: string): Promise<KeyIndex | undefined> {
    const k = `${column}\u0000${dataset}`;
    let p = this.cache.get(k);
    if (!p) {
      p = this.compute(dataset, column);
      this.cache.set(k, p);
    }
    return p;
  }

  private async compute(dataset: string, column: string): Promise<KeyIndex | undefined> {
    const prod = producerOf(this.run, dataset);
    const keys = prod?.output.keys;
    if (!prod || !keys?.columns.includes(column)) return undefined;
    const { output } = prod;
    if (keys.stored?.includes(column)) {
      if (keys.unavailable) return undefined;
      const t = await this.source.keyTable(output);
      const v = t.getChild(column);
      if (!v) return undefined;
      const row = new Int32Array(v.length);
      for (let i = 0; i < row.length; i++) row[i] = i;
      return { column, parts: [v], part: new Int32Array(v.length), row };
    }
    const lin = output.lineage;
    if (!lin || !DERIVING.has(lin.kind) || lin.unavailable?.length) return undefined;
    const inputs = await Promise.all(lin.inputs.map((name) => this.index(name, column)));
    if (!inputs.some(Boolean)) return undefined;
    // One list of parts over all inputs; each input's part numbers shift by the parts before it.
    const parts: Vector[] = [];
    const shift = inputs.map((ix) => {
      const s = parts.length;
      if (ix) parts.push(...ix.parts);
      return s;
    });
    const n = lin.rowsOut;
    const part = new Int32Array(n).fill(-1);
    const row = new Int32Array(n);
    const take = (k: number, j: number, i: number): boolean => {
      const ix = inputs[k];
      if (!ix || j < 0 || j >= ix.part.length || ix.part[j]! < 0) return false;
      part[i] = ix.part[j]! + shift[k]!;
      row[i] = ix.row[j]!;
      return true;
    };
    const arrays = lin.kind === 'identity' ? {} : await this.source.lineage(output);
    switch (lin.kind) {
      case 'identity':
        for (let i = 0; i < n; i++) for (let k = 0; k < inputs.length && !take(k, i, i); k++);
        break;
      case 'select': {
        const pos = arrays.positions;
        if (!pos) return undefined;
        for (let i = 0; i < n; i++) take(0, pos[i]!, i);
        break;
      }
      case 'join': {
        const { left, right } = arrays;
        if (!left || !right) return undefined;
        for (let i = 0; i < n; i++) if (!take(0, left[i]!, i)) take(1, right[i]!, i);
        break;
      }
      case 'concat': {
        const { part: p, positions } = arrays;
        if (!p || !positions) return undefined;
        for (let i = 0; i < n; i++) take(p[i]!, positions[i]!, i);
        break;
      }
    }
    return { column, parts, part, row };
  }

  /** Rows of `dataset` whose key `column` equals `value`. */
  async rowsWithKey(dataset: string, column: string, value: string): Promise<number[] | undefined> {
    const idx = await this.index(dataset, column);
    if (!idx) return undefined;
    const hits = idx.parts.map((v) => new Set(findInVector(v, value)));
    const out: number[] = [];
    for (let i = 0; i < idx.part.length; i++) {
      const p = idx.part[i]!;
      if (p >= 0 && hits[p]!.has(idx.row[i]!)) out.push(i);
    }
    return out;
  }
}

/** The step that wrote a dataset, for messages. */
export function stepOf(run: Run, dataset: string): Step | undefined {
  return producerOf(run, dataset)?.step;
}
