/**
 * Classes of code that real notebooks and scripts write (issue 8): each class has a case that
 * must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, lineOf, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

const PD = py`
  import numpy as np
  import pandas as pd
  from sklearn.model_selection import train_test_split
  from sklearn.preprocessing import StandardScaler
  from sklearn.linear_model import LogisticRegression, Ridge
  from sklearn.ensemble import RandomForestClassifier
  from sklearn.metrics import accuracy_score, mean_absolute_error
  df = pd.read_csv("data.csv")
  X = df.drop(columns=["label"])
  y = df["label"]
`;

describe('real-notebook idioms', () => {
  describe('a training document that reloads its own checkpoint is not serving', () => {
    it('a model trained again after a saved model was reloaded in a training notebook does not fire', () => {
      const src = PD + py`
        from tensorflow import keras
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        model = keras.Sequential([keras.layers.Dense(1)])
        model.compile(loss="mse")
        model.fit(X_train, y_train)
        model.save("best.h5")
        model = keras.models.load_model("best.h5")
        model.fit(X_train, y_train, epochs=5)
        pred = model.predict(X_test.values)
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), []);
      assert.deepEqual(rules(src, 'mismatch/column-order'), []);
    });

    it('a checkpoint loaded before a train/test split does not turn the rest of the notebook into serving', () => {
      const src = PD + py`
        import torch
        state = torch.load("pretrained.pth")
        X_train, X_test, y_train, y_test = train_test_split(X, y)
        sc = StandardScaler()
        X_train = sc.fit_transform(X_train)
        m = LogisticRegression().fit(X_train, y_train)
        print(accuracy_score(y_test, m.predict(sc.transform(X_test))))
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), []);
    });

    it('a notebook that trains without a split, then loads its artifacts and encodes new rows with get_dummies, fires', () => {
      const src = PD + py`
        import joblib
        m = LogisticRegression().fit(pd.get_dummies(X), y)
        joblib.dump(m, "model.pkl")
        model = joblib.load("model.pkl")
        new = pd.read_csv("new_customers.csv")
        print(model.predict(pd.get_dummies(new)))
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference'), [lineOf(src, 'pd.get_dummies(new)')]);
    });

    it('a serving script that loads a model and then refits a scaler on the batch still fires', () => {
      const src = py`
        import joblib
        import pandas as pd
        from sklearn.preprocessing import StandardScaler
        model = joblib.load("model.pkl")
        batch = pd.read_csv("batch.csv")
        print(model.predict(StandardScaler().fit_transform(batch)))
      `;
      assert.deepEqual(rules(src, 'mismatch/refit-at-inference', 'batch_job.py'), [lineOf(src, 'StandardScaler().fit_transform')]);
    });
  });
});
