/**
 * Round 17 (r17-srv): serving (refit-at-inference) classes from real code. Each class has a case that
 * must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const REFIT = 'mismatch/refit-at-inference';
const PRE = 'leakage/preprocessing';

describe('real-notebook idioms, round 17 (r17-srv)', () => {
  describe('a trailing window of a series at each loop position is a per-row history feature, not a statistic of the scored batch', () => {
    const src = (value: string): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      df = pd.read_csv("visits.csv")
      n = int(len(df) * 0.8)
      train_s = df["users"][:n].reset_index(drop=True)
      test_s = df["users"][n:].reset_index(drop=True)
      def make_features(s):
          rows = []
          for i in range(len(s)):
              row = [i]
              if i >= 3:
                  row.append(${value})
              else:
                  row.append(s.iloc[0])
              rows.append(row)
          return np.array(rows)
      model = RandomForestRegressor().fit(make_features(train_s), train_s.values)
      pred = model.predict(make_features(test_s))
      print(np.sqrt(np.mean((pred - test_s.values) ** 2)))
    `;
    it('fires for the mean of the whole test series put in every row', () => {
      const s = src('s.mean()');
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'row.append(s.mean())')]);
    });
    it('does not fire for the mean of the three values before the row (s.iloc[i - 3:i])', () => {
      assert.deepEqual(lines(src('s.iloc[i - 3:i].mean()'), REFIT), []);
    });
    it('does not fire for the expanding mean up to the row (s.iloc[:i + 1], s[:i])', () => {
      assert.deepEqual(lines(src('s.iloc[:i + 1].mean()'), REFIT), []);
      assert.deepEqual(lines(src('s[:i].mean()'), REFIT), []);
    });
  });

  describe('a recursive forecast built from the newest values of a growing history is a lag feature, not a batch statistic', () => {
    const src = (value: string): string => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestRegressor
      df = pd.read_csv("visits.csv")
      n = int(len(df) * 0.8)
      train, test = df[:n], df[n:]
      X_tr = pd.DataFrame({"lag1": train["users"].shift(1), "avg3": train["users"].rolling(3).mean()}).dropna()
      model = RandomForestRegressor().fit(X_tr, train["users"].loc[X_tr.index])
      hist = pd.concat([train["users"], test["users"]])
      preds = []
      for step in range(30):
          row = [[hist.iloc[-1], ${value}]]
          p = model.predict(row)[0]
          preds.append(p)
          hist = pd.concat([hist, pd.Series([p])])
      print(preds)
    `;
    it('still reports the mean of the whole history, test rows included', () => {
      const s = src('hist.mean()');
      const at = lineOf(s, 'hist.mean()');
      assert.equal([...lines(s, REFIT), ...lines(s, PRE)].includes(at), true);
    });
    it('does not fire for the mean of the last three values (hist.iloc[-3:].mean())', () => {
      const s = src('hist.iloc[-3:].mean()');
      assert.deepEqual([...lines(s, REFIT), ...lines(s, PRE)], []);
    });
  });

  describe('a transformer fitted again on the training part the model was trained on (a bias column stacked beside it) scores no new batch', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import StandardScaler
      from sklearn.linear_model import Ridge
      df = pd.read_csv("houses.csv")
      X = df[["rooms", "area", "age"]]
      y = df["price"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      scaler = StandardScaler()
      ridge = Ridge().fit(scaler.fit_transform(X_train), y_train)
      print(ridge.score(scaler.transform(X_test), y_test))
    `;
    it('does not fire when the second scaler is fitted on the training part (with a column of ones) and the training part is scored', () => {
      const s = head + py`
        X_train_b = np.column_stack([np.ones(X_train.shape[0]), X_train])
        X_test_b = np.column_stack([np.ones(X_test.shape[0]), X_test])
        scaler2 = StandardScaler()
        X_train_s = scaler2.fit_transform(X_train_b)
        X_test_s = scaler2.transform(X_test_b)
        train_preds = ridge.predict(X_train_s)
        test_preds = ridge.predict(X_test_s)
        print(np.mean((test_preds - y_test) ** 2), np.mean((train_preds - y_train) ** 2))
      `;
      assert.deepEqual(lines(s, REFIT), []);
    });
    it('fires when the second scaler is fitted on another file that the model then scores', () => {
      const s = head + py`
        other = pd.read_csv("houses_2024.csv")
        X2 = np.column_stack([np.ones(len(other)), other[["rooms", "area", "age"]]])
        scaler2 = StandardScaler()
        X2_s = scaler2.fit_transform(X2)
        print(ridge.score(X2_s, other["price"]))
      `;
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'X2_s = scaler2.fit_transform')]);
    });
    it('fires when the second scaler is fitted on the test part', () => {
      const s = head + py`
        scaler2 = StandardScaler()
        X_test_s = scaler2.fit_transform(X_test)
        print(ridge.score(X_test_s, y_test))
      `;
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'X_test_s = scaler2.fit_transform')]);
    });
  });

  describe('a copy of every row named "test" (df_test = df.copy()) for an analysis is not a held-out part', () => {
    const rare = py`
      import pandas as pd
      from scipy.stats import chi2_contingency
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("sessions.csv")
      def merge_rare(series, threshold=0.05):
          counts = series.value_counts(normalize=True)
          rare = counts[counts < threshold].index
          return series.apply(lambda x: "Other" if x in rare else x)
    `;
    it('does not fire for rare categories merged in a copy of all rows for a chi-square test', () => {
      const s = rare + py`
        df_test = df.copy()
        for col in ["month", "visitor"]:
            df_test[col] = merge_rare(df_test[col])
            print(chi2_contingency(pd.crosstab(df_test[col], df_test["bought"])))
        train = df[df["year"] < 2020]
        test = df[df["year"] >= 2020]
        model = LogisticRegression().fit(train[["pages", "duration"]], train["bought"])
        print(model.score(test[["pages", "duration"]], test["bought"]))
      `;
      assert.deepEqual([...lines(s, REFIT), ...lines(s, PRE)], []);
    });
    it('fires when the rows named test are a cut of the data, merged with their own counts and scored', () => {
      const s = rare + py`
        train = df[df["year"] < 2020].copy()
        df_test = df[df["year"] >= 2020].copy()
        for col in ["month", "visitor"]:
            train[col] = merge_rare(train[col])
            df_test[col] = merge_rare(df_test[col])
        X_tr = pd.get_dummies(train[["month", "visitor", "pages"]])
        X_te = pd.get_dummies(df_test[["month", "visitor", "pages"]]).reindex(columns=X_tr.columns, fill_value=0)
        model = LogisticRegression().fit(X_tr, train["bought"])
        print(model.score(X_te, df_test["bought"]))
      `;
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'counts = series.value_counts')]);
    });
  });

  describe('a function wrapped as a pipeline step that returns its batch filled with the batch\'s own statistic refits at every predict', () => {
    const src = (step: string, extra = ''): string => py`
      import numpy as np
      import pandas as pd
      from sklearn.pipeline import Pipeline
      from sklearn.preprocessing import FunctionTransformer
      from sklearn.linear_model import LinearRegression
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("houses.csv")
      X = df[["rooms", "area"]]
      y = df["price"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      ${extra}
      pipe = Pipeline([("impute", FunctionTransformer(${step})), ("model", LinearRegression())])
      pipe.fit(X_train, y_train)
      print(np.mean((pipe.predict(X_test) - y_test) ** 2))
    `;
    it('fires for a lambda that fills gaps with np.nanmedian of what it is given', () => {
      const s = src('lambda a: np.where(np.isnan(a), np.nanmedian(a, axis=0), a)');
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'FunctionTransformer(lambda')]);
    });
    it('fires for a function that returns frame.fillna(frame.median())', () => {
      const s = src('fill', 'def fill(frame):\n          return frame.fillna(frame.median())');
      assert.deepEqual(lines(s, REFIT), [lineOf(s, 'return frame.fillna(frame.median())')]);
    });
    it('does not fire for a constant fill, nor for medians of the training rows passed in', () => {
      assert.deepEqual(lines(src('fill', 'def fill(frame):\n          return frame.fillna(0)'), REFIT), []);
      const learned = src('fill, kw_args={"med": X_train.median()}', 'def fill(frame, med=None):\n          return frame.fillna(med)');
      assert.deepEqual(lines(learned, REFIT), []);
    });
  });

  describe('a function named serve_<what is served> is serving code; serve_<a noun of the data> (a tennis serve) is not', () => {
    const training = (name: string): string => py`
      import pandas as pd
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.neural_network import MLPClassifier
      from sklearn.model_selection import train_test_split
      matches = pd.read_csv("matches.csv")
      def ${name}(df):
          stats = df[["aces", "first_serve_won"]]
          scaler = MinMaxScaler()
          df["serve_rating"] = scaler.fit_transform(stats).mean(axis=1)
          return df
      matches = ${name}(matches)
      X = matches[["serve_rating", "rank_diff"]]
      y = matches["won"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, shuffle=False, test_size=0.2)
      clf = MLPClassifier().fit(X_tr, y_tr)
      print(clf.score(X_te, y_te))
    `;
    const app = (name: string): string => py`
      import joblib
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      model = joblib.load("model.pkl")
      def ${name}(payload):
          df = pd.DataFrame(payload)
          X = StandardScaler().fit_transform(df[["a", "b"]])
          return model.predict(X)
    `;
    it('fires for a scaler refitted inside serve() / serve_request()', () => {
      for (const name of ['serve', 'serve_request']) {
        const s = app(name);
        assert.deepEqual(lines(s, REFIT), [lineOf(s, 'StandardScaler().fit_transform')]);
      }
    });
    it('a feature helper serve_stats_rating in a training script is not serving: its all-rows scaler is preprocessing', () => {
      const s = training('serve_stats_rating');
      assert.deepEqual(lines(s, REFIT), []);
      assert.deepEqual(lines(s, PRE), [lineOf(s, 'scaler.fit_transform(stats)')]);
    });
  });
});
