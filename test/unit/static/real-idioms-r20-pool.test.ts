/**
 * Round 20 (pool): false-alarm classes found on the dev files restored this round and on the other files of their
 * repositories. Each class has a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { py, found, lineOf } from './helpers';

describe('real-notebook idioms, round 20 (pool)', () => {
  describe('mismatch/column-order: a frame cut by column position keeps its column names', () => {
    // df.iloc[:, 1:5] is still a DataFrame: a model fitted on named columns checks them. Only a conversion to an array
    // (.values, .to_numpy(), np.asarray) drops the names and the check.
    const src = (x: string) => py`
      import joblib
      import pandas as pd
      model = joblib.load("model.pkl")
      batch = pd.read_csv("new_rows.csv")
      X = ${x}
      batch["pred"] = model.predict(X)
      batch.to_csv("scored.csv", index=False)
    `;
    it('does not fire on an iloc column range passed as a frame', () => {
      assert.deepEqual(found(src('batch.iloc[:, 1:5]'), 'mismatch/column-order', 'predict.py'), []);
      assert.deepEqual(found(src('batch.iloc[:, :-1]'), 'mismatch/column-order', 'predict.py'), []);
    });
    it('fires when that cut is converted to an array', () => {
      const s = src('batch.iloc[:, 1:5].values');
      assert.deepEqual(found(s, 'mismatch/column-order', 'predict.py'), [`${lineOf(s, 'X = ')}:warning`]);
    });
    it('fires when the whole frame is converted to an array', () => {
      const s = src('batch.to_numpy()');
      assert.deepEqual(found(s, 'mismatch/column-order', 'predict.py'), [`${lineOf(s, 'X = ')}:warning`]);
    });
  });
});
