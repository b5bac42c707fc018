/**
 * One row per feature in a trace (src/core/trace/cells.ts): over the recorded test pipeline test/pipelines/trace_rows
 * (oldest and current stack; every row snapshotted) a feature keeps one row whatever a step calls it (`0` after a
 * numpy split, `x0` from a scaler fitted on an array, `num__tenure_months` from a ColumnTransformer), and a model's
 * probabilities are rows of their own. Values are checked independently: a scaled cell against the raw value and
 * the recorded scaler's mean_ / scale_ for that column, a one-hot cell against the raw category.
 */
import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { columnIdentities, featureLabel } from '../../../src/core/compare/featureIdentity';
import { readRun } from '../../../src/core/runlog';
import type { Run, Step } from '../../../src/core/runlog/model';
import { traceBackward } from '../../../src/core/trace/backward';
import { RunFolderTraceSource } from '../../../src/core/trace/source';
import { traceRecord, type TraceResult, type TraceStepResult } from '../../../src/core/trace/trace';

const REPO = path.resolve(__dirname, '../../..');

function runDir(stack: string, name: string): string {
  const root = path.join(REPO, 'test/fixtures/runs', stack, name);
  const ids = readdirSync(root);
  assert.equal(ids.length, 1, `one recorded run in ${root}`);
  return path.join(root, ids[0]!);
}

const cell = (s: TraceStepResult | undefined, column: string) => s?.cells?.find((c) => c.column === column);
const num = (v: string | null | undefined) => Number(v);
/** The steps of `t` whose operator is `fn`, in pipeline order. */
const at = (t: TraceResult, fn: string) => t.steps.filter((s) => s.step.function === fn);
const learned = (step: Step, key: string) => (step.fitted?.learned as Record<string, number[]>)[key]!;

/** The first source row (0, 1, …) whose trace satisfies `want`. */
async function traceFirst(run: Run, want: (t: TraceResult) => boolean): Promise<{ t: TraceResult; position: number }> {
  const source = new RunFolderTraceSource(run.dir);
  const out = run.steps[0]!.outputs[0]!;
  for (let position = 0; position < 50; position++) {
    const t = await traceRecord(run, { dataset: out.name, position }, source);
    if (want(t)) return { t, position };
  }
  throw new Error('no source row among the first 50 traces that way');
}

for (const stack of ['oldest', 'current']) {
  describe(`trace rows: one row per feature over the recorded trace_rows pipeline (${stack} stack)`, () => {
    let run: Run;
    let raw: (position: number) => Promise<Record<string, string | null>>;
    before(async () => {
      run = (await readRun(runDir(stack, 'trace_rows'))).run;
      const src = new RunFolderTraceSource(run.dir);
      raw = async (p) => (await src.row(run.steps[0]!.outputs[0]!, p))!;
    });
    const reachesProba = (t: TraceResult) => t.steps.some((s) => s.step.function === 'LogisticRegression.predict_proba' && s.outputs.some((o) => o.positions.length));

    it('a test-split record through numpy: the split\'s 0 / 1 and the scaler\'s x0 / x1 are the rows of the columns they came from', async () => {
      const { t, position } = await traceFirst(run, reachesProba);
      const values = await raw(position);
      const labels = t.rows!.map((r) => r.column);
      assert.deepEqual(labels.filter((l) => /^x?\d+$|__/.test(l)), [], `no positional or prefixed row: ${labels.join(', ')}`);
      assert.equal(new Set(labels).size, labels.length, 'row labels are unique');
      const tenure = t.rows!.find((r) => r.column === 'tenure_months')!;
      assert.ok(tenure.names.includes('0') && tenure.names.includes('x0') && tenure.names.includes('num__tenure_months'), tenure.names.join());

      const split = at(t, 'train_test_split')[0]!;
      assert.deepEqual(split.cells!.map((c) => [c.column, c.name, c.value, c.changed]), [
        ['tenure_months', '0', values.tenure_months, false],
        ['monthly_charges', '1', values.monthly_charges, false],
      ], 'a split of a bare array: same values, its column names 0 / 1 kept as the cells\' names');

      // the scaler applied to X_test: value = (raw - mean_[j]) / scale_[j], j the column's position in X
      const scaled = at(t, 'StandardScaler.transform').find((s) => s.outputs.some((o) => o.positions.length))!;
      const [mean, scale] = [learned(scaled.step, 'mean_'), learned(scaled.step, 'scale_')];
      for (const [j, column] of ['tenure_months', 'monthly_charges'].entries()) {
        const c = cell(scaled, column)!;
        assert.equal(c.name, `x${j}`);
        assert.ok(c.changed, `${column} is changed by the scaler`);
        assert.ok(Math.abs(num(c.value) - (num(values[column]) - mean[j]!) / scale[j]!) < 1e-4, `${column}: ${c.value}`);
      }
    });

    it('a model\'s probabilities are rows of their own, never the rows of features named 0 / 1', async () => {
      const { t } = await traceFirst(run, reachesProba);
      const proba = at(t, 'LogisticRegression.predict_proba')[0]!;
      assert.deepEqual(proba.cells!.map((c) => [c.column, c.name, c.changed]), [
        ['proba 0', '0', true],
        ['proba 1', '1', true],
      ]);
      assert.ok(Math.abs(num(proba.cells![0]!.value) + num(proba.cells![1]!.value) - 1) < 1e-5, 'the two probabilities sum to 1');
      for (const s of t.steps) {
        if (s.step.kind === 'predict') continue;
        assert.ok(!s.cells?.some((c) => c.column.startsWith('proba')), `no probability under ${s.step.function}`);
      }
      assert.ok(!proba.cells!.some((c) => c.column === 'tenure_months' || c.column === 'monthly_charges'));
    });

    it('through a ColumnTransformer in a Pipeline: num__tenure_months is the tenure_months row, cat__contract_<c> the contract_<c> row', async () => {
      const { t, position } = await traceFirst(run, reachesProba);
      const values = await raw(position);
      const ct = at(t, 'ColumnTransformer.transform')[0]!;
      const inner = at(t, 'StandardScaler.transform').find((s) => s.step.seq > ct.step.seq)!;
      const [mean, scale] = [learned(inner.step, 'mean_'), learned(inner.step, 'scale_')];
      const tenure = cell(ct, 'tenure_months')!;
      assert.equal(tenure.name, 'num__tenure_months');
      assert.ok(Math.abs(num(tenure.value) - (num(values.tenure_months) - mean[0]!) / scale[0]!) < 1e-4, `${tenure.value}`);
      for (const c of ['month-to-month', 'one-year', 'two-year']) {
        const x = cell(ct, `contract_${c}`)!;
        assert.equal(x.name, `cat__contract_${c}`);
        assert.equal(num(x.value), values.contract === c ? 1 : 0, `contract ${values.contract}: contract_${c} = ${x.value}`);
      }
      // one-hot rows follow the column they encode
      const labels = t.rows!.map((r) => r.column);
      const k = labels.indexOf('contract');
      assert.deepEqual(labels.slice(k, k + 4), ['contract', 'contract_month-to-month', 'contract_one-year', 'contract_two-year']);
    });

    it('a trace started on a predict_proba row has its probabilities as changed values (the "Only columns that change" view keeps them)', async () => {
      const step = run.steps.find((s) => s.function === 'LogisticRegression.predict_proba')!;
      const t = await traceRecord(run, { dataset: step.outputs[0]!.name, position: 3 }, new RunFolderTraceSource(run.dir));
      assert.equal(t.steps.length, 1);
      assert.deepEqual(t.steps[0]!.cells!.map((c) => [c.column, c.changed]), [['proba 0', true], ['proba 1', true]]);
      assert.deepEqual(t.rows!.map((r) => r.column), ['proba 0', 'proba 1']);
      // column identity: a two-class model fed two features still outputs its own columns, not its inputs' 0 and 1
      const ids = columnIdentities(run, step.outputs[0]!.name);
      assert.deepEqual(ids.map((i) => [i.name, i.source, i.model, featureLabel(i)]), [['0', 'proba 0', true, 'proba 0'], ['1', 'proba 1', true, 'proba 1']]);
    });

    it('backward from a probability row: the same rows, features and probabilities apart', async () => {
      const step = run.steps.find((s) => s.function === 'LogisticRegression.predict_proba')!;
      const t = await traceBackward(run, { dataset: step.outputs[0]!.name, position: 3 }, new RunFolderTraceSource(run.dir));
      const labels = t.rows!.map((r) => r.column);
      assert.deepEqual(labels.filter((l) => /^x?\d+$/.test(l)), [], labels.join(', '));
      assert.ok(labels.includes('proba 1') && labels.includes('tenure_months'), labels.join(', '));
      const scaled = at(t, 'StandardScaler.transform')[0]!;
      assert.deepEqual(scaled.cells!.map((c) => c.column), ['tenure_months', 'monthly_charges']);
    });
  });

  describe(`trace rows through a positional numpy slice (serving_mismatch serve.py, ${stack} stack)`, () => {
    it('follows the record through X[:, :6] into the refitted scaler and the prediction, each value in its feature\'s row', async () => {
      const root = path.join(REPO, 'test/fixtures/runs', stack, 'serving_mismatch');
      let run: Run | undefined;
      for (const id of readdirSync(root)) {
        const r = (await readRun(path.join(root, id))).run;
        if (r.pipeline === 'serve.py') run = r;
      }
      assert.ok(run, 'serve.py was recorded');
      const src = new RunFolderTraceSource(run.dir);
      const t = await traceRecord(run, { dataset: run.steps[0]!.outputs[0]!.name, position: 0 }, src);
      const values = (await src.row(run.steps[0]!.outputs[0]!, 0))!;
      const scaler = at(t, 'StandardScaler.fit_transform')[0];
      assert.ok(scaler, `the trace reaches the scaler fitted on the slice: ${t.steps.map((s) => s.step.function).join(' → ')}`);
      // the slice keeps the first six of get_dummies' seven columns (the batch's column order), city_west is cut off
      const cols = scaler.cells!.map((c) => c.column);
      assert.equal(cols.length, 6);
      assert.ok(!cols.includes('city_west') && cols.includes('city_east'), cols.join());
      const [mean, scale] = [learned(scaler.step, 'mean_'), learned(scaler.step, 'scale_')];
      for (const [j, c] of scaler.cells!.entries()) {
        assert.equal(c.name, `x${j}`);
        const rawValue = c.column.startsWith('city_') ? (values.city === c.column.slice(5) ? 1 : 0) : num(values[c.column]);
        assert.ok(Math.abs(num(c.value) - (rawValue - mean[j]!) / scale[j]!) < 1e-4, `${c.column}: ${c.value} vs raw ${rawValue}`);
        assert.ok(c.changed, `${c.column} changed by the scaler`);
      }
      const pred = at(t, 'LogisticRegression.predict')[0]!;
      assert.deepEqual(pred.cells!.map((c) => c.column), ['prediction']);
    });
  });
}
