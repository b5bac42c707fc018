/**
 * Round 14, second wave (helper r14b-mt): multi-test classes from real code. Each class has a case
 * that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const multi = (src: string, path = 'train.py') => analyze(src, path).filter((f) => f.ruleId === 'leakage/multi-test');

describe('real-notebook idioms, round 14 second wave (r14b-mt)', () => {
  describe('leakage/multi-test: hand-trained PyTorch networks scored by a helper that gathers batch predictions with torch.cat', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      import torch
      import torch.nn as nn
      from torch.utils.data import DataLoader, TensorDataset
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import f1_score
      df = pd.read_csv("readings.csv")
      X = df.drop(columns=["label"]).values
      y = df["label"].values
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)
      train_dl = DataLoader(TensorDataset(torch.tensor(X_tr), torch.tensor(y_tr)), batch_size=64, shuffle=True)
      test_dl = DataLoader(TensorDataset(torch.tensor(X_te), torch.tensor(y_te)), batch_size=64)
      class MLP(nn.Module):
          def __init__(self, width):
              super().__init__()
              self.body = nn.Sequential(nn.Linear(8, width), nn.ReLU(), nn.Linear(width, 1))
          def forward(self, x):
              return torch.sigmoid(self.body(x)).squeeze(-1)
      def evaluate(net, loader):
          net.eval()
          preds = torch.empty(0)
          truth = torch.empty(0)
          with torch.no_grad():
              for xb, yb in loader:
                  preds = torch.cat((preds, (net(xb) > 0.5).float()), 0)
                  truth = torch.cat((truth, yb.float()), 0)
          return f1_score(truth, preds)
      def fit_net(net, epochs=10):
          opt = torch.optim.SGD(net.parameters(), lr=0.01)
          loss_fn = nn.BCELoss()
          for epoch in range(epochs):
              for xb, yb in train_dl:
                  opt.zero_grad()
                  loss = loss_fn(net(xb), yb.float())
                  loss.backward()
                  opt.step()
    `;
    it('fires when two networks of different width are each scored on the test loader', () => {
      const src = head + py`
        narrow = MLP(8)
        fit_net(narrow)
        print("narrow", evaluate(narrow, test_dl))
        wide = MLP(64)
        fit_net(wide)
        print("wide", evaluate(wide, test_dl))
      `;
      assert.ok(multi(src).length > 0);
    });
    it('does not fire when one network is scored once on the test loader', () => {
      const src = head + py`
        net = MLP(32)
        fit_net(net)
        print("test f1", evaluate(net, test_dl))
      `;
      assert.deepEqual(multi(src), []);
    });
  });
});
