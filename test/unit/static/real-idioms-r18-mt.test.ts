/**
 * Round 18 (helper r18b-mt): multi-test recall classes from real code. Each class has a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const multi = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/multi-test');

describe('real-notebook idioms, round 18 (r18b-mt)', () => {
  describe('leakage/multi-test: the labels of a cross-validation fold (y_val = y.iloc[val_ix]) are no labelled test set', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import StratifiedKFold, train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import precision_score

      def cv_scores(model, X, y):
          skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
          out = []
          for tr_ix, va_ix in skf.split(X, y):
              X_tr, y_tr = X.iloc[tr_ix], y.iloc[tr_ix]
              X_val, y_val = X.iloc[va_ix], y.iloc[va_ix]
              model.fit(X_tr, y_tr)
              out.append(precision_score(y_val, model.predict(X_val)))
          return np.mean(out)

      df = pd.read_csv("customers.csv")
      X = df.drop(columns=["bought"])
      y = df["bought"]
    `;
    it('fires when models are compared on the only held-out split, a validation part, next to the fold helper', () => {
      const src = head + py`
        X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2)
        print(cv_scores(LogisticRegression(), X_train, y_train))
        lr = LogisticRegression().fit(X_train, y_train)
        print("lr", precision_score(y_val, lr.predict(X_val)))
        rf = RandomForestClassifier().fit(X_train, y_train)
        print("rf", precision_score(y_val, rf.predict(X_val)))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when a separate labelled test part is kept and scored once', () => {
      const src = head + py`
        X_dev, X_test, y_dev, y_test = train_test_split(X, y, test_size=0.2, random_state=1)
        X_train, X_val, y_train, y_val = train_test_split(X_dev, y_dev, test_size=0.2, random_state=1)
        print(cv_scores(LogisticRegression(), X_train, y_train))
        lr = LogisticRegression().fit(X_train, y_train)
        print("lr", precision_score(y_val, lr.predict(X_val)))
        rf = RandomForestClassifier().fit(X_train, y_train)
        print("rf", precision_score(y_val, rf.predict(X_val)))
        print("test", precision_score(y_test, rf.predict(X_test)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });
  describe('leakage/multi-test: os.path.join of constant parts names the same file when a later cell reads it again', () => {
    const cell = (features: string, seed: string) => py`
      import os
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.svm import SVC
      from sklearn.metrics import accuracy_score

      base = "/data/speech/features"
      feats = np.load(os.path.join(base, "${features}"))
      labels = np.load(os.path.join(base, "labels.npy"))
      X = feats.reshape(len(feats), -1)
      X_train, X_test, y_train, y_test = train_test_split(X, labels, test_size=0.2, stratify=labels${seed})
      clf = SVC(C=10).fit(X_train, y_train)
      print("accuracy on test", accuracy_score(y_test, clf.predict(X_test)))
    `;
    const notebook = (cells: string[]) => JSON.stringify({
      cells: cells.map((c) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: c.split('\n').map((l, i, a) => (i < a.length - 1 ? l + '\n' : l)) })),
      metadata: {}, nbformat: 4, nbformat_minor: 5,
    });
    it('fires when two feature sets are each cut by the same seeded split of the same labels file and scored', () => {
      const src = notebook([cell('mfcc_13.npy', ', random_state=42'), cell('mfcc_40.npy', ', random_state=42')]);
      assert.ok(multi(src, 'compare.ipynb').length > 0);
    });
    it('does not fire when each cell draws its own unseeded split (other test rows each time)', () => {
      const src = notebook([cell('mfcc_13.npy', ''), cell('mfcc_40.npy', '')]);
      assert.equal(multi(src, 'compare.ipynb').length, 0);
    });
  });
  describe('leakage/multi-test: a loop over literal (model, test_size, seed) settings re-cuts the same test rows when the values repeat', () => {
    const src = (seeds: [number, number]) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.linear_model import LogisticRegression
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score

      def prepare(df, test_size, seed):
          X = df.drop(columns=["label"])
          y = df["label"]
          return train_test_split(X, y, test_size=test_size, random_state=seed)

      df = pd.read_csv("survey.csv")
      configs = [
          (LogisticRegression, "logreg", 0.3, ${seeds[0]}),
          (RandomForestClassifier, "forest", 0.3, ${seeds[1]}),
      ]
      for cls, name, size, seed in configs:
          X_train, X_test, y_train, y_test = prepare(df, size, seed)
          model = cls().fit(X_train, y_train)
          print(name, accuracy_score(y_test, model.predict(X_test)))
    `;
    it('fires when two models are given the same seed and test size', () => {
      assert.ok(multi(src([42, 42])).length > 0);
    });
    it('does not fire when each model is given its own seed (other test rows)', () => {
      assert.equal(multi(src([1, 2])).length, 0);
    });
  });
  describe('leakage/multi-test: a literal constant prediction scored beside a model is a compared baseline', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier, RandomForestRegressor
      from sklearn.metrics import recall_score, mean_absolute_error

      df = pd.read_csv("patients.csv")
      X = df.drop(columns=["readmitted", "stay_days"])
      X_train, X_test, y_train, y_test = train_test_split(X, df["readmitted"], test_size=0.25, random_state=3)
    `;
    it('fires when an all-positive prediction is scored on the test labels beside the forest', () => {
      const src = head + py`
        clf = RandomForestClassifier(random_state=0).fit(X_train, y_train)
        print("forest recall", recall_score(y_test, clf.predict(X_test)))
        print("all-positive recall", recall_score(y_test, [1 for _ in range(len(y_test))]))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when the constant is scored on the labels of another task than the only model', () => {
      const src = head + py`
        print("all-positive recall", recall_score(y_test, [1 for _ in range(len(y_test))]))
        s_train, s_test = train_test_split(df["stay_days"], test_size=0.25, random_state=3)
        reg = RandomForestRegressor(random_state=0).fit(X_train, s_train)
        print("stay MAE", mean_absolute_error(s_test, reg.predict(X_test)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });
});
