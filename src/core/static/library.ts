/**
 * What pandas, numpy, scikit-learn, imbalanced-learn and Keras calls do to the abstract values:
 * readers, splits, cross-validation, fits and transforms, predictions and metrics, resampling,
 * frame methods. Statement and expression evaluation lives in interpreter.ts.
 */
import type { SyntaxNode } from '@lezer/common';
import {
  CYCLIC_FIELD, CYCLIC_NAME, DATA_NAME, EVAL_METHODS, GROUP_AGGS, GROUP_NON_STATS, LABEL_ENCODERS, VOCABULARY_ENCODERS, LABEL_NAME, NP_STATS, PREDICT_METHODS,
  ROW_PRESERVING, ROW_SUBSET, SCALE_FUNCTIONS, SCORE_FUNCTIONS, STAT_METHODS, TEST_NAME, TIME_COLUMN, TRAIN_NAME, VAL_NAME,
  estimatorCategory, isArtifactLoader, isCvFunction, isMetricFunction, isReader, type EstimatorCategory,
} from './knowledge';
import { covers, isTestSide, mapList, lastSide, testSetKey, unionKeys, unionList,
  type DerivedColumn, type ConstV, type DataV, type DupEvent, type EstV, type FeatureSelection, type FitEvent, type FnV, type FrameMeta, type ObjV, type RowKey, type Root, type SeqV, type Side, type Site, type Split, type Val,
} from './values';
import { AGGREGATED_PER_PERIOD, DataflowState, INDEXED_BY_TIME, LAG_FEATURES, NO_ARGS, PARSED_DATE_COLUMN, RESAMPLED_BY_TIME, SLIDING_WINDOWS, PARSED_DATES, SORTED_BY_TIME, weakTime, type Args, type Scope } from './dataflow';
import type { EvalEvent, Events, RefitEvent } from './events';
import { computedFrom, cyclicColumn, derivedColumn, evalIdentifiers, keepsColumn, rowColumns, labelDummy, labelFromDrop, sameLineage, selectionParts, visibleDerived } from './target';
import { child, constStrings, isSubscript, labelText, roleFromName, stripRows } from './syntax';
import { nameUses } from './source';

/**
 * ImageDataGenerator arguments that draw a random transform per image (a flip, or a range set to something
 * other than off); a preprocessing function other than a network's own `preprocess_input` may too.
 */
const RANDOM_AUGMENT = /\b(?:(?:rotation_range|width_shift_range|height_shift_range|shear_range|zoom_range|channel_shift_range|brightness_range|horizontal_flip|vertical_flip)\s*=\s*(?!(?:False|0|0\.0|None)\s*[,)])|preprocessing_function\s*=\s*(?!(?:[\w.]*\.)?preprocess_input\s*[,)]|None\s*[,)]))/;

/** statsmodels model constructors (array and formula APIs, time-series models). */
const STATSMODELS_MODEL = /^(OLS|WLS|GLS|GLM|Logit|Probit|Poisson|NegativeBinomial|MNLogit|QuantReg|MixedLM|RLM|ARIMA|SARIMAX|ExponentialSmoothing|Holt|SimpleExpSmoothing|VAR|UnobservedComponents|ols|wls|gls|glm|logit|probit|poisson|negativebinomial|mnlogit|quantreg|mixedlm|rlm)$/;

/** A splitter that draws its folds at random (KFold(shuffle=True), ShuffleSplit, repeated k-fold). */
/** K-fold splitters that cut the rows by position or at random, with no regard to time or groups. */
/** Scalers whose output is unchanged by a prior shift and positive scale of each column (their own statistics absorb it). */
/** A column named as a date or timestamp (not a duration such as `delivery_time`). */
const DATE_COLUMN = /date|timestamp|^ds$/i;
/** A column holding a calendar period number (year, month, week, quarter). */
const CALENDAR_COLUMN = /(^|_)(year|yr|month|week|quarter)$/i;
const INVARIANT_SCALERS = /^(StandardScaler|MinMaxScaler|RobustScaler)$/;

/** Imputers whose filled values are computed from the row's other columns. */
const MULTIVARIATE_IMPUTERS = /^(KNNImputer|IterativeImputer|MissForest)$/;

export function timeBlindSplitter(est: EstV): boolean {
  return est.cat === 'splitter' && /^(KFold|StratifiedKFold|RepeatedKFold|RepeatedStratifiedKFold|ShuffleSplit|StratifiedShuffleSplit)$/.test(est.cls);
}

export function shuffledSplitter(est: EstV): boolean {
  if (est.cat !== 'splitter') return false;
  if (/^(ShuffleSplit|StratifiedShuffleSplit|RepeatedKFold|RepeatedStratifiedKFold)$/.test(est.cls)) return true;
  return /^(KFold|StratifiedKFold|GroupKFold|StratifiedGroupKFold)$/.test(est.cls) && /\bshuffle\s*=\s*True\b/.test(est.params);
}

/** A variable that holds a fitted transformer (a loaded artifact has no class to go by). */
const TRANSFORMER_NAME = /scaler|imputer|encoder|enc\b|vectori[sz]er|tokenizer|pca|svd|selector|transformer|preprocessor|normali[sz]er|binarizer|discreti[sz]er/i;

/** yellowbrick visualizers that cross-validate the rows they are fitted on and draw the folds' scores. */
const YB_CV = /^(RFECV|CVScores|LearningCurve|ValidationCurve)$/;
/** yellowbrick visualizers that wrap a model: `fit` fits it and `score` scores it on the rows given, drawn as its result. */
const YB_SCORE = /^(ROCAUC|ConfusionMatrix|ClassificationReport|PrecisionRecallCurve|ClassPredictionError|DiscriminationThreshold|ResidualsPlot|PredictionError)$/;
/** Names of evaluation helpers (evaluate_model, score_model, eval_clf, compute_metrics, get_scores). */
const EVALUATOR_NAME = /^(evaluate|eval|score|assess|test)(_\w+)?$|^(compute|get|calc|calculate|print|report)_(metrics|scores?|accuracy|performance)$|_(evaluate|evaluation|eval|scores?|metrics)$/i;

/** Keywords of training calls that take held-out data to monitor. */
const TRAINING_EVAL_KWS = ['validation_data', 'eval_set', 'valid_sets', 'evals', 'eval_data', 'X_val', 'val_dataloaders'];
/** Early stopping or keeping the best checkpoint/iteration: the monitored rows choose. */
/** scipy.stats tests of one sample against another (or against the label): statistics of the rows given. */
const SCIPY_TESTS = new Set(['ttest_ind', 'ttest_rel', 'mannwhitneyu', 'ranksums', 'kruskal', 'f_oneway', 'pearsonr', 'spearmanr', 'kendalltau', 'pointbiserialr', 'chi2_contingency', 'ks_2samp']);
const SELECTS_ON_VALIDATION = /EarlyStopping|early_stopping|ModelCheckpoint|save_best_only|restore_best_weights|use_best_model|best_iteration|early_stop/;

/** Model classes whose fit draws random numbers (unseeded runs differ). */
const STOCHASTIC_MODEL = /Forest|ExtraTrees|Boost|XGB|LGBM|lightgbm|CatBoost|MLP|SGD|Bagging|Sequential|AutoSklearn|AutoML|TabNet|Perceptron|keras|torch/i;
/** Vectorizers whose output columns are tokens of the text, not the columns they were given. */
const TEXT_VECTORIZERS = /^(CountVectorizer|TfidfVectorizer|HashingVectorizer)$/;

/** Columns named by a lead (`Close (lead 1)`, from `shift(-1)`): the next rows' values. */
const LEAD_COLUMN = / \(lead \d+\)$/;
/**
 * A label that counts down to an event (remaining useful life, time to failure): never observed when
 * predicting, and its value k rows back is its present value plus k, so a lag of it is no past value.
 */
const COUNTDOWN_LABEL = /(^|[^a-z])(rul|ttf|remaining[\s_]*(useful[\s_]*)?life|(time|cycles?|days?|hours?)[\s_]*(to|until|till)[\s_]*(failure|event|fail|breakdown|death))([^a-z]|$)/i;

/** A logged metric's name that calls it a test score (`test_rmse`, `avg_test_rmsle`, `holdout_auc`), not `latest_...`. */
const LOGGED_TEST_METRIC = /(?:^|_)(?:test|holdout)(?:_|$)/i;

/** Name given to the callable that get_scorer/make_scorer return. */
const SCORER = 'sklearn_scorer';

/**
 * TrainingArguments that make trainer.train() score eval_dataset while it runs; written as keywords or
 * as the keys of a dict spread into them (`TrainingArguments(**{"eval_strategy": "epoch", ...})`).
 */
const TRAINER_EVALUATES = /\b(?:eval_strategy|evaluation_strategy)['"]?\s*[=:]\s*(?!\s*(?:['"]no['"]|IntervalStrategy\.NO\b))|\bdo_eval['"]?\s*[=:]\s*True\b|\beval_steps['"]?\s*[=:]\s*\d/;

/** PyCaret: `setup` takes the labelled rows; these cross-validate on them and display the fold grid. */
const PYCARET_CALLS = /^(setup|compare_models|create_model|tune_model)$/;

/** Estimators whose constructor arguments are their whole setting (no layers added after construction). */
const REFIT_SAME_SPEC = /(Regressor|Regression|Classifier|SVC|SVR|NB|KNeighbors\w*|Forest|Lasso|Ridge|ElasticNet)$/;
/** A constructor call with literal keyword arguments only (no `**params`, no names whose values may differ). */
const LITERAL_CTOR = /^[\w.]+\((?:\w+=(?:-?[\d.]+(?:e-?\d+)?|'[^']*'|"[^"]*"|True|False|None),?)*\)$/;

/** The name np.ones / np.zeros / np.full / np.empty give the array they build. */
const CONST_ARRAY = /^(ones|zeros|full|empty)#\d+$/;

/** Image readers: `Image.open`, `cv2.imread`, `imageio.imread`, `plt.imread`, `skimage.io.imread`, Keras `load_img`. */
const IMAGE_READ = /(?:^|\.)(?:Image\.open|imread|load_img)$/;

export abstract class LibrarySemantics extends DataflowState {
  /**
   * Columns removed from a frame in place (`df.drop(columns=cols, inplace=True)`, `del df[col]`):
   * statistics written only into columns now all gone (scaled columns dropped before modelling, a
   * label cut at an all-rows mean deleted from the features, over one or several removals) leave
   * the frame, as with `df = df.drop(...)`.
   */
  protected dropStatColsInPlace(d: DataV, cols: string[]): void {
    const frame = d.frame;
    if (!frame || !cols.length) return;
    const order = ++this.ids;
    for (const c of cols) (frame.removedAt ??= new Map()).set(c, order);
    if (!frame.statCols) return;
    const gone = (c: string): boolean => (frame.removedAt?.get(c) ?? -1) > (derivedColumn(frame, c)?.order ?? -1);
    const prep = d.prep.filter((f) => { const in_ = frame.statCols!.get(f.id); return !in_ || ![...in_].every(gone); });
    if (prep.length !== d.prep.length) d.prep = prep;
  }

  abstract ev(n: SyntaxNode): Val;
  protected abstract element(iter: Val, i: number): Val;
  protected abstract callFunction(fn: FnV, args: Args, n: SyntaxNode | null, selfIn?: Val): Val;
  /** The function whose body is running (undefined at the top level). */
  protected abstract runningFunction(): FnV | undefined;
  protected abstract sliceKey(d: DataV): string;
  protected abstract maybeSliceSplit(dIn: DataV, n: SyntaxNode, sliceText: string | undefined): DataV;
  protected abstract assignSubscript(t: SyntaxNode, objNode: SyntaxNode, v: Val, valueNode?: SyntaxNode, attr?: string): void;

  /** `access` is how the part is reached from `o` in source: `.scaler` or `["scaler"]`. */
  protected loadedPart(o: EstV, key: string, access: string): EstV {
    const k = `${o.id}:${key}`;
    let part = this.loadedParts.get(k);
    if (!part) {
      part = { k: 'est', id: ++this.ids, cls: 'loaded', cat: 'model', ...(o.site ? { site: o.site } : {}), params: key, steps: [], prepFits: [], loaded: true, partOf: { est: o, access } };
      part.version = `loaded:${part.id}`;
      this.loadedParts.set(k, part);
    }
    return part;
  }

  protected estFromName(cls: string, cat: EstimatorCategory, args: Args, n: SyntaxNode): EstV {
    const est: EstV = { k: 'est', id: ++this.ids, cls, cat, site: this.site(n), params: args.node ? this.t(args.node) : '()', steps: [], prepFits: [], loaded: false };
    if (args.pos.some((a) => a.varying) || [...args.kw.values()].some((a) => a.varying)) est.varying = true;
    // Pipelines and column transformers: collect their estimator steps (nested tuples/lists).
    const collect = (v: Val): void => {
      if (v.k === 'est') est.steps.push(v);
      else if (v.k === 'seq') v.items.forEach(collect);
      else if (v.k === 'obj') { const w = this.statelessStep(v, n); if (w) est.steps.push(w); }
    };
    // Pipelines, column transformers, searches and Keras models built from layers: collect their estimator steps.
    args.pos.forEach(collect);
    for (const k of ['steps', 'estimator', 'transformers', 'layers', 'base_estimator', 'stages']) { const st = args.kw.get(k); if (st) collect(st); }
    // OrdinalEncoder(categories=[["low", "mid", "high"]]): categories typed in the code, so a fit learns
    // nothing from the rows; refitted on a held-out part it encodes exactly as the training fit does.
    const typedCategories = VOCABULARY_ENCODERS.has(cls) ? args.kw.get('categories') : undefined;
    if (typedCategories?.k === 'seq' && literalValue(typedCategories)) est.cat = 'stateless';
    const func = cls === 'FunctionTransformer' ? args.pos[0] ?? args.kw.get('func') : undefined;
    if (func && func.k === 'fn') est.func = func;
    // sklearn.cross_validation's splitters took their labels at construction (StratifiedShuffleSplit(y, 10)) and were iterated directly.
    if (cat === 'splitter' && args.pos[0]?.k === 'data') est.ctorData = args.pos[0];
    // A search's folds, as cross_val_score's: no cv or an integer is (Stratified)KFold in row order.
    if (cat === 'search') {
      const cv = args.kw.get('cv');
      const cvNode = args.kwNodes.get('cv');
      if (cv?.k === 'est' && shuffledSplitter(cv)) est.searchFolds = 'shuffled';
      else if (!cvNode || /^\d+$/.test(this.t(cvNode).trim()) || cv?.k === 'est' && timeBlindSplitter(cv)) est.searchFolds = 'plain';
      // A grid of one value per parameter ({'C': [1000]}): the search only refits the settings chosen earlier.
      const grid = args.pos[1] ?? args.kw.get('param_grid') ?? args.kw.get('param_distributions');
      if (grid?.k === 'seq' && grid.keys && grid.items.length && grid.items.every((i) => i.k === 'seq' && i.items.length === 1)) est.oneCandidate = true;
    }
    return est;
  }

  /**
   * A pipeline step that is an instance of a class defined in the document, with a `transform`
   * method and a `fit` that learns nothing (no `self.x = ...`): like a FunctionTransformer, its
   * transform runs on every batch (`class Prep(TransformerMixin): def transform(self, X): return
   * prepare(X)`). A class whose fit learns something is left as it was (not followed here).
   */
  protected statelessStep(o: ObjV, n: SyntaxNode): EstV | undefined {
    const tr = o.cls.methods.get('transform');
    if (!tr) return undefined;
    const fit = o.cls.methods.get('fit');
    if (fit && /\bself\s*\.\s*\w+\s*(\[[^\]]*\]\s*)?=(?!=)/.test(this.chunks[fit.chunk].text.slice(fit.node.from, fit.node.to))) return undefined;
    return { k: 'est', id: ++this.ids, cls: o.cls.name, cat: 'stateless', site: this.site(n), params: o.cls.name, steps: [], prepFits: [], loaded: false, func: { ...tr, self: o } };
  }

  /**
   * Transformer classes of the project that the document imports and never names again: Python
   * needs them importable to unpickle a pipeline that holds them, so an artifact loaded here is
   * taken to hold them (said in the findings, which stay at warning).
   */
  protected unpicklingSteps(n: SyntaxNode): EstV[] {
    if (!this.opts.modules) return [];
    let out: EstV[] | undefined;
    let main: string | undefined;
    for (const [name, v] of this.global.vars) {
      if (v.k !== 'class') continue;
      const tr = v.methods.get('transform');
      if (!tr || this.chunks[tr.chunk]?.file === undefined) continue;
      main ??= this.chunks.filter((c) => c.file === undefined).map((c) => c.text).join('\n');
      if ((main.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0) !== 1) continue;
      const w = this.statelessStep({ k: 'obj', cls: v, fields: new Map() }, n);
      if (!w) continue;
      w.assumed = `the loaded artifact is taken to hold \`${name}\`, which is imported here only so that it can be unpickled`;
      (out ??= []).push(w);
    }
    return out ?? [];
  }

  /** Transformer-like classes inside an estimator (recursively through pipelines). */
  protected prepSteps(est: EstV): EstV[] {
    const out: EstV[] = [];
    const walk = (e: EstV): void => {
      if (e.cat === 'transformer' || e.cat === 'clusterer') out.push(e);
      e.steps.forEach(walk);
    };
    est.steps.forEach(walk);
    return out;
  }

  /** Paths of file handles returned by open(<path literal>, ...). */
  protected handlePaths = new WeakMap<Val, string>();
  /** Estimators this document dumped, by path (pickle.dump / joblib.dump). */
  protected savedArtifacts = new Map<string, EstV>();

  protected noteSaved(p: string, est: EstV): void {
    this.savedArtifacts.set(p, est);
    // Dumped inside a loop (the best pass kept: `if acc > best: pickle.dump(model, f)`): loaded
    // back, it is the model of whichever pass dumped it last, not necessarily of the last pass.
    if (this.loopBodies.length) this.dumpedInLoop.add(p); else this.dumpedInLoop.delete(p);
  }

  /** Values of np.random.randint / np.random.choice (with replacement): row positions that may repeat. */
  protected drawnWithReplacement = new WeakSet<Val>();
  /** Arrays no model made, sized from the data: drawn at random (np.random.choice([0, 1], size=len(y_test)),
   *  rng.integers(0, 2, n)) or filled with one literal (np.zeros(n)). Scored against labels, they are a baseline. */
  protected noModelArrays = new WeakSet<Val>();
  /** The labelled rows PyCaret's `setup(data=...)` was given (its model calls cross-validate on them). */
  protected pycaretData: DataV | undefined;
  /** Roots of the new dates of Prophet's make_future_dataframe. */
  protected futureRoots = new Set<Root>();

  /** Values of a time column started past the data's maximum: shuffled splits of that data with the column as a feature are temporal. */
  protected notePastLastTime(start: Val | undefined): void {
    if (start?.k !== 'scalar' || start.cols?.length !== 1 || !TIME_COLUMN.test(start.cols[0])) return;
    const col = start.cols[0];
    const max = start.prep.find((f) => f.kind === 'stat' && f.cls === 'max');
    if (!max) return;
    for (const s of this.shuffledSplitCols) {
      if (!s.cols.includes(col) || !max.rows.some((k) => s.roots.has(k.root)) || this.events.temporal.some((t) => t.split === s.split)) continue;
      this.events.temporal.push({ site: s.split.site, split: s.split, reason: `'${col}' is a feature`,
        assumed: `the task forecasts later values, since '${col}' values after the data's last are built to be predicted` });
    }
  }
  /** Files ModelCheckpoint callbacks write, by the callback. */
  protected checkpointPaths = new WeakMap<Val, string>();
  /** Paths whose last dump ran inside a loop. */
  protected dumpedInLoop = new Set<string>();
  /** The path a dump/load argument names: a string literal or a handle from open(<literal>). */
  protected pathOf(v: Val | undefined): string | undefined {
    if (!v) return undefined;
    if (v.k === 'const') return v.str;
    return this.handlePaths.get(v);
  }

  /** Labels given to booster data containers (xgb.DMatrix, lgb.Dataset), by the container's value id. */
  private containerLabels = new Map<number, Val>();

  protected callQualified(q: string, last: string, args0: Args, n: SyntaxNode): Val {
    const out = this.callQualifiedInner(q, last, args0, n);
    // Row positions drawn at random with replacement (np.random.randint, np.random.choice with its
    // default replace=True): rows picked by them repeat.
    if (out.k === 'scalar' && (last === 'randint' || last === 'choice') && /^(np|numpy)\.random\.\w+$/.test(q)) {
      const rep = args0.kw.get('replace');
      if (!(rep && rep.k === 'const' && rep.text === 'False')) this.drawnWithReplacement.add(out);
    }
    if (out.k === 'scalar' && !out.prep.length && (/^(np|numpy)\.random\.(choice|randint|rand|random|random_sample|uniform|binomial)$/.test(q) || /^(np|numpy)\.(zeros|ones|full)$/.test(q))) this.noModelArrays.add(out);
    // ModelCheckpoint("best.h5"): remember the file it writes, for the fit it is passed to.
    if (last === 'ModelCheckpoint') {
      const p = this.pathOf(args0.pos[0] ?? args0.kw.get('filepath'));
      if (p !== undefined) this.checkpointPaths.set(out, p);
    }
    return out;
  }

  private callQualifiedInner(q: string, last: string, args0: Args, n: SyntaxNode): Val {
    // xgb.train(params, dtrain, rounds, watchlist) / lgb.train(params, train_set, rounds, valid_sets):
    // the watch list given by position is the evals= / valid_sets= keyword.
    const boosterTrain = last === 'train' && /^(xgb|xgboost|lgb|lightgbm)\./.test(q);
    // Only read by the `train` branches below.
    const evalsKw = last === 'train' && /^(lgb|lightgbm)\./.test(q) ? 'valid_sets' : 'evals';
    const args: Args = boosterTrain && args0.pos.length > 3 && !args0.kw.has(evalsKw) && args0.posNodes[3]
      ? { ...args0, kw: new Map([...args0.kw, [evalsKw, args0.pos[3]]]), kwNodes: new Map([...args0.kwNodes, [evalsKw, args0.posNodes[3]]]) } : args0;
    // st.slider("depth", df.depth.min(), df.depth.max(), df.depth.mean()) and other Streamlit input
    // widgets return what the user enters: statistics given as its range or default do not
    // transform the rows scored later.
    if (q.startsWith('streamlit.') && STREAMLIT_INPUT.test(q)) return this.scalar('input');
    // os.path.join(features_dir, "labels.npy") of constant parts is a constant path, as the literal
    // would be: a file read again by it (one per notebook cell) is the same file.
    if (q === 'os.path.join' && args.pos.length > 1 && !args.kw.size && args.pos.every((a) => a.k === 'const' && a.str !== undefined && !a.varying)) {
      return { k: 'const', text: this.t(n), str: args.pos.map((a) => (a as ConstV).str!.replace(/[\\/]+$/, '')).join('/') };
    }
    if (last === 'train') this.noteTrainingEval(last, args, n);
    // xgb.DMatrix(X, label=y) / lgb.Dataset(X, label=y): the booster's rows with their label kept
    // beside them, so training on the container checks the features against the label.
    if ((last === 'DMatrix' && /^(xgb|xgboost)\./.test(q) || last === 'Dataset' && /^(lgb|lightgbm)\./.test(q)) && args.pos[0]?.k === 'data') {
      const label = args.kw.get('label') ?? args.pos[1];
      const out = this.same(args.pos[0]);
      if (label && (label.k === 'data' || label.k === 'scalar')) this.containerLabels.set(out.id, label);
      return out;
    }
    // ROCAUC(model).fit(X_train, y_train).score(X_test, y_test): the visualizer is its model, fitted and scored.
    // An RFE around a model predicts with that model on the rows given (fewer columns, the same rows).
    if (YB_SCORE.test(last)) {
      const w0 = args.pos[0] ?? args.kw.get('estimator') ?? args.kw.get('model');
      const wrapped = w0?.k === 'est' && /^RFE(CV)?$/.test(w0.cls) ? w0.steps.find((st) => st.cat === 'model' || st.cat === 'search') : w0;
      if (wrapped?.k === 'est' && (wrapped.cat === 'model' || wrapped.cat === 'search') && this.fromYellowbrick(last)) return wrapped;
    }
    const cat = estimatorCategory(last);
    if (cat) return this.estFromName(last, cat, args, n);
    // lightfm.cross_validation.random_train_test_split(interactions, test_percentage=0.2): a random cut of the rows too.
    if (last === 'train_test_split' || last === 'random_train_test_split') return this.trainTestSplit(args, n);
    // torch.utils.data.random_split(ds, [n_train, n_test]): a shuffled split of a data set into parts.
    if (last === 'random_split' && (/^torch\./.test(q) || q === last) && args.pos[0]) return this.randomSplit(args, n);
    if (last === 'DataLoader') {
      // DataLoader(dataset): batches of the dataset's rows. A Dataset class of the document holds
      // the rows it was given (`self.texts = texts`).
      const d = args.pos[0] ?? args.kw.get('dataset');
      const rows = d?.k === 'obj' ? this.join([...d.fields.values()].filter((v) => v.k === 'data'), n) : d;
      if (rows && rows.k === 'data' && rows.rows.length) return this.same(rows, { batches: true });
    }
    if (/^(Trainer|Seq2SeqTrainer|SFTTrainer)$/.test(last) && (args.kw.has('train_dataset') || args.kw.has('eval_dataset'))) {
      // A model trained on train_dataset by trainer.train(), scored on eval_dataset by trainer.evaluate().
      this.noteTrainerEval(args);
      const est = this.estFromName(last, 'model', { ...NO_ARGS, node: args.node }, n);
      const tr = args.kw.get('train_dataset'), evd = args.kw.get('eval_dataset');
      if (tr && tr.k === 'data') est.ctorData = tr;
      if (evd && evd.k === 'data') this.trainerEvalData.set(est, evd);
      return est;
    }
    if (this.spark) {
      // pyspark.mllib: DecisionTree.trainClassifier(rdd, ...), LogisticRegressionWithSGD.train(rdd): a model fitted on the RDD.
      const cls = q.split('.').slice(-2)[0] ?? '';
      if (/^(train|trainClassifier|trainRegressor)$/.test(last) && /^[A-Z]/.test(cls) && args.pos[0]) {
        const est = this.estFromName(cls, estimatorCategory(cls) ?? 'model', args, n);
        return this.estMethod(est, 'fit', { ...NO_ARGS, pos: [args.pos[0]], posNodes: args.posNodes.slice(0, 1) }, n);
      }
      // pyspark.mllib.evaluation: MulticlassMetrics(predictionAndLabels) scores the predictions it is given.
      if (/^(BinaryClassification|Multiclass|Multilabel|Regression|Ranking)Metrics$/.test(last)) {
        const d = args.pos[0];
        if (d && d.k === 'data' && d.pred) this.recordEval(n, last, d.rows, d.pred.est, d.pred.version, [d], args);
        return this.scalar(this.t(n));
      }
    }
    // pmdarima.auto_arima(y, ...): an ARIMA whose order is searched on the series it is given (by AIC), returned fitted on it.
    if (last === 'auto_arima' && /^pmdarima\./.test(q)) {
      const est = this.estFromName('pmdarima.auto_arima', 'model', NO_ARGS, n);
      est.params = args.node ? this.t(args.node) : '()';
      const y = args.pos[0] ?? args.kw.get('y');
      if (y && y.k === 'data') {
        est.ctorData = y;
        this.estMethod(est, 'fit', { ...NO_ARGS, pos: [y], posNodes: args.posNodes.slice(0, 1) }, n);
      }
      return est;
    }
    if (STATSMODELS_MODEL.test(last) && /(^|\.)(statsmodels|sm|smf|tsa)\./.test(q)) {
      // statsmodels takes its data at construction and fits with no arguments.
      const est = this.estFromName(`statsmodels.${last}`, 'model', NO_ARGS, n);
      const d = args.kw.get('data') ?? args.kw.get('exog') ?? args.pos[1] ?? args.kw.get('endog') ?? args.pos[0];
      if (d && d.k === 'data') est.ctorData = d;
      est.params = args.node ? this.t(args.node) : '()';
      if (args.pos.some((a) => a.varying) || [...args.kw.values()].some((a) => a.varying)) est.varying = true;
      return est;
    }
    if (last === 'train' && /^(xgb|xgboost|lgb|lightgbm|catboost)\./.test(q)) {
      // xgb.train(params, dtrain): a new booster fitted on dtrain with these params
      const est = this.estFromName(`${q.split('.')[0]}.train`, 'model', args, n);
      const dtrain = args.pos[1] ?? args.kw.get('dtrain') ?? args.kw.get('train_set') ?? this.scalar('dtrain');
      const out = this.estMethod(est, 'fit', { ...args, pos: [dtrain], posNodes: args.posNodes.slice(1, 2) }, n);
      const containerLabel = dtrain.k === 'data' ? this.containerLabels.get(dtrain.id) : undefined;
      if (dtrain.k === 'data' && containerLabel) this.checkTarget(dtrain, containerLabel, n, 'the booster is trained on the label given to its data container (xgb.DMatrix / lgb.Dataset), with no custom objective replacing it');
      // evals_result={} is filled with the booster's score on each watched set: held-out sets in the
      // watch list are scored by this training (the scores read from it are compared like any other).
      const watch = args.kw.get(evalsKw);
      if (boosterTrain && watch && args.kw.has('evals_result')) {
        const items = watch.k === 'seq' ? watch.items.flatMap((i) => (i.k === 'seq' ? i.items : [i])) : [watch];
        const datas = items.filter((d): d is DataV => d.k === 'data' && d.rows.some((k) => isTestSide(k) && !k.path.some((s) => s.fold !== undefined)));
        const keys = datas.reduce<RowKey[]>((acc, d) => unionKeys(acc, d.rows.filter((k) => isTestSide(k))), []);
        if (keys.length) this.recordEval(args.kwNodes.get('evals_result') ?? n, 'evals_result', keys, est, est.version, datas, args);
      }
      return out;
    }
    if (isCvFunction(last)) return this.crossValidate(last, args, n);
    // PyCaret: setup(data=frame, target=...) takes the labelled rows, and compare_models() /
    // create_model() / tune_model() cross-validate on them and display the fold grid they pick by.
    if (PYCARET_CALLS.test(last) && (/^pycaret\./.test(q) || q === last && this.chunks.some((ch) => /\bpycaret\b/.test(ch.text)))) return this.pycaretCall(last, args, n);
    // transformers' `BertForSequenceClassification.from_pretrained(...)`: a pretrained network the
    // document fine-tunes or scores; calling it on a batch predicts (one version per network).
    const owner = last === 'from_pretrained' ? q.split('.').slice(-2)[0] ?? '' : '';
    if (last === 'from_pretrained' && /(For[A-Z]\w*|^AutoModel\w*)$/.test(owner) && !/Tokenizer|Config|Processor|Extractor/.test(owner)) {
      const est = this.estFromName(owner, 'model', NO_ARGS, n);
      est.version = `pretrained:${est.id}`;
      return est;
    }
    // torchvision.datasets.FashionMNIST(root, train=False): a data set of its own, held out when
    // `train=False` (else by the name it is bound to).
    if (/(^|\.)datasets\.[A-Z]\w*$/.test(q) && /^(torchvision|tv|datasets|torchtext|torchaudio)\b/.test(q)) {
      const tr = args.kw.get('train');
      const name = this.targets.length === 1 ? this.targets[0] : '';
      const role = tr?.k === 'const' && tr.text === 'False' ? 'test' : tr?.k === 'const' && tr.text === 'True' ? 'train' : roleFromName(name);
      const d = this.freshData(name || last, n, role);
      // A folder of images (ImageFolder("data/cells", transform=...)) read twice is the same images twice.
      const dir = /^(ImageFolder|DatasetFolder)$/.test(last) ? args.pos[0] ?? args.kw.get('root') : undefined;
      if (dir?.k === 'const' && dir.str && !(dir.varying && this.inLoop)) d.rows[0].root.file = dir.str;
      return d;
    }
    // get_scorer("f1") / make_scorer(f): a callable scorer(est, X, y) that evaluates est on X, y.
    if (last === 'get_scorer' || last === 'make_scorer' || last === 'check_scoring') return this.scalar(SCORER);
    if (last === SCORER && args.pos[0]?.k === 'est') {
      return this.estMethod(args.pos[0], 'score', { ...args, pos: args.pos.slice(1), posNodes: args.posNodes.slice(1) }, n);
    }
    if (isMetricFunction(last) && !/^(mod|np|numpy|pd|pandas)$/.test(q.split('.')[0])) return this.metric(last, args, n);
    // tf.keras.losses.MSE(y_true, y_pred) / keras.metrics.mae(...): Keras's short-named losses and metrics score too.
    if (/\b(losses|metrics)\.(MSE|MAE|MAPE|MSLE|mse|mae|mape|msle)$/.test(q)) return this.metric(last.toLowerCase(), args, n);
    // statsmodels.tools.eval_measures.rmse(actual, forecast): the time-series habit of scoring a forecast.
    if (/(^|\.)eval_measures\.(rmse|mse|meanabs|medianabs|maxabs|rmspe)$/.test(q)) return this.metric(last, args, n);
    // open("model.pkl", "wb"): a file handle that remembers its path (pickle.dump(obj, f) / pickle.load(f)).
    if (q === 'open' && args.pos[0]?.k === 'const' && args.pos[0].str !== undefined) {
      const h = this.scalar('file');
      this.handlePaths.set(h, args.pos[0].str);
      return h;
    }
    // pickle/joblib dump of an estimator this document fitted: loading the same path back in this
    // document gives that estimator again (a training notebook that saves and reloads its pipeline).
    if (last === 'dump' && /^(joblib|pickle|dill|cloudpickle|cPickle)\.dump$/.test(q) && args.pos[0]?.k === 'est' && !args.pos[0].loaded) {
      const p = this.pathOf(args.pos[1] ?? args.kw.get('filename') ?? args.kw.get('file'));
      if (p !== undefined) {
        this.noteSaved(p, args.pos[0]);
      }
    }
    // Anything else pickled or written as JSON (a summary dict of figures, statistics and frames)
    // is stored, not computed on: the values in it are not combined into one, as to_csv.
    if (last === 'dump' && /^(joblib|pickle|dill|cloudpickle|cPickle|json)\.dump$/.test(q) && args.pos[0]?.k === 'seq') {
      const p = this.pathOf(args.pos[1] ?? args.kw.get('filename') ?? args.kw.get('file') ?? args.kw.get('fp'));
      this.noteWrite(p);
      return this.scalar('None');
    }
    // keras.models.save_model(model, "net.h5"): as model.save("net.h5").
    if (last === 'save_model' && /keras/.test(q) && args.pos[0]?.k === 'est' && args.pos[0].cat === 'model' && !args.pos[0].loaded && args.pos[0].fit) {
      const p = this.pathOf(args.pos[1] ?? args.kw.get('filepath'));
      if (p !== undefined) this.noteSaved(p, args.pos[0]);
    }
    if (isArtifactLoader(q, last)) {
      const p = last === 'load' && /^(joblib|pickle|dill|cloudpickle|cPickle)\.load$/.test(q) ? this.pathOf(args.pos[0] ?? args.kw.get('filename') ?? args.kw.get('file'))
        : last === 'load_model' && !/^mlflow\./.test(q) ? this.pathOf(args.pos[0] ?? args.kw.get('filepath')) : undefined;
      const saved = p !== undefined ? this.savedArtifacts.get(p) : undefined;
      // pickle/joblib also cache data: a frame-like name makes it a dataset, a model-like name
      // (or later use as an estimator) makes the rest of the file a serving path.
      const name = this.targets.length === 1 ? this.targets[0] : '';
      const argText = args.node ? this.t(args.node) : '';
      if (!saved && (DATA_NAME.test(name) || (!name && /\b(data|dataset|features|df)\b/i.test(argText)))) {
        const d = this.freshData(name || 'loaded data', n, roleFromName(name || argText));
        // The same pickled file loaded again (a helper called once per model) holds the same rows;
        // an f-string path with fields (f"{name}_split.pkl") names another file per value.
        if (p !== undefined && !/[{}]/.test(p) && !args.pos[0]?.varying) d.rows[0].root.file = p;
        return d;
      }
      // Its own artifact loaded back into a name nothing reads (a training notebook checking what it
      // saved) does not start a serving path; anything else loaded does.
      const check = !!saved && !!name && this.unreadName(name, this.stmt ? this.text.slice(this.stmt.from, this.stmt.to) : '');
      if (saved ? !check : artifactPath(name) || artifactPath(argText)) this.markLoaded(this.site(n));
      if (saved && this.dumpedInLoop.has(p!) && !this.loopBodies.length) this.events.loopDumpReloads.push({ est: saved, site: this.site(n), step: this.steps });
      if (saved) return saved;
      const est: EstV = { k: 'est', id: ++this.ids, cls: 'loaded', cat: 'model', site: this.site(n), params: this.t(n), steps: this.unpicklingSteps(n), prepFits: [], loaded: true };
      est.version = `loaded:${est.id}`;
      return est;
    }
    if (last === 'col' && /^(pl|polars)\./.test(q)) return { ...this.scalar('pl.col'), pending: [] };
    const savePath = /^(save|savez|savez_compressed|savetxt)$/.test(last) && /^(np|numpy)\./.test(q) ? this.fileKey(args.pos[0], args.posNodes[0]) : undefined;
    if (savePath !== undefined) {
      const stored = this.join([...args.pos.slice(1), ...args.kw.values()], n);
      this.writeFile(savePath, stored.k === 'data' ? stored : undefined);
      return this.scalar('None');
    }
    if (last === 'image_dataset_from_directory' && !this.inLoop) {
      const sub = this.dirSubsetRead(last, args, n);
      if (sub) return sub;
    }
    if (isReader(q, last) || last === 'load' && /tfds|tensorflow_datasets/.test(q)) {
      // The path given by position or by keyword (read_parquet(path=...), read_csv(filepath_or_buffer=...)).
      const src0 = args.pos[0] ?? args.kw.get('path') ?? args.kw.get('filepath_or_buffer') ?? args.kw.get('io') ?? args.kw.get('file');
      const readPath = src0?.k === 'const' ? src0.str : undefined;
      const written = this.readFile(this.fileKey(src0, args.posNodes[0] ?? args.kwNodes.get('path') ?? args.kwNodes.get('filepath_or_buffer') ?? args.kwNodes.get('io') ?? args.kwNodes.get('file')));
      if (written) { const d = this.same(written); delete d.cols; delete d.feat; return d; }
      const path = readPath ?? '';
      const name = this.targets.length === 1 ? this.targets[0] : '';
      // os.path.join(base, "data/test_values.csv") / DATA_DIR + "/test.csv": a test file named by
      // the last literal of the path expression.
      const srcNode = args.posNodes[0] ?? args.kwNodes.get('path') ?? args.kwNodes.get('filepath_or_buffer');
      const joined = !readPath && srcNode ? [...this.t(srcNode).matchAll(/r?(["'])([^"'\n]+\.\w{2,8})\1/g)].pop()?.[2] : undefined;
      const named = path || (joined && roleFromName(joined) === 'test' ? joined : '');
      const role = roleFromName(named) !== 'whole' ? roleFromName(named) : roleFromName(name);
      // Each trial of a search objective re-reads its data with the same statement: a path that does
      // not change with the trial (read from the run's configuration) gives the same rows each time.
      const trialKey = this.searchTrials > 0 && !src0?.varying ? `${this.site(n).chunk}:${n.from}` : undefined;
      const trialRoot = trialKey !== undefined ? this.trialReads.get(trialKey) : undefined;
      const d = trialRoot ? this.mkData({ rows: [{ root: trialRoot, path: [] }], frame: this.newFrame(), serving: this.serving }) : this.freshData(path || name || last, n, role);
      if (trialKey !== undefined && !trialRoot) this.trialReads.set(trialKey, d.rows[0].root);
      // A path that changes with the enclosing loop (f"sub{i}.mat") reads another file on each pass.
      if (path && !(src0?.varying && this.inLoop)) d.rows[0].root.file = path;
      if (src0 && requestPayload(src0)) d.aligned = true;
      if (last === 'load_dataset') d.dsDict = true;
      else if (/^(load_|fetch_)/.test(last) && this.targets.length < 2 && !args.kw.has('return_X_y')) d.bunch = true;
      if (last === 'load' && /^json\./.test(q)) d.records = true;
      const parseNode = args.kwNodes.get('parse_dates'), indexNode = args.kwNodes.get('index_col');
      // Dates parsed into a column that nothing orders the rows by are a date feature (inspections or
      // purchases classified row by row); parsed into the index, or sorted by later, the rows are a series.
      if (parseNode && (TIME_COLUMN.test(this.t(parseNode)) || this.t(parseNode) === 'True') && indexNode && TIME_COLUMN.test(this.t(indexNode))) {
        d.time = PARSED_DATES;
        const col = /^["']([^"']+)["']$/.exec(this.t(indexNode))?.[1];
        if (col && d.frame) d.frame.timeIndex = col;
      }
      else if (parseNode && TIME_COLUMN.test(this.t(parseNode))) d.time = PARSED_DATE_COLUMN;
      if ((/^(load_|fetch_|make_)/.test(last) || last === 'load') && this.targets.length >= 2) {
        // X, y = load_iris(return_X_y=True)
        return { k: 'seq', items: this.targets.map(() => d) };
      }
      return d;
    }
    // np.split(df, [k]) / np.array_split(df, n): consecutive row blocks of the frame, each with its
    // columns as they were (a column drop made before it still holds; the offsets list is no data).
    if ((last === 'split' || last === 'array_split') && /^(?:np|numpy)\./.test(q) && args.pos[0]?.k === 'data') return this.same(args.pos[0]);
    if (last === 'resample' || last === 'shuffle') {
      // sklearn.utils.resample: replace=True by default
      const rep = args.kw.get('replace');
      const replace = last === 'resample' && !(rep && rep.k === 'const' && rep.text === 'False');
      const datas = args.pos.map((p, i) => this.asData(p, args.posNodes[i] ? this.t(args.posNodes[i]) : 'data'));
      const outs = datas.map((d) => {
        if (!replace) return this.same(d);
        const du = this.dupEvent(n, last, d.rows);
        return this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) });
      });
      return outs.length === 1 ? outs[0] : { k: 'seq', items: outs };
    }
    // functools.partial(objective, data): the same function with its first arguments bound.
    if (last === 'partial' && args.pos[0]?.k === 'fn') {
      const fn = args.pos[0];
      return { ...fn, boundPos: [...(fn.boundPos ?? []), ...args.pos.slice(1)], boundKw: new Map([...(fn.boundKw ?? []), ...args.kw]) };
    }
    // np.intersect1d(df.columns, chosen): the frame's columns that are also in another list, so
    // only those names (unknown unless written out), not every column of the frame.
    if (last === 'intersect1d') {
      const all = args.pos.find((a): a is Extract<Val, { k: 'scalar' }> => a.k === 'scalar' && !!a.allCols);
      if (all) return this.columnsWithin(all, args.pos.filter((a) => a !== all));
    }
    // torch.cat((acc, batch_preds)): PyTorch's concatenate, how per-batch predictions are gathered.
    if (last === 'concat' || last === 'vstack' || last === 'hstack' || last === 'concatenate' || last === 'append' || last === 'r_' || last === 'column_stack' || last === 'merge'
      || last === 'cat' && /^torch\.cat$/.test(q) || last === 'ConcatDataset' && (/^torch\./.test(q) || q === last)) {
      // axis=1 or axis='columns' (pandas) puts the parts side by side: the same rows, not stacked twice.
      const axis = args.kw.get('axis');
      const sideBySide = axis?.k === 'const' && (axis.text === '1' || axis.str === 'columns');
      // np.hstack of one model's 1-D predictions of different rows (the training part's, then the
      // held-out part's) appends rows, as np.concatenate does.
      const flatPreds = last === 'hstack' && this.predsOfDifferentRows(args);
      return this.concat(args, n, (last === 'hstack' && !flatPreds) || last === 'column_stack' || last === 'merge' || sideBySide);
    }
    if ((last === 'qcut' || last === 'cut' && args.pos[1]?.k === 'const' && /^\d+$/.test(args.pos[1].text) || last === 'cut' && args.kw.get('bins')?.k === 'const') && args.pos[0]?.k === 'data') {
      // Bin edges computed from the data's quantiles / range.
      const d = args.pos[0];
      const f = this.newFit(n, `pd.${last}`, 'stat', d);
      return this.same(d, { prep: unionList(d.prep, [f]) });
    }
    if (SCALE_FUNCTIONS.has(last) && args.pos[0] && (args.pos[0].k === 'data' || args.pos[0].k === 'scalar')) {
      // preprocessing.scale(X) and friends: a fit and a transform in one call.
      const d = this.asData(args.pos[0], args.posNodes[0] ? this.t(args.posNodes[0]) : 'X');
      const f = this.newFit(n, last, 'transformer', d);
      return this.same(d, { prep: unionList(d.prep, [f]) });
    }
    // mutual_info_classif(X, y) / f_classif / chi2: per-column scores against the label, computed
    // from the rows given; a ranking of them picks the feature columns (like corr()["y"]).
    if (SCORE_FUNCTIONS.has(last) && args.pos[0]?.k === 'data' && args.pos.length >= 2) {
      const f = this.newFit(n, last, 'stat', args.pos[0]);
      return this.scalar(this.t(n), unionList(args.pos[0].prep, [f]), args.pos[0].dup);
    }
    // statsmodels seasonal_decompose(series, period=12): the seasonal profile and centred trend are
    // averages over every period of the series given; subtracting them uses those rows' statistics.
    if (last === 'seasonal_decompose' && args.pos[0]?.k === 'data') {
      const f = this.newFit(n, last, 'stat', args.pos[0]);
      return this.scalar(this.t(n), unionList(args.pos[0].prep, [f]), args.pos[0].dup);
    }
    // scipy.stats.boxcox / yeojohnson without a given lambda estimate it from the rows (maximum
    // likelihood) and return (transformed, lambda): a fitted statistic, like PowerTransformer.
    if ((last === 'boxcox' || last === 'yeojohnson') && args.pos[0] && (args.pos[0].k === 'data' || args.pos[0].k === 'scalar') && !args.kw.has('lmbda') && args.pos.length === 1) {
      const d = this.asData(args.pos[0], args.posNodes[0] ? this.t(args.posNodes[0]) : 'x');
      const f = this.newFit(n, last, 'stat', d);
      return { k: 'seq', items: [this.same(d, { prep: unionList(d.prep, [f]) }), this.scalar(`${last} lambda`, [f])] };
    }
    // np.repeat(np.nan, n) / np.repeat(0, n) allocates a buffer of a constant (rows are written into it later): no row
    // is repeated, so only a first argument that may hold rows duplicates them.
    // np.repeat([label], n) / np.repeat(np.ones(1) * label, n) builds a label vector, one value per sample: no row either.
    if ((last === 'repeat' || last === 'tile') && (q.startsWith('np.') || q.startsWith('numpy.')) && args.pos[0] && args.pos[0].k !== 'const' && args.pos[0].k !== 'mod'
      && !isFilledConstant(args.pos[0])) {
      const d = this.asData(args.pos[0], args.posNodes[0] ? this.t(args.posNodes[0]) : 'X');
      const du = this.dupEvent(n, `np.${last}`, d.rows);
      return this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) });
    }
    if (last === 'get_dummies') {
      // pd.get_dummies(data=df, columns=[...]): the frame given by keyword is the same frame.
      const d = this.asData(args.pos[0] ?? args.kw.get('data'), 'data');
      const out = this.same(d, {});
      // pd.get_dummies(df["c"]): new columns, one per value of c, to be put beside the frame (dummyColumns).
      if (d.frame && d.cols?.length && !args.kw.has('columns')) out.dummyOf = d.cols;
      // pd.get_dummies(df, columns=[..., "churn"]) with every value kept (no drop_first, default prefix):
      // each named column becomes one column per value, `churn_yes` beside `churn_no`.
      const dropFirst = args.kw.get('drop_first');
      if (d.frame && !d.cols && !args.kw.has('prefix') && !args.kw.has('prefix_sep') && !(dropFirst && !(dropFirst.k === 'const' && dropFirst.text === 'False'))) {
        const named = args.kw.get('columns');
        for (const c of named ? constStrings(named) : []) (d.frame.dummied ??= new Map()).set(c, { site: this.site(n), order: ++this.ids });
      }
      // At serving, the request stacked with the training table before encoding: the dummies follow
      // the training categories, in the training order.
      if (this.serving && stackedWithTable(d)) return this.same(d, { aligned: true });
      if (this.serving) {
        // New columns named after the batch's categories: no longer aligned to anything.
        const assumed = this.servingGuess();
        const refit: RefitEvent = { site: this.site(n), what: 'pd.get_dummies', reason: this.servingReason(), ...(this.loadSite ? { loadSite: this.loadSite } : {}), dummies: true, ...(assumed ? { assumed } : {}) };
        this.events.refits.push(refit);
        if (this.servingFnDepth === 0 && d.rows.length && this.refitOnDataSet()) this.refitsAfterLoad.push({ refit, rows: d.rows });
        out.dummies = this.site(n);
        delete out.aligned;
      } else if (d.rows.length && d.rows.every((k) => isTestSide(k)) && (d.rows.every((k) => k.path.length > 0) || args.kw.has('columns') || args.kw.has('prefix')
        || !(d.cols?.length && d.cols.every((c) => !c.startsWith('@'))))) {
        // Run on a held-out part of a split, or a test file, alone: its columns follow its own categories (a074).
        // On a test file, only when the categories come from the data or `columns=`: a typed list of
        // feature names may hold numbers only, which get_dummies leaves as they are. A `prefix=` names the
        // columns it encodes, so those are categories too.
        this.events.refits.push({ site: this.site(n), what: 'pd.get_dummies', reason: 'on the held-out rows alone', dummies: true, heldOut: true });
        out.dummies = this.site(n);
        delete out.aligned;
      }
      return out;
    }
    // X_test = X[idx]; X_train = np.delete(X, idx, axis=0): the rows left once the held-out part is taken
    // out, i.e. the training side of the cut X[idx] made, not all of X again.
    const delAxis = last === 'delete' ? args.pos[2] ?? args.kw.get('axis') : undefined;
    if ((q.startsWith('np.') || q.startsWith('numpy.')) && delAxis?.k === 'const' && delAxis.text.trim() === '0' && args.pos[0]?.k === 'data' && args.pos[0].rows.length && args.pos[1]) {
      const cut = this.sliceSplits.get(this.sliceKey(args.pos[0]));
      // Only the same positions as the cut (np.delete(X, outliers, axis=0) is another selection).
      const idx = args.posNodes[1] ? this.t(args.posNodes[1]).replace(/\s+/g, '') : '';
      const cutText = cut ? this.chunks[cut.site.chunk].text.slice(cut.site.stmtFrom, cut.site.stmtTo).replace(/\s+/g, '') : '';
      if (cut && idx && cutText.includes(`[${idx}]`)) return this.withStep(args.pos[0], cut, 'train');
    }
    if ((q.startsWith('np.') || q.startsWith('numpy.')) && NP_STATS.has(last) && args.pos[0] && (args.pos[0].k === 'data' || args.pos[0].k === 'scalar' && args.pos[0].name !== '?')) {
      const d = args.pos[0].k === 'data' ? args.pos[0] : undefined;
      // np.mean(err ** 2, axis=1): one value per row (a row's reconstruction error, a window's
      // mean), computed from that row alone, not a statistic over rows.
      const axisNode = args.kwNodes.get('axis') ?? (args.posNodes[1] && !/percentile|quantile/.test(last) ? args.posNodes[1] : undefined);
      if (d && axisNode && /^\(?\s*-?[1-9]\d*(\s*,\s*-?[1-9]\d*)*\s*,?\s*\)?$/.test(this.t(axisNode))) return this.same(d);
      if (d) {
        const f = this.newFit(n, `np.${last}`, 'stat', d);
        return this.scalar(this.t(n), unionList(d.prep, [f]), d.dup);
      }
    }
    // stats.ttest_ind(df[df.y == 1][c], df[df.y == 0][c]) / stats.pearsonr(df[c], df.y): a test statistic and
    // p-value of the rows given (compared between the label's classes, a feature's relevance to the label).
    // pearsonr(y_val, model.predict(X_val)) compares predictions with the truth: a metric, left to the metric rules.
    if (SCIPY_TESTS.has(last) && /(^|\.)stats\.\w+$/.test(q) && !args.pos.some((a) => a.k === 'data' && !!a.pred)) {
      const rows = args.pos.filter((a): a is DataV => a.k === 'data' && !a.pred && a.rows.length > 0);
      if (rows.length) {
        const d = this.join(rows, n);
        if (d.k === 'data') return this.scalar(this.t(n), unionList(d.prep, [this.newFit(n, last, 'stat', d)]), d.dup);
      }
    }
    // An image read from a path the code was given (Image.open(sys.argv[1]), cv2.imread(path)) is pixels: it has no
    // named columns whose order could differ from training.
    if (IMAGE_READ.test(q) && args.pos[0]?.k === 'data') {
      const d = this.same(args.pos[0]);
      d.aligned = true; delete d.positional;
      return d;
    }
    if (last === 'asarray' || last === 'array' || last === 'asmatrix') {
      const a0 = args.pos[0];
      if (a0 && a0.k === 'data') return this.positionalView(a0, n);
      // np.array(preds) of a list the predictions were appended to step by step: those predictions.
      if (a0 && a0.k === 'seq' && !a0.keys && a0.items.some((i) => i.k === 'data' && !!i.pred)) {
        const j = this.join(a0.items, n);
        if (j.k === 'data' && j.pred) {
          const out = this.positionalView(j, n);
          // Only predictions stacked (a stacking meta-model's inputs): no named columns to misalign, their
          // order is the order the code appends them in.
          if (a0.items.every((i) => i.k === 'data' && !!i.pred)) { delete out.positional; out.aligned = true; }
          return out;
        }
      }
    }
    // pd.DataFrame(sfs.get_metric_dict()) / pd.DataFrame.from_dict(stats): a table of a fitted selector's
    // or a statistic's results is those results, as pd.Series(scores) is below.
    if ((last === 'DataFrame' || last === 'from_dict' || last === 'from_records') && args.pos[0]?.k === 'scalar' && args.pos[0].prep.length) return this.scalar(this.t(n), args.pos[0].prep, args.pos[0].dup);
    if (last === 'from_records' || last === 'from_dict' || last === 'json_normalize' || last === 'from_pandas') {
      const d = this.freshData(this.targets[0] ?? last, n, roleFromName(this.targets[0] ?? ''));
      if (args.kw.has('columns') || args.pos[0] && requestPayload(args.pos[0])) d.aligned = true;
      return d;
    }
    if (last === 'DataFrame' || last === 'Series') {
      const a0 = args.pos[0] ?? args.kw.get('data');
      if (a0 && a0.k === 'data') {
        const d = this.same(a0);
        const colsArg = args.kw.get('columns');
        if (colsArg) {
          d.aligned = true; delete d.positional;
          // Columns named by something other than string literals or a frame's own `.columns`
          // (a comprehension over a vectorizer's vocabulary, get_feature_names_out()): the new
          // frame's columns are those names, not the source frame's, so it does not keep the
          // source's label column. Same rows, new column lineage.
          const named = (v: Val): boolean => v.k === 'const' && v.str !== undefined && !/^[a-zA-Z]*[fF][a-zA-Z]*['"]/.test(v.text)
            || v.k === 'scalar' && !!v.allCols || v.k === 'seq' && !v.varying && v.items.length > 0 && v.items.every(named);
          if (!named(colsArg)) { d.frame = this.newFrame(); delete d.feat; delete d.cols; }
          // pd.DataFrame(imputer.fit_transform(df), columns=df.columns): the frame's columns again.
          // Named after a frame that had columns dropped (the array of a `df.drop(...)`, scaled): those columns stay removed.
          else if (!d.frame && colsArg.k === 'scalar' && colsArg.allCols && !colsArg.allCols.within) {
            d.frame = this.childFrame(colsArg.allCols.frame);
            for (const c of colsArg.allCols.removed) d.frame.removed.add(c);
          }
        }
        return d;
      }
      // pd.Series(scores, index=X.columns) of per-column statistics (a score vector ranked to pick
      // columns): the same statistics, named by column.
      if (last === 'Series' && a0 && a0.k === 'scalar' && a0.prep.length) return this.scalar(this.t(n), a0.prep, a0.dup);
      // pd.DataFrame({"feature": X.columns, "importance": rf.feature_importances_}): a table of per-column scores
      // (no column of data rows) is those scores, as pd.Series(scores, index=X.columns) is.
      if (last === 'DataFrame' && a0?.k === 'seq' && a0.keys && !a0.items.some((v) => v.k === 'data') && a0.items.some((v) => v.k === 'scalar' && v.prep.length)) {
        return this.scalar(this.t(n), a0.items.reduce<FitEvent[]>((acc, v) => v.k === 'scalar' ? unionList(acc, v.prep) : acc, []));
      }
      // pd.Series(preds, index=...) of a list the predictions were appended to step by step (a
      // recursive forecast): those predictions still.
      if (a0 && a0.k === 'seq' && !a0.keys && a0.items.some((i) => i.k === 'data' && !!i.pred)) {
        const j = this.join(a0.items, n);
        if (j.k === 'data' && j.pred) return this.same(j);
      }
      // A frame of named columns where one holds a model's predictions and another other data
      // (pd.DataFrame({"actual": y, "pred": model.predict(X)})): each column read back by name is
      // what was put there, so a metric of the two is the model's score on those rows.
      if (a0 && a0.k === 'seq' && a0.keys && a0.items.some((v) => v.k === 'data' && v.pred) && a0.items.some((v) => v.k === 'data' && !v.pred)) {
        const colVals = new Map<string, DataV>();
        a0.items.forEach((v, i) => { const key = a0.keys![i]; if (key !== undefined && v.k === 'data') colVals.set(key, v); });
        const truth = a0.items.filter((v): v is DataV => v.k === 'data' && !v.pred);
        const j = this.join(truth, n);
        if (j.k === 'data') return this.mkData({ ...this.same(j), frame: { ...this.newFrame(), colVals } });
      }
      const d = this.freshData(this.targets[0] ?? 'frame', n, roleFromName(this.targets[0] ?? ''));
      // A frame of per-window rows (features computed from overlapping windows) keeps that the windows overlap.
      const wins = a0 ? windowDups(a0) : [];
      if (wins.length) d.dup = wins;
      // A frame of values typed in as a dict of named columns (pd.DataFrame({"age": [age], "income": [income]})): its
      // column order is the one written in the code, not one read from data.
      const namedLiteral = a0?.k === 'seq' && !!a0.keys && a0.keys.length > 0 && a0.keys.every((k) => k !== undefined) && !a0.items.some((v) => v.k === 'data');
      if (args.kw.has('columns') || a0 && requestPayload(a0) || namedLiteral) d.aligned = true;
      if (!args.pos.length && !args.kw.size) d.emptyFrame = true;
      return d;
    }
    if ((last === 'list' || last === 'tuple' || last === 'set') && args.pos[0]?.k === 'scalar' && args.pos[0].allCols) {
      const all = args.pos[0].allCols;
      return { ...this.scalar('columns'), allCols: { ...all, removed: [...all.removed] } };
    }
    // list() / tuple(): a new empty sequence, like [] (hand-written sliding windows: X = list(); X.append(seq[i:i + lag])).
    if ((last === 'list' || last === 'tuple') && !args.pos.length && !args.kw.size) return { k: 'seq', items: [] };
    // set(names): the same column names, once each (df[list(set(a + b))] selects them by name).
    if (last === 'set' && args.pos.length === 1 && args.pos[0].k === 'seq' && args.pos[0].items.length && args.pos[0].items.every((x) => x.k === 'const' && x.str !== undefined)) {
      const items = (args.pos[0] as SeqV).items as ConstV[];
      return { k: 'seq', items: items.filter((x, i) => items.findIndex((o) => o.str === x.str) === i) };
    }
    if (last === 'enumerate' || last === 'zip' || last === 'list' || last === 'tuple' || last === 'sorted' || last === 'reversed' || last === 'iter') {
      if (last === 'enumerate' && args.pos[0]) {
        const inner = args.pos[0];
        if (inner.k === 'folds') return { k: 'folds', split: inner.split, rows: inner.rows, varying: true, enumerated: true };
        if (inner.k === 'seq') return { k: 'seq', items: inner.items.map((it) => ({ k: 'seq', items: [{ k: 'const', text: 'i', varying: true } as ConstV, it] } as SeqV)) };
      }
      if (last === 'zip' && args.pos.every((p) => p.k === 'seq')) {
        const seqs = args.pos as SeqV[];
        const len = Math.max(...seqs.map((s) => s.items.length));
        const items: Val[] = [];
        for (let i = 0; i < len; i++) items.push({ k: 'seq', items: seqs.map((s) => s.items[Math.min(i, s.items.length - 1)]) });
        return { k: 'seq', items };
      }
      // list(names) is a new list: removing from it leaves the names it was made from as they were.
      const a0 = args.pos[0];
      if ((last === 'list' || last === 'sorted') && a0?.k === 'seq' && !a0.keys && args.pos.length === 1) return { ...a0, items: [...a0.items] };
      return a0 ?? this.scalar(last);
    }
    if (last === 'range') return this.scalar('range', [], [], true);
    // next(gen(...)) of a generator function of the project: the first value it yields (a list is no iterator).
    if (last === 'next' && args.pos[0]?.k === 'seq' && args.pos[0].items.length) return args.pos[0].items[0];
    // train_idx, test_idx = next(ShuffleSplit(...).split(X)): the first fold's index pair.
    if (last === 'next' && args.pos[0]?.k === 'folds') {
      // Only the first fold is used: a single train/test split, not cross-validation.
      const split = args.pos[0].split;
      if (split.kind === 'folds') {
        split.kind = 'tts';
        for (const l of this.events.prepLeaks) if (l.split === split && l.reason === 'cv') l.reason = 'split';
      }
      return this.element(args.pos[0], 0);
    }
    // New arrays sized from data hold none of its rows (np.ones(len(X)), np.zeros(n)).
    // Each call makes a new array: filled in later (results[i, seq] = 1 in a vectorising helper
    // called once for the training texts and once for the test texts) it is its own rows, not
    // one shared unknown dataset named "zeros".
    // np.arange(df.day.max() + 1, ...), pd.date_range(df.date.max(), periods=30): times after the data's
    // last, built to be predicted: the task is a forecast, so a shuffled split of those rows is temporal.
    if (/^(arange|linspace|date_range)$/.test(last) && /^(np|numpy|pd|pandas)\./.test(q)) this.notePastLastTime(args.pos[0] ?? args.kw.get('start'));
    if ((q.startsWith('np.') || q.startsWith('numpy.')) && /^(ones|zeros|full|empty|arange|linspace|logspace|eye|identity)$/.test(last)) {
      // np.full(n, y_train.mean()): filled with a statistic, the array carries it.
      const fill = last === 'full' ? args.pos[1] ?? args.kw.get('fill_value') : undefined;
      return this.scalar(`${last}#${++this.ids}`, fill && (fill.k === 'scalar' || fill.k === 'data') ? fill.prep : []);
    }
    // str(df.c.median()): the statistic as text (written into a text column that is parsed later), like float(...).
    // str("best.h5") is that string (a path written through str()).
    if (q === 'str' && args.pos.length === 1 && !args.kw.size && args.pos[0].k === 'const' && args.pos[0].str !== undefined) return args.pos[0];
    if (last === 'str' && args.pos.length === 1 && args.pos[0].k === 'scalar' && args.pos[0].prep.length && !args.pos[0].allCols) return this.scalar(last, args.pos[0].prep, args.pos[0].dup);
    // max(df["c"]) / min(df["c"]) / sum(df["c"]): Python's builtins over one column's rows are that column's
    // statistic, as df["c"].max() is (a whole frame would iterate its column names; predictions are scores).
    // Only written on the column itself: a list a loop collected (one item's values) is left as it was.
    if ((q === 'max' || q === 'min' || q === 'sum') && args.pos.length === 1 && !args.kw.size && args.pos[0].k === 'data'
      && (args.posNodes[0]?.name === 'MemberExpression' || args.posNodes[0]?.name === 'CallExpression') && !args.pos[0].pred && args.pos[0].cols?.length === 1 && args.pos[0].rows.length) {
      const d = args.pos[0];
      return this.scalar(this.t(n), unionList(d.prep, [this.newFit(n, last, 'stat', d)]), d.dup);
    }
    if (last === 'print' || last === 'display' || last === 'len' || last === 'isinstance' || last === 'str' || last === 'repr') return this.scalar(last);
    // int(50) / float(0.5): a number converted stays a known number (`rate = int(rate)` on a parameter
    // given a literal), so window lengths and steps written from it are still known.
    if ((q === 'int' || q === 'float') && args.pos.length === 1 && !args.kw.size && args.pos[0].k === 'const' && /^-?(\d+\.?\d*|\.\d+)$/.test(args.pos[0].text)) {
      const x = Number(args.pos[0].text);
      return { k: 'const', text: String(q === 'int' ? Math.trunc(x) : x), ...(args.pos[0].varying ? { varying: true } : {}) };
    }
    if (last === 'flow' || last === 'flow_from_directory' || last === 'flow_from_dataframe') return this.scalar(last);
    if (last === 'to_datetime') {
      const d = this.join(args.pos, n);
      if (d.k === 'data') d.time = 'the data has a date/time column';
      return d;
    }
    // A helper whose code is not in this file, named like an evaluation and given a fitted model
    // and held-out rows (evaluate_model(model, X_test, y_test)): taken as scoring that model there.
    if (EVALUATOR_NAME.test(last)) {
      const model = args.pos.map((a) => (a.k === 'est' ? a : a.k === 'scalar' ? this.unkToEst.get(a) : undefined)).find((e): e is EstV => !!e && !!e.fit);
      const datas = args.pos.flatMap((a, i) => (a.k === 'data' ? [a] : a.k === 'scalar' && !this.unkToEst.has(a) && (TEST_NAME.test(a.name) || VAL_NAME.test(a.name)) ? [this.asData(a, args.posNodes[i] ? this.t(args.posNodes[i]) : a.name)] : []));
      const keys = datas.reduce<RowKey[]>((acc, d) => unionKeys(acc, d.rows), []);
      if (model && keys.some((k) => lastSide(k) === 'test' || lastSide(k) === 'val')) {
        this.recordEval(n, last, keys, model, model.version, datas, args);
        this.events.evals[this.events.evals.length - 1].assumed = `\`${last}\` is taken to score the model by its name (its code is not in this file)`;
      } else if (!model) {
        // Given a model's predictions and the held-out labels instead (eval_metrics(y_test, y_pred)):
        // taken as a metric of those predictions on those rows.
        const pred = datas.find((d) => d.pred)?.pred;
        if (pred?.version && datas.some((d) => !d.pred && d.rows.some((k) => lastSide(k) === 'test' || lastSide(k) === 'val'))) {
          this.recordEval(n, last, keys, pred.est, pred.version, datas, args);
          this.events.evals[this.events.evals.length - 1].assumed = `\`${last}\` is taken to score the predictions it is given by its name (its code is not in this file)`;
        }
      }
    }
    // Unknown call: pass data taints through (a helper that transforms its input).
    const vals = [...args.pos, ...args.kw.values()];
    const joined = this.join(vals, n);
    if (joined.k === 'data') return joined;
    return this.scalar(this.t(n).slice(0, 80), joined.k === 'scalar' ? joined.prep : [], joined.k === 'scalar' ? joined.dup : [], !!joined.varying);
  }

  /**
   * df.join(pd.get_dummies(df["c"])) / pd.concat([df, pd.get_dummies(df["c"])], axis=1): the frame gains
   * indicator columns of c, whose names (c's values) are not known here. They are computed from c, so a
   * feature matrix that keeps them carries whatever c was computed from (an age band of ages filled by a
   * model given the label).
   */
  protected dummyColumns(d: DataV, part: DataV, n: SyntaxNode): void {
    if (!part.dummyOf || !d.frame || !sameLineage(part.frame, d.frame)) return;
    for (const c of part.dummyOf) d.frame.derived.set(`@dummies:${c}`, { from: [c], site: this.site(n), order: ++this.ids });
  }

  /**
   * Rows stacked from parts that each hold one value of a column and each went through a fit of its own
   * (`pos = df[df.y == 1]` and `neg = df[df.y == 0]` each given their own vectorizer; or a frame per class read
   * from its own file, vectorized on its own and given the label as a constant): each row's features are then
   * computed by the statistic of its own class. Recorded on the stacked frame for `checkTarget`.
   */
  protected classConditionalFits(parts: DataV[], frame: FrameMeta): void {
    const byCol = new Map<string, FitEvent[]>();
    for (const p of parts) {
      // Fits of this part alone, on its own rows: no other part went through them.
      const own = p.prep.filter((f) => (f.kind === 'transformer' || f.kind === 'stat' || f.kind === 'pipeline') && !f.onLabel && !f.serving && !f.ofPredictions
        && f.rows.some((fk) => p.rows.some((pk) => pk.root === fk.root)) && !parts.some((q) => q !== p && q.prep.includes(f)));
      const seen = new Set<string>();
      for (const f of own) {
        const cols = [...(f.pickedBy ? this.maskTests(f.pickedBy) : []), ...(p.frame?.constCols ?? [])];
        // The part's first such fit stands for it (a vectorizer, then the SVD of its output).
        for (const c of cols) if (!seen.has(c)) { seen.add(c); byCol.set(c, [...(byCol.get(c) ?? []), f]); }
      }
    }
    for (const [col, fits] of byCol) if (fits.length > 1) (frame.classFits ??= []).push({ col, fits });
  }

  /** Columns a row-mask statement tests for a value (`df[df["y"] == 1]`, `df.loc[df.y != 0]`, `df[df.y.isin(...)]`). */
  protected maskTests(site: Site): string[] {
    const text = this.chunks[site.chunk]?.text.slice(site.stmtFrom, site.stmtTo) ?? '';
    return [...text.matchAll(/(?:\[\s*["']([^"'\]]+)["']\s*\]|\.([A-Za-z_]\w*))\s*(?:[=!]=|\.isin\s*\()/g)].map((m) => m[1] ?? m[2]);
  }

  protected concat(args: Args, n: SyntaxNode, columnWise: boolean): Val {
    const parts: DataV[] = [];
    // Parts that are one comprehension's values for different elements of its iterable.
    const iterOf = new Map<DataV, SeqV>();
    // np.ones(n) / np.zeros(n) built beside the data (a bias column): no rows of their own.
    const constParts = new Set<DataV>();
    let within: SeqV | undefined;
    const flat = (v: Val, node: SyntaxNode | undefined): void => {
      if (v.k === 'seq') {
        const outer = within;
        if (v.perIteration && !within) within = v;
        v.items.forEach((i) => flat(i, node));
        within = outer;
        return;
      }
      const d = v.k === 'data' ? v : v.k === 'scalar' && v.name !== '?' ? (v.varying ? this.same(this.asData(v, v.name), { varying: true }) : this.asData(v, v.name)) : undefined;
      if (!d) return;
      parts.push(d);
      if (v.k === 'scalar' && CONST_ARRAY.test(v.name)) constParts.add(d);
      if (within) iterOf.set(d, within);
    };
    args.pos.forEach((p, i) => flat(p, args.posNodes[i]));
    const j = this.join(parts, n);
    if (j.k !== 'data') return j;
    if (columnWise) {
      j.rows = (parts.find((p) => !constParts.has(p)) ?? parts[0])?.rows ?? j.rows;
      // Side-by-side blocks (scaled numbers next to encoded categories): the matrix keeps the columns of each.
      // Windows cut from a series at every position hold earlier rows of their columns (lags), not the row's own values.
      // A whole frame with indicator columns of one of its columns beside it (pd.concat([df, pd.get_dummies(df["c"])], axis=1))
      // keeps every column of the frame, the new ones too.
      const withDummies = parts.some((p) => p.frame && !p.cols && !p.feat) && parts.some((p) => p.dummyOf && sameLineage(p.frame, j.frame));
      if (withDummies) for (const p of parts) this.dummyColumns(j, p, n);
      // (The indicator block is then those new columns of the frame, not a selection of c.)
      const feats = parts.map((p) => withDummies && p.dummyOf && !p.feat ? undefined : p.feat ?? (p.frame && p.cols && p.time !== SLIDING_WINDOWS ? this.featureSelection(p, 'select', p.cols, n)
        : withDummies && p.frame && !p.cols ? this.featureSelection(p, 'all', [], n) : undefined)).filter((f): f is FeatureSelection => !!f);
      // A whole frame among the blocks (pd.concat([df, dummies], axis=1)): the result is not just
      // the named columns of the other blocks.
      if (parts.some((p) => p.frame && !p.cols && !p.feat)) delete j.cols;
      // A statistic held in named columns of one block that another block also carries (dummies of
      // the column set beside the frame) is now in columns whose names are not known: frame-wide.
      for (const p of parts) for (const [id] of p.frame?.statCols ?? []) {
        if (parts.some((q) => q !== p && q.prep.some((f) => f.id === id))) p.frame!.statCols!.delete(id);
      }
      if (feats.length === 1) j.feat = feats[0];
      else if (feats.length > 1) j.feat = { ...feats[0], mode: 'union', cols: [], removedAtSelection: [], site: this.site(n), order: ++this.ids, parts: feats };
      // A table of predictions put beside other columns (pd.concat([meta, preds_df], axis=1)) keeps
      // what each of its columns holds.
      const held = parts.filter((p) => p.frame?.colVals);
      if (held.length) j.frame = { ...(j.frame ?? this.newFrame()), colVals: new Map(held.flatMap((p) => [...p.frame!.colVals!])) };
      return j;
    }
    // Parts that hold the same columns picked by name (per-group frames built in a loop) keep them.
    const f0 = parts[0]?.feat;
    if (!j.feat && f0?.mode === 'select' && j.cols && parts.every((p) => p.feat?.mode === 'select' && p.frame === j.frame && p.feat.cols.join('\0') === f0.cols.join('\0'))
      && j.cols.join('\0') === f0.cols.join('\0')) j.feat = f0;
    // The training frame with columns dropped (its label) stacked over a frame read from another file
    // (the competition's test file) keeps that drop: a column the training rows lack is no feature of theirs.
    if (!j.feat && f0?.mode === 'drop' && parts.length > 1 && parts.slice(1).every((p) => !p.feat && !!p.frame && !sameLineage(p.frame, parts[0].frame))) j.feat = f0;
    if (parts.length > 1) j.concatParts = parts.map((p) => p.rows);
    if (parts.length > 1 && j.frame) this.classConditionalFits(parts, j.frame);
    // One model's predictions of different rows stacked: a joined series of predictions.
    if (j.pred && parts.length > 1 && parts.every((p) => p.pred?.est === j.pred!.est) && parts.some((p) => p.rows.some((k) => !parts[0].rows.some((k0) => testSetKey(k0) === testSetKey(k))))) j.pred = { ...j.pred, joined: true };
    // Training rows and test rows of one split stacked together.
    const sideOf = (k: RowKey) => (k.path.length ? k.path[k.path.length - 1] : undefined);
    const mixes = parts.some((a) => a.rows.some((ka) => sideOf(ka)?.side === 'train' && parts.some((b) => b !== a && b.rows.some((kb) => {
      const sb = sideOf(kb);
      // Test rows, or validation rows (a final refit on train + validation then scored on the validation rows).
      return sb !== undefined && (sb.side === 'test' || sb.side === 'val') && sb.split === sideOf(ka)!.split;
    }))));
    // Rows read from a training file stacked with rows read from a test/holdout file.
    const fileRole = (k: RowKey) => (k.path.length ? undefined : k.root.role);
    const mixesFiles = !mixes && parts.some((a) => a.rows.some((ka) => fileRole(ka) === 'train') && parts.some((b) => b !== a && b.rows.some((kb) => fileRole(kb) === 'test')));
    if (mixes || mixesFiles) j.mixSite = this.site(this.stmt ?? n);
    // Stacking rows that overlap (same source rows twice) duplicates them.
    let overlap = false;
    const argText = args.posNodes[0] ? this.t(args.posNodes[0]) : '';
    const listed = /^\[(.*)\]$/s.exec(argText.trim())?.[1].split(',').map((x) => x.trim()).filter(Boolean);
    // np.append(a, b) / np.vstack-like calls given the parts as separate arguments: their texts name them as a list would.
    const items = listed ?? (parts.length > 1 && args.pos.length === parts.length && args.posNodes.length === parts.length && args.pos.every((p) => p.k !== 'seq')
      ? args.posNodes.map((x) => this.t(x).trim()) : []);
    if (items.length > 1 && new Set(items).size < items.length) overlap = true;
    // The same full rows twice (df and a noisy copy of df); subsets from different masks are disjoint.
    // In a loop that grows an accumulator (df = df.append(row) / pd.concat([acc, part])), each pass adds new rows.
    const appended = (): string[] => items.length ? items : argText ? [argText]
      : [new RegExp(`\\b${this.targets[0]}\\s*\\.\\s*append\\s*\\(([^()]*(?:\\([^()]*\\)[^()]*)*)\\)`).exec(this.stmt ? this.t(this.stmt) : '')?.[1].split(/,\s*(?:ignore_index|sort)\b/)[0] ?? ''];
    const accumulates = this.inLoop && this.targets.length === 1 && (argText.includes(this.targets[0]) || !!this.stmt && new RegExp(`\\b${this.targets[0]}\\s*\\.\\s*append\\b`).test(this.t(this.stmt)))
      // Unless what is added each pass is the same rows (for _ in range(3): df = pd.concat([df, minority])),
      // or the accumulator's own rows again (df = df.append(df), a noisy copy of df made in the pass).
      && !this.sameRowsEachPass(this.targets[0], appended()) && !this.copiesOfAccumulator(this.targets[0], appended(), !items.length);
    for (let a = 0; a < parts.length && !overlap && !accumulates; a++) for (let b = a + 1; b < parts.length && !overlap; b++) {
      const pa = parts[a], pb = parts[b];
      // All the rows beside a subset of them (df.append(df[df.y == 1])) repeats that subset.
      const sameSubset = (pa.subsetSite === undefined || pb.subsetSite === undefined)
        // Subsets taken in one statement are the same rows only when written the same way.
        || (pa.subsetSite.from === pb.subsetSite.from && pa.subsetSite.chunk === pb.subsetSite.chunk && !(items.length === parts.length && items[a] !== items[b]));
      // Batches sliced in a loop (x[start:start + 64]) are different rows each iteration.
      if (pa.varying && pb.varying) continue;
      // Parts of one split's side picked by different masks (one class downsampled, stacked back with the other).
      if (pa.maskSite && pb.maskSite && (pa.maskSite.chunk !== pb.maskSite.chunk || pa.maskSite.from !== pb.maskSite.from)) continue;
      if (iterOf.has(pa) && iterOf.get(pa) === iterOf.get(pb)) continue;
      // The same file (or image folder) read twice, a copy of it altered (augmented), holds the same items.
      const sameRoot = (ra: Root, rb: Root): boolean => ra === rb || ra.file !== undefined && ra.file === rb.file && ra.role === rb.role;
      if (sameSubset && !pa.dup.length && !pb.dup.length && pa.rows.some((ka) => pb.rows.some((kb) => sameRoot(ka.root, kb.root) && ka.path.length === kb.path.length && ka.path.every((s, i) => s.split === kb.path[i].split && s.side === kb.path[i].side)))) overlap = true;
    }
    // A repeated list ([minority] * 5) or a multiplication also duplicates.
    if (/\]\s*\*\s*\w+/.test(argText)) overlap = true;
    if (overlap) {
      const du = this.dupEvent(n, 'concat', j.rows);
      j.dup = unionList(j.dup, [du]);
    }
    return j;
  }

  /** Every stacked part is a prediction of one model, and no two parts hold the same rows. */
  protected predsOfDifferentRows(args: Args): boolean {
    const items = args.pos.length === 1 && args.pos[0].k === 'seq' ? args.pos[0].items : args.pos;
    if (items.length < 2 || !items.every((v) => v.k === 'data' && !!v.pred && v.rows.length > 0)) return false;
    const ds = items as DataV[];
    const est = ds[0].pred!.est;
    const seen = new Set<string>();
    for (const d of ds) {
      if (d.pred!.est !== est) return false;
      for (const k of d.rows) {
        const key = `${k.root.id}|${testSetKey(k)}|${k.path.length}`;
        if (seen.has(key)) return false;
        seen.add(key);
      }
    }
    return true;
  }

  /**
   * In a loop that grows `acc`, every other stacked part is the same value on each pass: it names
   * neither the loop's variables nor anything the loop body assigns (a minority frame appended k times).
   */
  protected sameRowsEachPass(acc: string, items: string[]): boolean {
    const lb = this.loopBodies[this.loopBodies.length - 1];
    if (!lb || lb.single || this.compLoops.length) return false;
    const others = items.filter((it) => it.trim() !== acc && !/=/.test(it));
    if (!others.length) return false;
    const loopVars = (lb.targets ?? '').split(',').map((t) => t.trim()).filter(Boolean);
    const assigned = new Set<string>();
    for (const m of lb.text.matchAll(/^[ \t]*([A-Za-z_][\w, \t]*?)\s*(?:[-+*/]?=(?!=))/gm)) for (const nm of m[1].split(',')) assigned.add(nm.trim());
    for (const m of lb.text.matchAll(/\bfor\s+([\w, \t]+?)\s+in\b/g)) for (const nm of m[1].split(',')) assigned.add(nm.trim());
    assigned.delete(acc);
    return others.every((it) => {
      const names = it.replace(/(["'])(?:(?!\1).)*\1/g, '').match(/(?<![\w.])[A-Za-z_]\w*/g) ?? [];
      return names.length > 0 && names.every((nm) => !loopVars.includes(nm) && !assigned.has(nm));
    });
  }

  /**
   * In a loop that grows `acc`, a stacked part is `acc` itself again (`df = df.append(df)`), an expression
   * of it (`df.sample(frac=0.5)`, `df[mask]`), or a name the loop body binds to one (`noisy = df.copy()`,
   * then noise added): each pass stacks copies of rows already in it, an augmentation, not new rows.
   * `byMethod`: the items are the arguments of `acc.append(...)`, so `acc` itself among them is a copy.
   */
  protected copiesOfAccumulator(acc: string, items: string[], byMethod: boolean): boolean {
    const lb = this.loopBodies[this.loopBodies.length - 1];
    if (!lb || lb.single || this.compLoops.length) return false;
    const a = acc.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const of = new RegExp(`^${a}(?![\\w])\\s*(?:$|[.[])`);
    return items.some((raw) => {
      const it = raw.trim();
      if (it === acc) return byMethod;
      if (of.test(it)) return true;
      return /^[A-Za-z_]\w*$/.test(it) && new RegExp(`^[ \\t]*${it}[ \\t]*=(?!=)[ \\t]*${a}(?![\\w])[ \\t]*(?:$|[.[#])`, 'm').test(lb.text);
    });
  }

  /** PyCaret's functional API, or the same methods of a `ClassificationExperiment()` / `RegressionExperiment()`. */
  protected pycaretCall(last: string, args: Args, n: SyntaxNode): Val {
    if (last === 'setup') {
      const d = args.kw.get('data') ?? args.pos[0];
      this.pycaretData = d?.k === 'data' ? d : undefined;
    } else if (this.pycaretData) {
      const split: Split = { id: ++this.ids, site: this.site(n), kind: 'cv', shuffle: true, names: [] };
      const before = this.events.dupLeaks.length;
      this.onSplit(split, [this.pycaretData]);
      for (const l of this.events.dupLeaks.slice(before)) l.assumed ??= `PyCaret's \`${last}\` cross-validation grid is read as a result (it is displayed and picks the model)`;
    }
    return this.scalar(this.t(n));
  }

  /**
   * Keras's `validation_split` cut of one image folder (`flow_from_directory(d, subset="training")` /
   * `subset="validation"`): the subsets are the two sides of one split of the folder's images, and a
   * reader of the same folder with no subset reads all of them, training images included. Only for
   * folders the document reads with a subset; other readers stay as they were.
   */
  protected dirSubsetRead(fname: string, args: Args, n: SyntaxNode): DataV | undefined {
    const dirNode = args.posNodes[0] ?? args.kwNodes.get('directory');
    if (!dirNode) return undefined;
    const dir = this.t(dirNode).replace(/\s+/g, '');
    if (!/^[\w.]+$|^(["'])[^"']+\1$/.test(dir)) return undefined;
    const esc = dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const readsSubset = new RegExp(`\\b${fname}\\(\\s*(?:directory\\s*=\\s*)?${esc}\\s*,[^]*?\\bsubset\\s*=\\s*["'](?:training|validation)["']`);
    this.subsetDirMemo ??= new Map();
    let known = this.subsetDirMemo.get(dir);
    if (known === undefined) { known = this.chunks.some((c) => readsSubset.test(c.text)); this.subsetDirMemo.set(dir, known); }
    if (!known) return undefined;
    let entry = this.subsetDirs.get(dir);
    if (!entry) {
      const d = this.freshData(dir.replace(/^["']|["']$/g, ''), n);
      const split: Split = { id: ++this.ids, site: this.site(n), kind: 'tts', shuffle: false, names: ['validation_split'] };
      this.onSplit(split, [d]);
      entry = { d, split };
      this.subsetDirs.set(dir, entry);
      this.subsetDirRoots.add(d.rows[0].root);
    }
    const subset = args.kw.get('subset');
    const which = subset?.k === 'const' ? subset.str : undefined;
    if (which === 'training') return this.withStep(entry.d, entry.split, 'train');
    if (which === 'validation') return this.withStep(entry.d, entry.split, 'val');
    return subset ? undefined : this.same(entry.d);
  }
  private subsetDirs = new Map<string, { d: DataV; split: Split }>();
  /** Roots of folders cut by Keras subsets: read whole, they stay whole under any name. */
  protected subsetDirRoots = new Set<object>();
  private subsetDirMemo: Map<string, boolean> | undefined;

  /** The class is imported from yellowbrick (`from yellowbrick.model_selection import RFECV`) or named through it. */
  protected fromYellowbrick(cls: string): boolean {
    const named = new RegExp(`\\bfrom\\s+yellowbrick[\\w.]*\\s+import\\b[^\\n]*\\b${cls}\\b|\\byellowbrick[\\w.]*\\.${cls}\\b`);
    return this.chunks.some((c) => named.test(c.text));
  }

  protected randomSplit(args: Args, n: SyntaxNode): Val {
    const d = this.asData(args.pos[0], args.posNodes[0] ? this.t(args.posNodes[0]) : 'data');
    const split: Split = { id: ++this.ids, site: this.site(n), kind: 'tts', shuffle: true, names: this.targets.slice() };
    this.onSplit(split, [d]);
    const lens = args.pos[1] ?? args.kw.get('lengths');
    const count = Math.max(2, this.targets.length > 1 ? this.targets.length : lens?.k === 'seq' ? lens.items.length : 2);
    // The first part trains; the others are held out, validation or test by their names.
    const side = (i: number): Side => {
      const t = this.targets[i] ?? '';
      return i === 0 && !(TEST_NAME.test(t) && !TRAIN_NAME.test(t)) ? 'train' : VAL_NAME.test(t) && !TEST_NAME.test(t) ? 'val' : TRAIN_NAME.test(t) ? 'train' : 'test';
    };
    return { k: 'seq', items: Array.from({ length: count }, (_, i) => this.withStep(d, split, side(i))) };
  }

  protected trainTestSplit(args: Args, n: SyntaxNode): Val {
    const sh = args.kw.get('shuffle');
    const inputs = mapList(args.pos, (p, i) => this.asData(p, args.posNodes[i] ? this.t(args.posNodes[i]) : 'data'));
    const shuffle = !(sh && sh.k === 'const' && sh.text === 'False');
    // The same call with a fixed seed (or no shuffling) on the same rows, run again in a loop, a
    // helper called once per model or a search objective, draws the same test rows each time.
    const seed = args.kw.get('random_state');
    // A loop over literal settings (`for size, seed in [(0.3, 42), (0.2, 7)]`) knows each pass's seed and
    // sizes: passes given the same values cut the same rows, the others other rows (`passKey`).
    const seedConst = !!seed && seed.k === 'const' && /^\d+$/.test(seed.text);
    const sizesKnown = ['test_size', 'train_size'].every((k) => { const v = args.kw.get(k); return !v || v.k === 'const'; });
    const knownPass = shuffle && seedConst && sizesKnown && this.inLoop && ['random_state', 'test_size', 'train_size'].some((k) => !!args.kw.get(k)?.varying);
    const seeded = !shuffle || seedConst && (!seed.varying || knownPass);
    // A seed or size handed in by name (`random_state=seed` in a helper or a base class's __init__ called
    // with other values) is not in the statement's text: the values tell the calls' cuts apart (`passKey`).
    const byName = seeded && shuffle && ['random_state', 'test_size', 'train_size'].some((k) => { const a = args.kwNodes.get(k); return !!a && a.name !== 'Number'; });
    const site = this.site(n);
    // A seeded split keeps its identity across call sites too: the same seed, sizes and rows give the same parts.
    const sizes = ['test_size', 'train_size', 'stratify'].map((k) => { const v = args.kw.get(k); return v ? (v.k === 'const' ? v.text : v.k === 'data' ? `d${v.rows.map((r) => r.root.id).join('+')}` : '?') : ''; }).join(',');
    const passSizes = ['test_size', 'train_size'].map((k) => { const v = args.kw.get(k); return v?.k === 'const' ? v.text : v ? '?' : ''; }).join(',');
    // Sizes that change with the enclosing loop (test_size=size in `for size in sizes`) cut other test rows on each pass.
    const perPass = this.inLoop && !knownPass && ['test_size', 'train_size'].some((k) => !!args.kw.get(k)?.varying);
    // Rows selected from the data before the split (`sep = df[df.sepsis == 1]`): another selection
    // splits other rows, even by the same call.
    // Only a row mask counts (a comparison inside the brackets), not a column selection.
    const rowMask = (st: Site): boolean => /\[[^]*(?:[=!]=|[<>]|\.isin\(|~)[^]*\]|\.query\(/.test(this.chunks[st.chunk]?.text.slice(st.stmtFrom, st.stmtTo) ?? '');
    const inputSubset = inputs.map((d) => (d.subsetSite && rowMask(d.subsetSite) ? `${d.subsetSite.chunk}:${d.subsetSite.from}` : '')).join(',').replace(/^,+$/, '');
    // Rows oversampled first (SMOTE before the split) are more rows than the original: the same seed and
    // sizes cut them elsewhere, so a split of the resampled copy is another test set.
    const resampled = inputs.map((d) => d.dup.map((x) => x.id).join('.')).join(',').replace(/^,+$/, '');
    const seedKey = seeded && !perPass && inputs.length ? `${inputSubset}|${resampled}|${shuffle ? sizes : `${site.chunk}:${site.from}`}|${seed && seed.k === 'const' ? seed.text : ''}|${inputs.map((d) => d.rows.map((k) => `${k.root.id}/${k.path.map((s) => `${s.split.id}${s.side}${s.fold ?? ''}`).join('/')}`).join('+')).join(',')}` : undefined;
    const reused = seedKey !== undefined ? this.seededSplits.get(seedKey) : undefined;
    const split: Split = reused ?? { id: ++this.ids, site, kind: 'tts', shuffle, names: this.targets.slice(), ...(seeded ? { seeded } : {}), ...(perPass ? { perPass } : {}), ...(knownPass ? { passKey: `${seed.text}|${sizes}` } : byName && seed?.k === 'const' ? { passKey: `${seed.text}|${passSizes}` } : {}), ...(inputSubset ? { inputSubset } : {}) };
    if (seedKey !== undefined && !reused) this.seededSplits.set(seedKey, split);
    this.onSplit(split, inputs, !!reused);
    const outs: Val[] = [];
    inputs.forEach((d, i) => {
      const testName = this.targets[2 * i + 1] ?? '';
      const trainName = this.targets[2 * i] ?? '';
      const nested = d.rows.some((k) => lastSide(k) === 'train');
      let side: Side = 'test';
      // A split of rows that are already the training side of a split in the code holds out a
      // validation part, whatever it is named (an inner split for feature or model selection).
      const inner = d.rows.some((k) => k.path.length > 0 && k.path[k.path.length - 1].side === 'train');
      if (VAL_NAME.test(testName) && !TEST_NAME.test(testName) || inner) side = 'val';
      else if (!testName && nested) side = 'val';
      // X_train, X_test = split(X_temp) where the "train" output is a val set: keep names honest.
      // X_test, X_val = split(X_test): the held-out part halved, its first output kept as the test set. The part may
      // have come out of its split as a validation side (that split cut a frame already subset before it).
      const halvesTest = TEST_NAME.test(trainName) && !TRAIN_NAME.test(trainName) && d.rows.length > 0 && d.rows.every((k) => k.path.length > 0 && lastSide(k) !== 'train');
      // x_cv, _ = split(x_train, train_size=n): a sample of the training rows kept for cross-validation, the
      // rest discarded; its name says what it is used for, not that it is held out.
      const sampleOfTrain = testName === '_' && nested;
      const trainSide: Side = halvesTest ? (d.rows.every((k) => lastSide(k) === 'val') ? 'val' : 'test') : VAL_NAME.test(trainName) && !TRAIN_NAME.test(trainName) && !sampleOfTrain ? 'val' : 'train';
      outs.push(this.withStep(d, split, trainSide), this.withStep(d, split, side));
    });
    return { k: 'seq', items: outs };
  }

  protected crossValidate(fname: string, args: Args, n: SyntaxNode): Val {
    const est = args.pos[0] ?? args.kw.get('estimator');
    const X = this.asData(args.pos[1] ?? args.kw.get('X'), args.posNodes[1] ? this.t(args.posNodes[1]) : 'X');
    const cv = args.kw.get('cv');
    this.noteModelInput(X);
    // No cv, or an integer: (Stratified)KFold without shuffling, blocks taken in row order.
    const cvNode = args.kwNodes.get('cv');
    const plainFolds = cv === undefined || !!cvNode && /^\d+$/.test(this.t(cvNode).trim()) || cv?.k === 'est' && timeBlindSplitter(cv);
    // Cross-validation run on the held-out rows alone (cross_val_score(model, X_test, y_test)):
    // every fold's model is fitted on test rows, so the score is not the held-out score of the
    // model trained on the training rows.
    // The estimator may be unknown here (a lambda's or helper's parameter, `models.model.apply(lambda model:
    // cross_val_score(model, X_valid, ...))`): cross_val_score's first argument is an estimator whatever it is bound to.
    // Rows read from a test file (pd.read_csv("test.csv")) count too when the model was fitted before
    // on rows of other data (the training file): its folds then stand in for that model's held-out
    // score. A model cross-validated only there (an imputer's regression on the test file's known
    // ages) was never trained elsewhere.
    // A model loaded from disk was trained by another step (U2, zzn003): cross-validated on a test file, its clones are fitted
    // on test rows too.
    const loadedModel = est?.k === 'est' && est.cat === 'model' && est.loaded;
    const fittedElsewhere = (k: RowKey): boolean => est?.k === 'est' && (!!est.fit && est.fit.rows.length > 0 && est.fit.rows.every((r) => r.root !== k.root) || loadedModel);
    if (est && (est.k === 'est' ? (est.cat === 'model' || est.cat === 'search') && (!est.loaded || loadedModel && X.rows.every((k) => !k.path.length)) : est.k !== 'fn' && !(est as { loaded?: boolean }).loaded) && X.rows.length
      && X.rows.every((k) => (k.path.length > 0 || k.root.role === 'test' && k.root.file !== undefined && fittedElsewhere(k)) && isTestSide(k) && !k.path.some((s) => s.fold !== undefined))
      && (fname === 'cross_val_score' || fname === 'cross_validate' || fname === 'cross_val_predict')) {
      const site = this.site(n);
      this.events.heldOutFits.push({ site, fitSite: site, cv: fname });
    }
    const split: Split = { id: ++this.ids, site: this.site(n), kind: 'cv', shuffle: true, names: [], ...(cv?.k === 'est' && shuffledSplitter(cv) ? { shuffledFolds: true } : {}),
      ...(plainFolds ? { timeBlindFolds: true } : {}),
      ...(est?.k === 'est' && est.cat === 'model' && !est.loaded ? { cvModel: { cls: est.cls, rows: X.rows, step: this.steps } } : {}) };
    // `scores = cross_val_score(...)` with `scores` named nowhere else: no score is reported (zo002).
    const stmtText = this.stmt ? this.text.slice(this.stmt.from, this.stmt.to) : '';
    if (this.targets.length === 1 && (this.unreadName(this.targets[0], stmtText) || fname === 'cross_val_predict' && this.onlyStacked(this.targets[0]))) split.unread = true;
    // Oversamplers inside an imblearn Pipeline run per fold: no duplication across folds.
    this.onSplit(split, [X]);
    this.cvInputs.push(X.rows);
    // Each fold's held-out part is scored through the pipeline's steps: functions that compute a statistic of the
    // batch they are given (a FunctionTransformer filling with np.nanmedian of it) compute it on that part alone.
    if (est?.k === 'est' && est.steps.length && !split.unread && X.rows.length && fname !== 'cross_val_predict') {
      const saved = this.estCallNode;
      this.estCallNode = n;
      try { this.runWrappedFunctions(est, this.same(X, { rows: X.rows.map((k) => ({ root: k.root, path: [...k.path, { split, side: 'test' as Side, fold: 0 }] })) })); } finally { this.estCallNode = saved; }
    }
    const y = args.pos[2] ?? args.kw.get('y');
    if (est && est.k === 'est' && est.cat !== 'transformer' && y) this.checkTarget(X, y, n);
    if (est && est.k === 'est' && !est.fit) est.version = est.version ?? `cv:${est.id}`;
    // cross_val_predict(model, X_test, y_test): predictions of that model (refitted per fold) on
    // those rows, so two models' test predictions scored on the same rows are two settings compared.
    if (fname === 'cross_val_predict') {
      const testOnly = X.rows.length > 0 && X.rows.every((k) => k.path.length > 0 && isTestSide(k) && !k.path.some((s) => s.fold !== undefined));
      if (!(testOnly && est && est.k === 'est' && est.cat === 'model' && !est.loaded && est.version)) return this.same(X);
      // The per-fold clones, not the estimator's own earlier fit, made these predictions.
      const clone: EstV = { ...est };
      delete clone.fit; delete clone.fitData; delete clone.fitLabelRows;
      return this.same(X, { pred: { est: clone, version: `cvp:${est.version}` } });
    }
    return this.scalar(this.t(n));
  }

  /** groupby(race)["prob"].transform(lambda s: s / s.sum()): a per-group rescaling of a column of the
   *  model's predictions is still that model's prediction for each row, not a naive baseline. */
  protected keepGroupedPred(d: DataV, out: DataV): void {
    const stored = d.cols?.length === 1 ? d.frame?.predVals?.get(d.cols[0]) : undefined;
    if (stored && !out.pred) out.pred = stored;
  }

  protected metric(fname: string, args: Args, n: SyntaxNode): Val {
    // A list the rows were collected into batch by batch (preds.extend(out.argmax(1))) holds those rows.
    const vals = mapList([...args.pos, ...args.kw.values()], (v) => (v.k === 'seq' && v.items.some((i) => i.k === 'data') ? this.join(v.items, n) : v));
    const datas = vals.filter((v): v is DataV => v.k === 'data');
    const pred = datas.find((d) => d.pred)?.pred;
    const keys = datas.reduce<RowKey[]>((acc, d) => unionKeys(acc, d.rows), []);
    const est = pred?.est ?? vals.find((v): v is EstV => v.k === 'est');
    let version = pred?.version ?? est?.version;
    const held = keys.filter((k) => lastSide(k) === 'test' || lastSide(k) === 'val').map((k) => testSetKey(k));
    // roc_curve(y_test, p) / precision_recall_curve(...): its thresholds come from the held-out rows.
    if (/_curve$/.test(fname) && held.length) {
      const testKey = keys.find((k) => lastSide(k) === 'test');
      for (const t of this.targets) {
        this.curveNames.set(t, held[0]);
        if (testKey && testSetKey(testKey) === held[0]) this.curveTest.set(t, testKey); else this.curveTest.delete(t);
      }
    }
    // f1_score(y_test, p > best) with `best` read off a curve of the same rows: the threshold was
    // chosen on them, another setting of the model than its scores.
    else if (version && held.length && args.node) {
      const cmp = [...this.t(args.node).matchAll(/[<>]=?\s*([A-Za-z_]\w*)/g)].map((m) => m[1]);
      if (cmp.some((c) => this.curveNames.get(c) === held[0])) version += '|threshold chosen on these rows';
    }
    // A naive baseline scored without a model (mean_squared_error(y_test, X_test["lag_1"])): a
    // column of the held-out features taken as the prediction is a setting of its own, compared
    // with the others scored on these rows.
    let baseline: string | undefined;
    const p1 = args.pos[1], p1n = args.posNodes[1];
    // A column of a table of the model's own predictions (a smoothed or post-processed prediction
    // column added beside them) is no naive baseline: it comes from that model.
    const predTable = p1?.k === 'data' && !!p1.frame?.colVals && [...p1.frame.colVals.values()].some((c) => !!c.pred);
    // A blend of a few such columns (0.5 * test["lag_24"] + 0.5 * test["lag_168"], the mean of the
    // last weeks) is a naive baseline as well.
    if (!version && held.length && args.pos.length === 2 && p1 && p1n && p1.k === 'data' && !p1.pred && !!p1.cols?.length && p1.cols.length <= 4 && !predTable
      && args.pos[0]?.k === 'data' && !args.pos[0].cols?.some((c) => p1.cols?.includes(c)) && p1.rows.some((k) => lastSide(k) === 'test' || lastSide(k) === 'val')) {
      // Keyed by the two columns compared, in either order: the same pair scored again with its
      // arguments swapped (mape(pred_col, actual_col) after mse(actual_col, pred_col)) or read
      // through `.values` is the same comparison, not another setting.
      const p0 = args.pos[0], p0n = args.posNodes[0];
      const side = (d: DataV, node: SyntaxNode | undefined): string => d.cols?.length ? `[${[...d.cols].sort().join('+')}]` : (node ? this.t(node) : '?').replace(/\s+/g, '').replace(/\.(values|to_numpy\(\))$/, '');
      version = `baseline:${[side(p0, p0n), side(p1, p1n)].sort().join('~')}`;
      baseline = `\`${this.t(p1n)}\` (${p1.cols.length > 1 ? 'a blend of columns' : 'a column'} of the held-out rows) is taken to be a naive baseline's prediction`;
    }
    // A constant baseline: a statistic of the training rows spread over the held-out rows
    // (`y_train.mean() * np.ones(len(y_test))`, `np.full(n, train.y.median())`) scored as the prediction.
    if (!version && held.length && args.pos.length === 2 && p1 && p1n && p1.k === 'scalar' && p1.prep.length
      && p1.prep.every((f) => f.kind === 'stat' && f.rows.length > 0 && f.rows.every((k) => lastSide(k) === 'train'))) {
      version = `baseline:const:${this.t(p1n).replace(/\s+/g, '')}`;
      baseline = `\`${this.t(p1n)}\` (a statistic of the training rows) is taken to be a constant baseline's prediction`;
    }
    // A literal constant prediction (`[1 for _ in range(len(y_test))]`, `np.zeros(len(y_test))`): an
    // all-one-class baseline, compared with the models scored on the same rows (zz005's call).
    const constPred = !version && held.length > 0 && args.pos.length === 2 && !!p1n && CONST_PREDICTION.test(this.t(p1n).trim());
    if (constPred) {
      version = `baseline:const:${this.t(p1n).replace(/\s+/g, '')}`;
      baseline = `\`${this.t(p1n)}\` (one constant for every held-out row) is taken to be a constant baseline's prediction`;
    }
    // The same, or a random guess (rng.choice([0, 1], size=len(y_test))), bound to a name first.
    const drawnPred = !version && held.length > 0 && args.pos.length === 2 && !!p1 && !!p1n && this.noModelArrays.has(p1);
    if (drawnPred) {
      version = `baseline:drawn:${this.t(p1n).replace(/\s+/g, '')}`;
      baseline = `\`${this.t(p1n)}\` (an array drawn at random or filled with one constant, made by no model) is taken to be a baseline's prediction`;
    }
    this.recordEval(n, fname, keys, est, version, datas, args, baseline);
    // It predicts the label it is scored against: a model of that task only (not of another label's).
    const recorded = this.events.evals[this.events.evals.length - 1];
    if ((constPred || drawnPred) && recorded?.task && !recorded.task.fitLabel) recorded.task.fitLabel = recorded.task.truth;
    let prep: FitEvent[] = [];
    for (const d of datas) prep = unionList(prep, d.prep);
    return this.scalar(fname, prep);
  }

  /**
   * `acc = accuracy_score(y_test, pred)` whose name occurs nowhere else in the document (strings and
   * f-strings included): the score is computed and dropped, so it reports nothing and compares nothing.
   */
  protected unreadName(name: string, stmtText: string): boolean {
    if (!/^[A-Za-z_]\w*$/.test(name) || !bindsFirst(stmtText, name)) return false;
    // Named once in the whole document: only where it is bound; or read only to compute other names
    // nothing reads (`rmse = -scores.mean()` and `rmse` never shown).
    return nameUses(this.chunks, [name]) === 1 || this.feedsOnlyUnread(name, 2);
  }

  /**
   * Out-of-fold predictions (`p = cross_val_predict(...)`) mentioned only where bound and as a column of
   * a stacking frame (`pd.DataFrame({"lr": p, ...})`, `np.column_stack([p, q])`): inputs of a
   * meta-model, not a score of their folds.
   */
  private onlyStacked(name: string): boolean {
    if (!/^[A-Za-z_]\w*$/.test(name)) return false;
    const main = this.ownCode().text;
    // How often the document's own code names it (ownCode's text is those chunks without comment lines).
    const all = nameUses(this.chunks, [name]);
    if (!all || all === Infinity) return false;
    const allowed = main.match(new RegExp(`^[ \\t]*${name}[ \\t]*=(?!=)|^[ \\t]*(['"])[^'"\\n]+\\1[ \\t]*:[ \\t]*${name}[ \\t]*,?[ \\t]*(?:\\}[ \\t]*\\)?)?[ \\t]*$`, 'gm'))?.length ?? 0;
    const stacked = [...main.matchAll(/\b(?:np\.)?column_stack\s*\(([^)]*)\)/g)].reduce((a, m) => a + (m[1].match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0), 0);
    return allowed + stacked === all;
  }

  /**
   * Every mention of `name` in the document's own code is a binding of it or sits on the right of a
   * one-name assignment (`rmse = -scores.mean()`) whose name is itself never read (named once, or only
   * so in turn, `depth` levels down).
   */
  private feedsOnlyUnread(name: string, depth: number): boolean {
    // Asked for every score and search read (a hot path): each name is settled once per analysis.
    const { assigns, byWord } = this.ownCode();
    const key = `${depth}:${name}`;
    const known = this.unreadMemo.get(key);
    if (known !== undefined) return known;
    let word: RegExp | undefined;
    const all = nameUses(this.chunks, [name]);
    let out = !!all && all !== Infinity;
    let allowed = 0;
    for (const i of out ? byWord.get(name) ?? [] : []) {
      const [lhs, rhs] = assigns[i];
      // Compiled only when some assignment names it (most names settle without one).
      const inRhs = rhs.match(word ??= new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
      if (lhs === name) { if (!inRhs) allowed++; continue; }
      if (nameUses(this.chunks, [lhs]) !== 1 && !(depth > 0 && this.feedsOnlyUnread(lhs, depth - 1))) { out = false; break; }
      allowed += inRhs;
    }
    out &&= allowed === all;
    this.unreadMemo.set(key, out);
    return out;
  }

  private unreadMemo = new Map<string, boolean>();
  private ownCodeMemo: { chunks: number; text: string; assigns: [string, string][]; byWord: Map<string, number[]> } | undefined;
  /**
   * The document's own code without comment lines (modules followed into excluded), its one-name
   * assignments, and for each word the assignments that bind it or read it; read again only when chunks
   * were added (`%run` of another notebook while running).
   */
  private ownCode(): { text: string; assigns: [string, string][]; byWord: Map<string, number[]> } {
    const own = this.chunks.filter((c) => c.file === undefined);
    if (this.ownCodeMemo?.chunks !== own.length) {
      const text = own.map((c) => c.text.replace(/^[ \t]*#.*$/gm, '')).join('\n');
      const assigns = [...text.matchAll(/^[ \t]*([A-Za-z_]\w*)[ \t]*=(?!=)(.*)$/gm)].map((m): [string, string] => [m[1], m[2]]);
      const byWord = new Map<string, number[]>();
      const add = (w: string, i: number): void => {
        const list = byWord.get(w);
        if (!list) byWord.set(w, [i]);
        else if (list[list.length - 1] !== i) list.push(i);
      };
      assigns.forEach(([lhs, rhs], i) => {
        add(lhs, i);
        for (const m of rhs.matchAll(/\w+/g)) add(m[0], i);
      });
      this.ownCodeMemo = { chunks: own.length, text, assigns, byWord };
      this.unreadMemo.clear();
    }
    return this.ownCodeMemo;
  }

  /**
   * A search whose name is only bound, fitted, and read into names used nowhere else
   * (`best = gs.best_score_` and nothing more): it reports no score and picks nothing used (zo002).
   */
  protected searchUnread(name: string): boolean {
    if (!/^[A-Za-z_]\w*$/.test(name)) return false;
    const main = this.ownCode().text;
    // How often the document's own code names it (ownCode's text is those chunks without comment lines).
    const all = nameUses(this.chunks, [name]);
    if (!all || all === Infinity) return false;
    // Fitted as a statement of its own (`gs.fit(X, y)` or `gs = gs.fit(X, y)`), its result bound to no other name
    // and nothing chained after it.
    let allowed = (main.match(new RegExp(`^[ \\t]*${name}[ \\t]*=(?!=)`, 'gm'))?.length ?? 0)
      + (main.match(new RegExp(`^[ \\t]*(?:${name}[ \\t]*=[ \\t]*)?${name}[ \\t]*\\.[ \\t]*fit[ \\t]*\\((?![^\\n]*\\)[ \\t]*\\.)`, 'gm'))?.length ?? 0);
    for (const m of main.matchAll(new RegExp(`^[ \\t]*([A-Za-z_]\\w*)[ \\t]*=[ \\t]*${name}[ \\t]*\\.[ \\t]*\\w+[ \\t]*$`, 'gm'))) {
      if (nameUses(this.chunks, [m[1]]) !== 1) return false;
      allowed++;
    }
    return allowed === all;
  }

  protected recordEval(n: SyntaxNode, what: string, keys: RowKey[], est: EstV | undefined, versionIn: string | undefined, datas: DataV[], args: Args, baseline?: string): void {
    let version = versionIn;
    // Inside a helper of another file called with the rows (metric_calc(y_test, pred, "Test")), the
    // helper's own variable names (train_accuracy) are generic: they do not say which rows were scored;
    // the words of the document's call do.
    // So are a helper's of this document that it calls from several places (U9: `fit_score(clf, X_tr, y_tr, X_te,
    // y_te)` and again with the training rows twice): its fixed caption ("test score:") is not the call's.
    const fn = this.callers.length > 0 ? this.runningFunction() : undefined;
    const sharedHelper = !!fn && fn.node.name === 'FunctionDefinition' && this.chunks[fn.chunk]?.file === undefined && nameUses(this.chunks, [fn.name]) >= 3;
    // A helper that cuts the scored rows itself (a backtest's own expanding windows) names the parts it made: its
    // `train_accuracy` on its own training part is a training score, whatever the call's words.
    const ownParts = keys.length > 0 && keys.every((k) => k.path.length > 0 && k.path[k.path.length - 1].split.site.chunk === this.chunkIndex
      && (this.chunks[this.chunkIndex]?.file !== undefined || !!fn && k.path[k.path.length - 1].split.site.from >= fn.node.from && k.path[k.path.length - 1].split.site.to <= fn.node.to));
    const genericNames = this.callers.length > 0 && (this.chunks[this.chunkIndex]?.file !== undefined || sharedHelper) && !ownParts;
    const call = genericNames ? [...this.callers].reverse().find((c) => this.chunks[c.chunk].file === undefined) : undefined;
    const callText = call ? this.chunks[call.chunk].text.slice(call.stmtFrom, call.stmtTo) : '';
    const stmtText = (this.stmt ? this.text.slice(this.stmt.from, this.stmt.to) : '') + '\n' + callText;
    const strings = labelText(stmtText);
    // The name the document's call binds the helper's result to (f1_train = f1(train_y, pred)) is its word too.
    const callTarget = genericNames ? /^\s*([A-Za-z_]\w*)\s*=(?!=)/.exec(callText)?.[1] : undefined;
    const labelledTrain = /train|in.?sample/i.test(strings) || !genericNames && this.targets.some((t) => TRAIN_NAME.test(t) && !TEST_NAME.test(t))
      || callTarget !== undefined && TRAIN_NAME.test(callTarget) && !TEST_NAME.test(callTarget)
      || !genericNames && !/test|hold.?out/i.test(strings) && this.targets.some((t) => this.printedLabel(t) === 'train');
    const labelledHere = (/test|hold.?out/i.test(strings) || !genericNames && this.targets.some((t) => TEST_NAME.test(t) && !TRAIN_NAME.test(t))
      || callTarget !== undefined && TEST_NAME.test(callTarget) && !TRAIN_NAME.test(callTarget)) && !labelledTrain;
    const printedAs = !labelledHere && !labelledTrain && !genericNames ? this.targets.find((t) => this.printedAsTest(t)) : undefined;
    const namedTest = !labelledHere && !labelledTrain && printedAs === undefined ? datas.find((d) => d.pred?.namedTest)?.pred?.namedTest : undefined;
    // Rows of a split's training part scored under a comment that calls them the test data (`# Predict on
    // the test data` above `m.predict(X_train)`): a swapped name, read from the comment, so only assumed.
    const onTrainPart = keys.length > 0 && keys.every((k) => lastSide(k) === 'train');
    const commented = !labelledHere && !labelledTrain && printedAs === undefined && namedTest === undefined && onTrainPart
      ? datas.find((d) => d.pred?.testComment)?.pred?.testComment ?? this.testComment() : undefined;
    const labelled = labelledHere || printedAs !== undefined || namedTest !== undefined || commented !== undefined;
    // A threshold or other setting varied in a loop over one model's predictions is selection too.
    // Every enclosing loop runs once (`for epoch in range(1)`): nothing is varied.
    const runsOnce = this.loopBodies.length > 0 && this.loopBodies.length === this.loopIters.length && this.loopBodies.every((b) => b.single);
    // Labels that change with the loop too (labels[i] == argmax(preds[i]) row by row) walk the rows
    // of one evaluation, not settings.
    const truthVaries = datas.some((d) => !d.pred && d.rows.length > 0) && datas.filter((d) => !d.pred && d.rows.length > 0).every((d) => d.varying);
    if (version && this.inLoop && !runsOnce && !truthVaries && !datas.some((d) => d.resampled) && datas.some((d) => d.varying && d.pred && !d.rows.some((k) => k.path.some((s) => s.fold !== undefined)))) version += '|' + this.iterKey();
    const best = version && est ? this.bestOfRuns(est) : undefined;
    const bestRun = best?.assumed;
    if (bestRun) version += '|run' + this.iterKey();
    // The scored rows are a named part of the held-out set when every labelled (non-prediction)
    // input is that part (the features alone may be a column selection).
    const truth = datas.filter((d) => !d.pred && d.rows.length);
    const heldSubset = truth.length && truth.every((d) => d.heldSubset !== undefined && d.heldSubset === truth[0].heldSubset) ? truth[0].heldSubset : undefined;
    // Which label column the truth is (y_test_a, test["a"]): with the model's own fit label, it tells
    // apart models of different targets scored on the same rows.
    const truthIdx = truth.length ? args.pos.indexOf(truth[0]) : -1;
    // Labels the analysis holds no rows for (a helper's parameter, an array derived from one:
    // y_te_2 = (y_te >= 2).astype(int)) are named by the first argument that is no prediction.
    const scalarTruth = !truth.length ? args.pos.findIndex((a) => a.k === 'scalar') : -1;
    const truthName = truth.length ? labelName(truth[0], truthIdx >= 0 && args.posNodes[truthIdx] ? this.t(args.posNodes[truthIdx]) : undefined)
      : scalarTruth === 0 && args.posNodes[0] && args.pos.some((a) => a.k === 'data' && a.pred) ? labelName(undefined, this.t(args.posNodes[0])) : undefined;
    // Built property by property in the order the fields were always listed: an object literal of
    // conditional spreads costs a runtime copy per spread, and this runs for every evaluation.
    const ev = {} as EvalEvent;
    if (truthName) ev.task = est?.fitLabel ? { truth: truthName, fitLabel: est.fitLabel } : { truth: truthName };
    // Labels that are the column the loop's name picks (actual = test[col] for col in targets): each pass
    // scores another target, so the pass is part of which labels these are.
    if (ev.task && this.inLoop && truth.length && truth.every((d) => d.loopColumn)) ev.task.perPass = this.iterKey();
    ev.site = this.site(n);
    ev.step = this.steps;
    ev.keys = keys;
    if (est) ev.model = est;
    if (version) ev.version = version;
    ev.inLoop = this.inLoop;
    // A part picked by a mask on the loop's value (df[df.year == y] in a walk-forward over years) is
    // another held-out period each pass: a rolling-origin backtest, scored like folds.
    ev.dataVarying = keys.some((k) => k.path.some((s) => s.fold !== undefined || s.split.kind === 'slice' && !!s.split.perPass));
    ev.labelledTest = labelled;
    ev.labelledTrain = labelledTrain;
    ev.what = what;
    ev.argNodes = args.posNodes.map((p) => ({ from: p.from, to: p.to, text: this.t(p) }));
    if (datas.length) ev.data = datas.find((d) => d.pred) ?? datas[0];
    if (!est && datas.length) ev.unknownModelFits = datas.flatMap((d) => d.prep.map((f) => f.id));
    // Predictions kept from before a refit of the same object (`p = m.fit(A).predict(B)`, then `m.fit(B)`)
    // were made by the model as it was fitted then.
    const fitAt = datas.find((d) => d.pred?.est === est && !!d.pred?.fitAt)?.pred?.fitAt;
    if (est) ev.fitState = fitAt ?? { fit: est.fit, fitData: est.fitData, fitLabelRows: est.fitLabelRows, unsupervised: est.unsupervised };
    if (bestRun ?? baseline) ev.assumed = bestRun ?? baseline;
    if (best?.resplit) ev.resplitBest = true;
    if (heldSubset) ev.heldSubset = heldSubset;
    const cutBound = truth.length && truth.every((d) => d.cutBound !== undefined && d.cutBound === truth[0].cutBound) ? truth[0].cutBound : undefined;
    if (cutBound) ev.cutBound = cutBound;
    if (this.branchPath.length) ev.branches = [...this.branchPath];
    if (this.runningUncalled) ev.uncalled = true;
    if (this.runningUnreferenced) ev.unreferenced = true;
    if (!genericNames && this.targets.length === 1 && this.unreadName(this.targets[0], stmtText)) ev.unread = true;
    if (printedAs !== undefined) ev.labelAssumed = `\`${printedAs}\` is taken to be reported as a test score by a later print that labels it so`;
    if (namedTest !== undefined) ev.labelAssumed = `the predictions scored are bound to \`${namedTest}\`, a name taken to call them test predictions`;
    if (commented !== undefined) ev.labelAssumed = `the comment \`${commented}\` is taken to say this is the test result`;
    this.events.evals.push(ev);
  }

  /**
   * Runs of one unseeded stochastic model built anew in each pass of a loop (`for i in range(10):
   * rf = RandomForestClassifier(); ...`), each scored, with the best run kept (`max(scores)`,
   * `if acc > best:`): every run is another model, and keeping the best chooses among them. Returns
   * what was assumed, for the finding.
   */
  protected bestOfRuns(est: EstV): { assumed: string; resplit: boolean } | undefined {
    const lb = this.loopBodies[this.loopBodies.length - 1];
    if (!lb || est.loaded || est.varying) return undefined;
    // The model fitted in each pass on the training part of an unseeded random split made in the loop:
    // every pass is another model (other training rows), scored on its own test part.
    const resplit = !!est.fitData && est.fitData.rows.some((k) => {
      const st = k.path[k.path.length - 1];
      return !!st && st.side === 'train' && st.split.kind === 'tts' && st.split.shuffle && !st.split.seeded && st.fold === undefined && st.split.id > lb.startId;
    });
    if (!resplit && (est.id <= lb.startId || !STOCHASTIC_MODEL.test(est.cls) || /random_state|seed/.test(est.params))) return undefined;
    let how: string | undefined;
    if (lb.text.split('\n').some((line) => /\w*best\w*/i.test(line) && /[<>]|\bmax\(|\bmin\(/.test(line))) how = 'a running best';
    for (const m of lb.text.matchAll(/(\w+)\.append\(/g)) {
      if (how) break;
      const name = m[1];
      if (this.reducedSomewhere(name)) how = `the best of \`${name}\``;
    }
    if (!how) return undefined;
    return { resplit, assumed: resplit ? `each pass fits \`${est.cls}\` on another random split made in the loop with no fixed seed and is taken to be a different model, and ${how} keeps the one whose test part scored best`
      : `each run of the unseeded \`${est.cls}\` built in the loop is taken to be a different model, and ${how} keeps one` };
  }

  /**
   * Some code of the analysis (any chunk) takes the best of the list `name` (`max(name)`,
   * `name.index(max(...))`, `name.sort()`). Memoised per name and chunk count (chunks are only
   * appended): evaluations in loops asked this for every score, each a scan of the whole document.
   */
  private reducedSomewhere(name: string): boolean {
    const key = `${this.chunks.length}:${name}`;
    let hit = this.reducedMemo.get(key);
    if (hit === undefined) {
      const reduce = new RegExp(`\\b(max|min|argmax|argmin|amax|amin|nanmax|nanmin|nanargmax|nanargmin|sorted)\\(\\s*(np\\.array\\(\\s*)?${name}\\b|\\b${name}\\s*\\.\\s*(index\\(\\s*(max|min)\\b|sort\\(|idxmax|idxmin|sort_values)`);
      hit = this.chunks.some((ch) => reduce.test(ch.text));
      this.reducedMemo.set(key, hit);
    }
    return hit;
  }
  private reducedMemo = new Map<string, boolean>();

  /**
   * The score bound to `name` is printed later under a test label (`acc = ev.evaluate(p)` then
   * `print("Test Accuracy = %s" % acc)`): it is presented as the held-out result.
   */
  /** The comment line just above the current statement, when it speaks of test or held-out data and not of training. */
  protected testComment(): string | undefined {
    if (!this.stmt) return undefined;
    const before = this.text.slice(Math.max(0, this.stmt.from - 300), this.stmt.from);
    const lines = before.split('\n');
    if (lines.length < 2 || lines[lines.length - 1].trim()) return undefined;
    const c = lines[lines.length - 2].trim();
    return c.startsWith('#') && /\b(test|testing)\b|hold.?out|held.?out/i.test(c) && !/train|in.?sample|fit/i.test(c) ? c.replace(/\s+/g, ' ').slice(0, 60) : undefined;
  }

  protected printedAsTest(name: string): boolean { return this.printedLabel(name) === 'test'; }

  /** How a later print labels the score bound to `name`: as a test score, as a training score, or not at all. */
  protected printedLabel(name: string, testWords = /test|hold.?out/i): 'test' | 'train' | undefined {
    if (!/^\w+$/.test(name)) return undefined;
    const from = this.stmt ? this.stmt.to : 0;
    const key = `${this.chunkIndex}:${from}:${name}:${testWords.source}`;
    if (this.printedMemo.has(key)) return this.printedMemo.get(key);
    const uses = new RegExp(`\\b${name}\\b`);
    // Until the name is bound again (a later score under the same name is another score).
    const rebound = new RegExp(`^\\s*\\(?\\s*(\\w+\\s*,\\s*)*${name}\\s*(,\\s*\\w+\\s*)*\\)?\\s*=[^=]`);
    let found: 'test' | 'train' | undefined;
    scan: for (let c = this.chunkIndex; c < this.chunks.length; c++) {
      const text = c === this.chunkIndex ? this.text.slice(from) : this.chunks[c].text;
      // Only lines that contain the name can rebind it or print it: visit those, in order.
      for (let at = text.indexOf(name); at >= 0;) {
        let end = text.indexOf('\n', at);
        if (end < 0) end = text.length;
        const line = text.slice(text.lastIndexOf('\n', at) + 1, end);
        at = text.indexOf(name, end);
        if (rebound.test(line)) break scan;
        if (!/\bprint\b/.test(line) || !uses.test(line)) continue;
        const strs = labelText(line);
        const test = testWords.test(strs), train = /train|in.?sample/i.test(strs);
        if (test !== train) { found = test ? 'test' : 'train'; break scan; }
      }
    }
    this.printedMemo.set(key, found);
    return found;
  }
  private printedMemo = new Map<string, 'test' | 'train' | undefined>();

  protected modelVersion(est: EstV, X: DataV, untracked = false, xText?: string): string {
    // Same constructor call, same arguments, same training data: the same model, even when the
    // line runs again in a later loop iteration; arguments that vary per iteration make it new.
    const varying = est.varying || est.steps.some((s) => s.varying) || this.searchTrials > 0;
    // A notebook that repeats its model and training cells verbatim (a recap re-running the
    // chapter's model) builds the same model at the same place of the same code: the constructor
    // is placed in the first copy of its cell. What it is trained on is the same data value, or,
    // when training is given no dataset the analysis follows (trainer.train(n_epochs)), the same
    // training cell.
    const recap = untracked && !!est.site && !est.loaded && this.inRepeatedRun(est.site.chunk) && this.inRepeatedRun(this.chunkIndex);
    // The same constructor, written out with literal arguments only, refitted on the same rows and
    // columns (a notebook re-running its model cell after a fix): the same model, not another setting.
    const ctor = !recap && !varying && !this.inLoop && !this.callers.length && !est.loaded && !est.steps.length && est.site && est.cat === 'model' && REFIT_SAME_SPEC.test(est.cls)
      ? this.chunks[est.site.chunk].text.slice(est.site.from, est.site.to).replace(/\s+/g, '') : undefined;
    const spec = ctor !== undefined && xText !== undefined && /^[A-Za-z_]\w*$/.test(xText) && LITERAL_CTOR.test(ctor) && !X.dup.length && !X.resampled && !X.varying && !X.pred ? ctor : undefined;
    // A model built inside a helper (def build(units): return Sequential(...)) is another setting for each
    // call written otherwise (build(16), build(64)); the same call text builds the same model.
    const via = !spec && est.site?.callers?.length && !est.loaded ? '>' + est.site.callers.map((c) => this.chunks[c.chunk].text.slice(c.from, c.to).replace(/\s+/g, '')).join('>') : '';
    const origin = spec ? `spec:${spec}` : est.site && !est.loaded ? `${recap ? this.firstCopy(est.site.chunk) : est.site.chunk}:${est.site.from}${via}` : `#${est.id}`;
    const data = spec ? `${xText}:${this.trainingPrint(X)}` : recap ? `cell${this.firstCopy(this.chunkIndex)}` : `${X.id}`;
    // Steps passed in by name (make_pipeline(sc, model) for sc in [StandardScaler(), MinMaxScaler()]):
    // which step objects the pipeline holds is part of its setting.
    const steps = est.steps.length ? '|' + mapList(est.steps, (s) => (s.site && !s.loaded ? `${recap ? this.firstCopy(s.site.chunk) : s.site.chunk}:${s.site.from}` : `#${s.id}`)).join(',') : '';
    // The class is part of it: one constructor call `cls()` over a list of classes builds another model per class.
    return `${origin}|${est.cls}|${est.params}${steps}|${data}${varying ? '|' + this.iterKey() : ''}`;
  }

  /** Which rows, columns and fitted statistics a training matrix holds (not which value object it is). */
  protected trainingPrint(X: DataV): string {
    const rows = mapList(X.rows, (k) => `${k.root.id}:${mapList(k.path, (s) => `${s.split.id}${s.side}${s.fold ?? ''}`).join('/')}`).join(',');
    const f = X.feat;
    const feat = f ? `${f.mode}:${[...f.cols].sort().join(',')}:${[...f.removedAtSelection].sort().join(',')}:${f.parts?.length ?? 0}` : '';
    return `${rows}|${X.frame?.id ?? ''}|${mapList(X.prep, (p) => String(p.id)).join(',')}|${feat}|${(X.cols ?? []).join(',')}`;
  }

  private copies: { first: number[]; count: Map<number, number> } | undefined;
  /** The first notebook cell whose code is the same as this chunk's (itself when none is earlier). */
  protected firstCopy(chunk: number): number {
    if (!this.copies) {
      const at = new Map<string, number>();
      const count = new Map<number, number>();
      const first = this.chunks.map((c, i) => {
        if (c.cell === undefined || c.file !== undefined) return i;
        const key = c.text.trim();
        if (key.length < 20) return i;
        const f = at.get(key) ?? i;
        at.set(key, f);
        count.set(f, (count.get(f) ?? 0) + 1);
        return f;
      });
      this.copies = { first, count };
    }
    return this.copies.first[chunk] ?? chunk;
  }
  /**
   * The notebook cell's code appears verbatim in another cell, and so does the code cell before it,
   * in the same order (the model-building cell repeated with the training cell).
   */
  protected inRepeatedRun(chunk: number): boolean {
    const first = this.firstCopy(chunk);
    if ((this.copies!.count.get(first) ?? 0) < 2 || chunk < 1) return false;
    const prev = this.firstCopy(chunk - 1);
    if (first !== chunk) return first > 0 && prev === this.firstCopy(first - 1) && prev !== chunk - 1;
    // The first copy: some later copy of this cell follows a copy of the cell before this one.
    for (let i = chunk + 1; i < this.chunks.length; i++) if (this.firstCopy(i) === chunk && this.firstCopy(i - 1) === prev && i - 1 !== prev) return true;
    return false;
  }

  protected estOf(obj: Val, method: string, n: SyntaxNode): EstV | undefined {
    if (obj.k === 'est') return obj;
    // Prophet's make_future_dataframe on a model this document fitted.
    if (obj.k === 'scalar' && method === 'make_future_dataframe') return this.unkToEst.get(obj);
    if (obj.k === 'scalar' && /^(fit|fit_transform|fit_predict|predict|predict_proba|score|evaluate|transform|fit_resample|partial_fit|train|decision_function|fit_on_texts|texts_to_sequences|set_params)$/.test(method)) {
      let est = this.unkToEst.get(obj);
      if (!est) {
        const byName = !obj.loaded && (/scaler|imputer|encoder|pca|vectori[sz]er|tokenizer|selector|transformer/i.test(obj.name) || /(^|[^a-z])(ohe|onehot|one_hot)([^a-z]|$)/i.test(obj.name));
        const cat: EstimatorCategory = byName ? 'transformer' : 'model';
        est = { k: 'est', id: ++this.ids, cls: obj.name, cat, site: this.site(n), params: obj.name, steps: [], prepFits: [], loaded: !!obj.loaded,
          ...(byName ? { assumed: `\`${obj.name}\` is taken to be a fitted transformer by its name` } : {}) };
        // A model returned by an unknown factory from settings that change per iteration (builder(params)).
        if (obj.varying && this.inLoop) est.varying = true;
        this.unkToEst.set(obj, est);
      }
      return est;
    }
    return undefined;
  }

  /** Data written to a file: by path when the path is a literal (a file read back later in the document is an intermediate, not its output). */
  protected noteWrite(path: string | undefined): void {
    if (path === undefined) this.events.writesData = true;
    else this.events.written.add(path);
  }

  /** The key written to, by file name (`*\/features.npy`): that key, or '' once two keys share the name. */
  private fileNames = new Map<string, string>();
  /**
   * The key of a file argument: a literal path, or `*<expression>*\/<name>` for a path built around a literal file name
   * (os.path.join(out_dir, "features.npy"), DATA_DIR + "/train.csv", Path(d) / "x.csv"). Notebooks save
   * an intermediate under one directory expression and read it back under another; the file name is
   * what they share. A path that changes with the enclosing loop names no one file.
   */
  protected fileKey(v: Val | undefined, node: SyntaxNode | undefined): string | undefined {
    // One file by any separators: a Windows directory literal joined with "/" by os.path.join.
    if (v?.k === 'const') return v.str?.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
    if (!v || !node || v.varying && this.inLoop) return undefined;
    const text = this.t(node);
    const name = /(["'])(?:[^"'{}\n]*[\\/])?([^"'{}\n\\/]+\.\w{2,8})\1\s*\)?\s*$/.exec(text)?.[2];
    // Keyed by the expression too: the same name joined to two directory expressions is two files.
    return name !== undefined ? `*${text.replace(/\s+/g, '')}*/${name}` : undefined;
  }
  /** Data written to a file (a literal path or a key from `fileKey`). */
  protected writeFile(key: string | undefined, d: DataV | undefined): void {
    this.noteWrite(key);
    if (key === undefined) return;
    if (d) this.files.set(key, d);
    const base = fileBase(key);
    const prev = this.fileNames.get(base);
    this.fileNames.set(base, prev === undefined || prev === key ? key : '');
  }
  /**
   * Data this document wrote to the file a read names: by its path, else by its file name when one path
   * had it and either side was built around the name (two literal paths must match).
   */
  protected readFile(key: string | undefined): DataV | undefined {
    if (key === undefined) return undefined;
    const byName = this.fileNames.get(fileBase(key));
    const k = this.files.has(key) ? key : byName && (key.startsWith('*') || byName.startsWith('*')) ? byName : undefined;
    const d = k ? this.files.get(k) : undefined;
    if (d) { this.events.readBack.add(k!); this.events.readBack.add(key); }
    return d;
  }

  /**
   * Held-out data handed to training as validation data: Keras `fit(..., validation_data=)`,
   * a tuner's `search(..., validation_data=)`, the gradient-boosting libraries' `eval_set=`,
   * `valid_sets=`, `evals=`. Selection on them (early stopping, best checkpoint, a search) uses
   * those rows to choose.
   */
  protected noteTrainingEval(method: string, args: Args, n: SyntaxNode, receiver?: Val): void {
    // PyTorch Lightning's trainer.fit(model, train_loader, val_loader): the third argument is val_dataloaders,
    // run every epoch as Keras runs validation_data (the trainer's callbacks choose on it).
    const lightning = method === 'fit' && receiver?.k === 'scalar' && /(^|\.)Trainer\(/.test(receiver.name);
    if (lightning && !args.kw.has('val_dataloaders') && args.pos[2] && args.posNodes[2]) {
      args = { ...args, kw: new Map([...args.kw, ['val_dataloaders', args.pos[2]]]), kwNodes: new Map([...args.kwNodes, ['val_dataloaders', args.posNodes[2]]]) };
    }
    if (args.kw === NO_ARGS.kw) return;
    // Keras fit(X, y, validation_split=0.2) holds out the last rows of X: rows duplicated or
    // synthesised beforehand (SMOTE appends its samples at the end) are copies of training rows.
    const vs = method === 'fit' ? args.kwNodes.get('validation_split') : undefined;
    if (vs) this.events.validationSplit = true;
    // fit({name: df[name] for name in feature_names}, y, validation_split=0.2): a multi-input model (DeepCTR,
    // Keras named inputs) given a dict of columns is given those columns' rows.
    const p0 = args.pos[0];
    const X0 = vs && p0?.k === 'seq' && p0.items.length && p0.items.every((i) => i.k === 'data') ? this.join(p0.items, n) : p0;
    if (vs && X0 && X0.k === 'data' && (X0.dup.length || X0.prep.length) && X0.rows.length) {
      const split: Split = { id: ++this.ids, site: this.site(vs), kind: 'tts', shuffle: false, names: ['validation_split'] };
      // With no callback (early stopping, best checkpoint) the held-out rows choose nothing: their
      // val_ metrics matter only if they are read as the result, which is guessed.
      const assumed = args.kw.has('callbacks') ? undefined : 'the val_ metrics of this validation split are read as a result (no callback chooses an epoch on them)';
      // A callback that picks the epoch there, with the val_ metrics never read, only tunes the fit,
      // as a search whose score is never reported does (the detector drops it when a clean part is scored).
      const valUnread = !this.chunks.some((ch) => /\[\s*['"]val_\w+['"]\s*\]/.test(ch.text));
      for (const du of X0.dup) {
        if (X0.rows.some((k) => covers(du.rows, k)) && !this.events.dupLeaks.some((l) => l.dup === du)) this.events.dupLeaks.push({ dup: du, split, ...(assumed ? { assumed } : {}), ...(valUnread ? { valUnread } : {}) });
      }
      // A statistic fitted on all of X (a tokenizer, a scaler) saw the rows Keras holds out as
      // validation, whose val_ metrics are the reported score when no test set exists.
      // Its val_ metrics never read and every callback watching a training metric (EarlyStopping(monitor="loss")):
      // the held-out tail is neither scored nor chosen on, so nothing evaluated saw the statistic (zv012).
      const unwatched = valUnread && this.callbacksWatchTrainingOnly(args);
      for (const f of X0.prep) {
        if (unwatched) break;
        if (f.serving || f.onLabel || f.vocabulary || !X0.rows.every((k) => covers(f.rows, k))) continue;
        const k0 = X0.rows[0];
        this.recordPrepLeak(f, { root: k0.root, path: [...k0.path, { split, side: 'val' }] }, 'split', split);
      }
    }
    // fit(X, y, validation_split=0.2, callbacks=[EarlyStopping(...)]) with the history's val_ metrics
    // read: Keras's held-out tail chooses the epoch, and its logged score is shown. That counts only
    // when it is the only held-out set (the detector checks that nothing else held out is scored).
    if (vs && X0 && X0.k === 'data' && X0.rows.length && (this.callbacksSelect(args) || SELECTS_ON_VALIDATION.test(args.node ? this.t(args.node) : ''))
      && this.chunks.some((ch) => /\[\s*['"]val_\w+['"]\s*\]/.test(ch.text))) {
      const split: Split = { id: ++this.ids, site: this.site(vs), kind: 'tts', shuffle: false, names: ['validation_split'] };
      this.events.trainEvals.push({ site: this.site(vs), keys: X0.rows.map((k) => ({ root: k.root, path: [...k.path, { split, side: 'val' as const }] })), via: 'validation_split', selects: true });
    }
    for (const via of TRAINING_EVAL_KWS) {
      const v = args.kw.get(via);
      if (!v) continue;
      const d = this.join([v], n);
      let keys: RowKey[] = [];
      let assumed: string | undefined;
      if (d.k === 'data') keys = d.rows.filter((k) => isTestSide(k) && !k.path.some((s) => s.fold !== undefined));
      else {
        // Arrays this analysis could not follow (images loaded file by file, a helper's return),
        // named as the test set (validation_data=(x_test, y_test)): taken as the test set by name.
        const node = args.kwNodes.get(via);
        const first = node ? /^[\s([]*([A-Za-z_]\w*)/.exec(this.t(node))?.[1] : undefined;
        if (first && TEST_NAME.test(first) && !TRAIN_NAME.test(first) && !VAL_NAME.test(first)) {
          keys = [{ root: this.newRoot(first, 'test'), path: [] }];
          assumed = `\`${first}\` is taken to hold test data by its name`;
        }
      }
      // validation_data=(X[n:], y[n:]): the tail of an unnamed positional cut of the training rows,
      // handed straight to training, is a validation part (nothing names it a test set); it counts
      // only as the guide's validation rule says (selecting on it and reporting it).
      const kwText = args.kwNodes.get(via) ? this.t(args.kwNodes.get(via)!) : '';
      if (![...kwText.matchAll(/[A-Za-z_]\w*/g)].some((m) => TEST_NAME.test(m[0]) && !TRAIN_NAME.test(m[0]))) {
        keys = keys.map((k) => {
          const last = k.path[k.path.length - 1];
          return last?.split.cut && last.side === 'test' ? { root: k.root, path: [...k.path.slice(0, -1), { ...last, side: 'val' as const }] } : k;
        });
      }
      // validation_data=(X_train, y_train): the rows the model is fitted on, handed back as its
      // validation set; its val_ metrics, when read, are training scores under a held-out name.
      const X0 = args.pos[0];
      const trainPart = (k: RowKey): boolean => k.path.length > 0 && k.path[k.path.length - 1].side === 'train' && k.path[k.path.length - 1].split.kind === 'tts' && k.path[k.path.length - 1].fold === undefined;
      if (via === 'validation_data' && method === 'fit' && d.k === 'data' && X0?.k === 'data' && d.rows.length > 0 && d.rows.every(trainPart)
        && d.rows.some((k) => X0.rows.some((r) => r.root === k.root && r.path.length === k.path.length && r.path.every((st, i) => st.split === k.path[i].split && st.side === k.path[i].side)))
        && this.chunks.some((ch) => /\[\s*['"]val_\w+['"]\s*\]/.test(ch.text))) {
        const last = d.rows[0].path[d.rows[0].path.length - 1];
        this.events.trainAsVal.push({ site: this.site(args.kwNodes.get(via) ?? n), split: last.split });
      }
      // trainer.test(model, loader) is not followed as a score, so a Lightning validation part would look
      // like the only held-out set: only the test set handed to fit counts there.
      if (lightning) keys = keys.filter((k) => lastSide(k) === 'test');
      if (!keys.length) continue;
      const argText = args.node ? this.t(args.node) : '';
      // Early stopping set in the model's constructor (LGBMRegressor(early_stopping_rounds=50)) selects too.
      const ctor = receiver && receiver.k === 'est' ? receiver.cls + this.withSpreadDicts(receiver.params) : lightning && receiver?.k === 'scalar' ? receiver.name : '';
      // CatBoost keeps the best iteration on eval_set by default (use_best_model defaults to True with an eval set).
      const catBest = via === 'eval_set' && !!receiver && receiver.k === 'est' && /CatBoost/.test(receiver.cls) && !/use_best_model\s*=\s*False/.test(argText + ctor);
      const off = (t: string): string => t.replace(/use_best_model\s*=\s*False/g, '');
      // pytorch-tabnet early-stops on the last eval_set and restores the best epoch's weights unless patience=0
      // (used below only for what reaches the model; the multi-test reading of a selecting set is left as it was).
      const tabBest = via === 'eval_set' && !!receiver && receiver.k === 'est' && /^TabNet/.test(receiver.cls) && !/patience\s*=\s*0\b/.test(argText);
      const selects = method === 'search' || SELECTS_ON_VALIDATION.test(off(argText)) || SELECTS_ON_VALIDATION.test(off(ctor)) || this.callbacksSelect(args) || catBest;
      // Category codes or a vocabulary learnt from these held-out rows alone, which then choose the kept epoch:
      // the model is steered by rows coded otherwise than its training rows.
      if ((selects || tabBest) && d.k === 'data') for (const f of d.prep) if (f.codes || f.vocabulary && !f.onLabel) this.events.modelInputFits.add(f.id);
      this.events.trainEvals.push({ site: this.site(args.kwNodes.get(via) ?? n), keys, via, selects, ...(assumed ? { assumed } : {}) });
    }
  }

  /**
   * Hugging Face `Trainer(..., eval_dataset=ds["test"])`: the set is scored while training runs;
   * `load_best_model_at_end` / early stopping choose the checkpoint on it, and `trainer.evaluate()`
   * then reports on it.
   */
  protected noteTrainerEval(args: Args): void {
    const v = args.kw.get('eval_dataset');
    const node = args.kwNodes.get('eval_dataset');
    if (!v || !node) return;
    const d = this.join([v], node);
    let keys = d.k === 'data' ? d.rows.filter((k) => isTestSide(k) && !k.path.some((s) => s.fold !== undefined)) : [];
    let assumed: string | undefined;
    const text = this.t(node);
    if (!keys.length) {
      if (!(TEST_NAME.test(text) || VAL_NAME.test(text)) || TRAIN_NAME.test(text)) return;
      keys = [{ root: this.newRoot(text, TEST_NAME.test(text) ? 'test' : 'val'), path: [] }];
      assumed = `\`${text}\` is taken to hold ${TEST_NAME.test(text) ? 'test' : 'validation'} data by its name`;
    }
    // TrainingArguments are usually built once, elsewhere in the document.
    const selects = /EarlyStoppingCallback/.test(args.node ? this.t(args.node) : '') || this.chunks.some((ch) => /load_best_model_at_end['"]?\s*[=:]\s*True/.test(ch.text));
    // With the default TrainingArguments (no evaluation strategy) trainer.train() never scores eval_dataset;
    // only an explicit trainer.evaluate() does, and that call is recorded where it is made.
    if (!selects && !this.chunks.some((ch) => TRAINER_EVALUATES.test(ch.text))) return;
    // Scored once per epoch in a run of one epoch, with no checkpoint chosen: the one score is of the
    // final model, the same model trainer.evaluate() then scores; nothing is watched or chosen.
    if (!selects && this.chunks.some((ch) => /\bnum_train_epochs['"]?\s*[=:]\s*1(?:\.0)?\b/.test(ch.text)) && !this.chunks.some((ch) => /\bnum_train_epochs['"]?\s*[=:]\s*(?!1(?:\.0)?\b)\d/.test(ch.text))
      && this.chunks.every((ch) => !/\beval_steps['"]?\s*[=:]|\b(?:eval_strategy|evaluation_strategy)['"]?\s*[=:]\s*(?!['"]epoch['"]|IntervalStrategy\.EPOCH\b)/.test(ch.text))) return;
    this.events.trainEvals.push({ site: this.site(node), keys, via: 'eval_dataset', selects, ...(assumed ? { assumed } : {}) });
  }
  /** What each Hugging Face Trainer was given as eval_dataset (what `trainer.evaluate()` scores). */
  private trainerEvalData = new WeakMap<EstV, DataV>();

  /**
   * Constructor arguments with each `**name` followed by the text of the dict literal last bound to
   * `name` (`params = {"early_stopping_rounds": 10, ...}` then `LGBMClassifier(**params)`).
   */
  private withSpreadDicts(params: string): string {
    let out = params;
    for (const m of params.matchAll(/\*\*([A-Za-z_]\w*)/g)) {
      const bind = new RegExp(`(?:^|\\n)[ \\t]*${m[1]}\\s*=\\s*(?:dict\\(|\\{)`, 'g');
      let lit = '';
      for (const ch of this.chunks) {
        for (const b of ch.text.matchAll(bind)) {
          let depth = 0, i = b.index! + b[0].length - 1;
          for (; i < ch.text.length; i++) {
            const c = ch.text[i];
            if (c === '{' || c === '(' || c === '[') depth++;
            else if ((c === '}' || c === ')' || c === ']') && --depth === 0) break;
          }
          lit = ch.text.slice(b.index!, i + 1).replace(/#[^\n]*/g, '');
        }
      }
      out += ' ' + lit;
    }
    return out;
  }

  /**
   * One call that scores many models on the rows it is given and ranks them: an AutoML leaderboard
   * (AutoGluon's `predictor.leaderboard(test_data)`, every model it trained scored on those rows) and
   * lazypredict's `LazyClassifier().fit(X_train, X_test, y_train, y_test)` (dozens of default models
   * ranked by their score on `X_test`).
   */
  private noteLeaderboard(obj: Val, method: string, args: Args, n: SyntaxNode): void {
    let datas: Val[] = [];
    let what = '';
    if (method === 'leaderboard') {
      datas = [args.pos[0] ?? args.kw.get('data') ?? args.kw.get('test_data')].filter((d): d is Val => !!d);
      what = 'leaderboard';
    } else if (method === 'fit' && obj.k === 'est' && /^Lazy(Classifier|Regressor)$/.test(obj.cls) && args.pos.length >= 4) {
      datas = [args.pos[1], args.pos[3]];
      what = `${obj.cls}.fit`;
    }
    // MLflow runs ranked by a metric their logging steps named a test score (`search_runs(order_by=
    // ["metrics.test_rmse ASC"])`): the run taken first is the model chosen by its test score (V18).
    if (method === 'search_runs') {
      const order = args.kwNodes.get('order_by');
      const metric = order ? /\bmetrics\.(\w+)/.exec(this.t(order))?.[1] : undefined;
      if (metric && LOGGED_TEST_METRIC.test(metric)) this.events.leaderboards.push({ site: this.site(n), keys: [], what: 'search_runs', logged: `metrics.${metric}` });
      return;
    }
    const rows = datas.filter((d): d is DataV => d.k === 'data').reduce<RowKey[]>((acc, d) => unionKeys(acc, d.rows), []);
    if (rows.some(isTestSide)) this.events.leaderboards.push({ site: this.site(n), keys: rows, what });
  }

  /** callbacks=[es, ckpt] bound earlier: their constructors name EarlyStopping / ModelCheckpoint(save_best_only). */
  /** Callbacks are given and each one that chooses an epoch names a training metric to watch (monitor="loss"). */
  private callbacksWatchTrainingOnly(args: Args): boolean {
    const cb = args.kw.get('callbacks');
    if (!cb) return false;
    const items = cb.k === 'seq' ? cb.items : [cb];
    const text = (i: Val): string | undefined => (i.k === 'est' ? i.cls + i.params : i.k === 'scalar' ? i.name : undefined);
    return items.length > 0 && items.every((i) => {
      // A callback class of the project's own (a progress printer) watches nothing held out unless its code
      // reads a validation metric, stops the training or keeps weights.
      if (i.k === 'obj') return ![...i.cls.methods.values()].some((f) => /val|stop_training|save|weights|best/i.test(this.chunks[f.chunk]?.text.slice(f.node.from, f.node.to) ?? 'val'));
      const t = text(i);
      return t !== undefined && (!SELECTS_ON_VALIDATION.test(t) || /\bmonitor\s*=\s*['"](?!val)\w+['"]/.test(t) && !/['"]val_/.test(t));
    });
  }

  private callbacksSelect(args: Args): boolean {
    const cb = args.kw.get('callbacks');
    if (!cb) return false;
    const items = cb.k === 'seq' ? cb.items : [cb];
    return items.some((i) => i.k === 'scalar' && SELECTS_ON_VALIDATION.test(i.name) || i.k === 'est' && SELECTS_ON_VALIDATION.test(i.cls + i.params));
  }

  protected callMethod(obj: Val, method: string, args: Args, n: SyntaxNode, objNode: SyntaxNode | null): Val {
    this.noteTrainingEval(method, args, n, obj);
    this.noteLeaderboard(obj, method, args, n);
    if (this.spark) { const r = this.sparkMethod(obj, method, args, n, objNode); if (r) return r; }
    if (PYCARET_CALLS.test(method) && (obj.k === 'est' ? /^(Classification|Regression)Experiment$/.test(obj.cls) : obj.k === 'scalar' && /(Classification|Regression)Experiment\(/.test(obj.name))) return this.pycaretCall(method, args, n);
    const est = this.estOf(obj, method, n);
    if (est) { this.estCallNode = n; return this.estMethod(est, method, args, n); }
    // darts: `train, val = series.split_before(0.8)` (or split_after): a chronological cut into a
    // head and a held-out tail, named by the names it is bound to.
    if (obj.k === 'data' && (method === 'split_before' || method === 'split_after') && this.targets.length === 2) {
      const split: Split = { id: ++this.ids, site: this.site(n), kind: 'slice', shuffle: false, names: this.targets.slice() };
      this.onSplit(split, [obj]);
      const tail = this.targets[1];
      const side: Side = VAL_NAME.test(tail) && !TEST_NAME.test(tail) ? 'val' : 'test';
      return { k: 'seq', items: [this.withStep(obj, split, 'train'), this.withStep(obj, split, side)] };
    }
    switch (obj.k) {
      case 'mod': return this.callQualified(obj.q + '.' + method, method, args, n);
      case 'data': return this.dataMethod(obj, method, args, n);
      case 'seq': {
        if (method === 'items') return { k: 'seq', items: obj.items.map((it, i) => ({ k: 'seq', items: [{ k: 'const', text: obj.keys?.[i] ?? 'k', str: obj.keys?.[i] } as ConstV, it] } as SeqV)) };
        if (method === 'values') return { k: 'seq', items: obj.items };
        if (method === 'keys') return { k: 'seq', items: (obj.keys ?? []).map((k) => ({ k: 'const', text: k ?? 'k', str: k } as ConstV)) };
        // names.copy(): the same items in a new list (appends to the copy leave the original as it was).
        if (method === 'copy' && !args.pos.length && !args.kw.size) return { ...obj, items: [...obj.items], ...(obj.keys ? { keys: [...obj.keys] } : {}) };
        // cols = list(df.columns); cols.remove("price") (or a set's discard): the name is no longer in the list;
        // a name not known for certain takes nothing out.
        if ((method === 'remove' || method === 'discard') && !obj.keys && args.pos.length === 1) {
          const name = constStrings(args.pos[0]);
          const at = name.length === 1 ? obj.items.findIndex((x) => x.k === 'const' && x.str === name[0]) : -1;
          if (at >= 0) obj.items.splice(at, 1);
          return this.scalar('None');
        }
        if (method === 'append' || method === 'extend' || method === 'add') {
          // Items collected in a loop (one frame per file, per batch) are different rows each time.
          const a0 = args.pos[0];
          let item = a0 && this.inLoop ? a0.k === 'data' ? this.same(a0, { varying: true }) : a0.k === 'scalar' ? { ...a0, varying: true } : a0 : a0;
          // for c in cols: if p < 0.05: keep.append(c): a column name kept because a statistic passed a test.
          // Only in a single loop over the names: a nested pair loop (`if abs(df[c].corr(df[o])) > 0.9`) is a
          // label-free collinearity screen (g021), not a relevance test of each column against one target.
          const chosenBy = this.condPreps.length && this.loopIters.length === 1 ? this.condPreps.reduce<FitEvent[]>((acc, p) => unionList(acc, p), []) : [];
          if (chosenBy.length && item?.k === 'const' && item.str !== undefined) item = { ...this.scalar(item.str, chosenBy, [], true), chosen: true };
          else if (chosenBy.length && item?.k === 'scalar' && !item.allCols) item = { ...item, prep: unionList(item.prep, chosenBy), chosen: true };
          if (item) obj.items.push(method === 'extend' && item.k === 'seq' ? this.join(item.items, n) : item);
          return this.scalar('None');
        }
        if (method === 'split') {
          return this.scalar(method);
        }
        return this.join([obj, ...args.pos], n);
      }
      case 'scalar': {
        if (obj.allCols) {
          const all = obj.allCols;
          if (method === 'remove' || method === 'discard') { all.removed.push(...args.pos.flatMap(constStrings)); return this.scalar('None'); }
          if (method === 'tolist' || method === 'to_list' || method === 'copy' || method === 'to_numpy') return { ...this.scalar(obj.name), allCols: { ...all, removed: [...all.removed] } };
          if (method === 'intersection') return this.columnsWithin(obj, args.pos);
          if (method === 'drop' || method === 'difference') {
            const strs = [...args.pos, ...args.kw.values()].flatMap(constStrings);
            return { ...this.scalar(obj.name), allCols: { ...all, removed: [...all.removed, ...strs] } };
          }
        }
        if (obj.pending) {
          // polars expression: statistics wait for the frame the expression is applied to
          const pending = STAT_METHODS.has(method) ? [...obj.pending, this.site(n)] : obj.pending;
          return { ...this.scalar(obj.name), pending };
        }
        if (method === 'split' && /kf|fold|cv|split|skf|kfold/i.test(obj.name) && args.pos[0]) return this.folds(args, n);
        if (method === 'format' || method === 'join') return this.scalar(method);
        if (objNode && /^(df|data|X|x|train|test|dataset|frame)/i.test(obj.name) && (STAT_METHODS.has(method) || ROW_PRESERVING.has(method) || ROW_SUBSET.has(method) || method === 'groupby' || method === 'sample' || method === 'drop')) {
          return this.dataMethod(this.asData(obj, obj.name), method, args, n);
        }
        // Hot path (every call on an unknown object): copy the statistics only when an argument adds some.
        let prep = obj.prep, varying = !!obj.varying;
        for (const a of args.pos) {
          if (a.varying) varying = true;
          if ((a.k === 'scalar' || a.k === 'data') && a.prep.length) prep = prep.concat(a.prep);
        }
        // blob.take(idx_te) / blob.take(idx_tr) on an object not known as data: rows picked by other
        // positions are not the same unknown rows, so the name keeps which positions.
        const picked = method === 'take' && args.posNodes[0] ? this.t(args.posNodes[0]).replace(/\s+/g, '') : '';
        return this.scalar(`${obj.name}.${method}(${picked})`, prep, obj.dup, varying);
      }
      case 'const':
        // " ".join(df["text"]): the text of a frame's column in one string; its word counts are a
        // statistic of those rows.
        if (method === 'join' && args.pos.length === 1 && args.pos[0].k === 'data' && !args.pos[0].pred && args.pos[0].frame && args.pos[0].cols?.length === 1
          && args.posNodes[0] && /^[A-Za-z_][\w.]*\[\s*["'][^"']+["']\s*\]$/.test(this.t(args.posNodes[0]))) return this.same(args.pos[0]);
        // "".join(w for w in words if w not in rare): one string per row; keeps what chose its words.
        if (method === 'format' || method === 'join') { const j = this.join(args.pos, n); return j.k === 'scalar' ? j : j.k === 'data' ? this.scalar(method, j.prep, j.dup) : this.scalar(method); }
        return this.scalar(method);
      default:
        return this.scalar(method);
    }
  }

  /**
   * PySpark: DataFrames read through `spark.read`, `randomSplit` (one random split into as many
   * parts as weights), Spark ML evaluators (`evaluator.evaluate(model.transform(test))`) and RDD
   * labels zipped with predictions and compared (`labels.zip(preds).filter(lambda (v, p): v != p)`).
   */
  protected sparkMethod(obj: Val, method: string, args: Args, n: SyntaxNode, objNode: SyntaxNode | null): Val | undefined {
    if (obj.k === 'scalar') {
      if (method === 'evaluate' && /Evaluator\b/.test(obj.name)) {
        const d = args.pos[0];
        if (d && d.k === 'data' && d.pred) {
          this.recordEval(n, `${obj.name.split('(')[0].trim()}.evaluate`, d.rows, d.pred.est, d.pred.version, [d], args);
          // labelCol="is_" + c in both the model and the evaluator, in a loop over c: one model per
          // label column (one-vs-rest per class), each scored on its own label, not compared.
          const colOf = (t: string): string | undefined => /labelCol\s*=\s*([^,)]+)/.exec(t)?.[1].replace(/\s+/g, '').replace(/'/g, '"');
          const evalCol = colOf(obj.name), fitCol = colOf([d.pred.est.params ?? '', ...(d.pred.est.steps ?? []).map((st) => st.params ?? '')].join(' '));
          const last = this.events.evals[this.events.evals.length - 1];
          if (this.inLoop && evalCol && evalCol === fitCol && !/^(['"])\w*\1$/.test(evalCol) && last?.site.from === this.site(n).from) {
            const task = `col:${evalCol}|${this.iterKey()}`;
            last.task = { truth: task, fitLabel: task };
          }
        }
        return this.scalar(this.t(n));
      }
      const recv = objNode ? this.t(objNode) : '';
      if (/^(csv|parquet|json|load|table|orc|text)$/.test(method) && /(^|\.)\s*read\b/.test(recv) || method === 'textFile'
        || /^(sql|table)$/.test(method) && /spark|sqlContext|hiveContext|sqlCtx/i.test(recv)) {
        return this.callQualified('spark.read_csv', 'read_csv', args, n);
      }
      if (method === 'parallelize' || method === 'createDataFrame') {
        const a0 = args.pos[0];
        return a0 && a0.k === 'data' ? this.same(a0) : this.freshData(this.targets.length === 1 ? this.targets[0] : method, n, roleFromName(this.targets.length === 1 ? this.targets[0] : ''));
      }
      // A DataFrame the analysis did not follow, split at random.
      if (method === 'randomSplit' || method === 'sampleBy' || (method === 'subtract' || method === 'exceptAll') && args.pos[0]?.k === 'data') return this.sparkMethod(this.asData(obj, obj.name), method, args, n, objNode);
      return undefined;
    }
    if (obj.k !== 'data') return undefined;
    if (method === 'randomSplit') {
      const w = args.pos[0] ?? args.kw.get('weights');
      const count = w && w.k === 'seq' ? Math.max(2, w.items.length) : 2;
      const seed = args.pos[1] ?? args.kw.get('seed');
      const seeded = !!seed && seed.k === 'const' && /^\d+$/.test(seed.text);
      const split: Split = { id: ++this.ids, site: this.site(n), kind: 'tts', shuffle: true, names: this.targets.slice(), ...(seeded ? { seeded } : {}) };
      this.onSplit(split, [obj]);
      const sides = Array.from({ length: count }, (_, i): Side => {
        const nm = this.targets[i] ?? '';
        if (TEST_NAME.test(nm) && !TRAIN_NAME.test(nm)) return 'test';
        if (VAL_NAME.test(nm) && !TRAIN_NAME.test(nm)) return 'val';
        if (TRAIN_NAME.test(nm)) return 'train';
        return i === 0 ? 'train' : i === count - 1 ? 'test' : 'val';
      });
      return { k: 'seq', items: sides.map((s) => this.withStep(obj, split, s)) };
    }
    if (method === 'zip' && args.pos[0]?.k === 'data') {
      const other = args.pos[0];
      const out = this.join([obj, other], n);
      if (out.k === 'data' && !!obj.pred !== !!other.pred) out.paired = true;
      return out;
    }
    // The line, not the argument list: Python 2's `lambda (v, p): v != p` does not parse as one.
    const lineEnd = this.text.indexOf('\n', n.from);
    if (method === 'filter' && obj.paired && obj.pred && /[!=]=/.test(this.text.slice(n.from, lineEnd < 0 ? undefined : lineEnd))) {
      this.recordEval(n, 'accuracy (open-coded)', obj.rows, obj.pred.est, obj.pred.version, [obj], args);
      return this.same(obj);
    }
    // A Spark ML prediction frame filtered on its prediction column against its label column
    // (`pred.filter(pred.label == pred.prediction).count()`, a confusion-matrix cell
    // `(pred.prediction == 1) & (pred.label == 1)`): an open-coded accuracy or confusion count of
    // the model on those rows.
    if (method === 'filter' && obj.pred && !obj.paired && args.posNodes[0]) {
      const cond = this.t(args.posNodes[0]);
      const labelCol = /labelCol\s*=\s*['"](\w+)['"]/.exec(obj.pred.est.params ?? '')?.[1] ?? 'label';
      const col = (c: string): string => `(?:\\.${c}\\b|\\[\\s*['"]${c}['"]\\s*\\]|col\\(\\s*['"]${c}['"]\\s*\\))`;
      if (/[!=]=/.test(cond) && new RegExp(col('prediction')).test(cond) && new RegExp(col(labelCol)).test(cond)) {
        this.recordEval(n, 'accuracy (open-coded)', obj.rows, obj.pred.est, obj.pred.version, [obj], args);
        return this.same(obj);
      }
    }
    // df.sampleBy(col, fractions, seed): a stratified random sample, the training part of a split
    // whose remainder `df.subtract(train)` / `df.exceptAll(train)` is the held-out part (as
    // pandas' `df.sample(frac=...)` and `df.drop(train.index)`).
    if (method === 'sampleBy') return this.dataMethod(obj, 'sample', { ...args, pos: [], posNodes: [], kw: new Map(), kwNodes: new Map() }, n);
    if ((method === 'subtract' || method === 'exceptAll') && args.pos[0]?.k === 'data') return this.dataMethod(obj, 'drop', args, n);
    return undefined;
  }

  protected folds(args: Args, n: SyntaxNode, single = false, shuffled = false, timeBlind = false): Val {
    const X = this.asData(args.pos[0], args.posNodes[0] ? this.t(args.posNodes[0]) : 'X');
    const split: Split = { id: ++this.ids, site: this.site(n), kind: single ? 'tts' : 'folds', shuffle: true, names: [], ...(shuffled ? { shuffledFolds: true } : {}),
      ...(timeBlind && !single ? { timeBlindFolds: true } : {}) };
    this.onSplit(split, [X]);
    return { k: 'folds', split, rows: X.rows };
  }

  protected estMethod(est: EstV, method: string, args0: Args, n: SyntaxNode): Val {
    // model.fit(x=X_train, y=y_train) / fit(X=..., y=...): the data passed by keyword is the data passed by position.
    // Keras's fit_generator(generator=gen) / predict_generator(generator=gen): the batches passed by keyword.
    const xKw = args0.pos.length ? undefined : args0.kw.has('x') ? 'x' : args0.kw.has('X') ? 'X' : /_generator$/.test(method) && args0.kw.has('generator') ? 'generator' : undefined;
    const args: Args = xKw && /^(fit|fit_transform|fit_predict|partial_fit|predict|predict_proba|predict_classes|evaluate|score|transform|fit_generator|predict_generator|evaluate_generator)$/.test(method) ? (() => {
      const kw = new Map(args0.kw), kwNodes = new Map(args0.kwNodes);
      const pos = [kw.get(xKw)!], posNodes = [kwNodes.get(xKw)!];
      kw.delete(xKw); kwNodes.delete(xKw);
      if (kw.has('y')) { pos.push(kw.get('y')!); posNodes.push(kwNodes.get('y')!); kw.delete('y'); kwNodes.delete('y'); }
      return { ...args0, pos, posNodes, kw, kwNodes };
    })() : args0;
    let X = args.pos[0] !== undefined ? this.asData(args.pos[0], args.posNodes[0] ? this.t(args.posNodes[0]) : 'X') : undefined;
    // A Spark ML model reads only its featuresCol ("features" by default): statistics known to be in
    // other columns (a StandardScaler's outputCol="scaled" no model reads) do not reach it.
    if (this.spark && est.cat === 'model' && X && X.prep.some((f) => f.sparkCols)) {
      const fc = /\bfeaturesCol\s*=\s*["']([^"']+)["']/.exec(est.params)?.[1] ?? /setFeaturesCol\(\s*["']([^"']+)["']/.exec(est.params)?.[1] ?? 'features';
      const kept = X.prep.filter((f) => !f.sparkCols || f.sparkCols.has(fc));
      if (kept.length !== X.prep.length) X = this.same(X, { prep: kept });
    }
    // `model.train()` / `model.train(False)` switches a PyTorch module's mode: it fits nothing.
    const a0 = args.pos[0];
    const modeSwitch = method === 'train' && (!a0 || a0.k === 'const' && /^(True|False)$/.test(a0.text)) && (!args.kw.size || args.kw.size === 1 && args.kw.has('mode'));
    const fitting = method === 'fit' || method === 'fit_transform' || method === 'fit_predict' || method === 'partial_fit' || method === 'fit_on_texts' || method === 'fit_on_sequences' || (method === 'train' && !modeSwitch) || method === 'fit_generator' || method === 'adapt';
    // model.save("net.h5") of a model this document fitted (Keras): load_model("net.h5") gives it back.
    if ((method === 'save' || method === 'save_model') && est.cat === 'model' && !est.loaded && est.fit) {
      const p = this.pathOf(args0.pos[0] ?? args0.kw.get('filepath'));
      if (p !== undefined) this.noteSaved(p, est);
    }
    // yellowbrick's cross-validating visualizers (RFECV, CVScores, LearningCurve, ValidationCurve):
    // fitting one draws the folds' scores of those rows, a cross-validation whose score is shown.
    if (method === 'fit' && X && X.rows.length && YB_CV.test(est.cls) && this.fromYellowbrick(est.cls)) {
      const split: Split = { id: ++this.ids, site: this.site(n), kind: 'cv', shuffle: true, names: [] };
      this.onSplit(split, [X]);
      this.cvInputs.push(X.rows);
    }
    // ShuffleSplit(n_splits=1): one train/test split, not cross-validation.
    if (method === 'split' && est.cat === 'splitter') {
      const v = this.folds(args, n, /\bn_splits\s*=\s*1\b/.test(est.params), shuffledSplitter(est), timeBlindSplitter(est));
      // GroupKFold().split(X, y, groups=df["match_id"]): every match's rows fall in one fold.
      const gNode = /Group/.test(est.cls) ? args.kwNodes.get('groups') ?? args.posNodes[2] : undefined;
      const g = gNode ? /^[A-Za-z_]\w*(?:\.([A-Za-z_]\w*)|\[\s*(['"])([^'"]+)\2\s*\])$/.exec(this.t(gNode).replace(/\s+/g, '')) : null;
      if (v.k === 'folds' && g) v.split.groupCol = g[1] ?? g[3];
      return v;
    }
    if (method === 'load_model' || method === 'load_weights' || method === 'load') {
      est.loaded = true;
      this.markLoaded(this.site(n));
      est.version = `loaded:${est.id}`;
      return est;
    }
    // Configuration methods return the estimator itself (sklearn's set_output / metadata-routing setters).
    if (method === 'set_output' || /^set_\w+_request$/.test(method)) return est;
    // Spark ML's setters (Imputer(...).setStrategy("mean"), lr.setMaxIter(10)) set a parameter and return the stage.
    if (/^set[A-Z]\w*$/.test(method)) {
      est.params += '|' + method + (args.node ? this.t(args.node) : '');
      if ([...args.kw.values()].some((v) => v.varying) || args.pos.some((v) => v.varying)) est.varying = true;
      return est;
    }
    if (method === 'compile') {
      // Keras: the optimizer / loss chosen at compile time is part of the model's setting.
      est.params += '|compile' + (args.node ? this.t(args.node) : '');
      if ([...args.kw.values()].some((v) => v.varying) || args.pos.some((v) => v.varying)) est.varying = true;
      return this.scalar('None');
    }
    if (method === 'set_params') {
      est.params += '|' + (args.node ? this.t(args.node) : '');
      if ([...args.kw.values()].some((v) => v.varying) || args.pos.some((v) => v.varying)) est.varying = true;
      return est;
    }
    if (method === 'fit_resample' || method === 'fit_sample') {
      const outs = args.pos.map((p, i) => this.asData(p, args.posNodes[i] ? this.t(args.posNodes[i]) : 'data'));
      // An imblearn Pipeline of samplers (RandomOverSampler then RandomUnderSampler) resamples with
      // its oversampling steps when fit_resample is called on it directly.
      const over = (e: EstV): EstV | undefined => e.cat === 'oversampler' || e.cat === 'model' && /smote|over|adasyn/i.test(e.cls) ? e
        : e.cat === 'pipeline' ? e.steps.map(over).find((x) => x) : undefined;
      const sampler = over(est);
      if (sampler) {
        const du = this.dupEvent(n, sampler === est ? est.cls : `${est.cls} (${sampler.cls})`, outs.reduce<RowKey[]>((a, d) => unionKeys(a, d.rows), []));
        return { k: 'seq', items: outs.map((d) => this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) })) };
      }
      return { k: 'seq', items: outs.map((d) => this.same(d)) };
    }
    if (est.cat === 'augmenter' && /^flow/.test(method)) {
      const d = (method === 'flow_from_directory' && !this.inLoop ? this.dirSubsetRead(method, args0, n) : undefined) ?? X ?? this.freshData('images', n);
      // A generator given no random transform (ImageDataGenerator(rescale=1./255), the usual validation
      // generator) yields each image once, unchanged: it synthesises no rows.
      if (est.cls === 'ImageDataGenerator' && !est.params.includes('**') && !RANDOM_AUGMENT.test(est.params)) return this.same(d);
      const du = this.dupEvent(n, `ImageDataGenerator.${method}`, d.rows);
      return this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) });
    }
    if (fitting) {
      // fit(..., callbacks=[ModelCheckpoint("best.h5")]): the file holds this model's weights, so
      // load_model("best.h5") later in the document gives this model back (as pickle.dump/load).
      const cbs = args0.kw.get('callbacks');
      for (const cb of cbs ? (cbs.k === 'seq' ? cbs.items : [cbs]) : []) {
        const p = this.checkpointPaths.get(cb);
        if (p !== undefined && est.cat === 'model' && !est.loaded) this.noteSaved(p, est);
      }
      // Training a model after a checkpoint was loaded (save/load round trips, ModelCheckpoint in a
      // training notebook) is training; refit-at-inference is about the statistics features are built with.
      const receiver = n.firstChild?.name === 'MemberExpression' ? this.t(n.firstChild).replace(/\.\s*\w+$/, '') : '';
      const statistic = est.cat !== 'model' || est.loaded && TRANSFORMER_NAME.test(receiver);
      // Serving known only from a function's name (predict_prep, scale_for_inference) in a file
      // that is not a serving file and loaded nothing: applied to training rows it is a training
      // helper; otherwise the finding says what was assumed and stays below error.
      // Fitted on training rows (the training side of a split, a training file): that is training,
      // wherever it runs (a serving file's /train endpoint, a notebook that loaded an artifact
      // first); a refit at inference fits on the batch being scored.
      const byName = this.servingFnDepth > 0 && !this.opts.servingFile && !this.loadedArtifact;
      // The request stacked with the training table learns the table's categories, as training does.
      const onTrainingRows = !!X && (X.rows.length > 0 && X.rows.every((k) => lastSide(k) === 'train') || stackedWithTable(X));
      // Fitted on values typed in the code (LabelEncoder().fit(['low', 'mid', 'high'])): a fixed
      // vocabulary, no statistic of the batch being scored.
      const onLiterals = a0 !== undefined && literalValue(a0);
      // A pipeline ending in a model fitted with labels (`pipeline.fit(X, y)`) is training, wherever it runs: the
      // batch being scored carries no labels.
      const withLabels = est.cat === 'pipeline' && est.steps.length > 0 && est.steps[est.steps.length - 1]!.cat === 'model' && (args.pos[1] !== undefined || args.kw.has('y'));
      // A model given its series at construction (statsmodels: ARIMA(y, order=...).fit()) fits on its own labelled
      // data, as model.fit(X, y) does.
      const ownLabelled = est.cat === 'model' && !est.loaded && (args.pos[1] !== undefined || args.kw.has('y') || !!est.ctorData && !args.pos.some((a) => a.k === 'data'));
      // A serving-named method of a class that the document never calls, in a document that fits
      // its models itself (a model class in a training notebook): nothing is served here.
      const uncalledByName = byName && this.uncalledMethodOfTrainer;
      // A transformer whose fit learns nothing of the rows (PolynomialFeatures, Normalizer,
      // Binarizer, a hashing vectorizer: only the input width) gives the same output refitted per
      // request as fitted at training.
      const learnsNothing = est.cat === 'stateless' && !est.func;
      // model.train(df): a model object's call that names training (an app that trains its models
      // when no saved artifact exists) is training, not a statistic refitted on the scored batch.
      const namesTraining = method === 'train' && est.cat === 'model' && !est.loaded || this.trainingFnDepth > 0 && (!!this.opts.servingByName || !this.opts.servingFile) && this.servingFnDepth === 0 && !this.loadedArtifact;
      // The body of a `fit` / `train` method nobody in the document calls (a custom transformer defined so a
      // pickled pipeline can be loaded): it says how the class fits, nothing is refitted at serving.
      const uncalledOwnFit = this.runningUncalled && this.trainingFnDepth > 0 && this.servingFnDepth === 0;
      // A plain helper nothing in the document names or calls, that predicts nothing itself, in a file not named for
      // serving: it is serving only by running after the top-level load, and as written its output reaches no model (zd025).
      const idleHelper = this.runningUnreferenced && !this.unreferencedPredicts && this.servingFnDepth === 0 && !this.opts.servingFile;
      // A model fitted with labels in a function that is serving only by its name (make_predictor() building a stub model
      // for a test) is trained there: the batch a predictor scores carries no labels.
      const labelledByName = byName && ownLabelled && (args.pos[1] !== undefined || args.kw.has('y'));
      let pushedRefit: RefitEvent | undefined;
      if (this.serving && (statistic || this.opts.servingFile || this.servingFnDepth > 0) && !onTrainingRows && !onLiterals && !uncalledByName && !withLabels && !learnsNothing && !namesTraining && !uncalledOwnFit && !idleHelper && !labelledByName) {
        const callee = n.firstChild;
        const fitTransform = method === 'fit_transform' && callee?.name === 'MemberExpression' && /\.\s*fit_transform$/.test(this.t(callee))
          ? { calleeFrom: callee.from, calleeTo: callee.to, cls: est.cls, receiverLoaded: est.loaded, loaded: this.loadedInScope() } : undefined;
        const assumed = this.servingGuess();
        const refit: RefitEvent = { site: this.site(n), what: callee ? this.t(callee).replace(/\s+/g, '') : `${est.cls}.${method}`, reason: this.servingReason(),
          ...(this.loadSite ? { loadSite: this.loadSite } : {}), ...(fitTransform ? { fitTransform } : {}),
          ...(assumed ? { assumed } : {}) };
        this.events.refits.push(refit);
        pushedRefit = refit;
        if (ownLabelled) this.ownTrainingRefits.push(refit);
        if (method === 'fit' && est.cat !== 'model' && X && X.rows.length) this.refitUses.set(est, { refit, rows: X.rows, own: false, other: false });
        if (this.servingFnDepth === 0 && X && X.rows.length && this.refitOnDataSet()) this.refitsAfterLoad.push({ refit, rows: X.rows });
      }
      const data = X ?? est.ctorData ?? this.freshData('X', n);
      const y = args.pos[1];
      // A search as a pipeline's last step (make_pipeline(prep, GridSearchCV(...))) cross-validates
      // the rows the pipeline is fitted on, like a search fitted on them directly.
      const lastStep = est.cat === 'pipeline' ? est.steps[est.steps.length - 1] : undefined;
      const search = est.cat === 'search' ? est : lastStep?.cat === 'search' ? lastStep : undefined;
      if (search) {
        const split: Split = { id: ++this.ids, site: this.site(n), kind: 'search', shuffle: true, names: [],
          ...(search.searchFolds === 'shuffled' ? { shuffledFolds: true } : search.searchFolds === 'plain' ? { timeBlindFolds: true } : {}),
          ...(search.oneCandidate ? { oneCandidate: true } : {}),
          // The search refits its best settings on these rows (refit=True): its own later scores of them are in-sample.
          ...(search === est ? { cvModel: { cls: est.cls, rows: data.rows, step: this.steps } } : {}) };
        search.searchSplit = split;
        const recv = n.firstChild?.name === 'MemberExpression' ? n.firstChild.firstChild : null;
        if (recv?.name === 'VariableName' && this.searchUnread(this.t(recv))) split.unread = true;
        this.onSplit(split, [data]);
      }
      const onLabel = LABEL_ENCODERS.has(est.cls) || args.pos.length === 1 && est.cat === 'transformer'
        && (LABEL_NAME.test(args.posNodes[0] ? this.t(args.posNodes[0]) : '') || this.targets.length === 1 && LABEL_NAME.test(this.targets[0])
          // A category encoder given one column named as the label (`ohe.fit_transform(df[["target"]])`) encodes the label.
          || vocabularyOnly(est) && X?.cols?.length === 1 && LABEL_NAME.test(X.cols[0]));
      const isPrep = est.cat === 'transformer' || est.cat === 'clusterer';
      if (isPrep) {
        est.fit = this.newFit(n, est.cls, 'transformer', data, onLabel, vocabularyOnly(est));
        if (pushedRefit) this.refitByFit.set(est.fit.id, pushedRefit);
        // LabelEncoder on a named feature column (not the label): category codes of those rows.
        // Read through the usual wrappers: `list(df[c].values)`, `df[c].astype(str)`, `df[c].to_numpy()`.
        const argName = (args.posNodes[0] ? this.t(args.posNodes[0]) : '').replace(/^\s*(?:list|np\.array|np\.asarray)\(\s*([\s\S]*)\)\s*$/, '$1')
          .replace(/(?:\.(?:values|to_numpy\(\s*\)|tolist\(\s*\)|astype\([^()]*\)))+\s*$/, '');
        if (LABEL_ENCODERS.has(est.cls) && X && (X.cols?.length ? !X.cols.some((c) => LABEL_NAME.test(c)) : /\w\s*\[[^\]]+\]\s*$/.test(argName)) && !LABEL_NAME.test(argName) && !/^y(_|$)/i.test(argName)
          && !(this.targets.length === 1 && (LABEL_NAME.test(this.targets[0]) || /^y(_|$)/i.test(this.targets[0])))) est.fit.codes = true;
        if (data.affine) est.fitAffine = data.affine; else delete est.fitAffine;
        if (est.assumed) est.fit.assumed = est.assumed;
        est.prepFits = [est.fit];
      } else {
        const inner = this.prepSteps(est);
        const refitsSteps = est.cat === 'pipeline' || est.cat === 'column-transformer' || est.cat === 'search';
        if (refitsSteps) for (const s of inner) { delete s.fit; s.prepFits = []; }
        est.prepFits = inner.length && refitsSteps ? [this.newFit(n, mapList(inner, (s) => s.cls).join('+'), 'pipeline', data, false, inner.every(vocabularyOnly))] : [];
        est.fit = { id: ++this.ids, site: this.site(n), cls: est.cls, kind: 'model', rows: data.rows, serving: this.serving, onLabel: false };
        const vs = method === 'fit' ? args.kwNodes.get('validation_split') : undefined;
        if (vs && !/^0*\.?0*$/.test(this.t(vs).trim())) est.fit.holdsOutTail = true;
        est.fitData = data;
        this.noteModelInput(data);
        for (const pf of data.prep) this.events.trainedOnFits.add(pf.id);
        // The features of a model fitted with labels are its training rows (settleServing).
        if (ownLabelled) for (const pf of data.prep) { const r = this.refitByFit.get(pf.id); if (r) this.ownTrainingRefits.push(r); }
        // So are its labels: after a load in a file that is not a serving file (a notebook that loaded a
        // model in one cell and trains another in a later one), the rows of both are the document's data set.
        if (ownLabelled && this.loadedArtifact && !this.opts.servingFile) this.trainedOnDataSet([data.rows, ...(y && y.k === 'data' ? [y.rows] : [])]);
        if (y && y.k === 'data') { est.fitLabelRows = y.rows; for (const pf of y.prep) this.events.labelFits.add(pf.id); } else delete est.fitLabelRows;
        const yNode = args.pos[1] === y ? args.posNodes[1] : args.kwNodes.get('y');
        // A label the analysis holds no rows for (y_tr_2 = (y_tr >= 2).astype(int) of a helper's parameter) is named by its text.
        const yName = y && y.k === 'data' ? labelName(y, yNode ? this.t(yNode) : undefined)
          : y && y.k === 'scalar' && yNode ? labelName(undefined, this.t(yNode)) : undefined;
        if (yName) est.fitLabel = yName; else delete est.fitLabel;
        if (search?.searchSplit) {
          if (yName) search.searchSplit.label = yName;
          search.searchSplit.fitRows = mapList(data.rows, (k) => `${k.root.id}/${mapList(k.path, (st) => `${st.split.id}${st.side}${st.fold ?? ''}`).join('/')}`).join(',') + (data.resampled ? '+resampled' : '')
            + mapList(data.dup, (du) => `+dup${du.id}`).join('');
        }
        // A model told its label column at construction (AutoGluon's TabularPredictor(label="y")) reads it from the frame it is fitted on.
        est.unsupervised = X !== undefined && args.pos.length === 1 && !args.kw.has('y') && !args.kw.has('labels') && !/(^|[(,\s])label\s*=/.test(est.params);
        if (data.mixSite) this.events.mixed.push({ site: data.mixSite, fitSite: this.site(n), est });
        est.version = this.modelVersion(est, data, args.pos[0] !== undefined && args.pos[0].k !== 'data', (args.posNodes[0] ?? args.kwNodes.get('X')) && this.t((args.posNodes[0] ?? args.kwNodes.get('X'))!).replace(/\s+/g, ''));
        this.events.modelFits.push({ fit: est.fit, est });
        this.checkTarget(data, y, n);
      }
      if (method === 'fit_transform' || method === 'fit_predict' && isPrep) return this.transformOut(est, method === 'fit_transform' && est.cat === 'pipeline' ? this.runOwnSteps(est, data, n) : data);
      if (method === 'fit_predict') return this.predictOut(est, data);
      return est;
    }
    if (method === 'transform' || method === 'texts_to_sequences' || method === 'texts_to_matrix' || method === 'inverse_transform') {
      const data = X ?? this.freshData('X', n);
      // A model has no inverse_transform: one called on predictions (a scaler loaded from disk undoing the
      // label's scaling) leaves them that model's predictions.
      if (method === 'inverse_transform' && data.pred && est.cat === 'model') return this.same(data);
      if (!(est.cat === 'transformer' || est.cat === 'clusterer' || est.cat === 'stateless' || est.cat === 'column-transformer' || est.cat === 'pipeline')) return this.predictOut(est, data);
      // A Spark ML PipelineModel ending in a model adds its prediction column: transform predicts.
      if (this.spark && method === 'transform' && est.cat === 'pipeline' && est.steps.some((s) => s.cat === 'model')) return this.predictOut(est, data);
      const out = this.transformOut(est, data);
      // A DictVectorizer's transform outputs the keys it was fitted on and ignores the others: the
      // label left in records it only transforms (to_dict(orient="records")) is not among its columns.
      if (method === 'transform' && est.cls === 'DictVectorizer' && est.fit) delete out.feat;
      // Predictions scaled back to the original units (scaler.inverse_transform(model.predict(X)))
      // are still that model's predictions.
      if (method === 'inverse_transform' && data.pred) out.pred = data.pred;
      return out;
    }
    if (est.loaded && method === 'run' && args.pos.length >= 2) {
      // onnxruntime: session.run(outputs, {input_name: X}) predicts on the arrays of the feed dict.
      const feed = args.pos[1];
      const datas = (feed.k === 'seq' ? feed.items : [feed]).filter((v): v is DataV => v.k === 'data');
      if (datas.length) {
        this.markLoaded(est.site ?? this.site(n));
        for (const d of datas) this.checkPositional(est, d, n);
        return this.predictOut(est, datas[0]);
      }
    }
    if (est.loaded && (PREDICT_METHODS.has(method) || EVAL_METHODS.has(method))) this.markLoaded(est.site ?? this.site(n));
    // A model given its data at construction (statsmodels ARIMA(s).fit()) predicting with no data
    // predicts the rows it was fitted on (predict(), predict(start=..., end=...) inside the
    // series, get_prediction()): in-sample fitted values. A range that starts at the series' end
    // (start=len(s)) or reaches past it (end=len(s) + 11) is a forecast of future rows.
    if ((PREDICT_METHODS.has(method) || method === 'get_prediction') && !X && est.ctorData && est.fit && !args.pos.some((a) => a.k === 'data')) {
      const startT = args.kwNodes.get('start') ? this.t(args.kwNodes.get('start')!).replace(/\s+/g, '') : '';
      const endT = args.kwNodes.get('end') ? this.t(args.kwNodes.get('end')!).replace(/\s+/g, '') : '';
      // pmdarima's predict(n_periods=h) forecasts the h steps after the series.
      const future = /^len\([^()]*\)$/.test(startT) || /len\([^()]*\)\+/.test(endT) || /len\([^()]*\)\+/.test(startT) || args.pos.length > 0 || args.kw.has('n_periods');
      const out = this.predictOut(est, future ? this.freshData('forecast', n) : est.ctorData);
      if (!future && out.pred) out.pred = { ...out.pred, inSample: true };
      return out;
    }
    // Prophet's make_future_dataframe(periods=h) keeps the history it was fitted on (include_history
    // defaults to True): the frame holds the fitted rows followed by h new dates.
    if (method === 'make_future_dataframe' && est.fit && !est.loaded && est.fitData && !/include_history\s*=\s*False/.test(args.node ? this.t(args.node) : '')) {
      const fresh = this.freshData('future', n);
      this.futureRoots.add(fresh.rows[0].root);
      return this.mkData({ ...this.same(fresh), rows: [...est.fit.rows, ...fresh.rows] });
    }
    // A Hugging Face Trainer's predict(ds) also scores ds (its PredictionOutput carries the metrics
    // of the labels the set holds): an evaluation of those rows, like evaluate(ds).
    const hfTrainer = /^(Trainer|Seq2SeqTrainer|SFTTrainer)$/.test(est.cls);
    const hfSet = (kw: string): DataV | undefined => { const v = args.kw.get(kw); return v ? this.asData(v, this.t(args.kwNodes.get(kw)!)) : undefined; };
    if (PREDICT_METHODS.has(method) && !(hfTrainer && method === 'predict')) {
      const out = this.predictOut(est, X ?? this.freshData('X', n));
      // Predictions of such a frame: in-sample fitted values for the history, then the forecast.
      const fit = est.fit;
      if (X && fit && !est.loaded && out.pred && X.rows.some((k) => this.futureRoots.has(k.root)) && fit.rows.length && fit.rows.every((f) => covers(X.rows, f))) out.pred = { ...out.pred, history: true };
      return out;
    }
    // Time-series models (statsmodels ARIMA/ETS, Prophet-style) forecast the next steps of the series they were fitted on.
    if ((method === 'forecast' || method === 'get_forecast') && est.fit) return this.predictOut(est, this.freshData('forecast', n));
    // AutoGluon's predictor.leaderboard(data) scores every fitted model on the labelled rows it is given.
    if (EVAL_METHODS.has(method) || hfTrainer && method === 'predict' || method === 'leaderboard' && X && args.pos[0]?.k === 'data' && est.fit) {
      const data = X ?? (hfTrainer ? hfSet(method === 'predict' ? 'test_dataset' : 'eval_dataset') : undefined) ?? (method === 'predict' ? undefined : this.trainerEvalData.get(est)) ?? this.freshData('X', n);
      const y = args.pos[1];
      const keys = unionKeys(data.rows, y && y.k === 'data' ? y.rows : []);
      this.checkOtherFit(est, data);
      this.noteModelInput(data);
      this.checkPositional(est, data, n);
      this.noteDummiesUse(data);
      // A pipeline scored on these rows runs its steps' functions on them, as its predict does.
      const dummies = this.runWrappedFunctions(est, data);
      if (dummies) this.noteDummiesUse(this.same(data, { dummies, aligned: false }));
      const fits = this.allPrepFits(est);
      if (fits.length) this.mkData({ rows: data.rows, prep: unionList(data.prep, fits) });
      this.recordEval(n, `${method}`, keys, est, est.version, [data, ...(y && y.k === 'data' ? [y] : [])], args);
      // The predictions it also returns (`.predictions`) may be scored again: the same model.
      if (method === 'predict') return this.predictOut(est, data);
      return this.scalar(this.t(n), data.prep);
    }
    if (method === 'get_params') return this.scalar(method);
    // A regression fitted on the held-out rows alone and its fit summary read: the rows it is
    // described on are the rows it was fitted on.
    if ((method === 'summary' || method === 'summary2') && est.fit && est.cat === 'model' && !est.loaded && est.fit.rows.length && est.fit.rows.every(isTestSide)
      && !this.events.heldOutFits.some((h) => h.fitSite === est.fit!.site)) {
      this.events.heldOutFits.push({ site: this.site(n), fitSite: est.fit.site });
    }
    return this.scalar(`${est.cls}.${method}`, est.prepFits);
  }

  /** A frame's columns intersected with other names: the written-out names, or unknown ones. */
  protected columnsWithin(all: Extract<Val, { k: 'scalar' }>, others: Val[]): Val {
    const strs = others.flatMap(constStrings);
    return { ...this.scalar('columns'), allCols: { ...all.allCols!, removed: [...all.allCols!.removed], within: strs.length ? strs : ['@names'] } };
  }

  protected transformOut(est: EstV, data: DataV): DataV {
    const dummies = this.runWrappedFunctions(est, data);
    const use = this.refitUses.get(est);
    if (use) {
      if (data.rows.some((k) => use.rows.some((f) => f.root === k.root))) use.own = true;
      else use.other = true;
    }
    this.noteDummiesUse(data);
    // A label encoded to integers holds class names: a selection of numeric columns leaves it out.
    if ((est.cls === 'LabelEncoder' || est.cls === 'LabelBinarizer') && data.cols && data.frame) {
      const enc = data.frame.encodedCols ?? (data.frame.encodedCols = new Set());
      for (const c of data.cols) enc.add(c);
    }
    const fits = est.prepFits.length ? est.prepFits : est.fit && est.fit.kind === 'transformer' ? [est.fit] : [];
    if (data.rows.length && data.rows.every((k) => k.path.length > 0 && lastSide(k) === 'train')) for (const f of fits) this.events.trainPartFits.add(f.id);
    // An imputer that fills a row's gaps from its other columns (its nearest rows, a regression on
    // them): every column it is given reaches every filled value, the label too when it is there.
    // Given a selection of the frame's columns (df[num_cols] with the names from a dtype filter), those columns.
    const imputedFeat = data.feat && data.feat.frame === data.frame && data.feat.mode !== 'union' ? data.feat : undefined;
    if (MULTIVARIATE_IMPUTERS.test(est.cls) && data.frame && (!data.feat || imputedFeat) && !data.varying && (!data.aligned || imputedFeat) && this.stmt) {
      (data.frame.imputedWith ??= []).push({ site: this.site(this.stmt!), order: ++this.ids, cls: est.cls, ...(data.cols ? { cols: data.cols } : {}), removed: [...data.frame.removed], ...(imputedFeat ? { feat: imputedFeat } : {}) });
    }
    // A shift-and-scale invariant scaler fitted on rows that went through an affine map by column
    // statistics, applied to rows that went through the same map: (a x + b) standardised on the
    // training rows is x standardised on the training rows, so those statistics no longer shape
    // the output (z-scored on all rows, then a StandardScaler fitted on the training part).
    let prepIn = data.prep;
    const gone = est.fitAffine && data.affine && INVARIANT_SCALERS.test(est.cls) && !/with_(mean|std|centering|scaling)\s*=\s*False/.test(est.params)
      ? data.affine.filter((f) => est.fitAffine!.includes(f)) : [];
    if (gone.length) {
      for (const f of gone) f.neutralised = true;
      prepIn = data.prep.filter((f) => !gone.includes(f));
    }
    // Text vectorizers (and a union of them) output token counts, not the columns they were given:
    // the label among those columns is not a column of the result.
    const textOut = TEXT_VECTORIZERS.test(est.cls) || est.cls === 'FeatureUnion' && est.steps.length > 0 && est.steps.every((s) => TEXT_VECTORIZERS.test(s.cls));
    if (this.spark) this.noteSparkColumns(est, data, fits);
    const out = this.mkData({ rows: data.rows, prep: unionList(prepIn, fits), dup: data.dup, ...(data.varying ? { varying: true } : {}),
      ...(data.time ? { time: data.time } : {}), ...(data.serving ? { serving: true } : {}), ...(data.feat && !textOut ? { feat: data.feat } : {}),
      ...(data.subsetSite ? { subsetSite: data.subsetSite } : {}), ...(data.mixSite ? { mixSite: data.mixSite } : {}), ...(data.cutBound ? { cutBound: data.cutBound } : {}),
      ...(dummies ? { dummies } : {}),
      // y = LabelEncoder().fit_transform(df["churned"]) still names the label column.
      ...(data.cols && data.frame ? { cols: data.cols, frame: data.frame } : {}) });
    if (est.loaded) this.checkPositional(est, data, null);
    return out;
  }

  /**
   * Spark ML stages write their output into named columns: a fitted stage with a literal
   * `outputCol` puts its statistic in that column only, and a VectorAssembler whose literal
   * `inputCols` take such a column puts it in its own `outputCol` too. Names that are not literals
   * leave the statistic frame-wide (as before).
   */
  protected noteSparkColumns(est: EstV, data: DataV, fits: FitEvent[]): void {
    const p = est.params;
    const outs = sparkOutputCols(p);
    for (const f of fits) {
      if (data.prep.includes(f) || f.sparkCols) continue;
      if (est.cat === 'transformer' && outs) f.sparkCols = new Set(outs);
    }
    if (est.cls !== 'VectorAssembler') return;
    const ins = /inputCols\s*=\s*\[([^\]]*)\]/.exec(p);
    const inCols = ins && /^\s*(["'][^"']*["']\s*,?\s*)*$/.test(ins[1]) ? [...ins[1].matchAll(/["']([^"']*)["']/g)].map((m) => m[1]) : undefined;
    for (const f of data.prep) {
      if (!f.sparkCols) continue;
      if (!inCols || !outs) { delete f.sparkCols; continue; }
      if (inCols.some((c) => f.sparkCols!.has(c))) for (const o of outs) f.sparkCols.add(o);
    }
  }

  /**
   * A FunctionTransformer runs its function on every batch it is given: applied to held-out or
   * serving rows, statistics the function computes (value_counts, means, group aggregates) are
   * computed from that batch alone. Run the function on those rows so they are seen.
   */
  /** The estimator method call being run (`pipe.predict(X)`): where the steps run by it are placed. */
  private estCallNode: SyntaxNode | null = null;
  /**
   * A pipeline's steps of the document's own classes (`statelessStep`) compute in their transform (a fill
   * with the column means of the batch it is given): fit_transform on these rows runs each on what the
   * steps before it returned, so those statistics are of these rows. Output with other rows (a frame
   * built afresh) gives only its statistics.
   */
  protected runOwnSteps(est: EstV, data: DataV, n: SyntaxNode): DataV {
    let cur = data;
    for (const s of est.steps) {
      if (s.cat !== 'stateless' || !s.func) continue;
      const out = this.callFunction(s.func, { ...NO_ARGS, pos: [cur], posNodes: [] }, n);
      if (out.k !== 'data') continue;
      cur = out.rows.length === cur.rows.length && out.rows.every((k, i) => k === cur.rows[i]) ? out : this.same(cur, { prep: unionList(cur.prep, out.prep) });
    }
    return cur;
  }

  protected runWrappedFunctions(est: EstV, data: DataV): Site | undefined {
    const callNode = this.estCallNode;
    if (!data.rows.length || !(data.serving || this.serving || data.rows.every((k) => lastSide(k) === 'test' || lastSide(k) === 'val'))) return undefined;
    let dummies: Site | undefined;
    const walk = (e: EstV, depth: number): void => {
      if (depth > 4) return;
      // Keyed by chunk too: functions defined at the top of their own notebook cells all start at offset 0.
      const key = e.func ? `${e.func.chunk}:${e.func.node.from}:${data.id}` : '';
      if (e.func && !this.ranWrapped.has(key)) {
        this.ranWrapped.add(key);
        const saved = this.assumeNote;
        if (e.assumed) this.assumeNote = e.assumed;
        try {
          // What the step returns is what the model is given: statistics of the batch it carries are reported.
          const before = this.ids;
          const out = this.callFunction(e.func, { ...NO_ARGS, pos: [data], posNodes: [] }, callNode);
          // Statistics it returns (X.fillna(X.median()), np.where(isnan, nanmedian, X)) reach the model as the
          // step's output, as a column it writes does. So does a transformer or clusterer the step fits anew on
          // this batch (`StandardScaler().fit(X)`, `DBSCAN().fit_predict(X)` in its transform).
          if (out.k === 'data') {
            for (const f of out.prep) if ((f.kind === 'stat' || f.kind === 'group' || f.kind === 'transformer' && f.id > before) && !f.onLabel) this.events.modelInputFits.add(f.id);
            this.noteServingStats(out);
            // Dummies the step made of this batch's own categories (`pd.get_dummies` in a custom step's transform) are
            // the step's output, so the pipeline's output carries them (kept per batch: the step runs once for it).
            if (out.dummies && !out.aligned) this.wrappedDummies.set(key, out.dummies);
          }
        } finally { this.assumeNote = saved; }
      }
      dummies ??= this.wrappedDummies.get(key);
      e.steps.forEach((st) => walk(st, depth + 1));
    };
    walk(est, 0);
    return dummies;
  }
  private ranWrapped = new Set<string>();
  private wrappedDummies = new Map<string, Site>();

  /**
   * Rows scored by a model after a transformer of the class its training rows went through was fitted again on
   * those rows (a Tokenizer fitted anew on a second sample, then model.evaluate on it): the columns or codes of the
   * scored rows are not those the model was trained on. Held-out parts are reported as refits on test rows already.
   */
  protected checkOtherFit(est: EstV, data: DataV): void {
    if (est.loaded || !est.fitData || this.serving || !data.rows.length || data.rows.some(isTestSide)) return;
    const trained = est.fitData.prep;
    for (const f of data.prep) {
      if (f.serving || f.onLabel || f.kind !== 'transformer' || trained.includes(f) || this.otherFits.has(f.id)) continue;
      const others = trained.filter((g) => g !== f && g.cls === f.cls && g.kind === f.kind);
      if (!others.length) continue;
      if (!data.rows.every((k) => covers(f.rows, k))) continue;
      // Fitted again on rows the model's own transformer already saw, and scoring the training part of a split the
      // model was trained on (a later section rebuilding the training features, the NaN rows of its lags dropped):
      // no new batch. (Two samples of one frame share its key, so only a split's training side is told apart.)
      const fitRows = est.fitData.rows;
      if (fitRows.length && data.rows.every((k) => lastSide(k) === 'train' && k.path.length > 0 && covers(fitRows, k)) && others.some((g) => g.rows.length > 0 && f.rows.every((k) => covers(g.rows, k)))) continue;
      this.otherFits.add(f.id);
      this.events.refits.push({ site: f.site, what: f.cls, reason: `on the rows it then scores, while the model was trained on rows of another \`${f.cls}\` fit`, otherFit: true });
    }
  }
  protected otherFits = new Set<number>();

  /**
   * A model fitted on a frame with named columns dropped (`X = df.drop(columns=[label])`) predicting a frame of another
   * file that drops the label too and more columns besides (`cand.drop(columns=[label, "kepid", "score"])`): that file
   * holds the training label, so it has the training file's columns, and the model is given fewer of them than it was
   * trained on.
   */
  protected checkDroppedMore(est: EstV, data: DataV): void {
    const a = data.feat, b = est.fitData?.feat, label = est.fitLabel;
    if (est.loaded || !a || !b || !label?.startsWith('col:') || a.mode !== 'drop' || b.mode !== 'drop' || a.byDtype || b.byDtype || a.narrowed || b.narrowed || !a.cols.length) return;
    if (data.positional || est.fitData!.positional) return;
    // Both read from files as they are (not a frame built from predictions, whose columns the code chose).
    const fitRows = est.fitData!.rows;
    if (a.frame === b.frame || !data.rows.length || !fitRows.length || [...data.rows, ...fitRows].some((k) => !k.root.file) || data.rows.some((k) => fitRows.some((r) => r.root === k.root))) return;
    const trained = new Set([...b.cols, ...b.removedAtSelection]), dropped = new Set([...a.cols, ...a.removedAtSelection]);
    if ([...trained, ...dropped].some((c) => c.startsWith('@')) || !trained.has(label.slice(4)) || !dropped.has(label.slice(4))) return;
    let extra = [...dropped].filter((c) => !trained.has(c));
    if (!extra.length || this.events.droppedMore.some((d) => d.site.chunk === a.site.chunk && d.site.from === a.site.from)) return;
    // A column the training frame moved to its index (`set_index("id")`, `index_col="id"`) is not among its columns either.
    const indexed = this.chunks.flatMap((c) => [...c.text.matchAll(/(?:set_index\(|index_col\s*=)\s*\[?([^)\]]*)/g)].map((m) => m[1])).join(' ');
    extra = extra.filter((c) => !indexed.includes(`"${c}"`) && !indexed.includes(`'${c}'`));
    if (!extra.length) return;
    this.events.droppedMore.push({ site: a.site, predictSite: this.estCallNode ? this.site(this.estCallNode) : a.site, model: est.cls, dropped: [...trained], extra });
  }

  protected predictOut(est: EstV, data: DataV): DataV {
    this.checkDroppedMore(est, data);
    this.checkOtherFit(est, data);
    this.noteModelInput(data);
    const dummies = this.runWrappedFunctions(est, data);
    this.noteServingStats(data);
    this.noteDummiesUse(data);
    if (dummies) this.noteDummiesUse(this.same(data, { dummies, aligned: false }));
    this.checkPositional(est, data, null);
    const version = est.version ?? (est.loaded ? `loaded:${est.id}` : `unfitted:${est.id}`);
    // Predictions of the very rows the model was fitted on, bound to a name that calls them test
    // predictions (y_test_pred_probs = model.predict_proba(X) after model.fit(X, y)).
    const fitRows = est.fit && !est.loaded ? est.fit.rows : [];
    const namedTest = fitRows.length && data.rows.length && data.rows.every((k) => covers(fitRows, k))
      ? this.targets.find((t) => TEST_NAME.test(t) && !TRAIN_NAME.test(t)) : undefined;
    // A name that says training (`pred_train = m.transform(train)` under `# predict on test set`, the
    // comment heading a block that predicts both parts) outweighs the comment.
    const trainNamed = this.targets.some((t) => TRAIN_NAME.test(t) && !TEST_NAME.test(t));
    const testComment = !namedTest && !trainNamed && fitRows.length && data.rows.length && data.rows.every((k) => lastSide(k) === 'train' && covers(fitRows, k)) ? this.testComment() : undefined;
    return this.mkData({ rows: data.rows, prep: unionList(data.prep, this.allPrepFits(est)), dup: data.dup, pred: { est, version, ...(namedTest ? { namedTest } : {}), ...(testComment ? { testComment } : {}), ...(data.feat ? { inputFeat: data.feat } : {}),
      ...(est.fit && !est.loaded ? { fitAt: { fit: est.fit, fitData: est.fitData, fitLabelRows: est.fitLabelRows, unsupervised: est.unsupervised } } : {}) },
      ...(data.varying ? { varying: true } : {}), ...(data.subsetSite ? { subsetSite: data.subsetSite } : {}) });
  }

  /** The estimator's own preprocessing fits plus those of already-fitted steps (Keras layers adapted beforehand). */
  protected allPrepFits(est: EstV): FitEvent[] {
    let fits = est.prepFits;
    for (const s of this.prepSteps(est)) if (s.fit && s.fit.kind === 'transformer') fits = unionList(fits, [s.fit]);
    return fits;
  }

  /**
   * Loaded artifacts reachable by name here, innermost scope first: variables holding one and
   * attributes of objects (`self.scaler`). Parts reached by key are added when the run ends.
   */
  protected loadedInScope(): { expr: string; est: EstV }[] {
    const out: { expr: string; est: EstV }[] = [];
    const seen = new Set<string>();
    for (let s: Scope | undefined = this.scope; s; s = s.parent) {
      for (const [name, v] of s.vars) {
        if (seen.has(name) || !/^[A-Za-z_][\w.]*$/.test(name)) continue;
        seen.add(name);
        if (v.k === 'est' && v.loaded) out.push({ expr: name, est: v });
        else if (v.k === 'obj') for (const [f, fv] of v.fields) if (fv.k === 'est' && fv.loaded) out.push({ expr: `${name}.${f}`, est: fv });
      }
    }
    return out;
  }

  /**
   * End of the run: a get_dummies whose columns were aligned to the training columns and never
   * reached a model unaligned is fine; `fit_transform` subjects learn the parts of loaded artifacts
   * the document reaches by key or attribute (`bundle["scaler"]`, wherever it is written).
   */
  protected settleServing(): void {
    // A document that loads nothing and fits a model with labels trains its own model (a script that
    // retrains on its labelled table and then predicts): that fit and the transformers fitted on its
    // features are training, whatever the file is called; the batch being scored carries no labels.
    if (!this.loadSite && this.ownTrainingRefits.length) this.events.refits = this.events.refits.filter((r) => !this.ownTrainingRefits.includes(r));
    // Fitted on other rows (a reference file read at request time) and applied only to the
    // request: not fitted on the batch it scores (a train/serve skew at most).
    const elsewhere = new Set([...this.refitUses.values()].filter((u) => u.other && !u.own).map((u) => u.refit));
    if (elsewhere.size) this.events.refits = this.events.refits.filter((r) => !elsewhere.has(r));
    this.events.refits = this.events.refits.filter((r) => {
      if (!r.dummies) return true;
      const key = `${r.site.chunk}:${r.site.from}`;
      if (r.heldOut) return this.unalignedDummies.has(key) && !this.alignedDummies.has(key);
      // Dummies of a reference table that reach no model (`df_encoded.columns` read only to align the
      // request to the training columns) encode none of the rows being scored.
      if (!this.alignedDummies.has(key) && !this.unalignedDummies.has(key) && this.dummiesColumnsRead.has(key)) return false;
      return !this.alignedDummies.has(key) || this.unalignedDummies.has(key);
    });
    const parts = [...this.loadedParts.values()];
    for (const r of this.events.refits) {
      const subject = r.fitTransform;
      if (!subject) continue;
      for (let i = 0; i < subject.loaded.length; i++) {
        const { expr, est } = subject.loaded[i];
        for (const p of parts) {
          if (p.partOf?.est === est && !subject.loaded.some((c) => c.est === p)) subject.loaded.push({ expr: expr + p.partOf.access, est: p });
        }
      }
    }
  }

  /** `df.iloc[:, a:b]` sites: a cut by column position that is still a DataFrame with its column names. */
  protected readonly frameCutSites = new WeakSet<Site>();

  protected checkPositional(est: EstV, data: DataV, n: SyntaxNode | null): void {
    if (!est.loaded || !data.positional || data.aligned) return;
    // A frame cut by column position (`df.iloc[:, 1:5]`) keeps its column names, so nothing was converted to an
    // array: a model fitted on named columns still checks them. `.values` / `np.asarray` after it still fire.
    if (this.frameCutSites.has(data.positional)) return;
    // The held-out part of the document's own split, scored by a model loaded back (an evaluation script whose
    // training cell is elsewhere): it has the columns of the part the model was trained on.
    if (data.rows.length > 0 && data.rows.every((k) => k.path.length > 0 && isTestSide(k))) return;
    // Arrays built before anything was loaded are the document's own training-time data (a
    // checkpoint reloaded in a training notebook), in the column order the model was trained on.
    if (!data.serving && !this.opts.servingFile && this.servingFnDepth === 0 && this.events.modelFits.some((m) => !m.fit.serving)) return;
    if (this.events.positional.some((p) => p.site.from === data.positional!.from && p.site.chunk === data.positional!.chunk)) return;
    this.events.positional.push({ site: data.positional, predictSite: n ? this.site(n) : data.positional, model: est.cls });
  }

  /**
   * y = df[label] (or the one non-id column X dropped): X keeps the label column, a column the
   * label is computed from, or a feature computed from either.
   */
  /** Some of `cols`, or a column they were computed from (plain derivations, a few steps deep), is kept by `part`. */
  private fixedByFeatures(part: FeatureSelection, cols: string[]): boolean {
    const seen = [...cols];
    for (let i = 0; i < seen.length && seen.length < 16; i++) {
      if (keepsColumn(part, seen[i])) return true;
      const d = derivedColumn(part.frame, seen[i]);
      if (d && !d.shift && !d.groupStats?.length) for (const f of d.from) if (!seen.includes(f)) seen.push(f);
    }
    return false;
  }

  protected checkTarget(X: DataV, y: Val | undefined, n: SyntaxNode, viaContainer?: string): void {
    // A whole frame whose label was removed in place (y = df["c"]; df.drop("c", inplace=True); X = df)
    // is the feature matrix: every column but the removed ones.
    const removedLabel = !X.feat && X.frame && !X.cols && y && (y.k === 'data' || y.k === 'scalar') && y.cols?.length === 1
      && sameLineage(y.frame, X.frame) && X.frame.removed.has(y.cols[0]);
    const feat = X.feat ?? (removedLabel ? this.featureSelection(X, 'all', [], n) : undefined);
    if (!feat) return;
    let labelFrame: FrameMeta | undefined, label: string | undefined, labelGuess: string | undefined, dropGuess = false;
    // A label built from a lead and the present value (close.shift(-1) > close) is the lead.
    const lead = y && (y.k === 'data' || y.k === 'scalar') && y.cols ? y.cols.filter((c) => LEAD_COLUMN.test(c)) : [];
    if (y && (y.k === 'data' || y.k === 'scalar') && y.frame && lead.length === 1) { labelFrame = y.frame; label = lead[0]; }
    else if (y && (y.k === 'data' || y.k === 'scalar') && y.cols && y.cols.length === 1 && y.frame) { labelFrame = y.frame; label = y.cols[0]; }
    else if (y && (y.k === 'data' && !y.cols || y.k === 'scalar')) {
      const guess = labelFromDrop(feat);
      // y names no column: the label is guessed from the one column the features drop (said, at warning).
      if (guess) { labelFrame = guess.frame; label = guess.label; labelGuess = `the label is taken to be '${guess.label}', the one column the features drop (y names no column)`; dropGuess = true; }
    }
    if (!labelFrame || label === undefined) return;
    // Features cut as x[:-k] and the label as y[k:]: each row is paired with the label k rows later,
    // so the present row's columns (the label's own value too) are its past.
    const off = /^head:(.+)$/.exec(X.rowOffset ?? '')?.[1];
    if (off !== undefined && y && (y.k === 'data' || y.k === 'scalar') && (y as DataV).rowOffset === `tail:${off}`) return;
    // The label reached the fit through a booster's data container: said, and kept at warning.
    if (viaContainer && !labelGuess) labelGuess = viaContainer;
    const fitSite = this.site(n);
    // A group statistic of the label (a per-category mean mapped onto the rows) computed on the
    // training part only is a target encoding fitted as it should be; computed before the split
    // (or before cross-validation) it holds the held-out rows' labels.
    const trainOnlyStat = (d: DerivedColumn): boolean => !!d.groupStats?.length && X.rows.some((xk) => xk.path.length > 0)
      && d.groupStats.every((f) => !f.rows.some((fk) => X.rows.some((xk) => xk.root === fk.root && fk.path.length < xk.path.length)));
    for (const part of selectionParts(feat)) {
      if (!sameLineage(part.frame, labelFrame)) continue;
      // Through a booster's container, a drop that names no column the analysis can read
      // (df.drop(not_selected, axis=1)) may remove the label: nothing is known about what it keeps.
      if (viaContainer && part.mode === 'drop' && !part.cols.length) continue;
      // The label itself, or the raw column it was computed from (log_price from price).
      // A label computed from the next row (shift(-1)) may keep its source column: that is the present value.
      const derivedLabel = derivedColumn(part.frame, label);
      // A label compared from a stored lead column (df["next"] = df["close"].shift(-1);
      // df["up"] = df["next"] > df["close"]) is about the next row: its present-row inputs are known
      // when predicting, only the lead is not.
      const leadFrom = derivedLabel ? derivedLabel.from.filter((c) => LEAD_COLUMN.test(c) || derivedColumn(part.frame, c)?.shift === 'future') : [];
      const sources = [label, ...(derivedLabel && derivedLabel.shift !== 'future' ? (leadFrom.length ? leadFrom : derivedLabel.from).filter((c) => c !== label) : [])];
      // A source the features do not keep passes the label on from its own sources (a class code
      // mapped from a bucket cut from a measurement: with the bucket dropped, the measurement
      // still determines the label). Plain derivations only, a few steps deep.
      if (derivedLabel && derivedLabel.shift !== 'future' && !leadFrom.length) {
        for (let i = 1; i < sources.length && sources.length < 12; i++) {
          const c = sources[i];
          if (keepsColumn(part, c)) continue;
          const d = derivedColumn(part.frame, c);
          if (!d || d.shift || d.lag || d.groupStats?.length || d.order > part.order) continue;
          for (const f of d.from) if (!sources.includes(f)) sources.push(f);
        }
      }
      // A label set only where several conditions all hold (eligible & outcome): when some condition reads only
      // columns the features do not keep (the outcome), the kept ones only restrict which rows can be positive;
      // they do not fix the label (README B, zzj019). Its sources are then not reported as the label.
      if (derivedLabel?.conj && !leadFrom.length && derivedLabel.conj.some((cs) => !this.fixedByFeatures(part, cs))) sources.splice(1);
      // The label's own next rows (s.shift(-1) beside y = s) are the label too.
      for (const c of part.cols) if (LEAD_COLUMN.test(c) && c.slice(0, c.lastIndexOf(' (lead ')) === label && !sources.includes(c)) sources.push(c);
      const leaked = sources.find((c) => keepsColumn(part, c));
      const labelInputs = derivedLabel && derivedLabel.shift !== 'future' && !leadFrom.length && !derivedLabel.change ? derivedLabel.from.filter((c) => c !== label) : [];
      const changeAssumed = derivedLabel?.change ? `the label is the change of ${[...new Set(derivedLabel.from.map((c) => c.replace(/ \(lag \d+\)$/, '')))].map((c) => `'${c}'`).join(', ')} against the previous row and is paired with the features of the same row (not shifted to a later row)` : undefined;
      // A selection by dtype keeps the label only if the label is numeric: a label encoded from
      // class names is not; otherwise its dtype is guessed (said, at warning).
      const dtypeAssumed = part.byDtype && leaked !== undefined ? `the column '${leaked}' is numeric, so the selection by dtype keeps it` : undefined;
      const dropped = !!dtypeAssumed && encodedIn(labelFrame, leaked!);
      // Columns dropped by names not read here before this selection may have taken it out.
      let unknownDrop: number | undefined;
      for (let g: FrameMeta | undefined = part.frame; g && unknownDrop === undefined; g = g.parent) if (g.unknownDropAt !== undefined && g.unknownDropAt < part.order) unknownDrop = g.unknownDropAt;
      const dropAssumed = leaked !== undefined && unknownDrop !== undefined ? `the columns dropped by names not known here did not include '${leaked}'` : undefined;
      const assumed = dtypeAssumed ?? (leaked !== label ? changeAssumed : undefined) ?? labelGuess ?? dropAssumed;
      if (leaked !== undefined && !dropped) this.pushTarget({ site: part.site, label, ...(leaked !== label ? { source: leaked } : {}), ...(assumed ? { assumed } : {}), kind: 'label-in-features', fitSite });
      // The label is one value's column of a get_dummies that kept every value (y = df["churn_yes"]): the
      // other values' columns (churn_no) say whether it is set. Kept unless the selection names one of them.
      if (leaked === undefined) {
        const dummy = labelDummy(part.frame, label, part.order);
        const other = (x: string): boolean => x !== label && x.startsWith(`${dummy?.col}_`);
        if (dummy && (part.mode === 'drop' ? !part.cols.some(other) && !part.removedAtSelection.some(other) : part.mode === 'select' && part.cols.some(other) && !part.cols.some((x) => x.startsWith('@')))) {
          this.pushTarget({ site: dummy.site, label, kind: 'feature-from-label', fitSite,
            assumed: `\`get_dummies\` gave '${dummy.col}' one column per value ('${label}' among them, every value kept) and the other values' columns stay among the features, so they tell whether '${label}' is set` });
        }
      }
      for (const [col, info] of visibleDerived(part.frame)) {
        // A column added after the matrix was taken is not in it.
        if (sources.includes(col) || info.order > part.order || !keepsColumn(part, col)) continue;
        // A date dropped once its fields were extracted (year, month, day kept) is replaced by them: a label
        // guessed from that drop does not make its fields label features.
        if (dropGuess && info.dateField) continue;
        if (!computedFrom(part.frame, col, sources, trainOnlyStat)) {
          // A lag of a countdown label (RUL.shift(1)) is the label plus the lag: the countdown is read from the name, so said.
          if (COUNTDOWN_LABEL.test(label) && computedFrom(part.frame, col, [label], trainOnlyStat, true)) {
            this.pushTarget({ site: info.site, label, kind: 'feature-from-label', fitSite,
              assumed: `'${label}' is taken to count down to an event (by its name), so its earlier values are its present value plus the lag, not observed history` });
          }
          continue;
        }
        // A label that is the change of a column against earlier rows (a direction or return,
        // diff() / pct_change()) and a feature read from that column only: leaking when both
        // describe the same row; sequence and window notebooks pair a row's features with a
        // later row's label, which the analysis does not see. Guessed, so not an error.
        const viaSourceOnly = !computedFrom(part.frame, col, [label], trainOnlyStat);
        // A label compared or combined from several columns (delivered > estimated): a feature that
        // shares only some of those inputs (handed_over > estimated) does not carry the label.
        if (viaSourceOnly && labelInputs.length >= 2 && !labelInputs.every((c) => computedFrom(part.frame, col, [c], trainOnlyStat))) continue;
        const featAssumed = viaSourceOnly && changeAssumed ? changeAssumed : labelGuess;
        this.pushTarget({ site: info.site, label, kind: 'feature-from-label', fitSite, ...(featAssumed ? { assumed: featAssumed } : {}), ...(info.groupStats?.length ? { groupStat: true } : {}) });
      }
      // Each class's rows transformed by a fit of their own and stacked back (a vectorizer fitted on the spam
      // rows, another on the ham rows): which statistic computed a row's features depends on its label.
      for (let f: FrameMeta | undefined = part.frame; f; f = f.parent) {
        for (const cf of f.classFits ?? []) {
          if (cf.col !== label) continue;
          const fits = cf.fits.filter((x) => X.prep.includes(x));
          if (fits.length > 1) for (const x of fits) this.pushTarget({ site: x.site, label, kind: 'feature-from-label', fitSite, classFit: x.cls });
        }
      }
      // A group statistic of the label merged back in as columns (df.merge(df.groupby(k).agg({label: "mean"}), on=k))
      // before the split: a target encoding that holds each row's own label. Its column names are rarely known
      // (built by joining the aggregate's names), so they are matched by the label's name in them.
      for (const f of X.prep) {
        if (f.kind !== 'group' || !f.overCols?.includes(label) || f.ofPredictions) continue;
        if (!f.rows.some((fk) => X.rows.some((xk) => xk.root === fk.root && fk.path.length < xk.path.length))) continue;
        // A per-group count of the label is the group's size, not its values: a mean, rate or spread is.
        const named = part.mode === 'select' ? part.cols.find((c) => c !== label && c.includes(label) && !/(^|_)(count|size|nunique)($|_)/i.test(c)) : undefined;
        if (!named) continue;
        const stat = part.frame.statCols?.get(f.id);
        if (stat && !stat.has(named)) continue;
        this.pushTarget({ site: f.site, label, kind: 'feature-from-label', fitSite, groupStat: true,
          assumed: `the column '${named}' is taken to hold this group statistic of '${label}' (by its name), merged in before the split` });
      }
      // An imputer that filled each row's gaps from its other columns while the label was among
      // them (KNNImputer on the whole frame): the filled feature values are computed from the label.
      const keepsOther = part.mode !== 'select' || part.cols.some((c) => c !== label);
      const derivedAt = derivedColumn(part.frame, label)?.order;
      // A kept column computed from the filled one after the fill (an age band cut from the filled ages) carries it.
      const carriesFill = (filled: string, at: number): boolean => [...visibleDerived(part.frame)].some(([c, info]) => info.order > at && info.order <= part.order
        && c !== label && keepsColumn(part, c) && computedFrom(part.frame, c, [filled]));
      for (let f: FrameMeta | undefined = part.frame; f && keepsOther; f = f.parent) {
        for (const im of f.imputedWith ?? []) {
          // A label computed after the fill (good = quality >= 7) is carried by the fill through the
          // column it is computed from, when that column was among the imputer's inputs.
          const given = (c: string): boolean => !im.removed.includes(c) && (!im.cols || im.cols.includes(c)) && (!im.feat || keepsColumn(im.feat, c));
          const via = derivedAt !== undefined && derivedAt > im.order
            ? (derivedLabel && !derivedLabel.shift && !derivedLabel.change ? derivedLabel.from.find((c) => c !== label && given(c) && !derivedColumn(part.frame, c)) : undefined) : undefined;
          if (im.order > part.order || (via === undefined && (im.removed.includes(label) || im.cols && !im.cols.includes(label) || derivedAt !== undefined && derivedAt > im.order))) continue;
          // A model's fill reaches the features only through the column it filled.
          if (im.filled !== undefined && (im.filled === label || !keepsColumn(part, im.filled) && !carriesFill(im.filled, im.order))) continue;
          // Columns chosen by dtype hold the label only when it is numeric (not encoded from class names).
          if (im.feat && (!keepsColumn(im.feat, label) || im.feat.byDtype && encodedIn(labelFrame, label))) continue;
          if (via !== undefined) {
            if (im.filled !== undefined || im.feat?.byDtype) continue;
            this.pushTarget({ site: im.site, label, kind: 'feature-from-label', fitSite,
              assumed: `\`${im.cls}\` was given ${im.cols ? 'these columns' : 'every column of the frame'}, '${via}' among them, and the label is computed from '${via}' after the fill, so the values it fills depend on each row's label` });
            continue;
          }
          this.pushTarget({ site: im.site, label, kind: 'feature-from-label', fitSite,
            assumed: `\`${im.cls}\` was given ${im.cols ? 'these columns' : im.feat?.byDtype ? `the frame's columns of a dtype, taken to include the numeric label '${label}'` : 'every column of the frame'}${im.feat?.byDtype ? '' : `, the label '${label}' among them`}, so the values it fills are computed from each row's label` });
        }
      }
    }
  }

  private pushTarget(t: Events['target'][number]): void {
    if (!this.events.target.some((o) => o.site.chunk === t.site.chunk && o.site.from === t.site.from && o.kind === t.kind)) this.events.target.push(this.runningUncalled ? { ...t, uncalled: true } : t);
  }

  protected rowFunctionColumns(fn: FnV): string[] {
    const params = child(fn.node, 'ParamList');
    let param: SyntaxNode | null = null;
    for (let c = params?.firstChild ?? null; c && !param; c = c.nextSibling) if (c.name === 'VariableName') param = c;
    if (!param) return [];
    const text = this.chunks[fn.chunk].text;
    return rowColumns(text.slice(param.to, fn.node.to), text.slice(param.from, param.to));
  }

  /** `df.assign(c=expr, d=lambda f: ...)`: a copy with new columns computed from existing ones. */
  protected assignColumns(d: DataV, args: Args, n: SyntaxNode): DataV {
    const frame = this.childFrame(d.frame!);
    const out = this.same(d, { frame });
    let prep = d.prep;
    for (const [name, v0] of args.kw) {
      const v = v0.k === 'fn' ? this.callFunction(v0, { ...NO_ARGS, pos: [out], posNodes: [] }, null) : v0;
      if (v.k === 'data' || v.k === 'scalar') prep = unionList(prep, v.prep);
      this.recordDerived(frame, name, v, args.kwNodes.get(name) ?? n, d.prep);
      // X_test.assign(y_pred=model.predict(X_test)): a column of the model's predictions, as with df["y_pred"] = ...
      if (v.k === 'data' && v.pred) { (frame.predCols ??= new Set()).add(name); (frame.predVals ??= new Map()).set(name, v.pred); }
      else { frame.predCols?.delete(name); frame.predVals?.delete(name); }
    }
    delete out.cols;
    if (prep !== d.prep) { out.prep = prep; this.checkPrep(out); }
    return out;
  }

  /**
   * `df.eval("c = a * b")` adds columns (in place with inplace=True, else on a copy);
   * `df.eval("a * b")` is a column computed from a and b.
   */
  protected evalColumns(d: DataV, expr: string, argText: string, n: SyntaxNode): DataV {
    const assigns = expr.split(/\n|;/).map((l) => /^\s*([A-Za-z_]\w*)\s*=(?!=)\s*(.+)$/.exec(l)).filter((m): m is RegExpExecArray => !!m);
    if (!assigns.length) {
      const cols = evalIdentifiers(expr);
      return cols.length ? this.same(d, { cols }) : this.same(d);
    }
    const inplace = /inplace\s*=\s*True/.test(argText);
    const frame = inplace ? d.frame! : this.childFrame(d.frame!);
    for (const m of assigns) this.recordDerived(frame, m[1], this.same(d, { frame, cols: evalIdentifiers(m[2]) }), n);
    const out = this.same(d, { frame });
    delete out.cols;
    return out;
  }

  protected dataMethod(d: DataV, method: string, args: Args, n: SyntaxNode): Val {
    const argText = args.node ? this.t(args.node) : '';
    // df.col.str.startswith(label) with the loop's value: another mask each pass, as df.col == label is.
    if (/^(startswith|endswith|contains|match|fullmatch)$/.test(method) && this.inLoop && args.pos.some((a) => a.varying)) return this.same(d, { varying: true });
    // df.query("kind == 'A'"): rows picked by a condition, as df[df.kind == "A"] picks them.
    if (method === 'query' && args.pos[0]?.k === 'const') { const site = this.site(this.stmt ?? n); return this.same(d, { subsetSite: site, maskSite: site }); }
    if (method === 'groupby' || method === 'group_by') {
      // Grouping by a time key (per date, per month) makes one row per period: an aggregate per
      // time bucket, like resample(), not a statistic over all rows.
      const key = args.pos[0] ?? args.kw.get('by');
      const keyCols = key ? constStrings(key) : [];
      // The key may be the date column itself as a series (df["ts"].dt.date, df.ts.dt.to_period("M")).
      const timeKey = keyCols.length === 1 ? TIME_COLUMN.test(keyCols[0])
        : !!key && key.k === 'data' && !!key.time && key.cols?.length === 1 && TIME_COLUMN.test(key.cols[0]);
      // A cyclic key (month of year, day of week) pools the same month of every year: a statistic
      // over rows on both sides of a split, not one row per period.
      const cyclic = timeKey && (keyCols.length ? CYCLIC_NAME.test(keyCols[0]) || !!d.frame && cyclicColumn(d.frame, keyCols[0])
        : CYCLIC_FIELD.test(this.t(args.posNodes[0] ?? args.kwNodes.get('by')!)));
      if (timeKey && !cyclic && !args.kw.has('level')) return this.same(d, { windowed: true, time: AGGREGATED_PER_PERIOD });
      return this.same(d, { grouped: true, ...(keyCols.length ? { groupKeys: keyCols } : {}) });
    }
    if (/^(to_csv|to_parquet|to_pickle|to_feather|to_json|to_hdf|to_excel|write_csv|write_parquet|write_ipc|save)$/.test(method)) {
      const target = args.pos[0] ?? args.kw.get('path') ?? args.kw.get('path_or_buf') ?? args.kw.get('file');
      this.writeFile(this.fileKey(target, args.posNodes[0] ?? args.kwNodes.get('path') ?? args.kwNodes.get('path_or_buf') ?? args.kwNodes.get('file')), d);
      return this.scalar('None');
    }
    if (/^(with_columns|with_column|select|filter|agg)$/.test(method)) {
      const exprs = this.join([...args.pos, ...args.kw.values()], n);
      const pending = exprs.k === 'scalar' ? exprs.pending : undefined;
      if (pending && pending.length) {
        const fits = pending.map((site): FitEvent => ({ id: ++this.ids, site, cls: 'polars expression', kind: 'stat', rows: d.rows, serving: this.serving, onLabel: false }));
        return this.same(d, { prep: unionList(d.prep, fits) });
      }
      if (method === 'select' && !pending) {
        const cols = args.pos.flatMap(constStrings);
        if (cols.length && d.frame) return this.same(d, { cols, feat: this.featureSelection(d, 'select', cols, n) });
      }
    }
    if (method === 'pipe' && args.pos[0]?.k === 'fn') {
      // df.pipe(f, *args): f called with the frame first, inside a method chain.
      return this.callFunction(args.pos[0], { ...args, pos: [d, ...args.pos.slice(1)], posNodes: [] }, n);
    }
    // df.pivot_table(values=..., index/columns=..., aggfunc=...): a statistic per group of the key
    // columns (the mean by default), like groupby(...).agg; a lookup of it per row fills or encodes
    // with a statistic of every row. A count or a sum per cell is left to the groupby rules.
    if (method === 'pivot_table' && !d.grouped) {
      const agg = args.kw.get('aggfunc');
      let computes = !agg || agg.k === 'const' && /^["'](mean|median|std|var|mode)["']$/.test(agg.text)
        || agg.k === 'mod' && /\.(mean|median|std|var|nanmean|nanmedian|nanstd)$/.test(agg.q);
      if (agg?.k === 'fn') {
        const r = this.callFunction(agg, { ...NO_ARGS, pos: [this.same(d)], posNodes: [] }, null);
        computes = (r.k === 'data' || r.k === 'scalar') && r.prep.some((f) => !d.prep.includes(f));
      }
      if (computes) {
        const f = this.newFit(n, 'pivot_table', 'group', d);
        const vals = args.kw.get('values');
        const cols = vals ? constStrings(vals) : [];
        return Object.assign(this.scalar(this.t(n), unionList(d.prep, [f]), d.dup), d.frame ? { frame: d.frame, ...(cols.length ? { cols } : {}) } : {});
      }
    }
    if (d.grouped && method === 'sample') {
      // groupby(...).sample(n=..., replace=True): per-group resampling, same duplication as df.sample.
      const ungrouped = this.same(d); delete ungrouped.grouped;
      return this.dataMethod(ungrouped, method, args, n);
    }
    if (d.grouped) {
      const fnArg = args.pos[0]?.k === 'fn' ? args.pos[0] : undefined;
      if (fnArg && (method === 'transform' || method === 'apply')) {
        // groupby(...).transform(lambda s: ...): a group statistic only if the function computes one
        // (s.fillna(s.median()) does; s.rolling(4).mean() or s.shift(1) are per-row windows).
        const inner = this.same(d); delete inner.grouped;
        const r = this.callFunction(fnArg, { ...NO_ARGS, pos: [inner], posNodes: [] }, null);
        const computes = (r.k === 'data' || r.k === 'scalar') && r.prep.some((f) => !d.prep.includes(f));
        // groupby(c).apply(lambda g: g.sample(n, replace=True)): each group resampled with
        // replacement (class balancing by oversampling), the same duplication as df.sample.
        const dups = r.k === 'data' && method === 'apply' ? r.dup.filter((du) => !d.dup.includes(du)) : [];
        if (dups.length && !computes) {
          const out = this.mkData({ ...this.same(d), dup: unionList(d.dup, dups) }); delete out.grouped;
          return out;
        }
        if (!computes) {
          const out = this.same(d); delete out.grouped;
          if (r.k === 'data' && r.time) out.time = r.time;
          if (method === 'transform') this.keepGroupedPred(d, out);
          return out;
        }
      }
      if (GROUP_AGGS.has(method) && !GROUP_NON_STATS.has(method)) {
        const f = this.newFit(n, `groupby.${method}`, 'group', d);
        if (d.groupKeys?.length) f.groupKeys = d.groupKeys;
        const aggText = (method === 'agg' || method === 'aggregate') && args.posNodes[0]?.name === 'DictionaryExpression' ? this.t(args.posNodes[0]) : '';
        const over = aggText ? [...aggText.matchAll(/(?:^\{|,)\s*["']([^"']+)["']\s*:/g)].map((m) => m[1]) : d.cols ?? [];
        if (over.length) f.overCols = over;
        if (method === 'transform') {
          const out = this.same(d, { prep: unionList(d.prep, [f]) });
          delete out.grouped;
          // Each row gets the statistic of its group: the value is computed from the key columns
          // too (a feature's mean per class of the label carries the row's label).
          if (d.cols && d.groupKeys) out.cols = [...d.cols, ...d.groupKeys.filter((c) => !d.cols!.includes(c))];
          this.keepGroupedPred(d, out);
          return out;
        }
        // The statistic keeps the columns it was computed over (a mean of the label per category is
        // built from the label).
        return Object.assign(this.scalar(this.t(n), unionList(d.prep, [f]), d.dup), d.frame ? { frame: d.frame, ...(d.cols ? { cols: d.cols } : {}) } : {});
      }
      const out = this.same(d); delete out.grouped;
      // Per-group lags and windows (groupby(id)[c].shift(1)) make the rows a series too.
      if (/^(shift|diff|pct_change|rolling|expanding|ewm|cumsum)$/.test(method)) out.time = LAG_FEATURES;
      // groupby(k)[c].rolling(5).mean(): the window's statistic is per row, as without the groupby.
      if (/^(rolling|expanding|ewm)$/.test(method)) out.windowed = true;
      return out;
    }
    if (d.windowed) { const out = this.same(d); delete out.windowed; return out; }
    // hist.iloc[-7:].mean() in a loop that extends hist step by step (a recursive forecast): the newest k
    // values, a trailing window at the series' end, a lag-style feature rather than a statistic of the batch.
    const recv = n.firstChild?.name === 'MemberExpression' ? n.firstChild.firstChild : null;
    if (this.inLoop && recv && /^(mean|median|std|var|min|max|sum)$/.test(method) && /\[\s*-\s*[\w.]+\s*:\s*\]$/.test(this.t(recv))) return this.same(d);
    // df[["a", "b"]].max(axis=1) is a per-row value, not a statistic over rows; so is a tensor's
    // outputs.max(dim=1) (the predicted class of each row).
    // X.min(0) / X.mean(1): the axis given by position (numpy, torch); 0 is over the rows.
    const axisFirst = /^(mean|median|std|var|min|max|ptp|sem|skew|kurt)$/.test(method);
    const rowWiseStat = /axis\s*=\s*(1|["']columns["'])/.test(argText) || /\bdim\s*=\s*(1|-1)\b/.test(argText) || axisFirst && /^\(\s*(1|-1)\s*[,)]/.test(argText);
    const overRows = axisFirst && /^\(\s*0\s*[,)]/.test(argText);
    if (!rowWiseStat && (STAT_METHODS.has(method) && !(method === 'min' || method === 'max') || ((method === 'min' || method === 'max') && (!args.pos.length || overRows)))) {
      if (method === 'nlargest' || method === 'nsmallest') return this.same(d);
      // The first or last date of a date column is a calendar reference (the start of the record,
      // the snapshot day recency is counted from, a cut date): no distribution statistic.
      // So is the first year/month of a calendar column subtracted as an origin (a month index
      // `(df.Year - df.Year.min()) * 12 + ...`); divided by a range it is a min-max scaling, kept.
      const origin = (c: string): boolean => method === 'min' && CALENDAR_COLUMN.test(c) && !!this.stmt && !/\)\s*\/|\/\s*\(/.test(this.t(this.stmt));
      if ((method === 'min' || method === 'max') && d.cols?.length && d.cols.every((c) => DATE_COLUMN.test(c) || origin(c))) {
        return Object.assign(this.scalar(this.t(n), d.prep, d.dup), { cols: d.cols, ...(d.frame ? { frame: d.frame } : {}) });
      }
      const f = this.newFit(n, method, 'stat', d);
      return Object.assign(this.scalar(this.t(n), unionList(d.prep, [f]), d.dup), d.cols ? { cols: d.cols, frame: d.frame } : {});
    }
    if (method === 'values' || method === 'to_numpy' || method === 'as_matrix') return this.positionalView(d, n);
    if (method === 'sample') {
      const rep = args.kw.get('replace');
      const frac = args.kw.get('frac');
      const dupes = rep && rep.k === 'const' && rep.text === 'True' || frac && frac.k === 'const' && Number(frac.text) > 1;
      if (dupes) {
        const du = this.dupEvent(n, 'sample(replace=True)', d.rows);
        return this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) });
      }
      // df.sample(frac=1): every row once, in a new order (a shuffle before a positional cut, or
      // of a part already split off): the same rows, not a split.
      if (frac && frac.k === 'const' && Number(frac.text) === 1 && !args.kw.has('n')) return this.same(d);
      // train = df.sample(frac=0.8): a random split (shuffled, like train_test_split).
      this.sampling = true;
      try { return this.maybeSliceSplit(this.same(d), n, undefined); } finally { this.sampling = false; }
    }
    if (method === 'repeat') {
      const du = this.dupEvent(n, 'repeat', d.rows);
      return this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) });
    }
    if (method === 'drop' || method === 'pop') {
      const colsArg = args.kw.get('columns') ?? args.kw.get('labels') ?? args.pos[0];
      const cols = colsArg ? constStrings(colsArg) : [];
      const axis = args.kw.get('axis');
      const axisPos = args.pos[1];
      const isColumns = method === 'pop' || args.kw.has('columns') || axis && axis.k === 'const' && /1|'columns'|"columns"/.test(axis.text)
        || axisPos !== undefined && axisPos.k === 'const' && /^(1|'columns'|"columns")$/.test(axisPos.text);
      // Removed in place after a selection (X = df[...]; X.drop("y", axis=1, inplace=True)): gone
      // from this value's selection too, as `del X["y"]` (the selection may be shared with its frame).
      const removeFromSelection = (): void => { if (d.feat && cols.length) d.feat = { ...d.feat, removedAtSelection: [...d.feat.removedAtSelection, ...cols] }; };
      if (method === 'pop') {
        if (d.frame) cols.forEach((c) => d.frame!.removed.add(c));
        removeFromSelection();
        return this.same(d, { cols });
      }
      if (isColumns) {
        // Columns named by values not read here: which ones are gone is not known (said where it matters).
        if (d.frame && colsArg && !cols.length) d.frame.unknownDropAt = ++this.ids;
        if (/inplace\s*=\s*True/.test(argText)) {
          if (d.frame) cols.forEach((c) => d.frame!.removed.add(c));
          // Columns named by values not read here (df.columns[0]): the frame lacks columns not known by name.
          if (d.frame && colsArg && !cols.length) d.frame.removed.add('@names');
          removeFromSelection();
          this.dropStatColsInPlace(d, cols);
          return this.scalar('None');
        }
        const out = this.same(d, {});
        delete out.cols;
        // Statistics written only into the columns dropped here (cluster labels kept as the
        // label column, a centred copy made for a plot) leave with them.
        const statCols = d.frame?.statCols;
        if (statCols && cols.length) {
          const prep = d.prep.filter((f) => { const in_ = statCols.get(f.id); return !in_ || [...in_].some((c) => !cols.includes(c)); });
          if (prep.length !== d.prep.length) out.prep = prep;
        }
        // Dropping from a narrower selection (named columns, or blocks side by side from
        // pd.concat(axis=1)) narrows that selection: it does not bring back the frame's other columns.
        const narrow = (f: FeatureSelection): FeatureSelection => f.mode === 'union' ? { ...f, parts: (f.parts ?? []).map(narrow) }
          : f.mode === 'select' && !f.cols.some((c) => c.startsWith('@')) ? { ...f, cols: f.cols.filter((c) => !cols.includes(c)) }
          : f.mode === 'drop' ? { ...f, cols: [...f.cols, ...cols] }
          : f.mode === 'all' ? { ...f, mode: 'drop', cols: [...cols] } : f;
        // Columns the analysis cannot read (a dtype filter's names) narrow it by unknown ones only.
        if (d.frame && d.feat && (d.feat.mode === 'union' || d.feat.mode === 'select' && !d.feat.cols.some((c) => c.startsWith('@')))) out.feat = { ...narrow(d.feat), site: this.site(n), order: ++this.ids };
        else if (d.frame) out.feat = { ...this.featureSelection(d, 'drop', cols, n), ...(d.feat && d.feat.mode === 'drop' ? { cols: [...d.feat.cols, ...cols] } : {}), ...(colsArg && !cols.length ? { narrowed: true as const } : {}) };
        return out;
      }
      // drop(rows): remainder of a sample, e.g. test = df.drop(train.index)
      // df.drop(df["label"]): a column's values passed as row labels (meant as drop(columns=...)),
      // so the rows kept are nearly all of them, not the rows a sample of the frame left out.
      const callee = n.firstChild?.name === 'MemberExpression' ? n.firstChild.firstChild : null;
      const objText = callee ? this.t(callee).replace(/\s+/g, '') : '';
      const rowArg = args.posNodes[0] && !args.kw.has('index') ? this.t(args.posNodes[0]).replace(/\s+/g, '') : '';
      const byValues = !!objText && /^[A-Za-z_][\w.]*$/.test(objText) && rowArg.startsWith(objText)
        && /^(\[(['"])[^'"]+\2\]|\.(?!index\b)[A-Za-z_]\w*)$/.test(rowArg.slice(objText.length)) ? rowArg : undefined;
      this.dropByValues = byValues;
      try { return this.maybeSliceSplit(this.same(d), n, undefined); } finally { this.dropByValues = undefined; }
    }
    if (method === 'sort_values' || method === 'set_index' || method === 'sort_index') {
      const byText = argText;
      const out = this.same(d);
      // Sorting keeps a stronger reason the rows already had (lags computed before the sort).
      if (TIME_COLUMN.test(byText) || method === 'sort_index' && d.time) out.time = d.time === PARSED_DATE_COLUMN ? PARSED_DATES : d.time && !weakTime(d.time) ? d.time : method === 'set_index' ? INDEXED_BY_TIME : SORTED_BY_TIME;
      const indexCol = method === 'set_index' ? /^\(\s*["']([^"']+)["']\s*(?:,\s*inplace\s*=\s*True\s*)?\)$/.exec(byText)?.[1] : undefined;
      if (indexCol && TIME_COLUMN.test(indexCol) && d.frame) d.frame.timeIndex = indexCol;
      // Sorted by time newest first (sort_values("date", ascending=False)): a cut by position then
      // holds out the oldest rows. Any other sort undoes it.
      const newest = method !== 'set_index' && (TIME_COLUMN.test(byText) || method === 'sort_index' && !!d.time) && /ascending\s*=\s*False/.test(argText);
      if (newest) out.newestFirst = true; else if (method !== 'set_index') delete out.newestFirst;
      // sort_values(..., inplace=True) reorders the frame itself.
      if (out.time && /inplace\s*=\s*True/.test(argText)) { d.time = out.time; if (newest) d.newestFirst = true; else delete d.newestFirst; return this.scalar('None'); }
      return out;
    }
    if (method === 'shift' || method === 'rolling' || method === 'diff' || method === 'pct_change' || method === 'ewm' || method === 'expanding') {
      const out = this.same(d); out.time = LAG_FEATURES;
      if (method === 'rolling' || method === 'ewm' || method === 'expanding') out.windowed = true;
      // A lag (shift(k), k >= 1) holds past values, known when predicting: as a feature it is not
      // the column it was taken from (pd.concat([s.shift(1), s.shift(2)], axis=1) with y = s).
      // A lead (shift(-k)) holds the next rows' values: a label built from it (close.shift(-1) > close)
      // is not the column itself, so features computed from today's close are not computed from the label.
      if (method === 'shift' && out.cols) {
        const p = args.pos[0] ?? args.kw.get('periods');
        const k = p === undefined ? 1 : p.k === 'const' && /^\d+$/.test(p.text) ? Number(p.text) : 0;
        // On rows sorted newest first, shift(k) reads k rows later in time (a lead) and shift(-k) earlier ones (a lag).
        const [back, ahead] = d.newestFirst ? ['lead', 'lag'] : ['lag', 'lead'];
        if (k >= 1) out.cols = out.cols.map((c) => `${c} (${back} ${k})`);
        const lead = /^\(?\s*(?:periods\s*=\s*)?-\s*(\d+)\s*\)?$/.exec(argText.trim());
        if (k <= -1 || lead) out.cols = out.cols.map((c) => `${c} (${ahead} ${lead ? lead[1] : -k})`);
      }
      return out;
    }
    if (method === 'resample' && (args.pos[0]?.k === 'const' || args.kw.has('rule'))) {
      // Time buckets (resample("D").mean()): an aggregate per period, not a statistic over all rows.
      const out = this.same(d); out.time = RESAMPLED_BY_TIME;
      out.windowed = true;
      return out;
    }
    if (method === 'rank') {
      // A rank (or percentile rank) places each row among all rows: fitted on every row it sees.
      const f = this.newFit(n, 'rank', 'stat', d);
      return this.same(d, { prep: unionList(d.prep, [f]) });
    }
    if (method === 'assign' && d.frame) return this.assignColumns(d, args, n);
    if (method === 'insert' && d.frame) {
      // df.insert(loc, "c", value): a new column in place
      const col = args.pos[1] ?? args.kw.get('column');
      const value = args.pos[2] ?? args.kw.get('value');
      if (col?.k === 'const' && col.str !== undefined && value) {
        const valueNode = args.posNodes[2] ?? args.kwNodes.get('value');
        // On a named frame it is df[c] = value: a statistic in the value enters the frame.
        const recv = n.firstChild?.name === 'MemberExpression' && !isSubscript(n.firstChild) ? n.firstChild.firstChild : null;
        if (recv?.name === 'VariableName') this.assignSubscript(n, recv, value, valueNode ?? n, col.str);
        else this.recordDerived(d.frame, col.str, value, valueNode ?? n, d.prep);
      }
      return this.scalar('None');
    }
    if (method === 'eval' && d.frame && args.pos[0]?.k === 'const' && args.pos[0].str !== undefined) return this.evalColumns(d, args.pos[0].str, argText, n);
    // s.isin(top) with top = s.value_counts().nlargest(k).index: which rows are kept as their own
    // category depends on a statistic of the rows it was counted on (a frequency grouping); a mask
    // used only to select rows drops that statistic again (row filters keep no mask statistic).
    if (method === 'isin' && args.pos[0] && (args.pos[0].k === 'scalar' || args.pos[0].k === 'data') && args.pos[0].prep.some((f) => !d.prep.includes(f))) {
      return this.same(d, { prep: unionList(d.prep, args.pos[0].prep) });
    }
    // Spark: df.withColumn("c", value) is df.assign(c=value) (a new DataFrame with the column).
    // A name that is not a literal (one per pass of a loop over columns) is known by its expression's text.
    if (method === 'withColumn' && d.frame && args.pos.length >= 2) {
      const a0 = args.pos[0];
      const name = a0.k === 'const' && a0.str !== undefined ? a0.str : `@expr:${args.posNodes[0] ? this.t(args.posNodes[0]).replace(/\s+/g, '') : '?'}`;
      const valueNode = args.posNodes[1];
      return this.assignColumns(d, { ...NO_ARGS, kw: new Map([[name, args.pos[1]]]), kwNodes: new Map(valueNode ? [[name, valueNode]] : []) }, n);
    }
    // An aggregate of all rows named by its statistic: df.agg("mean"), df.agg({"age": "mean"}),
    // Spark's df.agg(F.mean("age")) / df.select(F.avg("age")) / df.approxQuantile(...).
    const aggStat = (method === 'agg' || method === 'aggregate' || method === 'select') && !args.pos.some((a) => a.k === 'fn')
      ? (method === 'select' ? undefined : AGG_STAT_NAME.exec(argText)?.[1]) ?? AGG_STAT_CALL.exec(argText)?.[1]
      : method === 'approxQuantile' ? 'approxQuantile' : undefined;
    if (aggStat) {
      const f = this.newFit(n, aggStat, 'stat', d);
      return Object.assign(this.scalar(this.t(n), unionList(d.prep, [f]), d.dup), d.cols ? { cols: d.cols, frame: d.frame } : {});
    }
    if (method === 'fillna' || method === 'replace' || method === 'clip' || method === 'where' || method === 'mask' || method === 'apply' || method === 'map' || method === 'transform' || method === 'agg') {
      const fnArg = args.pos.find((a): a is FnV => a.k === 'fn');
      const rowWise = /axis\s*=\s*(1|["']columns["'])/.test(argText) || method === 'map';
      // A row function (apply(f, axis=1), map(f)) runs on one row or value at a time: only what it reads
      // besides its argument (a statistic looked up by closure, `means[row["g"]]`) enters the result.
      const applied = !fnArg ? undefined : !rowWise ? this.callFunction(fnArg, { ...NO_ARGS, pos: [this.same(d)], posNodes: [] }, null)
        : this.callFunction(fnArg, { ...NO_ARGS, pos: [this.scalar('row')], posNodes: [] }, null);
      // df.apply(zscore) / df.transform(scale): a scaling function given by name runs on each column
      // of the frame, a fit and a transform over all its rows, as zscore(df) does.
      const scaleFn = !fnArg && !rowWise && (method === 'apply' || method === 'transform' || method === 'agg') ? args.pos.find((a) => a.k === 'mod' && SCALE_FUNCTIONS.has(a.q.split('.').pop() ?? '')) : undefined;
      const scaled = scaleFn?.k === 'mod' ? [this.newFit(n, scaleFn.q.split('.').pop()!, 'transformer', d)] : [];
      // s.where(np.abs(z) <= 3) / s.mask(z > 3) with no replacement: the rows the condition picks
      // become missing, as if removed (outlier removal by a z-score of all rows): the statistic in
      // the condition chooses rows, it does not enter the values (a replacement value would).
      const maskOnly = (method === 'where' || method === 'mask') && args.pos.length + (args.kw.has('cond') ? 1 : 0) === 1 && !args.kw.has('other');
      // fillna({"age": df.age.median(), ...}) / fillna({c: df[c].mean() for c in cols}): a dict of per-column statistics.
      const flat = (v: Val): Val[] => (v.k === 'seq' && (method === 'fillna' || method === 'replace') ? v.items.flatMap(flat) : [v]);
      const extra = this.join([...(maskOnly ? [] : args.pos), ...[...args.kw].filter(([k]) => !maskOnly || k !== 'cond').map(([, v]) => v), ...(applied ? [applied] : [])]
        .flatMap(flat).map((v) => (v.k === 'data' || v.k === 'scalar' ? stripRows(v) : undefined)), n);
      const prep = unionList(extra.k === 'data' || extra.k === 'scalar' ? extra.prep : [], scaled);
      if (/inplace\s*=\s*True/.test(argText)) {
        // df.fillna(df[c].median(), inplace=True) changes df itself.
        if (prep.length) {
          for (const f of prep) this.events.frameStatFits.add(f.id);
          d.prep = unionList(d.prep, prep); this.checkPrep(d);
          // df[c].fillna(df[c].mean(), inplace=True): pandas fills that column of the frame itself.
          const callee = n.firstChild;
          const recv = callee?.name === 'MemberExpression' && !isSubscript(callee) ? callee.firstChild : null;
          if (d.frame && recv && isSubscript(recv) && recv.firstChild?.name === 'VariableName') this.assignSubscript(recv, recv.firstChild, this.same(d), n);
          // df.Age.fillna(df.Age.median(), inplace=True): the same column named by attribute.
          else if (d.frame && recv?.name === 'MemberExpression' && !isSubscript(recv) && recv.firstChild?.name === 'VariableName' && recv.lastChild?.name === 'PropertyName') {
            const prop = this.t(recv.lastChild);
            const o = this.ev(recv.firstChild);
            if (o.k === 'data' && o.frame === d.frame && !/^(columns|index|values|loc|iloc|at|iat|T|str|dt|cat)$/.test(prop)) this.assignSubscript(recv, recv.firstChild, this.same(d), n, prop);
          }
        }
        return this.scalar('None');
      }
      const out = this.same(d, { prep: unionList(d.prep, prep), varying: !!d.varying || !!extra.varying });
      // df.apply(lambda r: r["a"] * r["b"], axis=1): a column computed from the columns the row function reads.
      if (method === 'apply' && rowWise && fnArg && d.frame && !d.cols) {
        const cols = this.rowFunctionColumns(fnArg);
        if (cols.length) out.cols = cols;
      }
      // s.where(df[c] > 0, 0) / s.fillna(df[c]): the result also reads the other columns of the frame.
      if (d.cols && (extra.k === 'data' || extra.k === 'scalar') && extra.cols && sameLineage(extra.frame, d.frame)) out.cols = unionList(d.cols, extra.cols);
      return out;
    }
    if (method === 'merge' || method === 'join' || method === 'combine_first' || method === 'update') {
      const other = args.pos[0];
      if (method === 'join' && other?.k === 'data') this.dummyColumns(d, other, n);
      const extra = other && (other.k === 'data' || other.k === 'scalar') ? other.prep : [];
      // A statistic merged in as named columns (df.merge(stat.to_frame(name="max_c"), ...)) is in
      // those columns only, as if assigned to them: a later selection of other columns does not
      // carry it. Names are known from to_frame/rename/reset_index(name=...) or from the columns the
      // statistic kept (with pandas' default _x/_y suffixes); custom suffixes leave it frame-wide.
      const fresh = extra.filter((f) => !d.prep.includes(f) && (f.kind === 'group' || f.kind === 'stat'));
      if (fresh.length && d.frame && (method === 'merge' || method === 'join') && !args.kw.has('suffixes') && !args.kw.has('lsuffix') && !args.kw.has('rsuffix')) {
        const text = args.posNodes[0] ? this.t(args.posNodes[0]) : '';
        const named = /\.(?:to_frame|rename|reset_index)\(\s*(?:name\s*=\s*)?["']([^"']+)["']\s*\)\s*$/.exec(text)?.[1];
        const kept = other && (other.k === 'data' || other.k === 'scalar') ? other.cols : undefined;
        const cols = named ? [named] : kept?.length ? kept.flatMap((c) => [c, `${c}_x`, `${c}_y`]) : [];
        if (cols.length) {
          const frame = d.frame;
          for (const f of fresh) if (!frame.statCols?.has(f.id)) (frame.statCols ??= new Map()).set(f.id, new Set(cols));
        }
      }
      return this.same(d, { prep: unionList(d.prep, extra) });
    }
    if (method === 'append') return this.concat({ ...args, pos: [{ k: 'seq', items: [d, ...args.pos] }], posNodes: [] }, n, false);
    if (method === 'reindex' || method === 'filter') {
      const out = this.same(d);
      if (method === 'filter' && d.frame && !d.cols) {
        // Column filters by name: items=[...], like="...", regex="..." (axis defaults to columns on frames).
        const items = args.kw.get('items') ?? args.pos[0];
        const like = args.kw.get('like'), regex = args.kw.get('regex');
        const cols = like?.k === 'const' && like.str !== undefined ? [`@like:${like.str}`]
          : regex?.k === 'const' && regex.str !== undefined ? [`@regex:${regex.str}`]
          : items ? constStrings(items) : [];
        if (cols.length && !/axis\s*=\s*(0|["']index["'])/.test(argText)) out.feat = this.featureSelection(d, 'select', cols, n);
      }
      if (args.kw.has('columns') || method === 'reindex' && args.pos.length) { out.aligned = true; delete out.positional; }
      // A row filter on a value that changes with the loop (Spark `df.filter(col("fold") == k)` in a loop over folds)
      // picks other rows each pass, as pandas' df[df.fold == k] does.
      if (method === 'filter' && this.inLoop && args.pos.some((a) => a.varying && a.k !== 'const')) out.varying = true;
      return out;
    }
    if (method === 'align') {
      // X.align(template, join="right", axis=1): X takes the template's columns (and order).
      // join="left": the other frame takes X's columns (X_tr.align(X_te, join="left", axis=1)). An outer or
      // inner join can add or drop columns the training matrix has, so it is not an alignment.
      const join = args.kw.get('join') ?? args.pos[1];
      const how = join?.k === 'const' ? join.str : undefined;
      const right = how === 'right';
      const left = how === 'left' && !/axis\s*=\s*(0|["']index["'])/.test(argText);
      const out = this.same(d);
      if (right) { out.aligned = true; delete out.positional; }
      const other = args.pos[0] ?? args.kw.get('other');
      const second = other && other.k === 'data' ? this.same(other) : undefined;
      if (second && left) { second.aligned = true; delete second.positional; }
      return { k: 'seq', items: [out, second ?? this.scalar('aligned')] };
    }
    if (method === 'select_dtypes') {
      const out = this.same(d);
      delete out.cols;
      // Columns already dropped from the matrix (X = df.drop(columns=["y"]).select_dtypes(...)) stay dropped.
      const dropped = d.feat && d.feat.mode === 'drop' && d.feat.frame === d.frame ? d.feat.cols : undefined;
      // Only non-numeric columns (include="object" / "category", exclude="number"): which names is not known,
      // nor whether a label is among them (a numeric label is not).
      const nonNumeric = /exclude\s*=[^)]*(?:number|float|int)/.test(argText) || !/number|float|int|exclude/.test(argText) && /object|category|str|bool/.test(argText);
      if (d.frame && nonNumeric) out.feat = this.featureSelection(d, 'select', ['@names'], n);
      else if (d.frame && /number|float|int|exclude/.test(argText)) out.feat = { ...this.featureSelection(d, dropped ? 'drop' : 'all', dropped ? [...dropped] : [], n), byDtype: true };
      return out;
    }
    if (ROW_SUBSET.has(method)) return this.maybeSliceSplit(this.same(d), n, undefined);
    if (method === 'copy' || ROW_PRESERVING.has(method)) {
      const out = this.same(d);
      if (method === 'to_datetime' || method === 'dt' || method === 'astype' && /datetime/.test(argText)) out.time = 'the data has a date/time column';
      // The timestamps put back as a column: the frame (and any copy sharing it) is no longer known to be indexed by them.
      if (method === 'reset_index' && d.frame?.timeIndex && !/drop\s*=\s*True/.test(argText)) delete d.frame.timeIndex;
      return out;
    }
    if (method === 'split' && d.cols === undefined) return this.folds(args, n);
    return this.same(d);
  }
}

/** The literal output columns of a Spark ML stage (`outputCol="x"`, `outputCols=["a", "b"]`, `.setOutputCol("x")`). */
function sparkOutputCols(params: string): string[] | undefined {
  const one = /\boutputCol\s*=\s*["']([^"']+)["']/.exec(params) ?? /\.?setOutputCol\(\s*["']([^"']+)["']/.exec(params);
  if (one) return [one[1]];
  const many = /\boutputCols\s*=\s*\[([^\]]*)\]/.exec(params);
  if (many && /^\s*(["'][^"']*["']\s*,?\s*)*$/.test(many[1])) return [...many[1].matchAll(/["']([^"']*)["']/g)].map((m) => m[1]);
  return undefined;
}

/** A statistic named as a string in an aggregate (`agg("mean")`, `agg({"age": "median"})`). */
const AGG_STAT_NAME = /["'](mean|median|std|var|min|max|quantile|mode|sem|avg|stddev|variance)["']/;
/** A statistic computed by an aggregate function (Spark's `F.mean("age")`, `avg(col("x"))`, `stddev(...)`). */
const AGG_STAT_CALL = /(?:^|[^\w.]|\b\w+\.)(mean|avg|median|stddev|stddev_samp|stddev_pop|variance|var_samp|var_pop|percentile_approx|min|max)\s*\(/;

/** Streamlit input widgets (module-level or in the sidebar). */
/** A prediction that is one literal for every row: np.ones / np.zeros(_like), np.full(n, 1), [1] * n, [1 for _ in range(n)]. */
const CONST_PREDICTION = /^(?:np|numpy)\.(?:ones|zeros)(?:_like)?\([^()]*(?:\([^()]*\)[^()]*)*\)$|^(?:np|numpy)\.full(?:_like)?\([^,]+,\s*-?\d+(?:\.\d+)?\s*\)$|^\[\s*-?\d+(?:\.\d+)?\s*\]\s*\*\s*len\(|^\[\s*-?\d+(?:\.\d+)?\s+for\s+\w+\s+in\s+range\(/;

const STREAMLIT_INPUT = /^streamlit\.(sidebar\.)?(slider|select_slider|number_input|selectbox|multiselect|radio|text_input|text_area|date_input|time_input|checkbox|toggle)$/;

/** True when column `c` of the frame (or a frame it was copied from) went through a label encoder. */
function encodedIn(frame: FrameMeta, c: string): boolean {
  for (let f: FrameMeta | undefined = frame; f; f = f.parent) if (f.encodedCols?.has(c)) return true;
  return false;
}

/**
 * A path that names a fitted artifact ("models/churn_rf.pkl", "scaler.joblib", "net.h5"), not a
 * pickle of results or data ("model_results_1.pkl", "features.pkl").
 */
/** A file key by its file name alone (`*\/name`), whatever the directory. */
function fileBase(key: string): string {
  return `*/${key.split(/[\\/]/).pop()}`;
}

function artifactPath(argText: string): boolean {
  const tokens = argText.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (tokens.some((t) => /^(results?|scores?|metrics?|history|data|dataset|features?|preds?|predictions?|df|table|cache|cv)$/.test(t))) return false;
  return tokens.some((t) => /^(models?|clf|classifier|regressor|estimator|pipeline|pipe|scaler|encoder|enc|vectori[sz]er|tokenizer|imputer|booster|preprocessor|transformer|artifacts?|h5|keras|onnx|pt|pth|pmml)$/.test(t));
}

/**
 * Encoders that learn only which categories exist (no frequency, mean or other statistic of the
 * rows), unless told to group rare categories by their counts.
 */
function vocabularyOnly(est: EstV): boolean {
  return VOCABULARY_ENCODERS.has(est.cls) && !/min_frequency|max_categories|min_df|max_tokens|num_oov/.test(est.params);
}

/** A value typed in the code: a constant, or a list / tuple / set of them (no data, no statistic). */
function literalValue(v: Val, depth = 0): boolean {
  if (v.k === 'const') return true;
  return v.k === 'seq' && depth < 3 && v.items.length > 0 && v.items.every((i) => literalValue(i, depth + 1));
}

/**
 * The parsed body of an HTTP request or response (`await request.json()`, `request.get_json()`,
 * `request.json`), or a list of them: a record whose fields come in the order the API's client
 * sends them. That order is the API's contract; the code reorders nothing, so converting it to an
 * array is not a column-order mismatch of this code.
 */
function requestPayload(v: Val): boolean {
  if (v.k === 'seq') return v.items.length > 0 && v.items.every((i) => i.k !== 'seq' && requestPayload(i));
  return v.k === 'scalar' && /\.(json|get_json)\s*(\([^()]*\))?$/.test(v.name.trim());
}

/**
 * A label's name for telling targets apart: its one column (`test["a"]`), else the variable's name
 * with the split words taken out (`y_test_a` and `y_train_a` both give `y_a`).
 */
/** The overlapping-window cuts (`DupEvent.windows`) any part of `v` went through. */
export function windowDups(v: Val, depth = 0): DupEvent[] {
  if ((v.k === 'data' || v.k === 'scalar') && v.dup.length) return v.dup.filter((du) => du.windows);
  if (v.k === 'seq' && depth < 3) {
    let out: DupEvent[] = [];
    for (const i of v.items) out = unionList(out, windowDups(i, depth + 1));
    return out;
  }
  return [];
}

export function labelName(d: Pick<DataV, 'cols'> | undefined, text: string | undefined): string | undefined {
  if (d?.cols?.length === 1) return `col:${d.cols[0]}`;
  if (!text || !/^[A-Za-z_]\w*$/.test(text.trim())) return undefined;
  return text.trim().replace(/(^|_)(?:train|test|tr|te|trn|tst|val|valid)(?=_|$|\d)/gi, '$1').replace(/_+/g, '_');
}

/**
 * The request stacked with the training table read from its file (`pd.concat([request, train_df])`,
 * the request's rows kept afterwards), as apps do so an encoder sees every training category: what
 * is fitted on it learns the training table's categories, not a statistic of the request alone.
 */
function stackedWithTable(d: DataV): boolean {
  const parts = d.concatParts;
  return !!parts && parts.length > 1 && parts.some((rows) => rows.length > 0 && rows.every((k) => !!k.root.file))
    && parts.some((rows) => !rows.length || rows.some((k) => !k.root.file));
}

/** A small array of typed or allocated values (`[label]`, `np.ones(1) * c`, `np.full(1, c)`): no dataset rows in it. */
const FILLED = /^(?:(?:ones|zeros|full|empty|arange)#\d+|np\.(?:ones|zeros|full|array|asarray)\(\s*(?:\[[^[\]()]*\]|\([^()]*\)|[\w.]+)\s*(?:,[^()]*)?\)(?:\s*[*+]\s*[\w.[\]"']+)?)$/;
function isFilledConstant(v: Val): boolean {
  if (v.k === 'seq') return v.items.length > 0 && v.items.every((i) => i.k === 'const');
  return v.k === 'scalar' && !v.prep.length && !v.dup.length && FILLED.test(v.name.trim());
}

/** `^\s*name\s*=(?!=)` without compiling a regex per call (unreadName is asked for every score read); `name` is a plain identifier. */
function bindsFirst(text: string, name: string): boolean {
  const rest = text.trimStart();
  if (!rest.startsWith(name)) return false;
  const after = rest.slice(name.length).trimStart();
  return after.charCodeAt(0) === 61 && after.charCodeAt(1) !== 61;
}
