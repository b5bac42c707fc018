/**
 * Round 15, second wave (r15b-sec): target and serving classes from real code. Each class has a
 * case that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TARGET = 'leakage/target';
const ORDER = 'mismatch/column-order';

describe('real-notebook idioms, round 15 second wave (r15b-sec)', () => {
  describe('a loader that returns None when the fetch fails still gives its frame to the caller', () => {
    const src = (feature: string): string => py`
      import pandas as pd
      import requests
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      def load_readings(url):
          try:
              resp = requests.get(url, timeout=5)
              if resp.status_code != 200:
                  return None
              frame = pd.DataFrame(resp.json()["rows"])
              return frame[["load", "temp", "wind"]]
          except Exception:
              return None
      data = load_readings("https://example.org/api")
      if data is None:
          raise SystemExit("no data")
      ${feature}
      cols = [c for c in data.columns if c != "load"]
      X_tr, X_te, y_tr, y_te = train_test_split(data[cols], data["load"], test_size=0.25, shuffle=False)
      print(Ridge().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires on a rolling mean of the label that includes the current row', () => {
      assert.equal(lines(src('data["load_avg3"] = data["load"].rolling(3).mean()'), TARGET).length > 0, true);
    });
    it('does not fire on a rolling mean of a feature', () => {
      assert.deepEqual(lines(src('data["temp_avg3"] = data["temp"].rolling(3).mean()'), TARGET), []);
    });
  });
  describe('a smoothed target encoding reads the mean column of a per-group aggregate of the label', () => {
    const src = (enc: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      shops = pd.read_csv("orders.csv")
      stats = shops.groupby("region")["spend"].agg(["mean", "count"])
      ${enc}
      shops["region_enc"] = shops["region"].map(weight)
      X = shops[["visits", "region_enc"]]
      X_tr, X_te, y_tr, y_te = train_test_split(X, shops["spend"], test_size=0.3, random_state=0)
      print(RandomForestRegressor().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires when the mean of the label per group (shrunk by its count) becomes a feature', () => {
      assert.equal(lines(src('weight = (stats["mean"] * stats["count"] + 10) / (stats["count"] + 1)'), TARGET).length > 0, true);
    });
    it('does not fire when only the group size is used', () => {
      assert.deepEqual(lines(src('weight = stats["count"]'), TARGET), []);
    });
  });

  describe('a loop over a literal list of categorical columns replaces each by the mean label of its category', () => {
    const src = (stat: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      homes = pd.read_csv("homes.csv")
      for c in ["district", "kind"]:
          means = homes.groupby(c)["${stat}"].mean()
          homes[c] = homes[c].map(means)
      X = homes[["rooms", "district", "kind"]]
      X_tr, X_te, y_tr, y_te = train_test_split(X, homes["price"], test_size=0.25, random_state=3)
      print(LinearRegression().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires when the per-category mean is of the label', () => {
      assert.equal(lines(src('price'), TARGET).length > 0, true);
    });
    it('does not fire when the per-category mean is of another feature', () => {
      assert.deepEqual(lines(src('rooms'), TARGET), []);
    });
  });
  describe('dummies of the held-out part aligned to the training part with align(join="left") take its columns', () => {
    const src = (align: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.tree import DecisionTreeClassifier
      from sklearn.metrics import f1_score
      loans = pd.read_csv("loans.csv")
      X = loans.drop(columns=["default"])
      X_tr, X_te, y_tr, y_te = train_test_split(X, loans["default"], test_size=0.2, random_state=7)
      X_tr = pd.get_dummies(X_tr)
      X_te = pd.get_dummies(X_te)
      ${align}
      clf = DecisionTreeClassifier().fit(X_tr, y_tr)
      print(f1_score(y_te, clf.predict(X_te)))
    `;
    it('fires when the parts are aligned on their rows only', () => {
      assert.equal(lines(src('X_tr, X_te = X_tr.align(X_te, join="left", axis=0)'), ORDER).length > 0, true);
    });
    it('does not fire when the held-out part takes the training columns (join="left", axis=1)', () => {
      assert.deepEqual(lines(src('X_tr, X_te = X_tr.align(X_te, join="left", axis=1, fill_value=0)'), ORDER), []);
    });
  });
});
