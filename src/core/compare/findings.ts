/**
 * Train/serve mismatch findings from two recorded runs, feature by feature: what the training run fed its
 * model and what the serving run feeds it are matched by column identity (featureIdentity.ts), not by the
 * names numpy left (`x0…x5`). Each finding has source `run`, a stable rule id, and lands on the serving
 * line that produced the column. Runs of two different pipelines are said to be so instead of compared.
 */
import type { Evidence, Finding, SourceLocation } from '../findings/finding';
import { stepLocation } from '../checks/runOnly';
import { ruleInfo } from '../findings/rules';
import type { ColumnStats, Run, Step } from '../runlog/model';
import { type ColumnIdentity, columnIdentities, featureKey, findDataset } from './featureIdentity';
import { sharedArtifact } from './pairing';
import { columnSkew, DEFAULT_THRESHOLDS, formatNumber } from './skew';
import type { SkewThresholds } from './skewTypes';

export interface ModelSide {
  /** The step that hands the features to the model (fit in training, predict at serving). */
  step: Step;
  /** The dataset it hands over. */
  dataset: string;
  features: ColumnIdentity[];
}

export interface RunComparison {
  train?: ModelSide;
  serve?: ModelSide;
  findings: Finding[];
  /** Set when the runs are not training and serving of one pipeline: why. `findings` is then empty. */
  unrelated?: string;
  /** The model file the serving run loads and the training run wrote, when there is one. */
  artifact?: { path: string; by: 'artifact-hash' | 'artifact-path' };
  /** Why parts of the comparison could not be made. */
  problems: string[];
}

export interface CompareOptions {
  thresholds?: SkewThresholds;
  /** The folder findings' paths are relative to (the workspace, the CLI's cwd); absolute paths otherwise. */
  workspaceRoot?: string;
}

const MODEL_USE = new Set(['predict', 'score']);
/** Learned attributes with one entry per input feature that tell how a transformer maps values. */
const PER_FEATURE = ['mean_', 'scale_', 'var_', 'center_', 'data_min_', 'data_max_', 'min_', 'statistics_', 'max_abs_'];

/** Model input of a serving run: its first predict (or score) on a model. */
function servingModel(run: Run): ModelSide | undefined {
  const step = run.steps.find((s) => s.fitted?.role === 'model' && MODEL_USE.has(s.kind)) ?? run.steps.find((s) => s.fitted?.role === 'model');
  return step && side(run, step);
}

/** The training step that fitted the model the serving run uses: the object the serving run loaded, else the same class, else the first fit. */
function trainingModel(run: Run, serve: Run, serveStep: Step | undefined): ModelSide | undefined {
  const fits = run.steps.filter((s) => s.fitted?.role === 'model' && s.kind === 'fit');
  const all = fits.length ? fits : run.steps.filter((s) => s.fitted?.role === 'model');
  const loaded = new Set(serve.steps.filter((s) => s.args?.artifact === 'read').map((s) => s.args?.sha256 ?? s.args?.path));
  const dumped = run.steps.filter((s) => s.args?.artifact === 'write' && loaded.has((s.args?.sha256 ?? s.args?.path) as string)).map((s) => s.args?.objectId);
  const step = all.find((s) => dumped.includes(s.fitted!.objectId)) ?? all.find((s) => s.fitted!.class === serveStep?.fitted?.class) ?? all[0];
  return step && side(run, step);
}

function side(run: Run, step: Step): ModelSide | undefined {
  const x = step.inputs.find((i) => i.namespace === 'skewer-mem');
  if (!x) return undefined;
  const features = columnIdentities(run, x.name);
  return features.length ? { step, dataset: x.name, features } : undefined;
}

/** Where findings are shown, as the run checks name files (stepLocation: relative to the workspace root when inside it);
 *  set for the duration of one synchronous compareRunFindings call. */
let ROOT: string | undefined;

function location(run: Run, step: Step): SourceLocation {
  return stepLocation(run, step, ROOT) ?? { file: run.script ?? run.pipeline, line: 1, col: 1, endLine: 1, endCol: 1 };
}

const stepAt = (run: Run, seq: number | undefined) => (seq === undefined ? undefined : run.steps.find((s) => s.seq === seq));
const pct = (x: number) => `${(100 * x).toFixed(x < 0.001 ? 2 : 1)}%`;
const list = (xs: string[], n = 4) => (xs.length <= n ? xs.join(', ') : `${xs.slice(0, n).join(', ')} and ${xs.length - n} more`);

/** The raw column a feature comes from (the end of its trail) and the step that produced it. */
function rawColumn(run: Run, id: ColumnIdentity): { stats?: ColumnStats; rows: number; step?: Step } | undefined {
  const end = id.trail[id.trail.length - 1];
  if (!end) return undefined;
  const d = findDataset(run, end.dataset);
  const stats = d?.ref.stats;
  return { ...(stats?.columns[end.column] ? { stats: stats.columns[end.column] } : {}), rows: stats ? (stats.sampledRows ?? stats.rowCount) : 0, ...(d?.step ? { step: d.step } : {}) };
}

interface Encoding {
  categories: Set<string>;
  /** The step that wrote the one-hot columns (closest to the source). */
  step?: Step;
}

/** Categories of `source` one-hot encoded along the trails of a side's features (also those cut off later). */
function encodings(run: Run, features: ColumnIdentity[]): Map<string, Encoding> {
  const out = new Map<string, Encoding>();
  const seen = new Set<string>();
  for (const f of features) {
    if (f.category === undefined) continue;
    for (const t of f.trail) {
      if (seen.has(t.dataset)) continue;
      seen.add(t.dataset);
      for (const id of columnIdentities(run, t.dataset)) {
        if (id.category === undefined) continue;
        let e = out.get(id.source);
        if (!e) out.set(id.source, (e = { categories: new Set() }));
        e.categories.add(id.category);
      }
    }
    // the encoder: the deepest trail entry that still holds the category
    const enc = [...f.trail].reverse().find((t) => columnIdentities(run, t.dataset).some((c) => c.name === t.column && c.category !== undefined));
    const e = out.get(f.source);
    const step = stepAt(run, enc?.seq);
    if (e && step && !e.step) e.step = step;
  }
  return out;
}

function shareOf(raw: ReturnType<typeof rawColumn>, value: string): { count: number; share: number } | undefined {
  const top = raw?.stats?.top;
  const hit = top?.find((t) => t.value === value);
  if (!hit || !raw?.rows) return undefined;
  return { count: hit.count, share: hit.count / raw.rows };
}

function finding(ruleId: string, message: string, run: Run, step: Step, evidence: Evidence, related: Finding['related'] = []): Finding {
  return { ruleId, severity: ruleInfo(ruleId)?.defaultSeverity ?? 'warning', message, location: location(run, step), related, evidence, fixes: [], source: 'run' };
}

/** Which source columns two model inputs share: the basis for "these are different pipelines". */
function overlap(a: ColumnIdentity[], b: ColumnIdentity[]): { shared: number; union: number } {
  const x = new Set(a.map((f) => f.source)), y = new Set(b.map((f) => f.source));
  const shared = [...x].filter((s) => y.has(s)).length;
  return { shared, union: new Set([...x, ...y]).size };
}

/** Mismatch and drift findings between a training run and a serving run of the same pipeline. */
export function compareRunFindings(train: Run, serve: Run, options: CompareOptions = {}): RunComparison {
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  ROOT = options.workspaceRoot;
  const problems: string[] = [];
  const s = servingModel(serve);
  const t = trainingModel(train, serve, s?.step);
  const artifact = sharedArtifact(train, serve);
  const result: RunComparison = { findings: [], problems, ...(t ? { train: t } : {}), ...(s ? { serve: s } : {}), ...(artifact ? { artifact } : {}) };
  if (!t) problems.push(`${train.pipeline} hands no feature matrix with a recorded schema to a model.`);
  if (!s) problems.push(`${serve.pipeline} hands no feature matrix with a recorded schema to a model.`);
  if (!t || !s) return result;
  const o = overlap(t.features, s.features);
  if (!artifact && o.shared / o.union < 0.5) {
    result.unrelated = `${train.pipeline} and ${serve.pipeline} look like different pipelines: their models read ${o.shared} common source column${o.shared === 1 ? '' : 's'} of ${o.union} (training: ${list([...new Set(t.features.map((f) => f.source))])}; serving: ${list([...new Set(s.features.map((f) => f.source))])}), and the serving run loads no model file the training run wrote. Compare a serving run with the training run of its own pipeline.`;
    return result;
  }
  const out = result.findings;
  out.push(...columnOrder(serve, t, s));
  out.push(...oneHot(train, serve, t, s));
  out.push(...refits(serve, s));
  out.push(...fittedParams(train, serve, t, s));
  const units = unitChanges(train, serve, t, s);
  out.push(...units);
  out.push(...drift(train, serve, t, s, thresholds, new Set(units.map((u) => String(u.evidence.column)))));
  return result;
}

const isNumpyStep = (st: Step | undefined) => !!st && st.kind === 'reshape' && /(to_numpy|\.values)$/.test(st.function);

/** mismatch/column-order: the model reads by position and a position holds another feature, or features are missing / new. */
function columnOrder(serve: Run, t: ModelSide, s: ModelSide): Finding[] {
  const positional = s.features.some((f) => f.trail.some((e) => isNumpyStep(stepAt(serve, e.seq)) || findDataset(serve, e.dataset)?.ref.columnOrigin));
  if (!positional) return [];
  const tk = t.features.map(featureKey), sk = s.features.map(featureKey);
  const moved: string[] = [];
  for (let i = 0; i < Math.min(tk.length, sk.length); i++) if (tk[i] !== sk[i] && tk.includes(sk[i]!)) moved.push(`position ${i} is ${sk[i]} (training: ${tk[i]})`);
  const missing = tk.filter((k) => !sk.includes(k));
  const extra = sk.filter((k) => !tk.includes(k));
  if (!moved.length && !missing.length && !extra.length) return [];
  const parts = [
    moved.length ? `${moved.length} feature${moved.length === 1 ? ' is' : 's are'} in another position (${list(moved, 3)})` : '',
    missing.length ? `missing: ${list(missing)}` : '',
    extra.length ? `new: ${list(extra)}` : '',
  ].filter(Boolean);
  const conv = s.features.flatMap((f) => f.trail).map((e) => stepAt(serve, e.seq)).find(isNumpyStep) ?? s.step;
  return [finding('mismatch/column-order', `The model reads its features by position and the serving columns do not line up with training: ${parts.join('; ')}.`, serve, conv, {
    moved: moved.length, missing: missing.join(', '), new: extra.join(', '), trainingOrder: tk.join(', '), servingOrder: sk.join(', '),
  })];
}

/** mismatch/one-hot-set and mismatch/unseen-category, per encoded (or categorical) source column. */
function oneHot(train: Run, serve: Run, t: ModelSide, s: ModelSide): Finding[] {
  const out: Finding[] = [];
  const te = encodings(train, t.features), se = encodings(serve, s.features);
  for (const [source, enc] of se) {
    const tr = te.get(source);
    if (!tr) continue;
    const extra = [...enc.categories].filter((c) => !tr.categories.has(c)).sort();
    const missing = [...tr.categories].filter((c) => !enc.categories.has(c)).sort();
    const raw = rawColumn(serve, s.features.find((f) => f.source === source)!);
    const step = enc.step ?? s.step;
    if (extra.length || missing.length) {
      const shares = extra.map((c) => ({ c, sh: shareOf(raw, c) }));
      const parts = [
        extra.length ? `serving has ${shares.map(({ c, sh }) => `${source}=${c}${sh ? ` (${pct(sh.share)} of rows)` : ''}`).join(', ')}, which training never encoded` : '',
        missing.length ? `training's ${list(missing.map((c) => `${source}=${c}`))} ${missing.length === 1 ? 'is' : 'are'} absent at serving` : '',
      ].filter(Boolean);
      out.push(finding('mismatch/one-hot-set', `The one-hot columns of ${source} differ from training: ${parts.join('; ')}. Training had ${tr.categories.size} columns, serving ${enc.categories.size}; a model reading by position gets shifted or missing columns.`, serve, step, {
        column: source, extra: extra.join(', '), missing: missing.join(', '), trainingColumns: tr.categories.size, servingColumns: enc.categories.size,
        ...(shares[0]?.sh ? { extraShare: shares.reduce((a, x) => a + (x.sh?.share ?? 0), 0) } : {}),
      }));
    }
  }
  // unseen values of every categorical source column the model reads, from the raw columns' value counts
  const tSources = new Map<string, ColumnIdentity>();
  for (const f of t.features) if (!tSources.has(f.source)) tSources.set(f.source, f);
  const done = new Set<string>();
  for (const f of s.features) {
    if (done.has(f.source) || !tSources.has(f.source)) continue;
    done.add(f.source);
    const rt = rawColumn(train, tSources.get(f.source)!), rs = rawColumn(serve, f);
    const topT = rt?.stats?.top, topS = rs?.stats?.top;
    if (!topT || !topS || !rt?.rows || !rs?.rows) continue;
    // training's list must hold every value it saw, else "unseen" cannot be told from "not in the top 20"
    const seenAll = topT.reduce((a, x) => a + x.count, 0) >= rt.rows - (rt.stats!.nulls ?? 0);
    if (!seenAll) continue;
    const known = new Set(topT.map((x) => x.value));
    const unseen = topS.filter((x) => !known.has(x.value));
    if (!unseen.length) continue;
    const count = unseen.reduce((a, x) => a + x.count, 0);
    const step = se.get(f.source)?.step ?? rs.step ?? s.step;
    out.push(finding('mismatch/unseen-category', `${f.source} has ${unseen.length === 1 ? 'a value' : 'values'} training never saw: ${list(unseen.map((x) => `${x.value} (${formatNumber(x.count)} rows)`))}, ${pct(count / rs.rows)} of the serving rows. The model has no weight for ${unseen.length === 1 ? 'it' : 'them'}.`, serve, step, {
      column: f.source, values: unseen.map((x) => x.value).join(', '), rows: count, share: count / rs.rows,
    }));
  }
  return out;
}

/** Transformer steps on the way to the model input (their fitted facet), deepest last. */
function transformersOnTrail(run: Run, side: ModelSide): Step[] {
  const seqs = new Set<number>();
  for (const f of side.features) for (const e of f.trail) if (e.seq !== undefined) seqs.add(e.seq);
  return run.steps.filter((st) => seqs.has(st.seq) && st.fitted && st.fitted.role !== 'model' && (st.kind === 'transform' || st.kind === 'fit_transform'));
}

/** mismatch/refit-at-inference: a transformer fitted on serving data feeds the model. */
function refits(serve: Run, s: ModelSide): Finding[] {
  const out: Finding[] = [];
  for (const st of transformersOnTrail(serve, s)) {
    const f = st.fitted!;
    if (f.fittedInRun !== true) continue;
    const fit = serve.steps.find((x) => x.runId === f.fittedBy) ?? st;
    const cls = f.class.split('.').pop()!;
    out.push(finding('mismatch/refit-at-inference', `${cls} is fitted on the serving data (${formatNumber(f.nFitRows ?? fit.rowsIn[0] ?? 0)} rows) instead of reusing the one fitted at training; its parameters follow each batch, so the model sees differently scaled features.`, serve, fit, {
      class: cls, fitRows: f.nFitRows ?? null,
    }));
  }
  return out;
}

/** Learned per-feature arrays of a transformer, keyed by feature. */
function perFeature(run: Run, st: Step): Map<string, Record<string, number>> {
  const x = st.inputs.find((i) => i.namespace === 'skewer-mem');
  const ids = x ? columnIdentities(run, x.name) : [];
  const out = new Map<string, Record<string, number>>();
  for (const attr of PER_FEATURE) {
    const v = st.fitted?.learned[attr];
    if (!Array.isArray(v) || v.length !== ids.length) continue;
    v.forEach((n, i) => {
      if (typeof n !== 'number') return;
      const k = featureKey(ids[i]!);
      const rec = out.get(k) ?? {};
      rec[attr] = n;
      out.set(k, rec);
    });
  }
  return out;
}

/** mismatch/fitted-params: the transformer used at serving is not the one fitted at training (values differ per feature). */
function fittedParams(train: Run, serve: Run, t: ModelSide, s: ModelSide): Finding[] {
  const out: Finding[] = [];
  const trainTs = transformersOnTrail(train, t);
  for (const st of transformersOnTrail(serve, s)) {
    const tt = trainTs.find((x) => x.fitted!.class === st.fitted!.class);
    if (!tt) continue;
    // the training transformer itself (loaded from its file): same parameters position by position; a reordered
    // input is then mismatch/column-order's to report, not a different fit
    if (PER_FEATURE.every((k) => JSON.stringify(tt.fitted!.learned[k]) === JSON.stringify(st.fitted!.learned[k]))) continue;
    const a = perFeature(train, tt), b = perFeature(serve, st);
    const diffs: { key: string; attr: string; train: number; serve: number; rel: number }[] = [];
    for (const [key, rec] of b) {
      const ref = a.get(key);
      if (!ref) continue;
      for (const [attr, v] of Object.entries(rec)) {
        const w = ref[attr];
        if (w === undefined) continue;
        const rel = Math.abs(v - w) / Math.max(Math.abs(v), Math.abs(w), 1e-12);
        if (rel > 1e-6) diffs.push({ key, attr, train: w, serve: v, rel });
      }
    }
    if (!diffs.length) continue;
    // one parameter per feature (the first of PER_FEATURE that differs: mean_ before scale_), largest change first
    const byFeature = new Map<string, (typeof diffs)[number]>();
    for (const d of diffs) {
      const cur = byFeature.get(d.key);
      if (!cur || PER_FEATURE.indexOf(d.attr) < PER_FEATURE.indexOf(cur.attr)) byFeature.set(d.key, d);
    }
    const top = [...byFeature.values()].sort((x, y) => y.rel - x.rel);
    const features = top.map((d) => d.key);
    const shown = top.slice(0, 3).map((d) => `${d.key} ${d.attr} ${formatNumber(d.serve)} (training ${formatNumber(d.train)})`);
    diffs.splice(0, diffs.length, ...top);
    const cls = st.fitted!.class.split('.').pop()!;
    // transform replay: training's scaler applied to the serving input vs what serving produced
    const replay = replayMean(serve, st, a, diffs[0]!.key);
    out.push(finding('mismatch/fitted-params', `The ${cls} used at serving is not the one fitted at training: ${features.length} feature${features.length === 1 ? '' : 's'} get other parameters — ${shown.join('; ')}.${replay ? ` Applied to this batch, training's ${cls} would give ${diffs[0]!.key} a mean of ${formatNumber(replay.replayed)}; serving produced ${formatNumber(replay.produced)}.` : ''}`, serve, st, {
      class: cls, features: features.length, feature: diffs[0]!.key, attribute: diffs[0]!.attr, training: diffs[0]!.train, serving: diffs[0]!.serve,
      ...(replay ? { replayedMean: replay.replayed, producedMean: replay.produced } : {}),
    }, [{ location: location(train, tt), message: `${cls} fitted at training` }]));
  }
  return out;
}

/** For a standard scaler: the mean training's parameters give the serving input's `key`, and the mean serving produced. */
function replayMean(serve: Run, st: Step, trainParams: Map<string, Record<string, number>>, key: string): { replayed: number; produced: number } | undefined {
  const p = trainParams.get(key);
  if (p?.mean_ === undefined || p.scale_ === undefined || !p.scale_) return undefined;
  const x = st.inputs.find((i) => i.namespace === 'skewer-mem');
  const inIds = x ? columnIdentities(serve, x.name) : [];
  const outIds = st.outputs[0] ? columnIdentities(serve, st.outputs[0].name) : [];
  const i = inIds.find((c) => featureKey(c) === key), o = outIds.find((c) => featureKey(c) === key);
  const inStats = x ? findDataset(serve, x.name)?.ref.stats : undefined;
  const mIn = i && inStats?.columns[i.name]?.mean, mOut = o && st.outputs[0]?.stats?.columns[o.name]?.mean;
  if (typeof mIn !== 'number' || typeof mOut !== 'number') return undefined;
  const clean = (v: number) => (Math.abs(v) < 1e-9 ? 0 : v);
  return { replayed: clean((mIn - p.mean_) / p.scale_), produced: clean(mOut) };
}

/** mismatch/unit-change: a numeric source column whose scale moved by a power of ten (thousands instead of units). */
function unitChanges(train: Run, serve: Run, t: ModelSide, s: ModelSide): Finding[] {
  const out: Finding[] = [];
  const done = new Set<string>();
  for (const f of s.features) {
    if (f.category !== undefined || done.has(f.source)) continue;
    done.add(f.source);
    const tf = t.features.find((x) => x.source === f.source && x.category === undefined);
    if (!tf) continue;
    const rt = rawColumn(train, tf), rs = rawColumn(serve, f);
    const a = rt?.stats, b = rs?.stats;
    if (typeof a?.mean !== 'number' || typeof b?.mean !== 'number' || !a.mean || !b.mean || !a.std || !b.std) continue;
    const lm = Math.log10(Math.abs(b.mean / a.mean)), ls = Math.log10(b.std / a.std);
    const k = Math.round(lm);
    // both the centre and the spread moved by the same power of ten: a unit, not a drift
    if (k === 0 || Math.abs(lm - k) > 0.15 || Math.abs(ls - k) > 0.3 || Math.sign(b.mean) !== Math.sign(a.mean)) continue;
    const factor = 10 ** k;
    const ratio = k < 0 ? `1/${formatNumber(1 / factor)}` : formatNumber(factor);
    const step = rs?.step ?? s.step;
    out.push(finding('mismatch/unit-change', `${f.source} is ≈ ${ratio} of its training scale at serving (mean ${formatNumber(b.mean)} vs ${formatNumber(a.mean)} in training, spread likewise): the serving data has it in other units. Multiply by ${formatNumber(1 / factor)} to match training.`, serve, step, {
      column: f.source, factor, suggestedFactor: 1 / factor, trainingMean: a.mean, servingMean: b.mean,
    }));
  }
  return out;
}

/**
 * drift/distribution and drift/missing-rate: per source column the model reads, on its raw values (the end of
 * the column's trail), so a transformer refitted at serving does not pass for drift; sources with a unit
 * change are left to mismatch/unit-change.
 */
function drift(train: Run, serve: Run, t: ModelSide, s: ModelSide, thresholds: SkewThresholds, skip: Set<string>): Finding[] {
  const out: Finding[] = [];
  const done = new Set<string>(skip);
  for (const f of s.features) {
    if (done.has(f.source)) continue;
    done.add(f.source);
    const tf = t.features.find((x) => x.source === f.source);
    const rt = tf && rawColumn(train, tf), rs = rawColumn(serve, f);
    if (!rt?.stats || !rs?.stats || !rt.rows || !rs.rows) continue;
    const c = columnSkew(f.source, rt.stats, rs.stats, rt.rows, rs.rows, thresholds);
    const step = rs.step ?? s.step;
    const dist = c.exceeded.filter((e) => e !== 'missingRateChange');
    if (dist.length) {
      const what = c.kind === 'numeric' ? `JS divergence ${formatNumber(c.js ?? 0)} bits, PSI ${formatNumber(c.psi ?? 0)}` : `L∞ ${formatNumber(c.lInfinity ?? 0)}${c.lInfinityValue !== undefined ? ` (largest change: ${c.lInfinityValue})` : ''}`;
      out.push(finding('drift/distribution', `${c.column} is distributed differently at serving than in training: ${what}, over the thresholds (${dist.join(', ')}).`, serve, step, {
        column: c.column, js: c.js ?? null, psi: c.psi ?? null, lInfinity: c.lInfinity ?? null, exceeded: dist.join(', '),
      }));
    }
    if (c.exceeded.includes('missingRateChange')) {
      out.push(finding('drift/missing-rate', `${c.column} is missing in ${pct(c.missingRight)} of serving rows vs ${pct(c.missingLeft)} in training.`, serve, step, {
        column: c.column, missingTraining: c.missingLeft, missingServing: c.missingRight,
      }));
    }
  }
  return out;
}
