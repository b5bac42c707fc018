/**
 * Round 20, overlap recall: classes behind the overlap misses on the dev corpus, each with a case that
 * must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 20 (overlap recall)', () => {
  describe('leakage/overlap: a held-out part cut again into test and validation halves keeps both halves held out', () => {
    // X_train, X_valid = split(X); X_test, X_valid = split(X_valid): the first output of the second split is
    // named and used as the test set. It is a half of held-out rows, not a training part, whether the first
    // split called its held-out side test or validation.
    const src = (scored: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split, cross_val_score
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("churn.csv")
      X = df.drop(columns=["churned"])
      y = df["churned"]
      X_train, X_valid, y_train, y_valid = train_test_split(X, y, test_size=0.4, random_state=0)
      X_test, X_valid, y_test, y_valid = train_test_split(X_valid, y_valid, test_size=0.5, random_state=0)
      model = RandomForestClassifier(random_state=0).fit(X_train, y_train)
      print("validation accuracy", model.score(X_valid, y_valid))
      scores = cross_val_score(model, ${scored}, cv=5)
      print("test accuracy", scores.mean())
    `;
    it('fires when the test half is cross-validated and its fold mean reported as the test score (U2)', () => {
      assert.deepEqual(found(src('X_test, y_test'), 'leakage/overlap'), ['11:warning']);
    });
    it('does not fire when the training part is cross-validated', () => {
      assert.deepEqual(found(src('X_train, y_train'), 'leakage/overlap'), []);
    });
    // The same after a row subset of the labelled frame, named `train` as Kaggle's train.csv usually is (a class
    // undersampled by index): the subset is taken as a training part, so the first split holds out a validation
    // part of it, and the halving of that part is held out all the same.
    const undersampled = (scored: string) => py`
      import pandas as pd
      from sklearn.utils import shuffle
      from sklearn.model_selection import train_test_split, cross_val_score
      from sklearn.tree import DecisionTreeClassifier
      train = pd.read_csv("train.csv")
      idx_0 = train[train.target == 0].index
      idx_1 = train[train.target == 1].index
      kept_0 = shuffle(idx_0, random_state=0, n_samples=len(idx_1) * 9)
      train = train.loc[list(kept_0) + list(idx_1)].reset_index(drop=True)
      X = train.drop(columns=["target"])
      y = train["target"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      X_test, X_val, y_test, y_val = train_test_split(X_test, y_test, test_size=0.5, random_state=0)
      tree = DecisionTreeClassifier(max_depth=3).fit(X_train, y_train)
      print("test accuracy", tree.score(X_test, y_test))
      scores = cross_val_score(tree, ${scored}, scoring="roc_auc", cv=5)
      print("Mean ROC AUC on Test Set: %.3f" % scores.mean())
    `;
    it('fires after an index undersampling of the frame before the split', () => {
      assert.deepEqual(found(undersampled('X_test, y_test'), 'leakage/overlap'), ['16:warning']);
    });
    it('does not fire after the undersampling when the training part is cross-validated', () => {
      assert.deepEqual(found(undersampled('X_train, y_train'), 'leakage/overlap'), []);
    });
  });
  describe('a yellowbrick scoring visualizer is the model it wraps: its fit fits the model, its score scores it', () => {
    // ROCAUC(model), ConfusionMatrix(model), ResidualsPlot(model)...: visualizer.fit(X, y) fits the wrapped model and
    // visualizer.score(X, y) draws that model's score on the rows given, the notebook's result for it.
    const src = (scored: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from yellowbrick.classifier import ROCAUC
      df = pd.read_csv("loans.csv")
      X = df.drop(columns=["default"])
      y = df["default"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7)
      visualizer = ROCAUC(LogisticRegression(max_iter=500), classes=["paid", "default"])
      visualizer.fit(X_train, y_train)
      visualizer.score(${scored})
      visualizer.show()
    `;
    it('fires (leakage/overlap) when it scores the training part and the held-out part is never scored', () => {
      assert.deepEqual(found(src('X_train, y_train'), 'leakage/overlap'), ['11:warning']);
    });
    it('does not fire when it scores the held-out part', () => {
      assert.deepEqual(found(src('X_test, y_test'), 'leakage/overlap'), []);
    });
    // Two models drawn on the same test set are compared there, as two score calls would be.
    const two = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      from sklearn.ensemble import RandomForestRegressor
      from yellowbrick.regressor import ResidualsPlot
      df = pd.read_csv("prices.csv")
      X = df.drop(columns=["price"])
      y = df["price"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=7)
      for reg in [Ridge(alpha=1.0), RandomForestRegressor(n_estimators=200)]:
          viz = ResidualsPlot(reg)
          viz.fit(X_train, y_train)
          viz.score(X_test, y_test)
          viz.show()
    `;
    it('fires (leakage/multi-test) when two models are drawn on the same test set', () => {
      assert.ok(found(two, 'leakage/multi-test').length > 0);
    });
  });
  describe('leakage/overlap: a search\'s best estimator refitted on all the searched rows and scored on them after best_score_ is printed (call L)', () => {
    // best_estimator_.fit(X, y) refits the chosen model on the rows the search cross-validated; its score on those rows is
    // an in-sample fit shown in place of the printed cross-validated score.
    const src = (report: string) => py`
      import pandas as pd
      from sklearn.model_selection import RandomizedSearchCV
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import roc_auc_score
      data = pd.read_csv("survey.csv")
      X, y = data.drop(columns=["id", "target"]), data["target"]
      search = RandomizedSearchCV(LogisticRegression(solver="liblinear"), {"C": [0.01, 0.1, 1, 10]}, scoring="roc_auc", cv=10, n_iter=4)
      search.fit(X, y)
      ${report}
      best = search.best_estimator_
      best.fit(X, y)
      print("AUC", roc_auc_score(y, best.predict_proba(X)[:, 1]))
    `;
    it('fires when the search\'s best_score_ was printed', () => {
      assert.deepEqual(found(src('print("CV AUC", search.best_score_)'), 'leakage/overlap'), ['12:warning']);
    });
    it('does not fire when the search only picked the settings (its score never shown): a descriptive fit (a069)', () => {
      assert.deepEqual(found(src('print("chosen", search.best_params_)'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: a model loaded from disk cross-validated on the rows of a test file, its fold scores reported (U2)', () => {
    // The model was trained by another step of the repository; cross_val_score refits clones of it on folds of the test
    // file's rows, so the scores reported for the test set come from models trained on test rows.
    const src = (rows: string, file = 'test.csv') => py`
      import pickle
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import cross_val_score
      from sklearn.metrics import f1_score
      model = pickle.load(open("gbc.pkl", "rb"))
      test_df = pd.read_csv("${file}")
      X_te, y_te = test_df.drop(columns=["clicked"]), test_df["clicked"]
      print("test f1", f1_score(y_te, model.predict(X_te)))
      scores = cross_val_score(model, ${rows}, scoring="f1", cv=5)
      print("test cv f1", np.mean(scores))
    `;
    it('fires when the loaded model is cross-validated on the test file', () => {
      assert.deepEqual(found(src('X_te, y_te'), 'leakage/overlap'), ['10:warning']);
    });
    it('does not fire when the file read is a training file', () => {
      assert.deepEqual(found(src('X_te, y_te', 'train.csv'), 'leakage/overlap'), []);
    });
    it('does not fire when the file read is a validation file (a separate test set may exist: U2 needs the only held-out set)', () => {
      assert.deepEqual(found(src('X_te, y_te', 'validation.csv'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: a model fitted on one random split, scored on the held-out part of a random split of a sample of the same rows', () => {
    // X_cut, _ = split(X, test_size=0.8); X_tr, X_val = split(X_cut): the new held-out rows are drawn from all the rows,
    // so about the first split's training fraction of them were in the model's fit.
    const src = (second: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import roc_auc_score
      df = pd.read_csv("campaign.csv")
      X = df.drop(columns=["converted"])
      y = df["converted"]
      X_train, X_val, y_train, y_val = train_test_split(X, y, test_size=0.2, shuffle=True)
      model = RandomForestClassifier().fit(X_train, y_train)
      print("val auc", roc_auc_score(y_val, model.predict_proba(X_val)[:, 1]))
      ${second}
      print("val auc on the subset", roc_auc_score(y_val, model.predict_proba(X_val)[:, 1]))
    `;
    const resample = 'X_cut, _, y_cut, _ = train_test_split(X, y, test_size=0.8, shuffle=True)\n      X_train, X_val, y_train, y_val = train_test_split(X_cut, y_cut, test_size=0.3, shuffle=True)';
    it('fires when the model of the first split is scored on the new held-out part', () => {
      assert.deepEqual(found(src(resample), 'leakage/overlap'), ['13:error']);
    });
    it('does not fire when the model is refitted on the new training part first', () => {
      assert.deepEqual(found(src(`${resample}\n      model = RandomForestClassifier().fit(X_train, y_train)`), 'leakage/overlap'), []);
    });
    it('does not fire when the second split cuts the first split\'s held-out part', () => {
      assert.deepEqual(found(src('X_a, X_val, y_a, y_val = train_test_split(X_val, y_val, test_size=0.5, shuffle=True)'), 'leakage/overlap'), []);
    });
  });
});
