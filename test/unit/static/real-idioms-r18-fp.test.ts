/**
 * Round 18 (r18-fp): error-level false alarms on unlabelled real code (the other notebooks and scripts
 * of the dev repositories). Each class has a case that stays an error and a look-alike that must not be
 * one. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const severities = (src: string, rule: string, file = 'train.py'): string[] =>
  analyze(src, file).filter((f) => f.ruleId === rule).map((f) => f.severity);

describe('real-notebook idioms (round 18, r18-fp)', () => {
  describe('leakage/overlap: rows resampled before a split that nothing in the file scores', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from imblearn.over_sampling import SMOTE
      def prepare(path):
          df = pd.read_csv(path)
          X = df.drop(columns=["label"])
          y = df["label"]
          X_res, y_res = SMOTE(random_state=1).fit_resample(X, y)
          return train_test_split(X_res, y_res, test_size=0.25, random_state=1)
    `;
    it('is an error when the held-out part is scored', () => {
      const src = head + py`
        from sklearn.ensemble import RandomForestClassifier
        from sklearn.metrics import f1_score
        X_tr, X_te, y_tr, y_te = prepare("loans.csv")
        model = RandomForestClassifier().fit(X_tr, y_tr)
        print("test f1", f1_score(y_te, model.predict(X_te)))
      `;
      assert.ok(severities(src, 'leakage/overlap').includes('error'));
    });
    it('stays an error when the file trains a network in a loop (backward()) on the parts', () => {
      const src = head + py`
        import torch
        X_tr, X_te, y_tr, y_te = prepare("loans.csv")
        net = torch.nn.Linear(8, 2)
        opt = torch.optim.SGD(net.parameters(), lr=0.1)
        for _ in range(10):
            loss = torch.nn.functional.cross_entropy(net(torch.tensor(X_tr.values)), torch.tensor(y_tr.values))
            opt.zero_grad()
            loss.backward()
            opt.step()
      `;
      assert.ok(severities(src, 'leakage/overlap').includes('error'));
    });
    it('is a warning that says what it assumes when the parts are only returned or saved', () => {
      const src = head + py`
        if __name__ == "__main__":
            X_tr, X_te, y_tr, y_te = prepare("loans.csv")
            X_tr.to_csv("train_features.csv")
            X_te.to_csv("test_features.csv")
      `;
      const found = analyze(src, 'train.py').filter((f) => f.ruleId === 'leakage/overlap');
      assert.ok(found.length > 0 && found.every((f) => f.severity === 'warning'), JSON.stringify(found.map((f) => f.severity)));
      assert.match(found[0].message, /Assumed: .*scores no part held out/);
    });
  });
  describe('leakage/overlap: predictions kept from before the same model object is refitted', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.svm import LinearSVC
      from sklearn.metrics import classification_report
      df = pd.read_csv("complaints.csv")
      X = df.drop(columns=["product"])
      y = df["product"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
      clf = LinearSVC()
      clf.fit(X_train, y_train)
    `;
    it('is an error when the test part is predicted after the refit on all rows', () => {
      const src = head + py`
        clf.fit(X, y)
        y_pred = clf.predict(X_test)
        print(classification_report(y_test, y_pred))
      `;
      assert.ok(severities(src, 'leakage/overlap').includes('error'));
    });
    it('does not fire when the predictions were made before the refit and only reported after it', () => {
      const src = head + py`
        y_pred = clf.predict(X_test)
        clf.fit(X, y)
        print(clf.coef_)
        print(classification_report(y_test, y_pred))
      `;
      assert.deepEqual(severities(src, 'leakage/overlap'), []);
    });
    it('does not fire on two folds written by hand, each predicted before the other fit', () => {
      const src = head + py`
        from sklearn.metrics import accuracy_score
        p2 = clf.fit(X_train, y_train).predict(X_test)
        p1 = clf.fit(X_test, y_test).predict(X_train)
        print(accuracy_score(y_train, p1), accuracy_score(y_test, p2))
      `;
      assert.deepEqual(severities(src, 'leakage/overlap'), []);
    });
  });
  describe('mismatch/refit-at-inference: a transformer fitted after a load on rows that then train a model with labels', () => {
    const head = py`
      import joblib
      import numpy as np
      from keras.models import Sequential
      from keras.layers import Dense
      from sklearn.preprocessing import LabelEncoder, StandardScaler
      from sklearn.model_selection import cross_val_score
      from keras.wrappers.scikit_learn import KerasClassifier
      loaded = joblib.load("first_model.pkl")
      data = np.loadtxt("sonar.csv", delimiter=",")
      X = data[:, 0:60]
      Y = data[:, 60]
      encoder = LabelEncoder()
      encoder.fit(Y)
      encoded_Y = encoder.transform(Y)
    `;
    it('is an error when the rows are only scored by the loaded model', () => {
      const src = head + py`
        print(loaded.predict(X), encoded_Y)
      `;
      assert.ok(severities(src, 'mismatch/refit-at-inference').includes('error'));
    });
    it('does not fire when the encoded labels train a new model (fit with labels)', () => {
      const src = head + py`
        model = Sequential()
        model.add(Dense(1, input_dim=60, activation="sigmoid"))
        model.compile(loss="binary_crossentropy", optimizer="adam")
        model.fit(X, encoded_Y, validation_split=0.33, epochs=10)
      `;
      assert.deepEqual(severities(src, 'mismatch/refit-at-inference'), []);
    });
    it('does not fire when the encoded labels are cross-validated', () => {
      const src = head + py`
        def build():
            m = Sequential()
            m.add(Dense(1, input_dim=60, activation="sigmoid"))
            m.compile(loss="binary_crossentropy", optimizer="adam")
            return m
        scores = cross_val_score(KerasClassifier(build_fn=build, epochs=10), X, encoded_Y, cv=5)
        print(scores.mean())
      `;
      assert.deepEqual(severities(src, 'mismatch/refit-at-inference'), []);
    });
  });
});
