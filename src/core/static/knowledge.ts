/**
 * What the analyzer knows about pandas, numpy, scikit-learn, imbalanced-learn and Keras APIs.
 * Names are matched on the last component (`StandardScaler`, `train_test_split`) so that aliased
 * or star imports and missing import cells in notebooks still resolve.
 */

/** Estimators whose `fit` aggregates over rows (the statistic leaks when test rows are included). */
const TRANSFORMERS = [
  // scaling / normalisation
  'StandardScaler', 'MinMaxScaler', 'MaxAbsScaler', 'RobustScaler', 'Normalizer', 'QuantileTransformer',
  'PowerTransformer', 'KBinsDiscretizer', 'Binarizer', 'SplineTransformer', 'PolynomialFeatures',
  // imputation
  'SimpleImputer', 'KNNImputer', 'IterativeImputer', 'MissingIndicator', 'Imputer',
  // encoding
  'OneHotEncoder', 'OrdinalEncoder', 'TargetEncoder', 'LabelBinarizer', 'MultiLabelBinarizer', 'LabelEncoder',
  'DictVectorizer', 'FeatureHasher',
  // feature selection
  'SelectKBest', 'SelectPercentile', 'SelectFpr', 'SelectFdr', 'SelectFwe', 'GenericUnivariateSelect',
  'VarianceThreshold', 'RFE', 'RFECV', 'SelectFromModel', 'SequentialFeatureSelector',
  // dimensionality reduction / decomposition
  'PCA', 'IncrementalPCA', 'KernelPCA', 'SparsePCA', 'TruncatedSVD', 'FactorAnalysis', 'FastICA', 'NMF',
  'LatentDirichletAllocation', 'LinearDiscriminantAnalysis', 'TSNE', 'Isomap', 'LocallyLinearEmbedding',
  'UMAP', 'GaussianRandomProjection', 'SparseRandomProjection', 'Nystroem', 'RBFSampler',
  // text
  'CountVectorizer', 'TfidfVectorizer', 'TfidfTransformer', 'HashingVectorizer', 'Tokenizer', 'TextVectorization',
  'Word2Vec', 'Normalization', 'Discretization', 'StringLookup', 'IntegerLookup', 'TextVectorization',
  // category_encoders / feature-engine style
  'WOEEncoder', 'CatBoostEncoder', 'MeanEncoder', 'MEstimateEncoder', 'JamesSteinEncoder', 'LeaveOneOutEncoder', 'GLMMEncoder', 'CountFrequencyEncoder', 'BinaryEncoder', 'HashingEncoder',
  'MeanMedianImputer', 'ArbitraryNumberImputer', 'EqualFrequencyDiscretiser', 'EqualWidthDiscretiser',
  // Spark ML feature stages
  'StringIndexer', 'VectorIndexer', 'OneHotEncoderEstimator', 'IDF', 'QuantileDiscretizer', 'ChiSqSelector', 'UnivariateFeatureSelector',
  'VectorAssembler', 'HashingTF', 'Bucketizer', 'StopWordsRemover', 'IndexToString', 'RegexTokenizer', 'NGram', 'SQLTransformer',
];
/** Transformers whose fit is stateless or effectively so; never a preprocessing leak. */
const STATELESS = new Set(['Normalizer', 'Binarizer', 'PolynomialFeatures', 'FeatureHasher', 'HashingVectorizer',
  'FunctionTransformer', 'GaussianRandomProjection', 'SparseRandomProjection', 'SplineTransformer',
  'VectorAssembler', 'HashingTF', 'Bucketizer', 'StopWordsRemover', 'IndexToString', 'RegexTokenizer', 'NGram', 'SQLTransformer']);

/** Clustering also aggregates over rows when used to build features. */
const CLUSTERERS = ['KMeans', 'MiniBatchKMeans', 'DBSCAN', 'AgglomerativeClustering', 'GaussianMixture', 'Birch', 'MeanShift', 'SpectralClustering'];

/** Samplers whose `fit_resample` duplicates or synthesises minority rows. */
const OVERSAMPLERS = ['SMOTE', 'ADASYN', 'RandomOverSampler', 'BorderlineSMOTE', 'SVMSMOTE', 'KMeansSMOTE',
  'SMOTENC', 'SMOTEN', 'SMOTETomek', 'SMOTEENN'];
const UNDERSAMPLERS = ['RandomUnderSampler', 'NearMiss', 'TomekLinks', 'EditedNearestNeighbours', 'ClusterCentroids',
  'CondensedNearestNeighbour', 'OneSidedSelection', 'InstanceHardnessThreshold', 'AllKNN', 'NeighbourhoodCleaningRule'];

const SPLITTERS = ['KFold', 'StratifiedKFold', 'GroupKFold', 'RepeatedKFold', 'RepeatedStratifiedKFold', 'ShuffleSplit',
  'StratifiedShuffleSplit', 'GroupShuffleSplit', 'LeaveOneOut', 'LeavePOut', 'LeaveOneGroupOut', 'TimeSeriesSplit',
  'PredefinedSplit', 'StratifiedGroupKFold'];

const SEARCHERS = ['GridSearchCV', 'RandomizedSearchCV', 'HalvingGridSearchCV', 'HalvingRandomSearchCV', 'BayesSearchCV'];

/** Functions that run cross-validation on the data they are given. */
const CV_FUNCTIONS = ['cross_val_score', 'cross_validate', 'cross_val_predict', 'learning_curve', 'validation_curve',
  'permutation_test_score'];

/** Metric functions (first positional arguments are y_true, y_pred / y_score). */
const METRIC_EXTRA = ['classification_report', 'confusion_matrix', 'multilabel_confusion_matrix', 'roc_curve',
  'precision_recall_curve', 'precision_recall_fscore_support', 'det_curve', 'ConfusionMatrixDisplay',
  'RocCurveDisplay', 'PrecisionRecallDisplay', 'plot_confusion_matrix', 'plot_roc_curve', 'from_predictions',
  'from_estimator'];

/** Model classes (anything with fit/predict not listed above is treated as a model too). */
const MODEL_HINT = /(Booster|Regressor|Regression|Classifier|SVC|SVR|NB|KNeighbors|Forest|Boost|Tree|Lasso|Ridge|ElasticNet|Perceptron|MLP|LGBM|XGB|CatBoost|Sequential|Model|Net|Estimator|FM)$/;

export type EstimatorCategory = 'transformer' | 'stateless' | 'clusterer' | 'oversampler' | 'undersampler'
  | 'splitter' | 'search' | 'pipeline' | 'column-transformer' | 'augmenter' | 'model';

const CATEGORY = new Map<string, EstimatorCategory>();
for (const n of TRANSFORMERS) CATEGORY.set(n, 'transformer');
for (const n of STATELESS) CATEGORY.set(n, 'stateless');
for (const n of CLUSTERERS) CATEGORY.set(n, 'clusterer');
for (const n of OVERSAMPLERS) CATEGORY.set(n, 'oversampler');
for (const n of UNDERSAMPLERS) CATEGORY.set(n, 'undersampler');
for (const n of SPLITTERS) CATEGORY.set(n, 'splitter');
for (const n of SEARCHERS) CATEGORY.set(n, 'search');
CATEGORY.set('Pipeline', 'pipeline');
CATEGORY.set('make_pipeline', 'pipeline');
CATEGORY.set('ImbPipeline', 'pipeline');
CATEGORY.set('ColumnTransformer', 'column-transformer');
CATEGORY.set('make_column_transformer', 'column-transformer');
CATEGORY.set('FeatureUnion', 'column-transformer');
CATEGORY.set('make_union', 'column-transformer');
CATEGORY.set('DataFrameMapper', 'column-transformer');
CATEGORY.set('ImageDataGenerator', 'augmenter');

const categoryMemo = new Map<string, EstimatorCategory | null>();
/** Category of a class name, or undefined when the name is not a known estimator or model. */
export function estimatorCategory(name: string): EstimatorCategory | undefined {
  let c = categoryMemo.get(name);
  if (c === undefined) {
    c = CATEGORY.get(name) ?? (MODEL_HINT.test(name) && /^[A-Z]/.test(name) ? 'model' : null);
    if (categoryMemo.size < 10_000) categoryMemo.set(name, c);
  }
  return c ?? undefined;
}

export const isCvFunction = (n: string): boolean => CV_FUNCTIONS.includes(n);

const metricMemo = new Map<string, boolean>();
/** sklearn/keras-style metric functions. */
export function isMetricFunction(n: string): boolean {
  let m = metricMemo.get(n);
  if (m === undefined) {
    m = metricName(n);
    if (metricMemo.size < 10_000) metricMemo.set(n, m);
  }
  return m;
}

function metricName(n: string): boolean {
  if (METRIC_EXTRA.includes(n)) return true;
  return /^[a-z0-9_]+_(score|error|loss|deviance)$/.test(n) && n !== 'cross_val_score' && n !== 'permutation_test_score'
    || /^(accuracy|precision|recall|f1|fbeta|roc_auc|r2|log_loss|matthews_corrcoef|cohen_kappa|hamming_loss|jaccard|auc)$/.test(n)
    // Ranking metrics of recommender libraries (lightfm.evaluation.precision_at_k(model, test_interactions, k=10)).
    || /^(precision|recall|ndcg|map|hit_rate)_at_k$|^reciprocal_rank$/.test(n);
}

/** Methods of a fitted model that evaluate it on data (first argument is X). */
export const EVAL_METHODS = new Set(['score', 'evaluate']);
export const PREDICT_METHODS = new Set(['predict', 'predict_proba', 'predict_log_proba', 'decision_function',
  'predict_classes', 'transform', 'score_samples']);

/** Readers that produce a new dataset. */
export function isReader(qualified: string, last: string): boolean {
  if (/^(read_(csv|excel|parquet|json|table|sql|sql_query|sql_table|feather|pickle|hdf|fwf|orc|stata|sas|spss|xml|html|clipboard))$/.test(last)) return true;
  if (/^(load_|fetch_|make_)/.test(last) && /sklearn|datasets|^load_|^fetch_|^make_/.test(qualified)) return !/^make_(pipeline|column|union|scorer)/.test(last);
  if (/^(loadtxt|genfromtxt|fromfile|loadmat|loadarff|load_svmlight_file)$/.test(last)) return true;
  if (last === 'load' && /^(np|numpy)\./.test(qualified)) return true;
  // json.load(f): records read from a file, a dataset of its own at each call.
  if (last === 'load' && /^json\./.test(qualified)) return true;
  if (last === 'load_data' || last === 'image_dataset_from_directory' || last === 'text_dataset_from_directory') return true;
  if (last === 'read' && /spark/.test(qualified)) return true;
  return false;
}

/** Loaders of fitted artifacts (a model or encoder restored from disk marks a serving path). */
export function isArtifactLoader(qualified: string, last: string): boolean {
  if (last === 'load_model' || last === 'load_learner' || last === 'InferenceSession') return true;
  // Runs for every call: test the qualified name only for the few names that can match.
  if (last === 'load' || last === 'loads') return /(joblib|pickle|dill|cloudpickle|torch|skops|mlflow|cPickle)/.test(qualified);
  return qualified.endsWith('load_model') && /^mlflow\..*load_model$/.test(qualified);
}

/** Column statistics that aggregate over rows when called on a frame or series. */
export const STAT_METHODS = new Set(['mean', 'median', 'std', 'var', 'min', 'max', 'quantile', 'mode', 'sem', 'mad', 'value_counts', 'corr', 'corrwith', 'cov',
  'skew', 'kurt', 'nlargest', 'nsmallest', 'describe', 'ptp']);
/** numpy functions that aggregate over rows. */
export const NP_STATS = new Set(['mean', 'median', 'std', 'var', 'min', 'max', 'percentile', 'quantile', 'nanmean',
  'nanmedian', 'nanstd', 'nanvar', 'nanpercentile', 'nanmin', 'nanmax', 'amin', 'amax', 'average', 'ptp']);
/** Group-by aggregations (result is a per-group statistic). */
export const GROUP_AGGS = new Set(['mean', 'median', 'std', 'var', 'sum', 'count', 'min', 'max', 'agg', 'aggregate',
  'transform', 'nunique', 'size', 'first', 'last', 'quantile', 'apply', 'cumsum', 'cumcount', 'rank']);
/** Group-by methods that are not statistics over other rows (row-wise ops). */
export const GROUP_NON_STATS = new Set(['cumsum', 'cumcount', 'rank', 'shift', 'diff', 'head', 'tail', 'nth', 'first', 'last']);

/** Methods on a frame/series that keep the same rows (column-wise or element-wise). */
export const ROW_PRESERVING = new Set(['astype', 'copy', 'rename', 'replace', 'apply', 'applymap', 'map', 'assign',
  'reset_index', 'set_index', 'to_numpy', 'reshape', 'round', 'abs', 'clip', 'fillna', 'ffill', 'bfill', 'interpolate',
  'where', 'mask', 'add', 'sub', 'mul', 'div', 'pow', 'log', 'str', 'dt', 'cat', 'lower', 'upper', 'strip',
  'split', 'get', 'contains', 'isin', 'isnull', 'isna', 'notnull', 'notna', 'eq', 'ne', 'lt', 'gt', 'le', 'ge',
  'infer_objects', 'convert_dtypes', 'select_dtypes', 'reindex', 'filter', 'pipe', 'transpose', 'flatten', 'ravel',
  'tolist', 'to_list', 'to_frame', 'squeeze', 'explode', 'melt', 'pivot', 'pivot_table', 'stack', 'unstack',
  'shift', 'diff', 'pct_change', 'cumsum', 'cumprod', 'rolling', 'expanding', 'ewm', 'sort_index', 'sort_values',
  'add_prefix', 'add_suffix', 'set_axis', 'swapaxes', 'view', 'todense', 'toarray', 'to_dict', 'items',
  'duplicated', 'factorize', 'cut', 'qcut', 'between', 'any', 'all', 'sum', 'count', 'describe',
  'unique', 'nunique', 'idxmax', 'idxmin', 'argmax', 'argmin', 'info', 'keys', 'values']);
/** Methods that select a subset of rows. */
export const ROW_SUBSET = new Set(['dropna', 'drop_duplicates', 'head', 'tail', 'query', 'nlargest', 'nsmallest', 'truncate']);

/** A column name that looks like time. */
export const TIME_COLUMN = /(^|_|\b)(date|datetime|time|timestamp|ts|year|month|week|day|period|quarter)(s)?($|_|\b)|date|time/i;
/** A position inside a recurring cycle (week of year, day of week): every year's rows share each value. */
export const CYCLIC_NAME = /(^|_)(day|week|month|hour|quarter)_?of_?(the_)?(week|month|year|day)$/i;
/** A date's cyclic field (`.dt.month`, `.dt.dayofweek`, `.isocalendar().week`), not its period (`.dt.to_period("M")`). */
export const CYCLIC_FIELD = /\.(month|week|weekofyear|day|dayofweek|day_of_week|weekday|dayofyear|day_of_year|quarter|hour)\b(?!\s*\()|isocalendar\(\)\s*(\.\s*week\b|\[\s*["']week["']\s*\])/;

/** A variable or string that names a test (held-out) set. */
export const TEST_NAME = /(^|[^a-z])(test|tst|holdout|hold_out|heldout)($|[^a-z])|test|_te$/i;
export const VAL_NAME = /(^|[^a-z])(val|valid|validation|dev|cv|va|vl)($|[^a-z])|valid/i;
export const TRAIN_NAME = /(^|[^a-z])(train|tr|trn|training)($|[^a-z])|train/i;
/** A variable that holds the label. */
export const LABEL_NAME = /^(y|Y|y_.*|Y_.*|.*_y|labels?|targets?|.*_labels?|.*_targets?)$/;

/** Names of datasets: a pickle loaded into one of these is data, not a fitted artifact. */
export const DATA_NAME = /^(df|data|dataset|frame|table|raw|features?|x|y|X|Y|arrays?|samples?|records|rows|train\w*|test\w*|val\w*|cache[d]?)($|_)/;

/** File names and function names that mark a serving / inference path. */
// "prediction", "predictor", "service" are left out: "house_price_prediction" is usually a training notebook.
const SERVING_TOKENS = new Set(['serve', 'serving', 'server', 'infer', 'inference', 'predict', 'deploy', 'deployment',
  'scoring', 'app', 'api', 'handler', 'endpoint', 'lambda']);
/** True when a file's base name (without extension) names a serving / inference entry point. */
export function isServingName(base: string): boolean {
  const tokens = base.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  if (tokens.includes('train') || tokens.includes('training')) return false;
  return tokens.some((t) => SERVING_TOKENS.has(t)) || base.toLowerCase() === 'score';
}
/** Function forms of scalers (sklearn.preprocessing.scale etc.): fit and transform in one call. */
export const SCALE_FUNCTIONS = new Set(['scale', 'minmax_scale', 'robust_scale', 'maxabs_scale', 'quantile_transform',
  'power_transform', 'zscore']);
/** Univariate feature scores against the label (sklearn.feature_selection): their ranking picks columns. */
export const SCORE_FUNCTIONS = new Set(['mutual_info_classif', 'mutual_info_regression', 'f_classif', 'f_regression', 'chi2', 'r_regression']);
/** Encoders that learn from the label (their fit on rows that reach the test set is target leakage too). */
export const TARGET_ENCODERS = new Set(['TargetEncoder', 'WOEEncoder', 'CatBoostEncoder', 'MEstimateEncoder', 'JamesSteinEncoder',
  'LeaveOneOutEncoder', 'GLMMEncoder', 'MeanEncoder', 'QuantileEncoder', 'SummaryEncoder']);
/** Encoders whose fit learns a category vocabulary only (see `FitEvent.vocabulary`). */
export const VOCABULARY_ENCODERS = new Set(['OneHotEncoder', 'OrdinalEncoder', 'DictVectorizer', 'StringLookup', 'IntegerLookup', 'BinaryEncoder', 'StringIndexer', 'VectorIndexer', 'OneHotEncoderEstimator']);
/** Label encoders: by contract they encode y, not features. */
export const LABEL_ENCODERS = new Set(['LabelEncoder', 'LabelBinarizer', 'MultiLabelBinarizer']);

// `serve` alone or followed by what is served: `serve_stats_rating` (a tennis serve) names a feature, not a server.
export const SERVING_FUNCTION = /^(predict\w*|serve|serve_(?:model|request|prediction|predict|inference|batch|input|payload|query|api|app|endpoint|online)\w*|serving\w*|infer\w*|inference\w*|handler|handle|handle_(?:request|event|message|query|input|batch|payload|prediction|predict|inference)\w*|score_request|run_inference|lambda_handler|api_\w+|endpoint\w*)$/;
