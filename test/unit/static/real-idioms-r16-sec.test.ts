/**
 * Round 16 (r16-sec): target, temporal and serving classes from real code. Each class has a case
 * that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TARGET = 'leakage/target';

describe('real-notebook idioms, round 16 (r16-sec)', () => {
  describe('a label re-coded in place through its category codes is computed from itself, not from a column named "codes"', () => {
    const src = (coded: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      loans = pd.read_csv("loans.csv")
      ${coded}
      y = loans["status"]
      X = loans.drop(columns=["status"])
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=1)
      print(RandomForestClassifier().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires when the label is the codes of a feature the matrix keeps', () => {
      assert.equal(lines(src('loans["status"] = loans["grade"].astype("category").cat.codes'), TARGET).length > 0, true);
    });
    it('does not fire when the label column is replaced by its own codes (.cat.codes)', () => {
      assert.deepEqual(lines(src('loans["status"] = loans["status"].astype("category").cat.codes'), TARGET), []);
    });
    it('does not fire when the label column is replaced by its own codes (pd.Categorical(...).codes)', () => {
      assert.deepEqual(lines(src('loans["status"] = pd.Categorical(loans["status"]).codes'), TARGET), []);
    });
  });
  describe('windows cut from a series at every position, put beside other columns, are lags of the series, not its current value', () => {
    const src = (beside: string): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      plant = pd.read_csv("plant.csv")
      series = plant[["load"]].values
      def make_windows(values, n=24):
          xs, ys = [], []
          for i in range(len(values) - n):
              xs.append(values[i:(i + n), 0])
              ys.append(values[i + n, 0])
          return np.array(xs), np.array(ys)
      X_win, y = make_windows(series)
      X = np.hstack([X_win, plant[${beside}].iloc[24:].values])
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, shuffle=False)
      print(Ridge().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires when the current value of the series sits beside its windows', () => {
      assert.equal(lines(src('["temp", "load"]'), TARGET).length > 0, true);
    });
    it('does not fire when only other columns sit beside the windows', () => {
      assert.deepEqual(lines(src('["temp"]'), TARGET), []);
    });
  });
});
