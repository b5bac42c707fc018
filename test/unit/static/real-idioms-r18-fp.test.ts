/**
 * Round 18 (r18-fp): error-level false alarms on unlabelled real code (the other notebooks and scripts
 * of the dev repositories). Each class has a case that stays an error and a look-alike that must not be
 * one. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const severities = (src: string, rule: string, file = 'train.py'): string[] =>
  analyze(src, file).filter((f) => f.ruleId === rule).map((f) => f.severity);

describe('real-notebook idioms (round 18, r18-fp)', () => {
  describe('leakage/overlap: rows resampled before a split that nothing in the file scores', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from imblearn.over_sampling import SMOTE
      def prepare(path):
          df = pd.read_csv(path)
          X = df.drop(columns=["label"])
          y = df["label"]
          X_res, y_res = SMOTE(random_state=1).fit_resample(X, y)
          return train_test_split(X_res, y_res, test_size=0.25, random_state=1)
    `;
    it('is an error when the held-out part is scored', () => {
      const src = head + py`
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.metrics import f1_score
        X_tr, X_te, y_tr, y_te = prepare("loans.csv")
        model = RandomForestClassifier().fit(X_tr, y_tr)
        print("test f1", f1_score(y_te, model.predict(X_te)))
      `;
      assert.ok(severities(src, 'leakage/overlap').includes('error'));
    });
    it('is a warning that says what it assumes when the parts are only returned or saved', () => {
      const src = head + py`
        if __name__ == "__main__":
            X_tr, X_te, y_tr, y_te = prepare("loans.csv")
            X_tr.to_csv("train_features.csv")
            X_te.to_csv("test_features.csv")
      `;
      const found = analyze(src, 'train.py').filter((f) => f.ruleId === 'leakage/overlap');
      assert.ok(found.length > 0 && found.every((f) => f.severity === 'warning'), JSON.stringify(found.map((f) => f.severity)));
      assert.match(found[0].message, /Assumed: .*scores no part held out/);
    });
  });
});
