/**
 * confirmWithRuns over the real example runs committed in examples/.skewer/runs: the static analyzer's
 * findings on the example sources, checked against what the recorder saw. Expected numbers are computed
 * here straight from the lineage .npy files, not through the code under test.
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, truncateSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { confirmWithRuns } from '../../../src/core/checks';
import type { Finding } from '../../../src/core/findings/finding';
import { listRuns, loadSnapshot, npyPositions, readNpy, readRun, runName } from '../../../src/core/runlog';
import type { Run, RunReadResult, Step } from '../../../src/core/runlog/model';
import { analyzeDocument } from '../../../src/core/static';
import { RunFolderTraceSource } from '../../../src/core/trace';

const REPO = path.resolve(__dirname, '../../..');
// SKEWER_EXAMPLE_RUNS points the suite at another copy of the example runs (e.g. an older commit's).
const RUNS = process.env.SKEWER_EXAMPLE_RUNS ?? path.join(REPO, 'examples/.skewer/runs');
const source = (run: Run) => new RunFolderTraceSource(run.dir);

let runs: RunReadResult[];
const runOf = (pipeline: string): Run => {
  const r = runs.find((x) => x.run.pipeline.endsWith(pipeline) && x.run.status === 'complete');
  assert.ok(r, `no complete run of ${pipeline} in ${RUNS}`);
  return r.run;
};
const at = (run: Run, line: number, pred: (s: Step) => boolean, cell?: number) =>
  run.steps.filter((s) => s.location?.line === line && (cell === undefined || s.location.cell === cell) && pred(s));
const positions = async (run: Run, rel: string) => npyPositions(await readNpy(path.join(run.dir, rel)));
const arraysOf = async (run: Run, name: string) => {
  for (const s of run.steps) for (const o of s.outputs) if (o.name === name) {
    const out: Record<string, Int32Array> = {};
    for (const [role, rel] of Object.entries(o.lineage!.arrays)) out[role] = await positions(run, rel);
    return { step: s, output: o, arrays: out };
  }
  throw new Error(`${name} not found`);
};

function analyze(rel: string): Finding[] {
  return analyzeDocument({ path: rel, text: readFileSync(path.join(REPO, rel), 'utf8') }).findings;
}
const only = (fs: Finding[], ruleId: string, line: number) => {
  const f = fs.find((x) => x.ruleId === ruleId && x.location.line === line);
  assert.ok(f, `static analyzer did not report ${ruleId} at line ${line}: ${fs.map((x) => `${x.ruleId}@${x.location.line}`).join(', ')}`);
  return f;
};
const finding = (ruleId: string, file: string, line: number, cell?: number): Finding => ({
  ruleId, severity: 'warning', message: '', location: { file, line, col: 1, endLine: line, endCol: 2, ...(cell !== undefined ? { cell } : {}) },
  related: [], evidence: {}, fixes: [], source: 'static',
});
const bugLine = (rel: string, tag: string) => readFileSync(path.join(REPO, rel), 'utf8').split('\n').findIndex((l) => l.includes(`# BUG(${tag})`)) + 1;

describe('checks/confirmWithRuns on the example runs', function () {
  this.timeout(30000);
  before(async () => {
    runs = (await listRuns([RUNS])).runs;
  });

  it('confirms the scaler fitted before the split in churn/train.py with the rows that reach the test split', async () => {
    const rel = 'examples/churn/train.py';
    const line = bugLine(rel, 'leakage/preprocessing');
    const [f] = await confirmWithRuns([only(analyze(rel), 'leakage/preprocessing', line)], runs, { workspaceRoot: REPO, source });
    const run = runOf('churn/train.py');
    // Independently: the fit's input rows, the split's test rows, and that the split input is the fit input
    // row for row (identity lineage only between them).
    const fit = at(run, line, (s) => s.kind === 'fit_transform')[0]!;
    const split = run.steps.find((s) => s.kind === 'split')!;
    let cur = split.inputs[0]!.name;
    const fitInput = fit.inputs[0]!.name;
    const producer = (n: string) => run.steps.find((s) => s.outputs.some((o) => o.name === n));
    while (cur !== fitInput) {
      const p = producer(cur)!;
      const lin = p.outputs.find((o) => o.name === cur)!.lineage!;
      assert.equal(lin.kind, 'identity', `expected only identity steps between split and fit, found ${lin.kind} at ${p.function}`);
      cur = lin.inputs.find((i) => producer(i))!;
      if (cur === fit.outputs[0]!.name) cur = fitInput;
    }
    const test = (await arraysOf(run, split.outputs.find((o) => o.port === 'X_test')!.name)).arrays.positions!;
    const distinct = new Set(test).size;
    assert.ok(distinct > 0 && distinct < fit.rowsIn[0]!);
    const c = f!.confirmation!;
    assert.equal(c.status, 'confirmed', c.message);
    assert.equal(c.runId, run.runId);
    assert.deepEqual(c.evidence, { transformer: 'StandardScaler', fitRows: fit.rowsIn[0], testRowsInFit: distinct, splitLine: split.location!.line });
    assert.equal(c.message, `StandardScaler fitted on ${fit.rowsIn[0]!.toLocaleString('en-US')} rows; ${distinct} of them end up in the test split made at line ${split.location!.line}`);
  });

  it('confirms the test set used to pick between two models, counting models and test rows', async () => {
    const rel = 'examples/churn/train.py';
    const line = bugLine(rel, 'leakage/multi-test');
    const [f] = await confirmWithRuns([only(analyze(rel), 'leakage/multi-test', line)], runs, { workspaceRoot: REPO, source });
    const run = runOf('churn/train.py');
    const preds = at(run, line, (s) => s.kind === 'predict');
    const xTest = run.steps.find((s) => s.kind === 'split')!.outputs.find((o) => o.port === 'X_test')!;
    assert.ok(preds.every((s) => s.inputs[0]!.name === xTest.name));
    const testRows = (await positions(run, xTest.lineage!.arrays.positions!)).length;
    const c = f!.confirmation!;
    assert.equal(c.status, 'confirmed', c.message);
    assert.deepEqual(c.evidence, { models: new Set(preds.map((s) => s.fitted!.objectId)).size, testRows });
    assert.equal(c.evidence!.models, 2);
    assert.match(c.message, /LogisticRegression, RandomForestClassifier/);
  });

  it('confirms the oversampling before the split in the credit notebook with rows copied to both sides', async () => {
    const rel = 'examples/notebooks/credit.ipynb';
    const findings = analyze(rel).filter((x) => x.ruleId === 'leakage/overlap');
    assert.equal(findings.length, 1);
    const [f] = await confirmWithRuns(findings, runs, { workspaceRoot: REPO, source });
    const run = runOf('notebooks/credit.ipynb');
    // Compose the arrays by hand: split → concat(apps, extra) → sample(defaults) → select(apps).
    const split = run.steps.find((s) => s.kind === 'split')!;
    const concat = run.steps.find((s) => s.kind === 'concat')!;
    const sample = run.steps.find((s) => s.kind === 'sample')!;
    const sel = producerStep(run, sample.inputs[0]!.name);
    assert.equal(sel.kind, 'select');
    assert.equal(sel.inputs[0]!.name, concat.inputs[0]!.name, 'defaults are picked from the frame the copies are concatenated to');
    const c5 = (await arraysOf(run, concat.outputs[0]!.name)).arrays;
    const samplePos = (await arraysOf(run, sample.outputs[0]!.name)).arrays.positions!;
    const selPos = (await arraysOf(run, sel.outputs[0]!.name)).arrays.positions!;
    const app = (i: number) => (c5.part![i] === 0 ? c5.positions![i]! : selPos[samplePos[c5.positions![i]!]!]!);
    // The split input is an identity projection of the concat output.
    assert.equal(producerStep(run, split.inputs[0]!.name).outputs[0]!.lineage!.kind, 'identity');
    const side = async (port: string) => new Set([...(await arraysOf(run, split.outputs.find((o) => o.port === port)!.name)).arrays.positions!].map(app));
    const train = await side('X_train');
    const test = await side('X_test');
    const both = [...test].filter((a) => train.has(a)).length;
    const counts = new Map<number, number>();
    for (let i = 0; i < c5.part!.length; i++) counts.set(app(i), (counts.get(app(i)) ?? 0) + 1);
    const duplicated = [...counts.values()].filter((n) => n > 1).length;
    const conf = f!.confirmation!;
    assert.equal(conf.status, 'confirmed', conf.message);
    assert.ok(both > 0);
    assert.deepEqual(conf.evidence, { duplicatedRows: duplicated, rowsOnBothSides: both, splitLine: split.location!.line });
  });

  it('confirms the refit at inference in churn/serve.py and compares it with training', async () => {
    const rel = 'examples/churn/serve.py';
    const line = bugLine(rel, 'mismatch/refit-at-inference');
    const [f] = await confirmWithRuns([only(analyze(rel), 'mismatch/refit-at-inference', line)], runs, { workspaceRoot: REPO, source });
    const serve = runOf('churn/serve.py');
    const train = runOf('churn/train.py');
    const refit = at(serve, line, (s) => s.kind === 'fit_transform')[0]!;
    const trained = train.steps.find((s) => s.kind === 'fit_transform' && s.fitted?.class === refit.fitted!.class)!;
    const c = f!.confirmation!;
    assert.equal(c.status, 'confirmed', c.message);
    assert.equal(c.runId, serve.runId);
    assert.equal(c.evidence!.transformer, 'StandardScaler');
    assert.equal(c.evidence!.fitRows, refit.rowsIn[0]);
    assert.equal(c.evidence!.trainRunId, train.runId);
    assert.equal(c.evidence!.learnedDiffers, true);
    const m0 = (s: Step) => Number(((s.fitted!.learned.mean_ as number[])[0]!).toPrecision(4)).toString();
    const first = (refit.fitted!.learned.feature_names_in_ as string[])[0];
    assert.equal(first, 'age', 'the fit recorded its feature names');
    assert.ok(c.message.includes(`mean of age ${m0(trained)} in training vs ${m0(refit)} here`), c.message);
    assert.doesNotMatch(c.message, /mean_\[/, 'features by name, not by position');
  });

  it('confirms the reordered serving columns against the training run (run-only check)', async () => {
    const rel = 'examples/churn/serve.py';
    const serve = runOf('churn/serve.py');
    assert.ok(serve.steps.some((s) => s.kind === 'predict'), `serve run ${serve.runId} recorded no model call (model.predict_proba at serve.py:34)`);
    const [f] = await confirmWithRuns([finding('mismatch/column-order', rel, bugLine(rel, 'mismatch/column-order'))], runs, { workspaceRoot: REPO, source });
    const train = runOf('churn/train.py');
    const fit = train.steps.find((s) => s.kind === 'fit' && s.fitted?.role === 'model')!;
    const names = fit.inputs[0]!.schema!.map((x) => x.name);
    const sorted = [...names].sort();
    const moved = names.filter((n, i) => sorted[i] !== n).length;
    const c = f!.confirmation!;
    assert.equal(c.status, 'confirmed', c.message);
    assert.equal(c.evidence!.positionsDiffer, moved);
    assert.equal(c.evidence!.columns, names.length);
  });

  it('confirms the feature computed from the label in churn/train.py from the recorded snapshot', async () => {
    const rel = 'examples/churn/train.py';
    const line = bugLine(rel, 'leakage/target');
    const [f] = await confirmWithRuns([finding('leakage/target', rel, line)], runs, { workspaceRoot: REPO, source });
    const run = runOf('churn/train.py');
    const site = at(run, line, (s) => s.columnsAdded.includes('retention_offer_made'))[0]!;
    const snap = await loadSnapshot(run.dir, site.outputs[0]!);
    const feat = snap.table.getChild('retention_offer_made')!;
    const churned = snap.table.getChild('churned')!;
    let offered = 0;
    let offeredChurned = 0;
    let churners = 0;
    for (let i = 0; i < snap.table.numRows; i++) {
      if (Number(churned.get(i)) === 1) churners++;
      if (Number(feat.get(i)) !== 1) continue;
      offered++;
      if (Number(churned.get(i)) === 1) offeredChurned++;
    }
    assert.equal(offeredChurned, offered, 'in the recorded data every offer went to a churner');
    const c = f!.confirmation!;
    assert.equal(c.status, 'confirmed', c.message);
    assert.equal(c.evidence!.valueRows, offered);
    assert.equal(c.evidence!.rows, snap.table.numRows);
    assert.equal(c.evidence!.labelRate, Number((churners / snap.table.numRows).toFixed(3)));
    // A column assignment that adds nothing new (fillna of an existing column) has nothing to compare.
    const fill = run.steps.find((s) => s.kind === 'map' && s.columnsAdded.length === 0 && s.location?.file.endsWith('train.py'))!;
    const [g] = await confirmWithRuns([finding('leakage/target', rel, fill.location!.line)], runs, { workspaceRoot: REPO, source });
    assert.equal(g!.confirmation!.status, 'no-run');
    assert.match(g!.confirmation!.message, /adds no column/);
  });

  it('does not confirm a fit made on the training split only (slow/pipeline.py)', async () => {
    const run = runOf('slow/pipeline.py');
    const fit = run.steps.find((s) => s.kind === 'fit_transform')!;
    const split = run.steps.find((s) => s.kind === 'split')!;
    assert.equal(fit.inputs[0]!.name, split.outputs.find((o) => o.port === 'X_train')!.name);
    const tr = new Set(await positions(run, split.outputs.find((o) => o.port === 'X_train')!.lineage!.arrays.positions!));
    const te = await positions(run, split.outputs.find((o) => o.port === 'X_test')!.lineage!.arrays.positions!);
    assert.ok([...te].every((p) => !tr.has(p)), 'train and test are disjoint in the recorded split');
    const [f] = await confirmWithRuns([finding('leakage/preprocessing', 'examples/slow/pipeline.py', fit.location!.line)], runs, { workspaceRoot: REPO, source });
    const c = f!.confirmation!;
    assert.equal(c.status, 'not-confirmed', c.message);
    assert.equal(c.evidence!.testRowsInFit, 0);
    assert.equal(c.message, `none of the ${tr.size.toLocaleString('en-US')} rows StandardScaler was fitted on reach a test split in the ${runName(run)}`);
    assert.match(c.message, /in the \S*pipeline\.py run of (\w{3} \d+ (\d{4} )?)?\d\d:\d\d:\d\d$/, 'the run by its script and start time, not its id');
  });

  it('does not confirm multi-test when one model is scored once', async () => {
    const run = runOf('slow/pipeline.py');
    const score = run.steps.find((s) => s.kind === 'score')!;
    const [f] = await confirmWithRuns([finding('leakage/multi-test', 'examples/slow/pipeline.py', score.location!.line)], runs, { workspaceRoot: REPO, source });
    assert.equal(f!.confirmation!.status, 'not-confirmed');
    assert.equal(f!.confirmation!.evidence!.models, 1);
  });

  it('calls a run stale when the finding line holds another kind of call, or different code', async () => {
    const rel = 'examples/churn/train.py';
    const run = runOf('churn/train.py');
    const filterLine = run.steps.find((s) => s.kind === 'select' && s.location?.file.endsWith('train.py'))!.location!.line;
    const [moved] = await confirmWithRuns([finding('leakage/preprocessing', rel, filterLine)], runs, { workspaceRoot: REPO, source });
    assert.equal(moved!.confirmation!.status, 'no-run');
    assert.match(moved!.confirmation!.message, /ran line \d+ \(filter rows df\[df\["age"\] >= 21\]\) but recorded no transformer fit or groupby statistic there, so it neither confirms nor rules out this finding/);
    const [unknown] = await confirmWithRuns([finding('leakage/preprocessing', rel, filterLine)], runs, { workspaceRoot: REPO, source, readText: async () => undefined });
    assert.match(unknown!.confirmation!.message, /no transformer fit or groupby statistic there; the code may have changed since that run/);

    const line = bugLine(rel, 'leakage/preprocessing');
    const edited = readFileSync(path.join(REPO, rel), 'utf8').split('\n');
    edited[line - 1] = 'numbers = scaler.fit_transform(df[NUMERIC].clip(0))';
    const [changed] = await confirmWithRuns([finding('leakage/preprocessing', rel, line)], runs, {
      workspaceRoot: REPO, source, readText: async (file) => (file.endsWith('churn/train.py') ? edited.join('\n') : undefined),
    });
    assert.equal(changed!.confirmation!.status, 'no-run');
    assert.match(changed!.confirmation!.message, /recorded from different code at line \d+/);
  });

  it('says when no run covers the file, the phase or the rule', async () => {
    const out = await confirmWithRuns(
      [
        finding('leakage/preprocessing', 'examples/other/train.py', 35),
        finding('mismatch/refit-at-inference', 'examples/churn/train.py', bugLine('examples/churn/train.py', 'leakage/preprocessing')),
        finding('mismatch/unseen-categories', 'examples/churn/serve.py', 30),
        finding('leakage/overlap', 'examples/notebooks/credit.ipynb', 2, 3),
      ],
      runs,
      { workspaceRoot: REPO, source },
    );
    assert.deepEqual(out.map((f) => f.confirmation!.status), ['no-run', 'no-run', 'no-run', 'no-run']);
    assert.match(out[0]!.confirmation!.message, /no recorded run executes examples\/other\/train\.py/);
    assert.match(out[1]!.confirmation!.message, /no serve-phase run of examples\/churn\/train\.py/);
    assert.match(out[2]!.confirmation!.message, /no run-based check exists for mismatch\/unseen-categories/);
    assert.match(out[3]!.confirmation!.message, /no recorded run executes .*Cell 4/);
  });

  describe('with a damaged copy of the training run', () => {
    let dir: string;
    const copy = async (damage: (runDir: string) => void): Promise<RunReadResult> => {
      const src = runOf('churn/train.py');
      const dst = path.join(dir, path.basename(src.dir) + '-' + Math.random().toString(36).slice(2, 8));
      cpSync(src.dir, dst, { recursive: true });
      damage(dst);
      return readRun(dst);
    };
    beforeEach(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'skewer-confirm-'));
    });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    const testArrays = (run: Run) => run.steps.find((s) => s.kind === 'split')!.outputs.filter((o) => /test$/.test(o.port!)).map((o) => o.lineage!.arrays.positions!);

    it('answers no-run naming the missing lineage files', async () => {
      const rel = 'examples/churn/train.py';
      const line = bugLine(rel, 'leakage/preprocessing');
      const damaged = await copy((d) => testArrays(runOf('churn/train.py')).forEach((a) => unlinkSync(path.join(d, a))));
      const [f] = await confirmWithRuns([finding('leakage/preprocessing', rel, line)], [damaged], { workspaceRoot: REPO, source });
      assert.equal(f!.confirmation!.status, 'no-run', f!.confirmation!.message);
      assert.match(f!.confirmation!.message, /cannot tell .* lineage gap at train_test_split \(line \d+\): lineage array positions missing or refused/);
    });

    it('answers no-run naming truncated lineage files', async () => {
      const rel = 'examples/churn/train.py';
      const line = bugLine(rel, 'leakage/preprocessing');
      const damaged = await copy((d) => testArrays(runOf('churn/train.py')).forEach((a) => truncateSync(path.join(d, a), 100)));
      const [f] = await confirmWithRuns([finding('leakage/preprocessing', rel, line)], [damaged], { workspaceRoot: REPO, source });
      assert.equal(f!.confirmation!.status, 'no-run', f!.confirmation!.message);
      assert.match(f!.confirmation!.message, /lineage arrays unreadable/);
    });
  });

  it('confirms every finding of the three example sources in well under a second', async () => {
    const all = ['examples/churn/train.py', 'examples/churn/serve.py', 'examples/notebooks/credit.ipynb'].flatMap(analyze);
    const t0 = performance.now();
    const out = await confirmWithRuns(all, runs, { workspaceRoot: REPO, source });
    const ms = performance.now() - t0;
    assert.ok(out.every((f) => f.confirmation));
    assert.ok(out.filter((f) => f.confirmation!.status === 'confirmed').length >= 5);
    assert.ok(ms < 1000, `${ms.toFixed(0)} ms`);
  });
});

function producerStep(run: Run, name: string): Step {
  const s = run.steps.find((x) => x.outputs.some((o) => o.name === name));
  assert.ok(s, `no step produces ${name}`);
  return s;
}
