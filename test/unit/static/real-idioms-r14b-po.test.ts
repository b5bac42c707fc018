/**
 * Round 14, second wave (helper r14b-po): preprocessing and overlap classes from real code, each with
 * a case that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms, round 14 (r14b-po)', () => {
  describe('leakage/preprocessing: an unnamed positional cut of the training file (X[:n] fitted, X[n:] scored)', () => {
    const src = (read: string, scale: string) => py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      ${read}
      X = train.drop(columns=["label"]).values
      y = train["label"].values
      n = int(0.8 * len(X))
      ${scale}
      clf = LogisticRegression().fit(X[:n], y[:n])
      print(accuracy_score(y[n:], clf.predict(X[n:])))
    `;
    it('fires when the scaler saw every row of train.csv before the cut', () => {
      assert.deepEqual(rules(src('train = pd.read_csv("train.csv")', 'X = StandardScaler().fit_transform(X)'), 'leakage/preprocessing'), [9]);
    });
    it('fires for a frame named train read from a neutral file', () => {
      assert.deepEqual(rules(src('train = pd.read_csv("records.csv")', 'X = StandardScaler().fit_transform(X)'), 'leakage/preprocessing'), [9]);
    });
    it('does not fire when the scaler is fitted on the head of the cut only', () => {
      assert.deepEqual(rules(src('train = pd.read_csv("train.csv")', 'X = StandardScaler().fit(X[:n]).transform(X)'), 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a statistic carried into lag columns named by an f-string', () => {
    const src = (pick: string) => py`
      import pandas as pd
      from sklearn.linear_model import LinearRegression
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("demand.csv")
      df["load_c"] = df["load"] - df["load"].mean()
      for k in range(1, 4):
          df[f"load_lag_{k}"] = df["load_c"].shift(k)
          df[f"raw_lag_{k}"] = df["load"].shift(k)
      X = ${pick}
      y = df["demand"]
      cut = int(len(df) * 0.8)
      X_train, X_test, y_train, y_test = X[:cut], X[cut:], y[:cut], y[cut:]
      m = LinearRegression().fit(X_train, y_train)
      print(mean_absolute_error(y_test, m.predict(X_test)))
    `;
    it('fires when the lags of the centred column are picked by literal name', () => {
      assert.deepEqual(rules(src('df[["load_lag_1", "load_lag_2"]]'), 'leakage/preprocessing'), [5]);
    });
    it('fires when the lags are picked by an f-string comprehension', () => {
      assert.deepEqual(rules(src('df[[f"load_lag_{i}" for i in range(1, 4)]]'), 'leakage/preprocessing'), [5]);
    });
    it('does not fire when the columns picked are lags of the raw column only', () => {
      assert.deepEqual(rules(src('df[["raw_lag_1", "raw_lag_2"]]'), 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/target: f-string lag columns added to a frame picked by name keep later columns in it', () => {
    const src = (write: string) => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("sales.csv")
      x = df[["sales", "promo"]].copy()
      for k in [1, 2, 4]:
          ${write}
      x["change"] = x["sales"].diff(1)
      train, test = x.iloc[:-24], x.iloc[-24:]
      feats = [c for c in train.columns if c != "sales"]
      m = RandomForestRegressor().fit(train[feats], train["sales"])
      print(mean_absolute_error(test["sales"], m.predict(test[feats])))
    `;
    it('fires on the same-row change of the label after f-string lags', () => {
      assert.deepEqual(rules(src('x[f"lag_{k}"] = x["sales"].shift(k)'), 'leakage/target'), [8]);
    });
    it('does not fire on the lags alone', () => {
      assert.deepEqual(rules(src('x[f"lag_{k}"] = x["sales"].shift(k)').replace(/^x\["change"\].*\n/m, ''), 'leakage/target'), []);
    });
  });

  describe('leakage/overlap: a model reloaded from the Keras ModelCheckpoint file its training wrote', () => {
    const src = (path: string, loadPath: string, scored: string) => py`
      import numpy as np
      import pandas as pd
      from keras.models import Sequential, load_model
      from keras.layers import Dense
      from keras.callbacks import ModelCheckpoint
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import mean_squared_error
      df = pd.read_csv("flats.csv")
      X = df.drop(columns=["rent"]).values
      y = df["rent"].values
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=3)
      net = Sequential([Dense(16, activation="relu"), Dense(1)])
      net.compile(loss="mse", optimizer="adam")
      ckpt = ModelCheckpoint(${path}, monitor="loss", save_best_only=True)
      net.fit(X_tr, y_tr, epochs=20, callbacks=[ckpt])
      best = load_model(${loadPath})
      print("RMSE", np.sqrt(mean_squared_error(${scored})))
    `;
    it('fires when the reloaded model is scored on all the rows the split was made from', () => {
      assert.deepEqual(rules(src('"best.h5"', '"best.h5"', 'y, best.predict(X)'), 'leakage/overlap'), [17]);
    });
    it('fires when the checkpoint path is written through str()', () => {
      assert.deepEqual(rules(src('str("best.h5")', '"best.h5"', 'y, best.predict(X)'), 'leakage/overlap'), [17]);
    });
    it('does not fire when another file is loaded (a model taken as given)', () => {
      assert.deepEqual(rules(src('"best.h5"', '"pretrained.h5"', 'y, best.predict(X)'), 'leakage/overlap'), []);
    });
    it('does not fire when the reloaded model is scored on the held-out part', () => {
      assert.deepEqual(rules(src('"best.h5"', '"best.h5"', 'y_te, best.predict(X_te)'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap, multi-test: a Keras model saved with model.save(path) and loaded back from that path', () => {
    const src = (loadPath: string, scored: string) => py`
      import numpy as np
      import pandas as pd
      from tensorflow import keras
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("readings.csv")
      X = df.drop(columns=["state"]).values
      y = df["state"].values
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=7)
      net = keras.Sequential([keras.layers.Dense(8, activation="relu"), keras.layers.Dense(3, activation="softmax")])
      net.compile(loss="sparse_categorical_crossentropy", optimizer="adam")
      net.fit(X_tr, y_tr, epochs=5)
      print(accuracy_score(y_te, np.argmax(net.predict(X_te), axis=1)))
      net.save("net.keras")
      again = keras.models.load_model(${loadPath})
      print(accuracy_score(${scored}))
    `;
    it('fires (overlap) when the reloaded model is scored on all the rows', () => {
      assert.deepEqual(rules(src('"net.keras"', 'y, np.argmax(again.predict(X), axis=1)'), 'leakage/overlap'), [16]);
    });
    it('does not fire (overlap) when another file is loaded', () => {
      assert.deepEqual(rules(src('"other.keras"', 'y, np.argmax(again.predict(X), axis=1)'), 'leakage/overlap'), []);
    });
    it('fires (overlap) when the model is written by keras.models.save_model(model, path)', () => {
      const text = src('"net.keras"', 'y, np.argmax(again.predict(X), axis=1)').replace('net.save("net.keras")', 'keras.models.save_model(net, "net.keras")');
      assert.deepEqual(rules(text, 'leakage/overlap'), [16]);
    });
    it('does not fire (multi-test) when the reloaded copy is scored again on the same test set', () => {
      assert.deepEqual(rules(src('"net.keras"', 'y_te, np.argmax(again.predict(X_te), axis=1)'), 'leakage/multi-test'), []);
    });
  });
});
