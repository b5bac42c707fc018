/**
 * Distribution skew on shared bins: re-binning of what the recorder keeps (exact value counts, a quantile
 * sketch, an old run's own-range histogram) and the distances on it, against values derived by hand and
 * against the reference distances test/pipelines/skew/make_data.py computes with scipy / numpy from the raw data.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  alignHistograms,
  BY_VALUE_MAX,
  cdfAt,
  columnSkew,
  datasetSkew,
  DEFAULT_THRESHOLDS,
  jsDivergence,
  massOnBins,
  numericDistribution,
  psi,
  quantileOf,
  sharedBins,
  type NumericDistribution,
} from '../../../src/core/compare/skew';
import { modelInput } from '../../../src/core/compare/modelInput';
import type { ColumnStats } from '../../../src/core/runlog/model';
import { listRuns } from '../../../src/core/runlog';

const ROOT = path.resolve(__dirname, '../../..');
const dist = (c: Partial<ColumnStats>) => numericDistribution({ dtype: 'float64', nulls: 0, ...c }) as NumericDistribution;
const close = (a: number | undefined, b: number, tol: number, what: string) => assert.ok(a !== undefined && Math.abs(a - b) <= tol, `${what}: ${a} vs ${b} (±${tol})`);

describe('shared bins: what the recorder keeps, as a CDF', () => {
  it('exact value counts give P(X < x) and P(X ≤ x) by value', () => {
    const d = dist({ values: { values: [0, 1, 3], counts: [2, 5, 3] } });
    assert.equal(cdfAt(d, 1, true), 0.2);
    assert.equal(cdfAt(d, 1, false), 0.7);
    assert.equal(cdfAt(d, 2, false), 0.7);
    assert.equal(cdfAt(d, -1, false), 0);
    assert.equal(cdfAt(d, 3, false), 1);
    assert.equal(quantileOf(d, 0.5), 1);
    assert.equal(quantileOf(d, 0.95), 3);
  });
  it('a quantile sketch is piecewise linear, and repeated quantiles are a jump', () => {
    // 0 for the first 40 %, then uniform on 0..10: quantiles at 0, .2, .4, .6, .8, 1
    const d = dist({ quantiles: [0, 0, 0, 10 / 3, 20 / 3, 10] });
    assert.equal(cdfAt(d, 0, true), 0);
    assert.equal(cdfAt(d, 0, false), 0.4);
    close(cdfAt(d, 5, false), 0.7, 1e-12, 'P(X ≤ 5)');
    assert.equal(cdfAt(d, 10, false), 1);
    close(quantileOf(d, 0.7), 5, 1e-12, 'median of the uniform part');
  });
  it("an old run's own-range histogram is spread uniformly within each bin", () => {
    const d = dist({ hist: { edges: [0, 2, 4], counts: [4, 2] } });
    close(cdfAt(d, 1, false), 2 / 6, 1e-12, 'half of the first bin');
    close(cdfAt(d, 3, false), 5 / 6, 1e-12, 'half of the second bin');
    const constant = dist({ hist: { edges: [3, 3], counts: [9] } });
    assert.equal(cdfAt(constant, 3, true), 0);
    assert.equal(cdfAt(constant, 3, false), 1);
  });
  it('malformed statistics are refused with a reason, not binned', () => {
    for (const c of [{ values: { values: [1, 2], counts: [3] } }, { values: { values: [2, 1], counts: [1, 1] } }, { quantiles: [3, 1, 2] }, { hist: { edges: [0, 1], counts: [1, 2] } }]) {
      const d = numericDistribution({ dtype: 'float64', nulls: 0, ...c });
      assert.ok(d && 'problem' in d, JSON.stringify(c));
    }
  });
});

describe('shared bins: which bins both sides are counted on', () => {
  it('by value when the two sides share most of a few values (0–7 vs 0–6)', () => {
    const a = dist({ values: { values: [0, 1, 2, 3, 4, 5, 6, 7], counts: [1, 1, 1, 1, 1, 1, 1, 1] } });
    const b = dist({ values: { values: [0, 1, 2, 3, 4, 5, 6], counts: [1, 1, 1, 1, 1, 1, 1] } });
    assert.deepEqual(sharedBins(a, b), { kind: 'values', values: [0, 1, 2, 3, 4, 5, 6, 7] });
    assert.deepEqual(massOnBins(b, sharedBins(a, b)!), [...Array(7).fill(1 / 7), 0]);
  });
  it('by range when a discrete column was rescaled on one side, or has more than BY_VALUE_MAX values', () => {
    const a = dist({ values: { values: [0, 1, 2], counts: [5, 3, 2] } });
    const scaled = dist({ values: { values: [-0.9, 0.3, 1.5], counts: [5, 3, 2] } });
    assert.equal(sharedBins(a, scaled)!.kind, 'bins');
    const many = Array.from({ length: BY_VALUE_MAX + 1 }, (_, i) => i);
    const m = dist({ values: { values: many, counts: many.map(() => 1) } });
    assert.equal(sharedBins(m, m)!.kind, 'bins');
  });
  it('equal-width bins over the combined 1st–99th percentiles, overflow bins where values lie beyond', () => {
    // uniform 0..100 (sketch) vs uniform 0..100 with a typo at 999 (kept by value would be 101 values: a sketch too)
    const u = dist({ quantiles: Array.from({ length: 101 }, (_, i) => i) });
    const typo = dist({ quantiles: [...Array.from({ length: 100 }, (_, i) => i), 999] });
    const bins = sharedBins(u, typo)!;
    assert.equal(bins.kind, 'bins');
    if (bins.kind !== 'bins') return;
    assert.equal(bins.edges[0], 1);
    assert.equal(bins.edges[20], 99);
    assert.ok(bins.below && bins.above);
    const p = massOnBins(u, bins), q = massOnBins(typo, bins);
    close(p.reduce((s, x) => s + x, 0), 1, 1e-12, 'masses sum to 1');
    close(q.reduce((s, x) => s + x, 0), 1, 1e-12, 'masses sum to 1');
    close(p[0], 0.01, 1e-12, 'below the 1st percentile');
    close(p[1], (1 + 98 / 20 - 1) / 100, 1e-12, 'first core bin [1, 5.9)');
    assert.ok(jsDivergence(p, q) < 0.01, 'one outlier moves 1 % of the mass at most');
  });
  it('both sides one and the same value: one bin, no skew', () => {
    const a = dist({ hist: { edges: [3, 3], counts: [50] } });
    const b = dist({ values: { values: [3], counts: [20] } });
    assert.deepEqual(sharedBins(a, b), { kind: 'values', values: [3] });
    const s = columnSkew('c', { dtype: 'int64', nulls: 0, hist: { edges: [3, 3], counts: [50] } }, { dtype: 'int64', nulls: 0, values: { values: [3], counts: [20] } }, 50, 20);
    assert.equal(s.js, 0);
    assert.equal(s.psi, 0);
  });
});

describe('distances on shared bins, derived by hand', () => {
  it('JS in bits and PSI with its floor', () => {
    // p = (1/2, 1/2, 0), q = (0, 1/2, 1/2): M = (1/4, 1/2, 1/4); JS = ½(½·log2 2) + ½(½·log2 2) = 0.5
    assert.equal(jsDivergence([1, 1, 0], [0, 1, 1]), 0.5);
    // PSI = (0.5 − 1e-4)·ln(0.5/1e-4) twice
    close(psi([1, 1, 0], [0, 1, 1]), 2 * (0.5 - 1e-4) * Math.log(0.5 / 1e-4), 1e-12, 'PSI');
  });
  it('a column: missing rates from nulls, distances on what is not missing, thresholds named', () => {
    const l: ColumnStats = { dtype: 'int64', nulls: 0, values: { values: [0, 1], counts: [50, 50] } };
    const r: ColumnStats = { dtype: 'int64', nulls: 20, values: { values: [0, 1], counts: [40, 40] } };
    const s = columnSkew('flag', l, r, 100, 100);
    assert.equal(s.js, 0);
    assert.equal(s.missingRight, 0.2);
    assert.deepEqual(s.exceeded, ['missingRateChange']);
    assert.deepEqual(s.histogram, { kind: 'values', bars: [{ label: '0', lo: 0, hi: 0, left: 0.5, right: 0.5 }, { label: '1', lo: 1, hi: 1, left: 0.5, right: 0.5 }] });
  });
  it('says why when it cannot compare: too few values, numeric vs text, malformed stats', () => {
    const num: ColumnStats = { dtype: 'float64', nulls: 0, quantiles: [0, 1] };
    assert.match(columnSkew('a', num, num, 100, 5).note!, /too few values to compare \(5 non-missing on the serving side/);
    const text: ColumnStats = { dtype: 'string', nulls: 0, top: [{ value: 'x', count: 100 }] };
    assert.match(columnSkew('b', num, text, 100, 100).note!, /numeric in training but not at serving/);
    const bad: ColumnStats = { dtype: 'float64', nulls: 0, quantiles: [2, 1] };
    const s = columnSkew('c', num, bad, 100, 100);
    assert.match(s.note!, /serving side's statistics cannot be used: its quantile sketch is malformed/);
    assert.equal(s.js, undefined);
  });
  it('categories: L∞ and side-by-side bars of the top values, the rest as "other"', () => {
    const l: ColumnStats = { dtype: 'string', nulls: 0, top: [{ value: 'a', count: 60 }, { value: 'b', count: 30 }] };
    const r: ColumnStats = { dtype: 'string', nulls: 0, top: [{ value: 'b', count: 70 }, { value: 'c', count: 30 }] };
    const s = columnSkew('cat', l, r, 100, 100);
    close(s.lInfinity, 0.6, 1e-12, 'L∞');
    assert.equal(s.lInfinityValue, 'a');
    assert.deepEqual(s.histogram!.bars.map((b) => [b.label, b.left, b.right]), [['b', 0.3, 0.7], ['a', 0.6, 0], ['c', 0, 0.3], ['other', 0.1, 0]]);
  });
  it('sorts the most skewed first', () => {
    const l: ColumnStats = { dtype: 'int64', nulls: 0, values: { values: [0, 1], counts: [50, 50] } };
    const shifted: ColumnStats = { dtype: 'int64', nulls: 0, values: { values: [0, 1], counts: [10, 90] } };
    const rows = datasetSkew({ rowCount: 100, columns: { same: l, moved: shifted } }, { rowCount: 100, columns: { same: l, moved: l } });
    assert.deepEqual(rows.map((r) => r.column), ['moved', 'same']);
  });
});

describe('distances on a real recorded train / serve pair (test/pipelines/skew), against scipy / numpy on the raw data', () => {
  const expected = JSON.parse(readFileSync(path.join(ROOT, 'test/pipelines/skew/expected.json'), 'utf8')) as Record<string, { js?: number; psi?: number; lInfinity?: number; missingLeft: number; missingRight: number; binning?: string }>;
  for (const stack of ['oldest', 'current']) {
    describe(`recorded on the ${stack} stack`, () => {
      const inputs = async () => {
        const { runs } = await listRuns([path.join(ROOT, 'test/fixtures/runs', stack, 'skew')]);
        const train = modelInput(runs.find((r) => r.run.phase === 'train')!.run)!;
        const serve = modelInput(runs.find((r) => r.run.phase === 'serve')!.run)!;
        return { train: train.stats!, serve: serve.stats! };
      };
      it('support_calls (0–7 vs 0–6, one distribution): near zero on shared bins, exactly the reference; own-range bins made it JS 0.29', async () => {
        const { train, serve } = await inputs();
        const s = datasetSkew(train, serve).find((r) => r.column === 'support_calls')!;
        const e = expected['support_calls']!;
        assert.equal(s.histogram?.kind, 'values');
        close(s.js, e.js!, 1e-9, 'JS');
        close(s.psi, e.psi!, 1e-9, 'PSI');
        assert.ok(s.js! < 0.01 && s.psi! < 0.05 && !s.exceeded.length);
        const [p, q] = alignHistograms(train.columns['support_calls']!.hist!, serve.columns['support_calls']!.hist!);
        assert.ok(jsDivergence(p, q) > 0.25 && psi(p, q) > 3, 'the old own-range alignment is what the issue reported');
      });
      it('every feature: exact where counts are exact, within the sketch tolerance elsewhere; the planted skews flagged', async () => {
        const { train, serve } = await inputs();
        const rows = datasetSkew(train, serve, DEFAULT_THRESHOLDS);
        assert.deepEqual(rows.map((r) => r.column).sort(), Object.keys(expected).sort());
        for (const r of rows) {
          const e = expected[r.column]!;
          close(r.missingLeft, e.missingLeft, 1e-12, `${r.column} missing left`);
          close(r.missingRight, e.missingRight, 1e-12, `${r.column} missing right`);
          if (e.lInfinity !== undefined) close(r.lInfinity, e.lInfinity, 1e-9, `${r.column} L∞`);
          if (e.binning) assert.equal(r.histogram?.kind, e.binning, r.column);
          const sketch = r.column === 'monthly_charges' || r.column === 'income' || r.column === 'total_charges';
          if (e.js !== undefined) close(r.js, e.js, sketch ? 0.005 : 1e-9, `${r.column} JS`);
          if (e.psi !== undefined) close(r.psi, e.psi, sketch ? 0.03 : 1e-9, `${r.column} PSI`);
        }
        const flagged = Object.fromEntries(rows.filter((r) => r.exceeded.length).map((r) => [r.column, r.exceeded]));
        assert.deepEqual(flagged, { income: ['psi'], total_charges: ['missingRateChange'], 'contract_month-to-month': ['lInfinity'] });
        assert.deepEqual(rows.slice(0, 3).map((r) => r.column).sort(), Object.keys(flagged).sort(), 'flagged features sort first');
      });
    });
  }
});
