/**
 * Round 17b (r17b-sec): secondary-kind classes (target, temporal, serving) from real code. Each class has a
 * case that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py } from './helpers';

const lines = (src: string, rule: string, path = 'prepare.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const REFIT = 'mismatch/refit-at-inference';
const TARGET = 'leakage/target';

describe('real-notebook idioms, round 17b (r17b-sec)', () => {
  describe('a mode switch on one name: a load in one branch does not make a fit in another branch serving code', () => {
    // The script runs once per mode (or once per file of a loop): the fitting branch never follows the loading one.
    const src = (predictBranch: string, loop: boolean): string => {
      const head = loop ? 'for mode in sys.argv[1:]:' : 'if True:\n    mode = sys.argv[1]';
      return py`
        import sys
        import joblib
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        ${head}
            df = pd.read_csv(mode + ".csv")
            if mode == "predict":
                scaler = joblib.load("scaler.joblib")
        ${predictBranch}
                df_out = pd.DataFrame(scaler.transform(df))
                df_out.to_csv("predict_scaled.csv")
            elif mode == "train":
                scaler = StandardScaler()
                scaler.fit(df)
                joblib.dump(scaler, "scaler.joblib")
                pd.DataFrame(scaler.transform(df)).to_csv("train_scaled.csv")
      `;
    };
    for (const loop of [false, true]) {
      const how = loop ? 'in a loop over the modes' : 'for one mode';
      it(`fires for a refit inside the loading branch (${how})`, () => {
        const s = src('        scaler.fit(df)', loop);
        assert.deepEqual(lines(s, REFIT), [lineOf(s, '        scaler.fit(df)')]);
      });
      it(`does not fire for the fit in the other branch of the switch (${how})`, () => {
        const s = src('        pass', loop);
        assert.deepEqual(lines(s, REFIT), []);
      });
    }
    it('still fires for a fit after the load when the tests are not a switch on one name', () => {
      const s = py`
        import sys
        import joblib
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        df = pd.read_csv(sys.argv[1])
        if len(df) > 100:
            scaler = joblib.load("scaler.joblib")
        elif df.isna().any().any():
            scaler = StandardScaler()
            scaler.fit(df)
        print(scaler.transform(df))
      `;
      assert.deepEqual(lines(s, REFIT), [lineOf(s, '    scaler.fit(df)')]);
    });
  });

  describe('a slice of a literal list of column names picks the names the slice keeps, not every name', () => {
    // The columns are named in a list with the label last (read_csv(names=cols)); features are cols[:-1].
    const src = (cut: string): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      cols = ["age", "income", "visits", "region", "tenure", "label"]
      train = pd.read_csv("train.csv", header=None, names=cols)
      test = pd.read_csv("test.csv", header=None, names=cols)
      X = np.array(train[cols${cut}].astype(float))
      X_test = np.array(test[cols${cut}].astype(float))
      y = np.array(train["label"])
      model = RandomForestClassifier().fit(X, y)
      print(model.score(X_test, np.array(test["label"])))
    `;
    it('fires when the slice keeps the label (cols[1:])', () => {
      const s = src('[1:]');
      assert.deepEqual(lines(s, TARGET), [lineOf(s, 'X = np.array(')]);
    });
    it('does not fire when the slice leaves the label out (cols[:-1], cols[0:5])', () => {
      assert.deepEqual(lines(src('[:-1]'), TARGET), []);
      assert.deepEqual(lines(src('[0:5]'), TARGET), []);
    });
  });

  describe('the old .ix with an integer column range cuts by position, as iloc does; a name range is by label', () => {
    const src = (cols: string): string => py`
      import pandas as pd
      from sklearn.neural_network import MLPClassifier
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("patients.csv")
      X = df.ix[:, ${cols}].values
      y = df["outcome"].values
      X_train, X_test, y_train, y_test = train_test_split(X, y)
      model = MLPClassifier().fit(X_train, y_train)
      print(model.score(X_test, y_test))
    `;
    it('fires for a range of column names that ends at the label', () => {
      const s = src('"age":"outcome"');
      assert.deepEqual(lines(s, TARGET), [lineOf(s, 'X = df.ix')]);
    });
    it('does not fire for an integer range (which columns it holds is not known here)', () => {
      assert.deepEqual(lines(src('0:8'), TARGET), []);
    });
  });

  describe('the frame\'s columns as a set minus a set of names are every column but those names', () => {
    const src = (minus: string): string => py`
      import pandas as pd
      from sklearn.linear_model import LinearRegression
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("rides.csv")
      target = "tickets"
      features = list(set(df.columns.tolist()) - ${minus})
      X = df[features].values
      y = df[target].values
      X_train, X_test, y_train, y_test = train_test_split(X, y)
      model = LinearRegression().fit(X_train, y_train)
      print(model.score(X_test, y_test))
    `;
    it('fires when the names taken away leave the label in', () => {
      const s = src('{"ride_id"}');
      assert.deepEqual(lines(s, TARGET), [lineOf(s, 'X = df[features]')]);
    });
    it('does not fire when the label is taken away ({target}, set([target, "ride_id"]))', () => {
      assert.deepEqual(lines(src('{target}'), TARGET), []);
      assert.deepEqual(lines(src('set([target, "ride_id"])'), TARGET), []);
    });
  });
});
