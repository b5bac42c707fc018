import * as assert from 'node:assert/strict';
import { columnIdentities, featureKey, featureLabel, stepOutputIdentities } from '../../../src/core/compare/featureIdentity';
import { listRuns } from '../../../src/core/runlog/listRuns';
import type { Run } from '../../../src/core/runlog/model';
import { EXAMPLE_RUNS } from '../runlog/helpers';
import { pipelineRuns, STACKS } from './pipelineRuns';

/** Identity labels of what the run's model consumed (the input of its predict/fit). */
function modelFeatures(run: Run): string[] {
  const step = run.steps.find((s) => s.fitted?.role === 'model' && (s.kind === 'fit' || s.kind === 'predict'))!;
  return columnIdentities(run, step.inputs[0]!.name).map(featureKey);
}

for (const stack of STACKS) {
  describe(`featureIdentity on serving_mismatch (${stack})`, () => {
    let runs: Record<string, Run>;
    before(async () => {
      runs = await pipelineRuns(stack, 'serving_mismatch');
    });

    it('follows get_dummies, to_numpy and a scaler fitted on an array (x0…x5) back to the training columns', () => {
      assert.deepEqual(modelFeatures(runs['train.py']!), ['age', 'income', 'tenure_months', 'city=east', 'city=north', 'city=south']);
    });

    it('follows the positional slice X[:, :6] of serve.py: the reordered columns keep their names, city_west is cut off', () => {
      assert.deepEqual(modelFeatures(runs['serve.py']!), ['tenure_months', 'age', 'income', 'city=east', 'city=north', 'city=south']);
    });

    it('names what serve_ok.py feeds its model exactly as training', () => {
      assert.deepEqual(modelFeatures(runs['serve_ok.py']!), modelFeatures(runs['train.py']!));
    });

    it('gives each column its trail back to the source column read by read_csv', () => {
      const run = runs['serve.py']!;
      const scaled = stepOutputIdentities(run, run.steps.find((s) => s.function === 'StandardScaler.fit_transform')!);
      const income = scaled.find((c) => c.source === 'income')!;
      assert.equal(income.name, 'x2');
      assert.equal(income.position, 2);
      const last = income.trail[income.trail.length - 1]!;
      assert.equal(run.steps.find((s) => s.seq === last.seq)!.function, 'read_csv');
      assert.equal(last.column, 'income');
      // the ext slice sits between the scaler output and to_numpy's output
      assert.deepEqual(income.trail.map((t) => t.column), ['x2', '2', 'income', 'income', 'income', 'income']);
    });

    it('a get_dummies output names the category of each one-hot column', () => {
      const run = runs['serve.py']!;
      const dummies = stepOutputIdentities(run, run.steps.find((s) => s.function === 'get_dummies')!);
      assert.deepEqual(dummies.map((c) => [c.name, c.source, c.category ?? null]), [
        ['tenure_months', 'tenure_months', null], ['age', 'age', null], ['income', 'income', null],
        ['city_east', 'city', 'east'], ['city_north', 'city', 'north'], ['city_south', 'city', 'south'], ['city_west', 'city', 'west'],
      ]);
    });
  });
}

describe('featureIdentity through a ColumnTransformer (examples/notebooks/credit.ipynb)', () => {
  it('maps num__income to income and cat__employment_retired to employment=retired', async () => {
    const { runs } = await listRuns([EXAMPLE_RUNS]);
    const run = runs.find((r) => r.run.pipeline === 'notebooks/credit.ipynb')!.run;
    const fit = run.steps.find((s) => s.function === 'LogisticRegression.fit')!;
    const ids = columnIdentities(run, fit.inputs[0]!.name);
    const by = new Map(ids.map((c) => [c.name, featureKey(c)]));
    assert.equal(by.get('num__income'), 'income');
    assert.equal(by.get('cat__employment_retired'), 'employment=retired');
    assert.ok(ids.every((c) => !c.source.includes('__')), 'no transformer prefix survives');
  });
});

describe('featureLabel', () => {
  it('names a feature by the first human-made name along its trail', async () => {
    const runs = await pipelineRuns('oldest', 'serving_mismatch');
    const run = runs['serve.py']!;
    const step = run.steps.find((s) => s.function === 'LogisticRegression.predict')!;
    assert.deepEqual(columnIdentities(run, step.inputs[0]!.name).map(featureLabel), ['tenure_months', 'age', 'income', 'city_east', 'city_north', 'city_south']);
    const { runs: ex } = await listRuns([EXAMPLE_RUNS]);
    const credit = ex.find((r) => r.run.pipeline === 'notebooks/credit.ipynb')!.run;
    const fit = credit.steps.find((s) => s.function === 'LogisticRegression.fit')!;
    const labels = columnIdentities(credit, fit.inputs[0]!.name).map(featureLabel);
    assert.ok(labels.includes('income') && labels.includes('employment=retired'), `cat__employment_retired has no human-made name with its category: ${labels.join(', ')}`);
  });
});
