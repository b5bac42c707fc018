/**
 * Loop folding: a pipeline that calls the same lines over and over (a loop over files, folds,
 * hyper-parameters) records one step per call. Drawn as is, that is a hairball; folded, each call
 * site of the loop body is one node that says how often it ran.
 *
 * Repeats are found as tandem repeats of call-site keys in call order: a block of L consecutive
 * sites that occurs k ≥ minRepeat times back to back is one loop of k iterations. Greedy from the
 * left, preferring the block that covers the most calls. Sites without a location never fold.
 */

export interface LoopFold {
  /** For each position of `keys`, the position of its representative (the first iteration's call). */
  rep: number[];
  /** Loops found: [start position, body length, iterations]. */
  loops: [number, number, number][];
}

export const MAX_BODY = 40;

export function foldLoops(keys: readonly (string | undefined)[], minRepeat: number): LoopFold {
  const n = keys.length;
  const rep = keys.map((_, i) => i);
  const loops: [number, number, number][] = [];
  const same = (a: number, b: number, len: number) => {
    for (let j = 0; j < len; j++) {
      const x = keys[a + j];
      if (x === undefined || x !== keys[b + j]) return false;
    }
    return true;
  };
  let i = 0;
  while (i < n) {
    let bestL = 0;
    let bestK = 1;
    if (keys[i] !== undefined) {
      for (let len = 1; len <= MAX_BODY && i + len * minRepeat <= n; len++) {
        let k = 1;
        while (i + (k + 1) * len <= n && same(i, i + k * len, len)) k++;
        if (k >= minRepeat && len * k > bestL * bestK) {
          bestL = len;
          bestK = k;
        }
      }
    }
    if (bestL === 0) {
      i++;
      continue;
    }
    for (let r = 1; r < bestK; r++) for (let j = 0; j < bestL; j++) rep[i + r * bestL + j] = i + j;
    loops.push([i, bestL, bestK]);
    i += bestL * bestK;
  }
  return { rep, loops };
}
