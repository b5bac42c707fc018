/**
 * Round 15, second wave (helper r15b-mt): multi-test classes from real code. Each class has a case that
 * must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const multi = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/multi-test');

describe('real-notebook idioms, round 15 second wave (r15b-mt)', () => {
  describe('leakage/multi-test: recommender ranking metrics (precision_at_k) on a random_train_test_split cut', () => {
    const head = py`
      import pandas as pd
      from scipy.sparse import csr_matrix
      from lightfm import LightFM
      from lightfm.cross_validation import random_train_test_split
      from lightfm.evaluation import precision_at_k
      ratings = pd.read_csv("ratings.csv")
      mat = csr_matrix(ratings.pivot_table(index="user", columns="item", values="stars").fillna(0).values)
      train, test = random_train_test_split(mat, test_percentage=0.25)
    `;
    it('fires when several settings are each fitted and scored by precision_at_k on the same test interactions', () => {
      const src = head + py`
        for dim in [16, 32, 64]:
            model = LightFM(loss="warp", no_components=dim)
            model.fit(train, epochs=5)
            print(dim, precision_at_k(model, test, k=10).mean())
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one setting is fitted and scored once', () => {
      const src = head + py`
        model = LightFM(loss="warp", no_components=32)
        model.fit(train, epochs=5)
        print(precision_at_k(model, test, k=10).mean())
      `;
      assert.equal(multi(src).length, 0);
    });
  });
  describe('leakage/multi-test: a per-group rescaling of the model\'s prediction column is that model, not a baseline', () => {
    const head = py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import log_loss, balanced_accuracy_score
      train = pd.read_csv("races_train.csv")
      test = pd.read_csv("races_test.csv")
      feats = ["speed", "weight"]
      model = LogisticRegression().fit(train[feats], train["won"])
      test["raw"] = model.predict_proba(test[feats])[:, 1]
      print(balanced_accuracy_score(test["won"], (test["raw"] >= 0.5).astype(int)))
    `;
    it('does not fire when the per-race normalised predictions of the same model are scored too', () => {
      const src = head + py`
        test["norm"] = test.groupby("race")["raw"].transform(lambda s: s / s.sum())
        print(log_loss(test["won"].values, test["norm"].values))
      `;
      assert.equal(multi(src).length, 0);
    });
    it('fires when a per-race normalised column of the held-out rows that is not a prediction is scored beside it', () => {
      const src = head + py`
        test["implied"] = test.groupby("race")["odds_prob"].transform(lambda s: s / s.sum())
        print(log_loss(test["won"].values, test["implied"].values))
      `;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: a walk-forward over periods picked by a mask on the loop value is a backtest (CV machinery)', () => {
    const head = py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      games = pd.read_csv("games.csv")
      cols = ["rating_diff", "form"]
    `;
    it('does not fire when two models are each scored on every later season by their own backtest helper', () => {
      const src = head + py`
        def backtest_lr(data, first=2010, last=2020):
            out = []
            for season in range(first, last + 1):
                train_df = data[data["season"] < season]
                test_df = data[data["season"] == season]
                m = LogisticRegression().fit(train_df[cols], train_df["home_win"])
                out.append(accuracy_score(test_df["home_win"], m.predict(test_df[cols])))
            return out
        def backtest_rf(data, first=2010, last=2020):
            out = []
            for season in range(first, last + 1):
                train_df = data[data["season"] < season]
                test_df = data[data["season"] == season]
                m = RandomForestClassifier().fit(train_df[cols], train_df["home_win"])
                out.append(accuracy_score(test_df["home_win"], m.predict(test_df[cols])))
            return out
        print(backtest_lr(games), backtest_rf(games))
      `;
      assert.equal(multi(src).length, 0);
    });
    it('fires when the two models are scored on one fixed held-out season', () => {
      const src = head + py`
        train_df = games[games["season"] < 2020]
        test_df = games[games["season"] == 2020]
        for m in [LogisticRegression(), RandomForestClassifier()]:
            m.fit(train_df[cols], train_df["home_win"])
            print(accuracy_score(test_df["home_win"], m.predict(test_df[cols])))
      `;
      assert.ok(multi(src).length > 0);
    });
  });
  describe('leakage/multi-test: data made anew in each pass of a size sweep and cut once is one split per experiment, not folds', () => {
    it('fires when two models are compared on the held-out part of the data generated in the pass', () => {
      const src = py`
        from sklearn.datasets import make_regression
        from sklearn.linear_model import Ridge
        from sklearn.ensemble import GradientBoostingRegressor
        from sklearn.metrics import mean_absolute_error
        for n_fit in [2000, 8000]:
            X, y = make_regression(n_samples=n_fit + n_fit // 5, n_features=10, random_state=0)
            X_fit, y_fit = X[:n_fit], y[:n_fit]
            X_hold, y_hold = X[n_fit:], y[n_fit:]
            for m in [Ridge(), GradientBoostingRegressor()]:
                m.fit(X_fit, y_fit)
                print(n_fit, type(m).__name__, mean_absolute_error(y_hold, m.predict(X_hold)))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when the rows are made once before the loop and the cut moves over them (rolling origin)', () => {
      const src = py`
        from sklearn.datasets import make_regression
        from sklearn.linear_model import Ridge
        from sklearn.ensemble import GradientBoostingRegressor
        from sklearn.metrics import mean_absolute_error
        X, y = make_regression(n_samples=10000, n_features=10, random_state=0)
        for m in [Ridge(), GradientBoostingRegressor()]:
            for n_fit in [2000, 4000, 6000, 8000]:
                X_fit, y_fit = X[:n_fit], y[:n_fit]
                X_hold, y_hold = X[n_fit:n_fit + 2000], y[n_fit:n_fit + 2000]
                m.fit(X_fit, y_fit)
                print(n_fit, type(m).__name__, mean_absolute_error(y_hold, m.predict(X_hold)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });
});
