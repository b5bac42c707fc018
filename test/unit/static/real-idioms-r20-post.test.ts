/**
 * Round 20, the lead's fixes after the holdout was scored: the classes behind its error-level false
 * alarms, each with a look-alike that must still fire. Written from the class, not copied from a file.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 20 (lead, after the holdout)', () => {
  describe('leakage/overlap: rows typed into the code are that literal\'s rows', () => {
    const helper = py`
      import pandas as pd
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score

      def fit_and_score(model, x_train, y_train, x_test, y_test):
          model.fit(x_train, y_train)
          return accuracy_score(y_test, model.predict(x_test))
    `;
    it('a toy example whose test list repeats numbers of its training list is not scored on its training rows', () => {
      const src = `${helper}
def example():
    x_train = [[0], [1], [2], [3]]
    y_train = [0, 0, 1, 1]
    x_test = [[1], [2]]
    y_test = [0, 1]
    print("Accuracy:", fit_and_score(LogisticRegression(), x_train, y_train, x_test, y_test))

def train(path):
    from sklearn.model_selection import train_test_split
    df = pd.read_csv(path)
    x_train, x_test, y_train, y_test = train_test_split(df.drop(columns=["label"]), df["label"], test_size=0.2)
    print("Accuracy:", fit_and_score(LogisticRegression(), x_train, y_train, x_test, y_test))

example()
train("data.csv")
`;
      assert.deepEqual(found(src, 'leakage/overlap'), []);
    });
    it('the same literal fitted and scored is still an in-sample score', () => {
      const src = py`
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import accuracy_score
        X = [[0], [1], [2], [3], [4], [5]]
        y = [0, 0, 0, 1, 1, 1]
        model = LogisticRegression().fit(X, y)
        print("test accuracy:", accuracy_score(y, model.predict(X)))
      `;
      assert.equal(found(src, 'leakage/overlap').length, 1);
    });
  });

  describe('leakage/overlap: a model of an input column fitted on the training and test files stacked (an imputation model)', () => {
    const src = (fit: string, score: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.linear_model import LinearRegression
      from sklearn.ensemble import RandomForestClassifier

      train = pd.read_csv("train.csv")
      test = pd.read_csv("test.csv")
      forest = RandomForestClassifier().fit(train[["Pclass", "Age", "SibSp"]].fillna(0), train.Survived)
      test.insert(0, "Survived", np.nan)
      full = pd.concat([train, test])
      known = full[full.Age.notna()]
      aux = ${fit}
      print(${score})
    `;
    it('does not fire when the model predicts a column another model takes as an input (Age)', () => {
      assert.deepEqual(found(src('LinearRegression().fit(known[["SibSp", "Parch", "Pclass"]], known.Age)', 'aux.score(known[["SibSp", "Parch", "Pclass"]], known.Age)'), 'leakage/overlap'), []);
    });
    it('fires when the model predicts the task\'s label on the stacked rows', () => {
      assert.equal(found(src('RandomForestClassifier().fit(known[["SibSp", "Parch", "Pclass"]], known.Survived)', 'aux.score(known[["SibSp", "Parch", "Pclass"]], known.Survived)'), 'leakage/overlap').length, 1);
    });
  });

  describe('leakage/overlap: a fold\'s training rows scored after an early-stopping split cut from them are its training score', () => {
    it('does not fire on a learning curve\'s training RMSE per fold', () => {
      const src = py`
        import numpy as np
        import pandas as pd
        from sklearn.model_selection import KFold, train_test_split
        from sklearn.metrics import mean_squared_error
        from xgboost import XGBRegressor

        df = pd.read_parquet("train.parquet")
        X = df.drop(columns=["temp"]).values
        y = df["temp"].values
        train_rmse, val_rmse = [], []
        for tr, va in KFold(3, shuffle=True, random_state=0).split(X):
            X_fit, X_es, y_fit, y_es = train_test_split(X[tr], y[tr], test_size=0.15, random_state=0)
            model = XGBRegressor(early_stopping_rounds=50)
            model.fit(X_fit, y_fit, eval_set=[(X_es, y_es)], verbose=False)
            train_rmse.append(mean_squared_error(y[tr], model.predict(X[tr])) ** 0.5)
            val_rmse.append(mean_squared_error(y[va], model.predict(X[va])) ** 0.5)
        print("train RMSE", np.mean(train_rmse), "validation RMSE", np.mean(val_rmse))
      `;
      assert.deepEqual(found(src, 'leakage/overlap'), []);
    });
    it('still fires when all the rows the split was cut from are scored as the test result', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import mean_squared_error
        from xgboost import XGBRegressor

        df = pd.read_parquet("data.parquet")
        X = df.drop(columns=["temp"]).values
        y = df["temp"].values
        X_fit, X_es, y_fit, y_es = train_test_split(X, y, test_size=0.15, random_state=0)
        model = XGBRegressor(early_stopping_rounds=50)
        model.fit(X_fit, y_fit, eval_set=[(X_es, y_es)], verbose=False)
        print("test RMSE", mean_squared_error(y, model.predict(X)) ** 0.5)
      `;
      assert.deepEqual(found(src, 'leakage/overlap'), ['12:error']);
    });
  });

  describe('mismatch/refit-at-inference: a label binarizer fitted on the true labels only for a metric', () => {
    it('does not fire in a scoring helper after a model load (roc_curve(lb.transform(y_true), ...))', () => {
      const src = py`
        import numpy as np
        import joblib
        from sklearn.preprocessing import LabelBinarizer
        from sklearn.metrics import roc_curve, auc

        model = joblib.load("model.joblib")
        X_test = np.load("X_test.npy")
        y_test = np.load("y_test.npy")
        scores = model.predict_proba(X_test)

        def micro_auc(y_true, y_score):
            lb = LabelBinarizer()
            lb.fit(y_true)
            fpr, tpr, _ = roc_curve(lb.transform(y_true).ravel(), y_score.ravel())
            return auc(fpr, tpr)

        print("micro AUC", micro_auc(y_test, scores))
      `;
      assert.deepEqual(found(src, 'mismatch/refit-at-inference'), []);
    });
    it('fires when the binarizer fitted on the scored batch encodes a model input', () => {
      const src = py`
        import numpy as np
        import joblib
        import pandas as pd
        from sklearn.preprocessing import LabelBinarizer

        model = joblib.load("model.joblib")
        batch = pd.read_csv("requests.csv")
        lb = LabelBinarizer()
        lb.fit(batch["channel"])
        X = np.hstack([batch[["amount"]].values, lb.transform(batch["channel"])])
        print(model.predict(X))
      `;
      assert.deepEqual(found(src, 'mismatch/refit-at-inference'), ['9:error']);
    });
  });
});

describe('real-notebook idioms, round 20 (lead, after the holdout): helper modules', () => {
  describe('leakage/multi-test: parameters of two functions nobody calls are each caller\'s rows', () => {
    const module = (second: string) => py`
      import numpy as np
      from sklearn.metrics import mean_squared_error, r2_score

      def evaluate_lstm(model, X_test, y_test):
          pred = model.predict(X_test)
          print("LSTM RMSE", np.sqrt(mean_squared_error(y_test, pred)))

      ${second}
    `;
    it('does not fire when each function scores the one model it is given (the caller compares, b013)', () => {
      const src = module(`def evaluate_attention(model, X_test, y_test):
    pred = model.predict(X_test)
    print("attention R2", r2_score(y_test, pred))`);
      assert.deepEqual(found(src, 'leakage/multi-test'), []);
    });
    it('fires when one function of the module compares models on the test set it is given', () => {
      const src = module(`def compare(models, X_test, y_test):
    scores = {name: r2_score(y_test, m.predict(X_test)) for name, m in models.items()}
    best = max(scores, key=scores.get)
    print("best model", best, scores[best])`);
      assert.ok(found(src, 'leakage/multi-test').length > 0);
    });
  });
});
