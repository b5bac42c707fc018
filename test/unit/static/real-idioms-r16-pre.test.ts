/**
 * Round 16 (r16-pre): preprocessing classes. Each class has a case that must fire and a look-alike that
 * must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 16, r16-pre)', () => {
  describe('leakage/preprocessing: `df = df.fillna(stat, inplace=True)` keeps the filled frame under its name (the author\'s intent)', () => {
    it('fires when the whole table is filled with its own means before the split', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        from sklearn.metrics import r2_score
        df = pd.read_csv("weekly.csv")
        df = df.fillna(df.mean(), inplace=True)
        df["ratio"] = df["a"] / df["b"]
        X = df[["a", "b", "ratio"]]
        y = df["cases"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, shuffle=False)
        reg = LinearRegression().fit(X_tr, y_tr)
        print(r2_score(y_te, reg.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [6]);
    });
    it('does not fire when the same self-assignment fills the training part with its own means', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        from sklearn.metrics import r2_score
        df = pd.read_csv("weekly.csv")
        X = df[["a", "b"]]
        y = df["cases"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, shuffle=False)
        means = X_tr.mean()
        X_tr = X_tr.fillna(means, inplace=True)
        X_te = X_te.fillna(means, inplace=True)
        reg = LinearRegression().fit(X_tr, y_tr)
        print(r2_score(y_te, reg.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a table built from a fitted selector\'s results (pd.DataFrame(sfs.get_metric_dict())) is those results', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from mlxtend.feature_selection import SequentialFeatureSelector as SFS
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.model_selection import GridSearchCV, train_test_split
      from sklearn.metrics import roc_auc_score
      df = pd.read_csv("train.csv")
      X = df.drop(columns=["label"]).values
      y = df["label"].values
    `;
    const pick = (rows: string) => py`
      sfs = SFS(RandomForestClassifier(), k_features=8, scoring="roc_auc", cv=5).fit(${rows})
      table = pd.DataFrame.from_dict(sfs.get_metric_dict()).T
      best = np.array(table.loc[table.avg_score.astype(float).idxmax(), "feature_idx"])
    `;
    it('fires when the columns it picked on all training rows feed a search whose best_score_ is printed', () => {
      const src = head + pick('X, y') + py`
        search = GridSearchCV(RandomForestClassifier(), {"max_depth": [4, 8]}, cv=5)
        search.fit(X[:, best], y)
        print(search.best_score_)
      `;
      assert.equal(rules(src, 'leakage/preprocessing').length, 1);
    });
    it('does not fire when the selector saw only the training part and the clean test part is scored', () => {
      const src = head + py`
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      ` + pick('X_tr, y_tr') + py`
        model = RandomForestClassifier().fit(X_tr[:, best], y_tr)
        print(roc_auc_score(y_te, model.predict_proba(X_te[:, best])[:, 1]))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });
});
