/**
 * Classes of code that real notebooks and scripts write (issue 8): each class has a case that
 * must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, hits, lineOf, notebook, py } from './helpers';
import { analyzeDocument } from '../../../src/core/static/index';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

const PD = py`
  import numpy as np
  import pandas as pd
  from sklearn.model_selection import train_test_split
  from sklearn.preprocessing import StandardScaler
  from sklearn.linear_model import LogisticRegression, Ridge
  from sklearn.ensemble import RandomForestClassifier
  from sklearn.metrics import accuracy_score, mean_absolute_error
  df = pd.read_csv("data.csv")
  X = df.drop(columns=["label"])
  y = df["label"]
`;

describe('real-notebook idioms', () => {
  // Round 13 (r13-pre2): a search's read CV score beside a clean test score is still reported.
  describe('leakage/preprocessing: a search\'s best_score_ printed on a pre-scaled training part, then a clean test score (round 13)', () => {
    const head = PD + py`
      from sklearn.model_selection import GridSearchCV
      from sklearn.pipeline import make_pipeline
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=1)
    `;
    const tail = py`
      print("cv accuracy", search.best_score_)
      print("test accuracy", accuracy_score(y_test, search.predict(X_test_sc)))
    `;
    it('fires at warning with the assumption when the scaler was fitted on the whole training part', () => {
      const src = head + py`
        scaler = StandardScaler().fit(X_train)
        X_train_sc = scaler.transform(X_train)
        X_test_sc = scaler.transform(X_test)
        search = GridSearchCV(LogisticRegression(max_iter=500), {"C": [0.01, 1, 100]}, cv=4)
        search.fit(X_train_sc, y_train)
      ` + tail;
      const found = analyze(src).filter((f) => f.ruleId === 'leakage/preprocessing');
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(src, 'StandardScaler().fit'), 'warning']]);
      assert.match(found[0].message, /Assumed: the search's `best_score_` is read as a result/);
    });
    it('does not fire with the scaler inside a Pipeline searched over', () => {
      const src = head + py`
        X_test_sc = X_test
        search = GridSearchCV(make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)), {"logisticregression__C": [0.01, 1, 100]}, cv=4)
        search.fit(X_train, y_train)
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the search\'s best_score_ is never read (only its settings and the test score)', () => {
      const src = head + py`
        scaler = StandardScaler().fit(X_train)
        X_train_sc = scaler.transform(X_train)
        X_test_sc = scaler.transform(X_test)
        search = GridSearchCV(LogisticRegression(max_iter=500), {"C": [0.01, 1, 100]}, cv=4)
        search.fit(X_train_sc, y_train)
        print(search.best_params_)
        print("test accuracy", accuracy_score(y_test, search.predict(X_test_sc)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  // Round 13 (r13-pre): preprocessing classes from fresh code.
  describe('leakage/preprocessing: a helper writes a statistic into the frame it is handed, in place (round 13)', () => {
    const src = PD + py`
      def clip_outliers(frame):
          for c in ["a", "b"]:
              q1 = frame[c].quantile(0.25)
              q3 = frame[c].quantile(0.75)
              frame[c] = np.where(frame[c] > q3 + 1.5 * (q3 - q1), q3 + 1.5 * (q3 - q1), frame[c])
      clip_outliers(df)
      X = df.drop(columns=["label"])
      X_tr, X_te, y_tr, y_te = train_test_split(X, df["label"], random_state=0)
      m = Ridge().fit(X_tr, y_tr)
      print(mean_absolute_error(y_te, m.predict(X_te)))
    `;
    it('fires on the statistic the helper wrote into the caller\'s frame before the split', () => {
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('a scaler fitted inside the helper and written into a column fires too', () => {
      const scaled = src.replace(/def clip_outliers[\s\S]*?clip_outliers\(df\)\n/, py`
        def scale_col(frame, col):
            sc = StandardScaler()
            sc.fit(frame[[col]])
            frame[col + "_s"] = sc.transform(frame[[col]])
        scale_col(df, "a")
      `);
      assert.ok(rules(scaled, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when the helper rebinds its parameter to a copy first', () => {
      const copied = src.replace('def clip_outliers(frame):\n', 'def clip_outliers(frame):\n    frame = frame.copy()\n');
      assert.deepEqual(rules(copied, 'leakage/preprocessing'), []);
    });
    it('does not fire when the helper is called on the training part only', () => {
      const after = src.replace('clip_outliers(df)\n', '').replace('m = Ridge()', 'clip_outliers(X_tr)\nm = Ridge()');
      assert.deepEqual(rules(after, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: Spark aggregates of all rows filled back before randomSplit (round 13)', () => {
    const src = py`
      from pyspark.sql import SparkSession
      from pyspark.sql import functions as F
      from pyspark.ml.feature import VectorAssembler
      from pyspark.ml.classification import LogisticRegression
      from pyspark.ml.evaluation import BinaryClassificationEvaluator
      spark = SparkSession.builder.getOrCreate()
      df = spark.read.csv("data.csv", header=True, inferSchema=True)
      for c in ["a", "b"]:
          m = df.agg({c: "mean"}).first()[0]
          df = df.withColumn(c, F.when(df[c] == 0, m).otherwise(df[c]))
      out = VectorAssembler(inputCols=["a", "b"], outputCol="features").transform(df)
      train, test = out.randomSplit([0.7, 0.3], seed=1)
      model = LogisticRegression(labelCol="y").fit(train)
      print(BinaryClassificationEvaluator(labelCol="y").evaluate(model.transform(test)))
    `;
    it('fires on agg({c: "mean"}) written back with withColumn', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'm = df.agg({c: "mean"}).first()[0]')]);
    });
    it('fires on agg(F.mean(...)) used by fillna', () => {
      const fill = src.replace('m = df.agg({c: "mean"}).first()[0]', 'm = df.agg(F.mean(F.col(c))).collect()[0][0]')
        .replace('df = df.withColumn(c, F.when(df[c] == 0, m).otherwise(df[c]))', 'df = df.fillna(m, subset=[c])');
      assert.deepEqual(rules(fill, 'leakage/preprocessing'), [lineOf(fill, 'm = df.agg(F.mean(F.col(c))).collect()[0][0]')]);
    });
    it('does not fire when the aggregate is computed on the training part only', () => {
      const after = src.replace(/for c in[\s\S]*?otherwise\(df\[c\]\)\)\n/, '')
        .replace('model = LogisticRegression', 'm = train.agg({"a": "mean"}).first()[0]\ntrain = train.withColumn("a", F.when(train["a"] == 0, m).otherwise(train["a"]))\nmodel = LogisticRegression');
      assert.deepEqual(rules(after, 'leakage/preprocessing'), []);
    });
    it('does not fire on a count or a printed summary', () => {
      const count = src.replace('m = df.agg({c: "mean"}).first()[0]', 'm = df.agg({c: "count"}).first()[0]');
      assert.deepEqual(rules(count, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a Spark stage configured by its setters (Imputer(...).setStrategy("mean")) in a Pipeline fitted on all rows (round 13)', () => {
    const src = py`
      from pyspark.sql import SparkSession
      from pyspark.sql import functions as F
      from pyspark.ml import Pipeline
      from pyspark.ml.feature import Imputer, VectorAssembler
      from pyspark.ml.regression import LinearRegression
      spark = SparkSession.builder.getOrCreate()
      df = spark.read.parquet("features.parquet")
      imputer = Imputer(inputCols=["a", "b"], outputCols=["a_i", "b_i"]).setStrategy("mean")
      assembler = VectorAssembler(inputCols=["a_i", "b_i"], outputCol="features")
      prep = Pipeline(stages=[imputer, assembler]).fit(df)
      df = prep.transform(df)
      late = F.col("day") >= "2024-01-01"
      train, test = df.filter(~late), df.filter(late)
      model = LinearRegression(labelCol="y").fit(train)
      print(model.evaluate(test).r2)
    `;
    it('fires on the pipeline fitted before the rows are cut', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'prep = Pipeline(stages=[imputer, assembler]).fit(df)')]);
    });
    it('does not fire when the pipeline is fitted on the training part', () => {
      const after = src.replace('prep = Pipeline(stages=[imputer, assembler]).fit(df)\ndf = prep.transform(df)\n', '')
        .replace('model = LinearRegression', 'prep = Pipeline(stages=[imputer, assembler]).fit(train)\ntrain, test = prep.transform(train), prep.transform(test)\nmodel = LinearRegression');
      assert.deepEqual(rules(after, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a column\'s gaps filled by a model fitted on named selections of the same frame (round 13)', () => {
    const src = PD + py`
      from sklearn.ensemble import RandomForestRegressor
      def fill_age(frame, feats):
          age_X_train = frame[frame.age.notnull()][feats]
          age_y_train = frame[frame.age.notnull()].age
          age_X_test = frame[frame.age.isnull()][feats]
          reg = RandomForestRegressor().fit(age_X_train, age_y_train)
          frame.loc[frame.age.isnull(), "age"] = reg.predict(age_X_test)
      fill_age(df, ["a", "b"])
      X = df.drop(columns=["label"])
      X_tr, X_te, y_tr, y_te = train_test_split(X, df["label"], random_state=0)
      m = RandomForestClassifier().fit(X_tr, y_tr)
      print(accuracy_score(y_te, m.predict(X_te)))
    `;
    it('fires: the fill model is a statistic of the frame\'s rows, written into the frame the split cuts', () => {
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when the model\'s label is another column (predictions written beside the rows)', () => {
      const other = src.replace('frame.loc[frame.age.isnull(), "age"] = reg.predict(age_X_test)', 'frame.loc[frame.age.isnull(), "age_guess"] = reg.predict(age_X_test)');
      assert.deepEqual(rules(other, 'leakage/preprocessing'), []);
    });
    it('does not fire when the fill runs on the training part only', () => {
      const after = src.replace('fill_age(df, ["a", "b"])\n', '').replace('m = RandomForestClassifier()', 'fill_age(X_tr, ["a", "b"])\nm = RandomForestClassifier()');
      assert.deepEqual(rules(after, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: rare categories grouped by a top-k of value_counts through isin (round 13)', () => {
    const src = PD + py`
      top = df["city"].value_counts().nlargest(10).index
      df["city_grouped"] = df["city"].where(df["city"].isin(top), other="Other")
      X = df.drop(columns=["label"])
      X_tr, X_te, y_tr, y_te = train_test_split(X, df["label"], random_state=0)
      m = RandomForestClassifier().fit(X_tr, y_tr)
      print(accuracy_score(y_te, m.predict(X_te)))
    `;
    it('fires on the frequency statistic that decides the grouping', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'top = df["city"].value_counts().nlargest(10).index')]);
    });
    it('does not fire when the top-k only filters rows', () => {
      const filt = src.replace('df["city_grouped"] = df["city"].where(df["city"].isin(top), other="Other")', 'df = df[df["city"].isin(top)]');
      assert.deepEqual(rules(filt, 'leakage/preprocessing'), []);
    });
    it('does not fire when the list is typed in the code', () => {
      const typed = src.replace('top = df["city"].value_counts().nlargest(10).index', 'top = ["Paris", "Lyon"]');
      assert.deepEqual(rules(typed, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a Spark stage fitted on all rows writes a column no model reads (round 13)', () => {
    const src = py`
      from pyspark.sql import SparkSession
      from pyspark.ml.feature import VectorAssembler, StandardScaler
      from pyspark.ml.classification import LogisticRegression
      from pyspark.ml.evaluation import BinaryClassificationEvaluator
      spark = SparkSession.builder.getOrCreate()
      df = spark.read.csv("data.csv", header=True, inferSchema=True)
      df = VectorAssembler(inputCols=["a", "b"], outputCol="features").transform(df)
      scaler = StandardScaler(inputCol="features", outputCol="scaled_features")
      df = scaler.fit(df).transform(df)
      train, test = df.randomSplit([0.7, 0.3], seed=1)
      model = LogisticRegression(featuresCol="features", labelCol="label").fit(train)
      print(BinaryClassificationEvaluator(labelCol="label").evaluate(model.transform(test)))
    `;
    it('does not fire when every model reads another column', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when the model reads the scaled column', () => {
      const used = src.replace('featuresCol="features"', 'featuresCol="scaled_features"');
      assert.deepEqual(rules(used, 'leakage/preprocessing'), [lineOf(used, 'df = scaler.fit(df).transform(df)')]);
    });
    it('fires when an assembler takes the scaled column into the default features column', () => {
      const assembled = src.replace('df = VectorAssembler(inputCols=["a", "b"], outputCol="features").transform(df)', 'df = VectorAssembler(inputCols=["a"], outputCol="a_vec").transform(df)')
        .replace('StandardScaler(inputCol="features", outputCol="scaled_features")', 'StandardScaler(inputCol="a_vec", outputCol="a_scaled")')
        .replace('train, test =', 'df = VectorAssembler(inputCols=["a_scaled", "b"], outputCol="features").transform(df)\ntrain, test =')
        .replace('LogisticRegression(featuresCol="features", labelCol="label")', 'LogisticRegression(labelCol="label")');
      assert.deepEqual(rules(assembled, 'leakage/preprocessing'), [lineOf(assembled, 'df = scaler.fit(df).transform(df)')]);
    });
  });

  describe('leakage/preprocessing: a split made by a helper module whose held-out labels the script never reads (round 13)', () => {
    const helper = py`
      from sklearn.model_selection import train_test_split
      def split_dataset(frame, label, test_size=0.2):
          X = frame.drop(columns=[label])
          y = frame[label]
          return train_test_split(X, y, test_size=test_size, random_state=0)
    `;
    const main = py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      from splitting import split_dataset
      df = pd.read_csv("train.csv")
      df["age"] = (df["age"] - df["age"].min()) / (df["age"].max() - df["age"].min())
      (X_train, X_test, y_train, y_test) = split_dataset(df, "label")
      model = LogisticRegression().fit(X_train, y_train)
      # print(accuracy_score(y_test, model.predict(X_test)))
    `;
    const run = (text: string): number[] => analyzeDocument({ path: 'proj/train.py', text }, { readModule: (p) => ({ 'proj/train.py': text, 'proj/splitting.py': helper } as Record<string, string>)[p], moduleRoot: 'proj' })
      .findings.filter((f) => f.ruleId === 'leakage/preprocessing').map((f) => f.location.line);
    it('does not fire: nothing is scored and y_test is never read after the call', () => {
      assert.deepEqual(run(main), []);
    });
    it('fires once the held-out labels are scored', () => {
      const scored = main.replace('# print(', 'print(');
      assert.deepEqual(run(scored), [lineOf(scored, 'df["age"] = (df["age"] - df["age"].min())')]);
    });
  });

  describe('leakage/preprocessing: an unlabelled file prepared with its own statistics and only named as the test set (round 13)', () => {
    const helper = py`
      import pandas as pd
      def build_test(path):
          df = pd.read_csv(path)
          df["age"] = (df["age"] - df["age"].min()) / (df["age"].max() - df["age"].min())
          test_df = df
          return test_df
    `;
    const main = py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      from sklearn.model_selection import train_test_split
      from features_test import build_test
      train = pd.read_csv("train_values.csv")
      X_tr, X_te, y_tr, y_te = train_test_split(train.drop(columns=["label"]), train["label"], random_state=0)
      model = LogisticRegression().fit(X_tr, y_tr)
      test_df = build_test("test_values.csv")
      pd.DataFrame({"pred": model.predict(test_df)}).to_csv("submission.csv")
    `;
    it('is not a preprocessing leak (nothing is scored, no training side was taken from it)', () => {
      const found = analyzeDocument({ path: 'proj/train.py', text: main }, { readModule: (p) => ({ 'proj/train.py': main, 'proj/features_test.py': helper } as Record<string, string>)[p], moduleRoot: 'proj' })
        .findings.filter((f) => f.ruleId === 'leakage/preprocessing');
      assert.deepEqual(found, []);
    });
  });

  describe('leakage/preprocessing: folds drawn for a search do not hide a learning curve plotted on the same pre-transformed rows (round 13)', () => {
    const src = PD + py`
      from sklearn.model_selection import StratifiedKFold, RandomizedSearchCV, learning_curve
      import matplotlib.pyplot as plt
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      top = X_tr["city"].value_counts()
      X_tr["city_freq"] = X_tr["city"].map(top)
      X_te["city_freq"] = X_te["city"].map(top)
      skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
      folds = list(skf.split(X_tr, y_tr))
      search = RandomizedSearchCV(RandomForestClassifier(), {"max_depth": [3, 5, 8]}, cv=folds)
      search.fit(X_tr, y_tr)
      sizes, train_scores, val_scores = learning_curve(search.best_estimator_, X_tr, y_tr, cv=skf)
      plt.plot(sizes, val_scores.mean(axis=1))
      print(accuracy_score(y_te, search.predict(X_te)))
    `;
    it('fires on the statistic of the whole training part before the plotted learning curve', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'top = X_tr["city"].value_counts()')]);
    });
    it('does not fire without the learning curve (the search only chose settings, the test part is clean)', () => {
      const noCurve = src.replace(/sizes, train_scores[^\n]*\n[^\n]*plt\.plot[^\n]*\n/, '');
      assert.deepEqual(rules(noCurve, 'leakage/preprocessing'), []);
    });
  });

  describe('data passed by keyword to a model (fit(x=X_train, y=y_train), Keras style) (round 13)', () => {
    const src = PD + py`
      from sklearn.feature_extraction.text import TfidfVectorizer
      from tensorflow import keras
      texts = df["text"]
      tfidf = TfidfVectorizer()
      Xt = tfidf.fit_transform(texts)
      X_tr, X_val, y_tr, y_val = train_test_split(Xt, df["label"], random_state=0)
      model = keras.Sequential([keras.layers.Dense(1)])
      model.compile(loss="mse")
      model.fit(x=X_tr, y=y_tr, validation_data=(X_val, y_val), epochs=5)
    `;
    it('leakage/preprocessing: the vectorizer fitted on all texts reaches the model fitted by keyword', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'Xt = tfidf.fit_transform(texts)')]);
    });
    it('does not fire when the vectorizer is fitted on the training texts', () => {
      const clean = src.replace('Xt = tfidf.fit_transform(texts)\n', '').replace('train_test_split(Xt,', 'train_test_split(texts,')
        .replace('model = keras', 'X_tr = tfidf.fit_transform(X_tr)\nX_val = tfidf.transform(X_val)\nmodel = keras');
      assert.deepEqual(rules(clean, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/overlap: a helper\'s score bound by the document to a name that says train is a training score (round 13)', () => {
    const helper = py`
      from sklearn.metrics import f1_score
      def f1(truth, predictions):
          return f1_score(truth, predictions, average="micro")
    `;
    const main = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from scoring import f1
      df = pd.read_csv("train.csv")
      X, y = df.drop(columns=["label"]), df["label"]
      X_tr, X_val, y_tr, y_val = train_test_split(X, y, random_state=0)
      m = RandomForestClassifier().fit(X=X_tr, y=y_tr)
      print(f1(y_val, m.predict(X_val)))
      full_model = RandomForestClassifier().fit(X=X, y=y)
      f1_train = f1(y, full_model.predict(X))
    `;
    const run = (text: string): number[] => analyzeDocument({ path: 'proj/main.py', text }, { readModule: (p) => ({ 'proj/main.py': text, 'proj/scoring.py': helper } as Record<string, string>)[p], moduleRoot: 'proj' })
      .findings.filter((f) => f.ruleId === 'leakage/overlap').map((f) => f.location.line);
    it('does not fire on f1_train', () => {
      assert.deepEqual(run(main), []);
    });
    it('still fires when the name does not say train', () => {
      const unnamed = main.replace('f1_train = f1(', 'score = f1(');
      assert.ok(run(unnamed).length > 0);
    });
  });

  describe('leakage/preprocessing: a scaler fitted on a table holding the training, validation and test periods (round 13)', () => {
    const src = PD + py`
      scaled = df.copy()
      sc = StandardScaler()
      scaled[["a", "b"]] = sc.fit_transform(scaled[["a", "b"]])
      train_df = scaled[scaled.month == 1]
      valid_df = scaled[scaled.month == 2]
      test_df = scaled[scaled.month == 3]
      m = LogisticRegression().fit(train_df[["a", "b"]], train_df["label"])
      print(accuracy_score(valid_df["label"], m.predict(valid_df[["a", "b"]])))
      print(accuracy_score(test_df["label"], m.predict(test_df[["a", "b"]])))
    `;
    it('fires: the validation part does not hide the scored test period the same fit reached', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'scaled[["a", "b"]] = sc.fit_transform(scaled[["a", "b"]])')]);
    });
    it('does not fire when the scaler is fitted on the training period only', () => {
      const clean = src.replace('scaled[["a", "b"]] = sc.fit_transform(scaled[["a", "b"]])\n', '')
        .replace('m = LogisticRegression()', 'train_df[["a", "b"]] = sc.fit_transform(train_df[["a", "b"]])\nvalid_df[["a", "b"]] = sc.transform(valid_df[["a", "b"]])\ntest_df[["a", "b"]] = sc.transform(test_df[["a", "b"]])\nm = LogisticRegression()');
      assert.deepEqual(rules(clean, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/multi-test: an objective object (`__call__(self, trial)`) handed to study.optimize (round 13)', () => {
    const src = PD + py`
      import optuna
      X_tr, X_val, y_tr, y_val = train_test_split(X, y, random_state=0)
      class Objective:
          def __init__(self, model, X_tr, X_val, y_tr, y_val):
              self.model = model
              self.X_tr, self.X_val, self.y_tr, self.y_val = X_tr, X_val, y_tr, y_val
          def __call__(self, trial):
              self.model.set_params(alpha=trial.suggest_float("alpha", 0.01, 10))
              self.model.fit(self.X_tr, self.y_tr)
              return mean_absolute_error(self.y_val, self.model.predict(self.X_val))
      obj = Objective(Ridge(), X_tr, X_val, y_tr, y_val)
      study = optuna.create_study()
      study.optimize(obj, n_trials=20)
      print(study.best_value)
    `;
    it('runs the object\'s __call__ per trial: the only held-out split selects and reports', () => {
      assert.ok(rules(src, 'leakage/multi-test').length > 0);
    });
    it('does not fire when a separate test set is scored once after the search', () => {
      const sep = src.replace('X_tr, X_val, y_tr, y_val = train_test_split(X, y, random_state=0)',
        'X_dev, X_te, y_dev, y_te = train_test_split(X, y, random_state=0)\nX_tr, X_val, y_tr, y_val = train_test_split(X_dev, y_dev, random_state=0)')
        .replace('print(study.best_value)', 'best = Ridge(**study.best_params).fit(X_dev, y_dev)\nprint(mean_absolute_error(y_te, best.predict(X_te)))');
      assert.deepEqual(rules(sep, 'leakage/multi-test'), []);
    });
  });

  // Round 12 (r12-pre): preprocessing classes from fresh code.
  describe('leakage/preprocessing: a test file refitted on itself is no scored test set (round 12)', () => {
    const src = py`
      import pandas as pd
      from tensorflow import keras
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      train = train.fillna(train.mean())
      test = test.fillna(test.mean())
      X = train.drop(columns=["y"])
      model = keras.Sequential([keras.layers.Dense(1)])
      model.compile(loss="mse")
      model.fit(X, train["y"], epochs=5, validation_split=0.2)
      pred = model.predict(test)
    `;
    it('the fill of all training rows before validation_split still fires', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'train = train.fillna(train.mean())')]);
    });
    it('does not fire when the test file is scored against its labels', () => {
      const scored = src.replace('pred = model.predict(test)', 'print(model.evaluate(test.drop(columns=["y"]), test["y"]))');
      assert.deepEqual(rules(scored, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a model fitted on the rows that have a value fills the gaps of that column (round 12)', () => {
    const src = PD + py`
      from sklearn.ensemble import RandomForestRegressor
      feats = ["a", "b"]
      known = df[df.age.notnull()]
      reg = RandomForestRegressor().fit(known[feats], known.age)
      df.loc[df.age.isnull(), "age"] = reg.predict(df.loc[df.age.isnull(), feats])
      X = df.drop(columns=["label"])
      X_tr, X_te, y_tr, y_te = train_test_split(X, df["label"], random_state=0)
      m = RandomForestClassifier().fit(X_tr, y_tr)
      print(accuracy_score(y_te, m.predict(X_te)))
    `;
    it('fires on the fill', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'df.loc[df.age.isnull(), "age"] = reg.predict')]);
    });
    it('fires on the fill written through the column (df.age.loc[mask] = ...)', () => {
      const viaCol = src.replace('df.loc[df.age.isnull(), "age"] = reg.predict', 'df.age.loc[df.age.isnull()] = reg.predict');
      assert.deepEqual(rules(viaCol, 'leakage/preprocessing'), [lineOf(viaCol, 'df.age.loc[df.age.isnull()] = reg.predict')]);
    });
    it('does not fire for a column of predictions written beside all rows, or a fill model fitted on the training part', () => {
      assert.deepEqual(rules(src.replace('df.loc[df.age.isnull(), "age"] = reg.predict(df.loc[df.age.isnull(), feats])', 'print(reg.predict(df.loc[df.age.isnull(), feats]))'), 'leakage/preprocessing'), []);
      const clean = PD + py`
        from sklearn.ensemble import RandomForestRegressor
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
        known = X_tr[X_tr.age.notnull()]
        reg = RandomForestRegressor().fit(known[["a", "b"]], known.age)
        X_te.loc[X_te.age.isnull(), "age"] = reg.predict(X_te.loc[X_te.age.isnull(), ["a", "b"]])
        m = RandomForestClassifier().fit(X_tr.fillna(0), y_tr)
        print(accuracy_score(y_te, m.predict(X_te)))
      `;
      assert.deepEqual(rules(clean, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: folds drawn only for out-of-fold features hold nothing out (round 12)', () => {
    const src = PD + py`
      from sklearn.model_selection import StratifiedKFold
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      prior = y_tr.mean()
      oof = np.zeros(len(X_tr))
      for tr_idx, va_idx in StratifiedKFold(5, shuffle=True, random_state=0).split(X_tr, y_tr):
          rates = y_tr.iloc[tr_idx].groupby(X_tr["city"].iloc[tr_idx]).mean()
          oof[va_idx] = X_tr["city"].iloc[va_idx].map(rates).fillna(prior).values
      X_tr["city_rate"] = oof
      m = LogisticRegression().fit(X_tr, y_tr)
      print(accuracy_score(y_te, m.predict(X_te)))
    `;
    it('does not fire for the prior of an out-of-fold encoding', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when a model is fitted and scored on those folds', () => {
      const leaky = PD + py`
        from sklearn.model_selection import StratifiedKFold
        Xs = StandardScaler().fit_transform(X)
        for tr_idx, va_idx in StratifiedKFold(5, shuffle=True, random_state=0).split(Xs, y):
            m = LogisticRegression().fit(Xs[tr_idx], y.iloc[tr_idx])
            print(accuracy_score(y.iloc[va_idx], m.predict(Xs[va_idx])))
      `;
      assert.deepEqual(rules(leaky, 'leakage/preprocessing'), [lineOf(leaky, 'Xs = StandardScaler()')]);
    });
  });

  describe('leakage/preprocessing: a label-free variance filter on all rows is noted, not a leak (round 12, g021 call)', () => {
    const src = PD + py`
      from sklearn.feature_selection import VarianceThreshold, SelectKBest, f_regression
      sel = VarianceThreshold(threshold=0.1)
      Xs = sel.fit_transform(X)
      X_tr, X_te, y_tr, y_te = train_test_split(Xs, y, random_state=0)
      m = Ridge().fit(X_tr, y_tr)
      print(m.score(X_te, y_te))
    `;
    it('does not fire for VarianceThreshold', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('a selector that reads the label still fires', () => {
      const leaky = src.replace('VarianceThreshold(threshold=0.1)', 'SelectKBest(f_regression, k=5)').replace('sel.fit_transform(X)', 'sel.fit_transform(X, y)');
      assert.deepEqual(rules(leaky, 'leakage/preprocessing'), [lineOf(leaky, 'Xs = sel.fit_transform')]);
    });
  });

  describe('leakage/preprocessing: a pivot_table statistic per group looked up per row (round 12)', () => {
    const src = PD + py`
      from sklearn.model_selection import cross_val_score
      modes = df.pivot_table(values="size", columns="kind", aggfunc=lambda s: s.mode()[0])
      gap = df["size"].isnull()
      df.loc[gap, "size"] = df.loc[gap, "kind"].apply(lambda k: modes[k])
      X = df.drop(columns=["label"])
      print(cross_val_score(Ridge(), X, y, cv=5).mean())
    `;
    it('fires on the pivot table', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'modes = df.pivot_table')]);
    });
    it('does not fire for a pivot table only shown, or one that counts rows per cell', () => {
      assert.deepEqual(rules(src.replace('df.loc[gap, "size"] = df.loc[gap, "kind"].apply(lambda k: modes[k])', 'print(modes)'), 'leakage/preprocessing'), []);
      assert.deepEqual(rules(src.replace('aggfunc=lambda s: s.mode()[0]', 'aggfunc="count"'), 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a scaling function applied to a frame by name (df.apply(zscore)) (round 12)', () => {
    const src = PD + py`
      from scipy.stats import zscore
      z = df.apply(zscore)
      X_tr, X_te, y_tr, y_te = train_test_split(z[["a", "b"]], y, random_state=0)
      m = Ridge().fit(X_tr, y_tr)
      print(m.score(X_te, y_te))
    `;
    it('fires on the apply', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'z = df.apply(zscore)')]);
    });
    it('does not fire for a row-wise function, or when the scaled frame reaches no model', () => {
      assert.deepEqual(rules(src.replace('df.apply(zscore)', 'df.apply(np.log1p)'), 'leakage/preprocessing'), []);
      assert.deepEqual(rules(src.replace('z = df.apply(zscore)', 'print(df.apply(zscore))\nz = df'), 'leakage/preprocessing'), []);
    });
  });

  describe('a training document that reloads its own checkpoint is not serving', () => {
    it('a model trained again after a saved model was reloaded in a training notebook does not fire', () => {
      const src = PD + py`
        from tensorflow import keras
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(loss="mse")
        model.fit(X_train, y_train)
        model.save("best.h5")
        model = keras.models.load_model("best.h5")
        model.fit(X_train, y_train, epochs=5)
        pred = model.predict(X_test.values)
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), []);
      assert.deepEqual(rules(src, 'mismatch/column-order'), []);
    });

    it('a checkpoint loaded before a train/test split does not turn the rest of the notebook into serving', () => {
      const src = PD + py`
        import torch
        state = torch.load("pretrained.pth")
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        sc = StandardScaler()
        X_train = sc.fit_transform(X_train)
        m = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, m.predict(sc.transform(X_test))))
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), []);
    });

    it('a notebook that trains without a split, then loads its artifacts and encodes new rows with get_dummies, fires', () => {
      const src = PD + py`
        import joblib
        m = LogisticRegression().fit(pd.get_dummies(X), y)
        joblib.dump(m, "model.pkl")
        model = joblib.load("model.pkl")
        new = pd.read_csv("new_customers.csv")
        print(model.predict(pd.get_dummies(new)))
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), [lineOf(src, 'pd.get_dummies(new)')]);
    });

    it('a serving script that loads a model and then refits a scaler on the batch still fires', () => {
      const src = py`
        import joblib
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        model = joblib.load("model.pkl")
        batch = pd.read_csv("batch.csv")
        print(model.predict(StandardScaler().fit_transform(batch)))
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference', 'batch_job.py'), [lineOf(src, 'StandardScaler().fit_transform')]);
    });
  });

  describe('the test set handed to training as validation data', () => {
    const KERAS = PD + py`
      from tensorflow import keras
      from tensorflow.keras.callbacks import EarlyStopping
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
      net = keras.Sequential([keras.layers.Dense(8), keras.layers.Dense(1)])
      net.compile(loss="binary_crossentropy", metrics=["accuracy"])
    `;
    it('Keras fit(validation_data=(X_test, y_test)) fires, with or without early stopping', () => {
      const src = KERAS + py`
        net.fit(X_train, y_train, epochs=20, validation_data=(X_test, y_test))
        print(net.evaluate(X_test, y_test))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'validation_data=')]);
      const es = KERAS + py`
        stop = EarlyStopping(monitor="val_loss", restore_best_weights=True)
        net.fit(X_train, y_train, epochs=20, validation_data=(X_test, y_test), callbacks=[stop])
      `;
      assert.deepEqual(rules(es, 'leakage/multi-test'), [lineOf(es, 'validation_data=')]);
    });
    it('validation_split or a validation split carved from the training rows does not fire', () => {
      const src = KERAS + py`
        net.fit(X_train, y_train, epochs=20, validation_split=0.1)
        X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, test_size=0.1)
        net.fit(X_tr, y_tr, validation_data=(X_val, y_val), callbacks=[EarlyStopping(patience=3)])
        print(net.evaluate(X_test, y_test))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('gradient boosting eval_set=[(X_test, y_test)] with early stopping fires; native train(..., evals=) too', () => {
      const src = PD + py`
        import xgboost as xgb
        from xgboost import XGBClassifier
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        m = XGBClassifier(n_estimators=500)
        m.fit(X_train, y_train, eval_set=[(X_test, y_test)], early_stopping_rounds=20)
        print(accuracy_score(y_test, m.predict(X_test)))
        dtrain = xgb.DMatrix(X_train, label=y_train)
        dtest = xgb.DMatrix(X_test, label=y_test)
        booster = xgb.train({"eta": 0.1}, dtrain, 300, evals=[(dtest, "test")], early_stopping_rounds=10)
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'eval_set='), lineOf(src, 'evals=')]);
    });
    it('native train with the watch list passed by position or through a literal **dict fires; a training-only watch list does not', () => {
      const base = PD + py`
        import xgboost as xgb
        import lightgbm as lgb
        X_tr, X_te, y_tr, y_te = train_test_split(X, y)
        d_tr = xgb.DMatrix(X_tr, label=y_tr)
        d_te = xgb.DMatrix(X_te, label=y_te)
      `;
      const pos = base + py`
        watch = [(d_tr, "train"), (d_te, "eval")]
        bst = xgb.train({"max_depth": 3}, d_tr, 50, watch)
        print(accuracy_score(y_te, bst.predict(d_te) > 0.5))
      `;
      assert.deepEqual(rules(pos, 'leakage/multi-test'), [lineOf(pos, 'bst = xgb.train')]);
      const lg = base + py`
        s_tr = lgb.Dataset(X_tr, y_tr)
        s_te = lgb.Dataset(X_te, y_te)
        gbm = lgb.train({"objective": "binary"}, s_tr, 100, [s_te])
      `;
      assert.deepEqual(rules(lg, 'leakage/multi-test'), [lineOf(lg, 'gbm = lgb.train')]);
      const spread = base + py`
        cfg = {"params": {"eta": 0.3}, "dtrain": d_tr, "num_boost_round": 20, "evals": [(d_te, "holdout")]}
        bst = xgb.train(**cfg)
      `;
      assert.deepEqual(rules(spread, 'leakage/multi-test'), [lineOf(spread, 'bst = xgb.train')]);
      const clean = base + py`
        bst = xgb.train({"max_depth": 3}, d_tr, 50, [(d_tr, "train")])
        cfg = {"params": {"eta": 0.3}, "dtrain": d_tr, "num_boost_round": 20}
        bst2 = xgb.train(**cfg)
        print(accuracy_score(y_te, bst.predict(d_te) > 0.5))
      `;
      assert.deepEqual(rules(clean, 'leakage/multi-test'), []);
    });
    it('naive baselines read off held-out feature columns and scored next to each other or a model fire; one model scored once does not', () => {
      const base = PD + py`
        from sklearn.linear_model import Ridge
        from sklearn.metrics import mean_absolute_error
        df["prev"] = df["y"].shift(1)
        df["prev_week"] = df["y"].shift(7)
        feats = df.drop(columns=["y"])
        tr_X, te_X, tr_y, te_y = train_test_split(feats, df["y"], shuffle=False)
        reg = Ridge().fit(tr_X, tr_y)
      `;
      const twoBaselines = base + py`
        e_prev = mean_absolute_error(te_y, te_X["prev"])
        e_week = mean_absolute_error(te_y, te_X["prev_week"])
        print(min(e_prev, e_week))
      `;
      assert.deepEqual(rules(twoBaselines, 'leakage/multi-test'), [lineOf(twoBaselines, 'e_week =')]);
      const vsModel = base + py`
        e_prev = mean_absolute_error(te_y, te_X["prev"])
        e_reg = mean_absolute_error(te_y, reg.predict(te_X))
      `;
      assert.deepEqual(rules(vsModel, 'leakage/multi-test'), [lineOf(vsModel, 'e_reg =')]);
      const once = base + py`
        print(mean_absolute_error(te_y, reg.predict(te_X)))
      `;
      assert.deepEqual(rules(once, 'leakage/multi-test'), []);
      const trainCols = base + py`
        print(mean_absolute_error(tr_y, tr_X["prev"]), mean_absolute_error(tr_y, tr_X["prev_week"]))
        print(mean_absolute_error(te_y, reg.predict(te_X)))
      `;
      assert.deepEqual(rules(trainCols, 'leakage/multi-test'), []);
      // The same two columns scored again by another metric with the arguments swapped (round 8):
      // one comparison of one prediction column, not a second setting.
      const swapped = base + py`
        te_X["forecast"] = reg.predict(tr_X)[: len(te_X)]
        print(mean_absolute_error(te_y, te_X["forecast"]))
        print(mean_absolute_error(te_X["forecast"], te_y.values))
      `;
      assert.deepEqual(rules(swapped, 'leakage/multi-test'), []);
      const otherCol = swapped + py`
        print(mean_absolute_error(te_y, te_X["prev"]))
      `;
      assert.deepEqual(rules(otherCol, 'leakage/multi-test'), [lineOf(otherCol, 'te_X["prev"]))')]);
    });
    it('early stopping on the only held-out split with nothing else scored fires at warning; with a scored test set or no early stopping it does not', () => {
      const base = PD + py`
        import lightgbm as lgb
        X_fit, X_val, y_fit, y_val = train_test_split(X, y, test_size=0.2)
      `;
      const logged = base + py`
        gbm = lgb.LGBMRegressor(n_estimators=2000)
        gbm.fit(X_fit, y_fit, eval_set=[(X_val, y_val)], callbacks=[lgb.early_stopping(100), lgb.log_evaluation(50)])
      `;
      const found = analyze(logged).filter((f) => f.ruleId === 'leakage/multi-test');
      assert.deepEqual(rules(logged, 'leakage/multi-test'), [lineOf(logged, 'eval_set=')]);
      assert.deepEqual(found.map((f) => f.severity), ['warning']);
      assert.match(found[0].message, /Assumed: the validation score logged/);
      const monitored = logged.replace(', callbacks=[lgb.early_stopping(100), lgb.log_evaluation(50)]', '');
      assert.deepEqual(rules(monitored, 'leakage/multi-test'), []);
      const separateTest = base + py`
        X_in, X_te, y_in, y_te = train_test_split(X_fit, y_fit, test_size=0.2)
        gbm = lgb.LGBMRegressor(n_estimators=2000)
        gbm.fit(X_in, y_in, eval_set=[(X_val, y_val)], callbacks=[lgb.early_stopping(100)])
        print(mean_absolute_error(y_te, gbm.predict(X_te)))
      `;
      assert.deepEqual(rules(separateTest, 'leakage/multi-test'), []);
    });
    it('a validation split that is only monitored does not fire; the only held-out split chosen on and reported does', () => {
      const mon = PD + py`
        import lightgbm as lgb
        X_train, X_valid, y_train, y_valid = train_test_split(X, y)
        m = lgb.LGBMRegressor().fit(X_train, y_train, eval_set=[(X_valid, y_valid)])
        print(mean_absolute_error(y_valid, m.predict(X_valid)))
      `;
      assert.deepEqual(rules(mon, 'leakage/multi-test'), []);
      const chosen = mon.replace('eval_set=[(X_valid, y_valid)])', 'eval_set=[(X_valid, y_valid)], callbacks=[lgb.early_stopping(50)])');
      assert.deepEqual(rules(chosen, 'leakage/multi-test'), [lineOf(chosen, 'eval_set=')]);
    });
    it('early stopping set in a params dict spread into the constructor (LGBMClassifier(**params)) chooses on the only held-out split (round 7)', () => {
      const head = PD + py`
        from lightgbm import LGBMClassifier
        X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.2, random_state=0)
      `;
      const tail = py`
        m = LGBMClassifier(**params)
        m.fit(X_train, y_train, eval_set=[(X_valid, y_valid)])
        print(accuracy_score(y_valid, m.predict(X_valid)))
      `;
      const stops = head + py`
        params = {
            "learning_rate": 0.1,
            "early_stopping_rounds": 10,
        }
      ` + tail;
      assert.deepEqual(rules(stops, 'leakage/multi-test'), [lineOf(stops, 'eval_set=')]);
      const viaDict = head + 'params = dict(num_leaves=31, early_stopping_rounds=10)\n' + tail;
      assert.deepEqual(rules(viaDict, 'leakage/multi-test'), [lineOf(viaDict, 'eval_set=')]);
      const noStop = head + py`
        params = {
            "learning_rate": 0.1,
            # "early_stopping_rounds": 10,
        }
      ` + tail;
      assert.deepEqual(rules(noStop, 'leakage/multi-test'), []);
    });
    it('a tuner searching with validation_data=(x_test, y_test) fires', () => {
      const src = KERAS + py`
        import keras_tuner as kt
        tuner = kt.Hyperband(build_model, objective="val_accuracy", max_epochs=10)
        tuner.search(X_train, y_train, validation_data=(X_test, y_test))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'validation_data=')]);
    });
  });

  describe('leakage/target: what the feature matrix really holds', () => {
    const TEXT = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.feature_extraction.text import TfidfVectorizer
      from sklearn.naive_bayes import MultinomialNB
      reviews = pd.read_csv("reviews.csv")
      data = reviews[["text", "sentiment"]]
    `;
    it('a text column taken out of a frame that keeps the label beside it does not fire', () => {
      const src = TEXT + py`
        X_train, X_test, y_train, y_test = train_test_split(data["text"], data["sentiment"])
        vec = TfidfVectorizer().fit(X_train)
        nb = MultinomialNB().fit(vec.transform(X_train), y_train)
        print(nb.score(vec.transform(X_test), y_test))
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
      const attr = TEXT + py`
        train, test = train_test_split(data)
        vec = TfidfVectorizer()
        nb = MultinomialNB().fit(vec.fit_transform(train.text), train.sentiment)
        print(nb.score(vec.transform(test.text), test.sentiment))
      `;
      assert.deepEqual(rules(attr, 'leakage/target'), []);
    });
    it('the same frame passed whole as the features fires', () => {
      const src = TEXT + py`
        from sklearn.linear_model import LogisticRegression
        X_train, X_test, y_train, y_test = train_test_split(data, data["sentiment"])
        LogisticRegression().fit(X_train, y_train)
      `;
      assert.deepEqual(rules(src, 'leakage/target'), [lineOf(src, 'data = reviews')]);
    });
    it('features of the present price next to a label built from a future-return variable do not fire', () => {
      const src = PD + py`
        px = pd.read_csv("prices.csv")
        px["ma5"] = px["close"].rolling(5).mean()
        px["gap"] = px["close"] - px["open"]
        fwd = (px["close"].shift(-3) - px["close"]) / px["close"]
        px["up"] = np.where(fwd > 0.001, 1, 0)
        feats = px[["ma5", "gap", "close"]]
        X_train, X_test, y_train, y_test = train_test_split(feats, px["up"], shuffle=False)
        RandomForestClassifier().fit(X_train, y_train)
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
    });
    it('a label series compared with the next row (up = close.shift(-1) > close) next to returns of the present price does not fire', () => {
      const src = PD + py`
        px = pd.read_csv("prices.csv")
        up = (px.close.shift(-1) > px.close).astype(int)
        px["ret"] = px.close.pct_change()
        px = px.dropna()
        cut = int(len(px) * 0.8)
        feats = px[["ret", "volume"]]
        model = RandomForestClassifier().fit(feats[:cut], up.loc[px.index][:cut])
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
    });
    it('a feature that holds the next row itself, beside a label compared with the next row, fires and names the lead', () => {
      const src = PD + py`
        px = pd.read_csv("prices.csv")
        px["tomorrow"] = px["close"].shift(-1)
        px["ret"] = px["close"].pct_change()
        feats = px[["ret", "tomorrow"]]
        up = (px["close"].shift(-1) > px["close"]).astype(int)
        model = RandomForestClassifier().fit(feats, up)
      `;
      assert.deepEqual(rules(src, 'leakage/target'), [lineOf(src, 'px["tomorrow"] =')]);
      const f = analyze(src).find((x) => x.ruleId === 'leakage/target')!;
      assert.match(f.message, /the label \(the next value of 'close'\)/);
    });
    it('a label built from a present-row variable still makes the features computed from its source fire', () => {
      const src = PD + py`
        px = pd.read_csv("prices.csv")
        ret = (px["close"] - px["open"]) / px["open"]
        px["up"] = np.where(ret > 0.001, 1, 0)
        feats = px[["open", "close"]]
        X_train, X_test, y_train, y_test = train_test_split(feats, px["up"], shuffle=False)
        RandomForestClassifier().fit(X_train, y_train)
      `;
      assert.ok(rules(src, 'leakage/target').length > 0);
    });
    it('a label column compared from a stored lead column (up = next > close) beside the present price does not fire; the lead kept as a feature does', () => {
      const base = PD + py`
        px = pd.read_csv("prices.csv")
        px["next"] = px["close"].shift(-1)
        px["up"] = (px["next"] > px["close"]).astype(int)
        px["ratio"] = px["close"] / px["close"].rolling(5).mean()
        train, test = px.iloc[:-50], px.iloc[-50:]
        cols = COLS
        RandomForestClassifier().fit(train[cols], train["up"])
      `;
      const present = base.replace('COLS', '["close", "volume", "ratio"]');
      assert.deepEqual(rules(present, 'leakage/target'), []);
      const withLead = base.replace('COLS', '["close", "next"]');
      assert.deepEqual(rules(withLead, 'leakage/target'), [lineOf(withLead, 'RandomForestClassifier().fit')]);
    });
  });

  describe('leakage/temporal: a random split breaks a series, not a date feature', () => {
    it('a date column used only to derive calendar features, split at random, does not fire', () => {
      const src = PD + py`
        rides = pd.read_csv("rides.csv")
        rides["pickup"] = pd.to_datetime(rides["pickup"])
        rides["hour"] = rides["pickup"].dt.hour
        X_train, X_test, y_train, y_test = train_test_split(rides[["hour", "distance"]], rides["fare"])
        m = Ridge().fit(X_train, y_train)
        print(mean_absolute_error(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/temporal'), []);
    });
    it('rows sorted by a time column and classified row by row, split at random, do not fire; with a rolling feature before or after the sort they do', () => {
      const base = PD + py`
        logs = pd.read_csv("readings.csv")
        FEATURE
        logs = logs.sort_values(["machine", "time_index"])
        SORTED_FEATURE
        X_train, X_test, y_train, y_test = train_test_split(logs[["temp", "torque"]], logs["failed"], stratify=logs["failed"])
        m = RandomForestClassifier().fit(X_train, y_train)
      `;
      const plain = base.replace('FEATURE', '').replace('SORTED_FEATURE', '');
      assert.deepEqual(rules(plain, 'leakage/temporal'), []);
      const inPlace = plain.replace('logs = logs.sort_values(["machine", "time_index"])', 'logs.sort_values("Time", inplace=True)');
      assert.deepEqual(rules(inPlace, 'leakage/temporal'), []);
      const rollBefore = base.replace('SORTED_FEATURE', '').replace('FEATURE', 'logs["temp"] = logs["temp"].rolling(5).mean()');
      assert.deepEqual(rules(rollBefore, 'leakage/temporal'), [lineOf(rollBefore, 'train_test_split(logs')]);
      const rollAfter = base.replace('SORTED_FEATURE', 'logs["temp"] = logs["temp"].rolling(5).mean()').replace('FEATURE', '');
      assert.deepEqual(rules(rollAfter, 'leakage/temporal'), [lineOf(rollAfter, 'train_test_split(logs')]);
    });
    it('rows sorted by time in place, with per-group lags, split at random fires', () => {
      const src = PD + py`
        park = pd.read_csv("parking.csv")
        park.sort_values("ts", inplace=True)
        park["prev"] = park.groupby("lot")["occupancy"].shift(1)
        X_train, X_test, y_train, y_test = train_test_split(park[["lot", "prev"]], park["occupancy"])
        m = Ridge().fit(X_train, y_train)
      `;
      assert.deepEqual(rules(src, 'leakage/temporal'), [lineOf(src, 'train_test_split(park')]);
    });
    it('a random split of a series that is shown and then replaced by a chronological one does not fire', () => {
      const src = PD + py`
        px = pd.read_csv("btc.csv", parse_dates=["date"], index_col="date")
        a_train, a_test, b_train, b_test = train_test_split(px.index.to_numpy(), px["price"].to_numpy(), test_size=0.2)
        print(len(a_train), len(a_test))
        cut = int(len(px) * 0.8)
        train, test = px[:cut], px[cut:]
        m = Ridge().fit(train[["lag1"]], train["price"])
      `;
      assert.deepEqual(rules(src, 'leakage/temporal'), []);
      const used = src.replace('m = Ridge().fit(train[["lag1"]], train["price"])', 'm = Ridge().fit(a_train.reshape(-1, 1), b_train)');
      assert.deepEqual(rules(used, 'leakage/temporal'), [lineOf(used, 'train_test_split(px.index')]);
    });
  });

  describe('leakage/preprocessing: statistics that reach a score', () => {
    const SPLIT_FIT = py`
      X_train, X_test, y_train, y_test = train_test_split(X, y)
      m = LogisticRegression().fit(X_train, y_train)
      print(accuracy_score(y_test, m.predict(X_test)))
    `;
    it('a per-row max/min over columns (axis=1) before the split does not fire; a column max does', () => {
      const src = PD + py`
        df["hi"] = df[["open", "close"]].max(axis=1)
        X = df.drop(columns=["label"])
      ` + SPLIT_FIT;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const col = src.replace('df[["open", "close"]].max(axis=1)', 'df["close"] / df["close"].max()');
      assert.deepEqual(rules(col, 'leakage/preprocessing'), [lineOf(col, 'df["close"].max()')]);
    });
    it('an aggregate per date (groupby on a time key) before the split does not fire; per store does', () => {
      const src = PD + py`
        daily = df.groupby("date")["units"].sum()
        df["units_day"] = df["date"].map(daily)
        X = df.drop(columns=["label"])
      ` + SPLIT_FIT;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const store = src.replace('groupby("date")', 'groupby("store")').replace('df["date"].map', 'df["store"].map');
      assert.deepEqual(rules(store, 'leakage/preprocessing'), [lineOf(store, 'groupby("store")')]);
    });
    it('a scaler fitted on the training split, then a grid search inside it, with the test split scored, does not fire; cross_val_score on it does', () => {
      const src = PD + py`
        from sklearn.model_selection import GridSearchCV, cross_val_score
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        sc = StandardScaler()
        X_train_s = sc.fit_transform(X_train)
        gs = GridSearchCV(LogisticRegression(), {"C": [0.1, 1, 10]}, cv=5).fit(X_train_s, y_train)
        print(accuracy_score(y_test, gs.predict(sc.transform(X_test))))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const cvs = src.replace('gs = GridSearchCV(LogisticRegression(), {"C": [0.1, 1, 10]}, cv=5).fit(X_train_s, y_train)',
        'print(cross_val_score(LogisticRegression(), X_train_s, y_train, cv=5).mean())\ngs = LogisticRegression().fit(X_train_s, y_train)');
      assert.deepEqual(rules(cvs, 'leakage/preprocessing'), [lineOf(cvs, 'sc.fit_transform(X_train)')]);
    });
    it('a script that fills train+test and only writes features (nothing is scored) does not fire', () => {
      const src = py`
        import pandas as pd
        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        full = pd.concat([train, test])
        full["age"] = full["age"].fillna(full["age"].mean())
        full[:len(train)].to_csv("train_features.csv")
        full[len(train):].to_csv("test_features.csv")
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('a vocabulary fitted on the training texts, with a validation part cut off by slicing and a separate test set scored, does not fire', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from tensorflow.keras.preprocessing.text import Tokenizer
        from sklearn.metrics import accuracy_score
        texts = pd.read_csv("reviews_train.csv")["text"]
        labels = pd.read_csv("reviews_train.csv")["label"]
        tok = Tokenizer(num_words=10000)
        tok.fit_on_texts(texts)
        data = tok.texts_to_matrix(texts)
        x_train, y_train = data[:2000], labels[:2000]
        x_val, y_val = data[2000:3000], labels[2000:3000]
        net.fit(x_train, y_train, validation_data=(x_val, y_val))
        test = pd.read_csv("reviews_test.csv")
        print(accuracy_score(test["label"], net.predict(tok.texts_to_matrix(test["text"]))))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const noTest = src.replaceAll('reviews_train.csv', 'reviews.csv').split('\n').filter((l) => !/test/.test(l) || /x_val/.test(l)).join('\n') + 'print(accuracy_score(y_val, net.predict(x_val)))\n';
      assert.deepEqual(rules(noTest, 'leakage/preprocessing'), [lineOf(noTest, 'tok.fit_on_texts')]);
    });
    it('an inner split of the training rows (named test) is a validation split for the scaler fitted on the training rows', () => {
      const src = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        sc = StandardScaler().fit(X_train)
        Xs = sc.transform(X_train)
        Xa, Xb, ya, yb = train_test_split(Xs, y_train)
        sel = LogisticRegression().fit(Xa, ya)
        print(accuracy_score(yb, sel.predict(Xb)))
        final = LogisticRegression().fit(Xs, y_train)
        print(accuracy_score(y_test, final.predict(sc.transform(X_test))))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('a submission script that prepares train+test together and only predicts the competition test file does not fire; cross-validating the train rows does', () => {
      const src = py`
        import pandas as pd
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.model_selection import cross_val_score
        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        both = pd.concat([train, test], ignore_index=True)
        both["fare"] = both["fare"].fillna(both["fare"].median())
        both["fare_band"] = pd.qcut(both["fare"], 4, labels=False)
        tr = both[both["survived"].notnull()]
        te = both[both["survived"].isnull()].drop(columns=["survived"])
        clf = RandomForestClassifier().fit(tr.drop(columns=["survived"]), tr["survived"])
        pd.DataFrame({"survived": clf.predict(te)}).to_csv("submission.csv", index=False)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const cv = src.replace('clf = RandomForestClassifier()', 'print(cross_val_score(RandomForestClassifier(), tr.drop(columns=["survived"]), tr["survived"], cv=5).mean())\nclf = RandomForestClassifier()');
      assert.deepEqual(rules(cv, 'leakage/preprocessing'), [lineOf(cv, 'both["fare"].median()'), lineOf(cv, 'pd.qcut')]);
      // Models compared by their training accuracy only: no held-out row is scored.
      const trainAcc = src.replace('pd.DataFrame({"survived"', 'print(round(clf.score(tr.drop(columns=["survived"]), tr["survived"]) * 100, 2))\npd.DataFrame({"survived"');
      assert.deepEqual(rules(trainAcc, 'leakage/preprocessing'), []);
    });
    it('a scaler fitted on a training file, searched over with GridSearchCV, with a separate test file scored, does not fire; cross_val_score as the result does', () => {
      const src = py`
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler
        from sklearn.model_selection import GridSearchCV, cross_val_score
        from sklearn.svm import SVR
        from sklearn.metrics import mean_absolute_error
        X = pd.read_csv("train_features.csv")
        y = pd.read_csv("train_labels.csv")["y"]
        X_test = pd.read_csv("test_features.csv")
        y_test = pd.read_csv("test_labels.csv")["y"]
        sc = MinMaxScaler().fit(X)
        X = sc.transform(X)
        gs = GridSearchCV(SVR(), {"C": [1, 10]}, cv=4).fit(X, y)
        print(mean_absolute_error(y_test, gs.predict(sc.transform(X_test))))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const cvs = src.replace('gs = GridSearchCV(SVR(), {"C": [1, 10]}, cv=4).fit(X, y)\n', 'print(cross_val_score(SVR(), X, y, cv=4).mean())\n')
        .replace(/print\(mean_absolute_error.*\n/, '');
      assert.deepEqual(rules(cvs, 'leakage/preprocessing'), [lineOf(cvs, 'MinMaxScaler().fit(X)')]);
    });
    it('a statistic combined from the training and the test rows (np.min of both minima) is a statistic of all rows, not a refit on the test rows', () => {
      const src = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        lo = np.min((X_train["amt"].min(), X_test["amt"].min()))
        X_train["amt"] = X_train["amt"] - lo
        X_test["amt"] = X_test["amt"] - lo
        m = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), []);
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'X_test["amt"].min()')]);
      const own = src.replace('lo = np.min((X_train["amt"].min(), X_test["amt"].min()))\n', 'lo = X_train["amt"].min()\n')
        .replace('X_test["amt"] = X_test["amt"] - lo', 'X_test["amt"] = X_test["amt"] - X_test["amt"].min()');
      assert.deepEqual(rules(own, 'leakage/preprocessing'), []);
      assert.deepEqual(rules(own, 'mismatch/refit-at-inference'), [lineOf(own, 'X_test["amt"].min()')]);
    });
    it('a column set by attribute (df.col = df.col.fillna(df.col.median()), df.lat = df.lat - df.lat.mean()) before the split fires; df.columns = [...] does not', () => {
      const src = PD + py`
        df.rooms = df.rooms.fillna(df.rooms.median())
        df.lat = df.lat - df.lat.mean()
        X = df.drop(columns=["label"])
      ` + SPLIT_FIT;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'df.rooms.median()'), lineOf(src, 'df.lat.mean()')]);
      const renamed = PD + py`
        df.columns = [c.lower() for c in df.columns]
        df.lat = df.lat * 2
        X = df.drop(columns=["label"])
      ` + SPLIT_FIT;
      assert.deepEqual(rules(renamed, 'leakage/preprocessing'), []);
    });
    it('windows cut from a transformed series by a hand-written helper (X = list(); X.append(seq[i:i + lag])) keep its statistic', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from scipy.stats import boxcox
        from sklearn.linear_model import Ridge
        from sklearn.metrics import mean_squared_error
        def to_windows(seq, lag):
            X, y = list(), list()
            for i in range(len(seq) - lag):
                X.append(seq[i:i + lag])
                y.append(seq[i + lag])
            return np.array(X), np.array(y)
        s = pd.read_csv("series.csv")["value"]
        t = pd.Series(boxcox(np.array(s) + 1)[0])
        X, y = to_windows(t, 3)
        X_train, y_train = X[:500], y[:500]
        X_test, y_test = X[500:], y[500:]
        m = Ridge().fit(X_train, y_train)
        print(mean_squared_error(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'boxcox(')]);
      const raw = src.replace('t = pd.Series(boxcox(np.array(s) + 1)[0])', 't = np.log1p(s)');
      assert.deepEqual(rules(raw, 'leakage/preprocessing'), []);
    });
    it('a statistic written into a column the features do not pick (a centred copy for a plot) does not fire; picked, or a column derived from it picked, it fires', () => {
      const src = PD + py`
        import matplotlib.pyplot as plt
        print(df["age"].mean())
        df["age_c"] = df["age"] - df["age"].mean()
        plt.hist(df["age_c"])
        X = df[["age", "fare"]]
      ` + SPLIT_FIT;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const picked = src.replace('X = df[["age", "fare"]]', 'X = df[["age_c", "fare"]]');
      assert.deepEqual(rules(picked, 'leakage/preprocessing'), [lineOf(picked, 'df["age_c"] = ')]);
      const derived = src.replace('X = df[["age", "fare"]]', 'df["age_c2"] = df["age_c"] ** 2\nX = df[["age_c2", "fare"]]');
      assert.deepEqual(rules(derived, 'leakage/preprocessing'), [lineOf(derived, 'df["age_c"] = ')]);
      const all = src.replace('X = df[["age", "fare"]]', 'X = df.drop(columns=["label"])');
      assert.deepEqual(rules(all, 'leakage/preprocessing'), [lineOf(all, 'df["age_c"] = ')]);
    });
    it('a tokenizer fitted on all texts before Keras holds out validation_split fires when no test set exists; with a separate test set scored it does not', () => {
      const src = py`
        import pandas as pd
        from tensorflow import keras
        from tensorflow.keras.preprocessing.text import Tokenizer
        from tensorflow.keras.preprocessing.sequence import pad_sequences
        df = pd.read_csv("reviews.csv")
        tok = Tokenizer(num_words=5000)
        tok.fit_on_texts(df["text"])
        X = pad_sequences(tok.texts_to_sequences(df["text"]), maxlen=50)
        y = df["label"].values
        net = keras.Sequential([keras.layers.Embedding(5000, 16), keras.layers.GlobalAveragePooling1D(), keras.layers.Dense(1)])
        net.compile(loss="binary_crossentropy", metrics=["accuracy"])
        hist = net.fit(X, y, epochs=5, validation_split=0.2)
        print(hist.history["val_accuracy"][-1])
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'tok.fit_on_texts')]);
      const withTest = src.replace('df = pd.read_csv("reviews.csv")', 'df = pd.read_csv("reviews_train.csv")')
        + 'test = pd.read_csv("reviews_test.csv")\nprint(net.evaluate(pad_sequences(tok.texts_to_sequences(test["text"]), maxlen=50), test["label"].values))\n';
      assert.deepEqual(rules(withTest, 'leakage/preprocessing'), []);
      const rowwise = src.replace('tok.fit_on_texts(df["text"])\n', '').replace('tok.texts_to_sequences(df["text"])', 'df["ids"].tolist()');
      assert.deepEqual(rules(rowwise, 'leakage/preprocessing'), []);
    });
    it('fillna(median, inplace=True) on all rows before the split fires', () => {
      const src = PD + py`
        df.fillna(df["age"].median(), inplace=True)
        X = df.drop(columns=["label"])
      ` + SPLIT_FIT;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'inplace=True')]);
    });
  });

  describe('positional cuts are disjoint splits', () => {
    it('statistics taken on a[:num_train] normalise the series before a positional train/val/test cut: no finding; on all of a: fires', () => {
      const src = PD + py`
        series = df[["t1", "t2"]].to_numpy()
        num_train = int(0.5 * len(series))
        mean = series[:num_train].mean(axis=0)
        series -= mean
        std = series[:num_train].std(axis=0)
        series /= std
        train_x = series[:num_train]
        test_x = series[num_train:]
        m = Ridge().fit(train_x, df["y"][:num_train])
        print(mean_absolute_error(df["y"][num_train:], m.predict(test_x)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const all = src.replaceAll('series[:num_train].mean(axis=0)', 'series.mean(axis=0)');
      assert.deepEqual(rules(all, 'leakage/preprocessing'), [lineOf(all, 'series.mean(axis=0)')]);
    });
    it('a feature script that saves through a dataset object (obj.save) and scores nothing does not fire', () => {
      const src = py`
        import pandas as pd
        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        both = pd.concat([train, test])
        both["inc"] = both["inc"].fillna(both["inc"].mean())
        Store(features=both[:len(train)].values).save("train")
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/overlap: which rows were really seen', () => {
    it('frames read one per file in a loop and concatenated are different rows, not duplicates', () => {
      const src = PD + py`
        import glob
        parts = []
        for path in glob.glob("logs/*.csv"):
            part = pd.read_csv(path)
            parts.append(part.mean().to_frame().T)
        table = pd.concat(parts, ignore_index=True)
        X_train, X_test, y_train, y_test = train_test_split(table.drop(columns=["y"]), table["y"])
        m = Ridge().fit(X_train, y_train)
        print(mean_absolute_error(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
      const acc = PD + py`
        rows = pd.DataFrame()
        for s in ("a", "b"):
            for f in listing(s):
                rows = rows.append([[read_text(f), s]], ignore_index=True)
        rows.columns = ["text", "y"]
        X_train, X_test, y_train, y_test = train_test_split(rows["text"], rows["y"])
      `;
      assert.deepEqual(rules(acc, 'leakage/overlap'), []);
      const dup = PD + py`
        minority = df[df["label"] == 1]
        up = pd.concat([df, df])
        X_train, X_test, y_train, y_test = train_test_split(up.drop(columns=["label"]), up["label"])
      `;
      assert.deepEqual(rules(dup, 'leakage/overlap'), [lineOf(dup, 'pd.concat([df, df])')]);
    });
    it('a mask split of a frame read from a training file is a split, not a test set drawn from the training rows', () => {
      const src = PD + py`
        tr = pd.read_csv("train.tsv", sep="\\t")
        msk = np.random.rand(len(tr)) < 0.8
        train = tr[msk]
        test = tr[~msk]
        m = Ridge().fit(train[["a"]], train["y"])
        print(mean_absolute_error(test["y"], m.predict(test[["a"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
      const drawn = PD + py`
        tr = pd.read_csv("train.csv")
        holdout = tr.sample(frac=0.1)
        m = Ridge().fit(tr[["a"]], tr["y"])
        print(mean_absolute_error(holdout["y"], m.predict(holdout[["a"]])))
      `;
      assert.deepEqual(rules(drawn, 'leakage/overlap'), [lineOf(drawn, 'tr.sample')]);
    });
    it('a train+test matrix cut back apart by position is not a test set drawn from the training rows', () => {
      const src = PD + py`
        from scipy.sparse import hstack
        from sklearn.feature_extraction.text import CountVectorizer
        msk = np.random.rand(len(df)) < 0.8
        train, test = df[msk], df[~msk]
        n_train = train.shape[0]
        both = pd.concat([train, test])
        mat = hstack([CountVectorizer().fit_transform(both["text"])])
        X = mat[:n_train]
        X_test = mat[n_train:]
        m = Ridge().fit(X, train["y"])
        print(mean_absolute_error(test["y"], m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('a model scored once, then trained further on the scored batch (partial_fit), is not overlap', () => {
      const src = PD + py`
        from sklearn.linear_model import SGDClassifier
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        clf = SGDClassifier().partial_fit(X_train, y_train, classes=[0, 1])
        print(clf.score(X_test, y_test))
        clf = clf.partial_fit(X_test, y_test)
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('a model fitted on the training split and scored on all rows the split came from fires; scored on the test split does not', () => {
      const src = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25)
        reg = Ridge().fit(X_train, y_train)
        print(reg.score(X, y))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'reg.score(X, y)')]);
      assert.deepEqual(rules(src.replace('reg.score(X, y)', 'reg.score(X_test, y_test)'), 'leakage/overlap'), []);
    });
    it('with no split anywhere, an in-sample r2 or accuracy is a descriptive fit; a score called a test score, or a classifier\'s taken before a later split, fires', () => {
      const reg = PD + py`
        lr = Ridge().fit(X, y)
        print(lr.score(X, y))
      `;
      assert.deepEqual(rules(reg, 'leakage/overlap'), []);
      const clf = PD + py`
        rf = RandomForestClassifier().fit(X, y)
        print(accuracy_score(y, rf.predict(X)))
      `;
      assert.deepEqual(rules(clf, 'leakage/overlap'), []);
      const later = clf + 'X_train, X_test, y_train, y_test = train_test_split(X, y)\n';
      assert.deepEqual(rules(later, 'leakage/overlap'), [lineOf(later, 'accuracy_score(y')]);
      const calledClf = clf.replace('print(accuracy_score(y, rf.predict(X)))', 'print("test accuracy", accuracy_score(y, rf.predict(X)))');
      assert.deepEqual(rules(calledClf, 'leakage/overlap'), [lineOf(calledClf, 'test accuracy')]);
      const called = reg.replace('print(lr.score(X, y))', 'print("test r2", lr.score(X, y))');
      assert.deepEqual(rules(called, 'leakage/overlap'), [lineOf(called, 'test r2')]);
    });
  });

  describe('leakage/multi-test: selections written by hand', () => {
    it('k of KNN tuned with an open-coded accuracy on the test rows fires; one model scored that way does not', () => {
      const src = PD + py`
        from sklearn.neighbors import KNeighborsClassifier
        train, test = train_test_split(df)
        acc = []
        for k in range(1, 30, 2):
            knn = KNeighborsClassifier(n_neighbors=k).fit(train[["a", "b"]], train["label"])
            preds = knn.predict(test[["a", "b"]])
            acc.append(np.where(preds == test["label"], 1, 0).mean())
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'preds == test')]);
      const once = PD + py`
        from sklearn.neighbors import KNeighborsClassifier
        train, test = train_test_split(df)
        knn = KNeighborsClassifier(n_neighbors=5).fit(train[["a", "b"]], train["label"])
        preds = knn.predict(test[["a", "b"]])
        print((preds == test["label"]).mean())
      `;
      assert.deepEqual(rules(once, 'leakage/multi-test'), []);
    });
    it('models from an unknown factory scored on the test set by a helper named like an evaluation fire at warning and say what was assumed', () => {
      const src = py`
        from mylib.metrics import evaluate_model
        from mylib.models import MODELS
        def sweep(X_train, X_test, y_train, y_test):
            out = []
            for name, builder in MODELS.items():
                for lr in [0.01, 0.1]:
                    model = builder({"learning_rate": lr})
                    model.fit(X_train, y_train)
                    out.append(evaluate_model(model, X_test, y_test))
            return out
      `;
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'evaluate_model(model')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: `evaluate_model` is taken to score the model by its name/);
      const fixed = src.replace('builder({"learning_rate": lr})', 'builder({"learning_rate": 0.1})').replace('for lr in [0.01, 0.1]:', 'for _ in [0]:').replace('for name, builder in MODELS.items():', 'for builder in [MODELS["gbm"]]:');
      assert.deepEqual(analyze(fixed).filter((x) => x.ruleId === 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: the split re-made with a fixed seed draws the same test rows', () => {
    it('a loop over settings that re-splits with a constant random_state each time fires; a seed that changes per iteration does not', () => {
      const src = PD + py`
        for depth in [2, 4, 8]:
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=7)
            m = RandomForestClassifier(max_depth=depth).fit(X_tr, y_tr)
            print(depth, accuracy_score(y_te, m.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print(depth')]);
      const repeated = src.replace('random_state=7', 'random_state=depth');
      assert.deepEqual(rules(repeated, 'leakage/multi-test'), []);
    });

    it('a helper that splits with a fixed seed and scores the model it is given, called for two models, fires; called once it does not', () => {
      const src = PD + py`
        def holdout_score(model):
            a, b, c, d = train_test_split(X, y, random_state=42)
            model.fit(a, c)
            return accuracy_score(d, model.predict(b))
        print(holdout_score(LogisticRegression()))
        print(holdout_score(RandomForestClassifier()))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'return accuracy_score')]);
      const once = src.replace('print(holdout_score(RandomForestClassifier()))\n', '');
      assert.deepEqual(rules(once, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: a search objective scored on the test set', () => {
    it('an Optuna objective returning the test accuracy fires; one returning a CV score on the training rows, with the test scored once, does not', () => {
      const src = PD + py`
        import optuna
        from sklearn.model_selection import cross_val_score
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        def objective(trial):
            depth = trial.suggest_int("max_depth", 2, 12)
            model = RandomForestClassifier(max_depth=depth).fit(X_train, y_train)
            return accuracy_score(y_test, model.predict(X_test))
        study = optuna.create_study(direction="maximize")
        study.optimize(objective, n_trials=40)
        print(study.best_value)
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'return accuracy_score')]);
      const cv = src.replace('model = RandomForestClassifier(max_depth=depth).fit(X_train, y_train)\n    return accuracy_score(y_test, model.predict(X_test))',
        'return cross_val_score(RandomForestClassifier(max_depth=depth), X_train, y_train, cv=5).mean()')
        .replace('print(study.best_value)', 'best = RandomForestClassifier(**study.best_params).fit(X_train, y_train)\nprint(accuracy_score(y_test, best.predict(X_test)))');
      assert.notEqual(cv, src);
      assert.deepEqual(rules(cv, 'leakage/multi-test'), []);
    });

    it('a hyperopt fmin objective that splits with a fixed seed and returns the held-out loss fires', () => {
      const src = PD + py`
        from hyperopt import fmin, tpe, hp
        def loss(params):
            a, b, c, d = train_test_split(X, y, test_size=0.25, random_state=1)
            m = RandomForestClassifier(n_estimators=int(params["n"])).fit(a, c)
            return -accuracy_score(d, m.predict(b))
        best = fmin(fn=loss, space={"n": hp.quniform("n", 50, 500, 50)}, algo=tpe.suggest, max_evals=30)
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'return -accuracy_score')]);
    });

    it('an objective with its data bound by functools.partial is run per trial like the bare function', () => {
      const src = PD + py`
        from functools import partial
        from hyperopt import fmin, tpe, hp
        def loss(frame, params):
            a, b, c, d = train_test_split(frame.drop(columns=["label"]), frame["label"], random_state=1)
            m = RandomForestClassifier(n_estimators=int(params["n"])).fit(a, c)
            return -accuracy_score(d, m.predict(b))
        loss = partial(loss, df)
        best = fmin(fn=loss, space={"n": hp.quniform("n", 50, 500, 50)}, algo=tpe.suggest, max_evals=30)
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'return -accuracy_score')]);
      // Scored by cross-validation on the bound data: no test set is chosen on.
      const cv = src.replace('a, b, c, d = train_test_split(frame.drop(columns=["label"]), frame["label"], random_state=1)\n    m = RandomForestClassifier(n_estimators=int(params["n"])).fit(a, c)\n    return -accuracy_score(d, m.predict(b))',
        'from sklearn.model_selection import cross_val_score\n    return -cross_val_score(RandomForestClassifier(n_estimators=int(params["n"])), frame.drop(columns=["label"]), frame["label"], cv=5).mean()');
      assert.notEqual(cv, src);
      assert.deepEqual(rules(cv, 'leakage/multi-test'), []);
    });
  });

  describe('severity follows impact: a category vocabulary is not a statistic of the test rows', () => {
    const fitBefore = (enc: string): string => PD + py`
      from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder
      from sklearn.compose import ColumnTransformer
      enc = ${enc}
      Z = enc.fit_transform(X)
      X_train, X_test, y_train, y_test = train_test_split(Z, y, random_state=0)
      m = LogisticRegression().fit(X_train, y_train)
      print(accuracy_score(y_test, m.predict(X_test)))
    `;
    it('a one-hot or ordinal encoder fitted on all rows before the split does not fire', () => {
      assert.deepEqual(rules(fitBefore('OneHotEncoder(handle_unknown="ignore")'), 'leakage/preprocessing'), []);
      assert.deepEqual(rules(fitBefore('OrdinalEncoder()'), 'leakage/preprocessing'), []);
      assert.deepEqual(rules(fitBefore('ColumnTransformer([("cat", OneHotEncoder(), ["city"])])'), 'leakage/preprocessing'), []);
    });
    it('an encoder that groups rare categories by their counts, a scaler, or a column transformer with a scaler fitted before the split fire', () => {
      const rare = fitBefore('OneHotEncoder(min_frequency=10)');
      assert.deepEqual(rules(rare, 'leakage/preprocessing'), [lineOf(rare, 'enc.fit_transform')]);
      const sc = fitBefore('StandardScaler()');
      assert.deepEqual(rules(sc, 'leakage/preprocessing'), [lineOf(sc, 'enc.fit_transform')]);
      const ct = fitBefore('ColumnTransformer([("cat", OneHotEncoder(), ["city"]), ("num", StandardScaler(), ["age"])])');
      assert.deepEqual(rules(ct, 'leakage/preprocessing'), [lineOf(ct, 'enc.fit_transform')]);
    });
    it('an encoder refitted on the test rows alone still reports a refit mismatch', () => {
      const src = PD + py`
        from sklearn.preprocessing import OneHotEncoder
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        enc = OneHotEncoder(handle_unknown="ignore")
        m = LogisticRegression().fit(enc.fit_transform(X_train), y_train)
        print(accuracy_score(y_test, m.predict(OneHotEncoder().fit_transform(X_test))))
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), [lineOf(src, 'OneHotEncoder().fit_transform(X_test)')]);
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/multi-test: a competition test file that is only predicted is not a held-out test set', () => {
    const src = py`
      import pandas as pd
      import lightgbm as lgb
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import mean_absolute_error
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      X = train.drop(columns=["target"])
      y = train["target"]
      X_tr, X_val, y_tr, y_val = train_test_split(X, y, test_size=0.2, random_state=1)
      model = lgb.LGBMRegressor(n_estimators=5000, early_stopping_rounds=50)
      model.fit(X_tr, y_tr, eval_set=[(X_val, y_val)])
      print("MAE", mean_absolute_error(y_val, model.predict(X_val)))
      pd.DataFrame({"target": model.predict(test)}).to_csv("submission.csv", index=False)
    `;
    it('early stopping on the validation split that is then reported, with the competition test only predicted, fires', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'model.fit(X_tr')]);
    });
    it('two models compared on the validation split, with the competition test only predicted, fire', () => {
      const two = src.replace('model.fit(X_tr, y_tr, eval_set=[(X_val, y_val)])', 'model.fit(X_tr, y_tr)')
        .replace('pd.DataFrame', 'other = lgb.LGBMRegressor(num_leaves=63).fit(X_tr, y_tr)\nprint("MAE", mean_absolute_error(y_val, other.predict(X_val)))\npd.DataFrame');
      assert.deepEqual(rules(two, 'leakage/multi-test'), [lineOf(two, 'other.predict(X_val)')]);
    });
    it('with a labelled test set (its labels bound, scored or not), validation-split selection does not fire', () => {
      const labelled = src.replace('test = pd.read_csv("test.csv")', 'test = pd.read_csv("test.csv")\ny_test = test.pop("target")');
      assert.deepEqual(rules(labelled, 'leakage/multi-test'), []);
      const scored = labelled.replace('pd.DataFrame({"target": model.predict(test)}).to_csv("submission.csv", index=False)', 'print(mean_absolute_error(y_test, model.predict(test)))');
      assert.deepEqual(rules(scored, 'leakage/multi-test'), []);
    });
    it('test labels bound from a source the analysis cannot follow (np.array of a bridge object) make the test set labelled (round 8)', () => {
      const bridged = py`
        import numpy as np
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.metrics import accuracy_score
        train_x = pd.DataFrame(bridge.train_data["values"])
        train_y = np.array(bridge.train_data["label"]).ravel()
        test_x = pd.DataFrame(bridge.test_data["values"])
        test_y = np.array(bridge.test_data["label"]).ravel()
        X_fit, X_val, y_fit, y_val = train_test_split(train_x, train_y, random_state=0)
        a = LogisticRegression().fit(X_fit, y_fit)
        print(accuracy_score(y_val, a.predict(X_val)))
        b = RandomForestClassifier().fit(X_fit, y_fit)
        print(accuracy_score(y_val, b.predict(X_val)))
        pred = b.predict(test_x)
      `;
      assert.deepEqual(rules(bridged, 'leakage/multi-test'), []);
      const unlabelled = bridged.replace('test_y = np.array(bridge.test_data["label"]).ravel()\n', '');
      assert.deepEqual(rules(unlabelled, 'leakage/multi-test'), [lineOf(unlabelled, 'b.predict(X_val)')]);
      const predsNamed = bridged.replace('test_y = np.array(bridge.test_data["label"]).ravel()', 'test_y_pred = np.array(bridge.test_data["label"]).ravel()');
      assert.deepEqual(rules(predsNamed, 'leakage/multi-test'), [lineOf(predsNamed, 'b.predict(X_val)')]);
    });
  });

  describe('leakage/multi-test: held-out data scored inside an epoch loop', () => {
    const HEAD = py`
      import torch
      from torch.utils.data import DataLoader
      from mymodels import Net, train_one_epoch, evaluate
      train_loader = DataLoader(train_ds, batch_size=64, shuffle=True)
      val_loader = DataLoader(val_ds, batch_size=256)
      test_loader = DataLoader(test_ds, batch_size=256)
      model = Net()
      best_acc = 0.0
      for epoch in range(30):
          train_one_epoch(model, train_loader)
    `;
    it('the test loader scored after every epoch fires, and says the loader was taken to be test data by its name', () => {
      const src = HEAD + '    test_loss, test_acc = evaluate(model, test_loader)\n';
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'evaluate(model, test_loader)')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: `test_loader` is taken to hold test data by its name/);
    });
    it('the only held-out loader choosing the best epoch fires; only printed each epoch it does not', () => {
      const best = HEAD + '    acc = evaluate(model, val_loader)\n    if acc > best_acc:\n        best_acc = acc\n        torch.save(model.state_dict(), "best.pt")\nprint("best", best_acc)\n';
      assert.deepEqual(rules(best, 'leakage/multi-test'), [lineOf(best, 'evaluate(model, val_loader)')]);
      const watched = HEAD + '    acc = evaluate(model, val_loader)\n    print(epoch, acc)\n';
      assert.deepEqual(rules(watched, 'leakage/multi-test'), []);
    });
    it('a loop over a single epoch (range(1), or range(epochs) with epochs = 1) scores the test data once: it does not fire', () => {
      const once = HEAD.replace('for epoch in range(30):', 'epochs = 1\nfor epoch in range(epochs):') + '    test_loss, test_acc = evaluate(model, test_loader)\n';
      assert.deepEqual(rules(once, 'leakage/multi-test'), []);
      const literal = HEAD.replace('range(30)', 'range(1)') + '    test_loss, test_acc = evaluate(model, test_loader)\n';
      assert.deepEqual(rules(literal, 'leakage/multi-test'), []);
      const two = HEAD.replace('for epoch in range(30):', 'epochs = 2\nfor epoch in range(epochs):') + '    test_loss, test_acc = evaluate(model, test_loader)\n';
      assert.deepEqual(rules(two, 'leakage/multi-test'), [lineOf(two, 'evaluate(model, test_loader)')]);
    });
    it('the validation loader choosing the best epoch, with the test loader scored once after training, does not fire', () => {
      const src = HEAD + '    acc = evaluate(model, val_loader)\n    best_acc = max(acc, best_acc)\nmodel.load_state_dict(torch.load("best.pt"))\nprint(evaluate(model, test_loader))\n';
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: a scoring helper called each epoch for its printout (round 4)', () => {
    const HEAD = py`
      import torch
      from torch.utils.data import DataLoader
      from mymodels import Net, train_one_epoch
      def test(model, loader):
          model.eval()
          correct = 0
          for xb, yb in loader:
              correct += (model(xb).argmax(1) == yb).sum().item()
          print("accuracy", correct / len(loader.dataset))
      train_loader = DataLoader(train_ds, batch_size=64, shuffle=True)
      test_loader = DataLoader(test_ds, batch_size=256)
      model = Net()
      for epoch in range(1, 11):
          train_one_epoch(model, train_loader)
    `;
    it('the test loader scored by a bare test(...) call every epoch fires at warning', () => {
      const src = HEAD + '    test(model, test_loader)\n';
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, '    test(model, test_loader)')]);
      assert.equal(f[0].severity, 'warning');
    });
    it('a bare call whose name does not score (logging, plotting), or the test loader scored once after the loop, does not fire', () => {
      const log = HEAD + '    log_batch(model, test_loader)\n';
      assert.deepEqual(rules(log, 'leakage/multi-test'), []);
      const once = HEAD + 'test(model, test_loader)\n';
      assert.deepEqual(rules(once, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: a scoring method of the model class reading a held-out attribute every epoch (round 7)', () => {
    const CLS = (scorer: string, call: string) => py`
      import numpy as np
      from mydata import load_split
      class Factorizer:
          def __init__(self, ratings, test_ratings, epochs):
              self.ratings = ratings
              self.test_ratings = test_ratings
              self.epochs = epochs
          def fit(self):
              self.p = np.random.normal(size=(self.ratings.shape[0], 8))
              for epoch in range(self.epochs):
                  self.step()
                  ${call}
          def step(self):
              self.p = self.p * 0.99
          def ${scorer}(self):
              xi, yi = self.test_ratings.nonzero()
              pred = self.p @ self.p.T
              return np.sqrt(np.sum((self.test_ratings[xi, yi] - pred[xi, yi]) ** 2)) / len(xi)
          def train_error(self):
              xi, yi = self.ratings.nonzero()
              return np.mean(self.ratings[xi, yi])
      train, test = load_split("ratings.csv")
      Factorizer(train, test, 30).fit()
    `;
    it('test_loss = self.test_loss() each epoch over self.test_ratings fires at warning, saying the attribute is taken by its name', () => {
      const src = CLS('test_loss', 'test_loss = self.test_loss()');
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'test_loss = self.test_loss()')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /`self\.test_ratings` is taken to hold test data by its name/);
    });
    it('a method reading only the training attribute, or one whose name does not score, each epoch does not fire', () => {
      const trainOnly = CLS('test_loss', 'err = self.train_error()');
      assert.deepEqual(rules(trainOnly, 'leakage/multi-test'), []);
      const notScoring = CLS('plot_ratings', 'out = self.plot_ratings()');
      assert.deepEqual(rules(notScoring, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: forecasts compared on the same held-out period', () => {
    it('predictions scaled back with inverse_transform are still the model\'s: a second model scored that way on the same test part fires', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler
        from sklearn.linear_model import Ridge
        from sklearn.ensemble import RandomForestRegressor
        from sklearn.metrics import mean_squared_error
        series = pd.read_csv("sales.csv")[["sales"]].values
        n = int(len(series) * 0.8)
        train, test = series[:n], series[n:]
        sc = MinMaxScaler().fit(train)
        m1 = Ridge().fit(sc.transform(train[:-1]), sc.transform(train[1:]))
        p1 = sc.inverse_transform(m1.predict(sc.transform(test[:-1])))
        print("ridge", mean_squared_error(test[1:], p1))
        m2 = RandomForestRegressor().fit(sc.transform(train[:-1]), sc.transform(train[1:]).ravel())
        p2 = sc.inverse_transform(m2.predict(sc.transform(test[:-1])).reshape(-1, 1))
        print("forest", mean_squared_error(test[1:], p2))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print("forest"')]);
      const one = src.split('\n').slice(0, lineOf(src, 'print("ridge"')).join('\n') + '\n';
      assert.deepEqual(rules(one, 'leakage/multi-test'), []);
    });

    const cell = (model: string, file = 'passengers.csv', cut = 'train, test = data[:n], data[n:]'): string => py`
      import pandas as pd
      from sklearn.metrics import mean_squared_error
      data = pd.read_csv("${file}")[["y"]].values
      n = int(len(data) * 0.67)
      ${cut}
      m = ${model}.fit(train[:-1], train[1:])
      print(mean_squared_error(test[1:], m.predict(test[:-1])))
    `;
    it('cells that each re-read the same file, cut it by the same statement and score a different model fire, saying what was assumed', () => {
      const nb = notebook([{ source: 'from sklearn.linear_model import Ridge, Lasso' }, { source: cell('Ridge()') }, { source: cell('Lasso(alpha=0.1)') }]);
      const f = analyze(nb, 'forecast.ipynb').filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => `${x.location.cell}:${x.location.line}`), [`2:${lineOf(cell('Lasso(alpha=0.1)'), 'print(')}`]);
      assert.match(f[0].message, /Assumed: the same file, read again and cut by the same statement/);
    });
    it('another file, or the same file cut by another statement, does not fire', () => {
      const other = notebook([{ source: 'from sklearn.linear_model import Ridge, Lasso' }, { source: cell('Ridge()') }, { source: cell('Lasso(alpha=0.1)', 'airline.csv') }]);
      assert.deepEqual(analyze(other, 'forecast.ipynb').filter((x) => x.ruleId === 'leakage/multi-test'), []);
      const recut = notebook([{ source: 'from sklearn.linear_model import Ridge, Lasso' }, { source: cell('Ridge()') }, { source: cell('Lasso(alpha=0.1)', 'passengers.csv', 'train, test = data[:n - 12], data[n - 12:]') }]);
      assert.deepEqual(analyze(recut, 'forecast.ipynb').filter((x) => x.ruleId === 'leakage/multi-test'), []);
    });
  });

  describe('leakage/preprocessing: a power transform whose lambda is estimated from the rows', () => {
    const src = PD + py`
      from scipy.stats import boxcox
      df["income_bc"], lam = boxcox(df["income"])
      X = df[["income_bc", "age"]]
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      m = LogisticRegression().fit(X_train, y_train)
      print(accuracy_score(y_test, m.predict(X_test)))
    `;
    it('scipy boxcox / yeojohnson on all rows before the split fires', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'boxcox(df["income"])')]);
      const yj = src.replace('from scipy.stats import boxcox', 'from scipy.stats import yeojohnson').replace('boxcox(df["income"])', 'yeojohnson(df["income"])');
      assert.deepEqual(rules(yj, 'leakage/preprocessing'), [lineOf(yj, 'yeojohnson(df["income"])')]);
    });
    it('a fixed lambda, or a lambda estimated on the training split and reused on the test split, does not fire', () => {
      const fixed = src.replace('df["income_bc"], lam = boxcox(df["income"])', 'df["income_bc"] = boxcox(df["income"], lmbda=0.5)');
      assert.deepEqual(rules(fixed, 'leakage/preprocessing'), []);
      const train = PD + py`
        from scipy.stats import boxcox
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        bc_train, lam = boxcox(X_train["income"])
        bc_test = boxcox(X_test["income"], lmbda=lam)
        m = LogisticRegression().fit(bc_train.reshape(-1, 1), y_train)
        print(accuracy_score(y_test, m.predict(bc_test.reshape(-1, 1))))
      `;
      assert.deepEqual(rules(train, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/target: lags of the label series are past values', () => {
    const src = py`
      import pandas as pd
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_squared_error
      s = pd.read_csv("demand.csv")["units"]
      X = pd.concat([s.shift(1), s.shift(7)], axis=1).dropna()
      y = s.iloc[7:]
      X_train, X_test, y_train, y_test = X[:800], X[800:], y[:800], y[800:]
      m = Ridge().fit(X_train, y_train)
      print(mean_squared_error(y_test, m.predict(X_test)))
    `;
    it('features made of shift(k >= 1) of the label series do not fire', () => {
      assert.deepEqual(rules(src, 'leakage/target'), []);
    });
    it('a lead (shift(-1)) or the unshifted series beside its lags fires', () => {
      const lead = src.replace('s.shift(7)', 's.shift(-1)');
      assert.deepEqual(rules(lead, 'leakage/target'), [lineOf(lead, 'pd.concat')]);
      assert.match(analyze(lead).find((f) => f.ruleId === 'leakage/target')!.message, /the label's next value \('units' one row ahead\)/);
      const same = src.replace('s.shift(7)', 's');
      assert.deepEqual(rules(same, 'leakage/target'), [lineOf(same, 'pd.concat')]);
    });
  });

  describe('leakage/target: label differences built per group in a feature helper', () => {
    // A helper adds lags and the change of the current label (diff / pct_change) to each entity's
    // frame (picked by name), the frames are stacked, cut by time per group, and every column but
    // the label is a feature.
    const src = py`
      import pandas as pd
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.metrics import mean_absolute_error
      raw = pd.read_csv("weekly.csv")
      def add_features(frame, label="demand"):
          out = frame.copy()
          out["prev_1"] = out[label].shift(1)
          out["prev_4"] = out[label].shift(4)
          out["change_1"] = out[label].diff(1)
          return out
      blocks = []
      for shop, part in raw.groupby("shop"):
          part = part.sort_values("week")[["demand", "price"]]
          blocks.append(add_features(part, label="demand"))
      table = pd.concat(blocks)
      fit_parts, hold_parts = [], []
      for shop, g in table.groupby("shop"):
          fit_parts.append(g.iloc[:-12])
          hold_parts.append(g.iloc[-12:])
      fit_rows = pd.concat(fit_parts).dropna()
      hold_rows = pd.concat(hold_parts).dropna()
      used = [c for c in fit_rows.columns if c != "demand"]
      reg = GradientBoostingRegressor().fit(fit_rows[used], fit_rows["demand"])
      print(mean_absolute_error(hold_rows["demand"], reg.predict(hold_rows[used])))
    `;
    it('a difference of the current label among the stacked per-group features fires', () => {
      assert.deepEqual(rules(src, 'leakage/target'), [lineOf(src, 'out["change_1"]')]);
    });
    it('shifted lags only, or the difference left out of the picked columns, do not fire', () => {
      const lags = src.replace('out["change_1"] = out[label].diff(1)', 'out["change_1"] = out[label].shift(1).diff(1)');
      assert.deepEqual(rules(lags, 'leakage/target'), []);
      const dropped = src.replace('if c != "demand"]', 'if c not in ("demand", "change_1")]');
      assert.deepEqual(rules(dropped, 'leakage/target'), []);
    });
    it('a frame picked by name keeps its label out of the comprehension over its columns', () => {
      const picked = py`
        import pandas as pd
        from sklearn.linear_model import Ridge
        raw = pd.read_csv("weekly.csv")
        sub = raw[["demand", "price"]].copy()
        sub["price_sq"] = sub["price"] ** 2
        used = [c for c in sub.columns if c != "demand"]
        Ridge().fit(sub[used], sub["demand"])
      `;
      assert.deepEqual(rules(picked, 'leakage/target'), []);
    });
  });

  describe('leakage/target: a target encoding written by hand', () => {
    // Per-category means of the label mapped back onto the rows (map, a loop over the column that
    // looks each mean up, or groupby(...).mean()[label]) before the split, in a feature matrix
    // assembled column by column into an empty DataFrame.
    const src = PD.replace('X = df.drop(columns=["label"])\n', '') + py`
      rate = df.groupby("region")["label"].mean()
      df["region_rate"] = df["region"].map(rate)
      X = pd.DataFrame()
      picked = ["age", "region_rate"]
      X[picked] = df[picked]
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
      clf = LogisticRegression().fit(X_train, y_train)
      print(accuracy_score(y_test, clf.predict(X_test)))
    `;
    it('group means of the label mapped onto all rows before the split fire', () => {
      assert.deepEqual(rules(src, 'leakage/target'), [lineOf(src, 'df["region_rate"] =')]);
    });
    it('the means looked up row by row into a list, or taken as groupby().mean()[label], fire', () => {
      const looped = src.replace('df["region_rate"] = df["region"].map(rate)', 'vals = []\nfor r in df["region"]:\n    vals.append(rate.loc[r])\ndf["region_rate"] = vals');
      assert.deepEqual(rules(looped, 'leakage/target'), [lineOf(looped, 'df["region_rate"] =')]);
      const whole = src.replace('df.groupby("region")["label"].mean()', 'df.groupby("region").mean()["label"]');
      assert.deepEqual(rules(whole, 'leakage/target'), [lineOf(whole, 'df["region_rate"] =')]);
    });
    it('means of the label fitted on the training part only, or of another column, do not fire', () => {
      const fitted = PD + py`
        tr, te = train_test_split(df, random_state=1)
        rate = tr.groupby("region")["label"].mean()
        tr["region_rate"] = tr["region"].map(rate)
        te["region_rate"] = te["region"].map(rate)
        cols = ["age", "region_rate"]
        clf = LogisticRegression().fit(tr[cols], tr["label"])
        print(accuracy_score(te["label"], clf.predict(te[cols])))
      `;
      assert.deepEqual(rules(fitted, 'leakage/target'), []);
      const other = src.replace('df.groupby("region")["label"].mean()', 'df.groupby("region")["income"].mean()');
      assert.deepEqual(rules(other, 'leakage/target'), []);
    });
  });

  describe('scores kept in a booster evals_result dictionary', () => {
    // Native xgb.train / lgb.train with a watch list (by keyword or by position) fill evals_result
    // with each watched set's score: settings compared on the held-out set read from it.
    const src = py`
      import numpy as np
      import pandas as pd
      import xgboost as xgb
      frame = pd.read_csv("runs.csv")
      feats = frame.drop(columns=["label"]).values
      target = frame["label"].values
      X_train = feats[:400]
      y_train = target[:400]
      X_hold = feats[400:]
      y_hold = target[400:]
      d_fit = xgb.DMatrix(X_train, label=y_train)
      d_hold = xgb.DMatrix(X_hold, label=y_hold)
      losses = {}
      for eta in [0.03, 0.1, 0.3]:
          log = {}
          booster = xgb.train({"eta": eta}, d_fit, 200, [(d_fit, "fit"), (d_hold, "hold")], evals_result=log)
          losses[eta] = log["hold"]["logloss"][-1]
      print(min(losses, key=losses.get))
    `;
    it('settings compared through evals_result on the only held-out set fire', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'booster = xgb.train')]);
      const kw = src.replace('[(d_fit, "fit"), (d_hold, "hold")], evals_result=log', 'evals=[(d_fit, "fit"), (d_hold, "hold")], evals_result=log');
      assert.deepEqual(rules(kw, 'leakage/multi-test'), [lineOf(kw, 'booster = xgb.train')]);
    });
    it('one run read from evals_result is no comparison; a validation split compared beside a separate test set does not fire', () => {
      const once = src.replace('for eta in [0.03, 0.1, 0.3]:\n    log = {}\n    booster = xgb.train({"eta": eta}', 'log = {}\nif True:\n    booster = xgb.train({"eta": 0.1}').replace('losses[eta]', 'losses[0.1]');
      assert.notEqual(once, src);
      // One run is not a comparison; the held-out set in its watch list is still reported as watched.
      assert.deepEqual(analyze(once).filter((f) => f.ruleId === 'leakage/multi-test' && !/passed to training as `evals`/.test(f.message)), []);
      const tested = src.replace('print(min(losses, key=losses.get))', 'best = min(losses, key=losses.get)\nX_test = np.load("x_test.npy")\ny_test = np.load("y_test.npy")\nfinal = xgb.train({"eta": best}, d_fit, 200)\nprint(np.mean((final.predict(xgb.DMatrix(X_test)) > 0.5) == y_test))').replace(/X_hold/g, 'X_val').replace(/y_hold/g, 'y_val');
      assert.notEqual(tested, src);
      assert.deepEqual(rules(tested, 'leakage/multi-test'), []);
    });
  });

  describe('samplers and scalers inside helpers selected by a string argument', () => {
    const HELPER = PD + py`
      from imblearn.over_sampling import SMOTE
      from imblearn.under_sampling import RandomUnderSampler
      def balance(X, y, method="smote"):
          if method == "none":
              return X, y
          if method == "smote":
              return SMOTE(random_state=0).fit_resample(X, y)
          elif method == "under":
              sampler = RandomUnderSampler()
          return sampler.fit_resample(X, y)
    `;
    const before = (call: string): string => HELPER + call + '\n' + py`
      X_train, X_test, y_train, y_test = train_test_split(Xb, yb, random_state=0)
      m = RandomForestClassifier().fit(X_train, y_train)
      print(accuracy_score(y_test, m.predict(X_test)))
    `;
    it('an oversampler picked by the string and returned from its branch, applied before the split, fires', () => {
      const src = before('Xb, yb = balance(X, y, "smote")');
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'SMOTE(random_state=0).fit_resample')]);
    });
    it('the branch the string does not pick does not fire (no resampling, or undersampling only)', () => {
      assert.deepEqual(rules(before('Xb, yb = balance(X, y, "none")'), 'leakage/overlap'), []);
      assert.deepEqual(rules(before('Xb, yb = balance(X, y, method="under")'), 'leakage/overlap'), []);
    });
    it('a string that is not known (a loop over method names) keeps every branch: the oversampling one fires', () => {
      const src = HELPER + py`
        for name in ["none", "smote"]:
            Xb, yb = balance(X, y, name)
            X_train, X_test, y_train, y_test = train_test_split(Xb, yb, random_state=0)
            m = RandomForestClassifier().fit(X_train, y_train)
            print(name, accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'SMOTE(random_state=0).fit_resample')]);
    });
    it('the helper applied to the training split only does not fire', () => {
      const src = HELPER + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        X_tr, y_tr = balance(X_train, y_train, "smote")
        m = RandomForestClassifier().fit(X_tr, y_tr)
        print(accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: notebooks with no split have no test rows', () => {
    it('a clustering or mixture model scored on the rows it was fitted on does not fire; a classifier\'s in-sample accuracy does once the file holds data out', () => {
      const src = PD + py`
        from sklearn.cluster import KMeans
        from sklearn.mixture import GaussianMixture
        km = KMeans(n_clusters=4, n_init=10).fit(X)
        df["cluster"] = km.predict(X)
        print(km.score(X))
        gm = GaussianMixture(n_components=3).fit(X)
        print(gm.score(X))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
      const clf = src + 'clf = RandomForestClassifier().fit(X, y)\nprint(accuracy_score(y, clf.predict(X)))\nX_tr, X_te, y_tr, y_te = train_test_split(X, y)\n';
      assert.deepEqual(rules(clf, 'leakage/overlap'), [lineOf(clf, 'accuracy_score(y, clf.predict(X))')]);
    });
  });

  describe('leakage/preprocessing: statistics written column by column, and through files named by keyword', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("houses.csv")
      for name, col in df.items():
          if pd.api.types.is_numeric_dtype(col):
              df[name] = col.fillna(col.median())
      X = df.drop(columns=["price"])
      y = df["price"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      m = RandomForestRegressor().fit(X_train, y_train)
      print(mean_absolute_error(y_test, m.predict(X_test)))
    `;
    it('a median fill of each column from a loop over df.items() before the split fires; a constant fill does not', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'col.fillna(col.median())')]);
      assert.deepEqual(rules(src.replace('col.fillna(col.median())', 'col.fillna(0)'), 'leakage/preprocessing'), []);
    });
    it('the filled frame saved with to_parquet(path=...) and read back with read_parquet(path=...) still fires; another file read does not', () => {
      const viaFile = src.replace('X = df.drop(', 'df.to_parquet(path="filled.parquet")\ndf = pd.read_parquet(path="filled.parquet")\nX = df.drop(');
      assert.deepEqual(rules(viaFile, 'leakage/preprocessing'), [lineOf(viaFile, 'col.fillna(col.median())')]);
      const other = viaFile.replace('pd.read_parquet(path="filled.parquet")', 'pd.read_parquet(path="raw.parquet")');
      assert.deepEqual(rules(other, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: hand-written K-fold loops cut the same rows into folds', () => {
    const src = py`
      import numpy as np
      import pandas as pd
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      data = pd.read_csv("houses.csv")
      X = data.drop(columns=["price"]).values
      y = data["price"].values
      mu, sd = X.mean(axis=0), X.std(axis=0)
      X = (X - mu) / sd
      k = 4
      n = len(X) // k
      scores = []
      for i in range(k):
          X_val, y_val = X[i * n:(i + 1) * n], y[i * n:(i + 1) * n]
          X_tr = np.concatenate([X[:i * n], X[(i + 1) * n:]])
          y_tr = np.concatenate([y[:i * n], y[(i + 1) * n:]])
          m = Ridge().fit(X_tr, y_tr)
          scores.append(mean_absolute_error(y_val, m.predict(X_val)))
      print(np.mean(scores))
    `;
    it('statistics of all rows before a fold loop whose cuts move with the loop index fire', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'X.mean(axis=0)')]);
    });
    it('the same loop without the statistic, or with the statistic taken inside each training fold, does not fire', () => {
      const none = src.replace('mu, sd = X.mean(axis=0), X.std(axis=0)\nX = (X - mu) / sd\n', '');
      assert.notEqual(none, src);
      assert.deepEqual(rules(none, 'leakage/preprocessing'), []);
      const inside = none.replace('    m = Ridge().fit(X_tr, y_tr)', '    mu, sd = X_tr.mean(axis=0), X_tr.std(axis=0)\n    m = Ridge().fit((X_tr - mu) / sd, y_tr)')
        .replace('m.predict(X_val)', 'm.predict((X_val - mu) / sd)');
      assert.deepEqual(rules(inside, 'leakage/preprocessing'), []);
    });
    it('fold parts named freely (val_data, partial_train) fire too; a statistic of the training split before a K-fold loop over it fires even with a separate test set scored', () => {
      const named = src.replace(/X_val/g, 'val_data').replace(/X_tr\b/g, 'partial').replace(/y_tr\b/g, 'partial_t').replace(/X\[i \* n:\(i \+ 1\) \* n\]/, 'X[i * n: (i + 1) * n]');
      assert.deepEqual(rules(named, 'leakage/preprocessing'), [lineOf(named, 'X.mean(axis=0)')]);
      const withTest = py`
        import numpy as np
        from sklearn.linear_model import Ridge
        from sklearn.metrics import mean_absolute_error
        (train_x, train_y), (test_x, test_y) = load_split_arrays()
        mean = train_x.mean(axis=0)
        train_x -= mean
        test_x -= mean
        k = 4
        n = len(train_x) // k
        scores = []
        for i in range(k):
            val_x = train_x[i * n: (i + 1) * n]
            val_y = train_y[i * n: (i + 1) * n]
            part_x = np.concatenate([train_x[:i * n], train_x[(i + 1) * n:]], axis=0)
            part_y = np.concatenate([train_y[:i * n], train_y[(i + 1) * n:]], axis=0)
            m = Ridge().fit(part_x, part_y)
            scores.append(mean_absolute_error(val_y, m.predict(val_x)))
        print(np.mean(scores))
        final = Ridge().fit(train_x, train_y)
        print(mean_absolute_error(test_y, final.predict(test_x)))
      `;
      assert.deepEqual(rules(withTest, 'leakage/preprocessing'), [lineOf(withTest, 'train_x.mean(axis=0)')]);
    });
    it('minibatches sliced by a moving bound (x[i:i + bs]) with no cut from the other side are not folds', () => {
      const batches = PD + py`
        from sklearn.linear_model import SGDRegressor
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        sc = StandardScaler().fit(X_train)
        Xs = sc.transform(X_train)
        m = SGDRegressor()
        bs = 64
        for i in range(0, len(Xs), bs):
            m.partial_fit(Xs[i:i + bs], y_train[i:i + bs])
        print(mean_absolute_error(y_test, m.predict(sc.transform(X_test))))
      `;
      assert.deepEqual(rules(batches, 'leakage/preprocessing'), []);
    });
    it('a cut by a fixed index inside a loop over models is not a fold', () => {
      const fixed = py`
        import numpy as np
        import pandas as pd
        from sklearn.linear_model import Ridge, Lasso
        from sklearn.metrics import mean_absolute_error
        data = pd.read_csv("houses.csv")
        X = data.drop(columns=["price"]).values
        y = data["price"].values
        X = (X - X.mean(axis=0)) / X.std(axis=0)
        cut = int(0.8 * len(X))
        for alpha in [0.1, 1.0]:
            model = Ridge(alpha=alpha).fit(X[:cut], y[:cut])
            print(mean_absolute_error(y[cut:], model.predict(X[cut:])))
      `;
      assert.deepEqual(analyze(fixed).filter((f) => f.ruleId === 'leakage/preprocessing' && f.evidence?.reason === 'cv'), []);
    });
  });

  describe('leakage/overlap: held-out parts that are not the complement of the training part', () => {
    it('a model scored on the test part of a second, unseeded split of the same rows fires; the same seeded split made again does not', () => {
      const src = PD + py`
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)
        m = RandomForestClassifier().fit(X_tr, y_tr)
        print(accuracy_score(y_te, m.predict(X_te)))
        X_tr2, X_te2, y_tr2, y_te2 = train_test_split(X, y, test_size=0.3)
        print(accuracy_score(y_te2, m.predict(X_te2)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'accuracy_score(y_te2')]);
      const seeded = src.replace('test_size=0.2)', 'test_size=0.2, random_state=5)').replace('test_size=0.3)', 'test_size=0.2, random_state=5)');
      assert.deepEqual(rules(seeded, 'leakage/overlap'), []);
      const own = src.replace('print(accuracy_score(y_te2, m.predict(X_te2)))', 'm2 = RandomForestClassifier().fit(X_tr2, y_tr2)\nprint(accuracy_score(y_te2, m2.predict(X_te2)))');
      assert.deepEqual(rules(own, 'leakage/overlap'), []);
    });
    it('train and test drawn by two independent df.sample calls fire; the test part as the rows not sampled does not', () => {
      const src = PD + py`
        train = df.sample(frac=0.8)
        test = df.sample(frac=0.2)
        m = RandomForestClassifier().fit(train.drop(columns=["label"]), train["label"])
        print(accuracy_score(test["label"], m.predict(test.drop(columns=["label"]))))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'test = df.sample')]);
      const complement = src.replace('test = df.sample(frac=0.2)', 'test = df.drop(train.index)');
      assert.deepEqual(rules(complement, 'leakage/overlap'), []);
    });
    it('the same seeded split made again on rows scaled on all of them in between still reports the scaler', () => {
      const src = PD + py`
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=32)
        m = RandomForestClassifier().fit(X_tr, y_tr)
        print(accuracy_score(y_te, m.predict(X_te)))
        Xs = StandardScaler().fit_transform(X)
        a, b, c, d = train_test_split(Xs, y, test_size=0.2, random_state=32)
        lr = LogisticRegression().fit(a, c)
        print(accuracy_score(d, lr.predict(b)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'StandardScaler().fit_transform(X)')]);
    });
  });

  describe('positional cuts by a shared bound are a split even when the parts are not named', () => {
    const src = PD + py`
      from sklearn.preprocessing import MinMaxScaler
      A = MinMaxScaler().fit_transform(X)
      b = y.values
      cut = int(0.75 * len(A))
      m = Ridge().fit(A[:cut], b[:cut])
      print(mean_absolute_error(b[cut:], m.predict(A[cut:])))
    `;
    it('a scaler on all rows before A[:cut] / A[cut:] passed straight to fit and predict fires', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'MinMaxScaler().fit_transform(X)')]);
    });
    it('the same cuts used only to look at the data, or the last window only predicted (a forecast, nothing scored), do not fire', () => {
      const look = PD + py`
        from sklearn.preprocessing import MinMaxScaler
        A = MinMaxScaler().fit_transform(X)
        cut = int(0.75 * len(A))
        print(A[:cut].mean(), A[cut:].mean())
      `;
      assert.deepEqual(rules(look, 'leakage/preprocessing'), []);
      const forecast = src.replace('print(mean_absolute_error(b[cut:], m.predict(A[cut:])))', 'pd.DataFrame({"forecast": m.predict(A[cut:])}).to_csv("forecast.csv")');
      assert.deepEqual(rules(forecast, 'leakage/preprocessing'), []);
      assert.deepEqual(rules(forecast, 'leakage/overlap'), []);
    });
  });

  describe('mismatch/refit-at-inference: serving known only from a function name', () => {
    const src = PD + py`
      def predict_prep(frame):
          sc = StandardScaler()
          return sc.fit_transform(frame)
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      m = LogisticRegression().fit(predict_prep(X_train), y_train)
    `;
    it('a serving-named helper applied to the training rows of a training script does not fire', () => {
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), []);
    });
    it('applied to other rows it fires at warning and says the role was taken from the name; in a file that loads the model it stays an error', () => {
      const other = src + 'new = pd.read_csv("new.csv")\nprint(m.predict(predict_prep(new)))\n';
      const f = analyze(other).filter((x) => x.ruleId === 'mismatch/refit-at-inference');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(other, 'sc.fit_transform')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: `predict_prep` is taken to be serving code by its name/);
      const served = py`
        import joblib
        from sklearn.preprocessing import StandardScaler
        model = joblib.load("model.pkl")
        def predict_prep(frame):
            return StandardScaler().fit_transform(frame)
        def handle(batch):
            return model.predict(predict_prep(batch))
      `;
      const g = analyze(served, 'app.py').filter((x) => x.ruleId === 'mismatch/refit-at-inference');
      assert.deepEqual(g.map((x) => [x.location.line, x.severity]), [[lineOf(served, 'StandardScaler().fit_transform'), 'error']]);
    });
  });

  describe('forecasting: the rows a time-series model predicts without data', () => {
    const base = py`
      import pandas as pd
      from statsmodels.tsa.arima.model import ARIMA
      from sklearn.metrics import mean_squared_error
      s = pd.read_csv("sales.csv", parse_dates=["date"], index_col="date")["sales"]
      res = ARIMA(s, order=(1, 1, 1)).fit()
    `;
    it('in-sample predictions of the fitted series reported as a test score fire; reported as the fit, they do not', () => {
      const src = base + 'pred = res.predict(start=len(s) - 30, end=len(s) - 1)\nprint("Test MSE", mean_squared_error(s[-30:], pred))\n';
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'print("Test MSE"')]);
      const fit = base + 'print("in-sample MSE", mean_squared_error(s, res.predict()))\n';
      assert.deepEqual(rules(fit, 'leakage/overlap'), []);
    });
    it('a forecast past the end of the series (forecast(steps), predict(start=len(s), ...)) is not an evaluation', () => {
      const src = base + 'fc = res.predict(start=len(s), end=len(s) + 11)\nfc.plot()\nprint(res.forecast(steps=12))\n';
      assert.deepEqual(hits(src), []);
    });
    it('a model fitted on the head of the series and compared with the held-out tail does not fire', () => {
      const src = py`
        import pandas as pd
        from statsmodels.tsa.arima.model import ARIMA
        from sklearn.metrics import mean_squared_error
        s = pd.read_csv("sales.csv", parse_dates=["date"], index_col="date")["sales"]
        train, test = s[:-30], s[-30:]
        res = ARIMA(train, order=(1, 1, 1)).fit()
        print("Test MSE", mean_squared_error(test, res.forecast(steps=30)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
  });

  describe('leakage/multi-test: arrays built by a helper are new rows per call', () => {
    const HEAD = py`
      import numpy as np
      from keras.datasets import imdb, reuters
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      def vectorize(seqs, dim=10000):
          out = np.zeros((len(seqs), dim))
          for i, s in enumerate(seqs):
              out[i, s] = 1.0
          return out
    `;
    it('two datasets vectorised by the same helper, one model scored on each test set, do not fire', () => {
      const src = HEAD + py`
        (a_train, a_y), (a_test, a_ytest) = imdb.load_data(num_words=10000)
        xa, xa_test = vectorize(a_train), vectorize(a_test)
        m1 = LogisticRegression().fit(xa, a_y)
        print(accuracy_score(a_ytest, m1.predict(xa_test)))
        (b_train, b_y), (b_test, b_ytest) = reuters.load_data(num_words=10000)
        xb, xb_test = vectorize(b_train), vectorize(b_test)
        m2 = LogisticRegression(C=10).fit(xb, b_y)
        print(accuracy_score(b_ytest, m2.predict(xb_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('two models scored on one vectorised test set fire', () => {
      const src = HEAD + py`
        (a_train, a_y), (a_test, a_ytest) = imdb.load_data(num_words=10000)
        xa, xa_test = vectorize(a_train), vectorize(a_test)
        m1 = LogisticRegression().fit(xa, a_y)
        print(accuracy_score(a_ytest, m1.predict(xa_test)))
        m2 = LogisticRegression(C=10).fit(xa, a_y)
        print(accuracy_score(a_ytest, m2.predict(xa_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'm2.predict(xa_test)')]);
    });
  });

  describe('mismatch/refit-at-inference: a function wrapped as a transformer runs on every batch', () => {
    const src = PD + py`
      from sklearn.pipeline import Pipeline
      from sklearn.preprocessing import FunctionTransformer
      from sklearn.metrics import roc_auc_score
      def add_freq(frame):
          frame = frame.copy()
          frame["city_freq"] = frame["city"].map(frame["city"].value_counts(normalize=True))
          return frame
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      pipe = Pipeline([("freq", FunctionTransformer(add_freq)), ("lr", LogisticRegression())])
      pipe.fit(X_train, y_train)
      print(roc_auc_score(y_test, pipe.predict_proba(X_test)[:, 1]))
    `;
    it('a FunctionTransformer whose function computes frequencies of its input fires when the pipeline predicts the test rows', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'mismatch/refit-at-inference');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'value_counts(normalize=True)')]);
      assert.equal(f[0].severity, 'warning');
    });
    it('the pipeline pickled and loaded back from the same path in the same document is the same pipeline: it still fires', () => {
      const saved = src.replace('print(roc_auc_score', 'import pickle\nwith open("pipe.pkl", "wb") as fh:\n    pickle.dump(pipe, fh)\nwith open("pipe.pkl", "rb") as fh:\n    pipe = pickle.load(fh)\nprint(roc_auc_score');
      assert.deepEqual(rules(saved, 'mismatch/refit-at-inference'), [lineOf(saved, 'value_counts(normalize=True)')]);
      const viaJoblib = src.replace('print(roc_auc_score', 'import joblib\njoblib.dump(pipe, "pipe.joblib")\npipe = joblib.load("pipe.joblib")\nprint(roc_auc_score');
      assert.deepEqual(rules(viaJoblib, 'mismatch/refit-at-inference'), [lineOf(viaJoblib, 'value_counts(normalize=True)')]);
      // A pipeline loaded from a path this document did not write is opaque: nothing to report.
      const other = src.replace('print(roc_auc_score', 'import joblib\njoblib.dump(pipe, "pipe.joblib")\npipe = joblib.load("released/pipe.joblib")\nprint(roc_auc_score');
      assert.deepEqual(rules(other, 'mismatch/refit-at-inference'), []);
    });
    it('a row-wise function, or frequencies learned on the training rows and passed in, does not fire', () => {
      const rowwise = src.replace('frame["city"].map(frame["city"].value_counts(normalize=True))', 'frame["a"] / (frame["b"] + 1)');
      assert.deepEqual(rules(rowwise, 'mismatch/refit-at-inference'), []);
      const learned = src.replace('def add_freq(frame):', 'FREQ = None\ndef add_freq(frame, freq=None):')
        .replace('frame["city"].map(frame["city"].value_counts(normalize=True))', 'frame["city"].map(freq)')
        .replace('FunctionTransformer(add_freq)', 'FunctionTransformer(add_freq, kw_args={"freq": X_train["city"].value_counts(normalize=True)})');
      assert.deepEqual(rules(learned, 'mismatch/refit-at-inference'), []);
    });
  });

  describe('leakage/multi-test: a recap that repeats the model and training cells verbatim trains the same model again', () => {
    const setup = py`
      import torch
      from sklearn.datasets import make_moons
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import confusion_matrix
      from mytrainer import Trainer
      X, y = make_moons(n_samples=200, random_state=0)
      X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, random_state=1)
      train_loader = make_loader(X_train, y_train)
    `;
    const build = py`
      torch.manual_seed(42)
      model = torch.nn.Sequential(torch.nn.Linear(2, 1))
      optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    `;
    const train = py`
      trainer = Trainer(model, optimizer)
      trainer.set_loaders(train_loader)
      trainer.train(100)
    `;
    const score = py`
      cm = confusion_matrix(y_val, trainer.predict(X_val) > 0)
    `;
    const multi = (cells: string[]): string[] => analyze(notebook(cells.map((source) => ({ source }))), 'chapter.ipynb')
      .filter((x) => x.ruleId === 'leakage/multi-test').map((x) => `${x.location.cell}:${x.location.line}`);
    it('the same cells run again and scored on the same validation set do not fire', () => {
      assert.deepEqual(multi([setup, build, train, score, 'print("recap")\n', build, train, score]), []);
    });
    it('a repeated training cell after a changed model cell fires: it is another setting', () => {
      const other = build.replace('lr=0.1', 'lr=0.01');
      assert.deepEqual(multi([setup, build, train, score, other, train, score]), [`6:${lineOf(score, 'confusion_matrix')}`]);
    });
    it('a verbatim repeated cell fitted on a training set built again in between fires: it trains on other data', () => {
      const sk = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.metrics import accuracy_score
        df = pd.read_csv("data.csv")
        X_train, X_test, y_train, y_test = train_test_split(df.drop(columns=["label"]), df["label"], random_state=0)
      `;
      const fit = py`
        model = RandomForestClassifier(random_state=0)
        model.fit(X_train, y_train)
        print(accuracy_score(y_test, model.predict(X_test)))
      `;
      const more = py`
        X_train = X_train.assign(ratio=X_train["a"] / X_train["b"])
        X_test = X_test.assign(ratio=X_test["a"] / X_test["b"])
      `;
      assert.deepEqual(multi([sk, fit, more, fit]), [`3:${lineOf(fit, 'accuracy_score')}`]);
    });
  });

  describe('mismatch/refit-at-inference: a transformer class written in the document whose fit learns nothing runs transform on every batch', () => {
    const src = PD + py`
      from sklearn.pipeline import Pipeline
      from sklearn.base import BaseEstimator, TransformerMixin
      from sklearn.metrics import roc_auc_score
      def prepare(frame):
          frame = frame.copy()
          frame["amt_vs_cat"] = frame["amt"] - frame.groupby("cat")["amt"].transform("mean")
          return frame
      class Prepare(BaseEstimator, TransformerMixin):
          def fit(self, X, y=None):
              return self
          def transform(self, X):
              return prepare(X)
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      pipe = Pipeline([("prep", Prepare()), ("lr", LogisticRegression())])
      pipe.fit(X_train, y_train)
      print(roc_auc_score(y_test, pipe.predict_proba(X_test)[:, 1]))
    `;
    it('a per-category mean computed inside its transform fires when the pipeline scores the test rows', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'mismatch/refit-at-inference');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'groupby("cat")')]);
      assert.equal(f[0].severity, 'warning');
    });
    it('a row-wise transform, or a class whose fit learns the means it applies, does not fire', () => {
      const rowwise = src.replace('frame["amt"] - frame.groupby("cat")["amt"].transform("mean")', 'frame["amt"] / (frame["qty"] + 1)');
      assert.deepEqual(rules(rowwise, 'mismatch/refit-at-inference'), []);
      const learns = src.replace('def fit(self, X, y=None):\n            return self', 'def fit(self, X, y=None):\n            self.means_ = X.groupby("cat")["amt"].mean()\n            return self')
        .replace('return prepare(X)', 'return X.assign(amt_vs_cat=X["amt"] - X["cat"].map(self.means_))');
      assert.deepEqual(rules(learns, 'mismatch/refit-at-inference'), []);
    });
  });

  describe('mismatch/refit-at-inference: statistics of the batch being scored, written out at serving', () => {
    const src = py`
      import joblib
      import pandas as pd
      model = joblib.load("model.joblib")
      batch = pd.read_csv("incoming.csv")
      batch["income"] = batch["income"].fillna(batch["income"].median())
      batch["city_freq"] = batch["city"].map(batch["city"].value_counts(normalize=True))
      print(model.predict(batch[["income", "city_freq"]]))
    `;
    it('a fill and a frequency computed from the batch and given to the loaded model fire at warning', () => {
      const f = analyze(src, 'score_batch.py').filter((x) => x.ruleId === 'mismatch/refit-at-inference');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'median()'), 'warning'], [lineOf(src, 'value_counts')]].map(([l]) => [l, 'warning']));
      assert.match(f[0].message, /computed .* from the batch being scored/);
    });
    it('constants from training, or a statistic of the predictions that never reaches the model, do not fire', () => {
      const stored = src.replace('batch["income"].median()', '52000').replace('batch["city"].value_counts(normalize=True)', 'joblib.load("city_freq.joblib")');
      assert.deepEqual(rules(stored, 'mismatch/refit-at-inference', 'score_batch.py'), []);
      const out = py`
        import joblib
        import pandas as pd
        model = joblib.load("model.joblib")
        batch = pd.read_csv("incoming.csv")
        out = pd.DataFrame({"pred": model.predict(batch[["income", "age"]])})
        out["pred"] = out["pred"].fillna(out["pred"].mean())
        out.to_csv("scored.csv")
      `;
      assert.deepEqual(rules(out, 'mismatch/refit-at-inference', 'score_batch.py'), []);
    });
  });

  describe('mismatch/refit-at-inference: encoders kept in a dict per column and looked up by key in a loop', () => {
    const src = PD + py`
      from sklearn.preprocessing import OneHotEncoder
      from sklearn.tree import DecisionTreeRegressor
      def encode(frame, enc, col):
          return pd.DataFrame(enc.transform(frame[[col]]).toarray())
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      encoders = []
      for col in ["season", "weekday"]:
          ohe = OneHotEncoder().fit(X_train[[col]])
          encoders.append({"col": col, "enc": ohe})
      train_parts = [X_train[["temp"]]] + [encode(X_train, e["enc"], e["col"]) for e in encoders]
      m = DecisionTreeRegressor().fit(pd.concat(train_parts, axis=1), y_train)
      test_parts = [X_test[["temp"]]]
      for e in encoders:
          test_parts.append(encode(X_test, e["enc"], e["col"]))
      print(mean_absolute_error(y_test, m.predict(pd.concat(test_parts, axis=1))))
    `;
    it('an encoder taken from the dict and fitted again on the test rows fires; transform only does not', () => {
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), []);
      const refit = src.replace('return pd.DataFrame(enc.transform(frame[[col]]).toarray())', 'return pd.DataFrame(enc.fit_transform(frame[[col]]).toarray())');
      assert.deepEqual(rules(refit, 'mismatch/refit-at-inference'), [lineOf(refit, 'enc.fit_transform(frame[[col]])')]);
    });
  });

  describe('an object the analysis cannot follow, taken to be a transformer by its name, says so', () => {
    it('encoders from another module refitted on the test rows fire at warning with the assumption; a model-like name does not', () => {
      const src = PD + py`
        from myproject.features import make_encoders
        encoders = make_encoders()
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        ohe = encoders["ohe"]
        Z_test = ohe.fit_transform(X_test[["city"]])
        print(encoders["clf"].predict(Z_test))
      `;
      const f = analyze(src).filter((x) => x.ruleId === 'mismatch/refit-at-inference');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'ohe.fit_transform(X_test'), 'warning']]);
      assert.match(f[0].message, /Assumed: `.*` is taken to be a fitted transformer by its name/);
      const model = src.replace('encoders = make_encoders()', 'models = make_encoders()').replace('ohe = encoders["ohe"]\nZ_test = ohe.fit_transform', 'clf = models["clf"]\nZ_test = clf.fit_transform');
      assert.notEqual(model, src);
      assert.deepEqual(rules(model, 'mismatch/refit-at-inference'), []);
    });
  });

  describe('leakage/multi-test: estimator classes drawn per iteration (round 4)', () => {
    it('a loop over estimator classes that builds, fits and scores each on the test set fires; a loop over seeds of one class does not', () => {
      const src = PD + py`
        from sklearn.utils import all_estimators
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        for name, Est in all_estimators(type_filter="classifier"):
            try:
                clf = Est()
                clf.fit(X_train, y_train)
                print(name, accuracy_score(y_test, clf.predict(X_test)))
            except Exception:
                pass
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print(name, accuracy_score')]);
      const one = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        make = RandomForestClassifier
        clf = make()
        clf.fit(X_train, y_train)
        print(accuracy_score(y_test, clf.predict(X_test)))
      `;
      assert.deepEqual(rules(one, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/overlap: scores on the training rows before any held-out data exists (round 4)', () => {
    it('classifiers fitted on all rows and scored on them before the data is split fires; the same after a split, called a training score, does not', () => {
      const src = PD + py`
        from sklearn.neighbors import KNeighborsClassifier
        a = LogisticRegression().fit(X, y)
        print(accuracy_score(y, a.predict(X)))
        b = KNeighborsClassifier(n_neighbors=3).fit(X, y)
        print(accuracy_score(y, b.predict(X)))
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
        c = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, c.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'y, a.predict(X)'), lineOf(src, 'y, b.predict(X)')]);
      const after = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
        c = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, c.predict(X_test)))
        final = LogisticRegression().fit(X, y)
        print("training accuracy", accuracy_score(y, final.predict(X)))
      `;
      assert.deepEqual(rules(after, 'leakage/overlap'), []);
    });
    it('a regression fitted on all rows and described by its in-sample r2 before a later split does not fire', () => {
      const src = PD + py`
        from sklearn.metrics import r2_score
        reg = Ridge().fit(X, y)
        print(r2_score(y, reg.predict(X)))
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=1)
        m = Ridge().fit(X_train, y_train)
        print(r2_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
  });

  describe('PySpark: randomSplit, Spark ML evaluators and mllib RDD scoring (round 4)', () => {
    const SPARK = py`
      from pyspark.sql import SparkSession
      from pyspark.ml import Pipeline
      from pyspark.ml.feature import StringIndexer, VectorAssembler
      from pyspark.ml.classification import LogisticRegression, RandomForestClassifier
      from pyspark.ml.evaluation import BinaryClassificationEvaluator
      spark = SparkSession.builder.appName("churn").getOrCreate()
      df = spark.read.csv("churn.csv", header=True, inferSchema=True)
      idx = StringIndexer(inputCol="plan", outputCol="plan_idx").fit(df).transform(df)
      feats = VectorAssembler(inputCols=["plan_idx", "usage"], outputCol="features").transform(idx)
      evaluator = BinaryClassificationEvaluator(labelCol="label")
    `;
    it('two Spark ML models scored by one evaluator on the test part of randomSplit fire; one model scored once does not', () => {
      const src = SPARK + py`
        train_df, test_df = feats.randomSplit([0.8, 0.2], seed=7)
        lr = LogisticRegression(labelCol="label").fit(train_df)
        print("lr auc", evaluator.evaluate(lr.transform(test_df)))
        rf = RandomForestClassifier(labelCol="label").fit(train_df)
        print("rf auc", evaluator.evaluate(rf.transform(test_df)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'evaluator.evaluate(rf.transform')]);
      const one = SPARK + py`
        train_df, test_df = feats.randomSplit([0.8, 0.2], seed=7)
        model = Pipeline(stages=[LogisticRegression(labelCol="label")]).fit(train_df)
        print("auc", evaluator.evaluate(model.transform(test_df)))
      `;
      assert.deepEqual(rules(one, 'leakage/multi-test'), []);
      assert.deepEqual(rules(one, 'leakage/overlap'), []);
      // The category vocabulary learned before the split is not a preprocessing leak.
      assert.deepEqual(rules(one, 'leakage/preprocessing'), []);
    });
    it('a Spark StandardScaler fitted on all rows before randomSplit fires; fitted on the training part it does not', () => {
      const src = SPARK + py`
        from pyspark.ml.feature import StandardScaler
        scaled = StandardScaler(inputCol="features", outputCol="scaled").fit(feats).transform(feats)
        train_df, test_df = scaled.randomSplit([0.8, 0.2], seed=7)
        m = LogisticRegression(featuresCol="scaled").fit(train_df)
        print(evaluator.evaluate(m.transform(test_df)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'scaled = StandardScaler')]);
      const ok = SPARK + py`
        from pyspark.ml.feature import StandardScaler
        train_df, test_df = feats.randomSplit([0.8, 0.2], seed=7)
        sc = StandardScaler(inputCol="features", outputCol="scaled").fit(train_df)
        m = LogisticRegression(featuresCol="scaled").fit(sc.transform(train_df))
        print(evaluator.evaluate(m.transform(sc.transform(test_df))))
      `;
      assert.deepEqual(rules(ok, 'leakage/preprocessing'), []);
    });
    it('a DataFrame from spark.sql split by randomSplit: a CrossValidator model scored once does not fire; a second model on the same test part does', () => {
      const src = py`
        from pyspark.sql import SparkSession
        from pyspark.ml.classification import GBTClassifier, LogisticRegression
        from pyspark.ml.evaluation import BinaryClassificationEvaluator
        from pyspark.ml.tuning import CrossValidator, ParamGridBuilder
        spark = SparkSession.builder.getOrCreate()
        data = spark.sql("select * from features")
        train, test = data.randomSplit([0.8, 0.2], seed=3)
        evaluator = BinaryClassificationEvaluator()
        grid = ParamGridBuilder().addGrid(LogisticRegression.regParam, [0.1, 0.01]).build()
        cv = CrossValidator(estimator=LogisticRegression(), estimatorParamMaps=grid, evaluator=evaluator, numFolds=3)
        cvModel = cv.fit(train)
        print("auc", evaluator.evaluate(cvModel.transform(test)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
      const two = src + 'gbt = GBTClassifier().fit(train)\nprint("gbt auc", evaluator.evaluate(gbt.transform(test)))\n';
      assert.deepEqual(rules(two, 'leakage/multi-test'), [lineOf(two, 'evaluator.evaluate(gbt.transform')]);
    });
    it('mllib models trained on an RDD and compared by zipped labels and predictions on the test RDD fire', () => {
      const src = py`
        from pyspark import SparkContext
        from pyspark.mllib.regression import LabeledPoint
        from pyspark.mllib.tree import DecisionTree, RandomForest
        sc = SparkContext()
        points = sc.textFile("points.txt").map(lambda l: LabeledPoint(float(l[0]), l[1:]))
        (trainRdd, testRdd) = points.randomSplit([0.7, 0.3])
        dt = DecisionTree.trainClassifier(trainRdd, numClasses=2, categoricalFeaturesInfo={})
        pairs = testRdd.map(lambda p: p.label).zip(dt.predict(testRdd.map(lambda p: p.features)))
        dt_err = pairs.filter(lambda vp: vp[0] != vp[1]).count() / float(testRdd.count())
        rf = RandomForest.trainClassifier(trainRdd, numClasses=2, categoricalFeaturesInfo={}, numTrees=50)
        pairs = testRdd.map(lambda p: p.label).zip(rf.predict(testRdd.map(lambda p: p.features)))
        rf_err = pairs.filter(lambda vp: vp[0] != vp[1]).count() / float(testRdd.count())
        print(dt_err, rf_err)
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'rf_err = pairs.filter')]);
    });
  });

  describe('leakage/overlap: a score printed later under a test label (round 4)', () => {
    it('a model scored on the rows it was fitted on, the score printed as "Test accuracy", fires; printed as training accuracy, it does not', () => {
      const src = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        m = LogisticRegression().fit(X_train, y_train)
        acc = accuracy_score(y_train, m.predict(X_train))
        print("Test accuracy:", acc)
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'acc = accuracy_score')]);
      const train = src.replace('"Test accuracy:"', '"Training accuracy:"');
      assert.deepEqual(rules(train, 'leakage/overlap'), []);
    });
    it('the name bound again to the test score before the print does not fire', () => {
      const src = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        m = LogisticRegression().fit(X_train, y_train)
        acc = accuracy_score(y_train, m.predict(X_train))
        print(acc)
        acc = accuracy_score(y_test, m.predict(X_test))
        print("Test accuracy:", acc)
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a model fitted on the held-out rows and its fit summary read (round 4)', () => {
    it('an OLS fitted on the test part and its summary printed fires at warning; the OLS of the training part does not', () => {
      const src = PD + py`
        import statsmodels.api as sm
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        ols_train = sm.OLS(y_train, sm.add_constant(X_train)).fit()
        print(ols_train.summary())
        ols_test = sm.OLS(y_test, sm.add_constant(X_test)).fit()
        print(ols_test.summary())
      `;
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'print(ols_test.summary())')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed:/);
    });
    it('an OLS on all rows described by its summary, with no held-out part, does not fire', () => {
      const src = PD + py`
        import statsmodels.api as sm
        ols = sm.OLS(y, sm.add_constant(X)).fit()
        print(ols.summary())
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
  });

  describe('models written by hand as functions (round 4)', () => {
    const HAND = PD + py`
      def fit_stump(X, y):
          return {"threshold": X[:, 0].mean(), "left": y.min(), "right": y.max()}
      def predict(stump, X):
          return np.where(X[:, 0] > stump["threshold"], stump["right"], stump["left"])
      def forest_fit(X, y, m=10):
          return [fit_stump(X, y) for i in range(m)]
      def forest_predict(X, stumps):
          return np.round(np.mean([predict(s, X) for s in stumps], axis=0))
      parts = train_test_split(X.values, y.values, test_size=0.5, random_state=3)
      X_tr, X_te, y_tr, y_te = [np.asarray(p) for p in parts]
    `;
    it('two hand-written models scored on the same test part fire', () => {
      const src = HAND + py`
        stump = fit_stump(X_tr, y_tr)
        print("stump", (predict(stump, X_te) == y_te).mean())
        forest = forest_fit(X_tr, y_tr)
        print("forest", (forest_predict(X_te, forest) == y_te).mean())
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, '"forest", (forest_predict')]);
    });
    it('one hand-written model scored once on the test part, beside its training score, does not fire', () => {
      const src = HAND + py`
        stump = fit_stump(X_tr, y_tr)
        print("train", (predict(stump, X_tr) == y_tr).mean())
        print("test", (predict(stump, X_te) == y_te).mean())
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('a label column deleted after a column selection is no longer among the features of a hand-written fit', () => {
      const src = PD + py`
        def train_linear_regression(X, y):
            X = np.column_stack([np.ones(X.shape[0]), X])
            return np.linalg.inv(X.T.dot(X)).dot(X.T).dot(y)
        df = df[["a", "b", "label"]]
        df_train = df.iloc[:100].copy()
        y_train = df_train.label.values
        del df_train["label"]
        w = train_linear_regression(df_train.fillna(0).values, y_train)
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
      const kept = src.replace('del df_train["label"]\n', '');
      assert.deepEqual(rules(kept, 'leakage/target'), [lineOf(kept, 'df = df[["a", "b", "label"]]')]);
    });
  });

  describe('leakage/overlap: a subset stacked back onto all the rows, and scores unpacked from evaluate (round 4)', () => {
    it('all the rows with a copy of the minority rows appended before the split fires; two disjoint masks stacked do not', () => {
      const src = PD + py`
        up = df.append(df[df["label"] == 1], ignore_index=True)
        train, test = train_test_split(up, test_size=0.2, random_state=0)
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'df.append(')]);
      const masks = PD + py`
        re = pd.concat([df[df["a"] > 0], df[df["a"] <= 0]])
        train, test = train_test_split(re, test_size=0.2, random_state=0)
      `;
      assert.deepEqual(rules(masks, 'leakage/overlap'), []);
    });
    it('loss and accuracy unpacked from evaluate on the training rows and printed as the test accuracy fire', () => {
      const src = PD + py`
        from tensorflow import keras
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        net = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        net.compile(loss="binary_crossentropy", metrics=["accuracy"])
        net.fit(X_train, y_train, epochs=3)
        loss, acc = net.evaluate(X_train, y_train)
        print("Test accuracy:", acc)
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'net.evaluate(X_train')]);
      const ok = src.replace('net.evaluate(X_train, y_train)', 'net.evaluate(X_test, y_test)');
      assert.deepEqual(rules(ok, 'leakage/overlap'), []);
    });
  });

  describe('leakage/multi-test: a held-out loader iterated inline inside the epoch loop (round 4)', () => {
    const HEAD = py`
      import torch
      from torch.utils.data import DataLoader
      from mymodels import Net
      train_loader = DataLoader(train_ds, batch_size=64, shuffle=True)
      val_loader = DataLoader(val_ds, batch_size=256)
      test_loader = DataLoader(test_ds, batch_size=256)
      net = Net()
      opt = torch.optim.Adam(net.parameters())
      best_acc = 0.0
      for epoch in range(20):
          for xb, yb in train_loader:
              opt.zero_grad()
              torch.nn.functional.cross_entropy(net(xb), yb).backward()
              opt.step()
          correct = 0
          with torch.no_grad():
    `;
    it('the test loader scored inline every epoch, keeping the best epoch, fires at warning', () => {
      const src = HEAD
        + '        for xb, yb in test_loader:\n'
        + '            correct += (net(xb).argmax(1) == yb).sum().item()\n'
        + '    acc = correct / len(test_ds)\n'
        + '    if acc > best_acc:\n'
        + '        best_acc = acc\n'
        + '        torch.save(net.state_dict(), "best.pt")\n';
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'in test_loader:')]);
      assert.equal(f[0].severity, 'warning');
    });
    it('the validation loader scored inline to keep the best epoch, with the test loader scored once after training, does not fire', () => {
      const src = HEAD
        + '        for xb, yb in val_loader:\n'
        + '            correct += (net(xb).argmax(1) == yb).sum().item()\n'
        + '    acc = correct / len(val_ds)\n'
        + '    if acc > best_acc:\n'
        + '        best_acc = acc\n'
        + '        torch.save(net.state_dict(), "best.pt")\n'
        + py`
          net.load_state_dict(torch.load("best.pt"))
          hits = 0
          for xb, yb in test_loader:
              hits += (net(xb).argmax(1) == yb).sum().item()
          print("test accuracy", hits / len(test_ds))
        `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/overlap: Keras validation_split on resampled rows (round 4)', () => {
    it('SMOTE before fit(validation_split=0.2) fires; the same rows not resampled do not', () => {
      const src = PD + py`
        from imblearn.over_sampling import SMOTE
        from tensorflow import keras
        X_res, y_res = SMOTE().fit_resample(X, y)
        net = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        net.compile(loss="binary_crossentropy", metrics=["accuracy"])
        hist = net.fit(X_res, y_res, epochs=10, validation_split=0.2)
        print(hist.history["val_accuracy"][-1])
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'SMOTE().fit_resample')]);
      const plain = src.replace('X_res, y_res = SMOTE().fit_resample(X, y)', 'X_res, y_res = X, y');
      assert.deepEqual(rules(plain, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: training rows oversampled, then cross-validated beside a held-out score (round 7)', () => {
    it('says the resample before cross_val_score as a guess (warning) when the untouched held-out split is scored too; error when nothing else is scored', () => {
      const src = PD + py`
        from imblearn.over_sampling import RandomOverSampler
        from sklearn.model_selection import cross_val_score
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        X_res, y_res = RandomOverSampler(random_state=0).fit_resample(X_train, y_train)
        rf = RandomForestClassifier()
        print(cross_val_score(rf, X_res, y_res, cv=5).mean())
        rf.fit(X_res, y_res)
        print(accuracy_score(y_test, rf.predict(X_test)))
      `;
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, '.fit_resample(X_train')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: /);
      const cvOnly = src.replace('print(accuracy_score(y_test, rf.predict(X_test)))', '');
      const g = analyze(cvOnly).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(g.map((x) => x.severity), ['error']);
    });
  });

  describe('leakage/multi-test: pipelines built from steps drawn per iteration (round 4)', () => {
    it('one pipeline line fed a different scaler each iteration and scored on the test set fires; the same steps rebuilt each pass do not', () => {
      const src = PD + py`
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import MinMaxScaler
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        for sc in [StandardScaler(), MinMaxScaler()]:
            pipe = make_pipeline(sc, LogisticRegression()).fit(X_train, y_train)
            print(type(sc).__name__, pipe.score(X_test, y_test))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'pipe.score(X_test')]);
      const same = PD + py`
        from sklearn.pipeline import make_pipeline
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        for run in range(3):
            pipe = make_pipeline(StandardScaler(), LogisticRegression()).fit(X_train, y_train)
        print(pipe.score(X_test, y_test))
      `;
      assert.deepEqual(rules(same, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/overlap: statsmodels fitted values are in-sample predictions (round 4)', () => {
    it('the fitted values scored and printed as the test error fire at warning, saying the label was taken from the print; printed as in-sample they do not', () => {
      const src = PD + py`
        import statsmodels.api as sm
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        res = sm.OLS(y_train, sm.add_constant(X_train)).fit()
        mae = mean_absolute_error(y_train, res.fittedvalues)
        print("Test MAE:", mae)
      `;
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'mae = mean_absolute_error')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: `mae` is taken to be reported as a test score/);
      const fit = src.replace('"Test MAE:"', '"In-sample MAE:"');
      assert.deepEqual(rules(fit, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a final refit on training + validation rows scored on the validation rows (round 4)', () => {
    it('the refit on train + val reported on val fires; the same refit scored on a separate test set does not', () => {
      const src = PD + py`
        X_train, X_val, y_train, y_val = train_test_split(X, y, random_state=0)
        X_full = np.vstack([X_train, X_val])
        y_full = np.concatenate([y_train, y_val])
        final = LogisticRegression().fit(X_full, y_full)
        print("validation accuracy", accuracy_score(y_val, final.predict(X_val)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'X_full = np.vstack')]);
      const ok = PD + py`
        X_rest, X_test, y_rest, y_test = train_test_split(X, y, random_state=0)
        X_train, X_val, y_train, y_val = train_test_split(X_rest, y_rest, random_state=1)
        X_full = np.vstack([X_train, X_val])
        y_full = np.concatenate([y_train, y_val])
        final = LogisticRegression().fit(X_full, y_full)
        print("test accuracy", accuracy_score(y_test, final.predict(X_test)))
      `;
      assert.deepEqual(rules(ok, 'leakage/overlap'), []);
    });
  });

  describe('leakage/multi-test: the best of several unseeded runs kept by test score (round 4)', () => {
    const RUNS = PD + py`
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      scores = []
      for i in range(10):
          rf = RandomForestClassifier(n_estimators=100)
          rf.fit(X_train, y_train)
          scores.append(accuracy_score(y_test, rf.predict(X_test)))
    `;
    it('runs of an unseeded forest scored on the test set with the best kept fire at warning and say what was assumed', () => {
      const src = RUNS + 'print("best", max(scores))\n';
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'scores.append(accuracy_score')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: each run of the unseeded `RandomForestClassifier`/);
    });
    it('the runs averaged, or a deterministic model re-run, do not fire', () => {
      const mean = RUNS + 'print("mean", np.mean(scores), np.std(scores))\n';
      assert.deepEqual(rules(mean, 'leakage/multi-test'), []);
      const det = RUNS.replace('RandomForestClassifier(n_estimators=100)', 'LogisticRegression()') + 'print("best", max(scores))\n';
      assert.deepEqual(rules(det, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: a random split re-made in each pass of a loop that keeps the best test score (round 7)', () => {
    const LOOP = (split: string, keep: string) => PD + py`
      import pickle
      from sklearn.linear_model import LinearRegression
      model = LinearRegression()
      best = 0
      for i in range(30):
          ${split}
          model.fit(X_train, y_train)
          acc = model.score(X_test, y_test)
          ${keep}
      print("best", best)
    `;
    const UNSEEDED = 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.1)';
    it('an unseeded split re-made each pass with the best pass kept by a running best fires at warning and says what was assumed', () => {
      const src = LOOP(UNSEEDED, 'if acc > best: best = acc; pickle.dump(model, open("m.pkl", "wb"))');
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'acc = model.score(X_test, y_test)')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: each pass fits `LinearRegression` on another random split made in the loop/);
    });
    it('the split seed chosen by the loop variable with a running best fires', () => {
      const src = LOOP('X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=i)', 'if acc > best: best = acc');
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'acc = model.score(X_test, y_test)')]);
    });
    it('passes averaged (repeated hold-out, nothing kept) do not fire', () => {
      const mean = LOOP(UNSEEDED, 'best = best + acc / 30');
      assert.deepEqual(rules(mean, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: the best chosen by max/min/sorted with a key that scores the test set (round 4)', () => {
    it('max(models, key=test accuracy) and a threshold chosen by min(..., key=test error) fire', () => {
      const src = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        models = [LogisticRegression().fit(X_train, y_train), RandomForestClassifier().fit(X_train, y_train)]
        best = max(models, key=lambda m: accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'best = max(models')]);
      const thr = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        p = RandomForestClassifier(random_state=0).fit(X_train, y_train).predict_proba(X_test)[:, 1]
        t = min(np.arange(0.1, 0.9, 0.05), key=lambda t: 1 - accuracy_score(y_test, p > t))
      `;
      assert.deepEqual(rules(thr, 'leakage/multi-test'), [lineOf(thr, 't = min(')]);
    });
    it('a key that only reads stored results does not fire', () => {
      const src = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        m = LogisticRegression().fit(X_train, y_train)
        results = [("lr", 0.8), ("rf", 0.9)]
        best = max(results, key=lambda r: r[1])
        print(accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: a phase loop over train and val loaders keeping the best val epoch (round 4)', () => {
    const TRAIN = py`
      import copy
      import torch
      from mymodels import Net
      dataloaders = {p: make_loader(p) for p in ["train", "val"]}
      net = Net()
      opt = torch.optim.SGD(net.parameters(), lr=0.01)
      best_acc, best_state = 0.0, None
      for epoch in range(10):
          for phase in ["train", "val"]:
              net.train() if phase == "train" else net.eval()
              corrects = 0
              for xb, yb in dataloaders[phase]:
                  out = net(xb)
                  if phase == "train":
                      torch.nn.functional.cross_entropy(out, yb).backward()
                      opt.step()
                  corrects += (out.argmax(1) == yb).sum().item()
              acc = corrects / len(dataloaders[phase].dataset)
              if phase == "val" and acc > best_acc:
                  best_acc, best_state = acc, copy.deepcopy(net.state_dict())
      print("best val acc", best_acc)
    `;
    it('the val phase as the only held-out set, choosing and reporting the best epoch, fires at warning', () => {
      const f = analyze(TRAIN).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(TRAIN, 'in dataloaders[phase]')]);
      assert.equal(f[0].severity, 'warning');
    });
    it('with a test loader scored once after training it does not fire', () => {
      const src = TRAIN + py`
        net.load_state_dict(best_state)
        hits = 0
        for xb, yb in test_loader:
            hits += (net(xb).argmax(1) == yb).sum().item()
        print("test acc", hits)
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: Hugging Face Trainer given a predefined split as eval_dataset (round 4)', () => {
    const HF = py`
      from datasets import load_dataset
      from transformers import AutoModelForSequenceClassification, TrainingArguments, Trainer
      raw = load_dataset("imdb")
      enc = raw.map(lambda b: tokenizer(b["text"], truncation=True), batched=True)
      model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)
      args = TrainingArguments("out", eval_strategy="epoch", save_strategy="epoch", load_best_model_at_end=True)
    `;
    it('the test split as eval_dataset with the best checkpoint kept fires', () => {
      const src = HF + py`
        trainer = Trainer(model=model, args=args, train_dataset=enc["train"], eval_dataset=enc["test"])
        trainer.train()
        print(trainer.evaluate())
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'eval_dataset=enc["test"]')]);
    });
    it('the validation split as eval_dataset with the test split scored once after training does not fire', () => {
      const src = HF + py`
        from sklearn.metrics import accuracy_score
        trainer = Trainer(model=model, args=args, train_dataset=enc["train"], eval_dataset=enc["validation"])
        trainer.train()
        out = trainer.predict(enc["test"])
        print(accuracy_score(enc["test"]["label"], out.predictions.argmax(-1)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    const PLAIN = py`
      from datasets import load_dataset
      from transformers import AutoModelForSequenceClassification, TrainingArguments, Trainer
      raw = load_dataset("imdb")
      enc = raw.map(lambda b: tokenizer(b["text"], truncation=True), batched=True)
      model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)
    `;
    it('the test split as eval_dataset with default arguments (no evaluation strategy) does not fire: train() never scores it', () => {
      const src = PLAIN + py`
        args = TrainingArguments(output_dir="out", learning_rate=2e-5, num_train_epochs=2)
        trainer = Trainer(model=model, args=args, train_dataset=enc["train"], eval_dataset=enc["test"])
        trainer.train()
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('the test split as eval_dataset scored every epoch (eval_strategy="epoch", no checkpoint choice) fires', () => {
      const src = PLAIN + py`
        args = TrainingArguments(output_dir="out", eval_strategy="epoch", num_train_epochs=3)
        trainer = Trainer(model=model, args=args, train_dataset=enc["train"], eval_dataset=enc["test"])
        trainer.train()
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'eval_dataset=enc["test"]')]);
    });
  });

  describe('leakage/temporal: windows cut from one series at every position (round 4)', () => {
    const WIN = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      prices = pd.read_csv("prices.csv")["close"].values
      def make_windows(series, n=30):
          X, y = [], []
          for i in range(len(series) - n):
              X.append(series[i:i + n])
              y.append(series[i + n])
          return np.array(X), np.array(y)
      X, y = make_windows(prices)
    `;
    it('a shuffled split of the windows fires', () => {
      const src = WIN + 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)\n';
      assert.deepEqual(rules(src, 'leakage/temporal'), [lineOf(src, 'train_test_split(X, y, test_size=0.2)')]);
    });
    it('an unshuffled split, or minibatches sliced with a step, do not fire', () => {
      const src = WIN + 'X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, shuffle=False)\n';
      assert.deepEqual(rules(src, 'leakage/temporal'), []);
      const batches = py`
        import numpy as np
        import pandas as pd
        from sklearn.model_selection import train_test_split
        rows = pd.read_csv("rows.csv").values
        parts = []
        for i in range(0, len(rows), 64):
            parts.append(rows[i:i + 64])
        X = np.concatenate(parts)
        X_train, X_test = train_test_split(X, test_size=0.2)
      `;
      assert.deepEqual(rules(batches, 'leakage/temporal'), []);
    });
  });

  describe('leakage/temporal: K-fold in row order on a series (round 6)', () => {
    const SERIES = py`
      import pandas as pd
      from sklearn.model_selection import KFold, StratifiedKFold, TimeSeriesSplit, cross_val_score, train_test_split
      from sklearn.linear_model import LogisticRegression
      s = pd.read_csv("ticks.csv", index_col="day", parse_dates=True)
      target = (s["level"].shift(-1) > s["level"]).astype(int)
      feats = s[["level", "volume"]]
    `;
    it('unshuffled KFold or an integer cv over the whole series, or over its held-out period, fires at warning', () => {
      const whole = SERIES + 'acc = cross_val_score(LogisticRegression(), feats, target, cv=KFold(n_splits=4))\n';
      assert.deepEqual(rules(whole, 'leakage/temporal'), [lineOf(whole, 'acc = cross_val_score')]);
      const f = analyze(whole).find((x) => x.ruleId === 'leakage/temporal')!;
      assert.equal(f.severity, 'warning');
      assert.match(f.message, /Assumed: the task forecasts/);
      const integer = SERIES + 'acc = cross_val_score(LogisticRegression(), feats, target, cv=4)\n';
      assert.deepEqual(rules(integer, 'leakage/temporal'), [lineOf(integer, 'acc = cross_val_score')]);
      const heldOut = SERIES + py`
        f_tr, f_te, t_tr, t_te = train_test_split(feats, target, test_size=0.3, shuffle=False)
        clf = LogisticRegression().fit(f_tr, t_tr)
        acc = cross_val_score(clf, f_te, t_te, cv=StratifiedKFold(3))
      `;
      assert.deepEqual(rules(heldOut, 'leakage/temporal'), [lineOf(heldOut, 'acc = cross_val_score')]);
    });
    it('TimeSeriesSplit, folds on the training period before a scored test period, or folds of rows with no time order do not fire', () => {
      const ts = SERIES + 'acc = cross_val_score(LogisticRegression(), feats, target, cv=TimeSeriesSplit(4))\n';
      assert.deepEqual(rules(ts, 'leakage/temporal'), []);
      const tuning = SERIES + py`
        f_tr, f_te, t_tr, t_te = train_test_split(feats, target, test_size=0.3, shuffle=False)
        acc = cross_val_score(LogisticRegression(C=0.1), f_tr, t_tr, cv=3)
        clf = LogisticRegression(C=0.1).fit(f_tr, t_tr)
        print(clf.score(f_te, t_te))
      `;
      assert.deepEqual(rules(tuning, 'leakage/temporal'), []);
      const plain = PD + 'from sklearn.model_selection import cross_val_score\nacc = cross_val_score(LogisticRegression(), X, y, cv=5)\n';
      assert.deepEqual(rules(plain, 'leakage/temporal'), []);
    });
    it('a search with default, integer or unshuffled KFold folds over the whole series fires at warning (round 12)', () => {
      const search = SERIES + py`
        from sklearn.model_selection import GridSearchCV
        gs = GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=3)
        gs.fit(feats, target)
        print(gs.best_score_)
      `;
      assert.deepEqual(rules(search, 'leakage/temporal'), [lineOf(search, 'gs.fit(feats')]);
      assert.equal(analyze(search).find((x) => x.ruleId === 'leakage/temporal')!.severity, 'warning');
      const dflt = search.replace(', cv=3)', ')');
      assert.deepEqual(rules(dflt, 'leakage/temporal'), [lineOf(dflt, 'gs.fit(feats')]);
    });
    it('a search with TimeSeriesSplit folds, or one tuning on the training period before a scored test period, does not fire', () => {
      const search = SERIES + py`
        from sklearn.model_selection import GridSearchCV
        gs = GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=TimeSeriesSplit(4))
        gs.fit(feats, target)
        print(gs.best_score_)
      `;
      assert.deepEqual(rules(search, 'leakage/temporal'), []);
      const tuning = SERIES + py`
        from sklearn.model_selection import GridSearchCV
        f_tr, f_te, t_tr, t_te = train_test_split(feats, target, test_size=0.3, shuffle=False)
        gs = GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]}, cv=3).fit(f_tr, t_tr)
        print(gs.score(f_te, t_te))
      `;
      assert.deepEqual(rules(tuning, 'leakage/temporal'), []);
    });
  });

  describe('leakage/multi-test: a decision threshold read off a curve of the test set (round 4)', () => {
    const CURVE = PD + py`
      from sklearn.metrics import roc_curve, f1_score
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      m = RandomForestClassifier(random_state=0).fit(X_train, y_train)
    `;
    it('the threshold picked from roc_curve on the test set and the test set scored at it fires', () => {
      const src = CURVE + py`
        p = m.predict_proba(X_test)[:, 1]
        fpr, tpr, thr = roc_curve(y_test, p)
        best = thr[np.argmax(tpr - fpr)]
        print(f1_score(y_test, p > best))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'f1_score(y_test, p > best)')]);
    });
    it('the threshold picked on a validation split and the test set scored once at it does not fire', () => {
      const src = CURVE + py`
        X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, random_state=1)
        m2 = RandomForestClassifier(random_state=0).fit(X_fit, y_fit)
        fpr, tpr, thr = roc_curve(y_val, m2.predict_proba(X_val)[:, 1])
        best = thr[np.argmax(tpr - fpr)]
        print(f1_score(y_test, m2.predict_proba(X_test)[:, 1] > best))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/overlap: the training part scored while the held-out part never is (round 4)', () => {
    const BASE = PD + py`
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      m = RandomForestClassifier(random_state=0).fit(X_train, y_train)
      acc = accuracy_score(y_train, m.predict(X_train))
      print("Accuracy:", acc)
    `;
    it('the only score, on the training part, fires at warning and says what was assumed', () => {
      const f = analyze(BASE).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(BASE, 'acc = accuracy_score')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: the held-out part of the split is never scored/);
    });
    it('with the test part scored too, called a training score, or beside cross-validation, it does not fire', () => {
      const scored = BASE + 'print(accuracy_score(y_test, m.predict(X_test)))\n';
      assert.deepEqual(rules(scored, 'leakage/overlap'), []);
      const named = BASE.replace('"Accuracy:"', '"Training accuracy:"');
      assert.deepEqual(rules(named, 'leakage/overlap'), []);
      const cv = BASE + 'from sklearn.model_selection import cross_val_score\nprint(cross_val_score(RandomForestClassifier(), X_train, y_train, cv=5).mean())\n';
      assert.deepEqual(rules(cv, 'leakage/overlap'), []);
      const keras = PD + py`
        from tensorflow import keras
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        net = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        net.compile(loss="binary_crossentropy", metrics=["accuracy"])
        net.fit(X_train, y_train, epochs=5, validation_split=0.2)
        loss, acc = net.evaluate(X_train, y_train)
        print(acc)
      `;
      assert.deepEqual(rules(keras, 'leakage/overlap'), []);
    });
  });
  describe('annotated parameters keep their defaults (name: type = default)', () => {
    const helper = (dropped: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      def features(frame: pd.DataFrame, label_col: str = "outcome"):
          X = frame.drop(columns=[${dropped}])
          y = frame[label_col]
          return X, y
      def fit(X_tr: pd.DataFrame, y_tr: pd.Series):
          clf = RandomForestClassifier()
          clf.fit(X_tr, y_tr)
          return clf
      def run():
          frame = pd.read_csv("rows.csv")
          X, y = features(frame)
          X_tr, X_te, y_tr, y_te = train_test_split(X, y)
          clf = fit(X_tr, y_tr)
      run()
    `;
    it('the label named by an annotated default and dropped through it does not fire', () => {
      assert.deepEqual(rules(helper('label_col'), 'leakage/target'), []);
    });
    it('the label named by an annotated default and left in the features fires', () => {
      const src = helper('"row_id"');
      assert.deepEqual(rules(src, 'leakage/target'), [lineOf(src, 'X = frame.drop')]);
    });
  });
  describe('leakage/target: a direction label (change against the previous row) and a feature of its source column', () => {
    const src = (feature: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      ticks = pd.read_csv("ticks.csv")
      ticks["up"] = (ticks["level"].diff() > 0).astype(int)
      ${feature}
      X = ticks.drop(columns=["up"])
      y = ticks["up"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, shuffle=False)
      RandomForestClassifier().fit(X_tr, y_tr)
    `;
    const target = (text: string) => analyze(text).filter((f) => f.ruleId === 'leakage/target');
    it('a feature read from the source column only is a warning that says what was assumed', () => {
      const text = src('ticks["level_ret"] = ticks["level"].pct_change()');
      const found = target(text);
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]).sort(), [[lineOf(text, 'ticks["level_ret"]'), 'warning'], [lineOf(text, 'X = ticks.drop'), 'warning']]);
      for (const f of found) assert.match(f.message, /Assumed: the label is the change of 'level'/);
    });
    it('a feature read from the label itself stays an error', () => {
      const text = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.ensemble import RandomForestClassifier
        ticks = pd.read_csv("ticks.csv")
        ticks["up"] = (ticks["level"].diff() > 0).astype(int)
        ticks["up_rate"] = ticks["up"].rolling(3).mean()
        X = ticks.drop(columns=["up"])
        y = ticks["up"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, shuffle=False)
        RandomForestClassifier().fit(X_tr, y_tr)
      `;
      assert.deepEqual(target(text).filter((f) => f.severity === 'error').map((f) => f.location.line), [lineOf(text, 'ticks["up_rate"]')]);
    });
  });
  describe('leakage/overlap: resampled rows reaching Keras validation_split, with or without a callback choosing on them', () => {
    const src = (extra: string): string => py`
      import pandas as pd
      from imblearn.over_sampling import RandomOverSampler
      from tensorflow import keras
      rows = pd.read_csv("rows.csv")
      feats, target = rows.drop(columns=["flag"]), rows["flag"]
      feats_up, target_up = RandomOverSampler().fit_resample(feats, target)
      clf = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
      clf.compile(loss="binary_crossentropy")
      clf.fit(feats_up, target_up, epochs=5, validation_split=0.1${extra})
    `;
    const overlap = (text: string) => analyze(text).filter((f) => f.ruleId === 'leakage/overlap').map((f) => [f.location.line, f.severity]);
    it('with early stopping on the validation rows it fires at error', () => {
      const text = src(', callbacks=[keras.callbacks.EarlyStopping(patience=2)]');
      assert.deepEqual(overlap(text), [[lineOf(text, 'RandomOverSampler().fit_resample'), 'error']]);
    });
    it('with no callback the validation rows choose nothing: a warning that says what was assumed', () => {
      const text = src('');
      assert.deepEqual(overlap(text), [[lineOf(text, 'RandomOverSampler().fit_resample'), 'warning']]);
      assert.match(analyze(text).find((f) => f.ruleId === 'leakage/overlap')!.message, /Assumed: the val_ metrics/);
    });
  });
  describe('leakage/overlap: a positional cut bound in a parallel assignment (X_te, y_te = X[-n:], y[-n:])', () => {
    const src = (trainName: string): string => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      frame = pd.read_csv("frame.csv")
      X = frame.drop(columns=["flag"]).values
      y = frame["flag"].values
      n_hold = int(0.2 * len(X))
      X_hold_test, y_hold_test = X[-n_hold:], y[-n_hold:]
      ${trainName}, y_fit = X[:-n_hold], y[:-n_hold]
      clf = RandomForestClassifier().fit(${trainName}, y_fit)
      print(accuracy_score(y_hold_test, clf.predict(X_hold_test)))
    `;
    const overlap = (text: string) => analyze(text).filter((f) => f.ruleId === 'leakage/overlap').map((f) => f.location.line);
    it('the head bound beside its label is the training part, not all rows: a training part named train_val does not fire', () => {
      assert.deepEqual(overlap(src('X_train_val')), []);
      assert.deepEqual(overlap(src('X_fit')), []);
    });
    it('a model fitted on all the rows and scored on the tail still fires', () => {
      const text = src('X_fit').replace('fit(X_fit, y_fit)', 'fit(X, y)');
      assert.deepEqual(overlap(text), [lineOf(text, 'accuracy_score(y_hold_test')]);
    });
  });
  describe('leakage/overlap: a test part cut out of a training file', () => {
    const src = (model: string): string => py`
      import joblib
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      weeks = pd.read_csv("train.csv")
      ${model}
      X_test = weeks.drop(columns=["sales"]).iloc[-12:]
      y_test = weeks["sales"].iloc[-12:]
      print(mean_absolute_error(y_test, reg.predict(X_test)))
    `;
    const overlap = (text: string) => analyze(text).filter((f) => f.ruleId === 'leakage/overlap').map((f) => [f.location.line, f.severity]);
    it('scored by a model fitted here on all the training rows fires', () => {
      const text = src('reg = RandomForestRegressor().fit(weeks.drop(columns=["sales"]), weeks["sales"])');
      assert.ok(overlap(text).some(([line, sev]) => line === lineOf(text, 'X_test = weeks') && sev === 'error'));
    });
    it('scored by a loaded model (fitted on rows this file does not show) does not fire', () => {
      assert.deepEqual(overlap(src('reg = joblib.load("reg.pkl")')), []);
    });
  });
  describe('leakage/overlap: the training split resampled and then searched over, the test split scored', () => {
    const src = (tail: string): string => py`
      import pandas as pd
      from imblearn.over_sampling import RandomOverSampler
      from sklearn.model_selection import train_test_split, GridSearchCV, cross_val_score
      from sklearn.tree import DecisionTreeClassifier
      from sklearn.metrics import f1_score
      rows = pd.read_csv("rows.csv")
      feats, flag = rows.drop(columns=["flag"]), rows["flag"]
      f_tr, f_te, g_tr, g_te = train_test_split(feats, flag, stratify=flag)
      f_up, g_up = RandomOverSampler().fit_resample(f_tr, g_tr)
      ${tail}
    `;
    const overlap = (text: string) => analyze(text).filter((f) => f.ruleId === 'leakage/overlap').map((f) => f.location.line);
    it('the search chooses on its inner folds and the test split gives the score: does not fire', () => {
      const text = src('gs = GridSearchCV(DecisionTreeClassifier(), {"max_depth": [2, 4]}, cv=3).fit(f_up, g_up)\nprint(f1_score(g_te, gs.best_estimator_.predict(f_te)))');
      assert.deepEqual(overlap(text), []);
    });
    it('cross_val_score on the resampled rows reported as the result fires', () => {
      const text = src('print(cross_val_score(DecisionTreeClassifier(), f_up, g_up, cv=3).mean())');
      assert.deepEqual(overlap(text), [lineOf(text, 'RandomOverSampler().fit_resample')]);
    });
  });
  describe('leakage/multi-test: networks scored batch by batch on one test loader (PyTorch modules, pretrained transformers)', () => {
    const NET = py`
      import numpy as np
      import torch
      import torch.nn as nn
      import torchvision
      from torch.utils.data import DataLoader
      held = torchvision.datasets.MNIST("./data", train=False, download=True)
      fit_rows = torchvision.datasets.MNIST("./data", train=True, download=True)
      class Net(nn.Module):
          def __init__(self, width=64):
              super().__init__()
              self.body = nn.Linear(784, width)
          def forward(self, x):
              return self.body(x)
      def run(net, fit_rows, held, epochs=3):
          net = net.to("cpu")
          opt = torch.optim.SGD(net.parameters(), lr=0.1)
          for epoch in range(epochs):
              for xb, yb in DataLoader(fit_rows, batch_size=64, shuffle=True):
                  loss = nn.functional.cross_entropy(net(xb), yb)
                  loss.backward()
                  opt.step()
          hits, seen = [], []
          with torch.no_grad():
              for xb, yb in DataLoader(held, batch_size=256):
                  _, guess = net(xb).max(dim=1)
                  hits.append(guess.numpy())
                  seen.append(yb.numpy())
          hits, seen = np.concatenate(hits), np.concatenate(seen)
          return (hits == seen).mean()
    `;
    const mt = (text: string) => analyze(text).filter((f) => f.ruleId === 'leakage/multi-test');
    it('two instances of a network class scored on the same test loader through one helper fire, naming both calls', () => {
      const text = NET + py`
        small = run(Net(32), fit_rows, held)
        large = run(Net(512), fit_rows, held)
        print(f"test accuracy: small {small:.3f}, large {large:.3f}")
      `;
      const found = mt(text);
      assert.deepEqual(found.map((f) => f.location.line), [lineOf(text, '(hits == seen)')]);
      assert.match(found[0].message, new RegExp(`by the call at line ${lineOf(text, 'large = run')} \\(first by the call at line ${lineOf(text, 'small = run')}\\)`));
    });
    it('one network scored once on the test loader does not fire, nor does a statistic of its outputs per row', () => {
      const text = NET + py`
        acc = run(Net(128), fit_rows, held)
        print(f"test accuracy: {acc:.3f}")
      `;
      assert.deepEqual(mt(text), []);
      assert.deepEqual(analyze(text).filter((f) => f.ruleId === 'mismatch/refit-at-inference'), []);
    });
    const HF = PD + py`
      import torch
      from torch.utils.data import Dataset, DataLoader
      from transformers import AutoTokenizer, AutoModelForSequenceClassification
      texts_tr, texts_te, y_tr, y_te = train_test_split(df["text"], df["label"], test_size=0.2)
      class Texts(Dataset):
          def __init__(self, texts, labels):
              self.texts = texts
              self.labels = labels
          def __len__(self):
              return len(self.texts)
          def __getitem__(self, i):
              return self.texts.iloc[i], self.labels.iloc[i]
      tok = AutoTokenizer.from_pretrained("distilbert-base-uncased")
      net = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=2)
      def score(model, loader):
          guesses, truth = [], []
          for batch_x, batch_y in loader:
              out = model(batch_x)
              guesses.extend(out.logits.argmax(-1).numpy())
              truth.extend(batch_y.numpy())
          return accuracy_score(truth, guesses)
      net_acc = score(net, DataLoader(Texts(texts_te, y_te), batch_size=16))
    `;
    it('a pretrained transformer and a scikit-learn model compared on the same test split fire', () => {
      const text = HF + py`
        base = LogisticRegression().fit(texts_tr.str.len().to_frame(), y_tr)
        base_acc = accuracy_score(y_te, base.predict(texts_te.str.len().to_frame()))
        print("comparison:", net_acc, base_acc)
      `;
      assert.deepEqual(mt(text).map((f) => f.location.line), [lineOf(text, 'base_acc = accuracy_score')]);
    });
    it('the transformer alone, scored once on the test split, does not fire', () => {
      assert.deepEqual(mt(HF + py`
        print("test accuracy:", net_acc)
      `), []);
    });
  });
  describe('leakage/multi-test: a zero-argument scoring closure that iterates a held-out loader itself, called every epoch', () => {
    const src = (held: string, after = ''): string => py`
      import torch
      import torch.nn as nn
      import torchvision
      from torch.utils.data import DataLoader, random_split
      def main():
          full = torchvision.datasets.CIFAR10("./data", train=True, download=True)
          fit_part, val_part = random_split(full, [45000, 5000])
          test_part = torchvision.datasets.CIFAR10("./data", train=False, download=True)
          train_loader = DataLoader(fit_part, batch_size=128, shuffle=True)
          val_loader = DataLoader(val_part, batch_size=256)
          test_loader = DataLoader(test_part, batch_size=256)
          net = torchvision.models.resnet18(num_classes=10)
          opt = torch.optim.SGD(net.parameters(), lr=0.1)
          def test():
              net.eval()
              correct = 0
              with torch.no_grad():
                  for xb, yb in ${held}:
                      correct += net(xb).argmax(1).eq(yb).sum().item()
              return correct
          best = 0
          for epoch in range(30):
              for xb, yb in train_loader:
                  nn.functional.cross_entropy(net(xb), yb).backward()
                  opt.step()
              acc = test()
              if acc > best:
                  best = acc
                  torch.save(net.state_dict(), "best.pt")
          ${after}
          print("best test accuracy", best)
      main()
    `;
    const mt = (text: string) => analyze(text).filter((f) => f.ruleId === 'leakage/multi-test').map((f) => f.location.line);
    it('the test loader scored by the closure every epoch, best kept, fires at the call', () => {
      const text = src('test_loader');
      assert.deepEqual(mt(text), [lineOf(text, 'acc = test()')]);
      assert.match(analyze(text).find((f) => f.ruleId === 'leakage/multi-test')!.message, /test\(\) over test_loader every epoch/);
    });
    it('a closure over the training loader does not fire', () => {
      assert.deepEqual(mt(src('train_loader')), []);
    });
  });
  describe('leakage/multi-test: train / val / test stacked into one frame and cut back apart by length offsets', () => {
    const src = (after: string): string => py`
      import pandas as pd
      from catboost import CatBoostRegressor, Pool
      from sklearn.metrics import mean_squared_error
      fit_rows = pd.read_csv("fit.csv")
      val = pd.read_csv("val.csv")
      test = pd.read_csv("test.csv")
      both = pd.concat([fit_rows, val, test], axis=0).reset_index(drop=True)
      both = both.fillna(-1)
      X = both.drop(columns=["target"])
      y = both["target"]
      X_fit = X.iloc[:len(fit_rows)]
      y_fit = y.iloc[:len(fit_rows)]
      X_val = X.iloc[len(fit_rows):len(fit_rows) + len(val)]
      y_val = y.iloc[len(fit_rows):len(fit_rows) + len(val)]
      X_test = X.iloc[len(fit_rows) + len(val):]
      model = CatBoostRegressor(iterations=500, early_stopping_rounds=50, verbose=100)
      model.fit(Pool(X_fit, y_fit), eval_set=Pool(X_val, y_val))
      ${after}
    `;
    const mt = (text: string) => analyze(text).filter((f) => f.ruleId === 'leakage/multi-test').map((f) => [f.location.line, f.severity]);
    it('early stopping on the validation part, the test part only predicted: the logged score is the result (warning)', () => {
      const text = src('pd.DataFrame({"pred": model.predict(X_test)}).to_csv("submission.csv")');
      assert.deepEqual(mt(text), [[lineOf(text, 'eval_set=Pool'), 'warning']]);
    });
    it('with the test part scored against its own labels, the validation part only chose the iteration: no finding', () => {
      const text = src('print(mean_squared_error(test["target"], model.predict(X_test)))');
      assert.deepEqual(mt(text), []);
    });
  });

  describe('leakage/preprocessing: a scaler on the whole series before Keras validation_split, with a forecast-only tail named test (round 6)', () => {
    const base = py`
      import numpy as np
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from tensorflow import keras
      df = pd.read_csv("series.csv")
      sc = StandardScaler()
      data = sc.fit_transform(df[["a", "b", "c"]])
      xs, ys = [], []
      for i in range(len(data) - 10):
          xs.append(data[i:i + 10])
          ys.append(data[i + 10, -1])
      xs, ys = np.array(xs), np.array(ys)
      net = keras.Sequential([keras.layers.LSTM(8), keras.layers.Dense(1)])
      net.compile(loss="mse")
      hist = net.fit(xs, ys, epochs=3, validation_split=0.1)
      print(hist.history["val_loss"][-1])
      test_window = data[-10:]
      nxt = net.predict(test_window.reshape(1, 10, 3))
    `;
    it('the last rows kept only to forecast from (predicted, never scored) do not hide the validation leak', () => {
      assert.deepEqual(rules(base, 'leakage/preprocessing'), [lineOf(base, 'sc.fit_transform')]);
    });
    it('a labelled test part that is scored does', () => {
      const scored = base.replace('test_window = data[-10:]\nnxt = net.predict(test_window.reshape(1, 10, 3))\n',
        'te = pd.read_csv("series_test.csv")\nX_test = sc.transform(te[["a", "b", "c"]])\ny_test = te["a"].values\nprint(np.mean((net.predict(X_test) - y_test) ** 2))\n');
      assert.notEqual(scored, base);
      assert.deepEqual(rules(scored, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: an intermediate file written and read back is not the document\'s output (round 6)', () => {
    const base = py`
      import pandas as pd
      import torch
      from sklearn.preprocessing import StandardScaler
      raw = pd.read_csv("raw.csv")
      raw["d"] = pd.to_datetime(raw["day"])
      raw.to_csv("clean.csv", index=False)
      df = pd.read_csv("clean.csv")
      X = df[["a", "b"]]
      y = df[["t"]]
      X_s = StandardScaler().fit_transform(X)
      cut = 3000
      X_train, y_train = X_s[:cut], y.values[:cut]
      X_test, y_test = X_s[cut:], y.values[cut:]
      net = torch.nn.Linear(2, 1)
      opt = torch.optim.Adam(net.parameters())
      for epoch in range(100):
          loss = torch.nn.MSELoss()(net(torch.Tensor(X_train)), torch.Tensor(y_train))
          opt.zero_grad()
          loss.backward()
          opt.step()
    `;
    it('a scaler on all rows before a labelled positional cut fires when the only written file is read back', () => {
      assert.deepEqual(rules(base, 'leakage/preprocessing'), [lineOf(base, 'StandardScaler().fit_transform')]);
    });
    it('a file written and never read back still marks a feature-writing script: no finding', () => {
      const out = base.replace('df = pd.read_csv("clean.csv")', 'df = pd.read_csv("clean.csv")\ndf.to_csv("features.csv")');
      assert.notEqual(out, base);
      assert.deepEqual(rules(out, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: fitted on the training part, then a cross-validated score on that part reported (round 6)', () => {
    const head = PD + py`
      from sklearn.model_selection import GridSearchCV, cross_val_score
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      sc = StandardScaler()
      X_tr = sc.fit_transform(X_train)
      X_te = sc.transform(X_test)
    `;
    const search = py`
      gs = GridSearchCV(LogisticRegression(), {"C": [0.1, 1, 10]}, cv=5)
      gs.fit(X_tr, y_train)
    `;
    const testScore = 'print(accuracy_score(y_test, gs.predict(X_te)))\n';
    it('cross_val_score on the pre-scaled training part after a search fires; the search alone (score never read) with a clean test score does not', () => {
      const src = head + search + testScore + 'print(cross_val_score(gs.best_estimator_, X_tr, y_train, cv=5).mean())\n';
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'sc.fit_transform')]);
      assert.match(analyze(src).find((f) => f.ruleId === 'leakage/preprocessing')!.message, /whole training part before cross-validation/);
      const clean = head + search + 'print(gs.best_params_)\n' + testScore;
      assert.deepEqual(rules(clean, 'leakage/preprocessing'), []);
    });
    it('best_score_ read as the last result fires at warning with the assumption; followed by another search it does not', () => {
      const src = head + 'm = LogisticRegression().fit(X_tr, y_train)\nprint(accuracy_score(y_test, m.predict(X_te)))\n' + search + 'print(gs.best_params_, gs.best_score_)\n';
      const found = analyze(src).filter((f) => f.ruleId === 'leakage/preprocessing');
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(src, 'sc.fit_transform'), 'warning']]);
      assert.match(found[0].message, /Assumed: the search's `best_score_` is read as a result/);
      const refined = src + 'gs2 = GridSearchCV(LogisticRegression(), {"C": [0.5, 1, 2]}, cv=5)\ngs2.fit(X_tr, y_train)\nprint(gs2.best_params_)\n';
      assert.deepEqual(rules(refined, 'leakage/preprocessing'), []);
      // Round 13: a clean test score after it does not hide the read best_score_.
      const tested = src + testScore;
      assert.deepEqual(rules(tested, 'leakage/preprocessing'), [lineOf(tested, 'sc.fit_transform')]);
    });
    it('cross_val_score inside a search objective after a search is selection: no finding', () => {
      const src = head + search + py`
        from hyperopt import fmin, tpe, hp
        def objective(params):
            clf = RandomForestClassifier(n_estimators=int(params["n"]))
            return -np.mean(cross_val_score(clf, X_tr, y_train, cv=3))
        best = fmin(fn=objective, space={"n": hp.quniform("n", 10, 100, 10)}, algo=tpe.suggest, max_evals=5)
      ` + testScore;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });


  describe('leakage/preprocessing: one row picked by a literal position is one example (round 6)', () => {
    const src = PD + py`
      import librosa
      files = pd.DataFrame({"filepath": ["a.wav", "b.wav"], "genre": ["x", "y"]})
      ex = files[files["genre"] == "x"].iloc[0]["filepath"]
      def feats(path):
          sig, sr = librosa.load(path, sr=22050)
          m = np.mean(librosa.feature.mfcc(y=sig, sr=sr), axis=1)
          return np.concatenate([m, [np.mean(sig)]])
      test_features = feats(ex)
      rows = [feats(p) for p in files["filepath"]]
      fdf = pd.DataFrame(rows)
      fdf["genre"] = files["genre"]
      X_train, X_test, y_train, y_test = train_test_split(fdf.drop(columns=["genre"]), fdf["genre"])
      m = LogisticRegression().fit(X_train, y_train)
      print(m.score(X_test, y_test))
    `;
    it('per-file statistics of a file named by df.iloc[0] do not fire; the same function on the whole column does', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const whole = src.replace('ex = files[files["genre"] == "x"].iloc[0]["filepath"]', 'ex = files["filepath"]');
      assert.notEqual(whole, src);
      assert.deepEqual(rules(whole, 'leakage/preprocessing').length > 0, true);
    });
  });

  describe('leakage/preprocessing: a fit on an object of the document\'s own class (an iterator wrapper) is not a split of it (round 6)', () => {
    const src = py`
      import pandas as pd
      from sklearn.feature_extraction.text import TfidfVectorizer
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      class Lowered:
          def __init__(self, texts):
              self.texts = texts
          def __iter__(self):
              for t in self.texts:
                  yield t.lower()
      class Vec:
          def __init__(self):
              self.v = TfidfVectorizer()
          def fit_transform(self, texts):
              return self.v.fit_transform(Lowered(texts))
          def transform(self, texts):
              return self.v.transform([t.lower() for t in texts])
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      vec = Vec()
      X_train = vec.fit_transform(train["text"])
      X_test = vec.transform(test["text"])
      m = LogisticRegression().fit(X_train, train["label"])
      print(accuracy_score(test["label"], m.predict(X_test)))
    `;
    it('fitted through the wrapper on the training texts and applied to the test texts: no finding; fitted on training and test texts together: fires', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const both = src.replace('return self.v.fit_transform(Lowered(texts))', 'return self.v.fit_transform(texts)')
        .replace('X_train = vec.fit_transform(train["text"])', 'vec.fit_transform(pd.concat([train["text"], test["text"]]))\nX_train = vec.transform(train["text"])');
      assert.notEqual(both, src);
      assert.deepEqual(rules(both, 'leakage/preprocessing').length > 0, true);
    });
  });

  describe('leakage/overlap: the test file stacked onto the training file and cut back by a mask is not drawn from the training rows (round 6)', () => {
    it('test = full[full.y.isnull()] after concat([train, test]) does not fire', () => {
      const src = py`
        import pandas as pd
        from sklearn.linear_model import LogisticRegression
        train = pd.read_csv("train.csv")
        test = pd.read_csv("test.csv")
        full = train.append(test)
        def fit_predict(data):
            df = data[data["y"].notnull()]
            test = data[data["y"].isnull()]
            m = LogisticRegression().fit(df[["f"]], df["y"])
            return m.predict(test[["f"]])
        pred = fit_predict(full)
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: cross-validation run on the test split alone (round 7)', () => {
    const src = PD + py`
      from sklearn.model_selection import KFold, cross_val_score
      X_train, X_test, y_train, y_test = train_test_split(X, y, shuffle=False)
      clf = RandomForestClassifier().fit(X_train, y_train)
      res = cross_val_score(clf, X_test, y_test, cv=KFold(5))
      print("accuracy", res.mean())
    `;
    it('cross_val_score(model, X_test, y_test) fires at warning', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'cross_val_score(clf'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('cross_val_score on the training split, or on a subset of a separate unlabelled test file, does not fire', () => {
      assert.deepEqual(rules(src.replace('cross_val_score(clf, X_test, y_test', 'cross_val_score(clf, X_train, y_train'), 'leakage/overlap'), []);
      const file = py`
        import pandas as pd
        from sklearn.ensemble import RandomForestRegressor
        from sklearn.model_selection import cross_val_score
        test = pd.read_csv("test.csv")
        known = test[test.age.notnull()]
        m = RandomForestRegressor()
        s = cross_val_score(m, known[["f"]], known["age"], cv=5)
        print(s.mean())
      `;
      assert.deepEqual(rules(file, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: predictions of the fitted rows bound to a test-named variable and scored (round 7)', () => {
    const src = PD + py`
      from sklearn.metrics import f1_score
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      clf = RandomForestClassifier().fit(X_train, y_train)
      print(f1_score(y_test, clf.predict(X_test)))
      final = RandomForestClassifier().fit(X, y)
      y_test_probs = final.predict_proba(X)
      def table(p, t):
          for thr in [0.3, 0.5]:
              print(thr, f1_score(t, p[:, 1] > thr))
      table(y_test_probs, y)
    `;
    it('y_test_probs = final.predict_proba(X) after final.fit(X, y), scored: fires at warning and says the name was read', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.ok(f.length > 0);
      assert.ok(f.every((x) => x.severity === 'warning' && /Assumed: .*y_test_probs/.test(x.message)));
      assert.ok(f.some((x) => x.location.line === lineOf(src, 'print(thr, f1_score')));
    });
    it('the same predictions under a neutral name, or test-named predictions of the test split, do not fire', () => {
      assert.deepEqual(rules(src.replace(/y_test_probs/g, 'probs'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('final.predict_proba(X)', 'clf.predict_proba(X_test)').replace('table(y_test_probs, y)', 'table(y_test_probs, y_test)'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a training score set beside held-out scores in one results record (round 7)', () => {
    const src = PD + py`
      from sklearn.metrics import roc_auc_score, recall_score
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      clf = LogisticRegression().fit(X_train, y_train)
      p_tr = clf.predict_proba(X_train)[:, 1]
      pred = clf.predict(X_test)
      row = pd.Series({"Model": "logreg", "AUC": roc_auc_score(y_train, p_tr), "Recall": recall_score(y_test, pred)})
      print(row)
    `;
    it('the AUC of the training rows beside the test recall, under a neutral key: fires at warning', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'row = pd.Series'), 'warning']]);
      assert.match(f[0].message, /Assumed: .*'AUC'/);
    });
    it('the same record with the key calling it a training score, or with both scores on the test rows, does not fire', () => {
      assert.deepEqual(rules(src.replace('"AUC"', '"Train AUC"'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('roc_auc_score(y_train, p_tr)', 'roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1])'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a series model\'s in-sample predictions scored as its forecast error (round 7)', () => {
    const src = py`
      import pandas as pd
      import statsmodels.api as sm
      s = pd.read_csv("sales.csv", index_col="month", parse_dates=True)["sales"]
      res = sm.tsa.statespace.SARIMAX(s, order=(1, 1, 1)).fit()
      pred = res.get_prediction(start=pd.to_datetime("2019-01-01"), dynamic=False)
      yhat = pred.predicted_mean
      truth = s["2019-01-01":]
      err = ((yhat - truth) ** 2).mean()
      print("MSE of the forecast:", err)
    `;
    it('fires at warning, saying the label was read', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'err = ((yhat'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('residuals not called a forecast error, or a forecast past the end of the series, do not fire', () => {
      assert.deepEqual(rules(src.replace('"MSE of the forecast:"', '"residual MSE:"'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('start=pd.to_datetime("2019-01-01"), dynamic=False', 'start=len(s), end=len(s) + 11'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/temporal: windows ending at the loop index, series[i - n:i], split at random (round 7)', () => {
    const src = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      s = pd.read_csv("load.csv")["kw"].values
      N = 48
      X, y = [], []
      for i in range(N, len(s)):
          X.append(s[i - N:i])
          y.append(s[i])
      X, y = np.array(X), np.array(y)
      X_tr, X_va, y_tr, y_va = train_test_split(X, y, random_state=1)
    `;
    it('fires; an unshuffled split does not', () => {
      assert.deepEqual(rules(src, 'leakage/temporal'), [lineOf(src, 'train_test_split(X, y, random_state=1)')]);
      assert.deepEqual(rules(src.replace('random_state=1', 'shuffle=False'), 'leakage/temporal'), []);
    });
    it('blocks taken with a step (range(N, len(s), N)) do not fire', () => {
      assert.deepEqual(rules(src.replace('range(N, len(s))', 'range(N, len(s), N)'), 'leakage/temporal'), []);
    });
  });

  describe('leakage/preprocessing: a dict of transformers filled one per column (round 7)', () => {
    const src = PD + py`
      from sklearn.preprocessing import OrdinalEncoder
      encoders = {}
      for col in ["colour", "shape"]:
          encoders[col] = OrdinalEncoder()
          df[col] = encoders[col].fit_transform(df[[col]])
      X = df.drop(columns=["label"])
      X_train, X_test, y_train, y_test = train_test_split(X, y)
      m = Ridge().fit(X_train, y_train)
      print(mean_absolute_error(y_test, m.predict(X_test)))
    `;
    it('ordinal encoders stored under each column and fitted on all rows do not fire (a vocabulary only)', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('scalers stored the same way and fitted on all rows fire, with no name-based assumption', () => {
      const sc = src.replace('encoders[col] = OrdinalEncoder()', 'encoders[col] = StandardScaler()');
      assert.notEqual(sc, src);
      const found = analyze(sc, 'train.py').filter((f) => f.ruleId === 'leakage/preprocessing');
      assert.equal(found.length > 0, true);
      assert.equal(found.some((f) => /taken to be a fitted transformer by its name/.test(f.message)), false);
    });
  });

  describe('leakage/preprocessing: a column filled in place or inserted with an all-row statistic (round 7)', () => {
    it('df[c].fillna(df[c].mean(), inplace=True) before the split fires; after the split on the training part it does not', () => {
      const src = PD + py`
        df["age"].fillna(df["age"].mean(), inplace=True)
        X = df.drop(columns=["label"])
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        m = Ridge().fit(X_train, y_train)
        print(mean_absolute_error(y_test, m.predict(X_test)))
      `;
      assert.equal(rules(src, 'leakage/preprocessing').length > 0, true);
      const after = PD + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        X_train["age"].fillna(X_train["age"].mean(), inplace=True)
        X_test["age"].fillna(X_train["age"].mean(), inplace=True)
        m = Ridge().fit(X_train, y_train)
        print(mean_absolute_error(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(after, 'leakage/preprocessing'), []);
    });
    it('df.insert(loc, "z", (s - s.mean()) / s.std()) inside a feature helper before the split fires; a constant inserted does not', () => {
      const src = PD + py`
        def features(data):
            s = data["value"].astype(float)
            data.insert(data.shape[1], "z", (s - s.mean()) / s.std())
            return data
        X = features(df.drop(columns=["label"]))
        X_train, X_test, y_train, y_test = train_test_split(X, y, shuffle=False)
        m = Ridge().fit(X_train, y_train)
        print(mean_absolute_error(y_test, m.predict(X_test)))
      `;
      assert.equal(rules(src, 'leakage/preprocessing').length > 0, true);
      const constant = src.replace('(s - s.mean()) / s.std()', 's * 2.0');
      assert.notEqual(constant, src);
      assert.deepEqual(rules(constant, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a column assigned from a list built row by row (round 7)', () => {
    const src = PD + py`
      means = df.groupby("city").mean()["price"]
      vals = []
      for c in df["city"]:
          vals.append(means.loc[c])
      df["city_price"] = vals
      X = df[["size", "city_price"]]
      X_train, X_test, y_train, y_test = train_test_split(X, y)
      m = Ridge().fit(X_train, y_train)
      print(mean_absolute_error(y_test, m.predict(X_test)))
    `;
    it('a list of group means of all rows, one per row, assigned as a column before the split fires', () => {
      assert.equal(rules(src, 'leakage/preprocessing').length > 0, true);
    });
    it('a list of per-row constants assigned the same way does not fire', () => {
      const flags = src.replace('vals.append(means.loc[c])', 'vals.append(1 if c == "Paris" else 0)');
      assert.notEqual(flags, src);
      assert.deepEqual(rules(flags, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/multi-test: models compared on a development hold-out, the kept one scored once on a final hold-out (round 8)', () => {
    const DEV = py`
      import joblib
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("history.csv")
      X = df.drop(columns=["y"])
      y = df["y"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      a = Ridge().fit(X_train, y_train)
      print(mean_absolute_error(y_test, a.predict(X_test)))
      b = RandomForestRegressor().fit(X_train, y_train)
      print(mean_absolute_error(y_test, b.predict(X_test)))
      joblib.dump(b, "model.pkl")
    `;
    const FINAL = py`
      final = pd.read_csv("holdout.csv")
      kept = joblib.load("model.pkl")
      print(mean_absolute_error(final["y"], kept.predict(final.drop(columns=["y"]))))
    `;
    it('the saved model scored once afterwards on a hold-out file nothing had scored does not fire', () => {
      assert.deepEqual(rules(DEV + FINAL, 'leakage/multi-test'), []);
    });
    it('the last rows of the same file cut off first and scored once by a model refitted on that file do not fire', () => {
      const src = py`
        import pandas as pd
        from sklearn.linear_model import Ridge
        from sklearn.ensemble import RandomForestRegressor
        from sklearn.metrics import mean_absolute_error
        series = pd.read_csv("history.csv")
        cut = len(series) - 24
        dataset, validation = series[0:cut], series[cut:]
        size = int(len(dataset) * 0.5)
        train, test = dataset[0:size], dataset[size:]
        a = Ridge().fit(train[["x"]], train["y"])
        print(mean_absolute_error(test["y"], a.predict(test[["x"]])))
        b = RandomForestRegressor().fit(train[["x"]], train["y"])
        print(mean_absolute_error(test["y"], b.predict(test[["x"]])))
        kept = RandomForestRegressor().fit(dataset[["x"]], dataset["y"])
        print(mean_absolute_error(validation["y"], kept.predict(validation[["x"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
      const noFinal = src.slice(0, src.indexOf('kept = '));
      assert.deepEqual(rules(noFinal, 'leakage/multi-test'), [lineOf(noFinal, 'b.predict(test')]);
    });
    it('with no later hold-out, with the later set scored before the comparison, or by a model of another data set, it fires', () => {
      const second = lineOf(DEV, 'b.predict(X_test)');
      assert.deepEqual(rules(DEV, 'leakage/multi-test'), [second]);
      const before = DEV.replace('a = Ridge().fit(X_train, y_train)', FINAL.replace('kept = joblib.load("model.pkl")', 'kept = Ridge().fit(X_train, y_train)').trim() + '\na = Ridge().fit(X_train, y_train)');
      assert.deepEqual(rules(before, 'leakage/multi-test'), [lineOf(before, 'b.predict(X_test)')]);
      const otherTask = DEV + py`
        other = pd.read_csv("other_task.csv")
        o_train, o_test = train_test_split(other, random_state=0)
        m = Ridge().fit(o_train[["x"]], o_train["y"])
        print(mean_absolute_error(o_test["y"], m.predict(o_test[["x"]])))
      `;
      assert.deepEqual(rules(otherTask, 'leakage/multi-test'), [second]);
    });
  });

  describe('leakage/multi-test: settings compared by a rolling-origin backtest (round 8)', () => {
    const BT = py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score, precision_score
      df = pd.read_csv("prices.csv")
      def backtest(data, model, start=500, step=100):
          parts = []
          for i in range(start, data.shape[0], step):
              train = data.iloc[0:i].copy()
              test = data.iloc[i:(i + step)].copy()
              model.fit(train[["x"]], train["y"])
              pred = pd.Series(model.predict(test[["x"]]), index=test.index, name="pred")
              print(accuracy_score(test["y"], pred))
              parts.append(pd.concat([test["y"], pred], axis=1))
          return pd.concat(parts)
      r1 = backtest(df, RandomForestClassifier(n_estimators=100))
      print(precision_score(r1["y"], r1["pred"]))
      r2 = backtest(df, RandomForestClassifier(n_estimators=500))
      print(precision_score(r2["y"], r2["pred"]))
    `;
    it('expanding training windows data[0:i] with the next window data[i:i + step] held out are folds: comparing two settings on them does not fire', () => {
      assert.deepEqual(rules(BT, 'leakage/multi-test'), []);
    });
    it('one fixed cut data[0:start] / data[start:] scored for both settings fires', () => {
      const fixed = BT.replace('for i in range(start, data.shape[0], step):', 'if True:').replace('data.iloc[0:i]', 'data.iloc[0:start]').replace('data.iloc[i:(i + step)]', 'data.iloc[start:]');
      assert.notEqual(fixed, BT);
      assert.ok(rules(fixed, 'leakage/multi-test').includes(lineOf(fixed, 'print(precision_score(r2')));
    });
  });

  describe('leakage/multi-test: a second model scored only on a named part of the test set (round 8)', () => {
    const SRC = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("sales.csv")
      X = df.drop(columns=["sales"])
      y = df["sales"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      m = RandomForestRegressor().fit(X_train, y_train)
      print(mean_absolute_error(y_test, m.predict(X_test)))
      keep = X_train["store"] != 3
      m2 = RandomForestRegressor().fit(X_train[keep], y_train[keep])
      new_store_X = X_test[X_test["store"] == 3]
      new_store_y = y_test[X_test["store"] == 3].copy()
      print(mean_absolute_error(new_store_y, m2.predict(new_store_X)))
    `;
    it('one store\'s rows scored for a model trained without that store, beside the first model on all test rows, does not fire', () => {
      assert.deepEqual(rules(SRC, 'leakage/multi-test'), []);
    });
    it('both models scored on the same part, or the second on all test rows, fires', () => {
      const both = SRC + py`
        print(mean_absolute_error(new_store_y, m.predict(new_store_X)))
      `;
      assert.deepEqual(rules(both, 'leakage/multi-test'), [lineOf(both, 'print(mean_absolute_error(new_store_y, m.predict')]);
      const whole = SRC + py`
        print(mean_absolute_error(y_test, m2.predict(X_test)))
      `;
      assert.deepEqual(rules(whole, 'leakage/multi-test'), [lineOf(whole, 'print(mean_absolute_error(y_test, m2.predict')]);
    });
  });

  describe('leakage/multi-test: the message names the held-out set and says when only a name makes it one (round 8)', () => {
    const head = py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
    `;
    const found = (src: string) => analyze(src).filter((f) => f.ruleId === 'leakage/multi-test');
    it('a split\'s test part is the test set, with nothing assumed', () => {
      const src = head + py`
        from sklearn.model_selection import train_test_split
        df = pd.read_csv("data.csv")
        X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["y"]), df["y"], random_state=0)
        a = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_te, a.predict(X_te)))
        b = RandomForestClassifier().fit(X_tr, y_tr)
        print(accuracy_score(y_te, b.predict(X_te)))
      `;
      const f = found(src);
      assert.equal(f.length, 1);
      assert.match(f[0].message, /^The test set is scored again/);
      assert.doesNotMatch(f[0].message, /Assumed/);
      assert.equal(f[0].severity, 'warning');
    });
    it('a test file is a test set by its file name: said, at warning', () => {
      const src = head + py`
        train = pd.read_csv("train.csv")
        test = pd.read_csv("holdout_test.csv")
        a = LogisticRegression().fit(train.drop(columns=["y"]), train["y"])
        print(accuracy_score(test["y"], a.predict(test.drop(columns=["y"]))))
        b = RandomForestClassifier().fit(train.drop(columns=["y"]), train["y"])
        print(accuracy_score(test["y"], b.predict(test.drop(columns=["y"]))))
      `;
      const f = found(src);
      assert.equal(f.length, 1);
      assert.match(f[0].message, /Assumed: `holdout_test\.csv` is taken to hold test rows by its file name\./);
      assert.equal(f[0].severity, 'warning');
    });
    it('a validation split with no test set is named as such, with the advice to keep a test set', () => {
      const src = head + py`
        from sklearn.model_selection import train_test_split
        df = pd.read_csv("data.csv")
        X_tr, X_val, y_tr, y_val = train_test_split(df.drop(columns=["y"]), df["y"], random_state=0)
        a = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_val, a.predict(X_val)))
        b = RandomForestClassifier().fit(X_tr, y_tr)
        print(accuracy_score(y_val, b.predict(X_val)))
      `;
      const f = found(src);
      assert.equal(f.length, 1);
      assert.match(f[0].message, /^The validation split \(the only held-out set here, so it also gives the reported score\) is scored again/);
      assert.match(f[0].message, /keep a separate test set for the reported score\.$/);
    });
  });

  describe('round 8 precision: searches whose score is never read, val_ logs beside a test score, cuts that hold nothing out', () => {
    const SPLIT = PD + py`
      from sklearn.model_selection import GridSearchCV, cross_val_score, validation_curve, learning_curve
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      sc = StandardScaler()
      X_train_s = sc.fit_transform(X_train)
      X_test_s = sc.transform(X_test)
    `;
    it('a search on the pre-scaled training part whose own score is never read (only best_params_) does not fire; reading best_score_ fires', () => {
      const src = SPLIT + py`
        gs = GridSearchCV(LogisticRegression(), {"C": [0.1, 1, 10]}, cv=5)
        gs.fit(X_train_s, y_train)
        print(gs.best_params_)
        print(gs.score(X_train_s, y_train))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const read = src.replace('print(gs.best_params_)', 'print(gs.best_params_, gs.best_score_)');
      assert.deepEqual(rules(read, 'leakage/preprocessing'), [lineOf(read, 'sc.fit_transform')]);
    });
    it('learning/validation curves, or CV scores that pick a feature subset, on the pre-scaled training part fire even beside a clean test score (README round 8: reported, plotted or used to pick)', () => {
      const src = SPLIT + py`
        m = LogisticRegression().fit(X_train_s, y_train)
        print(accuracy_score(y_test, m.predict(X_test_s)))
        sizes, tr, va = learning_curve(LogisticRegression(), X_train_s, y_train, cv=5)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'sc.fit_transform')]);
      const picked = SPLIT + py`
        import pandas as pd
        Xs = pd.DataFrame(X_train_s, columns=X.columns)
        imp = RandomForestClassifier().fit(Xs, y_train).feature_importances_
        best, best_cols = 0, None
        for t in [0.01, 0.05, 0.1]:
            cols = [c for c, v in zip(Xs.columns, imp) if v > t]
            s = cross_val_score(LogisticRegression(), Xs[cols], y_train, cv=5).mean()
            if s > best:
                best, best_cols = s, cols
        m = LogisticRegression().fit(Xs[best_cols], y_train)
        print(accuracy_score(y_test, m.predict(pd.DataFrame(X_test_s, columns=X.columns)[best_cols])))
      `;
      assert.deepEqual(rules(picked, 'leakage/preprocessing'), [lineOf(picked, 'sc.fit_transform')]);
    });
    it('SMOTE on the training part before Keras validation_split with no callback, while the test part is scored, does not fire; with no test score it does', () => {
      const src = PD + py`
        from imblearn.over_sampling import SMOTE
        from tensorflow import keras
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
        X_res, y_res = SMOTE().fit_resample(X_train, y_train)
        model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        model.compile(loss="binary_crossentropy", metrics=["accuracy"])
        model.fit(X_res, y_res, epochs=5, validation_split=0.2)
        print(accuracy_score(y_test, model.predict(X_test) > 0.5))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
      const alone = src.replace('print(accuracy_score(y_test, model.predict(X_test) > 0.5))', '');
      assert.deepEqual(rules(alone, 'leakage/overlap'), [lineOf(alone, 'SMOTE().fit_resample')]);
    });
    it('a group statistic merged in as a named column (and a column computed from it) does not fire when the features leave it out; selecting it fires', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.metrics import accuracy_score
        df = pd.read_csv("engines.csv")
        last = df.groupby("unit")["cycle"].max()
        df = df.merge(last.to_frame(name="last_cycle"), left_on="unit", right_index=True)
        df["remaining"] = df["last_cycle"] - df["cycle"]
        print(df[["unit", "remaining"]].describe())
        X = df[["s1", "s2", "s3"]]
        y = df["failed"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        m = RandomForestClassifier().fit(X_train, y_train)
        print(accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const used = src.replace('X = df[["s1", "s2", "s3"]]', 'X = df[["s1", "s2", "remaining"]]');
      assert.deepEqual(rules(used, 'leakage/preprocessing'), [lineOf(used, 'groupby("unit")')]);
      const suffixed = src.replace('last.to_frame(name="last_cycle"), left_on="unit", right_index=True', 'last.to_frame(name="last_cycle"), left_on="unit", right_index=True, suffixes=("", "_u")');
      assert.deepEqual(rules(suffixed, 'leakage/preprocessing'), [lineOf(suffixed, 'groupby("unit")')]);
    });
    it('z-scored by all rows\' mean and std, then a StandardScaler fitted on the training part, does not fire; a fillna(mean), or a model fitted before the rescale, does', () => {
      const src = PD + py`
        X = (X - X.mean()) / X.std()
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
        sc = StandardScaler()
        X_train = sc.fit_transform(X_train)
        X_test = sc.transform(X_test)
        m = Ridge().fit(X_train, y_train)
        print(mean_absolute_error(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const filled = src.replace('X = (X - X.mean()) / X.std()', 'X = X.fillna(X.mean())');
      assert.deepEqual(rules(filled, 'leakage/preprocessing'), [lineOf(filled, 'X.fillna(X.mean())')]);
      const early = src.replace('sc = StandardScaler()', 'm0 = Ridge().fit(X_train, y_train)\nprint(mean_absolute_error(y_test, m0.predict(X_test)))\nsc = StandardScaler()');
      assert.deepEqual(rules(early, 'leakage/preprocessing'), [lineOf(early, 'X.mean()')]);
      const noCentre = src.replace('StandardScaler()', 'StandardScaler(with_mean=False)');
      assert.deepEqual(rules(noCentre, 'leakage/preprocessing'), [lineOf(noCentre, 'X.mean()')]);
    });
    it('a helper that reads JSON records into X, y, called for the training file and the test file, gives two datasets: scoring the test file does not fire; a score on the training rows called a test score does', () => {
      const src = py`
        import json
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.metrics import accuracy_score
        def load(path):
            with open(path) as f:
                data = json.load(f)
            X, y = [], []
            for rec in data:
                X.append([rec["a"], rec["b"]])
                y.append(rec["label"])
            return X, y
        X_train, y_train = load(TRAIN_PATH)
        X_test, y_test = load(TEST_PATH)
        m = RandomForestClassifier().fit(X_train, y_train)
        print("test accuracy", accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
      const wrong = src.replace('accuracy_score(y_test, m.predict(X_test))', 'accuracy_score(y_train, m.predict(X_train))');
      assert.deepEqual(rules(wrong, 'leakage/overlap'), [lineOf(wrong, 'test accuracy')]);
    });
    it('a scaler fitted on a chronological training part, then its last window cut as "last_train_batch", does not fire; a scaler fitted before the cut does', () => {
      const src = py`
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler
        from sklearn.metrics import mean_squared_error
        from tensorflow import keras
        df = pd.read_csv("load.csv")
        train = df.iloc[:500]
        test = df.iloc[500:]
        scaler = MinMaxScaler()
        scaler.fit(train)
        scaled_train = scaler.transform(train)
        scaled_test = scaler.transform(test)
        model = keras.Sequential([keras.layers.LSTM(8), keras.layers.Dense(1)])
        model.fit(scaled_train, scaled_train, epochs=2)
        last_train_batch = scaled_train[-30:]
        pred = model.predict(last_train_batch)
        print(mean_squared_error(scaled_test, model.predict(scaled_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const before = src.replace('scaler.fit(train)', 'scaler.fit(df)');
      assert.deepEqual(rules(before, 'leakage/preprocessing'), [lineOf(before, 'scaler.fit(df)')]);
    });
  });
  describe('leakage/multi-test: a step-counted training loop that scores the test loader every N steps (round 9)', () => {
    const head = py`
      import torch
      import torch.nn.functional as F
      def evaluate(model, loader):
          model.eval()
          wrong = 0
          for xb, yb in loader:
              wrong += (model(xb).argmax(dim=1) != yb).sum().item()
          return wrong
      model = torch.nn.Linear(10, 2)
      opt = torch.optim.SGD(model.parameters(), lr=0.1)
      train_loader = torch.utils.data.DataLoader(train_ds, 32, shuffle=True)
      val_loader = torch.utils.data.DataLoader(val_ds, 32)
      test_loader = torch.utils.data.DataLoader(test_ds, 32)
    `;
    it('fires when the loop that takes the optimiser step also scores the test loader', () => {
      const src = head + py`
        step = 0
        for xb, yb in train_loader:
            if step % 100 == 0:
                test_err = evaluate(model, test_loader)
                print(step, test_err)
            loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'test_err = evaluate(model, test_loader)')]);
    });
    it('does not fire when the loop watches a validation loader and the test loader is scored once after training', () => {
      const src = head + py`
        step = 0
        for xb, yb in train_loader:
            if step % 100 == 0:
                val_err = evaluate(model, val_loader)
                print(step, val_err)
            loss = F.cross_entropy(model(xb), yb)
            opt.zero_grad()
            loss.backward()
            opt.step()
            step += 1
        print(evaluate(model, test_loader))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('does not fire for a loop that only scores (no gradient step in it)', () => {
      const src = head + py`
        for k in range(3):
            test_err = evaluate(model, test_loader)
            print(k, test_err)
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: models of a dict picked by a loop index inside a called helper (round 9)', () => {
    const helper = (models: string) => py`
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.svm import SVR
      from sklearn.metrics import r2_score
      import pandas as pd
      def score_all(X_tr, y_tr, X_te, y_te, models):
          report = {}
          for i in range(len(models)):
              m = list(models.values())[i]
              m.fit(X_tr, y_tr)
              report[list(models.keys())[i]] = r2_score(y_te, m.predict(X_te))
          return report
      df = pd.read_csv("data.csv")
      X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["y"]), df["y"], random_state=0)
      report = score_all(X_tr, y_tr, X_te, y_te, ${models})
      best = max(report, key=report.get)
    `;
    it('fires when the dict holds several models, each scored on the test split', () => {
      const src = helper('{"rf": RandomForestRegressor(), "svr": SVR()}');
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'report[list(models.keys())[i]] = r2_score')]);
    });
    it('does not fire when the dict holds a single model', () => {
      const src = helper('{"rf": RandomForestRegressor()}');
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: the same test file read again for a second model is the same test set (round 9)', () => {
    const src = (second: string) => py`
      import pandas as pd
      from sklearn.linear_model import LinearRegression
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_squared_error
      train = pd.read_csv("train_cell.csv")
      a = LinearRegression().fit(train[["x"]], train["y"])
      test = pd.read_csv("test_cell.csv")
      print(mean_squared_error(test["y"], a.predict(test[["x"]])))
      b = RandomForestRegressor().fit(train[["x"]], train["y"])
      again = pd.read_csv("${second}")
      print(mean_squared_error(again["y"], b.predict(again[["x"]])))
    `;
    it('fires, at warning, saying the file read again is taken to give the same rows', () => {
      const s = src('test_cell.csv');
      const f = analyze(s).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(s, 'print(mean_squared_error(again["y"]')]);
      assert.match(f[0].message, /Assumed: the same file, read again, is taken to give the same test rows\./);
      assert.equal(f[0].severity, 'warning');
    });
    it('does not fire when the second model is scored on another file', () => {
      assert.deepEqual(rules(src('test_other_cell.csv'), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: `va` / `X_va` name a validation part like `val` (round 9)', () => {
    const src = (tail: string) => py`
      import pandas as pd
      import lightgbm as lgb
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("sales.csv")
      tr = df[df["date"] < "2018-07-01"]
      va = df[df["date"] >= "2018-07-01"]
      X_tr, y_tr = tr[["a", "b"]], tr["y"]
      X_va, y_va = va[["a", "b"]], va["y"]
      m = lgb.LGBMRegressor(n_estimators=5000)
      m.fit(X_tr, y_tr, eval_set=[(X_va, y_va)], callbacks=[lgb.early_stopping(100)])
      print(mean_absolute_error(y_va, m.predict(X_va)))
    ` + tail;
    it('fires when the validation part chooses the iteration and is also the only score reported', () => {
      const s = src('');
      assert.deepEqual(rules(s, 'leakage/multi-test'), [lineOf(s, 'm.fit(X_tr, y_tr, eval_set=')]);
    });
    it('does not fire when a labelled test file is scored once for the result', () => {
      const s = src(py`
        test = pd.read_csv("test_labelled.csv")
        print(mean_absolute_error(test["y"], m.predict(test[["a", "b"]])))
      `);
      assert.deepEqual(rules(s, 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: a threshold picked by argmax off a curve of the test set (round 9)', () => {
    const src = (curveOn: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import precision_recall_curve
      df = pd.read_csv("data.csv")
      X_tr, X_test, y_tr, y_test = train_test_split(df.drop(columns=["y"]), df["y"], random_state=0)
      X_fit, X_val, y_fit, y_val = train_test_split(X_tr, y_tr, random_state=0)
      m = LogisticRegression().fit(X_fit, y_fit)
      precision, recall, thresholds = precision_recall_curve(${curveOn})
      best = thresholds[np.argmax(precision[:-1] + recall[:-1])]
      print(best)
    `;
    it('fires on the pick when the curve is of the test rows', () => {
      const s = src('y_test, m.predict_proba(X_test)[:, 1]');
      assert.deepEqual(rules(s, 'leakage/multi-test'), [lineOf(s, 'best = thresholds[np.argmax(')]);
    });
    it('does not fire when the curve is of the validation rows', () => {
      assert.deepEqual(rules(src('y_val, m.predict_proba(X_val)[:, 1]'), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: several models\' cross_val_predict on the test rows, each scored there (round 9)', () => {
    const src = (second: string) => PD + py`
      from sklearn.model_selection import cross_val_predict
      from sklearn.metrics import confusion_matrix
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      a = LogisticRegression()
      a.fit(X_train, y_train)
      pa = cross_val_predict(a, X_test, y_test, cv=5)
      print(confusion_matrix(y_test, pa))
      b = RandomForestClassifier()
      b.fit(X_train, y_train)
      pb = cross_val_predict(b, ${second}, cv=5)
      print(confusion_matrix(${second.split(',')[1]}, pb))
    `;
    it('fires on the second model\'s test score', () => {
      const s = src('X_test, y_test');
      assert.deepEqual(rules(s, 'leakage/multi-test'), [lineOf(s, 'print(confusion_matrix( y_test, pb))')]);
    });
    it('does not fire when the second model\'s out-of-fold predictions are of the training rows', () => {
      assert.deepEqual(rules(src('X_train, y_train'), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: models scored in different branches of one if/elif switch are alternatives (round 9)', () => {
    const chain = py`
      if strategy == "linear":
          m = LogisticRegression().fit(X_train, y_train)
          print(accuracy_score(y_test, m.predict(X_test)))
      elif strategy == "forest":
          m = RandomForestClassifier().fit(X_train, y_train)
          print(accuracy_score(y_test, m.predict(X_test)))
    `;
    const head = PD + py`
      import json
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
    `;
    it('does not fire when the switch runs once on a setting read from a config', () => {
      const src = head + 'strategy = json.load(open("config.json"))["strategy"]\n' + chain;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('fires when the switch runs in a loop over the settings', () => {
      const src = head + 'for strategy in ["linear", "forest"]:\n' + chain.split('\n').map((l) => (l ? '    ' + l : l)).join('\n');
      assert.ok(rules(src, 'leakage/multi-test').length > 0);
    });
  });
  describe('leakage/multi-test: CatBoost keeps the best iteration on eval_set by default (round 9)', () => {
    const src = (extra: string) => PD + py`
      from catboost import CatBoostClassifier
      X_tr, X_val, y_tr, y_val = train_test_split(X, y, random_state=1)
      m = CatBoostClassifier(iterations=500)
      m.fit(X_tr, y_tr, eval_set=(X_val, y_val)${extra})
      print(accuracy_score(y_val, m.predict(X_val)))
    `;
    it('fires when the only held-out split is the eval set and the reported score', () => {
      const s = src('');
      assert.deepEqual(rules(s, 'leakage/multi-test'), [lineOf(s, 'eval_set=(X_val, y_val)')]);
    });
    it('does not fire with use_best_model=False (the eval set is only watched)', () => {
      assert.deepEqual(rules(src(', use_best_model=False'), 'leakage/multi-test'), []);
    });
  });

  describe('round 9 precision: preprocessing with nothing held out or nothing scored', () => {
    it('a frame min-max scaled on all rows and named X_train with no held-out part ever taken does not fire; a held-out cut that is scored fires', () => {
      const src = py`
        import pandas as pd
        from tensorflow import keras
        df = pd.read_csv("sensors.csv")
        df = df.fillna(df.mean())
        scaled = (df - df.min()) / (df.max() - df.min())
        X_train = scaled.drop("flag", axis=1).values
        ae = keras.Sequential([keras.layers.Dense(4), keras.layers.Dense(X_train.shape[1])])
        ae.compile(loss="mse")
        ae.fit(X_train, X_train, epochs=3)
        rec = ae.predict(X_train)
        print(((rec - X_train) ** 2).mean())
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const held = src.replace('X_train = scaled.drop("flag", axis=1).values', 'X_train = scaled.drop("flag", axis=1).values[:800]\nX_test = scaled.drop("flag", axis=1).values[800:]')
        .replace('print(((rec - X_train) ** 2).mean())', 'from sklearn.metrics import mean_squared_error\nprint(mean_squared_error(X_test, ae.predict(X_test)))');
      assert.ok(rules(held, 'leakage/preprocessing').length > 0);
    });
    it('scaled on all rows, split, models fitted and the test part predicted but its labels never read (report lines commented out) does not fire; reading them fires', () => {
      const src = PD + py`
        from sklearn.preprocessing import StandardScaler
        X_s = StandardScaler().fit_transform(X)
        X_tr, X_te, y_tr, y_te = train_test_split(X_s, y, test_size=0.3, random_state=1)
        m = LogisticRegression().fit(X_tr, y_tr)
        pred = m.predict(X_te)
        # print(accuracy_score(y_te, pred))
        print(m.coef_)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const read = src.replace('# print(accuracy_score(y_te, pred))', 'print((pred == y_te).mean())');
      assert.deepEqual(rules(read, 'leakage/preprocessing'), [lineOf(read, 'StandardScaler().fit_transform(X)')]);
    });
    it('a search as a pipeline\'s last step, whose best_score_ is read, cross-validates rows a statistic of all rows shaped', () => {
      const src = PD + py`
        from sklearn.pipeline import make_pipeline
        from sklearn.model_selection import GridSearchCV
        X["age"] = X["age"].fillna(X["age"].mean())
        X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=0)
        gs = GridSearchCV(RandomForestClassifier(), {"max_depth": [3, 5]}, cv=5)
        pipe = make_pipeline(StandardScaler(), gs)
        pipe.fit(X_tr, y_tr)
        print(gs.best_params_, gs.best_score_)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'X["age"].mean()')]);
    });
    it('a cut-off from the median of held-out rows\' per-row reconstruction errors (np.mean(..., axis=1)) reaches no model and does not fire', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from tensorflow import keras
        df = pd.read_csv("tx.csv")
        normal = df[df.flag == 0]
        odd = df[df.flag == 1]
        X_train = normal.iloc[:5000].drop("flag", axis=1)
        test = pd.concat([normal.iloc[5000:], odd])
        X_test, y_test = test.drop("flag", axis=1), test["flag"]
        ae = keras.Sequential([keras.layers.Dense(4), keras.layers.Dense(X_train.shape[1])])
        ae.compile(loss="mse")
        ae.fit(X_train, X_train, epochs=3)
        rec = ae.predict(X_test)
        err = np.mean(np.power(X_test - rec, 2), axis=1)
        med = np.median(err)
        flagged = np.abs(err - med) > 3 * np.median(np.abs(err - med))
        print((flagged == y_test).mean())
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('a scaler refitted on the last training window plus the test rows after the model was trained, to prepare the rows it forecasts, is a refit at inference, not preprocessing', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler
        from tensorflow import keras
        train = pd.read_csv("train_load.csv")
        test = pd.read_csv("test_load.csv")
        sc = MinMaxScaler()
        tr = sc.fit_transform(train[["load"]])
        X_train = np.array([tr[i - 12:i, 0] for i in range(12, len(tr))])
        y_train = np.array([tr[i, 0] for i in range(12, len(tr))])
        net = keras.Sequential([keras.layers.Dense(8), keras.layers.Dense(1)])
        net.compile(loss="mse")
        net.fit(X_train, y_train, epochs=5)
        ctx = pd.concat([train.tail(12), test])
        inputs = sc.fit_transform(ctx[["load"]])
        X_test = np.array([inputs[i - 12:i, 0] for i in range(12, len(inputs))])
        y_test = np.array([inputs[i, 0] for i in range(12, len(inputs))])
        pred = net.predict(X_test)
        print(np.mean(np.abs(pred[:, 0] - y_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), [lineOf(src, 'inputs = sc.fit_transform')]);
      const before = src.replace('tr = sc.fit_transform(train[["load"]])', 'sc.fit(pd.concat([train, test])[["load"]])\ntr = sc.transform(train[["load"]])')
        .replace('inputs = sc.fit_transform(ctx[["load"]])', 'inputs = sc.transform(ctx[["load"]])');
      assert.deepEqual(rules(before, 'leakage/preprocessing'), [lineOf(before, 'sc.fit(pd.concat')]);
    });
    it('a preprocessing branch switched off by a flag bound to False (a flag whose name contains "in") is not run; switched on it fires', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from scipy import stats
        from sklearn.model_selection import KFold
        from sklearn.linear_model import Ridge
        df = pd.read_csv("train.csv")
        X = np.array(df[["a", "b"]])
        y = np.array(df["y"])
        use_standardising = False
        if use_standardising:
            X = stats.zscore(X, 0)
        for tr, te in KFold(3, shuffle=True).split(X, y):
            m = Ridge().fit(X[tr], y[tr])
            print(m.score(X[te], y[te]))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const negated = src.replace('if use_standardising:', 'if not use_standardising:');
      assert.deepEqual(rules(negated, 'leakage/preprocessing'), [lineOf(negated, 'stats.zscore')]);
      const on = src.replace('use_standardising = False', 'use_standardising = True');
      assert.deepEqual(rules(on, 'leakage/preprocessing'), [lineOf(on, 'stats.zscore')]);
      const literal = src.replace('if use_standardising:', 'if False:');
      assert.deepEqual(rules(literal, 'leakage/preprocessing'), []);
    });
    it('KMeans segments of all rows kept as the label column and dropped from the features do not fire; the segment kept as a feature fires', () => {
      const src = py`
        import pandas as pd
        from sklearn.cluster import KMeans
        from sklearn.model_selection import train_test_split
        from sklearn.preprocessing import RobustScaler
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import accuracy_score
        df = pd.read_csv("customers.csv")
        km = KMeans(n_clusters=3).fit(df[["age", "income", "spend"]])
        seg = df.copy()
        seg["segment"] = km.labels_
        X = seg.drop(columns="segment")
        y = seg["segment"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
        sc = RobustScaler()
        m = LogisticRegression().fit(sc.fit_transform(X_train), y_train)
        print(accuracy_score(y_test, m.predict(sc.transform(X_test))))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const feature = src.replace('X = seg.drop(columns="segment")', 'X = seg.drop(columns="churn")').replace('y = seg["segment"]', 'y = seg["churn"]');
      assert.deepEqual(rules(feature, 'leakage/preprocessing'), [lineOf(feature, 'KMeans(n_clusters=3)')]);
    });
    it('rare categories counted on all rows and merged by a conditional lambda before the split fire; a condition on a constant does not', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        from sklearn.metrics import mean_squared_error
        df = pd.read_csv("jobs.csv")
        counts = df["role"].value_counts()
        rare = counts[counts <= 20]
        df["role"] = df["role"].apply(lambda r: "Other" if r in rare else r)
        X = pd.get_dummies(df[["role", "years"]])
        y = df["pay"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)
        m = LinearRegression().fit(X_tr, y_tr)
        print(mean_squared_error(y_te, m.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'counts = df["role"].value_counts()')]);
      const plain = src.replace('df["role"] = df["role"].apply(lambda r: "Other" if r in rare else r)', 'df["role"] = df["role"].apply(lambda r: "Other" if r == "" else r)');
      assert.deepEqual(rules(plain, 'leakage/preprocessing'), []);
    });
  });

  describe('a resampling under a test of the data\'s values is assumed to run, and says so', () => {
    it('SMOTE under `if counts.min() < t:` before the split is a warning with the assumption; unconditional it is an error', () => {
      const src = PD + py`
        from imblearn.over_sampling import SMOTE
        shares = y.value_counts(normalize=True)
        if shares.min() < 0.3:
            X, y = SMOTE().fit_resample(X, y)
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        m = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, m.predict(X_test)))
      `;
      const f = analyze(src, 'train.py').filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'SMOTE().fit_resample'), 'warning']]);
      assert.match(f[0].message, /Assumed: the branch under `if shares\.min\(\) < 0\.3` runs/);
      const flag = src.replace('if shares.min() < 0.3:', 'if BALANCE:').replace('shares = y.value_counts(normalize=True)', 'BALANCE = True');
      assert.deepEqual(analyze(flag, 'train.py').filter((x) => x.ruleId === 'leakage/overlap').map((x) => [x.location.line, x.severity]),
        [[lineOf(flag, 'SMOTE().fit_resample'), 'error']]);
    });
  });

  describe('a search\'s best_estimator_ cross-validated on the test rows refits on them', () => {
    it('cross_val_predict(search.best_estimator_, X_test, y_test) fires; on the training rows it does not', () => {
      const src = PD + py`
        from sklearn.model_selection import GridSearchCV, cross_val_predict
        from sklearn.metrics import classification_report
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
        def tune(grid):
            s = GridSearchCV(RandomForestClassifier(), param_grid=grid, cv=5).fit(X_train, y_train)
            return s.best_estimator_
        best = tune({"max_depth": [3, 5]})
        pred = cross_val_predict(best, X_test, y_test, cv=5)
        print(classification_report(y_test, pred))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'pred = cross_val_predict')]);
      const train = src.replace('cross_val_predict(best, X_test, y_test, cv=5)', 'cross_val_predict(best, X_train, y_train, cv=5)').replace('classification_report(y_test, pred)', 'classification_report(y_train, pred)');
      assert.deepEqual(rules(train, 'leakage/overlap'), []);
    });

    it('a %%notify cell is Python: the model it binds is seen by later cells', () => {
      const cells = [
        { source: PD + 'from sklearn.model_selection import cross_val_score\nX_train, X_test, y_train, y_test = train_test_split(X, y)\n' },
        { source: '%%notify -m "done"\nclf = RandomForestClassifier().fit(X_train, y_train)\n' },
        { source: 'print(cross_val_score(clf, X_test, y_test, cv=5).mean())\n' },
      ];
      const f = analyze(notebook(cells), 'nb.ipynb').filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => x.location.cell), [2]);
    });
  });

  describe('predictions written into a frame column and read back are still those predictions', () => {
    it('a fitted model\'s own rows scored through df["fit"] fires; held-out rows scored through test["pred"] do not', () => {
      const src = PD + py`
        model = Ridge().fit(X, y)
        df["fit"] = model.predict(X)
        print(mean_absolute_error(df["label"].iloc[-12:], df["fit"].iloc[-12:]))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'print(mean_absolute_error')]);
      const held = PD + py`
        train, test = train_test_split(df, test_size=0.2)
        cols = ["a", "b"]
        model = Ridge().fit(train[cols], train["label"])
        test["pred"] = model.predict(test[cols])
        print(mean_absolute_error(test["label"], test["pred"]))
      `;
      assert.deepEqual(rules(held, 'leakage/overlap'), []);
    });
  });

  describe('a model scored on the rows of a file named as training data, with no split', () => {
    it('is analysed (no internal analyzer error)', () => {
      const src = py`
        import pandas as pd
        from sklearn.linear_model import LogisticRegression
        train = pd.read_csv("train.csv")
        X, y = train.drop(["target"], axis=1), train["target"]
        clf = LogisticRegression().fit(X, y)
        print(clf.score(X, y))
      `;
      const r = analyzeDocument({ path: 'fit.py', text: src });
      assert.deepEqual(r.notes.filter((n) => /internal analyzer error/.test(n.message)), []);
    });
  });
  describe('leakage/overlap: the last training rows stacked in front of the test rows as lag context', () => {
    it('does not fire for np.concatenate([train[-w:], test]); a test set that is the training tail alone fires', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from sklearn.ensemble import RandomForestRegressor
        from sklearn.metrics import mean_absolute_error
        s = pd.read_csv("hourly.csv")
        cut = int(len(s) * 0.8)
        train = s[:cut]
        test = s[cut:]
        def windows(values, w):
            X, y = [], []
            for i in range(len(values) - w):
                X.append(values[i:i + w])
                y.append(values[i + w])
            return np.array(X), np.array(y)
        X_train, y_train = windows(train["count"].values, 24)
        model = RandomForestRegressor().fit(X_train, y_train)
        test_data = np.concatenate([train["count"].values[-24:], test["count"].values])
        X_test, y_test = windows(test_data, 24)
        print(mean_absolute_error(y_test, model.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
      const tail = src.replace('np.concatenate([train["count"].values[-24:], test["count"].values])', 'train["count"].values[-200:]');
      assert.ok(rules(tail, 'leakage/overlap').includes(lineOf(tail, 'test_data = ')));
    });
  });

  describe('leakage/overlap: cross-validation on the validation split through a lambda, behind a constant switch (round 10)', () => {
    const src = PD + py`
      from sklearn.model_selection import cross_val_score
      HOLD = 0.25
      if HOLD > 0:
          X_tr, X_val, y_tr, y_val = train_test_split(X, y, test_size=HOLD)
      else:
          X_tr, X_val, y_tr, y_val = X, X, y, y
      def add_scores(table, X_val, y_val):
          table["acc_val"] = table.est.apply(lambda est: cross_val_score(est, X_val, y_val, cv=3).mean())
          return table
      table = pd.DataFrame({"est": [LogisticRegression().fit(X_tr, y_tr)]})
      table = add_scores(table, X_val, y_val)
      print(table)
    `;
    it('cross_val_score of an unknown estimator (a lambda parameter) on the validation rows fires at warning', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'cross_val_score(est'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('the same on the training rows, or with the switch off (validation = all rows), does not fire', () => {
      assert.deepEqual(rules(src.replace('table = add_scores(table, X_val, y_val)', 'table = add_scores(table, X_tr, y_tr)'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('HOLD = 0.25', 'HOLD = 0'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a helper scores in-sample series predictions and its caller prints them as forecast error (round 10)', () => {
    const src = py`
      import pandas as pd
      import statsmodels.api as sm
      s = pd.read_csv("series.csv", index_col="day", parse_dates=True)["units"]
      def run_sarimax(series):
          res = sm.tsa.statespace.SARIMAX(series, order=(1, 1, 1)).fit(disp=0)
          p = res.get_prediction(start=pd.to_datetime("2020-06-01"), dynamic=False).predicted_mean
          err = ((p - series["2020-06-01":]) ** 2).mean()
          return res, err
      model, e = run_sarimax(s)
      print("forecast MSE", e)
    `;
    it('fires at warning on the helper\'s error line', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'err = ('), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('does not fire when the caller prints the error as a fit statistic, or not at all', () => {
      assert.deepEqual(rules(src.replace('"forecast MSE"', '"in-sample fit MSE"'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('print("forecast MSE", e)', 'print(model.summary())'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/multi-test: an unresolved helper named like an evaluation given predictions and held-out labels (round 11)', () => {
    const src = PD + py`
      import metrics_helpers as mh
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      for est in [Ridge(), RandomForestClassifier()]:
          est.fit(X_tr, y_tr)
          p = est.predict(X_te)
          mh.eval_regression(y_te, p)
    `;
    it('fires at warning, saying the helper is taken to score by its name', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'mh.eval_regression('), 'warning']]);
      assert.match(f[0].message, /taken to score the predictions/);
    });
    it('does not fire for one model, on the training rows, or for a helper not named like an evaluation', () => {
      assert.deepEqual(rules(src.replace('[Ridge(), RandomForestClassifier()]', '[Ridge()]'), 'leakage/multi-test'), []);
      assert.deepEqual(rules(src.replace('est.predict(X_te)', 'est.predict(X_tr)').replace('(y_te, p)', '(y_tr, p)'), 'leakage/multi-test'), []);
      assert.deepEqual(rules(src.replace('mh.eval_regression(', 'mh.plot_points('), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: each model\'s test predictions stored in a dict and scored in a loop over it (round 11)', () => {
    const src = PD + py`
      from sklearn.metrics import roc_auc_score
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      preds = {}
      a = LogisticRegression().fit(X_tr, y_tr)
      preds["lr"] = (y_te, a.predict_proba(X_te)[:, 1])
      b = RandomForestClassifier().fit(X_tr, y_tr)
      preds["rf"] = (y_te, b.predict_proba(X_te)[:, 1])
      for name, (truth, p) in preds.items():
          print(name, roc_auc_score(truth, p))
    `;
    it('fires on the metric in the loop', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'roc_auc_score(truth, p)')]);
    });
    it('does not fire with one model stored, or with the training rows\' predictions', () => {
      assert.deepEqual(rules(src.replace(/b = Random.*\n.*\n/, ''), 'leakage/multi-test'), []);
      assert.deepEqual(rules(src.replaceAll('X_te)[:, 1]', 'X_tr)[:, 1]').replaceAll('(y_te,', '(y_tr,'), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: recursive forecasts appended step by step, wrapped in a Series or array and scored on the test months (round 11)', () => {
    const step = (m: string, list: string): string => `
      ${list} = []
      last = list(y_tr.iloc[-3:])
      for i in range(len(X_te)):
          x = np.array(last[-3:] + [X_te.iloc[i]["temp"]]).reshape(1, -1)
          p = ${m}.predict(x)[0]
          ${list}.append(p)
          last.append(p)
      ${list} = pd.Series(${list}, index=X_te.index)
      print(mean_absolute_error(y_te, ${list}))`;
    const src = PD + py`
      tr, te = df.iloc[:-12], df.iloc[-12:]
      X_tr, y_tr = tr.drop(columns=["label"]), tr["label"]
      X_te, y_te = te.drop(columns=["label"]), te["label"]
      m1 = Ridge().fit(X_tr, y_tr)
      m2 = RandomForestClassifier().fit(X_tr, y_tr)
    ` + py([step('m1', 'f1') + step('m2', 'f2')] as unknown as TemplateStringsArray);
    it('fires on the second model\'s score', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), [src.split('\n').lastIndexOf('print(mean_absolute_error(y_te, f2))') + 1]);
    });
    it('does not fire with one model, or with a np.array of one model\'s forecasts scored once', () => {
      const one = PD + py`
        tr, te = df.iloc[:-12], df.iloc[-12:]
        X_tr, y_tr = tr.drop(columns=["label"]), tr["label"]
        X_te, y_te = te.drop(columns=["label"]), te["label"]
        m1 = Ridge().fit(X_tr, y_tr)
      ` + py([step('m1', 'f1').replace('pd.Series(f1, index=X_te.index)', 'np.array(f1)')] as unknown as TemplateStringsArray);
      assert.deepEqual(rules(one, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: metrics inside a loop that runs once (for epoch in range(1)) (round 11)', () => {
    const src = PD + py`
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      m = LogisticRegression().fit(X_tr, y_tr)
      def predict_all(epoch):
          outs = []
          for i in range(len(X_te)):
              outs.extend(m.predict_proba(X_te.iloc[[i]]).tolist())
          return outs
      for epoch in range(1):
          outs = predict_all(epoch)
          outs = np.array(outs) >= 0.5
          print(accuracy_score(y_te, outs[:, 1]))
    `;
    it('does not fire (one pass, one model)', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('fires when the loop runs over several settings', () => {
      assert.ok(rules(src.replace('range(1)', 'range(5)').replace('>= 0.5', '>= epoch / 10'), 'leakage/multi-test').length > 0);
    });
  });
  describe('leakage/multi-test: a dict of models filled by key, fitted and scored in loops over the dict (round 11)', () => {
    const src = PD + py`
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      models = dict()
      models["lr"] = LogisticRegression()
      models["rf"] = RandomForestClassifier()
      for name in models:
          models[name].fit(X_tr, y_tr)
      for name in models:
          m = models[name]
          print(name, accuracy_score(y_te, m.predict(X_te)))
    `;
    it('fires on the score in the loop, with dict() or {}', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'accuracy_score(y_te')]);
      assert.deepEqual(rules(src.replace('dict()', '{}'), 'leakage/multi-test'), [lineOf(src, 'accuracy_score(y_te')]);
    });
    it('does not fire with one model in the dict, or scored on the training rows', () => {
      assert.deepEqual(rules(src.replace('models["rf"] = RandomForestClassifier()\n', ''), 'leakage/multi-test'), []);
      assert.deepEqual(rules(src.replace('accuracy_score(y_te, m.predict(X_te))', 'accuracy_score(y_tr, m.predict(X_tr))'), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: validation_data of arrays the analysis cannot follow, named as the test set (round 11)', () => {
    const src = py`
      import numpy as np
      from glob import glob
      from tensorflow import keras
      from keras.preprocessing.image import load_img, img_to_array
      def load_part(files, start, size):
          xs, ys = [], []
          for f in files[start:start + size]:
              xs.append(img_to_array(load_img(f)) / 255)
              ys.append(int(f[-5]))
          return np.stack(xs), ys
      files = glob("images/*/*.png")
      x_train, y_train = load_part(files, 0, 9000)
      x_test, y_test = load_part(files, 10000, 2000)
      model = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
      model.compile(loss="binary_crossentropy")
      model.fit(x_train, np.array(y_train), validation_data=(x_test, np.array(y_test)), epochs=10)
    `;
    it('fires at warning, saying the role is taken from the name', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'validation_data='), 'warning']]);
      assert.match(f[0].message, /`x_test` is taken to hold test data by its name/);
    });
    it('does not fire for a part named as validation or training data', () => {
      assert.deepEqual(rules(src.replaceAll('x_test', 'x_valid').replaceAll('y_test', 'y_valid'), 'leakage/multi-test'), []);
      assert.deepEqual(rules(src.replace('validation_data=(x_test, np.array(y_test))', 'validation_data=(x_train, np.array(y_train))'), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: predictions and held-out labels written into a zeros array to undo a multi-column scaler (round 11)', () => {
    const src = PD + py`
      from sklearn.preprocessing import MinMaxScaler
      data = df[["a", "b", "label"]].values
      n = int(len(data) * 0.8)
      sc = MinMaxScaler()
      tr = sc.fit_transform(data[:n])
      te = sc.transform(data[n:])
      X_tr, y_tr, X_te, y_te = tr[:, :-1], tr[:, -1], te[:, :-1], te[:, -1]
      for alpha in [0.1, 1.0, 10.0]:
          p = Ridge(alpha=alpha).fit(X_tr, y_tr).predict(X_te)
          d = np.zeros((len(p), 3))
          d[:, -1] = p
          p_inv = sc.inverse_transform(d)[:, -1]
          t = np.zeros((len(y_te), 3))
          t[:, -1] = y_te
          y_inv = sc.inverse_transform(t)[:, -1]
          print(alpha, mean_absolute_error(y_inv, p_inv))
    `;
    it('fires on the score of the unscaled values', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'mean_absolute_error(y_inv, p_inv)')]);
    });
    it('does not fire for one setting, or for the training rows', () => {
      assert.deepEqual(rules(src.replace('[0.1, 1.0, 10.0]', '[1.0]'), 'leakage/multi-test'), []);
      assert.deepEqual(rules(src.replace('.predict(X_te)', '.predict(X_tr)').replace('t[:, -1] = y_te', 't[:, -1] = y_tr').replace('len(y_te)', 'len(y_tr)'), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: a loss helper called for its printout each epoch with the test loader as a keyword argument (round 11)', () => {
    const src = py`
      import torch
      from torch import nn
      from torch.utils.data import DataLoader, TensorDataset
      from sklearn.model_selection import train_test_split
      X, Y = torch.load("xy.pt")
      trX, teX, trY, teY = train_test_split(X, Y, test_size=0.25)
      train_loader = DataLoader(TensorDataset(trX, trY), batch_size=64)
      test_loader = DataLoader(TensorDataset(teX, teY), batch_size=64)
      model = nn.Linear(8, 1)
      opt = torch.optim.SGD(model.parameters(), lr=0.01)
      crit = nn.MSELoss()
      def compute_loss(loader, model, crit):
          total = 0
          for xb, yb in loader:
              total += crit(model(xb), yb).item()
          print(total)
      for epoch in range(50):
          for xb, yb in train_loader:
              opt.zero_grad()
              loss = crit(model(xb), yb)
              loss.backward()
              opt.step()
          compute_loss(loader=test_loader, model=model, crit=crit)
    `;
    it('fires on the call in the epoch loop', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'compute_loss(loader=test_loader')]);
    });
    it('does not fire for the training loader, or for a helper not named like a loss or metric', () => {
      assert.deepEqual(rules(src.replace('compute_loss(loader=test_loader', 'compute_loss(loader=train_loader'), 'leakage/multi-test'), []);
      assert.deepEqual(rules(src.replaceAll('compute_loss(', 'plot_batches('), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: a search fitted on all rows chooses the setting of a model then scored on a test part of them (round 11)', () => {
    const src = PD + py`
      from sklearn.model_selection import GridSearchCV
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      search = GridSearchCV(Ridge(), {"alpha": [0.1, 1.0, 10.0]}, cv=5)
      search.fit(X, y)
      best = search.best_params_
      model = Ridge(**best).fit(X_tr, y_tr)
      print(mean_absolute_error(y_te, model.predict(X_te)))
    `;
    it('fires at warning where the setting is read', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'best = search.best_params_'), 'warning']]);
    });
    it('does not fire for a search on the training part, or a setting only printed', () => {
      assert.deepEqual(rules(src.replace('search.fit(X, y)', 'search.fit(X_tr, y_tr)'), 'leakage/multi-test'), []);
      assert.deepEqual(rules(src.replace('Ridge(**best)', 'Ridge(alpha=1.0)'), 'leakage/multi-test'), []);
    });
  });
  describe('leakage/multi-test: an accuracy counted row by row over the test labels and one model\'s predictions (round 11)', () => {
    const src = py`
      import numpy as np
      import pandas as pd
      import torch
      from torch import nn
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("data.csv")
      X = df.iloc[:, 0:8].values
      y = df.iloc[:, 8:].values
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      Xtr, Ytr, Xte = torch.FloatTensor(X_tr), torch.FloatTensor(y_tr), torch.FloatTensor(X_te)
      model = nn.Sequential(nn.Linear(8, 4), nn.Softmax())
      opt = torch.optim.SGD(model.parameters(), lr=0.01)
      loss_fn = nn.BCELoss()
      for step in range(100):
          loss = loss_fn(model(Xtr), Ytr)
          opt.zero_grad()
          loss.backward()
          opt.step()
      preds = []
      for i in range(len(Xte)):
          preds.append(model(Xte[i]))
      hits = 0
      for i in range(len(preds)):
          if np.argmax(y_te[i]) == np.argmax(preds[i].data.numpy()):
              hits += 1
      print("test accuracy", hits / len(preds))
    `;
    it('does not fire (one model, its rows walked one by one)', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('fires when the loop varies a threshold on the same rows instead', () => {
      const thr = PD + py`
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        m = LogisticRegression().fit(X_tr, y_tr)
        p = m.predict_proba(X_te)[:, 1]
        for t in [0.3, 0.5, 0.7]:
            print(t, accuracy_score(y_te, p > t))
      `;
      assert.ok(rules(thr, 'leakage/multi-test').length > 0);
    });
  });

  describe('leakage/preprocessing: statistics of the label that never shape a feature (round 11)', () => {
    it('the median of all labels used as a constant baseline beside the model on the test labels does not fire; filling a feature with it fires', () => {
      const src = PD + py`
        med = df["label"].median()
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        m = Ridge().fit(X_tr, y_tr)
        print(mean_absolute_error(y_te, m.predict(X_te)))
        print("baseline", np.abs(med - y_te).mean())
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const feat = src.replace('med = df["label"].median()', 'med = df["label"].median()\nX["age"] = X["age"].fillna(X["age"].median())');
      assert.deepEqual(rules(feat, 'leakage/preprocessing'), [lineOf(feat, 'X["age"].median()')]);
    });
    it('a class label cut at the all-rows quantile of a numeric target does not fire; the same quantile cut of a feature fires', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import accuracy_score
        df = pd.read_csv("jobs.csv")
        cut = df["salary"].quantile(0.75)
        df["high"] = (df["salary"] >= cut).astype(int)
        tr, te = train_test_split(df, test_size=0.2, random_state=0)
        m = LogisticRegression().fit(tr[["years", "rooms"]], tr["high"])
        print(accuracy_score(te["high"], m.predict(te[["years", "rooms"]])))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const feat = src.replace('df["high"] = (df["salary"] >= cut).astype(int)', 'df["high"] = (df["salary"] >= 100).astype(int)\ndf["rooms"] = (df["years"] >= df["years"].quantile(0.75)).astype(int)');
      assert.deepEqual(rules(feat, 'leakage/preprocessing'), [lineOf(feat, 'df["years"].quantile(0.75)')]);
    });
    it('the label column filled in place with its mean, the features taken from a copy made before, does not fire', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.ensemble import RandomForestRegressor
        from sklearn.metrics import r2_score
        df = pd.read_csv("air.csv")
        feats = df.drop(columns=["day"])
        df.fillna(df.mean(numeric_only=True), inplace=True)
        X = feats.drop(columns=["aqi"])
        y = df["aqi"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        m = RandomForestRegressor().fit(X_tr, y_tr)
        print(r2_score(y_te, m.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const after = src.replace('X = feats.drop(columns=["aqi"])', 'X = df.drop(columns=["aqi", "day"])');
      assert.deepEqual(rules(after, 'leakage/preprocessing'), [lineOf(after, 'df.fillna(df.mean(numeric_only=True), inplace=True)')]);
    });
  });

  describe('leakage/preprocessing: outliers masked to missing by a z-score of all rows are removed, not transformed (round 11)', () => {
    const src = PD + py`
      z = (df["income"] - df["income"].mean()) / df["income"].std()
      df.loc[:, "income"] = df["income"].where(np.abs(z) <= 3)
      df = df.dropna()
      X = df.drop(columns=["label"])
      y = df["label"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      m = LogisticRegression().fit(X_tr, y_tr)
      print(accuracy_score(y_te, m.predict(X_te)))
    `;
    it('s.where(condition) with no replacement, then dropna, does not fire', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const masked = src.replace('df["income"].where(np.abs(z) <= 3)', 'df["income"].mask(cond=np.abs(z) > 3)');
      assert.deepEqual(rules(masked, 'leakage/preprocessing'), []);
    });
    it('capping the outliers at a statistic of all rows (a replacement value) fires', () => {
      const capped = src.replace('df["income"].where(np.abs(z) <= 3)', 'df["income"].where(np.abs(z) <= 3, df["income"].median())');
      assert.ok(rules(capped, 'leakage/preprocessing').includes(lineOf(capped, '.where(')));
    });
  });

  describe('leakage/preprocessing: the first or last date of the data is a calendar reference, not a statistic (round 11)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      tx = pd.read_csv("orders.csv", parse_dates=["order_date"])
      snapshot = tx["order_date"].max() + pd.Timedelta(days=1)
      tx["recency"] = (snapshot - tx["order_date"]).dt.days
      X = tx[["recency", "amount"]]
      y = tx["churned"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      m = RandomForestClassifier().fit(X_tr, y_tr)
      print(accuracy_score(y_te, m.predict(X_te)))
    `;
    it('days since the last order date of all rows (a snapshot day) does not fire', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('the largest amount of all rows used to scale a feature fires', () => {
      const scaled = src.replace('tx["recency"] = (snapshot - tx["order_date"]).dt.days', 'tx["recency"] = (snapshot - tx["order_date"]).dt.days\ntx["amount"] = tx["amount"] / tx["amount"].max()');
      assert.deepEqual(rules(scaled, 'leakage/preprocessing'), [lineOf(scaled, 'tx["amount"].max()')]);
    });
  });

  describe('leakage/preprocessing: scaled on all rows, split, a model fitted and saved, the held-out part never touched (round 11)', () => {
    const src = PD + py`
      import pickle
      from sklearn.preprocessing import MinMaxScaler
      X_s = MinMaxScaler().fit_transform(X)
      X_tr, X_te, y_tr, y_te = train_test_split(X_s, y, test_size=0.2)
      m = LogisticRegression().fit(X_tr, y_tr)
      pickle.dump(m, open("model.pkl", "wb"))
    `;
    it('does not fire (nothing is evaluated)', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires once the held-out part is scored, or when the document stops at its split', () => {
      const scored = src + 'print(accuracy_score(y_te, m.predict(X_te)))\n';
      assert.deepEqual(rules(scored, 'leakage/preprocessing'), [lineOf(scored, 'MinMaxScaler().fit_transform(X)')]);
      const stops = src.replace('m = LogisticRegression().fit(X_tr, y_tr)\npickle.dump(m, open("model.pkl", "wb"))\n', '');
      assert.deepEqual(rules(stops, 'leakage/preprocessing'), [lineOf(stops, 'MinMaxScaler().fit_transform(X)')]);
    });
  });

  describe('leakage/preprocessing: a final model refitted on train+test with its own imputer, saved and never scored (round 11)', () => {
    const src = PD + py`
      import joblib
      from sklearn.impute import KNNImputer
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      imp = KNNImputer()
      m = RandomForestClassifier().fit(imp.fit_transform(X_tr), y_tr)
      print(accuracy_score(y_te, m.predict(imp.transform(X_te))))
      X_all = pd.concat([X_tr, X_te])
      y_all = pd.concat([y_tr, y_te])
      final = RandomForestClassifier().fit(KNNImputer().fit_transform(X_all), y_all)
      joblib.dump(final, "final.pkl")
    `;
    it('does not fire', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when the refitted model is then scored on the test part', () => {
      const scored = src + 'print(accuracy_score(y_te, final.predict(imp.transform(X_te))))\n';
      assert.ok(rules(scored, 'leakage/preprocessing').includes(lineOf(scored, 'final = ')));
    });
  });

  describe('leakage/preprocessing: a fill on all rows of a file named like a test set that the document splits and trains on (round 11)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("tested.csv")
      df["port"] = df["port"].fillna(df["port"].mode()[0])
      X = df.drop("survived", axis=1)
      y = df["survived"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      m = RandomForestClassifier().fit(X_tr, y_tr)
      print(accuracy_score(y_te, m.predict(X_te)))
    `;
    it('fires on the fill (the file is the whole data, split later), not as a refit at inference', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'df["port"].mode()')]);
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), []);
    });
  });

  describe('leakage/preprocessing: a vectorizer fitted on all texts, its output named x_train, then hand-written K folds scored (round 11)', () => {
    const src = py`
      import numpy as np
      import pandas as pd
      from sklearn.feature_extraction.text import TfidfVectorizer
      from sklearn.model_selection import KFold
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_squared_error
      data = pd.read_csv("reviews.csv")
      x_train = TfidfVectorizer().fit_transform(data.text)
      y_train = data.points.values
      oof = np.zeros(len(y_train))
      for tr, va in KFold(5).split(x_train):
          m = Ridge().fit(x_train[tr], y_train[tr])
          oof[va] = m.predict(x_train[va])
      print("CV MSE", mean_squared_error(y_train, oof))
    `;
    it('fires on the vectorizer: every validation fold was in its fit', () => {
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'TfidfVectorizer().fit_transform')]);
    });
    it('does not fire when the model is only fitted on all rows (nothing held out)', () => {
      const all = src.slice(0, src.indexOf('oof = ')) + 'm = Ridge().fit(x_train, y_train)\n';
      assert.deepEqual(rules(all, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/temporal: lags or rolling windows of the label itself after a date column is parsed (round 11)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      d = pd.read_csv("demand.csv")
      d["day"] = pd.to_datetime(d["day"])
      d["units_roll"] = d["units"].rolling(window=5).mean()
      d["price_prev"] = d["price"].shift(1)
      feats = d[["price", "price_prev", "units_roll"]].dropna()
      target = d["units"].loc[feats.index]
      a_tr, a_te, b_tr, b_te = train_test_split(feats, target, test_size=0.3, random_state=1)
      reg = LinearRegression().fit(a_tr, b_tr)
      print(reg.score(a_te, b_te))
    `;
    it('fires at warning on the random split, saying the assumption', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/temporal');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'train_test_split(feats'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('does not fire when only inputs are lagged, or the label window is not a feature', () => {
      assert.deepEqual(rules(src.replace('d["units"].rolling', 'd["price"].rolling'), 'leakage/temporal'), []);
      assert.deepEqual(rules(src.replace('"price_prev", "units_roll"]', '"price_prev"]'), 'leakage/temporal'), []);
    });
  });

  describe('leakage/target: a rolling mean of the label on a frame grouped by a date series (round 11)', () => {
    const src = py`
      import pandas as pd
      from sklearn.linear_model import LinearRegression
      ev = pd.read_csv("events.csv")
      ev["when"] = pd.to_datetime(ev["when"])
      per_day = ev.groupby(ev["when"].dt.date).agg(n=("id", "count"), spend=("amount", "mean")).reset_index()
      per_day["n_prev"] = per_day["n"].shift(1)
      per_day["n_avg3"] = per_day["n"].rolling(3).mean()
      per_day = per_day.dropna()
      edge = per_day["when"].quantile(0.75)
      early = per_day[per_day["when"] <= edge]
      late = per_day[per_day["when"] > edge]
      m = LinearRegression().fit(early.drop(columns=["when", "n"]), early["n"])
      print(m.score(late.drop(columns=["when", "n"]), late["n"]))
    `;
    it('fires on the rolling window that includes the current row', () => {
      assert.deepEqual(rules(src, 'leakage/target'), [lineOf(src, 'per_day["n_avg3"]')]);
    });
    it('does not fire when the window is shifted first', () => {
      assert.deepEqual(rules(src.replace('per_day["n"].rolling(3)', 'per_day["n"].shift(1).rolling(3)'), 'leakage/target'), []);
    });
  });

  describe('leakage/target: the measurement a class label is cut from stays in a frame the label was dropped from in place (round 11)', () => {
    const src = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.tree import DecisionTreeClassifier
      w = pd.read_csv("water.csv")
      levels = [(w["turbidity"] < 1), (w["turbidity"] >= 1) & (w["turbidity"] < 5), (w["turbidity"] >= 5)]
      w["grade"] = np.select(levels, ["clear", "cloudy", "murky"], default="murky")
      w["grade_code"] = w["grade"].map({"clear": 0, "cloudy": 1, "murky": 2})
      w.drop("grade", axis=1, inplace=True)
      part_a, part_b = train_test_split(w, test_size=0.25, random_state=3)
      lab_a = part_a["grade_code"]
      part_a.drop("grade_code", axis=1, inplace=True)
      tree = DecisionTreeClassifier().fit(part_a, lab_a)
    `;
    it('fires on the fit: the features still hold the measurement', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/target');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'tree = DecisionTreeClassifier')]);
      assert.match(f[0].message, /turbidity/);
    });
    it('does not fire when the measurement is dropped too', () => {
      assert.deepEqual(rules(src.replace('part_a.drop("grade_code", axis=1', 'part_a.drop(["grade_code", "turbidity"], axis=1'), 'leakage/target'), []);
    });
  });

  describe('leakage/target: a feature from the label reaching a booster through its data container (round 11)', () => {
    const src = py`
      import numpy as np
      import pandas as pd
      import lightgbm as lgb
      from sklearn.model_selection import train_test_split
      t = pd.read_csv("trips.csv")
      t["fare_per_km"] = t["fare"] / t["km"]
      feats = t.drop(["fare"], axis=1)
      a, b, ya, yb = train_test_split(feats, np.log1p(t.fare), test_size=0.2, random_state=0)
      ds_a = lgb.Dataset(a, label=ya)
      ds_b = lgb.Dataset(b, label=yb, reference=ds_a)
      booster = lgb.train({"objective": "regression"}, ds_a, 500, valid_sets=[ds_b])
    `;
    it('fires at warning on the feature, saying the assumption', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/target');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 't["fare_per_km"]'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('does not fire when the feature is not built from the label, or the drop list is unknown', () => {
      assert.deepEqual(rules(src.replace('t["fare"] / t["km"]', 't["tolls"] / t["km"]'), 'leakage/target'), []);
      assert.deepEqual(rules(src.replace('t.drop(["fare"], axis=1)', 't.drop(unused_cols, axis=1)'), 'leakage/target'), []);
    });
  });

  describe('leakage/overlap: a Keras model fitted with validation_split and scored on all of X (round 11)', () => {
    const src = PD + py`
      from tensorflow import keras
      net = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
      net.compile(loss="binary_crossentropy", metrics=["accuracy"])
      net.fit(X, y, validation_split=0.2, epochs=10)
      res = net.evaluate(X, y)
      print("final accuracy", res[1])
    `;
    it('fires at warning on the evaluation, saying what it assumed', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'net.evaluate(X, y)'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('does not fire without validation_split, with a scored test split, or when the score is called a training score', () => {
      assert.deepEqual(rules(src.replace(', validation_split=0.2', ''), 'leakage/overlap'), []);
      const split = src.replace('net.fit(X, y,', 'X_tr, X_te, y_tr, y_te = train_test_split(X, y)\nnet.fit(X_tr, y_tr,').replace('res = net.evaluate(X, y)', 'res = net.evaluate(X_te, y_te)');
      assert.deepEqual(rules(split, 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('"final accuracy"', '"training accuracy"'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: the best pass of a re-split loop dumped, loaded back and scored on the last pass\'s test part (round 11)', () => {
    const src = PD + py`
      import pickle
      best = 0
      for _ in range(20):
          X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)
          reg = Ridge().fit(X_tr, y_tr)
          r2 = reg.score(X_te, y_te)
          if r2 > best:
              best = r2
              with open("reg.pkl", "wb") as fh:
                  pickle.dump(reg, fh)
      reg = pickle.load(open("reg.pkl", "rb"))
      print("r2", reg.score(X_te, y_te))
    `;
    it('fires at warning on the score after the loop', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'print("r2"'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('does not fire when the split is seeded, or when nothing is dumped and reloaded', () => {
      assert.deepEqual(rules(src.replace('test_size=0.2)', 'test_size=0.2, random_state=1)'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('reg = pickle.load(open("reg.pkl", "rb"))\n', ''), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a model refitted on all rows after its held-out part was scored, scored on all rows (round 11)', () => {
    const src = PD + py`
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      m = RandomForestClassifier(random_state=0).fit(X_tr, y_tr)
      print("holdout", accuracy_score(y_te, m.predict(X_te)))
      final = RandomForestClassifier(random_state=0).fit(X, y)
      print("final model accuracy", accuracy_score(y, final.predict(X)))
    `;
    it('fires at warning on the in-sample score of the refit', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, '"final model accuracy"'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('does not fire when the refit is only used to predict, or its score is called a training score', () => {
      assert.deepEqual(rules(src.replace('print("final model accuracy", accuracy_score(y, final.predict(X)))', 'pred = final.predict(X_new)'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('"final model accuracy"', '"training accuracy"'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: Prophet predictions of make_future_dataframe (history kept) scored against the actuals (round 11)', () => {
    const src = py`
      import pandas as pd
      from prophet import Prophet
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("daily.csv", parse_dates=["ds"])
      train = df.iloc[:-30]
      test = df.iloc[-30:]
      m = Prophet()
      m.fit(train)
      future = m.make_future_dataframe(periods=30)
      fc = m.predict(future)
      print("MAE", mean_absolute_error(df["y"], fc["yhat"]))
    `;
    it('fires at warning on the score', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'print("MAE"'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('does not fire with include_history=False, or when only the forecast dates are scored against the test part', () => {
      assert.deepEqual(rules(src.replace('periods=30)', 'periods=30, include_history=False)'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('mean_absolute_error(df["y"], fc["yhat"])', 'mean_absolute_error(test["y"], fc["yhat"][-30:])'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: rows picked by positions drawn with replacement (np.random.randint) before the split (round 11)', () => {
    const src = PD + py`
      pos = df[df.label == 1]
      picks = np.random.randint(0, len(pos), size=1000)
      pos = pos.iloc[picks]
      both = pd.concat([df[df.label == 0], pos])
      X_tr, X_te, y_tr, y_te = train_test_split(both.drop(columns=["label"]), both["label"], random_state=0)
      m = LogisticRegression().fit(X_tr, y_tr)
      print(accuracy_score(y_te, m.predict(X_te)))
    `;
    it('fires on the draw', () => {
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'pos = pos.iloc[picks]')]);
    });
    it('does not fire for a draw without replacement, or when the drawn rows are only shown', () => {
      assert.deepEqual(rules(src.replace('np.random.randint(0, len(pos), size=1000)', 'np.random.choice(len(pos), 1000, replace=False)'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('pos = pos.iloc[picks]', 'print(pos.iloc[picks])'), 'leakage/overlap'), []);
    });
  });

  describe('a results frame built from a dict of actuals and predictions is scored by its columns (round 11)', () => {
    const src = py`
      import pandas as pd
      from prophet import Prophet
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("daily.csv", parse_dates=["ds"])
      train = df.iloc[:-30]
      m = Prophet()
      m.fit(train)
      fc = m.predict(m.make_future_dataframe(periods=30))
      res = pd.DataFrame({"ds": fc["ds"], "actual": df["y"], "pred": fc["yhat"]})
      print("MAE", mean_absolute_error(res["actual"], res.pred))
    `;
    it('the in-sample Prophet score through the frame fires at warning', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'print("MAE"'), 'warning']]);
    });
    it('bins of the actual values written into a results frame of test predictions are not a refit at inference', () => {
      const clean = PD + py`
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
        m = Ridge().fit(X_tr, y_tr)
        res = pd.DataFrame({"actual": y_te, "pred": m.predict(X_te)})
        res["seg"] = pd.qcut(res["actual"], q=4)
        print(res.groupby("seg").apply(lambda g: mean_absolute_error(g["actual"], g["pred"])))
      `;
      assert.deepEqual(rules(clean, 'mismatch/refit-at-inference'), []);
      assert.deepEqual(rules(clean, 'leakage/overlap'), []);
    });
  });

  describe('oversampling before the split through a sampler pipeline or a per-group resample (round 12)', () => {
    it('fit_resample of an imblearn Pipeline holding RandomOverSampler before train_test_split fires', () => {
      const src = PD + py`
        from imblearn.pipeline import Pipeline
        from imblearn.over_sampling import RandomOverSampler
        from imblearn.under_sampling import RandomUnderSampler
        sampler = Pipeline([("o", RandomOverSampler(sampling_strategy=0.5)), ("u", RandomUnderSampler())])
        Xr, yr = sampler.fit_resample(X, y)
        X_tr, X_te, y_tr, y_te = train_test_split(Xr, yr, random_state=0)
        m = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_te, m.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'Xr, yr = sampler.fit_resample(X, y)')]);
    });
    it('a pipeline of undersamplers only, or the sampler pipeline applied to the training part, does not fire', () => {
      const src = PD + py`
        from imblearn.pipeline import Pipeline
        from imblearn.under_sampling import RandomUnderSampler, TomekLinks
        sampler = Pipeline([("t", TomekLinks()), ("u", RandomUnderSampler())])
        Xr, yr = sampler.fit_resample(X, y)
        X_tr, X_te, y_tr, y_te = train_test_split(Xr, yr, random_state=0)
        m = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_te, m.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
      const clean = PD + py`
        from imblearn.pipeline import Pipeline
        from imblearn.over_sampling import RandomOverSampler
        from imblearn.under_sampling import RandomUnderSampler
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
        sampler = Pipeline([("o", RandomOverSampler()), ("u", RandomUnderSampler())])
        Xr, yr = sampler.fit_resample(X_tr, y_tr)
        m = LogisticRegression().fit(Xr, yr)
        print(accuracy_score(y_te, m.predict(X_te)))
      `;
      assert.deepEqual(rules(clean, 'leakage/overlap'), []);
    });
    it('groupby(label).apply(lambda g: g.sample(n, replace=True)) before the split fires', () => {
      const src = PD + py`
        n = df["label"].value_counts().max()
        bal = df.groupby("label", group_keys=False).apply(lambda g: g.sample(n, replace=True))
        Xb = bal.drop(columns=["label"])
        yb = bal["label"]
        X_tr, X_te, y_tr, y_te = train_test_split(Xb, yb, random_state=0)
        m = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_te, m.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'bal = df.groupby')]);
      // Without replacement (a per-group undersample) nothing is duplicated.
      assert.deepEqual(rules(src.replace('g.sample(n, replace=True)', 'g.sample(100)'), 'leakage/overlap'), []);
    });
  });

  describe('oversampling in one branch of an unknown switch, the plain rows in the other, then the split (round 12)', () => {
    const src = py`
      import pandas as pd
      from imblearn.over_sampling import RandomOverSampler
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      def load(path):
          df = pd.read_csv(path)
          return df.drop(columns=["y"]), df["y"]
      def balanced(path):
          X, y = load(path)
          return RandomOverSampler().fit_resample(X, y)
      def run(use_sampling):
          if use_sampling:
              data = balanced("d.csv")
          else:
              data = load("d.csv")
          X, y = data
          X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
          m = LogisticRegression().fit(X_tr, y_tr)
          print("test", m.score(X_te, y_te))
    `;
    it('fires at warning on the oversampler, naming the switch as the assumption', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'return RandomOverSampler()'), 'warning']]);
      assert.match(f[0].message, /if use_sampling/);
    });
    it('does not fire when the switch resamples only the training part after the split', () => {
      const clean = py`
        import pandas as pd
        from imblearn.over_sampling import RandomOverSampler
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        def run(path, use_sampling):
            df = pd.read_csv(path)
            X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["y"]), df["y"], random_state=0)
            if use_sampling:
                fit_X, fit_y = RandomOverSampler().fit_resample(X_tr, y_tr)
            else:
                fit_X, fit_y = X_tr, y_tr
            m = LogisticRegression().fit(fit_X, fit_y)
            print("test", m.score(X_te, y_te))
      `;
      assert.deepEqual(rules(clean, 'leakage/overlap'), []);
    });
  });

  describe('a search fitted on the held-out rows and its cross-validated scores read (round 12)', () => {
    const src = PD + py`
      from sklearn.model_selection import GridSearchCV
      X_tr, X_rest, y_tr, y_rest = train_test_split(X, y, test_size=0.3, random_state=0)
      X_te, X_va, y_te, y_va = train_test_split(X_rest, y_rest, test_size=0.3, random_state=0)
      grid = GridSearchCV(RandomForestClassifier(), {"max_depth": [2, 4, 8]})
      grid.fit(X_te, y_te)
      print(grid.best_score_)
    `;
    it('fires at warning on the read of the search score', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'print(grid.best_score_)'), 'warning']]);
    });
    it('does not fire when the search is fitted on the training part, or its score is never read', () => {
      assert.deepEqual(rules(src.replace('grid.fit(X_te, y_te)', 'grid.fit(X_tr, y_tr)'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('print(grid.best_score_)', 'print(grid.best_params_)'), 'leakage/overlap'), []);
    });
  });

  describe('a held-out part made by dropping rows by a column\'s values after sampling the training part (round 12)', () => {
    const src = py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("d.csv")
      train = df.sample(frac=0.8, random_state=0)
      test = df.drop(df["label"])
      y_train = train.pop("label")
      y_test = test.pop("label")
      m = LogisticRegression().fit(train, y_train)
      print("test acc", m.score(test, y_test))
    `;
    it('fires at warning on the drop', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'test = df.drop(df["label"])'), 'warning']]);
    });
    it('does not fire for df.drop(train.index), or when no model is scored on the part', () => {
      assert.deepEqual(rules(src.replace('df.drop(df["label"])', 'df.drop(train.index)'), 'leakage/overlap'), []);
      assert.deepEqual(rules(src.replace('print("test acc", m.score(test, y_test))', 'print(test.shape)'), 'leakage/overlap'), []);
    });
  });

  describe('a results frame built column by column from an empty DataFrame is scored by its columns (round 12)', () => {
    const src = py`
      import pandas as pd
      from prophet import Prophet
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("daily.csv", parse_dates=["ds"])
      m = Prophet()
      m.fit(df)
      fc = m.predict(m.make_future_dataframe(periods=30))
      out = pd.DataFrame()
      out["ds"] = fc["ds"]
      out[["yhat", "yhat_lower"]] = fc[["yhat", "yhat_lower"]]
      both = out.set_index("ds")[["yhat"]].join(df.set_index("ds").y).reset_index()
      print("MAE", mean_absolute_error(both.y, both.yhat))
    `;
    it('the in-sample Prophet score through the frame fires at warning', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'print("MAE"'), 'warning']]);
    });
    it('test predictions written beside the test labels do not fire', () => {
      const clean = PD + py`
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
        m = Ridge().fit(X_tr, y_tr)
        res = pd.DataFrame()
        res["pred"] = m.predict(X_te)
        res["actual"] = y_te.values
        print("test MAE", mean_absolute_error(res["actual"], res["pred"]))
      `;
      assert.deepEqual(rules(clean, 'leakage/overlap'), []);
    });
  });

  describe('leakage/multi-test: a loop whose passes hold out other rows is not one test set (round 12)', () => {
    it('a split whose test_size changes with the loop, one model per pass, does not fire', () => {
      const src = PD + py`
        for size in [0.1, 0.2, 0.3]:
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=size, random_state=42)
            m = LogisticRegression().fit(X_tr, y_tr)
            print("test", accuracy_score(y_te, m.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('two models compared within one pass of that loop still fire', () => {
      const src = PD + py`
        for size in [0.1, 0.2, 0.3]:
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=size, random_state=42)
            a = LogisticRegression().fit(X_tr, y_tr)
            b = RandomForestClassifier().fit(X_tr, y_tr)
            print("test", accuracy_score(y_te, a.predict(X_te)))
            print("test", accuracy_score(y_te, b.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'accuracy_score(y_te, b.')]);
    });
    it('a fixed split re-made in a loop over settings still fires', () => {
      const src = PD + py`
        for c in [0.1, 1.0, 10.0]:
            X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=42)
            m = LogisticRegression(C=c).fit(X_tr, y_tr)
            print("test", accuracy_score(y_te, m.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print("test"')]);
    });
    it('a file named by the loop variable (one subject per pass), one model each, does not fire', () => {
      const src = py`
        import scipy.io
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import accuracy_score
        def load(path):
            d = scipy.io.loadmat(path)
            return d["x_train"], d["x_test"], d["y_train"], d["y_test"]
        for s in range(1, 10):
            x_train, x_test, y_train, y_test = load(f"sub{s}.mat")
            m = LogisticRegression().fit(x_train, y_train)
            print("test", accuracy_score(y_test, m.predict(x_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('the same literal file read again in a loop over settings still fires', () => {
      const src = py`
        import pandas as pd
        from sklearn.neighbors import KNeighborsClassifier
        from sklearn.metrics import accuracy_score
        train = pd.read_csv("train.csv")
        for k in [1, 3, 5]:
            test = pd.read_csv("test.csv")
            m = KNeighborsClassifier(n_neighbors=k).fit(train.drop(columns=["y"]), train["y"])
            print("test", accuracy_score(test["y"], m.predict(test.drop(columns=["y"]))))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print("test"')]);
    });
  });

  describe('leakage/multi-test: a Hugging Face Trainer\'s predict(test_ds) scores the separate test set (round 12)', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from datasets import Dataset
      from transformers import Trainer, TrainingArguments
      df = pd.read_csv("texts.csv").sample(frac=1)
      train, val, test = np.array_split(df, [int(0.6 * len(df)), int(0.8 * len(df))])
      train_ds = Dataset.from_pandas(train)
      val_ds = Dataset.from_pandas(val)
      test_ds = Dataset.from_pandas(test)
      args = TrainingArguments(output_dir="out", evaluation_strategy="epoch", load_best_model_at_end=True)
      trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=val_ds)
      trainer.train()
    `;
    it('best checkpoint on the validation split, then predict on the test split, does not fire', () => {
      const src = head + py`
        out = trainer.predict(test_dataset=test_ds)
        print(out.metrics)
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('best checkpoint on the validation split and nothing scored on the test split still fires at warning', () => {
      const src = head + py`
        trainer.save_model("best")
      `;
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.severity), ['warning']);
    });
  });

  describe('leakage/multi-test: a Trainer run of one epoch scored on the test set each epoch, no checkpoint chosen (round 12)', () => {
    const make = (epochs: number): string => py`
      from datasets import load_dataset
      from transformers import Trainer, TrainingArguments
      ds = load_dataset("imdb")
      args = TrainingArguments(output_dir="out", evaluation_strategy="epoch", num_train_epochs=${epochs})
      trainer = Trainer(model=model, args=args, train_dataset=ds["train"], eval_dataset=ds["test"])
      trainer.train()
      print(trainer.evaluate())
    `;
    it('one epoch does not fire', () => {
      assert.deepEqual(rules(make(1), 'leakage/multi-test'), []);
    });
    it('three epochs, each scored on the test set, still fire', () => {
      const src = make(3);
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'trainer = Trainer(')]);
    });
  });

  describe('leakage/multi-test: one helper splits two row selections of the data (one cohort each) (round 12)', () => {
    const helper = PD + py`
      def train_eval(frame):
          X_tr, X_te, y_tr, y_te = train_test_split(frame.drop(columns=["label"]), frame["label"], test_size=0.25, random_state=42)
          m = RandomForestClassifier(random_state=0).fit(X_tr, y_tr)
          print("test", accuracy_score(y_te, m.predict(X_te)))
          return m
    `;
    it('a model per cohort, each scored on its own cohort\'s test part, does not fire', () => {
      const src = helper + py`
        a = train_eval(df[df["group"] == 1])
        b = train_eval(df[df["group"] == 0])
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('the same rows split for two models still fire', () => {
      const src = helper + py`
        a = train_eval(df)
        b = train_eval(df)
      `;
      assert.equal(rules(src, 'leakage/multi-test').length, 1);
    });
  });

  describe('leakage/multi-test: a loop over models whose body ends in return runs one pass (round 12)', () => {
    const make = (ret: string): string => PD + py`
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      def evaluate(models):
          report = {}
          for name, m in models.items():
              m.fit(X_tr, y_tr)
              report[name] = accuracy_score(y_te, m.predict(X_te))
              ${ret}
          return report
      print(evaluate({"lr": LogisticRegression(), "rf": RandomForestClassifier()}))
    `;
    it('return as the last statement of the body (one model scored) does not fire', () => {
      assert.deepEqual(rules(make('return report'), 'leakage/multi-test'), []);
    });
    it('every model scored (no return in the body) still fires', () => {
      assert.equal(rules(make('pass'), 'leakage/multi-test').length, 1);
    });
  });

  describe('leakage/multi-test: one model per target, each scored on its own label column of the test rows (round 12)', () => {
    it('two targets, one model each, does not fire', () => {
      const src = PD + py`
        X_tr, X_te, a_tr, a_te, b_tr, b_te = train_test_split(X, df["a"], df["b"], test_size=0.3, random_state=0)
        y_train_a, y_test_a, y_train_b, y_test_b = a_tr, a_te, b_tr, b_te
        m = LogisticRegression().fit(X_tr, y_train_a)
        print("test", accuracy_score(y_test_a, m.predict(X_te)))
        m = LogisticRegression().fit(X_tr, y_train_b)
        print("test", accuracy_score(y_test_b, m.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('two models per target, compared on each target, still fire', () => {
      const src = PD + py`
        X_tr, X_te, h_tr, h_te, c_tr, c_te = train_test_split(X, df["h"], df["c"], test_size=0.3, random_state=0)
        for model in [Ridge(), RandomForestClassifier()]:
            model.fit(X_tr, h_tr)
            s1 = mean_absolute_error(h_te, model.predict(X_te))
            model.fit(X_tr, c_tr)
            s2 = mean_absolute_error(c_te, model.predict(X_te))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 's1 = '), lineOf(src, 's2 = ')]);
    });
  });

  describe('leakage/multi-test: a loop over a name bound to a one-item list runs one setting (round 12)', () => {
    const make = (methods: string): string => PD + py`
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      methods = ${methods}
      for method in methods:
          m = LogisticRegression(solver=method).fit(X_tr, y_tr)
          print("test", accuracy_score(y_te, m.predict(X_te)))
    `;
    it('one item does not fire', () => {
      assert.deepEqual(rules(make('["lbfgs"]'), 'leakage/multi-test'), []);
    });
    it('two items still fire', () => {
      assert.equal(rules(make('["lbfgs", "saga"]'), 'leakage/multi-test').length, 1);
    });
  });

  describe('leakage/target: a missing feature filled from other columns while the label is one of them (round 12)', () => {
    const BASE = py`
      import numpy as np
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor, RandomForestClassifier
      from sklearn.impute import KNNImputer
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("patients.csv")
    `;
    const REGRESSOR = BASE + py`
      def fill_gaps(frame, cols):
          known = frame[frame.bmi.notnull()]
          reg = RandomForestRegressor().fit(known.loc[:, cols], known.bmi)
          return pd.Series(reg.predict(frame[frame.bmi.isnull()].loc[:, cols]), index=frame[frame.bmi.isnull()].index)
      df.loc[df.bmi.isnull(), "bmi"] = fill_gaps(df, ["age", "sex", "outcome"])
      X = df[["age", "sex", "bmi"]]
      y = df["outcome"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      clf = RandomForestClassifier().fit(X_tr, y_tr)
      print(accuracy_score(y_te, clf.predict(X_te)))
    `;
    const KNN = BASE + py`
      imp = KNNImputer(n_neighbors=5)
      df = pd.DataFrame(imp.fit_transform(df), columns=df.columns)
      train, test = df.iloc[:500], df.iloc[500:]
      clf = RandomForestClassifier().fit(train.drop(columns=["outcome"]), train["outcome"])
      print(accuracy_score(test["outcome"], clf.predict(test.drop(columns=["outcome"]))))
    `;
    it('a regressor fitted with the label among its inputs, its predictions written into a feature, fires', () => {
      assert.deepEqual(rules(REGRESSOR, 'leakage/target'), [lineOf(REGRESSOR, 'df.loc[df.bmi.isnull(), "bmi"]')]);
    });
    it('a KNNImputer run on the whole frame, label included, fires at warning saying so', () => {
      assert.deepEqual(rules(KNN, 'leakage/target'), [lineOf(KNN, 'df = pd.DataFrame(imp.fit_transform(df)')]);
      const f = analyze(KNN).find((x) => x.ruleId === 'leakage/target')!;
      assert.equal(f.severity, 'warning');
      assert.match(f.message, /Assumed: `KNNImputer` was given every column of the frame, the label 'outcome' among them/);
    });
    it('does not fire when the regressor is fitted without the label, or the imputer on the features or one column at a time', () => {
      const noLabel = REGRESSOR.replace('["age", "sex", "outcome"]', '["age", "sex"]');
      assert.deepEqual(rules(noLabel, 'leakage/target'), []);
      const feats = BASE + py`
        X = df.drop(columns=["outcome"])
        y = df["outcome"]
        X = pd.DataFrame(KNNImputer().fit_transform(X), columns=X.columns)
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
        clf = RandomForestClassifier().fit(X_tr, y_tr)
        print(accuracy_score(y_te, clf.predict(X_te)))
      `;
      assert.deepEqual(rules(feats, 'leakage/target'), []);
      const perColumn = KNN.replace('df = pd.DataFrame(imp.fit_transform(df), columns=df.columns)', 'for c in df.select_dtypes("number").columns:\n    df[c] = imp.fit_transform(df[[c]])');
      assert.deepEqual(rules(perColumn, 'leakage/target'), []);
    });
  });

  describe('leakage/temporal: a per-group trailing window (groupby(k)[c].rolling(n).mean()) makes the rows a series (round 12)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      games = pd.read_csv("games.csv").sort_values("game_no")
      games["form5"] = games.groupby("team")["points"].rolling(5).mean().reset_index(level=0, drop=True)
      X = games[["form5", "home"]]
      y = games["won"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      clf = RandomForestClassifier().fit(X_tr, y_tr)
      print(clf.score(X_te, y_te))
    `;
    it('a random split of rows with a per-group rolling feature fires at warning', () => {
      assert.deepEqual(rules(src, 'leakage/temporal'), [lineOf(src, 'X_tr, X_te, y_tr, y_te = train_test_split')]);
      assert.equal(analyze(src).find((x) => x.ruleId === 'leakage/temporal')!.severity, 'warning');
    });
    it('a per-group mean (no window) split at random, or the rolling feature split in time order, does not fire', () => {
      const groupMean = src.replace('.rolling(5).mean().reset_index(level=0, drop=True)', '.transform("mean")');
      assert.deepEqual(rules(groupMean, 'leakage/temporal'), []);
      const ordered = src.replace('test_size=0.2, random_state=0', 'test_size=0.2, shuffle=False');
      assert.deepEqual(rules(ordered, 'leakage/temporal'), []);
    });
  });

  describe('leakage/target: a label mean written under a column name built in a loop (df[c + "_enc"] = ...) (round 12)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("loans.csv")
      for c in ["city", "employer"]:
          df[c + "_enc"] = df.groupby(c)["default"].transform("mean")
      X = df.drop(columns=["default", "city", "employer"])
      y = df["default"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      clf = RandomForestClassifier().fit(X_tr, y_tr)
      print(clf.score(X_te, y_te))
    `;
    it('fires on the encoded column kept by a matrix that drops named columns', () => {
      assert.deepEqual(rules(src, 'leakage/target'), [lineOf(src, 'df[c + "_enc"]')]);
    });
    it('does not fire for a mean of another column, or when the matrix picks columns by name', () => {
      const other = src.replace('["default"].transform("mean")', '["income"].transform("mean")');
      assert.deepEqual(rules(other, 'leakage/target'), []);
      const picked = src.replace('X = df.drop(columns=["default", "city", "employer"])', 'X = df[["income", "age"]]');
      assert.deepEqual(rules(picked, 'leakage/target'), []);
    });
  });

  describe('feature columns from a comprehension over df.columns with a conjunction or a list of variables (round 12)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.metrics import mean_absolute_error
      def train(df, target_col="pm"):
          exclude = [target_col]
          features = [c for c in df.columns if c not in exclude and c != "flag"]
          X = df[features]
          y = df[target_col]
          X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, shuffle=False)
          m = GradientBoostingRegressor().fit(X_tr, y_tr)
          return mean_absolute_error(y_va, m.predict(X_va))
      raw = pd.read_csv("air.csv")
      raw["pm_roll3"] = raw["pm"].rolling(3).mean()
      print(train(raw))
    `;
    it('a window over the label that includes the current row, kept by the comprehension, fires', () => {
      assert.deepEqual(rules(src, 'leakage/target'), [lineOf(src, 'raw["pm_roll3"]')]);
    });
    it('the label removed by a list naming it through a variable is not reported as still among the features', () => {
      const inline = src.replace('c not in exclude and', 'c not in [target_col] and').replace('raw["pm_roll3"] = raw["pm"].rolling(3).mean()\n', '');
      assert.deepEqual(rules(inline, 'leakage/target'), []);
      const lagged = src.replace('raw["pm"].rolling(3).mean()', 'raw["pm"].shift(1).rolling(3).mean()');
      assert.deepEqual(rules(lagged, 'leakage/target'), []);
    });
  });

  describe('r12-prec: df.sample(frac=1) is a shuffle, not a split', () => {
    const src = PD + py`
      from sklearn.utils import resample
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      train = pd.concat([X_train, y_train], axis=1)
      pos = train[train["label"] == 1]
      neg = train[train["label"] == 0]
      pos_up = resample(pos, replace=True, n_samples=len(neg), random_state=0)
      train_up = pd.concat([pos_up, neg])
      train_up = train_up.sample(frac=1).reset_index(drop=True)
      m = LogisticRegression().fit(train_up.drop(columns=["label"]), train_up["label"])
      print(accuracy_score(y_test, m.predict(X_test)))
    `;
    it('upsampling the training part and shuffling it does not fire', () => {
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('upsampling all rows, shuffling and then splitting still fires', () => {
      const leaky = PD + py`
        from sklearn.utils import resample
        pos = df[df["label"] == 1]
        neg = df[df["label"] == 0]
        pos_up = resample(pos, replace=True, n_samples=len(neg), random_state=0)
        full = pd.concat([pos_up, neg]).sample(frac=1)
        X_train, X_test, y_train, y_test = train_test_split(full.drop(columns=["label"]), full["label"])
        m = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.equal(rules(leaky, 'leakage/overlap').length, 1);
    });
  });

  describe('r12-prec: a comprehension over documents stacks one row per document, not the same rows again', () => {
    const src = PD + py`
      docs = []
      for line in open("docs.txt"):
          docs.append(line.split())
      def embed(wv, words):
          vecs = []
          for w in words:
              if w in wv:
                  vecs.append(wv.vectors[wv.key_to_index[w]])
          if not vecs:
              return np.zeros(300)
          return np.array(vecs).mean(axis=0)
      def embed_all(wv, texts):
          return np.vstack([embed(wv, t) for t in texts])
      E = embed_all(wv, docs)
      X_train, X_test, y_train, y_test = train_test_split(E, y, random_state=0)
      m = LogisticRegression().fit(X_train, y_train)
      print(accuracy_score(y_test, m.predict(X_test)))
    `;
    it('stacking per-document vectors before the split does not fire', () => {
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('a comprehension that repeats the whole frame before the split still fires', () => {
      const leaky = PD + py`
        big = pd.concat([df for _ in range(3)])
        X_train, X_test, y_train, y_test = train_test_split(big.drop(columns=["label"]), big["label"], random_state=0)
        m = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, m.predict(X_test)))
      `;
      assert.deepEqual(rules(leaky, 'leakage/overlap'), [lineOf(leaky, 'big = pd.concat')]);
    });
  });

  describe('r12-prec: df[df.columns[:-1]] takes a positional range of columns, as df.iloc[:, :-1]', () => {
    const src = py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import f1_score
      tr = pd.read_csv("train.csv")
      te = pd.read_csv("test.csv")
      X_tr = tr[tr.columns[:-1]].to_numpy()
      y_tr = tr["label"].to_numpy()
      X_te = te[te.columns[:-1]].to_numpy()
      y_te = te["label"].to_numpy()
      m = RandomForestClassifier().fit(X_tr, y_tr)
      print(f1_score(y_te, m.predict(X_te)))
    `;
    it('all columns but the last, with the label read by name, does not fire', () => {
      assert.deepEqual(rules(src, 'leakage/target'), []);
    });
    it('all the columns, with the label read by name, still fires', () => {
      const leaky = src.replace('tr[tr.columns[:-1]]', 'tr[tr.columns]');
      assert.deepEqual(rules(leaky, 'leakage/target'), [lineOf(leaky, 'X_tr = tr[tr.columns]')]);
    });
  });

  describe('r12-prec: a feature sharing only some inputs of a label combined from several columns does not carry it', () => {
    const base = PD + py`
      df["due"] = pd.to_datetime(df["due"])
      df["arrived"] = pd.to_datetime(df["arrived"])
      df["shipped"] = pd.to_datetime(df["shipped"])
      df["late"] = (df["arrived"] > df["due"]).astype(int)
      df["shipped_after_due"] = (df["shipped"] > df["due"]).astype(int)
      feats = ["price", "weight", "shipped_after_due"]
      X_train, X_test, y_train, y_test = train_test_split(df[feats], df["late"], random_state=0)
      m = LogisticRegression().fit(X_train, y_train)
      print(accuracy_score(y_test, m.predict(X_test)))
    `;
    it('a flag computed from one of the two dates the label compares does not fire', () => {
      assert.deepEqual(rules(base, 'leakage/target'), []);
    });
    it('a feature computed from both dates the label compares still fires', () => {
      const leaky = base.replace('df["shipped_after_due"] = (df["shipped"] > df["due"]).astype(int)', 'df["shipped_after_due"] = df["arrived"] - df["due"]');
      assert.deepEqual(rules(leaky, 'leakage/target'), [lineOf(leaky, 'df["shipped_after_due"] = df["arrived"]')]);
    });
  });

  describe('r12-prec: a transformer that learns nothing of the rows refitted per request is not a serving refit', () => {
    const src = py`
      import pickle
      import pandas as pd
      from flask import Flask, request
      from sklearn.preprocessing import PolynomialFeatures, StandardScaler
      app = Flask(__name__)
      model = pickle.load(open("model.pkl", "rb"))
      @app.route("/predict", methods=["POST"])
      def predict():
          row = pd.DataFrame({"a": float(request.form["a"]), "b": float(request.form["b"])}, index=[0])
          feats = PolynomialFeatures(degree=3).fit_transform(row)
          return str(model.predict(feats)[0])
    `;
    it('PolynomialFeatures fitted on the request row does not fire', () => {
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference', 'app.py'), []);
    });
    it('a StandardScaler fitted on the request row still fires', () => {
      const leaky = src.replace('PolynomialFeatures(degree=3)', 'StandardScaler()');
      assert.deepEqual(rules(leaky, 'mismatch/refit-at-inference', 'app.py'), [lineOf(leaky, 'feats = StandardScaler()')]);
    });
  });

  describe('r12-prec: a transformer fitted on a reference file at request time and applied only to the request is not fitted on the batch', () => {
    const src = py`
      import joblib
      import pandas as pd
      from sklearn.preprocessing import MinMaxScaler
      model = joblib.load("model.joblib")
      def prepare(row, ref):
          new = pd.DataFrame([row])
          scaler = MinMaxScaler()
          scaler.fit(ref[["a", "b"]])
          new[["a", "b"]] = scaler.transform(new[["a", "b"]])
          return new
      ref = pd.read_csv("weather.csv")
      print(model.predict(prepare({"a": 1.0, "b": 2.0}, ref)))
    `;
    it('fitted on the reference frame, applied to the request row: does not fire', () => {
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference', 'app.py'), []);
    });
    it('fitted on the request row itself still fires', () => {
      const leaky = src.replace('scaler.fit(ref[["a", "b"]])', 'scaler.fit(new[["a", "b"]])');
      assert.deepEqual(rules(leaky, 'mismatch/refit-at-inference', 'app.py'), [lineOf(leaky, 'scaler.fit(new')]);
    });
  });

  describe('r12-prec: handle_missing_values is data cleaning, not a request handler', () => {
    const src = PD + py`
      from sklearn.impute import SimpleImputer
      def handle_missing_values(data):
          imputer = SimpleImputer(strategy="mean")
          return pd.DataFrame(imputer.fit_transform(data), columns=data.columns)
      X_train, X_test, y_train, y_test = train_test_split(X, y, shuffle=False)
      m = LogisticRegression().fit(X_train, y_train)
      print(accuracy_score(y_test, m.predict(X_test)))
    `;
    it('an uncalled cleaning helper named handle_* in a training notebook does not fire', () => {
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), []);
    });
    it('a request handler (handle_request) that fits on the request still fires', () => {
      const leaky = src.replace('def handle_missing_values(data):', 'def handle_request(data):');
      assert.equal(rules(leaky, 'mismatch/refit-at-inference').length, 1);
    });
  });

  describe('r12-prec: an app that trains its model object when no artifact exists is training, not a refit at inference', () => {
    const src = py`
      import os
      import joblib
      import pandas as pd
      from src.main import Trainer
      system = Trainer()
      df = pd.read_csv(os.path.join("data", "records.csv"))
      system.train(df)
      joblib.dump(system, "model.pkl")
    `;
    it('system.train(df) in app.py does not fire', () => {
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference', 'app.py'), []);
    });
    it('the same object fitted by fit(df) in app.py still fires (a guess, at warning)', () => {
      const leaky = src.replace('system.train(df)', 'system.fit(df)');
      assert.equal(rules(leaky, 'mismatch/refit-at-inference', 'app.py').length, 1);
    });
  });

  describe('leakage/preprocessing: a statistic written into columns named in a loop (df[c + "_freq"]) reaches the columns picked by those names', () => {
    const make = (picked: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("data.csv")
      for c in ["city", "device"]:
          df[c + "_freq"] = df[c].map(df[c].value_counts())
      X_train, X_test, y_train, y_test = train_test_split(df[${picked}], df["label"])
      m = LogisticRegression().fit(X_train, y_train)
      print(m.score(X_test, y_test))
    `;
    it('the frequency columns picked by their full names fire', () => {
      const src = make('["city_freq", "device_freq", "age"]');
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [lineOf(src, 'df[c + "_freq"]')]);
    });
    it('a pick of other columns only does not fire', () => {
      assert.deepEqual(rules(make('["age", "income"]'), 'leakage/preprocessing'), []);
    });
  });

  // Round 13 (r13-mt): multi-test on new frameworks (Spark ML, AutoML, MLflow-style comparisons).
  describe('leakage/multi-test: Spark ML prediction frames scored by open-coded counts (round 13)', () => {
    const SPARK = py`
      from pyspark.sql import SparkSession
      from pyspark.ml import Pipeline
      from pyspark.ml.feature import VectorAssembler
      from pyspark.ml.classification import LogisticRegression, GBTClassifier
      spark = SparkSession.builder.getOrCreate()
      df = spark.read.parquet("events.parquet")
    `;
    it('two models each scored by pred.filter(pred.label == pred.prediction).count() on one test part fire; one model does not', () => {
      const src = SPARK + py`
        tr, te = df.randomSplit([0.7, 0.3], seed=1)
        m1 = LogisticRegression().fit(tr)
        p1 = m1.transform(te)
        print(p1.filter(p1.label == p1.prediction).count() / p1.count())
        m2 = GBTClassifier().fit(tr)
        p2 = m2.transform(te)
        print(p2.filter(p2.prediction == p2.label).count() / p2.count())
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print(p2.filter')]);
      const one = src.split('m2 = ')[0];
      assert.deepEqual(rules(one, 'leakage/multi-test'), []);
    });
    it('a filter of the predictions alone (no label column) is no score', () => {
      const src = SPARK + py`
        tr, te = df.randomSplit([0.7, 0.3], seed=1)
        for clf in [LogisticRegression(), GBTClassifier()]:
            p = clf.fit(tr).transform(te)
            print(p.filter(p.prediction == 1).count())
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('sampleBy + subtract is a split; stage lists extended with += keep the model, and a loop of pipelines counting confusion cells on the remainder fires', () => {
      const src = SPARK + py`
        stages = []
        stages += [VectorAssembler(inputCols=["a", "b"], outputCol="features")]
        train = df.sampleBy("label", fractions={0: 0.8, 1: 0.8}, seed=3)
        test = df.subtract(train)
        def score(pred):
            tp = pred.filter((pred.prediction == 1) & (pred.label == 1)).count()
            return tp
        for clf in [LogisticRegression(), GBTClassifier()]:
            model = Pipeline(stages=stages + [clf]).fit(train)
            print(score(model.transform(test)))
      `;
      assert.ok(rules(src, 'leakage/multi-test').length > 0);
      const once = src.replace('for clf in [LogisticRegression(), GBTClassifier()]:', 'for clf in [LogisticRegression()]:');
      assert.deepEqual(rules(once, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: AutoML leaderboards and lazypredict rank many models on the rows given (round 13)', () => {
    it('predictor.leaderboard(test) on the test part of a split fires; on the training part it does not', () => {
      const src = PD + py`
        from autogluon.tabular import TabularPredictor
        tr, te = train_test_split(df, test_size=0.2, random_state=1)
        predictor = TabularPredictor(label="label").fit(tr)
        board = predictor.leaderboard(te, silent=True)
        print(board)
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'board = predictor.leaderboard(te')]);
      const onTrain = src.replace('predictor.leaderboard(te, silent=True)', 'predictor.leaderboard(silent=True)');
      assert.deepEqual(rules(onTrain, 'leakage/multi-test'), []);
    });
    it('LazyRegressor().fit(X_tr, X_te, y_tr, y_te) fires; a leaderboard on a validation split with a separate scored test set does not', () => {
      const src = PD + py`
        from lazypredict.Supervised import LazyRegressor
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)
        models, preds = LazyRegressor(verbose=0).fit(X_tr, X_te, y_tr, y_te)
        print(models)
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'models, preds = LazyRegressor')]);
      const val = PD + py`
        from autogluon.tabular import TabularPredictor
        rest, test = train_test_split(df, test_size=0.2, random_state=1)
        train, valid = train_test_split(rest, test_size=0.2, random_state=1)
        predictor = TabularPredictor(label="label").fit(train)
        print(predictor.leaderboard(valid))
        print(accuracy_score(test["label"], predictor.predict(test.drop(columns=["label"]))))
      `;
      assert.deepEqual(rules(val, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: a search objective that re-reads its test file each trial scores the same rows (round 13)', () => {
    const src = py`
      import optuna
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import roc_auc_score
      def run(cfg, depth):
          train_df = pd.read_csv(cfg.train_path)
          test_df = pd.read_csv(cfg.test_path)
          m = RandomForestClassifier(max_depth=depth).fit(train_df.drop(columns=["y"]), train_df["y"])
          return roc_auc_score(test_df["y"], m.predict_proba(test_df.drop(columns=["y"]))[:, 1])
      def objective(trial):
          return run(CFG, trial.suggest_int("depth", 2, 8))
      study = optuna.create_study(direction="maximize")
      study.optimize(objective, n_trials=20)
      print(study.best_value)
    `;
    it('the test file read from the configuration in every trial fires', () => {
      assert.ok(rules(src, 'leakage/multi-test').length > 0);
    });
    it('the helper run once, outside a search, does not fire', () => {
      const once = src.replace(/def objective[\s\S]*$/, 'print(run(CFG, 4))\n');
      assert.deepEqual(rules(once, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: %time / %timeit line magics run their statement (round 13)', () => {
    const head = py`
      import mlflow
      import numpy as np
      import pandas as pd
      from sklearn.metrics import mean_squared_error
      df = pd.read_parquet("march.parquet")
      X_test = df.drop(columns=["y"])
      y_test = df["y"].values
      def test_model(stage, X_test, y_test):
          model = mlflow.pyfunc.load_model(f"models:/reg/{stage}")
          return np.sqrt(mean_squared_error(y_test, model.predict(X_test)))
    `;
    it('two registry models scored on one test set through %time cells fire', () => {
      const nb = notebook([{ source: head }, { source: '%time test_model("Production", X_test, y_test)' }, { source: '%timeit -n 1 test_model("Staging", X_test, y_test)' }]);
      assert.equal(analyze(nb, 'registry.ipynb').filter((x) => x.ruleId === 'leakage/multi-test').length, 1);
    });
    it('one model timed once does not fire; other line magics stay blank', () => {
      const nb = notebook([{ source: head }, { source: '%time test_model("Production", X_test, y_test)' }, { source: '%matplotlib inline test_model("Staging", X_test, y_test)' }]);
      assert.deepEqual(analyze(nb, 'registry.ipynb').filter((x) => x.ruleId === 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: one StratifiedShuffleSplit(n_splits=1) drawn in a for loop is one held-out set, not CV folds (round 13)', () => {
    const src = PD + py`
      from sklearn.model_selection import StratifiedShuffleSplit
      sss = StratifiedShuffleSplit(n_splits=1, test_size=0.3, random_state=0)
      for tr_idx, va_idx in sss.split(X, y):
          X_tr, X_va = X.iloc[tr_idx], X.iloc[va_idx]
          y_tr, y_va = y.iloc[tr_idx], y.iloc[va_idx]
      for m in [LogisticRegression(), RandomForestClassifier()]:
          m.fit(X_tr, y_tr)
          print(accuracy_score(y_va, m.predict(X_va)))
    `;
    it('two models compared on its held-out part fire', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print(accuracy_score(y_va')]);
    });
    // Round 15: the loop only binds the parts, so after it X_va is the last of the five draws, the only
    // held-out set (a064; zo009, zp009, zp011 are labelled so): the comparison is on one split, not CV.
    it('with n_splits=5 the loop leaves the last draw bound and the comparison on it still fires', () => {
      const five = src.replace('n_splits=1', 'n_splits=5');
      assert.deepEqual(rules(five, 'leakage/multi-test'), [lineOf(five, 'print(accuracy_score(y_va')]);
    });
    it('with n_splits=5 and each fold fitted and scored inside the loop it is cross-validation: it does not fire', () => {
      const cv = PD + py`
        from sklearn.model_selection import StratifiedShuffleSplit
        sss = StratifiedShuffleSplit(n_splits=5, test_size=0.3, random_state=0)
        for tr_idx, va_idx in sss.split(X, y):
            m = LogisticRegression().fit(X.iloc[tr_idx], y.iloc[tr_idx])
            print(accuracy_score(y.iloc[va_idx], m.predict(X.iloc[va_idx])))
      `;
      assert.deepEqual(rules(cv, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: one-vs-rest models of derived labels the analysis holds no rows for are separate tasks (round 13)', () => {
    const src = py`
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      from project_data import load_split
      X_train, X_test, y_train, y_test = load_split()
      base = LogisticRegression().fit(X_train, y_train)
      print(accuracy_score(y_test, base.predict(X_test)))
      y_train_2 = (y_train >= 2).astype(int)
      y_test_2 = (y_test >= 2).astype(int)
      m2 = LogisticRegression().fit(X_train, y_train_2)
      print(accuracy_score(y_test_2, m2.predict(X_test)))
    `;
    it('a model fitted on and scored against a derived label next to a score of the original label does not fire', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('a second model of the original label does', () => {
      const two = src + 'other = LogisticRegression(C=0.1).fit(X_train, y_train)\nprint(accuracy_score(y_test, other.predict(X_test)))\n';
      assert.deepEqual(rules(two, 'leakage/multi-test'), [lineOf(two, 'print(accuracy_score(y_test, other')]);
    });
  });

  describe('leakage/multi-test: a file that fits nothing and scores several loaded models on the same labelled rows (round 13)', () => {
    const src = py`
      import joblib
      import pandas as pd
      from sklearn.metrics import f1_score
      batch = pd.read_csv("incoming.csv")
      X = batch.drop(columns=["label"])
      y = batch["label"]
      lr = joblib.load("lr.pkl")
      nb = joblib.load("nb.pkl")
      print("lr", f1_score(y, lr.predict(X)))
      print("nb", f1_score(y, nb.predict(X)))
    `;
    it('two loaded models scored on the rows fire, at warning, saying what was assumed', () => {
      const f = analyze(src, 'score_models.py').filter((x) => x.ruleId === 'leakage/multi-test');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'print("nb"')]);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: nothing is fitted in this file/);
    });
    it('one loaded model does not fire; nor do two when the file fits a model of its own on those rows', () => {
      assert.deepEqual(rules(src.replace(/print\("nb".*\n/, ''), 'leakage/multi-test'), []);
      const fits = src.replace('print("lr"', 'from sklearn.linear_model import LogisticRegression\nLogisticRegression().fit(X, y)\nprint("lr"');
      assert.deepEqual(rules(fits, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: an instance of a class with __call__ handed to study.optimize is the objective (round 13)', () => {
    const src = PD + py`
      import optuna
      class Objective:
          def __init__(self, X_tr, X_va, y_tr, y_va):
              self.X_tr, self.X_va, self.y_tr, self.y_va = X_tr, X_va, y_tr, y_va
          def __call__(self, trial):
              m = Ridge(alpha=trial.suggest_float("alpha", 0.01, 10.0))
              m.fit(self.X_tr, self.y_tr)
              return mean_absolute_error(self.y_va, m.predict(self.X_va))
      X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=0)
      study = optuna.create_study()
      study.optimize(Objective(X_tr, X_va, y_tr, y_va), n_trials=30)
      print(study.best_value)
    `;
    it('tuning on the only held-out split fires', () => {
      assert.ok(rules(src, 'leakage/multi-test').length > 0);
    });
    it('with a separate test set scored once it does not', () => {
      const sep = src.replace('X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=0)',
        'X_rest, X_te, y_rest, y_te = train_test_split(X, y, test_size=0.2, random_state=0)\nX_tr, X_va, y_tr, y_va = train_test_split(X_rest, y_rest, test_size=0.2, random_state=0)')
        + 'final = Ridge(**study.best_params).fit(X_tr, y_tr)\nprint(mean_absolute_error(y_te, final.predict(X_te)))\n';
      assert.deepEqual(rules(sep, 'leakage/multi-test'), []);
    });
  });

  describe('leakage/multi-test: darts series.split_before(0.8) is a chronological split (round 13)', () => {
    const src = py`
      import pandas as pd
      from darts import TimeSeries
      from darts.models import RandomForest, XGBModel
      from sklearn.metrics import mean_squared_error
      df = pd.read_csv("spi.csv", parse_dates=["date"], index_col="date")
      series = TimeSeries.from_series(df["spi"])
      train, val = series.split_before(0.8)
      for model in [RandomForest(lags=12), XGBModel(lags=12)]:
          model.fit(train)
          forecast = model.predict(len(val))
          print(mean_squared_error(val.values(), forecast.values()))
    `;
    it('two models forecast over the held-out tail, the only held-out part, fire', () => {
      assert.deepEqual(rules(src, 'leakage/multi-test'), [lineOf(src, 'print(mean_squared_error(val')]);
    });
    it('one model scored once does not', () => {
      assert.deepEqual(rules(src.replace('[RandomForest(lags=12), XGBModel(lags=12)]', '[RandomForest(lags=12)]'), 'leakage/multi-test'), []);
    });
  });

  describe('mismatch/refit-at-inference: an app named like serving code that trains in a method named train (round 13)', () => {
    const src = py`
      import pandas as pd
      from sklearn.preprocessing import LabelEncoder
      from sklearn.ensemble import RandomForestClassifier
      class System:
          def train(self, df):
              self.le = LabelEncoder()
              df["c"] = self.le.fit_transform(df["c"])
              self.model = RandomForestClassifier().fit(df[["c"]], df["y"])
          def predict(self, row):
              return self.model.predict(row)
      system = System()
      system.train(pd.read_csv(DATA_PATH))
    `;
    it('does not report the training method\'s fits as refits at inference', () => {
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference', 'app.py'), []);
    });
    it('a fit in a function named for prediction still does', () => {
      const serve = src.replace('def predict(self, row):\n        return self.model.predict(row)', 'def predict(self, row):\n        row["c"] = LabelEncoder().fit_transform(row["c"])\n        return self.model.predict(row)')
        + 'print(system.predict(pd.read_csv("request.csv")))\n';
      assert.ok(rules(serve, 'mismatch/refit-at-inference', 'app.py').length > 0);
    });
  });

  // Round 13 (r13-sec): the feature matrix's columns followed through more idioms.
  describe('leakage/target: column removals followed through arithmetic, name lists and indexers (round 13)', () => {
    const BASE = py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      df = pd.read_csv("sales.csv")
    `;
    it('a min-max scaling by hand of a matrix that dropped the label keeps it dropped; the frame itself fires', () => {
      const src = BASE + py`
        y = df["units"]
        X_raw = df.drop("units", axis=1)
        X = (X_raw - X_raw.min()) / (X_raw.max() - X_raw.min())
        RandomForestRegressor().fit(X.values, y)
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
      const kept = src.replace('X_raw = df.drop("units", axis=1)', 'X_raw = df');
      assert.ok(rules(kept, 'leakage/target').length > 0);
    });
    it('a comprehension that excludes a sum of name lists, and a list added to it, keep the label out; listing the label fires', () => {
      const src = BASE + py`
        cat_cols = ["store", "item"]
        num_cols = [c for c in df.columns if c not in cat_cols + ["units", "id"]] + ["day"]
        X = df[cat_cols + num_cols]
        RandomForestRegressor().fit(X, df["units"])
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
      const listed = src.replace('cat_cols = ["store", "item"]', 'cat_cols = ["store", "units"]');
      assert.deepEqual(rules(listed, 'leakage/target'), [lineOf(listed, 'X = df[cat_cols + num_cols]')]);
    });
    it('a comprehension with a dtype test beside the name test still excludes the named label', () => {
      const src = BASE + py`
        df = df[["units", "price", "promo"]]
        train = df.iloc[:100].copy()
        y = train.units.values
        num = [c for c in train.columns if train[c].dtype != "object" and c not in ["units"]]
        RandomForestRegressor().fit(train[num], y)
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
    });
    it('`.ix` is an indexer, not a column; a name list grown in a loop selects columns, not rows', () => {
      const src = BASE + py`
        feats = []
        for s in ["price", "promo"]:
            df["prev_" + s] = df.groupby("store")[s].shift(1)
            feats = feats + ["prev_" + s]
        for store in [1, 2]:
            part = df.ix[df["store"] == store,]
            RandomForestRegressor().fit(part[feats], part["units"])
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
  });

  describe('mismatch/refit-at-inference: category codes learnt again from the test rows (round 13)', () => {
    const HEAD = py`
      import pandas as pd
      from sklearn.preprocessing import LabelEncoder
      from sklearn.ensemble import RandomForestClassifier
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
    `;
    it('a LabelEncoder refitted on a feature column of the test file fires; reusing the training fit does not', () => {
      const src = HEAD + py`
        enc = LabelEncoder()
        train["city"] = enc.fit_transform(train["city"])
        test["city"] = enc.fit_transform(test["city"])
        model = RandomForestClassifier().fit(train.drop(columns=["churn"]), train["churn"])
        pred = model.predict(test)
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), [lineOf(src, 'test["city"] = enc.fit_transform')]);
      const reused = src.replace('test["city"] = enc.fit_transform(test["city"])', 'test["city"] = enc.transform(test["city"])');
      assert.deepEqual(rules(reused, 'mismatch/refit-at-inference'), []);
    });
    it('a helper that label-encodes every object column, called on the training and the test frame, fires at the helper', () => {
      const src = HEAD + py`
        def encode(df):
            out = df.copy()
            enc = LabelEncoder()
            for col in df.select_dtypes(include=["object"]).columns:
                out[col] = enc.fit_transform(out[col])
            return out
        X = encode(train.drop(columns=["churn"]))
        model = RandomForestClassifier().fit(X, train["churn"])
        pred = model.predict(encode(test))
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), [lineOf(src, 'out[col] = enc.fit_transform')]);
    });
    it('the label of the test rows encoded on its own, and codes of a whole file before its split, do not fire', () => {
      const src = HEAD + py`
        enc = LabelEncoder()
        y_test = enc.fit_transform(test["churn"])
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), []);
      const whole = py`
        import pandas as pd
        from sklearn.preprocessing import LabelEncoder
        from sklearn.model_selection import train_test_split
        from sklearn.ensemble import RandomForestClassifier
        df = pd.read_csv("tested_people.csv")
        df["gender"] = LabelEncoder().fit_transform(df["gender"])
        X_train, X_test, y_train, y_test = train_test_split(df.drop(columns=["result"]), df["result"])
        print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
      `;
      assert.deepEqual(rules(whole, 'mismatch/refit-at-inference'), []);
      assert.deepEqual(rules(whole, 'leakage/preprocessing'), []);
    });
  });

  describe('mismatch/refit-at-inference: a web view method that takes the request serves (round 13)', () => {
    const src = py`
      import pandas as pd
      from sklearn.preprocessing import LabelEncoder
      from myapp.config import AppConfig
      class PredictView:
          def post(self, request):
              X = pd.DataFrame([request.data], columns=["city", "age"])
              le = LabelEncoder()
              le.fit(X["city"])
              X["city"] = le.transform(X["city"])
              return AppConfig.model.predict(X)
    `;
    it('an encoder fitted on the request rows inside `post(self, request)` fires (warning); the same method without a request parameter does not', () => {
      const f = analyze(src, 'views.py').filter((x) => x.ruleId === 'mismatch/refit-at-inference');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'le.fit(X["city"])')]);
      assert.equal(f[0].severity, 'warning');
      const other = src.replace('def post(self, request):', 'def post(self, rows):').replace('[request.data]', '[rows]');
      assert.deepEqual(analyze(other, 'views.py').filter((x) => x.ruleId === 'mismatch/refit-at-inference'), []);
    });
  });

  describe('leakage/target: removals by a name variable, a list grown with +=, and an in-place drop after a selection (round 13)', () => {
    const HEAD = py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("tickets.csv")
    `;
    it('df.loc[:, df.columns != target] with target naming the label drops it; a different name keeps it', () => {
      const src = HEAD + py`
        def split_xy(df, target="paid"):
            X = df.loc[:, df.columns != target].reset_index(drop=True)
            return X, df[target]
        X, y = split_xy(df)
        RandomForestClassifier().fit(X, y)
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
      const other = src.replace('df.columns != target', 'df.columns != "ticket_id"');
      assert.ok(rules(other, 'leakage/target').length > 0);
    });
    it('a drop list grown with += holds every name added', () => {
      const src = HEAD + py`
        unused = ["ticket_id", "paid"]
        unused += ["fine_amount"]
        X = df[["paid", "fine_amount", "zip"]].drop(unused, axis=1, errors="ignore")
        RandomForestClassifier().fit(X, df["paid"])
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
      const notAdded = src.replace('unused = ["ticket_id", "paid"]', 'unused = ["ticket_id"]');
      assert.ok(rules(notAdded, 'leakage/target').length > 0);
    });
    it('a label dropped in place from the matrix after its columns were picked is gone from it', () => {
      const src = HEAD + py`
        X = df[["paid", "fine_amount", "zip"]]
        y = df["paid"].copy()
        X.drop("paid", axis=1, inplace=True)
        RandomForestClassifier().fit(X, y)
      `;
      assert.deepEqual(rules(src, 'leakage/target'), []);
      const kept = src.replace('X.drop("paid", axis=1, inplace=True)', 'X.drop("zip", axis=1, inplace=True)');
      assert.ok(rules(kept, 'leakage/target').length > 0);
    });
  });

  describe('mismatch/refit-at-inference: a test file read through a joined path (round 13)', () => {
    const src = py`
      import os
      import pickle
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      train = pd.read_csv("train_values.csv")
      model = RandomForestClassifier().fit(train.drop(columns=["grade"]), train["grade"])
      pickle.dump(model, open("model.pkl", "wb"))
      def build_test():
          base = os.path.dirname(__file__)
          df = pd.read_csv(os.path.join(base, "../data/raw/test_values.csv"))
          df["age_norm"] = (df["age"] - df["age"].min()) / (df["age"].max() - df["age"].min())
          return df
      print(model.predict(build_test()))
    `;
    it('min-max scaling of the test file by its own min and max is a refit, not a leak', () => {
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), [lineOf(src, 'df["age_norm"] =')]);
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
      const other = src.replace('test_values.csv', 'more_values.csv');
      assert.deepEqual(rules(other, 'mismatch/refit-at-inference'), []);
    });
  });

  describe('leakage/temporal: rows sorted newest first and cut in order (round 13)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("prices.csv")
      df = df.sort_values(by="timestamp", ascending=False).head(1000)
      df["up"] = (df["close"] > df["open"]).astype(int)
      X_train, X_test, y_train, y_test = train_test_split(df[["open", "volume"]], df["up"], shuffle=False, test_size=0.2)
      print(RandomForestClassifier().fit(X_train, y_train).score(X_test, y_test))
    `;
    it('fires (warning) at the split; sorted oldest first it does not', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/temporal');
      assert.deepEqual(f.map((x) => x.location.line), [lineOf(src, 'train_test_split(df[')]);
      assert.equal(f[0].severity, 'warning');
      const oldest = src.replace(', ascending=False', '');
      assert.deepEqual(rules(oldest, 'leakage/temporal'), []);
    });
  });

  describe('leakage/target: a text vectorizer outputs tokens, not the columns it was given (round 13)', () => {
    const src = py`
      import numpy as np
      import pandas as pd
      from sklearn.pipeline import FeatureUnion
      from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
      from sklearn.linear_model import Ridge
      train = pd.read_csv("listings.csv")
      y = np.log1p(train["price"])
      union = FeatureUnion([("name", TfidfVectorizer()), ("brand", CountVectorizer())])
      X = union.fit_transform(train.values)
      Ridge().fit(X, y)
    `;
    it('a union of vectorizers over every column does not fire; a scaler over every column does', () => {
      assert.deepEqual(rules(src, 'leakage/target'), []);
      const scaled = src.replace('from sklearn.linear_model import Ridge', 'from sklearn.linear_model import Ridge\nfrom sklearn.preprocessing import StandardScaler')
        .replace('X = union.fit_transform(train.values)', 'X = StandardScaler().fit_transform(train.values)');
      assert.ok(rules(scaled, 'leakage/target').length > 0);
    });
  });

  // Round 13 (r13-overlap): error-level false alarms of the fresh corpus, by class.
  describe('r13-overlap: pd.concat(..., axis="columns") puts frames side by side, it does not stack rows twice', () => {
    const make = (axis: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("data.csv")
      X, y = df.drop(columns=["label"]), df["label"]
      both = pd.concat([X, y], axis=${axis})
      X_tr, X_te, y_tr, y_te = train_test_split(both.drop(columns=["label"]), both["label"], random_state=0)
      m = LogisticRegression().fit(X_tr, y_tr)
      print(m.score(X_te, y_te))
    `;
    it('stacking the same rows twice (axis=0) still fires', () => {
      const src = make('0');
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'both = pd.concat')]);
    });
    it('axis="columns" and axis=1 do not fire', () => {
      assert.deepEqual(rules(make('"columns"'), 'leakage/overlap'), []);
      assert.deepEqual(rules(make('1'), 'leakage/overlap'), []);
    });
  });

  describe('r13-overlap: a refit on the whole training file also scored on the test file: its in-sample score is the training score beside it', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      X, y = train.drop(columns=["label"]), train["label"]
      X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2, random_state=0)
      m = RandomForestClassifier(random_state=0).fit(X_tr, y_tr)
      print(accuracy_score(y_va, m.predict(X_va)))
      final = RandomForestClassifier(random_state=0).fit(X, y)
      print(accuracy_score(test["label"], final.predict(test.drop(columns=["label"]))))
      print(accuracy_score(y, final.predict(X)))
    `;
    it('does not fire when the refit is scored on the test file too', () => {
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('still fires at warning when the in-sample score is the refit\'s only one', () => {
      const only = src.replace('print(accuracy_score(test["label"], final.predict(test.drop(columns=["label"]))))\n', '');
      const f = analyze(only).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(only, 'print(accuracy_score(y, final'), 'warning']]);
    });
  });

  describe('r13-overlap: a final model refitted on train + validation (the frame the validation part was cut from) scored on the validation part', () => {
    const src = PD + py`
      full_train, test = train_test_split(df, test_size=0.2, random_state=1)
      train, val = train_test_split(full_train, test_size=0.25, random_state=1)
      m = LogisticRegression().fit(train.drop(columns=["label"]), train["label"])
      print(accuracy_score(val["label"], m.predict(val.drop(columns=["label"]))))
      final = LogisticRegression().fit(full_train.drop(columns=["label"]), full_train["label"])
      print(accuracy_score(val["label"], final.predict(val.drop(columns=["label"]))))
    `;
    it('fires at warning on the score of the refit on the validation rows', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'print(accuracy_score(val["label"], final'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('does not fire when the refit is scored on the test split too, or a model fitted on the validation rows alone is scored there', () => {
      const withTest = src + 'print(accuracy_score(test["label"], final.predict(test.drop(columns=["label"]))))\n';
      assert.deepEqual(rules(withTest, 'leakage/overlap'), []);
      const calib = src.replace('final = LogisticRegression().fit(full_train.drop(columns=["label"]), full_train["label"])',
        'final = LogisticRegression().fit(val.drop(columns=["label"]), val["label"])');
      assert.deepEqual(rules(calib, 'leakage/overlap'), []);
    });
  });

  describe('r13-overlap: AutoGluon\'s leaderboard(val) scores the predictor on val; TabularPredictor(label=...) is supervised', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from autogluon.tabular import TabularPredictor
      data = pd.read_csv("train.csv")
      train, val = train_test_split(data, test_size=0.1, random_state=0)
      predictor = TabularPredictor(label="y", eval_metric="f1").fit(data)
      predictor.leaderboard(val)
    `;
    it('fires when the predictor was fitted on the frame val was cut from', () => {
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'predictor.leaderboard(val)')]);
    });
    it('does not fire when it was fitted on the training part', () => {
      assert.deepEqual(rules(src.replace('.fit(data)', '.fit(train)'), 'leakage/overlap'), []);
    });
  });

  describe('r13-overlap: a learned regressor fitted on the whole training file scored on it, while only another model is scored on a later split', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor, AdaBoostRegressor
      train = pd.read_csv("train.csv")
      X = train.drop(columns=["y"])
      y = train["y"]
      forest = RandomForestRegressor().fit(X, y)
      print("score:", forest.score(X, y))
      X_tr, X_va, y_tr, y_va = train_test_split(X, y, test_size=0.2)
      ada = AdaBoostRegressor().fit(X_tr, y_tr)
      print(ada.score(X_va, y_va))
    `;
    it('fires at warning, saying what it assumed', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'print("score:"'), 'warning']]);
      assert.match(f[0].message, /Assumed:/);
    });
    it('does not fire when the same kind of model is scored on the later split, or nothing is split and scored', () => {
      assert.deepEqual(rules(src.replace('ada = AdaBoostRegressor().fit', 'ada = RandomForestRegressor().fit'), 'leakage/overlap'), []);
      const noSplit = src.split('X_tr, X_va')[0] + 'pred = forest.predict(pd.read_csv("test.csv"))\n';
      assert.deepEqual(rules(noSplit, 'leakage/overlap'), []);
    });
  });

  describe('r13-overlap: cross_val_predict on the rows of a test file refits the model on test rows', () => {
    const src = py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      from sklearn.model_selection import cross_val_predict
      from sklearn.metrics import accuracy_score
      train = pd.read_csv("games_train.csv")
      test = pd.read_csv("games_test.csv")
      model = LogisticRegression().fit(train.drop(columns=["win"]), train["win"])
      test_labels = test["win"]
      test_X = test.drop(columns=["win"])
      pred = cross_val_predict(model, test_X, test_labels, cv=3)
      print(accuracy_score(test_labels, pred))
    `;
    it('fires at warning', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'pred = cross_val_predict'), 'warning']]);
    });
    it('does not fire when the model was fitted on those test rows only, or on a name never read from a file', () => {
      const own = src.replace('model = LogisticRegression().fit(train.drop(columns=["win"]), train["win"])', 'model = LogisticRegression().fit(test.drop(columns=["win"]), test["win"])');
      assert.deepEqual(rules(own, 'leakage/overlap').filter((l) => l === lineOf(own, 'pred = cross_val_predict')), []);
      assert.deepEqual(rules(src.replace('cross_val_predict(model, test_X, test_labels', 'cross_val_predict(model, df_test, y_test'), 'leakage/overlap'), []);
    });
  });

  describe('r13-overlap: an oversampler in a branch of an unknown if whose class is never imported cannot have run', () => {
    const src = py`
      import pandas as pd
      from imblearn.over_sampling import SMOTE
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("data.csv")
      X, y = df.drop(columns=["label"]), df["label"]
      if y.value_counts(normalize=True).min() < 0.4:
          print("Applying SMOTE")
          X, y = SMOTE(random_state=0).fit_resample(X, y)
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      m = LogisticRegression().fit(X_tr, y_tr)
      print(m.score(X_te, y_te))
    `;
    it('imported, it fires at warning with the branch assumed', () => {
      const f = analyze(src).filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(src, 'X, y = SMOTE('), 'warning']]);
    });
    it('never imported nor defined, it does not fire; a star import may bind it, so it still fires', () => {
      const unbound = src.replace('from imblearn.over_sampling import SMOTE\n', '');
      assert.deepEqual(rules(unbound, 'leakage/overlap'), []);
      const star = src.replace('from imblearn.over_sampling import SMOTE', 'from imblearn.over_sampling import *');
      assert.deepEqual(rules(star, 'leakage/overlap'), [lineOf(star, 'X, y = SMOTE(')]);
    });
  });

  // Round 13 (lead): one class downsampled and stacked back with the other class.
  describe('leakage/overlap: parts of the training file picked by different masks and stacked back repeat no row (round 13)', () => {
    const make = (stack: string): string => py`
      import pandas as pd
      from sklearn.utils import resample
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      train = pd.read_csv("train.csv")
      train_m = train[train.isFraud == 0]
      train_n = train[train.isFraud == 1]
      train_m1 = resample(train_m, replace=False, n_samples=4500, random_state=42)
      train = pd.concat([${stack}])
      X, y = train.drop(columns=["isFraud"]), train["isFraud"]
      x_train, x_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
      m = RandomForestClassifier().fit(x_train, y_train)
      print(m.score(x_test, y_test))
    `;
    it('the downsampled majority beside the minority does not fire', () => {
      assert.deepEqual(rules(make('train_m1, train_n'), 'leakage/overlap'), []);
      assert.deepEqual(rules(make('train_m, train_n'), 'leakage/overlap'), []);
    });
    it('the majority beside its own sample, or the minority twice, still fire', () => {
      const own = make('train_m, train_m1');
      assert.deepEqual(rules(own, 'leakage/overlap'), [lineOf(own, 'train = pd.concat')]);
      const twice = make('train_m1, train_n, train_n');
      assert.deepEqual(rules(twice, 'leakage/overlap'), [lineOf(twice, 'train = pd.concat')]);
    });
  });

  describe('leakage/target: the training frame without its label stacked over the test file keeps the drop (round 13)', () => {
    const make = (first: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      train_df = pd.read_csv("train.csv")
      test_df = pd.read_csv("test.csv")
      Y = train_df["surge"].values
      ${first}
      n = len(train_df)
      df = pd.concat([train_df, test_df], axis=0)
      df = df.drop(["trip_id"], axis=1)
      X = df[:n]
      X_tr, X_te, y_tr, y_te = train_test_split(X, Y, test_size=0.2, random_state=0)
      m = LogisticRegression().fit(X_tr, y_tr)
      print(m.score(X_te, y_te))
    `;
    it('the label dropped before the stack does not fire', () => {
      assert.deepEqual(rules(make('train_df = train_df.drop(["surge"], axis=1)'), 'leakage/target'), []);
    });
    it('another column dropped, the label kept, still fires', () => {
      assert.ok(rules(make('train_df = train_df.drop(["city"], axis=1)'), 'leakage/target').length > 0);
    });
  });
});
