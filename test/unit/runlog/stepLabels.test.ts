import { strict as assert } from 'node:assert';
import { listRuns } from '../../../src/core/runlog/listRuns';
import type { Run, Step } from '../../../src/core/runlog/model';
import { callExpression, labelStep, stepLabelText, stepSnippet, stripComment } from '../../../src/core/runlog/stepLabels';
import * as path from 'node:path';
import { EXAMPLE_RUNS } from './helpers';

const PIPELINE_RUNS = path.resolve(__dirname, '../../fixtures/runs');

function step(over: Partial<Step>): Step {
  return {
    runId: 'r', seq: 0, jobName: 'p/x@p:1', function: 'DataFrame.dropna', library: 'pandas', kind: 'select', status: 'complete',
    inputs: [], outputs: [], rowsIn: [], columnsAdded: [], columnsRemoved: [], lines: [], ...over,
  };
}

const at = (code: string, col: number, endCol: number, line = 7) => ({ file: 'p.py', line, col, endLine: line, endCol, code });

async function exampleRuns(): Promise<Map<string, Run>> {
  const listing = await listRuns([EXAMPLE_RUNS]);
  return new Map(listing.runs.map((r) => [r.run.pipeline, r.run]));
}

describe('runlog/stepLabels', () => {
  it('labels every step of the recorded churn training run by what it did', async () => {
    const train = (await exampleRuns()).get('churn/train.py')!;
    assert.deepEqual(train.steps.map(stepLabelText), [
      'read customers.csv',
      'read usage.csv',
      'aggregate by customer_id',
      'merge on customer_id (left)',
      'drop duplicate customer_id',
      'select column total_charges',
      'fill missing total_charges',
      'overwrite column total_charges',
      'filter rows df[df["age"] >= 21]',
      'add column retention_offer_made',
      'select columns contract, payment_method, region',
      'fit OneHotEncoder',
      'select 9 columns (age, tenure_months, monthly_charges, +6)',
      'fit StandardScaler',
      'concat columns of 2 tables',
      'select column churned',
      'split 75/25, stratified',
      'fit LogisticRegression',
      'predict probabilities (LogisticRegression)',
      'fit RandomForestClassifier',
      'predict probabilities (RandomForestClassifier)',
      'save churn_model.pkl',
    ]);
    const filter = labelStep(train.steps[8]!);
    assert.equal(filter.action, 'filter rows');
    assert.equal(filter.expression, 'df[df["age"] >= 21]');
    assert.equal(filter.operator, 'DataFrame.__getitem__', 'the operator stays available for tooltips');
  });

  it('labels the serving run, the notebook and the failed run', async () => {
    const runs = await exampleRuns();
    const labels = (p: string) => runs.get(p)!.steps.map(stepLabelText);
    const serve = labels('churn/serve.py');
    assert.equal(serve[0], 'load churn_model.pkl', 'the model artifact written by train.py');
    assert.equal(serve[1], 'read serve_batch.csv');
    assert.equal(serve[8], 'add column retention_offer_made', 'batch["retention_offer_made"] = 0 adds the column');
    assert.equal(serve[10], 'fit StandardScaler', 'refitted at serving');
    assert.equal(serve[12], 'apply OneHotEncoder', 'the training encoder applied');
    assert.equal(serve[15], 'to NumPy array');
    assert.equal(serve[18], 'add column churn_probability');
    const credit = labels('notebooks/credit.ipynb');
    assert.equal(credit[1], 'filter rows apps[apps["loan_amount"] > 0]');
    assert.equal(credit[2], 'add column debt_ratio');
    assert.equal(credit[4], 'sample 748 rows (with replacement)');
    assert.equal(credit[5], 'concat rows of 2 tables');
    assert.equal(credit[8], 'split 80/20, stratified');
    assert.equal(credit[9], 'cross-validate Pipeline (5-fold)');
    assert.equal(credit[12], 'select 7 columns (age, income, loan_amount, +4)', 'a ColumnTransformer column subset');
    assert.equal(credit[28], 'grid search (5-fold CV)');
    const report = labels('churn/monthly_report.py');
    assert.equal(report[2], 'filter rows customers[customers["tenure_months"] >= 3]');
    assert.equal(report[3], 'sum by customer_id');
    assert.equal(report[4], 'merge id = index (inner)', 'left_on / right_index, pandas default how');
    const slow = labels('slow/pipeline.py');
    assert.equal(slow[1], 'drop rows missing total_charges');
    assert.equal(slow[4], 'split 80/20');
    assert.equal(slow[7], 'apply StandardScaler');
    assert.equal(slow[8], 'score LogisticRegression');
  });

  it('no label is a dunder or a bare operator name on the example runs', async () => {
    for (const run of (await exampleRuns()).values()) {
      for (const s of run.steps) {
        const t = stepLabelText(s);
        assert.doesNotMatch(t, /__\w+__/, `${run.pipeline} step ${s.seq}: ${t}`);
        assert.notEqual(t, s.function, `${run.pipeline} step ${s.seq} kept its operator name`);
      }
    }
  });

  it('shows the recorded source without its comment as the snippet', async () => {
    const train = (await exampleRuns()).get('churn/train.py')!;
    assert.equal(stepSnippet(train.steps[13]!), 'numbers = scaler.fit_transform(df[NUMERIC])', 'the BUG comment is not part of the snippet');
    assert.equal(stepSnippet(step({})), undefined);
    assert.equal(stepSnippet(step({ location: at('x = ' + 'a'.repeat(100), 1, 10) }), 20), `x = ${'a'.repeat(15)}…`);
    assert.equal(stripComment('df = df[df.tag != "#1"]  # not tags'), 'df = df[df.tag != "#1"]');
    assert.equal(stripComment("s = 'it\\'s # here'"), "s = 'it\\'s # here'");
  });

  it('cuts the call out of an indented line whose indentation the run stripped', () => {
    // `    out = frame[frame.county != "county3"]` recorded as code without the 4 spaces; the span counts them
    const code = 'out = frame[frame.county != "county3"]';
    assert.equal(callExpression(step({ location: at(code, 11, 43) })), 'frame[frame.county != "county3"]');
    assert.equal(callExpression(step({ location: at(code, 7, 39) })), 'frame[frame.county != "county3"]', 'no indentation');
    assert.equal(callExpression(step({ location: at(code, 1, 39) })), undefined, 'the whole line is no sub-expression');
    assert.equal(callExpression(step({ location: { ...at(code, 7, 20), endLine: 8 } })), undefined, 'several lines');
    const filter = step({ function: 'DataFrame.__getitem__', args: { key: '<boolean mask>' }, location: at(code, 11, 43) });
    assert.equal(stepLabelText(filter), 'filter rows frame[frame.county != "county3"]');
    const long = `x = d[${'(d.a > 1) & '.repeat(10)}(d.b < 2)]`;
    const l = labelStep(step({ function: 'DataFrame.__getitem__', args: { key: '<boolean mask>' }, location: at(long, 5, long.length + 1) }));
    assert.equal(l.expression!.length, 60, 'long expressions are clipped');
    assert.ok(l.expression!.endsWith('…'));
  });

  it('labels joins, projections, row operations and estimators from their arguments', () => {
    const join = (args: Record<string, unknown>, fn = 'DataFrame.merge') => stepLabelText(step({ kind: 'join', function: fn, args }));
    assert.equal(join({ on: "['ssn']", how: 'inner' }), 'merge on ssn (inner)');
    assert.equal(join({ on: "('a', 'b')" }), 'merge on a, b (inner)');
    assert.equal(join({ left_on: 'id', right_on: "'customer_id'", how: 'left' }), 'merge id = customer_id (left)');
    assert.equal(join({ how: 'outer', on: 'None' }), 'merge (outer)');
    assert.equal(join({ how: 'left', on: "'key'" }, 'DataFrame.join'), 'join on key (left)');
    assert.equal(join({ how: 'left', on: 'None' }, 'DataFrame.join'), 'join on index (left)');
    assert.equal(stepLabelText(step({ kind: 'project', function: 'DataFrame.drop', args: { columns: "['a', 'b']" } })), 'drop columns a, b');
    assert.equal(stepLabelText(step({ kind: 'project', function: 'DataFrame.drop', args: { columns: "'a'" } })), 'drop column a');
    assert.equal(stepLabelText(step({ kind: 'project', function: 'DataFrame.dropna' })), 'drop columns with missing values');
    assert.equal(stepLabelText(step({ kind: 'select', function: 'DataFrame.drop', rowsIn: [100], rowsOut: 97 })), 'drop 3 rows');
    assert.equal(stepLabelText(step({ kind: 'select', function: 'DataFrame.head', rowsIn: [100], rowsOut: 5 })), 'first 5 rows');
    assert.equal(stepLabelText(step({ kind: 'select', function: 'DataFrame.dropna', args: { subset: "['a', 'b', 'c', 'd']" } })), 'drop rows missing a, b, c, +1');
    assert.equal(stepLabelText(step({ kind: 'select', function: 'DataFrame.query', location: at('adults = df.query("age >= 18")', 10, 31, 1) })), 'filter rows df.query("age >= 18")');
    assert.equal(stepLabelText(step({ kind: 'select', function: 'DataFrame.__getitem__', args: { key: 'slice(None, 10, None)' } })), 'take rows slice(None, 10, None)');
    assert.equal(stepLabelText(step({ kind: 'sort', function: 'DataFrame.sort_values', args: { by: "'date'" } })), 'sort by date');
    assert.equal(stepLabelText(step({ kind: 'sort', function: 'DataFrame.nlargest', args: { columns: "'score'" }, rowsOut: 10 })), 'largest 10 rows by score');
    assert.equal(stepLabelText(step({ kind: 'dedup', function: 'DataFrame.drop_duplicates' })), 'drop duplicate rows');
    assert.equal(stepLabelText(step({ kind: 'sample', function: 'DataFrame.sample', args: { frac: 0.1 } })), 'sample 10% of rows');
    assert.equal(stepLabelText(step({ kind: 'reshape', function: 'get_dummies' })), 'one-hot encode');
    assert.equal(stepLabelText(step({ kind: 'map', function: 'DataFrame.assign', args: { columns: ['a', 'b'] }, columnsAdded: ['a'] })), 'assign columns a, b');
    assert.equal(stepLabelText(step({ kind: 'map', function: 'DataFrame.astype' })), 'change type');
    assert.equal(stepLabelText(step({ kind: 'map', function: 'Series.map', inputs: [{ namespace: 'skewer-mem', name: 'r/1.out', schema: [{ name: 'county', type: 'string' }] }] })), 'map values of county');
    assert.equal(stepLabelText(step({ kind: 'map', function: 'DataFrameGroupBy.cumsum', args: { by: "['store']" } })), 'cumsum within groups of store');
    assert.equal(stepLabelText(step({ kind: 'map', function: 'DataFrame.loc.__setitem__', location: at('df.loc[df.age < 0, "age"] = None', 1, 27, 1) })), 'set values df.loc[df.age < 0, "age"]');
    assert.equal(stepLabelText(step({ kind: 'source', function: 'read_parquet', inputs: [{ namespace: 'file', name: '/data/x/train.parquet' }] })), 'read train.parquet');
    assert.equal(stepLabelText(step({ kind: 'sink', function: 'DataFrame.to_parquet', outputs: [{ namespace: 'file', name: 'C:\\out\\f.parquet' }] })), 'write f.parquet');
    const fitted = (cls: string, method: string) => ({ class: cls, method, role: 'transformer' as const, objectId: 'obj1', params: {}, learned: {} });
    assert.equal(stepLabelText(step({ kind: 'resample', function: 'SMOTE.fit_resample', fitted: fitted('imblearn.over_sampling._smote.base.SMOTE', 'fit_resample') })), 'resample with SMOTE');
    assert.equal(stepLabelText(step({ kind: 'transform', function: 'StandardScaler.inverse_transform' })), 'undo StandardScaler');
    assert.equal(stepLabelText(step({ kind: 'predict', function: 'SVC.decision_function' })), 'decision scores (SVC)');
    assert.equal(stepLabelText(step({ kind: 'cv', function: 'RandomizedSearchCV.fit', args: { cv: 'None' } })), 'random search');
    assert.equal(stepLabelText(step({ kind: 'cv', function: 'cross_val_predict', args: { cv: 'KFold(n_splits=3)' } })), 'cross-validated predictions');
    assert.equal(stepLabelText(step({ kind: 'split', function: 'train_test_split', args: { test_size: 0.3 } })), 'split 70/30', 'no outputs: the requested ratio');
  });

  for (const stack of ['oldest', 'current']) {
    it(`labels the steps of test/pipelines/labels recorded on the ${stack} stack`, async () => {
      const listing = await listRuns([path.join(PIPELINE_RUNS, stack, 'labels')]);
      assert.equal(listing.runs.length, 1, `one run (python test/pipelines/record.py --stack ${stack} labels)`);
      const run = listing.runs[0]!.run;
      assert.deepEqual(run.steps.map(stepLabelText), [
        'read people.csv',
        'read accounts.csv',
        'filter rows df[df.county != "county3"]', // inside clean(): the indentation the run stripped is recovered
        'drop rows missing income',
        'drop column notes',
        'merge on ssn (inner)',
        'add column age_bucket',
        'select column income',
        'round values of income',
        'overwrite column income',
        'add column rich',
        'filter rows df.query("age >= 21")',
        'sort by balance', // positional: read from the recorded call
        'largest 5 rows by income',
        'select column county',
        'one-hot encode',
        'select columns age, income, balance',
        'concat columns of 2 tables',
        'select column churned',
        'split 75/25', // as test_size=0.25 asks; the rows show 81/28
        'fit StandardScaler',
        'fit LogisticRegression',
        'apply StandardScaler',
        'predict (LogisticRegression)',
        'mean by county',
      ]);
      // make_data.py's planted fact: every fifth person lives in county3, which the filter drops.
      assert.deepEqual([run.steps[2]!.rowsIn[0], run.steps[2]!.rowsOut], [200, 160]);
    });
  }

  it('keeps foreign OpenLineage job names as they are', () => {
    assert.equal(stepLabelText(step({ library: 'openlineage', kind: 'other', function: 'sales.daily_revenue' })), 'sales.daily_revenue');
  });
});
