import { strict as assert } from 'node:assert';
import type { Step } from '../../../src/core/runlog/model';
import type { Run } from '../../../src/core/runlog/model';
import { columnsText, formatCount, formatDuration, rowsText, runSummary, statusText, stepLabel, stepSummary } from '../../../src/core/runlog/summary';

function step(over: Partial<Step>): Step {
  return {
    runId: 'r',
    seq: 0,
    jobName: 'train.py/DataFrame.dropna@train.py:12',
    function: 'DataFrame.dropna',
    library: 'pandas',
    kind: 'select',
    status: 'complete',
    inputs: [],
    outputs: [],
    rowsIn: [],
    columnsAdded: [],
    columnsRemoved: [],
    lines: [],
    ...over,
  };
}

describe('runlog/summary', () => {
  it('formats counts with thousands separators, independent of locale', () => {
    assert.equal(formatCount(0), '0');
    assert.equal(formatCount(940), '940');
    assert.equal(formatCount(1000), '1,000');
    assert.equal(formatCount(1234567), '1,234,567');
    assert.equal(formatCount(-12345.5), '-12,345.5');
  });

  it('formats durations at a readable precision', () => {
    assert.equal(formatDuration(undefined), '');
    assert.equal(formatDuration(0.04), '<0.1 ms');
    assert.equal(formatDuration(0.42), '0.4 ms');
    assert.equal(formatDuration(12.4), '12 ms');
    assert.equal(formatDuration(1234), '1.2 s');
    assert.equal(formatDuration(42_400), '42 s');
    assert.equal(formatDuration(123_000), '2 min 03 s');
    assert.equal(formatDuration(3_725_000), '1 h 02 min');
  });

  it('labels steps by function and describes rows in and out', () => {
    const s = step({ rowsIn: [1000], outputs: [{ namespace: 'skewer-mem', name: 'r/1.out', rowCount: 940 }] });
    assert.equal(stepLabel(s), 'drop rows with missing values');
    assert.equal(rowsText(s), 'rows 1,000 → 940');
    const split = step({ function: 'train_test_split', rowsIn: [1000], outputs: [
      { namespace: 'skewer-mem', name: 'r/2.train', rowCount: 800 },
      { namespace: 'skewer-mem', name: 'r/2.test', rowCount: 200 },
    ] });
    assert.equal(rowsText(split), 'rows 1,000 → 800 | 200');
    const lin = (input: string, rows: number) => ({ kind: 'select' as const, inputs: [input], rowsIn: [1000], rowsOut: rows, arrays: {} });
    const splitXy = step({ function: 'train_test_split', kind: 'split', rowsIn: [1000, 1000],
      inputs: [{ namespace: 'skewer-mem', name: 'r/1.out' }, { namespace: 'skewer-mem', name: 'r/2.out' }],
      outputs: [
        { namespace: 'skewer-mem', name: 'r/3.X_train', rowCount: 800, lineage: lin('r/1.out', 800) },
        { namespace: 'skewer-mem', name: 'r/3.X_test', rowCount: 200, lineage: lin('r/1.out', 200) },
        { namespace: 'skewer-mem', name: 'r/3.y_train', rowCount: 800, lineage: lin('r/2.out', 800) },
        { namespace: 'skewer-mem', name: 'r/3.y_test', rowCount: 200, lineage: lin('r/2.out', 200) },
      ] });
    assert.equal(rowsText(splitXy), 'rows 1,000 → 800 | 200', 'y mirrors X');
    assert.equal(rowsText(step({ kind: 'fit', rowsIn: [800, 800] })), 'rows 800', 'fit(X, y) is fitted on 800 rows');
    const merge = step({ kind: 'join', rowsIn: [1000, 50], outputs: [{ namespace: 'skewer-mem', name: 'r/3.out', rowCount: 990 }] });
    assert.equal(rowsText(merge), 'rows 1,000 + 50 → 990');
    assert.equal(rowsText(step({ rowsIn: [1000] })), 'rows 1,000', 'a fit has no output');
    assert.equal(rowsText(step({})), '');
  });

  it('describes columns added and removed', () => {
    assert.equal(columnsText(step({ columnsAdded: ['tenure_years'] })), '+1 column (tenure_years)');
    assert.equal(columnsText(step({ columnsAdded: ['a', 'b', 'c', 'd', 'e'], columnsRemoved: ['x', 'y'] })), '+5 columns (a, b, c, … (+2)), −2 columns (x, y)');
    assert.equal(columnsText(step({})), '');
  });

  it('status text carries the first line of the error', () => {
    assert.equal(statusText(step({ status: 'failed', error: { message: "KeyError: 'churn'\nmore" } })), "failed: KeyError: 'churn'");
    assert.equal(statusText(step({ status: 'incomplete' })), 'incomplete (no end event)');
    assert.equal(
      stepSummary(step({ rowsIn: [1000], outputs: [{ namespace: 'skewer-mem', name: 'r/1.out', rowCount: 940 }], durationMs: 3.2, status: 'running' })),
      'drop rows with missing values · rows 1,000 → 940 · 3 ms · running',
    );
  });

  it('run summary line: phase, status, step count, duration, skipped calls', () => {
    const run = { isSkewer: true, phase: 'train', status: 'complete', steps: [step({}), step({})], durationMs: 2300 } as unknown as Run;
    assert.equal(runSummary(run), 'train · complete · 2 steps · 2.3 s');
    assert.equal(runSummary({ ...run, skippedCalls: 1200 }), 'train · complete · 2 steps · 2.3 s · 1,200 calls not recorded');
    assert.equal(runSummary({ ...run, isSkewer: false, steps: [step({})], status: 'incomplete', durationMs: undefined }), 'openlineage · incomplete (no end event) · 1 step');
  });
});
