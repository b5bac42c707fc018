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
function keyValue(v: unknown): unknown {
  if (typeof v === 'bigint') return v >= -(2n ** 53n) && v <= 2n ** 53n ? Number(v) : v;
  if (v instanceof Date) return v.getTime();
  return v;
}

const MIXED = -1;

/**
 * Key values over the rows of one side: for each row its value (undefined: a row without a key), and for each
 * value the stored key row it comes from (`MIXED` when its rows come from several: several records of the entity).
 */
function sideValues(idx: KeyIndex, vectorIds: Map<Vector, number>): { values: unknown[]; origin: Map<unknown, number> } {
  // One conversion per stored key row, however many output rows point at it (an oversampled row, a join fan-out).
  const perPart = idx.parts.map(() => new Map<number, unknown>());
  const values: unknown[] = new Array(idx.part.length);
  const origin = new Map<unknown, number>();
  // A stored key row is the same record whichever part list reaches it (a concat of a frame with a sample of itself
  // lists the source's key vector twice): number stored vectors by object, shared by both sides.
  const ids = idx.parts.map((v) => {
    let id = vectorIds.get(v);
    if (id === undefined) vectorIds.set(v, (id = vectorIds.size));
    return id;
  });
  const width = 2 ** 26;
  for (let i = 0; i < idx.part.length; i++) {
    const p = idx.part[i]!;
    if (p < 0) continue;
    const r = idx.row[i]!;
    const cache = perPart[p]!;
    let v = cache.get(r);
    if (v === undefined && !cache.has(r)) {
      const raw = idx.parts[p]!.get(r);
      v = raw === null || raw === undefined || (typeof raw === 'number' && Number.isNaN(raw)) ? undefined : keyValue(raw);
      cache.set(r, v);
    }
    if (v === undefined) continue;
    values[i] = v;
    const o = ids[p]! * width + r;
    const seen = origin.get(v);
    if (seen === undefined) origin.set(v, o);
    else if (seen !== o) origin.set(v, MIXED);
  }
  return { values, origin };
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
    const vectorIds = new Map<Vector, number>();
    const tr = sideValues(a, vectorIds), te = sideValues(b, vectorIds);
    covered ??= { testRows: b.part.length, column };
    const leaking = new Set<unknown>();
    let example: unknown;
    for (const [v, o] of te.origin) {
      const t = tr.origin.get(v);
      if (t === undefined || (t === o && o !== MIXED)) continue;
      leaking.add(v);
      if (example === undefined) example = v;
    }
    if (!leaking.size) continue;
    let rows = 0;
    for (const v of te.values) if (v !== undefined && leaking.has(v)) rows++;
    if (!best || leaking.size > best.shared) {
      best = { column, shared: leaking.size, trainEntities: tr.origin.size, testEntities: te.origin.size, testRowsShared: rows, example: formatCell(example) ?? '' };
      covered = { testRows: b.part.length, column };
    }
  }
  return covered ? { entities: best, ...covered } : undefined;
}

/** Splits of a run that are operators of their own (not inside a cross-validation or pipeline call). */
export const topLevelSplits = (run: Run) => run.steps.filter((s) => s.kind === 'split' && s.parentSeq === undefined);
