/**
 * Round 18 (helper r18-pm): preprocessing and multi-test classes from real code. Each class has a case
 * that must fire and a look-alike that must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 18, r18-pm)', () => {
  describe('leakage/multi-test: the same seeded split of an oversampled copy of the data cuts another test set', () => {
    const head = py`
      import pandas as pd
      from imblearn.over_sampling import SMOTE
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.tree import DecisionTreeClassifier
      from sklearn.metrics import f1_score
      survey = pd.read_csv("survey.csv")
      X = survey[["sleep", "stress", "steps"]]
      y = survey["burnout"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=5)
      clf = LogisticRegression().fit(X_train, y_train)
      print("before SMOTE", f1_score(y_test, clf.predict(X_test)))
      X_res, y_res = SMOTE().fit_resample(X, y)
      X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.3, random_state=5)
      clf = LogisticRegression().fit(X_train, y_train)
      print("after SMOTE", f1_score(y_test, clf.predict(X_test)))
    `;
    it('fires when a second model is scored on the split of the resampled copy', () => {
      const src = head + py`
        tree = DecisionTreeClassifier(max_depth=3).fit(X_train, y_train)
        print("tree after SMOTE", f1_score(y_test, tree.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [18]);
    });
    it('does not fire for one model per cut (before and after resampling)', () => {
      assert.deepEqual(rules(head, 'leakage/multi-test'), []);
      // The resampling before the split is still overlap, placed on the split of the resampled rows.
      assert.deepEqual(rules(head, 'leakage/overlap'), [13]);
    });
  });
});
