/**
 * Round 16 (helper r16-mt): multi-test classes from real code. Each class has a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const multi = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/multi-test');

describe('real-notebook idioms, round 16 (r16-mt)', () => {
  describe('leakage/multi-test: a feature list built by a comprehension before a loop is the same columns every pass', () => {
    const head = py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("sales.csv")
      train = df[df["year"] < 2020]
      test = df[df["year"] == 2020]
    `;
    it('does not fire when one model is scored per region (one-hot column picked by an f-string) on rows of the test part', () => {
      const src = head + py`
        feature_cols = [c for c in df.columns if c.startswith("f_")]
        model = RandomForestRegressor().fit(train[feature_cols], train["target"])
        print(mean_absolute_error(test["target"], model.predict(test[feature_cols])))
        per_region = {}
        for region in ["north", "south", "east"]:
            part = test[test[f"region_{region}"] == 1]
            per_region[region] = mean_absolute_error(part["target"], model.predict(part[feature_cols]))
        print(per_region)
      `;
      assert.equal(multi(src).length, 0);
    });
    it('fires when the comprehension is rebuilt in each pass (another feature subset per threshold)', () => {
      const src = head + py`
        imp = pd.read_csv("importances.csv", index_col=0)["imp"]
        for t in [0.01, 0.05, 0.1]:
            feature_cols = [c for c in imp.index if imp[c] > t]
            model = RandomForestRegressor().fit(train[feature_cols], train["target"])
            print(t, mean_absolute_error(test["target"], model.predict(test[feature_cols])))
      `;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: held-out tails cut at different bounds are different rows', () => {
    const head = py`
      import pandas as pd
      import numpy as np
      from statsmodels.tsa.arima.model import ARIMA
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_squared_error
      df = pd.read_csv("daily_temp.csv")
      train = df["tmax"][:-365]
      test = df["tmax"][-365:]
      fit = ARIMA(train, order=(5, 1, 0)).fit()
      print("ARIMA RMSE", np.sqrt(mean_squared_error(test, fit.forecast(steps=len(test)))))
      df["lag1"] = df["tmax"].shift(1)
      df["lag7"] = df["tmax"].shift(7)
      df = df.dropna()
      X = df[["lag1", "lag7"]]
      y = df["tmax"]
    `;
    const tail = py`
      rf = RandomForestRegressor().fit(X_train, y_train)
      print("RF RMSE", np.sqrt(mean_squared_error(y_test, rf.predict(X_test))))
    `;
    it('does not fire when the second model holds out the last 20% and the first the last 365 rows', () => {
      const src = head + py`
        n = int(len(X) * 0.8)
        X_train, X_test = X.iloc[:n], X.iloc[n:]
        y_train, y_test = y.iloc[:n], y.iloc[n:]
      ` + tail;
      assert.equal(multi(src).length, 0);
    });
    it('fires when the second cut is the first bound shifted by a window length (the same period of windowed rows)', () => {
      const src = head + py`
        n = int(len(X) * 0.8)
        w = 7
        X_train, X_test = X.iloc[:n - w], X.iloc[n - w:]
        y_train, y_test = y.iloc[:n - w], y.iloc[n - w:]
      ` + tail;
      const first = src.replace('df["tmax"][:-365]', 'df["tmax"][:n]').replace('df["tmax"][-365:]', 'df["tmax"][n:]').replace('df = pd.read_csv("daily_temp.csv")', 'df = pd.read_csv("daily_temp.csv")\nn = int(len(df) * 0.8)');
      assert.ok(multi(first).length > 0);
    });
    it('fires when both models hold out the same last 365 rows', () => {
      const src = head + py`
        X_train, X_test = X.iloc[:-365], X.iloc[-365:]
        y_train, y_test = y.iloc[:-365], y.iloc[-365:]
      ` + tail;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: predictions written into the test frame by .assign() and compared with its label column', () => {
    const head = py`
      import pandas as pd
      import numpy as np
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.linear_model import LogisticRegression
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      cols = ["a", "b", "c"]
      def evaluate(model, train, test):
          X_train, y_train = train[cols], train["won"]
          X_test, y_test = test[cols], test["won"]
          model.fit(X_train, y_train)
          X_train = X_train.assign(y_true=y_train, y_hat=model.predict(X_train))
          print("train accuracy", (X_train["y_hat"] == X_train["y_true"]).mean())
          X_test = X_test.assign(y_true=y_test, y_hat=model.predict(X_test))
          X_test = X_test.assign(correct=np.where(X_test["y_hat"] == X_test["y_true"], True, False))
          print("test accuracy", X_test["correct"].value_counts()[1] / len(X_test))
    `;
    it('fires when two models are each scored this way on the same test file', () => {
      const src = head + py`
        evaluate(LogisticRegression(), train, test)
        evaluate(RandomForestClassifier(), train, test)
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one model is scored this way once (its training accuracy beside it)', () => {
      const src = head + py`
        evaluate(RandomForestClassifier(), train, test)
      `;
      assert.equal(multi(src).length, 0);
    });
  });
  describe('leakage/multi-test: the held-out fold of a cross-validation loop is not a test set', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split, StratifiedKFold
      from sklearn.linear_model import LogisticRegression
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import f1_score
      df = pd.read_csv("train.csv")
      X_train, X_val, y_train, y_val = train_test_split(df[["a", "b"]].values, df["y"].values, test_size=0.2, random_state=0)
      for tr, va in StratifiedKFold(n_splits=5).split(X_train, y_train):
          m = LogisticRegression().fit(X_train[tr], y_train[tr])
          print(f1_score(y_train[va], m.predict(X_train[va])))
      lr = LogisticRegression().fit(X_train, y_train)
      print("LR", f1_score(y_val, lr.predict(X_val)))
      rf = RandomForestClassifier().fit(X_train, y_train)
      print("RF", f1_score(y_val, rf.predict(X_val)))
    `;
    it('fires: models compared on the validation part, the only held-out set, after a fold loop scored its folds', () => {
      assert.ok(multi(head).length > 0);
    });
    it('does not fire when a labelled test file is scored once by the chosen model', () => {
      const src = head + py`
        test = pd.read_csv("test.csv")
        print("final", f1_score(test["y"], rf.predict(test[["a", "b"]].values)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });
  describe('leakage/multi-test: a script with a __main__ entry does not run a comparison function nothing names', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import r2_score
      def load():
          return pd.read_csv("customers.csv")
      def compare_models(df):
          X_train, X_test, y_train, y_test = train_test_split(df[["a", "b"]], df["spend"], random_state=1)
          for m in [LinearRegression(), RandomForestRegressor()]:
              m.fit(X_train, y_train)
              print(type(m).__name__, r2_score(y_test, m.predict(X_test)))
      def fit_one(df):
          X_train, X_test, y_train, y_test = train_test_split(df[["a", "b"]], df["spend"], random_state=1)
          m = RandomForestRegressor().fit(X_train, y_train)
          print("test r2", r2_score(y_test, m.predict(X_test)))
    `;
    it('does not fire when the __main__ block runs another function and nothing names the comparison', () => {
      const src = head + py`
        if __name__ == "__main__":
            fit_one(load())
      `;
      assert.equal(multi(src).length, 0);
    });
    it('fires when the __main__ block calls the comparison', () => {
      const src = head + py`
        if __name__ == "__main__":
            compare_models(load())
      `;
      assert.ok(multi(src).length > 0);
    });
    it('fires when the comparison is registered by a decorator (a task or route that something else runs)', () => {
      const src = head.replace('def compare_models(df):', '@task\ndef compare_models(df):') + py`
        if __name__ == "__main__":
            fit_one(load())
      `;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: an unseeded random row mask drawn again is another split', () => {
    const head = py`
      import pandas as pd
      import numpy as np
      from sklearn.linear_model import LinearRegression
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("rain.csv")
      msk = np.random.rand(len(df)) < 0.8
      train = df[msk]
      test = df[~msk]
      reg = LinearRegression().fit(train[["x1", "x2", "x3"]], train["x4"])
      print(mean_absolute_error(test["x4"], reg.predict(test[["x1", "x2", "x3"]])))
      df2 = pd.concat([df, pd.get_dummies(df["region"])], axis=1).drop(columns=["region"])
    `;
    const second = py`
      train = df2[msk]
      test = df2[~msk]
      reg = LinearRegression().fit(train.drop(columns=["x4"]), train["x4"])
      print(mean_absolute_error(test["x4"], reg.predict(test.drop(columns=["x4"]))))
    `;
    it('does not fire when each variant draws its own mask before its split', () => {
      const src = head + py`
        msk = np.random.rand(len(df2)) < 0.8
      ` + second;
      assert.equal(multi(src).length, 0);
    });
    it('fires when the second variant reuses the first draw (the same rows held out)', () => {
      assert.ok(multi(head + second).length > 0);
    });
    it('fires when the generator is seeded before each draw (the same mask again)', () => {
      const src = head.replace('msk = np.random.rand', 'np.random.seed(0)\nmsk = np.random.rand') + py`
        np.random.seed(0)
        msk = np.random.rand(len(df2)) < 0.8
      ` + second;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: the same literal constructor refitted on the same training matrix is the same model', () => {
    const head = py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.preprocessing import PolynomialFeatures
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("air.csv")
      cut = int(len(df) * 0.8)
      X = df.drop(columns=["target"])
      y = df["target"]
      X_train, X_test = X.iloc[:cut], X.iloc[cut:]
      y_train, y_test = y.iloc[:cut], y.iloc[cut:]
      X_train_num = X_train.drop(["city"], axis=1)
      X_test_num = X_test.drop(["city"], axis=1)
      model = RandomForestRegressor(n_estimators=100, random_state=42)
      model.fit(X_train_num, y_train)
      print("MAE", mean_absolute_error(y_test, model.predict(X_test_num)))
    `;
    it('does not fire when a later cell re-derives the matrices the same way and refits the same constructor', () => {
      const src = head + py`
        X_train_num = X_train.drop(["city"], axis=1)
        X_test_num = X_test.drop(["city"], axis=1)
        model = RandomForestRegressor(n_estimators=100, random_state=42)
        model.fit(X_train_num, y_train)
        print("MAE again", mean_absolute_error(y_test, model.predict(X_test_num)))
      `;
      assert.equal(multi(src).length, 0);
    });
    it('fires when the refit changes a constructor argument', () => {
      const src = head + py`
        model = RandomForestRegressor(n_estimators=300, random_state=42)
        model.fit(X_train_num, y_train)
        print("MAE 300", mean_absolute_error(y_test, model.predict(X_test_num)))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('fires when the same constructor is fitted on expanded features under another name', () => {
      const src = head + py`
        poly = PolynomialFeatures(degree=2)
        X_train_poly = poly.fit_transform(X_train_num)
        X_test_poly = poly.transform(X_test_num)
        model = RandomForestRegressor(n_estimators=100, random_state=42)
        model.fit(X_train_poly, y_train)
        print("MAE poly", mean_absolute_error(y_test, model.predict(X_test_poly)))
      `;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: the same positional cut of rows picked by different masks takes other rows', () => {
    const head = py`
      import pandas as pd
      from sklearn.linear_model import LinearRegression
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.metrics import mean_squared_error
      df = pd.read_csv("sales.csv")
      a = df.loc[df["item"] == "mug"]
      train_a = a[:80]
      test_a = a[80:]
      m1 = LinearRegression().fit(train_a[["lag1"]], train_a["qty"])
      print("mug", mean_squared_error(test_a["qty"], m1.predict(test_a[["lag1"]])))
      b = df.loc[df["item"] == "lamp"]
    `;
    const second = py`
      sc = MinMaxScaler().fit(train_b[["lag1"]])
      m2 = LinearRegression().fit(sc.transform(train_b[["lag1"]]), train_b["qty"])
      print("second", mean_squared_error(test_b["qty"], m2.predict(sc.transform(test_b[["lag1"]]))))
    `;
    it('does not fire when each item\'s model is scored on the tail of its own item', () => {
      assert.equal(multi(head + py`
        train_b = b[:80]
        test_b = b[80:]
      ` + second).length, 0);
    });
    it('fires when the second model is scored on the tail of the first item', () => {
      assert.ok(multi(head + py`
        train_b = a[:80]
        test_b = a[80:]
      ` + second).length > 0);
    });
  });
});
