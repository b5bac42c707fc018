/**
 * Round 17, the lead's post-holdout fixes: the classes behind the error-level false alarms on the
 * round's holdout, each with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py, found } from './helpers';

describe('real-notebook idioms, round 17 (lead, after the holdout)', () => {
  describe('leakage/target: a target encoder whose fit reaches no evaluated model', () => {
    const src = (encode: string) => py`
      import pandas as pd
      from category_encoders import TargetEncoder
      from sklearn.model_selection import train_test_split
      from xgboost import XGBRegressor
      df = pd.read_csv("stores.csv")
      te = TargetEncoder(cols=["store"])
      ${encode}
      X = df.drop(columns=["sales"])
      y = df["sales"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=42)
      model = XGBRegressor().fit(X_train, y_train)
      print(model.score(X_test, y_test))
    `;
    it('fires (error) when the encoded frame replaces the data before the split', () => {
      assert.deepEqual(found(src('df = te.fit_transform(df, df["sales"])'), 'leakage/target').map((f) => f.split(':')[1]), ['error']);
    });
    const helper = (encode: string) => py`
      import pandas as pd
      from category_encoders import TargetEncoder
      from sklearn.model_selection import train_test_split
      from xgboost import XGBRegressor

      def encoding(frame):
          te = TargetEncoder(cols=["store"])
          ${encode}
          return frame

      train = encoding(pd.read_csv("train.csv"))
      X_train, X_test, y_train, y_test = train_test_split(train.drop(columns=["sales"]), train["sales"], test_size=0.3, random_state=42)
      model = XGBRegressor().fit(X_train, y_train)
      print(model.score(X_test, y_test))
      holdout = encoding(pd.read_csv("holdout.csv"))
      print(model.score(holdout.drop(columns=["sales"]), holdout["sales"]))
    `;
    it('does not fire when a helper throws the fit_transform result away (category_encoders returns a new frame)', () => {
      assert.deepEqual(found(helper('te.fit_transform(frame, frame["sales"])'), 'leakage/target'), []);
      assert.deepEqual(found(helper('te.fit_transform(frame, frame["sales"])'), 'leakage/preprocessing'), []);
    });
    it('fires (error) when the held-out file is encoded again with its own labels and then scored', () => {
      const s = py`
        import pandas as pd
        from category_encoders import LeaveOneOutEncoder
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        df = pd.read_csv("policies.csv")
        train, test = train_test_split(df, test_size=0.2, random_state=1)
        enc = LeaveOneOutEncoder(cols=["region"]).fit(train.drop(columns=["response"]), train["response"])
        X_train = enc.transform(train.drop(columns=["response"]))
        enc_test = LeaveOneOutEncoder(cols=["region"]).fit(test.drop(columns=["response"]), test["response"])
        X_test = enc_test.transform(test.drop(columns=["response"]))
        model = LogisticRegression().fit(X_train, train["response"])
        print(model.score(X_test, test["response"]))
      `;
      const t = analyze(s, 'train.py').filter((f) => f.ruleId === 'leakage/target');
      assert.deepEqual(t.map((f) => f.severity), ['error']);
      assert.match(t[0].message, /own labels/);
    });
    it('fires (error) when the helper returns the encoded frame', () => {
      assert.deepEqual(found(helper('frame = te.fit_transform(frame, frame["sales"])'), 'leakage/target').map((f) => f.split(':')[1]), ['error']);
    });
  });

  describe('leakage/target: a target encoder fitted on the training part before cross_val_score on it', () => {
    const src = (fit: string) => py`
      import pandas as pd
      from category_encoders import TargetEncoder
      from sklearn.model_selection import train_test_split, cross_val_score
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("coupons.csv")
      X = df.drop(columns=["redeemed"])
      y = df["redeemed"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      ${fit}
      print(cross_val_score(LogisticRegression(), X_train, y_train, cv=5).mean())
    `;
    it('does not raise a target alarm: the test split stays clean, the preprocessing finding names the folds', () => {
      const s = src('enc = TargetEncoder(cols=["campaign"]).fit(X_train, y_train)\nX_train = enc.transform(X_train)');
      assert.deepEqual(found(s, 'leakage/target'), []);
      const pre = analyze(s, 'train.py').filter((f) => f.ruleId === 'leakage/preprocessing');
      assert.equal(pre.length, 1);
      assert.match(pre[0].message, /validation fold|cross-validation/);
    });
    it('fires (error) when the encoder is fitted on all rows, labels included, before the cross-validation', () => {
      const s = src('enc = TargetEncoder(cols=["campaign"]).fit(X, y)\nX_train = enc.transform(X_train)\nX = enc.transform(X)\nprint(cross_val_score(LogisticRegression(), X, y, cv=5).mean())');
      assert.ok(found(s, 'leakage/target').some((f) => f.endsWith(':error')));
    });
  });

  describe('leakage/overlap: a train + holdout stack (features built over both) cut back apart by opposite thresholds on one column', () => {
    const src = (cut: string) => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error

      def split_time(df, date_col, days):
          cutoff = df[date_col].max() - pd.Timedelta(days=days)
          train = df[df[date_col] <= cutoff].copy()
          test = df[df[date_col] > cutoff].copy()
          return train, test

      def add_lags(df):
          df = df.sort_values("date")
          df["lag_7"] = df.groupby("store")["sales"].shift(7)
          return df

      data = pd.read_csv("sales.csv", parse_dates=["date"])
      tr, ho = split_time(data, "date", 28)
      cutoff = tr["date"].max()
      full = add_lags(pd.concat([tr, ho], ignore_index=True))
      ${cut}
      model = RandomForestRegressor().fit(trf.drop(columns=["sales", "date"]), trf["sales"])
      print(mean_absolute_error(hof["sales"], model.predict(hof.drop(columns=["sales", "date"]))))
    `;
    it('does not fire when the stack is cut at the cutoff both ways (subscript or attribute column)', () => {
      assert.deepEqual(found(src('trf = full[full["date"] <= cutoff]\nhof = full[full["date"] > cutoff]'), 'leakage/overlap'), []);
      assert.deepEqual(found(src('trf = full[full.date <= cutoff]\nhof = full[full.date > cutoff]'), 'leakage/overlap'), []);
    });
    it('fires (error) when the model is trained on the whole stack', () => {
      assert.deepEqual(found(src('trf = full\nhof = full[full["date"] > cutoff]'), 'leakage/overlap').map((f) => f.split(':')[1]), ['error']);
    });
    it('fires when the training rows are a filter of the stack on another column, not the opposite threshold', () => {
      assert.deepEqual(found(src('trf = full[full["sales"] > 0]\nhof = full[full["date"] > cutoff]'), 'leakage/overlap').map((f) => f.split(':')[1]), ['error']);
    });
  });

  describe('leakage/multi-test: cells that each re-read the file, shuffle it without a seed and cut it again', () => {
    const cell = (shuffle: string, model: string) => [
      'import pandas as pd\nfrom sklearn.utils import shuffle\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.svm import SVC\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.metrics import accuracy_score',
      `data = pd.read_csv("features.csv")\n${shuffle}\nX = data.drop("emotion", axis=1).values\ny = data["emotion"].values\nX_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=4)\nmodel = ${model}.fit(X_train, y_train)\nprint(accuracy_score(y_test, model.predict(X_test)))`,
    ];
    const nb = (shuffle: string) => JSON.stringify({
      cells: [...cell(shuffle, 'SVC(C=2)'), ...cell(shuffle, 'LogisticRegression()').slice(1)].map((source) => ({ cell_type: 'code', source, metadata: {}, outputs: [], execution_count: null })),
      metadata: {}, nbformat: 4, nbformat_minor: 5,
    });
    const mt = (shuffle: string) => analyze(nb(shuffle), 'emotions.ipynb').filter((f) => f.ruleId === 'leakage/multi-test');
    it('does not fire: an unseeded shuffle before each cut gives each cell other test rows', () => {
      assert.deepEqual(mt('data = shuffle(data)'), []);
      assert.deepEqual(mt('data = data.sample(frac=1)'), []);
    });
    it('fires when the re-read is cut the same way each time (no shuffle, or a seeded one)', () => {
      assert.ok(mt('data = data.dropna()').length > 0);
      assert.ok(mt('data = shuffle(data, random_state=0)').length > 0);
    });
  });

  describe('leakage/multi-test: a training pipeline function that only an uncalled route handler calls', () => {
    const src = (route: string) => py`
      import pandas as pd
      from flask import Flask, request, jsonify
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression, Ridge
      from sklearn.metrics import r2_score
      app = Flask(__name__)

      def train_pipeline(model_type="linear", alpha=1.0):
          df = pd.read_csv("auto.csv")
          X_train, X_test, y_train, y_test = train_test_split(df.drop(columns=["mpg"]), df["mpg"], random_state=0)
          model = Ridge(alpha=alpha) if model_type == "ridge" else LinearRegression()
          model.fit(X_train, y_train)
          return r2_score(y_test, model.predict(X_test))

      @app.route("/train", methods=["POST"])
      def train():
          data = request.get_json() or {}
          ${route}
    `;
    it('does not fire: the pipeline runs once, at the handler\'s call, with the request\'s settings', () => {
      assert.deepEqual(found(src('return jsonify(train_pipeline(data.get("model_type", "linear"), data.get("alpha", 1.0)))'), 'leakage/multi-test', 'routes.py'), []);
    });
    it('fires when the handler runs the pipeline for two settings and compares them', () => {
      assert.ok(found(src('scores = {t: train_pipeline(t) for t in ["linear", "ridge"]}\n    return jsonify(max(scores, key=scores.get))'), 'leakage/multi-test', 'routes.py').length > 0);
    });
  });

  describe('mismatch/refit-at-inference: an app that refits an encoder on its reference file only to name the predicted classes', () => {
    const src = (use: string, enc = 'OneHotEncoder()') => py`
      import pandas as pd
      import numpy as np
      from flask import Flask, request
      from sklearn.preprocessing import OneHotEncoder, MinMaxScaler
      from tensorflow import keras
      app = Flask(__name__)

      @app.route("/", methods=["POST"])
      def predict():
          ref = pd.read_csv("./data_path.csv")
          encoder = ${enc}
          y = encoder.fit_transform(ref[["label"]])
          model = keras.models.load_model("./model.h5")
          x = np.array([request.get_json()["features"]])
          ${use}
    `;
    it('does not fire when the encoder only decodes the predictions (inverse_transform)', () => {
      assert.deepEqual(found(src('return str(encoder.inverse_transform(model.predict(x)))'), 'mismatch/refit-at-inference', 'app.py'), []);
    });
    it('fires when the refitted encoder transforms the request', () => {
      assert.ok(found(src('return str(model.predict(encoder.transform(x)))'), 'mismatch/refit-at-inference', 'app.py').length > 0);
    });
    it('fires for a scaler refitted and used to scale the predictions back (its statistics reach the output)', () => {
      assert.ok(found(src('return str(encoder.inverse_transform(model.predict(x)))', 'MinMaxScaler()'), 'mismatch/refit-at-inference', 'app.py').length > 0);
    });
  });
});
