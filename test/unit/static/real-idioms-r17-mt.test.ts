/**
 * Round 17 (helper r17-mt): multi-test classes from real code. Each class has a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const multi = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/multi-test');

describe('real-notebook idioms, round 17 (r17-mt)', () => {
  describe('leakage/multi-test: a network kept on a wrapper object and called as self.model(x) predicts', () => {
    const head = py`
      import numpy as np
      import torch
      import torch.nn as nn
      from sklearn.metrics import accuracy_score

      class Net(nn.Module):
          def __init__(self, n_in, n_out):
              super().__init__()
              self.linear = nn.Linear(n_in, n_out)
          def forward(self, x):
              return self.linear(x)

      class Classifier:
          def __init__(self, n_in, n_out):
              self.model = Net(n_in, n_out)
          def predict(self, X):
              with torch.no_grad():
                  out = self.model(torch.from_numpy(X).float())
              _, labels = torch.max(out, 1)
              return labels

      X_train = np.load("train_features.npy")
      y_train = np.load("train_labels.npy")
      X_test = np.load("test_features.npy")
      y_test = np.load("test_labels.npy")
    `;
    it('fires when two wrapped networks are scored on the same test arrays', () => {
      const src = head + py`
        small = Classifier(8, 3)
        large = Classifier(8, 3)
        print("small", accuracy_score(y_test, small.predict(X_test)))
        print("large", accuracy_score(y_test, large.predict(X_test)))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one wrapped network is scored once on the test arrays, its training accuracy beside it', () => {
      const src = head + py`
        clf = Classifier(8, 3)
        print("train", accuracy_score(y_train, clf.predict(X_train)))
        print("test", accuracy_score(y_test, clf.predict(X_test)))
      `;
      assert.equal(multi(src).length, 0);
    });
  });
});
