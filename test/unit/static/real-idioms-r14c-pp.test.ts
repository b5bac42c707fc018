/**
 * Round 14 (r14c-pp): preprocessing precision classes. Each class has a case that must fire and a
 * look-alike that must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

const PD = py`
  import numpy as np
  import pandas as pd
  from sklearn.model_selection import train_test_split
  from sklearn.preprocessing import StandardScaler
  from sklearn.linear_model import LogisticRegression
  from sklearn.metrics import accuracy_score
  df = pd.read_csv("data.csv")
  X = df.drop(columns=["label"])
  y = df["label"]
`;

describe('real-notebook idioms (round 14, r14c-pp)', () => {
  describe('leakage/preprocessing: train_test_split that discards every held-out part (`_`) only draws a subsample', () => {
    it('fires when the held-out part is kept and scored after scaling all rows', () => {
      const src = PD + py`
        X_sc = StandardScaler().fit_transform(X)
        X_tr, X_te, y_tr, y_te = train_test_split(X_sc, y, train_size=0.8, random_state=0)
        model = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_te, model.predict(X_te)))
      `;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when the held-out parts are bound to `_` and the sample is only clustered', () => {
      const src = PD + py`
        from sklearn.cluster import KMeans, AgglomerativeClustering
        from sklearn.metrics import silhouette_score, adjusted_rand_score
        X_sc = StandardScaler().fit_transform(X)
        labels = KMeans(n_clusters=4, random_state=0).fit_predict(X_sc)
        X_s, _, lab_s, _ = train_test_split(X_sc, labels, train_size=2000, stratify=labels, random_state=0)
        hier = AgglomerativeClustering(n_clusters=4).fit_predict(X_s)
        print(silhouette_score(X_s, hier), adjusted_rand_score(lab_s, hier))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: K folds of the training part used only to train a fold ensemble, the clean test set the only score', () => {
    const head = PD + py`
      from sklearn.model_selection import StratifiedKFold
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      scaler = StandardScaler()
      Xs = scaler.fit_transform(X_train)
      Xt = scaler.transform(X_test)
      models = []
      for tr, va in StratifiedKFold(n_splits=5, shuffle=True, random_state=0).split(Xs, y_train):
          m = LogisticRegression().fit(Xs[tr], y_train.values[tr])
    `;
    it('fires when each fold is scored and the fold scores are reported', () => {
      const src = head + py`
          print("fold accuracy", accuracy_score(y_train.values[va], m.predict(Xs[va])))
          models.append(m)
      pred = np.mean([mm.predict_proba(Xt)[:, 1] for mm in models], axis=0)
      print("test accuracy", accuracy_score(y_test, pred > 0.5))
      `;
      assert.ok(rules(src, 'leakage/preprocessing').length > 0);
    });
    it('does not fire when the folds only train the models averaged on the test set', () => {
      const src = head + py`
          models.append(m)
      pred = np.mean([mm.predict_proba(Xt)[:, 1] for mm in models], axis=0)
      print("test accuracy", accuracy_score(y_test, pred > 0.5))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });
});
