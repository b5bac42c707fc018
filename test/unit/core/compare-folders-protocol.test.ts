import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { diffSchemas, modelInput } from '../../../src/core/compare/modelInput';
import { alignHistograms, datasetSkew, DEFAULT_THRESHOLDS, jsDivergence, lInfinity, psi } from '../../../src/core/compare/skew';
import { checkRunFolder, isInside, resolveRunFolders } from '../../../src/core/runFolders';
import { listRuns } from '../../../src/core/runlog/listRuns';
import { parseFromWebview } from '../../../src/shared/protocol';
import { EXAMPLE_RUNS } from '../runlog/helpers';

describe('diffSchemas', () => {
  it('classifies missing, new, retyped and moved columns', () => {
    const rows = diffSchemas(
      [{ name: 'a', type: 'float64' }, { name: 'b', type: 'int64' }, { name: 'c', type: 'object' }],
      [{ name: 'b', type: 'float64' }, { name: 'a', type: 'float64' }, { name: 'd', type: 'object' }],
    );
    const kind = Object.fromEntries(rows.map((r) => [r.column, r.kind]));
    assert.deepEqual(kind, { a: 'position', b: 'dtype', c: 'missing-right', d: 'missing-left' });
  });
});

describe('modelInput on the example runs', () => {
  it('finds what train.py and serve.py hand to their model, and serve.py differs', async () => {
    const { runs } = await listRuns([EXAMPLE_RUNS]);
    const train = modelInput(runs.find((r) => r.run.pipeline === 'churn/train.py')!.run);
    const serve = modelInput(runs.find((r) => r.run.pipeline === 'churn/serve.py')!.run);
    assert.ok(train && serve);
    assert.match(train.step.function, /\.fit$/);
    assert.ok(diffSchemas(train.fields, serve.fields).some((d) => d.kind !== 'same'), 'serve.py reorders its columns (planted bug)');
  });
});

describe('run folder settings', () => {
  it('resolves relative entries per workspace folder, expands ${workspaceFolder} and reports bad entries', () => {
    const r = resolveRunFolders(['.skewer/runs', '${workspaceFolder}/other', 7, '/abs/runs'], ['/w1', '/w2']);
    assert.deepEqual(r.folders.map((f) => f.path), ['/w1/.skewer/runs', '/w2/.skewer/runs', '/w1/other', '/w2/other', '/abs/runs']);
    assert.match(r.problems[0]!, /ignoring 7/);
    assert.match(resolveRunFolders('nope', []).problems[0]!, /must be a list/);
    assert.match(resolveRunFolders(['rel'], []).problems[0]!, /relative but no folder is open/);
  });
  it('tells a missing folder, a file and a folder of runs apart', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skewer-folders-'));
    mkdirSync(path.join(dir, 'runs', 'r1'), { recursive: true });
    writeFileSync(path.join(dir, 'runs', 'r1', 'events.ndjson'), '');
    mkdirSync(path.join(dir, 'runs', 'not-a-run'));
    writeFileSync(path.join(dir, 'file.txt'), '');
    assert.equal((await checkRunFolder({ setting: 'x', path: path.join(dir, 'missing') })).problem?.includes('does not exist yet'), true);
    assert.match((await checkRunFolder({ setting: 'x', path: path.join(dir, 'file.txt') })).problem!, /is not a folder/);
    const ok = await checkRunFolder({ setting: 'x', path: path.join(dir, 'runs') });
    assert.equal(ok.ok, true);
    assert.equal(ok.runCount, 1);
  });
  it('isInside refuses paths that escape with ..', () => {
    assert.equal(isInside('/w', '/w/a/b'), true);
    assert.equal(isInside('/w', '/w/../etc/passwd'), false);
    assert.equal(isInside('/w', '/wx'), false);
  });
});

describe('messages from the webview are validated', () => {
  it('accepts the known shapes and drops everything else', () => {
    assert.deepEqual(parseFromWebview({ type: 'ready' }), { type: 'ready' });
    assert.deepEqual(parseFromWebview({ type: 'openLocation', file: 'a.py', line: 3, cell: 1 }), { type: 'openLocation', file: 'a.py', line: 3, cell: 1 });
    assert.equal(parseFromWebview({ type: 'openLocation', file: 'a.py', line: 0 }), undefined);
    assert.equal(parseFromWebview({ type: 'runCommand', command: 'workbench.action.terminal.sendSequence' }), undefined, 'only allow-listed commands');
    assert.deepEqual(parseFromWebview({ type: 'runCommand', command: 'skewer.refreshRuns' }), { type: 'runCommand', command: 'skewer.refreshRuns' });
    assert.equal(parseFromWebview('ready'), undefined);
    assert.equal(parseFromWebview({ type: 'log', level: 'debug', message: 'x' }), undefined);
  });
});

describe('distribution skew from recorded column statistics', () => {
  it('aligns two histograms on the union of their edges, spreading counts uniformly', () => {
    const [p, q] = alignHistograms({ edges: [0, 2, 4], counts: [4, 2] }, { edges: [1, 3], counts: [6] });
    // union edges 0,1,2,3,4: p = [2,2,1,1], q = [0,3,3,0]
    assert.deepEqual(p, [2, 2, 1, 1]);
    assert.deepEqual(q, [0, 3, 3, 0]);
  });
  it('JS divergence is 0 for equal distributions and 1 bit for disjoint ones; PSI grows with the shift', () => {
    assert.equal(jsDivergence([1, 2, 3], [2, 4, 6]), 0);
    assert.equal(jsDivergence([1, 0], [0, 1]), 1);
    // p = (0.5, 0.5), q = (0.9, 0.1): hand-computed PSI = 0.4*ln(0.5/0.9)... = (0.5-0.9)ln(5/9) + (0.5-0.1)ln(5)
    assert.ok(Math.abs(psi([5, 5], [9, 1]) - ((0.5 - 0.9) * Math.log(0.5 / 0.9) + (0.5 - 0.1) * Math.log(0.5 / 0.1))) < 1e-12);
    assert.ok(psi([5, 5], [5, 5]) === 0);
  });
  it('L∞ reports the category with the largest proportion difference', () => {
    const r = lInfinity([{ value: 'a', count: 50 }, { value: 'b', count: 50 }], 100, [{ value: 'a', count: 90 }, { value: 'c', count: 10 }], 100);
    assert.ok(Math.abs(r.d - 0.5) < 1e-12);
    assert.equal(r.value, 'b');
  });
  it('flags columns over their thresholds, most skewed first, on the example train and serve runs', async () => {
    const { runs } = await listRuns([EXAMPLE_RUNS]);
    const train = modelInput(runs.find((r) => r.run.pipeline === 'churn/train.py')!.run)!;
    const serve = modelInput(runs.find((r) => r.run.pipeline === 'churn/serve.py')!.run)!;
    assert.ok(train.stats && serve.stats, 'the recorder writes column statistics for model inputs');
    const rows = datasetSkew(train.stats!, serve.stats!, DEFAULT_THRESHOLDS);
    assert.ok(rows.length > 0);
    for (const r of rows) for (const k of r.exceeded) assert.ok(k in DEFAULT_THRESHOLDS);
    const strict = datasetSkew(train.stats!, serve.stats!, { psi: 0, jsDivergence: 0, lInfinity: 0, missingRateChange: 1 });
    assert.ok(strict.filter((r) => r.exceeded.length).length >= rows.filter((r) => r.exceeded.length).length, 'lower thresholds flag at least as much');
  });
});
