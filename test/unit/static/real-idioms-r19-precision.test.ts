/**
 * Round 19, precision on code nobody labelled: the classes behind false alarms of the secondary rules
 * (target, serving) on the dev repositories' other files, each with a case that must fire and a
 * look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const found = (src: string, rule: string, path = 'train.py'): string[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => `${f.location.line}:${f.severity}`);

describe('real-notebook idioms, round 19 (precision on unlabelled files)', () => {
  describe('leakage/target: a frame built from a scikit-learn Bunch\'s .data, the label from its .target', () => {
    // housing.data holds the features only; the label comes from housing.target, another array, so
    // dropping the label column leaves no copy of it in the features.
    const src = (extra: string, x: string) => py`
      import pandas as pd
      from sklearn.datasets import fetch_california_housing
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      from sklearn.metrics import r2_score
      housing = fetch_california_housing()
      frame = pd.DataFrame(housing.data)
      frame.columns = housing.feature_names
      frame["VALUE"] = housing.target
      ${extra}
      X = ${x}
      y = frame["VALUE"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)
      lr = LinearRegression().fit(X_train, y_train)
      print(r2_score(y_test, lr.predict(X_test)))
    `;
    // Each case checks both sides of the class boundary, so it fails on a tree without the fix.
    it('does not fire when the label column is dropped, fires (error) when a feature is computed from the label', () => {
      assert.deepEqual(found(src('', 'frame.drop("VALUE", axis=1)'), 'leakage/target'), []);
      assert.deepEqual(found(src('frame["pricey"] = (frame["VALUE"] > 2).astype(int)', 'frame.drop("VALUE", axis=1)'), 'leakage/target'), ['10:error']);
    });
  });

  describe('mismatch/column-order: model predictions stacked into a loaded meta-model\'s input', () => {
    // np.array of a list of base models' predictions: its columns are those predictions in the order
    // the code appends them, not a frame's named columns; a frame turned into an array still is one.
    const src = (item: string) => py`
      import joblib
      import numpy as np
      import pandas as pd
      def predict(path):
          feats = pd.read_csv(path)
          base = [joblib.load(f"base_{i}.joblib") for i in range(2)]
          outs = []
          outs.append(base[0].predict(feats[["a", "b"]]))
          outs.append(${item})
          meta = joblib.load("meta.joblib")
          return meta.predict(np.array(outs).T)
    `;
    it('does not fire when every stacked item is a prediction, fires (warning) when a frame is stacked beside them', () => {
      assert.deepEqual(found(src('base[1].predict(feats[["a", "b"]])'), 'mismatch/column-order'), []);
      assert.deepEqual(found(src('feats'), 'mismatch/column-order').map((f) => f.split(':')[1]), ['warning']);
    });
  });
});
