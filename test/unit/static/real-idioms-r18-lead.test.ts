/**
 * Round 18, the lead's post-holdout fixes: the classes behind the error-level false alarms on the
 * round's holdout, each with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const found = (src: string, rule: string, path = 'train.py'): string[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => `${f.location.line}:${f.severity}`);

describe('real-notebook idioms, round 18 (lead, after the holdout)', () => {
  describe('leakage/overlap: .take() of hand-made position arrays on an object not known as data', () => {
    // A pickled frame under a name that does not say "data" is not known as a frame; its rows
    // picked by two different position arrays are two parts, not the same unknown rows twice.
    const src = (train: string, test: string) => py`
      import pickle
      import numpy as np
      from sklearn.linear_model import Ridge
      from sklearn.metrics import r2_score
      blob = pickle.load(open("descriptors.pkl", "rb"))
      feats = blob.drop("yield", axis=1)
      lab = blob["yield"]
      def group_split(n, pct, seed=None):
          rng = np.random.RandomState(seed)
          held = rng.choice(n, size=int(n * pct), replace=False)
          kept = np.delete(np.arange(n), held)
          return kept, held
      rows_a, rows_b = group_split(len(feats), 0.2, 7)
      X_fit, y_fit = feats.take(${train}).to_numpy(), lab.take(${train}).to_numpy()
      X_eval, y_eval = feats.take(${test}).to_numpy(), lab.take(${test}).to_numpy()
      model = Ridge().fit(X_fit, y_fit)
      print("Test R2", r2_score(y_eval, model.predict(X_eval)))
    `;
    it('does not fire when the two parts are taken at different positions', () => {
      assert.deepEqual(found(src('rows_a', 'rows_b'), 'leakage/overlap'), []);
    });
    it('fires (error) when the scored part is taken at the positions the model was fitted on', () => {
      assert.deepEqual(found(src('rows_a', 'rows_a'), 'leakage/overlap').map((f) => f.split(':')[1]), ['error']);
    });
  });
});
