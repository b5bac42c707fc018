/**
 * Round 20b, overlap recall: classes of held-out rows that were in the fit, each with a case that must
 * fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 20b (overlap recall)', () => {
  describe('leakage/overlap: out-of-fold predictions of a model fitted on all rows inside the fold loop', () => {
    // oof[va] = m.predict(X[va]) fills one array fold by fold; when m is fitted on all of X (not X[tr]),
    // every "held-out" fold was in its fit and the CV score of that array is in-sample.
    const src = (fitRows: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import KFold
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("houses.csv")
      X = df.drop(columns=["price"]).values
      y = df["price"].values
      oof = np.zeros(len(X))
      folds = KFold(n_splits=4, shuffle=True, random_state=1)
      for tr, va in folds.split(X):
          reg = Ridge(alpha=0.5)
          reg.fit(${fitRows})
          oof[va] = reg.predict(X[va])
      print("CV MAE", mean_absolute_error(y, oof))
    `;
    it('fires (error) when the model is fitted on all rows and its out-of-fold array is scored', () => {
      assert.deepEqual(found(src('X, y'), 'leakage/overlap'), ['15:error']);
    });
    it('does not fire when the model is fitted on the fold\'s training rows', () => {
      assert.deepEqual(found(src('X[tr], y[tr]'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: folds drawn from the original rows used to index the oversampled rows', () => {
    // kf.split(X, y) gives positions; applied to X_res (SMOTE's output, originals then synthetic rows) they
    // cut the resampled rows into folds, so synthetic neighbours of a validation row sit in training.
    const src = (before: string, inLoop: string) => py`
      import pandas as pd
      from imblearn.over_sampling import RandomOverSampler
      from sklearn.model_selection import StratifiedKFold
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import f1_score
      data = pd.read_csv("claims.csv")
      X = data.drop(columns=["fraud"])
      y = data["fraud"]
      ${before}
      cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
      f1s = []
      for tr, te in cv.split(X, y):
          ${inLoop}
          rf = RandomForestClassifier(n_estimators=100).fit(X_a, y_a)
          f1s.append(f1_score(y_b, rf.predict(X_b)))
      print("mean F1", sum(f1s) / len(f1s))
    `;
    it('fires (error) when the resampled rows are indexed by folds of the original rows', () => {
      assert.deepEqual(found(src('X_os, y_os = RandomOverSampler(random_state=0).fit_resample(X, y)',
        'X_a, X_b, y_a, y_b = X_os.iloc[tr], X_os.iloc[te], y_os.iloc[tr], y_os.iloc[te]'), 'leakage/overlap'), ['9:error']);
    });
    it('does not fire when each fold\'s training rows are resampled inside the loop', () => {
      assert.deepEqual(found(src('pass',
        'X_a, y_a = RandomOverSampler(random_state=0).fit_resample(X.iloc[tr], y.iloc[tr]); X_b, y_b = X.iloc[te], y.iloc[te]'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: resampling in a try body whose except handler falls back to the raw rows', () => {
    // The handler runs only when the resampler fails: the code goes on with the resampled rows.
    const src = (tryBody: string) => py`
      import pandas as pd
      from imblearn.over_sampling import ADASYN
      from sklearn.model_selection import cross_val_score
      from sklearn.svm import SVC
      df = pd.read_csv("patients.csv")
      X = df.drop(columns=["outcome"])
      y = df["outcome"]
      try:
          ${tryBody}
      except ValueError as err:
          print("resampling failed:", err)
          X_bal, y_bal = X, y
      scores = cross_val_score(SVC(), X_bal, y_bal, cv=5)
      print("CV accuracy", scores.mean())
    `;
    it('fires (error) when the try body oversamples before the cross-validation', () => {
      assert.deepEqual(found(src('X_bal, y_bal = ADASYN(random_state=3).fit_resample(X, y)'), 'leakage/overlap'), ['9:error']);
    });
    it('does not fire when the try body keeps the rows as they are', () => {
      assert.deepEqual(found(src('X_bal, y_bal = X.astype(float), y'), 'leakage/overlap'), []);
    });
  });
});
