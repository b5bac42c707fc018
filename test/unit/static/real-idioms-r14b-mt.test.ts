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
  describe('leakage/multi-test: rows of a training file filtered in place (outliers dropped) and then split', () => {
    const head = py`
      import pandas as pd
      import lightgbm as lgb
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import roc_auc_score
      train = pd.read_csv("loans_train.csv")
      train = train[train["income"] < 1e7]
      train = train[train["children"] != 19]
      X = train.drop(columns=["default"])
      y = train["default"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=1)
    `;
    it('fires when the test part of that split is the eval_set of an early-stopped booster (the competition file only predicted)', () => {
      const src = head + py`
        clf = lgb.LGBMClassifier(n_estimators=2000)
        clf.fit(X_tr, y_tr, eval_set=[(X_te, y_te)], early_stopping_rounds=50)
        comp = pd.read_csv("loans_test.csv")
        pd.DataFrame({"id": comp["id"], "default": clf.predict_proba(comp.drop(columns=["id"]))[:, 1]}).to_csv("sub.csv")
      `;
      // The split's held-out part is the test set, not a validation part of a new inner split.
      const found = multi(src);
      assert.equal(found.length, 1);
      assert.match(found[0].message, /^The test set is passed to training as `eval_set`/);
      assert.doesNotMatch(found[0].message, /Assumed/);
    });
    it('does not fire when the eval_set is carved out of the training part and the test part is scored once', () => {
      const src = head + py`
        X_fit, X_es, y_fit, y_es = train_test_split(X_tr, y_tr, test_size=0.1, random_state=1)
        clf = lgb.LGBMClassifier(n_estimators=2000)
        clf.fit(X_fit, y_fit, eval_set=[(X_es, y_es)], early_stopping_rounds=50)
        print(roc_auc_score(y_te, clf.predict_proba(X_te)[:, 1]))
      `;
      assert.deepEqual(multi(src), []);
    });
  });

  describe('leakage/multi-test: eval_set handed to fit through a **fit_params dict whose data was reworked column by column in a loop', () => {
    const head = py`
      import pandas as pd
      import lightgbm as lgb
      from sklearn.model_selection import train_test_split
      df = pd.read_csv("claims.csv")
      for col in df.columns:
          if df[col].dtype == "float64":
              df[col] = df[col].astype("float32")
      X = df.drop(columns=["fraud"])
      y = df["fraud"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=7)
    `;
    it('fires when the dict holds the test part as eval_set', () => {
      const src = head + py`
        fit_params = {"early_stopping_rounds": 30, "eval_metric": "auc", "eval_set": [(X_test, y_test)], "verbose": 100}
        model = lgb.LGBMClassifier(n_estimators=5000)
        model.fit(X_train, y_train, **fit_params)
      `;
      assert.ok(multi(src).some((f) => /eval_set/.test(f.message)));
    });
    it('does not fire when the dict holds a validation part cut from the training rows', () => {
      const src = head + py`
        X_fit, X_val, y_fit, y_val = train_test_split(X_train, y_train, test_size=0.1, random_state=7)
        fit_params = {"early_stopping_rounds": 30, "eval_metric": "auc", "eval_set": [(X_val, y_val)], "verbose": 100}
        model = lgb.LGBMClassifier(n_estimators=5000)
        model.fit(X_fit, y_fit, **fit_params)
      `;
      assert.deepEqual(multi(src), []);
    });
  });
});
