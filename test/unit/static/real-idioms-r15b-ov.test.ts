/**
 * Round 15, second wave (helper r15b-ov): overlap and temporal classes from real code, each with a case
 * that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py, found } from './helpers';

describe('real-notebook idioms, round 15 second wave (r15b-ov)', () => {
  describe('leakage/temporal: a time feature split at random, then values past its last one built to be predicted', () => {
    const src = (split: string, future: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      data = pd.read_csv("plant_output.csv")
      X = data[["week", "temperature", "load"]]
      y = data["output"]
      ${split}
      reg = RandomForestRegressor(random_state=0).fit(X_tr, y_tr)
      print(reg.score(X_te, y_te))
      ${future}
      ahead = pd.DataFrame({"week": weeks, "temperature": 20.0, "load": 0.5})
      print(reg.predict(ahead))
    `;
    it('fires (warning, says the assumption) when the model is then run on weeks after the last one', () => {
      const f = analyze(src('X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=3)',
        'weeks = np.arange(data["week"].max() + 1, data["week"].max() + 27)'), 'train.py').filter((x) => x.ruleId === 'leakage/temporal');
      assert.deepEqual(f.map((x) => `${x.location.line}:${x.severity}`), ['8:warning']);
      assert.match(f[0].message, /Assumed: the task forecasts later values/);
    });
    it('fires through a name holding the last time', () => {
      assert.deepEqual(found(src('X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=3)',
        'last = data["week"].max(); weeks = np.arange(last + 1, last + 27)'), 'leakage/temporal'), ['8:warning']);
    });
    it('fires when dates after the last one are built with pd.date_range', () => {
      assert.deepEqual(found(src('X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=3)',
        'weeks = pd.date_range(start=data["week"].max() + pd.Timedelta(days=7), periods=26, freq="W")'), 'leakage/temporal'), ['8:warning']);
    });
    it('does not fire when the column built past its maximum is not a time column', () => {
      assert.deepEqual(found(src('X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=3)',
        'weeks = data["week"]; loads = np.arange(data["load"].max() + 1, data["load"].max() + 27)'), 'leakage/temporal'), []);
    });
    it('does not fire when the split keeps time order', () => {
      assert.deepEqual(found(src('X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, shuffle=False)',
        'weeks = np.arange(data["week"].max() + 1, data["week"].max() + 27)'), 'leakage/temporal'), []);
    });
    it('does not fire when the predicted values lie within the data (no time past the last)', () => {
      assert.deepEqual(found(src('X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=3)',
        'weeks = np.arange(data["week"].min(), data["week"].min() + 26)'), 'leakage/temporal'), []);
    });
  });
  describe('leakage/temporal: a regression on the year alone, split at random, then run on the coming years', () => {
    const src = (future: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      sales = pd.read_csv("annual_sales.csv")
      X_tr, X_te, y_tr, y_te = train_test_split(sales[["year"]], sales["revenue"], test_size=0.2, random_state=0)
      lr = LinearRegression().fit(X_tr, y_tr)
      print(lr.score(X_te, y_te))
      ${future}
    `;
    it('fires when years after the last one are predicted', () => {
      assert.deepEqual(found(src('print(lr.predict(np.arange(sales["year"].max() + 1, sales["year"].max() + 6).reshape(-1, 1)))'), 'leakage/temporal'), ['6:warning']);
    });
    it('does not fire when only a typed-in value is predicted (nothing in the code reads the last year)', () => {
      assert.deepEqual(found(src('print(lr.predict([[2030]]))'), 'leakage/temporal'), []);
    });
  });
});
