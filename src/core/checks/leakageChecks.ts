/**
 * Run-based evidence for the leakage rules: what the recorded rows actually did. Each check gets the
 * steps recorded at the finding's line in the chosen run and returns a confirmation with numbers a
 * user can verify (rows fitted, rows that reached the test split, models scored on one test set).
 */
import type { Evidence, Finding, RunConfirmation } from '../findings/finding';
import type { Run, Step } from '../runlog/model';
import { datasetRows, descendantsOf, propagateOrigins, type LineageSource, type OriginPropagation, type PropagationGap } from '../trace/propagate';
import { fmt, shortClass, where } from './matchRun';
import { externalAncestors, identityRoot, isExternal, rowRoot, splitSides, type RowRoot, type Side } from './rowSpace';
import { lineLabel } from '../cellNumbers';
import { runName } from '../runlog/runName';

export interface CheckContext {
  run: Run;
  /** Every run given to confirmWithRuns, newest first (train/serve comparisons look across runs). */
  runs: Run[];
  source: LineageSource;
  /** Origin propagations of this run already computed for earlier findings (key: root dataset and skipped steps). */
  origins: Map<string, Promise<OriginPropagation>>;
  /** The training run serving runs are compared with, when the caller names one. */
  baseline?: Run;
}

/** Origins from `root`, shared by every finding checked against the same run in one confirmWithRuns call. */
export function originsFrom(ctx: CheckContext, root: string, skip?: number): Promise<OriginPropagation> {
  const key = `${root}|${skip ?? ''}`;
  let p = ctx.origins.get(key);
  if (!p) {
    // Only the train/test sides are ever read from an origin propagation, and one port per side is
    // enough: a split applies the same row selection to every array it is given (X_test and y_test).
    const targets = splitSides(ctx.run).flatMap((s) => [...s.test.slice(0, 1), ...s.train.slice(0, 1), ...(s.step.kind === 'split' ? s.step.inputs.slice(0, 1).map((i) => i.name) : [])]);
    p = propagateOrigins(ctx.run, root, ctx.source, { targets, ...(skip !== undefined ? { skipSeqs: new Set([skip]) } : {}) });
    ctx.origins.set(key, p);
  }
  return p;
}

const gapText = (g: PropagationGap) => `lineage gap at ${g.function}${g.line !== undefined ? ` (${lineLabel({ line: g.line, ...(g.cell !== undefined ? { cell: g.cell } : {}) })})` : ''}: ${g.reason}`;
const topLevel = (steps: Step[]) => {
  const top = steps.filter((s) => s.parentSeq === undefined);
  return top.length ? top : steps;
};

export const isTransformerFit = (s: Step) =>
  (s.kind === 'fit' || s.kind === 'fit_transform') && (s.fitted?.role === 'transformer' || s.fitted?.role === 'pipeline');

/** leakage/preprocessing: how many of the rows a transformer (or a groupby statistic) was fitted on reach a test side. */
export async function checkPreprocessing(steps: Step[], _f: Finding, ctx: CheckContext): Promise<RunConfirmation> {
  const { run } = ctx;
  let best: { conf: RunConfirmation; count: number } | undefined;
  for (const step of topLevel(steps)) {
    const conf = await preprocessingOf(step, ctx);
    const count = typeof conf.evidence?.testRowsInFit === 'number' ? conf.evidence.testRowsInFit : -1;
    if (!best || count > best.count) best = { conf, count };
  }
  return best?.conf ?? { status: 'no-run', runId: run.runId, message: `the ${runName(run)} recorded no fit at this line` };
}

export async function preprocessingOf(step: Step, ctx: CheckContext): Promise<RunConfirmation> {
  const { run, source } = ctx;
  const runId = run.runId;
  const fitInput = step.inputs[0];
  const name = step.kind === 'groupby' ? step.function : shortClass(step);
  if (!fitInput) return { status: 'no-run', runId, message: `${name} (${where(step)}) has no recorded input in the ${runName(run)}` };
  const fitRows = step.fitted?.nFitRows ?? step.rowsIn[0] ?? datasetRows(run, fitInput.name);
  if (fitRows === undefined) return { status: 'no-run', runId, message: `the ${runName(run)} does not record how many rows ${name} was fitted on` };
  const sides = splitSides(run);
  if (!sides.length) return { status: 'not-confirmed', runId, message: `${name} was fitted on ${fmt(fitRows)} rows, but the ${runName(run)} holds no train/test split or held-out scoring`, evidence: { transformer: name, fitRows, testRowsInFit: 0, splitLine: null } };

  // Trace the fitted rows back to the rows they were picked from, so that a split of the parent frame
  // (scaler.fit(df[cols]) then split(df)) is seen as well as a split of the fitted frame itself.
  const { root, map } = await rowRoot(run, fitInput.name, source);
  const rootRows = datasetRows(run, root);
  if (rootRows === undefined) return { status: 'no-run', runId, message: `the ${runName(run)} does not record the rows of ${root}` };
  const fitted = new Uint8Array(rootRows);
  if (!map) fitted.fill(1);
  else for (let i = 0; i < map.length; i++) if (map[i]! >= 0) fitted[map[i]!] = 1;
  // A groupby's own output is a table of statistics, not the rows; follow the rows, not the statistics.
  const prop = await originsFrom(ctx, root, step.kind === 'groupby' ? step.seq : undefined);

  let hit: { side: Side; count: number } | undefined;
  for (const side of sides) {
    const count = distinctOrigins(side.test, prop.origins, rootRows, fitted);
    if (!hit || count > hit.count) hit = { side, count };
  }
  const evidence: Evidence = { transformer: name, fitRows, testRowsInFit: hit!.count, splitLine: hit!.side.line ?? null };
  const fitted_ = step.kind === 'groupby' ? 'aggregated' : 'fitted on';
  if (hit!.count > 0) {
    const caveat = prop.gaps.length ? ` (at least; ${gapText(prop.gaps[0]!)})` : '';
    return { status: 'confirmed', runId, evidence, message: `${name} ${step.kind === 'groupby' ? 'computed statistics over' : 'fitted on'} ${fmt(fitRows)} rows; ${fmt(hit!.count)} of them end up in ${hit!.side.phrase}${caveat}` };
  }
  if (prop.gaps.length) return { status: 'no-run', runId, evidence, message: `cannot tell whether the ${fmt(fitRows)} rows ${name} was ${fitted_} reach a test split in the ${runName(run)}: ${gapText(prop.gaps[0]!)}` };
  const lost = externalAncestors(run, [fitInput.name, ...sides.flatMap((s) => s.test.slice(0, 1))]);
  if (lost.length) return { status: 'no-run', runId, evidence, message: `cannot tell whether the ${fmt(fitRows)} rows ${name} was ${fitted_} reach a test split in the ${runName(run)}: ${lost[0]} was built outside recorded operators (e.g. .values or a hand-made array), so its rows cannot be followed` };
  return { status: 'not-confirmed', runId, evidence, message: `none of the ${fmt(fitRows)} rows ${name} was ${fitted_} reach a test split in the ${runName(run)}` };
}

/** Distinct origins among the rows of `datasets` (restricted to `only` when given). */
function distinctOrigins(datasets: string[], origins: Map<string, Int32Array>, rootRows: number, only?: Uint8Array): number {
  const seen = new Uint8Array(rootRows);
  let n = 0;
  for (const d of datasets) {
    const o = origins.get(d);
    if (!o) continue;
    for (let i = 0; i < o.length; i++) {
      const l = o[i]!;
      if (l >= 0 && l < rootRows && !seen[l] && (!only || only[l])) {
        seen[l] = 1;
        n++;
      }
    }
  }
  return n;
}

const DUPLICATING = new Set(['sample', 'resample', 'concat', 'select', 'join']);
export const isDuplicating = (s: Step) => DUPLICATING.has(s.kind);

/** leakage/overlap: source rows whose copies sit on both sides of a split after the duplicating step. */
export async function checkOverlap(steps: Step[], _f: Finding, ctx: CheckContext): Promise<RunConfirmation> {
  const { run, source } = ctx;
  const runId = run.runId;
  const step = topLevel(steps)[0]!;
  const out = step.outputs[0];
  const input = step.inputs[0];
  if (!out || !input) return { status: 'no-run', runId, message: `${step.function} (${where(step)}) has no recorded output in the ${runName(run)}` };
  // Splits fed (directly or not) by the duplicating step's output: a graph question, no rows needed.
  const downstream = descendantsOf(run, out.name);
  const sides = splitSides(run).filter((s) => s.step.kind === 'split' && s.step.seq > step.seq && s.step.inputs.some((i) => downstream.has(i.name)));
  if (!sides.length) return { status: 'not-confirmed', runId, message: `the rows made by ${step.function} (${where(step)}) reach no train/test split in the ${runName(run)}` };
  // Label rows by the frame they were originally picked from, so a copy and its original share a label.
  const { root } = await rowRoot(run, input.name, source);
  const rootRows = datasetRows(run, root);
  if (rootRows === undefined) return { status: 'no-run', runId, message: `the ${runName(run)} does not record the rows of ${root}` };
  const prop = await originsFrom(ctx, root);
  const side = sides[0]!;
  const inTrain = mark(side.train, prop.origins, rootRows);
  const inTest = mark(side.test, prop.origins, rootRows);
  let both = 0;
  for (let i = 0; i < rootRows; i++) if (inTrain[i] && inTest[i]) both++;
  // Rows with more than one copy in what the split received.
  const counts = new Uint8Array(rootRows);
  const splitIn = prop.origins.get(side.step.inputs[0]?.name ?? '');
  let duplicated = 0;
  if (splitIn) {
    for (let i = 0; i < splitIn.length; i++) {
      const l = splitIn[i]!;
      if (l < 0 || l >= rootRows) continue;
      if (counts[l] === 1) duplicated++;
      if (counts[l]! < 2) counts[l]!++;
    }
  }
  const evidence: Evidence = { duplicatedRows: duplicated, rowsOnBothSides: both, splitLine: side.line ?? null };
  if (both > 0) {
    return { status: 'confirmed', runId, evidence, message: `${fmt(duplicated)} rows appear more than once in the data split at ${where(side.step)}; ${fmt(both)} of them have copies in both train and test (${runName(run)})` };
  }
  const gaps = prop.gaps;
  const lost = externalAncestors(run, side.test.slice(0, 1));
  if (!gaps.length && lost.length) return { status: 'no-run', runId, evidence, message: `cannot tell whether copies reach both sides of ${side.phrase} in the ${runName(run)}: ${lost[0]} was built outside recorded operators, so its rows cannot be followed` };
  if (gaps.length) return { status: 'no-run', runId, evidence, message: `cannot tell whether copies reach both sides of ${side.phrase} in the ${runName(run)}: ${gapText(gaps[0]!)}` };
  return { status: 'not-confirmed', runId, evidence, message: `no row has copies on both sides of ${side.phrase} in the ${runName(run)}${duplicated ? ` (${fmt(duplicated)} rows are duplicated, all on one side)` : ''}` };
}

function mark(datasets: string[], origins: Map<string, Int32Array>, rootRows: number): Uint8Array {
  const m = new Uint8Array(rootRows);
  for (const d of datasets) {
    const o = origins.get(d);
    if (!o) continue;
    for (let i = 0; i < o.length; i++) if (o[i]! >= 0 && o[i]! < rootRows) m[o[i]!] = 1;
  }
  return m;
}

export const isEvaluation = (s: Step) => (s.kind === 'predict' || s.kind === 'score') && (s.fitted?.role === 'model' || s.fitted?.role === 'pipeline');

/** leakage/multi-test: distinct fitted models predicted or scored on the same test rows. */
export async function checkMultiTest(steps: Step[], _f: Finding, ctx: CheckContext): Promise<RunConfirmation> {
  const { run } = ctx;
  const runId = run.runId;
  const first = topLevel(steps)[0]!;
  const x = first.inputs[0];
  if (!x) return { status: 'no-run', runId, message: `${first.function} (${where(first)}) has no recorded input in the ${runName(run)}` };
  const key = identityRoot(run, x.name);
  const sameRows = await sameRowsAs(ctx, key);
  const models = new Map<string, string>();
  for (const s of run.steps) {
    if (!isEvaluation(s) || s.parentSeq !== undefined) continue;
    const xi = s.inputs[0];
    if (!xi || !(await sameRows(identityRoot(run, xi.name)))) continue;
    // The same object refitted (set_params in a loop) is a different model: key by the fit that made it.
    models.set(`${s.fitted!.objectId}|${s.fitted!.fittedBy ?? ''}`, shortClass(s));
  }
  // Evaluations on data the recorder could not link (df.values, hand-made arrays) may be on the same rows.
  const unlinked = run.steps.filter((s) => isEvaluation(s) && s.parentSeq === undefined && s.inputs[0] && isExternal(identityRoot(run, s.inputs[0].name)) && identityRoot(run, s.inputs[0].name) !== key).length;
  const testRows = datasetRows(run, key) ?? 0;
  const names = [...new Set(models.values())].join(', ');
  const evidence: Evidence = { models: models.size, testRows };
  if (models.size >= 2) return { status: 'confirmed', runId, evidence, message: `${models.size} models (${names}) were evaluated on the same ${fmt(testRows)} test rows in the ${runName(run)}` };
  if (unlinked) return { status: 'no-run', runId, evidence, message: `only one model (${names || shortClass(first)}) was evaluated on these ${fmt(testRows)} rows, but ${unlinked} more evaluation${unlinked > 1 ? 's' : ''} in the ${runName(run)} used data built outside recorded operators, which may be the same rows` };
  return { status: 'not-confirmed', runId, evidence, message: `only one model (${names || shortClass(first)}) was evaluated on these ${fmt(testRows)} rows in the ${runName(run)}` };
}

/**
 * A predicate "holds the same source rows as `key`": the same dataset through identity steps, or a
 * dataset picked (filters, samples, iloc) from the same frame with exactly the same set of rows, e.g.
 * `df.iloc[idx]` written twice.
 */
async function sameRowsAs(ctx: CheckContext, key: string): Promise<(name: string) => Promise<boolean>> {
  const { run, source } = ctx;
  const rowsOf = (r: RowRoot, n: number) => {
    const m = new Uint8Array(n);
    if (!r.map) m.fill(1);
    else for (let i = 0; i < r.map.length; i++) if (r.map[i]! >= 0) m[r.map[i]!] = 1;
    return m;
  };
  // Walked back only when some evaluation uses another dataset (the common case needs no row arrays).
  let base: { root: string; rows?: Uint8Array } | undefined;
  const known = new Map<string, boolean>([[key, true]]);
  return async (name) => {
    let v = known.get(name);
    if (v === undefined) {
      if (!base) {
        const r = await rowRoot(run, key, source);
        const n = datasetRows(run, r.root);
        base = { root: r.root, ...(n !== undefined ? { rows: rowsOf(r, n) } : {}) };
      }
      v = false;
      const other = await rowRoot(run, name, source);
      if (base.rows && other.root === base.root) {
        const theirs = rowsOf(other, base.rows.length);
        v = theirs.every((b, i) => b === base!.rows![i]);
      }
      known.set(name, v);
    }
    return v;
  };
}

/** leakage/temporal: the test side starts before the train side ends, by the split outputs' column statistics. */
export async function checkTemporal(steps: Step[], _f: Finding, ctx: CheckContext): Promise<RunConfirmation> {
  const { run } = ctx;
  const runId = run.runId;
  const split = topLevel(steps).find((s) => s.kind === 'split')!;
  const side = splitSides(run).find((s) => s.step === split);
  if (!side || !side.train.length) return { status: 'no-run', runId, message: `the split at ${where(split)} has no train and test outputs in the ${runName(run)}` };
  const statsOf = (name: string) => split.outputs.find((o) => o.name === name)?.stats;
  const trainStats = side.train.map(statsOf).filter((s) => s !== undefined);
  const testStats = side.test.map(statsOf).filter((s) => s !== undefined);
  let sampled = false;
  for (const tr of trainStats) {
    for (const [column, c] of Object.entries(tr.columns)) {
      if (!isTimeColumn(column, c.dtype)) continue;
      for (const te of testStats) {
        const t = te.columns[column];
        if (!t) continue;
        const trainMax = timeValue(c.max);
        const testMin = timeValue(t.min);
        if (trainMax === undefined || testMin === undefined) continue;
        sampled ||= tr.sampledRows !== undefined || te.sampledRows !== undefined;
        // Sampled extremes are inside the true ones, so a sampled test min below a sampled train max is proof.
        if (testMin < trainMax) {
          return {
            status: 'confirmed', runId,
            evidence: { column, trainMax: String(c.max), testMin: String(t.min), splitLine: side.line ?? null },
            message: `test rows start at ${column} = ${String(t.min)}, before the training rows end (${String(c.max)}), in the split at ${where(split)} of the ${runName(run)}`,
          };
        }
      }
    }
  }
  if (sampled) return { status: 'no-run', runId, message: `column statistics of the split at ${where(split)} were computed on samples, which cannot prove the test rows all come after the training rows` };
  const any = trainStats.some((tr) => Object.entries(tr.columns).some(([n, c]) => isTimeColumn(n, c.dtype)));
  if (!any) return { status: 'no-run', runId, message: `the split outputs of the ${runName(run)} have no date or time column to compare` };
  return { status: 'not-confirmed', runId, message: `every test row comes after the last training row in the split at ${where(split)} of the ${runName(run)}` };
}

function isTimeColumn(name: string, dtype: string): boolean {
  return dtype.startsWith('datetime') || (/^(u?int|float)/.test(dtype) && /(^|_)(date|time|timestamp|ts|year|epoch)($|_)/i.test(name));
}

function timeValue(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  }
  return undefined;
}

