/**
 * Round 20, recall of leakage/multi-test and leakage/preprocessing on the dev corpus: classes the
 * analysis missed, each with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 20 (recall)', () => {
  describe('leakage/multi-test: a naive baseline that blends a few columns of the held-out rows, scored beside the model', () => {
    // A seasonal-naive forecast averaged over two lags (0.5 * lag_24 + 0.5 * lag_168) is a baseline
    // like one lag column: its error printed beside the model's on the same test period compares them.
    const src = (baseline: string, second = 'print(mean_absolute_error(y_test, pred))') => py`
      import pandas as pd
      from sklearn.metrics import mean_absolute_error
      from sklearn.ensemble import GradientBoostingRegressor
      df = pd.read_csv("load.csv")
      n = int(len(df) * 0.8)
      train = df.iloc[:n]
      test = df.iloc[n:]
      features = [c for c in df.columns if c != "load"]
      X_train, y_train = train[features], train["load"]
      X_test, y_test = test[features], test["load"]
      naive = ${baseline}
      model = GradientBoostingRegressor().fit(X_train, y_train)
      pred = model.predict(X_test)
      print(mean_absolute_error(y_test, naive))
      ${second}
    `;
    it('fires (warning) for an average of two lag columns of the test rows', () => {
      assert.deepEqual(found(src('0.5 * test["lag_24"] + 0.5 * test["lag_168"]'), 'leakage/multi-test'), ['15:warning']);
    });
    it('fires (warning) for the blend scored through a shared report helper', () => {
      const text = src('(test["lag_1"] + test["lag_7"]) / 2', py`
        def report(name, y, p):
            err = mean_absolute_error(y, p)
            print(name, err)
            return err
        report("naive", y_test, naive)
        report("model", y_test, pred)
      `.split('\n').join('\n      '));
      assert.equal(found(text, 'leakage/multi-test').length, 1);
    });
    it('does not fire when only the blend is scored (no model beside it)', () => {
      assert.deepEqual(found(src('0.5 * test["lag_24"] + 0.5 * test["lag_168"]', 'print(pred[:5])'), 'leakage/multi-test'), []);
    });
  });
});
