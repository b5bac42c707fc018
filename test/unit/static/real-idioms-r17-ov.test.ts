/**
 * Round 17 (helper r17-ov): overlap classes from real code, each with a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const found = (src: string, rule: string, path = 'train.py'): string[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => `${f.location.line}:${f.severity}`);

describe('real-notebook idioms, round 17 (r17-ov)', () => {
  describe('leakage/overlap: a model refitted on all rows and scored on them, after only cross-validation folds were scored', () => {
    const src = (earlier: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import KFold, train_test_split
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.metrics import mean_absolute_error
      data = pd.read_csv("listings.csv")
      F = data.drop(columns=["price"]).values
      t = data["price"].values
      ${earlier}
      final = GradientBoostingRegressor(max_depth=5)
      final.fit(F, t)
      print(mean_absolute_error(t, final.predict(F)))
    `;
    it('fires (warning, says the assumption) when a held-out part of a split was scored before the refit', () => {
      const fs = analyze(src(`F_a, F_b, t_a, t_b = train_test_split(F, t, test_size=0.2, random_state=0)
      probe = GradientBoostingRegressor().fit(F_a, t_a)
      print(mean_absolute_error(t_b, probe.predict(F_b)))`)).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['14:warning']);
      assert.match(fs[0].message, /fitted on all the rows .* the held-out part scored earlier included/);
    });
    it('does not fire when the earlier scores are folds of a cross-validation objective (tuning machinery, no held-out set)', () => {
      assert.deepEqual(found(src(`def objective(depth):
          errs = []
          for a, b in KFold(n_splits=4).split(F):
              probe = GradientBoostingRegressor(max_depth=depth).fit(F[a], t[a])
              errs.append(mean_absolute_error(t[b], probe.predict(F[b])))
          return np.mean(errs)
      best = min([3, 5, 7], key=objective)`), 'leakage/overlap'), []);
    });
  });
});
