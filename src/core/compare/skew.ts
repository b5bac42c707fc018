/**
 * Per-feature distribution skew between two datasets (training vs serving), from the column
 * statistics the recorder writes (no data reload): Jensen–Shannon divergence in bits and PSI for
 * numeric columns on aligned histograms, L∞ distance for categorical columns on their top values,
 * and the change in missing rate. Formulas follow the design's skew sheet (TFDV for JS and L∞).
 */
import type { ColumnStats, DatasetStats } from '../runlog/model';
import type { ColumnSkew, SkewThresholds } from './skewTypes';

export type { ColumnSkew, SkewThresholds } from './skewTypes';

export const DEFAULT_THRESHOLDS: SkewThresholds = { psi: 0.2, jsDivergence: 0.1, lInfinity: 0.3, missingRateChange: 0.05 };


/**
 * Re-bins two equal-width histograms onto the union of their edges, spreading each original bin's
 * count uniformly over the sub-intervals it covers; returns the two count vectors on that grid.
 */
export function alignHistograms(a: { edges: number[]; counts: number[] }, b: { edges: number[]; counts: number[] }): [number[], number[]] {
  const edges = [...new Set([...a.edges, ...b.edges])].sort((x, y) => x - y);
  const spread = (h: { edges: number[]; counts: number[] }) => {
    const out = new Array<number>(Math.max(0, edges.length - 1)).fill(0);
    for (let i = 0; i < h.counts.length; i++) {
      const lo = h.edges[i]!, hi = h.edges[i + 1]!, c = h.counts[i]!;
      if (!c) continue;
      if (hi <= lo) {
        // A point bin (constant column): all of it goes to the grid cell that contains the value.
        const k = Math.max(0, Math.min(out.length - 1, edges.findIndex((e, j) => j + 1 < edges.length && lo >= e && lo <= edges[j + 1]!)));
        out[k]! += c;
        continue;
      }
      for (let k = 0; k + 1 < edges.length; k++) {
        const overlap = Math.min(hi, edges[k + 1]!) - Math.max(lo, edges[k]!);
        if (overlap > 0) out[k]! += (c * overlap) / (hi - lo);
      }
    }
    return out;
  };
  return [spread(a), spread(b)];
}

const normalise = (xs: number[]) => {
  const s = xs.reduce((t, x) => t + x, 0);
  return s > 0 ? xs.map((x) => x / s) : xs.map(() => 0);
};

/** Jensen–Shannon divergence in bits (0 = same, 1 = disjoint), zero-mass terms skipped. */
export function jsDivergence(pCounts: number[], qCounts: number[]): number {
  const p = normalise(pCounts), q = normalise(qCounts);
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    const m = (p[i]! + q[i]!) / 2;
    if (p[i]! > 0) d += 0.5 * p[i]! * Math.log2(p[i]! / m);
    if (q[i]! > 0) d += 0.5 * q[i]! * Math.log2(q[i]! / m);
  }
  return Math.min(1, Math.max(0, d));
}

/** Population stability index, with empty bins floored at 1e-4 so a bin present on one side only counts. */
export function psi(refCounts: number[], curCounts: number[]): number {
  const r = normalise(refCounts), c = normalise(curCounts);
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const a = Math.max(r[i]!, 1e-4), b = Math.max(c[i]!, 1e-4);
    s += (a - b) * Math.log(a / b);
  }
  return s;
}

/** L∞ distance between two categorical distributions given as value counts; returns the distance and its argmax. */
export function lInfinity(a: { value: string; count: number }[], aTotal: number, b: { value: string; count: number }[], bTotal: number): { d: number; value?: string } {
  const pa = new Map(a.map((x) => [x.value, x.count / (aTotal || 1)]));
  const pb = new Map(b.map((x) => [x.value, x.count / (bTotal || 1)]));
  let best = { d: 0 } as { d: number; value?: string };
  for (const v of new Set([...pa.keys(), ...pb.keys()])) {
    const d = Math.abs((pa.get(v) ?? 0) - (pb.get(v) ?? 0));
    if (d > best.d) best = { d, value: v };
  }
  return best;
}

function rows(stats: DatasetStats): number {
  return stats.sampledRows ?? stats.rowCount;
}

function columnSkew(column: string, l: ColumnStats, r: ColumnStats, lRows: number, rRows: number, t: SkewThresholds): ColumnSkew {
  const missingLeft = lRows ? l.nulls / lRows : 0;
  const missingRight = rRows ? r.nulls / rRows : 0;
  const out: ColumnSkew = { column, kind: l.hist && r.hist ? 'numeric' : 'categorical', missingLeft, missingRight, exceeded: [] };
  if (l.hist && r.hist) {
    const [p, q] = alignHistograms(l.hist, r.hist);
    out.js = jsDivergence(p, q);
    out.psi = psi(p, q);
    if (out.js > t.jsDivergence) out.exceeded.push('jsDivergence');
    if (out.psi > t.psi) out.exceeded.push('psi');
  } else if (l.top && r.top) {
    const li = lInfinity(l.top, lRows - l.nulls, r.top, rRows - r.nulls);
    out.lInfinity = li.d;
    if (li.value !== undefined) out.lInfinityValue = li.value;
    if (li.d > t.lInfinity) out.exceeded.push('lInfinity');
  }
  if (Math.abs(missingRight - missingLeft) > t.missingRateChange) out.exceeded.push('missingRateChange');
  return out;
}

/** Skew of every column present on both sides, most skewed first. */
export function datasetSkew(left: DatasetStats, right: DatasetStats, thresholds: SkewThresholds = DEFAULT_THRESHOLDS): ColumnSkew[] {
  const out: ColumnSkew[] = [];
  for (const [column, l] of Object.entries(left.columns)) {
    const r = right.columns[column];
    if (r) out.push(columnSkew(column, l, r, rows(left), rows(right), thresholds));
  }
  const score = (c: ColumnSkew) => c.exceeded.length * 10 + (c.js ?? c.lInfinity ?? 0);
  return out.sort((a, b) => score(b) - score(a));
}
