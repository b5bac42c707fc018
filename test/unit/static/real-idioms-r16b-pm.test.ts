/**
 * Round 16, second wave (r16b-pm): preprocessing and multi-test classes. Each class has a case that must fire and
 * look-alikes that must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 16, r16b-pm)', () => {
  describe('leakage/preprocessing: a series mask in the column place (df.loc[:, corr.abs() > t], X.columns[mask]) picks features by their correlation with the label', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      data = pd.read_csv("sensors.csv")
      target = data["yield"]
      feats = data.drop(columns=["yield"])
    `;
    const tail = py`
      a_tr, a_te, b_tr, b_te = train_test_split(feats, target, test_size=0.25, random_state=1)
      m = Ridge().fit(a_tr, b_tr)
      print(mean_absolute_error(b_te, m.predict(a_te)))
    `;
    it('fires for a corrwith mask reduced by .abs() before the split', () => {
      const src = head + '\nrel = feats.corrwith(target)\nfeats = feats.loc[:, rel.abs() > 0.2]\n' + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [10]);
    });
    it('fires for the label column of a correlation matrix used as the mask', () => {
      const src = head + '\nrel = data.corr()["yield"].abs()\nfeats = feats[feats.columns[rel.drop("yield") > 0.2]]\n' + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [10]);
    });
    it('does not fire for a pairwise collinearity screen (upper triangle, .any()), whatever the frames are named', () => {
      const src = head + '\ncm = feats.corr().abs()\nupper = cm.where(np.triu(np.ones(cm.shape), k=1).astype(bool))\nfeats = feats.loc[:, ~(upper > 0.9).any()]\n' + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire for masks of each column alone (missing share, variance)', () => {
      const src = head + '\nfeats = feats.loc[:, feats.isnull().mean() < 0.4]\nfeats = feats[feats.columns[feats.var() > 0.01]]\n' + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the correlation is taken on the training part only', () => {
      const src = head + py`
        a_tr, a_te, b_tr, b_te = train_test_split(feats, target, test_size=0.25, random_state=1)
        rel = a_tr.corrwith(b_tr)
        a_tr = a_tr.loc[:, rel.abs() > 0.2]
        a_te = a_te.loc[:, rel.abs() > 0.2]
        m = Ridge().fit(a_tr, b_tr)
        print(mean_absolute_error(b_te, m.predict(a_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the masked frame is only displayed', () => {
      const src = head + '\nrel = feats.corrwith(target)\nprint(feats.loc[:, rel.abs() > 0.2].head())\n' + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: one triangle of a feature correlation matrix (corr.where(np.triu(...))) feeds a label-free collinearity screen (g021)', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.neighbors import KNeighborsRegressor
      from sklearn.metrics import r2_score
      frame = pd.read_csv("plant.csv")
      out = frame["output"]
      inp = frame.drop(columns=["output"])
      cm = inp.corr().abs()
      tri = cm.where(np.triu(np.ones(cm.shape), k=1).astype(bool))
      redundant = [c for c in tri.columns if any(tri[c] > 0.92)]
    `;
    const tail = py`
      p_tr, p_te, q_tr, q_te = train_test_split(inp, out, test_size=0.3, random_state=7)
      knn = KNeighborsRegressor().fit(p_tr, q_tr)
      print(r2_score(q_te, knn.predict(p_te)))
    `;
    it('does not fire when the screened names are left out by a comprehension', () => {
      const src = head + '\ninp = inp[[c for c in inp.columns if c not in redundant]]\n' + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('still fires for a scaler fitted on all rows after the screen', () => {
      const src = head + '\ninp = inp[[c for c in inp.columns if c not in redundant]]\ninp = pd.DataFrame(MinMaxScaler().fit_transform(inp))\n' + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [15]);
    });
    it('still fires when the label column of the same matrix picks the features', () => {
      const src = head + '\nfull = frame.corr().abs()\ninp = inp[[c for c in inp.columns if full.loc[c, "output"] > 0.2]]\n' + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [14]);
    });
  });

  describe('leakage/multi-test: a test score bound to a name nothing reads, beside another model\'s shown score, is no evaluation (zo002 rule)', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split, GridSearchCV
      from sklearn.svm import SVC
      from sklearn.metrics import f1_score, classification_report
      cells = pd.read_csv("cells.csv")
      u_tr, u_te, v_tr, v_te = train_test_split(cells.drop(columns=["kind"]), cells["kind"], test_size=0.2, random_state=3)
      plain = SVC().fit(u_tr, v_tr)
      plain_f1 = f1_score(v_te, plain.predict(u_te), average="macro")
      search = GridSearchCV(SVC(), {"C": [0.1, 1, 10]}, cv=5).fit(u_tr, v_tr)
      tuned = search.best_estimator_
    `;
    it('does not fire when the first model\'s score is computed and never read', () => {
      const src = head + '\nprint(classification_report(v_te, tuned.predict(u_te)))\n';
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
    it('fires when that score is printed', () => {
      const src = head + '\nprint(f"plain {plain_f1:.3f}")\nprint(classification_report(v_te, tuned.predict(u_te)))\n';
      assert.deepEqual(rules(src, 'leakage/multi-test'), [13]);
    });
    it('fires when that score is stored in a results table', () => {
      const src = head + '\nresults = {"plain": plain_f1, "tuned": f1_score(v_te, tuned.predict(u_te), average="macro")}\nprint(results)\n';
      assert.deepEqual(rules(src, 'leakage/multi-test'), [12]);
    });
  });
});
