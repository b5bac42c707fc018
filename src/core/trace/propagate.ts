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

type Lane = Int32Array | Uint8Array;

export interface PropagateOptions {
  /** Steps (by seq) whose outputs are not followed, e.g. the aggregation a check is examining. */
  skipSeqs?: ReadonlySet<number>;
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

/** The step whose output `name` is, with that output. */
export function producerOf(run: Run, name: string): { step: Step; output: DatasetRef } | undefined {
  for (const step of run.steps) {
    const output = step.outputs.find((o) => o.name === name);
    if (output) return { step, output };
  }
  return undefined;
}

/**
 * Rows of `dataset` (all, or those set in `rows`) followed forward through every later step.
 * `rows`, when given, must have one entry per row of `dataset` (non-zero = start row).
 */
export async function propagateRows(run: Run, dataset: string, rows: Uint8Array | 'all', source: LineageSource, options: PropagateOptions = {}): Promise<RowPropagation> {
  const n = rows === 'all' ? datasetRows(run, dataset) : rows.length;
  if (n === undefined) return { reached: new Map(), gaps: [{ seq: -1, function: '', dataset, reason: `dataset ${dataset} is not part of run ${run.runId}` }] };
  let start: Uint8Array;
  if (rows === 'all') start = new Uint8Array(n).fill(1);
  else {
    start = new Uint8Array(n);
    for (let i = 0; i < n; i++) start[i] = rows[i] ? 1 : 0;
  }
  const r = await propagate(run, dataset, start, 0, (len) => new Uint8Array(len), source, options);
  return { reached: r.lanes, gaps: r.gaps };
}

/** Every row of `dataset` labelled with its own position, followed forward: who descends from which start row. */
export async function propagateOrigins(run: Run, dataset: string, source: LineageSource, options: PropagateOptions = {}): Promise<OriginPropagation> {
  const n = datasetRows(run, dataset);
  if (n === undefined) return { origins: new Map(), aggregated: new Set(), gaps: [{ seq: -1, function: '', dataset, reason: `dataset ${dataset} is not part of run ${run.runId}` }], startRows: 0 };
  const start = new Int32Array(n);
  for (let i = 0; i < n; i++) start[i] = i;
  const r = await propagate(run, dataset, start, -1, (len) => new Int32Array(len).fill(-1), source, options);
  return { origins: r.lanes, aggregated: r.aggregated, gaps: r.gaps, startRows: n };
}

async function propagate<T extends Lane>(
  run: Run,
  startName: string,
  start: T,
  none: number,
  make: (n: number) => T,
  source: LineageSource,
  options: PropagateOptions,
): Promise<{ lanes: Map<string, T>; aggregated: Set<string>; gaps: PropagationGap[] }> {
  const lanes = new Map<string, T>([[startName, start]]);
  const aggregated = new Set<string>();
  const gaps: PropagationGap[] = [];
  const after = producerOf(run, startName)?.step.seq ?? -1;
  const steps = [...run.steps].sort((a, b) => a.seq - b.seq);
  for (const step of steps) {
    if (step.seq <= after || options.skipSeqs?.has(step.seq)) continue;
    for (const output of step.outputs) {
      const lin = output.lineage;
      if (!lin) continue;
      const carried = lin.inputs.map((name, k) => ({ k, name, lane: lanes.get(name) })).filter((c): c is { k: number; name: string; lane: T } => c.lane !== undefined);
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
      const out = make(lin.rowsOut);
      let hit = 0;
      let failed: string | undefined;
      for (const c of carried) {
        const declared = lin.rowsIn[c.k];
        if (declared !== undefined && declared !== c.lane.length) {
          failed = `input ${c.name} has ${c.lane.length} rows but the lineage says ${declared}`;
          break;
        }
        const r = gather(lin.kind, arrays, c.k, c.lane, out, none, lin.rowsOut);
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
 * out[i] = src[source row of i in input k] where out[i] is still unset; returns how many rows it set,
 * or a reason when the arrays do not fit the recorded shapes (a damaged lineage file).
 */
function gather(kind: string, arrays: Record<string, Int32Array>, k: number, src: Lane, out: Lane, none: number, rowsOut: number): number | string {
  const n = src.length;
  let hit = 0;
  const take = (i: number, j: number): boolean => {
    if (j < 0) return true; // synthetic row or no match on this side
    if (j >= n) return false;
    const v = src[j]!;
    if (v !== none && out[i] === none) {
      out[i] = v;
      hit++;
    }
    return true;
  };
  const bad = (role: string) => `${role} array does not match the recorded shape (${rowsOut} output rows, ${n} input rows)`;
  switch (kind) {
    case 'identity': {
      if (n !== rowsOut) return `identity lineage over inputs of different lengths (${n} vs ${rowsOut})`;
      for (let i = 0; i < rowsOut; i++) take(i, i);
      return hit;
    }
    case 'select': {
      const pos = arrays.positions;
      if (!pos) return 'positions array missing';
      if (k !== 0) return 'select lineage with more than one input';
      if (pos.length !== rowsOut) return bad('positions');
      for (let i = 0; i < rowsOut; i++) if (!take(i, pos[i]!)) return bad('positions');
      return hit;
    }
    case 'join': {
      const side = k === 0 ? arrays.left : k === 1 ? arrays.right : undefined;
      if (!side) return k > 1 ? 'join lineage with more than two inputs' : `${k === 0 ? 'left' : 'right'} array missing`;
      if (side.length !== rowsOut) return bad(k === 0 ? 'left' : 'right');
      for (let i = 0; i < rowsOut; i++) if (!take(i, side[i]!)) return bad(k === 0 ? 'left' : 'right');
      return hit;
    }
    case 'concat': {
      const { part, positions } = arrays;
      if (!part || !positions) return 'part/positions arrays missing';
      if (part.length !== rowsOut || positions.length !== rowsOut) return bad('part/positions');
      for (let i = 0; i < rowsOut; i++) if (part[i] === k && !take(i, positions[i]!)) return bad('positions');
      return hit;
    }
    case 'groupby': {
      const { offsets, members } = arrays;
      if (!offsets || !members) return 'offsets/members arrays missing';
      if (k !== 0) return 'groupby lineage with more than one input';
      if (offsets.length !== rowsOut + 1) return bad('offsets');
      for (let g = 0; g < rowsOut; g++) {
        const end = offsets[g + 1]!;
        if (offsets[g]! < 0 || end > members.length || end < offsets[g]!) return bad('offsets');
        for (let m = offsets[g]!; m < end; m++) {
          const j = members[m]!;
          if (j < 0 || j >= n) return bad('members');
          if (src[j] !== none) {
            // A group row descends from every reached member; it keeps the first one's origin.
            out[g] = src[j]!;
            hit++;
            break;
          }
        }
      }
      return hit;
    }
    default:
      return `unknown lineage kind ${kind}`;
  }
}

/** Rows set in a lane (membership or origins). */
export function countReached(lane: Lane): number {
  const none = lane instanceof Uint8Array ? 0 : -1;
  let n = 0;
  for (let i = 0; i < lane.length; i++) if (lane[i] !== none) n++;
  return n;
}
