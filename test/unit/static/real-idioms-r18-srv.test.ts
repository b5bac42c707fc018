/**
 * Round 18 (r18-srv): serving (refit-at-inference) classes from real code. Each class has a case that
 * must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const REFIT = 'mismatch/refit-at-inference';
const ORDER = 'mismatch/column-order';

describe('real-notebook idioms, round 18 (r18-srv)', () => {
  describe('held-out rows scaled with their own statistic and scored by a hand-written model', () => {
    const numpyNet = (testScaling: string, shown = 'None'): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.metrics import accuracy_score
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      cols = ["temp", "light", "co2"]
      scaler = MinMaxScaler()
      X_tr = scaler.fit_transform(train[cols].values)
      y_tr = train["occupied"].values
      ${testScaling}
      shown = ${shown}
      print(shown)
      y_te = test["occupied"].values
      def forward(X, w):
          return 1 / (1 + np.exp(-np.dot(X, w)))
      w = np.zeros(3)
      for i in range(100):
          p = forward(X_tr, w)
          w = w - 0.01 * np.dot(X_tr.T, p - y_tr)
      pred = (forward(X_te, w) > 0.5).astype(int)
      print("test accuracy", accuracy_score(y_te, pred))
    `;
    it('fires for a new MinMaxScaler fitted on the test file, whose output the numpy network predicts', () => {
      const s = numpyNet('X_te = MinMaxScaler().fit_transform(test[cols].values)');
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'X_te = MinMaxScaler().fit_transform')]);
    });
    it('does not fire when the test rows go through the scaler fitted on the training rows', () => {
      assert.deepEqual(lines(numpyNet('X_te = scaler.transform(test[cols].values)'), REFIT), []);
    });
    it('does not fire when the test rows refitted on themselves are only plotted, the network predicting the training-scaled rows', () => {
      const s = numpyNet('X_te = scaler.transform(test[cols].values)', 'MinMaxScaler().fit_transform(test[cols].values)');
      assert.deepEqual(lines(s, REFIT), []);
    });

    const graph = (validScaling: string): string => py`
      import numpy as np
      import pandas as pd
      import tensorflow as tf
      from sklearn.metrics import mean_squared_error
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("houses.csv")
      X = df[["rooms", "area", "age"]].values
      y = df["price"].values
      X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=0)
      def standardise(a, ref):
          return (a - np.mean(ref, axis=0)) / np.std(ref, axis=0)
      X_tr_n = standardise(X_tr, X_tr)
      X_va_n = ${validScaling}
      inp = tf.placeholder(tf.float32, [None, 3])
      out = tf.layers.dense(inp, 1)
      with tf.Session() as sess:
          sess.run(tf.global_variables_initializer())
          pred = sess.run(out, feed_dict={inp: X_va_n})
      print("validation mse", mean_squared_error(y_va, pred[:, 0]))
    `;
    it('fires for the validation part standardised with its own mean and std, then fed to a graph run in a session', () => {
      const s = graph('standardise(X_va, X_va)');
      assert.ok(lines(s, REFIT).length > 0);
      assert.ok(lines(s, REFIT).every((l) => l === lineOf(s, 'return (a - np.mean')));
    });
    it('does not fire when the validation part is standardised with the training statistics', () => {
      assert.deepEqual(lines(graph('standardise(X_va, X_tr)'), REFIT), []);
    });
  });
  describe('a model fitted on named columns of a frame, then fed other columns of it and scored on its own label (r18b-srv)', () => {
    const hybrid = (later: string, truth = 'hourly["load"].values[-len(rf_pred):]'): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      from sklearn.model_selection import train_test_split
      hourly = pd.read_csv("load.csv")
      hourly["lag_1"] = hourly["load"].shift(1)
      hourly = hourly.dropna()
      features = ["hour", "weekday", "lag_1"]
      X_tr, X_te, y_tr, y_te = train_test_split(hourly[features], hourly["load"], shuffle=False, test_size=0.2)
      rf = RandomForestRegressor().fit(X_tr, y_tr)
      print("rf mae", mean_absolute_error(y_te, rf.predict(X_te)))
      cols = ${later}
      X_new = hourly[cols].values[-500:]
      rf_pred = rf.predict(X_new)
      y_true = ${truth}
      print("combined mae", mean_absolute_error(y_true, rf_pred))
    `;
    it('fires when the later predictions read another list of columns of the same frame', () => {
      const s = hybrid('["load", "voltage", "intensity"]');
      assert.deepEqual(lines(s, ORDER), [lineOf(s, 'X_new = hourly[cols]')]);
    });
    it('fires when the same columns are listed in another order', () => {
      const s = hybrid('["lag_1", "hour", "weekday"]');
      assert.deepEqual(lines(s, ORDER), [lineOf(s, 'X_new = hourly[cols]')]);
    });
    it('does not fire when the later predictions read the training columns in the training order', () => {
      assert.deepEqual(lines(hybrid('["hour", "weekday", "lag_1"]'), ORDER), []);
    });
    it('does not fire when the predictions of other columns are scored against another label (the model reused for another task)', () => {
      assert.deepEqual(lines(hybrid('["load", "voltage", "intensity"]', 'hourly["intensity"].values[-len(rf_pred):]'), ORDER), []);
    });
  });
  describe('category codes taken per frame with astype("category").cat.codes (r18b-srv)', () => {
    const perFrame = (body: string): string => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      from sklearn.model_selection import train_test_split
      ${body}
    `;
    it('fires when a helper codes the test file by its own categories before the model scores it', () => {
      const s = perFrame(`train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      def encode(df):
          X = df.drop(columns=["churn"])
          for c in X.select_dtypes(include=["object"]).columns:
              X[c] = X[c].astype("category").cat.codes
          return X, df["churn"]
      X_tr, y_tr = encode(train)
      X_te, y_te = encode(test)
      clf = RandomForestClassifier().fit(X_tr, y_tr)
      print("test accuracy", accuracy_score(y_te, clf.predict(X_te)))`);
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'X[c] = X[c].astype("category")')]);
    });
    it('does not fire when the codes are taken once on all rows before the split (stateless codes)', () => {
      const s = perFrame(`df = pd.read_csv("data.csv")
      df["plan"] = df["plan"].astype("category").cat.codes
      X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["churn"]), df["churn"], random_state=0)
      clf = RandomForestClassifier().fit(X_tr, y_tr)
      print("test accuracy", accuracy_score(y_te, clf.predict(X_te)))`);
      assert.deepEqual(analyze(s, 'train.py').filter((f) => f.ruleId === REFIT || f.ruleId === 'leakage/preprocessing'), []);
    });

    const tabnet = (fitArgs: string): string => py`
      import pandas as pd
      from pytorch_tabnet.tab_model import TabNetClassifier
      train_df = pd.read_csv("train.csv")
      val_df = pd.read_csv("val.csv")
      def to_xy(df):
          X = df.drop(columns=["label"])
          for c in X.select_dtypes(include=["object"]).columns:
              X[c] = X[c].astype("category").cat.codes
          return X.values, df["label"].values
      X_train, y_train = to_xy(train_df)
      X_val, y_val = to_xy(val_df)
      clf = TabNetClassifier()
      clf.fit(X_train, y_train, eval_set=[(X_val, y_val)]${fitArgs})
      print("done")
    `;
    it('fires when the validation file coded by its own categories early-stops a TabNet model', () => {
      const s = tabnet(', patience=5');
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'X[c] = X[c].astype("category")')]);
    });
    it('does not fire when TabNet only logs the validation file (patience=0: no early stopping)', () => {
      assert.deepEqual(lines(tabnet(', patience=0'), REFIT), []);
    });
  });
});
