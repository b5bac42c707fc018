import * as assert from 'node:assert/strict';
import { compareRunFindings } from '../../../src/core/compare/findings';
import { artifacts, pairServingRun, sharedArtifact } from '../../../src/core/compare/pairing';
import { rowSkewFindings } from '../../../src/core/compare/rowSkew';
import type { Finding } from '../../../src/core/findings/finding';
import { ruleInfo } from '../../../src/core/findings/rules';
import { listRuns } from '../../../src/core/runlog/listRuns';
import type { Run } from '../../../src/core/runlog/model';
import { EXAMPLE_RUNS } from '../runlog/helpers';
import { pipelineRuns, STACKS } from './pipelineRuns';

const one = (fs: Finding[], rule: string): Finding => {
  const hits = fs.filter((f) => f.ruleId === rule);
  assert.equal(hits.length, 1, `${rule}: ${fs.map((f) => f.ruleId).join(', ')}`);
  return hits[0]!;
};
const line = (run: Run, f: Finding) => {
  assert.ok(f.location.file.endsWith('serve.py'), f.location.file);
  return run.steps.find((s) => s.location?.line === f.location.line)!.function;
};

for (const stack of STACKS) {
  describe(`compareRunFindings on serving_mismatch (${stack})`, () => {
    let runs: Record<string, Run>;
    let fs: Finding[];
    before(async () => {
      runs = await pipelineRuns(stack, 'serving_mismatch');
      fs = compareRunFindings(runs['train.py']!, runs['serve.py']!).findings;
    });

    it('every finding is a run finding with a known rule, on a line of serve.py', () => {
      assert.ok(fs.length > 0);
      for (const f of fs) {
        assert.equal(f.source, 'run');
        assert.ok(ruleInfo(f.ruleId), f.ruleId);
        assert.equal(f.severity, ruleInfo(f.ruleId)!.defaultSeverity);
      }
    });

    it('mismatch/column-order: tenure_months, age, income moved, on the to_numpy line', () => {
      const f = one(fs, 'mismatch/column-order');
      assert.equal(f.evidence.moved, 3);
      assert.equal(f.evidence.missing, '');
      assert.equal(f.evidence.servingOrder, 'tenure_months, age, income, city=east, city=north, city=south');
      const conv = runs['serve.py']!.steps.find((s) => s.function === 'DataFrame.to_numpy')!.location!;
      assert.deepEqual([f.location.line, f.location.col, f.location.endCol], [conv.line, conv.col, conv.endCol], 'the to_numpy call');
    });

    it('mismatch/one-hot-set and mismatch/unseen-category: city=west, 10% of the rows (planted: 100 of 1,000)', () => {
      const set = one(fs, 'mismatch/one-hot-set');
      assert.equal(set.evidence.extra, 'west');
      assert.equal(set.evidence.missing, '');
      assert.equal(set.evidence.extraShare, 0.1);
      const unseen = one(fs, 'mismatch/unseen-category');
      assert.equal(unseen.evidence.values, 'west');
      assert.equal(unseen.evidence.rows, 100);
      assert.equal(unseen.location.line, 9);
    });

    it('mismatch/refit-at-inference: the StandardScaler fitted on the batch (line 12)', () => {
      const f = one(fs, 'mismatch/refit-at-inference');
      assert.equal(f.location.line, 12);
      assert.equal(f.evidence.fitRows, 1000);
    });

    it('mismatch/fitted-params: income is the most different parameter; training scaler replayed on the batch gives mean ≈ -3.94', () => {
      const f = one(fs, 'mismatch/fitted-params');
      assert.equal(f.evidence.feature, 'income');
      assert.equal(f.evidence.attribute, 'mean_');
      assert.ok(Math.abs((f.evidence.serving as number) * 1000 / (f.evidence.training as number) - 1) < 0.1, 'thousands vs units');
      assert.equal(f.evidence.producedMean, 0);
      // independent: (mean of income in thousands - training mean) / training scale
      const t = runs['train.py']!.steps.find((s) => s.function === 'StandardScaler.fit_transform')!.fitted!.learned;
      const raw = runs['serve.py']!.steps.find((s) => s.function === 'read_csv')!.outputs[0]!.stats!.columns.income!.mean!;
      const expected = (raw - (t.mean_ as number[])[1]!) / (t.scale_ as number[])[1]!;
      assert.ok(Math.abs((f.evidence.replayedMean as number) - expected) < 1e-9, `${f.evidence.replayedMean} vs ${expected}`);
      assert.equal(f.related[0]!.message, 'StandardScaler fitted at training');
    });

    it('mismatch/unit-change: income ≈ 1/1000, suggested factor 1000, on the read_csv line', () => {
      const f = one(fs, 'mismatch/unit-change');
      assert.equal(f.evidence.column, 'income');
      assert.equal(f.evidence.factor, 0.001);
      assert.equal(f.evidence.suggestedFactor, 1000);
      assert.equal(line(runs['serve.py']!, f), 'read_csv');
    });

    it('no drift finding: the batch is drawn like training, income is left to unit-change', () => {
      assert.deepEqual(fs.filter((f) => f.ruleId.startsWith('drift/')).map((f) => f.message), []);
    });

    it('serve_ok.py (training columns, training scaler) has no finding at all', () => {
      const r = compareRunFindings(runs['train.py']!, runs['serve_ok.py']!);
      assert.deepEqual(r.findings.map((f) => f.message), []);
      assert.deepEqual(r.problems, []);
      assert.equal(r.serve!.features.length, 6);
    });

    it('mismatch/row-skew: the 40 customers in both runs (planted at training rows 12k, batch rows 10k) get other features; replay blames the raw income', async () => {
      const c = compareRunFindings(runs['train.py']!, runs['serve.py']!);
      const r = await rowSkewFindings(runs['train.py']!, runs['serve.py']!, c);
      assert.deepEqual(r.notes, []);
      const f = one(r.findings, 'mismatch/row-skew');
      assert.equal(f.evidence.key, 'customer_id');
      assert.equal(f.evidence.entities, 40);
      assert.equal(f.evidence.differing, 40);
      assert.equal(f.evidence.feature, 'income');
      // undo the replay with training's parameters: the serving raw income it used is in thousands
      const learned = runs['train.py']!.steps.find((s) => s.function === 'StandardScaler.fit_transform')!.fitted!.learned;
      const raw = (f.evidence.replayed as number) * (learned.scale_ as number[])[1]! + (learned.mean_ as number[])[1]!;
      assert.ok(raw > 10 && raw < 200, `the serving raw income is in thousands: ${raw}`);
      assert.equal(f.location.line, 12, 'the scaler that produced the model input');
      const ok = compareRunFindings(runs['train.py']!, runs['serve_ok.py']!);
      assert.deepEqual((await rowSkewFindings(runs['train.py']!, runs['serve_ok.py']!, ok)).findings, [], 'serve_ok.py: same features for the same customers');
    });

    it('pairs each serving run with train.py by the model file it loads (sha256)', () => {
      const all = Object.values(runs);
      for (const name of ['serve.py', 'serve_ok.py']) {
        const p = pairServingRun(runs[name]!, all)!;
        assert.equal(p.train, runs['train.py']);
        assert.equal(p.by, 'artifact-hash');
        assert.match(p.reason, /train\.py wrote (model|scaler)\.joblib, which serve(_ok)?\.py loads/);
      }
      assert.deepEqual(artifacts(runs['train.py']!, 'write').map((a) => a.path.split('/').pop()), ['scaler.joblib', 'model.joblib']);
    });
  });
}

describe('compareRunFindings on the example runs', () => {
  let by: Record<string, Run>;
  before(async () => {
    const { runs } = await listRuns([EXAMPLE_RUNS]);
    by = Object.fromEntries(runs.map((r) => [r.run.pipeline, r.run]));
  });

  it('churn: serve.py loads the pickle train.py wrote (by path: pickle.dump into an open file has no hash)', () => {
    assert.equal(sharedArtifact(by['churn/train.py']!, by['churn/serve.py']!)?.by, 'artifact-path');
    const p = pairServingRun(by['churn/serve.py']!, Object.values(by))!;
    assert.equal(p.train.pipeline, 'churn/train.py');
  });

  it('churn: the reordered columns and the refitted scaler of serve.py', () => {
    const ids = compareRunFindings(by['churn/train.py']!, by['churn/serve.py']!).findings.map((f) => f.ruleId);
    assert.ok(ids.includes('mismatch/column-order') && ids.includes('mismatch/refit-at-inference'), ids.join(', '));
  });

  it('runs of different pipelines: says so and lists no difference', () => {
    const r = compareRunFindings(by['notebooks/credit.ipynb']!, by['churn/serve.py']!);
    assert.deepEqual(r.findings, []);
    assert.match(r.unrelated!, /look like different pipelines/);
  });

  it('falls back to the newest training run of the same folder and says why', () => {
    const serve = by['churn/serve.py']!;
    const noArtifact: Run = { ...serve, steps: serve.steps.filter((s) => s.args?.artifact === undefined) };
    const p = pairServingRun(noArtifact, Object.values(by))!;
    assert.equal(p.by, 'same-folder');
    assert.equal(p.train.pipeline, 'churn/train.py');
    assert.match(p.reason, /loads no recorded model file/);
  });
});
