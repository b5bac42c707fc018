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
  describe('leakage/multi-test: one forecast per target column, each scored against that column in a loop', () => {
    // for col in targets: a model of that series, scored against test[col]: every pass is another label, each
    // scored once; a loop that scores several models against one column still compares them.
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.metrics import mean_squared_error
      from statsmodels.tsa.arima.model import ARIMA
      from sklearn.linear_model import LinearRegression
      df = pd.read_csv("sensors.csv")
      cut = int(0.9 * len(df))
      train, test = df.iloc[:cut], df.iloc[cut:cut + 24]
      series = ["temp", "humidity", "pressure"]
    `;
    it('does not fire when each pass scores its own column\'s forecast against that column', () => {
      const src = head + py`
        forecasts = {}
        for name in series:
            fitted = ARIMA(train[name], order=(2, 1, 0)).fit()
            forecasts[name] = fitted.forecast(steps=24).values
        for name in series:
            truth = test[name].values[:24]
            print(name, np.sqrt(mean_squared_error(truth, forecasts[name])))
      `;
      assert.deepEqual(found(src, 'leakage/multi-test'), []);
    });
    it('fires when each pass scores another order against one fixed column', () => {
      const src = head + py`
        for order in [(1, 1, 0), (2, 1, 0), (3, 1, 1)]:
            fitted = ARIMA(train["temp"], order=order).fit()
            truth = test["temp"].values[:24]
            print(order, np.sqrt(mean_squared_error(truth, fitted.forecast(steps=24).values)))
      `;
      assert.equal(found(src, 'leakage/multi-test').length, 1);
    });
    it('fires when each pass fits on another single feature column and scores against one label', () => {
      const src = head + py`
        for name in series:
            reg = LinearRegression().fit(train[name].values.reshape(-1, 1), train["load"])
            print(name, mean_squared_error(test["load"], reg.predict(test[name].values.reshape(-1, 1))))
      `;
      assert.equal(found(src, 'leakage/multi-test').length, 1);
    });
  });
  describe('leakage/multi-test: MLflow runs ranked by a logged test metric to pick the model (V18)', () => {
    // search_runs(order_by=["metrics.test_rmse ASC"]) then loading the first run's model: the model shipped is the
    // run with the best test score. Ranked by a validation metric (or one whose name only contains the letters
    // "test", as latest_) it is an ordinary selection.
    const src = (metric: string) => py`
      import mlflow
      client = mlflow.MlflowClient()
      runs = client.search_runs(experiment_ids=["7"], order_by=["metrics.${metric} ASC"], max_results=1)
      model = mlflow.sklearn.load_model(f"runs:/{runs[0].info.run_id}/model")
      mlflow.register_model(f"runs:/{runs[0].info.run_id}/model", "demand")
    `;
    it('fires when the runs are ordered by a test metric', () => {
      assert.equal(found(src('test_rmse'), 'leakage/multi-test').length, 1);
    });
    it('fires when the test metric is an average of backtests named so', () => {
      assert.equal(found(src('avg_test_mae'), 'leakage/multi-test').length, 1);
    });
    it('does not fire when the runs are ordered by a validation metric', () => {
      assert.deepEqual(found(src('val_rmse'), 'leakage/multi-test'), []);
    });
    it('does not fire for a metric whose name only contains the letters of test', () => {
      assert.deepEqual(found(src('latest_rmse'), 'leakage/multi-test'), []);
    });
  });
});
