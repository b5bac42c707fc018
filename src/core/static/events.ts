/** What the interpreter observed; the detectors turn these into findings. */
import type { DataV, DupEvent, EstV, FitEvent, RowKey, Site, Split } from './values';

export interface EvalEvent {
  site: Site;
  /** Held-out rows evaluated (from X or y_true). */
  keys: RowKey[];
  model?: EstV;
  version?: string;
  /** The evaluation runs inside a loop/comprehension iteration (0-based), for reporting. */
  inLoop: boolean;
  /** Data evaluated varies per loop iteration (CV folds), so it is not one fixed test set. */
  dataVarying: boolean;
  /** Statement text mentions "test"/"val" (print label or target variable). */
  labelledTest: boolean;
  /** The test label comes from a later print of the score's name, not from this statement (said in the finding). */
  labelAssumed?: string;
  /** Statement labels the score as a training / in-sample score. */
  labelledTrain: boolean;
  what: string;
  /** Argument texts, for the train-as-test fix. */
  argNodes: { from: number; to: number; text: string }[];
  data?: DataV;
  /** What the analysis had to guess to call this an evaluation (said in the finding). */
  assumed?: string;
  /** One of the passes of a loop that re-makes an unseeded random split, fits, scores its test part and keeps the best pass. */
  resplitBest?: boolean;
  /** What the model had been fitted on when it was scored (a later partial_fit or refit does not count). */
  fitState?: Pick<EstV, 'fit' | 'fitData' | 'fitLabelRows' | 'unsupervised'>;
  /** Execution step of the evaluation (compared with `Events.heldOutStep`). */
  step: number;
  /** The rows scored are a named part of a held-out set (`DataV.heldSubset`): the selection that took them. */
  heldSubset?: string;
  /** The bound of the positional cut every labelled input was taken by (`DataV.cutBound`). */
  cutBound?: string;
  /** The label column scored and the one the model was fitted with, by name (`labelName`). */
  task?: { truth: string; fitLabel?: string; perPass?: string };
  /** The branches of top-level if/elif chains it runs in (`<if>#<branch>`): only one branch of a chain runs. */
  branches?: string[];
  /** Made while a function nobody in the document calls was run with unknown arguments. */
  uncalled?: boolean;
  /** Run as part of a document function that the document never names again (not called, not passed, not decorated). */
  unreferenced?: boolean;
  /** Bound to a name that nothing in the document reads again (not printed, compared, stored or returned): no result. */
  unread?: boolean;
  /** Scored with no model the analysis knows (a hand-written network): ids of the statistics its inputs carry. */
  unknownModelFits?: number[];
}

/** Held-out rows handed to a training call (validation_data=, eval_set=, valid_sets=, evals=). */
export interface TrainEvalEvent {
  site: Site;
  keys: RowKey[];
  /** The keyword that carries them. */
  via: string;
  /** Early stopping, a best-checkpoint callback or a search objective selects on them. */
  selects: boolean;
  /** The selecting score is itself the reported result (a best epoch score kept and reported). */
  reportsBest?: boolean;
  /** What the analysis had to guess (a loader taken to be held-out data by its name). */
  assumed?: string;
}

export interface PrepLeak { fit: FitEvent; key: RowKey; split?: Split; viaVal: boolean; reason: PrepReason }
/** fit-on-test: fitted on test rows only; includes-test: on a mix of training and test rows. */
export type PrepReason = 'split' | 'transform' | 'fit-on-test' | 'includes-test' | 'cv';
export interface DupLeak {
  dup: DupEvent; split: Split; assumed?: string;
  /** Keras validation_split whose val_ metrics the file never reads (a callback may pick the epoch there). */
  valUnread?: boolean;
}

/** A fit at serving. */
export interface RefitEvent {
  site: Site;
  what: string;
  reason: string;
  loadSite?: Site;
  /** What the analysis had to guess to call this serving (a function's name); the finding says so and stays below error. */
  assumed?: string;
  /** An open-coded statistic of the batch (mean, value_counts, a group aggregate), not a transformer: reported at warning. */
  statistic?: boolean;
  /** `pd.get_dummies`: reported unless its result is aligned to the training columns and used only so. */
  dummies?: boolean;
  /** `pd.get_dummies` run on a held-out part of a split alone (a074): reported only when that part reaches a model unaligned. */
  heldOut?: true;
  /** Fitted again on rows a model trained on another fit of the same transformer then scores: reported at warning. */
  otherFit?: true;
  /** `x.fit_transform(...)`: what a fix may call `transform` on instead. */
  fitTransform?: RefitSubject;
}

/** The receiver of a `fit_transform` at serving and the fitted artifacts loaded where it runs. */
export interface RefitSubject {
  /** Offsets of the callee (`sc.fit_transform`, `StandardScaler().fit_transform`) in the site's chunk. */
  calleeFrom: number;
  calleeTo: number;
  /** Class of the receiver (`loaded` when it was itself loaded from disk). */
  cls: string;
  receiverLoaded: boolean;
  /** Expressions that reach a loaded artifact at that point (`scaler`, `bundle["scaler"]`, `self.enc`). */
  loaded: { expr: string; est: EstV }[];
}

export interface Events {
  prepLeaks: PrepLeak[];
  dupLeaks: DupLeak[];
  /** Keras `validation_data` that is the very training part the model is fitted on, its val_ metrics read. */
  trainAsVal: { site: Site; split: Split; loader?: string }[];
  evals: EvalEvent[];
  trainEvals: TrainEvalEvent[];
  splits: Split[];
  modelFits: { fit: FitEvent; est: EstV }[];
  refits: RefitEvent[];
  positional: { site: Site; predictSite: Site; model: string }[];
  /** A frame of another file that drops the training label and more columns, predicted by a model fitted with only the label dropped. */
  droppedMore: { site: Site; predictSite: Site; model: string; dropped: string[]; extra: string[] }[];
  /** `dropBy`: df.drop(df["c"]) made the held-out set (a column's values taken as row labels).
   * `sampledWith`: the part the held-out set was sampled independently of (train = df.sample(...); test = df.sample(...)). */
  testFromTrain: { site: Site; name: string; sampledWith?: string; split?: Split; dropBy?: string }[];
  target: { site: Site; label: string; source?: string; kind: 'feature-from-label' | 'label-in-features'; fitSite: Site; assumed?: string; groupStat?: boolean;
    /** A transformer fitted on the rows of one class only, another on each other class's rows, stacked back (its class name). */
    classFit?: string;
    /** Found while running a function nothing in the document calls. */
    uncalled?: boolean }[];
  /** `folds`: K-fold folds taken in row order (not shuffled) on the series. */
  temporal: { site: Site; reason: string; split: Split; folds?: boolean; assumed?: string; reversed?: boolean }[];
  /** A test set exists (test file or test side of a split): validation-only leaks are then not reported. */
  hasTestSet: boolean;
  /** Execution step at which held-out data first exists (a split is made or a test file read). */
  heldOutStep?: number;
  /** Labels of a test set are bound to a name (y_test, test_labels): it is a labelled held-out set. */
  testLabels: boolean;
  /** Data is written to a file whose path is not a literal (to_csv, to_parquet, np.save, ...). */
  writesData: boolean;
  /** Literal paths data is written to, and those of them read back later in the document (intermediates). */
  written: Set<string>;
  readBack: Set<string>;
  /** A model fitted on held-out rows alone whose fit summary is read (`sm.OLS(y_test, X_test).fit().summary()`). */
  heldOutFits: { site: Site; fitSite: Site; cv?: string }[];
  /** In-sample predictions of a series model scored against the series and called a forecast or test score. */
  inSampleScores: { site: Site; fitSite: Site; label: string }[];
  /** A decision threshold picked by argmax/argmin off a curve of test rows (`thr[np.argmax(tpr - fpr)]`). */
  curvePicks: { site: Site; curveSite?: Site; key: RowKey; name: string }[];
  /**
   * Many models trained and scored side by side on the rows given, in one call: an AutoML
   * leaderboard (`predictor.leaderboard(test_data)`), `LazyClassifier().fit(X_tr, X_te, y_tr, y_te)`.
   */
  leaderboards: { site: Site; keys: RowKey[]; what: string; /** The logged test metric MLflow runs are ordered by. */ logged?: string }[];
  /** A fitted search's chosen setting read (`best_params_`) from a search fitted on these rows, at this step. */
  searchPicks: { site: Site; rows: RowKey[]; step: number; name: string; boundTo: string[] }[];
  /** Some training call holds out rows of its own (Keras `validation_split=`), scored as `val_` metrics. */
  validationSplit?: boolean;
  /** A model dumped inside a loop (one pass of it kept) loaded back after the loop from the same path. */
  loopDumpReloads: { est: EstV; site: Site; step: number }[];
  /** Test rows mixed into the data a model is fitted on. */
  mixed: { site: Site; fitSite: Site; est?: EstV }[];
  /**
   * Ids of the statistics carried by data a model was fitted on, predicted or scored on: a statistic
   * of the held-out rows alone matters only when the rows it shaped reach a model (not a metric's own
   * mean, a threshold on predictions, a loss weight).
   */
  modelInputFits: Set<number>;
  /** Ids of the statistics carried by data a model was fitted on (at any of its fits). */
  trainedOnFits: Set<number>;
  /** Transformer fits applied to a training part alone (vec.transform(X_train)): the training rows carry them. */
  trainPartFits: Set<number>;
  /**
   * Ids of statistics written into a frame (`df[c] = ...`, an in-place fill): the frame may reach a
   * model by a path the analysis does not follow (a helper that changes its argument in place).
   */
  frameStatFits: Set<number>;
  /** Data roots (files, frames) some rows of which reached a model (fitted on, predicted, scored). */
  modelInputRoots: Set<RowKey['root']>;
  /** Fits made while running a function nothing in the document calls (a helper another file may call). */
  uncalledFits: Set<number>;
  /** Ids of the statistics carried by the labels a model was fitted on (`y` of `fit(X, y)`). */
  labelFits: Set<number>;
  /** How many evaluations, training-time evaluations and splits were recorded before the functions nothing calls ran. */
  calledCounts?: { evals: number; trainEvals: number; splits: number };
}

export function newEvents(): Events {
  return { prepLeaks: [], dupLeaks: [], trainAsVal: [], evals: [], trainEvals: [], splits: [], modelFits: [], refits: [], positional: [], droppedMore: [], testFromTrain: [], target: [], temporal: [], hasTestSet: false, testLabels: false, writesData: false, written: new Set(), readBack: new Set(), mixed: [], loopDumpReloads: [], heldOutFits: [], inSampleScores: [], curvePicks: [], searchPicks: [], leaderboards: [], modelInputFits: new Set(), trainedOnFits: new Set(), trainPartFits: new Set(), frameStatFits: new Set(), modelInputRoots: new Set(), labelFits: new Set(), uncalledFits: new Set() };
}
