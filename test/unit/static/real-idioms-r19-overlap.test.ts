/**
 * Round 19 (helper r19-overlap): overlap recall classes from real code, each with a case that must fire
 * and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const found = (src: string, rule: string, path = 'train.py'): string[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => `${f.location.line}:${f.severity}`);

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

});
