/**
 * Round 19 (helper r19-overlap): overlap recall classes from real code, each with a case that must fire
 * and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { py, found } from './helpers';

describe('real-notebook idioms, round 19 (r19-overlap)', () => {
  describe('leakage/overlap: overlapping windows cut from a signal the analysis holds no rows for (read per file in a loop)', () => {
    // The signal comes out of a generator of (label, samples) pairs, so it is known only as a value;
    // its windows still share samples with their neighbours.
    const src = (step: string, split = 'test_size=0.25, random_state=3') => py`
      import os
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      def recordings(folder):
          for name in sorted(os.listdir(folder)):
              yield name.split("_")[0], np.load(os.path.join(folder, name))
      def cut(pairs, win=2048):
          hop = ${step}
          segs, tags = [], []
          for pair in pairs:
              wave = pair[1].ravel()
              for a in range(0, len(wave) - win, hop):
                  segs.append(wave[a:a + win])
                  tags.append(pair[0])
          return np.array(segs), np.array(tags)
      S, t = cut(recordings("vibration"))
      S_a, S_b, t_a, t_b = train_test_split(S, t, ${split})
      clf = RandomForestClassifier().fit(S_a, t_a)
      print(clf.score(S_b, t_b))
    `;
    it('fires (warning) when the hop is shorter than the window', () => {
      assert.deepEqual(found(src('win // 2'), 'leakage/overlap'), ['13:warning']);
    });
    it('does not fire when the hop is the whole window (disjoint windows)', () => {
      assert.deepEqual(found(src('win'), 'leakage/overlap'), []);
    });
    it('does not fire when the windows are split in order (shuffle=False)', () => {
      assert.deepEqual(found(src('win // 2', 'test_size=0.25, shuffle=False'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: per-window features put in a dict key by key, then made a DataFrame', () => {
    const src = (hop: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.svm import SVC
      sig = np.load("bearing.npy")
      fault = np.load("bearing_labels.npy")
      wins, labs = [], []
      for s in range(0, len(sig) - 1024, ${hop}):
          wins.append(sig[s:s + 1024])
          labs.append(fault[s])
      def describe(W, lab):
          cols = {}
          cols["rms"] = [np.sqrt(np.mean(w ** 2)) for w in W]
          cols["peak"] = [np.max(np.abs(w)) for w in W]
          cols["kind"] = [int(v) for v in lab]
          table = pd.DataFrame(cols)
          return table[["rms", "peak"]], table["kind"]
      F, k = describe(wins, labs)
      F_a, F_b, k_a, k_b = train_test_split(F, k, test_size=0.3, random_state=0)
      print(SVC().fit(F_a, k_a).score(F_b, k_b))
    `;
    it('fires (warning) when the windows overlap', () => {
      assert.deepEqual(found(src('512'), 'leakage/overlap'), ['8:warning']);
    });
    it('does not fire when the windows are disjoint and each gets its own label', () => {
      assert.deepEqual(found(src('1024'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: a model refitted on all the rows after a reported cross-validation, scored on those rows (call L)', () => {
    const src = (cv: string, refit = 'GradientBoostingRegressor(random_state=0)', shown = 'print("R2 of the final model:", r2_score(yield_, fitted))') => py`
      import pandas as pd
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.linear_model import Ridge
      from sklearn.model_selection import cross_val_score
      from sklearn.metrics import r2_score
      crops = pd.read_csv("fields.csv")
      yield_ = crops.pop("yield")
      ${cv}
      final = ${refit}.fit(crops, yield_)
      fitted = final.predict(crops)
      ${shown}
    `;
    const shownCv = 'folds = cross_val_score(GradientBoostingRegressor(random_state=0), crops, yield_, cv=5)\n      print("CV R2", folds.mean())';
    it('fires (warning) when the cross-validated score is printed first', () => {
      assert.deepEqual(found(src(shownCv), 'leakage/overlap'), ['12:warning']);
    });
    it('does not fire when the cross-validation score is never read', () => {
      assert.deepEqual(found(src('folds = cross_val_score(GradientBoostingRegressor(random_state=0), crops, yield_, cv=5)'), 'leakage/overlap'), []);
    });
    it('does not fire when the refitted model is another class than the one cross-validated', () => {
      assert.deepEqual(found(src(shownCv, 'Ridge()'), 'leakage/overlap'), []);
    });
    it('does not fire when the in-sample score is called a training score', () => {
      assert.deepEqual(found(src(shownCv, undefined, 'print("training R2:", r2_score(yield_, fitted))'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: the training set is all the rows under a train name while the test set is a cut of them', () => {
    const src = (train: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_absolute_error
      load = pd.read_csv("load.csv", index_col=0, parse_dates=True)
      days = np.array(np.split(load.values, len(load) / 24))
      ${train}
      held = load[-(24 * 28):]
      test = np.array(np.split(held.values, len(held) / 24))
      net = Ridge().fit(train[:, :-1, 0], train[:, -1, 0])
      print("MAE", mean_absolute_error(test[:, -1, 0], net.predict(test[:, :-1, 0])))
    `;
    it('fires (error) when the training set is the whole array renamed (train = days)', () => {
      assert.deepEqual(found(src('train = days'), 'leakage/overlap'), ['11:error']);
    });
    it('does not fire when the training set is cut before the held-out days', () => {
      assert.deepEqual(found(src('train = days[:-28]'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a helper\'s output from all the rows named train after a held-out tail was cut from them', () => {
    const src = (arg: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.metrics import mean_squared_error
      def to_windows(values, n=24):
          X, y = [], []
          for i in range(len(values) - n):
              X.append(values[i:i + n])
              y.append(values[i + n])
          return np.array(X), np.array(y)
      price = pd.read_csv("spot.csv")["price"].values
      test_prices = price[-500:]
      train_x, train_y = to_windows(${arg})
      test_x, test_y = to_windows(test_prices)
      gbr = GradientBoostingRegressor().fit(train_x, train_y)
      print("RMSE", mean_squared_error(test_y, gbr.predict(test_x)) ** 0.5)
    `;
    it('fires (error) when the windows are cut from the whole series', () => {
      assert.deepEqual(found(src('price'), 'leakage/overlap'), ['16:error']);
    });
    it('does not fire when the windows are cut from the series before the held-out tail', () => {
      assert.deepEqual(found(src('price[:-500]'), 'leakage/overlap'), []);
    });
    it('does not fire for a random mask redrawn per group in a loop', () => {
      assert.deepEqual(found(py`
        import numpy as np
        import pandas as pd
        from sklearn.linear_model import LinearRegression
        rain = pd.read_csv("rain.csv")
        for region in rain["region"].unique():
            part = rain[rain["region"] == region]
            msk = np.random.rand(len(part)) < 0.8
            part_test = part[~msk]
            part_train = part[msk]
            reg = LinearRegression().fit(part_train[["m1", "m2"]], part_train["m3"])
            print(region, np.mean(np.abs(reg.predict(part_test[["m1", "m2"]]) - part_test["m3"])))
      `, 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: a search fitted on all the rows, its best_score_ reported, then scored on those rows (call L)', () => {
    const src = (shown: string, score = 'print("accuracy of the tuned forest:", accuracy_score(status, grid.predict(patients)))') => py`
      import pandas as pd
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.model_selection import GridSearchCV
      from sklearn.metrics import accuracy_score
      patients = pd.read_csv("cohort.csv")
      status = patients.pop("status")
      grid = GridSearchCV(RandomForestClassifier(random_state=0), {"max_depth": [3, 6, None]}, cv=5)
      grid.fit(patients, status)
      ${shown}
      ${score}
    `;
    it('fires (warning) when the search\'s cross-validated score is printed', () => {
      assert.deepEqual(found(src('print("best CV accuracy", grid.best_score_)'), 'leakage/overlap'), ['10:warning']);
    });
    it('does not fire when only the chosen settings are read', () => {
      assert.deepEqual(found(src('print("chosen", grid.best_params_)'), 'leakage/overlap'), []);
    });
    it('does not fire when the in-sample score is called a training score', () => {
      assert.deepEqual(found(src('print("best CV accuracy", grid.best_score_)', 'print("training accuracy:", accuracy_score(status, grid.predict(patients)))'), 'leakage/overlap'), []);
    });
  });
});
