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
});
