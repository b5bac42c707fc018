/**
 * Round 15 (helper r15-ov): overlap and temporal classes from real code, each with a case that must
 * fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py, found } from './helpers';

describe('real-notebook idioms, round 15 (r15-ov)', () => {
  describe('leakage/overlap: resampled training rows under Keras validation_split with early stopping', () => {
    const src = (split: string, tail: string) => py`
      import pandas as pd
      from imblearn.over_sampling import RandomOverSampler
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import f1_score
      from tensorflow.keras.models import Sequential
      from tensorflow.keras.layers import Dense
      from tensorflow.keras.callbacks import EarlyStopping
      df = pd.read_csv("claims.csv")
      X = df.drop(columns=["fraud"])
      y = df["fraud"]
      ${split}
      Xr, yr = RandomOverSampler().fit_resample(Xa, ya)
      net = Sequential([Dense(16, activation="relu"), Dense(1, activation="sigmoid")])
      net.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
      hist = net.fit(Xr, yr, epochs=30, validation_split=0.2, callbacks=[EarlyStopping(monitor="val_loss", restore_best_weights=True)])
      ${tail}
    `;
    it('fires when the validation split is the only held-out set and its val_ score is read', () => {
      assert.deepEqual(found(src('Xa, ya = X, y', 'print(max(hist.history["val_accuracy"]))'), 'leakage/overlap'), ['12:error']);
    });
    it('does not fire when the epoch is only chosen there, val_ is never read, and a clean test part is scored', () => {
      assert.deepEqual(found(src('Xa, Xt, ya, yt = train_test_split(X, y, test_size=0.2, random_state=0)',
        'print(f1_score(yt, (net.predict(Xt) > 0.5).astype(int)))'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: oversampled training part searched twice, the later search\'s best_score_ read', () => {
    const src = (read: string) => py`
      import pandas as pd
      from imblearn.over_sampling import SMOTE
      from sklearn.model_selection import train_test_split, GridSearchCV, RandomizedSearchCV
      from sklearn.ensemble import RandomForestClassifier
      from sklearn.metrics import accuracy_score
      df = pd.read_csv("outcomes.csv")
      X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["outcome"]), df["outcome"], test_size=0.25)
      X_up, y_up = SMOTE().fit_resample(X_tr, y_tr)
      rs = RandomizedSearchCV(RandomForestClassifier(), {"max_depth": [3, 6, 9]}, n_iter=2).fit(X_up, y_up)
      print(rs.best_params_)
      gs = GridSearchCV(RandomForestClassifier(), {"min_samples_leaf": [1, 3]}, cv=5).fit(X_up, y_up)
      ${read}
      print(accuracy_score(y_te, gs.predict(X_te)))
    `;
    it('fires (warning, says the assumption) when the later search\'s best_score_ is shown', () => {
      const fs = analyze(src('print(gs.best_params_, gs.best_score_)')).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['8:warning']);
      assert.match(fs[0].message, /Assumed: the search's `best_score_` is read as a result/);
    });
    it('does not fire when neither search\'s score is read and the clean test part is scored', () => {
      assert.deepEqual(found(src('print(gs.best_params_)'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: oversampled rows handed to PyCaret setup, then compare_models', () => {
    const src = (data: string) => py`
      import pandas as pd
      from imblearn.over_sampling import SMOTE
      from sklearn.model_selection import train_test_split
      from pycaret.classification import *
      df = pd.read_csv("machines.csv")
      X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["failure"]), df["failure"], test_size=0.2)
      X_up, y_up = SMOTE().fit_resample(X_tr, y_tr)
      exp = setup(data=${data}, target="failure", test_data=pd.concat([X_te, y_te], axis=1), session_id=1)
      best = compare_models(sort="F1")
    `;
    it('fires (warning, says the assumption) when setup is given the resampled rows', () => {
      const fs = analyze(src('pd.concat([X_up, y_up], axis=1)')).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['7:warning']);
      assert.match(fs[0].message, /Assumed: PyCaret's `compare_models` cross-validation grid is read/);
    });
    it('fires through the experiment object API (ClassificationExperiment().setup / .compare_models)', () => {
      const text = py`
        import pandas as pd
        from imblearn.over_sampling import RandomOverSampler
        from pycaret.classification import ClassificationExperiment
        df = pd.read_csv("machines.csv")
        X_up, y_up = RandomOverSampler().fit_resample(df.drop(columns=["failure"]), df["failure"])
        exp = ClassificationExperiment()
        exp.setup(data=pd.concat([X_up, y_up], axis=1), target="failure", session_id=1)
        best = exp.compare_models()
      `;
      assert.deepEqual(found(text, 'leakage/overlap'), ['5:warning']);
    });
    it('does not fire when setup is given the training part before resampling (fix_imbalance runs per fold)', () => {
      assert.deepEqual(found(src('pd.concat([X_tr, y_tr], axis=1), fix_imbalance=True'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/temporal: sliding windows written with parentheses and a column index, x[i:(i + n), 0]', () => {
    const src = (win: string, shuffle: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      from sklearn.metrics import mean_squared_error
      series = pd.read_csv("load.csv")[["kw"]].values
      look_back = 12
      X, y = [], []
      for i in range(len(series) - look_back):
          X.append(${win})
          y.append(series[i + look_back, 0])
      X, y = np.array(X), np.array(y)
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2${shuffle})
      m = Ridge().fit(X_tr, y_tr)
      print(mean_squared_error(y_te, m.predict(X_te)))
    `;
    it('fires on a shuffled split of windows cut as series[i:(i + look_back), 0]', () => {
      assert.deepEqual(found(src('series[i:(i + look_back), 0]', ''), 'leakage/temporal'), ['13:warning']);
    });
    it('fires on a shuffled split of windows cut as series[i:(i + look_back)]', () => {
      assert.deepEqual(found(src('series[i:(i + look_back)]', ''), 'leakage/temporal'), ['13:warning']);
    });
    it('does not fire when the windows are split in order (shuffle=False)', () => {
      assert.deepEqual(found(src('series[i:(i + look_back), 0]', ', shuffle=False'), 'leakage/temporal'), []);
    });
  });
  describe('leakage/temporal: a label named as the next period\'s value of a feature, split at random', () => {
    const src = (label: string, feats: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.metrics import mean_absolute_error
      df = pd.read_csv("stations.csv")
      X = df[${feats}]
      y = df["${label}"]
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.2, random_state=0)
      m = GradientBoostingRegressor().fit(X_tr, y_tr)
      print(mean_absolute_error(y_te, m.predict(X_te)))
    `;
    it('fires (warning, says the name-based guess) when the current value is a feature', () => {
      const fs = analyze(src('pm25_next_day', '["pm25", "temp", "wind"]')).filter((f) => f.ruleId === 'leakage/temporal');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['8:warning']);
      assert.match(fs[0].message, /Assumed: the label 'pm25_next_day' is taken, from its name/);
    });
    it('does not fire when the label\'s quantity is not among the features', () => {
      assert.deepEqual(found(src('pm25_next_day', '["temp", "wind", "humidity"]'), 'leakage/temporal'), []);
    });
  });
  describe('leakage/overlap: the training names rebound to the whole data after the split (resampling X instead of X_train)', () => {
    const src = (resample: string) => py`
      import pandas as pd
      from imblearn.over_sampling import SMOTE
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import GradientBoostingClassifier
      from sklearn.metrics import recall_score
      df = pd.read_csv("claims.csv")
      X = df.drop(columns=["fraud"])
      y = df["fraud"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y)
      ${resample}
      m = GradientBoostingClassifier().fit(X_train, y_train)
      print(recall_score(y_test, m.predict(X_test)))
    `;
    it('fires at error when the whole X, y are resampled into X_train, y_train', () => {
      assert.deepEqual(found(src('X_train, y_train = SMOTE().fit_resample(X, y)'), 'leakage/overlap'), ['12:error']);
    });
    it('does not fire when the training part is resampled', () => {
      assert.deepEqual(found(src('X_train, y_train = SMOTE().fit_resample(X_train, y_train)'), 'leakage/overlap'), []);
    });
    it('does not fire on a bootstrap sample bound to train with its out-of-bag rows as test (no split before)', () => {
      const text = py`
        import numpy as np
        from sklearn.utils import resample
        from sklearn.linear_model import Lasso
        values = np.load("plant.npy")
        train = resample(values, n_samples=500)
        test = np.array([x for x in values if x.tolist() not in train.tolist()])
        m = Lasso().fit(train[:, :-1], train[:, -1])
        print(m.score(test[:, :-1], test[:, -1]))
      `;
      assert.deepEqual(found(text, 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: one image folder (or file) read twice, a copy augmented, stacked, then split at random', () => {
    const torchSrc = (second: string) => py`
      from torch.utils.data import ConcatDataset, random_split, DataLoader
      from torchvision import datasets, transforms
      plain = datasets.ImageFolder("data/leaves", transform=transforms.ToTensor())
      flipped = datasets.ImageFolder(${second}, transform=transforms.Compose([transforms.RandomHorizontalFlip(p=1.0), transforms.ToTensor()]))
      full = ConcatDataset([plain, flipped])
      train_ds, test_ds = random_split(full, [0.8, 0.2])
      train_dl = DataLoader(train_ds, batch_size=32, shuffle=True)
    `;
    it('fires when ConcatDataset stacks the same folder twice before random_split', () => {
      assert.deepEqual(found(torchSrc('"data/leaves"'), 'leakage/overlap'), ['5:error']);
    });
    it('does not fire when the two folders differ', () => {
      assert.deepEqual(found(torchSrc('"data/leaves_extra"'), 'leakage/overlap'), []);
    });
    const csvSrc = (second: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.neighbors import KNeighborsClassifier
      from sklearn.metrics import accuracy_score
      base = pd.read_csv("spectra.csv")
      noisy = pd.read_csv(${second})
      noisy["band_1"] = noisy["band_1"] * 1.02
      df = pd.concat([base, noisy], ignore_index=True)
      X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["kind"]), df["kind"], test_size=0.25)
      knn = KNeighborsClassifier().fit(X_tr, y_tr)
      print(accuracy_score(y_te, knn.predict(X_te)))
    `;
    it('fires when the same CSV is read twice, one copy perturbed, and stacked before the split', () => {
      assert.deepEqual(found(csvSrc('"spectra.csv"'), 'leakage/overlap'), ['8:error']);
    });
    it('does not fire when the second read is another file', () => {
      assert.deepEqual(found(csvSrc('"spectra_2024.csv"'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: disjoint segments of each recording, all given the recording\'s label, then a random split', () => {
    const src = (label: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      SPAN = 128
      meta = pd.read_csv("recordings.csv")
      feats, labels = [], []
      for path, activity in zip(meta["path"], meta["activity"]):
          rec = np.load(path)
          steps = np.load(path + ".labels.npy")
          for s in range(0, len(rec) - SPAN, SPAN):
              seg = rec[s:s + SPAN]
              feats.append([seg.mean(), seg.std(), seg.max()])
              ${label}
      X = pd.DataFrame(feats)
      X_a, X_b, t_a, t_b = train_test_split(X, labels, test_size=0.25, random_state=2)
      print(RandomForestClassifier().fit(X_a, t_a).score(X_b, t_b))
    `;
    it('fires at warning on the loop header, naming the recording-level label', () => {
      const fs = analyze(src('labels.append(activity)')).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['11:warning']);
      assert.match(fs[0].message, /each is given its label `activity`/);
    });
    it('does not fire when each segment gets its own label read at its position', () => {
      assert.deepEqual(found(src('lab = steps[s]\n              labels.append(lab)'), 'leakage/overlap'), []);
    });
  });
  describe('leakage/overlap: Keras validation_data that is the training part itself, its val_ score read', () => {
    const src = (val: string, tail: string) => py`
      import numpy as np
      from sklearn.model_selection import train_test_split
      from tensorflow.keras.models import Sequential
      from tensorflow.keras.layers import Dense
      X = np.load("features.npy")
      y = np.load("labels.npy")
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
      net = Sequential([Dense(16, activation="relu"), Dense(1, activation="sigmoid")])
      net.compile(optimizer="adam", loss="binary_crossentropy", metrics=["accuracy"])
      hist = net.fit(X_train, y_train, epochs=20, validation_data=${val})
      print("validation accuracy", hist.history["val_accuracy"][-1])
      ${tail}
    `;
    it('fires (warning, with the assumption) when the held-out part is never scored', () => {
      assert.deepEqual(found(src('(X_train, y_train)', ''), 'leakage/overlap'), ['10:warning']);
    });
    it('does not fire when the held-out part is the validation data', () => {
      assert.deepEqual(found(src('(X_test, y_test)', ''), 'leakage/overlap'), []);
    });
    it('does not fire when the held-out part is scored too', () => {
      assert.deepEqual(found(src('(X_train, y_train)', 'print(net.evaluate(X_test, y_test))'), 'leakage/overlap'), []);
    });
  });
});
