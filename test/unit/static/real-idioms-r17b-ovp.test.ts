/**
 * Round 17b (r17b-ovp): overlap errors on unlabelled real code that rest on a guess. Each class has a
 * case that stays an error and a look-alike that must not be one. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const overlap = (src: string): string[] =>
  analyze(src, 'train.py').filter((f) => f.ruleId === 'leakage/overlap').map((f) => f.severity);

describe('real-notebook idioms (round 17b, r17b-ovp)', () => {
  describe('leakage/overlap: a validation cut of the oversampled training part, while a clean test part is scored', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import accuracy_score
      from imblearn.over_sampling import RandomOverSampler
      from keras.models import Sequential
      from keras.callbacks import EarlyStopping
      df = pd.read_csv("data.csv")
      X = df.drop(columns=["label"]).values
      y = df["label"].values
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X_train, y_train)
      X_tr, X_val, y_tr, y_val = train_test_split(X_res, y_res, test_size=0.2, random_state=0)
      model = Sequential()
    `;
    it('is an error when the validation cut of the resampled rows is scored as the result', () => {
      const src = head + py`
        model.fit(X_tr, y_tr, epochs=10)
        print("val accuracy", accuracy_score(y_val, model.predict(X_val).argmax(axis=1)))
      `;
      assert.ok(overlap(src).includes('error'));
    });
    it('is only a warning when the cut only feeds validation_data and the clean test part is scored', () => {
      const src = head + py`
        model.fit(X_tr, y_tr, validation_data=(X_val, y_val), epochs=10, callbacks=[EarlyStopping(restore_best_weights=True)])
        print("test accuracy", accuracy_score(y_test, model.predict(X_test).argmax(axis=1)))
      `;
      const sev = overlap(src);
      assert.ok(sev.length > 0 && !sev.includes('error'), JSON.stringify(sev));
    });
  });
  describe('leakage/overlap: two class subsets picked in one statement and stacked back with np.append(a, b)', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("data.csv")
      X = df.drop(["label"], axis=1).values
      y = df["label"].values
      x_neg, x_pos = X[y == 0], X[y == 1]
    `;
    const tail = py`
      rep_y = np.append(np.zeros(len(x_neg)), np.ones(len(x_pos)))
      X_tr, X_te, y_tr, y_te = train_test_split(rep_x, rep_y, test_size=0.25)
      clf = LogisticRegression().fit(X_tr, y_tr)
      print(accuracy_score(y_te, clf.predict(X_te)))
    `;
    it('fires when all rows are stacked with a copy of one class subset before the split', () => {
      assert.ok(overlap(head + py`
        rep_x = np.append(X, x_pos, axis=0)
      ` + tail).includes('error'));
    });
    it('does not fire when the two disjoint class subsets are stacked back together', () => {
      assert.deepEqual(overlap(head + py`
        rep_x = np.append(x_neg, x_pos, axis=0)
      ` + tail), []);
    });
  });
  describe('leakage/overlap: per-entity training cuts (ts.iloc[:-N]) collected in a loop and stacked, one entity\'s tail scored', () => {
    const loop = (cut: string): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.linear_model import Ridge
      df = pd.read_csv("train.csv")
      N = 24
      parts = []
      for store in [1, 2, 3]:
          ts = df[df["Store"] == store][["Date", "y", "x"]].set_index("Date").sort_index()
          train_ts = ${cut}
          parts.append(train_ts)
      train_all = pd.concat(parts, ignore_index=True)
      model = Ridge()
      model.fit(train_all.drop(columns=["y"]), train_all["y"])
      one = df[df["Store"] == 1][["Date", "y", "x"]].set_index("Date").sort_index()
      test = one.iloc[-N:].copy()
      pred = model.predict(test.drop(columns=["y"]))
      print("test MAE", np.abs(test["y"].values - pred).mean())
    `;
    it('fires when each entity\'s whole series is collected for training and its tail is then scored', () => {
      assert.ok(overlap(loop('ts.copy()')).includes('error'));
    });
    it('does not fire when each pass keeps only the head of the series (the tail held out) for training', () => {
      assert.deepEqual(overlap(loop('ts.iloc[:-N].copy()')), []);
    });
  });
});
