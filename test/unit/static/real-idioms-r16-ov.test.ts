/**
 * Round 16 (helper r16-ov): overlap classes from real code, each with a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py, found } from './helpers';
import { analyzeDocument } from '../../../src/core/static/index';

describe('real-notebook idioms, round 16 (r16-ov)', () => {
  describe('leakage/overlap: a comment heading a block that predicts both parts, the training predictions named so', () => {
    const src = (name: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import f1_score
      df = pd.read_csv("visits.csv")
      A_tr, A_te, b_tr, b_te = train_test_split(df.drop(columns=["churn"]), df["churn"], test_size=0.3, random_state=1)
      clf = LogisticRegression().fit(A_tr, b_tr)
      # predictions on the test set
      ${name} = clf.predict(A_tr)
      p_held = clf.predict(A_te)
      print(f1_score(b_tr, ${name}))
      print(f1_score(b_te, p_held))
    `;
    it('fires (warning, says it read the comment) when the training predictions are bound to a name of neither side', () => {
      const fs = analyze(src('p_first')).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['11:warning']);
      assert.match(fs[0].message, /Assumed: the comment `# predictions on the test set`/);
    });
    it('does not fire when the name the training predictions are bound to says training', () => {
      assert.deepEqual(found(src('p_train'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: CV of the oversampled training part whose scores nothing reads, beside a scored test part', () => {
    const src = (tail: string) => py`
      import pandas as pd
      from imblearn.over_sampling import SMOTE
      from sklearn.model_selection import train_test_split, cross_val_score
      from sklearn.tree import DecisionTreeClassifier
      from sklearn.metrics import recall_score
      df = pd.read_csv("defaults.csv")
      U_tr, U_te, v_tr, v_te = train_test_split(df.drop(columns=["default"]), df["default"], test_size=0.25, random_state=3)
      U_up, v_up = SMOTE().fit_resample(U_tr, v_tr)
      tree = DecisionTreeClassifier(max_depth=4).fit(U_up, v_up)
      folds = cross_val_score(tree, U_up, v_up, cv=4)
      ${tail}
      print(recall_score(v_te, tree.predict(U_te)))
    `;
    it('fires (warning, says the assumption) when the fold scores are printed', () => {
      const fs = analyze(src('print(folds.mean())')).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['8:warning']);
      assert.match(fs[0].message, /Assumed: the cross-validation score on the resampled training rows is reported/);
    });
    it('does not fire when the fold scores are bound to a name nothing reads', () => {
      assert.deepEqual(found(src('pass'), 'leakage/overlap'), []);
    });
    it('still fires when the CV is the only evaluation (no held-out part scored), read or not', () => {
      const s = src('pass').replace('print(recall_score(v_te, tree.predict(U_te)))', '').replace('U_tr, U_te, v_tr, v_te = train_test_split(df.drop(columns=["default"]), df["default"], test_size=0.25, random_state=3)', 'U_tr, v_tr = df.drop(columns=["default"]), df["default"]');
      assert.notDeepEqual(found(s + '\nprint(folds)\n', 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a model fitted on the head of a positional cut, scored on all the rows it was cut from', () => {
    const src = (score: string) => py`
      import pandas as pd
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.metrics import mean_absolute_error
      load = pd.read_csv("hourly_load.csv")
      F = load[["temp", "hour", "lag_24"]]
      t = load["load"]
      cut = int(len(F) * 0.8)
      F_a, F_b = F.iloc[:cut], F.iloc[cut:]
      t_a, t_b = t.iloc[:cut], t.iloc[cut:]
      gbr = GradientBoostingRegressor().fit(F_a, t_a)
      ${score}
    `;
    it('fires at error when the whole frame, training rows included, is scored', () => {
      assert.deepEqual(found(src('print(mean_absolute_error(t, gbr.predict(F)))'), 'leakage/overlap'), ['11:error']);
    });
    it('does not fire when only the tail of the whole-series predictions is scored', () => {
      assert.deepEqual(found(src('fitted = gbr.predict(F)\nprint(mean_absolute_error(t_b, fitted[cut:]))'), 'leakage/overlap'), []);
    });
    it('does not fire when the head is only a subsample and nothing is held out', () => {
      const s = src('print(mean_absolute_error(t, gbr.predict(F)))').replace('F_a, F_b = F.iloc[:cut], F.iloc[cut:]', 'F_a = F.iloc[:cut]').replace('t_a, t_b = t.iloc[:cut], t.iloc[cut:]', 't_a = t.iloc[:cut]');
      assert.deepEqual(found(s, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: Prophet fitted on the training cut and scored over the whole frame', () => {
    const src = (scored: string) => py`
      import pandas as pd
      from prophet import Prophet
      from sklearn.metrics import mean_absolute_percentage_error
      visits = pd.read_csv("visits_daily.csv")
      visits.columns = ["ds", "y"]
      head = visits[:-28]
      tail = visits[-28:]
      pm = Prophet(weekly_seasonality=True)
      pm.fit(head)
      out = pm.predict(${scored})
      print(mean_absolute_percentage_error(${scored}["y"].values, out["yhat"].values))
    `;
    it('fires when the predictions of every date are scored against every actual', () => {
      assert.deepEqual(found(src('visits'), 'leakage/overlap'), ['11:error']);
    });
    it('does not fire when only the held-out dates are predicted and scored', () => {
      assert.deepEqual(found(src('tail'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: an open-coded error of the predictions of all the rows a split was made from', () => {
    const src = (measure: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      alloys = pd.read_csv("alloys.csv")
      Q = alloys[["carbon", "nickel", "chrome"]]
      s = alloys["strength"]
      Q_tr, Q_te, s_tr, s_te = train_test_split(Q, s, test_size=0.2, random_state=7)
      rf = RandomForestRegressor().fit(Q_tr, s_tr)
      alloys["guess"] = rf.predict(Q)
      ${measure}
    `;
    it('fires at error when the relative error of every row is measured and its share within a tolerance printed', () => {
      const s = src('alloys["rel"] = abs(100 * (alloys["guess"] - alloys["strength"]) / alloys["strength"])\nprint("within 10%:", (alloys["rel"] <= 10).mean())');
      assert.deepEqual(found(s, 'leakage/overlap'), ['11:error']);
    });
    it('fires when the mean absolute error of all rows is open-coded', () => {
      assert.deepEqual(found(src('print(np.mean(np.abs(alloys["guess"] - s)))'), 'leakage/overlap'), ['11:error']);
    });
    it('does not fire on raw residuals of all rows kept for a plot', () => {
      assert.deepEqual(found(src('resid = s - alloys["guess"]\nimport matplotlib.pyplot as plt\nplt.scatter(alloys["guess"], resid)'), 'leakage/overlap'), []);
    });
    it('does not fire when the open-coded error is of the held-out part', () => {
      assert.deepEqual(found(src('print(np.mean(np.abs(rf.predict(Q_te) - s_te)))'), 'leakage/overlap'), []);
    });
  });

  describe('a float written with a trailing dot (1./255, 1.) is parsed as a number', () => {
    const src = (order: string) => py`
      import pandas as pd
      from imblearn.over_sampling import SMOTE
      from sklearn.model_selection import train_test_split
      from sklearn.svm import SVC
      from sklearn.metrics import accuracy_score
      px = pd.read_csv("pixels.csv")
      P = px.drop(columns=["digit"]) * (1./255)
      d = px["digit"]
      ${order}
      svc = SVC(C=1.).fit(P_tr, d_tr)
      print(accuracy_score(d_te, svc.predict(P_te)))
    `;
    it('fires when a statement written with 1. oversamples before the split', () => {
      const s = src('P, d = SMOTE(sampling_strategy=1.).fit_resample(P, d)\nP_tr, P_te, d_tr, d_te = train_test_split(P, d, test_size=.2)');
      assert.deepEqual(found(s, 'leakage/overlap'), ['9:error']);
    });
    it('parses it: no syntax-error note, while a real syntax error still gets one', () => {
      const notes = (text: string): string[] => (analyzeDocument({ path: 'train.py', text }).notes ?? []).map((n) => n.message).filter((m) => /syntax error/.test(m));
      assert.deepEqual(notes('gen = ImageDataGenerator(rescale=1./255, zoom_range=0.)\nw = f(2.)\nlabel = "Step 1. read"\n'), []);
      assert.equal(notes('gen = ImageDataGenerator(rescale=1./255\nw = = 2\n').length, 1);
    });
    it('does not fire when the same statement oversamples the training part only', () => {
      const s = src('P_tr, P_te, d_tr, d_te = train_test_split(P, d, test_size=.2)\nP_tr, d_tr = SMOTE(sampling_strategy=1.).fit_resample(P_tr, d_tr)');
      assert.deepEqual(found(s, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: Keras subsets of one image folder, then the whole folder read again as the test set', () => {
    const src = (testRead: string) => py`
      from tensorflow.keras.preprocessing.image import ImageDataGenerator
      from tensorflow.keras import models, layers
      leaves = "/data/leaves/all"
      aug = ImageDataGenerator(rescale=1./255, validation_split=0.25)
      fit_flow = aug.flow_from_directory(leaves, target_size=(96, 96), class_mode="categorical", subset="training")
      dev_flow = aug.flow_from_directory(leaves, target_size=(96, 96), class_mode="categorical", subset="validation")
      cnn = models.Sequential([layers.Conv2D(8, 3), layers.Flatten(), layers.Dense(4, activation="softmax")])
      cnn.compile(optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
      cnn.fit(fit_flow, epochs=8, validation_data=dev_flow)
      final_flow = ${testRead}
      loss, acc = cnn.evaluate(final_flow)
      print("accuracy", acc)
    `;
    it('fires at error when the test reader reads the whole folder with no subset', () => {
      assert.deepEqual(found(src('aug.flow_from_directory(leaves, target_size=(96, 96), class_mode="categorical", shuffle=False)'), 'leakage/overlap'), ['11:error']);
    });
    it('does not fire when the test reader reads another folder', () => {
      assert.deepEqual(found(src('aug.flow_from_directory("/data/leaves/holdout", target_size=(96, 96), class_mode="categorical", shuffle=False)'), 'leakage/overlap'), []);
    });
    it('fires for image_dataset_from_directory subsets too, and not when the validation subset is scored', () => {
      const ds = (last: string) => py`
        import tensorflow as tf
        shots = "/data/shots"
        tr_ds = tf.keras.utils.image_dataset_from_directory(shots, validation_split=0.2, subset="training", seed=3)
        va_ds = tf.keras.utils.image_dataset_from_directory(shots, validation_split=0.2, subset="validation", seed=3)
        net = tf.keras.Sequential([tf.keras.layers.Flatten(), tf.keras.layers.Dense(3)])
        net.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
        net.fit(tr_ds, validation_data=va_ds, epochs=4)
        every = ${last}
        print(net.evaluate(every))
      `;
      assert.deepEqual(found(ds('tf.keras.utils.image_dataset_from_directory(shots)'), 'leakage/overlap'), ['9:error']);
      assert.deepEqual(found(ds('va_ds'), 'leakage/overlap'), []);
    });
    it('does not fire when the validation subset is the one scored', () => {
      assert.deepEqual(found(src('aug.flow_from_directory(leaves, target_size=(96, 96), class_mode="categorical", subset="validation", shuffle=False)'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: a yellowbrick cross-validating visualizer fitted on oversampled rows', () => {
    const src = (imp: string, rows: string) => py`
      import pandas as pd
      from imblearn.over_sampling import RandomOverSampler
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import ExtraTreesClassifier
      from sklearn.metrics import f1_score
      ${imp}
      orders = pd.read_csv("orders.csv")
      G_tr, G_te, h_tr, h_te = train_test_split(orders.drop(columns=["returned"]), orders["returned"], test_size=0.2, random_state=5)
      G_up, h_up = RandomOverSampler().fit_resample(G_tr, h_tr)
      viz = RFECV(ExtraTreesClassifier(), cv=4)
      viz.fit(${rows})
      viz.show()
      et = ExtraTreesClassifier().fit(G_up, h_up)
      print(f1_score(h_te, et.predict(G_te)))
    `;
    it('fires (warning, says the assumption) when the visualizer draws the CV curve of the resampled rows', () => {
      const fs = analyze(src('from yellowbrick.model_selection import RFECV', 'G_up, h_up')).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['9:warning']);
      assert.match(fs[0].message, /Assumed: the cross-validation score on the resampled training rows is reported/);
    });
    it('does not fire when the visualizer is given the training part before resampling', () => {
      assert.deepEqual(found(src('from yellowbrick.model_selection import RFECV', 'G_tr, h_tr'), 'leakage/overlap'), []);
    });
    it('does not fire for scikit-learn\'s RFECV, a selector whose CV score is not shown', () => {
      assert.deepEqual(found(src('from sklearn.feature_selection import RFECV', 'G_up, h_up').replace('viz.show()', 'print(viz.support_)'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: window steps written as arithmetic of the window size (hop = win - overlap)', () => {
    const src = (hop: string, label: string) => py`
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.neighbors import KNeighborsClassifier
      trace = np.load("vibration.npy")
      kinds = np.load("kinds.npy")
      win = 256
      overlap = 128
      hop = ${hop}
      W, c = [], []
      for i in range(0, len(trace) - win, hop):
          W.append(trace[i:i + win])
          c.append(${label})
      W_tr, W_te, c_tr, c_te = train_test_split(np.array(W), np.array(c), test_size=0.2)
      knn = KNeighborsClassifier().fit(W_tr, c_tr)
      print(knn.score(W_te, c_te))
    `;
    it('fires (warning) when the hop is the window minus an overlap', () => {
      assert.deepEqual(found(src('win - overlap', 'kinds[i]'), 'leakage/overlap'), ['10:warning']);
    });
    it('fires when the hop is an int() fraction of the window', () => {
      assert.deepEqual(found(src('int(win * 0.25)', 'kinds[i]'), 'leakage/overlap'), ['10:warning']);
    });
    it('does not fire when the hop is the whole window and each window gets its own label', () => {
      assert.deepEqual(found(src('win', 'kinds[i]'), 'leakage/overlap'), []);
    });
  });
});
