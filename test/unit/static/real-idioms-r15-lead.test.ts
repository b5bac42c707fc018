/**
 * Round 15, the lead's post-holdout fix: a class behind an error-level false alarm on the round's
 * holdout, with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const found = (src: string, rule: string, path = 'train.py'): string[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => `${f.location.line}:${f.severity}`);

describe('real-notebook idioms, round 15 (lead, after the holdout)', () => {
  describe('leakage/overlap: each class picked by its own mask, cut by position and stacked back (a per-class split)', () => {
    const src = (stack: string) => py`
      import pandas as pd
      from sklearn.model_selection import GridSearchCV
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("candidates.csv")
      pos = df[df["label"] == 1]
      neg = df[df["label"] == 0]
      pos_train = pos.iloc[:200]
      neg_train = neg.iloc[:200]
      pos_test = pos.iloc[200:]
      neg_test = neg.iloc[200:]
      ${stack}
      test = pd.concat([pos_test, neg_test], ignore_index=True)
      grid = GridSearchCV(RandomForestClassifier(), {"max_depth": [3, 5]}, cv=5)
      grid.fit(train.drop(columns=["label"]), train["label"])
      print(grid.best_score_)
      print(grid.score(test.drop(columns=["label"]), test["label"]))
    `;
    it('does not fire: the two classes are different rows, so the stacked training part repeats none', () => {
      assert.deepEqual(found(src('train = pd.concat([pos_train, neg_train], ignore_index=True)'), 'leakage/overlap'), []);
    });
    it('fires when the positive part is stacked twice (oversampled) before the cross-validation', () => {
      const s = src('train = pd.concat([pos_train, pos_train, neg_train], ignore_index=True)');
      assert.equal(found(s, 'leakage/overlap').length, 1);
    });
    it('fires when a class is stacked back beside all the rows it was picked from', () => {
      const s = src('train = pd.concat([df, pos_train], ignore_index=True)');
      assert.equal(found(s, 'leakage/overlap').length, 1);
    });
  });
});
