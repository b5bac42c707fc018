/**
 * Round 20, target focus: classes behind target false alarms and misses on the dev corpus, each with a
 * case that must fire and a look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/static/index';
import { analyze, py, found } from './helpers';

describe('real-notebook idioms, round 20 (target)', () => {
  describe('leakage/target: a submission script whose only scoring sits in a helper it never calls', () => {
    // Per-category label means on every labelled row, a model fitted on them, the unlabelled test file
    // predicted for a submission: nothing in code that runs scores held-out rows (the CV helper is defined,
    // its call commented out), so the target encoding keeps the warning of a file that scores none (zu013).
    const src = (call: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import KFold
      from sklearn.metrics import mean_squared_error
      from sklearn.ensemble import GradientBoostingRegressor
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      def cv_rmse(X, y, model):
          scores = []
          for tr, va in KFold(5, shuffle=True, random_state=0).split(X):
              model.fit(X.iloc[tr], y.iloc[tr])
              scores.append(mean_squared_error(y.iloc[va], model.predict(X.iloc[va])) ** 0.5)
          return np.mean(scores)
      means = train.groupby("genre")["minutes"].mean()
      train["genre_te"] = train["genre"].map(means)
      test["genre_te"] = test["genre"].map(means)
      X = train.drop(columns=["minutes", "genre"])
      y = train["minutes"]
      model = GradientBoostingRegressor()
      ${call}
      model.fit(X, y)
      pd.DataFrame({"minutes": model.predict(test.drop(columns=["genre"]))}).to_csv("submission.csv", index=False)
    `;
    it('is a warning that says the model is taken to be evaluated elsewhere when the CV helper is never called', () => {
      const f = analyze(src('# print(cv_rmse(X, y, model))')).filter((x) => x.ruleId === 'leakage/target');
      assert.deepEqual(f.map((x) => `${x.location.line}:${x.severity}`), ['15:warning']);
      assert.match(f[0].message, /Assumed: the model is evaluated elsewhere/);
    });
    it('fires (error) when the file calls the CV helper on the encoded rows', () => {
      assert.deepEqual(found(src('print(cv_rmse(X, y, model))'), 'leakage/target'), ['15:error']);
    });
  });
  describe('leakage/target: a label column kept in the features of a submission script that scores nothing', () => {
    // A model fitted on every labelled row and only the unlabelled test file predicted and written out: no
    // evaluation in the file (no local evaluation: all false). A document that writes nothing is still reported.
    const src = (tail: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      y = train["loss"]
      X = train.drop(columns=["id"])
      reg = RandomForestRegressor()
      ${tail}
    `;
    it('does not fire when the model only predicts the unlabelled test file', () => {
      assert.deepEqual(found(src('reg.fit(X, y)\npd.DataFrame({"loss": reg.predict(test)}).to_csv("sub.csv")'), 'leakage/target'), []);
    });
    it('fires (warning) when the document writes nothing (it stops at its fit)', () => {
      assert.deepEqual(found(src('reg.fit(X, y)'), 'leakage/target').map((f) => f.split(':')[1]), ['warning']);
    });
    it('fires (warning) when a held-out part is scored', () => {
      assert.deepEqual(found(src('X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)\nreg.fit(X_tr, y_tr)\nprint(mean_absolute_error(y_te, reg.predict(X_te)))'), 'leakage/target').map((f) => f.split(':')[1]), ['warning']);
    });
  });
  describe('leakage/target: np.split of a frame keeps the columns dropped before it', () => {
    // A label computed from a date column, that column dropped, the rows shuffled and cut into
    // train/validation/test blocks with np.split: each block has the frame's columns as they were.
    const src = (drop: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import roc_auc_score
      subs = pd.read_parquet("subscribers.parquet")
      subs["churn"] = subs["date_closed"].notna().astype(int)
      subs = subs.drop([${drop}], axis=1)
      train, val, test = np.split(subs.sample(frac=1, random_state=7), [int(0.7 * len(subs)), int(0.9 * len(subs))])
      X_train, y_train = train.drop("churn", axis=1), train["churn"]
      X_test, y_test = test.drop("churn", axis=1), test["churn"]
      clf = LogisticRegression().fit(X_train, y_train)
      print(roc_auc_score(y_test, clf.predict_proba(X_test)[:, 1]))
    `;
    it('does not fire when the label\'s source column was dropped before the split', () => {
      assert.deepEqual(found(src('"date_created", "date_closed", "phone"'), 'leakage/target'), []);
    });
    it('fires (error) when the source column stays', () => {
      assert.deepEqual(found(src('"date_created", "phone"'), 'leakage/target'), ['9:error']);
    });
  });
  describe('leakage/target: a feature list that filters out the label named by a config module\'s constant', () => {
    // `[f for f in df.columns if f not in (config.TARGET, "kfold")]`: the label's name is the imported
    // module's constant, read like a local name; the list keeps every other column, not the label.
    const files = (filter: string): Record<string, string> => ({
      'proj/config.py': 'FOLDS = 5\nTARGET = "stroke"\n',
      'proj/train.py': py`
        import pandas as pd
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.metrics import roc_auc_score
        import config
        def run(fold):
            df = pd.read_csv("train_folds.csv")
            features = [f for f in df.columns if ${filter}]
            tr = df[df.kfold != fold]
            va = df[df.kfold == fold]
            clf = RandomForestClassifier().fit(tr[features].values, tr[config.TARGET].values)
            return roc_auc_score(va[config.TARGET].values, clf.predict_proba(va[features].values)[:, 1])
        for fold in range(config.FOLDS):
            print(run(fold))
      `,
    });
    const target = (filter: string): string[] => {
      const fs = files(filter);
      return analyzeDocument({ path: 'proj/train.py', text: fs['proj/train.py'] }, { readModule: (p) => fs[p], moduleRoot: 'proj' }).findings
        .filter((f) => f.ruleId === 'leakage/target').map((f) => `${f.location.line}:${f.severity}`);
    };
    it('does not fire when the list excludes the config\'s label', () => {
      assert.deepEqual(target('f not in (config.TARGET, "kfold", "id")'), []);
      assert.deepEqual(target('f != config.TARGET'), []);
    });
    it('fires (warning) when the list excludes other columns only', () => {
      assert.deepEqual(target('f not in ("kfold", "id")'), ['10:warning']);
    });
  });
  describe('leakage/target: the label is one value\'s column of a get_dummies that kept every value', () => {
    // get_dummies(columns=[..., "churn"]) writes churn_no beside churn_yes; with churn_yes as the label,
    // a feature matrix that drops only it still holds churn_no, its complement.
    const src = (opts: string, xLine: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("telecom.csv")
      df = pd.get_dummies(df, columns=["contract", "churn"]${opts})
      ${xLine}
      y = df["churn_yes"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=1)
      clf = RandomForestClassifier().fit(X_tr, y_tr)
      print(clf.score(X_te, y_te))
    `;
    it('fires (warning, at the get_dummies call) when only the label\'s own column is dropped', () => {
      assert.deepEqual(found(src('', 'X = df.drop("churn_yes", axis=1)'), 'leakage/target'), ['5:warning']);
    });
    it('fires when the other value\'s column is selected by name', () => {
      assert.deepEqual(found(src('', 'X = df[["tenure", "churn_no"]]'), 'leakage/target'), ['5:warning']);
    });
    it('does not fire when every value\'s column is dropped, with drop_first, or when the selection names other columns', () => {
      assert.deepEqual(found(src('', 'X = df.drop(columns=["churn_yes", "churn_no"])'), 'leakage/target'), []);
      assert.deepEqual(found(src(', drop_first=True', 'X = df.drop("churn_yes", axis=1)'), 'leakage/target'), []);
      assert.deepEqual(found(src('', 'X = df[["tenure", "contract_monthly"]]'), 'leakage/target'), []);
    });
  });
  describe('leakage/target: a field of the .dt accessor is not a column of that name', () => {
    // rental_days = (returned - rented).dt.days is computed from the two dates; with both dropped from
    // the features nothing the label is computed from stays (there is no column called `days`).
    const src = (drop: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      df = pd.read_csv("rentals.csv", parse_dates=["rented", "returned"])
      df["rental_days"] = (df["returned"] - df["rented"]).dt.days
      X = df.drop(columns=[${drop}])
      y = df["rental_days"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=9)
      print(LinearRegression().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('does not fire when both dates are dropped', () => {
      assert.deepEqual(found(src('"rented", "returned", "rental_days"'), 'leakage/target'), []);
    });
    it('fires (error) when the return date stays among the features', () => {
      assert.deepEqual(found(src('"rented", "rental_days"'), 'leakage/target'), ['6:error']);
    });
    it('does not take a date dropped once its fields were extracted for the label (y names no column)', () => {
      const s = py`
        import pickle
        import pandas as pd
        from sklearn.ensemble import RandomForestRegressor
        X_train, y_train = pickle.load(open("parts.pkl", "rb"))
        X_train["year"] = pd.to_datetime(X_train["invoice_date"]).dt.year
        X_train["month"] = pd.to_datetime(X_train["invoice_date"]).dt.month
        X_train = X_train.drop(columns=["invoice_date"])
        RandomForestRegressor().fit(X_train, y_train)
      `;
      assert.deepEqual(found(s, 'leakage/target'), []);
    });
  });
  describe('leakage/target: a kept feature that only gates a label set where an outcome not among the features holds', () => {
    // success = eligible & outcome: with the outcome out of the features, the eligibility flag only says which
    // rows can be positive; it does not fix the label (README B: design-time eligibility is not target).
    const src = (features: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      df = pd.read_csv("trials.csv")
      df["done"] = df["status"] == "COMPLETED"
      df["late_phase"] = df["phase"].isin(["PHASE3", "PHASE4"])
      df["success"] = (df["late_phase"] & df["done"]).astype(int)
      X = df[[${features}]]
      y = df["success"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=0)
      print(RandomForestClassifier().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('does not fire when only the eligibility condition is among the features', () => {
      assert.deepEqual(found(src('"enrollment", "late_phase"'), 'leakage/target'), []);
    });
    it('fires (error) when every condition of the label is among the features', () => {
      assert.deepEqual(found(src('"enrollment", "late_phase", "done"'), 'leakage/target'), ['8:error']);
    });
  });
});
