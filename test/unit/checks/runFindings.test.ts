/**
 * Run-only findings and their merge with static ones, over the runs of test/pipelines/run_leaks recorded
 * on the oldest and the current stack. Expected numbers come from facts.json, which make_data.py computes
 * by replaying the split's permutation on the generated rows (no recorder, no lineage files involved).
 */
import { strict as assert } from 'node:assert';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { confirmWithRuns, detectRunFindings, mergeFindings, runFindings } from '../../../src/core/checks';
import { copiedRows, sharedEntities, type SplitSnapshots } from '../../../src/core/checks/splitContents';
import type { Finding } from '../../../src/core/findings/finding';
import { listRuns, type LoadedSnapshot } from '../../../src/core/runlog';
import type { Run, RunReadResult } from '../../../src/core/runlog/model';
import { analyzeDocument } from '../../../src/core/static';
import { RunFolderTraceSource } from '../../../src/core/trace';
import { tableFromArrays } from 'apache-arrow';

const REPO = path.resolve(__dirname, '../../..');
const PIPELINE = path.join(REPO, 'test/pipelines/run_leaks');
const FACTS = JSON.parse(readFileSync(path.join(PIPELINE, 'facts.json'), 'utf8')) as {
  leaky: {
    preprocessing: { fitRows: number; testRowsInFit: number };
    overlapLineage: { duplicatedRows: number; rowsOnBothSides: number };
    overlapContent: { rowsOnBothSides: number };
    group: { column: string; entitiesOnBothSides: number; testRowsShared: number };
    temporal: boolean;
    testRows: number;
  };
  grouped: { testRows: number; rowCap: number; group: { column: string; entitiesOnBothSides: number; trainEntities: number; testEntities: number; testRowsShared: number } };
};
const source = (run: Run) => new RunFolderTraceSource(run.dir);
const lineOf = (file: string, text: string) => readFileSync(path.join(PIPELINE, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
const staticOf = (file: string): Finding[] => analyzeDocument({ path: file, text: readFileSync(path.join(PIPELINE, file), 'utf8') }).findings;

for (const stack of ['oldest', 'current']) {
  describe(`checks/runFindings on run_leaks recorded on the ${stack} stack`, function () {
    this.timeout(30000);
    let runs: RunReadResult[];
    let leaky: Finding[];
    let clean: Finding[];
    const opts = { workspaceRoot: PIPELINE, source };
    before(async () => {
      runs = (await listRuns([path.join(REPO, 'test/fixtures/runs', stack, 'run_leaks')])).runs;
      const of = (script: string) => runs.filter((r) => r.run.pipeline === script);
      assert.equal(of('leaky.py').length, 1);
      assert.equal(of('clean.py').length, 1);
      leaky = (await detectRunFindings(of('leaky.py'), opts)).findings;
      clean = (await detectRunFindings(of('clean.py'), opts)).findings;
    });
    const one = (ruleId: string, file: string, line: number, method?: string) => {
      const hits = leaky.filter((f) => f.ruleId === ruleId && f.location.file === file && f.location.line === line && (method === undefined || f.evidence.method === method));
      assert.equal(hits.length, 1, `${ruleId} at ${file}:${line}: ${leaky.map((f) => `${f.ruleId}@${f.location.file}:${f.location.line}`).join(', ')}`);
      assert.equal(hits[0]!.source, 'run');
      assert.ok(typeof hits[0]!.evidence.runId === 'string');
      return hits[0]!;
    };

    it('preprocessing: the scaler fitted inside the imported helper, on the helper\'s line, with the fit rows that reach the test split', () => {
      const f = one('leakage/preprocessing', 'helpers.py', lineOf('helpers.py', 'scaler.fit_transform'));
      assert.equal(f.evidence.fitRows, FACTS.leaky.preprocessing.fitRows);
      assert.equal(f.evidence.testRowsInFit, FACTS.leaky.preprocessing.testRowsInFit);
      assert.equal(f.evidence.splitLine, lineOf('leaky.py', 'train_test_split(df'));
      assert.match(f.message, new RegExp(`fitted on ${FACTS.leaky.preprocessing.fitRows} rows; ${FACTS.leaky.preprocessing.testRowsInFit} of them end up in the test split`));
      assert.deepEqual(f.related.map((r) => [r.location.file, r.location.line]), [['leaky.py', lineOf('leaky.py', 'train_test_split(df')]]);
    });

    it('preprocessing: the static finding placed on leaky.py\'s call into the helper is confirmed by the run at the helper\'s line', async () => {
      const read = (p: string) => { try { return readFileSync(path.join(PIPELINE, p), 'utf8'); } catch { return undefined; } };
      const statics = analyzeDocument({ path: 'leaky.py', text: read('leaky.py')! }, { readModule: read, moduleRoot: '' }).findings;
      const s = statics.find((f) => f.ruleId === 'leakage/preprocessing' && f.related[0]?.location.file === 'helpers.py');
      assert.ok(s, statics.map((f) => `${f.ruleId}@${f.location.file}:${f.location.line} ${f.related.map((r) => r.location.file).join(',')}`).join('; '));
      const [c] = await confirmWithRuns([s], runs.filter((r) => r.run.pipeline === 'leaky.py'), opts);
      assert.equal(c!.confirmation?.status, 'confirmed', c!.confirmation?.message);
      assert.equal(c!.location.file, 'leaky.py');
    });

    it('overlap by lineage: the oversampling concat, with the copied rows on both sides', () => {
      const f = one('leakage/overlap', 'leaky.py', lineOf('leaky.py', 'pd.concat'), 'lineage');
      assert.equal(f.evidence.duplicatedRows, FACTS.leaky.overlapLineage.duplicatedRows);
      assert.equal(f.evidence.rowsOnBothSides, FACTS.leaky.overlapLineage.rowsOnBothSides);
    });

    it('overlap by content hash: duplicated source rows on both sides of the split, not counting the lineage copies', () => {
      const f = one('leakage/overlap', 'leaky.py', lineOf('leaky.py', 'train_test_split(df'), 'content-hash');
      assert.equal(f.evidence.rowsOnBothSides, FACTS.leaky.overlapContent.rowsOnBothSides);
      assert.equal(f.evidence.testRows, FACTS.leaky.testRows);
      assert.equal(f.evidence.sampled, false);
    });

    it('multi-test: two models scored on the same test rows, on the second evaluation', () => {
      const f = one('leakage/multi-test', 'leaky.py', lineOf('leaky.py', 'nb.score'));
      assert.equal(f.evidence.models, 2);
      assert.equal(f.evidence.testRows, FACTS.leaky.testRows);
      assert.equal(f.related[0]!.location.line, lineOf('leaky.py', 'lr.score'));
    });

    it('target: the feature computed from the label, by the columns its line reads, with the association numbers', () => {
      const f = one('leakage/target', 'leaky.py', lineOf('leaky.py', 'df["loyalty"]'));
      assert.equal(f.evidence.feature, 'loyalty');
      assert.equal(f.evidence.derivedFrom, 'churned');
      assert.ok(typeof f.evidence.correlation === 'number' && f.evidence.correlation > 0.5, String(f.evidence.correlation));
    });

    it('temporal: test rows earlier than training rows by event_time', () => {
      assert.equal(FACTS.leaky.temporal, true);
      const f = one('leakage/temporal', 'leaky.py', lineOf('leaky.py', 'train_test_split(df'));
      assert.equal(f.evidence.column, 'event_time');
      assert.ok(String(f.evidence.testMin) < String(f.evidence.trainMax));
    });

    it('group: customers with rows on both sides of the split', () => {
      const f = one('leakage/group', 'leaky.py', lineOf('leaky.py', 'train_test_split(df'));
      assert.equal(f.evidence.column, FACTS.leaky.group.column);
      assert.equal(f.evidence.entitiesOnBothSides, FACTS.leaky.group.entitiesOnBothSides);
      assert.equal(f.evidence.testRowsShared, FACTS.leaky.group.testRowsShared);
      assert.equal(f.evidence.method, 'keys', 'counted from the key columns kept for every row');
      assert.equal(f.evidence.sampled, false);
    });

    it('group, by key: every customer counted although the split snapshots hold a sample (grouped.py, 40-row cap)', async () => {
      const grouped = runs.filter((r) => r.run.pipeline === 'grouped.py');
      assert.equal(grouped.length, 1);
      const split = grouped[0]!.run.steps.find((s) => s.kind === 'split')!;
      const test = split.outputs.find((o) => o.port === 'test' || o.name.endsWith('.test'))!;
      assert.ok(test.snapshot && test.snapshot.rows! < FACTS.grouped.testRows, `the test side's snapshot is a sample (${test.snapshot?.rows} of ${FACTS.grouped.testRows} rows)`);
      const at = lineOf('grouped.py', 'train_test_split(df');
      const byKey = (await detectRunFindings(grouped, opts)).findings.filter((f) => f.ruleId === 'leakage/group');
      assert.deepEqual(byKey.map((f) => [f.location.file, f.location.line, f.evidence.method, f.evidence.sampled]), [['grouped.py', at, 'keys', false]]);
      const e = byKey[0]!.evidence;
      const g = FACTS.grouped.group;
      assert.deepEqual([e.column, e.entitiesOnBothSides, e.trainEntities, e.testEntities, e.testRowsShared, e.testRows], [g.column, g.entitiesOnBothSides, g.trainEntities, g.testEntities, g.testRowsShared, FACTS.grouped.testRows]);
      assert.doesNotMatch(byKey[0]!.message, /sampled/);
      // The same run read without its key files: the snapshots' sample, which sees fewer customers, and says so.
      const noKeys = (run: Run) => {
        const s = new RunFolderTraceSource(run.dir);
        return { lineage: s.lineage.bind(s), snapshot: s.snapshot.bind(s) } as unknown as RunFolderTraceSource;
      };
      const sampled = (await detectRunFindings(grouped, { ...opts, source: noKeys })).findings.filter((f) => f.ruleId === 'leakage/group');
      assert.equal(sampled.length, 1);
      assert.equal(sampled[0]!.evidence.method, 'snapshots');
      assert.equal(sampled[0]!.evidence.sampled, true);
      assert.ok((sampled[0]!.evidence.entitiesOnBothSides as number) < g.entitiesOnBothSides, `the sample sees ${String(sampled[0]!.evidence.entitiesOnBothSides)} of ${g.entitiesOnBothSides} customers`);
      assert.match(sampled[0]!.message, /in the sampled rows; record with --keys COLUMN to count every row/);
    });

    it('the correct pipeline gives no finding of any rule', () => {
      assert.deepEqual(clean.map((f) => `${f.ruleId}@${f.location.line}: ${f.message}`), []);
    });

    it('merges with static findings: one finding per problem, source both where the static analysis sees it too', async () => {
      const statics = [...staticOf('leaky.py'), ...staticOf('helpers.py'), ...staticOf('clean.py')];
      const { findings } = await runFindings(runs, statics, opts);
      const key = (f: Finding) => `${f.ruleId}@${f.location.file}:${f.location.line}/${String(f.evidence.method ?? '')}`;
      assert.equal(new Set(findings.map(key)).size, findings.length, findings.map(key).join(', '));
      const target = findings.filter((f) => f.ruleId === 'leakage/target');
      assert.equal(target.length, 1);
      assert.equal(target[0]!.source, 'both');
      assert.equal(target[0]!.confirmation?.status, 'confirmed');
      const multi = findings.filter((f) => f.ruleId === 'leakage/multi-test');
      assert.equal(multi.length, 1);
      assert.equal(multi[0]!.source, 'both');
      // Dates parsed into a column, rows never ordered by them: only the run shows the test rows are earlier.
      const temporal = findings.filter((f) => f.ruleId === 'leakage/temporal');
      assert.deepEqual(temporal.map((f) => f.source), ['run']);
      const helper = findings.filter((f) => f.location.file === 'helpers.py');
      assert.deepEqual(helper.map((f) => [f.ruleId, f.source]), [['leakage/preprocessing', 'run']]);
      assert.ok(!findings.some((f) => f.location.file === 'clean.py'));
    });
  });
}

describe('checks/runFindings rules on edited and synthetic input', function () {
  this.timeout(30000);
  let runs: RunReadResult[];
  let dir: string;
  before(async () => {
    // A copy of the pipeline folder with its runs under .skewer/runs, as a user's project holds them.
    dir = mkdtempSync(path.join(tmpdir(), 'skewer-runleaks-'));
    cpSync(PIPELINE, dir, { recursive: true });
    cpSync(path.join(REPO, 'test/fixtures/runs/current/run_leaks'), path.join(dir, '.skewer/runs'), { recursive: true });
    runs = (await listRuns([path.join(dir, '.skewer/runs')])).runs;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the files of a run moved away from where it was recorded (project of .skewer/runs)', async () => {
    const { findings } = await detectRunFindings(runs, { workspaceRoot: dir, source });
    assert.ok(findings.some((f) => f.location.file === 'helpers.py'), findings.map((f) => f.location.file).join());
  });

  it('drops a finding whose line changed since the run, and one silenced by a skewer: ignore comment', async () => {
    const helper = readFileSync(path.join(PIPELINE, 'helpers.py'), 'utf8');
    const leaky = readFileSync(path.join(PIPELINE, 'leaky.py'), 'utf8');
    const texts: Record<string, string> = {
      [path.join(dir, 'helpers.py')]: helper.replace('scaler.fit_transform(df[cols])', 'scaler.fit_transform(df[cols].copy())'),
      [path.join(dir, 'leaky.py')]: leaky.replace('df["tenure"] // 20\n', 'df["tenure"] // 20  # skewer: ignore[leakage/target]\n'),
    };
    const { findings } = await detectRunFindings(runs, { workspaceRoot: dir, source, readText: async (f) => texts[f] });
    assert.ok(!findings.some((f) => f.ruleId === 'leakage/preprocessing'));
    assert.ok(!findings.some((f) => f.ruleId === 'leakage/target'));
    assert.ok(findings.some((f) => f.ruleId === 'leakage/temporal'));
    // A line inserted above moves the code: the run's lines no longer match, nothing is reported on moved code.
    texts[path.join(dir, 'leaky.py')] = 'import os\n' + leaky;
    const moved = await detectRunFindings(runs, { workspaceRoot: dir, source, readText: async (f) => texts[f] });
    assert.deepEqual(moved.findings.filter((f) => f.location.file === 'leaky.py'), []);
  });

  it('leaves out rules set to off and applies severity overrides', async () => {
    const { findings } = await detectRunFindings(runs, { workspaceRoot: dir, source, severityOverrides: { 'leakage/group': 'off', 'leakage/temporal': 'error' } });
    assert.ok(!findings.some((f) => f.ruleId === 'leakage/group'));
    assert.equal(findings.find((f) => f.ruleId === 'leakage/temporal')?.severity, 'error');
  });

  it('checks no leakage rule on a serving run', async () => {
    const serve = runs.map((r) => ({ ...r, run: { ...r.run, phase: 'serve' as const } }));
    assert.deepEqual((await detectRunFindings(serve, { workspaceRoot: dir, source })).findings, []);
  });

  it('checks only the newest finished run of each pipeline', async () => {
    const leaky = runs.find((r) => r.run.pipeline === 'leaky.py')!;
    const older = { ...leaky, run: { ...leaky.run, runId: '00000000-0000-7000-8000-000000000000', startedAt: '2000-01-01T00:00:00Z' } };
    const running = { ...leaky, run: { ...leaky.run, runId: 'ffffffff-ffff-7fff-bfff-ffffffffffff', status: 'running' as const, startedAt: '2100-01-01T00:00:00Z' } };
    const r = await detectRunFindings([older, leaky, running], { workspaceRoot: dir, source });
    assert.deepEqual(r.checkedRuns.map((x) => x.runId), [leaky.run.runId]);
  });

  it('a damaged snapshot skips the snapshot rules for that split, the others (and group by key) still report', async () => {
    const leaky = runs.find((r) => r.run.pipeline === 'leaky.py')!.run;
    const split = leaky.steps.find((s) => s.kind === 'split')!;
    for (const o of split.outputs) if (o.snapshot) writeFileSync(path.join(leaky.dir, o.snapshot.uri), 'garbage');
    const fresh = (await listRuns([path.join(dir, '.skewer/runs')])).runs.filter((r) => r.run.pipeline === 'leaky.py');
    const { findings, notes } = await detectRunFindings(fresh, { workspaceRoot: dir, source });
    assert.equal(notes.length, 1, notes.join('\n'));
    assert.match(notes[0]!, /snapshots of the split at line \d+ unreadable: .*7\.(train|test)\.arrow/);
    assert.deepEqual(findings.filter((f) => f.ruleId === 'leakage/group').map((f) => f.evidence.method), ['keys'], 'entities are counted from the key columns, which need no snapshot');
    assert.ok(!findings.some((f) => f.evidence.method === 'content-hash'));
    assert.ok(findings.some((f) => f.ruleId === 'leakage/preprocessing'));
  });
});

describe('checks/mergeFindings', () => {
  const loc = (file: string, line: number, endLine = line) => ({ file, line, col: 1, endLine, endCol: 2 });
  const f = (ruleId: string, file: string, line: number, source: Finding['source'], extra: Partial<Finding> = {}): Finding =>
    ({ ruleId, severity: 'warning', message: `${source} ${ruleId}`, location: loc(file, line), related: [], evidence: source === 'run' ? { runId: 'R', n: 1 } : {}, fixes: [], source, ...extra });

  it('a run finding on a static finding\'s statement or related line merges into it (source both, run evidence attached)', () => {
    const s = f('leakage/temporal', 'a.py', 10, 'static', { location: loc('a.py', 10, 12), related: [{ location: loc('a.py', 20), message: 'x' }] });
    const out = mergeFindings([s], [f('leakage/temporal', 'a.py', 11, 'run'), f('leakage/temporal', './a.py', 20, 'run')]);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.source, 'both');
    assert.deepEqual(out[0]!.confirmation, { status: 'confirmed', runId: 'R', message: 'run leakage/temporal', evidence: { n: 1 } });
  });

  it('a run finding on an imported helper\'s line merges into the static finding placed on the call, whose related location is that line', () => {
    const s = f('leakage/preprocessing', 'main.py', 8, 'static', { related: [{ location: loc('utils.py', 14), message: 'in utils.py line 14' }], evidence: { inFile: 'utils.py' } });
    const out = mergeFindings([s], [f('leakage/preprocessing', 'utils.py', 14, 'run')]);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.source, 'both');
    assert.deepEqual(out[0]!.location, loc('main.py', 8));
    // Another line of the helper, or the same line under another rule, stays a run finding.
    assert.equal(mergeFindings([s], [f('leakage/preprocessing', 'utils.py', 15, 'run'), f('leakage/overlap', 'utils.py', 14, 'run')]).length, 3);
  });

  it('keeps a confirmed static finding\'s own confirmation and marks it both', () => {
    const s = f('leakage/target', 'a.py', 5, 'static', { confirmation: { status: 'confirmed', runId: 'Q', message: 'seen' } });
    const out = mergeFindings([s], [f('leakage/target', 'a.py', 5, 'run')]);
    assert.equal(out.length, 1);
    assert.equal(out[0]!.confirmation?.message, 'seen');
    assert.equal(out[0]!.source, 'both');
  });

  it('does not merge across rules, files or lines, nor run findings with each other', () => {
    const s = f('leakage/temporal', 'a.py', 10, 'static');
    const runs = [f('leakage/group', 'a.py', 10, 'run'), f('leakage/temporal', 'b.py', 10, 'run'), f('leakage/temporal', 'a.py', 30, 'run'),
      f('leakage/overlap', 'a.py', 40, 'run', { related: [{ location: loc('a.py', 41), message: 'split' }] }), f('leakage/overlap', 'a.py', 41, 'run')];
    const out = mergeFindings([s], runs);
    assert.equal(out.length, 6);
    assert.equal(out[0]!.source, 'static');
    assert.equal(out[0]!.confirmation, undefined);
  });

  it('a static finding a run refuted stays static', () => {
    const s = f('leakage/preprocessing', 'a.py', 3, 'static', { confirmation: { status: 'not-confirmed', message: 'no' } });
    assert.equal(mergeFindings([s], [])[0]!.source, 'static');
  });
});

describe('checks/splitContents', () => {
  const snap = (cols: Record<string, (string | number)[]>): LoadedSnapshot => {
    const t = tableFromArrays(Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, typeof v[0] === 'number' ? Float64Array.from(v as number[]) : (v as string[])])));
    return { table: t, positions: Int32Array.from({ length: t.numRows }, (_, i) => i), indexColumns: 0 };
  };
  const split = (train: LoadedSnapshot, test: LoadedSnapshot): SplitSnapshots => ({
    train: { ref: { namespace: 'm', name: 'train' }, snap: train }, test: { ref: { namespace: 'm', name: 'test' }, snap: test }, sampled: false,
  });

  it('counts test rows identical to a training row, except copies of the same recorded row', () => {
    const s = split(snap({ a: [1, 2, 3], b: ['x', 'y', 'z'] }), snap({ a: [1, 2, 9], b: ['x', 'y', 'z'] }));
    assert.equal(copiedRows(s).copiedTestRows, 2);
    // Test row 0 is a copy of train row 0's own origin (lineage overlap): not a content duplicate.
    assert.equal(copiedRows(s, (side, row) => (side === 'train' ? [7, 8, 9][row]! : [7, 5, 6][row]!)).copiedTestRows, 1);
    assert.equal(copiedRows(split(snap({ a: [1] }), snap({ a: [2] }))).copiedTestRows, 0);
  });

  it('reports a repeated id-like key on both sides, not a per-row unique id, nor a non-key column', () => {
    assert.equal(sharedEntities(split(snap({ customer_id: [1, 1, 2], v: [0, 0, 0] }), snap({ customer_id: [1, 3], v: [0, 0] })))?.shared, 1);
    assert.equal(sharedEntities(split(snap({ row_id: [1, 2, 3] }), snap({ row_id: [3, 4] }))), undefined);
    assert.equal(sharedEntities(split(snap({ amount: [1, 1, 2] }), snap({ amount: [1, 2] }))), undefined);
    assert.equal(sharedEntities(split(snap({ customer_id: [1, 1, 2] }), snap({ customer_id: [3, 3] }))), undefined);
  });
});

for (const stack of ['oldest', 'current']) {
  describe(`checks/runFindings: train/serve mismatch of the serving runs (serving_mismatch, ${stack} stack)`, function () {
    this.timeout(30000);
    const SERVING = path.join(REPO, 'test/pipelines/serving_mismatch');
    let runs: RunReadResult[];
    const opts = { workspaceRoot: SERVING, source };
    const line = (file: string, text: string) => readFileSync(path.join(SERVING, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
    before(async () => {
      runs = (await listRuns([path.join(REPO, 'test/fixtures/runs', stack, 'serving_mismatch')])).runs;
    });

    it('each serving run is compared with the training run that wrote the model it loads; findings on the serving lines', async () => {
      const { findings, notes } = await detectRunFindings(runs, opts);
      const serve = findings.filter((f) => f.location.file === 'serve.py');
      const at = (rule: string) => serve.filter((f) => f.ruleId === rule).map((f) => f.location.line);
      assert.deepEqual(at('mismatch/unseen-category'), [line('serve.py', 'pd.get_dummies(')]);
      assert.deepEqual(at('mismatch/one-hot-set'), [line('serve.py', 'pd.get_dummies(')]);
      assert.deepEqual(at('mismatch/refit-at-inference'), [line('serve.py', 'scaler.fit_transform')]);
      assert.deepEqual(at('mismatch/unit-change'), [line('serve.py', 'pd.read_csv')]);
      assert.equal(serve.filter((f) => f.ruleId === 'mismatch/row-skew').length, 1, 'row-level skew of the customers in both runs');
      // Entities matched by the key column both runs keep for every row: the planted shared customers, all of them.
      const planted = Number(/N_TRAIN, N_SHARED, N_NEW, N_WEST = \d+, (\d+),/.exec(readFileSync(path.join(SERVING, 'make_data.py'), 'utf8'))![1]);
      const skew = serve.find((f) => f.ruleId === 'mismatch/row-skew')!;
      assert.equal(skew.evidence.key, 'customer_id');
      assert.equal(skew.evidence.entitiesInBothRuns, planted, 'every customer in both runs, counted over every row by key');
      assert.equal(skew.evidence.entities, planted, 'each with model inputs in both runs\' snapshots (training rows 0, 12, 24, … and batch rows 0, 10, 20, … are in the evenly spaced samples)');
      assert.match(skew.message, /^\d+ of \d+ entities present in both runs \(by customer_id, every one of them\)/);
      assert.ok(serve.every((f) => f.source === 'run' && f.evidence.pairedBy === 'artifact-hash' && typeof f.evidence.trainRunId === 'string'));
      const train = runs.find((r) => r.run.pipeline === 'train.py')!.run;
      assert.ok(serve.every((f) => f.evidence.trainRunId === train.runId));
      assert.ok(notes.some((n) => /^The serve\.py run of [^:]*\d\d:\d\d:\d\d compared with the train\.py run of .*\d\d:\d\d:\d\d: train\.py wrote model\.joblib, which serve\.py loads/.test(n)), notes.join('\n'));
      // The correct serving script shows no mismatch, and no training-side leakage is invented.
      assert.deepEqual(findings.filter((f) => f.location.file !== 'serve.py').map((f) => `${f.ruleId}@${f.location.file}:${f.location.line}`), []);
    });

    it('a static refit finding and the run\'s refit on the same line are one finding', async () => {
      const statics = analyzeDocument({ path: 'serve.py', text: readFileSync(path.join(SERVING, 'serve.py'), 'utf8') }).findings;
      const { findings } = await runFindings(runs, statics, opts);
      const refit = findings.filter((f) => f.ruleId === 'mismatch/refit-at-inference' && f.location.line === line('serve.py', 'scaler.fit_transform'));
      assert.equal(refit.length, 1);
      assert.equal(refit[0]!.source, 'both');
    });

    it('a baseline from another pipeline is said to be one, instead of listing differences', async () => {
      const other = (await listRuns([path.join(REPO, 'test/fixtures/runs', stack, 'run_leaks')])).runs.find((r) => r.run.pipeline === 'leaky.py')!.run;
      const { findings, notes } = await detectRunFindings(runs, { ...opts, baseline: other });
      assert.deepEqual(findings.filter((f) => f.ruleId.startsWith('mismatch/') || f.ruleId.startsWith('drift/')), []);
      assert.ok(notes.some((n) => /look like different pipelines/.test(n)), notes.join('\n'));
    });
  });
}

describe('checks/runFindings in a notebook (examples/notebooks/credit.ipynb and its recorded run)', function () {
  this.timeout(30000);
  const EXAMPLES = path.join(REPO, 'examples');
  const NOTEBOOK = 'notebooks/credit.ipynb';
  const cellsOf = (text: string) => (JSON.parse(text) as { cells: { source: string | string[] }[] }).cells.map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source).split('\n'));
  let runs: RunReadResult[];
  before(async () => {
    runs = (await listRuns([path.join(EXAMPLES, '.skewer/runs')])).runs.filter((r) => r.run.pipeline === NOTEBOOK);
    assert.equal(runs.length, 1);
  });

  it('a run-only finding lands on the cell and the line within it that the run names: the oversampling sample', async () => {
    const { findings } = await detectRunFindings(runs, { workspaceRoot: EXAMPLES, source });
    const overlap = findings.filter((f) => f.ruleId === 'leakage/overlap' && f.evidence.method === 'lineage');
    assert.equal(overlap.length, 1, findings.map((f) => `${f.ruleId}@${f.location.file}[${f.location.cell}]:${f.location.line}`).join(', '));
    const f = overlap[0]!;
    assert.equal(f.source, 'run');
    assert.equal(f.location.file, NOTEBOOK);
    // Cells are numbered as the notebook file (and VS Code's cellAt) numbers them: markdown cells count.
    const cells = cellsOf(readFileSync(path.join(EXAMPLES, NOTEBOOK), 'utf8'));
    const cell = cells.findIndex((c) => c.some((l) => l.startsWith('extra = defaults.sample(')));
    assert.ok(cell > 0);
    assert.equal(f.location.cell, cell);
    assert.equal(f.location.line, cells[cell]!.findIndex((l) => l.startsWith('extra = defaults.sample(')) + 1, 'the line within the cell, 1-based');
    assert.match(cells[cell]![f.location.line - 1]!.slice(f.location.col - 1, f.location.endCol - 1), /^defaults\.sample\(n=.*replace=True.*\)$/);
    // Another cell has a step on the same line number (read_csv, line 2 of its cell): the finding is not checked against it.
    assert.ok(runs[0]!.run.steps.some((s) => s.location?.line === f.location.line && s.location.cell !== cell));
    // The related split is in another cell, which it names.
    const split = cells.findIndex((c) => c.some((l) => l.includes('train_test_split(X, y')));
    assert.deepEqual(f.related.map((r) => [r.location.cell, r.location.line]), [[split, cells[split]!.findIndex((l) => l.includes('train_test_split(X, y')) + 1]]);
  });

  it('is dropped when that cell\'s line changes, not when another cell changes; a skewer: ignore in the cell silences it', async () => {
    const text = readFileSync(path.join(EXAMPLES, NOTEBOOK), 'utf8');
    const nb = JSON.parse(text) as { cells: { source: string | string[] }[] };
    const edit = (change: (src: string) => string, which: (src: string) => boolean) => JSON.stringify({ ...nb, cells: nb.cells.map((c) => {
      const src = Array.isArray(c.source) ? c.source.join('') : c.source;
      return which(src) ? { ...c, source: change(src) } : c;
    }) });
    const overlapWith = async (notebookText: string) => (await detectRunFindings(runs, { workspaceRoot: EXAMPLES, source, readText: async (file) => (file.endsWith('credit.ipynb') ? notebookText : readFileSync(file, 'utf8')) }))
      .findings.filter((f) => f.ruleId === 'leakage/overlap' && f.evidence.method === 'lineage');
    const concatCell = (src: string) => src.includes('extra = defaults.sample(');
    assert.equal((await overlapWith(edit((s) => s + '\nprint(1)', (s) => s.startsWith('NUMERIC')))).length, 1, 'another cell edited');
    assert.equal((await overlapWith(edit((s) => `x = 1\n${s}`, concatCell))).length, 0, 'the line moved within its cell');
    assert.equal((await overlapWith(edit((s) => s.replace('random_state=0)\n', 'random_state=0)  # skewer: ignore[leakage/overlap]\n'), concatCell))).length, 0, 'silenced in the cell');
  });
});
