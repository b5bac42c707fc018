/**
 * Round 16 (r16-sec): target, temporal and serving classes from real code. Each class has a case
 * that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TARGET = 'leakage/target';
const REFIT = 'mismatch/refit-at-inference';
const ORDER = 'mismatch/column-order';

describe('real-notebook idioms, round 16 (r16-sec)', () => {
  describe('a label re-coded in place through its category codes is computed from itself, not from a column named "codes"', () => {
    const src = (coded: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      loans = pd.read_csv("loans.csv")
      ${coded}
      y = loans["status"]
      X = loans.drop(columns=["status"])
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=1)
      print(RandomForestClassifier().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires when the label is the codes of a feature the matrix keeps', () => {
      assert.equal(lines(src('loans["status"] = loans["grade"].astype("category").cat.codes'), TARGET).length > 0, true);
    });
    it('does not fire when the label column is replaced by its own codes (.cat.codes)', () => {
      assert.deepEqual(lines(src('loans["status"] = loans["status"].astype("category").cat.codes'), TARGET), []);
    });
    it('does not fire when the label column is replaced by its own codes (pd.Categorical(...).codes)', () => {
      assert.deepEqual(lines(src('loans["status"] = pd.Categorical(loans["status"]).codes'), TARGET), []);
    });
  });
  describe('windows cut from a series at every position, put beside other columns, are lags of the series, not its current value', () => {
    const src = (beside: string): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      plant = pd.read_csv("plant.csv")
      series = plant[["load"]].values
      def make_windows(values, n=24):
          xs, ys = [], []
          for i in range(len(values) - n):
              xs.append(values[i:(i + n), 0])
              ys.append(values[i + n, 0])
          return np.array(xs), np.array(ys)
      X_win, y = make_windows(series)
      X = np.hstack([X_win, plant[${beside}].iloc[24:].values])
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, shuffle=False)
      print(Ridge().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires when the current value of the series sits beside its windows', () => {
      assert.equal(lines(src('["temp", "load"]'), TARGET).length > 0, true);
    });
    it('does not fire when only other columns sit beside the windows', () => {
      assert.deepEqual(lines(src('["temp"]'), TARGET), []);
    });
  });
  describe('a validation file filled with its own statistics and then scored is refitted on itself, even beside a test split', () => {
    const src = (fill: string): string => py`
      import pandas as pd
      from sklearn.linear_model import LinearRegression
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import r2_score
      players = pd.read_csv("players.csv")
      X = players[["pace", "shooting"]]
      y = players["rating"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      means = X_train.mean()
      lm = LinearRegression().fit(X_train.fillna(means), y_train)
      print(r2_score(y_test, lm.predict(X_test.fillna(means))))
      holdout = pd.read_csv("players_validate.csv")
      feats = holdout[["pace", "shooting"]]
      for col in ["pace", "shooting"]:
          feats[col] = feats[col].fillna(${fill})
      print(r2_score(holdout["rating"], lm.predict(feats)))
    `;
    it('fires when the validation rows are filled with their own means', () => {
      assert.equal(lines(src('feats[col].mean()'), REFIT).length > 0, true);
    });
    it('does not fire when they are filled with the training means', () => {
      assert.deepEqual(lines(src('means[col]'), REFIT), []);
    });
  });
  describe('a LabelEncoder fitted on a test file\'s column read through list(...values) is refitted on the test rows', () => {
    const src = (fit: string): string => py`
      import pandas as pd
      from sklearn.preprocessing import LabelEncoder
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import roc_auc_score
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      for c in train.columns:
          if train[c].dtype == "object":
              enc = LabelEncoder()
              ${fit}
              train[c] = enc.transform(list(train[c].values))
              test[c] = enc.transform(list(test[c].values))
      X_tr, X_va, y_tr, y_va = train_test_split(train.drop(columns=["fraud"]), train["fraud"], random_state=0)
      rf = RandomForestClassifier().fit(X_tr, y_tr)
      print(roc_auc_score(y_va, rf.predict_proba(X_va)[:, 1]))
      submission = rf.predict_proba(test)[:, 1]
    `;
    it('fires when the encoder is fitted again on the test file alone before its transform', () => {
      assert.equal(lines(src('enc.fit(list(train[c].values))\n        enc.fit(list(test[c].values))'), REFIT).length > 0, true);
    });
    it('does not fire when one encoder is fitted on the training and test values together', () => {
      assert.deepEqual(lines(src('enc.fit(list(train[c].values) + list(test[c].values))'), REFIT), []);
    });
  });
  describe('a category encoder refitted on a held-out file\'s label column encodes the label, not a model input', () => {
    const src = (valY: string, valX: string): string => py`
      import pandas as pd
      import tensorflow as tf
      from sklearn.preprocessing import OneHotEncoder
      train_df = pd.read_csv("train.csv")
      val_df = pd.read_csv("dev.csv")
      ohe = OneHotEncoder(sparse_output=False)
      enc = OneHotEncoder(sparse_output=False)
      train_y = ohe.fit_transform(train_df["target"].to_numpy().reshape(-1, 1))
      train_x = enc.fit_transform(train_df[["colour"]])
      val_y = ${valY}
      val_x = ${valX}
      train_ds = tf.data.Dataset.from_tensor_slices((train_x, train_y)).batch(32)
      val_ds = tf.data.Dataset.from_tensor_slices((val_x, val_y)).batch(32)
      inputs = tf.keras.layers.Input(shape=(4,))
      outputs = tf.keras.layers.Dense(5, activation="softmax")(inputs)
      model = tf.keras.Model(inputs, outputs)
      model.compile(loss="categorical_crossentropy", metrics=["accuracy"])
      model.fit(train_ds, epochs=3, validation_data=val_ds)
      model.evaluate(val_ds)
      probs = model.predict(val_ds)
    `;
    it('fires when the held-out features are encoded by an encoder fitted on them', () => {
      assert.equal(lines(src('ohe.transform(val_df["target"].to_numpy().reshape(-1, 1))', 'OneHotEncoder(sparse_output=False).fit_transform(val_df[["colour"]])'), REFIT).length > 0, true);
    });
    it('does not fire when only the held-out label column is encoded again', () => {
      assert.deepEqual(lines(src('ohe.fit_transform(val_df["target"].to_numpy().reshape(-1, 1))', 'enc.transform(val_df[["colour"]])'), REFIT), []);
    });
  });
  describe('a shuffled split of rows with lag features rests on the guess that the task is a forecast, and says so', () => {
    const src = (split: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      load = pd.read_csv("load.csv")
      load["lag_1"] = load["demand"].shift(1)
      load["lag_24"] = load["demand"].shift(24)
      load = load.dropna()
      X, y = load[["lag_1", "lag_24", "temp"]], load["demand"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, ${split})
      print(RandomForestRegressor().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires on a shuffled split, as a warning that states the forecasting assumption', () => {
      const found = analyze(src('random_state=0'), 'train.py').filter((f) => f.ruleId === 'leakage/temporal');
      assert.equal(found.length > 0, true);
      assert.equal(found.every((f) => f.severity === 'warning' && /Assumed: .*forecast/.test(f.message)), true);
    });
    it('does not fire on a chronological cut', () => {
      assert.deepEqual(lines(src('shuffle=False'), 'leakage/temporal'), []);
    });
  });
  describe('pd.get_dummies run on a competition test file alone, then predicted unaligned, gives it its own columns', () => {
    const src = (encode: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_squared_error
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      X = pd.get_dummies(train.drop(columns=["Purchase"]), columns=["Age", "City"])
      X_tr, X_va, y_tr, y_va = train_test_split(X, train["Purchase"], random_state=0)
      rf = RandomForestRegressor().fit(X_tr, y_tr)
      print(mean_squared_error(y_va, rf.predict(X_va)))
      ${encode}
      submission = rf.predict(X_sub)
    `;
    it('fires when the test file\'s categories are expanded on their own (columns= names them)', () => {
      assert.equal(lines(src('X_sub = pd.get_dummies(test, columns=["Age", "City"])'), ORDER).length > 0, true);
    });
    it('fires when the whole test table is expanded on its own', () => {
      assert.equal(lines(src('X_sub = pd.get_dummies(test)'), ORDER).length > 0, true);
    });
    it('does not fire when the test dummies are reindexed to the training columns', () => {
      assert.deepEqual(lines(src('X_sub = pd.get_dummies(test, columns=["Age", "City"]).reindex(columns=X.columns, fill_value=0)'), ORDER), []);
    });
    it('does not fire on a typed list of feature names, which may hold numbers only', () => {
      assert.deepEqual(lines(src('X_sub = pd.get_dummies(test[["Occupation", "Marital_Status", "Product_Category_1"]])'), ORDER), []);
    });
  });
});
