/**
 * Round 17 (helper r17-mt): multi-test classes from real code. Each class has a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const multi = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/multi-test');

describe('real-notebook idioms, round 17 (r17-mt)', () => {
  describe('leakage/multi-test: a network kept on a wrapper object and called as self.model(x) predicts', () => {
    const head = py`
      import numpy as np
      import torch
      import torch.nn as nn
      from sklearn.metrics import accuracy_score

      class Net(nn.Module):
          def __init__(self, n_in, n_out):
              super().__init__()
              self.linear = nn.Linear(n_in, n_out)
          def forward(self, x):
              return self.linear(x)

      class Classifier:
          def __init__(self, n_in, n_out):
              self.model = Net(n_in, n_out)
          def predict(self, X):
              with torch.no_grad():
                  out = self.model(torch.from_numpy(X).float())
              _, labels = torch.max(out, 1)
              return labels

      X_train = np.load("train_features.npy")
      y_train = np.load("train_labels.npy")
      X_test = np.load("test_features.npy")
      y_test = np.load("test_labels.npy")
    `;
    it('fires when two wrapped networks are scored on the same test arrays', () => {
      const src = head + py`
        small = Classifier(8, 3)
        large = Classifier(8, 3)
        print("small", accuracy_score(y_test, small.predict(X_test)))
        print("large", accuracy_score(y_test, large.predict(X_test)))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one wrapped network is scored once on the test arrays, its training accuracy beside it', () => {
      const src = head + py`
        clf = Classifier(8, 3)
        print("train", accuracy_score(y_train, clf.predict(X_train)))
        print("test", accuracy_score(y_test, clf.predict(X_test)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });
  describe('leakage/multi-test: statsmodels eval_measures (rmse, meanabs) score a forecast', () => {
    const head = py`
      import pandas as pd
      from statsmodels.tsa.arima.model import ARIMA
      from statsmodels.tsa.holtwinters import ExponentialSmoothing
      from statsmodels.tools.eval_measures import rmse, meanabs
      s = pd.read_csv("visits.csv", index_col="date", parse_dates=True)["visits"]
      train = s[:-30]
      test = s[-30:]
      arima = ARIMA(train, order=(2, 1, 0)).fit()
      arima_fc = arima.forecast(steps=30)
    `;
    it('fires when two models forecast the same held-out days and both are scored with rmse', () => {
      const src = head + py`
        hw = ExponentialSmoothing(train, trend="add").fit()
        hw_fc = hw.forecast(30)
        print("ARIMA", rmse(test, arima_fc))
        print("Holt-Winters", rmse(test, hw_fc))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one model is scored with two of these measures', () => {
      const src = head + py`
        print("RMSE", rmse(test, arima_fc))
        print("MAE", meanabs(test, arima_fc))
      `;
      assert.equal(multi(src).length, 0);
    });
  });
  describe('leakage/multi-test: tails of rows picked by different masks are different test sets, also after a column is set by attribute', () => {
    const head = py`
      import pandas as pd
      from sklearn.linear_model import LinearRegression
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_squared_error
      cases = pd.read_csv("cases.csv")
      a = cases.loc[cases["country"] == "A"]
      a.date = pd.to_datetime(a.date)
      a = a.set_index("date")
      b = cases.loc[cases["country"] == "B"]
      b.date = pd.to_datetime(b.date)
      b = b.set_index("date")
      train_data = a[:len(a) - 7]
      test_data = a[len(a) - 7:]
      m = LinearRegression().fit(train_data[["day"]], train_data["confirmed"])
      print("A", mean_squared_error(test_data["confirmed"], m.predict(test_data[["day"]])))
    `;
    it('does not fire when one model per country is scored on that country\'s last week', () => {
      const src = head + py`
        train_data = b[:len(b) - 7]
        test_data = b[len(b) - 7:]
        m = LinearRegression().fit(train_data[["day"]], train_data["confirmed"])
        print("B", mean_squared_error(test_data["confirmed"], m.predict(test_data[["day"]])))
      `;
      assert.equal(multi(src).length, 0);
    });
    it('fires when a second model is scored on the same country\'s last week', () => {
      const src = head + py`
        rf = RandomForestRegressor().fit(train_data[["day"]], train_data["confirmed"])
        print("A forest", mean_squared_error(test_data["confirmed"], rf.predict(test_data[["day"]])))
      `;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: pmdarima auto_arima is a model fitted on the series, predict(n_periods=) its forecast', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      import pmdarima as pm
      from sklearn.metrics import mean_absolute_error
      s = pd.read_csv("traffic.csv")["visits"]
      msk = s.index < len(s) - 30
      train = s[msk]
      test = s[~msk]
      auto = pm.auto_arima(train, seasonal=False)
      fc_auto = auto.predict(n_periods=len(test))
    `;
    it('fires when a hand-picked ARIMA and auto_arima forecast the same held-out days and are both scored', () => {
      const src = head + py`
        from statsmodels.tsa.arima.model import ARIMA
        manual = ARIMA(train, order=(2, 1, 0)).fit()
        fc_manual = manual.forecast(len(test))
        print("manual", mean_absolute_error(test, fc_manual))
        print("auto", mean_absolute_error(test, fc_auto))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when only the auto_arima forecast is scored (its order search ran on the training days)', () => {
      const src = head + py`
        print("MAE", mean_absolute_error(test, fc_auto))
        print("RMSE", np.sqrt(np.mean((test - fc_auto) ** 2)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });
  describe('leakage/multi-test: a loaded scaler undoing the label scaling leaves each model its own predictions', () => {
    const head = py`
      import joblib
      import numpy as np
      import pandas as pd
      from sklearn.metrics import r2_score
      scaler_y = joblib.load("models/scaler_y.pkl")
      data = pd.read_csv("holdout.csv")
      y_test = np.log1p(data["weight"])
      X_test = data[["length", "depth"]]
    `;
    it('fires when models loaded one per pass are each scored on the same rows after inverse_transform', () => {
      const src = head + py`
        models = {}
        for fname in ["rf_model.pkl", "gb_model.pkl"]:
            models[fname.replace("_model.pkl", "")] = joblib.load("models/" + fname)
        for name, model in models.items():
            pred = scaler_y.inverse_transform(model.predict(X_test).reshape(-1, 1)).flatten()
            print(name, r2_score(y_test, pred))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one loaded model is scored, its predictions scaled back', () => {
      const src = head + py`
        model = joblib.load("models/rf_model.pkl")
        pred = scaler_y.inverse_transform(model.predict(X_test).reshape(-1, 1)).flatten()
        print("R2", r2_score(y_test, pred))
        print("MAE", np.mean(np.abs(y_test - pred)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });
  describe('leakage/multi-test: the held-out part halved into test and validation keeps its first half as the test set', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split, GridSearchCV
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("houses.csv")
      X = df.drop(columns=["price"])
      y = df["price"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.4, random_state=1)
      X_test, X_val, y_test, y_val = train_test_split(X_test, y_test, test_size=0.5, random_state=1)
      rf = RandomForestRegressor(random_state=0).fit(X_train, y_train)
      print("val", mean_absolute_error(y_val, rf.predict(X_val)))
      print("test", mean_absolute_error(y_test, rf.predict(X_test)))
    `;
    it('fires when a second model is scored on the same test half', () => {
      const src = head + py`
        ridge = Ridge().fit(X_train, y_train)
        print("ridge test", mean_absolute_error(y_test, ridge.predict(X_test)))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when the second model is only scored on the validation half', () => {
      const src = head + py`
        ridge = Ridge().fit(X_train, y_train)
        print("ridge val", mean_absolute_error(y_val, ridge.predict(X_val)))
      `;
      assert.equal(multi(src).length, 0);
    });
    it('fires when a search\'s best Keras-style wrapped model (.model) and a retrained model are both scored on the test half', () => {
      const src = head.replace('from sklearn.linear_model import Ridge', 'from scikeras.wrappers import KerasRegressor') + py`
        grid = GridSearchCV(KerasRegressor(model=lambda: None, epochs=10), {"epochs": [10, 20]}, cv=3).fit(X_train, y_train)
        best = grid.best_estimator_
        print(best.model.evaluate(X_test, y_test))
        print(rf.score(X_test, y_test))
      `;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: subsets picked by query() and split with the same seed are different rows', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("wells.csv")
      a = df.query("event_type == 'transient'")
      Xa_train, Xa_test, ya_train, ya_test = train_test_split(a[["p", "t"]], a["cls"], test_size=0.2, random_state=0)
      ma = RandomForestClassifier().fit(Xa_train, ya_train)
      print("transient", accuracy_score(ya_test, ma.predict(Xa_test)))
    `;
    it('does not fire when one model per subset is scored on its own subset\'s test part', () => {
      const src = head + py`
        b = df.query("event_type == 'fault'")
        Xb_train, Xb_test, yb_train, yb_test = train_test_split(b[["p", "t"]], b["cls"], test_size=0.2, random_state=0)
        mb = RandomForestClassifier().fit(Xb_train, yb_train)
        print("fault", accuracy_score(yb_test, mb.predict(Xb_test)))
      `;
      assert.equal(multi(src).length, 0);
    });
    it('fires when a second model is scored on the first subset\'s test part', () => {
      const src = head + py`
        from sklearn.linear_model import LogisticRegression
        lr = LogisticRegression().fit(Xa_train, ya_train)
        print("transient lr", accuracy_score(ya_test, lr.predict(Xa_test)))
      `;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: a string-method mask on the loop value (str.startswith(label)) picks another group each pass', () => {
    const head = py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("rent.csv")
      mae = {}
    `;
    it('does not fire when one model per room type is scored on that type\'s test year', () => {
      const src = head + py`
        for key, label in {"one": "1 room", "two": "2 rooms"}.items():
            sub = df[df["RoomType"].str.startswith(label, na=False)]
            train = sub[sub["Year"] < 2023]
            test = sub[sub["Year"] == 2024]
            m = RandomForestRegressor().fit(train[["Year"]], train["Rent"])
            mae[key] = mean_absolute_error(test["Rent"], m.predict(test[["Year"]]))
        print(mae)
      `;
      assert.equal(multi(src).length, 0);
    });
    it('fires when the group is fixed and each pass scores another depth on its test year', () => {
      const src = head + py`
        for depth in [3, 10]:
            sub = df[df["RoomType"].str.startswith("1 room", na=False)]
            train = sub[sub["Year"] < 2023]
            test = sub[sub["Year"] == 2024]
            m = RandomForestRegressor(max_depth=depth).fit(train[["Year"]], train["Rent"])
            mae[depth] = mean_absolute_error(test["Rent"], m.predict(test[["Year"]]))
        print(mae)
      `;
      assert.ok(multi(src).length > 0);
    });
  });
});
