/**
 * Forward propagation of a whole SET of rows through a recorded run: which rows of every later dataset
 * descend from the chosen rows of one dataset. Run checks ask set questions ("how many of the rows a
 * scaler was fitted on end up in the test split?") that tracing one record at a time cannot answer
 * at 1M rows, so each dataset gets one typed array (no per-row objects, no Sets): a Uint8Array of
 * membership, or an Int32Array of origins (which start row each row descends from, -1 = none) when a
 * check needs to know *which* start rows arrived (copies of one row on both sides of a split).
 *
 * The per-kind mapping is the same as trace.ts's mapForward (identity, select, join, concat, groupby;
 * opaque stops with the recorder's gap reason); the unit tests check the two agree on every kind. It is
 * re-implemented as a gather over typed arrays because mapForward works on Set<number> and returns a
 * sorted number[], which costs hundreds of milliseconds per step at 1M rows.
 */
import type { DatasetRef, Run, Step } from '../runlog/model';
import type { TraceSource } from './trace';

/** Where propagation reads lineage arrays from (RunFolderTraceSource, or a cache over it). */
export type LineageSource = Pick<TraceSource, 'lineage'>;

/** A place where propagation could not follow rows; rows beyond it are unknown, not absent. */
export interface PropagationGap {
  seq: number;
  function: string;
  line?: number;
  cell?: number;
  /** Output dataset that could not be computed. */
  dataset: string;
  reason: string;
}

export interface PropagateOptions {
  /** Steps (by seq) whose outputs are not followed, e.g. the aggregation a check is examining. */
  skipSeqs?: ReadonlySet<number>;
  /** Only compute datasets that lead to one of these (saves the work after a split when only the split matters). */
  targets?: readonly string[];
}

/** Dataset names from which one of `targets` can be reached through the step graph (targets included). */
export function ancestorsOf(run: Run, targets: readonly string[]): Set<string> {
  const need = new Set(targets);
  const steps = [...run.steps].sort((a, b) => b.seq - a.seq);
  for (const step of steps) {
    for (const o of step.outputs) {
      if (!need.has(o.name)) continue;
      for (const i of o.lineage?.inputs ?? step.inputs.map((d) => d.name)) need.add(i);
    }
  }
  return need;
}

/** Dataset names reachable from `start` through the step graph, without reading any rows. */
export function descendantsOf(run: Run, start: string): Set<string> {
  const seen = new Set([start]);
  const steps = [...run.steps].sort((a, b) => a.seq - b.seq);
  for (const step of steps) {
    if (!step.inputs.some((i) => seen.has(i.name))) continue;
    for (const o of step.outputs) if (!o.lineage || o.lineage.inputs.some((i) => seen.has(i))) seen.add(o.name);
  }
  return seen;
}

export interface RowPropagation {
  /** Dataset name → membership (1 = the row descends from a start row). Only datasets with at least one such row. */
  reached: Map<string, Uint8Array>;
  gaps: PropagationGap[];
}

export interface OriginPropagation {
  /** Dataset name → for each row, the start-dataset position it descends from, or -1. */
  origins: Map<string, Int32Array>;
  /** Datasets whose rows went through an aggregation: a group row keeps the origin of its first reached member only. */
  aggregated: Set<string>;
  gaps: PropagationGap[];
  /** Rows of the start dataset. */
  startRows: number;
}

/** Row count of a dataset as the run recorded it (output rowCount, lineage rowsOut, or input stats). */
export function datasetRows(run: Run, name: string): number | undefined {
  for (const step of run.steps) {
    for (const o of step.outputs) if (o.name === name) return o.rowCount ?? o.lineage?.rowsOut ?? o.stats?.rowCount;
  }
  for (const step of run.steps) {
    for (const [k, i] of step.inputs.entries()) if (i.name === name) return i.rowCount ?? i.stats?.rowCount ?? step.rowsIn[k];
  }
  return undefined;
}

type ProducerIndex = { steps: number; outputs: number; byName: Map<string, { step: Step; output: DatasetRef }> };
const producers = new WeakMap<Run, ProducerIndex>();

/** The step whose output `name` is, with that output (indexed per run; rebuilt when a live run grows). */
export function producerOf(run: Run, name: string): { step: Step; output: DatasetRef } | undefined {
  let idx = producers.get(run);
  const last = run.steps[run.steps.length - 1];
  if (!idx || idx.steps !== run.steps.length || idx.outputs !== (last?.outputs.length ?? 0)) {
    const byName = new Map<string, { step: Step; output: DatasetRef }>();
    for (const step of run.steps) for (const output of step.outputs) if (!byName.has(output.name)) byName.set(output.name, { step, output });
    idx = { steps: run.steps.length, outputs: last?.outputs.length ?? 0, byName };
    producers.set(run, idx);
  }
  return idx.byName.get(name);
}

/**
 * Rows of `dataset` (all, or those set in `rows`) followed forward through every later step.
 * `rows`, when given, must have one entry per row of `dataset` (non-zero = start row).
 */
export async function propagateRows(run: Run, dataset: string, rows: Uint8Array | 'all', source: LineageSource, options: PropagateOptions = {}): Promise<RowPropagation> {
  const n = rows === 'all' ? datasetRows(run, dataset) : rows.length;
  if (n === undefined) return { reached: new Map(), gaps: [{ seq: -1, function: '', dataset, reason: `dataset ${dataset} is not part of run ${run.runId}` }] };
  const start = new Int32Array(n);
  if (rows !== 'all') for (let i = 0; i < n; i++) start[i] = rows[i] ? 0 : -1;
  const r = await propagate(run, dataset, start, source, options);
  const reached = new Map<string, Uint8Array>();
  for (const [name, lane] of r.lanes) {
    const m = new Uint8Array(lane.length);
    for (let i = 0; i < lane.length; i++) m[i] = lane[i] === -1 ? 0 : 1;
    reached.set(name, m);
  }
  return { reached, gaps: r.gaps };
}

/** Every row of `dataset` labelled with its own position, followed forward: who descends from which start row. */
export async function propagateOrigins(run: Run, dataset: string, source: LineageSource, options: PropagateOptions = {}): Promise<OriginPropagation> {
  const n = datasetRows(run, dataset);
  if (n === undefined) return { origins: new Map(), aggregated: new Set(), gaps: [{ seq: -1, function: '', dataset, reason: `dataset ${dataset} is not part of run ${run.runId}` }], startRows: 0 };
  const start = new Int32Array(n);
  for (let i = 0; i < n; i++) start[i] = i;
  const r = await propagate(run, dataset, start, source, options);
  return { origins: r.lanes, aggregated: r.aggregated, gaps: r.gaps, startRows: n };
}

/** Lanes are Int32 (-1 = not reached) so the gather loops stay monomorphic. */
async function propagate(
  run: Run,
  startName: string,
  start: Int32Array,
  source: LineageSource,
  options: PropagateOptions,
): Promise<{ lanes: Map<string, Int32Array>; aggregated: Set<string>; gaps: PropagationGap[] }> {
  const lanes = new Map<string, Int32Array>([[startName, start]]);
  const aggregated = new Set<string>();
  const gaps: PropagationGap[] = [];
  const after = producerOf(run, startName)?.step.seq ?? -1;
  const needed = options.targets ? ancestorsOf(run, options.targets) : undefined;
  const steps = [...run.steps].sort((a, b) => a.seq - b.seq);
  for (const step of steps) {
    if (step.seq <= after || options.skipSeqs?.has(step.seq)) continue;
    for (const output of step.outputs) {
      const lin = output.lineage;
      if (!lin || (needed && !needed.has(output.name))) continue;
      const carried = lin.inputs.map((name, k) => ({ k, name, lane: lanes.get(name) })).filter((c): c is { k: number; name: string; lane: Int32Array } => c.lane !== undefined);
      if (!carried.length) continue;
      const gap = (reason: string) => gaps.push({ seq: step.seq, function: step.function, ...(step.location ? { line: step.location.line } : {}), ...(step.location?.cell !== undefined ? { cell: step.location.cell } : {}), dataset: output.name, reason });
      if (lin.kind === 'opaque') {
        gap(lin.gap ?? 'the recorder could not map rows through this operator');
        continue;
      }
      let arrays: Record<string, Int32Array> = {};
      if (lin.kind !== 'identity') {
        if (lin.unavailable?.length) {
          gap(`lineage array${lin.unavailable.length > 1 ? 's' : ''} ${lin.unavailable.join(', ')} missing or refused`);
          continue;
        }
        try {
          arrays = await source.lineage(output);
        } catch (e) {
          gap(`lineage arrays unreadable: ${(e as Error).message}`);
          continue;
        }
      }
      const out = new Int32Array(lin.rowsOut).fill(-1);
      let hit = 0;
      let failed: string | undefined;
      for (const c of carried) {
        const declared = lin.rowsIn[c.k];
        if (declared !== undefined && declared !== c.lane.length) {
          failed = `input ${c.name} has ${c.lane.length} rows but the lineage says ${declared}`;
          break;
        }
        const r = gather(lin.kind, arrays, c.k, c.lane, out, lin.rowsOut);
        if (typeof r === 'string') {
          failed = r;
          break;
        }
        hit += r;
      }
      if (failed) {
        gap(failed);
        continue;
      }
      if (lin.kind === 'groupby' || carried.some((c) => aggregated.has(c.name))) aggregated.add(output.name);
      if (hit > 0) lanes.set(output.name, out);
    }
  }
  return { lanes, aggregated, gaps };
}

/**
 * out[i] = src[source row of i in input k] where out[i] is still unset (-1); returns how many rows it set,
 * or a reason when the arrays do not fit the recorded shapes (a damaged lineage file). Int32 lanes only
 * and one small loop per kind, so V8 optimises each early: this is the hot path at 1M rows.
 */
function gather(kind: string, arrays: Record<string, Int32Array>, k: number, src: Int32Array, out: Int32Array, rowsOut: number): number | string {
  const n = src.length;
  const bad = (role: string) => `${role} array does not match the recorded shape (${rowsOut} output rows, ${n} input rows)`;
  switch (kind) {
    case 'identity':
      if (n !== rowsOut) return `identity lineage over inputs of different lengths (${n} vs ${rowsOut})`;
      return gatherIdentity(src, out);
    case 'select':
    case 'join': {
      if (kind === 'select' && k !== 0) return 'select lineage with more than one input';
      if (kind === 'join' && k > 1) return 'join lineage with more than two inputs';
      const role = kind === 'select' ? 'positions' : k === 0 ? 'left' : 'right';
      const pos = arrays[role];
      if (!pos) return `${role} array missing`;
      if (pos.length !== rowsOut) return bad(role);
      const hit = gatherPositions(pos, src, out);
      return hit < 0 ? bad(role) : hit;
    }
    case 'concat': {
      const { part, positions } = arrays;
      if (!part || !positions) return 'part/positions arrays missing';
      if (part.length !== rowsOut || positions.length !== rowsOut) return bad('part/positions');
      const hit = gatherConcat(part, positions, k, src, out);
      return hit < 0 ? bad('positions') : hit;
    }
    case 'groupby': {
      const { offsets, members } = arrays;
      if (!offsets || !members) return 'offsets/members arrays missing';
      if (k !== 0) return 'groupby lineage with more than one input';
      if (offsets.length !== rowsOut + 1) return bad('offsets');
      const hit = gatherGroups(offsets, members, src, out);
      return hit === -1 ? bad('offsets') : hit === -2 ? bad('members') : hit;
    }
    default:
      return `unknown lineage kind ${kind}`;
  }
}

function gatherIdentity(src: Int32Array, out: Int32Array): number {
  let hit = 0;
  for (let i = 0; i < out.length; i++) {
    const v = src[i]!;
    if (v !== -1 && out[i] === -1) {
      out[i] = v;
      hit++;
    }
  }
  return hit;
}

/** -1 when a position points past the input. Negative positions are synthetic rows or unmatched join sides. */
function gatherPositions(pos: Int32Array, src: Int32Array, out: Int32Array): number {
  const n = src.length;
  let hit = 0;
  for (let i = 0; i < pos.length; i++) {
    const j = pos[i]!;
    if (j < 0) continue;
    if (j >= n) return -1;
    const v = src[j]!;
    if (v !== -1 && out[i] === -1) {
      out[i] = v;
      hit++;
    }
  }
  return hit;
}

function gatherConcat(part: Int32Array, positions: Int32Array, k: number, src: Int32Array, out: Int32Array): number {
  const n = src.length;
  let hit = 0;
  for (let i = 0; i < part.length; i++) {
    if (part[i] !== k) continue;
    const j = positions[i]!;
    if (j < 0 || j >= n) return -1;
    const v = src[j]!;
    if (v !== -1 && out[i] === -1) {
      out[i] = v;
      hit++;
    }
  }
  return hit;
}

/** -1 for bad offsets, -2 for bad members. A group row keeps the origin of its first reached member. */
function gatherGroups(offsets: Int32Array, members: Int32Array, src: Int32Array, out: Int32Array): number {
  const n = src.length;
  let hit = 0;
  for (let g = 0; g < out.length; g++) {
    const from = offsets[g]!;
    const end = offsets[g + 1]!;
    if (from < 0 || end > members.length || end < from) return -1;
    for (let m = from; m < end; m++) {
      const j = members[m]!;
      if (j < 0 || j >= n) return -2;
      if (src[j] !== -1) {
        out[g] = src[j]!;
        hit++;
        break;
      }
    }
  }
  return hit;
}

/** Rows set in a lane (membership or origins). */
export function countReached(lane: Int32Array | Uint8Array): number {
  const none = lane instanceof Uint8Array ? 0 : -1;
  let n = 0;
  for (let i = 0; i < lane.length; i++) if (lane[i] !== none) n++;
  return n;
}
