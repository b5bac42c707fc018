/**
 * Round 20b, leakage/target tuning: feature helpers that build windows of the label and are called once per
 * part of a split, or return the label only when given its name. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const TARGET = 'leakage/target';
const lines = (text: string): number[] => analyze(text, 'train.py').filter((f) => f.ruleId === TARGET).map((f) => f.location.line);

describe('real-notebook idioms, round 20b (target)', () => {
  describe('leakage/target: a feature helper called on the training part and then on the test part', () => {
    // Both parts share the frame's columns: the helper's second run redefines the same column the same way, so
    // the training matrix selected between the runs still holds the window of the label.
    const src = (window: string) => py`
      import pandas as pd
      import xgboost as xgb
      power = pd.read_csv("power.csv", parse_dates=["ts"], index_col="ts")
      train = power.loc[power.index < "2018-01-01"].copy()
      test = power.loc[power.index >= "2018-01-01"].copy()
      def add_features(frame):
          frame = frame.copy()
          frame["hour"] = frame.index.hour
          frame["demand_6h"] = ${window}
          X = frame[["hour", "demand_6h"]]
          y = frame["demand"]
          return X, y
      X_train, y_train = add_features(train)
      X_test, y_test = add_features(test)
      reg = xgb.XGBRegressor().fit(X_train, y_train)
      print(reg.score(X_test, y_test))
    `;
    it('fires (error) for a rolling mean of the label that includes the current row', () => {
      assert.deepEqual(lines(src('frame["demand"].rolling(6).mean()')), [9]);
    });
    it('does not fire for the window of the earlier rows (shifted first)', () => {
      assert.deepEqual(lines(src('frame["demand"].shift(1).rolling(6).mean()')), []);
    });
    it('does not fire for a window of another column', () => {
      assert.deepEqual(lines(src('frame["temperature"].rolling(6).mean()')), []);
    });
  });

  describe('leakage/target: a helper that returns the label only when given its name (if label: return X, frame[label])', () => {
    const src = (cond: string, window: string) => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      power = pd.read_csv("power.csv", parse_dates=["ts"], index_col="ts")
      def make_xy(frame, label=None):
          frame = frame.copy()
          frame["dow"] = frame.index.dayofweek
          frame["demand_max_12h"] = ${window}
          X = frame[["dow", "demand_max_12h"]]
          if ${cond}:
              return X, frame[label]
          return X
      X, y = make_xy(power, label="demand")
      X_train, X_test = X[:5000], X[5000:]
      y_train, y_test = y[:5000], y[5000:]
      reg = RandomForestRegressor().fit(X_train, y_train)
      print(reg.score(X_test, y_test))
    `;
    it('fires (error) under `if label:` when called with the label\'s name', () => {
      assert.deepEqual(lines(src('label', 'frame["demand"].rolling(12).max()')), [7]);
    });
    it('fires (error) under `if label is not None:` when called with the label\'s name', () => {
      assert.deepEqual(lines(src('label is not None', 'frame["demand"].rolling(12).max()')), [7]);
    });
    it('does not fire when the window is of the earlier rows', () => {
      assert.deepEqual(lines(src('label', 'frame["demand"].shift(1).rolling(12).max()')), []);
    });
    it('does not fire for a window of another column', () => {
      assert.deepEqual(lines(src('label', 'frame["load_forecast"].rolling(12).max()')), []);
    });
  });

  describe('leakage/target: the label minus (or over) its own lag is a change that holds the present label, not a lag', () => {
    const src = (feature: string) => py`
      import pandas as pd
      import lightgbm as lgb
      sales = pd.read_csv("sales.csv", parse_dates=["date"]).sort_values("date")
      sales["chg_7"] = ${feature}
      sales["lag_7"] = sales.groupby("store")["units"].shift(7)
      cols = ["chg_7", "lag_7", "promo"]
      tr, te = sales[sales.date < "2017-01-01"], sales[sales.date >= "2017-01-01"]
      reg = lgb.LGBMRegressor().fit(tr[cols], tr["units"])
      print(reg.score(te[cols], te["units"]))
    `;
    it('fires (error) for x - x.shift(7) of the label inside a per-group transform', () => {
      assert.deepEqual(lines(src('sales.groupby("store")["units"].transform(lambda x: x - x.shift(7))')), [4]);
    });
    it('fires (error) for the label over its lag, minus one', () => {
      assert.deepEqual(lines(src('sales["units"] / sales["units"].shift(7) - 1')), [4]);
    });
    it('does not fire for the change between two earlier rows', () => {
      assert.deepEqual(lines(src('sales["units"].shift(1) / sales["units"].shift(8) - 1')), []);
    });
    it('does not fire for a shifted window inside a transform (the lambda\'s parameter is no read)', () => {
      assert.deepEqual(lines(src('sales.groupby("store")["units"].transform(lambda x: x.shift(1).rolling(7).mean())')), []);
    });
  });
});
