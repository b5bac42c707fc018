/**
 * Round 18 (helper r18-pm): preprocessing and multi-test classes from real code. Each class has a case
 * that must fire and a look-alike that must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 18, r18-pm)', () => {
  describe('leakage/multi-test: the same seeded split of an oversampled copy of the data cuts another test set', () => {
    const head = py`
      import pandas as pd
      from imblearn.over_sampling import SMOTE
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.tree import DecisionTreeClassifier
      from sklearn.metrics import f1_score
      survey = pd.read_csv("survey.csv")
      X = survey[["sleep", "stress", "steps"]]
      y = survey["burnout"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=5)
      clf = LogisticRegression().fit(X_train, y_train)
      print("before SMOTE", f1_score(y_test, clf.predict(X_test)))
      X_res, y_res = SMOTE().fit_resample(X, y)
      X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, test_size=0.3, random_state=5)
      clf = LogisticRegression().fit(X_train, y_train)
      print("after SMOTE", f1_score(y_test, clf.predict(X_test)))
    `;
    it('fires when a second model is scored on the split of the resampled copy', () => {
      const src = head + py`
        tree = DecisionTreeClassifier(max_depth=3).fit(X_train, y_train)
        print("tree after SMOTE", f1_score(y_test, tree.predict(X_test)))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [18]);
    });
    it('does not fire for one model per cut (before and after resampling)', () => {
      assert.deepEqual(rules(head, 'leakage/multi-test'), []);
      // The resampling before the split is still overlap, placed on the split of the resampled rows.
      assert.deepEqual(rules(head, 'leakage/overlap'), [13]);
    });
  });

  describe('leakage/preprocessing: cross-validation inside a search objective whose score only the driver reads picks settings, it reports nothing', () => {
    const head = py`
      import optuna
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split, cross_val_score
      from sklearn.ensemble import GradientBoostingClassifier
      from sklearn.metrics import roc_auc_score
      leads = pd.read_csv("leads.csv")
      X = leads.drop(columns=["converted"])
      y = leads["converted"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=3)
      sc = StandardScaler()
      X_train = sc.fit_transform(X_train)
      X_test = sc.transform(X_test)
      def tune(trial):
          depth = trial.suggest_int("max_depth", 2, 6)
          gbm = GradientBoostingClassifier(max_depth=depth)
          return cross_val_score(gbm, X_train, y_train, cv=5, scoring="roc_auc").mean()
      search = optuna.create_study(direction="maximize")
      search.optimize(tune, n_trials=30)
    `;
    const tail = py`
      final = GradientBoostingClassifier(**search.best_params).fit(X_train, y_train)
      print("test AUC", roc_auc_score(y_test, final.predict_proba(X_test)[:, 1]))
    `;
    it('fires when the study\'s best cross-validated score is printed', () => {
      const src = head + 'print("best CV AUC", search.best_value)\n' + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [12]);
    });
    it('fires when the objective prints each trial\'s fold score', () => {
      const src = head.replace('    return cross_val_score(gbm, X_train, y_train, cv=5, scoring="roc_auc").mean()',
        '    auc = cross_val_score(gbm, X_train, y_train, cv=5, scoring="roc_auc").mean()\n    print(depth, auc)\n    return auc') + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [12]);
    });
    it('does not fire when only the chosen setting is read and the clean test set is scored', () => {
      assert.deepEqual(rules(head + tail, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/overlap: a training part oversampled before a search objective\'s folds whose score only the driver reads', () => {
    const head = py`
      import optuna
      import pandas as pd
      from imblearn.over_sampling import SMOTE
      from sklearn.model_selection import train_test_split, cross_val_score
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import f1_score
      claims = pd.read_csv("claims.csv")
      X = claims.drop(columns=["fraud"])
      y = claims["fraud"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=11)
      X_res, y_res = SMOTE(random_state=11).fit_resample(X_train, y_train)
      def objective(trial):
          rf = RandomForestClassifier(n_estimators=trial.suggest_int("n_estimators", 50, 300))
          return cross_val_score(rf, X_res, y_res, cv=3, scoring="f1").mean()
      study = optuna.create_study(direction="maximize")
      study.optimize(objective, n_trials=20)
    `;
    const tail = py`
      rf = RandomForestClassifier(**study.best_params).fit(X_res, y_res)
      print("test F1", f1_score(y_test, rf.predict(X_test)))
    `;
    it('fires when the best trial\'s cross-validated score is printed', () => {
      assert.deepEqual(rules(head + 'print(study.best_trial.value)\n' + tail, 'leakage/overlap'), [11]);
    });
    it('does not fire when only the chosen setting is read', () => {
      assert.deepEqual(rules(head + tail, 'leakage/overlap'), []);
    });
  });

  describe('leakage/preprocessing: a CV score, a search\'s best_score_ or out-of-fold predictions read only into names nothing reads report nothing', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.impute import SimpleImputer
      from sklearn.model_selection import train_test_split, cross_val_score, cross_val_predict, GridSearchCV
      from sklearn.linear_model import Ridge
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      stays = pd.read_csv("stays.csv")
      X = stays.drop(columns=["los"])
      y = stays["los"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=9)
      imp = SimpleImputer(strategy="median")
      X_train = imp.fit_transform(X_train)
      X_test = imp.transform(X_test)
    `;
    const cv = py`
      ridge = Ridge()
      ridge_scores = cross_val_score(ridge, X_train, y_train, cv=5, scoring="neg_mean_absolute_error")
      ridge_mae = -ridge_scores.mean()
      ridge.fit(X_train, y_train)
    `;
    const search = py`
      gs = GridSearchCV(RandomForestRegressor(), {"max_depth": [4, 8]}, cv=5, scoring="neg_mean_absolute_error")
      gs.fit(X_train, y_train)
      rf = gs.best_estimator_
      rf_mae = -gs.best_score_
    `;
    const stack = py`
      oof = pd.DataFrame({
          "ridge": cross_val_predict(ridge, X_train, y_train, cv=5),
      })
      rf_oof = cross_val_predict(rf, X_train, y_train, cv=5)
      meta_X = pd.DataFrame({
          "rf": rf_oof,
      })
      meta = Ridge().fit(meta_X, y_train)
      test_meta = pd.DataFrame({"rf": rf.predict(X_test)})
      print("test MAE", mean_absolute_error(y_test, meta.predict(test_meta)))
    `;
    it('fires when the summary of the CV scores is printed', () => {
      assert.deepEqual(rules(head + cv + 'print("CV MAE", ridge_mae)\n' + search + stack, 'leakage/preprocessing'), [13]);
    });
    it('fires when the search\'s best score is printed through its name', () => {
      assert.deepEqual(rules(head + cv + search + 'print(rf_mae)\n' + stack, 'leakage/preprocessing'), [13]);
    });
    it('fires when the out-of-fold predictions are scored', () => {
      assert.deepEqual(rules(head + cv + search + stack + 'print(mean_absolute_error(y_train, rf_oof))\n', 'leakage/preprocessing'), [13]);
    });
    it('does not fire when those scores are only bound and the clean test set is scored', () => {
      assert.deepEqual(rules(head + cv + search + stack, 'leakage/preprocessing'), []);
    });
  });
});
