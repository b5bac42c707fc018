/**
 * Round 17b (r17b-fpw): warning precision on real code (the unlabelled pool). Each class has a case that
 * must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, notebook, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const REFIT = 'mismatch/refit-at-inference';

describe('real-notebook idioms, round 17b (r17b-fpw)', () => {
  describe('a cleaning step with no model and no score that fills the test file with its own statistic and writes it out is a feature-writing step', () => {
    const head = py`
      import pandas as pd
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      train["dist"] = train["dist"].fillna(train["dist"].median())
      test["dist"] = test["dist"].fillna(test["dist"].median())
    `;
    it('fires when the same file then predicts the filled test rows with a model fitted on the training rows', () => {
      const src = head + py`
        from sklearn.linear_model import LinearRegression
        model = LinearRegression().fit(train[["dist"]], train["sales"])
        test["sales"] = model.predict(test[["dist"]])
        test.to_csv("submission.csv", index=False)
      `;
      assert.deepEqual(lines(src, REFIT), [lineOf(src, 'test["dist"] = test["dist"].fillna')]);
    });
    it('does not fire when the file only writes the cleaned frames for a later modelling step', () => {
      const src = head + py`
        train.to_csv("clean/train.csv", index=False)
        test.to_csv("clean/test.csv", index=False)
      `;
      assert.deepEqual(lines(src, REFIT), []);
    });
    it('does not fire in an EDA notebook that adds per-customer aggregates to both files and saves them', () => {
      const src = notebook([
        { source: 'import pandas as pd\ntrain_data = pd.read_csv("train.csv")\ntest_data = pd.read_csv("test.csv")\n' },
        { source: 'train_data["user_avg"] = train_data.groupby("user")["amt"].transform("mean")\ntest_data["user_avg"] = test_data.groupby("user")["amt"].transform("mean")\n' },
        { source: 'train_data.to_csv("data/train_fe.csv", index=False)\ntest_data.to_csv("data/test_fe.csv", index=False)\n' },
      ]);
      assert.deepEqual(analyze(src, 'eda.ipynb').filter((f) => f.ruleId === REFIT), []);
    });
    it('does not fire in an EDA notebook that fills the test file with its own median and only looks at it', () => {
      const src = notebook([
        { source: 'import pandas as pd\ntrain_df = pd.read_csv("train.csv")\ntest_df = pd.read_csv("test.csv")\n' },
        { source: 'test_df["fare"].fillna(test_df["fare"].median(), inplace=True)\ntest_df.describe()\n' },
      ]);
      assert.deepEqual(analyze(src, 'eda.ipynb').filter((f) => f.ruleId === REFIT), []);
    });
    it('fires in a helper module whose function (called by another file) fills the test frame with its own mean', () => {
      const src = py`
        import pandas as pd
        def preprocess_data(train_data, test_data):
            train_data["weight"].fillna(train_data["weight"].mean(), inplace=True)
            test_data["weight"].fillna(test_data["weight"].mean(), inplace=True)
            return train_data, test_data
      `;
      assert.deepEqual(lines(src, REFIT, 'preprocessing.py'), [lineOf(src, 'test_data["weight"].fillna')]);
    });
  });
});
