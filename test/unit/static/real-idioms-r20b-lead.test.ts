/**
 * Round 20, second wave (lead): idioms of real projects, each with a case that must not fire and a
 * look-alike that must. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 20 second wave (lead)', () => {
  describe('a split whose held-out parts are never read, in a file that fits its model on all the rows, holds nothing out', () => {
    // A trading strategy: min-max scaled indicators, a shuffled split left from an earlier draft (its
    // validation score commented out), and the model fitted on every row to predict today.
    const src = (scoreLine: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier

      df = pd.read_csv("prices.csv", parse_dates=["date"]).sort_values("date")
      df["ma5"] = df["close"].rolling(5).mean()
      df["up"] = (df["close"].shift(-1) > df["close"]).astype(int)
      df = df.dropna()
      X = df[["close", "ma5"]].values
      X = (X - X.min(axis=0)) / (X.max(axis=0) - X.min(axis=0))
      y = df["up"].values
      X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.25, random_state=42)
      clf = RandomForestClassifier(n_estimators=100, random_state=0)
      clf.fit(X, y)
      ${scoreLine}
      print(clf.predict(X[-1:]))
    `;
    it('does not report the scaling or the shuffled split when the held-out part is never read', () => {
      const s = src('# print("validation accuracy", clf.score(X_val, y_val))');
      assert.deepEqual(found(s, 'leakage/preprocessing'), []);
      assert.deepEqual(found(s, 'leakage/temporal'), []);
    });
    it('reports both when the held-out part is scored', () => {
      const s = src('print("validation accuracy", clf.score(X_val, y_val))');
      assert.equal(found(s, 'leakage/preprocessing').length, 1);
      assert.equal(found(s, 'leakage/temporal').length, 1);
    });
  });
});
