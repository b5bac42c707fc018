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
  describe('leakage/multi-test: a random-guess or constant baseline bound to a name, scored beside the model', () => {
    // rng.choice([0, 1], size=len(y_test)) or np.zeros(len(y_test)) is no model's output: printed beside
    // the model's report on the same test rows, it is a compared model (a trivial baseline), as when written inline.
    const src = (base: string, mid = 'pass') => py`
      import numpy as np
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import classification_report
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("claims.csv")
      X, y = df.drop(columns=["fraud"]), df["fraud"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7)
      clf = RandomForestClassifier().fit(X_train, y_train)
      print(classification_report(y_test, clf.predict(X_test)))
      ${base}
      ${mid}
      print(classification_report(y_test, y_base))
    `;
    it('fires (warning) for a uniform random guess from a seeded generator', () => {
      assert.deepEqual(found(src('y_base = np.random.RandomState(0).choice([0, 1], size=len(y_test))'), 'leakage/multi-test'), ['13:warning']);
    });
    it('fires (warning) for a random guess from np.random', () => {
      assert.deepEqual(found(src('y_base = np.random.randint(0, 2, size=len(y_test))'), 'leakage/multi-test'), ['13:warning']);
    });
    it('fires (warning) for an all-zero prediction bound to a name', () => {
      assert.deepEqual(found(src('y_base = np.zeros(len(y_test))'), 'leakage/multi-test'), ['13:warning']);
    });
    it('does not fire for an array of zeros the same model\'s predictions are added into', () => {
      assert.deepEqual(found(src('y_base = np.zeros(len(y_test))', 'y_base += clf.predict(X_test)'), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/preprocessing: a script named like a serving entry point that cuts its own training head and held-out tail', () => {
    // predict_traffic.py that fits a scaler on every row, then cuts x_train = X[:n] and x_test = X[n:] and scores the
    // tail, is a training script about prediction, as one that calls train_test_split is: its leaks are read as such.
    const training = py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import r2_score
      df = pd.read_csv("traffic.csv")
      n = int(len(df) * 0.9)
      X = StandardScaler().fit_transform(df[["temp", "clouds"]])
      x_train = X[:n]
      x_test = X[n:]
      y_train = df.volume[:n]
      y_test = df.volume[n:]
      model = RandomForestRegressor().fit(x_train, y_train)
      print(r2_score(y_test, model.predict(x_test)))
    `;
    it('fires (warning) in predict_traffic.py', () => {
      assert.deepEqual(found(training, 'leakage/preprocessing', 'predict_traffic.py'), ['7:warning']);
    });
    it('does not fire in a serving script that scales the incoming batch for a loaded model and cuts nothing', () => {
      const serving = py`
        import joblib
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        model = joblib.load("model.pkl")
        batch = pd.read_csv("incoming.csv")
        X = StandardScaler().fit_transform(batch[["temp", "clouds"]])
        recent = X[:100]
        print(model.predict(recent))
      `;
      assert.deepEqual(found(serving, 'leakage/preprocessing', 'predict_traffic.py'), []);
    });
  });
  describe('leakage/multi-test: parts taken with next() from a generator that yields them (a data box\'s get_processed_data)', () => {
    // `Xa, ya, Xb, yb = next(box.get_processed_data())`: the parts are what the generator yields first, so the
    // test part handed to training as eval_set afterwards is still the test part.
    const src = (evalSet: string) => py`
      import pandas as pd
      import xgboost as xgb
      from sklearn.metrics import f1_score
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      class DataBox:
          def __init__(self, X_train, y_train, X_test, y_test):
              self.parts = (X_train, y_train, X_test, y_test)
          def _process(self, X_train, y_train, X_test, y_test):
              return X_train.fillna(0), y_train, X_test.fillna(0), y_test
          def get_processed_data(self):
              yield self._process(*self.parts)
      box = DataBox(train.drop(columns=["label"]), train["label"], test.drop(columns=["label"]), test["label"])
      Xa, ya, Xb, yb = next(box.get_processed_data())
      model = xgb.XGBClassifier(early_stopping_rounds=20)
      model.fit(Xa, ya, eval_set=${evalSet})
      print(f1_score(yb, model.predict(Xb)))
    `;
    it('fires (warning) when the yielded test part is the eval_set', () => {
      assert.deepEqual(found(src('[(Xb, yb)]'), 'leakage/multi-test'), ['16:warning']);
    });
    it('does not fire when the eval_set is the yielded training part', () => {
      assert.deepEqual(found(src('[(Xa, ya)]'), 'leakage/multi-test'), []);
    });
  });
});
