/**
 * leakage/target from a run: does the recorded data show the feature encoding the label? Two forms:
 * the model was handed the label column itself (schemas say so), or a column added at the finding's
 * line determines the label on the rows the recorder snapshotted (a value of the feature that only
 * ever occurs with one label, on a real share of rows, or a near-perfect correlation).
 */
import type { Evidence, Finding, RunConfirmation } from '../findings/finding';
import type { LoadedSnapshot } from '../runlog/snapshot';
import type { DatasetRef, FieldSchema, Run, Step } from '../runlog/model';
import { producerOf } from '../trace/propagate';
import type { CheckContext } from './leakageChecks';
import { fmt, where } from './matchRun';
import { runName } from '../runlog/runName';

/** Snapshot access, when the caller's source offers it (RunFolderTraceSource does). */
export interface SnapshotSource {
  snapshot(output: DatasetRef): Promise<LoadedSnapshot>;
}

const hasSnapshots = (s: unknown): s is SnapshotSource => typeof (s as SnapshotSource | undefined)?.snapshot === 'function';

/** Columns of a dataset: its own schema, else its producer's output schema. */
function schemaOf(run: Run, ds: DatasetRef | undefined): FieldSchema[] | undefined {
  if (!ds) return undefined;
  return ds.schema ?? producerOf(run, ds.name)?.output.schema;
}

/** The model fits of a run with the label they were given (the name of y's single column). */
export function modelFits(run: Run): { step: Step; label: string; features: string[] }[] {
  const out = [];
  for (const step of run.steps) {
    if ((step.kind !== 'fit' && step.kind !== 'cv') || step.parentSeq !== undefined) continue;
    if (step.fitted?.role !== 'model' && step.fitted?.role !== 'pipeline') continue;
    const y = schemaOf(run, step.inputs[1]);
    if (!y || y.length !== 1) continue;
    out.push({ step, label: y[0]!.name, features: (schemaOf(run, step.inputs[0]) ?? []).map((f) => f.name) });
  }
  return out;
}

/** Values of one snapshot column as strings (null for missing), by name. */
function column(snap: LoadedSnapshot, name: string): (string | null)[] | undefined {
  const vec = snap.table.getChild(name);
  if (!vec) return undefined;
  const out: (string | null)[] = new Array(vec.length);
  for (let i = 0; i < vec.length; i++) {
    const v: unknown = vec.get(i);
    out[i] = v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v)) ? null : String(v);
  }
  return out;
}

export interface Association {
  rows: number;
  /** Rows whose feature value only ever occurs with one label (values seen at least 5 times). */
  determinedRows: number;
  /** The feature value and label of the largest such group whose label is not the majority label. */
  value?: string;
  label?: string;
  valueRows?: number;
  /** Share of all rows with that label. */
  labelRate?: number;
  correlation?: number;
}

/** How much a feature column tells about the label on paired rows. */
export function associate(feature: (string | null)[], label: (string | null)[]): Association {
  const byValue = new Map<string, Map<string, number>>();
  const labelCounts = new Map<string, number>();
  let rows = 0;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < feature.length; i++) {
    const f = feature[i];
    const y = label[i];
    if (f === null || f === undefined || y === null || y === undefined) continue;
    rows++;
    labelCounts.set(y, (labelCounts.get(y) ?? 0) + 1);
    let m = byValue.get(f);
    if (!m) byValue.set(f, (m = new Map()));
    m.set(y, (m.get(y) ?? 0) + 1);
    const fx = Number(f);
    const yx = y === 'True' ? 1 : y === 'False' ? 0 : Number(y);
    xs.push(fx);
    ys.push(yx);
  }
  const majority = [...labelCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const res: Association = { rows, determinedRows: 0 };
  for (const [value, m] of byValue) {
    const n = [...m.values()].reduce((a, b) => a + b, 0);
    if (m.size !== 1 || n < 5) continue;
    res.determinedRows += n;
    const lab = [...m.keys()][0]!;
    if (lab !== majority && (res.valueRows === undefined || n > res.valueRows)) {
      Object.assign(res, { value, label: lab, valueRows: n, labelRate: (labelCounts.get(lab) ?? 0) / rows });
    }
  }
  if (xs.length > 2 && xs.every(Number.isFinite) && ys.every(Number.isFinite)) {
    const r = pearson(xs, ys);
    if (r !== undefined) res.correlation = r;
  }
  return res;
}

function pearson(xs: number[], ys: number[]): number | undefined {
  const n = xs.length;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0, sxx = 0, syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - mx, dy = ys[i]! - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : undefined;
}

/**
 * Thresholds: a label-pure value on at least 5% of rows whose label is a minority and so unlikely by
 * chance (labelRate^rows < 1%: seven rows at a 40% base rate pass, five do not), or |r| >= 0.9.
 */
const PURE_SHARE = 0.05;
const CHANCE = 0.01;
const CORRELATION = 0.9;

export const isTargetSite = (s: Step) => s.kind === 'map' || s.columnsAdded.length > 0 || ((s.kind === 'fit' || s.kind === 'cv') && (s.fitted?.role === 'model' || s.fitted?.role === 'pipeline'));

export async function checkTarget(steps: Step[], _f: Finding, ctx: CheckContext): Promise<RunConfirmation> {
  const { run } = ctx;
  const runId = run.runId;
  const fits = modelFits(run);
  if (!fits.length) return { status: 'no-run', runId, message: `the ${runName(run)} records no model fit with a single label column` };
  // The label column handed to the model as a feature.
  for (const step of steps) {
    const fit = fits.find((x) => x.step === step);
    if (fit && fit.features.includes(fit.label)) {
      return { status: 'confirmed', runId, evidence: { label: fit.label, feature: fit.label }, message: `${fit.step.function} (${where(step)}) is given the label column "${fit.label}" among its features in the ${runName(run)}` };
    }
  }
  const site = steps.find((s) => s.columnsAdded.length && s.outputs[0]);
  if (!site) {
    if (steps.some((s) => s.kind === 'map')) return { status: 'no-run', runId, message: `${steps[0]!.function} (${where(steps[0]!)}) adds no column in the ${runName(run)}, so there is no new feature to compare with the label` };
    return { status: 'not-confirmed', runId, message: `the model fits of the ${runName(run)} do not receive their label column as a feature` };
  }
  const src: unknown = ctx.source;
  if (!hasSnapshots(src)) return { status: 'no-run', runId, message: 'run snapshots are not available to this check' };
  const out = site.outputs[0]!;
  if (!out.snapshot || out.snapshot.unavailable) return { status: 'no-run', runId, message: `${site.function} (${where(site)}) has no readable snapshot in the ${runName(run)}` };
  let snap: LoadedSnapshot;
  try {
    snap = await src.snapshot(out);
  } catch (e) {
    return { status: 'no-run', runId, message: `snapshot of ${site.function} (${where(site)}) unreadable: ${(e as Error).message}` };
  }
  let best: { feature: string; label: string; a: Association } | undefined;
  for (const fit of fits) {
    const label = column(snap, fit.label);
    if (!label) continue;
    for (const feature of site.columnsAdded) {
      if (feature === fit.label) continue;
      const values = column(snap, feature);
      if (!values) continue;
      const a = associate(values, label);
      const score = Math.max((a.valueRows ?? 0) / Math.max(1, a.rows), Math.abs(a.correlation ?? 0));
      const bestScore = best ? Math.max((best.a.valueRows ?? 0) / Math.max(1, best.a.rows), Math.abs(best.a.correlation ?? 0)) : -1;
      if (score > bestScore) best = { feature, label: fit.label, a };
    }
  }
  if (!best) return { status: 'no-run', runId, message: `the snapshot of ${site.function} (${where(site)}) lacks the added column or the label column` };
  const { feature, label, a } = best;
  const sampled = snap.positions.length < (out.rowCount ?? snap.positions.length) ? ` sampled` : '';
  const evidence: Evidence = { feature, label, rows: a.rows, determinedRows: a.determinedRows, correlation: a.correlation === undefined ? null : Number(a.correlation.toFixed(3)) };
  const pure = a.valueRows !== undefined && a.valueRows >= PURE_SHARE * a.rows && Math.pow(a.labelRate!, a.valueRows) < CHANCE;
  if (pure) {
    Object.assign(evidence, { value: a.value!, valueRows: a.valueRows!, labelRate: Number(a.labelRate!.toFixed(3)) });
    return {
      status: 'confirmed', runId, evidence,
      message: `in the ${fmt(a.rows)}${sampled} rows after ${where(site)}, every row with ${feature} = ${a.value} (${fmt(a.valueRows!)} rows) has ${label} = ${a.label}, while ${(100 * a.labelRate!).toFixed(0)}% of all rows do (${runName(run)})`,
    };
  }
  if (a.correlation !== undefined && Math.abs(a.correlation) >= CORRELATION) {
    return { status: 'confirmed', runId, evidence, message: `${feature} correlates with ${label} at r = ${a.correlation.toFixed(3)} in the ${fmt(a.rows)}${sampled} rows after ${where(site)} (${runName(run)})` };
  }
  return { status: 'not-confirmed', runId, evidence, message: `${feature} does not determine ${label} in the ${fmt(a.rows)}${sampled} rows after ${where(site)}${a.correlation !== undefined ? ` (r = ${a.correlation.toFixed(3)})` : ''} (${runName(run)})` };
}
