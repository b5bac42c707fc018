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
});
