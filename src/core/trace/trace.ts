/**
 * Traces one record forward through a recorded run: from a row of one step's output, through every
 * later step, using the per-operator row-lineage arrays (positions for filters/splits/samples, pairs
 * for joins, parts for concats, groups for aggregations). For each step it says where the record went
 * (kept, dropped, duplicated, joined, split into train or test, aggregated, consumed by a fit) and,
 * where a snapshot captured that row, its values. A lineage gap stops the trace with the reason,
 * never with a guessed mapping.
 */
import type { DatasetRef, Run, Step } from '../runlog/model';
import { lineLabel } from '../cellNumbers';
import { stepLabelText } from '../runlog/stepLabels';

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
  column: string;
  value: string | null;
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
}

/** Where the trace reads lineage arrays and snapshot rows from; the run log reader provides both. */
export interface TraceSource {
  lineage(output: DatasetRef): Promise<Record<string, Int32Array>>;
  /** Row values at `position` of `output`, or undefined when its snapshot did not capture that row. */
  row(output: DatasetRef, position: number): Promise<Record<string, string | null> | undefined>;
}

const where = (s: Step) => (s.location ? ` (${lineLabel(s.location)})` : '');
const portOf = (d: DatasetRef) => d.port ?? d.name.split('.').pop() ?? 'out';

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
      for (let i = 0; i < pos.length; i++) if (from.has(pos[i]!)) out.push(i);
      break;
    }
    case 'join': {
      const side = inputIndex === 0 ? arrays.left : inputIndex === 1 ? arrays.right : undefined;
      if (!side) return undefined;
      for (let i = 0; i < side.length; i++) if (from.has(side[i]!)) out.push(i);
      break;
    }
    case 'concat': {
      const { part, positions } = arrays;
      if (!part || !positions) return undefined;
      for (let i = 0; i < part.length; i++) if (part[i] === inputIndex && from.has(positions[i]!)) out.push(i);
      break;
    }
    case 'groupby': {
      const { offsets, members } = arrays;
      if (!offsets || !members || inputIndex !== 0) return undefined;
      for (let g = 0; g + 1 < offsets.length; g++) {
        for (let k = offsets[g]!; k < offsets[g + 1]!; k++) {
          if (from.has(members[k]!)) {
            out.push(g);
            break;
          }
        }
      }
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

/** Follows `start` through every later step of `run`. */
export async function traceRecord(run: Run, start: TraceStart, source: TraceSource): Promise<TraceResult> {
  const problems: string[] = [];
  const at = new Map<string, Set<number>>([[start.dataset, new Set([start.position])]]);
  const startStep = run.steps.find((s) => s.outputs.some((o) => o.name === start.dataset));
  if (!startStep) return { start, steps: [], problems: [`dataset ${start.dataset} is not an output of this run`] };
  const steps: TraceStepResult[] = [];
  // The record's values in each output whose snapshot captured it. A step's cells are compared with its own
  // inputs' values (not with the previous column of the table, which may be another branch, e.g. the Series a
  // column assignment consumed), so only what this step changed is highlighted.
  const valuesIn = new Map<string, Record<string, string | null>>();
  const inputValues = (step: Step): Record<string, string | null> | undefined => {
    let merged: Record<string, string | null> | undefined;
    for (const i of step.inputs) {
      const v = valuesIn.get(i.name);
      if (v) merged = { ...v, ...merged };
    }
    return merged;
  };

  /** Values of the record at the first of its `positions` (copies) that the output's snapshot captured. */
  const valuesOf = async (output: DatasetRef, positions: number[], before?: Record<string, string | null>): Promise<{ cells?: TraceCell[]; note?: string }> => {
    if (!output.snapshot) return { note: 'no snapshot recorded for this step' };
    try {
      let row: Record<string, string | null> | undefined;
      for (const p of positions.slice(0, 64)) if ((row = await source.row(output, p))) break;
      if (!row) return { note: `row ${positions[0]} is not in the sampled snapshot` };
      const cells = Object.entries(row).map(([column, value]) => ({ column, value, changed: before !== undefined && (!(column in before) || before[column] !== value) }));
      valuesIn.set(output.name, row);
      return { cells };
    } catch (e) {
      return { note: `snapshot unreadable: ${(e as Error).message}` };
    }
  };

  // The start step: the record as it left that step.
  const startOut = startStep.outputs.find((o) => o.name === start.dataset)!;
  const first = await valuesOf(startOut, [start.position]);
  steps.push({
    step: startStep,
    fate: 'start',
    fateText: `row ${start.position}${startOut.rowCount !== undefined ? ` of ${startOut.rowCount}` : ''} of ${stepLabelText(startStep)}${where(startStep)}`,
    outputs: [{ dataset: startOut.name, port: portOf(startOut), positions: [start.position], ...(startOut.rowCount !== undefined ? { rows: startOut.rowCount } : {}) }],
    ...(first.cells ? { cells: first.cells } : {}),
    ...(first.note ? { valuesNote: first.note } : {}),
  });

  for (const step of run.steps) {
    if (step.seq <= startStep.seq) continue;
    const carried = step.inputs.map((i, k) => ({ k, name: i.name, pos: at.get(i.name) })).filter((x) => x.pos && x.pos.size);
    if (!carried.length) continue;
    const outs: TraceOutput[] = [];
    let gap: string | undefined;
    let kind: string | undefined;
    for (const output of step.outputs) {
      const lin = output.lineage;
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
      break;
    }
    const fitted = step.fitted;
    const consumedBy = fitted
      ? `${step.kind === 'score' ? 'scored by' : step.kind === 'cv' ? 'cross-validated by' : 'used to fit'} ${fitted.class.split('.').pop()} (${fitted.objectId})`
      : undefined;
    const { fate, text } = describe(step, outs, kind, consumedBy);
    const holder = outs.find((o) => o.positions.length);
    const holderRef = holder && step.outputs.find((o) => o.name === holder.dataset);
    const values = holderRef ? await valuesOf(holderRef, holder.positions, inputValues(step)) : {};
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
  return { start, steps, problems };
}
