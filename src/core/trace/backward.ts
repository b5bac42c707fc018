/**
 * Backward trace: from a row of a later step (a test-split row, a model-input row, a prediction) to the rows
 * of every earlier step it came from, down to the source rows, with their values (from the snapshot when it
 * holds the row, else from the source file itself). Each lineage kind is read in reverse: `select` positions,
 * both sides of a `join`, `concat` parts, every member of a `groupby` group. Where positions are lost (an opaque
 * step, an object made by unrecorded code) the record's key, when the run kept one, finds its source rows again;
 * otherwise the trace says where and why it stops.
 */
import type { DatasetRef, Run, Step } from '../runlog/model';
import { findKey, type KeySource } from './byKey';
import { keyValueAt, KeyResolver } from './keyValues';
import { mapBackward } from './mapBackward';
import { producerOf } from './propagate';
import { FeatureRows } from './cells';
import { keyedCells, labelCells, type FateKind, type TraceCell, type TraceResult, type TraceStart, type TraceStepResult } from './trace';

const where = (s: Step) => (s.location ? ` (${s.location.cell !== undefined ? `cell ${s.location.cell + 1}, ` : ''}line ${s.location.line})` : '');
const portOf = (d: DatasetRef) => d.port ?? d.name.split('.').pop() ?? 'out';
const rowsText = (p: number[]) => `row${p.length > 1 ? 's' : ''} ${p.slice(0, 8).join(', ')}${p.length > 8 ? `, … (${p.length})` : ''}`;

export { mapBackward } from './mapBackward';

const FATE: Record<string, FateKind> = { identity: 'kept', select: 'moved', join: 'joined', concat: 'moved', groupby: 'aggregated' };

/** Follows the row `start` back to the source rows it came from. */
export async function traceBackward(run: Run, start: TraceStart, source: KeySource, keys = new KeyResolver(run, source)): Promise<TraceResult> {
  const problems: string[] = [];
  const startProd = producerOf(run, start.dataset);
  if (!startProd) return { start, steps: [], problems: [`dataset ${start.dataset} is not an output of this run`] };
  const need = new Map<string, Set<number>>([[start.dataset, new Set([start.position])]]);
  const notes = new Map<string, string>();
  const results: { step: Step; output: DatasetRef; positions: number[]; fate: FateKind; text: string }[] = [];
  const steps = [...run.steps].filter((s) => s.seq <= startProd.step.seq).sort((a, b) => b.seq - a.seq);

  /** The record's key at `dataset` rows, to find its source rows again past a gap. */
  const relinkByKey = async (dataset: string, rows: number[], before: Step): Promise<string | undefined> => {
    for (const column of KeyResolver.columnsOf(run)) {
      const idx = await keys.index(dataset, column).catch(() => undefined);
      const value = idx && rows.length ? keyValueAt(idx, rows[0]!) : null;
      if (value === null || value === undefined) continue;
      const lookup = await findKey(run, column, value, source, keys);
      const hits = lookup.matches.filter((m) => m.step.seq < before.seq && m.step.kind === 'source');
      if (!hits.length) continue;
      for (const m of hits) need.set(m.dataset, new Set([...(need.get(m.dataset) ?? []), ...m.positions]));
      for (const m of hits) notes.set(m.dataset, `found again by ${column} = ${value}`);
      return `${column} = ${value}`;
    }
    return undefined;
  };

  for (const step of steps) {
    for (const output of step.outputs) {
      const rows = need.get(output.name);
      if (!rows?.size) continue;
      const positions = [...rows].sort((a, b) => a - b);
      const isStart = output.name === start.dataset;
      const lin = output.lineage;
      const noted = notes.get(output.name);
      const file = step.kind === 'source' ? step.inputs.find((i) => i.namespace === 'file')?.name : undefined;
      const base = file ? `source ${rowsText(positions)} of ${file.split(/[\\/]/).pop()}` : `${rowsText(positions)} of ${step.function}`;
      const text = `${noted ? `${noted}: ` : ''}${base}${where(step)}`;
      results.push({ step, output, positions, fate: isStart ? 'start' : (lin && FATE[lin.kind]) ?? 'kept', text });
      if (file || step.kind === 'source') continue; // a source: the end of the way back
      const stop = async (why: string) => {
        const found = await relinkByKey(output.name, positions, step);
        const last = results[results.length - 1]!;
        if (found) {
          last.text += `; lineage lost here (${why}), source rows found again by ${found}`;
          return;
        }
        results.push({ step, output, positions: [], fate: 'gap', text: `lineage stops at ${step.function}${where(step)}: ${why}` });
        problems.push(`backward trace stops at step ${step.seq} (${step.function}): ${why}`);
      };
      if (!lin) {
        await stop('no row lineage was recorded for this output');
        continue;
      }
      if (lin.kind === 'opaque') {
        await stop(lin.gap ?? 'the recorder could not map rows through this operator');
        continue;
      }
      let arrays: Record<string, Int32Array> = {};
      if (lin.kind !== 'identity') {
        try {
          arrays = await source.lineage(output);
        } catch (e) {
          await stop(`lineage arrays unreadable: ${(e as Error).message}`);
          continue;
        }
      }
      const back = mapBackward(lin.kind, arrays, lin.inputs.length, positions);
      if (!back) {
        await stop(`cannot read ${lin.kind} lineage backwards`);
        continue;
      }
      if (back.synthetic && back.byInput.every((l) => !l.length)) {
        results.push({ step, output, positions: [], fate: 'gap', text: `a synthetic row made by ${step.function}${where(step)} (e.g. SMOTE): it has no source row` });
        continue;
      }
      for (const [k, name] of lin.inputs.entries()) {
        const ps = back.byInput[k]!;
        if (!ps.length) continue;
        if (producerOf(run, name)) need.set(name, new Set([...(need.get(name) ?? []), ...ps]));
        else await stop(`its input ${name.split('/').pop()} was made by code Skewer does not record (e.g. .reindex, numpy arithmetic)`);
      }
    }
  }

  // Pipeline order, values per step, changes against the step before.
  results.reverse();
  const features = new FeatureRows(run);
  let previous: Map<string, string | null> | undefined;
  const out: TraceStepResult[] = [];
  for (const r of results) {
    let cells: TraceCell[] | undefined;
    let note: string | undefined;
    if (r.positions.length) {
      let row: Record<string, string | null> | undefined;
      try {
        if (r.output.snapshot) row = await source.row(r.output, r.positions[0]!);
        if (!row && r.step.kind === 'source' && source.sourceRow) row = await source.sourceRow(r.step, r.positions[0]!);
        if (!row) note = r.output.snapshot ? `row ${r.positions[0]} is not in the sampled snapshot` : 'no snapshot recorded for this step';
      } catch (e) {
        note = `values unreadable: ${(e as Error).message}`;
      }
      if (row) {
        // one row per feature (cells.ts), compared with the record's values so far; a source step changes nothing:
        // its values are the file's (a second source is not a change of the first)
        const keyed = features.key(r.output, row);
        cells = keyedCells(keyed, r.step.kind === 'source' ? undefined : previous);
        previous = new Map([...(previous ?? []), ...[...keyed].map(([k, { value }]) => [k, value] as const)]);
      }
    }
    out.push({
      step: r.step,
      fate: r.fate,
      fateText: r.text,
      outputs: r.positions.length ? [{ dataset: r.output.name, port: portOf(r.output), positions: r.positions, ...(r.output.rowCount !== undefined ? { rows: r.output.rowCount } : {}) }] : [],
      ...(cells ? { cells } : {}),
      ...(note ? { valuesNote: note } : {}),
    });
  }
  return { start, steps: out, problems, rows: labelCells(out, features) };
}
