/**
 * Round 18 (r18b-pre): preprocessing recall. Each class has a case that must fire and a look-alike that
 * must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 18, r18b-pre)', () => {
  describe('leakage/preprocessing: a helper function with no parameters for the frame writes a statistic into a global frame', () => {
    it('fires when the helper fills a column of the global frame with its mean before the split', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        from sklearn.metrics import r2_score
        homes = pd.read_csv("homes.csv")
        def tidy():
            homes["area"] = homes["area"].fillna(homes["area"].mean())
        tidy()
        X = homes[["area", "rooms"]]
        y = homes["price"]
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=3)
        reg = LinearRegression().fit(X_a, y_a)
        print(r2_score(y_b, reg.predict(X_b)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [7]);
    });
    it('fires when the helper, called with a column name, target-encodes the global training part before a reported K-fold on it', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from sklearn.model_selection import train_test_split, KFold
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import roc_auc_score
        users = pd.read_csv("users.csv")
        X = users.drop(columns=["left"])
        y = users["left"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7)
        def encode(col):
            rate = y_train.groupby(X_train[col]).mean()
            X_train[col + "_rate"] = X_train[col].map(rate)
            X_test[col + "_rate"] = X_test[col].map(rate)
        encode("region")
        X_train = X_train.drop(columns=["region"])
        X_test = X_test.drop(columns=["region"])
        aucs = []
        for fit_idx, val_idx in KFold(n_splits=5, shuffle=True, random_state=0).split(X_train):
            clf = LogisticRegression().fit(X_train.iloc[fit_idx], y_train.iloc[fit_idx])
            aucs.append(roc_auc_score(y_train.iloc[val_idx], clf.predict_proba(X_train.iloc[val_idx])[:, 1]))
        print(np.mean(aucs))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [11]);
    });
    it('does not fire when the helper fills the global training and test parts with the training median after the split', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        from sklearn.metrics import r2_score
        homes = pd.read_csv("homes.csv")
        X = homes[["area", "rooms"]]
        y = homes["price"]
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=3)
        def tidy():
            med = X_a["area"].median()
            X_a["area"] = X_a["area"].fillna(med)
            X_b["area"] = X_b["area"].fillna(med)
        tidy()
        reg = LinearRegression().fit(X_a, y_a)
        print(r2_score(y_b, reg.predict(X_b)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the helper fills a copy of the global frame that only it reads', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        from sklearn.metrics import r2_score
        homes = pd.read_csv("homes.csv")
        def describe_filled():
            view = homes.copy()
            view["area"] = view["area"].fillna(view["area"].mean())
            print(view.describe())
        describe_filled()
        X = homes[["area", "rooms"]].dropna()
        y = homes.loc[X.index, "price"]
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.2, random_state=3)
        reg = LinearRegression().fit(X_a, y_a)
        print(r2_score(y_b, reg.predict(X_b)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a statistic before a split whose held-out part nothing scores, while only training rows are scored', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      loans = pd.read_csv("loans.csv")
      loans = loans.fillna(loans.median())
      X = loans.drop(columns=["default"])
      y = loans["default"]
      X_fit, X_hold, y_fit, y_hold = train_test_split(X, y, test_size=0.2, random_state=1)
      clf = RandomForestClassifier().fit(X_fit, y_fit)
    `;
    it('does not fire when the only score is the training rows\' (an in-sample accuracy logged as the result)', () => {
      const src = head + py`
        print("accuracy", clf.score(X_fit, y_fit))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when the held-out part is scored too', () => {
      const src = head + py`
        print("accuracy", clf.score(X_fit, y_fit))
        print("held-out accuracy", accuracy_score(y_hold, clf.predict(X_hold)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [6]);
    });
  });

  describe('leakage/preprocessing: a transformer class of the document (fit and transform only) or a dict of per-column statistics', () => {
    const encoder = py`
      import numpy as np
      import pandas as pd
      from sklearn.base import BaseEstimator, TransformerMixin
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import f1_score
      class CountEncoder(BaseEstimator, TransformerMixin):
          def __init__(self, cols):
              self.cols = cols
          def fit(self, X, y=None):
              self.counts_ = {}
              for c in self.cols:
                  self.counts_[c] = X[c].value_counts()
              return self
          def transform(self, X):
              X = X.copy()
              for c in self.cols:
                  X[c + "_n"] = X[c].map(self.counts_[c]).fillna(0)
              return X.drop(columns=self.cols)
      class LogCols(BaseEstimator, TransformerMixin):
          def __init__(self, cols):
              self.cols = cols
          def fit(self, X, y=None):
              return self
          def transform(self, X):
              X = X.copy()
              for c in self.cols:
                  X[c] = np.log1p(X[c])
              return X
      cars = pd.read_csv("cars.csv")
      X = cars.drop(columns=["tier"])
      y = cars["tier"]
    `;
    const tail = py`
      clf = RandomForestClassifier().fit(X_tr, y_tr)
      print(f1_score(y_te, clf.predict(X_te), average="macro"))
    `;
    it('fires when the inherited fit_transform learns per-column counts on all rows before the split', () => {
      const src = encoder + py`
        X = CountEncoder(["make", "body"]).fit_transform(X)
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=5)
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [13]);
    });
    it('does not fire when the inherited fit_transform runs on the training part and transform on the test part', () => {
      const src = encoder + py`
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=5)
        enc = CountEncoder(["make", "body"])
        X_tr = enc.fit_transform(X_tr)
        X_te = enc.transform(X_te)
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the class learns nothing in fit (a row-wise log)', () => {
      const src = encoder + py`
        X = LogCols(["km"]).fit_transform(X)
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=5)
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when per-column means of all rows are kept in a dict and filled in by key before the split', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import Ridge
        from sklearn.metrics import mean_absolute_error
        flats = pd.read_csv("flats.csv")
        means = {}
        for c in ["area", "floor"]:
            means[c] = flats[c].mean()
        for c in ["area", "floor"]:
            flats[c] = flats[c].fillna(means[c])
        X = flats[["area", "floor", "rooms"]]
        y = flats["rent"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=2)
        reg = Ridge().fit(X_tr, y_tr)
        print(mean_absolute_error(y_te, reg.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [8]);
    });
  });
});
