/** Catalog of rules (static and run findings): stable ids, titles, default severities, docs pages. */
import type { Severity } from './finding';

export interface RuleInfo {
  id: string;
  title: string;
  defaultSeverity: Severity;
  description: string;
  /** Repository-relative path of the rule's documentation page. */
  docsPath: string;
}

const DOCS_BASE = 'https://github.com/skewer-ml/skewer/blob/main/';

function rule(id: string, title: string, defaultSeverity: Severity, description: string): RuleInfo {
  return { id, title, defaultSeverity, description, docsPath: `docs/rules/${id.replace('/', '-')}.md` };
}

export const RULES: readonly RuleInfo[] = [
  rule('leakage/preprocessing', 'Preprocessing fitted on rows that reach the test set', 'warning',
    'A scaler, imputer, encoder, selector, vectorizer or open-coded statistic is fitted on data that includes test rows, so the test score sees information it would not have in production.'),
  rule('leakage/overlap', 'Train and test share rows', 'error',
    'Rows are duplicated or synthesised before the split (oversampling, augmentation), the test set is drawn from training rows, or training data is reported as the test score.'),
  rule('leakage/multi-test', 'Test set used to select among models', 'warning',
    'The same test set scores several models or hyper-parameter settings; picking the best of them makes the test score optimistic. Select on a validation split or with cross-validation and touch the test set once.'),
  rule('leakage/target', 'Feature derived from the label', 'error',
    'A feature matrix still contains the label column, or a feature is computed from the label.'),
  rule('leakage/temporal', 'Shuffled split of time-ordered data', 'warning',
    'Data with a time column or ordered by time is split at random, so the model trains on the future and is tested on the past.'),
  rule('leakage/group', 'One entity on both sides of a split', 'warning',
    'Rows of the same customer, patient or other entity (an id-like key column) land in both train and test, so the test score measures recall of known entities rather than generalisation to new ones. Split by the entity (GroupShuffleSplit, GroupKFold).'),
  rule('mismatch/refit-at-inference', 'Transformer refitted at inference', 'error',
    'A transformer or encoder is fitted again on serving data (or, at warning, on the held-out rows alone) instead of reusing the one fitted at training; its parameters (means, categories, columns) then differ from training.'),
  rule('mismatch/column-order', 'Positional features passed to a loaded model', 'warning',
    'A serving frame is converted to a positional array without aligning its columns to the training column order; a reordered or extra column silently shifts every feature.'),
  rule('mismatch/one-hot-set', 'One-hot columns differ between training and serving', 'warning',
    'The categories one-hot encoded at serving are not the ones encoded at training (pd.get_dummies on a batch with an unseen or a missing category), so a model reading by position gets extra, missing or shifted columns.'),
  rule('mismatch/unseen-category', 'Category never seen in training', 'warning',
    'A categorical feature takes values at serving that the training data never had; the model has learned nothing for them.'),
  rule('mismatch/fitted-params', 'Serving transformer differs from the one fitted at training', 'error',
    'The scaler, imputer or encoder that transforms the serving data has other fitted parameters (means, scales, categories) than the one fitted at training, so every feature it touches is mapped differently.'),
  rule('mismatch/unit-change', 'Feature in other units at serving', 'error',
    'A numeric feature arrives at serving scaled by a power of ten relative to training (thousands instead of units, cents instead of euros); the model reads it as a different value.'),
  rule('mismatch/row-skew', 'Same entity, different features at serving', 'warning',
    'An entity present in both the training and the serving run (by an id-like key) reaches the model with different feature values: the two pipelines compute its features differently. Replaying the training-fitted transformer on the serving values tells a differing transform from differing raw data.'),
  rule('drift/distribution', 'Feature distribution shifted between training and serving', 'warning',
    'A feature the model reads is distributed differently at serving than in training (JS divergence, PSI or L-infinity distance over the skewer.thresholds settings).'),
  rule('drift/missing-rate', 'Missing-value rate changed between training and serving', 'warning',
    'A feature the model reads is missing much more (or less) often at serving than in training.'),
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function ruleInfo(id: string): RuleInfo | undefined {
  return BY_ID.get(id);
}

/** Link to the rule's docs page, usable from SARIF helpUri and editor hovers. */
export function ruleHelpUri(id: string): string {
  const r = BY_ID.get(id);
  return DOCS_BASE + (r ? r.docsPath : 'docs/rules/README.md');
}
