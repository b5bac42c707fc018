/**
 * Round 14, second wave (helper r14b-sec): temporal, target and serving classes from real code. Each
 * class has a case that must fire and a look-alike that must not. Written from the class, not copied
 * from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py } from './helpers';

const rule = (src: string, id: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === id);

describe('real-notebook idioms, round 14 second wave (r14b-sec)', () => {
  describe('leakage/temporal: dates parsed into a column at the read, nothing ordering the rows by them', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import f1_score
    `;
    it('does not fire on a random split of rows classified one by one', () => {
      const src = head + py`
        df = pd.read_csv("purchases.csv", parse_dates=["purchase_date"])
        X = df[["price", "mileage", "age"]]
        y = df["is_bad"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        clf = RandomForestClassifier().fit(X_tr, y_tr)
        print(f1_score(y_te, clf.predict(X_te)))
      `;
      assert.deepEqual(rule(src, 'leakage/temporal'), []);
    });
    // Round 19: with the dates as the index or sorted by, listed inputs that are the rows' own
    // measurements are a regression on features (T2); a calendar field among them makes the forecast.
    it('fires when the rows are read with the dates as their index and a calendar field of them is an input', () => {
      const src = head + py`
        df = pd.read_csv("purchases.csv", parse_dates=["purchase_date"], index_col="purchase_date")
        df["month"] = df.index.month
        X = df[["price", "mileage", "age", "month"]]
        y = df["is_bad"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        clf = RandomForestClassifier().fit(X_tr, y_tr)
        print(f1_score(y_te, clf.predict(X_te)))
      `;
      assert.deepEqual(rule(src, 'leakage/temporal').map((f) => f.location.line), [lineOf(src, 'train_test_split(X')]);
    });
    it('fires when the rows are sorted by the parsed date before the random split and a calendar field of it is an input', () => {
      const src = head + py`
        df = pd.read_csv("purchases.csv", parse_dates=["purchase_date"]).sort_values("purchase_date")
        df["month"] = df["purchase_date"].dt.month
        X = df[["price", "mileage", "age", "month"]]
        y = df["is_bad"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        clf = RandomForestClassifier().fit(X_tr, y_tr)
        print(f1_score(y_te, clf.predict(X_te)))
      `;
      assert.deepEqual(rule(src, 'leakage/temporal').map((f) => f.location.line), [lineOf(src, 'train_test_split(X')]);
    });
  });

  describe('leakage/temporal: a label named as a quantity tracked over time, on rows with a date column, split at random', () => {
    const body = (label: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      df = pd.read_csv("stores.csv")
      df["day"] = pd.to_datetime(df["day"])
      X = df.drop(["${label}", "day"], axis=1)
      y = df["${label}"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=1)
      rf = RandomForestRegressor().fit(X_tr, y_tr)
      print(rf.score(X_te, y_te))
    `;
    it('fires at warning and says the task is guessed from the label name', () => {
      const src = body('Sales');
      const found = rule(src, 'leakage/temporal');
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(src, 'train_test_split(X'), 'warning']]);
      assert.match(found[0].message, /Assumed: the label 'Sales' is taken, from its name, to be a quantity forecast over time/);
    });
    it('does not fire for a label that is not such a quantity', () => {
      assert.deepEqual(rule(body('churned'), 'leakage/temporal'), []);
    });
  });
});
