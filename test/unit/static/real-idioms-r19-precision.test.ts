/**
 * Round 19, precision on code nobody labelled: the classes behind false alarms of the secondary rules
 * (target, serving) on the dev repositories' other files, each with a case that must fire and a
 * look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 19 (precision on unlabelled files)', () => {
  describe('leakage/target: a frame built from a scikit-learn Bunch\'s .data, the label from its .target', () => {
    // housing.data holds the features only; the label comes from housing.target, another array, so
    // dropping the label column leaves no copy of it in the features.
    const src = (extra: string, x: string) => py`
      import pandas as pd
      from sklearn.datasets import fetch_california_housing
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      from sklearn.metrics import r2_score
      housing = fetch_california_housing()
      frame = pd.DataFrame(housing.data)
      frame.columns = housing.feature_names
      frame["VALUE"] = housing.target
      ${extra}
      X = ${x}
      y = frame["VALUE"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      lr = LinearRegression().fit(X_train, y_train)
      print(r2_score(y_test, lr.predict(X_test)))
    `;
    // Each case checks both sides of the class boundary, so it fails on a tree without the fix.
    it('does not fire when the label column is dropped, fires (error) when a feature is computed from the label', () => {
      assert.deepEqual(found(src('', 'frame.drop("VALUE", axis=1)'), 'leakage/target'), []);
      assert.deepEqual(found(src('frame["pricey"] = (frame["VALUE"] > 2).astype(int)', 'frame.drop("VALUE", axis=1)'), 'leakage/target'), ['10:error']);
    });
  });

  describe('mismatch/column-order: model predictions stacked into a loaded meta-model\'s input', () => {
    // np.array of a list of base models' predictions: its columns are those predictions in the order
    // the code appends them, not a frame's named columns; a frame turned into an array still is one.
    const src = (item: string) => py`
      import joblib
      import numpy as np
      import pandas as pd
      def predict(path):
          feats = pd.read_csv(path)
          base = [joblib.load(f"base_{i}.joblib") for i in range(2)]
          outs = []
          outs.append(base[0].predict(feats[["a", "b"]]))
          outs.append(${item})
          meta = joblib.load("meta.joblib")
          return meta.predict(np.array(outs).T)
    `;
    it('does not fire when every stacked item is a prediction, fires (warning) when a frame is stacked beside them', () => {
      assert.deepEqual(found(src('base[1].predict(feats[["a", "b"]])'), 'mismatch/column-order'), []);
      assert.deepEqual(found(src('feats'), 'mismatch/column-order').map((f) => f.split(':')[1]), ['warning']);
    });
  });

  describe('leakage/overlap: an ImageDataGenerator given no random transform', () => {
    // ImageDataGenerator(rescale=1./255), the usual validation generator, yields each image once and
    // unchanged: it synthesises no rows. One with random transforms does, and its copies split at random
    // land on both sides.
    const separate = (ctor: string) => py`
      import tensorflow as tf
      from tensorflow.keras.preprocessing.image import ImageDataGenerator
      def solution_model():
          train_datagen = ImageDataGenerator(rescale=1./255, rotation_range=20, horizontal_flip=True)
          validation_datagen = ${ctor}
          train_generator = train_datagen.flow_from_directory("tmp/train/", target_size=(128, 128), batch_size=500, class_mode="binary")
          validation_generator = validation_datagen.flow_from_directory("tmp/valid/", target_size=(128, 128), batch_size=500, class_mode="binary")
          x, y = train_generator[0][0], train_generator[0][1]
          x_val, y_val = validation_generator[0][0], validation_generator[0][1]
          model = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(1, activation="sigmoid")])
          model.compile(loss="binary_crossentropy", optimizer="adam", metrics=["accuracy"])
          model.fit(x, y, epochs=5)
          loss, acc = model.evaluate(x_val, y_val)
          print("loss:", loss, "acc:", acc)
          return model
    `;
    const splitAfter = py`
      import numpy as np
      from sklearn.model_selection import train_test_split
      from tensorflow.keras.preprocessing.image import ImageDataGenerator
      from tensorflow import keras
      X = np.load("images.npy")
      y = np.load("labels.npy")
      gen = ImageDataGenerator(rotation_range=15, zoom_range=0.1)
      X_aug, y_aug = next(gen.flow(X, y, batch_size=len(X), shuffle=False))
      X_train, X_test, y_train, y_test = train_test_split(X_aug, y_aug, test_size=0.2, random_state=0)
      model = keras.Sequential([keras.layers.Flatten(), keras.layers.Dense(10, activation="softmax")])
      model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
      model.fit(X_train, y_train, epochs=3)
      print(model.evaluate(X_test, y_test))
    `;
    it('does not fire for rescale-only or preprocess_input generators, fires (error) when augmented copies are split', () => {
      assert.deepEqual(found(separate('ImageDataGenerator(rescale=1./255)'), 'leakage/overlap'), []);
      assert.deepEqual(found(separate('ImageDataGenerator(preprocessing_function=preprocess_input)'), 'leakage/overlap'), []);
      assert.deepEqual(found(splitAfter, 'leakage/overlap').map((f) => f.split(':')[1]), ['error']);
    });
  });

  describe('leakage/target: a column list copied from columns written out, the label removed from it', () => {
    // df.columns = [...] names every column; predictors = list(df.columns); predictors.remove("score")
    // leaves the label out of the list the features are selected with.
    const src = (removed: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      df = pd.read_csv("grades.csv")
      df.columns = ["hours", "absences", "score"]
      predictors = list(df.columns)
      predictors.remove("${removed}")
      X = df[predictors]
      y = df["score"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=1)
      m = Ridge().fit(X_train, y_train)
      print(m.score(X_test, y_test))
    `;
    it('does not fire when the label is removed, fires (warning) when another column is', () => {
      assert.deepEqual(found(src('score'), 'leakage/target'), []);
      assert.deepEqual(found(src('absences'), 'leakage/target'), ['8:warning']);
    });
  });

  describe('mismatch/refit-at-inference: a statsmodels model given its series at construction, fitted in an app', () => {
    // ARIMA(series, order=...).fit() learns from the series it was given, labels included: training (as
    // model.fit(X, y) is), not a statistic refitted on a batch being scored. A scaler fitted on the
    // uploaded batch beside it still is one.
    const src = (extra: string) => py`
      import pandas as pd
      import streamlit as st
      from statsmodels.tsa.arima.model import ARIMA
      from sklearn.preprocessing import StandardScaler
      hist = pd.read_csv(st.file_uploader("history"))
      res = ARIMA(hist["sales"], order=(2, 1, 0)).fit()
      ${extra}
      st.line_chart(res.forecast(steps=12))
    `;
    it('does not fire for the model fitted on its own series, fires for a scaler fitted on the uploaded rows', () => {
      assert.deepEqual(found(src('print(res.summary())'), 'mismatch/refit-at-inference', 'app.py'), []);
      assert.equal(found(src('st.write(StandardScaler().fit_transform(hist[["sales", "price"]]))'), 'mismatch/refit-at-inference', 'app.py').length, 1);
    });
  });

  describe('mismatch/refit-at-inference: a statistic kept in a global by the first call (if x is None)', () => {
    // global cut; if cut is None: cut = np.percentile(...): computed once, on the first frame given (the
    // training rows), and reused for the test rows. Without the guard it is computed again on them.
    const src = (guard: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.svm import SVC
      from sklearn.metrics import accuracy_score
      low = None
      mid = None
      def bin_ages(df):
          global low, mid
          ${guard}
              low = np.percentile(df.Age, 5)
              mid = np.percentile(df.Age, 50)
          df["Age"] = pd.cut(df.Age, (-1, low, mid, 200), labels=[0, 1, 2])
          return df
      train = bin_ages(pd.read_csv("train.csv"))
      test = bin_ages(pd.read_csv("test.csv"))
      clf = SVC().fit(train.drop(columns=["Survived"]), train["Survived"])
      print(accuracy_score(test["Survived"], clf.predict(test.drop(columns=["Survived"]))))
    `;
    it('does not fire when the statistic is computed only while unset, fires (warning) when computed on every call', () => {
      assert.deepEqual(found(src('if low is None:'), 'mismatch/refit-at-inference'), []);
      assert.deepEqual(found(src('if True:'), 'mismatch/refit-at-inference'), ['10:warning', '11:warning']);
    });
  });

  describe('mismatch/column-order: dummies of the held-out rows selected by the training matrix\'s columns', () => {
    // X_test = X_test[X_train.columns] (after adding the missing dummies as zeros) puts the held-out
    // frame in the training columns and order; predicted without it, its columns follow its own categories.
    const files = 'train = pd.read_csv("train.csv"); test = pd.read_csv("test.csv")';
    const cut = 'df = pd.read_csv("sales.csv"); train = df.iloc[:-52].copy(); test = df.iloc[-52:].copy()';
    const src = (align: string, read = files) => py`
      import pandas as pd
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      ${read}
      X_train = pd.get_dummies(train.drop(columns=["sales"]), columns=["store", "dept"], drop_first=True)
      model = Ridge().fit(X_train, train["sales"])
      X_test = pd.get_dummies(test.drop(columns=["sales"]), columns=["store", "dept"], drop_first=True)
      for col in X_train.columns:
          if col not in X_test.columns:
              X_test[col] = 0
      ${align}
      print(mean_absolute_error(test["sales"], model.predict(X_test)))
    `;
    it('does not fire when the held-out frame is put in the training columns, fires (warning) when it is not', () => {
      assert.deepEqual(found(src('X_test = X_test[X_train.columns]'), 'mismatch/column-order'), []);
      assert.deepEqual(found(src('X_test = X_test[X_train.columns]', cut), 'mismatch/column-order'), []);
      assert.deepEqual(found(src('X_test = X_test.fillna(0)'), 'mismatch/column-order'), ['7:warning']);
      assert.deepEqual(found(src('X_test = X_test.fillna(0)', cut), 'mismatch/column-order'), ['7:warning']);
    });
  });

  describe('leakage/target: columns chosen by a non-numeric dtype beside a numeric label', () => {
    // select_dtypes(exclude="number") / include="object" keeps the text columns: a numeric label
    // (a revenue to regress) is not among them. exclude="object" keeps the numeric ones, the label too.
    const src = (sel: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import r2_score
      df = pd.read_csv("movies.csv")
      cat_cols = df.select_dtypes(${sel}).columns
      for c in cat_cols:
          df[c] = df[c].astype("category").cat.codes
      X = df[["budget", "score"] + cat_cols.tolist()]
      y = df["gross"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      rf = RandomForestRegressor().fit(X_train, y_train)
      print(r2_score(y_test, rf.predict(X_test)))
    `;
    it('does not fire for exclude="number" or include="object", fires (warning) for exclude="object"', () => {
      assert.deepEqual(found(src('exclude=["number"]'), 'leakage/target'), []);
      assert.deepEqual(found(src('include="object"'), 'leakage/target'), []);
      assert.deepEqual(found(src('exclude="object"'), 'leakage/target'), ['9:warning']);
    });
  });

  describe('mismatch/refit-at-inference: a helper nothing calls in a script that loads a model', () => {
    // normalize() is defined and never called: the frame it would scale reaches no model. Called on the
    // batch before predicting, it refits the scaler on that batch.
    const src = (use: string) => py`
      import pandas as pd
      import joblib
      from sklearn.preprocessing import MinMaxScaler
      def normalize(df):
          scaler = MinMaxScaler()
          return pd.DataFrame(scaler.fit_transform(df), columns=df.columns)
      df = pd.read_csv("test.csv").drop(["id", "year"], axis=1)
      ${use}
      model = joblib.load("model.joblib")
      pd.DataFrame(model.predict(df[["a", "b"]])).to_csv("submit.csv")
    `;
    it('does not fire while the helper is never called, fires when the batch goes through it', () => {
      assert.deepEqual(found(src('print(df.shape)'), 'mismatch/refit-at-inference', 'make_submission.py'), []);
      assert.deepEqual(found(src('df = normalize(df)'), 'mismatch/refit-at-inference', 'make_submission.py').length, 1);
    });
  });
});
