/**
 * Round 17, second wave (r17b-pm): preprocessing classes. Each class has a case that must fire and a
 * look-alike that must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 17, r17b-pm)', () => {
  describe('leakage/preprocessing: a Keras validation_split tail does not hide hand-written folds over a matrix scaled on the whole training part', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.model_selection import train_test_split, StratifiedKFold
      from sklearn.metrics import accuracy_score
      from tensorflow.keras.models import Sequential
      from tensorflow.keras.layers import Dense
      from tensorflow.keras.callbacks import EarlyStopping
      loans = pd.read_csv("loans.csv")
      X = loans.drop("grade", axis=1).values
      y = loans["grade"].values
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)
      def build():
          net = Sequential([Dense(32, activation="relu"), Dense(3, activation="softmax")])
          net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
          return net
    `;
    it('fires when the scaler saw every fold and the fold scores are printed', () => {
      const src = head + py`
        mm = MinMaxScaler()
        X_train = mm.fit_transform(X_train)
        X_test = mm.transform(X_test)
        net = build()
        hist = net.fit(X_train, y_train, validation_split=0.2, epochs=30, callbacks=[EarlyStopping(monitor="val_loss")])
        print(hist.history["val_accuracy"][-1])
        skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
        scores = []
        for tr_idx, va_idx in skf.split(X_train, y_train):
            m = build()
            m.fit(X_train[tr_idx], y_train[tr_idx], epochs=30)
            scores.append(accuracy_score(y_train[va_idx], m.predict(X_train[va_idx]).argmax(1)))
        print("mean CV accuracy", np.mean(scores))
        print(accuracy_score(y_test, net.predict(X_test).argmax(1)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [18]);
    });
    it('does not fire when each fold fits its own scaler on its training rows', () => {
      const src = head + py`
        net = build()
        mm = MinMaxScaler().fit(X_train)
        hist = net.fit(mm.transform(X_train), y_train, validation_split=0.2, epochs=30, callbacks=[EarlyStopping(monitor="val_loss")])
        print(hist.history["val_accuracy"][-1])
        skf = StratifiedKFold(n_splits=5, shuffle=True, random_state=7)
        scores = []
        for tr_idx, va_idx in skf.split(X_train, y_train):
            fold_mm = MinMaxScaler().fit(X_train[tr_idx])
            m = build()
            m.fit(fold_mm.transform(X_train[tr_idx]), y_train[tr_idx], epochs=30)
            scores.append(accuracy_score(y_train[va_idx], m.predict(fold_mm.transform(X_train[va_idx])).argmax(1)))
        print("mean CV accuracy", np.mean(scores))
        print(accuracy_score(y_test, net.predict(mm.transform(X_test)).argmax(1)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a cross-validation or search on a pre-scaled training part whose result nothing reads reports no score', () => {
    const head = py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split, cross_val_score, GridSearchCV
      from sklearn.svm import SVC
      from sklearn.metrics import confusion_matrix
      churn = pd.read_csv("churn.csv")
      X = churn.drop("left", axis=1).values
      y = churn["left"].values
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25, random_state=0)
      ss = StandardScaler()
      X_train = ss.fit_transform(X_train)
      X_test = ss.transform(X_test)
      clf = SVC().fit(X_train, y_train)
      cm = confusion_matrix(y_test, clf.predict(X_test))
      print(cm)
    `;
    it('does not fire when the fold scores and the search results are bound to names nothing reads', () => {
      const src = head + py`
        accuracies = cross_val_score(estimator=SVC(), X=X_train, y=y_train, cv=10)
        grid = GridSearchCV(SVC(), {"C": [0.1, 1, 10]}, scoring="accuracy", cv=10)
        grid = grid.fit(X_train, y_train)
        best_parameters = grid.best_params_
        best_accuracy = grid.best_score_
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when the fold scores are printed', () => {
      const src = head + py`
        accuracies = cross_val_score(estimator=SVC(), X=X_train, y=y_train, cv=10)
        print(accuracies.mean())
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [11]);
    });
    it('fires when the unread fold scores are followed by a search whose best score is printed', () => {
      const src = head + py`
        accuracies = cross_val_score(estimator=SVC(), X=X_train, y=y_train, cv=10)
        grid = GridSearchCV(SVC(), {"C": [0.1, 1, 10]}, scoring="accuracy", cv=10)
        grid.fit(X_train, y_train)
        best_accuracy = grid.best_score_
        print("best CV accuracy", best_accuracy)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [11]);
    });
    it('fires when the fitted search is bound to another name whose best score is printed', () => {
      const src = head + py`
        grid = GridSearchCV(SVC(), {"C": [0.1, 1, 10]}, scoring="accuracy", cv=10)
        found = grid.fit(X_train, y_train)
        print("Best: %f using %s" % (found.best_score_, found.best_params_))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [11]);
    });
  });

  describe('leakage/multi-test: a model class written by hand whose predict builds its output in a loop', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.naive_bayes import GaussianNB
      class Centroids:
          def fit(self, X, y):
              self.labels = np.unique(y)
              self.means = np.array([X[y == c].mean(axis=0) for c in self.labels])
          def predict(self, X):
              out = []
              for i in range(X.shape[0]):
                  dist = [np.sum((X[i] - m) ** 2) for m in self.means]
                  out.append(self.labels[np.argmin(dist)])
              return np.array(out)
      seeds = pd.read_csv("seeds.csv")
      X = seeds.drop("variety", axis=1).values
      y = seeds["variety"].values
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=3)
      mine = Centroids()
      mine.fit(X_tr, y_tr)
    `;
    it('fires when the hand-written model and a library model are both scored on the same test rows', () => {
      const src = head + py`
        ref = GaussianNB().fit(X_tr, y_tr)
        print("mine", np.mean(mine.predict(X_te) == y_te))
        print("sklearn", np.mean(ref.predict(X_te) == y_te))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), [23]);
    });
    it('does not fire when the hand-written model is scored once on the test rows, its training accuracy beside it', () => {
      const src = head + py`
        print("train", np.mean(mine.predict(X_tr) == y_tr))
        print("test", np.mean(mine.predict(X_te) == y_te))
      `;
      assert.deepEqual(rules(src, 'leakage/multi-test'), []);
    });
  });
});
