/**
 * Round 16, second wave (helper r16b-ov): overlap classes of how people write ML code, each with a
 * case that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, lineOf, py, found } from './helpers';

describe('real-notebook idioms, round 16 second wave (r16b-ov)', () => {
  describe('leakage/overlap: a window hop written as float arithmetic of the window size', () => {
    const src = (overlap: string) => py`
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.svm import SVC
      SEG = 400
      OVERLAP_FRAC = ${overlap}
      hop = int(SEG * (1 - OVERLAP_FRAC))
      sig = np.load("vibration.npy")
      cls = np.load("vibration_labels.npy")
      feats = [sig[k:k + SEG] for k in range(0, len(sig) - SEG, hop)]
      tags = [cls[k] for k in range(0, len(sig) - SEG, hop)]
      A, B, a, b = train_test_split(feats, tags, test_size=0.3, random_state=4)
      clf = SVC().fit(A, a)
      print(clf.score(B, b))
    `;
    it('fires (warning) when the hop is a fraction of the window below one', () => {
      const fs = analyze(src('0.75')).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['9:warning']);
      assert.match(fs[0].message, /Windows of 400 samples are cut every 100 samples/);
    });
    it('does not fire when the hop works out to the whole window (no overlap)', () => {
      assert.deepEqual(found(src('0.0'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a loop that appends the same subset of rows on every pass before the split', () => {
    const src = (loop: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import roc_auc_score
      claims = pd.read_csv("claims.csv")
      fraud = claims[claims["is_fraud"] == 1]
      ${loop}
      P_tr, P_te, q_tr, q_te = train_test_split(claims.drop(columns=["is_fraud"]), claims["is_fraud"], test_size=0.25, random_state=2)
      lr = LogisticRegression().fit(P_tr, q_tr)
      print(roc_auc_score(q_te, lr.predict_proba(P_te)[:, 1]))
    `;
    it('fires (error) for pd.concat of the accumulator and a fixed subset, repeated', () => {
      assert.deepEqual(found(src('for rep in range(4):\n    claims = pd.concat([claims, fraud], ignore_index=True)'), 'leakage/overlap'), ['8:error']);
    });
    it('fires (error) for DataFrame.append of a fixed subset, repeated', () => {
      assert.deepEqual(found(src('for rep in range(4):\n    claims = claims.append(fraud, ignore_index=True)'), 'leakage/overlap'), ['8:error']);
    });
    it('does not fire when each pass appends rows the loop picks (one region per pass)', () => {
      assert.deepEqual(found(src('extra = pd.read_csv("claims_2.csv")\nfor reg in extra["region"].unique():\n    claims = pd.concat([claims, extra[extra["region"] == reg]])'), 'leakage/overlap'), []);
    });
    it('does not fire when each pass appends a file the loop reads', () => {
      assert.deepEqual(found(src('for part in ["claims_b.csv", "claims_c.csv"]:\n    claims = pd.concat([claims, pd.read_csv(part)])'), 'leakage/overlap'), []);
    });
    it('does not fire for a loop of one pass', () => {
      assert.deepEqual(found(src('claims = claims[claims["is_fraud"] == 0]\nfor rep in range(1):\n    claims = pd.concat([claims, fraud])'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: a loader named as held-out data that holds the training part, scored every epoch', () => {
    const src = (valLoader: string, tail = '') => py`
      import numpy as np
      import torch
      import torch.nn as nn
      from torch.utils.data import TensorDataset, DataLoader, random_split
      feats = torch.tensor(np.load("sensors.npy"), dtype=torch.float32)
      target = torch.tensor(np.load("faults.npy"))
      full = TensorDataset(feats, target)
      part_a, part_b = random_split(full, [0.85, 0.15])
      class OnDevice:
          def __init__(self, dl, dev):
              self.dl = dl
              self.dev = dev
          def __iter__(self):
              for batch in self.dl:
                  yield [t.to(self.dev) for t in batch]
      fit_dl = DataLoader(part_a, batch_size=32, shuffle=True)
      ${valLoader}
      net = nn.Sequential(nn.Linear(12, 3))
      opt = torch.optim.SGD(net.parameters(), lr=0.01)
      crit = nn.CrossEntropyLoss()
      def validate(net, dl):
          return float(np.mean([crit(net(xb), yb).item() for xb, yb in dl]))
      for epoch in range(8):
          for xb, yb in fit_dl:
              opt.zero_grad()
              crit(net(xb), yb).backward()
              opt.step()
          valid_loss = validate(net, valid_dl)
          print(epoch, valid_loss)
      ${tail}
    `;
    it('fires (warning, says the assumption) for DataLoader(training part) bound to a validation name', () => {
      const text = src('valid_dl = DataLoader(part_a, batch_size=64)');
      const fs = analyze(text).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), [`${lineOf(text, 'valid_loss = validate(')}:warning`]);
      assert.match(fs[0].message, /`valid_dl` is named as held-out data but holds the training part/);
      assert.match(fs[0].message, /Assumed: /);
    });
    it('fires for a document wrapper class around the training loader', () => {
      const text = src('fit_dl = OnDevice(fit_dl, "cuda")\nvalid_dl = OnDevice(fit_dl, "cuda")');
      assert.deepEqual(found(text, 'leakage/overlap'), [`${lineOf(text, 'valid_loss = validate(')}:warning`]);
    });
    it('does not fire when the loader is built from the held-out part', () => {
      assert.deepEqual(found(src('valid_dl = OnDevice(DataLoader(part_b, batch_size=64), "cuda")'), 'leakage/overlap'), []);
    });
    it('does not fire for a loader of the training part whose name says training', () => {
      assert.deepEqual(found(src('valid_dl = DataLoader(part_b, batch_size=64)\ntrain_eval_dl = DataLoader(part_a, batch_size=64)', 'print(validate(net, train_eval_dl))').replace('valid_loss = validate(net, valid_dl)', 'train_loss = validate(net, train_eval_dl)'), 'leakage/overlap'), []);
    });
  });
});
