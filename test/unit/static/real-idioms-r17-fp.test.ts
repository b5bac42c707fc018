/**
 * Round 17 (r17-fp): false-alarm classes found on unlabelled real code (the other notebooks and
 * scripts of the dev repositories). Each class has a case that must fire and a look-alike that must
 * not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, lineOf, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 17, r17-fp)', () => {
  describe('leakage/overlap: a dict of model inputs keyed by feature names ({name: train[name] for name in names})', () => {
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import roc_auc_score
      from ctrlib import DeepFM, feature_columns_of
      data = pd.read_csv("clicks.csv")
      names = feature_columns_of(data)
    `;
    it('fires when the dict is built from all rows and the test split is scored', () => {
      const src = head + py`
        train, test = train_test_split(data, test_size=0.2, random_state=1)
        model = DeepFM(names)
        model.fit({n: data[n] for n in names}, data["label"].values)
        pred = model.predict({n: test[n] for n in names})
        print("test AUC", roc_auc_score(test["label"].values, pred))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'print("test AUC"')]);
    });
    it('does not fire when the dicts are built from the train and test splits (the names came from all rows)', () => {
      const src = head + py`
        train, test = train_test_split(data, test_size=0.2, random_state=1)
        train_input = {name: train[name] for name in names}
        test_input = {name: test[name] for name in names}
        model = DeepFM(names)
        model.fit(train_input, train["label"].values, validation_split=0.2)
        pred = model.predict(test_input, 256)
        print("test AUC", roc_auc_score(test["label"].values, pred))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
  });
});
