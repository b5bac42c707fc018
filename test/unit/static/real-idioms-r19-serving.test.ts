/**
 * Round 19, serving recall (mismatch/refit-at-inference, mismatch/column-order): classes behind the
 * dev misses, each with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py } from './helpers';

const REFIT = 'mismatch/refit-at-inference';
const found = (src: string, rule: string, path = 'train.py'): string[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => `${f.location.cell !== undefined ? `c${f.location.cell}:` : ''}${f.location.line}:${f.severity}`);
const notebook = (cells: string[]): string => JSON.stringify({
  cells: cells.map((c) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: c.split('\n').map((l, i, a) => (i < a.length - 1 ? l + '\n' : l)) })),
  metadata: {}, nbformat: 4, nbformat_minor: 5,
});

describe('real-notebook idioms, round 19 (serving)', () => {
  describe('mismatch/refit-at-inference: FunctionTransformer steps whose functions each open their own notebook cell', () => {
    // Every step's function runs on the scored batch; a function defined at the top of its cell is not the
    // same function as another one defined at the top of another cell.
    const cells = (second: string): string[] => [
      py`
        import numpy as np
        import pandas as pd
        from sklearn.pipeline import Pipeline
        from sklearn.preprocessing import FunctionTransformer
        from sklearn.linear_model import Ridge
        from sklearn.model_selection import train_test_split
        df = pd.read_csv("houses.csv")
        X = df[["rooms", "area", "zone"]]
        y = df["price"]
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)`,
      py`
        def add_ratio(frame):
            return frame.assign(area_per_room=frame["area"] / frame["rooms"])`,
      second,
      py`
        pipe = Pipeline([("ratio", FunctionTransformer(add_ratio)), ("zone", FunctionTransformer(add_zone_level)), ("model", Ridge())])
        pipe.fit(X_train, y_train)
        print(np.mean((pipe.predict(X_test) - y_test) ** 2))`,
    ];
    it('fires for the second function, which ranks zones by a group mean of the batch it is given', () => {
      const src = notebook(cells(py`
        def add_zone_level(frame):
            top = frame.groupby("zone")["area"].mean().sort_values().tail(3).index
            return frame.assign(top_zone=frame["zone"].isin(top).astype(int))`));
      assert.deepEqual(found(src, REFIT, 'houses.ipynb'), ['c2:2:warning']);
    });
    it('does not fire when the second function is row-wise too', () => {
      const src = notebook(cells(py`
        def add_zone_level(frame):
            return frame.assign(big=(frame["area"] > 120).astype(int))`));
      assert.deepEqual(found(src, REFIT, 'houses.ipynb'), []);
    });
  });
});
