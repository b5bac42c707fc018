/**
 * Round 15, second wave (r15b-sec): target and serving classes from real code. Each class has a
 * case that must fire and a look-alike that must not. Written from the class, not copied from a notebook.
 */
import * as assert from 'node:assert/strict';
import { analyze, py } from './helpers';

const lines = (src: string, rule: string, path = 'train.py'): number[] =>
  analyze(src, path).filter((f) => f.ruleId === rule).map((f) => f.location.line);
const TARGET = 'leakage/target';

describe('real-notebook idioms, round 15 second wave (r15b-sec)', () => {
  describe('a loader that returns None when the fetch fails still gives its frame to the caller', () => {
    const src = (feature: string): string => py`
      import pandas as pd
      import requests
      from sklearn.model_selection import train_test_split
      from sklearn.linear_model import Ridge
      def load_readings(url):
          try:
              resp = requests.get(url, timeout=5)
              if resp.status_code != 200:
                  return None
              frame = pd.DataFrame(resp.json()["rows"])
              return frame[["load", "temp", "wind"]]
          except Exception:
              return None
      data = load_readings("https://example.org/api")
      if data is None:
          raise SystemExit("no data")
      ${feature}
      cols = [c for c in data.columns if c != "load"]
      X_tr, X_te, y_tr, y_te = train_test_split(data[cols], data["load"], test_size=0.25, shuffle=False)
      print(Ridge().fit(X_tr, y_tr).score(X_te, y_te))
    `;
    it('fires on a rolling mean of the label that includes the current row', () => {
      assert.equal(lines(src('data["load_avg3"] = data["load"].rolling(3).mean()'), TARGET).length > 0, true);
    });
    it('does not fire on a rolling mean of a feature', () => {
      assert.deepEqual(lines(src('data["temp_avg3"] = data["temp"].rolling(3).mean()'), TARGET), []);
    });
  });
});
