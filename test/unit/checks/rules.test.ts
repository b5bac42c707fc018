/** Run checks on small synthetic runs: the cases the example pipelines do not contain. */
import { strict as assert } from 'node:assert';
import { confirmWithRuns, sameFile } from '../../../src/core/checks';
import { compareLearned } from '../../../src/core/checks/mismatchChecks';
import { associate } from '../../../src/core/checks/targetCheck';
import type { Finding } from '../../../src/core/findings/finding';
import type { DatasetStats, Run } from '../../../src/core/runlog/model';
import { makeRun, type StepSpec } from './helpers';

const finding = (ruleId: string, line: number, file = 'p.py'): Finding => ({
  ruleId, severity: 'warning', message: '', location: { file, line, col: 1, endLine: line, endCol: 2 }, related: [], evidence: {}, fixes: [], source: 'static',
});
const model = (objectId: string, fittedBy: string, cls = 'sklearn.linear_model.LogisticRegression') =>
  ({ class: cls, method: 'score', role: 'model' as const, objectId, fittedBy, params: {}, learned: {} });
const read = (n: number): StepSpec => ({ seq: 0, kind: 'source', line: 1, inputs: [{ name: 'f', rows: n }], outputs: [{ name: 'r/0.out', kind: 'identity', inputs: ['f'], rowsIn: [n], rowsOut: n }] });
const split = (seq: number, line: number, from: string, n: number, train: number[], test: number[]): StepSpec => ({
  seq, kind: 'split', fn: 'train_test_split', line, inputs: [{ name: from, rows: n }],
  outputs: [
    { name: `r/${seq}.train`, port: 'train', kind: 'select', inputs: [from], rowsIn: [n], rowsOut: train.length, arrays: { positions: train } },
    { name: `r/${seq}.test`, port: 'test', kind: 'select', inputs: [from], rowsIn: [n], rowsOut: test.length, arrays: { positions: test } },
  ],
});
const confirm = (fs: Finding[], run: Run, source: Parameters<typeof confirmWithRuns>[2]['source']) => confirmWithRuns(fs, [run], { source, readText: async () => undefined });

describe('checks/rules on synthetic runs', () => {
  it('multi-test counts one object refitted in a loop as several models, and follows the test rows through a transform', async () => {
    const steps: StepSpec[] = [
      read(10),
      split(1, 2, 'r/0.out', 10, [0, 1, 2, 3, 4, 5, 6], [7, 8, 9]),
      { seq: 2, kind: 'transform', line: 3, inputs: [{ name: 'r/1.test', rows: 3 }], outputs: [{ name: 'r/2.out', kind: 'identity', inputs: ['r/1.test'], rowsIn: [3], rowsOut: 3 }] },
      { seq: 3, kind: 'score', fn: 'LogisticRegression.score', line: 5, inputs: [{ name: 'r/2.out', rows: 3 }], outputs: [], fitted: model('obj1', 'fit-a') },
      { seq: 4, kind: 'score', fn: 'LogisticRegression.score', line: 5, inputs: [{ name: 'r/1.test', rows: 3 }], outputs: [], fitted: model('obj1', 'fit-b') },
      { seq: 5, kind: 'score', fn: 'LogisticRegression.score', line: 6, inputs: [{ name: 'r/1.train', rows: 7 }], outputs: [], fitted: model('obj2', 'fit-c') },
    ];
    const { run, source } = makeRun(steps);
    const [f] = await confirm([finding('leakage/multi-test', 5)], run, () => source);
    assert.equal(f!.confirmation!.status, 'confirmed', f!.confirmation!.message);
    assert.deepEqual(f!.confirmation!.evidence, { models: 2, testRows: 3 });
  });

  it('multi-test counts evaluations on the same rows picked twice (iloc written twice), not on other rows', async () => {
    const pick = (seq: number, positions: number[]): StepSpec => ({
      seq, kind: 'select', fn: 'DataFrame.iloc', line: 2, inputs: [{ name: 'r/0.out', rows: 10 }],
      outputs: [{ name: `r/${seq}.out`, kind: 'select', inputs: ['r/0.out'], rowsIn: [10], rowsOut: positions.length, arrays: { positions } }],
    });
    const steps: StepSpec[] = [
      read(10),
      pick(1, [7, 8, 9]),
      pick(2, [9, 8, 7]),
      pick(3, [6, 7, 8]),
      { seq: 4, kind: 'predict', fn: 'A.predict', line: 5, inputs: [{ name: 'r/1.out', rows: 3 }], outputs: [], fitted: model('objA', 'fa') },
      { seq: 5, kind: 'predict', fn: 'B.predict', line: 6, inputs: [{ name: 'r/2.out', rows: 3 }], outputs: [], fitted: model('objB', 'fb') },
      { seq: 6, kind: 'predict', fn: 'C.predict', line: 7, inputs: [{ name: 'r/3.out', rows: 3 }], outputs: [], fitted: model('objC', 'fc') },
    ];
    const { run, source } = makeRun(steps);
    const [f] = await confirm([finding('leakage/multi-test', 5)], run, () => source);
    assert.equal(f!.confirmation!.status, 'confirmed', f!.confirmation!.message);
    assert.deepEqual(f!.confirmation!.evidence, { models: 2, testRows: 3 });
    const [g] = await confirm([finding('leakage/multi-test', 7)], run, () => source);
    assert.equal(g!.confirmation!.status, 'not-confirmed', g!.confirmation!.message);
  });

  it('preprocessing: a fit on a frame that is split later counts the fitted rows that land in test', async () => {
    // fit on a filtered view (rows 0..5 of 10), then the unfiltered frame is split: rows 4 and 5 of the fit reach test.
    const steps: StepSpec[] = [
      read(10),
      { seq: 1, kind: 'select', line: 2, inputs: [{ name: 'r/0.out', rows: 10 }], outputs: [{ name: 'r/1.out', kind: 'select', inputs: ['r/0.out'], rowsIn: [10], rowsOut: 6, arrays: { positions: [0, 1, 2, 3, 4, 5] } }] },
      { seq: 2, kind: 'fit', fn: 'StandardScaler.fit', line: 3, inputs: [{ name: 'r/1.out', rows: 6 }], outputs: [], fitted: { class: 'sklearn.preprocessing.StandardScaler', method: 'fit', role: 'transformer', objectId: 'obj1', params: {}, learned: {}, nFitRows: 6 } },
      split(3, 4, 'r/0.out', 10, [0, 1, 2, 3, 6, 7], [4, 5, 8, 9]),
    ];
    const { run, source } = makeRun(steps);
    const [f] = await confirm([finding('leakage/preprocessing', 3)], run, () => source);
    assert.equal(f!.confirmation!.status, 'confirmed', f!.confirmation!.message);
    assert.deepEqual(f!.confirmation!.evidence, { transformer: 'StandardScaler', fitRows: 6, testRowsInFit: 2, splitLine: 4 });
    assert.equal(f!.confirmation!.message, 'StandardScaler fitted on 6 rows; 2 of them end up in the test split made at line 4');
  });

  it('preprocessing: will not refute when the rows went through data the recorder could not link (df.values)', async () => {
    const steps: StepSpec[] = [
      read(10),
      { seq: 1, kind: 'fit', fn: 'StandardScaler.fit', line: 3, inputs: [{ name: 'r/ext1', rows: 10 }], outputs: [], fitted: { class: 'sklearn.preprocessing.StandardScaler', method: 'fit', role: 'transformer', objectId: 'obj1', params: {}, learned: {}, nFitRows: 10 } },
      split(2, 4, 'r/ext2', 10, [0, 1, 2, 3, 4, 5, 6], [7, 8, 9]),
    ];
    const { run, source } = makeRun(steps);
    const [f] = await confirm([finding('leakage/preprocessing', 3)], run, () => source);
    assert.equal(f!.confirmation!.status, 'no-run', f!.confirmation!.message);
    assert.match(f!.confirmation!.message, /r\/ext1 was built outside recorded operators/);
  });

  it('preprocessing without a split call: data that is only ever scored is the test side', async () => {
    const steps: StepSpec[] = [
      read(10),
      { seq: 1, kind: 'fit', fn: 'StandardScaler.fit', line: 2, inputs: [{ name: 'r/0.out', rows: 10 }], outputs: [], fitted: { class: 'sklearn.preprocessing.StandardScaler', method: 'fit', role: 'transformer', objectId: 'obj1', params: {}, learned: {}, nFitRows: 10 } },
      { seq: 2, kind: 'select', fn: 'DataFrame.iloc', line: 3, inputs: [{ name: 'r/0.out', rows: 10 }], outputs: [{ name: 'r/2.out', kind: 'select', inputs: ['r/0.out'], rowsIn: [10], rowsOut: 7, arrays: { positions: [0, 1, 2, 3, 4, 5, 6] } }] },
      { seq: 3, kind: 'select', fn: 'DataFrame.iloc', line: 4, inputs: [{ name: 'r/0.out', rows: 10 }], outputs: [{ name: 'r/3.out', kind: 'select', inputs: ['r/0.out'], rowsIn: [10], rowsOut: 3, arrays: { positions: [7, 8, 9] } }] },
      { seq: 4, kind: 'fit', fn: 'LogisticRegression.fit', line: 5, inputs: [{ name: 'r/2.out', rows: 7 }], outputs: [], fitted: model('obj2', 'fit-a') },
      { seq: 5, kind: 'score', fn: 'LogisticRegression.score', line: 6, inputs: [{ name: 'r/3.out', rows: 3 }], outputs: [], fitted: model('obj2', 'fit-a') },
    ];
    const { run, source } = makeRun(steps);
    const [f] = await confirm([finding('leakage/preprocessing', 2)], run, () => source);
    assert.equal(f!.confirmation!.status, 'confirmed', f!.confirmation!.message);
    assert.equal(f!.confirmation!.message, 'StandardScaler fitted on 10 rows; 3 of them end up in the data scored at line 6');
  });

  it('finds the call recorded on a later line of a multi-line statement', async () => {
    const steps: StepSpec[] = [
      read(4),
      { seq: 1, kind: 'fit_transform', fn: 'StandardScaler.fit_transform', line: 11, inputs: [{ name: 'r/0.out', rows: 4 }], outputs: [{ name: 'r/1.out', kind: 'identity', inputs: ['r/0.out'], rowsIn: [4], rowsOut: 4 }], fitted: { class: 'sklearn.preprocessing.StandardScaler', method: 'fit_transform', role: 'transformer', objectId: 'obj1', params: {}, learned: {}, nFitRows: 4 } },
      split(2, 13, 'r/1.out', 4, [0, 1], [2, 3]),
    ];
    const { run, source } = makeRun(steps);
    const f = finding('leakage/preprocessing', 10);
    f.location.endLine = 12;
    const [g] = await confirm([f], run, () => source);
    assert.equal(g!.confirmation!.status, 'confirmed', g!.confirmation!.message);
    assert.equal(g!.confirmation!.evidence!.testRowsInFit, 2);
    const [h] = await confirm([finding('leakage/preprocessing', 10)], run, () => source);
    assert.equal(h!.confirmation!.status, 'no-run');
  });

  it('preprocessing on a groupby: statistics over rows that are later split count, statistics merged back onto other rows do not', async () => {
    // r/0.out: 6 customers; r/1.out: 4 usage rows. Line 3 aggregates the customers themselves (target encoding),
    // line 4 aggregates usage per customer and merges it back; then the customers are split.
    const steps: StepSpec[] = [
      read(6),
      { seq: 1, kind: 'source', line: 2, inputs: [{ name: 'u', rows: 4 }], outputs: [{ name: 'r/1.out', kind: 'identity', inputs: ['u'], rowsIn: [4], rowsOut: 4 }] },
      { seq: 2, kind: 'groupby', fn: 'DataFrameGroupBy.mean', line: 3, inputs: [{ name: 'r/0.out', rows: 6 }], outputs: [{ name: 'r/2.out', kind: 'groupby', inputs: ['r/0.out'], rowsIn: [6], rowsOut: 2, arrays: { offsets: [0, 3, 6], members: [0, 2, 4, 1, 3, 5] } }] },
      { seq: 3, kind: 'groupby', fn: 'DataFrameGroupBy.agg', line: 4, inputs: [{ name: 'r/1.out', rows: 4 }], outputs: [{ name: 'r/3.out', kind: 'groupby', inputs: ['r/1.out'], rowsIn: [4], rowsOut: 2, arrays: { offsets: [0, 2, 4], members: [0, 1, 2, 3] } }] },
      { seq: 4, kind: 'join', fn: 'DataFrame.merge', line: 5, inputs: [{ name: 'r/0.out', rows: 6 }, { name: 'r/3.out', rows: 2 }], outputs: [{ name: 'r/4.out', kind: 'join', inputs: ['r/0.out', 'r/3.out'], rowsIn: [6, 2], rowsOut: 6, arrays: { left: [0, 1, 2, 3, 4, 5], right: [0, 1, 0, 1, 0, 1] } }] },
      split(5, 6, 'r/4.out', 6, [0, 1, 2, 3], [4, 5]),
    ];
    const { run, source } = makeRun(steps);
    const [enc, usage] = await confirm([finding('leakage/preprocessing', 3), finding('leakage/preprocessing', 4)], run, () => source);
    assert.equal(enc!.confirmation!.status, 'confirmed', enc!.confirmation!.message);
    assert.equal(enc!.confirmation!.message, 'DataFrameGroupBy.mean computed statistics over 6 rows; 2 of them end up in the test split made at line 6');
    assert.equal(usage!.confirmation!.status, 'not-confirmed', usage!.confirmation!.message);
    assert.equal(usage!.confirmation!.evidence!.testRowsInFit, 0);
  });

  it('overlap: copies made by a sampler reach both sides; without copies nothing is shared', async () => {
    const steps = (positions: number[]): StepSpec[] => [
      read(4),
      { seq: 1, kind: 'resample', fn: 'RandomOverSampler.fit_resample', line: 2, inputs: [{ name: 'r/0.out', rows: 4 }], outputs: [{ name: 'r/1.X', port: 'X', kind: 'select', inputs: ['r/0.out'], rowsIn: [4], rowsOut: positions.length, arrays: { positions } }] },
      split(2, 3, 'r/1.X', positions.length, [0, 2, 4].filter((i) => i < positions.length), [1, 3, 5].filter((i) => i < positions.length)),
    ];
    const dup = makeRun(steps([0, 0, 1, 2, 3, -1]));
    const [f] = await confirm([finding('leakage/overlap', 2)], dup.run, () => dup.source);
    assert.equal(f!.confirmation!.status, 'confirmed', f!.confirmation!.message);
    assert.deepEqual(f!.confirmation!.evidence, { duplicatedRows: 1, rowsOnBothSides: 1, splitLine: 3 });
    const clean = makeRun(steps([3, 2, 1, 0]));
    const [g] = await confirm([finding('leakage/overlap', 2)], clean.run, () => clean.source);
    assert.equal(g!.confirmation!.status, 'not-confirmed', g!.confirmation!.message);
    assert.deepEqual(g!.confirmation!.evidence, { duplicatedRows: 0, rowsOnBothSides: 0, splitLine: 3 });
  });

  describe('leakage/temporal from split statistics', () => {
    const stats = (min: string, max: string, sampled?: number): DatasetStats => ({
      rowCount: 100, ...(sampled ? { sampledRows: sampled } : {}), columns: { signup_date: { dtype: 'datetime64[ns]', nulls: 0, min, max }, age: { dtype: 'int64', nulls: 0, min: 1, max: 9 } },
    });
    const runWith = (train: DatasetStats, test: DatasetStats) => {
      const { run, source } = makeRun([read(10), split(1, 2, 'r/0.out', 10, [0, 1, 2, 3, 4, 5, 6], [7, 8, 9])]);
      run.steps[1]!.outputs[0]!.stats = train;
      run.steps[1]!.outputs[1]!.stats = test;
      return { run, source };
    };
    it('confirms when test rows start before the training rows end', async () => {
      const { run, source } = runWith(stats('2020-01-01', '2022-12-31'), stats('2021-06-01', '2023-03-01'));
      const [f] = await confirm([finding('leakage/temporal', 2)], run, () => source);
      assert.equal(f!.confirmation!.status, 'confirmed');
      assert.deepEqual(f!.confirmation!.evidence, { column: 'signup_date', trainMax: '2022-12-31', testMin: '2021-06-01', splitLine: 2 });
    });
    it('does not confirm a split whose test rows all come later', async () => {
      const { run, source } = runWith(stats('2020-01-01', '2022-12-31'), stats('2023-01-01', '2023-03-01'));
      const [f] = await confirm([finding('leakage/temporal', 2)], run, () => source);
      assert.equal(f!.confirmation!.status, 'not-confirmed');
    });
    it('will not refute from sampled statistics', async () => {
      const { run, source } = runWith(stats('2020-01-01', '2022-12-31', 20000), stats('2023-01-01', '2023-03-01'));
      const [f] = await confirm([finding('leakage/temporal', 2)], run, () => source);
      assert.equal(f!.confirmation!.status, 'no-run');
      assert.match(f!.confirmation!.message, /computed on samples/);
    });
  });

  it('target association: a pure minority value on enough rows, and chance-level purity', () => {
    const label = ['1', '1', '1', '1', '1', '1', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '1', '1', '0'];
    const leak = ['1', '1', '1', '1', '1', '1', '1', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0', '0'];
    const a = associate(leak, label);
    assert.equal(a.rows, 20);
    assert.equal(a.value, '1');
    assert.equal(a.valueRows, 7);
    assert.equal(a.labelRate, 9 / 20);
    const noise = ['a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b', 'a', 'b'];
    const b = associate(noise, label);
    assert.equal(b.determinedRows, 0);
    assert.equal(b.value, undefined);
  });

  it('compares learned attributes of the training and the serving fit', () => {
    assert.deepEqual(compareLearned({ mean_: [1.23456, 2] }, { mean_: [1.5, 2] }), { attribute: 'mean_', differs: true, text: 'mean of feature 0 1.235 in training vs 1.5 here (1 of 2 values differ)' });
    const named = { feature_names_in_: ['age', 'income'] };
    assert.equal(compareLearned({ ...named, mean_: [40, 35.52] }, { ...named, mean_: [40, 41.1] })!.text, 'mean of income 35.52 in training vs 41.1 here (1 of 2 values differ)', 'the first feature that differs, by name');
    assert.equal(compareLearned({ statistics_: [1, 2] }, { ...named, statistics_: [1, 3] })!.text, 'fill value of income 2 in training vs 3 here (1 of 2 values differ)');
    assert.deepEqual(compareLearned({ categories_: [['a', 'b'], ['x']] }, { categories_: [['a'], ['x']] }), { attribute: 'categories_', differs: true, text: 'categories_ sizes [2, 1] in training vs [1, 1] here' });
    assert.equal(compareLearned({ foo: 1 }, { foo: 2 }), undefined);
  });

  it('matches files by resolved path or by path suffix on segment boundaries', () => {
    assert.ok(sameFile('examples/churn/train.py', 'churn/train.py', '/ws', '/ws/examples'));
    assert.ok(sameFile('/ws/examples/churn/train.py', 'churn/train.py', undefined, '/ws/examples'));
    assert.ok(sameFile('examples/churn/train.py', 'churn/train.py', undefined, undefined));
    assert.ok(sameFile('.\\examples\\churn\\train.py', 'churn/train.py', undefined, undefined));
    assert.ok(!sameFile('examples/churn/retrain.py', 'churn/train.py', '/ws', '/other'));
    assert.ok(!sameFile('examples/churn/train.py', 'train.py/x', undefined, undefined));
  });

  it('never throws: a lineage source that throws synchronously becomes a no-run', async () => {
    const { run } = makeRun([
      read(4),
      { seq: 1, kind: 'sample', fn: 'DataFrame.sample', line: 2, inputs: [{ name: 'r/0.out', rows: 4 }], outputs: [{ name: 'r/1.out', kind: 'select', inputs: ['r/0.out'], rowsIn: [4], rowsOut: 4, arrays: { positions: [0, 0, 1, 1] } }] },
      split(2, 3, 'r/1.out', 4, [0, 2], [1, 3]),
    ]);
    const [f] = await confirm([finding('leakage/overlap', 2)], run, () => {
      throw new Error('boom');
    });
    assert.equal(f!.confirmation!.status, 'no-run');
    assert.match(f!.confirmation!.message, /boom/);
  });
});
