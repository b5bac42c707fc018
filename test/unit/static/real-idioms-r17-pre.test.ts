/**
 * Round 17 (r17-pre): preprocessing classes. Each class has a case that must fire and a look-alike that
 * must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { hits, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms (round 17, r17-pre)', () => {
  describe('leakage/preprocessing: columns scaled one by one on all rows and then dropped in place before modelling', () => {
    const head = py`
      import pandas as pd
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import accuracy_score
      orders = pd.read_csv("orders.csv")
      scaled = ["calls", "rating", "cost"]
      for name in scaled:
          orders[name] = MinMaxScaler().fit_transform(orders[name].values.reshape(-1, 1))
    `;
    const tail = py`
      X = orders.drop("late", axis=1).values
      y = orders["late"].values
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.3, random_state=1)
      clf = LogisticRegression().fit(X_tr, y_tr)
      print(accuracy_score(y_te, clf.predict(X_te)))
    `;
    it('does not fire when every scaled column is dropped in place (over two drops) before the split', () => {
      const src = head + py`
        orders.drop(["calls", "rating"], axis=1, inplace=True)
        orders.drop(columns=["cost"], inplace=True)
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when one scaled column is kept', () => {
      const src = head + py`
        orders.drop(["calls", "rating"], axis=1, inplace=True)
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [9]);
    });
    it('fires when a dropped column is scaled again on all rows and put back', () => {
      const src = head + py`
        orders.drop(["calls", "rating", "cost"], axis=1, inplace=True)
        orders["cost"] = MinMaxScaler().fit_transform(orders[["price"]])
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [11]);
    });
    it('fires when dummies of the column carrying a statistic are put beside the frame before the column is dropped', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LinearRegression
        from sklearn.metrics import r2_score
        jobs = pd.read_csv("salaries.csv")
        counts = jobs["title"].value_counts()
        rare = counts[counts <= 25]
        jobs["title"] = jobs["title"].apply(lambda t: "Other" if t in rare else t)
        dummies = pd.get_dummies(jobs["title"], drop_first=True)
        jobs = pd.concat([jobs, dummies], axis=1)
        jobs.drop("title", axis=1, inplace=True)
        X = jobs.drop("salary", axis=1)
        y = jobs["salary"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=0)
        reg = LinearRegression().fit(X_tr, y_tr)
        print(r2_score(y_te, reg.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [6]);
    });
  });

  describe('leakage/preprocessing: a transformer fitted on training and test rows stacked together whose output no model reads', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.preprocessing import MinMaxScaler
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_squared_error

      def lag_rows(s):
          return np.array([[i, s.iloc[i - 1] if i else s.iloc[0]] for i in range(len(s))])

      visits = pd.read_csv("visits.csv")
      n = int(len(visits) * 0.7)
      train_s = visits["users"][:n]
      test_s = visits["users"][n:]
      scaler = MinMaxScaler()
      stacked = np.concatenate([train_s.values, test_s.values]).reshape(-1, 1)
      scaled = scaler.fit_transform(stacked).ravel()
      train_scaled = scaled[:n]
      test_scaled = scaled[n:]
    `;
    it('does not fire when the models train and predict on the raw values', () => {
      const src = head + py`
        rf = RandomForestRegressor().fit(lag_rows(train_s), train_s.values)
        print(mean_squared_error(test_s, rf.predict(lag_rows(test_s))))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when the model is fitted on the scaled values', () => {
      const src = head + py`
        rf = RandomForestRegressor().fit(train_scaled[:-1].reshape(-1, 1), train_scaled[1:])
        print(mean_squared_error(test_scaled[1:], rf.predict(test_scaled[:-1].reshape(-1, 1))))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [16]);
    });
  });

  describe('leakage/preprocessing: a statistic of all labels kept only in a saved summary beside the test figures', () => {
    it('does not fire when the label mean and std only go into a metadata dict (the models are fitted out of sight)', () => {
      const src = py`
        import pickle
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import r2_score
        from helpers import tune_models
        shows = pd.read_csv("shows.csv")
        X = shows.drop(columns=["rating"])
        y = shows["rating"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        best = tune_models(X_tr, y_tr)
        pred = best.predict(X_te)
        print(r2_score(y_te, pred))
        meta = {"target_mean": float(y.mean()), "target_std": float(y.std()), "test_rows": int(len(X_te)), "frame": X_te}
        with open("meta.pkl", "wb") as fh:
            pickle.dump(meta, fh)
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when a Keras history with validation metrics is written as JSON after a scaler fitted on all rows', () => {
      const src = py`
        import json
        import pandas as pd
        from sklearn.preprocessing import MinMaxScaler
        from tensorflow import keras
        clicks = pd.read_csv("clicks.csv")
        dense = ["i1", "i2", "i3"]
        clicks[dense] = MinMaxScaler().fit_transform(clicks[dense])
        net = keras.Sequential([keras.layers.Dense(1, activation="sigmoid")])
        net.compile(optimizer="adam", loss="binary_crossentropy", metrics=["AUC"])
        hist = net.fit(clicks[dense].values, clicks["label"].values, epochs=5, validation_split=0.2)
        json.dump(hist.history, open("hist.json", "w"))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [7]);
    });
    it('fires when the test features are centred by the mean of all rows', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.metrics import r2_score
        from helpers import tune_models
        shows = pd.read_csv("shows.csv")
        X = shows.drop(columns=["rating"])
        y = shows["rating"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
        X_tr = X_tr - X.mean()
        X_te = X_te - X.mean()
        best = tune_models(X_tr, y_tr)
        print(r2_score(y_te, best.predict(X_te)))
      `;
      assert.notDeepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: the first year / month of a calendar column subtracted as an origin', () => {
    const tail = py`
      X = sales[["t", "promo"]]
      y = sales["units"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, shuffle=False)
      reg = LinearRegression().fit(X_tr, y_tr)
      print(r2_score(y_te, reg.predict(X_te)))
    `;
    const head = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LinearRegression
      from sklearn.metrics import r2_score
      sales = pd.read_csv("monthly.csv")
    `;
    it('does not fire for a month index counted from the first year and month', () => {
      const src = head + py`
        sales["t"] = (sales["Year"] - sales["Year"].min()) * 12 + (sales["Month"] - sales["Month"].min())
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when the year column is min-max scaled by hand', () => {
      const src = head + py`
        sales["t"] = (sales["Year"] - sales["Year"].min()) / (sales["Year"].max() - sales["Year"].min())
      ` + tail;
      assert.notDeepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('fires when a non-calendar column is shifted by its minimum', () => {
      const src = head + py`
        sales["t"] = sales["price"] - sales["price"].min()
      ` + tail;
      assert.notDeepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: `df.col.fillna(stat, inplace=True)` with the column named by attribute fills the frame', () => {
    it('fires when the median of all rows fills the column before the split', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import accuracy_score
        trips = pd.read_csv("trips.csv")
        trips.Age.fillna(trips.Age.median(), inplace=True)
        trips.Plan.fillna(trips.Plan.mode()[0], inplace=True)
        X = trips.drop(["Bought"], axis=1)
        y = trips["Bought"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=3)
        clf = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_te, clf.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [6, 7]);
    });
    it('does not fire when each part is filled with the training part\'s median', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import accuracy_score
        trips = pd.read_csv("trips.csv")
        X = trips.drop(["Bought"], axis=1)
        y = trips["Bought"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=3)
        med = X_tr.Age.median()
        X_tr.Age.fillna(med, inplace=True)
        X_te.Age.fillna(med, inplace=True)
        clf = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_te, clf.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
    it('does not fire when the filled column is dropped before modelling', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        from sklearn.metrics import accuracy_score
        trips = pd.read_csv("trips.csv")
        trips.Age.fillna(trips.Age.median(), inplace=True)
        trips.drop(columns=["Age"], inplace=True)
        X = trips.drop(["Bought"], axis=1)
        y = trips["Bought"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=3)
        clf = LogisticRegression().fit(X_tr, y_tr)
        print(accuracy_score(y_te, clf.predict(X_te)))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: `pd.get_dummies(data=df, columns=[...])` with the frame given by keyword is still that frame', () => {
    it('fires when a column filled with its all-rows median goes through get_dummies(data=...) to the model', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        games = pd.read_csv("games.csv")
        games["Users"] = games["Users"].fillna(games["Users"].median())
        games = pd.get_dummies(data=games, columns=["Platform"])
        X = games[["Users", "Score", "Platform_PC"]]
        y = games["Hit"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=7)
        clf = LogisticRegression().fit(X_tr, y_tr)
        print("Testing score:", clf.score(X_te, y_te))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), [5]);
    });
    it('does not fire when the fill happens after the split with the training median', () => {
      const src = py`
        import pandas as pd
        from sklearn.model_selection import train_test_split
        from sklearn.linear_model import LogisticRegression
        games = pd.read_csv("games.csv")
        games = pd.get_dummies(data=games, columns=["Platform"])
        X = games[["Users", "Score", "Platform_PC"]]
        y = games["Hit"]
        X_tr, X_te, y_tr, y_te = train_test_split(X, y, random_state=7)
        med = X_tr["Users"].median()
        X_tr = X_tr.fillna({"Users": med})
        X_te = X_te.fillna({"Users": med})
        clf = LogisticRegression().fit(X_tr, y_tr)
        print("Testing score:", clf.score(X_te, y_te))
      `;
      assert.deepEqual(rules(src, 'leakage/preprocessing'), []);
    });
  });

  describe('leakage/preprocessing: a transformer fitted on all rows, then a train/validation/test cut and a cross_val_score of the training part', () => {
    const head = py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split, KFold, cross_val_score
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.pipeline import make_pipeline
      catch = pd.read_csv("catch.csv")
      X = catch[["length", "girth", "depth"]]
      y = catch["weight"]
      sc = StandardScaler().fit(X)
      X_rest, X_test, y_rest, y_test = train_test_split(X, y, test_size=0.2, random_state=4)
      X_tr, X_val, y_tr, y_val = train_test_split(X_rest, y_rest, test_size=0.2, random_state=4)
      folds = KFold(n_splits=5, shuffle=True, random_state=4)
    `;
    it('fires when the fold scores are printed (the validation part does not hide the folds)', () => {
      assert.deepEqual(rules(head + py`
        cv = cross_val_score(RandomForestRegressor(), sc.transform(X_tr), y_tr, cv=folds, scoring="r2")
        print("CV R2:", cv.mean())
      `, 'leakage/preprocessing'), [9]);
    });
    it('does not fire when the cross-validation gets the raw training part and scales inside its folds', () => {
      assert.deepEqual(rules(head + py`
        pipe = make_pipeline(StandardScaler(), RandomForestRegressor())
        cv = cross_val_score(pipe, X_tr, y_tr, cv=folds, scoring="r2")
        print("CV R2:", cv.mean())
        print(pipe.fit(X_tr, y_tr).score(X_test, y_test))
      `, 'leakage/preprocessing'), []);
    });
  });
});
