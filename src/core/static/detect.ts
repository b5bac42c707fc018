/** Turns interpreter events into findings (message, placement, related locations, evidence). */
import type { Finding, RelatedLocation, Severity, SourceLocation } from '../findings/finding';
import type { EvalEvent, Events, PrepLeak } from './events';
import { nameUses, position, type Chunk } from './source';
import { labelText } from './syntax';
import { covers, isTestSide, keyCovers, lastSide, testSetKey, type FeatureSelection, type RowKey, type Site, type Split } from './values';
import { pipelineFix, preprocessingFix, trainAsTestFix, refitFix } from './fixes';
import { SCORE_FUNCTIONS, TARGET_ENCODERS, estimatorCategory } from './knowledge';
import { lineLabel } from '../cellNumbers';
import { sameLineage } from './target';

export interface DetectContext {
  path: string;
  chunks: Chunk[];
}

export function toLocation(ctx: DetectContext, site: Site, whole = false): SourceLocation {
  const chunk = ctx.chunks[site.chunk];
  const from = whole ? site.stmtFrom : site.from;
  const to = whole ? site.stmtTo : site.to;
  const a = position(chunk.lineStarts, from);
  const b = position(chunk.lineStarts, to);
  return { file: chunk.file ?? ctx.path, line: a.line, col: a.col, endLine: b.line, endCol: b.col, ...(chunk.cell !== undefined ? { cell: chunk.cell } : {}) };
}

function lineOf(ctx: DetectContext, site: Site): number {
  return position(ctx.chunks[site.chunk].lineStarts, site.from).line;
}

/** "line 12", or "Cell 4, line 2" in notebooks (numbered as VS Code numbers cells). */
function where(ctx: DetectContext, site: Site): string {
  const { cell, label } = ctx.chunks[site.chunk];
  const at = lineLabel({ line: lineOf(ctx, site), ...(cell !== undefined ? { cell } : {}) });
  return label ? `${label} ${at}` : at;
}

/**
 * A finding whose decisive statement is in another file of the project (a module, a `%run` file)
 * is placed on the document's line that called into that file, says where it happened, and points
 * there; one with no such line (nothing in the document led to it) is not reported.
 */
function relocate(ctx: DetectContext, f: Omit<Finding, 'source' | 'severity'>, site: Site): Omit<Finding, 'source' | 'severity'> | undefined {
  const chunk = ctx.chunks[site.chunk];
  if (chunk.file === undefined) {
    // Placed in the document already, or by a site of the document with a range in another file.
    return dropForeignFixes(ctx, f.location.file === ctx.path ? f : { ...f, location: toLocation(ctx, site) });
  }
  const callers = site.callers ?? [];
  let at: Site | undefined;
  for (let i = callers.length - 1; i >= 0 && !at; i--) if (ctx.chunks[callers[i].chunk].file === undefined) at = callers[i];
  if (!at) return undefined;
  const atChunk = ctx.chunks[at.chunk];
  const callText = atChunk.text.slice(at.from, at.to).trim();
  const callee = /^([A-Za-z_][\w.]*)\s*\(/.exec(callText)?.[1];
  const how = callee ? `inside \`${callee}()\`` : /^(from|import)\b/.test(callText) ? `when ${chunk.label ?? 'the module'} is imported` : `in the file \`%run\` runs here`;
  const whereText = where(ctx, site);
  return dropForeignFixes(ctx, {
    ...f,
    message: `${f.message} This happens ${how}, in ${whereText}.`,
    location: toLocation(ctx, at),
    related: [{ location: toLocation(ctx, site), message: `in ${whereText}` }, ...f.related],
    evidence: { ...f.evidence, inFile: chunk.file ?? ctx.path },
  });
}

/** Fixes edit the document only. */
function dropForeignFixes(ctx: DetectContext, f: Omit<Finding, 'source' | 'severity'>): Omit<Finding, 'source' | 'severity'> {
  if (!f.fixes.some((x) => x.edits.some((e) => e.location.file !== ctx.path))) return f;
  return { ...f, fixes: f.fixes.filter((x) => x.edits.every((e) => e.location.file === ctx.path)) };
}

function rel(ctx: DetectContext, site: Site | undefined, message: string): RelatedLocation[] {
  return site ? [{ location: toLocation(ctx, site), message }] : [];
}

/** Outlier detectors of scikit-learn (fitted without labels). */
const OUTLIER_DETECTOR = /^(IsolationForest|LocalOutlierFactor|OneClassSVM|SGDOneClassSVM|EllipticEnvelope)$/;

/** Two selections of named or positioned columns of one frame that pick other columns. */
function otherColumns(a: FeatureSelection | undefined, b: FeatureSelection | undefined): boolean {
  if (!a || !b || a.mode !== 'select' || b.mode !== 'select' || a.frame !== b.frame || !a.cols.length || !b.cols.length) return false;
  const norm = (f: FeatureSelection): string => [...new Set(f.cols.map((c) => c.replace(/\s+/g, '')))].sort().join('\0');
  return ![...a.cols, ...b.cols].includes('@names') && norm(a) !== norm(b);
}

/** A selection of named columns only (no position range, no names the analysis does not know). */
function namedColumns(f: FeatureSelection): boolean {
  return f.mode === 'select' && f.cols.length > 0 && !f.byDtype && f.cols.every((c) => !c.startsWith('@'));
}

function siteKey(s: Site): string { return `${s.chunk}:${s.from}`; }

/**
 * The held-out labels a train_test_split bound to names (the test part of every array after the
 * first: `X_tr, X_te, y_tr, y_te = train_test_split(X, y)` -> `y_te`) are not mentioned anywhere
 * after the split statement. One pass over the text after the split, once per split.
 */
/** Every held-out part of a train_test_split (the second of each pair) is bound to `_`. */
function discardsHeldOut(split: Split): boolean {
  const n = split.names;
  return n.length >= 2 && n.length % 2 === 0 && n.every((x, i) => i % 2 === 0 || x === '_');
}

const unreadCache = new WeakMap<Split, boolean>();
function heldOutLabelsUnread(ctx: DetectContext, split: Split, trainedOn: boolean): boolean {
  const known = unreadCache.get(split);
  if (known !== undefined) return known;
  // A split made inside a module of the project (a split_dataset() helper returning train_test_split's
  // parts) is named by the document's statement that called it: `X_tr, X_te, y_tr, y_te = split_dataset(df)`.
  let at = split.site;
  let splitNames = split.names;
  if (ctx.chunks[at.chunk].file !== undefined) {
    const callers = at.callers ?? [];
    let call: Site | undefined;
    for (let i = callers.length - 1; i >= 0 && !call; i--) if (ctx.chunks[callers[i].chunk].file === undefined) call = callers[i];
    const stmt = call ? ctx.chunks[call.chunk].text.slice(call.stmtFrom, call.stmtTo) : '';
    const targets = /^\s*\(?\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)+)\s*,?\s*\)?\s*=(?!=)/.exec(stmt)?.[1];
    if (call && targets) { at = call; splitNames = targets.split(',').map((x) => x.trim()); }
  }
  const names = splitNames.filter((_, i) => i >= 3 && i % 2 === 1).filter((n) => /^[A-Za-z_]\w*$/.test(n));
  const features = splitNames[1];
  let unread = names.length > 0 && splitNames.length >= 4 && splitNames.length % 2 === 0 && /^[A-Za-z_]\w*$/.test(features ?? '');
  if (unread) {
    const re = new RegExp(`\\b(?:${names.join('|')})\\b`);
    const featRe = new RegExp(`\\b${features}\\b`);
    // Whole-line comments (a report line commented out) read nothing.
    const code = (text: string): string => text.replace(/^[ \t]*#.*$/gm, '');
    const first = ctx.chunks[at.chunk];
    const after = first.file !== undefined ? [] : [code(first.text.slice(at.stmtTo))];
    for (let i = at.chunk + 1; i < ctx.chunks.length; i++) if (ctx.chunks[i].file === undefined) after.push(code(ctx.chunks[i].text));
    // The held-out features are handled after the split (transformed, predicted), or a model is
    // fitted on its training part, while the held-out labels never are read: the code went past the
    // split and chose not to score (a document still being written up to its split is not judged by this).
    unread = first.file === undefined && (trainedOn || after.some((t) => featRe.test(t))) && !after.some((t) => re.test(t));
  }
  unreadCache.set(split, unread);
  return unread;
}

/**
 * A cross-validation whose scores are bound to names the document never reads again
 * (`cv_score = cross_val_score(...)` and nothing after it uses `cv_score`): the score is computed
 * but not reported, so it is no evaluation (README, zo002: a score bound to a name nothing reads).
 * Only the document's own top-level statement is judged; a call in a module or a displayed
 * expression is taken as read.
 */
function cvScoreUnread(ctx: DetectContext, split: Split): boolean {
  const at = split.site;
  const first = ctx.chunks[at.chunk];
  if (first.file !== undefined || at.callers?.length) return false;
  const stmt = first.text.slice(at.stmtFrom, at.stmtTo);
  const m = /^\s*\(?\s*([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*,?\s*\)?\s*=(?!=)/.exec(stmt);
  if (!m) return false;
  const names = m[1].split(',').map((x) => x.trim()).filter((x) => x !== '_');
  return !names.length || nameUses(ctx.chunks, names, { chunk: at.chunk, offset: at.stmtTo }) === 0;
}


/** A train_test_split of the document whose held-out outputs (`X_val`, `y_val`) no later code reads. */
function heldOutUnread(ctx: DetectContext, split: Split): boolean {
  const at = split.site;
  if (split.kind !== 'tts' || split.names.length < 2 || ctx.chunks[at.chunk].file !== undefined) return false;
  const held = split.names.filter((n, i) => i % 2 === 1 && n !== '_');
  return held.length > 0 && nameUses(ctx.chunks, held, { chunk: at.chunk, offset: at.stmtTo }) === 0;
}

/** Keras preprocessing layers adapted to data: they act as layers of a model, not on its input arrays. */
const KERAS_LAYER_FITS = /^(Normalization|Discretization|StringLookup|IntegerLookup|TextVectorization)$/;

export function detect(ctx: DetectContext, ev: Events): Finding[] {
  const out: Finding[] = [];
  const seen = new Set<string>();
  // `ceiling` is the highest severity the finding may get (the catalog's default applies below it):
  // findings whose impact is smaller, or that rest on a guess, stay below error.
  const push = (found: Omit<Finding, 'source' | 'severity'>, site: Site, ceiling: Severity = 'error'): void => {
    const key = `${found.ruleId}@${siteKey(site)}`;
    if (seen.has(key)) return;
    seen.add(key);
    const f = relocate(ctx, found, site);
    if (f) out.push({ ...f, severity: ceiling, source: 'static' });
  };
  const firstEval = (keys: RowKey[]): Site | undefined => {
    const tk = new Set(keys.filter((k) => lastSide(k) === 'test').map(testSetKey));
    return ev.evals.find((e) => e.keys.some((k) => tk.has(testSetKey(k))))?.site;
  };

  // leakage/preprocessing
  const testScored = ev.evals.some((e) => e.keys.some((k) => lastSide(k) === 'test'));
  // A test set makes a validation-only leak harmless when it is the reported result: scored, or its
  // labels bound (y_test). The last rows cut off only to forecast from (`last = data[-14:]`, predicted,
  // never scored) leave the validation score as the only held-out result.
  const hasTestSplit = ev.hasTestSet && (testScored || ev.testLabels) || ev.prepLeaks.some((l) => !l.viaVal && l.reason !== 'fit-on-test');
  // A hand-written K-fold loop's held-out folds are cross-validation (its scores are reported like
  // cross_val_score's), not a validation part that a separate test set makes harmless.
  // Validation rows transformed with their own statistics and then scored are a batch refitted on
  // itself (serving), whatever a test set shows: that score is computed on rows shaped differently.
  const valRefitScored = (l: PrepLeak): boolean => l.reason === 'fit-on-test' && ev.evals.some((e) => e.keys.some((k) => keyCovers(l.key, k)));
  // Held-out rows scaled or standardised with their own statistic and then scored with predictions of no model the
  // analysis knows (a hand-written numpy network, a TF1 graph run in a session): the scored inputs carry that
  // statistic, or the analysis kept none of theirs (then the scoring comes after the refit). Category vocabularies
  // are left out (a one-hot of the labels).
  const scoredByUnknownModel = (l: PrepLeak): boolean => l.reason === 'fit-on-test' && (l.fit.kind === 'transformer' || l.fit.kind === 'stat')
    && !l.fit.vocabulary && !l.fit.codes && !l.fit.onLabel && !l.fit.ofPredictions
    && ev.evals.some((e) => e.unknownModelFits !== undefined && !e.version?.startsWith('baseline') && !e.uncalled && e.keys.some((k) => keyCovers(l.key, k))
      && (e.unknownModelFits.includes(l.fit.id) || e.unknownModelFits.length === 0 && l.fit.step !== undefined && e.step > l.fit.step));
  const skipVal = (l: PrepLeak): boolean => l.reason === 'cv' && l.split?.kind === 'folds' ? false : l.viaVal ? hasTestSplit && !valRefitScored(l) : heldOutIsVal(l) && testScored;
  // Held-out rows are scored somewhere: an evaluation of test or validation rows, validation data
  // handed to training, or cross-validation (a training score alone scores no held-out row).
  const evaluatesHeldOut = ev.evals.some((e) => e.keys.some(isTestSide));
  const scoresHeldOut = evaluatesHeldOut || ev.trainEvals.length > 0 || ev.splits.some((s) => s.kind === 'cv' || s.kind === 'search' || s.kind === 'folds');
  const scoresAnything = ev.evals.length > 0 || scoresHeldOut;
  const cutTrained = (split: Split): boolean => ev.modelFits.some((m) => m.fit.rows.some((k) => k.path.some((st) => st.split === split && st.side === 'train')));
  const cutUsed = (split: Split): boolean => cutTrained(split)
    && ev.evals.some((e) => e.keys.some((k) => k.path.some((st) => st.split === split && st.side === 'test')));
  const onSplit = (k: RowKey, split: Split): boolean => k.path.some((st) => st.split === split);
  // A model was fitted on rows of this split (either side).
  const fittedOn = (split: Split): boolean => ev.modelFits.some((m) => m.fit.rows.some((k) => onSplit(k, split)));
  const foldsUsed = (split: Split): boolean => fittedOn(split)
    || ev.evals.some((e) => e.keys.some((k) => onSplit(k, split))) || ev.trainEvals.some((e) => e.keys.some((k) => onSplit(k, split)));
  // Data written out as the document's output (an intermediate file it reads back itself is not).
  const writesOutput = ev.writesData || [...ev.written].some((p) => !ev.readBack.has(p));
  // The held-out side of this split is handed to training only to be watched (validation_data
  // with no early stopping or checkpoint on it) and no evaluation reads it.
  // Cuts of the feature and label arrays made in one statement (fit(x=X[:n], validation_data=(X[n:], y[n:])))
  // are one split.
  const sameCut = (a: Split, b: Split): boolean => a === b || a.kind === 'slice' && b.kind === 'slice' && a.site.chunk === b.site.chunk && a.site.stmtFrom === b.site.stmtFrom;
  const onCut = (k: RowKey, split: Split): boolean => k.path.some((st) => sameCut(st.split, split));
  const monitoredOnly = (split: Split): boolean => {
    const handed = ev.trainEvals.filter((t) => t.keys.some((k) => onCut(k, split)));
    return handed.length > 0 && handed.every((t) => !t.selects && !t.reportsBest)
      && !ev.evals.some((e) => e.keys.some((k) => onCut(k, split) && isTestSide(k)));
  };
  // A search's own cross-validated score (`best_score_`) is a reported result when it is read, even
  // when a clean test score follows it: the score shown (and used to pick settings) was taken on folds
  // the statistic was fitted on (README, e015, e025/f004; round 13: w023, o006, c037, b005, a073).
  // A later search refines the grid the first one's score pointed to (selection again); one that
  // refits a single candidate (the settings chosen) chooses nothing; a later search of another label
  // (one search per label column) or of other rows (the training part oversampled) is another
  // experiment, not a refinement.
  const refines = (o: Split, s: Split): boolean => !o.oneCandidate && !(o.label && s.label && o.label !== s.label) && !(o.fitRows !== undefined && s.fitRows !== undefined && o.fitRows !== s.fitRows);
  const reportsSearch = (s: Split): boolean => s.reportedAt !== undefined
    && !ev.splits.some((o) => o.kind === 'search' && o.id > s.id && refines(o, s));
  // A search whose own cross-validated score (`best_score_`, `cv_results_`) is never read only picks
  // its settings: its folds report nothing (ASE'22: a leak needs a model evaluated on the leaked
  // rows; README: CV inside a search whose score is never reported does not count). A CV score,
  // a search's best_score_ or a learning/validation curve that is printed or plotted is reported.
  const selectionOnly = (s: Split): boolean => s.kind === 'search' && s.reportedAt === undefined;
  // Fitted on the training rows only (the training side of a split, or a training file).
  const trainPart = (f: PrepLeak['fit']): boolean => f.rows.length > 0 && f.rows.every((k) => k.path.length ? k.path[k.path.length - 1].side === 'train' && k.path[k.path.length - 1].fold === undefined : k.root.role === 'train');
  // The leaks reported as preprocessing: a target encoder's own finding rests on the same evidence.
  const prepReported = new Set<PrepLeak>();
  // Run only because a library module (imports, classes and functions, nothing run at its top level) imports a
  // module whose top-level code runs it (a class module doing `from . import test_classifier`, which prepares
  // and scores the data at import): the fit and every score belong to that module, which is reported on its own.
  const libraryModule = (): boolean => ctx.chunks.every((c) => c.file !== undefined || c.text.replace(/("""|''')[\s\S]*?\1/g, '').split('\n').every((line) => !/^[^\s#)\]}]/.test(line)
    || /^(from|import|def|class|async\s+def)\s|^@|^[A-Z_][A-Z0-9_]*\s*=\s*(['"\d([{-]|True|False|None)/.test(line)));
  const viaImportOnly = (site: Site): boolean => {
    if (ctx.chunks[site.chunk].file === undefined) return false;
    const at = [...(site.callers ?? [])].reverse().find((c) => ctx.chunks[c.chunk].file === undefined);
    return !!at && /^(from|import)\b/.test(ctx.chunks[at.chunk].text.slice(at.from, at.to).trim());
  };
  // The document's own text is read only when every fit and score came through an import (rare; detect runs on every edit).
  const importOnlyScores = ev.prepLeaks.length > 0 && ev.evals.every((e) => viaImportOnly(e.site)) && ev.trainEvals.every((e) => viaImportOnly(e.site))
    && ev.modelFits.every((m) => viaImportOnly(m.fit.site)) && libraryModule();
  for (const l0 of ev.prepLeaks) {
    if (importOnlyScores && viaImportOnly(l0.fit.site)) continue;
    const whole = wholeDataLeak(l0, ev);
    // Category codes or a vocabulary learnt from a whole data file before its split are stateless
    // (not a preprocessing leak); they were recorded only as a possible refit on test rows.
    if (whole && (l0.fit.codes || l0.fit.vocabulary)) continue;
    const l = whole ?? l0;
    if (skipVal(l)) continue;
    // A split whose held-out side only reaches training as monitored validation data (val_loss
    // shown, nothing chosen by it, never scored) while another test set is scored: that side is a
    // validation part, and a statistic over train + validation is harmless (README: a017's exception).
    if (l.split && l.reason === 'split' && monitoredOnly(l.split) && ev.evals.some((e) => e.keys.some((k) => isTestSide(k) && !onCut(k, l.split!)))) continue;
    // An unnamed positional cut is a split only when a model is fitted on one part and scored on the other.
    if (l.split?.cut && !cutUsed(l.split)) continue;
    // A named positional cut (background = X[:50], test_samples = X[50:60] for an explainer) that no model is
    // fitted on and nothing scores or validates on, whose "test" rows a model was trained on (fitted on all the
    // rows): they are held out from nothing, so a statistic over them reaches no held-out evaluation.
    if (l.reason === 'split' && l.split?.kind === 'slice' && !foldsUsed(l.split) && ev.modelFits.some((m) => covers(m.fit.rows, l.key))) continue;
    // Folds drawn (skf.split) only to compute out-of-fold features, such as an out-of-fold target
    // encoding: no model is fitted on a fold and no fold is scored, so nothing is held out by them.
    if (l.split?.kind === 'folds' && !foldsUsed(l.split)) continue;
    // Folds used only as training machinery (one model per fold, averaged; early stopping on the fold)
    // while the clean test set is the only thing scored: no fold score or out-of-fold score is reported.
    if ((l.reason === 'cv' || l.reason === 'transform') && l.split?.kind === 'folds' && testScored && !ev.evals.some((e) => e.keys.some((k) => !isTestSide(k) || onSplit(k, l.split!)))
      && !ev.trainEvals.some((t) => t.reportsBest && t.keys.some((k) => onSplit(k, l.split!)))) continue;
    // A cut of the training part of an earlier split that only ever takes training rows (its last
    // window to forecast from, its rows of one class for a plot) holds nothing out: the statistic
    // fitted on that training part reaches no test row through it.
    // Rows named as a training part (X_train = df.drop(columns=...)) of a frame no held-out part is
    // ever taken from: the statistic of all rows reaches no held-out row (nothing was held out).
    if (l.reason === 'includes-test' && l.split?.kind === 'slice' && l.split.sides && [...l.split.sides].every((s) => s === 'train')
      && !ev.evals.some((e) => e.keys.some((k) => k.root === l.key.root && isTestSide(k)))) continue;
    const keyLast = l.key.path[l.key.path.length - 1];
    if (l.split?.kind === 'slice' && l.split.sides && [...l.split.sides].every((s) => s === 'train')
      && keyLast && keyLast.split !== l.split && keyLast.side === 'train' && keyLast.fold === undefined && trainPart(l.fit)) continue;
    const f = l.fit;
    // Centred or scaled by a statistic of all rows, then rescaled by a scaler fitted on the training
    // rows that absorbs the shift and scale: no model was fitted on rows still carrying it.
    if (f.neutralised && !ev.modelFits.some((m) => m.est.fitData?.prep.includes(f))) continue;
    // A transformer fitted on rows that include the held-out rows, while every model was fitted on
    // rows it never shaped (a scaler refitted on the last training window + the test rows to
    // prepare the rows to forecast): no training row carries it; the held-out rows are transformed
    // with a statistic of their own batch, a refit at inference.
    const refitAtInference = l.reason === 'includes-test' && (f.kind === 'transformer' || f.kind === 'pipeline') && ev.modelFits.length > 0
      && !ev.trainedOnFits.has(f.id) && !ev.trainPartFits.has(f.id) && !ev.modelFits.some((m) => m.est.fitData?.prep.includes(f)) && ev.modelInputFits.has(f.id);
    if (l.reason === 'fit-on-test' || refitAtInference) {
      let unknownModel = false;
      // Rows shaped by their own statistic that never reach a model are not transformed differently
      // from anything the model sees: a threshold or normalisation of the predictions, a metric's own
      // mean, a loss weight, a transformer refitted on the test rows after all scores were taken.
      // An open-coded statistic written into a frame (df[c] = df[c].fillna(df[c].mean())) counts
      // too: a helper that changes the frame in place hands it to the model out of sight.
      // A statistic of the predictions (a cut-off, a z-score of the scores) written beside them is
      // model output, not input.
      // Written into a frame none of whose rows reach any of the models the document fits and predicts with (a test
      // file filled in place, then never predicted): nothing sees it. With no model known (hand-written ones), kept.
      // With no model and no score in the document, code it runs itself (an EDA or cleaning notebook) scores
      // nothing, and a step that writes its frames out is a feature-writing step (README: data read from disk,
      // zd025); a helper function nobody here calls may be called by the file that predicts.
      if (!ev.modelInputFits.has(l.fit.id) && !((f.kind === 'stat' || f.kind === 'group') && !f.ofPredictions && ev.frameStatFits.has(f.id)
        && (ev.modelInputRoots.size === 0 ? ev.evals.length > 0 || ev.trainEvals.length > 0 || ev.uncalledFits.has(f.id) && !writesOutput : ev.modelInputRoots.has(l.key.root)))
        && !(unknownModel = scoredByUnknownModel(l))) continue;
      // Rows taken as test rows only by their file's name (tested.csv) that the document then splits
      // and trains a model on: they are its whole data, not a held-out batch; a statistic of all of
      // them is fitted before the split (leakage/preprocessing), not a refit at inference.
      if (!l.key.path.length && l.key.root.role === 'test' && ev.modelFits.some((m) => m.fit.rows.length > 0 && m.fit.rows.every((k) => k.root === l.key.root && k.path.length > 0 && k.path[k.path.length - 1].side === 'train'))) continue;
      // The held-out rows transformed with their own statistic: nothing of the test set reaches
      // training, but the model sees them computed differently from its training rows.
      const what = f.kind === 'stat' ? `The statistic \`${f.cls}()\`` : f.kind === 'group' ? `The group-by statistic \`${f.cls}\`` : `\`${f.cls}\``;
      const assumed = f.assumed ?? (unknownModel ? 'the scored predictions come from these rows, through a model the analysis does not follow' : undefined);
      push({
        ruleId: 'mismatch/refit-at-inference',
        message: `${what} is computed again on the ${l.key.path[l.key.path.length - 1]?.fold !== undefined ? 'held-out fold\'s' : lastSide(l.key) === 'val' ? 'validation' : 'test'} rows themselves${refitAtInference ? ' (with some training rows), after the model was fitted on rows it did not shape' : ''}, so they are transformed differently from the training rows (no test statistic reaches training). Reuse the statistic fitted on the training rows.${assumed ? ` Assumed: ${assumed}.` : ''}`,
        location: toLocation(ctx, f.site), related: rel(ctx, firstEval([l.key]), 'evaluated here'),
        evidence: { call: f.cls, reason: 'held-out rows refitted on themselves' }, fixes: [],
      }, f.site, 'warning');
      // A target encoder refitted on the scored rows with their labels also writes those labels into them.
      prepReported.add(l0);
      continue;
    }
    // Fitted on the training side of a split in the code and then searched over (GridSearchCV)
    // inside it, while the held-out side is scored: that score stays clean, and the search's
    // inner folds are selection machinery, not the reported result (cross_val_score is reported).
    if (l.reason === 'cv' && l.split?.kind === 'search' && !reportsSearch(l.split) && f.rows.length && f.rows.every((k) => k.path.length > 0 && k.path[k.path.length - 1].side === 'train' && k.path[k.path.length - 1].fold === undefined)
      && ev.evals.some((e) => e.keys.some((k) => k.path.some((st) => st.side !== 'train' && f.rows.some((r) => r.path[r.path.length - 1].split === st.split))))) continue;
    // The same with a training file (train.csv, training_features.csv) and a separate test file
    // that is scored: the statistic saw the training rows only, and the search's inner folds are
    // selection machinery; the reported score is on the test file.
    if (l.reason === 'cv' && l.split?.kind === 'search' && !reportsSearch(l.split) && f.rows.length && f.rows.every((k) => !k.path.length && k.root.role === 'train')
      && ev.evals.some((e) => e.keys.some((k) => !k.path.length && k.root.role === 'test' && !covers(f.rows, k)))) continue;
    if (l.reason === 'cv' && l.split && selectionOnly(l.split)) continue;
    // A label-free column filter (VarianceThreshold: drop columns whose variance is under a cut-off)
    // learns which columns to keep, not a value any row is given; like a missing-rate filter on
    // train+test it is noted, not labelled (README, g021).
    if (f.cls === 'VarianceThreshold') continue;
    // A Spark ML stage whose output columns are known and that no model read (a StandardScaler
    // writing scaled_features while every model reads features): it reached no evaluated model.
    if (f.sparkCols && !ev.modelInputFits.has(f.id) && !ev.trainedOnFits.has(f.id)) continue;
    // Nothing in the file is scored: no evaluation, no validation data handed to training, no
    // cross-validation. A feature-writing script (fits nothing), or a submission notebook whose
    // model only predicts the unlabelled test file the statistic saw (train+test prepared
    // together, no local evaluation): the statistic reaches no score here.
    // So does a helper whose fit and split run only inside functions the file never calls (a
    // load-scale-split helper, a data class, its unit-test methods), with no model fitted anywhere:
    // its caller is labelled (README: helpers and splitters; J needs the chain to score). A document
    // that stops at its split at top level is still reported: it is being written. A statistic of
    // parts already held out, stacked (PCA's explained variance or topic models of train + test), in a
    // file that fits no model and scores nothing is exploration: no split follows it to stop at.
    if (!scoresAnything && !ev.modelFits.length && (writesOutput || ev.uncalledFits.has(f.id) || l.reason === 'includes-test') || !scoresHeldOut && !l.key.path.length && l.key.root.role === 'test') continue;
    // The same with a whole frame only named as the test set (test_df = df, after a helper prepared the
    // unlabelled competition file with its own statistics): no training side was ever taken from it.
    if (!scoresHeldOut && (l.reason === 'includes-test' || l.reason === 'transform') && l.split?.kind === 'slice' && l.split.sides && [...l.split.sides].every((s) => s === 'test')) continue;
    // A split whose held-out part nothing scores, in a file whose only scores are of training rows
    // (model.score(X_train, y_train) logged as the accuracy): the statistic reaches no held-out
    // evaluation (that in-sample score is overlap's case).
    if (l.reason === 'split' && !scoresHeldOut && ev.evals.length > 0 && ev.evals.every((e) => e.keys.length > 0 && e.keys.every((k) => lastSide(k) === 'train'))) continue;
    // A split whose held-out parts are never read again, in a file that fits its model on all the rows (the
    // validation score left commented out): the statistic reaches no held-out rows.
    if (l.reason === 'split' && l.split && !foldsUsed(l.split) && ev.modelFits.length > 0 && heldOutUnread(ctx, l.split)) continue;
    // A transformer refitted on training and held-out rows together that shaped only the training
    // rows of models never scored (a final model on train+test saved for deployment), while nothing
    // scored carries it: no evaluation saw it (README: a transformer that never reaches an evaluated model).
    if (l.reason === 'includes-test' && !ev.trainEvals.length && !ev.splits.some((s) => s.kind === 'cv' || s.kind === 'search' || s.kind === 'folds')
      && ev.modelFits.some((m) => m.est.fitData?.prep.includes(f))
      && !ev.evals.some((e) => e.data?.prep.includes(f) || !!e.model && ev.modelFits.some((m) => m.est === e.model && m.est.fitData?.prep.includes(f)))) continue;
    // A statistic over rows that include held-out rows whose result reaches no model (a cut-off on
    // the test rows' reconstruction errors, a summary printed, the median of all labels set beside
    // the test labels as a constant baseline): no model input was shaped by it.
    // Before the split the same holds once models are fitted and none was given rows it shaped (a
    // document that stops at its split is still being written: its statistic is reported). A
    // correlation that picks the feature columns (`corr()["y"].abs() > 0.1`) reaches the model
    // through the columns it chose, which the analysis does not follow: it is kept.
    // A transformer fitted on training and held-out rows stacked together whose output reaches no
    // model (its scaled copy is never read, the models train on the raw values) while the models
    // that are fitted and scored are known: it shaped nothing evaluated (README: a transformer that
    // never reaches an evaluated model).
    if (l.reason === 'includes-test' && f.kind === 'transformer' && ev.modelFits.length > 0 && ev.evals.length > 0
      && !ev.modelInputFits.has(f.id) && !ev.trainedOnFits.has(f.id) && !ev.trainPartFits.has(f.id) && !ev.frameStatFits.has(f.id)
      && !ev.modelFits.some((m) => m.est.fitData?.prep.includes(f) || m.est.prepFits.includes(f)) && !KERAS_LAYER_FITS.test(f.cls)) continue;
    if ((f.kind === 'stat' || f.kind === 'group') && !ev.modelInputFits.has(f.id) && !ev.frameStatFits.has(f.id)
      && (l.reason === 'includes-test' || ev.modelFits.length > 0 && !SELECTING_STATS.has(f.cls))) continue;
    // A statistic written into the frame that reaches models only through their labels (a class cut
    // at the all-rows quantile of the target, the label column filled with its mean): it defines or
    // fills the label, it is not a feature the model is given.
    if ((f.kind === 'stat' || f.kind === 'group') && !ev.modelInputFits.has(f.id) && ev.labelFits.has(f.id) && !SELECTING_STATS.has(f.cls)) continue;
    // Cluster assignments of all rows that reach the split only as the label (KMeans segments
    // becoming the classes a classifier learns), with no model input shaped by the clustering: the
    // clustering defines the task; it is not a feature statistic (notes-k, k018: not labelled).
    if (l.reason === 'split' && f.kind === 'transformer' && estimatorCategory(f.cls) === 'clusterer' && !ev.modelInputFits.has(f.id) && !ev.trainedOnFits.has(f.id)) continue;
    // A per-group statistic keyed by the column whose whole values the split assigns to one side
    // (player counts per match, the split by match id): no group's rows straddle the split (d005).
    if (f.kind === 'group' && l.split?.groupCol && !l.split.notGrouped && f.groupKeys?.includes(l.split.groupCol)) continue;
    // A train_test_split whose every held-out part is bound to `_` only draws a subsample
    // (`X_s, _ = train_test_split(X, train_size=n)`): no held-out rows remain to be leaked into.
    if (l.reason === 'split' && l.split?.kind === 'tts' && discardsHeldOut(l.split)) continue;
    // Nothing is scored and the held-out labels the split bound (y_test) are never read again: the
    // held-out rows are at most predicted, never compared with their truth (a preprocessing-only
    // notebook, report lines commented out). A hand-written score or a plot against the truth reads them.
    if (!scoresAnything && l.split?.kind === 'tts' && heldOutLabelsUnread(ctx, l.split, cutTrained(l.split))) continue;
    const splitLine = l.split ? lineOf(ctx, l.split.site) : null;
    const what = f.kind === 'stat' ? `the statistic \`${f.cls}()\`` : f.kind === 'group' ? `the group-by statistic \`${f.cls}\`` : `\`${f.cls}\``;
    const message = l.reason === 'includes-test'
        ? `${cap(what)} is fitted on data that includes the ${lastSide(l.key) === 'val' ? 'validation' : 'test'} rows; fit it on the training rows only and apply it to the held-out rows.`
      : l.reason === 'cv' && trainPart(f)
        ? `${cap(what)} is fitted on the whole training part before cross-validation on it (${l.split ? where(ctx, l.split.site) : 'later'}), so every validation fold was seen by the fit and the cross-validated score is optimistic (the test split stays clean). Put it inside a Pipeline passed to the cross-validation.${l.split?.kind === 'search' ? ' Assumed: the search\'s `best_score_` is read as a result, not only to choose settings.' : ''}`
      : l.reason === 'cv'
        ? `${cap(what)} is fitted on all rows before cross-validation, so every validation fold was seen by the fit. Put it inside a Pipeline passed to the cross-validation.`
        : `${cap(what)} is fitted on rows that later end up in the ${lastSide(l.key) === 'val' ? 'validation' : 'test'} split${l.split ? ` (${where(ctx, l.split.site)})` : ''}; fit it on the training split only.`;
    const fixes = l.reason === 'split' && l.split ? preprocessingFix(ctx, f.site, l.split)
      : l.reason === 'cv' && l.split ? pipelineFix(ctx, f.site, l.split) : [];
    push({
      ruleId: 'leakage/preprocessing', message: message + (f.assumed ? ` Assumed: ${f.assumed}.` : ''), location: toLocation(ctx, f.site),
      related: [...rel(ctx, l.split?.site, l.reason === 'cv' ? 'cross-validation splits here' : 'split made here'), ...rel(ctx, firstEval([l.key]), 'first evaluation on the leaked rows')],
      evidence: { transformer: f.cls, kind: f.kind, splitLine, reason: l.reason },
      fixes,
    }, f.site, f.assumed || l.reason === 'cv' && l.split?.kind === 'search' && trainPart(f) ? 'warning' : 'error');
    prepReported.add(l0);
  }

  // A target encoder fitted on rows that reach the test set also turns the label into a feature.
  for (const l of ev.prepLeaks) {
    if (!TARGET_ENCODERS.has(l.fit.cls) || !prepReported.has(l)) continue;
    // Fitted on the training part before cross-validation on it, the test split stays clean: the
    // preprocessing finding (CV on a pre-transformed matrix) says it, not a second alarm (zy026, zzg014).
    // An encoder whose fit reached no evaluated model (its output discarded) is not reported either.
    const cv = l.reason === 'cv';
    if (cv && trainPart(l.fit)) continue;
    const message = l.reason === 'fit-on-test'
      ? `\`${l.fit.cls}\` encodes categories with the label and is fitted again on the scored rows with their own labels, so their encoded feature carries the labels being predicted. Reuse the encoder fitted on the training rows.`
      : cv
      ? `\`${l.fit.cls}\` encodes categories with the label and is fitted on all rows before cross-validation, so each validation fold's encoded feature carries that fold's own labels. Put it inside a Pipeline passed to the cross-validation.`
      : `\`${l.fit.cls}\` encodes categories with the label, using rows that end up in the test split; the encoded feature carries the test labels. Fit it on the training split only.`;
    push({
      ruleId: 'leakage/target', message,
      location: toLocation(ctx, l.fit.site), related: rel(ctx, l.split?.site, cv ? 'cross-validation splits here' : 'split made here'), evidence: { encoder: l.fit.cls, reason: l.reason }, fixes: [],
    }, l.fit.site, 'error');
  }

  // leakage/overlap: test rows stacked into the training data
  for (const m of ev.mixed) {
    // Only a model that is then scored on held-out rows is misled (a final refit on all rows is fine).
    // Scored on held-out rows that were in that fit (test rows; validation rows refitted on and then reported).
    const est = m.est;
    // A model of a column another model of the file takes as an input (Age regressed on the other columns
    // to fill it) learns no label of a test file's rows: their inputs are there to be used, and its score
    // on them is the imputation's own fit, not a held-out result.
    const label = est?.fitLabel?.startsWith('col:') ? est.fitLabel.slice(4) : undefined;
    const featureModel = label !== undefined && ev.modelFits.some((mf) => mf.est !== est && mf.est.fitLabel !== undefined && mf.est.fitLabel !== est!.fitLabel && !!mf.est.fitData?.cols?.includes(label));
    if (est && !ev.evals.some((e) => e.model === est && e.keys.some((k) => (k.path.length ? lastSide(k) === 'test' || lastSide(k) === 'val' : k.root.role === 'val' || k.root.role === 'test' && !featureModel)
      && covers((e.fitState?.fit ?? est.fit)?.rows ?? [], k)))) continue;
    push({
      ruleId: 'leakage/overlap', message: `Held-out rows are added to the training data here, and the model fitted at ${where(ctx, m.fitSite)} is then scored on them.`,
      location: toLocation(ctx, m.site), related: rel(ctx, m.fitSite, 'model fitted here'), evidence: { fitLine: lineOf(ctx, m.fitSite) }, fixes: [],
    }, m.site);
  }

  // leakage/overlap: duplication before a split
  const windowSplits = new Set<Split>();
  // A cut's held-out part is used when it is scored or handed to training.
  // The file trains and scores no model: none the analysis follows, and no call that trains, predicts or
  // scores one in its text (a PyTorch loop's backward() or DataLoader, a framework's fit / train / evaluate).
  const noModel = !ev.modelFits.length && !ev.evals.length && !ev.trainEvals.length
    && !ctx.chunks.some((ch) => /\.\s*(?:fit|fit_generator|train|backward|evaluate|predict|predict_proba|score)\s*\(|\b(?:Trainer|DataLoader)\s*\(/.test(ch.text));
  const partScored = (split: Split): boolean => [...ev.evals, ...ev.trainEvals].some((e) => e.keys.some((k) => k.path.some((st) => st.split === split && st.side !== 'train')));
  for (const l of ev.dupLeaks) {
    // Rows of the training side of a split (or of a training file) resampled and then searched
    // over (GridSearchCV, RandomizedSearchCV), while the held-out side (or a test file) is scored:
    // the search's inner folds are selection machinery and the reported score stays clean, as for
    // a statistic fitted there (above).
    const rows = l.dup.rows;
    const heldOutScored = rows.length > 0 && (
      rows.every((k) => k.path.length > 0 && k.path[k.path.length - 1].side === 'train' && k.path[k.path.length - 1].fold === undefined)
        && ev.evals.some((e) => e.keys.some((k) => k.path.some((st) => st.side !== 'train' && rows.some((r) => r.path[r.path.length - 1].split === st.split))))
      || rows.every((k) => !k.path.length && k.root.role === 'train')
        && ev.evals.some((e) => e.keys.some((k) => !k.path.length && k.root.role === 'test' && !covers(rows, k))));
    // A search whose best_score_ is read reports its folds' score (README g008/h018 rule; the same
    // reading as for a statistic above), at warning since the clean score may be the result.
    if (l.split.kind === 'search' && heldOutScored && !reportsSearch(l.split) || selectionOnly(l.split)) continue;
    // A resampler in a branch of an unknown `if` whose class the document never imports or defines
    // (no import of it, no star import, no %run): that branch would stop with a NameError, so it is
    // taken not to have run (notes-l: a SMOTE branch that cannot run is not overlap).
    if (l.dup.assumed && /^[A-Za-z_]\w*$/.test(l.dup.what) && neverBound(ctx, l.dup.what)) continue;
    // Keras's validation_split on the resampled training part, with no callback choosing on it (or
    // one whose val_ metrics the file never reads), while the held-out part is scored: the val_
    // metrics are training logs beside that score.
    if (l.split.names[0] === 'validation_split' && (l.assumed || l.valUnread) && heldOutScored) continue;
    // Cross-validation on the resampled training part whose scores nothing reads, while the held-out
    // part is scored: the folds' score is never reported.
    // So do folds whose scores only rank a search objective's trials (`Split.unread`).
    if ((l.split.kind === 'cv' || l.split.kind === 'folds') && heldOutScored && (l.split.unread || l.split.kind === 'cv' && cvScoreUnread(ctx, l.split))) continue;
    // Cross-validation on the resampled training side while the held-out side is scored too: the
    // folds' score is inflated, but which of the two the document reports as its result is a guess.
    const cvCheck = l.split.kind === 'cv' && heldOutScored
      ? 'the cross-validation score on the resampled training rows is reported beside the held-out score, not only as a check'
      : l.split.kind === 'search' && heldOutScored ? 'the search\'s `best_score_` is read as a result, not only to choose settings' : undefined;
    const splitLine = lineOf(ctx, l.split.site);
    const w = l.dup.windows;
    if (w && windowSplits.has(l.split)) continue;
    if (w && !windowSplits.has(l.split)) {
      windowSplits.add(l.split);
      // A guess about the task: windows of a recording classified by its label (a forecast is temporal's case).
      if (w.recordLabel) {
        const assumed = `\`${w.recordLabel}\` is the label of the whole recording, so its segments are pieces of one labelled item${l.dup.assumed ? `; ${l.dup.assumed}` : ''}`;
        push({
          ruleId: 'leakage/overlap',
          message: `Segments of ${w.size} samples are cut here from one recording and each is given its label \`${w.recordLabel}\`; the random ${l.split.kind === 'cv' ? 'folds' : 'split'} (${where(ctx, l.split.site)}) puts pieces of the same recording on both sides. Split by recording (GroupShuffleSplit, GroupKFold). Assumed: ${assumed}.`,
          location: toLocation(ctx, w.stepSite ?? l.dup.site), related: [...rel(ctx, l.dup.site, 'segment cut here'), ...rel(ctx, l.split.site, 'split made here')],
          evidence: { duplicator: l.dup.what, splitLine, windowSize: w.size, windowStep: w.step, assumed }, fixes: [],
        }, w.stepSite ?? l.dup.site, 'warning');
        continue;
      }
      const assumed = `the windows come from recordings that each carry one label and are classified, not forecast, so neighbouring windows of one recording are near-copies${l.dup.assumed ? `; ${l.dup.assumed}` : ''}`;
      push({
        ruleId: 'leakage/overlap',
        message: `${w.named ? `Windows of \`${w.named.size}\` samples are cut every \`${w.named.step}\` samples here, a step shorter than the window, so each shares samples with the next`
          : `Windows of ${w.size} samples are cut every ${w.step} samples here, so each shares ${w.size - w.step} samples with the next`}; the random ${l.split.kind === 'cv' ? 'folds' : 'split'} (${where(ctx, l.split.site)}) puts neighbouring windows on both sides. Split by recording or subject (GroupShuffleSplit, GroupKFold) or in time. Assumed: ${assumed}.`,
        location: toLocation(ctx, w.stepSite ?? l.dup.site), related: [...rel(ctx, l.dup.site, 'window cut here'), ...rel(ctx, l.split.site, 'split made here')],
        evidence: { duplicator: l.dup.what, splitLine, windowSize: w.named?.size ?? w.size, windowStep: w.named?.step ?? w.step, assumed }, fixes: [],
      }, w.stepSite ?? l.dup.site, 'warning');
      continue;
    }
    // The resampled training part cut again (a validation cut for validation_data / early stopping)
    // while only the earlier split's held-out part, which no copy reaches, is scored: whether the
    // copies shape the reported result is a guess.
    const valCutOnly = (l.split.kind === 'tts' || l.split.kind === 'slice') && heldOutScored
      && !ev.evals.some((e) => e.keys.some((k) => k.path.some((st) => st.split === l.split && st.side !== 'train')))
      ? 'the held-out part of this second cut of the resampled training rows only guides training (validation data, early stopping); the reported score is on the earlier held-out part, which no copy reaches'
      : undefined;
    // A split of the resampled rows whose held-out part nothing in the file scores or hands to training,
    // and no score anywhere in the file reads resampled rows (a helper that resamples, splits and
    // returns or saves the parts; one augmented batch saved as arrays): that the parts are later used
    // to train and score a model is a guess.
    const unscored = (l.split.kind === 'tts' || l.split.kind === 'slice') && l.split.names[0] !== 'validation_split' && !partScored(l.split)
      && ![...ev.evals, ...ev.trainEvals].some((e) => e.keys.some((k) => covers(l.dup.rows, k))) && noModel
      ? 'the parts of this split are used elsewhere to train and score a model (this file scores no part held out by it)'
      : undefined;
    const assumed = l.assumed ?? l.dup.assumed ?? cvCheck ?? valCutOnly ?? unscored;
    push({
      ruleId: 'leakage/overlap',
      message: `${l.dup.what === 'concat' ? 'This concatenation stacks rows that are already in the data' : `\`${l.dup.what}\` duplicates or synthesises rows`} before the ${l.split.names[0] === 'validation_split' ? 'validation split' : l.split.kind === 'tts' || l.split.kind === 'slice' ? 'train/test split' : 'cross-validation'} (${where(ctx, l.split.site)}), so copies of the same rows land on both sides. Resample the training split only (e.g. an imblearn Pipeline).${assumed ? ` Assumed: ${assumed}.` : ''}`,
      location: toLocation(ctx, l.dup.site), related: rel(ctx, l.split.site, 'split made here'),
      evidence: { duplicator: l.dup.what, splitLine, ...(assumed ? { assumed } : {}) }, fixes: [],
    }, l.dup.site, assumed ? 'warning' : 'error');
  }
  // Keras validation_data equal to the training part, its val_ metrics read, while the split's held-out
  // part is never scored or watched: the only "validation" result is a score on the training rows.
  for (const t of ev.trainAsVal) {
    const heldOutUsed = [...ev.evals.map((x) => x.keys), ...ev.trainEvals.map((x) => x.keys)].some((ks) => ks.some((k) => k.path.some((st) => st.split === t.split && st.side !== 'train')));
    if (heldOutUsed) continue;
    if (t.loader) {
      const assumed = `the score of \`${t.loader}\` in the training loop is read as the held-out result`;
      push({
        ruleId: 'leakage/overlap', message: `\`${t.loader}\` is named as held-out data but holds the training part of the split at ${where(ctx, t.split.site)}, so the scores computed on it are of rows the model was trained on, not held-out performance. Build it from the held-out part. Assumed: ${assumed}.`,
        location: toLocation(ctx, t.site), related: rel(ctx, t.split.site, 'split made here'), evidence: { assumed }, fixes: [],
      }, t.site, 'warning');
      continue;
    }
    const assumed = 'the val_ metrics of this validation set are read as the held-out result';
    push({
      ruleId: 'leakage/overlap', message: `The validation data handed to training here is the training part the model is fitted on (split at ${where(ctx, t.split.site)}), so its val_ scores are computed on rows the model was trained on; the held-out part is never scored. Pass the held-out part as validation_data. Assumed: ${assumed}.`,
      location: toLocation(ctx, t.site), related: rel(ctx, t.split.site, 'split made here'), evidence: { assumed }, fixes: [],
    }, t.site, 'warning');
  }
  for (const t of ev.testFromTrain) {
    // A test part cut out of a training file leaks only into a model fitted on the rows it was cut
    // from and then scored on it. A loaded model was fitted on rows this file does not show, and a
    // part no fitted model is scored on tests nothing.
    const split = t.split;
    if (split && !t.sampledWith && !ev.evals.some((e) => {
      const fit = e.model && !e.model.loaded ? (e.fitState?.fit ?? e.model.fit) : undefined;
      // Dropped by a column's values: the training sample is in the held-out part whatever the keys say.
      return !!fit && e.keys.some((k) => k.path.some((st) => st.split === split && st.side === 'test')
        && (t.dropBy ? fit.rows.some((r) => r.path.some((st) => st.split === split && st.side === 'train')) : covers(fit.rows, k)));
    })) continue;
    push({
      ruleId: 'leakage/overlap', message: t.dropBy
        ? `\`${t.name}\` drops the rows whose index labels equal the values of \`${t.dropBy}\` (drop() reads them as row labels), not the rows of the training sample, so nearly every training row is in it and the model is tested on rows it was trained on. Take the held-out part as df.drop(train.index). Assumed: the frame has its default integer index.`
        : t.sampledWith
        ? `\`${t.name}\` is a random sample drawn independently of the ${t.sampledWith} part, from the same rows, so many rows are in both. Take the held-out part as the rows not sampled (df.drop(train.index)) or use train_test_split.`
        : `\`${t.name}\` is drawn from the training rows, so the model is tested on rows it was trained on.`,
      location: toLocation(ctx, t.site), related: [], evidence: { testVariable: t.name }, fixes: [],
    }, t.site, t.dropBy ? 'warning' : undefined);
  }

  // leakage/overlap: a series model's in-sample predictions scored as its forecast error.
  for (const x of ev.inSampleScores) {
    const assumed = `the error is taken to be reported as a forecast or test error (${x.label.length > 60 ? x.label.slice(0, 60) + '…' : x.label})`;
    push({
      ruleId: 'leakage/overlap', message: `These predictions start inside the series the model was fitted on (${where(ctx, x.fitSite)}), so they are in-sample one-step predictions of rows it has seen, and the error computed from them is not a forecast error. Fit on the series up to the first predicted date and forecast the rest. Assumed: ${assumed}.`,
      location: toLocation(ctx, x.site), related: rel(ctx, x.fitSite, 'model fitted here'), evidence: { fitLine: lineOf(ctx, x.fitSite), assumed }, fixes: [],
    }, x.site, 'warning');
  }

  // leakage/overlap: a model fitted on the held-out rows themselves, its fit summary read as the result.
  for (const h of ev.heldOutFits) {
    if (h.cv) {
      const assumed = 'the rows are taken to be held out by how they were split or named';
      push({
        ruleId: 'leakage/overlap', message: `\`${h.cv}\` refits the model on folds of the held-out rows themselves, so this score comes from models trained on test rows; it is not the held-out score of the model trained on the training rows. Score that model on the held-out rows, or cross-validate on the training rows. Assumed: ${assumed}.`,
        location: toLocation(ctx, h.site), related: [], evidence: { function: h.cv, assumed }, fixes: [],
      }, h.site, 'warning');
      continue;
    }
    push({
      ruleId: 'leakage/overlap', message: `This model is fitted on the held-out rows themselves (${where(ctx, h.fitSite)}), so its fit summary describes rows it has seen; it is not a test result. Score the model fitted on the training rows on them instead. Assumed: the rows are taken to be held out by how they were split or named.`,
      location: toLocation(ctx, h.site), related: rel(ctx, h.fitSite, 'model fitted on the held-out rows here'), evidence: { fitLine: lineOf(ctx, h.fitSite), assumed: 'held-out rows by split or name' }, fixes: [],
    }, h.site, 'warning');
  }

  // Round 13's wider reading of an in-sample score before the split (see below): rows of a training file, or a learned regressor.
  const widenedInSample = (e: EvalEvent, cls: string): boolean => !e.labelledTest && (e.keys.some((k) => k.root.role === 'train') || DESCRIPTIVE_FIT.test(cls) && !/Logistic/.test(cls));
  // The in-sample score stands in place of a held-out one: these rows are split later (a held-out
  // part of them is scored), and no model of this class is scored on a held-out part (a first
  // look superseded by the held-out scores of the same model is not its reported result).
  const scoredInPlace = (e: EvalEvent, cls: string): boolean => ev.evals.some((x) => x.step > e.step && x.keys.some((k) => k.path.length > 0 && isTestSide(k) && e.keys.some((r) => r.root === k.root)))
    && !ev.evals.some((x) => x.step > e.step && x.model?.cls === cls && x.keys.some((k) => isTestSide(k)));
  // A test file (test.csv) is scored somewhere: a training file is then not all the labelled data.
  const testFileScored = ev.evals.some((x) => x.keys.some((k) => k.root.role === 'test'));
  // The same fitted model is also scored on test rows outside its fit (a test file, a test part).
  const scoredOnTestToo = (e: EvalEvent, est: NonNullable<EvalEvent['model']>, fit: NonNullable<NonNullable<EvalEvent['fitState']>['fit']>): boolean => ev.evals.some((x) => x !== e && x.model === est
    && (x.fitState?.fit ?? est.fit) === fit && x.keys.length > 0 && x.keys.every((k) => !covers(fit.rows, k) && (lastSide(k) === 'test' || !k.path.length && k.root.role === 'test')));
  const detectorFits = new Set<object>();
  // Held-out scores the file does compute without a test part: cross-validation, Keras validation_split.
  const crossValidates = !!ev.validationSplit || ev.splits.some((s) => s.kind === 'cv' || s.kind === 'folds' || s.kind === 'search');
  // leakage/overlap: evaluation on rows the model was fitted on — a check set sampled out of the
  // training data, a model fitted on all rows scored on the test split, or a training score
  // reported as the test score.
  for (const e of ev.evals) {
    const est = e.model;
    const st = e.fitState ?? est;
    const fit = st?.fit;
    if (!est || !st || !fit || est.loaded || !e.keys.length || e.labelledTrain || st.fitData?.mixSite) continue;
    // Predictions of other columns of the frame than the model was fitted on (x3 = df.iloc[:, [0, 1]]
    // after fitting on df.iloc[:, [2, 3]]): these are not the inputs it was trained on.
    if (otherColumns(e.data?.pred?.inputFeat, st.fitData?.feat)) continue;
    // A clustering or other label-free fit (KMeans.score, GaussianMixture.score, PCA.score) scored
    // on its own rows describes the data: with no label there is no held-out performance to inflate.
    if (est.cat === 'clusterer' || est.cat === 'transformer') continue;
    // Prophet's make_future_dataframe keeps the fitted history: its predictions are in-sample fitted
    // values for those dates, and scored against actuals that include them (not only the held-out
    // part) they are mostly a fit to rows the model has seen.
    if (e.data?.pred?.history && e.data.pred.est === est && !e.inLoop && e.keys.some((k) => covers(fit.rows, k))
      && !e.keys.some((k) => lastSide(k) === 'test' || lastSide(k) === 'val')) {
      const assumed = 'the predictions scored keep the history dates of make_future_dataframe (include_history defaults to True) and are matched to actuals of those dates';
      push({
        ruleId: 'leakage/overlap', message: `These predictions come from \`make_future_dataframe\`, which keeps the dates the model was fitted on (${where(ctx, fit.site)}); scored against the actuals of those dates they measure the in-sample fit, not the forecast. Score only the dates after the training period (include_history=False, or the held-out part). Assumed: ${assumed}.`,
        location: toLocation(ctx, e.site), related: rel(ctx, fit.site, 'model fitted here'), evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), assumed }, fixes: [],
      }, e.site, 'warning');
      continue;
    }
    // A series model's in-sample one-step predictions (predict(start=1), fittedvalues) scored in a file
    // that holds no period out anywhere: the error is the only accuracy the forecast gets (a003).
    // Not when its own words call it the fit (`print("model fit RMSE", ...)`): a descriptive fit (a069).
    if (e.data?.pred?.inSample && e.data.pred.est === est && SERIES_MODEL.test(est.cls) && !e.inLoop && ev.heldOutStep === undefined && !ev.splits.length && !ev.hasTestSet
      && e.keys.every((k) => covers(fit.rows, k)) && !/\bfit|residual/i.test(labelText(ctx.chunks[e.site.chunk].text.slice(e.site.stmtFrom, e.site.stmtTo)))) {
      const assumed = 'with no held-out period in the file, this error of in-sample predictions is taken to be reported as the forecast\'s accuracy';
      push({
        ruleId: 'leakage/overlap', message: `These predictions lie inside the series the model was fitted on (${where(ctx, fit.site)}), so this error measures the fit to rows it has seen, not a forecast. Hold out the last period, fit on the rest and score the forecast of it. Assumed: ${assumed}.`,
        location: toLocation(ctx, e.site), related: rel(ctx, fit.site, 'model fitted here'), evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), assumed }, fixes: [],
      }, e.site, 'warning');
      continue;
    }
    // Fitted on the training part of a split and then scored on all the rows it was split from
    // (training rows included), after the split was made: the score is reported in place of the test score.
    const trainOf = (f: RowKey, k: RowKey): boolean => {
      const last = f.path[f.path.length - 1];
      return f.root === k.root && f.path.length === k.path.length + 1 && k.path.every((st, i) => st.split === f.path[i].split && st.side === f.path[i].side)
        && last.side === 'train' && last.fold === undefined && (last.split.kind === 'tts'
          // A positional cut (train = df[:-30]; test = df[-30:]) whose held-out part the code also takes.
          // Cut by the document's own subscript of the rows, not parts named only by a helper's outputs.
          || last.split.kind === 'slice' && !last.split.perPass && !!last.split.sides && (last.split.sides.has('test') || last.split.sides.has('val'))
            && ctx.chunks[last.split.site.chunk].file === undefined && !last.split.site.callers?.length
            && /^\s*[A-Za-z_][\w\s,()]*=\s*\(?\s*[A-Za-z_][\w.]*\s*\[/.test(ctx.chunks[last.split.site.chunk].text.slice(last.split.site.from, last.split.site.to)));
    };
    const sp = fit.rows.length ? fit.rows[0].path[fit.rows[0].path.length - 1]?.split : undefined;
    // The model's predictions of the training part it was fitted on joined with its predictions of the
    // held-out part of the same split (np.concatenate([m.predict(X_train), m.predict(X_test)]), a plot's
    // usual series) and scored as one: the training rows are in the score.
    const heldSibling = (f: RowKey, k: RowKey): boolean => {
      const a = f.path[f.path.length - 1], b = k.path[k.path.length - 1];
      return !!a && !!b && f.root === k.root && f.path.length === k.path.length && a.side === 'train' && a.fold === undefined && b.split === a.split && b.fold === undefined
        && (b.side === 'test' || b.side === 'val') && k.path.slice(0, -1).every((st, i) => st.split === f.path[i].split && st.side === f.path[i].side);
    };
    const joinedPred = !!sp && !e.inLoop && e.data?.pred?.est === est && !!e.data.pred.joined && e.data.rows.length > 1
      && fit.rows.every((f) => e.data!.rows.some((k) => keyCovers(k, f) && keyCovers(f, k)) && e.data!.rows.some((k) => heldSibling(f, k)))
      && e.keys.every((k) => fit.rows.some((f) => trainOf(f, k) || keyCovers(k, f) && keyCovers(f, k) || heldSibling(f, k)));
    if (joinedPred && !e.data?.subsetSite && (sp.kind === 'tts' || sp.kind === 'slice') && fit.rows.every((f) => trainOf(f, { root: f.root, path: f.path.slice(0, -1) }))) {
      push({
        ruleId: 'leakage/overlap', message: `The predictions scored here join the model's predictions of the training rows it was fitted on (${where(ctx, fit.site)}) with those of the held-out part, so this score is computed partly on rows the model was trained on; score the held-out part's predictions alone.`,
        location: toLocation(ctx, e.site), related: [...rel(ctx, fit.site, 'model fitted on the training split here'), ...rel(ctx, sp.site, 'split made here')],
        evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site) }, fixes: [],
      }, e.site);
      continue;
    }
    // Rows that are themselves a cross-validation fold's training side (from which a split for early
    // stopping was cut) scored this way are that fold's training score.
    const outerTrain = e.keys.every((k) => k.path.length > 0 && lastSide(k) === 'train' && k.path[k.path.length - 1].fold !== undefined);
    if (!e.data?.subsetSite && !(e.inLoop && sp?.kind === 'slice') && sp && !outerTrain && fit.rows.every((f) => e.keys.some((k) => trainOf(f, k))) && e.keys.every((k) => fit.rows.some((f) => trainOf(f, k)))) {
      const assumed = sp.byName ? `the cut is taken to be a split by the names of its parts (${sp.byName})` : undefined;
      push({
        ruleId: 'leakage/overlap', message: `This score is computed on all the rows the split was made from, including the training rows the model was fitted on (${where(ctx, fit.site)}); score the test split.${assumed ? ` Assumed: ${assumed}.` : ''}`,
        location: toLocation(ctx, e.site), related: [...rel(ctx, fit.site, 'model fitted on the training split here'), ...rel(ctx, sp.site, 'split made here')],
        evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), ...(assumed ? { assumed } : {}) }, fixes: [],
      }, e.site, assumed ? 'warning' : 'error');
      continue;
    }
    // The model of one pass of a loop that re-makes an unseeded random split, fits and keeps the best
    // pass by its test score (dumped to a file inside the loop), loaded back after the loop and scored
    // on the test part left by the loop's last pass: another random split of the same rows, which
    // the kept model was largely trained on.
    const reload = !e.inLoop ? ev.loopDumpReloads.find((r) => r.est === est && r.step < e.step) : undefined;
    const lastSplit = (k: RowKey): Split | undefined => {
      const s = k.path[k.path.length - 1];
      return s && s.side === 'test' && s.split.kind === 'tts' && s.split.shuffle && !s.split.seeded && s.fold === undefined ? s.split : undefined;
    };
    if (reload && e.keys.length && e.keys.every((k) => { const s = lastSplit(k); return !!s && fit.rows.some((f) => f.path[f.path.length - 1]?.split === s); })
      && ev.evals.some((x) => x.model === est && x.resplitBest && x.inLoop)) {
      const s = lastSplit(e.keys[0])!;
      const assumed = 'the model loaded back is the one a pass of the loop dumped as its best, taken to be an earlier pass than the last';
      push({
        ruleId: 'leakage/overlap', message: `The model loaded here (${where(ctx, reload.site)}) was dumped by the pass of the loop whose test score was best, but the test part scored now is the one left by the loop's last pass, another unseeded random split of the same rows (${where(ctx, s.site)}); many of these rows were in the kept model's training part. Score each pass's model on its own test part, or fix the split. Assumed: ${assumed}.`,
        location: toLocation(ctx, e.site), related: [...rel(ctx, reload.site, 'model loaded here'), ...rel(ctx, s.site, 'split re-made in the loop')],
        evidence: { metric: e.what, splitLine: lineOf(ctx, s.site), assumed }, fixes: [],
      }, e.site, 'warning');
      continue;
    }
    // Fitted on the training part of one random split and scored on the test part of another
    // random split of the same rows (an unseeded train_test_split run again): about the training
    // fraction of those test rows were in the fit.
    // The second split may cut a random sample of those rows first (X_cut, _ = split(X, test_size=0.8); X_tr, X_val =
    // split(X_cut)): its held-out part is still drawn from the rows the first split shared out.
    let sampled = false;
    const resplit = !e.inLoop && e.keys.length && e.keys.every((k) => {
      const s2 = k.path[k.path.length - 1];
      return !!s2 && s2.side !== 'train' && s2.split.kind === 'tts' && s2.split.shuffle && s2.fold === undefined
        && fit.rows.some((f) => {
          const s1 = f.path[f.path.length - 1];
          const sample = k.path.slice(f.path.length - 1, -1);
          const ok = !!s1 && s1.side === 'train' && s1.split !== s2.split && s1.split.kind === 'tts' && s1.split.shuffle && s1.fold === undefined
            && f.root === k.root && (sample.length === 0 ? s2.side === 'test' : sample.every((st) => st.split !== s1.split && st.side === 'train' && st.split.kind === 'tts' && st.split.shuffle && st.fold === undefined))
            && f.path.slice(0, -1).every((st, i) => st.split === k.path[i].split && st.side === k.path[i].side);
          if (ok && sample.length) sampled = true;
          return ok;
        });
    });
    if (resplit) {
      const s1 = fit.rows[0].path[fit.rows[0].path.length - 1].split;
      const s2 = e.keys[0].path[e.keys[0].path.length - 1].split;
      push({
        ruleId: 'leakage/overlap', message: `The model was fitted on the training part of the random split at ${where(ctx, s1.site)} and is scored here on the held-out part of another random split of ${sampled ? 'a sample of ' : ''}the same rows (${where(ctx, s2.site)}); many of these test rows were in its training part. Score the test part of the split the model was trained on.`,
        location: toLocation(ctx, e.site), related: [...rel(ctx, fit.site, 'model fitted here'), ...rel(ctx, s1.site, 'first split'), ...rel(ctx, s2.site, 'second split')],
        evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), firstSplitLine: lineOf(ctx, s1.site), secondSplitLine: lineOf(ctx, s2.site) }, fixes: [],
      }, e.site);
      continue;
    }
    if (!e.keys.every((k) => covers(fit.rows, k) || !!st.fitLabelRows && covers(st.fitLabelRows, k))) continue;
    const subset = e.data?.subsetSite;
    const fitSubset = st.fitData?.subsetSite;
    // Two different row selections of one frame (df[mask], df[~mask]) may well be disjoint: only a
    // subset of the very rows the model was fitted on is certainly seen.
    if (subset && !fitSubset) {
      push({
        ruleId: 'leakage/overlap', message: 'The rows evaluated here are a subset of the rows the model was fitted on; build the evaluation set with a proper split before fitting.',
        location: toLocation(ctx, subset, true), related: [...rel(ctx, fit.site, 'model fitted on these rows here'), ...rel(ctx, e.site, 'evaluated here')],
        evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site) }, fixes: [],
      }, subset);
      continue;
    }
    // A validation set cut out of the training rows after the model was fitted on all of them.
    const valCut = e.keys.every((k) => k.path.length >= 2 && k.path[k.path.length - 1].side === 'val' && k.path[k.path.length - 1].split.kind === 'slice' && k.path[k.path.length - 2].side === 'train')
      ? e.keys[0].path[e.keys[0].path.length - 1].split : undefined;
    if (valCut) {
      push({
        ruleId: 'leakage/overlap', message: 'The rows evaluated here are a subset of the rows the model was fitted on; build the evaluation set with a proper split before fitting.',
        location: toLocation(ctx, valCut.site, true), related: [...rel(ctx, fit.site, 'model fitted on these rows here'), ...rel(ctx, e.site, 'evaluated here')],
        evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site) }, fixes: [],
      }, valCut.site);
      continue;
    }
    // An outlier detector fitted without labels and scored against them on the very rows it was
    // fitted on, while the file holds data out for its other models: that in-sample score stands
    // beside held-out ones as a result (q021). Transductive scoring is usual for outlier detection,
    // so it is a guess, said as one.
    if (st.unsupervised && OUTLIER_DETECTOR.test(est.cls) && ev.heldOutStep !== undefined && !e.inLoop && !subset && !fitSubset && !e.labelledTrain
      && e.keys.every((k) => !k.path.length && k.root.role === 'whole')
      && ev.evals.some((x) => x.model && x.model !== est && x.keys.some((k) => k.path.length > 0 && isTestSide(k) && !k.path.some((p) => p.fold !== undefined)))) {
      // One finding per fit: the report's other metrics of the same predictions say the same.
      if (detectorFits.has(fit)) continue;
      detectorFits.add(fit);
      const assumed = 'this score on the rows the detector was fitted on is taken to be reported as its performance, beside the held-out scores of the file\'s other models';
      push({
        ruleId: 'leakage/overlap', message: `\`${est.cls}\` is scored against the labels of the rows it was fitted on (${where(ctx, fit.site)}), while the file holds data out for other models; score it on the held-out rows too. Assumed: ${assumed}.`,
        location: toLocation(ctx, e.site), related: rel(ctx, fit.site, 'detector fitted here'), evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), assumed }, fixes: [],
      }, e.site, 'warning');
      continue;
    }
    const testSide = e.keys.some((k) => lastSide(k) === 'test');
    if (testSide) {
      // In a function nothing in the document calls (a draft helper left in a notebook), whether the
      // evaluation ever runs is a guess: said, and below error.
      const assumed = e.uncalled ? 'the function holding this evaluation is called (nothing in this file calls it)' : undefined;
      push({
        ruleId: 'leakage/overlap', message: `The model evaluated here was fitted on rows that include this test set (fitted at ${where(ctx, fit.site)}); fit it on the training split.${assumed ? ` Assumed: ${assumed}.` : ''}`,
        location: toLocation(ctx, e.site), related: rel(ctx, fit.site, 'model fitted on all rows here'), evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), ...(assumed ? { assumed } : {}) }, fixes: [],
      }, e.site, assumed ? 'warning' : undefined);
    } else if (!st.unsupervised && e.keys.length && e.keys.every((k) => k.path.length > 0 && lastSide(k) === 'val' && k.path[k.path.length - 1].fold === undefined
      && fit.rows.some((f) => keyCovers(f, k) && f.path.length < k.path.length)) && !scoredOnTestToo(e, est, fit)) {
      // Fitted on rows that hold the validation part (a final model refitted on train + validation,
      // or on the whole frame the validation part was cut from) and then scored on that part: the
      // score is in-sample (README: training on all rows and scoring the held-out part, a022). A
      // model fitted on the validation rows alone (a calibrator, a stacking meta-model) is another
      // class, and one also scored on a test set outside its fit reports that score (the validation
      // score is then a training score beside it). Column selections in the fit (df[cols]) do not
      // make the fitted rows another selection: the validation rows are a named part of the rows fitted.
      const assumed = 'this score on the validation rows is taken to be reported as a held-out result, not as a training score';
      push({
        ruleId: 'leakage/overlap', message: `The model evaluated here was fitted on rows that include these validation rows (fitted at ${where(ctx, fit.site)}), so this score is computed on rows it was trained on. Score rows it did not see (the test split, or the validation rows with the model fitted without them). Assumed: ${assumed}.`,
        location: toLocation(ctx, e.site), related: rel(ctx, fit.site, 'model fitted on rows including the validation rows here'), evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), assumed }, fixes: [],
      }, e.site, 'warning');
    } else if ((e.labelledTest || ev.heldOutStep !== undefined && (!DESCRIPTIVE_FIT.test(est.cls) || /Logistic/.test(est.cls) || LEARNED_REGRESSOR.test(est.cls))) && !st.unsupervised && !subset && !fitSubset && (ev.heldOutStep === undefined || e.step < ev.heldOutStep)
      && e.keys.every((k) => !k.path.length && (k.root.role === 'whole' || k.root.role === 'train' && !testFileScored))
      && (!widenedInSample(e, est.cls) || scoredInPlace(e, est.cls))) {
      // No split, no cross-validation, no held-out file yet (only made after this score, or none
      // anywhere and the score called a test score): the score is on the training rows. A
      // regression's in-sample fit (r2, error) is the usual descriptive goodness of fit and is not
      // reported unless the code calls it a test score; so is a classifier's in a file that never
      // holds data out (no split, no cross-validation anywhere): nothing else is there to be its
      // held-out result, and an unlabelled accuracy print is read as descriptive (README: no split,
      // descriptive fit only).
      // Round 13: rows of a training file (train.csv) when no test file is scored are the whole
      // labelled data too, and a learned regressor (a forest, boosting, a network) has no descriptive
      // goodness of fit: its in-sample score before the split is its reported score. Both are guesses
      // of how the score is read, so they stay at warning and say so.
      const widened = widenedInSample(e, est.cls);
      const assumed = widened ? `this unlabelled score is taken to be reported as the model's performance${e.keys.some((k) => k.root.role === 'train') ? ' (the training file is taken to be all the labelled data, as no test file is scored)' : ''}` : undefined;
      push({
        ruleId: 'leakage/overlap', message: `This score is computed on the same rows the model was fitted on (${where(ctx, fit.site)}) and no held-out data exists${ev.heldOutStep !== undefined ? ' yet (the data is split only later)' : ''}; it measures memorisation, not generalisation. Split off a test set or cross-validate.${assumed ? ` Assumed: ${assumed}.` : ''}`,
        location: toLocation(ctx, e.site), related: rel(ctx, fit.site, 'model fitted here'), evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), ...(assumed ? { assumed } : {}) }, fixes: [],
      }, e.site, widened || e.labelAssumed && DESCRIPTIVE_FIT.test(est.cls) && !/Logistic/.test(est.cls) ? 'warning' : undefined);
    } else if (fit.holdsOutTail && !e.labelledTest && !ev.hasTestSet && !e.inLoop && !st.unsupervised && !subset && !fitSubset && e.keys.every((k) => !k.path.length)) {
      // Keras fit(X, y, validation_split=...) trained on all but the last rows of X, and the model is
      // then scored on all of X: most of the scored rows were trained on, while the rows held out
      // exist. With no test set anywhere, this score is taken to be the reported result.
      const assumed = 'with no test set in the file, this score on the rows the model was fitted on is taken to be its reported result';
      push({
        ruleId: 'leakage/overlap', message: `This score is computed on all the rows the model was fitted on (${where(ctx, fit.site)}); only the last fraction held out by \`validation_split\` was unseen, so most of these rows were trained on. Score the held-out rows instead (split off a test set first). Assumed: ${assumed}.`,
        location: toLocation(ctx, e.site), related: rel(ctx, fit.site, 'model fitted here'), evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), assumed }, fixes: [],
      }, e.site, 'warning');
    } else if (e.labelledTest) {
      push({
        ruleId: 'leakage/overlap', message: `This score is ${e.labelAssumed ? 'taken to be reported as a held-out result' : 'labelled as a test score'} but is computed on the training data (${e.argNodes.map((a) => a.text.replace(/\s+/g, ' ')).join(', ')}); the model has seen these rows.`
          + (e.labelAssumed ? ` Assumed: ${e.labelAssumed}.` : ''),
        location: toLocation(ctx, e.site), related: rel(ctx, fit.site, 'model fitted here'), evidence: { metric: e.what, ...(e.labelAssumed ? { assumed: e.labelAssumed } : {}) }, fixes: trainAsTestFix(ctx, e, ev),
      }, e.site, e.labelAssumed ? 'warning' : 'error');
    } else if (!e.inLoop && !st.unsupervised && !subset && !fitSubset && ev.heldOutStep !== undefined && e.step > ev.heldOutStep && e.keys.length && e.keys.every((k) => !k.path.length)
      && ev.evals.some((x) => x.step < e.step && x.model && x.model !== est && x.keys.some((k) => (lastSide(k) === 'test' || lastSide(k) === 'val') && k.path[k.path.length - 1]?.fold === undefined && e.keys.some((r) => r.root === k.root)))
      && !scoredOnTestToo(e, est, fit)) {
      // A held-out part of these rows was scored before (a model fitted on the training part); the
      // model is then refitted on all the rows, held-out part included, and scored on those same
      // rows: its in-sample fit is reported as the refitted model's performance. Not when the
      // refitted model is also scored on a test set it was not fitted on (a test file, a test
      // part): that is its reported result, and this in-sample score is the training score beside it.
      // Folds of a cross-validation (a tuning objective's) are no held-out part: CV machinery claims no
      // held-out set, and the refit's in-sample score is then a descriptive fit (a069).
      const assumed = 'this unlabelled score of a model refitted on all the rows is taken to be reported as its performance, not as a training score';
      push({
        ruleId: 'leakage/overlap', message: `This model is fitted on all the rows (${where(ctx, fit.site)}), the held-out part scored earlier included, and this score is computed on those same rows; it is an in-sample fit, not a held-out result. Report the held-out score of the model fitted on the training part. Assumed: ${assumed}.`,
        location: toLocation(ctx, e.site), related: rel(ctx, fit.site, 'model fitted on all rows here'), evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), assumed }, fixes: [],
      }, e.site, 'warning');
    } else if (!e.inLoop && !st.unsupervised && !subset && !fitSubset && !e.unread && !e.uncalled && e.keys.every((k) => !k.path.length && covers(fit.rows, k))
      && fit.rows.every((f) => !f.path.length) && !scoredOnTestToo(e, est, fit)
      // A search's score counts once printed, even when the model is then refitted (best_estimator_.fit(X, y) is taken
      // as the search fitted again, which refines the first).
      && ev.splits.some((s) => s.cvModel && s.cvModel.cls === est.cls && s.id < fit.id && (s.kind === 'search' ? s.reportedAt !== undefined : !s.unread && !cvScoreUnread(ctx, s))
        && s.cvModel.rows.some((r) => !r.path.length && e.keys.some((k) => k.root === r.root)))) {
      // README call L (a045): after a cross-validation of this model class on these rows whose score is
      // reported (a printed cross_val_score, a search's best_score_), the model refitted on all of them (a
      // search's own refit of its best settings) and scored on the same rows is shown as its result: an
      // in-sample fit in place of the cross-validated one.
      const assumed = 'this unlabelled score of the model refitted on all the cross-validated rows is taken to be reported as its performance, not as a training score';
      push({
        ruleId: 'leakage/overlap', message: `This model is refitted on all the rows it was cross-validated on (${where(ctx, fit.site)}), and this score is computed on those same rows; it is an in-sample fit, not a held-out result. Report the cross-validated score. Assumed: ${assumed}.`,
        location: toLocation(ctx, e.site), related: rel(ctx, fit.site, 'model refitted on all rows here'), evidence: { metric: e.what, fitLine: lineOf(ctx, fit.site), assumed }, fixes: [],
      }, e.site, 'warning');
    } else if (!e.inLoop && !st.unsupervised && !subset && !fitSubset && (!DESCRIPTIVE_FIT.test(est.cls) || /Logistic/.test(est.cls)) && !crossValidates) {
      // The training part of a split scored while its held-out part is never scored (nor watched
      // in training): the training score is the only result the file reports.
      const split = e.keys.length && e.keys.every((k) => k.path.length > 0 && lastSide(k) === 'train' && k.path[k.path.length - 1].split.kind === 'tts' && k.path[k.path.length - 1].fold === undefined)
        ? e.keys[0].path[e.keys[0].path.length - 1].split : undefined;
      const heldOutUsed = (s: Split): boolean => [...ev.evals.map((x) => x.keys), ...ev.trainEvals.map((x) => x.keys)]
        .some((ks) => ks.some((k) => k.path.some((st2) => st2.split === s && st2.side !== 'train')));
      if (split && !heldOutUsed(split)) {
        const assumed = 'the held-out part of the split is never scored, so this score on the training part is taken to be the reported result';
        push({
          ruleId: 'leakage/overlap', message: `This score is computed on the training part of the split at ${where(ctx, split.site)}, which the model was fitted on, and the held-out part is never scored. Score the held-out part instead. Assumed: ${assumed}.`,
          location: toLocation(ctx, e.site), related: [...rel(ctx, fit.site, 'model fitted here'), ...rel(ctx, split.site, 'split made here')], evidence: { metric: e.what, assumed }, fixes: trainAsTestFix(ctx, e, ev),
        }, e.site, 'warning');
      }
    }
  }

  // leakage/multi-test
  // A test set only counts as the separate, final held-out set when it has labels (scored, or its
  // labels bound as y_test / test_labels): a competition test file that is only predicted for a
  // submission has no labels here, and the
  // validation split is then the held-out set that models are chosen on and reported on.
  // The held-out fold of a cross-validation loop (`for tr, va in kf.split(X)`) is not a test set.
  const testScoredOutsideFolds = ev.evals.some((e) => e.keys.some((k) => lastSide(k) === 'test' && !k.path.some((st) => st.fold !== undefined)));
  const scoredTestSet = ev.hasTestSet && (testScoredOutsideFolds || ev.testLabels);
  const versionsByTest = new Map<string, { version: string; site: Site; assumed?: string; branches?: string[]; task?: EvalEvent['task']; cutBound?: string }[]>();
  // Models of different targets (each fitted on one label column and scored on that column of the
  // held-out rows) are not compared: each is the one model of its task.
  const ownTask = (t?: EvalEvent['task']): string | undefined => (t && t.truth === t.fitLabel ? t.truth : undefined);
  // A model fitted on and scored against one label (y_tr_2 / y_te_2) and a score against another
  // label (y_te) are of different tasks too: the two scores are not of the same labels.
  // Label arrays are told apart by their variable names only (a column of a frame may be the same
  // label renamed for another library).
  const namedLabel = (t?: EvalEvent['task']): string | undefined => (t && !t.fitLabel && !t.truth.startsWith('col:') ? t.truth : undefined);
  const otherTask = (a?: EvalEvent['task'], b?: EvalEvent['task']): boolean => !!ownTask(a) && !!ownTask(b) && ownTask(a) !== ownTask(b)
    || !!ownTask(a) && !ownTask(a)!.startsWith('col:') && !!namedLabel(b) && namedLabel(b) !== ownTask(a)
    || !!ownTask(b) && !ownTask(b)!.startsWith('col:') && !!namedLabel(a) && namedLabel(a) !== ownTask(b)
    // Labels that are the column a loop's name picks, in two passes: two targets' series.
    || !!a?.perPass && !!b?.perPass && a.perPass !== b.perPass;
  // Two evaluations in different branches of one if/elif chain never both run.
  const exclusive = (a?: string[], b?: string[]): boolean => !!a && !!b && a.some((x) => b.some((y) => x !== y && x.slice(0, x.lastIndexOf('#')) === y.slice(0, y.lastIndexOf('#'))));
  // Each held-out set scored by a model: the versions scored on it, the steps of its first and
  // last evaluations, one of its keys, and whether every evaluation of it scores a fitted model on
  // all of its rows (cross-validation folds are not a held-out set).
  const heldScored = new Map<string, { versions: Set<string>; first: number; last: number; key: RowKey; whole: boolean; model?: EvalEvent['fitState']; loaded?: boolean }>();
  for (const e of ev.evals) {
    if (!e.version) continue;
    const whole = !e.data?.subsetSite && !e.version.startsWith('unfitted');
    for (const k of e.keys) {
      if (!isTestSide(k) || k.path.some((st) => st.fold !== undefined)) continue;
      const id = heldOutId(ctx, k);
      const h = heldScored.get(id);
      if (h) { h.versions.add(e.version); h.last = Math.max(h.last, e.step); h.first = Math.min(h.first, e.step); h.whole &&= whole; }
      else heldScored.set(id, { versions: new Set([e.version]), first: e.step, last: e.step, key: k, whole, model: e.fitState, loaded: e.model?.loaded });
    }
  }
  // Other rows than `a`'s: another file, or another held-out side of the same split of one file.
  const otherRows = (a: RowKey, b: RowKey): boolean => a.root.file !== b.root.file
    || a.root === b.root && a.path.length > 0 && b.path.length > 0 && a.path[a.path.length - 1].split === b.path[b.path.length - 1].split && lastSide(a) !== lastSide(b);
  // Models compared on one held-out set and then a single model scored on a held-out set of a file
  // that nothing had scored before (the tuned model on a file cut off at the start, the chosen
  // order on the last months): the comparison was selection on a development hold-out and the
  // later set is the final test set (a008/a052), whatever the two are named.
  const finalLater = (tk: string): boolean => {
    const a = heldScored.get(tk);
    if (!a) return false;
    // The later model is a saved one loaded back, or one fitted on rows of the same source as the
    // compared set (a model of another data set in the same notebook is another task).
    const sameSource = (b: { model?: EvalEvent['fitState']; loaded?: boolean }): boolean => !!b.loaded
      || !!b.model?.fit?.rows.length && b.model.fit.rows.every((k) => k.root === a.key.root || k.root.file !== undefined && k.root.file === a.key.root.file);
    for (const [id, b] of heldScored) if (id !== tk && b.whole && b.versions.size === 1 && b.first > a.last && b.key.root.file !== undefined && otherRows(a.key, b.key) && sameSource(b)) return true;
    return false;
  };
  // No model is fitted in the file (transformers may be), and some model loaded from disk is scored.
  const scoringOnly = !ev.modelFits.some((m) => !m.est.loaded && (m.est.cat === 'model' || m.est.cat === 'search' || m.est.steps.some((st) => st.cat === 'model' || st.cat === 'search')))
    && ev.evals.some((e) => !!e.model?.loaded);
  const scoresOwnSplit = ev.evals.some((e) => e.keys.some((k) => k.path.length > 0 && isTestSide(k)));
  // A script whose `if __name__ == "__main__":` block is its entry point does not run the functions
  // nobody in it calls: a model comparison only such a function makes is not made here.
  const mainGuarded = ctx.chunks.some((c) => c.file === undefined && /^if\s+__name__\s*==\s*(['"])__main__\1\s*:/m.test(c.text));
  // Beside another model's score that is shown, a model whose only scores are bound to names nothing
  // reads was not reported (zo002's rule); one scored and read elsewhere (its AUC shown, its accuracy
  // dropped) still was. When no score is read, the names are all the file has: they stay.
  const anyRead = ev.evals.some((o) => !o.unread && !!o.version);
  const readElsewhere = (e: EvalEvent): boolean => !anyRead || ev.evals.some((o) => o !== e && !o.unread && o.version === e.version);
  for (const e of ev.evals) {
    if (!e.version || (e.inLoop && e.dataVarying) || e.unreferenced && mainGuarded || e.unread && !readElsewhere(e)) continue;
    // With no test set anywhere, the validation split is the held-out set the models are compared on.
    // The test parts of one unseeded split re-made in each pass of a best-keeping loop are compared as one held-out set (by the split's statement).
    // A named part of the held-out set (one store's rows) scored for another model is not the
    // set the first model was scored on: the two scores are of different rows, not a comparison.
    const part = e.heldSubset ? `|part:${e.heldSubset}` : '';
    const heldKey = (k: RowKey): string => (e.resplitBest && k.path.length ? `resplit:${k.path[k.path.length - 1].split.site.chunk}:${k.path[k.path.length - 1].split.site.from}|${lastSide(k)}` : heldOutId(ctx, k)) + part;
    // Held-out folds of a cross-validation or rolling-origin loop, scored after the loop (their
    // predictions concatenated), are CV machinery, not a held-out set models are chosen on.
    // A file that fits no model and scores models it loaded (each trained elsewhere) on the same
    // labelled rows, with no split and no test set of its own: those rows are held out from the
    // models' training, and scoring several models on them compares them there (said, at warning).
    const loadedOnRows = scoringOnly && !!e.model?.loaded && !ev.hasTestSet;
    // Rows taken as a validation part only by the parameter name of a function nobody here calls
    // (a helper module's `X_validate`), in a file that scores no held-out part of its own: whether
    // the caller keeps a separate test set is not known here, so they are not the only held-out set.
    const valByParam = (k: RowKey): boolean => !!e.uncalled && !k.path.length && !k.root.file && k.root.role === 'val' && !scoresOwnSplit;
    const tks = [...new Set(e.keys.filter((k) => (lastSide(k) === 'test' || !scoredTestSet && lastSide(k) === 'val' && !valByParam(k) || loadedOnRows && !k.path.length && k.root.role === 'whole') && !k.path.some((st) => st.fold !== undefined)).map(heldKey))];
    for (const tk of tks) {
      const list = versionsByTest.get(tk) ?? [];
      // Held-out tails cut at different bounds (the last 365 rows, then the last 20%) are different rows.
      // Bounds that share a name (train_size, train_size - window on windowed arrays) may be the same period.
      const otherCut = (x: { cutBound?: string }): boolean => {
        if (!x.cutBound || !e.cutBound || x.cutBound === e.cutBound) return false;
        const [ba, pa = ''] = x.cutBound.split('@'), [bb, pb = ''] = e.cutBound.split('@');
        if (pa !== pb) return true;
        const na = new Set(ba.match(/[A-Za-z_]\w*/g) ?? []);
        return !(bb.match(/[A-Za-z_]\w*/g) ?? []).some((w) => na.has(w));
      };
      const other = list.find((x) => x.version !== e.version && !exclusive(x.branches, e.branches) && !otherTask(x.task, e.task) && !otherCut(x));
      if (other && !finalLater(tk)) {
        const place = e.site;
        // The same statement of a helper, reached from two different calls (evaluate(m1, test_loader),
        // then evaluate(m2, test_loader)): each call scores another model, not each loop iteration.
        const callOf = (s: Site): Site | undefined => s.callers?.[0];
        const firstCall = callOf(other.site), thisCall = callOf(e.site);
        const viaCalls = siteKey(other.site) === siteKey(e.site) && !!firstCall && !!thisCall && siteKey(firstCall) !== siteKey(thisCall);
        const sameLine = siteKey(other.site) === siteKey(e.site) && !viaCalls;
        // Which held-out set this is, and whether only a name says it is held out (a file or a
        // variable named test / val, with no split in the code): said in the message.
        const key = e.keys.find((k) => heldKey(k) === tk);
        const isVal = !!key && lastSide(key) === 'val';
        const held = isVal ? 'validation split' : 'test set';
        const only = isVal ? ' (the only held-out set here, so it also gives the reported score)' : '';
        const instead = isVal ? 'Compare with cross-validation on the training part, or keep a separate test set for the reported score.' : 'Compare on a validation split or with cross-validation.';
        const byName = key && !key.path.length && key.root.role === 'whole'
          ? `nothing is fitted in this file, so the rows of \`${rootName(key)}\` that the loaded models are scored on are taken to be held out from their training`
          : key ? heldByName(key, isVal) : undefined;
        const assumed = e.assumed ?? other.assumed ?? (tk.startsWith('file:') && !e.keys.some((k) => other && testSetKeyOf(ev, other.site) === testSetKey(k))
          ? (tk.includes('|pass:') ? 'the passes of the loop that give the split the same seed and sizes are taken to cut the same test rows' : tk.includes('||') ? 'the same file, read again, is taken to give the same test rows' : 'the same file, read again and cut by the same statement, is taken to give the same test rows') : undefined) ?? byName;
        push({
          ruleId: 'leakage/multi-test',
          message: (sameLine && e.resplitBest
            ? 'Each pass fits the model on another random split and scores it on that split\'s test part, and the pass that scores best is kept; the kept score is the best of many draws and is optimistic. Fix the split once (random_state) and compare settings with cross-validation on the training part.'
            : sameLine
            ? `Each iteration scores a different model or setting on the same ${held}${only}; choosing among them on it makes its score optimistic. ${instead}`
            : viaCalls ? `The ${held}${only} is scored here again for a different model or setting, by the call at ${where(ctx, thisCall!)} (first by the call at ${where(ctx, firstCall!)}); choosing among models on it makes its score optimistic. ${instead}`
            : `The ${held}${only} is scored again for a different model or setting (first scored at ${where(ctx, other.site)}); choosing among models on it makes its score optimistic. ${instead}`)
            + (assumed ? ` Assumed: ${assumed}.` : ''),
          location: toLocation(ctx, place), related: rel(ctx, other.site, 'first evaluation on this test set'),
          evidence: { metric: e.what, modelsScoredOnTestSet: new Set([...list.map((x) => x.version), e.version]).size, firstEvaluationLine: lineOf(ctx, other.site), ...(assumed ? { assumed } : {}) }, fixes: [],
        }, place, assumed ? 'warning' : 'error');
      }
      if (!list.some((x) => x.version === e.version && ownTask(x.task) === ownTask(e.task) && x.cutBound === e.cutBound)) list.push({ version: e.version, site: e.site, ...(e.assumed ? { assumed: e.assumed } : {}), ...(e.branches ? { branches: e.branches } : {}), ...(e.task ? { task: e.task } : {}), ...(e.cutBound ? { cutBound: e.cutBound } : {}) });
      versionsByTest.set(tk, list);
    }
  }

  // leakage/multi-test: held-out rows handed to training as validation data. The test set
  // counts always (it is watched while training and then reported); with no test set, the
  // validation split counts when it also selects (early stopping, best checkpoint, a search)
  // and is then scored as the result.
  for (const t of ev.trainEvals) {
    const test = t.keys.filter((k) => lastSide(k) === 'test');
    const valScored = !scoredTestSet && t.selects && t.keys.some((k) => lastSide(k) === 'val'
      && (t.reportsBest || ev.evals.some((e) => e.keys.some((x) => testSetKey(x) === testSetKey(k)))));
    // Early stopping on the only held-out split when nothing at all is scored on held-out rows: the
    // validation score the training logs is the only result the file reports (said, at warning).
    const onlyLog = !test.length && !valScored && !scoredTestSet && t.selects && !t.assumed && t.keys.some((k) => lastSide(k) === 'val')
      && !ev.evals.some((e) => e.keys.some(isTestSide));
    if (!test.length && !valScored && !onlyLog) continue;
    const assumed = t.assumed ?? (onlyLog ? 'the validation score logged while training is taken to be the reported result, since nothing else is scored on held-out rows' : undefined);
    const held = test.length ? 'test set' : 'validation split (the only held-out set, also reported as the result)';
    push({
      ruleId: 'leakage/multi-test',
      message: `The ${held} is ${/ (every epoch|during the training steps)$/.test(t.via) ? `scored during training (\`${t.via}\`)` : `passed to training as \`${t.via}\``}${t.selects ? ' and chooses the epoch, iteration or setting (early stopping, best checkpoint or search)' : ', so the training run is watched on it'}; its score is then optimistic. Carve a validation split out of the training rows for this and score the test set once.`
        + (assumed ? ` Assumed: ${assumed}.` : ''),
      location: toLocation(ctx, t.site), related: rel(ctx, firstEval(t.keys), 'scored here as the result'), evidence: { via: t.via, selects: t.selects, ...(assumed ? { assumed } : {}) }, fixes: [],
    }, t.site, assumed ? 'warning' : 'error');
  }

  // leakage/multi-test: one call that trains or holds many models and ranks them by their score on
  // the held-out rows it is given (an AutoML leaderboard, LazyClassifier): the comparison is the
  // selection (README: LazyClassifier on X_test, a085). The validation split counts only when no
  // labelled test set exists (it is then the reported result).
  for (const b of ev.leaderboards) {
    if (b.logged) {
      const assumed = `\`${b.logged}\` is taken to be a score on the test set by its name`;
      push({
        ruleId: 'leakage/multi-test',
        message: `The MLflow runs are ranked by \`${b.logged}\`, a test score, and the best one is taken; choosing the model by its test score makes that score optimistic. Rank the runs by a validation or cross-validation metric and score the chosen model on the test set once. Assumed: ${assumed}.`,
        location: toLocation(ctx, b.site), related: [], evidence: { call: b.what, metric: b.logged, assumed }, fixes: [],
      }, b.site, 'warning');
      continue;
    }
    const key = b.keys.find((k) => !k.path.some((st) => st.fold !== undefined) && (lastSide(k) === 'test' || !scoredTestSet && lastSide(k) === 'val'));
    if (!key) continue;
    const isVal = lastSide(key) === 'val';
    const byName = heldByName(key, isVal);
    push({
      ruleId: 'leakage/multi-test',
      message: `\`${b.what}\` scores many models on the ${isVal ? 'validation split (the only held-out set here, so it also gives the reported score)' : 'test set'} and ranks them; choosing among them on it makes its score optimistic. Rank the models on a validation split or with cross-validation and score the chosen one on the test set once.`
        + (byName ? ` Assumed: ${byName}.` : ''),
      location: toLocation(ctx, b.site), related: [], evidence: { call: b.what, ...(byName ? { assumed: byName } : {}) }, fixes: [],
    }, b.site, 'warning');
  }

  // leakage/multi-test: a decision threshold picked by argmax/argmin off a curve of the test rows
  // (`best = thr[np.argmax(tpr - fpr)]`): a setting chosen by test score.
  // The pick used again in a score of the same rows (`f1_score(y_test, p > best)`) is reported there.
  const scoredAtPick = ev.evals.some((e) => e.version?.includes('|threshold chosen on these rows'));
  for (const c of scoredAtPick ? [] : ev.curvePicks) {
    const byName = heldByName(c.key, false);
    push({
      ruleId: 'leakage/multi-test',
      message: `This decision threshold is picked by its score on a curve of the test set (\`${c.name}\`); the test score at that threshold is then optimistic. Pick the threshold on a validation split or out-of-fold predictions and score the test set once.`
        + (byName ? ` Assumed: ${byName}.` : ''),
      location: toLocation(ctx, c.site), related: rel(ctx, firstEval([c.key]), 'test set scored here'), evidence: { curve: c.name, ...(byName ? { assumed: byName } : {}) }, fixes: [],
    }, c.site, 'warning');
  }

  // leakage/multi-test: a search fitted on rows that include a test part chose the setting
  // (`best_params_`) of a model later scored on that test part: the setting was chosen by a score
  // that includes the test rows' labels.
  for (const p of ev.searchPicks) {
    // The scored model was configured with the chosen setting (Model(**best_params), set_params(**search.best_params_)).
    const names = [p.name, ...p.boundTo].filter((x) => /^[\w.]+$/.test(x));
    const configured = (m?: EvalEvent['model']): boolean => !!m && names.some((nm) => new RegExp(`\\*\\*\\s*${nm.replace(/\./g, '\\.')}\\b`).test(m.params));
    const e = ev.evals.find((x) => x.step > p.step && x.version && configured(x.model) && x.keys.some((k) => lastSide(k) === 'test' && k.path.length > 0 && !p.rows.some((r) => r.root === k.root && r.path.length >= k.path.length) && covers(p.rows, k)));
    if (!e) continue;
    push({
      ruleId: 'leakage/multi-test',
      message: `The search that chose this setting (\`${p.name}\`) was fitted on rows that include the test rows scored at ${where(ctx, e.site)}, so the setting was chosen by a score that includes their labels; their score is then optimistic. Fit the search on the training part only.`,
      location: toLocation(ctx, p.site), related: rel(ctx, e.site, 'test set scored here'), evidence: { search: p.name }, fixes: [],
    }, p.site, 'warning');
  }

  // leakage/target
  const LEAD = / \(lead (\d+)\)$/;
  // "Still contains the label column" rests on following every column removal on the way to the
  // matrix by name; on fresh public notebooks (rounds 9-12) it was wrong more often than right at
  // error, so it says that assumption and stays a warning.
  const FOLLOWED = 'every column removal on the way to this matrix was followed (the label is matched by its name)';
  // A target encoding (a per-group statistic of the label) is computed again from the training
  // labels at prediction time; holding each row's own label, it inflates a score of those rows. A
  // file that scores no held-out rows (a submission notebook) shows none: a warning that says the
  // model is taken to be evaluated elsewhere.
  const UNSCORED = 'the model is evaluated elsewhere on rows this encoding saw (this file scores no held-out rows)';
  // A feature built from the label and fitted on in code that runs reaches a score only through code that
  // runs: a submission script (fit on every labelled row, predict the unlabelled test file, write its output)
  // whose only scoring sits in a CV helper it never calls evaluates nothing here (README: no local
  // evaluation, all false; a001, a063). Found inside a function nothing calls, that function's own scoring
  // counts. A document that writes nothing and stops at its fit is still being written: it is reported. A
  // target encoding there keeps its warning that the model is taken to be evaluated elsewhere (zu013).
  const scoring = (evals: number, trainEvals: number, splits: number): boolean => evals > 0 || trainEvals > 0
    || ev.splits.slice(0, splits).some((s) => s.kind === 'cv' || s.kind === 'search' || s.kind === 'folds');
  const calledScoring = ev.calledCounts ? scoring(ev.calledCounts.evals, ev.calledCounts.trainEvals, ev.calledCounts.splits) : true;
  const anyScoring = scoring(ev.evals.length, ev.trainEvals.length, ev.splits.length);
  const calledHeldOut = ev.calledCounts ? ev.evals.slice(0, ev.calledCounts.evals).some((e) => e.keys.some(isTestSide)) : evaluatesHeldOut;
  for (const t0 of ev.target) {
    if (writesOutput && !t0.groupStat && !(t0.uncalled ? anyScoring : calledScoring)) continue;
    const t = (t0.uncalled ? evaluatesHeldOut : calledHeldOut) || t0.assumed || !t0.groupStat ? t0 : { ...t0, assumed: UNSCORED };
    // A label built from a lead is named by what it reads: "the label (the next value of 'Close')".
    const lead = LEAD.exec(t.label);
    const label = lead ? `(${lead[1] === '1' ? 'the next value' : `the value ${lead[1]} rows ahead`} of '${t.label.slice(0, lead.index)}')` : `'${t.label}'`;
    const plainLabel = t.kind === 'label-in-features' && !t.source;
    push({
      ruleId: 'leakage/target',
      message: t.classFit
        ? `\`${t.classFit}\` is fitted on the rows of one value of the label ${label} only, and fitted again on the rows of each other value; stacked back, each row's features are computed by the statistic of its own class, so they depend on its label. Fit it once, on the training rows of every class.${t.assumed ? ` Assumed: ${t.assumed}.` : ''}`
        : t.kind === 'label-in-features'
        ? (t.source && LEAD.test(t.source) && !lead ? `The feature matrix still contains the label's next value ('${t.label}' ${LEAD.exec(t.source)![1] === '1' ? 'one row' : `${LEAD.exec(t.source)![1]} rows`} ahead), unknown when predicting; drop it from the features.`
          : t.source ? `The feature matrix still contains '${t.source}', from which the label ${label} is computed; drop it from the features.${t.assumed ? ` Assumed: ${t.assumed}.` : ''}`
          : `The feature matrix still contains the label column '${t.label}'; drop it from the features. Assumed: ${t.assumed ?? FOLLOWED}.`)
        : `This feature is computed from the label ${label} and is still among the features the model is fitted on.${t.assumed ? ` Assumed: ${t.assumed}.` : ''}`,
      location: toLocation(ctx, t.site), related: rel(ctx, t.fitSite, 'model fitted here'), evidence: { label: t.label, kind: t.kind, ...(t.assumed || plainLabel ? { assumed: t.assumed ?? FOLLOWED } : {}) }, fixes: [],
    }, t.site, t.assumed || plainLabel ? 'warning' : undefined);
  }

  // leakage/temporal
  for (const t of ev.temporal) {
    // A random split that is only shown and then replaced (models are fitted on another split's
    // rows, none on its own) breaks nothing.
    if ((t.split.kind === 'tts' || t.split.kind === 'slice') && !fittedOn(t.split) && ev.splits.some((s) => s !== t.split && fittedOn(s))) continue;
    // Nor does one whose held-out parts are never read again while the file fits its model on all the rows
    // (the validation score left commented out): nothing is held out.
    if (!foldsUsed(t.split) && ev.modelFits.length > 0 && heldOutUnread(ctx, t.split)) continue;
    if (t.reversed) {
      push({
        ruleId: 'leakage/temporal', message: `Split in row order after ${t.reason}: the held-out rows are the oldest, so a model trained on later rows is scored on earlier ones; sort oldest first before the cut. Assumed: the task forecasts later values.`,
        location: toLocation(ctx, t.site), related: [], evidence: { reason: t.reason, assumed: 'the task forecasts later values' }, fixes: [],
      }, t.site, 'warning');
      continue;
    }
    if (t.folds) {
      push({
        ruleId: 'leakage/temporal', message: `K-fold cross-validation on time-ordered data (${t.reason}): each block of rows is scored by a model fitted on later rows too; use TimeSeriesSplit so every fold is scored by a model of earlier rows only. Assumed: the task forecasts later values of the series.`,
        location: toLocation(ctx, t.site), related: [], evidence: { reason: t.reason, assumed: 'the task forecasts later values of the series' }, fixes: [],
      }, t.site, 'warning');
      continue;
    }
    // Time-ordered rows make a random split leak only when the task forecasts: that is read from the
    // data's shape (lags, windows, resampling), never shown by the code, so it is said.
    const assumed = t.assumed ?? 'the task forecasts later values of the series, not each time-stamped row on its own';
    push({
      ruleId: 'leakage/temporal', message: `Shuffled split of time-ordered data (${t.reason}); split by time (shuffle=False or TimeSeriesSplit) so the test rows come after the training rows. Assumed: ${assumed}.`,
      location: toLocation(ctx, t.site), related: [], evidence: { reason: t.reason, assumed }, fixes: [],
    }, t.site, 'warning');
  }

  // mismatch/column-order: a model fitted here on named columns of a frame predicts a selection of other
  // named columns (or the same ones in another order) of that frame, and the predictions are scored against
  // the label it was fitted with: the same task, fed inputs it was not trained on. Scored against another
  // label, it is the model reused for another task (not serving).
  for (const e of ev.evals) {
    const st = e.fitState ?? e.model;
    const a = e.data?.pred?.inputFeat, b = st?.fitData?.feat;
    if (!e.model || e.model.loaded || !a || !b || !e.task?.fitLabel || e.task.truth !== e.task.fitLabel) continue;
    if (!namedColumns(a) || !namedColumns(b) || !sameLineage(a.frame, b.frame) || a.cols.join('\0') === b.cols.join('\0')) continue;
    push({
      ruleId: 'mismatch/column-order', message: `The model was fitted on the columns [${b.cols.join(', ')}] of this frame, but these predictions are made from [${a.cols.join(', ')}] and scored against the same label: the model reads other inputs than it was trained on. Select the training columns, in the training order.`,
      location: toLocation(ctx, a.site), related: rel(ctx, e.site, 'scored here'), evidence: { model: e.model.cls, trained: b.cols.join(','), predicted: a.cols.join(',') }, fixes: [],
    }, a.site, 'warning');
  }

  // mismatch/refit-at-inference
  for (const r of ev.refits) {
    if (r.heldOut) {
      const assumed = 'the held-out rows can hold categories the training rows lack, or lack some they hold';
      push({
        ruleId: 'mismatch/column-order', message: `\`${r.what}\` is run ${r.reason}, so their columns follow their own categories and can differ from the training columns in number and order. Encode both parts with one fitted encoder, or reindex the held-out frame to the training columns. Assumed: ${assumed}.`,
        location: toLocation(ctx, r.site), related: [], evidence: { call: r.what, reason: r.reason, assumed }, fixes: [],
      }, r.site, 'warning');
      continue;
    }
    if (r.statistic) {
      push({
        ruleId: 'mismatch/refit-at-inference', message: `The statistic \`${r.what}\` is computed ${r.reason} from the batch being scored, so these rows are transformed with their own statistic instead of the one learned at training; compute it on the training rows and store it with the model.${r.assumed ? ` Assumed: ${r.assumed}.` : ''}`,
        location: toLocation(ctx, r.site), related: rel(ctx, r.loadSite, 'fitted artifact loaded here'), evidence: { call: r.what, reason: r.reason, statistic: true, ...(r.assumed ? { assumed: r.assumed } : {}) }, fixes: [],
      }, r.site, 'warning');
      continue;
    }
    // A category encoder refitted only to turn the model's predicted classes back into names
    // (`enc.fit_transform(ref[['label']])`, then nothing but `enc.inverse_transform(pred)`): it transforms no
    // model input (a scaler's inverse_transform of predictions does carry its refitted statistics).
    if (/(?:Encoder|LabelBinarizer)$/.test(r.fitTransform?.cls ?? '') && onlyDecodes(ctx, r.site, r.what)) continue;
    // A label binarizer fitted on the true labels only to hand them to a metric (`roc_curve(lb.transform(y_true), ...)`
    // in a scoring helper): it binarises labels for the score and transforms no model input.
    if (/\.fit$/.test(r.what) && onlyFeedsMetrics(ctx, r.site, r.what)) continue;
    push({
      ruleId: 'mismatch/refit-at-inference', message: `\`${r.what}\` fits again ${r.reason}; reuse the transformer fitted at training (load it and call transform).${r.assumed ? ` Assumed: ${r.assumed}.` : ''}`,
      location: toLocation(ctx, r.site), related: rel(ctx, r.loadSite, 'fitted artifact loaded here'), evidence: { call: r.what, reason: r.reason, ...(r.assumed ? { assumed: r.assumed } : {}) }, fixes: refitFix(ctx, r),
    }, r.site, r.assumed || r.otherFit ? 'warning' : 'error');
  }

  for (const d of ev.droppedMore) {
    push({
      ruleId: 'mismatch/column-order', message: `The model was fitted with only [${d.dropped.join(', ')}] dropped from its frame, but this frame of another file, which holds that label column too, also drops [${d.extra.join(', ')}]: the model is given other columns than it was trained on. Drop the same columns as at training.`,
      location: toLocation(ctx, d.site), related: rel(ctx, d.predictSite, 'predicted here'), evidence: { model: d.model, trained: d.dropped.join(','), extra: d.extra.join(',') }, fixes: [],
    }, d.site, 'warning');
  }

  // mismatch/column-order
  for (const p of ev.positional) {
    push({
      ruleId: 'mismatch/column-order', message: 'This frame is converted to a positional array and passed to a loaded model without aligning its columns to the training order; select the training columns by name first (df[feature_names]).',
      location: toLocation(ctx, p.site), related: rel(ctx, p.predictSite, 'passed to the model here'), evidence: { model: p.model }, fixes: [],
    }, p.site);
  }
  return out;
}

/** Uses of a refit's receiver (`enc` of `enc.fit_transform`) after its statement: each match's group 1 is the attribute read, if any. */
function laterUses(ctx: DetectContext, site: Site, what: string): { after: string; uses: RegExpMatchArray[] } | undefined {
  const recv = /^([A-Za-z_]\w*)\.(?:fit|fit_transform)$/.exec(what)?.[1];
  if (!recv) return undefined;
  const after = [ctx.chunks[site.chunk].text.slice(site.stmtTo), ...ctx.chunks.slice(site.chunk + 1).map((c) => c.text)].join('\n');
  return { after, uses: [...after.matchAll(new RegExp(`(?<![\\w.])${recv}\\b(\\s*\\.\\s*\\w+)?`, 'g'))] };
}

const DECODE = /^\s*\.\s*(?:inverse_transform|classes_|categories_)$/;

/** The receiver of a refit (`enc.fit_transform`) is used after it only through `inverse_transform` / its `classes_` / `categories_`. */
function onlyDecodes(ctx: DetectContext, site: Site, what: string): boolean {
  const later = laterUses(ctx, site, what);
  return !!later && later.uses.length > 0 && later.uses.every((m) => DECODE.test(m[1] ?? ''));
}

/** Every later use of the fitted encoder (`lb` of `lb.fit`) is a `transform` handed straight to a metric, or a decode. */
function onlyFeedsMetrics(ctx: DetectContext, site: Site, what: string): boolean {
  const later = laterUses(ctx, site, what);
  if (!later || !later.uses.some((m) => /^\s*\.\s*transform$/.test(m[1] ?? ''))) return false;
  return later.uses.every((m) => DECODE.test(m[1] ?? '')
    || /^\s*\.\s*transform$/.test(m[1] ?? '') && METRIC_CALL_OPEN.test(later.after.slice(Math.max(0, m.index! - 80), m.index)));
}
const METRIC_CALL_OPEN = /\b(?:roc_curve|precision_recall_curve|det_curve|auc|log_loss|brier_score_loss|\w+_score)\s*\(\s*$/;

/** Rows put in a new random order before the cut (`data = shuffle(data)`, `df.sample(frac=1)`, no seed): each re-read is cut differently. */
const UNSEEDED_SHUFFLE = /(?:^|[^\w.])shuffle\(\s*[A-Za-z_][\w.]*\s*\)|\.sample\(\s*frac\s*=\s*1(?:\.0)?\s*\)/m;

/**
 * Which held-out rows a key stands for. Usually its split side (or test file); a file read again
 * and cut again by the same statement (a notebook whose cells each re-read the data and re-split
 * it the same way, by position or with a fixed seed) gives the same rows each time.
 */
function heldOutId(ctx: DetectContext, k: RowKey): string {
  const s = k.path.length === 1 ? k.path[0] : undefined;
  if (s && k.root.file && !s.split.perPass && (s.split.kind === 'slice' || s.split.kind === 'tts' && !s.split.shuffle || s.split.seeded)
    && !UNSEEDED_SHUFFLE.test(ctx.chunks[s.split.site.chunk].text.slice(0, s.split.site.stmtFrom))) {
    const st = s.split.site;
    const text = ctx.chunks[st.chunk].text.slice(st.stmtFrom, st.stmtTo).replace(/\s+/g, '');
    return `file:${k.root.file}|${text}|${s.side}|${s.fold ?? ''}${s.split.inputSubset ? `|of:${s.split.inputSubset}` : ''}${s.split.draw ?? ''}${s.split.passKey ? `|pass:${s.split.passKey}` : ''}`;
  }
  // A whole file read again (test = pd.read_csv("test.csv") in two places): the same rows.
  if (!k.path.length && k.root.file) return `file:${k.root.file}||${lastSide(k)}|`;
  return testSetKey(k);
}

/** The split-side key of the first evaluation recorded at `site`. */
function testSetKeyOf(ev: Events, site: Site): string | undefined {
  const e = ev.evals.find((x) => x.site.chunk === site.chunk && x.site.from === site.from);
  const k = e?.keys.find((x) => lastSide(x) !== 'train');
  return k ? testSetKey(k) : undefined;
}

/**
 * The rows the statistic leaked into are a validation part: its key says so, or the split it
 * leaked through only ever produced training and validation parts (x_train = a[:n]; x_val = a[n:m]).
 */
/**
 * A statistic of rows taken as test rows only by their file's name (tested.csv) that the document
 * then splits and trains a model on: they are its whole data, and the statistic was fitted before
 * that split (recorded first as a fit on test rows, it hid the split's own check).
 */
function wholeDataLeak(l: PrepLeak, ev: Events): PrepLeak | undefined {
  if (l.reason !== 'fit-on-test' || l.key.path.length || l.key.root.role !== 'test') return undefined;
  const root = l.key.root;
  const fits = ev.modelFits.filter((m) => m.fit.rows.length > 0 && m.fit.rows.every((k) => k.root === root && k.path.length === 1 && k.path[0].side === 'train'));
  // Several splits of those rows (an autoencoder's own train/val cut, then the model's split): the
  // one whose held-out part is scored is where the statistic leaks into a result.
  const scored = (m: (typeof fits)[number]): boolean => ev.evals.some((e) => e.keys.some((k) => k.root === root && k.path.length === 1 && k.path[0].split === m.fit.rows[0].path[0].split && isTestSide(k)));
  const fit = fits.find(scored) ?? fits[0];
  if (!fit) return undefined;
  const split = fit.fit.rows[0].path[0].split;
  return { ...l, reason: 'split', split, key: { root, path: [{ split, side: 'test' }] } };
}

/** Statistics that choose columns (by correlation with the label) rather than shape values. */
const SELECTING_STATS = new Set(['corr', 'corrwith', 'cov', ...SCORE_FUNCTIONS]);

function heldOutIsVal(l: PrepLeak): boolean {
  const sides = l.split?.sides;
  return lastSide(l.key) !== 'test' && !!sides && sides.has('val') && !sides.has('test');
}

/** Regressors learned by trees, boosting, neighbours or networks: their in-sample fit is no descriptive statistic. */
const LEARNED_REGRESSOR = /Forest|Boost|Tree|XGB|LGBM|CatBoost|KNeighbors|MLP/;
/** Regression and time-series models (not logistic: a classifier), whose in-sample r2 / error is a descriptive goodness of fit. */
/** statsmodels' series models: given the series at construction, they predict inside it in-sample. */
const SERIES_MODEL = /(^|\.)(ARIMA|SARIMAX|ExponentialSmoothing|SimpleExpSmoothing|Holt|AutoReg|ETSModel|UnobservedComponents|ARMA|ThetaModel|STLForecast)$/;
const DESCRIPTIVE_FIT = /Regress|Regression|Lasso|Ridge|ElasticNet|SVR|Lars|statsmodels\.|HuberRegressor|LinearModel|ARIMA|SARIMAX|ExponentialSmoothing|Holt|AutoReg|ETSModel|UnobservedComponents/;

/**
 * `name` occurs in the document only as a callee (`name(...)`), outside strings and comments, and
 * nothing could bind it out of sight (a star import, `%run`, `exec`): it is never imported or defined.
 * One pass over the document's own text, only for the rare finding that asks.
 */
function neverBound(ctx: DetectContext, name: string): boolean {
  const code = ctx.chunks.filter((c) => c.file === undefined).map((c) => c.text).join('\n')
    .replace(/("""|''')[^]*?\1|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'/g, '""').replace(/#.*$/gm, '');
  if (/\bimport\s+\*|^\s*%run\b|\bexec\s*\(/m.test(code)) return false;
  const all = code.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
  const calls = code.match(new RegExp(`\\b${name}\\s*\\(`, 'g'))?.length ?? 0;
  return all > 0 && all === calls;
}

/** A data root's name as findings quote it: one line, at most 60 characters. */
function rootName(key: RowKey): string { return key.root.name.replace(/\s+/g, ' ').slice(0, 60); }

/** The assumption behind a held-out set known only by its variable or file name (no split made it). */
function heldByName(key: RowKey, isVal: boolean): string | undefined {
  const last = key.path[key.path.length - 1];
  if (last?.split.byName) return last.split.byName;
  return key.path.length ? undefined : `\`${rootName(key)}\` is taken to hold ${isVal ? 'held-out validation' : 'test'} rows by its ${key.root.file ? 'file name' : 'name'}`;
}

function cap(s: string): string { return s.charAt(0).toUpperCase() + s.slice(1); }
