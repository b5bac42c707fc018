/**
 * Round 14 (helper r14-overlap): overlap classes from sensor / signal notebooks. Each class has a
 * case that must fire and a look-alike that must not, written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, hits, lineOf, py } from './helpers';

const rules = (src: string, rule: string, path = 'train.py'): number[] =>
  hits(src, path).filter((h) => h.endsWith(':' + rule)).map((h) => Number(h.split(':')[0]));

describe('real-notebook idioms, round 14 (overlap)', () => {
  describe('leakage/overlap: one loading helper called for several recordings, the results stacked (round 14)', () => {
    const src = py`
      import os
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.svm import SVC
      def read_folder(folder):
          signals = []
          for fname in sorted(os.listdir(folder)):
              handle = open(os.path.join(folder, fname))
              signals.append([float(v) for v in handle.read().split()])
          return np.array(signals)
      normal = read_folder("recordings/normal")
      abnormal = read_folder("recordings/abnormal")
      X = np.vstack((normal, abnormal))
      y = np.concatenate((np.zeros(len(normal)), np.ones(len(abnormal))))
      X_tr, X_te, y_tr, y_te = train_test_split(X, y, test_size=0.25, random_state=3)
      clf = SVC().fit(X_tr, y_tr)
      print(clf.score(X_te, y_te))
    `;
    it('does not fire: calls with other arguments read other rows', () => {
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('fires when the same folder is read twice and stacked', () => {
      const twice = src.replace('read_folder("recordings/abnormal")', 'read_folder("recordings/normal")');
      assert.deepEqual(rules(twice, 'leakage/overlap'), [lineOf(twice, 'X = np.vstack')]);
    });
  });

  describe('leakage/overlap: a score bound to a test-named variable but printed as the training score (round 14)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import GradientBoostingClassifier
      frame = pd.read_csv("machines.csv")
      X_tr, X_te, y_tr, y_te = train_test_split(frame.drop(columns=["fault"]), frame["fault"], random_state=7)
      gb = GradientBoostingClassifier().fit(X_tr, y_tr)
      eval_acc = gb.score(X_tr, y_tr)
      print(f"Training accuracy {eval_acc:.3f}")
      eval_acc = gb.score(X_te, y_te)
      print(f"Test accuracy {eval_acc:.3f}")
    `;
    it('does not fire when the f-string calls it the training score (a field named test_* is code, not a label)', () => {
      const named = src.replaceAll('eval_acc', 'test_acc');
      assert.deepEqual(rules(named, 'leakage/overlap'), []);
    });
    it('fires when the training score is printed as the test score', () => {
      const wrong = src.replaceAll('eval_acc', 'test_acc').replace('Training accuracy', 'Test accuracy');
      assert.deepEqual(rules(wrong, 'leakage/overlap'), [lineOf(wrong, 'gb.score(X_tr')]);
    });
  });

  describe('leakage/overlap: a model applied to other columns of the frame it was fitted on (round 14)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.tree import DecisionTreeClassifier
      from sklearn.metrics import accuracy_score
      sensors = pd.read_csv("sensors.csv")
      states = pd.read_csv("states.csv")
      both = pd.concat([sensors, states], axis=1)
      labels = both.iloc[:, -2:]
      valve = labels.iloc[:, 0]
      pump = labels.iloc[:, 1]
      feats_a = sensors.iloc[:, [0, 1, 4]]
      A_tr, A_te, v_tr, v_te = train_test_split(feats_a, valve, test_size=0.3, random_state=5)
      tree = DecisionTreeClassifier().fit(A_tr, v_tr)
      print(accuracy_score(v_te, tree.predict(A_te)))
    `;
    it('does not fire on predictions of other columns scored against another label', () => {
      const other = src + py`
        feats_b = sensors.iloc[:, [2, 3, 4]]
        print(accuracy_score(pump, tree.predict(feats_b)))
      `;
      assert.deepEqual(rules(other, 'leakage/overlap'), []);
    });
    it('fires on the same columns scored on all the rows the split was made from', () => {
      const same = src + py`
        print(accuracy_score(valve, tree.predict(feats_a)))
      `;
      assert.deepEqual(rules(same, 'leakage/overlap'), [lineOf(same, 'accuracy_score(valve')]);
    });
  });

  describe('leakage/overlap: windows cut from a recording with a step shorter than their length, then a random split (round 14)', () => {
    const head = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      SPAN = 64
      HOP = 16
      rec = pd.read_csv("gait.csv")
      feats, tags = [], []
    `;
    const tail = py`
      X = pd.DataFrame(feats)
      X_a, X_b, t_a, t_b = train_test_split(X, tags, test_size=0.25, random_state=2)
      print(RandomForestClassifier().fit(X_a, t_a).score(X_b, t_b))
    `;
    const forLoop = head + py`
      for s in range(0, len(rec) - SPAN, HOP):
          seg = rec.iloc[s:s + SPAN]
          feats.append([seg["ax"].mean(), seg["ax"].std(), seg["ay"].max()])
          tags.append(rec["gesture"].iloc[s])
    ` + tail;
    it('fires at warning on the loop that sets the step, with the assumption, for a for-loop over range(..., step)', () => {
      const found = analyze(forLoop).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(forLoop, 'for s in range'), 'warning']]);
      assert.match(found[0].message, /Windows of 64 samples are cut every 16 samples here/);
      assert.match(found[0].message, /Assumed: the windows come from recordings/);
    });
    it('fires on the counter\'s step for a while loop whose counter advances by size minus overlap', () => {
      const src = head + py`
        shared = 32
        k = 0
        while k + SPAN <= len(rec):
            seg = rec.values[k:k + SPAN]
            feats.append(seg.mean(axis=0))
            tags.append(rec["gesture"].iloc[k])
            k += SPAN - shared
      ` + tail;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'k += SPAN - shared')]);
    });
    it('does not fire when the step equals the window length (disjoint windows)', () => {
      assert.deepEqual(rules(forLoop.replace('HOP = 16', 'HOP = 64'), 'leakage/overlap'), []);
    });
    it('does not fire when the windows are split in order (no shuffle)', () => {
      assert.deepEqual(rules(forLoop.replace('random_state=2)', 'shuffle=False)'), 'leakage/overlap'), []);
    });
    it('fires for windows cut in a list comprehension over range(..., step)', () => {
      const src = py`
        import numpy as np
        from sklearn.model_selection import train_test_split
        from sklearn.svm import SVC
        emg = np.load("emg.npy")
        cls = np.load("cls.npy")
        L, H = 120, 30
        X = np.array([emg[j:j + L].ravel() for j in range(0, len(emg) - L, H)])
        y = np.array([cls[j] for j in range(0, len(emg) - L, H)])
        A, B, a, b = train_test_split(X, y, test_size=0.3, random_state=0)
        print(SVC().fit(A, a).score(B, b))
      `;
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'X = np.array([emg')]);
      const forecast = src.replace('[cls[j] for j', '[emg[j + L] for j');
      assert.deepEqual(rules(forecast, 'leakage/overlap'), []);
    });
    it('does not fire when the value after each window is its target (a forecast: temporal\'s case)', () => {
      const src = forLoop.replace('tags.append(rec["gesture"].iloc[s])', 'tags.append(rec["ax"].values[s + SPAN])');
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: an array indexed by positions drawn with replacement before the split (round 14)', () => {
    const src = py`
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.neighbors import KNeighborsClassifier
      images = np.load("pixels.npy")
      digits = np.load("digits.npy")
      pick = np.random.randint(len(images), size=3000)
      sub_x = images[pick]
      sub_y = digits[pick]
      a_x, b_x, a_y, b_y = train_test_split(sub_x, sub_y, test_size=0.2)
      print(KNeighborsClassifier().fit(a_x, a_y).score(b_x, b_y))
    `;
    it('fires on the draw, once for features and labels', () => {
      assert.deepEqual(rules(src, 'leakage/overlap'), [lineOf(src, 'sub_x = images[pick]')]);
    });
    it('does not fire when the positions are drawn without replacement', () => {
      const src2 = src.replace('np.random.randint(len(images), size=3000)', 'np.random.choice(len(images), size=3000, replace=False)');
      assert.deepEqual(rules(src2, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: training rows scored under a comment that calls them the test data (round 14)', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestRegressor
      from sklearn.metrics import mean_absolute_error
      sales = pd.read_csv("sales.csv")
      F_tr, F_te, r_tr, r_te = train_test_split(sales.drop(columns=["revenue"]), sales["revenue"], test_size=0.2, random_state=4)
      forest = RandomForestRegressor().fit(F_tr, r_tr)
      # Predict on the held-out data
      guess = forest.predict(F_tr)
      print("MAE:", mean_absolute_error(r_tr, guess))
    `;
    it('fires at warning, saying it read the comment', () => {
      const found = analyze(src).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(src, 'print("MAE:"'), 'warning']]);
      assert.match(found[0].message, /Assumed: the comment `# Predict on the held-out data`/);
    });
    it('does not fire when the comment calls them the training data', () => {
      assert.deepEqual(rules(src.replace('# Predict on the held-out data', '# Predict on the training data (fit check)'), 'leakage/overlap'), []);
    });
    it('does not fire when the comment is about the test data but the test part is predicted', () => {
      assert.deepEqual(rules(src.replace('forest.predict(F_tr)', 'forest.predict(F_te)').replace('(r_tr, guess)', '(r_te, guess)'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: an outlier detector scored against labels on its own rows beside held-out models (round 14)', () => {
    const src = py`
      import pandas as pd
      from sklearn.ensemble import IsolationForest, RandomForestClassifier
      from sklearn.model_selection import train_test_split
      from sklearn.metrics import recall_score
      tx = pd.read_csv("transactions.csv")
      F = tx.drop(columns=["fraud"])
      lab = tx["fraud"]
      iso = IsolationForest(contamination=0.01).fit(F)
      flags = (iso.predict(F) == -1).astype(int)
      print("isolation forest recall", recall_score(lab, flags))
      F_a, F_b, l_a, l_b = train_test_split(F, lab, stratify=lab, random_state=9)
      rf = RandomForestClassifier().fit(F_a, l_a)
      print("forest recall", recall_score(l_b, rf.predict(F_b)))
    `;
    it('fires at warning, with the assumption', () => {
      const found = analyze(src).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(src, 'isolation forest recall'), 'warning']]);
      assert.match(found[0].message, /Assumed: this score on the rows the detector was fitted on/);
    });
    it('does not fire when no other model is scored on held-out rows (transductive outlier detection alone)', () => {
      const alone = src.split('\n').filter((l) => !/F_a|rf =|forest recall/.test(l)).join('\n');
      assert.deepEqual(rules(alone, 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: duplicated rows rebound only by a fallback branch on a test of the data (round 14)', () => {
    const src = py`
      import pandas as pd
      from imblearn.over_sampling import RandomOverSampler
      from sklearn.datasets import make_classification
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      raw = pd.read_csv("claims.csv")
      Xo, yo = RandomOverSampler().fit_resample(raw.drop(columns=["fraud"]), raw["fraud"])
      if len(Xo) < 100:
          Xo, yo = make_classification(n_samples=500)
      P, Q, p, q = train_test_split(Xo, yo, random_state=1)
      print(LogisticRegression().fit(P, p).score(Q, q))
    `;
    it('fires at warning, saying the fallback is assumed not to run', () => {
      const found = analyze(src).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(found.map((f) => [f.location.line, f.severity]), [[lineOf(src, 'RandomOverSampler().fit_resample'), 'warning']]);
      assert.match(found[0].message, /does not run/);
    });
    it('does not fire when an else branch rebinds the rows either way', () => {
      const both = src.replace('    Xo, yo = make_classification(n_samples=500)\n', '    Xo, yo = make_classification(n_samples=500)\nelse:\n    Xo, yo = raw.drop(columns=["fraud"]), raw["fraud"]\n');
      assert.deepEqual(rules(both, 'leakage/overlap'), []);
    });
  });

  it('keeps the analysis findings stable for a plain clean split', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import LogisticRegression
      df = pd.read_csv("d.csv")
      X_tr, X_te, y_tr, y_te = train_test_split(df.drop(columns=["y"]), df["y"], random_state=0)
      print(LogisticRegression().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    assert.deepEqual(analyze(src).filter((f) => f.ruleId === 'leakage/overlap'), []);
  });

  describe('leakage/overlap: np.repeat of a constant allocates a buffer; np.repeat of rows duplicates them (round 14 holdout)', () => {
    const src = py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      frame = pd.read_csv("engines.csv")
      values = frame.drop(columns=["rul"]).values
      target = frame["rul"].values
      n = len(values) // 10
      blocks = np.repeat(np.nan, repeats=n * 10 * values.shape[1]).reshape(n, 10 * values.shape[1])
      labels = np.repeat(np.nan, repeats=n)
      for b in range(n):
          blocks[b, :] = values[b * 10:(b + 1) * 10, :].ravel()
          labels[b] = target[b * 10 + 9]
      X_tr, X_te, y_tr, y_te = train_test_split(blocks, labels, test_size=0.2, random_state=1)
      model = Ridge().fit(X_tr, y_tr)
      print(model.score(X_te, y_te))
    `;
    it('does not fire when np.repeat fills a buffer with NaN that the rows are then written into', () => {
      assert.deepEqual(rules(src, 'leakage/overlap'), []);
    });
    it('fires when np.repeat repeats the rows themselves before the split', () => {
      const dup = src.replace('X_tr, X_te, y_tr, y_te = train_test_split(blocks, labels,', 'X_tr, X_te, y_tr, y_te = train_test_split(np.repeat(values, 2, axis=0), np.repeat(target, 2),');
      assert.ok(rules(dup, 'leakage/overlap').length > 0);
    });
  });
});
