/**
 * Round 19, target focus: classes behind target-leak misses and false alarms on the dev corpus,
 * each with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 19 (target)', () => {
  describe('leakage/target: a lag of a countdown label (remaining useful life) kept as a feature', () => {
    // RUL k rows back is RUL + k on the same unit: the "past" value is the present label, never
    // observed when predicting. A lag of an observed target (sales) stays a legitimate feature.
    const src = (label: string, lagged: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("engine_cycles.csv")
      df["prev_1"] = df["${lagged}"].shift(1)
      df["prev_2"] = df["${lagged}"].shift(2)
      df = df.dropna()
      y = df["${label}"]
      X = df.drop(columns=["${label}"])
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=3)
      reg = RandomForestRegressor().fit(X_tr, y_tr)
      print(mean_absolute_error(y_te, reg.predict(X_te)))
    `;
    it('fires (warning, the countdown is read from the name) on lags of the RUL label, not on lags of a sensor beside it', () => {
      assert.deepEqual(found(src('RUL', 'RUL'), 'leakage/target'), ['6:warning', '7:warning']);
      assert.deepEqual(found(src('RUL', 'sensor_11'), 'leakage/target'), []);
    });
    it('fires on lags of a time-to-failure label, not on lags of an observed target (units sold)', () => {
      assert.deepEqual(found(src('time_to_failure', 'time_to_failure'), 'leakage/target'), ['6:warning', '7:warning']);
      assert.deepEqual(found(src('units_sold', 'units_sold'), 'leakage/target'), []);
    });
  });
  describe('leakage/target: a frame built from a dataset object\'s feature array, its label set from the object\'s target', () => {
    // sklearn's load_* return an object whose .data (features) and .target (labels) are separate
    // arrays: pd.DataFrame(ds.data) holds only the features, so the label written from ds.target
    // under another name is computed from no column of that frame.
    const src = (extra: string) => py`
      import pandas as pd
      from sklearn.datasets import load_diabetes
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      ds = load_diabetes()
      frame = pd.DataFrame(ds.data)
      frame.columns = ds.feature_names
      frame["progression"] = ds.target
      ${extra}
      X = frame.drop("progression", axis=1)
      X_tr, X_te, y_tr, y_te = train_test_split(X, frame.progression, test_size=0.2, random_state=0)
      reg = Ridge().fit(X_tr, y_tr)
      print(reg.score(X_te, y_te))
    `;
    it('does not fire on the label taken from the object\'s target, and still fires on a feature computed from that label', () => {
      assert.deepEqual(found(src('frame["bmi_ratio"] = frame["bmi"] / 2'), 'leakage/target'), []);
      assert.deepEqual(found(src('frame["per_bmi"] = frame["progression"] / frame["bmi"]'), 'leakage/target'), ['9:error']);
    });
  });
  describe('leakage/target: the label taken out of a list of known column names with list.remove', () => {
    // Columns named by a literal list (df.columns = [...]), copied into a list and the label removed
    // from it: the matrix selected by that list no longer holds the label.
    const src = (removed: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      df = pd.read_csv("hours_vs_grade.csv")
      df.columns = ["hours", "grade"]
      for p in range(2, 6):
          df["hours_%d" % p] = df["hours"] ** p
      inputs = list(df.columns)
      inputs.remove("${removed}")
      X = df[inputs]
      y = df["grade"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, train_size=0.8, random_state=1)
      reg = Ridge(alpha=0.01).fit(X_tr, y_tr)
      print(reg.score(X_te, y_te))
    `;
    it('does not fire when the label is removed from the list, and fires (warning) when another name is', () => {
      assert.deepEqual(found(src('grade'), 'leakage/target'), []);
      assert.deepEqual(found(src('hours_2'), 'leakage/target'), ['10:warning']);
    });
  });
  describe('leakage/target: each column\'s gaps filled by a model fitted on every other column, label included', () => {
    // A hand-written iterative imputer: per column, fit on the rows where it is known (however the parts are
    // named) with all other columns as inputs, predict where it is missing. With the label among the inputs,
    // the filled feature values are computed from each row's label.
    const src = (frame: string) => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      raw = pd.read_csv("customers.csv")
      work = ${frame}
      for col in work.columns:
          if work[col].isnull().sum() == 0:
              continue
          have = work[work[col].notnull()]
          miss = work[work[col].isnull()]
          X_train = have.drop(columns=[col]).fillna(-1)
          y_train = have[col]
          X_pred = miss.drop(columns=[col]).fillna(-1)
          reg = RandomForestRegressor(random_state=0).fit(X_train, y_train)
          work.loc[work[col].isnull(), col] = reg.predict(X_pred)
      X = work.drop(columns=["churned"], errors="ignore")
      y = raw["churned"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=0)
      clf = LogisticRegression().fit(X_tr, y_tr)
      print(clf.score(X_te, y_te))
    `;
    it('fires (warning) when the label is among the columns, not when the loop runs on the features alone', () => {
      assert.deepEqual(found(src('raw.copy()'), 'leakage/target'), ['16:warning']);
      assert.deepEqual(found(src('raw.drop(columns=["churned"])'), 'leakage/target'), []);
    });
  });
  describe('leakage/target: a "next value" label built with shift(-1) on rows sorted newest first', () => {
    // Sorted newest first, shift(-1) reads the previous bar: close.shift(-1) > close says whether the price
    // fell into this bar, a change of the close the features still hold. Oldest first it is the next bar.
    const src = (ascending: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import GradientBoostingClassifier
      from sklearn.metrics import accuracy_score
      bars = pd.read_csv("eth_hourly.csv")
      bars = bars.sort_values(by="Timestamp", ascending=${ascending})
      bars["up"] = (bars["Close"].shift(-1) > bars["Close"]).astype(int)
      X = bars[["Open", "Close", "Volume"]]
      y = bars["up"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, shuffle=False, test_size=0.2)
      clf = GradientBoostingClassifier().fit(X_tr, y_tr)
      print(accuracy_score(y_te, clf.predict(X_te)))
    `;
    it('fires (warning) on newest-first rows, not on oldest-first rows where shift(-1) is the next bar', () => {
      assert.deepEqual(found(src('False'), 'leakage/target'), ['8:warning']);
      assert.deepEqual(found(src('True'), 'leakage/target'), []);
    });
  });
});
