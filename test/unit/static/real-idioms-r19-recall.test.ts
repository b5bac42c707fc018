/**
 * Round 19, recall of preprocessing / multi-test: classes behind the dev misses, each with a case that
 * must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const found = (src: string, rule: string, path = 'train.py'): string[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => `${f.location.line}:${f.severity}`);

describe('real-notebook idioms, round 19 (recall)', () => {
  describe('leakage/preprocessing: a group-by on a cyclic calendar key (month of year, day of week)', () => {
    // Grouping by the date or its period makes one row per period; grouping by the month number or
    // the week of the year pools that month of every year, a statistic over rows on both sides of the split.
    const src = (key: string, stat: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      shop = pd.read_csv("store_weekly.csv")
      shop["when"] = pd.to_datetime(shop["when"])
      shop["month"] = ${key}
      shop["promo_spend"] = shop["promo_spend"].fillna(shop.groupby("month")["promo_spend"].transform("${stat}"))
      X = shop.drop(columns=["units", "when"])
      y = shop["units"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=3)
      reg = RandomForestRegressor(random_state=0).fit(X_train, y_train)
      print("MAE", mean_absolute_error(y_test, reg.predict(X_test)))
    `;
    it('fires when the key is the month number of the date', () => {
      assert.deepEqual(found(src('shop["when"].dt.month', 'median'), 'leakage/preprocessing'), ['8:warning']);
    });
    it('fires when the key is the ISO week of the year', () => {
      assert.deepEqual(found(src('shop["when"].dt.isocalendar().week', 'mean'), 'leakage/preprocessing'), ['8:warning']);
    });
    it('does not fire when the key is the calendar month as a period (one group per month of the series)', () => {
      assert.deepEqual(found(src('shop["when"].dt.to_period("M")', 'mean'), 'leakage/preprocessing'), []);
    });
    // A key read from the file has no derivation to show: its name tells a position in a cycle from a period.
    const named = (key: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      from sklearn.metrics import r2_score
      rides = pd.read_parquet("rides.parquet")
      rides["temp"] = rides["temp"].fillna(rides.groupby("${key}")["temp"].transform("mean"))
      X = rides.drop(columns=["count"])
      y = rides["count"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      print(r2_score(y_te, Ridge().fit(X_tr, y_tr).predict(X_te)))
    `;
    it('fires when the key is named as a position in a cycle (week_of_year)', () => {
      assert.deepEqual(found(named('week_of_year'), 'leakage/preprocessing'), ['6:warning']);
    });
    it('does not fire when the key is named as a period of the series (week)', () => {
      assert.deepEqual(found(named('week'), 'leakage/preprocessing'), []);
    });
  });
});
