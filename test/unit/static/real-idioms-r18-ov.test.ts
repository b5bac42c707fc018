/**
 * Round 18 (helper r18-ov): overlap classes from real code, each with a case that must fire and a
 * look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const found = (src: string, rule: string, path = 'train.py'): string[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => `${f.location.line}:${f.severity}`);

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
});
