/**
 * Round 18 (r18b-tmp): temporal classes from real code. Each class has a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TEMPORAL = 'leakage/temporal';

describe('real-notebook idioms, round 18 (r18b-tmp)', () => {
  describe('per-period rows split at random are a forecast only when the listed inputs hold a calendar field, a time index or a lag (T2)', () => {
    const src = (extra: string, feats: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import PoissonRegressor
      rides = pd.read_csv("rides.csv")
      daily = rides.groupby("date").agg({"rides": "sum", "temp_c": "mean", "rain_mm": "sum", "wind_kph": "mean"}).reset_index()
      daily["date"] = pd.to_datetime(daily["date"])
      ${extra}
      X = daily[${feats}]
      y = daily["rides"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      print(PoissonRegressor().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('does not fire when the inputs are same-day measurements only', () => {
      assert.deepEqual(lines(src('daily["wet"] = daily["rain_mm"] > 1', '["temp_c", "rain_mm", "wind_kph", "wet"]'), TEMPORAL), []);
    });
    it('does not fire for weekly resampled rows whose listed inputs are spend columns', () => {
      const s = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        spend = pd.read_csv("spend.csv", parse_dates=["day"], index_col="day")
        weekly = spend.resample("W").sum()
        X = weekly[["tv", "radio", "search"]]
        y = weekly["revenue"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=1)
        print(LinearRegression().fit(X_tr, y_tr).score(X_te, y_te))
      `;
      assert.deepEqual(lines(s, TEMPORAL), []);
    });
    it('fires for the same weekly rows when the week number is an input', () => {
      const s = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        spend = pd.read_csv("spend.csv", parse_dates=["day"], index_col="day")
        weekly = spend.resample("W").sum()
        weekly["week"] = weekly.index.isocalendar().week
        X = weekly[["tv", "week"]]
        y = weekly["revenue"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=1)
        print(LinearRegression().fit(X_tr, y_tr).score(X_te, y_te))
      `;
      assert.deepEqual(lines(s, TEMPORAL), [9]);
    });
    it('fires when a calendar field of the date is among the inputs, by its derivation', () => {
      assert.deepEqual(lines(src('daily["wknd"] = daily["date"].dt.dayofweek >= 5', '["temp_c", "rain_mm", "wknd"]'), TEMPORAL), [10]);
    });
    it('fires when a calendar field is among the inputs, by its name', () => {
      assert.deepEqual(lines(src('daily["DayOfWeek"] = daily["date"].dt.dayofweek', '["temp_c", "DayOfWeek"]'), TEMPORAL), [10]);
    });
    it('fires when the label is the next day of a listed input', () => {
      assert.deepEqual(lines(src('daily["rides_next"] = daily["rides"].shift(-1)', '["temp_c", "rides"]').replace('y = daily["rides"]', 'y = daily["rides_next"]'), TEMPORAL), [10]);
    });
    it('fires when the inputs are every other column (which ones is not known)', () => {
      assert.deepEqual(lines(src('', 'daily.columns.drop(["rides", "date"])').replace('X = daily[daily.columns.drop(["rides", "date"])]', 'X = daily.drop(columns=["rides", "date"])'), TEMPORAL), [10]);
    });
  });
  describe('default K-fold of a search on the training part of a series is temporal when the inputs are only calendar fields or lags of it (T2)', () => {
    const src = (feats: string): string => py`
      import pandas as pd
      from sklearn.model_selection import GridSearchCV
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      visits = pd.read_csv("visits.csv")
      visits["date"] = pd.to_datetime(visits["date"])
      visits = visits.set_index("date")
      visits["day"] = visits.index.day
      visits["month"] = visits.index.month
      X = visits[${feats}]
      y = visits["visitors"]
      n = int(len(X) * 0.8)
      X_train, X_test, y_train, y_test = X[:n], X[n:], y[:n], y[n:]
      search = GridSearchCV(RandomForestRegressor(), {"max_depth": [3, 6, 9]}, cv=3)
      search.fit(X_train, y_train)
      print(mean_absolute_error(y_test, search.predict(X_test)))
    `;
    it('fires when the inputs are calendar fields of the date index', () => {
      assert.deepEqual(lines(src('["day", "month"]'), TEMPORAL), [15]);
    });
    it('does not fire when a same-day measurement is among the inputs (the folds only tune)', () => {
      assert.deepEqual(lines(src('["day", "month", "temp_c"]'), TEMPORAL), []);
    });
    it('does not fire when the inputs are not listed', () => {
      assert.deepEqual(lines(src('visits.columns.drop("visitors")'), TEMPORAL), []);
    });
  });
});
