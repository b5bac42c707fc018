/**
 * Round 18 (helper r18-ov): overlap classes from real code, each with a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py, found } from './helpers';

describe('real-notebook idioms, round 18 (r18-ov)', () => {
  describe('leakage/overlap: a loop that grows a frame with copies of itself (augmentation) before the split', () => {
    const src = (loop: string) => py`
      import numpy as np
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.svm import SVC
      sounds = pd.read_csv("clips.csv")
      ${loop}
      target = sounds.pop("gender")
      A, B, a, b = train_test_split(sounds.values, target, test_size=0.25)
      clf = SVC().fit(A, a)
      print(clf.score(B, b))
    `;
    it('fires (error) for a name bound to the frame in the pass, jittered and appended back', () => {
      assert.deepEqual(found(src(`for k in range(4):
          jitter = sounds
          jitter["pitch"] = jitter["pitch"] + np.random.normal(0, 0.01)
          sounds = sounds.append(jitter, ignore_index=True)`), 'leakage/overlap'), ['9:error']);
    });
    it('fires (error) for a copy made in the pass and stacked with pd.concat', () => {
      assert.deepEqual(found(src(`for k in range(2):
          noisy = sounds.copy()
          noisy["pitch"] *= 1.001
          sounds = pd.concat([sounds, noisy], ignore_index=True)`), 'leakage/overlap'), ['9:error']);
    });
    it('fires (error) for the frame appended to itself, and for a sample of itself stacked back', () => {
      assert.deepEqual(found(src(`for k in range(3):
          sounds = sounds.append(sounds)`), 'leakage/overlap'), ['7:error']);
      assert.deepEqual(found(src(`for k in range(3):
          sounds = pd.concat([sounds, sounds.sample(frac=0.3)])`), 'leakage/overlap'), ['7:error']);
    });
    it('does not fire for a loop that stacks frames read from other files onto it', () => {
      assert.deepEqual(found(src(`for name in ["day2.csv", "day3.csv"]:
          more = pd.read_csv(name)
          sounds = sounds.append(more, ignore_index=True)`), 'leakage/overlap'), []);
      assert.deepEqual(found(src(`for name in ["day2.csv", "day3.csv"]:
          sounds = pd.concat([sounds, pd.read_csv(name)])`), 'leakage/overlap'), []);
    });
    it('does not fire for a name that only starts like the frame (sounds_extra), read from another file', () => {
      assert.deepEqual(found(src(`for name in ["day2.csv", "day3.csv"]:
          sounds_extra = pd.read_csv(name)
          sounds = pd.concat([sounds, sounds_extra])`), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: overlapping windows whose step is written as a fraction of a length computed from the data', () => {
    const src = (cut: string, label = 'tags.append(kind)') => py`
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.neighbors import KNeighborsClassifier
      def pieces(wave, kind, share=0.1, overlap=0.75):
          clips, tags = [], []
          ${cut}
              clips.append(wave[s:s + span])
              ${label}
          return clips, tags
      F, t = [], []
      for path, kind in [("dog.npy", 0), ("cat.npy", 1), ("bird.npy", 2)]:
          rec = np.load(path)
          c, g = pieces(rec, kind)
          F.extend(c)
          t.extend(g)
      F = np.array(F)
      F_a, F_b, t_a, t_b = train_test_split(F, np.array(t), test_size=0.2, random_state=1)
      print(KNeighborsClassifier().fit(F_a, t_a).score(F_b, t_b))
    `;
    const fraction = 'span = int(len(wave) * share)\n          hop = int(span * (1. - overlap))\n          for s in range(0, len(wave) - span + hop, hop):';
    it('fires (warning) and names the window and the step when the step is a fraction of a length computed from the recording', () => {
      const fs = analyze(src(fraction)).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['8:warning']);
      assert.match(fs[0].message, /Windows of `span` samples are cut every `hop` samples here, a step shorter than the window/);
    });
    it('does not fire when the step is the whole window (disjoint pieces, no shared samples)', () => {
      assert.deepEqual(found(src(fraction.replace('int(span * (1. - overlap))', 'span'), 'tags.append(int(wave[s] > 0))'), 'leakage/overlap'), []);
    });
    it('does not fire when the step is longer than the window (gaps between pieces)', () => {
      assert.deepEqual(found(src(fraction.replace('int(span * (1. - overlap))', 'span * 2')), 'leakage/overlap'), []);
    });
    it('does not fire when the step depends on something other than the window', () => {
      assert.deepEqual(found(src(fraction.replace('int(span * (1. - overlap))', 'int(len(wave) * 0.01)')), 'leakage/overlap'), []);
    });
    it('does not fire when the sample after each window is its target (a forecast: temporal\'s case)', () => {
      assert.deepEqual(found(src(fraction, 'tags.append(wave[s + span])'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: windows whose end is written apart from the start (end = start + n; zip of two ranges offset by n)', () => {
    const src = (cut: string, label = 'tags.append(fault)') => py`
      import numpy as np
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import RandomForestClassifier
      def windows(files, width, shared):
          shared = int(shared)
          hop = int(width - width * shared / 100)
          feats, tags = [], []
          for path, fault in files:
              trace = np.load(path)
              ${cut}
                  feats.append(trace[lo:hi].std())
                  ${label}
          return np.array(feats).reshape(-1, 1), np.array(tags)
      F, t = windows([("inner.npy", 1), ("outer.npy", 2)], 2048, 50)
      F_a, F_b, t_a, t_b = train_test_split(F, t, test_size=0.2, random_state=3)
      print(RandomForestClassifier().fit(F_a, t_a).score(F_b, t_b))
    `;
    const zipped = 'for lo, hi in zip(range(0, len(trace) - width, hop), range(width, len(trace), hop)):';
    const bound = 'for lo in range(0, len(trace) - width, hop):\n                  hi = lo + width';
    it('fires (warning) for both ends drawn from two zipped ranges offset by the window length', () => {
      const fs = analyze(src(zipped)).filter((f) => f.ruleId === 'leakage/overlap');
      assert.deepEqual(fs.map((f) => `${f.location.line}:${f.severity}`), ['10:warning']);
      assert.match(fs[0].message, /Windows of 2048 samples are cut every 1024 samples/);
    });
    it('fires (warning) for the end bound in the loop as the start plus the window length', () => {
      assert.deepEqual(found(src(bound), 'leakage/overlap'), ['10:warning']);
    });
    it('does not fire when the step is the window length (disjoint pieces) and each piece has its own label', () => {
      assert.deepEqual(found(src(zipped, 'tags.append(int(trace[lo] > 0))').replace('F, t = windows([("inner.npy", 1), ("outer.npy", 2)], 2048, 50)', 'F, t = windows([("inner.npy", 1), ("outer.npy", 2)], 2048, 0)'), 'leakage/overlap'), []);
    });
    it('does not fire when the sample at the window\'s end is its target (a forecast)', () => {
      assert.deepEqual(found(src(zipped, 'tags.append(trace[hi])'), 'leakage/overlap'), []);
      assert.deepEqual(found(src(bound, 'tags.append(trace[hi])'), 'leakage/overlap'), []);
    });
  });

  describe('leakage/overlap: rows picked from the whole frame stacked onto the training part, then deduplicated or cleaned', () => {
    const src = (stack: string) => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.ensemble import GradientBoostingRegressor
      from sklearn.metrics import mean_absolute_error
      shop = pd.read_csv("titles.csv")
      price = shop["price"]
      feats = shop.drop("price", axis=1)
      known = feats[feats["author"].isin(["Austen", "Tolstoy"])]
      f_tr, f_va, p_tr, p_va = train_test_split(feats, price, test_size=0.3, random_state=7)
      ${stack}
      p_tr = price[f_tr.index]
      gbr = GradientBoostingRegressor().fit(f_tr, p_tr)
      print(mean_absolute_error(p_va, gbr.predict(f_va)))
    `;
    it('fires (warning) when the stack is deduplicated in the same statement', () => {
      assert.deepEqual(found(src('f_tr = pd.concat([f_tr, known]).drop_duplicates()'), 'leakage/overlap'), ['13:warning']);
    });
    it('fires (warning) when the stack is cleaned on a line of its own', () => {
      assert.deepEqual(found(src('f_tr = pd.concat([f_tr, known])\n      f_tr = f_tr.dropna()'), 'leakage/overlap'), ['14:warning']);
    });
    it('does not fire when the rows stacked on are the training part\'s own', () => {
      assert.deepEqual(found(src('f_tr = pd.concat([f_tr, f_tr[f_tr["author"] == "Austen"]]).drop_duplicates()'), 'leakage/overlap'), []);
    });
    it('does not fire for per-group training cuts and held-out tails, each stacked and cleaned of gaps', () => {
      assert.deepEqual(found(py`
        import pandas as pd
        from sklearn.linear_model import Ridge
        from sklearn.metrics import mean_absolute_error
        sales = pd.read_csv("weekly.csv")
        train_parts, test_parts = [], []
        for store, g in sales.groupby("store"):
            g = g.sort_values("week")
            train_parts.append(g.iloc[:-8])
            test_parts.append(g.iloc[-8:])
        train_df = pd.concat(train_parts)
        test_df = pd.concat(test_parts)
        train_clean = train_df.dropna()
        test_clean = test_df.dropna()
        cols = ["lag1", "lag2", "promo"]
        r = Ridge().fit(train_clean[cols], train_clean["units"])
        print(mean_absolute_error(test_clean["units"], r.predict(test_clean[cols])))
      `, 'leakage/overlap'), []);
    });
  });
});
