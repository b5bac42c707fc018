/**
 * Round 19 (r19-temporal): temporal classes from real code. Each test pairs a look-alike that must not
 * fire with the case that must, so it tells the class apart. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TEMPORAL = 'leakage/temporal';

describe('real-notebook idioms, round 19 (r19-temporal)', () => {
  describe('rows indexed by their timestamp, features listed or the frame less the label: a forecast only when an input is a calendar field, lag or window (T2)', () => {
    // The index is no input of the model: with the label dropped and read raw, the inputs are the
    // period's own columns (weekly sales on that week's spend), a regression on features.
    const weekly = (extra: string, label = 'sales'): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      weeks = pd.read_csv("media.csv", parse_dates=["week"], index_col="week")
      ${extra}
      X = weeks.drop(columns=["${label}"])
      y = weeks["${label}"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=3)
      print(LinearRegression().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    const at = (s: string): number[] => [lineOf(s, 'train_test_split(X')];
    it('is quiet for spend columns, and fires once a lag of the label is kept', () => {
      assert.deepEqual(lines(weekly('weeks = weeks.fillna(0)'), TEMPORAL), []);
      const lagged = weekly('weeks["sales_prev"] = weeks["sales"].shift(1)');
      assert.deepEqual(lines(lagged, TEMPORAL), at(lagged));
    });
    it('is quiet for spend columns, and fires once a calendar field of the index is kept', () => {
      assert.deepEqual(lines(weekly('weeks["tv_x_radio"] = weeks["tv"] * weeks["radio"]'), TEMPORAL), []);
      const cal = weekly('weeks["month"] = weeks.index.month');
      assert.deepEqual(lines(cal, TEMPORAL), at(cal));
    });
    it('is quiet for spend columns, and fires once reset_index puts the timestamps back among the columns', () => {
      assert.deepEqual(lines(weekly('weeks = weeks.reset_index(drop=True)'), TEMPORAL), []);
      const back = weekly('weeks = weeks.reset_index()');
      assert.deepEqual(lines(back, TEMPORAL), at(back));
    });
    it('is quiet for a ratio of two spend columns, and fires when the label is the next period of a column (a lead)', () => {
      assert.deepEqual(lines(weekly('weeks["tv_share"] = weeks["tv"] / weeks["total_spend"]'), TEMPORAL), []);
      const lead = weekly('weeks["sales_next"] = weeks["sales"].shift(-1)', 'sales_next');
      assert.deepEqual(lines(lead, TEMPORAL), at(lead));
    });
    it('is quiet for same-time sensor readings under set_index, and fires for a rolling window of them', () => {
      const scada = (extra: string): string => py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.ensemble import RandomForestRegressor
        turbine = pd.read_csv("scada.csv")
        turbine["timestamp"] = pd.to_datetime(turbine["timestamp"])
        turbine = turbine.set_index("timestamp")
        ${extra}
        features = turbine.drop("power_kw", axis=1)
        target = turbine["power_kw"]
        a_tr, a_te, b_tr, b_te = train_test_split(features, target, test_size=0.2)
        print(RandomForestRegressor().fit(a_tr, b_tr).score(a_te, b_te))
      `;
      assert.deepEqual(lines(scada('turbine = turbine.dropna()'), TEMPORAL), []);
      const rolled = scada('turbine["wind_avg"] = turbine["wind_speed"].rolling(6).mean()');
      assert.deepEqual(lines(rolled, TEMPORAL), [lineOf(rolled, 'train_test_split(features')]);
    });
    it('is quiet for listed same-time readings under set_index, and fires once a listed input is a calendar field of the index', () => {
      const scada = (extra: string, cols: string): string => py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import Ridge
        park = pd.read_csv("park.csv", parse_dates=["time"])
        park = park.set_index("time")
        ${extra}
        X = park[${cols}]
        y = park["active_power"]
        X_a, X_b, y_a, y_b = train_test_split(X, y, test_size=0.25, random_state=0)
        print(Ridge().fit(X_a, y_a).score(X_b, y_b))
      `;
      assert.deepEqual(lines(scada('park = park.dropna()', '["wind_speed", "rotor_rpm", "pitch"]'), TEMPORAL), []);
      const cal = scada('park["hour"] = park.index.hour', '["wind_speed", "rotor_rpm", "hour"]');
      assert.deepEqual(lines(cal, TEMPORAL), [lineOf(cal, 'train_test_split(X')]);
    });
  });
});
