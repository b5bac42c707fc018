/**
 * Round 14 (helper r14-pre): preprocessing classes from real code, each with a case that must fire
 * and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms, round 14 (r14-pre)', () => {
  describe('leakage/preprocessing: feature columns picked by `list(set(a + b))` are picked by name', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      df = pd.read_csv("engines.csv")
      df["rul"] = df.groupby("unit")["cycle"].transform(lambda c: c.max() - c)
      df["s1_unit_mean"] = df.groupby("unit")["s1"].transform("mean")
      base = ["s1", "s2"]
      extra = ["s3", "s2"]
    `;
    const tail = py`
      y = df["rul"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      model = RandomForestRegressor().fit(X_tr, y_tr)
      print(model.score(X_te, y_te))
    `;
    it('fires when the de-duplicated name list holds the column a statistic of all rows was written into', () => {
      const src = head + py`
        X = df[list(set(base + extra + ["s1_unit_mean"]))]
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [6]);
    });
    it('does not fire when the names picked leave out the label computed per group', () => {
      const src = head.replace(/^df\["s1_unit_mean"\].*\n/m, '') + py`
        X = df[list(set(base + extra))]
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: a cut handed to Keras only as watched validation_data, with a separate test file scored', () => {
    const head = py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.metrics import roc_auc_score
      from keras.models import Sequential
      from keras.layers import Dense
      records = pd.read_csv("records.csv")
      X = StandardScaler().fit_transform(records.drop(columns=["label"]).values)
      y = records["label"].values
      n_train = int(len(X) * 0.8)
      model = Sequential([Dense(16, activation="relu"), Dense(1, activation="sigmoid")])
      model.compile(loss="binary_crossentropy", optimizer="adam")
      model.fit(X[:n_train], y[:n_train], epochs=5, validation_data=(X[n_train:], y[n_train:]))
    `;
    const testFile = py`
      test = pd.read_csv("test.csv")
      X_test = StandardScaler().fit(records.drop(columns=["label"]).values).transform(test.drop(columns=["label"]).values)
      print(roc_auc_score(test["label"].values, model.predict(X_test)))
    `;
    it('fires when the held-out part of the cut is also scored', () => {
      const src = head + testFile + py`
        print(roc_auc_score(y[n_train:], model.predict(X[n_train:])))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [7]);
    });
    it('does not fire when a separate test file is scored and the cut is only watched', () => {
      assert.deepEqual(rules(head + testFile, 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: univariate feature scores (mutual_info_classif, f_classif) ranked to pick columns', () => {
    const head = py`
      import pandas as pd
      from sklearn.feature_selection import mutual_info_classif
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("urls.csv")
      X = df.drop(columns=["status"])
      y = df["status"]
    `;
    const tail = py`
      model = RandomForestClassifier().fit(X_train[top], y_train)
      print(accuracy_score(y_test, model.predict(X_test[top])))
    `;
    it('fires when the scores are computed on all rows before the split', () => {
      const src = head + py`
        scores = pd.Series(mutual_info_classif(X, y), index=X.columns).sort_values(ascending=False)
        top = scores.index[:10]
        X_train, X_test, y_train, y_test = train_test_split(df[top], y, random_state=0)
      ` + tail.replace(/\[top\]/g, '');
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [9]);
    });
    it('does not fire when the scores are computed on the training part only', () => {
      const src = head + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
        scores = pd.Series(mutual_info_classif(X_train, y_train), index=X.columns).sort_values(ascending=False)
        top = scores.index[:10]
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: feature names kept by `[c for c in [...] if c in df.columns]`', () => {
    const src = (names: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import classification_report
      df = pd.read_csv("rides.csv")
      df["high_value"] = (df["value"] > df["value"].median()).astype(int)
      df["short"] = (df["distance"] < 3).astype(int)
      features = [c for c in ${names} if c in df.columns]
      X_train, X_test, y_train, y_test = train_test_split(df[features], df["cancelled"], random_state=0)
      model = RandomForestClassifier().fit(X_train, y_train)
      print(classification_report(y_test, model.predict(X_test)))
    `;
    it('fires when the listed names include the column thresholded at the all-rows median (last in the list)', () => {
      assert.deepEqual(rules(src('["value", "hour", "short", "high_value"]'), 'leakage/preprocessing'), [6]);
    });
    it('does not fire when the listed names leave that column out', () => {
      assert.deepEqual(rules(src('["value", "hour", "short", "distance"]'), 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: a statistic turned into text (str(median)) still fills with the statistic', () => {
    const src = (value: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("restaurants.csv")
      missing = ["-", "NEW", "Opening Soon"]
      fill = ${value}
      df.loc[df["rating"].isin(missing), "rating"] = fill
      df["rating"] = pd.to_numeric(df["rating"])
      X_train, X_test, y_train, y_test = train_test_split(df[["rating", "cost"]], df["minutes"], random_state=0)
      model = Ridge().fit(X_train, y_train)
      print(mean_absolute_error(y_test, model.predict(X_test)))
    `;
    it('fires when the text is the median of all rows', () => {
      assert.deepEqual(rules(src('str(pd.to_numeric(df.loc[~df["rating"].isin(missing), "rating"]).median())'), 'leakage/preprocessing'), [7]);
    });
    it('does not fire when the text is a fixed value', () => {
      assert.deepEqual(rules(src('str(0)'), 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a helper prepares the whole frame, the result is named train and cross-validated', () => {
    const src = (model: string): string => py`
      import pandas as pd
      from sklearn.model_selection import cross_val_score
      from sklearn.pipeline import make_pipeline
      from sklearn.impute import SimpleImputer
      from sklearn.ensemble import RandomForestRegressor
      df = pd.read_csv("orders.csv")
      def prepare(frame, how):
          out = frame.copy()
          if how == "median":
              out["rating"] = out["rating"].fillna(frame["rating"].median())
          return out
      train = prepare(df, ${model.includes('Imputer') ? '"none"' : '"median"'})
      X = train.drop("minutes", axis=1).to_numpy()
      y = train["minutes"]
      scores = cross_val_score(${model}, X, y, scoring="neg_mean_squared_error", cv=10)
      print(scores.mean())
    `;
    it('fires when the helper filled gaps with the median of all rows before the cross-validation', () => {
      assert.deepEqual(rules(src('RandomForestRegressor()'), 'leakage/preprocessing'), [10]);
    });
    it('does not fire when the fill is a pipeline step inside the cross-validation', () => {
      assert.deepEqual(rules(src('make_pipeline(SimpleImputer(strategy="median"), RandomForestRegressor())'), 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: rare words counted over the whole corpus and removed before the split', () => {
    const src = (use: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.feature_extraction.text import CountVectorizer
      from sklearn.naive_bayes import MultinomialNB
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("reviews.csv")
      rare = pd.Series(" ".join(df["text"]).split()).value_counts()[-500:]
      ${use}
      X_train, X_test, y_train, y_test = train_test_split(df["text"], df["label"], test_size=0.3, random_state=1)
      vec = CountVectorizer().fit(X_train)
      model = MultinomialNB().fit(vec.transform(X_train), y_train)
      print(accuracy_score(y_test, model.predict(vec.transform(X_test))))
    `;
    it('fires when every text keeps only the words outside that list', () => {
      assert.deepEqual(rules(src('df["text"] = df["text"].apply(lambda t: " ".join(w for w in t.split() if w not in rare))'), 'leakage/preprocessing'), [7]);
    });
    it('does not fire when the counts are only shown', () => {
      assert.deepEqual(rules(src('print(rare.head(20))'), 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: Keras fit_generator(generator=...) trains on the generator\'s rows', () => {
    const src = (fitOn: string): string => py`
      import pandas as pd
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.metrics import mean_squared_error
      from keras.preprocessing.sequence import TimeseriesGenerator
      from keras.models import Sequential
      from keras.layers import LSTM, Dense
      train = pd.read_csv("load_train.csv")[["power"]].values
      test = pd.read_csv("load_test.csv")[["power"]].values
      scaler = MinMaxScaler().fit(${fitOn})
      tr, te = scaler.transform(train), scaler.transform(test)
      train_gen = TimeseriesGenerator(tr, tr, length=24, batch_size=32)
      test_gen = TimeseriesGenerator(te, te, length=24, batch_size=32)
      model = Sequential([LSTM(32), Dense(1)])
      model.compile(loss="mse", optimizer="adam")
      model.fit_generator(generator=train_gen, epochs=5)
      pred = model.predict(test_gen)
      print(mean_squared_error(te[24:], pred))
    `;
    it('fires when the scaler saw the test series too', () => {
      assert.deepEqual(rules(src('np.concatenate([train, test])').replace('import pandas as pd', 'import numpy as np\nimport pandas as pd'), 'leakage/preprocessing'), [10]);
    });
    it('does not fire when the scaler saw the training series only', () => {
      assert.deepEqual(rules(src('train'), 'leakage/preprocessing'), []);
    });
  });
  describe('leakage/preprocessing: a seasonal profile from seasonal_decompose of the whole series subtracted before the cut', () => {
    const src = (use: string): string => py`
      import pandas as pd
      from statsmodels.tsa.seasonal import seasonal_decompose
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("monthly.csv")
      dec = seasonal_decompose(df["rain"], model="additive", period=12)
      ${use}
      n = int(len(df) * 0.8)
      train, test = df[:n], df[n:]
      model = Ridge().fit(train[["rain_adj", "temp"]], train["yield"])
      print(mean_absolute_error(test["yield"], model.predict(test[["rain_adj", "temp"]])))
    `;
    it('fires when the feature is the series minus its seasonal component', () => {
      assert.deepEqual(rules(src('df["rain_adj"] = df["rain"] - dec.seasonal'), 'leakage/preprocessing'), [6]);
    });
    it('does not fire when the decomposition is only plotted', () => {
      assert.deepEqual(rules(src('dec.plot()\ndf["rain_adj"] = df["rain"] * 2'), 'leakage/preprocessing'), []);
    });
  });
});
