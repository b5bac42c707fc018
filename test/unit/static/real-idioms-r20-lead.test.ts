/**
 * Round 20, the lead's classes: idioms of real projects, each with a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 20 (lead)', () => {
  describe('a generator function of the project gives what it yields (next(gen()), for ... in gen())', () => {
    // A "data box" that fits its preprocessing on the training part and yields the four parts; the
    // caller takes them with next(...) and early-stops a booster on one of them.
    const src = (evalPart: string) => py`
      import pandas as pd
      import xgboost as xgb
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import f1_score

      def load(part):
          df = pd.read_csv(f"{part}.csv")
          return df.drop(columns=["label"]), df["label"]

      def processed(X_train, y_train, X_test, y_test):
          scaler = StandardScaler()
          X_train = scaler.fit_transform(X_train)
          X_test = scaler.transform(X_test)
          yield X_train, y_train, X_test, y_test

      X_train, y_train = load("train")
      X_test, y_test = load("test")
      X_train, y_train, X_test, y_test = next(processed(X_train, y_train, X_test, y_test))
      X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.2)
      model = xgb.XGBClassifier(n_estimators=1000, early_stopping_rounds=50)
      model.fit(X_fit, y_fit, eval_set=[${evalPart}])
      print(f1_score(y_test, model.predict(X_test)))
    `;
    it('fires when the yielded test part early-stops the model', () => {
      assert.deepEqual(found(src('(X_test, y_test)'), 'leakage/multi-test').length, 1);
    });
    it('does not fire when a validation part carved from the yielded training rows does', () => {
      assert.deepEqual(found(src('(X_val, y_val)'), 'leakage/multi-test'), []);
    });
    it('a for loop over a generator of folds reads each yielded tuple', () => {
      const loop = (fitOn: string) => py`
        import numpy as np
        import pandas as pd
        from sklearn.model_selection import KFold, train_test_split
        from sklearn.preprocessing import StandardScaler
        from sklearn.linear_model import LogisticRegression

        df = pd.read_csv("data.csv")
        X = df.drop(columns=["label"]).values
        y = df["label"].values
        X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2)

        def folds(X, y):
            for tr, va in KFold(5).split(X):
                yield X[tr], X[va], y[tr], y[va]

        for X_tr, X_va, y_tr, y_va in folds(X_dev, y_dev):
            scaler = StandardScaler().fit(${fitOn})
            model = LogisticRegression().fit(scaler.transform(X_tr), y_tr)
            print(model.score(scaler.transform(X_va), y_va))
      `;
      assert.deepEqual(found(loop('X_tr'), 'leakage/preprocessing'), []);
      assert.equal(found(loop('np.vstack([X_tr, X_va])'), 'leakage/preprocessing').length, 1);
    });
  });
});
