/**
 * Round 17 (r17-tgt): target and temporal classes from real code. Each class has a case that must
 * fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TARGET = 'leakage/target';
const PRE = 'leakage/preprocessing';
const TEMPORAL = 'leakage/temporal';

describe('real-notebook idioms, round 17 (r17-tgt)', () => {
  describe("a scaled array put back into a frame named by a dropped frame's columns keeps that frame's columns, so a column mask on it is read", () => {
    const src = (mask: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      from sklearn.preprocessing import StandardScaler
      farm = pd.read_csv("farm.csv")
      yield_raw = farm["yield"]
      farm = farm.drop(["plot_id", "sown_on"], axis=1)
      scaled = StandardScaler().fit_transform(farm.values)
      farm = pd.DataFrame(scaled, columns=farm.columns)
      X = farm.loc[:, farm.columns != ${mask}]
      X_tr, X_te, y_tr, y_te = train_test_split(X, yield_raw, test_size=0.2)
      print(Ridge().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('does not fire when the mask leaves the label column out', () => {
      assert.deepEqual(lines(src('"yield"'), TARGET), []);
    });
    it('fires (warning) when the mask leaves out another column and keeps the label', () => {
      const found = analyze(src('"rainfall"'), 'train.py').filter((f) => f.ruleId === TARGET);
      assert.deepEqual(found.map((f) => f.location.line), [10]);
      assert.equal(found[0].severity, 'warning');
    });
    it('still sees the scaler fitted before the split', () => {
      assert.deepEqual(lines(src('"yield"'), PRE), [8]);
    });
  });
  describe("columns picked as the frame's columns intersected with another list are those names, not every column", () => {
    const src = (pick: string): string => py`
      import pandas as pd
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      survey = pd.read_csv("survey.csv")
      chosen = pd.read_csv("selected_columns.csv")["name"].tolist()
      y = survey["churned"]
      X = survey[${pick}]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25)
      print(RandomForestClassifier().fit(X_tr.values, y_tr.values).score(X_te.values, y_te.values))
    `;
    it('does not fire for np.intersect1d with a list read from disk', () => {
      assert.deepEqual(lines(src('np.intersect1d(survey.columns, chosen)'), TARGET), []);
    });
    it('does not fire for columns.intersection with a list read from disk', () => {
      assert.deepEqual(lines(src('survey.columns.intersection(chosen)'), TARGET), []);
    });
    it('fires when the other list names the label', () => {
      assert.deepEqual(lines(src('np.intersect1d(survey.columns, ["tenure", "churned"])'), TARGET), [8]);
    });
    it('fires when every column is taken', () => {
      assert.deepEqual(lines(src('survey.columns'), TARGET), [8]);
    });
  });
  describe("the column names of a frame cut by position with a fitted selector's indices are not all its columns", () => {
    const src = py`
      import pandas as pd
      from sklearn.feature_selection import SelectKBest, f_classif
      from sklearn.model_selection import cross_val_score
      from sklearn.linear_model import LogisticRegression
      from sklearn.preprocessing import StandardScaler
      cells = pd.read_csv("cells.csv")
      y = cells["malignant"]
      base = cells.drop(["malignant", "sample_id"], axis=1)
      Xs = pd.DataFrame(StandardScaler().fit_transform(base), index=base.index, columns=base.columns)
      sel = SelectKBest(score_func=f_classif, k=5)
      sel.fit(Xs, y)
      idx = sel.get_support(indices=True)
      picked = Xs.iloc[:, idx]
      keep = picked.columns.to_list()
      print(cross_val_score(LogisticRegression(), Xs[keep], y, cv=5).mean())
    `;
    it('fires for the selector fitted on all rows before cross-validation', () => {
      assert.ok(analyze(src, 'train.py').some((f) => f.ruleId === PRE && /SelectKBest/.test(f.message)));
    });
    it('does not report the label among the kept columns', () => {
      assert.deepEqual(lines(src, TARGET), []);
    });
  });
  describe('a column list copied with .copy() and grown by appends is the copy plus the appended names; the original stays as it was', () => {
    const src = (lagged: string, pick: string, shuffle = 'True'): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor

      def model_columns(frame):
          base = ["temperature", "price"]
          extra = ["month_sin", "orders_prev"]
          cols = base.copy()
          for c in extra:
              if c in frame.columns:
                  cols.append(c)
          return ${pick}

      shop = pd.read_csv("shop_daily.csv", parse_dates=["day"])
      shop["orders_prev"] = ${lagged}
      shop = shop.dropna()
      X = shop[model_columns(shop)]
      y = shop["orders"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, shuffle=${shuffle})
      print(RandomForestRegressor().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires (target) for a rolling mean of the label that includes the current row, kept through the copied list', () => {
      assert.deepEqual(lines(src('shop["orders"].rolling(7).mean()', 'cols'), TARGET), [15]);
    });
    it('fires (temporal) for a shuffled split of those features', () => {
      assert.deepEqual(lines(src('shop["orders"].rolling(7).mean()', 'cols'), TEMPORAL), [19]);
    });
    it('does not fire (target) for a lag of the label (past values only)', () => {
      assert.deepEqual(lines(src('shop["orders"].shift(1)', 'cols'), TARGET), []);
    });
    it('does not fire (temporal) for a chronological cut', () => {
      assert.deepEqual(lines(src('shop["orders"].rolling(7).mean()', 'cols', 'False'), TEMPORAL), []);
    });
    it('does not fire when the original list, not the grown copy, picks the features', () => {
      const s = src('shop["orders"].rolling(7).mean()', 'base');
      assert.deepEqual(lines(s, TARGET), []);
      assert.deepEqual(lines(s, TEMPORAL), []);
    });
  });
  describe('names kept from a literal list longer than four by a loop that appends each one (if the frame has it) are all kept', () => {
    const src = (lagged: string, cond: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import GradientBoostingRegressor
      power = pd.read_csv("power_hourly.csv", parse_dates=["ts"])
      power["load_prev"] = ${lagged}
      power = power.dropna()
      candidates = ["hour", "weekday", "temp", "humidity", "wind", "holiday", "load_prev"]
      cols = ["temp"]
      for c in candidates:
          ${cond}cols.append(c)
      X = power[cols]
      y = power["load"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2)
      print(GradientBoostingRegressor().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    const IF = 'if c in power.columns:\n              ';
    it('fires (target) for the seventh name, a rolling mean of the label that includes the current row', () => {
      assert.deepEqual(lines(src('power["load"].rolling(24).mean()', IF), TARGET), [5]);
    });
    it('fires without the membership test too', () => {
      assert.deepEqual(lines(src('power["load"].rolling(24).mean()', ''), TARGET), [5]);
    });
    it('does not fire (target) when that name is a lag of the label', () => {
      assert.deepEqual(lines(src('power["load"].shift(24)', IF), TARGET), []);
    });
    it('does not fire when another test picks the names (which ones pass is not known)', () => {
      const s = src('power["load"].rolling(24).mean()', IF.replace('c in power.columns', 'power[c].std() > 0.5'));
      assert.deepEqual(lines(s, TARGET), []);
    });
  });
  describe('a label computed after a multivariate fill from a column the imputer was given is carried by the filled feature values', () => {
    const src = (fit: string, label: string, drop: string): string => py`
      import pandas as pd
      from sklearn.impute import KNNImputer
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      beans = pd.read_csv("beans.csv")
      filled = pd.DataFrame(KNNImputer(n_neighbors=5).fit_transform(${fit}), columns=${fit}.columns)
      filled["premium"] = ${label}
      X = filled.drop(columns=[${drop}])
      y = filled["premium"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      print(RandomForestClassifier().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires (warning) when the score the label is cut from was among the imputer inputs', () => {
      const found = analyze(src('beans', '(filled["score"] >= 85).astype(int)', '"score", "premium"'), 'train.py').filter((f) => f.ruleId === TARGET);
      assert.deepEqual(found.map((f) => f.location.line), [6]);
      assert.equal(found[0].severity, 'warning');
      assert.match(found[0].message, /'score' among them/);
    });
    it('does not fire when the score was dropped before the fill', () => {
      assert.deepEqual(lines(src('beans.drop(columns=["score"])', '(beans["score"] >= 85).astype(int)', '"premium"'), TARGET), []);
    });
    it('does not fire for a label computed from a column that was not given to the imputer', () => {
      const s = src('beans[["moisture", "density"]]', '(beans["score"] >= 85).astype(int)', '"premium"');
      assert.deepEqual(lines(s, TARGET), []);
    });
  });
});
