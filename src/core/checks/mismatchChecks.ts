/**
 * Run-based evidence for train/serve mismatch rules: a serve run that refits a transformer, compared
 * with what the training run of the same pipeline family learned; the column order a loaded model is
 * fed at serving against the one it was trained on.
 */
import * as path from 'node:path';
import type { Evidence, Finding, RunConfirmation } from '../findings/finding';
import { modelInput } from '../compare/modelInput';
import type { DatasetRef, FieldSchema, Run, Step } from '../runlog/model';
import { producerOf } from '../trace/propagate';
import type { CheckContext } from './leakageChecks';
import { fmt, shortClass, where } from './matchRun';
import { runName } from '../runlog/runName';

/** The baseline when the caller names one, else train runs recorded from the same folder as `run`'s script (train.py beside serve.py), newest first. */
function trainingRuns(run: Run, runs: Run[], baseline?: Run): Run[] {
  if (baseline) return baseline === run ? [] : [baseline];
  const dir = path.posix.dirname(run.pipeline.replace(/\\/g, '/'));
  const train = runs.filter((r) => r.phase === 'train' && r !== run);
  const family = train.filter((r) => path.posix.dirname(r.pipeline.replace(/\\/g, '/')) === dir);
  return family.length ? family : [];
}

/** Learned attributes worth comparing, most telling first. */
const ATTRS = ['mean_', 'scale_', 'statistics_', 'center_', 'data_min_', 'data_max_', 'categories_', 'vocabulary_', 'classes_'];

/** What each learned array holds, in words. */
const ATTR_WORDS: Record<string, string> = { mean_: 'mean', scale_: 'scale', statistics_: 'fill value', center_: 'center', data_min_: 'minimum', data_max_: 'maximum' };

const num = (v: unknown) => (typeof v === 'number' ? Number(v.toPrecision(4)).toString() : JSON.stringify(v));

/** One sentence comparing the first learned attribute both fits have. */
export function compareLearned(train: Record<string, unknown>, serve: Record<string, unknown>): { attribute: string; text: string; differs: boolean } | undefined {
  for (const a of ATTRS) {
    const t = train[a];
    const s = serve[a];
    if (t === undefined || s === undefined) continue;
    if (Array.isArray(t) && Array.isArray(s) && t.every(Array.isArray) && s.every(Array.isArray)) {
      const ts = t.map((x) => (x as unknown[]).length);
      const ss = s.map((x) => (x as unknown[]).length);
      const differs = JSON.stringify(t) !== JSON.stringify(s);
      return { attribute: a, differs, text: `${a} sizes [${ts.join(', ')}] in training vs [${ss.join(', ')}] here${differs ? '' : ' (same categories)'}` };
    }
    if (Array.isArray(t) && Array.isArray(s)) {
      let changed = 0;
      let first = -1;
      for (let i = 0; i < Math.max(t.length, s.length); i++) {
        if (t[i] === s[i]) continue;
        changed++;
        if (first < 0) first = i;
      }
      const i = Math.max(0, first);
      // Features by name ("mean of income"), from the names the fit recorded; by position only when it had none.
      const names = Array.isArray(serve.feature_names_in_) ? serve.feature_names_in_ : Array.isArray(train.feature_names_in_) ? train.feature_names_in_ : undefined;
      const feature = names && names.length === s.length && names[i] !== undefined ? String(names[i]) : `feature ${i}`;
      return { attribute: a, differs: changed > 0, text: `${ATTR_WORDS[a] ?? a} of ${feature} ${num(t[i])} in training vs ${num(s[i])} here (${changed} of ${Math.max(t.length, s.length)} values differ)` };
    }
    if (typeof t === 'object' && t && typeof s === 'object' && s) {
      const tk = Object.keys(t).length;
      const sk = Object.keys(s).length;
      return { attribute: a, differs: JSON.stringify(t) !== JSON.stringify(s), text: `${a} has ${tk} entries in training vs ${sk} here` };
    }
    return { attribute: a, differs: t !== s, text: `${a} ${num(t)} in training vs ${num(s)} here` };
  }
  return undefined;
}

export const isFitStep = (s: Step) => (s.kind === 'fit' || s.kind === 'fit_transform') && s.fitted !== undefined && s.fitted.role !== 'model';

/** mismatch/refit-at-inference: the serve run fits the transformer again, on serving rows. */
export async function checkRefit(steps: Step[], _f: Finding, ctx: CheckContext): Promise<RunConfirmation> {
  const { run, runs } = ctx;
  const runId = run.runId;
  const step = steps.find((s) => s.parentSeq === undefined) ?? steps[0]!;
  const name = shortClass(step);
  const fitRows = step.fitted?.nFitRows ?? step.rowsIn[0] ?? null;
  const evidence: Evidence = { transformer: name, fitRows };
  let message = `${name} was refitted on ${fitRows === null ? 'the' : fmt(fitRows)} serving rows (${where(step)}) in the ${runName(run)}`;
  for (const train of trainingRuns(run, runs, ctx.baseline)) {
    const cls = step.fitted!.class;
    // Same class; among several, the one fitted on the same columns.
    const same = train.steps.filter((s) => isFitStep(s) && s.fitted!.class === cls);
    const cols = JSON.stringify(step.fitted!.learned.feature_names_in_ ?? null);
    const twin = same.find((s) => JSON.stringify(s.fitted!.learned.feature_names_in_ ?? null) === cols) ?? same.find((s) => s.parentSeq === undefined) ?? same[0];
    if (!twin) continue;
    const cmp = compareLearned(twin.fitted!.learned, step.fitted!.learned);
    evidence.trainRunId = train.runId;
    evidence.trainFitRows = twin.fitted!.nFitRows ?? twin.rowsIn[0] ?? null;
    message += `; training (${train.pipeline}, ${where(twin)}) fitted it on ${evidence.trainFitRows === null ? 'its' : fmt(evidence.trainFitRows as number)} rows`;
    if (cmp) {
      evidence.attribute = cmp.attribute;
      evidence.learnedDiffers = cmp.differs;
      message += `: ${cmp.text}`;
    }
    break;
  }
  return { status: 'confirmed', runId, evidence, message };
}

const positional = (fields: FieldSchema[]) => fields.every((f, i) => f.name === String(i));

/** Column names of what a model was fed: through identity steps back to a frame that still had names. */
function namedInput(run: Run, step: Step): FieldSchema[] | undefined {
  let ds: DatasetRef | undefined = step.inputs[0];
  for (let guard = 0; ds && guard <= run.steps.length; guard++) {
    const schema = ds.schema ?? producerOf(run, ds.name)?.output.schema;
    if (schema?.length && !positional(schema)) return schema;
    const p = producerOf(run, ds.name);
    const lin = p?.output.lineage;
    if (!p || !lin || lin.kind !== 'identity' || lin.inputs.length !== 1) return undefined;
    ds = p.step.inputs.find((i) => i.name === lin.inputs[0]);
  }
  return undefined;
}

/** mismatch/column-order: the columns a loaded model is fed at serving, in order, against training. */
export async function checkColumnOrder(_steps: Step[], _f: Finding, ctx: CheckContext): Promise<RunConfirmation> {
  const { run, runs } = ctx;
  const runId = run.runId;
  const serving = run.steps.find((s) => (s.kind === 'predict' || s.kind === 'score') && s.fitted?.role !== 'transformer' && s.parentSeq === undefined);
  if (!serving) return { status: 'no-run', runId, message: `the ${runName(run)} never calls a model` };
  const served = namedInput(run, serving);
  if (!served) return { status: 'no-run', runId, message: `the ${runName(run)} does not record the column names the model was fed at ${where(serving)}` };
  for (const train of trainingRuns(run, runs, ctx.baseline)) {
    const mi = modelInput(train);
    if (!mi || positional(mi.fields)) continue;
    const trained = mi.fields.map((f) => f.name);
    const now = served.map((f) => f.name);
    let moved = 0;
    for (let i = 0; i < Math.max(trained.length, now.length); i++) if (trained[i] !== now[i]) moved++;
    const first = trained.findIndex((c, i) => now[i] !== c);
    const evidence: Evidence = { columns: now.length, trainColumns: trained.length, positionsDiffer: moved, trainRunId: train.runId };
    if (moved === 0) return { status: 'not-confirmed', runId, evidence, message: `the model gets the same ${now.length} columns in the same order as in training (${train.pipeline})` };
    return {
      status: 'confirmed', runId, evidence,
      message: `${moved} of ${now.length} feature positions differ from training (${train.pipeline}): position ${first} was ${trained[first] ?? '(none)'} in training, ${now[first] ?? '(none)'} at ${where(serving)}`,
    };
  }
  return { status: 'no-run', runId, message: `no training run beside ${run.pipeline} records the model's training columns` };
}
