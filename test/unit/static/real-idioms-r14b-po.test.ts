/**
 * Round 14, second wave (helper r14b-po): preprocessing and overlap classes from real code, each with
 * a case that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms, round 14 (r14b-po)', () => {
  describe('leakage/preprocessing: an unnamed positional cut of the training file (X[:n] fitted, X[n:] scored)', () => {
    const src = (read: string, scale: string) => py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      ${read}
      X = train.drop(columns=["label"]).values
      y = train["label"].values
      n = int(0.8 * len(X))
      ${scale}
      clf = LogisticRegression().fit(X[:n], y[:n])
      print(accuracy_score(y[n:], clf.predict(X[n:])))
    `;
    it('fires when the scaler saw every row of train.csv before the cut', () => {
      assert.deepEqual(rules(src('train = pd.read_csv("train.csv")', 'X = StandardScaler().fit_transform(X)'), 'leakage/preprocessing'), [9]);
    });
    it('fires for a frame named train read from a neutral file', () => {
      assert.deepEqual(rules(src('train = pd.read_csv("records.csv")', 'X = StandardScaler().fit_transform(X)'), 'leakage/preprocessing'), [9]);
    });
    it('does not fire when the scaler is fitted on the head of the cut only', () => {
      assert.deepEqual(rules(src('train = pd.read_csv("train.csv")', 'X = StandardScaler().fit(X[:n]).transform(X)'), 'leakage/preprocessing'), []);
    });
  });
});
