/**
 * The abstract values the interpreter computes. A data value knows which rows it holds (as a
 * path of split choices from a source dataset), which fitted statistics shaped it (`prep`), which
 * duplications it went through (`dup`) and, for predictions, which model version produced it.
 */
import type { SyntaxNode } from '@lezer/common';
import type { EstimatorCategory } from './knowledge';

/** A place in the analysed chunks: the expression and its enclosing statement. */
export interface Site {
  chunk: number;
  from: number;
  to: number;
  stmtFrom: number;
  stmtTo: number;
  /** Top-level call site when the expression runs inside an inlined function (outermost first). */
  callers?: Site[];
}

export type Side = 'train' | 'test' | 'val';

export interface Root {
  id: number;
  /** 'test' for data loaded from a file or variable that names a test set. */
  role: 'whole' | 'train' | 'test' | 'val';
  name: string;
  site?: Site;
  /** The file path literal the rows were read from. */
  file?: string;
  /** Stands for an object of the document's own class used as data (an iterator wrapper), not a frame. */
  opaque?: boolean;
}

export interface Split {
  id: number;
  site: Site;
  kind: 'tts' | 'cv' | 'folds' | 'slice' | 'search';
  /** A split by an unseeded random row mask: the statement that drew the mask (another draw, other rows). */
  draw?: string;
  /** Cross-validation folds drawn at random (KFold(shuffle=True), ShuffleSplit). */
  shuffledFolds?: boolean;
  /** K-fold folds that ignore time (KFold, StratifiedKFold, or an integer cv), shuffled or not: on a series,
   * earlier folds are scored by models fitted on later rows. TimeSeriesSplit, group and predefined folds are not. */
  timeBlindFolds?: boolean;
  shuffle: boolean;
  /** A cross_val_score or search whose result nothing reads (bound to names used nowhere else): no score is reported from its folds. */
  unread?: boolean;
  /** Variable names the split outputs were bound to (train_test_split only). */
  names: string[];
  /** An unnamed positional cut (A[:k] / A[k:]): a split only where a model is fitted on one part and scored on the other. */
  cut?: boolean;
  /** Sides of a slice split drawn by random sampling (df.sample) rather than as a complement. */
  sampledSides?: Set<Side>;
  /** Drawn with a constant seed: the same call on the same rows draws the same parts. */
  seeded?: boolean;
  /** Made in a loop with sizes that change on each pass: each pass holds out other rows. */
  perPass?: boolean;
  /**
   * The seed and sizes of a cut whose statement names them (a loop over literal settings, a helper's
   * `random_state=seed`): the same statement with other values cuts other rows.
   */
  passKey?: string;
  /** The statements that selected the rows split (`df[df.g == 1]`), when the split's input was such a selection. */
  inputSubset?: string;
  /** Sides of this split the code has taken so far (a slice split learns them one cut at a time). */
  sides?: Set<Side>;
  /** Parts picked by whole values of one column (`df[df.match.isin(ids)]` / `~isin`): every group of rows sharing
   * a value of it lies on one side. Undefined when any part was picked otherwise. */
  groupCol?: string;
  /** Some part of this split was picked otherwise than by a whole-value test of `groupCol`. */
  notGrouped?: true;
  /** Taken to be a split only by the names its parts were bound to (said in a finding that rests on it). */
  byName?: string;
  /** A search whose own cross-validated score (`best_score_`, `cv_results_`) is read: the execution step of the first read. */
  reportedAt?: number;
  /** A search over a grid of one candidate: a refit of settings chosen earlier, not a new selection. */
  oneCandidate?: boolean;
  /** A search's label (`col:Family`, or the label variable's name): searches of other labels are other tasks. */
  label?: string;
  /** The rows a search was fitted on (their keys, and any resampling or oversampling they went through): a search of other rows is another experiment. */
  fitRows?: string;
  /** cross_val_score / cross_validate / cross_val_predict of a model, or a search fitted on rows: its class, the rows cross-validated and the execution step. */
  cvModel?: { cls: string; rows: RowKey[]; step: number };
}

export interface Step { split: Split; side: Side; fold?: number }

export interface RowKey { root: Root; path: Step[] }

export type FitKind = 'transformer' | 'stat' | 'group' | 'pipeline' | 'model';

/** A fit of a statistic or estimator on some rows. */
export interface FitEvent {
  id: number;
  site: Site;
  cls: string;
  kind: FitKind;
  rows: RowKey[];
  serving: boolean;
  /** Fitted on the label column (a LabelEncoder on y is not a feature leak). */
  onLabel: boolean;
  /**
   * Learns only a category vocabulary (OneHotEncoder, OrdinalEncoder, lookups): fitted before the
   * split it tells the model at most which categories exist, no statistic of the test rows, so it
   * is not a preprocessing leak; refitted on the held-out rows it still changes their columns.
   */
  vocabulary?: boolean;
  /**
   * A category-code encoder (LabelEncoder) fitted on a feature column, not the label: stateless
   * before a split, but refitted on the held-out rows alone it gives their categories other codes.
   */
  codes?: true;
  /** What the analysis guessed to call this a fit (said in the finding, kept below error). */
  assumed?: string;
  /** A statistic of a model's predictions (or of values computed from them): model output, not model input. */
  /** A group-by statistic's key columns (one value per group of rows sharing them). */
  groupKeys?: string[];
  ofPredictions?: true;
  /** The statement that picked the rows it was fitted on by a row mask (`pos = df[df.y == 1]`, `DataV.maskSite`). */
  pickedBy?: Site;
  /**
   * Spark ML: the columns a fitted stage's output is known to be in (its `outputCol`, and the
   * `outputCol` of a VectorAssembler that took one of them): a model reads only its `featuresCol`.
   */
  sparkCols?: Set<string>;
  /**
   * A column statistic used only to centre or scale (x - x.mean(), / x.std()) whose effect a
   * shift-and-scale invariant scaler fitted on the training rows later removed: the composition is
   * the training-only standardisation (see `DataV.affine`).
   */
  neutralised?: boolean;
  /** A model fit that holds out the last rows of its data itself (Keras `fit(X, y, validation_split=0.1)`). */
  holdsOutTail?: true;
  /** A group statistic: the columns it aggregates (`groupby(k).agg({"late": "mean"})`, `groupby(k)["late"].mean()`). */
  overCols?: string[];
  /** Execution step at which it was fitted (`newFit`), to order it against evaluations. */
  step?: number;
}

export interface DupEvent {
  id: number; site: Site; what: string; rows: RowKey[]; assumed?: string;
  /** Windows cut from one series with a step shorter than their length (`x[i:i + 80]`, `i += 40`): neighbours share samples. */
  windows?: { size: number; step: number; /** Where the step is set (the loop header, or the counter's increment). */ stepSite?: Site;
    /** Disjoint segments that all carry one recording-level label (the name appended beside each segment). */ recordLabel?: string;
    /** Length and step known only as names (`x[i:i + chunk]`, `range(0, n, hop)`, hop a fraction of chunk); size and step are then 0. */
    named?: { size: string; step: string } };
}

/** Column bookkeeping shared by every value derived from one frame (for target leakage). */
export interface FrameMeta {
  id: number;
  /** A frame built from a dict of columns (`pd.DataFrame({"y": y_test, "yhat": pred})`): what each named column holds. */
  colVals?: Map<string, DataV>;
  /** Columns computed from other columns of this frame: column → (source columns, site). */
  /** `shift`: 'past' for lags (shift(1)), 'future' for leads (shift(-1)). */
  derived: Map<string, DerivedColumn>;
  /** Columns removed in place (`del df[c]`, `drop(..., inplace=True)`, `pop`). */
  removed: Set<string>;
  /** When columns named by values not read here were last dropped (`df.drop(columns=cfg.drop_cols)`, in place or into a copy). */
  unknownDropAt?: number;
  /** Columns `pd.get_dummies(df, columns=[...])` replaced by one column per value (`<col>_<value>`, every value kept): column → where and when. */
  dummied?: Map<string, { site: Site; order: number }>;
  /** When each column was last dropped in place (the order counter), to tell a re-added column from a gone one. */
  removedAt?: Map<string, number>;
  /** Columns read from this frame by name (`df["RainToday"]`): columns it is known to hold. */
  readCols?: Set<string>;
  /** Frame this one was copied from with extra columns (`df.assign`, `df.eval`): it sees the parent's columns. */
  parent?: FrameMeta;
  /**
   * Statistics written into named columns only (`df["c"] = df["c"] - df["c"].mean()`), by fit id:
   * a selection of other columns (`df[["a", "b"]]`) does not carry them.
   */
  statCols?: Map<number, Set<string>>;
  /**
   * Rows stacked from parts that each hold one value of column `col` (picked by a mask on it, or given it as a
   * constant) and each went through a fit of its own (a vectorizer or scaler fitted per class): `fits`, one per part.
   */
  classFits?: { col: string; fits: FitEvent[] }[];
  /** Columns passed through a label encoder (`LabelEncoder`, `LabelBinarizer`): class names, not numbers. */
  encodedCols?: Set<string>;
  /** Columns assigned a date's cyclic field (`df["month"] = df["date"].dt.month`). */
  cyclicCols?: Set<string>;
  /** A time column made the index (`index_col="date"` at the read, `set_index("date")`): the rows' timestamps, no longer a column. */
  timeIndex?: string;
  /** Columns assigned a value computed from none of the frame's columns: true when it reads an index (`df["m"] = df.index.month`). */
  external?: Map<string, boolean>;
  /** Columns assigned a constant (`df["good"] = 0`): a later `df.loc[mask, "good"] = 1` makes the column a function of the mask. */
  constCols?: Set<string>;
  /** Columns assigned a model's predictions (`out["proba"] = clf.predict_proba(X)[:, 1]`). */
  predCols?: Set<string>;
  /** The predictions each of those columns holds (which model, which version). */
  predVals?: Map<string, NonNullable<DataV['pred']>>;
  /**
   * Imputers that fill each column from the other columns of the row (KNNImputer, IterativeImputer)
   * run on this frame: where, when, on which columns (undefined: all of them) and which columns
   * had been removed in place by then.
   */
  imputedWith?: { site: Site; order: number; cls: string; cols?: string[]; removed: string[]; feat?: FeatureSelection;
    /** A regressor's predictions written into the gaps of this column (`df.loc[df.Age.isnull(), "Age"] = reg.predict(...)`). */
    filled?: string }[];
}

/** `from` is empty when a copy redefines an inherited column independently. `order`: when it was defined. */
export interface DerivedColumn {
  from: string[]; site: Site; order: number; shift?: 'past' | 'future';
  /** The value is a change against earlier rows (`diff()`, `pct_change()`): a direction or return label. */
  change?: true;
  /** The value is a lag or trailing window of its source (`shift(1)`, `rolling(7).mean()`, `diff()`). */
  lag?: true;
  /** Group statistics the value went through (a per-category mean of the label mapped onto the rows). */
  groupStats?: FitEvent[];
  /** A conjunction of conditions (`eligible & next_is_dry`): the columns each condition reads. */
  conj?: string[][];
  /** A field of a date read through `.dt` (`df["d"].dt.year`). */
  dateField?: true;
}

/** How a feature matrix was selected from a frame. */
export interface FeatureSelection {
  frame: FrameMeta;
  /** 'union': the columns of several selections side by side (`pd.concat(axis=1)`, `np.hstack`). */
  mode: 'all' | 'drop' | 'select' | 'union';
  cols: string[];
  removedAtSelection: string[];
  site: Site;
  /** When the selection was made: columns defined later are not in it (`X = df.drop(...)` copies). */
  order: number;
  parts?: FeatureSelection[];
  /** Chosen by dtype (`select_dtypes(include="number")`): which columns it keeps is a guess. */
  byDtype?: true;
  /** Made from a value already cut to some of its columns (a selection, a positional cut). */
  narrowed?: true;
}

export interface ModelRef { est: EstV; version: string; /** Predictions of the rows the model was fitted on, bound to a test-named variable (`y_test_pred = m.predict(X)`). */ namedTest?: string; /** In-sample predictions of a model given its series at construction (`res.get_prediction(start=...)` inside the series). */ inSample?: boolean; /** Predictions of a frame that holds the fitted history followed by new dates (Prophet's make_future_dataframe). */ history?: boolean;
  /** One model's predictions of different rows stacked into one series (np.concatenate([m.predict(A), m.predict(B)])). */ joined?: boolean;
  /** The columns of the frame the predictions were made from, when a selection of them. */ inputFeat?: FeatureSelection;
  /** Predictions of training rows made under a comment that calls them test data (`# Predict on the test data`). */ testComment?: string;
  /** What the model had been fitted on when it made these predictions (a later refit of the same object does not change them). */
  fitAt?: Pick<EstV, 'fit' | 'fitData' | 'fitLabelRows' | 'unsupervised'> }

interface Common { varying?: boolean }

export interface DataV extends Common {
  k: 'data';
  id: number;
  rows: RowKey[];
  prep: FitEvent[];
  dup: DupEvent[];
  pred?: ModelRef;
  frame?: FrameMeta;
  /** Columns this value reads, when it is a column selection of `frame`. */
  cols?: string[];
  feat?: FeatureSelection;
  /** `pd.DataFrame()` with no data: columns copied into it from a frame make it a selection of that frame. */
  emptyFrame?: boolean;
  /** Why the rows are time-ordered or carry a time column (for leakage/temporal); unset when not. */
  time?: string;
  /** Sorted by a time column newest first: a positional cut holds out the oldest rows. */
  newestFirst?: true;
  /** Positional conversion of a frame (column order no longer checked). */
  positional?: Site;
  aligned?: boolean;
  /** Built in the serving context (request payload, file read at inference). */
  serving?: boolean;
  /** Result of rolling/expanding/ewm: the next statistic is per window, not over all rows. */
  windowed?: boolean;
  /** Statement that took a subset of rows (sample, head, slice, mask) to build this value. */
  subsetSite?: Site;
  /** The statement that picked these rows of a split's part by a row mask (`train_m = train[train.y == 0]`): parts picked by different masks are different rows. */
  maskSite?: Site;
  /** Statement that bound some rows of a held-out set to a new name (`cold_test = test[test.store == 3]`). */
  heldSubset?: string;
  /** A positional cut by an offset: `head:k` for `x[:-k]`, `tail:k` for `y[k:]`. */
  rowOffset?: string;
  /** The bound of the positional cut (`s[-365:]`, `X.iloc[n:]`) that took this held-out part. */
  cutBound?: string;
  /** Rows of each stacked part, in order, after a row-wise concat. */
  concatParts?: RowKey[][];
  /** A dict of named splits (Hugging Face `load_dataset(...)`): `ds["test"]` is that split's rows. */
  dsDict?: boolean;
  /** A scikit-learn dataset `Bunch` (`load_iris()`, `fetch_california_housing()`): `.data` holds the features only, `.target` the label. */
  bunch?: true;
  /** Labels zipped with a model's predictions (Spark RDD `labels.zip(preds)`): comparing the pair scores the model. */
  paired?: boolean;
  /** Rows picked by an index that changes per loop iteration (bootstrap resampling). */
  resampled?: boolean;
  /** A column picked by a name that changes per loop iteration (`test[col] for col in targets`): another series each pass. */
  loopColumn?: boolean;
  /** Records read by json.load: iterating gives each record, which holds rows of this dataset. */
  records?: boolean;
  /**
   * Column statistics that reached these rows only through elementwise + - * / with the rows
   * themselves (`(X - X.mean()) / X.std()`): an affine map per column. A StandardScaler,
   * MinMaxScaler or RobustScaler fitted afterwards on rows that went through the same map undoes it.
   */
  affine?: FitEvent[];
  /** Statement that concatenated training and test rows of one split. */
  mixSite?: Site;
  /** A PyTorch `DataLoader` over these rows: iterating it yields batches of them. */
  batches?: boolean;
  /** Result of `groupby(...)`: the next aggregation is a per-group statistic. */
  grouped?: boolean;
  /** The key columns of that `groupby(...)` (named by string): a per-group statistic's value depends on them. */
  groupKeys?: string[];
  /**
   * Columns made by `pd.get_dummies` at serving (site of the call): they depend on the categories of
   * the batch until the frame is aligned to the training columns.
   */
  dummies?: Site;
  /** `pd.get_dummies(df["c"])`: indicator columns of these columns of `frame`, named after their values. */
  dummyOf?: string[];
}

export interface EstV extends Common {
  k: 'est';
  id: number;
  cls: string;
  cat: EstimatorCategory;
  site?: Site;
  params: string;
  /** A transformer's fit: the affine column statistics its training rows carried (`DataV.affine`). */
  fitAffine?: FitEvent[];
  steps: EstV[];
  fit?: FitEvent;
  /** The data the model was last fitted on. */
  fitData?: DataV;
  /** Rows of the label the model was last fitted with (y comes from its own array). */
  fitLabelRows?: RowKey[];
  /** Name of the label the model was last fitted with (`labelName`): which target it predicts. */
  fitLabel?: string;
  /** Last fitted on X alone (IsolationForest, KMeans as a model): no label was seen. */
  unsupervised?: boolean;
  /** Data given at construction (statsmodels: `smf.ols(formula, data=train).fit()`). */
  ctorData?: DataV;
  prepFits: FitEvent[];
  /** What the analysis guessed about this object's role (an unknown object taken to be a transformer by its name). */
  assumed?: string;
  /** FunctionTransformer(func): the document's function it runs on every batch it transforms. */
  func?: FnV;
  version?: string;
  loaded: boolean;
  /** A part of a loaded artifact (`bundle["scaler"]`, `bundle.scaler`): its container and how it is reached. */
  partOf?: { est: EstV; access: string };
  /** A search (GridSearchCV): the split its last fit cross-validated on. */
  searchSplit?: Split;
  /** A search's own folds: 'plain' (no cv, an integer, an unshuffled KFold: blocks in row order), 'shuffled' (a shuffled splitter). */
  searchFolds?: 'plain' | 'shuffled';
  /** A search whose grid holds one value per parameter: it chooses nothing. */
  oneCandidate?: boolean;
}

export interface FoldsV extends Common { k: 'folds'; split: Split; rows: RowKey[]; enumerated?: boolean }
export interface IdxV extends Common { k: 'idx'; split: Split; side: Side; fold?: number }
/** The names a module defines (a project module followed into, or a package folder). */
export interface Namespace { get(name: string): Val | undefined; set(name: string, v: Val): void; vars: Map<string, Val> }
export interface ModV extends Common { k: 'mod'; q: string; ns?: Namespace }
export interface FnV extends Common {
  k: 'fn'; node: SyntaxNode; chunk: number; name: string; called: boolean; isMethod: boolean;
  /** Module globals of a function defined in another file of the project (default: the document's). */
  globals?: Namespace;
  /** Class a method belongs to; `self` for a bound method. */
  cls?: ClassV; self?: ObjV;
  /** Arguments bound by `functools.partial(fn, a, k=v)`, passed before the call's own. */
  boundPos?: Val[]; boundKw?: Map<string, Val>;
}
/** A class defined in the document and its instances (attributes kept per instance). */
export interface ClassV extends Common {
  k: 'class'; name: string;
  /** Its methods, those it inherits from `bases` included. */
  methods: Map<string, FnV>;
  /** Base classes of the document or project, in order. */
  bases?: ClassV[];
  /** Constants assigned in the class body (`DATA_FILE = "x.csv"`), its bases' included. */
  consts?: Map<string, Val>;
}
export interface ObjV extends Common { k: 'obj'; cls: ClassV; fields: Map<string, Val> }
export interface SeqV extends Common {
  k: 'seq'; items: Val[]; keys?: (string | undefined)[];
  /** A comprehension's element evaluated once per iteration with the iteration variable in it: each item is other rows. */
  perIteration?: boolean;
  /** A comprehension built outside any loop: the same list on every pass of a later loop. */
  madeOnce?: boolean;
}
export interface ConstV extends Common { k: 'const'; text: string; str?: string }
/** A scalar or unknown object; may carry statistics computed from data. */
export interface ScalarV extends Common {
  k: 'scalar'; name: string; prep: FitEvent[]; dup: DupEvent[]; cols?: string[]; frame?: FrameMeta; loaded?: boolean;
  /** `df.columns` (as a list) minus the names removed from it. */
  allCols?: { frame: FrameMeta; removed: string[]; within?: string[];
    /** `df.columns[:-1]`: a positional range of the columns (which names it holds is not known here). */
    slice?: string;
    /** The columns of a selection by dtype (`df.select_dtypes("number").columns`): which names is a guess. */
    byDtype?: true };
  /** Statistics in a lazy column expression (polars `pl.col(c).mean()`), bound when applied to a frame. */
  pending?: Site[];
  /** A column name appended to a list under a test of a statistic (`if p < 0.05: keep.append(c)`). */
  chosen?: true;
  /** A parameter of a function nobody in the document calls, run on its own: the run it belongs to. */
  uncalledRun?: number;
}

export type Val = DataV | EstV | FoldsV | IdxV | ModV | FnV | SeqV | ConstV | ScalarV | ClassV | ObjV;

/**
 * Whether a column recorded under `stored` may be the column `name`. A column written as
 * df[c + "_freq"] in a loop is recorded by that expression ("@expr:c+\"_freq\""): it may be any
 * name with that literal suffix (or prefix), since the loop's names are not known.
 */
export function columnMayBe(stored: string, name: string): boolean {
  if (stored === name) return true;
  if (!stored.startsWith('@expr:')) return false;
  const expr = stored.slice(6);
  const suffix = /^[\w.]+\+(["'])(.*)\1$/.exec(expr);
  if (suffix) return name.length > suffix[2].length && name.endsWith(suffix[2]);
  const prefix = /^(["'])(.*)\1\+[\w.]+$/.exec(expr);
  if (prefix) return name.length > prefix[2].length && name.startsWith(prefix[2]);
  // f"lag_{i}": its literal parts in order, anything in place of each field.
  const fstr = /^[rRbBuU]?[fF][rR]?(["'])(.*)\1$/.exec(expr);
  if (!fstr) return false;
  const re = new RegExp('^' + fstr[2].split(/\{[^{}]*\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+') + '$');
  return re.test(name);
}

export function isTestSide(k: RowKey): boolean {
  if (k.path.length) return k.path[k.path.length - 1].side !== 'train';
  return k.root.role === 'test' || k.root.role === 'val';
}

export function lastSide(k: RowKey): Side | 'whole' {
  if (k.path.length) return k.path[k.path.length - 1].side;
  return k.root.role === 'whole' ? 'whole' : k.root.role;
}

function sameStep(a: Step, b: Step): boolean {
  return a.split === b.split && a.side === b.side && (a.fold ?? -1) === (b.fold ?? -1);
}

/** True when the rows of `outer` include the rows of `inner` (same source, prefix path). */
export function keyCovers(outer: RowKey, inner: RowKey): boolean {
  if (outer.root !== inner.root) return false;
  if (outer.path.length > inner.path.length) return false;
  for (let i = 0; i < outer.path.length; i++) if (!sameStep(outer.path[i], inner.path[i])) return false;
  return true;
}

export function covers(outer: RowKey[], inner: RowKey): boolean {
  for (const o of outer) if (keyCovers(o, inner)) return true;
  return false;
}

/** Stable identity of the held-out set a key belongs to (split side, or the test file). */
export function testSetKey(k: RowKey): string {
  if (k.path.length) {
    const s = k.path[k.path.length - 1];
    return `s${s.split.id}:${s.side}:${s.fold ?? ''}`;
  }
  return `r${k.root.id}`;
}

/**
 * `a.map(f)` as a loop. Optimised code's `map` makes holey arrays where the interpreter's makes packed
 * ones, so a hot list built by `map` reaches its readers with two array maps and each reader
 * deoptimises (and its caller is recompiled) once more. Used where that was measured.
 */
export function mapList<T, U>(a: readonly T[], f: (x: T, i: number) => U): U[] {
  const out: U[] = [];
  for (let i = 0; i < a.length; i++) out.push(f(a[i], i));
  return out;
}

export function unionKeys(a: RowKey[], b: RowKey[]): RowKey[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const out = a.slice();
  for (const k of b) if (!out.some((o) => o.root === k.root && o.path.length === k.path.length && o.path.every((s, i) => sameStep(s, k.path[i])))) out.push(k);
  return out;
}

export function unionList<T>(a: T[], b: T[]): T[] {
  if (!b.length) return a;
  if (!a.length) return b;
  const out = a.slice();
  for (const x of b) if (!out.includes(x)) out.push(x);
  return out;
}
