/**
 * Round 17 (r17-fp): false-alarm classes found on unlabelled real code (the other notebooks and
 * scripts of the dev repositories). Each class has a case that must fire and a look-alike that must
 * not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, hits, lineOf, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 17, r17-fp)', () => {
  describe('leakage/overlap: a dict of model inputs keyed by feature names ({name: train[name] for name in names})', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import roc_auc_score
      from ctrlib import DeepFM, feature_columns_of
      data = pd.read_csv("clicks.csv")
      names = feature_columns_of(data)
    `;
    it('fires when the dict is built from all rows and the test split is scored', () => {
      const src = head + py`
        train, test = train_test_split(data, test_size=0.2, random_state=1)
        model = DeepFM(names)
        model.fit({n: data[n] for n in names}, data["label"].values)
        pred = model.predict({n: test[n] for n in names})
        print("test AUC", roc_auc_score(test["label"].values, pred))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'print("test AUC"')]);
    });
    it('does not fire when the dicts are built from the train and test splits (the names came from all rows)', () => {
      const src = head + py`
        train, test = train_test_split(data, test_size=0.2, random_state=1)
        train_input = {name: train[name] for name in names}
        test_input = {name: test[name] for name in names}
        model = DeepFM(names)
        model.fit(train_input, train["label"].values, validation_split=0.2)
        pred = model.predict(test_input, 256)
        print("test AUC", roc_auc_score(test["label"].values, pred))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('does not report the frame\'s label column as a feature: the dict holds the named columns only', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import roc_auc_score
        from ctrlib import DeepFM, feature_columns_of
        data = pd.read_csv("clicks.csv")
        data = data.drop(columns=["device_ip"])
        target = ["click"]
        names = feature_columns_of(data)
        train, test = train_test_split(data, test_size=0.2, random_state=1)
        train_input = {name: train[name] for name in names}
        model = DeepFM(names)
        model.fit(train_input, train[target].values)
        print("test AUC", roc_auc_score(test[target].values, model.predict({name: test[name] for name in names})))
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: np.repeat building a label vector (one label per block of samples) is not a row duplication', () => {
    const src = (repeated: string) => py`
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      xs, ys = [], []
      for label, path in enumerate(["normal.npy", "fault.npy"]):
          block = np.load(path)
          xs.append(${repeated})
          ys.append(np.repeat(np.ones(1) * label, block.shape[0], axis=0))
      X = np.concatenate(xs, axis=0)
      y = np.concatenate(ys, axis=0)
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      model = LogisticRegression().fit(X_train, y_train)
      print("test accuracy", accuracy_score(y_test, model.predict(X_test)))
    `;
    it('fires when the samples themselves are repeated before the split', () => {
      const s = src('np.repeat(block, 3, axis=0)');
      assert.deepEqual(rules(s, 'leakage/overlap'), [lineOf(s, 'xs.append(')]);
    });
    it('does not fire when only the label vector is built with np.repeat ([label] / np.ones(1) * label / np.full)', () => {
      assert.deepEqual(rules(src('block'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src('block').replace('np.ones(1) * label', '[label]'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src('block').replace('np.ones(1) * label', 'np.full((1,), label)'), 'leakage/overlap'), []);
    });
  });

  describe('mismatch/refit-at-inference: the fit method of a custom transformer class an app defines (to unpickle its pipeline) is not a refit', () => {
    const src = (predictBody: string) => py`
      import joblib
      import numpy as np
      import pandas as pd
      from sklearn.base import BaseEstimator, TransformerMixin
      from sklearn.decomposition import TruncatedSVD
      class DenseSVD(BaseEstimator, TransformerMixin):
          def __init__(self, n_components=20):
              self.n_components = n_components
          def fit(self, X, y=None):
              self.svd_ = TruncatedSVD(n_components=self.n_components)
              self.svd_.fit(X)
              return self
          def transform(self, X):
              return self.svd_.transform(X)
      pipeline = joblib.load("pipeline.joblib")
      def predict_rating(rows):
          batch = pd.DataFrame(rows)
          ${predictBody}
    `;
    const refits = (s: string): number[] => analyze(s, 'app.py').filter((f) => f.ruleId === 'mismatch/refit-at-inference' && f.severity === 'error').map((f) => f.location.line);
    it('fires when the serving function refits a transformer on the batch', () => {
      const s = src('return pipeline.predict(TruncatedSVD(n_components=20).fit_transform(batch))');
      assert.deepEqual(refits(s), [lineOf(s, 'return pipeline.predict(TruncatedSVD')]);
    });
    it('does not fire on the class\'s own fit body when the app only loads the pipeline and predicts', () => {
      const s = src('return pipeline.predict(batch)');
      assert.deepEqual(refits(s), []);
    });
  });

  describe('leakage/overlap: a held-out part picked by index and then deleted from the training array (np.delete(X, idx, axis=0))', () => {
    const src = (rest: string) => py`
      import numpy as np
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      X_train = np.load("images.npy")
      y_train = np.load("labels.npy")
      idx = np.random.choice(len(X_train), len(X_train) // 5, replace=False)
      X_test = X_train[idx]
      y_test = y_train[idx]
      ${rest}
      model = LogisticRegression(max_iter=200).fit(X_train, y_train)
      print("test accuracy", accuracy_score(y_test, model.predict(X_test)))
    `;
    it('fires when the picked rows stay in the training array', () => {
      const s = src('print(X_test.shape)');
      assert.ok(rules(s, 'leakage/overlap').length > 0);
    });
    it('still fires when other rows (outliers) are deleted, not the picked ones', () => {
      const s = src('X_train, y_train = np.delete(X_train, outliers, axis=0), np.delete(y_train, outliers, axis=0)');
      assert.ok(rules(s, 'leakage/overlap').length > 0);
    });
    it('does not fire when the picked rows are deleted from the training array', () => {
      const s = src('X_train, y_train = np.delete(X_train, idx, axis=0), np.delete(y_train, idx, axis=0)');
      assert.deepEqual(rules(s, 'leakage/overlap'), []);
    });
  });
});
