/**
 * What the rows on each side of a split hold, read from the split outputs' snapshots: exact copies of
 * training rows in the test side (duplicates the row lineage cannot explain: the data already held
 * them), and entities (an id-like key column) with rows on both sides. Snapshots may be sampled: a
 * match found in a sample is proof, its absence proves nothing, and the evidence says which it was.
 */
import type { Vector } from 'apache-arrow';
import type { LoadedSnapshot } from '../runlog/snapshot';
import type { DatasetRef, Run, Step } from '../runlog/model';
import { KeyResolver, type KeyFileSource, type KeyIndex } from '../trace/keyValues';
import { formatCell } from '../trace/source';
import type { SnapshotSource } from './targetCheck';

export interface SplitSnapshots {
  train: { ref: DatasetRef; snap: LoadedSnapshot };
  test: { ref: DatasetRef; snap: LoadedSnapshot };
  /** Either side holds fewer rows than the split produced there. */
  sampled: boolean;
}

const TEST_PORT = /(^|_)test$/i;
const TRAIN_PORT = /(^|_)train$/i;
const portOf = (o: DatasetRef) => o.port ?? o.name.split('.').pop() ?? '';

/** The train and test outputs of a split: the widest ones (a split of a whole frame, or X over y), which carry the keys and the row content. */
export function splitOutputs(step: Step): { train: DatasetRef; test: DatasetRef } | undefined {
  const width = (o: DatasetRef) => o.schema?.length ?? o.snapshot?.columns?.length ?? 0;
  const pick = (re: RegExp) => step.outputs.filter((o) => re.test(portOf(o))).sort((a, b) => width(b) - width(a))[0];
  const train = pick(TRAIN_PORT);
  const test = pick(TEST_PORT);
  return train && test ? { train, test } : undefined;
}

/** The train and test outputs of a split with their snapshots; `skip` when there is nothing to read, `error` when reading failed. */
export async function splitSnapshots(step: Step, source: SnapshotSource): Promise<SplitSnapshots | { skip: string } | { error: string }> {
  const sides = splitOutputs(step);
  if (!sides) return { skip: 'the split has no train and test outputs' };
  const { train, test } = sides;
  if (!train.snapshot || train.snapshot.unavailable || !test.snapshot || test.snapshot.unavailable) return { skip: 'the split outputs have no snapshots (recorded with --snapshots off?)' };
  try {
    const [a, b] = await Promise.all([source.snapshot(train), source.snapshot(test)]);
    const sampled = a.positions.length < (train.rowCount ?? a.positions.length) || b.positions.length < (test.rowCount ?? b.positions.length);
    return { train: { ref: train, snap: a }, test: { ref: test, snap: b }, sampled };
  } catch (e) {
    return { error: `snapshots of the split${step.location ? ` at line ${step.location.line}` : ''} unreadable: ${(e as Error).message}` };
  }
}

/** Data columns of a snapshot (the pandas index columns left out), with their values as display strings. */
function dataColumns(snap: LoadedSnapshot): { name: string; values: (string | null)[] }[] {
  const fields = snap.table.schema.fields;
  const out = [];
  for (let c = snap.indexColumns; c < fields.length; c++) {
    const vec = snap.table.getChildAt(c);
    const values: (string | null)[] = new Array(snap.table.numRows);
    for (let i = 0; i < values.length; i++) values[i] = formatCell(vec?.get(i));
    out.push({ name: fields[c]!.name, values });
  }
  return out;
}

export interface CopyCount {
  /** Test rows whose every value equals some training row's, copies the lineage does not explain. */
  copiedTestRows: number;
  /** Test rows compared (all of them, or the sample). */
  testRows: number;
  columns: number;
}

/**
 * Test rows that are exact copies of a training row. `originOf` (snapshot side and row → origin in a
 * common start dataset, or -1) excludes pairs that are copies of one recorded row: the lineage rule
 * reports those at the step that made them.
 */
export function copiedRows(s: SplitSnapshots, originOf?: (side: 'train' | 'test', row: number) => number): CopyCount {
  const train = dataColumns(s.train.snap);
  const test = dataColumns(s.test.snap);
  const names = train.map((c) => c.name).filter((n) => test.some((t) => t.name === n));
  const key = (cols: typeof train, i: number) => names.map((n) => cols.find((c) => c.name === n)!.values[i] ?? '\u0000').join('\u0001');
  const byKey = new Map<string, number[]>();
  for (let i = 0; i < s.train.snap.table.numRows; i++) {
    const k = key(train, i);
    const o = originOf?.('train', i) ?? -1;
    const list = byKey.get(k);
    if (list) list.push(o);
    else byKey.set(k, [o]);
  }
  let copied = 0;
  for (let i = 0; i < s.test.snap.table.numRows; i++) {
    const list = byKey.get(key(test, i));
    if (!list) continue;
    const o = originOf?.('test', i) ?? -1;
    // A copy of the same recorded row is lineage overlap, not content overlap.
    if (o >= 0 && list.every((t) => t === o)) continue;
    copied++;
  }
  return { copiedTestRows: copied, testRows: s.test.snap.table.numRows, columns: names.length };
}

/** Id-like column names: customer_id, patientId, user_key, uuid, id. */
export const ID_LIKE = /(^|_)(id|key|uuid|guid)$|[a-z](Id|ID|Key)$|^id$/i;

export interface SharedEntities {
  column: string;
  /** Distinct key values with rows on both sides. */
  shared: number;
  trainEntities: number;
  testEntities: number;
  /** Rows of the test side (or its sample) whose entity also has training rows. */
  testRowsShared: number;
  /** One shared value, for the message. */
  example: string;
}

/**
 * Id-like key columns whose values have rows on both sides. Only columns whose values repeat
 * (an entity with several rows) count: a per-row unique id on both sides is a copied row, which
 * the overlap rule reports.
 */
export function sharedEntities(s: SplitSnapshots, keyColumns?: readonly string[]): SharedEntities | undefined {
  const train = dataColumns(s.train.snap);
  const test = dataColumns(s.test.snap);
  let best: SharedEntities | undefined;
  for (const tr of train) {
    if (!(keyColumns ? keyColumns.includes(tr.name) : ID_LIKE.test(tr.name))) continue;
    const te = test.find((c) => c.name === tr.name);
    if (!te) continue;
    const trainSet = new Set(tr.values.filter((v): v is string => v !== null));
    const testSet = new Set(te.values.filter((v): v is string => v !== null));
    const repeats = trainSet.size < tr.values.length || testSet.size < te.values.length;
    if (!repeats) continue;
    let shared = 0;
    let example = '';
    for (const v of testSet) if (trainSet.has(v)) { shared++; example ||= v; }
    let rows = 0;
    for (const v of te.values) if (v !== null && trainSet.has(v)) rows++;
    if (shared && (!best || shared > best.shared)) best = { column: tr.name, shared, trainEntities: trainSet.size, testEntities: testSet.size, testRowsShared: rows, example };
  }
  return best;
}

/** A key value as a Map key: numbers by value (an Int64 key and a float key of the same entity meet), text as is. */
const SAFE = 2n ** 53n;
function keyValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= -SAFE && v <= SAFE ? Number(v) : v;
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number' && Number.isNaN(v)) return undefined;
  return v ?? undefined;
}

/**
 * Dense ids of key values, shared by both sides of a split: for each stored key vector (numbered by object: a
 * concat of a frame with a sample of itself lists the source's vector twice, and it is one set of records), the
 * value id of each of its rows (-1: no value). Typed arrays throughout: a split of a million rows is counted in
 * a few passes over Int32Arrays.
 */
class ValueIds {
  readonly byVector = new Map<Vector, { id: number; valueOf: Int32Array }>();
  readonly values: unknown[] = [];
  private readonly ids = new Map<unknown, number>();

  of(v: Vector): { id: number; valueOf: Int32Array } {
    let hit = this.byVector.get(v);
    if (hit) return hit;
    const n = v.length;
    const valueOf = new Int32Array(n).fill(-1);
    const typed = /^(u?int|float)/i.test(String(v.type)) && v.nullCount === 0 ? (v.toArray() as ArrayLike<number | bigint>) : undefined;
    for (let r = 0; r < n; r++) {
      const k = keyValue(typed ? typed[r] : v.get(r));
      if (k === undefined) continue;
      let id = this.ids.get(k);
      if (id === undefined) {
        id = this.values.length;
        this.ids.set(k, id);
        this.values.push(k);
      }
      valueOf[r] = id;
    }
    hit = { id: this.byVector.size, valueOf };
    this.byVector.set(v, hit);
    return hit;
  }
}

const UNSET = -2, MIXED = -1;

/**
 * One side of a split by key: the value id of each row (-1: no key), and for each value id the stored key row
 * its rows come from (`MIXED` when several: several records of the entity; `UNSET` when the side has none).
 */
function sideValues(idx: KeyIndex, ids: ValueIds): { rowValue: Int32Array; origin: Float64Array; count: number } {
  const parts = idx.parts.map((v) => ids.of(v));
  const rowValue = new Int32Array(idx.part.length).fill(-1);
  const origin = new Float64Array(ids.values.length).fill(UNSET);
  let count = 0;
  for (let i = 0; i < idx.part.length; i++) {
    const p = idx.part[i]!;
    if (p < 0) continue;
    const part = parts[p]!;
    const r = idx.row[i]!;
    const v = part.valueOf[r]!;
    if (v < 0) continue;
    rowValue[i] = v;
    const o = part.id * 2 ** 32 + r;
    const seen = origin[v]!;
    if (seen === UNSET) {
      origin[v] = o;
      count++;
    } else if (seen !== o) origin[v] = MIXED;
  }
  return { rowValue, origin, count };
}

/**
 * The same as `sharedEntities`, over every row of both sides: the key columns the recorder keeps for every row
 * (stored where they enter the run, derived through the row lineage to the split's outputs; run-log §6a).
 * An entity counts when it has different records on the two sides; copies of one record on both sides (an
 * oversampled row) are the overlap rule's. `undefined` when no key column reaches both outputs (the caller falls
 * back to the snapshots).
 */
export async function sharedEntitiesByKey(run: Run, split: Step, source: KeyFileSource, resolver = new KeyResolver(run, source)): Promise<{ entities: SharedEntities | undefined; testRows: number; column: string } | undefined> {
  const sides = splitOutputs(split);
  if (!sides) return undefined;
  let best: SharedEntities | undefined;
  let covered: { testRows: number; column: string } | undefined;
  for (const column of KeyResolver.columnsOf(run)) {
    const [a, b] = await Promise.all([resolver.index(sides.train.name, column), resolver.index(sides.test.name, column)]);
    if (!a || !b) continue;
    const ids = new ValueIds();
    // Both sides' vectors get their ids first, so the origin arrays cover every value id.
    for (const v of [...a.parts, ...b.parts]) ids.of(v);
    const tr = sideValues(a, ids), te = sideValues(b, ids);
    covered ??= { testRows: b.part.length, column };
    const leaking = new Uint8Array(ids.values.length);
    let shared = 0;
    let example = -1;
    for (let v = 0; v < leaking.length; v++) {
      const t = tr.origin[v]!, o = te.origin[v]!;
      if (t === UNSET || o === UNSET || (t === o && o !== MIXED)) continue;
      leaking[v] = 1;
      shared++;
    }
    if (!shared) continue;
    let rows = 0;
    for (let i = 0; i < te.rowValue.length; i++) {
      const v = te.rowValue[i]!;
      if (v >= 0 && leaking[v]) {
        rows++;
        if (example < 0) example = v;
      }
    }
    if (!best || shared > best.shared) {
      best = { column, shared, trainEntities: tr.count, testEntities: te.count, testRowsShared: rows, example: formatCell(ids.values[example]) ?? '' };
      covered = { testRows: b.part.length, column };
    }
  }
  return covered ? { entities: best, ...covered } : undefined;
}

/** Splits of a run that are operators of their own (not inside a cross-validation or pipeline call). */
export const topLevelSplits = (run: Run) => run.steps.filter((s) => s.kind === 'split' && s.parentSeq === undefined);
