/**
 * Round 14 (helper r14b-speed): speed only, no new class. `mapList` replaces `Array.prototype.map` on
 * hot lists (row keys of a split's parts, subscript indices, split inputs, metric operands) so they
 * keep one array shape; these tests pin that it is `map` and that findings through those paths hold.
 */
import * as assert from 'node:assert/strict';
import { mapList } from '../../../src/core/static/values';
import { hits, py } from './helpers';

describe('real-notebook idioms, round 14 (r14b-speed)', () => {
  it('mapList is map: same items, same indices, a new array', () => {
    const a = ['x', 'y', 'z'];
    const out = mapList(a, (s, i) => s + i);
    assert.deepEqual(out, a.map((s, i) => s + i));
    assert.notEqual(out, a);
    assert.deepEqual(mapList([], (x: number) => x), []);
  });

  it('fires: a scaler fitted before the split still leaks into the test part (rows built by mapList)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import StandardScaler
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("data.csv")
      X = StandardScaler().fit_transform(df.drop(columns=["y"]))
      X_tr, X_te, y_tr, y_te = train_test_split(X, df["y"], random_state=0)
      m = LogisticRegression().fit(X_tr, y_tr)
      print(accuracy_score(y_te, m.predict(X_te)))
    `;
    assert.ok(hits(src, 'train.py').some((h) => h.endsWith(':leakage/preprocessing')));
  });

  it('must not fire: the scaler fitted on the training part only', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import StandardScaler
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("data.csv")
      X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["y"]), df["y"], random_state=0)
      sc = StandardScaler().fit(X_tr)
      m = LogisticRegression().fit(sc.transform(X_tr), y_tr)
      print(accuracy_score(y_te, m.predict(sc.transform(X_te))))
    `;
    assert.ok(!hits(src, 'train.py').some((h) => h.endsWith(':leakage/preprocessing')));
  });
});
