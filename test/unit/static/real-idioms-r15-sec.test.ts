/**
 * Round 15 (r15-sec): target and serving classes from real code. Each class has a case that must
 * fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TARGET = 'leakage/target';
const REFIT = 'mismatch/refit-at-inference';
const ORDER = 'mismatch/column-order';
/** Several lines put in at one place of a py`` template keep the template's indentation. */
const at6 = (s: string): string => s.replace(/\n/g, '\n      ');

describe('real-notebook idioms, round 15 (r15-sec)', () => {
  describe('a DictVectorizer fitted on records without the label ignores the label key of records it only transforms', () => {
    const src = (fit: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.feature_extraction import DictVectorizer
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import roc_auc_score
      df = pd.read_csv("machines.csv").drop(columns=["machine_id"])
      full, test = train_test_split(df, test_size=0.2, random_state=1)
      part, val = train_test_split(full, test_size=0.25, random_state=1)
      y_full = full["failure"].values
      y_test = test["failure"].values
      del part["failure"]
      del test["failure"]
      dv = DictVectorizer(sparse=False)
      ${at6(fit)}
      X_test = dv.transform(test.to_dict(orient="records"))
      model = LogisticRegression().fit(X_full, y_full)
      print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
    `;
    it('fires when the vectorizer is fitted on the records that still hold the label', () => {
      const s = src('X_full = dv.fit_transform(full.to_dict(orient="records"))');
      assert.equal(lines(s, TARGET).length > 0, true);
    });
    it('does not fire when it was fitted on records without the label and only transforms the others', () => {
      const s = src('dv.fit(part.to_dict(orient="records"))\nX_full = dv.transform(full.to_dict(orient="records"))');
      assert.deepEqual(lines(s, TARGET), []);
    });
  });

  describe('a drop of columns named by a dtype filter after dummies are put beside the matrix keeps the earlier label drop', () => {
    const src = (first: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.tree import DecisionTreeClassifier
      from sklearn.metrics import accuracy_score
      def make_sets(df):
          X = ${first}
          y = df["adopted"]
          cats = list(X.select_dtypes(include=["object", "bool"]).columns)
          dummies = pd.get_dummies(X[cats], drop_first=True)
          X = pd.concat([X, dummies], axis=1)
          X = X.drop(columns=list(X.select_dtypes(include=["object"]).columns))
          return X, y
      df = pd.read_csv("shelter.csv")
      train, test = train_test_split(df, test_size=0.2, random_state=0)
      X_train, y_train = make_sets(train)
      X_test, y_test = make_sets(test)
      clf = DecisionTreeClassifier(max_depth=5).fit(X_train, y_train)
      print(accuracy_score(y_test, clf.predict(X_test)))
    `;
    it('fires when the label was never dropped from the matrix', () => {
      const s = src('df.drop(columns=["animal_id"])');
      assert.equal(lines(s, TARGET).length > 0, true);
    });
    it('does not fire when the label was dropped before the dummies were added', () => {
      const s = src('df.drop(columns=["adopted"])');
      assert.deepEqual(lines(s, TARGET), []);
    });
  });

  describe('columns picked by position from a matrix that already lacks the label do not bring it back', () => {
    const src = (first: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("shelter.csv")
      X = ${first}
      y = df["adopted"]
      cat_cols = list(X.select_dtypes(include=["object"]).iloc[:, 1:].columns)
      X = pd.get_dummies(X[cat_cols], drop_first=True)
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      clf = RandomForestClassifier().fit(X_train, y_train)
      print(accuracy_score(y_test, clf.predict(X_test)))
    `;
    it('fires when the label is still in the matrix the columns are taken from', () => {
      const s = src('df.drop(columns=["animal_id"])');
      assert.equal(lines(s, TARGET).length > 0, true);
    });
    it('does not fire when the matrix the columns are taken from dropped the label', () => {
      const s = src('df.drop(columns=["adopted"])');
      assert.deepEqual(lines(s, TARGET), []);
      assert.ok(lineOf(s, 'iloc[:, 1:]') > 0);
    });
  });

  describe('a statistic of one item of a per-position map ([f(X[i]) for i in range(len(X))]) is a row-wise feature', () => {
    const src = (feat: string): string => py`
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import StandardScaler
      from sklearn.svm import SVC
      from sklearn.metrics import accuracy_score
      images = np.load("images.npy")
      labels = np.load("labels.npy")
      X_tr, X_te, y_tr, y_te = train_test_split(images, labels, test_size=0.2, random_state=0)
      def describe(img):
          feats = []
          hist, _ = np.histogram(img.ravel(), bins=16, density=True)
          feats.extend(hist)
          for c in range(3):
              channel = img[:, :, c]
              feats.extend([channel.mean(), channel.std()])
          return np.array(feats)
      F_tr = np.array([describe(X_tr[i]) for i in range(len(X_tr))])
      F_te = ${feat}
      sc = StandardScaler().fit(F_tr)
      model = SVC().fit(sc.transform(F_tr), y_tr)
      print(accuracy_score(y_te, model.predict(sc.transform(F_te))))
    `;
    it('fires when the test rows are described by a statistic of the whole test batch', () => {
      const s = src('(X_te - X_te.mean()) / X_te.std()');
      assert.ok(lines(s, REFIT).length > 0);
    });
    it('does not fire when each test item is described by statistics of its own pixels', () => {
      const s = src('np.array([describe(X_te[i]) for i in range(len(X_te))])');
      assert.deepEqual(lines(s, REFIT), []);
    });
    it('still reads a model\'s predictions of X[i] at every position as predictions of the test rows', () => {
      const s = py`
        import numpy as np
        from sklearn.model_selection import train_test_split
        from sklearn.neighbors import KNeighborsClassifier
        from sklearn.tree import DecisionTreeClassifier
        from sklearn.metrics import accuracy_score
        X = np.load("X.npy")
        y = np.load("y.npy")
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        knn = KNeighborsClassifier().fit(X_tr, y_tr)
        print(accuracy_score(y_te, [knn.predict(X_te[i].reshape(1, -1))[0] for i in range(len(X_te))]))
        tree = DecisionTreeClassifier().fit(X_tr, y_tr)
        print(accuracy_score(y_te, [tree.predict(X_te[i].reshape(1, -1))[0] for i in range(len(X_te))]))
      `;
      assert.deepEqual(lines(s, 'leakage/multi-test'), [lineOf(s, 'tree.predict')]);
    });
  });

  describe('a file taken to be serving by its name that fits on its data set and then splits it (in a helper) is training', () => {
    const modules: Record<string, string> = {
      'proj/src/data.py': py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        def load():
            return pd.read_csv("census.csv")
        def encode(df):
            X = pd.get_dummies(df.drop(columns=["income"]))
            return X, df["income"]
        def split(X, y):
            return train_test_split(X, y, test_size=0.2, random_state=0)
      `,
    };
    const src = (tail: string): string => py`
      import streamlit as st
      from sklearn.linear_model import LogisticRegression
      from src.data import load, encode, split
      X, y = encode(load())
      ${at6(tail)}
    `;
    const run = (s: string): number[] =>
      analyze(s, 'proj/app/dashboard_app.py', { readModule: (p) => modules[p], moduleRoot: 'proj' }).filter((f) => f.ruleId === REFIT).map((f) => f.location.line);
    it('fires when the encoded rows are scored without any split (the batch the app serves)', () => {
      const s = src('model = LogisticRegression().fit(X, y)\nst.write(model.predict(X))');
      assert.ok(run(s).length > 0);
    });
    it('does not fire when the encoded rows are then split into train and test parts', () => {
      const s = src('X_train, X_test, y_train, y_test = split(X, y)\nmodel = LogisticRegression().fit(X_train, y_train)\nst.write(model.score(X_test, y_test))');
      assert.deepEqual(run(s), []);
    });
  });

  describe('a KNNImputer given the frame\'s numeric columns (names from a dtype filter) fills features from the label when the label is numeric', () => {
    const src = (label: string): string => py`
      import pandas as pd
      from sklearn.impute import KNNImputer
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor, RandomForestClassifier
      df = pd.read_csv("countries.csv")
      ${at6(label)}
      num_cols = df.select_dtypes(include=["float64", "int64"]).columns
      df[num_cols] = KNNImputer().fit_transform(df[num_cols])
      train, test = train_test_split(df, test_size=0.2, random_state=0)
      X_train = train.drop(columns=["outcome"])
      model = Model().fit(X_train, train["outcome"])
      print(model.score(test.drop(columns=["outcome"]), test["outcome"]))
    `;
    it('fires at warning, saying the guess, when the label is a number', () => {
      const s = src('Model = RandomForestRegressor');
      const found = analyze(s).filter((f) => f.ruleId === TARGET);
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(s, 'KNNImputer().fit_transform'), 'warning']]);
      assert.match(found[0].message, /taken to include the numeric label 'outcome'/);
    });
    it('does not fire when the label was encoded from class names (not among the numeric columns)', () => {
      const s = src('Model = RandomForestClassifier\ndf["outcome"] = LabelEncoder().fit_transform(df["outcome"])');
      assert.deepEqual(lines(s.replace('from sklearn.impute import KNNImputer', 'from sklearn.impute import KNNImputer\nfrom sklearn.preprocessing import LabelEncoder'), TARGET), []);
    });
    it('does not fire when the imputer was given the feature matrix without the label', () => {
      const s = src('Model = RandomForestRegressor').replace('num_cols = df.select_dtypes(include=["float64", "int64"]).columns', 'num_cols = df.drop(columns=["outcome"]).select_dtypes(include=["float64", "int64"]).columns');
      assert.deepEqual(lines(s, TARGET), []);
    });
  });

  describe('pd.get_dummies run on each part of a split alone: the held-out columns follow their own categories (a074)', () => {
    const src = (align: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.tree import DecisionTreeClassifier
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("shelter.csv")
      train, test = train_test_split(df, test_size=0.2, random_state=0)
      def encode(part):
          X = pd.get_dummies(part.drop(columns=["adopted"]), drop_first=True)
          return X, part["adopted"]
      X_train, y_train = encode(train)
      X_test, y_test = encode(test)
      ${at6(align)}
      clf = DecisionTreeClassifier(max_depth=4).fit(X_train, y_train)
      print(accuracy_score(y_test, clf.predict(X_test)))
    `;
    it('fires at warning, saying the assumption, when the held-out part is predicted as encoded', () => {
      const s = src('pass');
      const found = analyze(s).filter((f) => f.ruleId === ORDER);
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(s, 'pd.get_dummies'), 'warning']]);
      assert.match(found[0].message, /Assumed: the held-out rows can hold categories/);
      assert.deepEqual(lines(s, REFIT), []);
    });
    it('does not fire when the held-out frame is reindexed to the training columns', () => {
      const s = src('X_test = X_test.reindex(columns=X_train.columns, fill_value=0)');
      assert.deepEqual(lines(s, ORDER), []);
    });
    it('does not fire when the whole frame is encoded once before the split', () => {
      const s = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.tree import DecisionTreeClassifier
        from sklearn.metrics import accuracy_score
        df = pd.read_csv("shelter.csv")
        X = pd.get_dummies(df.drop(columns=["adopted"]), drop_first=True)
        X_train, X_test, y_train, y_test = train_test_split(X, df["adopted"], test_size=0.2, random_state=0)
        clf = DecisionTreeClassifier(max_depth=4).fit(X_train, y_train)
        print(accuracy_score(y_test, clf.predict(X_test)))
      `;
      assert.deepEqual(lines(s, ORDER), []);
    });
  });

  describe('a feature list of literal names plus names appended in a loop, kept if in the frame, selects columns (group statistics of the label among them)', () => {
    const src = (names: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import LabelEncoder
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import roc_auc_score
      df = pd.read_csv("flights.csv")
      stats = df.groupby("origin").agg({"delayed": ["count", "mean"], "dep_delay": ["mean"]})
      stats.columns = ["origin_" + "_".join(c) for c in stats.columns]
      df = df.merge(stats, left_on="origin", right_index=True, how="left")
      features = [${names}]
      for col in ["carrier", "season"]:
          df[col + "_code"] = LabelEncoder().fit_transform(df[col])
          features.append(col + "_code")
      available = [c for c in features if c in df.columns]
      X = df[available]
      y = df["delayed"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      model = RandomForestClassifier().fit(X_train, y_train)
      print(roc_auc_score(y_test, model.predict_proba(X_test)[:, 1]))
    `;
    it('fires at warning, naming the column taken to hold the label\'s group mean', () => {
      const s = src('"hour", "distance", "origin_delayed_count", "origin_delayed_mean", "origin_dep_delay_mean"');
      const found = analyze(s).filter((f) => f.ruleId === TARGET);
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(s, 'df.groupby("origin")'), 'warning']]);
      assert.match(found[0].message, /'origin_delayed_mean' is taken to hold this group statistic/);
    });
    it('does not fire when the list keeps only the group\'s count of the label and other columns\' statistics', () => {
      const s = src('"hour", "distance", "origin_delayed_count", "origin_dep_delay_mean"');
      assert.deepEqual(lines(s, TARGET), []);
    });
  });
});
