/**
 * Round 19, the lead's post-holdout fixes: the classes behind the error-level false alarms on the
 * round's holdout, each with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py, found } from './helpers';

describe('real-notebook idioms, round 19 (lead, after the holdout)', () => {
  describe('leakage/overlap: a shared helper\'s fixed "test" caption does not label the call that passes it the training rows (U9)', () => {
    // One fit-and-score helper called from several places: the words of each call, not the helper's own
    // caption, say whether the score it prints is a test score.
    const src = (secondCall: string, calls = 2) => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      X_train, y_train = train.drop(columns=["label"]), train["label"]
      X_test, y_test = test.drop(columns=["label"]), test["label"]
      def fit_score(clf, X_a, y_a, X_b, y_b):
          fitted = clf.fit(X_a, y_a)
          test_score = fitted.score(X_b, y_b)
          print("test score:", test_score)
          return test_score
      ${calls === 2 ? 'first = fit_score(RandomForestClassifier(n_estimators=50), X_train, y_train, X_test, y_test)' : 'pass'}
      print("Overfit")
      ${secondCall}
    `;
    it('does not fire when the call passes the training rows as the scored ones under words of its own that do not say test', () => {
      assert.deepEqual(found(src('score = fit_score(RandomForestClassifier(n_estimators=20), X_train, y_train, X_train, y_train)'), 'leakage/overlap'), []);
    });
    it('fires (error) when the call\'s own words call that score a test score', () => {
      assert.deepEqual(found(src('test_acc = fit_score(RandomForestClassifier(n_estimators=20), X_train, y_train, X_train, y_train)'), 'leakage/overlap').map((f) => f.split(':')[1]), ['error']);
    });
    it('fires (error) for a helper called once, whose caption is that call\'s only label', () => {
      assert.deepEqual(found(src('score = fit_score(RandomForestClassifier(n_estimators=20), X_train, y_train, X_train, y_train)', 1), 'leakage/overlap').map((f) => f.split(':')[1]), ['error']);
    });
  });
  describe('leakage/target: a column the label is computed from, after a drop of columns named by values not read here', () => {
    // The columns to drop come from a config the analysis cannot read: whether the label's source went with them is a
    // guess, so the finding says so and stays a warning; with every drop named, it is an error as before.
    const src = (dropLine: string) => py`
      import json
      import pandas as pd
      from sklearn.linear_model import Ridge
      from sklearn.model_selection import train_test_split
      cfg = json.load(open("config.json"))
      df = pd.read_csv("deliveries.csv")
      df["purchased"] = pd.to_datetime(df["purchased"])
      df["delivered"] = pd.to_datetime(df["delivered"])
      df["hours"] = (df["delivered"] - df["purchased"]).dt.total_seconds() / 3600
      ${dropLine}
      X = df.drop(columns="hours")
      y = df["hours"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, shuffle=False)
      model = Ridge().fit(X_tr, y_tr)
      print(model.score(X_te, y_te))
    `;
    const target = (line: string) => analyze(src(line), 'train.py').filter((f) => f.ruleId === 'leakage/target');
    it('is a warning that names its assumption when columns named by a config were dropped first', () => {
      const f = target('df = df.drop(columns=cfg["drop_columns"])');
      assert.deepEqual(f.map((x) => x.severity), ['warning']);
      assert.match(f[0].message, /Assumed: the columns dropped by names not known here did not include 'delivered'/);
    });
    it('stays an error when every drop on the way names its columns', () => {
      assert.deepEqual(target('df = df.drop(columns=["purchased"])').map((x) => x.severity), ['error']);
    });
  });
  describe('leakage/overlap: a sample of the training rows named for cross-validation (x_cv, _ = train_test_split(x_train, ...))', () => {
    const src = (lhs: string, rows = 'x_train, y_train') => py`
      import pandas as pd
      from sklearn.linear_model import Ridge
      from sklearn.model_selection import train_test_split, cross_val_score
      df = pd.read_csv("trips.csv")
      X, y = df.drop(columns=["duration"]), df["duration"]
      x_train, x_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      ${lhs} = train_test_split(${rows}, train_size=50_000, random_state=0)
      scores = cross_val_score(Ridge(), x_cv, y_cv, cv=3, scoring="neg_root_mean_squared_error")
      print("cv rmse", -scores.mean())
    `;
    it('does not fire when the rest of the training rows is discarded: the kept part is a sample, not held out', () => {
      assert.deepEqual(found(src('x_cv, _, y_cv, _'), 'leakage/overlap'), []);
    });
    it('fires (warning) on the held-out output of a split of all the rows (the only held-out set, U2)', () => {
      assert.deepEqual(found(src('x_fit, x_cv, y_fit, y_cv', 'X, y'), 'leakage/overlap').map((f) => f.split(':')[1]), ['warning']);
    });
  });
  describe("leakage/preprocessing: Keras validation_split under a progress-printing callback of the project's own", () => {
    // Scaled with the training part's statistics, then fit(..., validation_split=0.05): the tail Keras holds out
    // was in the statistic, but with its val_ metrics never read and a callback that only prints, nothing
    // evaluated saw it (a separate validation part is scored instead).
    const src = (callbackBody: string) => py`
      import pandas as pd
      from tensorflow import keras
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("fares.csv")
      X, y = df.drop(columns=["fare"]), df["fare"]
      X_tr, X_val, y_tr, y_val = train_test_split(X, y, test_size=0.01, random_state=1)
      class Progress(keras.callbacks.Callback):
          def on_epoch_end(self, epoch, logs=None):
      ${callbackBody}
      mean, std = X_tr.mean(axis=0), X_tr.std(axis=0)
      X_tr = (X_tr - mean) / std
      X_val = (X_val - mean) / std
      model = keras.Sequential([keras.layers.Dense(16, activation="relu"), keras.layers.Dense(1)])
      model.compile(optimizer="adam", loss="mse")
      model.fit(X_tr.values, y_tr.values, epochs=3, validation_split=0.05, callbacks=[Progress()])
      print("validation mse", model.evaluate(X_val.values, y_val.values))
    `;
    it('does not fire when the callback only prints progress', () => {
      assert.deepEqual(found(src('            print(".", end="")'), 'leakage/preprocessing'), []);
    });
    it('fires when the callback stops the training on the held-out tail', () => {
      assert.notDeepEqual(found(src('            if logs["val_loss"] < 1.0: self.model.stop_training = True'), 'leakage/preprocessing'), []);
    });
  });
});
