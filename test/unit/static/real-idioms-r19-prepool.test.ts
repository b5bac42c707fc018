/**
 * Round 19, precision of leakage/preprocessing and leakage/multi-test on the dev repositories'
 * unlabelled files: each false-alarm class with a case that must not fire and a look-alike that
 * must. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const found = (src: string, rule: string, path = 'train.py'): string[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => `${f.location.line}:${f.severity}`);

describe('real-notebook idioms, round 19 (preprocessing and multi-test precision on unlabelled files)', () => {
  describe('leakage/preprocessing: a load-scale-split helper that nothing in the file calls and no model follows', () => {
    // A data module whose function scales every row and then splits, returning the parts: it fits and
    // scores nothing, so the file that calls it and trains is the one labelled (helpers and splitters).
    const helper = (tail: string) => py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression

      def load_and_split(path, label="target"):
          df = pd.read_csv(path)
          X = df.drop(columns=[label])
          y = df[label]
          X_scaled = StandardScaler().fit_transform(X)
          X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, test_size=0.2, random_state=0)
      ${tail}
    `;
    it('does not fire when the helper only returns the parts', () => {
      assert.deepEqual(found(helper('    return X_train, X_test, y_train, y_test'), 'leakage/preprocessing', 'data_processing.py'), []);
    });
    it('does not fire in a unit-test class whose methods call a data loader that scales and then splits', () => {
      const src = py`
        import unittest
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler

        class TestLoader(unittest.TestCase):
            def test_scale_then_split(self):
                data = pd.read_csv("series.csv")
                scaled = MinMaxScaler().fit_transform(data[["load"]])
                n = int(len(scaled) * 0.8)
                X_train, X_test = scaled[:n], scaled[n:]
                self.assertEqual(len(X_train) + len(X_test), len(scaled))
      `;
      assert.deepEqual(found(src, 'leakage/preprocessing', 'tests/test_loader.py'), []);
    });
    it('fires when the helper goes on to fit and score a model on the parts', () => {
      const tail = [
        '    model = LogisticRegression().fit(X_train, y_train)',
        '    print("test accuracy", model.score(X_test, y_test))',
      ].join('\n');
      assert.equal(found(helper(tail), 'leakage/preprocessing', 'data_processing.py').length, 1);
    });
    it('still fires on a document that stops at its split at top level (it is being written)', () => {
      const src = py`
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        from sklearn.model_selection import train_test_split
        df = pd.read_csv("data.csv")
        X = StandardScaler().fit_transform(df.drop(columns=["target"]))
        X_train, X_test, y_train, y_test = train_test_split(X, df["target"], test_size=0.2)
      `;
      assert.equal(found(src, 'leakage/preprocessing').length, 1);
    });
  });
});
