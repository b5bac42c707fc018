/**
 * `skewer check --runs DIR [--baseline RUN]` on a copy of test/pipelines/run_leaks with its recorded runs
 * (current stack) under .skewer/runs: run findings beside the static ones in text, JSON and SARIF, with
 * their source, the exit codes of `check`, and a clear exit 2 for bad input.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const MAIN = path.join(REPO, 'src/cli/main.ts');
const TSX = require.resolve('tsx/cjs');
const PIPELINE = path.join(REPO, 'test/pipelines/run_leaks');

function skewer(cwd: string, ...args: string[]) {
  // NODE_PATH: under tsx the table-decode worker requires tsx/cjs from the cwd, which is outside the repo here.
  const env = { ...process.env, NODE_PATH: path.join(REPO, 'node_modules') };
  const r = spawnSync(process.execPath, ['--require', TSX, MAIN, ...args], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonFinding {
  ruleId: string; source: string; location: { file: string; line: number }; evidence: Record<string, unknown>; confirmation?: { status: string };
  related: { location: { file: string; line: number } }[];
}

describe('cli: skewer check --runs', function () {
  this.timeout(120_000);
  let dir: string;
  const lineOf = (file: string, text: string) => fs.readFileSync(path.join(PIPELINE, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-cli-runs-'));
    for (const f of ['leaky.py', 'helpers.py', 'clean.py']) fs.copyFileSync(path.join(PIPELINE, f), path.join(dir, f));
    fs.cpSync(path.join(REPO, 'test/fixtures/runs/current/run_leaks'), path.join(dir, '.skewer/runs'), { recursive: true });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('JSON: static, run and merged findings, each with its source; one finding where both engines agree', () => {
    const r = skewer(dir, 'check', '.', '--runs', '.skewer/runs', '--format', 'json');
    assert.equal(r.code, 1, r.stderr);
    const { findings } = JSON.parse(r.stdout) as { findings: JsonFinding[] };
    const at = (rule: string, file: string, line: number) => findings.filter((f) => f.ruleId === rule && f.location.file === file && f.location.line === line);
    // The scaler fitted inside the imported helper: the run records it on the helper's line, the static
    // analysis places it on leaky.py's call with the helper's line as related location; one finding.
    assert.deepEqual(at('leakage/preprocessing', 'helpers.py', lineOf('helpers.py', 'fit_transform')), []);
    const helper = findings.filter((f) => f.ruleId === 'leakage/preprocessing' && f.related.some((x) => x.location.file === 'helpers.py' && x.location.line === lineOf('helpers.py', 'fit_transform')));
    assert.equal(helper.length, 1);
    assert.equal(helper[0]!.location.file, 'leaky.py');
    assert.equal(helper[0]!.source, 'both');
    assert.equal(helper[0]!.confirmation?.status, 'confirmed');
    const target = findings.filter((f) => f.ruleId === 'leakage/target');
    assert.equal(target.length, 1);
    assert.equal(target[0]!.source, 'both');
    assert.equal(target[0]!.confirmation?.status, 'confirmed');
    assert.ok(findings.every((f) => ['static', 'run', 'both'].includes(f.source)));
    assert.ok(!findings.some((f) => f.location.file === 'clean.py'));
  });

  it('text: run findings tagged [run], merged ones [static+run] with the run\'s words; the runs checked as notes', () => {
    const r = skewer(dir, 'check', '.', '--runs', '.skewer/runs');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^leaky\.py:\d+:\d+ warning leakage\/preprocessing \[static\+run\] .*inside `scale_columns\(\)`.* Run: StandardScaler fitted on \d+ rows/m);
    assert.match(r.stdout, /^leaky\.py:\d+:\d+ error leakage\/target \[static\+run\] .* Run: /m);
    assert.match(r.stdout, /^note: checked the leaky\.py run of .*\d\d:\d\d:\d\d \(train\)$/m);
  });

  it('SARIF: source and run evidence in each result\'s properties', () => {
    const r = skewer(dir, 'check', '.', '--runs', '.skewer/runs', '--format', 'sarif');
    assert.equal(r.code, 1, r.stderr);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { ruleId: string; properties: { source: string; confirmation?: unknown } }[]; tool: { driver: { rules: { id: string }[] } } }[] };
    const results = sarif.runs[0]!.results;
    assert.ok(results.some((x) => x.ruleId === 'leakage/group' && x.properties.source === 'run'), JSON.stringify(results.map((x) => [x.ruleId, x.properties])));
    assert.ok(results.some((x) => x.properties.source === 'both' && x.properties.confirmation));
    assert.ok(sarif.runs[0]!.tool.driver.rules.some((x) => x.id === 'leakage/group'));
  });

  it('exit codes as without runs: 0 when nothing at --fail-on, 1 when a run-only finding reaches it', () => {
    // Only the helper (a run-only warning) and the clean script: static analysis alone finds nothing.
    assert.equal(skewer(dir, 'check', 'helpers.py', 'clean.py').code, 0);
    const r = skewer(dir, 'check', 'helpers.py', 'clean.py', '--runs', '.skewer/runs', '--fail-on', 'warning');
    assert.equal(r.code, 1, r.stdout + r.stderr);
    assert.equal(skewer(dir, 'check', 'clean.py', '--runs', '.skewer/runs', '--fail-on', 'error', '--format', 'json').code, 1);
  });

  it('a runs folder with no runs adds nothing and says so', () => {
    fs.mkdirSync(path.join(dir, 'empty'), { recursive: true });
    const r = skewer(dir, 'check', 'clean.py', '--runs', 'empty');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /note: no recorded runs in empty/);
  });

  it('bad input: a runs folder that does not exist, a file, --baseline without --runs or naming no training run -> exit 2 with the reason', () => {
    const missing = skewer(dir, 'check', '.', '--runs', 'no/such/dir');
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /--runs no\/such\/dir: no such folder/);
    assert.equal(missing.stdout, '');
    const file = skewer(dir, 'check', '.', '--runs', 'leaky.py');
    assert.equal(file.code, 2);
    assert.match(file.stderr, /not a folder/);
    assert.equal(skewer(dir, 'check', '.', '--baseline', 'x').code, 2);
    const unknown = skewer(dir, 'check', '.', '--runs', '.skewer/runs', '--baseline', 'nope');
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /--baseline nope: no run with that folder or id/);
  });

  it('--baseline accepts a training run by id or folder', () => {
    const id = fs.readdirSync(path.join(dir, '.skewer/runs'))[0]!;
    assert.equal(skewer(dir, 'check', 'clean.py', '--runs', '.skewer/runs', '--baseline', id).code, 1);
    assert.equal(skewer(dir, 'check', 'clean.py', '--runs', '.skewer/runs', '--baseline', path.join('.skewer/runs', id)).code, 1);
  });

  describe('serving runs', () => {
    let serving: string;
    before(() => {
      serving = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-cli-serving-'));
      for (const f of ['train.py', 'serve.py', 'serve_ok.py']) fs.copyFileSync(path.join(REPO, 'test/pipelines/serving_mismatch', f), path.join(serving, f));
      fs.cpSync(path.join(REPO, 'test/fixtures/runs/current/serving_mismatch'), path.join(serving, 'runs'), { recursive: true });
    });
    after(() => fs.rmSync(serving, { recursive: true, force: true }));

    it('adds the train/serve mismatch findings on the serving lines, and says which training run was used', () => {
      const r = skewer(serving, 'check', 'serve.py', '--runs', 'runs', '--format', 'json');
      assert.equal(r.code, 1, r.stderr);
      const out = JSON.parse(r.stdout) as { findings: JsonFinding[]; notes: { message: string }[] };
      const rules = new Set(out.findings.filter((f) => f.source === 'run').map((f) => f.ruleId));
      for (const rule of ['mismatch/unseen-category', 'mismatch/one-hot-set', 'mismatch/unit-change', 'mismatch/fitted-params']) assert.ok(rules.has(rule), rule);
      assert.ok(out.findings.every((f) => f.location.file === 'serve.py'));
      assert.ok(out.notes.some((n) => /compared with the train\.py run of .*model\.joblib/.test(n.message)));
    });

    it('--baseline naming a serving run: exit 2, it is not a training run', () => {
      const id = fs.readdirSync(path.join(serving, 'runs')).find((d) => fs.readFileSync(path.join(serving, 'runs', d, 'events.ndjson'), 'utf8').includes('"phase": "serve"') || fs.readFileSync(path.join(serving, 'runs', d, 'events.ndjson'), 'utf8').includes('"phase":"serve"'))!;
      const r = skewer(serving, 'check', 'serve.py', '--runs', 'runs', '--baseline', id);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /is a serve-phase run, not a training run/);
    });
  });
});
