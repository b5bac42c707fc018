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
});
