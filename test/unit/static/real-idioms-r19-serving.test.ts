/**
 * Round 19, serving recall (mismatch/refit-at-inference, mismatch/column-order): classes behind the
 * dev misses, each with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { lineOf, py, found } from './helpers';

const REFIT = 'mismatch/refit-at-inference';
const notebook = (cells: string[]): string => JSON.stringify({
  cells: cells.map((c) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: c.split('\n').map((l, i, a) => (i < a.length - 1 ? l + '\n' : l)) })),
  metadata: {}, nbformat: 4, nbformat_minor: 5,
});

describe('real-notebook idioms, round 19 (serving)', () => {
  describe('mismatch/refit-at-inference: FunctionTransformer steps whose functions each open their own notebook cell', () => {
    // Every step's function runs on the scored batch; a function defined at the top of its cell is not the
    // same function as another one defined at the top of another cell.
    const cells = (second: string): string[] => [
      py`
        import numpy as np
        import pandas as pd
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import FunctionTransformer
        from sklearn.linear_model import Ridge
        from sklearn.model_selection import train_test_split
        df = pd.read_csv("houses.csv")
        X = df[["rooms", "area", "zone"]]
        y = df["price"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)`,
      py`
        def add_ratio(frame):
            return frame.assign(area_per_room=frame["area"] / frame["rooms"])`,
      second,
      py`
        pipe = Pipeline([("ratio", FunctionTransformer(add_ratio)), ("zone", FunctionTransformer(add_zone_level)), ("model", Ridge())])
        pipe.fit(X_train, y_train)
        print(np.mean((pipe.predict(X_test) - y_test) ** 2))`,
    ];
    it('fires for the second function, which ranks zones by a group mean of the batch it is given', () => {
      const src = notebook(cells(py`
        def add_zone_level(frame):
            top = frame.groupby("zone")["area"].mean().sort_values().tail(3).index
            return frame.assign(top_zone=frame["zone"].isin(top).astype(int))`));
      assert.deepEqual(found(src, REFIT, 'houses.ipynb'), ['c2:2:warning']);
    });
    it('does not fire when the second function is row-wise too', () => {
      const src = notebook(cells(py`
        def add_zone_level(frame):
            return frame.assign(big=(frame["area"] > 120).astype(int))`));
      assert.deepEqual(found(src, REFIT, 'houses.ipynb'), []);
    });
  });

  describe('mismatch/column-order: a pipeline step of the notebook\'s own class that one-hot encodes the batch it is given', () => {
    // A step whose fit learns nothing and whose transform runs pd.get_dummies: the held-out frame gets columns
    // named after its own categories, and the model after it reads them by position.
    const src = (after: string): string => py`
      import pandas as pd
      from sklearn.base import BaseEstimator, TransformerMixin
      from sklearn.pipeline import Pipeline
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error

      class OneHot(BaseEstimator, TransformerMixin):
          def __init__(self, columns):
              super().__init__()
              self.columns = columns
          def fit(self, X, y=None):
              return self
          def transform(self, X, y=None):
              return pd.get_dummies(X, columns=self.columns)

      train = pd.read_csv("listings_train.csv")
      test = pd.read_csv("listings_test.csv")
      prep = Pipeline(steps=[("onehot", OneHot(["district", "room_type"]))])
      enc_train = prep.fit_transform(train.drop(columns=["price"]))
      enc_test = prep.transform(test.drop(columns=["price"]))
      ${after}
      model = Ridge().fit(enc_train, train["price"])
      print(mean_absolute_error(test["price"], model.predict(enc_test)))
    `;
    it('fires where the step encodes the held-out frame', () => {
      const s = src('');
      assert.deepEqual(found(s, 'mismatch/column-order'), [`${lineOf(s, 'return pd.get_dummies')}:warning`]);
    });
    it('does not fire when the held-out frame is reindexed to the training columns', () => {
      assert.deepEqual(found(src('enc_test = enc_test.reindex(columns=enc_train.columns, fill_value=0)'), 'mismatch/column-order'), []);
    });
    it('fires when the step sits in front of the model in one pipeline', () => {
      const s = py`
        import pandas as pd
        from sklearn.base import BaseEstimator, TransformerMixin
        from sklearn.pipeline import Pipeline
        from sklearn.linear_model import Ridge
        from sklearn.metrics import mean_absolute_error

        class OneHot(BaseEstimator, TransformerMixin):
            def fit(self, X, y=None):
                return self
            def transform(self, X, y=None):
                return pd.get_dummies(X)

        train = pd.read_csv("listings_train.csv")
        test = pd.read_csv("listings_test.csv")
        pipe = Pipeline([("onehot", OneHot()), ("model", Ridge())])
        pipe.fit(train.drop(columns=["price"]), train["price"])
        print(mean_absolute_error(test["price"], pipe.predict(test.drop(columns=["price"]))))
      `;
      assert.deepEqual(found(s, 'mismatch/column-order'), [`${lineOf(s, 'return pd.get_dummies')}:warning`]);
    });
  });

  describe('mismatch/column-order: the label taken out of a held-out frame one-hot encoded on its own', () => {
    // `y_test = enc_test[["price"]].to_numpy()` is the label, not the features aligned to the training columns.
    const src = (label: string, features: string): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.linear_model import Ridge
      train = pd.get_dummies(pd.read_csv("listings_train.csv"), columns=["district"])
      test = pd.get_dummies(pd.read_csv("listings_test.csv"), columns=["district"])
      X_train = train.drop(columns=["price"])
      y_train = train["price"]
      X_test = ${features}
      y_test = ${label}
      model = Ridge().fit(X_train, y_train)
      print(np.mean(np.abs(y_test - model.predict(X_test))))
    `;
    it('fires when the label is selected as a one-column list', () => {
      const s = src('test[["price"]].to_numpy().ravel()', 'test.drop(columns=["price"])');
      assert.deepEqual(found(s, 'mismatch/column-order'), [`${lineOf(s, 'test = pd.get_dummies')}:warning`]);
    });
    it('does not fire when the features are reindexed to the training columns', () => {
      assert.deepEqual(found(src('test[["price"]].to_numpy().ravel()', 'test.drop(columns=["price"]).reindex(columns=X_train.columns, fill_value=0)'), 'mismatch/column-order'), []);
    });
  });

  describe('mismatch/refit-at-inference: a pipeline step of the notebook\'s own class that fits a transformer or clusterer inside its transform', () => {
    // A step whose fit learns nothing and whose transform fits a scaler (or clusters) on the batch it is given: the
    // scored rows are transformed with their own statistics. A step that learns in fit and only applies in transform is
    // the usual, clean shape.
    const src = (cls: string, scored: string): string => py`
      import pandas as pd
      from sklearn.base import BaseEstimator, TransformerMixin
      from sklearn.pipeline import Pipeline
      from sklearn.preprocessing import StandardScaler
      from sklearn.cluster import DBSCAN, KMeans
      from sklearn.linear_model import LogisticRegression
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import accuracy_score
      ${cls}
      df = pd.read_csv("patients.csv")
      X = df.drop(columns=["outcome"])
      y = df["outcome"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=3)
      pipe = Pipeline([("step", Step()), ("clf", LogisticRegression())])
      pipe.fit(X_train, y_train)
      print(${scored})
    `;
    const scaleInTransform = `class Step(BaseEstimator, TransformerMixin):
          def fit(self, X, y=None):
              return self
          def transform(self, X):
              return StandardScaler().fit_transform(X)`;
    const scaleInFit = `class Step(BaseEstimator, TransformerMixin):
          def fit(self, X, y=None):
              self.scaler = StandardScaler().fit(X)
              return self
          def transform(self, X):
              return self.scaler.transform(X)`;
    const clusterInTransform = `class Step(BaseEstimator, TransformerMixin):
          def __init__(self, eps=0.5):
              self.method = DBSCAN(eps=eps)
          def fit(self, X, y=None):
              return self
          def transform(self, X):
              X = X.copy()
              X["cluster"] = self.method.fit_predict(X)
              return X`;
    const clusterInFit = `class Step(BaseEstimator, TransformerMixin):
          def fit(self, X, y=None):
              self.km = KMeans(n_clusters=4).fit(X)
              return self
          def transform(self, X):
              X = X.copy()
              X["cluster"] = self.km.predict(X)
              return X`;
    it('fires for a scaler fitted in transform, scored with pipe.score', () => {
      const s = src(scaleInTransform, 'pipe.score(X_test, y_test)');
      assert.deepEqual(found(s, REFIT), [`${lineOf(s, 'return StandardScaler().fit_transform(X)')}:warning`]);
    });
    it('fires for a clusterer refitted in transform, scored on predictions', () => {
      const s = src(clusterInTransform, 'accuracy_score(y_test, pipe.predict(X_test))');
      assert.deepEqual(found(s, REFIT), [`${lineOf(s, 'self.method.fit_predict(X)')}:warning`]);
    });
    it('does not fire when the step learns in fit and only applies in transform', () => {
      assert.deepEqual(found(src(scaleInFit, 'pipe.score(X_test, y_test)'), REFIT), []);
      assert.deepEqual(found(src(clusterInFit, 'accuracy_score(y_test, pipe.predict(X_test))'), REFIT), []);
    });
  });

  describe('mismatch/refit-at-inference: a FunctionTransformer computing a statistic of its batch, inside a cross-validated pipeline', () => {
    // cross_val_score scores each fold's held-out part through the pipeline: a step filling gaps with the median
    // of whatever it is given fills that part with its own medians.
    const src = (step: string, report: string): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.pipeline import Pipeline
      from sklearn.preprocessing import FunctionTransformer, StandardScaler
      from sklearn.linear_model import Ridge
      from sklearn.model_selection import KFold, cross_val_score
      df = pd.read_csv("flats.csv")
      X = df[["rooms", "area", "floor"]]
      y = df["rent"]
      pipe = Pipeline([("fill", FunctionTransformer(${step})), ("scale", StandardScaler()), ("model", Ridge())])
      scores = cross_val_score(pipe, X, y, cv=KFold(5, shuffle=True, random_state=0))
      ${report}
    `;
    const medianFill = 'lambda a: np.where(np.isnan(a), np.nanmedian(a, axis=0), a)';
    it('fires when the fold scores are reported', () => {
      const s = src(medianFill, 'print(scores.mean())');
      assert.deepEqual(found(s, REFIT), [`${lineOf(s, 'FunctionTransformer(lambda')}:warning`]);
    });
    it('does not fire for a row-wise function, nor when the fold scores are never read', () => {
      assert.deepEqual(found(src('np.log1p', 'print(scores.mean())'), REFIT), []);
      assert.deepEqual(found(src(medianFill, 'print("done")'), REFIT), []);
    });
  });

  describe('mismatch/refit-at-inference: a helper that merges group statistics of the frame it is given, called on train and then on test', () => {
    // The same aggregate expression evaluated again on the test frame is a statistic of the test rows, not the one
    // the training call computed.
    const src = (helper: string, calls: string): string => py`
      import pandas as pd
      from sklearn.ensemble import GradientBoostingRegressor
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      ${helper}
      ${calls}
      features = ["volume", "volume_mean"]
      model = GradientBoostingRegressor().fit(train[features], train["target"])
      pd.DataFrame({"id": test["id"], "target": model.predict(test[features])}).to_csv("submission.csv", index=False)
    `;
    const ownStats = `def add_group_stats(df):
          stats = df.groupby("store")["volume"].mean().reset_index()
          return df.merge(stats.rename(columns={"volume": "volume_mean"}), how="left", on="store")`;
    const givenStats = `def add_group_stats(df, ref):
          stats = ref.groupby("store")["volume"].mean().reset_index()
          return df.merge(stats.rename(columns={"volume": "volume_mean"}), how="left", on="store")`;
    it('fires for the statistics the helper computes from the test frame', () => {
      const s = src(ownStats, 'train = add_group_stats(train)\n      test = add_group_stats(test)');
      assert.deepEqual(found(s, REFIT), [`${lineOf(s, 'stats = df.groupby')}:warning`]);
    });
    it('does not fire when both calls take the statistics from the training frame', () => {
      assert.deepEqual(found(src(givenStats, 'train = add_group_stats(train, train)\n      test = add_group_stats(test, train)'), REFIT), []);
    });
  });

  describe('mismatch/refit-at-inference: an evaluation script that reads the labelled test file, then loads the model, and fills the file with its own statistic', () => {
    const src = (fill: string): string => py`
      import joblib
      import pandas as pd
      from sklearn.metrics import mean_absolute_error
      test = pd.read_csv("data/test.csv")
      X_test = test.drop(columns=["duration"])
      y_test = test["duration"]
      model = joblib.load("models/model.joblib")
      medians = joblib.load("models/train_medians.joblib")
      ${fill}
      print("Test MAE:", mean_absolute_error(y_test, model.predict(X_test)))
    `;
    it('fires for a fill with the test rows\' own median', () => {
      const s = src('X_test["distance"] = X_test["distance"].fillna(X_test["distance"].median())');
      assert.deepEqual(found(s, REFIT, 'evaluate.py'), [`${lineOf(s, 'fillna(')}:warning`]);
    });
    it('does not fire for a fill with the medians saved at training', () => {
      assert.deepEqual(found(src('X_test["distance"] = X_test["distance"].fillna(medians["distance"])'), REFIT, 'evaluate.py'), []);
    });
  });

  describe('mismatch/column-order: a file with the training label column, predicted with more columns dropped than at training', () => {
    // The candidate file holds the label column, so it has the training file's columns; dropping an id and a score
    // besides the label gives the model fewer inputs than it was fitted on.
    const src = (train: string, cand: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      df = ${train}
      y = df["disposition"]
      X = df.drop(["disposition"], axis=1)
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=1)
      rf = RandomForestClassifier().fit(X_train, y_train)
      print(accuracy_score(y_test, rf.predict(X_test)))
      cand = pd.read_csv("candidates.csv")
      cand_X = ${cand}
      pd.DataFrame({"kepid": cand["kepid"], "pred": rf.predict(cand_X)}).to_csv("candidate_predictions.csv", index=False)
    `;
    it('fires where the candidate frame drops the id and the score as well', () => {
      const s = src('pd.read_csv("objects.csv")', 'cand.drop(["kepid", "disposition", "score"], axis=1)');
      assert.deepEqual(found(s, 'mismatch/column-order'), [`${lineOf(s, 'cand_X = ')}:warning`]);
    });
    it('does not fire when both frames drop the same columns, or the id was the training index', () => {
      assert.deepEqual(found(src('pd.read_csv("objects.csv").drop(columns=["kepid", "score"])', 'cand.drop(["kepid", "disposition", "score"], axis=1)'), 'mismatch/column-order'), []);
      assert.deepEqual(found(src('pd.read_csv("objects.csv", index_col="kepid")', 'cand.drop(["kepid", "disposition"], axis=1)'), 'mismatch/column-order'), []);
    });
    it('does not fire when the training frame was first cut by position', () => {
      assert.deepEqual(found(src('pd.read_csv("objects.csv").iloc[:, 1:]', 'cand.drop(["kepid", "disposition", "score"], axis=1)'), 'mismatch/column-order'), []);
    });
  });

  describe('mismatch/column-order: a test file one-hot encoded on its own by get_dummies with a prefix per named column', () => {
    // prefix= names the columns get_dummies encodes, so the typed list holds categories: the test file's dummies follow
    // its own categories.
    const src = (prefix: string, align: string): string => py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      cat_cols = ["soil", "crop"]
      def encode(df):
          dummies = pd.get_dummies(df[cat_cols]${prefix})
          return pd.concat([df.drop(columns=cat_cols), dummies], axis=1)
      train = encode(pd.read_csv("train.csv"))
      test = encode(pd.read_csv("test.csv"))
      ${align}
      model = LogisticRegression().fit(train.drop(columns=["label"]), train["label"])
      pd.DataFrame({"pred": model.predict(test)}).to_csv("submission.csv", index=False)
    `;
    it('fires when the test file is encoded with prefix= and fed to the model as it is', () => {
      const s = src(', prefix=cat_cols', '');
      assert.deepEqual(found(s, 'mismatch/column-order'), [`${lineOf(s, 'dummies = pd.get_dummies')}:warning`]);
    });
    it('does not fire when the encoded test file is reindexed to the training columns', () => {
      assert.deepEqual(found(src(', prefix=cat_cols', 'test = test.reindex(columns=train.columns.drop("label"), fill_value=0)'), 'mismatch/column-order'), []);
    });
  });
});

