/**
 * Round 15, the lead's post-holdout fix: a class behind an error-level false alarm on the round's
 * holdout, with a case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyze, py, found } from './helpers';

describe('real-notebook idioms, round 15 (lead, after the holdout)', () => {
  describe('leakage/overlap: each class picked by its own mask, cut by position and stacked back (a per-class split)', () => {
    const src = (stack: string) => py`
      import pandas as pd
      from sklearn.model_selection import GridSearchCV
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("candidates.csv")
      pos = df[df["label"] == 1]
      neg = df[df["label"] == 0]
      pos_train = pos.iloc[:200]
      neg_train = neg.iloc[:200]
      pos_test = pos.iloc[200:]
      neg_test = neg.iloc[200:]
      ${stack}
      test = pd.concat([pos_test, neg_test], ignore_index=True)
      grid = GridSearchCV(RandomForestClassifier(), {"max_depth": [3, 5]}, cv=5)
      grid.fit(train.drop(columns=["label"]), train["label"])
      print(grid.best_score_)
      print(grid.score(test.drop(columns=["label"]), test["label"]))
    `;
    it('does not fire: the two classes are different rows, so the stacked training part repeats none', () => {
      assert.deepEqual(found(src('train = pd.concat([pos_train, neg_train], ignore_index=True)'), 'leakage/overlap'), []);
    });
    it('fires when the positive part is stacked twice (oversampled) before the cross-validation', () => {
      const s = src('train = pd.concat([pos_train, pos_train, neg_train], ignore_index=True)');
      assert.equal(found(s, 'leakage/overlap').length, 1);
    });
    it('fires when a class is stacked back beside all the rows it was picked from', () => {
      const s = src('train = pd.concat([df, pos_train], ignore_index=True)');
      assert.equal(found(s, 'leakage/overlap').length, 1);
    });
  });

  describe('leakage/target: a target encoding (per-group mean of the label) in a file that scores no held-out rows', () => {
    const src = (tail: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("staff.csv")
      df["dept_rate"] = df["dept"].map(df.groupby("dept")["promoted"].mean())
      X = df[["dept_rate", "tenure", "rating"]]
      y = df["promoted"]
      ${tail}
    `;
    it('is an error when the model is scored on held-out rows of the encoded frame', () => {
      const s = src('X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)\nclf = RandomForestClassifier().fit(X_tr, y_tr)\nprint(clf.score(X_te, y_te))');
      assert.deepEqual(found(s, 'leakage/target'), [`${s.split('\n').findIndex((l) => l.includes('dept_rate"] =')) + 1}:error`]);
    });
    it('is a warning that says the assumption when the file only fits and predicts a submission', () => {
      const s = src('clf = RandomForestClassifier().fit(X, y)\ntest = pd.read_csv("test.csv")\npd.DataFrame({"p": clf.predict(test[["tenure", "rating"]])}).to_csv("sub.csv")');
      const f = analyze(s, 'train.py').filter((x) => x.ruleId === 'leakage/target');
      assert.equal(f.length, 1);
      assert.equal(f[0].severity, 'warning');
      assert.match(f[0].message, /Assumed: the model is evaluated elsewhere/);
    });
  });

  describe('mismatch/refit-at-inference: pd.get_dummies at serving on the reference table, read only for its column names', () => {
    const src = (encode: string) => py`
      import joblib
      import pandas as pd
      model = joblib.load("models/model.pkl")
      ref = pd.read_csv("datasets/vehicles.csv")
      ref = ref.drop(columns=["mpg"])
      request = pd.DataFrame([{"displ": 2.5, "cylinders": 4, "drive": "AWD"}])
      ${encode}
      print(model.predict(X))
    `;
    it('does not fire when the request is only aligned to the encoded reference table\'s columns', () => {
      const s = src('columns = pd.get_dummies(ref).columns\nX = pd.get_dummies(request).reindex(columns=columns, fill_value=0)');
      assert.deepEqual(found(s, 'mismatch/refit-at-inference', 'predict.py'), []);
    });
    it('fires when the request itself is encoded and predicted without alignment', () => {
      const s = src('columns = pd.get_dummies(ref).columns\nX = pd.get_dummies(request)');
      assert.equal(found(s, 'mismatch/refit-at-inference', 'predict.py').length, 1);
    });
  });

  describe('leakage/overlap: a model scored on its own training rows inside a function nothing calls', () => {
    const src = (call: string) => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import precision_score
      rf = RandomForestClassifier(random_state=1)
      def make_predictions(data, predictors):
          train = data[data["date"] < "2023-01-01"]
          test = train = data[data["date"] > "2023-01-01"]
          rf.fit(train[predictors], train["target"])
          preds = rf.predict(test[predictors])
          return precision_score(test["target"], preds)
      matches = pd.read_csv("matches.csv")
      ${call}
    `;
    it('is an error when the function is called', () => {
      assert.deepEqual(found(src('print(make_predictions(matches, ["home", "form"]))'), 'leakage/overlap').map((x) => x.split(':')[1]), ['error']);
    });
    it('is a warning that says the assumption when nothing calls it', () => {
      const f = analyze(src('print(matches.shape)'), 'train.py').filter((x) => x.ruleId === 'leakage/overlap');
      assert.deepEqual(f.map((x) => x.severity), ['warning']);
      assert.match(f[0].message, /Assumed: the function holding this evaluation is called/);
    });
  });

  describe('mismatch/refit-at-inference: a request row stacked with the training table before encoding, then kept', () => {
    const src = (encode: string) => py`
      import joblib
      import pandas as pd
      import streamlit as st
      from sklearn.preprocessing import LabelEncoder
      model = joblib.load("model.pkl")
      request = pd.DataFrame([{"season": st.selectbox("Season", ["Winter", "Summer"]), "hour": st.slider("Hour", 0, 23)}])
      train = pd.read_csv("bike_data.csv").drop(columns=["count"])
      ${encode}
      st.write(model.predict(row))
    `;
    it('does not fire: get_dummies over the request and the training table follows the training categories', () => {
      const s = src('stacked = pd.concat([request, train], axis=0)\nencoded = pd.get_dummies(stacked)\nrow = encoded[:1]');
      assert.deepEqual(found(s, 'mismatch/refit-at-inference', 'app.py'), []);
    });
    it('does not fire: a LabelEncoder fitted on the request and the training table together', () => {
      const s = src('stacked = pd.concat([request, train], axis=0)\nstacked["season"] = LabelEncoder().fit_transform(stacked["season"])\nrow = stacked[:1]');
      assert.deepEqual(found(s, 'mismatch/refit-at-inference', 'app.py'), []);
    });
    it('fires when the request alone is encoded', () => {
      const s = src('row = pd.get_dummies(request)');
      assert.equal(found(s, 'mismatch/refit-at-inference', 'app.py').length, 1);
    });
    it('fires when a LabelEncoder is fitted on the request alone', () => {
      const s = src('request["season"] = LabelEncoder().fit_transform(request["season"])\nrow = request');
      assert.equal(found(s, 'mismatch/refit-at-inference', 'app.py').length, 1);
    });
  });
});
