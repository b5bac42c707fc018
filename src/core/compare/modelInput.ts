/**
 * Compares what two runs fed their model: the schema of the feature matrix at the first model
 * fit/predict/score of each run. Missing, extra, retyped and reordered columns are exactly the
 * train/serve mismatches a fitted model cannot see (it reads columns by position).
 */
import type { DatasetStats, FieldSchema, Run, Step } from '../runlog/model';

const MODEL_KINDS = new Set(['fit', 'predict', 'score']);

/** The first step that hands a feature matrix to a model, that matrix's schema and its column statistics. */
export function modelInput(run: Run): { step: Step; fields: FieldSchema[]; stats?: DatasetStats } | undefined {
  for (const step of run.steps) {
    if (!MODEL_KINDS.has(step.kind) || step.fitted?.role !== 'model') continue;
    const x = step.inputs[0];
    // An input that an earlier step produced carries its schema and stats on that step's output.
    const produced = x && run.steps.flatMap((s) => s.outputs).find((o) => o.name === x.name);
    const fields = x?.schema?.length ? x.schema : produced?.schema;
    const stats = x?.stats ?? produced?.stats;
    if (fields?.length) return { step, fields, ...(stats ? { stats } : {}) };
  }
  return undefined;
}

export interface ColumnDiff {
  column: string;
  /** "float64 @3" (dtype and 0-based position), or null when the column is absent. */
  left: string | null;
  right: string | null;
  kind: 'same' | 'missing-right' | 'missing-left' | 'dtype' | 'position';
}

export function diffSchemas(left: FieldSchema[], right: FieldSchema[]): ColumnDiff[] {
  const r = new Map(right.map((f, i) => [f.name, { f, i }]));
  const l = new Map(left.map((f, i) => [f.name, { f, i }]));
  const rows: ColumnDiff[] = [];
  left.forEach((f, i) => {
    const o = r.get(f.name);
    const ls = `${f.type} @${i}`;
    if (!o) rows.push({ column: f.name, left: ls, right: null, kind: 'missing-right' });
    else rows.push({ column: f.name, left: ls, right: `${o.f.type} @${o.i}`, kind: o.f.type !== f.type ? 'dtype' : o.i !== i ? 'position' : 'same' });
  });
  right.forEach((f, i) => {
    if (!l.has(f.name)) rows.push({ column: f.name, left: null, right: `${f.type} @${i}`, kind: 'missing-left' });
  });
  return rows;
}
