/**
 * Round 20 (pool): false-alarm classes found on the dev files restored this round and on the other files of their
 * repositories. Each class has a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/static/index';
import { py, found, lineOf } from './helpers';

describe('real-notebook idioms, round 20 (pool)', () => {
  describe('mismatch/column-order: a frame cut by column position keeps its column names', () => {
    // df.iloc[:, 1:5] is still a DataFrame: a model fitted on named columns checks them. Only a conversion to an array
    // (.values, .to_numpy(), np.asarray) drops the names and the check.
    const src = (x: string) => py`
      import joblib
      import pandas as pd
      model = joblib.load("model.pkl")
      batch = pd.read_csv("new_rows.csv")
      X = ${x}
      batch["pred"] = model.predict(X)
      batch.to_csv("scored.csv", index=False)
    `;
    it('does not fire on an iloc column range passed as a frame', () => {
      assert.deepEqual(found(src('batch.iloc[:, 1:5]'), 'mismatch/column-order', 'predict.py'), []);
      assert.deepEqual(found(src('batch.iloc[:, :-1]'), 'mismatch/column-order', 'predict.py'), []);
    });
    it('fires when that cut is converted to an array', () => {
      const s = src('batch.iloc[:, 1:5].values');
      assert.deepEqual(found(s, 'mismatch/column-order', 'predict.py'), [`${lineOf(s, 'X = ')}:warning`]);
    });
    it('fires when the whole frame is converted to an array', () => {
      const s = src('batch.to_numpy()');
      assert.deepEqual(found(s, 'mismatch/column-order', 'predict.py'), [`${lineOf(s, 'X = ')}:warning`]);
    });
  });

  describe('leakage/preprocessing: an Optuna objective\'s hand-written folds, each held-out fold predicted, when the study\'s score is never read', () => {
    // The objective scores each setting on out-of-fold predictions (oof[va] = model.predict(X[va])); with only
    // study.best_params read, those scores pick a setting and report nothing, so the scaler before them leaks into no
    // reported score.
    const src = (after: string) => py`
      import numpy as np
      import optuna
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import roc_auc_score
      from sklearn.model_selection import StratifiedKFold
      from sklearn.preprocessing import StandardScaler
      train = pd.read_csv("train.csv")
      X = StandardScaler().fit_transform(train.drop(columns=["failure"]).values)
      y = train["failure"].values
      def objective(trial):
          depth = trial.suggest_int("max_depth", 2, 8)
          oof = np.zeros(len(y))
          for tr, va in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(X, y):
              model = RandomForestClassifier(max_depth=depth).fit(X[tr], y[tr])
              oof[va] = model.predict_proba(X[va])[:, 1]
          return roc_auc_score(y, oof)
      study = optuna.create_study(direction="maximize")
      study.optimize(objective, n_trials=20)
      ${after}
    `;
    it('does not fire when only the chosen setting is read', () => {
      assert.deepEqual(found(src('best = study.best_params'), 'leakage/preprocessing'), []);
    });
    it('fires when the study\'s best score is printed', () => {
      const s = src('print(study.best_value)');
      assert.deepEqual(found(s, 'leakage/preprocessing'), [`${lineOf(s, 'StandardScaler().fit_transform')}:warning`]);
    });
  });

  describe('leakage/preprocessing: an Optuna study saved to disk for a later script shows no score', () => {
    // joblib.dump(study, "study.pkl") keeps the study for the script that reads its best setting; the file name, a
    // string, reads nothing either.
    const src = (after: string) => py`
      import joblib
      import optuna
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.model_selection import cross_val_score
      from sklearn.preprocessing import StandardScaler
      train = pd.read_csv("train.csv")
      X = StandardScaler().fit_transform(train.drop(columns=["failure"]))
      y = train["failure"]
      def objective(trial):
          model = RandomForestClassifier(max_depth=trial.suggest_int("max_depth", 2, 8))
          return cross_val_score(model, X, y, cv=5, scoring="roc_auc").mean()
      study = optuna.create_study(direction="maximize")
      study.optimize(objective, n_trials=20)
      ${after}
    `;
    it('does not fire when the study is only pickled', () => {
      assert.deepEqual(found(src('joblib.dump(study, "study.pkl")'), 'leakage/preprocessing'), []);
    });
    it('fires when the saved study\'s best score is also printed', () => {
      const s = src('joblib.dump(study, "study.pkl")\nprint("best AUC", study.best_value)');
      assert.deepEqual(found(s, 'leakage/preprocessing'), [`${lineOf(s, 'StandardScaler().fit_transform')}:warning`]);
    });
  });

  describe('leakage/overlap: a helper of another file that cuts the rows itself names its own parts', () => {
    // A backtest class makes its own expanding windows; its `train_accuracy` on its own training window is a training
    // score, even when the caller binds the helper's result to a name that says backtest.
    const helper = (caption: string, name: string) => py`
      import pandas as pd
      from sklearn.metrics import accuracy_score

      class Backtester:
          def __init__(self, model, predictors):
              self.model = model
              self.predictors = predictors

          def backtest(self, data, start=1000, step=250):
              parts = []
              for i in range(start, data.shape[0], step):
                  train = data.iloc[0:i].copy()
                  test = data.iloc[i:i + step].copy()
                  self.model.fit(train[self.predictors], train["Target"])
                  ${name} = accuracy_score(train["Target"], self.model.predict(train[self.predictors]))
                  print("${caption}", ${name})
                  preds = pd.Series(self.model.predict(test[self.predictors]), index=test.index, name="Predictions")
                  parts.append(pd.concat([test["Target"], preds], axis=1))
              return pd.concat(parts)
    `;
    const main = py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import precision_score
      from backtest import Backtester

      data = pd.read_csv("prices.csv")
      bt = Backtester(RandomForestClassifier(n_estimators=100), ["ratio_2", "ratio_5"])
      backtest_results = bt.backtest(data)
      print(precision_score(backtest_results["Target"], backtest_results["Predictions"]))
    `;
    const run = (h: string): string[] => analyzeDocument({ path: 'proj/main.py', text: main },
      { readModule: (p) => (p === 'proj/backtest.py' ? h : undefined), moduleRoot: 'proj' }).findings
      .filter((f) => f.ruleId === 'leakage/overlap').map((f) => `${f.location.file}:${f.severity}`);
    it('does not fire on the helper\'s training-window score called training', () => {
      assert.deepEqual(run(helper('Training accuracy', 'train_accuracy')), []);
    });
    it('fires (error) when the helper itself calls that score a test score', () => {
      assert.deepEqual(run(helper('Test accuracy', 'test_accuracy')).map((f) => f.split(':')[1]), ['error']);
    });
  });

  describe('mismatch/column-order: an image read from a path the script is given is pixels, not a frame', () => {
    // Image.open / cv2.imread / load_img give an array of pixels: there are no named columns whose order could differ
    // from training. A table read from the same kind of path still has them.
    const src = (read: string, imp: string) => py`
      import sys
      import numpy as np
      ${imp}
      from tensorflow.keras.models import load_model
      model = load_model("model.h5")
      x = ${read}
      x = np.array(x)
      print(model.predict(np.resize(x, (1, 32, 32, 3))))
    `;
    it('does not fire on an image opened with PIL, OpenCV or Keras', () => {
      assert.deepEqual(found(src('Image.open(sys.argv[1])', 'from PIL import Image'), 'mismatch/column-order', 'predict.py'), []);
      assert.deepEqual(found(src('cv2.imread(sys.argv[1])', 'import cv2'), 'mismatch/column-order', 'predict.py'), []);
      assert.deepEqual(found(src('image.load_img(sys.argv[1], target_size=(32, 32))', 'from tensorflow.keras.preprocessing import image'), 'mismatch/column-order', 'predict.py'), []);
    });
    it('fires on a table read from that path and converted to an array', () => {
      const s = src('pd.read_csv(sys.argv[1])', 'import pandas as pd');
      assert.deepEqual(found(s, 'mismatch/column-order', 'predict.py'), [`${lineOf(s, 'x = np.array(x)')}:warning`]);
    });
  });

  describe('leakage/multi-test: Spark folds picked by a fold column in a loop over the fold numbers are cross-validation', () => {
    // ratings.filter(col("fold") == k) for k in range(4) holds out other rows each pass, as pandas' df[df.fold == k]:
    // settings compared by their mean over those folds are CV machinery. One fixed filter is one test set.
    const src = (testRows: string) => py`
      from pyspark.sql import SparkSession
      from pyspark.sql.functions import col
      from pyspark.ml.recommendation import ALS
      from pyspark.ml.evaluation import RegressionEvaluator
      spark = SparkSession.builder.getOrCreate()
      ratings = spark.read.csv("ratings_folds.csv", header=True, inferSchema=True)
      rmse = RegressionEvaluator(metricName="rmse", labelCol="rating", predictionCol="prediction")
      results = {0: [], 1: []}
      for fold in range(4):
          train = ratings.filter(col("fold") != fold)
          test = ${testRows}
          for i, rank in enumerate([5, 10]):
              model = ALS(rank=rank, userCol="userId", itemCol="movieId", ratingCol="rating").fit(train)
              results[i].append(rmse.evaluate(model.transform(test)))
      print({i: sum(v) / 4 for i, v in results.items()})
    `;
    it('does not fire when each pass holds out the fold of that pass', () => {
      assert.deepEqual(found(src('ratings.filter(col("fold") == fold)'), 'leakage/multi-test'), []);
    });
    it('fires when every pass scores the same fixed fold', () => {
      const s = src('ratings.filter(col("fold") == 0)');
      assert.notDeepEqual(found(s, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/target: a date difference\'s .dt.days is a field of those dates, not a column named days', () => {
    // (return - rental).dt.days computes the label from the two date columns; dropping them drops its sources.
    const src = (drop: string) => py`
      import pandas as pd
      from sklearn.linear_model import LinearRegression
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import mean_squared_error
      df = pd.read_csv("rentals.csv")
      df["rented"] = pd.to_datetime(df["rented"])
      df["returned"] = pd.to_datetime(df["returned"])
      df["length_days"] = (df["returned"] - df["rented"]).dt.days
      X = df.drop(columns=${drop})
      y = df["length_days"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=9)
      model = LinearRegression().fit(X_train, y_train)
      print(mean_squared_error(y_test, model.predict(X_test)))
    `;
    it('does not fire when both dates are dropped with the label', () => {
      assert.deepEqual(found(src('["rented", "returned", "length_days"]'), 'leakage/target'), []);
    });
    it('fires (error) when the dates stay among the features', () => {
      const s = src('["length_days"]');
      assert.deepEqual(found(s, 'leakage/target'), [`${lineOf(s, 'X = df.drop')}:error`]);
    });
  });

  describe('mismatch/column-order: the held-out part of the document\'s own split, scored by a model loaded back', () => {
    // An evaluation script that splits its data and scores a model trained by another run: the test part has the
    // columns of the training part. A file read whole and converted to an array is still an unaligned batch.
    const src = (rows: string) => py`
      import pandas as pd
      from pytorch_tabnet.tab_model import TabNetClassifier
      from sklearn.metrics import roc_auc_score
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("patients.csv")
      X_train, X_test, y_train, y_test = train_test_split(df.drop(columns=["stroke"]), df["stroke"], test_size=0.1, random_state=0)
      model = TabNetClassifier()
      model.load_model("tabnet_model.zip")
      X_eval, y_eval = ${rows}
      print(roc_auc_score(y_eval, model.predict_proba(X_eval.values)[:, 1]))
    `;
    it('does not fire on the test part of the split', () => {
      assert.deepEqual(found(src('X_test, y_test'), 'mismatch/column-order', 'evaluate.py'), []);
    });
    it('fires on another file read whole', () => {
      const s = src('pd.read_csv("new_patients.csv"), y_test');
      assert.deepEqual(found(s, 'mismatch/column-order', 'evaluate.py'), [`${lineOf(s, 'print(roc_auc_score')}:warning`]);
    });
  });

  describe('mismatch/refit-at-inference: a model fitted with labels in a function that is serving only by its name', () => {
    // A pytest fixture named predictor builds a stub model on generated rows and labels, pickles it and wraps it in the
    // project's predictor class: a fit with labels is training; the batch a predictor scores has no labels. A
    // transformer fitted there on the rows alone is still a refit.
    const predictorModule = py`
      import pickle

      class Predictor:
          def __init__(self, model_path):
              with open(model_path, "rb") as f:
                  self.model = pickle.load(f)

          def predict(self, sqft, bath):
              return float(self.model.predict([[sqft, bath, 1.0]])[0])
    `;
    const test = (fit: string) => py`
      import pickle
      import numpy as np
      import pytest
      from sklearn.linear_model import LinearRegression
      from sklearn.preprocessing import StandardScaler
      from src.predictor import Predictor

      def make_predictor(tmp_path):
          X = np.random.rand(100, 3)
          y = X[:, 0] * 50 + np.random.normal(0, 5, 100)
          ${fit}
          path = tmp_path / "model.pkl"
          with open(path, "wb") as f:
              pickle.dump(model, f)
          return Predictor(path)

      @pytest.fixture
      def predictor(tmp_path):
          return make_predictor(tmp_path)

      def test_positive(predictor):
          assert predictor.predict(1200, 2) > 0
    `;
    const run = (src: string): number[] => analyzeDocument({ path: 'proj/tests/test_predictor.py', text: src },
      { readModule: (p) => (p === 'proj/src/predictor.py' ? predictorModule : p === 'proj/src/__init__.py' ? '' : undefined), moduleRoot: 'proj' })
      .findings.filter((f) => f.ruleId === 'mismatch/refit-at-inference').map((f) => f.location.line);
    it('does not fire on the labelled fit of the stub model', () => {
      assert.deepEqual(run(test('model = LinearRegression().fit(X, y)')), []);
    });
    it('fires on a scaler fitted there on the rows alone', () => {
      const s = test('model = StandardScaler().fit(X)');
      assert.deepEqual(run(s), [lineOf(s, 'StandardScaler().fit(X)')]);
    });
  });
});
