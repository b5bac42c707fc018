// `skewer compare TRAIN_RUN SERVE_RUN`: text and JSON over the recorded serving_mismatch runs, exit codes, and
// bad input (a run folder that does not exist, runs of different pipelines, arguments reversed, wrong arity).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCompare } from '../../../src/cli/compare';
import { main } from '../../../src/cli/main';
import { listRuns } from '../../../src/core/runlog/listRuns';
import { EXAMPLE_RUNS } from '../runlog/helpers';
import { FIXTURE_RUNS, pipelineRuns } from '../compare/pipelineRuns';

const ROOT = path.resolve(__dirname, '../../..');

async function compare(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const io = { stdout: (t: string) => { stdout += t; }, stderr: (t: string) => { stderr += t; }, cwd: ROOT, version: 'test' };
  const code = await runCompare(args, io);
  return { code, stdout, stderr };
}

describe('cli: skewer compare', () => {
  let dir: Record<string, string>;
  before(async () => {
    const runs = await pipelineRuns('oldest', 'serving_mismatch');
    dir = Object.fromEntries(Object.entries(runs).map(([k, r]) => [k, path.relative(ROOT, r.dir)]));
  });

  it('text: both model inputs by feature, the pairing, one line per finding on serve.py, exit 1 (errors)', async () => {
    const r = await compare(dir['train.py']!, dir['serve.py']!);
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^training: train\.py .* age, income, tenure_months, city=east, city=north, city=south$/m);
    assert.match(r.stdout, /^serving : serve\.py .* tenure_months, age, income, city=east, city=north, city=south$/m);
    assert.match(r.stdout, /^paired by model artifact: model\.joblib \(same sha256\)$/m);
    for (const rule of ['mismatch/column-order', 'mismatch/one-hot-set', 'mismatch/unseen-category', 'mismatch/refit-at-inference', 'mismatch/fitted-params', 'mismatch/unit-change', 'mismatch/row-skew']) {
      assert.match(r.stdout, new RegExp(`^\\S*serving_mismatch/serve\\.py:\\d+:\\d+ (error|warning) ${rule} \\[run\\] `, 'm'), rule);
    }
    assert.match(r.stdout, /^7 findings: 3 errors, 4 warnings \(2 runs compared\)\.$/m);
  });

  it('json: features with source and category, findings with source run and relative paths', async () => {
    const r = await compare(dir['train.py']!, dir['serve.py']!, '--format', 'json');
    const j = JSON.parse(r.stdout);
    assert.deepEqual(j.serve.features[3], { name: 'x3', position: 3, source: 'city', category: 'east' });
    assert.equal(j.artifact.by, 'artifact-hash');
    assert.equal(j.findings.length, 7);
    assert.ok(j.findings.every((f: { source: string; location: { file: string } }) => f.source === 'run' && f.location.file.endsWith('serving_mismatch/serve.py')));
  });

  it('the correct serving script: no findings, exit 0, also with --fail-on info', async () => {
    const r = await compare(dir['train.py']!, dir['serve_ok.py']!, '--fail-on', 'info');
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /No findings \(2 runs compared\)\./);
  });

  it('--fail-on error: the unit change, the refit and the fitted parameters are errors', async () => {
    assert.equal((await compare(dir['train.py']!, dir['serve.py']!, '--fail-on', 'error')).code, 1);
  });

  it('a run folder that does not exist: exit 2 naming it', async () => {
    const r = await compare(dir['train.py']!, 'no/such/run');
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^skewer compare: SERVE_RUN no\/such\/run: /);
    assert.equal(r.stdout, '');
  });

  it('runs of different pipelines: exit 2 with a clear message, no differences listed', async () => {
    const { runs } = await listRuns([EXAMPLE_RUNS]);
    const credit = runs.find((x) => x.run.pipeline === 'notebooks/credit.ipynb')!.run.dir;
    const r = await compare(credit, dir['serve.py']!);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /look like different pipelines/);
    assert.equal(r.stdout, '');
  });

  it('arguments reversed, wrong arity, unknown format: exit 2 with usage', async () => {
    assert.match((await compare(dir['serve.py']!, dir['train.py']!)).stderr, /give the training run first/);
    const one = await compare(dir['train.py']!);
    assert.equal(one.code, 2);
    assert.match(one.stderr, /expected two runs/);
    assert.equal((await compare(dir['train.py']!, dir['serve.py']!, '--format', 'sarif')).code, 2);
  });

  it('is a subcommand of skewer and listed in its usage', async () => {
    let out = '';
    const code = await main(['compare', '--help'], { stdout: (t) => { out += t; }, stderr: () => {}, cwd: ROOT, version: 'test' });
    assert.equal(code, 0);
    assert.match(out, /usage: skewer compare TRAIN_RUN SERVE_RUN/);
    assert.ok(FIXTURE_RUNS);
  });
});
