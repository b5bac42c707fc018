/**
 * Round 15 (helper r15-mt): multi-test classes from real code. Each class has a case that must fire
 * and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const multi = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/multi-test');
const prep = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/preprocessing');

describe('real-notebook idioms, round 15 (r15-mt)', () => {
  describe('leakage/multi-test: a fold loop that only binds the parts leaves the last fold as one train/test split', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import ShuffleSplit
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import f1_score
      df = pd.read_csv("plants.csv")
      X = df.drop(columns=["kind"]).values
      y = df["kind"].values
      splitter = ShuffleSplit(n_splits=5, test_size=0.25, random_state=1)
    `;
    it('fires when models are compared on the parts the loop left bound', () => {
      const src = head + py`
        for tr, te in splitter.split(X, y):
            X_tr, X_te = X[tr], X[te]
            y_tr, y_te = y[tr], y[te]
        for m in [RandomForestClassifier(), LogisticRegression()]:
            m.fit(X_tr, y_tr)
            print(type(m).__name__, f1_score(y_te, m.predict(X_te)))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when each fold is fitted and scored inside the loop (cross-validation)', () => {
      const src = head + py`
        for m in [RandomForestClassifier(), LogisticRegression()]:
            scores = []
            for tr, te in splitter.split(X, y):
                X_tr, X_te = X[tr], X[te]
                y_tr, y_te = y[tr], y[te]
                m.fit(X_tr, y_tr)
                scores.append(f1_score(y_te, m.predict(X_te)))
            print(type(m).__name__, sum(scores) / len(scores))
      `;
      assert.equal(multi(src).length, 0);
    });
  });

  describe('leakage/multi-test: an old sklearn.cross_validation splitter built on the labels and iterated directly', () => {
    const head = py`
      import pandas as pd
      from sklearn.cross_validation import StratifiedShuffleSplit
      from sklearn.svm import SVC
      from sklearn.neighbors import KNeighborsClassifier
      from sklearn.metrics import accuracy_score
      data = pd.read_csv("samples.csv")
      labels = data["group"].values
      feats = data.drop(["group"], axis=1)
      sss = StratifiedShuffleSplit(labels, 10, test_size=0.2, random_state=7)
      for a, b in sss:
          X_train, X_test = feats.values[a], feats.values[b]
          y_train, y_test = labels[a], labels[b]
    `;
    it('fires when several classifiers are scored on the last draw', () => {
      const src = head + py`
        for clf in [SVC(), KNeighborsClassifier(5)]:
            clf.fit(X_train, y_train)
            print(accuracy_score(y_test, clf.predict(X_test)))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one classifier is scored once on it', () => {
      const src = head + py`
        clf = SVC()
        clf.fit(X_train, y_train)
        print(accuracy_score(y_test, clf.predict(X_test)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });

  describe('leakage/preprocessing: a later search over one candidate only refits the settings already chosen', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split, GridSearchCV
      from sklearn.preprocessing import StandardScaler
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("cells.csv")
      X = df.drop(columns=["label"])
      y = df["label"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      sc = StandardScaler()
      X_train_s = sc.fit_transform(X_train)
      X_test_s = sc.transform(X_test)
      search = GridSearchCV(LogisticRegression(), {"C": [0.1, 1, 10]}, cv=5)
      search.fit(X_train_s, y_train)
      print("best CV accuracy", search.best_score_)
      print(accuracy_score(y_test, search.predict(X_test_s)))
    `;
    it('still reports the first search when the second grid holds one value per parameter', () => {
      const src = head + py`
        final = GridSearchCV(LogisticRegression(), {"C": [search.best_params_["C"]]}, cv=5)
        final.fit(X_train_s, y_train)
      `;
      assert.ok(prep(src).length > 0);
    });
    it('does not report it when a second search refines the grid', () => {
      const src = head + py`
        finer = GridSearchCV(LogisticRegression(), {"C": [0.5, 1, 2]}, cv=5)
        finer.fit(X_train_s, y_train)
      `;
      assert.equal(prep(src).length, 0);
    });
  });

  describe('leakage/multi-test: a helper module whose uncalled functions compare models on a parameter named as validation data', () => {
    const helpers = py`
      import pandas as pd
      from sklearn.tree import DecisionTreeClassifier
      from sklearn.neighbors import KNeighborsClassifier
      from sklearn.metrics import accuracy_score
      def sweep(X_train, y_train, X_validate, y_validate):
          rows = []
          for depth in range(2, 12):
              tree = DecisionTreeClassifier(max_depth=depth).fit(X_train, y_train)
              rows.append({"model": "tree", "depth": depth, "val_acc": accuracy_score(y_validate, tree.predict(X_validate))})
          knn = KNeighborsClassifier(7).fit(X_train, y_train)
          rows.append({"model": "knn", "val_acc": accuracy_score(y_validate, knn.predict(X_validate))})
          return pd.DataFrame(rows)
    `;
    it('does not fire when nothing in the file makes or scores a held-out part of its own', () => {
      assert.equal(multi(helpers, 'modelling.py').length, 0);
    });
    it('still fires when the file splits its own data and sweeps on the validation part it cut', () => {
      const src = helpers + py`
        from sklearn.model_selection import train_test_split
        df = pd.read_csv("shelter.csv")
        X_tr, X_validate, y_tr, y_validate = train_test_split(df.drop(columns=["outcome"]), df["outcome"], test_size=0.3, random_state=3)
        print(sweep(X_tr, y_tr, X_validate, y_validate))
      `;
      assert.ok(multi(src, 'modelling.py').length > 0);
    });
  });

  describe('leakage/multi-test: a labelled test directory read by a Keras generator is a separate test set, scored here or not', () => {
    const head = py`
      from tensorflow.keras.preprocessing.image import ImageDataGenerator
      from tensorflow.keras.applications import MobileNetV2
      from tensorflow.keras.callbacks import ModelCheckpoint
      gen = ImageDataGenerator(rescale=1.0 / 255)
      train_flow = gen.flow_from_directory("tiles/train", target_size=(96, 96), class_mode="sparse")
      valid_flow = gen.flow_from_directory("tiles/valid", target_size=(96, 96), class_mode="sparse")
      net = MobileNetV2(weights=None, classes=6, input_shape=(96, 96, 3))
      net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    `;
    const fit = py`
      keep = ModelCheckpoint("best.h5", monitor="val_accuracy", save_best_only=True)
      net.fit(train_flow, epochs=30, validation_data=valid_flow, callbacks=[keep])
    `;
    it('does not fire when the test directory is read with its labels (class_mode set)', () => {
      const src = head + py`
        test_flow = gen.flow_from_directory("tiles/test", target_size=(96, 96), class_mode="sparse", shuffle=False)
      ` + fit;
      assert.equal(multi(src).length, 0);
    });
    it('still fires when the test directory is read without labels (class_mode=None) and only predicted', () => {
      const src = head + py`
        test_flow = gen.flow_from_directory("tiles/unlabelled", target_size=(96, 96), class_mode=None, shuffle=False)
      ` + fit + py`
        print(valid_flow.classes[:5])
        net.predict(test_flow)
      `;
      assert.ok(multi(src).length > 0);
    });
  });

  describe('leakage/multi-test: model classes passed as values and built by one constructor call per pass', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.naive_bayes import GaussianNB
      from sklearn.metrics import roc_auc_score
      df = pd.read_csv("loans.csv")
      X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["bad"]), df["bad"], test_size=0.25, random_state=5)
      def fit_and_score(model_cls, kwargs):
          model = model_cls(**kwargs)
          model.fit(X_tr, y_tr)
          return roc_auc_score(y_te, model.predict_proba(X_te)[:, 1])
    `;
    it('fires when each class of a list is built, fitted and scored on the same test part', () => {
      const src = head + py`
        for name, (cls, kw) in {"lr": [LogisticRegression, {"C": 1.0}], "nb": [GaussianNB, {}]}.items():
            print(name, fit_and_score(cls, kw))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one class is built and scored once', () => {
      const src = head + py`
        print(fit_and_score(LogisticRegression, {"C": 1.0}))
      `;
      assert.equal(multi(src).length, 0);
    });
  });

  describe('leakage/multi-test: a validation part carved from the training rows by a mask and named after them (train_val_df)', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.tree import DecisionTreeClassifier
      from sklearn.ensemble import ExtraTreesClassifier
      from sklearn.metrics import accuracy_score
      train_df = pd.read_csv("train.csv")
      rows = np.arange(len(train_df))
      picked = np.random.choice(rows, size=int(0.8 * len(train_df)), replace=False)
      msk = np.isin(rows, picked)
      train_fit_df = train_df[msk]
      train_val_df = train_df[~msk]
      X_fit = train_fit_df.drop(columns=["label"])
      y_fit = train_fit_df["label"]
      X_val = train_val_df.drop(columns=["label"])
      y_val = train_val_df["label"]
    `;
    it('fires when models are compared on that part and nothing else is held out', () => {
      const src = head + py`
        for m in [DecisionTreeClassifier(), ExtraTreesClassifier()]:
            m.fit(X_fit, y_fit)
            print(accuracy_score(y_val, m.predict(X_val)))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one model is scored once on it', () => {
      const src = head + py`
        m = ExtraTreesClassifier().fit(X_fit, y_fit)
        print(accuracy_score(y_val, m.predict(X_val)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });

  describe('leakage/multi-test: predictions of the competition test file bound to a name like y_test_proba are not its labels', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import roc_auc_score
      train = pd.read_csv("train.csv")
      X_tr, X_val, y_tr, y_val = train_test_split(train.drop(columns=["target"]), train["target"], test_size=0.2, random_state=1)
      models = [LogisticRegression(), RandomForestClassifier()]
      for m in models:
          m.fit(X_tr, y_tr)
          print(roc_auc_score(y_val, m.predict_proba(X_val)[:, 1]))
      test = pd.read_csv("test.csv")
    `;
    it('fires: the validation split stays the only held-out set when the test file is only predicted', () => {
      const src = head + py`
        def blend(ms, X):
            return pd.DataFrame({"p": sum(mm.predict_proba(X)[:, 1] for mm in ms) / len(ms)})
        y_test_proba = blend(models, test.drop(columns=["id"]))
        y_test_proba.to_csv("submission.csv")
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when the test file\'s labels are bound as y_test', () => {
      const src = head + py`
        y_test = test["target"]
      `;
      assert.equal(multi(src).length, 0);
    });
  });

  describe('leakage/multi-test: a helper that loads the pickled held-out split and one saved model per call', () => {
    const head = py`
      import pickle
      from sklearn.metrics import f1_score
    `;
    it('fires when each call scores another saved model on the same pickled split', () => {
      const src = head + py`
        def evaluate(model_name):
            with open("artifacts/split.pkl", "rb") as fh:
                data = pickle.load(fh)
            X_hold, y_hold = data["X_hold"], data["y_hold"]
            with open("artifacts/" + model_name + ".pkl", "rb") as fh:
                model = pickle.load(fh)
            return f1_score(y_hold, model.predict(X_hold))
        for name in ["svm_best", "gbm_best", "knn_best"]:
            print(name, evaluate(name))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when each call loads the split saved beside its own model', () => {
      const src = head + py`
        def evaluate(model_name):
            with open(f"artifacts/{model_name}_split.pkl", "rb") as fh:
                data = pickle.load(fh)
            X_hold, y_hold = data["X_hold"], data["y_hold"]
            with open("artifacts/" + model_name + ".pkl", "rb") as fh:
                model = pickle.load(fh)
            return f1_score(y_hold, model.predict(X_hold))
        for name in ["svm_best", "gbm_best", "knn_best"]:
            print(name, evaluate(name))
      `;
      assert.equal(multi(src).length, 0);
    });
  });

  describe('leakage/multi-test: an Optuna study whose objective cross-validates on all rows chooses the setting later scored on a test part of them', () => {
    const tail = py`
      study = optuna.create_study(direction="maximize")
      study.optimize(objective, n_trials=30)
      chosen = study.best_params
      clf = SVC(**chosen)
      clf.fit(X_train, y_train)
      print(balanced_accuracy_score(y_test, clf.predict(X_test)))
    `;
    const head = py`
      import optuna
      import pandas as pd
      from sklearn.model_selection import cross_val_score, train_test_split
      from sklearn.svm import SVC
      from sklearn.metrics import balanced_accuracy_score
      df = pd.read_csv("cells.csv")
      X = df.drop(columns=["kind"]).values
      y = df["kind"].values
    `;
    it('fires when the objective cross-validates on every row and the split is made afterwards', () => {
      const src = head + py`
        def objective(trial):
            c = trial.suggest_float("C", 1e-3, 1e3, log=True)
            return cross_val_score(SVC(C=c), X, y, cv=5).mean()
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=4)
      ` + tail;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when the objective cross-validates on the training part only', () => {
      const src = head + py`
        X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=4)
        def objective(trial):
            c = trial.suggest_float("C", 1e-3, 1e3, log=True)
            return cross_val_score(SVC(C=c), X_train, y_train, cv=5).mean()
      ` + tail;
      assert.equal(multi(src).length, 0);
    });
  });

  describe('leakage/multi-test: a hand-written error rate that counts mismatches (pred != truth)', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.naive_bayes import GaussianNB
      from sklearn.svm import LinearSVC
      def misclassified(truth, guess):
          wrong = 0
          for j in range(len(truth)):
              if guess[j] != truth[j]:
                  wrong += 1
          return wrong / len(truth)
      df = pd.read_csv("leaves.csv")
      X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["label"]).values, df["label"].values, test_size=0.2, random_state=2)
    `;
    it('fires when two models are compared by it on the test part', () => {
      const src = head + py`
        for model in (GaussianNB(), LinearSVC()):
            model.fit(X_tr, y_tr)
            print(type(model).__name__, misclassified(y_te, model.predict(X_te)))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one model is scored by it once', () => {
      const src = head + py`
        model = GaussianNB().fit(X_tr, y_tr)
        print(misclassified(y_te, model.predict(X_te)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });

  describe('leakage/multi-test: a constant baseline (a statistic of the training labels spread over the test rows) beside the model', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("stations.csv")
      tr, te = train_test_split(df, test_size=0.2, random_state=9)
      cols = ["temp", "hour", "weekday"]
      gbr = GradientBoostingRegressor().fit(tr[cols], tr["riders"])
      model_mae = mean_absolute_error(te["riders"], gbr.predict(te[cols]))
    `;
    it('fires, stating the guess, when the training mean is scored as a prediction on the same test rows', () => {
      const src = head + py`
        flat = np.full(len(te), tr["riders"].median())
        print(model_mae, mean_absolute_error(te["riders"], flat))
      `;
      const f = multi(src);
      assert.ok(f.length > 0);
      assert.ok(f.every((x) => x.severity === 'warning' && /constant baseline/.test(x.message)));
    });
    it('does not fire when the constant is the test rows\' own mean (a scale for the error, not a model)', () => {
      const src = head + py`
        scale = mean_absolute_error(te["riders"], np.full(len(te), te["riders"].mean()))
        print(model_mae / scale)
      `;
      assert.equal(multi(src).length, 0);
    });
  });
});
