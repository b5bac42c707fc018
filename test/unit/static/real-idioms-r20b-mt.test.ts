/**
 * Round 20b, multi-test tuning on the dev corpus: each class with a case that must fire and a
 * look-alike that must not. Written from the class.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 20b (multi-test)', () => {
  describe('leakage/multi-test: Hugging Face TrainingArguments written as a dict spread with ** (V14)', () => {
    // The settings are often collected in a dict first and passed as TrainingArguments(**args): the keys are the
    // same keywords, so an evaluation strategy set there still makes train() score eval_dataset every epoch.
    const src = (strategy: string, evalSet = 'test_ds') => py`
      from datasets import Dataset
      from transformers import AutoModelForSequenceClassification, TrainingArguments, Trainer
      from sklearn.model_selection import train_test_split
      texts_tr, texts_te, y_tr, y_te = train_test_split(texts, labels, test_size=0.2, random_state=0)
      train_ds = Dataset.from_dict({"input_ids": tok(texts_tr)["input_ids"], "labels": y_tr})
      test_ds = Dataset.from_dict({"input_ids": tok(texts_te)["input_ids"], "labels": y_te})
      model = AutoModelForSequenceClassification.from_pretrained("bert-base-uncased", num_labels=2)
      settings = {
          "output_dir": "out",
          "num_train_epochs": 4,
          "eval_strategy": ${strategy},
          "save_strategy": "no",
      }
      args = TrainingArguments(**settings)
      trainer = Trainer(model=model, args=args, train_dataset=train_ds, eval_dataset=${evalSet})
      trainer.train()
      print(trainer.predict(test_ds).metrics)
    `;
    it('fires when the dict sets an evaluation strategy and eval_dataset is the test split', () => {
      assert.equal(found(src('"epoch"'), 'leakage/multi-test').length, 1);
    });
    it('does not fire when the dict turns evaluation off', () => {
      assert.deepEqual(found(src('"no"'), 'leakage/multi-test'), []);
    });
    it('does not fire when the dict evaluates every epoch on the training part', () => {
      assert.deepEqual(found(src('"epoch"', 'train_ds'), 'leakage/multi-test'), []);
    });
  });
});
