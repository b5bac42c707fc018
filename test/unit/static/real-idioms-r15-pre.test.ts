/**
 * Round 15 (r15-pre): preprocessing classes. Each class has a case that must fire and a look-alike that
 * must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/static/index';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 15, r15-pre)', () => {
  describe('leakage/preprocessing: the per-setting CV scores of an old-style search (`grid_scores_`) are a reported CV score', () => {
    const head = py`
      import pandas as pd
      from sklearn.grid_search import GridSearchCV
      from sklearn.preprocessing import StandardScaler
      from sklearn.svm import SVC
      train = pd.read_csv("train.csv")
      X = train.drop(["label"], axis=1).values
      y = train["label"].values
      X = StandardScaler().fit(X).transform(X)
      search = GridSearchCV(SVC(), {"C": [1, 10, 100]}, cv=5)
      search.fit(X, y)
    `;
    it('fires when grid_scores_ is printed', () => {
      const src = head + py`
        print(search.best_params_)
        print(search.grid_scores_)
      `;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when only the chosen setting is printed', () => {
      const src = head + py`
        print(search.best_params_)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a row function (apply(f, axis=1)) that looks up a statistic of all rows by closure carries it', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      from sklearn.metrics import r2_score
      df = pd.read_csv("fish.csv")
      group_mean = df.groupby("species")["height"].mean()
    `;
    const tail = py`
      X = df[["height", "width", "rel_height"]]
      y = df["weight"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=1)
      reg = LinearRegression().fit(X_tr, y_tr)
      print(r2_score(y_te, reg.predict(X_te)))
    `;
    it('fires when each row is divided by its group\'s mean over all rows', () => {
      const src = head + py`
        df["rel_height"] = df.apply(lambda r: r["height"] / group_mean[r["species"]], axis=1)
      ` + tail;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when the row function reads only the row itself', () => {
      const src = head + py`
        print(group_mean)
        df["rel_height"] = df.apply(lambda r: r["height"] / r["width"], axis=1)
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire for a mean across the columns of each row', () => {
      const src = head + py`
        df["rel_height"] = df[["height", "width"]].apply(lambda r: r.mean(), axis=1)
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a frame aliased by plain assignment (b = a) is one object; a column written through one name is in the other', () => {
    const body = (alias: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      from sklearn.metrics import r2_score
      df = pd.read_csv("fish.csv")
      ${alias}
      means = work.groupby("species")["height"].mean()
      work["rel_height"] = work["height"] / work["species"].map(means)
      X = df.drop(columns=["weight", "species"])
      y = df["weight"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=1)
      reg = LinearRegression().fit(X_tr, y_tr)
      print(r2_score(y_te, reg.predict(X_te)))
    `;
    it('fires when the column is written through an alias and the original frame is split', () => {
      assert.ok(rules(body('work = df'), 'leakage/preprocessing').length > 0);
    });
    it('does not fire when the other name holds a copy', () => {
      assert.deepEqual(rules(body('work = df.copy()'), 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: rows of a file named as test data, split twice by the code, leak through the split whose held-out part is scored', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import StandardScaler
      from sklearn.linear_model import Ridge
      from tensorflow import keras
      df = pd.read_csv("test_data.csv")
      y = df["rul"].values
    `;
    const autoencoder = (x: string): string => py`
      a_tr, a_va = train_test_split(${x}, test_size=0.2, random_state=0)
      ae = keras.Sequential([keras.layers.Dense(8), keras.layers.Dense(12)])
      ae.compile(optimizer="adam", loss="mse")
      ae.fit(a_tr, a_tr, epochs=5, validation_data=(a_va, a_va))
    `;
    it('fires when the scaler saw every row before an autoencoder\'s watched cut and the model\'s scored cut', () => {
      const src = head + py`
        X = StandardScaler().fit_transform(df.drop(columns=["rul"]))
      ` + autoencoder('X') + py`
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=1)
        reg = Ridge().fit(X_tr, y_tr)
        print(reg.score(X_te, y_te))
      `;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when the scaler is fitted on the training part of the scored cut', () => {
      const src = head + py`
        X = df.drop(columns=["rul"]).values
      ` + autoencoder('X') + py`
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=1)
        sc = StandardScaler().fit(X_tr)
        reg = Ridge().fit(sc.transform(X_tr), y_tr)
        print(reg.score(sc.transform(X_te), y_te))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a file named like a serving entry point (app.py) that binds train and test parts from a project helper\'s split is a training script', () => {
    const helpers = py`
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.model_selection import train_test_split

      def preprocess(frame):
          X = frame.drop(columns=["income"])
          y = frame["income"]
          X[["age", "hours"]] = MinMaxScaler().fit_transform(X[["age", "hours"]])
          return X, y

      def split_data(X, y):
          return train_test_split(X, y, test_size=0.2, random_state=42, stratify=y)
    `;
    const app = (bind: string, use: string): string => py`
      import pandas as pd
      import streamlit as st
      from sklearn.linear_model import LogisticRegression
      from src.data import preprocess, split_data
      df = pd.read_csv("census.csv")
      X, y = preprocess(df)
      ${bind}
      model = LogisticRegression().fit(${use})
    `;
    const run = (text: string, rule: string): number[] => analyzeDocument({ path: 'proj/app/app.py', text },
      { readModule: (p) => (p === 'proj/src/data.py' ? helpers : undefined), moduleRoot: 'proj' }).findings
      .filter((f) => f.ruleId === rule).map((f) => f.location.line);
    it('fires (preprocessing, not a refit at inference) when the parts are scored on the held-out rows', () => {
      const src = app('X_train, X_test, y_train, y_test = split_data(X, y)', 'X_train, y_train') + py`
        st.metric("accuracy", model.score(X_test, y_test))
      `;
      assert.ok(run(src, 'leakage/preprocessing').length > 0);
      assert.deepEqual(run(src, 'mismatch/refit-at-inference'), []);
    });
    it('does not fire when the app binds no split parts and trains on every row', () => {
      const src = app('print(len(X))', 'X, y') + py`
        st.metric("rows", len(X))
      `;
      assert.deepEqual(run(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a later search of another label column or of oversampled rows does not refine a reported search', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split, GridSearchCV
      from sklearn.preprocessing import StandardScaler
      from sklearn.svm import LinearSVC
      from imblearn.over_sampling import SMOTE
      df = pd.read_csv("calls.csv")
      X = df.iloc[:, :20]
      Y = df[["family", "genus"]]
      X_tr, X_te, Y_tr, Y_te = train_test_split(X, Y, test_size=0.3, random_state=0)
      sc = StandardScaler()
      X_tr_s = sc.fit_transform(X_tr)
      X_te_s = sc.transform(X_te)
      g1 = GridSearchCV(LinearSVC(), {"C": [0.1, 1, 10]}, cv=10)
      g1.fit(X_tr_s, Y_tr["family"])
      for m, p in zip(g1.cv_results_["mean_test_score"], g1.cv_results_["params"]):
          print(m, p)
      clf = LinearSVC(C=1).fit(X_tr_s, Y_tr["family"])
      print(clf.score(X_te_s, Y_te["family"]))
    `;
    const tail = py`
      g2 = GridSearchCV(LinearSVC(), {"C": [0.5, 1, 2]}, cv=10)
      g2.fit(X2, y2)
      print(g2.best_params_)
    `;
    it('fires when the later search is of another label column', () => {
      const src = head + py`
        X2, y2 = X_tr_s, Y_tr["genus"]
      ` + tail;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('fires when the later search is of the training part oversampled', () => {
      const src = head + py`
        X2, y2 = SMOTE().fit_resample(X_tr_s, Y_tr["family"])
      ` + tail;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when the later search refines the grid on the same rows and label', () => {
      const src = head + py`
        X2, y2 = X_tr_s, Y_tr["family"]
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a describe() table of all rows is a statistic (its mean and std rows used to normalise)', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      raw = pd.read_csv("auto.csv")
    `;
    const tail = py`
      y = raw.pop("mpg")
      X_tr, X_te, y_tr, y_te = train_test_split(feats, y, test_size=0.2, random_state=0)
      print(LinearRegression().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires when every row is normalised by the describe() of all rows', () => {
      const src = head + py`
        stats = raw.drop(columns=["mpg"]).describe().transpose()
        def norm(x):
            return (x - stats["mean"]) / stats["std"]
        feats = norm(raw.drop(columns=["mpg"]))
      ` + tail;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when only the describe() table\'s column names pick the features', () => {
      const src = head + py`
        stats = raw.drop(columns=["mpg"]).describe()
        print(stats)
        feats = raw[list(stats.columns)]
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: fillna with a dict of per-column statistics of all rows', () => {
    const src = (fill: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("passengers.csv")
      ${fill}
      X = df[["age", "fare", "pclass"]]
      y = df["survived"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      print(RandomForestClassifier().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires for a dict literal of medians', () => {
      assert.ok(rules(src('df = df.fillna({"age": df["age"].median(), "fare": df["fare"].median()})'), 'leakage/preprocessing').length > 0);
    });
    it('fires for a dict comprehension of means', () => {
      assert.ok(rules(src('df = df.fillna(value={c: df[c].mean() for c in ["age", "fare"]})'), 'leakage/preprocessing').length > 0);
    });
    it('does not fire for a dict of constants', () => {
      assert.deepEqual(rules(src('df = df.fillna({"age": -1, "fare": 0})'), 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a dict comprehension of fitted transformers ({c: Scaler().fit(df[[c]]) for c in cols}) holds the transformers', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("loans.csv")
      num = ["income", "debt"]
    `;
    it('fires when each column\'s scaler is fitted on all rows before the split', () => {
      const src = head + py`
        scalers = {c: MinMaxScaler().fit(df[[c]]) for c in num}
        for c in num:
            df[c] = scalers[c].transform(df[[c]])
        X_tr, X_te, y_tr, y_te = train_test_split(df[num], df["default"], random_state=0)
        print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))
      `;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when each scaler is fitted on the training part', () => {
      const src = head + py`
        X_tr, X_te, y_tr, y_te = train_test_split(df[num], df["default"], random_state=0)
        scalers = {c: MinMaxScaler().fit(X_tr[[c]]) for c in num}
        for c in num:
            X_tr[c] = scalers[c].transform(X_tr[[c]])
            X_te[c] = scalers[c].transform(X_te[[c]])
        print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: an axis given by position (X.min(0), X.mean(1)) says whether the statistic is over rows', () => {
    const src = (line: string): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.neighbors import KNeighborsClassifier
      df = pd.read_csv("signals.csv")
      X = df.drop(columns=["label"]).values
      y = df["label"].values
      ${line}
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      print(KNeighborsClassifier().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires for min-max scaling by X.min(0) and X.max(0) of all rows', () => {
      assert.ok(rules(src('X = (X - X.min(0)) / (X.max(0) - X.min(0))'), 'leakage/preprocessing').length > 0);
    });
    it('fires for X.ptp(0), the range of each column over all rows', () => {
      assert.ok(rules(src('X = X / X.ptp(0)'), 'leakage/preprocessing').length > 0);
    });
    it('does not fire for each row centred by its own mean (X.mean(1, keepdims=True))', () => {
      assert.deepEqual(rules(src('X = X - X.mean(1, keepdims=True)'), 'leakage/preprocessing'), []);
    });
    it('does not fire for each row divided by its own maximum (X.max(1))', () => {
      assert.deepEqual(rules(src('X = X / X.max(1)[:, None]'), 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a list filled by a loop over an array\'s rows (out.append(f(row))) is an array of those rows', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split
      from sklearn.svm import SVC
      df = pd.read_csv("segments.csv")
      y = df["label"].values
    `;
    it('fires when rows standardised on all of them are copied with noise one by one before the split', () => {
      const src = head + py`
        X = StandardScaler().fit_transform(df.drop(columns=["label"]).values)
        noisy = []
        for row in X:
            noisy.append(row + np.random.normal(0, 0.01, row.shape))
        X = np.array(noisy)
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
      `;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('fires when the value appended is a name computed from the row earlier in the body', () => {
      const src = head + py`
        from scipy.signal import welch
        X = StandardScaler().fit_transform(df.drop(columns=["label"]).values)
        spectra = []
        for seg in X:
            freqs, power = welch(seg, 256)
            spectra.append(power)
        X = np.array(spectra)
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        print(SVC().fit(X_tr, y_tr).score(X_te, y_te))
      `;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when the values appended do not come from the row', () => {
      const src = head + py`
        Z = StandardScaler().fit_transform(df.drop(columns=["label"]).values)
        weights = []
        for row in Z:
            weights.append(1.0)
        X = df.drop(columns=["label"]).values
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        print(SVC().fit(X_tr, y_tr).score(X_te, y_te), len(weights))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the loop runs over the raw rows and the scaler is fitted on the training part', () => {
      const src = head + py`
        X = df.drop(columns=["label"]).values
        noisy = []
        for row in X:
            noisy.append(row + np.random.normal(0, 0.01, row.shape))
        X = np.array(noisy)
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        sc = StandardScaler().fit(X_tr)
        print(SVC().fit(sc.transform(X_tr), y_tr).score(sc.transform(X_te), y_te))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire for a loop over a DataFrame, whose items are its column names', () => {
      const src = head + py`
        feats = df.drop(columns=["label"])
        centres = []
        for col in feats:
            centres.append(col)
        X = feats[centres].values
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        sc = StandardScaler().fit(X_tr)
        print(SVC().fit(sc.transform(X_tr), y_tr).score(sc.transform(X_te), y_te))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });
});
