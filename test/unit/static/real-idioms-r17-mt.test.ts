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
});
