/**
 * Round 15 (r15-pre): preprocessing classes. Each class has a case that must fire and a look-alike that
 * must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 15, r15-pre)', () => {
  describe('leakage/preprocessing: the per-setting CV scores of an old-style search (`grid_scores_`) are a reported CV score', () => {
    const head = py`
      import pandas as pd
      from sklearn.grid_search import GridSearchCV
      from sklearn.preprocessing import StandardScaler
      from sklearn.svm import SVC
      train = pd.read_csv("train.csv")
      X = train.drop(["label"], axis=1).values
      y = train["label"].values
      X = StandardScaler().fit(X).transform(X)
      search = GridSearchCV(SVC(), {"C": [1, 10, 100]}, cv=5)
      search.fit(X, y)
    `;
    it('fires when grid_scores_ is printed', () => {
      const src = head + py`
        print(search.best_params_)
        print(search.grid_scores_)
      `;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when only the chosen setting is printed', () => {
      const src = head + py`
        print(search.best_params_)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });
});
