/**
 * Round 14 (helper r14-mt): multi-test classes from real code. Each class has a case that must
 * fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, notebook, py } from './helpers';

const multi = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/multi-test');
const ruleLines = (src: string, rule: string) => analyze(src).filter((f) => f.ruleId === rule).map((f) => f.location.line);

describe('real-notebook idioms, round 14 (r14-mt)', () => {
  describe('leakage/multi-test: a helper the analysis cannot read splits the training file into parts named by side', () => {
    const head = py`
      from helpers import prepare, add_features
      import pandas as pd
      from sklearn.metrics import f1_score
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("data/train_set.csv")
      X_train, X_test, y_train, y_test = prepare(df)
    `;
    it('fires at warning, with the assumption, when two models are scored on the test-named part', () => {
      const src = head + py`
        rf = RandomForestClassifier().fit(X_train, y_train)
        print(f1_score(y_test, rf.predict(X_test)))
        lr = LogisticRegression().fit(X_train, y_train)
        print(f1_score(y_test, lr.predict(X_test)))
      `;
      const found = multi(src);
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(src, 'lr.predict'), 'warning']]);
      assert.match(found[0].message, /Assumed: the parts `prepare` returns from the training file are taken to be a train\/test split/);
    });
    it('does not fire when one model is scored once on it', () => {
      const src = head + py`
        rf = RandomForestClassifier().fit(X_train, y_train)
        print(f1_score(y_test, rf.predict(X_test)))
      `;
      assert.deepEqual(multi(src), []);
    });
    it('keeps the sides through a second unreadable helper handed the parts (no overlap, no preprocessing finding)', () => {
      const src = head + py`
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import StandardScaler
        X_aim = pd.read_csv("data/to_score.csv")
        X_train_fe, X_test_fe, X_aim_fe = add_features(X_train, X_test, X_aim)
        model = make_pipeline(StandardScaler(), RandomForestClassifier()).fit(X_train_fe, y_train)
        print(f1_score(y_test, model.predict(X_test_fe)))
      `;
      assert.deepEqual(ruleLines(src, 'leakage/overlap'), []);
      assert.deepEqual(ruleLines(src, 'leakage/preprocessing'), []);
      assert.deepEqual(multi(src), []);
    });
  });

  describe('leakage/multi-test: TensorFlow 1 sess.run of a metric fed the test arrays every epoch', () => {
    const head = py`
      import numpy as np
      import tensorflow as tf
      from sklearn.model_selection import train_test_split
      data = np.load("windows.npy")
      labels = np.load("labels.npy")
      X_train, X_test, y_train, y_test = train_test_split(data, labels, test_size=0.3)
      X = tf.placeholder(tf.float32, [None, 20])
      y = tf.placeholder(tf.float32, [None, 3])
      logits = tf.layers.dense(X, 3)
      loss = tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(logits=logits, labels=y))
      optimizer = tf.train.AdamOptimizer(0.001).minimize(loss)
      accuracy = tf.reduce_mean(tf.cast(tf.equal(tf.argmax(logits, 1), tf.argmax(y, 1)), tf.float32))
      sess = tf.Session()
      sess.run(tf.global_variables_initializer())
    `;
    it('fires when the test arrays are fed to the metric inside the epoch loop', () => {
      const src = head + py`
        for epoch in range(50):
            sess.run(optimizer, feed_dict={X: X_train, y: y_train})
            acc_test, loss_test = sess.run([accuracy, loss], feed_dict={X: X_test, y: y_test})
            print(epoch, acc_test, loss_test)
      `;
      const found = multi(src);
      assert.deepEqual(found.map((f) => f.location.line), [lineOf(src, 'acc_test, loss_test =')]);
      assert.match(found[0].message, /scored during training/);
    });
    it('does not fire when only the training arrays are scored each epoch and the test set once after', () => {
      const src = head + py`
        for epoch in range(50):
            sess.run(optimizer, feed_dict={X: X_train, y: y_train})
            acc_train, loss_train = sess.run([accuracy, loss], feed_dict={X: X_train, y: y_train})
            print(epoch, acc_train, loss_train)
        acc_test = sess.run(accuracy, feed_dict={X: X_test, y: y_test})
        print(acc_test)
      `;
      assert.deepEqual(multi(src), []);
    });
  });
  describe('leakage/multi-test: the tail of an unnamed positional cut handed straight to Keras as validation_data', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from keras.models import Sequential
      from keras.layers import Dense
      from keras.callbacks import EarlyStopping
      from sklearn.metrics import accuracy_score
      train = pd.read_csv("records.csv")
      X = train.drop(columns=["label"]).values
      y = train["label"].values
      n = int(len(X) * 0.8)
      model = Sequential([Dense(16, activation="relu"), Dense(1, activation="sigmoid")])
      model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
    `;
    it('does not fire when the cut is only monitored and a separate labelled test file is scored', () => {
      const src = head + py`
        model.fit(X[:n], y[:n], epochs=5, validation_data=(X[n:], y[n:]))
        holdout = pd.read_csv("holdout_records.csv")
        X_test = holdout.drop(columns=["label"]).values
        y_test = holdout["label"].values
        print(accuracy_score(y_test, model.predict(X_test) > 0.5))
      `;
      assert.deepEqual(multi(src), []);
    });
    it('still fires when the part handed to training is named as the test set', () => {
      const src = head + py`
        X_test, y_test = X[n:], y[n:]
        model.fit(X[:n], y[:n], epochs=5, validation_data=(X_test, y_test))
        print(accuracy_score(y_test, model.predict(X_test) > 0.5))
      `;
      assert.deepEqual(multi(src).map((f) => f.location.line), [lineOf(src, 'validation_data=(X_test')]);
    });
  });

  describe('leakage/multi-test: a subclassed keras.Model handed the test rows as validation_data by its inherited fit', () => {
    const head = py`
      import pandas as pd
      import tensorflow as tf
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("transactions.csv")
      X_train, X_test, y_train, y_test = train_test_split(df.drop(columns=["fraud"]), df["fraud"], test_size=0.2)
      class Autoencoder(tf.keras.Model):
          def __init__(self, dim):
              super().__init__()
              self.encoder = tf.keras.Sequential([tf.keras.layers.Dense(dim, activation="relu")])
              self.decoder = tf.keras.Sequential([tf.keras.layers.Dense(30)])
          def call(self, x):
              return self.decoder(self.encoder(x))
      ae = Autoencoder(8)
      ae.compile(optimizer="adam", loss="mse")
      normal_train = X_train[y_train == 0].values
    `;
    it('fires when the test rows are the validation data', () => {
      const src = head + py`
        normal_test = X_test[y_test == 0].values
        ae.fit(normal_train, normal_train, epochs=20, validation_data=(normal_test, normal_test))
      `;
      assert.deepEqual(multi(src).map((f) => f.location.line), [lineOf(src, 'validation_data=(normal_test')]);
    });
    it('does not fire when the validation data is carved out of the training rows', () => {
      const src = head + py`
        fit_part, watch_part = train_test_split(normal_train, test_size=0.1)
        ae.fit(fit_part, fit_part, epochs=20, validation_data=(watch_part, watch_part))
      `;
      assert.deepEqual(multi(src), []);
    });
  });

  describe('notebooks of a Sparkmagic PySpark kernel are Python', () => {
    const cells = [
      { source: 'from pyspark.ml.regression import GBTRegressor\nfrom pyspark.ml.evaluation import RegressionEvaluator\ntrain = spark.read.parquet("s3://bucket/train")\ntest = spark.read.parquet("s3://bucket/test")\nev = RegressionEvaluator(labelCol="duration")' },
      { source: 'm1 = GBTRegressor(labelCol="duration", maxIter=10).fit(train)\nprint(ev.evaluate(m1.transform(test)))' },
      { source: 'm2 = GBTRegressor(labelCol="duration", maxIter=50).fit(train)\nprint(ev.evaluate(m2.transform(test)))' },
    ];
    const withKernel = (language: string, mimetype: string): string => {
      const nb = JSON.parse(notebook(cells));
      nb.metadata = { kernelspec: { display_name: 'PySpark', language: '', name: 'pysparkkernel' }, language_info: { name: language, mimetype } };
      return JSON.stringify(nb);
    };
    it('analyses a notebook whose kernel language is "pyspark" with Python\'s mimetype', () => {
      assert.equal(multi(withKernel('pyspark', 'text/x-python'), 'bikes.ipynb').length, 1);
    });
    it('still skips a notebook of another language', () => {
      assert.deepEqual(multi(withKernel('scala', 'text/x-scala'), 'bikes.ipynb'), []);
    });
  });
  describe('leakage/multi-test: Keras short-named losses (tf.keras.losses.MSE / MAE) used as the metric', () => {
    const head = py`
      import numpy as np
      import tensorflow as tf
      series = np.load("series.npy")
      train_part = series[:3000]
      test_part = series[3000:]
      m1 = tf.keras.Sequential([tf.keras.layers.Dense(1)])
      m1.fit(train_part, train_part)
      print(tf.keras.losses.MSE(test_part, m1.predict(test_part)).numpy())
    `;
    it('fires when two models are scored with it on the same held-out tail', () => {
      const src = head + py`
        m2 = tf.keras.Sequential([tf.keras.layers.Dense(8), tf.keras.layers.Dense(1)])
        m2.fit(train_part, train_part)
        print(tf.keras.losses.MSE(test_part, m2.predict(test_part)).numpy())
      `;
      assert.deepEqual(multi(src).map((f) => f.location.line), [lineOf(src, 'm2.predict(test_part)')]);
    });
    it('does not fire when one model is scored once with it', () => {
      assert.deepEqual(multi(head), []);
    });
  });
  describe('leakage/multi-test: Spark ML one model per label column in a loop (labelCol built from the loop variable)', () => {
    const head = py`
      from pyspark.ml import Pipeline
      from pyspark.ml.feature import VectorAssembler
      from pyspark.ml.classification import RandomForestClassifier
      from pyspark.ml.evaluation import MulticlassClassificationEvaluator
      df = spark.read.parquet("users.parquet")
      train_cv, test_cv = df.randomSplit([0.8, 0.2], seed=42)
      assembler = VectorAssembler(inputCols=["age", "visits"], outputCol="features")
    `;
    it('does not fire when each pass fits and scores its own label column', () => {
      const src = head + py`
        for c in ["US", "FR", "IT"]:
            rf = RandomForestClassifier(featuresCol="features", labelCol="is_" + c)
            model = Pipeline(stages=[assembler, rf]).fit(train_cv)
            ev = MulticlassClassificationEvaluator(labelCol="is_" + c, predictionCol="prediction", metricName="accuracy")
            print(c, ev.evaluate(model.transform(test_cv)))
      `;
      assert.deepEqual(multi(src), []);
    });
    it('still fires when the settings vary on one label column', () => {
      const src = head + py`
        for depth in [3, 6, 9]:
            rf = RandomForestClassifier(featuresCol="features", labelCol="is_US", maxDepth=depth)
            model = Pipeline(stages=[assembler, rf]).fit(train_cv)
            ev = MulticlassClassificationEvaluator(labelCol="is_US", predictionCol="prediction", metricName="accuracy")
            print(depth, ev.evaluate(model.transform(test_cv)))
      `;
      assert.deepEqual(multi(src).map((f) => f.location.line), [lineOf(src, 'print(depth, ev.evaluate')]);
    });
  });
  describe('leakage/multi-test: a backtest loop whose helper picks the held-out day by the loop variable', () => {
    const head = py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import roc_auc_score
      df = pd.read_csv("daily_events.csv")
      def by_day(frame, day):
          before = frame[frame["date"] < day]
          that_day = frame[frame["date"] == day]
          return before, that_day
    `;
    it('does not fire when each pass holds out its own day', () => {
      const src = head + py`
        model = LogisticRegression()
        for day in pd.date_range("2020-01-01", "2020-03-31"):
            train, test = by_day(df, day)
            model.fit(train.drop(columns=["event"]), train["event"])
            print(day, roc_auc_score(test["event"], model.predict_proba(test.drop(columns=["event"]))[:, 1]))
      `;
      assert.deepEqual(multi(src), []);
    });
    it('still fires when the held-out day is fixed and the setting changes each pass', () => {
      const src = head + py`
        for c in [0.1, 1.0, 10.0]:
            train, test = by_day(df, "2020-03-31")
            model = LogisticRegression(C=c).fit(train.drop(columns=["event"]), train["event"])
            print(c, roc_auc_score(test["event"], model.predict_proba(test.drop(columns=["event"]))[:, 1]))
      `;
      assert.equal(multi(src).length, 1);
    });
  });
  describe('leakage/multi-test: a post-processed column of the model\'s own prediction table is no naive baseline', () => {
    const head = py`
      import pandas as pd
      from postprocess import smooth_labels
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score, mean_absolute_error
      df = pd.read_csv("epochs.csv")
      X_train, X_test, y_train, y_test = train_test_split(df.drop(columns=["stage"]), df["stage"], shuffle=False)
      rf = RandomForestClassifier().fit(X_train, y_train)
      y_pred = rf.predict(X_test)
    `;
    it('does not fire when the smoothed prediction column of that table is scored', () => {
      const src = head + py`
        preds = pd.DataFrame({"true_label": y_test.values, "pred_label": y_pred})
        preds["correct"] = (preds["true_label"] == preds["pred_label"]).astype(int)
        preds = pd.concat([X_test[["night"]].reset_index(drop=True), preds], axis=1)
        preds = smooth_labels(preds, 5)
        y_smooth = preds["pred_label_smoothed"].values
        print(accuracy_score(y_test, y_smooth))
      `;
      assert.deepEqual(multi(src), []);
    });
    it('still fires when a feature column of the test rows is scored as a baseline beside the model', () => {
      const src = head + py`
        print(mean_absolute_error(y_test, y_pred))
        print(mean_absolute_error(y_test, X_test["previous_stage"]))
      `;
      assert.equal(multi(src).length, 1);
    });
  });
  describe('leakage/multi-test: Keras validation_split with early stopping is the only held-out set, its val_ history shown', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      import matplotlib.pyplot as plt
      from keras.models import Sequential
      from keras.layers import Dense
      from keras.callbacks import EarlyStopping
      train = pd.read_csv("train.csv")
      X_train = train.drop(columns=["pm25"]).values
      y_train = train["pm25"].values
      model = Sequential([Dense(32, activation="relu"), Dense(1)])
      model.compile(loss="mse", optimizer="adam")
      history = model.fit(X_train, y_train, epochs=100, validation_split=0.2,
                          callbacks=[EarlyStopping(monitor="val_loss", patience=10, restore_best_weights=True)])
      plt.plot(history.history["val_loss"])
    `;
    it('fires at warning, with the assumption, when the competition test file is only predicted', () => {
      const src = head + py`
        test = pd.read_csv("test.csv")
        pd.DataFrame({"pm25": model.predict(test.values).ravel()}).to_csv("submission.csv")
      `;
      const found = multi(src);
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(src, 'validation_split=0.2'), 'warning']]);
      assert.match(found[0].message, /Assumed: the validation score logged while training is taken to be the reported result/);
    });
    it('does not fire when a labelled test set is scored as the result', () => {
      const src = head + py`
        from sklearn.metrics import mean_squared_error
        holdout = pd.read_csv("holdout_labelled.csv")
        X_test = holdout.drop(columns=["pm25"]).values
        y_test = holdout["pm25"].values
        print(mean_squared_error(y_test, model.predict(X_test)))
      `;
      assert.deepEqual(multi(src), []);
    });
  });
});
