/**
 * Traces one record forward through a recorded run: from a row of one step's output, through every
 * later step, using the per-operator row-lineage arrays (positions for filters/splits/samples, pairs
 * for joins, parts for concats, groups for aggregations). For each step it says where the record went
 * (kept, dropped, duplicated, joined, split into train or test, aggregated, consumed by a fit) and,
 * where a snapshot captured that row, its values. A lineage gap stops the trace with the reason,
 * never with a guessed mapping — unless the record's key (docs/run-log.md §6a) finds it again in a
 * later step's stored key column, which the trace then says.
 */
import type { DatasetRef, Run, Step } from '../runlog/model';
import { lineLabel } from '../cellNumbers';
import { stepLabelText } from '../runlog/stepLabels';
import { findDataset } from '../compare/featureIdentity';
import { mapBackward } from './mapBackward';
import { FeatureRows, type KeyedValues, type TraceRow } from './cells';

export interface TraceStart {
  /** Output dataset name (e.g. "<runId>/0.out"). */
  dataset: string;
  /** 0-based row position in that dataset. */
  position: number;
}

/** `skipped`: a branch the record did not take (e.g. a sample that did not draw it) while it lives on elsewhere. */
export type FateKind = 'start' | 'kept' | 'moved' | 'dropped' | 'skipped' | 'duplicated' | 'joined' | 'split' | 'aggregated' | 'consumed' | 'gap' | 'failed';

export interface TraceOutput {
  dataset: string;
  port: string;
  /** Positions of the record (or its copies) in this output, ascending. */
  positions: number[];
  rows?: number;
}

export interface TraceCell {
  /**
   * The trace row this value is in: the feature's name, the same at every step whatever the step's output calls
   * it (cells.ts), or a model output's ("proba 1", "prediction").
   */
  column: string;
  /** The column's name in this step's output when it is not `column` (`num__tenure_months`, `x1`). */
  name?: string;
  value: string | null;
  /** The step changed this value: it differs from (or is not in) the record's values in the step's own inputs. */
  changed: boolean;
}

export interface TraceStepResult {
  step: Step;
  fate: FateKind;
  /** Human sentence, e.g. "dropped by DataFrame.dropna (line 20)". */
  fateText: string;
  outputs: TraceOutput[];
  /** Values of the record in the first output that holds it, when its snapshot captured that row. */
  cells?: TraceCell[];
  /** Why there are no values (no snapshot, row not sampled, snapshot unreadable). */
  valuesNote?: string;
}

export interface TraceResult {
  start: TraceStart;
  steps: TraceStepResult[];
  problems: string[];
  /** The rows of the trace table, one per feature (and per model output), in display order. */
  rows?: TraceRow[];
}

/** Where the trace reads lineage arrays and snapshot rows from; the run log reader provides both. */
export interface TraceSource {
  lineage(output: DatasetRef): Promise<Record<string, Int32Array>>;
  /** Row values at `position` of `output`, or undefined when its snapshot did not capture that row. */
  row(output: DatasetRef, position: number): Promise<Record<string, string | null> | undefined>;
  /** Row `position` of the file a source step read (its output row i is the file's row i), when still readable. */
  sourceRow?(step: Step, position: number): Promise<Record<string, string | null> | undefined>;
}

export interface TraceOptions {
  /** More records to start from together (the same entity in several sources, found by key). */
  alsoStart?: TraceStart[];
  /** Dataset → positions where the record is found again by key after a lineage gap; `relinkText` says how. */
  relink?: Map<string, number[]>;
  relinkText?: string;
}

const EXT = /\/ext\d+$/;

/** Cells of one output row, keyed by trace row; `changed` against the record's values in the step's inputs. */
export function keyedCells(values: KeyedValues, before: ReadonlyMap<string, string | null> | undefined): TraceCell[] {
  return [...values].map(([key, { name, value }]) => ({ column: key, name, value, changed: before !== undefined && (!before.has(key) || before.get(key) !== value) }));
}

/** Replaces the row keys of `steps`' cells by the rows' labels (and drops `name` where it is the label). */
export function labelCells(steps: TraceStepResult[], features: FeatureRows): TraceRow[] {
  const labels = features.labels();
  for (const s of steps) {
    for (const c of s.cells ?? []) {
      c.column = labels.get(c.column) ?? c.column;
      if (c.name === c.column) delete c.name;
    }
  }
  return features.table();
}


const where = (s: Step) => (s.location ? ` (${lineLabel(s.location)})` : '');
const portOf = (d: DatasetRef) => d.port ?? d.name.split('.').pop() ?? 'out';

/**
 * Where each value of a lineage array is, for arrays followed more than once (stepping through records of one run):
 * value v's indices are rows[offsets[v] .. offsets[v + 1]), ascending. Built on an array's second use, so a single
 * trace pays one scan per step and later traces pay a lookup.
 */
interface InverseIndex {
  offsets: Int32Array;
  rows: Int32Array;
}
const INVERSE = new WeakMap<Int32Array, { uses: number; index?: InverseIndex }>();
/** Arrays shorter than this are scanned every time (a scan is as cheap as the lookup). */
const INDEX_FROM = 4096;

function inverseOf(arr: Int32Array): InverseIndex | undefined {
  let max = -1;
  for (let i = 0; i < arr.length; i++) if (arr[i]! > max) max = arr[i]!;
  if (max < 0 || max > 4 * arr.length + 1_000_000) return undefined; // sparse values: not worth the memory
  const offsets = new Int32Array(max + 2);
  for (let i = 0; i < arr.length; i++) if (arr[i]! >= 0) offsets[arr[i]! + 1]!++;
  for (let v = 0; v <= max; v++) offsets[v + 1]! += offsets[v]!;
  const fill = offsets.slice(0, max + 1);
  const rows = new Int32Array(offsets[max + 1]!);
  for (let i = 0; i < arr.length; i++) if (arr[i]! >= 0) rows[fill[arr[i]!]!++] = i;
  return { offsets, rows };
}

/** Indices i of `arr` with arr[i] in `from`, ascending. */
export function indicesOf(arr: Int32Array, from: ReadonlySet<number>): number[] {
  const out: number[] = [];
  if (!from.size) return out;
  if (arr.length >= INDEX_FROM) {
    let entry = INVERSE.get(arr);
    if (!entry) INVERSE.set(arr, (entry = { uses: 0 }));
    if (++entry.uses === 2) entry.index = inverseOf(arr);
    const ix = entry.index;
    if (ix && [...from].every((v) => v >= 0)) {
      for (const v of from) if (v + 1 < ix.offsets.length) for (let k = ix.offsets[v]!; k < ix.offsets[v + 1]!; k++) out.push(ix.rows[k]!);
      return from.size > 1 ? out.sort((a, b) => a - b) : out;
    }
  }
  if (from.size <= 4) {
    // a few values (one record and its copies): the engine's indexOf per value beats a Set lookup per element
    for (const v of from) for (let i = arr.indexOf(v); i >= 0; i = arr.indexOf(v, i + 1)) out.push(i);
    return from.size > 1 ? out.sort((a, b) => a - b) : out;
  }
  for (let i = 0; i < arr.length; i++) if (from.has(arr[i]!)) out.push(i);
  return out;
}

/** Output positions whose source row (in input `inputIndex` of the lineage) is one of `from`. */
export function mapForward(kind: string, arrays: Record<string, Int32Array>, inputIndex: number, from: ReadonlySet<number>, rowsOut: number): number[] | undefined {
  const out: number[] = [];
  switch (kind) {
    case 'identity':
      for (const p of from) if (p < rowsOut) out.push(p);
      break;
    case 'select': {
      const pos = arrays.positions;
      if (!pos || inputIndex !== 0) return undefined;
      return indicesOf(pos, from);
    }
    case 'join': {
      const side = inputIndex === 0 ? arrays.left : inputIndex === 1 ? arrays.right : undefined;
      if (!side) return undefined;
      return indicesOf(side, from);
    }
    case 'concat': {
      const { part, positions } = arrays;
      if (!part || !positions) return undefined;
      return indicesOf(positions, from).filter((i) => part[i] === inputIndex);
    }
    case 'groupby': {
      const { offsets, members } = arrays;
      if (!offsets || !members || inputIndex !== 0) return undefined;
      // the group of member slot k: the last g with offsets[g] <= k
      const groups = new Set<number>();
      for (const k of indicesOf(members, from)) {
        let lo = 0;
        let hi = offsets.length - 2;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (offsets[mid]! <= k) lo = mid;
          else hi = mid - 1;
        }
        if (k < offsets[offsets.length - 1]!) groups.add(lo);
      }
      out.push(...groups);
      break;
    }
    default:
      return undefined;
  }
  return out.sort((a, b) => a - b);
}

function describe(step: Step, outs: TraceOutput[], kind: string | undefined, consumedBy: string | undefined): { fate: FateKind; text: string } {
  // Steps named by what they did (runlog/stepLabels.ts), as in the trace's column headers.
  const fn = stepLabelText(step);
  const at = where(step);
  if (step.status === 'failed') return { fate: 'failed', text: `${fn} failed${at}: ${step.error?.message.split('\n')[0] ?? 'error'}` };
  if (!outs.length) return { fate: 'consumed', text: `${consumedBy ?? `used by ${fn}`}${at}` };
  const total = outs.reduce((n, o) => n + o.positions.length, 0);
  if (step.kind === 'split' || outs.length > 1) {
    const held = outs.filter((o) => o.positions.length);
    if (!held.length) return { fate: 'dropped', text: `left out by ${fn}${at}` };
    return { fate: 'split', text: `${held.map((o) => `${o.port} row ${o.positions[0]}`).join(', ')} — ${fn}${at}` };
  }
  const o = outs[0]!;
  if (total === 0) return { fate: 'dropped', text: `dropped by ${fn}${at}` };
  if (kind === 'groupby') return { fate: 'aggregated', text: `aggregated into group row ${o.positions[0]} by ${fn}${at}` };
  if (kind === 'join') return { fate: 'joined', text: `${total > 1 ? `joined ${total}×` : 'joined'} as row ${o.positions[0]} by ${fn}${at}` };
  if (total > 1) return { fate: 'duplicated', text: `duplicated ×${total} by ${fn}${at} (rows ${o.positions.slice(0, 5).join(', ')}${total > 5 ? ', …' : ''})` };
  return { fate: kind === 'identity' ? 'kept' : 'moved', text: `row ${o.positions[0]}${o.rows !== undefined ? ` of ${o.rows}` : ''} after ${fn}${at}` };
}

/** Follows `start` (and `options.alsoStart`) through every later step of `run`. */
export async function traceRecord(run: Run, start: TraceStart, source: TraceSource, options: TraceOptions = {}): Promise<TraceResult> {
  const problems: string[] = [];
  const starts = [start, ...(options.alsoStart ?? [])];
  const at = new Map<string, Set<number>>();
  const startSteps: { step: Step; out: DatasetRef; start: TraceStart }[] = [];
  for (const s of starts) {
    const st = run.steps.find((x) => x.outputs.some((o) => o.name === s.dataset));
    if (!st) return { start, steps: [], problems: [`dataset ${s.dataset} is not an output of this run`] };
    at.set(s.dataset, new Set([...(at.get(s.dataset) ?? []), s.position]));
    startSteps.push({ step: st, out: st.outputs.find((o) => o.name === s.dataset)!, start: s });
  }
  startSteps.sort((a, b) => a.step.seq - b.step.seq);
  const steps: TraceStepResult[] = [];
  // The record's values in each output whose snapshot captured it. A step's cells are compared with its own
  // inputs' values (not with the previous column of the table, which may be another branch, e.g. the Series a
  // column assignment consumed), so only what this step changed is highlighted.
  const features = new FeatureRows(run);
  const valuesIn = new Map<string, Map<string, string | null>>();
  const inputValues = (step: Step): Map<string, string | null> | undefined => {
    let merged: Map<string, string | null> | undefined;
    for (const i of step.inputs) {
      const v = valuesIn.get(i.name);
      if (!v) continue;
      merged ??= new Map();
      for (const [k, x] of v) if (!merged.has(k)) merged.set(k, x);
    }
    return merged;
  };
  /**
   * The record's values in the start step's inputs (the rows its output row came from), so the start step's
   * cells say what that step changed too: a prediction row's probabilities are new, its inputs' features are not.
   */
  const startInputValues = async (step: Step, output: DatasetRef, position: number): Promise<Map<string, string | null> | undefined> => {
    const lin = output.lineage;
    if (!lin || lin.kind === 'opaque') return undefined;
    try {
      const arrays = lin.kind === 'identity' ? {} : await source.lineage(output);
      const back = mapBackward(lin.kind, arrays, lin.inputs.length, [position]);
      if (!back) return undefined;
      let merged: Map<string, string | null> | undefined;
      for (const [k, name] of lin.inputs.entries()) {
        const p = back.byInput[k]?.[0];
        const ref = p === undefined ? undefined : inputRef(run, step, name);
        const row = ref?.snapshot ? await source.row(ref, p!) : undefined;
        if (!ref || !row) continue;
        merged ??= new Map();
        for (const [key, { value }] of features.key(ref, row, false)) if (!merged.has(key)) merged.set(key, value);
      }
      return merged;
    } catch {
      return undefined; // the start's inputs are only for highlighting; their values are not part of the trace
    }
  };
  /** Datasets that hold the record and no later step has read yet: where lineage can be lost. */
  const frontier = new Map<string, Step>();

  /** Values of the record at the first of its `positions` (copies) that the output's snapshot captured. */
  const valuesOf = async (step: Step, output: DatasetRef, positions: number[], before?: Map<string, string | null>): Promise<{ cells?: TraceCell[]; note?: string }> => {
    let row: Record<string, string | null> | undefined;
    let note: string | undefined;
    if (!output.snapshot) note = 'no snapshot recorded for this step';
    else {
      try {
        for (const p of positions.slice(0, 64)) if ((row = await source.row(output, p))) break;
        if (!row) note = `row ${positions[0]} is not in the sampled snapshot`;
      } catch (e) {
        note = `snapshot unreadable: ${(e as Error).message}`;
      }
    }
    if (!row && step.kind === 'source' && source.sourceRow && positions.length) {
      try {
        row = await source.sourceRow(step, positions[0]!);
      } catch (e) {
        note = `${note ?? 'no snapshot row'}; source file unreadable: ${(e as Error).message}`;
      }
    }
    if (!row) return { note: note ?? 'no values' };
    const keyed = features.key(output, row);
    valuesIn.set(output.name, new Map([...keyed].map(([k, { value }]) => [k, value])));
    return { cells: keyedCells(keyed, before) };
  };

  const firstSeq = startSteps[0]!.step.seq;
  const startAt = new Map<number, (typeof startSteps)[number][]>();
  for (const s of startSteps) startAt.set(s.step.seq, [...(startAt.get(s.step.seq) ?? []), s]);
  let stopped = false;

  for (const step of run.steps) {
    if (step.seq < firstSeq) continue;
    // The start step(s): the record as it left that step.
    const here = startAt.get(step.seq);
    if (here) {
      for (const { out, start: s } of here) {
        const v = await valuesOf(step, out, [s.position], await startInputValues(step, out, s.position));
        steps.push({
          step,
          fate: 'start',
          fateText: `row ${s.position}${out.rowCount !== undefined ? ` of ${out.rowCount}` : ''} of ${stepLabelText(step)}${where(step)}`,
          outputs: [{ dataset: out.name, port: portOf(out), positions: [s.position], ...(out.rowCount !== undefined ? { rows: out.rowCount } : {}) }],
          ...(v.cells ? { cells: v.cells } : {}),
          ...(v.note ? { valuesNote: v.note } : {}),
        });
        frontier.set(out.name, step);
      }
      continue;
    }
    if (stopped) break;
    for (const i of step.inputs) {
      const of = at.has(i.name) ? undefined : viewRows(run, i.name, at);
      const v = of && valuesIn.get(of);
      if (v) valuesIn.set(i.name, v); // the view's columns are columns of the array, the same features
    }
    const carried = step.inputs.map((i, k) => ({ k, name: i.name, pos: at.get(i.name) })).filter((x) => x.pos && x.pos.size);
    for (const i of step.inputs) frontier.delete(i.name);
    const relinked = step.outputs.filter((o) => options.relink?.get(o.name)?.length);
    const lost = !carried.length ? lostAt(step, frontier) : undefined;
    if (!carried.length && !relinked.length) {
      if (lost) {
        const text = `lineage lost at ${stepLabelText(step)}${where(step)}: it reads ${lost.input}, made by code Skewer does not record (e.g. .reindex, numpy arithmetic), after ${stepLabelText(lost.after)}${where(lost.after)} — rows cannot be followed from there`;
        steps.push({ step, fate: 'gap', fateText: text, outputs: [] });
        problems.push(`trace stops at step ${step.seq} (${step.function}): its input ${lost.input} was made by unrecorded code`);
        frontier.clear();
      }
      continue;
    }
    const outs: TraceOutput[] = [];
    let gap: string | undefined;
    let kind: string | undefined;
    let found: string | undefined;
    for (const output of step.outputs) {
      const lin = output.lineage;
      const again = options.relink?.get(output.name);
      if (again?.length && !carried.length) {
        const positions = new Set(again);
        outs.push({ dataset: output.name, port: portOf(output), positions: [...positions].sort((a, b) => a - b), ...(lin ? { rows: lin.rowsOut } : output.rowCount !== undefined ? { rows: output.rowCount } : {}) });
        at.set(output.name, positions);
        found = `${options.relinkText ?? 'found again by key'}${lost ? ` (lineage lost here: the input ${lost.input.replace(/^an object /, '')} was made by code Skewer does not record, e.g. .reindex)` : ''}`;
        continue;
      }
      if (!lin) continue;
      kind = lin.kind;
      if (lin.kind === 'opaque') {
        gap = lin.gap ?? 'the recorder could not map rows through this operator';
        continue;
      }
      let arrays: Record<string, Int32Array> = {};
      if (lin.kind !== 'identity') {
        try {
          arrays = await source.lineage(output);
        } catch (e) {
          gap = `lineage arrays unreadable: ${(e as Error).message}`;
          continue;
        }
      }
      const positions = new Set<number>();
      let mapped = false;
      for (const c of carried) {
        const inputIndex = lin.inputs.indexOf(c.name);
        if (inputIndex < 0 && lin.kind !== 'identity') continue;
        const r = mapForward(lin.kind, arrays, Math.max(0, inputIndex), c.pos!, lin.rowsOut);
        if (!r) continue;
        mapped = true;
        r.forEach((p) => positions.add(p));
      }
      if (!mapped) continue;
      const list = [...positions].sort((a, b) => a - b);
      outs.push({ dataset: output.name, port: portOf(output), positions: list, rows: lin.rowsOut });
      at.set(output.name, positions);
    }
    if (gap && !outs.some((o) => o.positions.length)) {
      steps.push({ step, fate: 'gap', fateText: `lineage gap at ${stepLabelText(step)}${where(step)}: ${gap}`, outputs: [] });
      problems.push(`trace stops at step ${step.seq} (${stepLabelText(step)}, ${step.function}): ${gap}`);
      if (options.relink?.size) continue; // the key may find the record again further on
      stopped = true;
      continue;
    }
    const fitted = step.fitted;
    const consumedBy = fitted
      ? `${step.kind === 'score' ? 'scored by' : step.kind === 'cv' ? 'cross-validated by' : 'used to fit'} ${fitted.class.split('.').pop()} (${fitted.objectId})`
      : undefined;
    let { fate, text } = describe(step, outs, kind, consumedBy);
    if (found) {
      fate = fate === 'dropped' ? fate : 'moved';
      text = `${found}: ${text}`;
    }
    for (const o of outs) if (o.positions.length) frontier.set(o.dataset, step);
    const holder = outs.find((o) => o.positions.length);
    const holderRef = holder && step.outputs.find((o) => o.name === holder.dataset);
    const values = holderRef ? await valuesOf(step, holderRef, holder.positions, inputValues(step)) : {};
    steps.push({ step, fate, fateText: text, outputs: outs, ...(values.cells ? { cells: values.cells } : {}), ...(values.note ? { valuesNote: values.note } : {}) });
  }
  // A "dropped" followed by later steps that still hold the record was only a side branch.
  let alive = false;
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (s.fate === 'dropped' && alive) {
      s.fate = 'skipped';
      s.fateText = s.fateText.replace(/^(dropped|left out) by/, 'not taken by');
    }
    if (s.outputs.some((o) => o.positions.length) || s.fate === 'consumed') alive = true;
  }
  return { start, steps, problems, rows: labelCells(steps, features) };
}

/**
 * A numpy view of an array that holds the record (`X[:, :6]`, `X[10:, ::2]`; skewer_columnOrigin) holds it too, at
 * a position its row start and step give exactly: records the record's positions in the view in `at` and returns
 * the array's dataset name.
 */
function viewRows(run: Run, name: string, at: Map<string, Set<number>>): string | undefined {
  const origin = findDataset(run, name)?.ref.columnOrigin;
  const from = origin && at.get(origin.of);
  if (!origin || !from) return undefined;
  const start = origin.rowStart ?? 0;
  const step = origin.rowStep ?? 1;
  const positions = new Set<number>();
  for (const p of from) {
    const q = (p - start) / step;
    if (Number.isInteger(q) && q >= 0 && (origin.rows === undefined || q < origin.rows)) positions.add(q);
  }
  at.set(name, positions);
  return origin.of;
}

/** The reference of `step`'s input `name` that carries its snapshot: the producing step's output. */
function inputRef(run: Run, step: Step, name: string): DatasetRef | undefined {
  const producer = run.steps.find((s) => s.seq < step.seq && s.outputs.some((o) => o.name === name));
  return producer?.outputs.find((o) => o.name === name);
}

/**
 * Whether `step` continues from the record's last place through an object the recorder did not see being made
 * (an `ext` input): it reads such an object whose shape matches a dataset that held the record (same columns
 * mostly, e.g. `df.reindex(…)`), so the rows are most likely the record's frame, but its positions are unknown.
 */
function lostAt(step: Step, frontier: Map<string, Step>): { input: string; after: Step } | undefined {
  if (!frontier.size) return undefined;
  for (const input of step.inputs) {
    if (!EXT.test(input.name)) continue;
    const cols = new Set((input.schema ?? []).map((f) => f.name));
    for (const [name, after] of frontier) {
      const held = after.outputs.find((o) => o.name === name);
      const heldCols = (held?.schema ?? []).map((f) => f.name);
      const shared = heldCols.filter((c) => cols.has(c)).length;
      if (heldCols.length && shared * 2 >= heldCols.length) return { input: `an object (${input.name.split('/').pop()})`, after };
    }
  }
  return undefined;
}
