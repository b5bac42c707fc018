/**
 * Per-feature distribution skew between two datasets (training vs serving), from the column
 * statistics the recorder writes (no data reload). Both sides are first counted on SHARED bins —
 * by value when both kept exact value counts over mostly the same few values (counts, codes, flags),
 * else on equal-width bins over the combined 1st–99th percentile range plus overflow bins — and only
 * then compared: Jensen–Shannon divergence in bits and PSI for numbers, L∞ on the top values for
 * categories, and the change in missing rate (formula sheet: /work/shared/design/research-skew.md §4;
 * binning and why: docs/run-log.md §5). Each side's own bins would make two samples of one
 * distribution look different (0–7 vs 0–6 over 20 bins each: JS 0.30 where the truth is 0.002).
 */
import type { ColumnStats, DatasetStats } from '../runlog/model';
import type { ColumnSkew, HistogramBar, SkewHistogram, SkewThresholds } from './skewTypes';

export type { ColumnSkew, HistogramBar, SkewHistogram, SkewThresholds } from './skewTypes';

export const DEFAULT_THRESHOLDS: SkewThresholds = { psi: 0.2, jsDivergence: 0.1, lInfinity: 0.3, missingRateChange: 0.05 };

/** Equal-width bins between the combined 1st and 99th percentiles (values beyond go to an overflow bin each side). */
export const CORE_BINS = 20;
/** Below this many non-missing values on a side, a distance is noise: say so instead (formula sheet's edge-case policy). */
export const MIN_VALUES = 10;
/** By value when the two sides together have at most this many distinct values (as Evidently); more values
 *  are binned by range, or by-value sampling noise alone pushes PSI toward its threshold (a 1–72 integer, 600 rows: 0.13). */
export const BY_VALUE_MAX = 20;
/** PSI floors each proportion here so a bin empty on one side counts without making PSI infinite. */
export const PSI_FLOOR = 1e-4;
/** Category bars drawn before the rest is gathered into "other". */
const TOP_BARS = 12;

/**
 * A numeric column's distribution as the recorder kept it: exact counts by value, or a piecewise-linear
 * CDF through points (x, P(X ≤ x)) — the quantile sketch, or an old run's own-range histogram spread
 * uniformly within each bin. Either can be evaluated at any edge, which is what shared bins need.
 */
export type NumericDistribution =
  | { kind: 'values'; values: number[]; counts: number[]; /** cum[i] = count of values[0..i) */ cum: number[]; total: number }
  | { kind: 'cdf'; xs: number[]; ps: number[]; source: 'quantiles' | 'hist' };

const isSortedFinite = (xs: unknown[]): xs is number[] =>
  xs.every((x, i) => typeof x === 'number' && Number.isFinite(x) && (i === 0 || x >= (xs[i - 1] as number)));

/** The column's numeric distribution, or a reason it has none that can be used. */
export function numericDistribution(c: ColumnStats): NumericDistribution | { problem: string } | undefined {
  if (c.values) {
    const { values, counts } = c.values;
    if (!Array.isArray(values) || !Array.isArray(counts) || values.length !== counts.length || !values.length)
      return { problem: 'its value counts are malformed (values and counts differ in length)' };
    if (!isSortedFinite(values) || !counts.every((n) => Number.isInteger(n) && n >= 0))
      return { problem: 'its value counts are malformed (values not ascending or counts not whole numbers)' };
    const cum = [0];
    for (const n of counts) cum.push(cum[cum.length - 1]! + n);
    const total = cum[cum.length - 1]!;
    if (!total) return undefined;
    return { kind: 'values', values, counts, cum, total };
  }
  if (c.quantiles) {
    const q = c.quantiles;
    if (!Array.isArray(q) || q.length < 2 || !isSortedFinite(q)) return { problem: 'its quantile sketch is malformed (fewer than 2 points, or not ascending)' };
    return { kind: 'cdf', xs: q, ps: q.map((_, i) => i / (q.length - 1)), source: 'quantiles' };
  }
  if (c.hist) {
    const { edges, counts } = c.hist;
    if (!Array.isArray(edges) || !Array.isArray(counts) || edges.length !== counts.length + 1 || !isSortedFinite(edges))
      return { problem: 'its histogram is malformed (edges must be ascending and one more than counts)' };
    const total = counts.reduce((t, n) => t + n, 0);
    if (!(total > 0)) return undefined;
    let run = 0;
    const ps = [0, ...counts.map((n) => (run += n) / total)];
    return { kind: 'cdf', xs: edges, ps, source: 'hist' };
  }
  return undefined;
}

/** First index i with xs[i] >= x (strict: xs[i] > x). */
function search(xs: number[], x: number, after: boolean): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (after ? xs[mid]! <= x : xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** P(X < x) when `strict`, else P(X ≤ x). Ties in a sketch (repeated quantiles) are jumps of the CDF. */
export function cdfAt(d: NumericDistribution, x: number, strict: boolean): number {
  if (d.kind === 'values') return d.cum[search(d.values, x, !strict)]! / d.total;
  const { xs, ps } = d;
  const n = xs.length;
  if (strict) {
    const j = search(xs, x, false); // first xs[j] >= x
    if (j === 0) return 0;
    if (j === n) return 1;
    if (xs[j] === x) return ps[j]!;
    return ps[j - 1]! + ((ps[j]! - ps[j - 1]!) * (x - xs[j - 1]!)) / (xs[j]! - xs[j - 1]!);
  }
  const j = search(xs, x, true) - 1; // last xs[j] <= x
  if (j < 0) return 0;
  if (j === n - 1) return 1;
  if (xs[j] === x) return ps[j]!;
  return ps[j]! + ((ps[j + 1]! - ps[j]!) * (x - xs[j]!)) / (xs[j + 1]! - xs[j]!);
}

/** The p-quantile: the smallest x with P(X ≤ x) ≥ p (interpolated in a sketch). */
export function quantileOf(d: NumericDistribution, p: number): number {
  if (d.kind === 'values') {
    const k = p * d.total;
    const i = d.cum.findIndex((c, j) => j > 0 && c >= k);
    return d.values[Math.max(0, i - 1)]!;
  }
  const { xs, ps } = d;
  const j = ps.findIndex((q) => q >= p);
  if (j <= 0) return xs[0]!;
  const span = ps[j]! - ps[j - 1]!;
  return span > 0 ? xs[j - 1]! + ((xs[j]! - xs[j - 1]!) * (p - ps[j - 1]!)) / span : xs[j]!;
}

const lowest = (d: NumericDistribution) => (d.kind === 'values' ? d.values[0]! : d.xs[0]!);
const highest = (d: NumericDistribution) => (d.kind === 'values' ? d.values[d.values.length - 1]! : d.xs[d.xs.length - 1]!);

/** Bins both sides are counted on. `bins`: core edges (CORE_BINS + 1), with overflow bins below / above when used. */
export type SharedBins = { kind: 'values'; values: number[] } | { kind: 'bins'; edges: number[]; below: boolean; above: boolean };

/**
 * Shared bins for two numeric distributions. By value when both kept exact counts, together hold at most
 * BY_VALUE_MAX values, and at least half of the smaller side's values occur on the other side too (counts,
 * codes, flags; a scaled or shifted copy of a discrete column does not qualify and is binned by range). Else CORE_BINS equal-width bins over the combined
 * [1st, 99th] percentile range — robust to a few outliers, which land in the overflow bins — or over the
 * combined [min, max] when those percentiles coincide. Undefined when the range overflows float64.
 */
export function sharedBins(a: NumericDistribution, b: NumericDistribution): SharedBins | undefined {
  if (a.kind === 'values' && b.kind === 'values') {
    const inB = new Set(b.values);
    const common = a.values.filter((v) => inB.has(v)).length;
    const union = [...new Set([...a.values, ...b.values])].sort((x, y) => x - y);
    if (union.length <= BY_VALUE_MAX && common >= Math.min(a.values.length, b.values.length) / 2) return { kind: 'values', values: union };
  }
  const min = Math.min(lowest(a), lowest(b)), max = Math.max(highest(a), highest(b));
  let lo = Math.min(quantileOf(a, 0.01), quantileOf(b, 0.01));
  let hi = Math.max(quantileOf(a, 0.99), quantileOf(b, 0.99));
  if (!(hi > lo)) [lo, hi] = [min, max];
  if (!(hi > lo)) return { kind: 'values', values: [min] }; // both sides one and the same value
  if (!Number.isFinite(hi - lo)) return undefined;
  const edges = Array.from({ length: CORE_BINS + 1 }, (_, k) => (k === CORE_BINS ? hi : lo + ((hi - lo) * k) / CORE_BINS));
  return { kind: 'bins', edges, below: min < lo, above: max > hi };
}

/**
 * The share of a distribution in each shared bin: numpy's convention, [e_k, e_k+1) with the last core bin
 * closed, plus (−∞, e_0) and (e_n, +∞) when the bins have overflow. Sums to 1.
 */
export function massOnBins(d: NumericDistribution, bins: SharedBins): number[] {
  if (bins.kind === 'values') {
    if (d.kind === 'values') {
      const count = new Map(d.values.map((v, i) => [v, d.counts[i]!]));
      return bins.values.map((v) => (count.get(v) ?? 0) / d.total); // exact, not a difference of two sums
    }
    return bins.values.map((v) => cdfAt(d, v, false) - cdfAt(d, v, true));
  }
  const { edges } = bins;
  const n = edges.length - 1;
  const out: number[] = [];
  if (bins.below) out.push(cdfAt(d, edges[0]!, true));
  for (let k = 0; k < n; k++) {
    const upper = k === n - 1 ? cdfAt(d, edges[n]!, false) : cdfAt(d, edges[k + 1]!, true);
    out.push(Math.max(0, upper - cdfAt(d, edges[k]!, true)));
  }
  if (bins.above) out.push(1 - cdfAt(d, edges[n]!, false));
  return out;
}

/**
 * Old runs only: re-bins two equal-width histograms onto the union of their edges, spreading each original bin's
 * count uniformly over the sub-intervals it covers (TFDV's alignment). Kept for callers; datasetSkew no longer
 * uses it, because a discrete column spread uniformly within own-range bins is what made 0–7 vs 0–6 differ.
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

/** Population stability index Σ (r − c)·ln(r / c), each proportion floored at PSI_FLOOR so a bin present on one side only counts. */
export function psi(refCounts: number[], curCounts: number[]): number {
  const r = normalise(refCounts), c = normalise(curCounts);
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const a = Math.max(r[i]!, PSI_FLOOR), b = Math.max(c[i]!, PSI_FLOOR);
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

/** A bin edge or value as a label: up to 4 significant digits, integers as they are. */
export function formatNumber(x: number): string {
  if (Number.isInteger(x) && Math.abs(x) < 1e7) return String(x);
  const a = Math.abs(x);
  if (a !== 0 && (a < 1e-3 || a >= 1e7)) return x.toExponential(2);
  return String(Number(x.toPrecision(4)));
}

function numericHistogram(bins: SharedBins, p: number[], q: number[]): SkewHistogram {
  if (bins.kind === 'values') {
    return { kind: 'values', bars: bins.values.map((v, i) => ({ label: formatNumber(v), lo: v, hi: v, left: p[i]!, right: q[i]! })) };
  }
  const { edges } = bins;
  const bars: HistogramBar[] = [];
  let i = 0;
  if (bins.below) bars.push({ label: `< ${formatNumber(edges[0]!)}`, hi: edges[0]!, left: p[i]!, right: q[i++]!, overflow: true });
  for (let k = 0; k + 1 < edges.length; k++) bars.push({ label: `${formatNumber(edges[k]!)} – ${formatNumber(edges[k + 1]!)}`, lo: edges[k]!, hi: edges[k + 1]!, left: p[i]!, right: q[i++]! });
  if (bins.above) bars.push({ label: `> ${formatNumber(edges[edges.length - 1]!)}`, lo: edges[edges.length - 1]!, left: p[i]!, right: q[i]!, overflow: true });
  return { kind: 'bins', bars };
}

/** The top categories of both sides (largest share on either side first), the rest gathered in "other". */
function categoryHistogram(l: { value: string; count: number }[], lTotal: number, r: { value: string; count: number }[], rTotal: number): SkewHistogram {
  const pl = new Map(l.map((x) => [x.value, x.count / (lTotal || 1)]));
  const pr = new Map(r.map((x) => [x.value, x.count / (rTotal || 1)]));
  const all = [...new Set([...pl.keys(), ...pr.keys()])].sort((x, y) => Math.max(pl.get(y) ?? 0, pr.get(y) ?? 0) - Math.max(pl.get(x) ?? 0, pr.get(x) ?? 0));
  const bars: HistogramBar[] = all.slice(0, TOP_BARS).map((v) => ({ label: v, left: pl.get(v) ?? 0, right: pr.get(v) ?? 0 }));
  const shown = new Set(bars.map((b) => b.label));
  const rest = (top: { value: string; count: number }[], total: number) => Math.max(0, total - top.reduce((t, x) => t + (shown.has(x.value) ? x.count : 0), 0)) / (total || 1);
  const other = { left: rest(l, lTotal), right: rest(r, rTotal) };
  if (other.left > 1e-9 || other.right > 1e-9) bars.push({ label: 'other', ...other, overflow: true });
  return { kind: 'categories', bars };
}

function rows(stats: DatasetStats): number {
  return stats.sampledRows ?? stats.rowCount;
}

/** The skew of one column between a training (left) and a serving (right) side; `lRows` / `rRows` = rows the stats counted. */
export function columnSkew(column: string, l: ColumnStats, r: ColumnStats, lRows: number, rRows: number, t: SkewThresholds = DEFAULT_THRESHOLDS): ColumnSkew {
  const missingLeft = lRows ? l.nulls / lRows : 0;
  const missingRight = rRows ? r.nulls / rRows : 0;
  const dl = numericDistribution(l), dr = numericDistribution(r);
  const numeric = !!(dl && dr) || (!l.top && !r.top && !!(dl || dr));
  const out: ColumnSkew = { column, kind: numeric ? 'numeric' : 'categorical', missingLeft, missingRight, exceeded: [] };
  const few = (n: number, side: string) => `too few values to compare (${n} non-missing ${side}; at least ${MIN_VALUES} needed)`;
  const nl = lRows - l.nulls, nr = rRows - r.nulls;
  if (nl < MIN_VALUES || nr < MIN_VALUES) out.note = few(Math.min(nl, nr), nl < nr ? 'on the training side' : 'on the serving side');
  else if (dl && 'problem' in dl) out.note = `the training side's statistics cannot be used: ${dl.problem}`;
  else if (dr && 'problem' in dr) out.note = `the serving side's statistics cannot be used: ${dr.problem}`;
  else if (dl && dr && !('problem' in dl) && !('problem' in dr)) {
    const bins = sharedBins(dl, dr);
    if (!bins) out.note = 'the values span more than floating point can bin';
    else {
      const p = massOnBins(dl, bins), q = massOnBins(dr, bins);
      out.js = jsDivergence(p, q);
      out.psi = psi(p, q);
      out.histogram = numericHistogram(bins, p, q);
      if (out.js > t.jsDivergence) out.exceeded.push('jsDivergence');
      if (out.psi > t.psi) out.exceeded.push('psi');
    }
  } else if (l.top && r.top && !(dl || dr)) {
    const li = lInfinity(l.top, nl, r.top, nr);
    out.lInfinity = li.d;
    if (li.value !== undefined) out.lInfinityValue = li.value;
    out.histogram = categoryHistogram(l.top, nl, r.top, nr);
    if (li.d > t.lInfinity) out.exceeded.push('lInfinity');
  } else if ((dl || l.top) && (dr || r.top)) {
    out.note = dl || !l.top ? 'numeric in training but not at serving: its values cannot be compared' : 'numeric at serving but not in training: its values cannot be compared';
  }
  if (Math.abs(missingRight - missingLeft) > t.missingRateChange) out.exceeded.push('missingRateChange');
  return out;
}

/** How skewed a column is, for sorting: thresholds exceeded first, then the largest distance. */
export function skewScore(c: ColumnSkew): number {
  return c.exceeded.length * 10 + Math.max(c.js ?? 0, c.lInfinity ?? 0, Math.min(1, (c.psi ?? 0) / 4), Math.abs(c.missingRight - c.missingLeft));
}

/** Skew of every column present on both sides, most skewed first. */
export function datasetSkew(left: DatasetStats, right: DatasetStats, thresholds: SkewThresholds = DEFAULT_THRESHOLDS): ColumnSkew[] {
  const out: ColumnSkew[] = [];
  for (const [column, l] of Object.entries(left.columns)) {
    const r = right.columns[column];
    if (r) out.push(columnSkew(column, l, r, rows(left), rows(right), thresholds));
  }
  return out.sort((a, b) => skewScore(b) - skewScore(a));
}
