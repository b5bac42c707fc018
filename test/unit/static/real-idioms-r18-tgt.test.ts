/**
 * Round 18 (r18-tgt): target and temporal classes from real code. Each class has a case that must
 * fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TARGET = 'leakage/target';

describe('real-notebook idioms, round 18 (r18-tgt)', () => {
  describe('a frame that is itself a group aggregate (one row per station and day) keeps its label-derived columns apart from that aggregate', () => {
    const src = (window: string): string => py`
      import pandas as pd
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      rides = pd.read_csv("rides.csv")
      daily = rides.groupby(["station", "day"])["trips"].sum().reset_index()
      daily["weekday"] = pd.to_datetime(daily["day"]).dt.weekday
      daily["trips_7d"] = ${window}
      daily = daily.dropna()
      X = daily[["weekday", "trips_7d"]]
      y = daily["trips"]
      X_tr, X_te, y_tr, y_te = X[:-30], X[-30:], y[:-30], y[-30:]
      print(mean_absolute_error(y_te, Ridge().fit(X_tr, y_tr).predict(X_te)))
    `;
    it('fires for a rolling mean of the label that includes the current day', () => {
      assert.deepEqual(lines(src('daily["trips"].rolling(7).mean()'), TARGET), [7]);
    });
    it('fires for a per-station rolling mean of the label taken with transform', () => {
      assert.deepEqual(lines(src('daily.groupby("station")["trips"].transform(lambda s: s.rolling(7).mean())'), TARGET), [7]);
    });
    it('does not fire for a window of past days only (shifted before the rolling mean)', () => {
      assert.deepEqual(lines(src('daily.groupby("station")["trips"].transform(lambda s: s.shift(1).rolling(7).mean())'), TARGET), []);
    });
    it('does not fire for a window of another column', () => {
      assert.deepEqual(lines(src('daily["weekday"].rolling(7).mean()'), TARGET), []);
    });
  });
});
