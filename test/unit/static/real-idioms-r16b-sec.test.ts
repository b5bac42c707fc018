/**
 * Round 16, second wave (r16b-sec): target and temporal classes from real code. Each class has a case
 * that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TEMPORAL = 'leakage/temporal';
const TARGET = 'leakage/target';

describe('real-notebook idioms, round 16 second wave (r16b-sec)', () => {
  describe("a label named as tomorrow's value of a column the features keep as today's value is a one-step forecast of that series", () => {
    const src = (label: string, today: string, drop: string, shuffle = ''): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      obs = pd.read_csv("station_daily.csv")
      obs["${today}"] = obs["${today}"].map({"No": 0, "Yes": 1})
      obs["${label}"] = obs["${label}"].map({"No": 0, "Yes": 1})
      X = obs.drop(columns=[${drop}])
      y = obs["${label}"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25${shuffle})
      print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires for a camel-case pair kept by a drop of the label only (FrostTomorrow beside FrostToday)', () => {
      const found = analyze(src('FrostTomorrow', 'FrostToday', '"FrostTomorrow"'), 'train.py').filter((f) => f.ruleId === TEMPORAL);
      assert.deepEqual(found.map((f) => f.location.line), [9]);
      assert.equal(found[0].severity, 'warning');
      assert.match(found[0].message, /Assumed: .*from its name/);
    });
    it('fires for a snake-case pair (frost_tomorrow beside frost_today)', () => {
      assert.deepEqual(lines(src('frost_tomorrow', 'frost_today', '"frost_tomorrow"'), TEMPORAL), [9]);
    });
    it("does not fire when today's value is dropped with the label", () => {
      assert.deepEqual(lines(src('FrostTomorrow', 'FrostToday', '"FrostTomorrow", "FrostToday"'), TEMPORAL), []);
    });
    it('does not fire for a chronological cut', () => {
      assert.deepEqual(lines(src('FrostTomorrow', 'FrostToday', '"FrostTomorrow"', ', shuffle=False'), TEMPORAL), []);
    });
    it('does not fire for a label named for tomorrow with no column of the same series among the features', () => {
      assert.deepEqual(lines(src('FrostTomorrow', 'Humidity3pm', '"FrostTomorrow"'), TEMPORAL), []);
    });
    it('does not fire when the features are picked by name without the series', () => {
      const s = src('FrostTomorrow', 'FrostToday', '"FrostTomorrow"').replace('X = obs.drop(columns=["FrostTomorrow"])', 'X = obs[["Humidity3pm", "Pressure9am"]]');
      assert.deepEqual(lines(s, TEMPORAL), []);
    });
  });
  describe("gaps filled by a regressor whose inputs are the frame's other columns, the label among them, are computed from each row's label", () => {
    const loop = (inputs: string, before = ''): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor, RandomForestClassifier
      soil = pd.read_csv("soil.csv")
      ${before}
      for col in soil.columns:
          if soil[col].isnull().sum() > 0:
              known = soil.dropna()
              reg = RandomForestRegressor().fit(known.drop(columns=${inputs}), known[col])
              soil.loc[soil[col].isnull(), col] = reg.predict(soil[soil[col].isnull()].drop(columns=${inputs}))
      X = soil.drop(columns=["fertile"])
      y = soil["fertile"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      print(RandomForestClassifier().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires for a fill loop whose inputs are every other column, the label kept (warning, says what it assumed)', () => {
      const found = analyze(loop('[col]'), 'train.py').filter((f) => f.ruleId === TARGET);
      assert.deepEqual(found.map((f) => f.location.line), [10]);
      assert.equal(found[0].severity, 'warning');
      assert.match(found[0].message, /the label 'fertile' among them/);
    });
    it('does not fire when the fill inputs drop the label too', () => {
      assert.deepEqual(lines(loop('[col, "fertile"]'), TARGET), []);
    });
    const named = (feats: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor, RandomForestClassifier
      df = pd.read_csv("passengers.csv")
      known = df[df.Age.notnull()]
      reg = RandomForestRegressor().fit(known.drop(columns=["Age"]), known["Age"])
      df.loc[df.Age.isnull(), "Age"] = reg.predict(df.loc[df.Age.isnull()].drop(columns=["Age"]))
      X = df[${feats}]
      y = df["Survived"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      print(RandomForestClassifier().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires when the filled column is picked among the features', () => {
      assert.deepEqual(lines(named('["Pclass", "Fare", "Age"]'), TARGET), [7]);
    });
    it('does not fire when the filled column is not among the features', () => {
      assert.deepEqual(lines(named('["Pclass", "Fare"]'), TARGET), []);
    });
    const banded = (band: string): string => named('["Pclass", "Band"]').replace('\nX = df[', `\ndf["Band"] = pd.cut(df["${band}"], bins=[0, 12, 20, 40, 600])\nX = df[`);
    it('fires when a band cut from the filled column after the fill is among the features', () => {
      assert.deepEqual(lines(banded('Age'), TARGET), [7]);
    });
    it('does not fire when the band is cut from another column', () => {
      assert.deepEqual(lines(banded('Fare'), TARGET), []);
    });
  });
  describe('features cut as x[:-k] beside a label cut as y[k:] pair each row with the label k rows later: the present row is its past', () => {
    const src = (xCut: string, yCut: string): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      bars = pd.read_csv("hourly_bars.csv")
      values = bars.values
      h = 1
      X = values${xCut}
      up = bars["Close"].diff().iloc${yCut}.values > 0
      y = np.asarray(up).astype(int)
      n = int(0.8 * len(y))
      clf = LogisticRegression().fit(X[:n], y[:n])
      print(clf.score(X[n:], y[n:]))
    `;
    it("fires when the label is cut to the features' own rows (the present row's close decides its label)", () => {
      assert.deepEqual(lines(src('[:-h]', '[:-h]'), TARGET), [5]);
    });
    it('does not fire when the label is cut from k rows later (x[:-h] beside y[h:])', () => {
      assert.deepEqual(lines(src('[:-h]', '[h:]'), TARGET), []);
    });
    it('does not fire for the literal offset x[:-1] beside y[1:]', () => {
      assert.deepEqual(lines(src('[:-1]', '[1:]'), TARGET), []);
    });
  });
});
