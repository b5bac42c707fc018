import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RunsNode } from '../../../../src/extension/runs/runsView';
import { closeAllEditors, eventually, skewer, webviewTabs } from '../../lib/skewer';

const ws = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const runsDir = () => path.join(ws(), '.skewer', 'runs');

suite('Runs view over the example workspace', () => {
  teardown(closeAllEditors);

  test('lists every recorded run, grouped by pipeline, newest first', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const onDisk = fs.readdirSync(runsDir()).filter((d) => fs.existsSync(path.join(runsDir(), d, 'events.ndjson')));
    assert.equal(api.runs.runs.length, onDisk.length);
    const pipelines = api.runs.listing.groups.map((g) => g.pipeline);
    assert.ok(pipelines.includes('churn/train.py') && pipelines.includes('churn/serve.py'), pipelines.join(', '));
    for (const g of api.runs.listing.groups) {
      const starts = g.runs.map((r) => Date.parse(r.run.startedAt ?? ''));
      assert.deepEqual(starts, [...starts].sort((a, b) => b - a), `${g.pipeline} newest first`);
    }
  });

  test('a failed run shows its error first and every step up to the failure', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const failed = api.runs.runs.find((r) => r.run.status === 'failed');
    assert.ok(failed, 'the examples include a failing script');
    const children = api.runsTree.getChildren({ kind: 'run', result: failed });
    assert.equal(children[0]?.kind, 'error');
    assert.ok(children.filter((c) => c.kind === 'step').length === failed.run.steps.length);
    assert.equal(failed.run.steps.at(-1)?.status, 'failed');
  });

  test('a run copied into the runs folder appears without a reload (file watching)', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const before = api.runs.runs.length;
    const src = api.runs.runs.find((r) => r.run.pipeline === 'churn/train.py')!.run.dir;
    const copy = path.join(runsDir(), 'copied-run');
    fs.cpSync(src, copy, { recursive: true });
    try {
      await eventually(() => api.runs.runs.length === before + 1, 'the copied run to appear', 20000);
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
    }
    await eventually(() => api.runs.runs.length === before, 'the removed run to disappear', 20000);
  });

  test('a run that is still being written shows as running, up to its last complete line', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const src = api.runs.runs.find((r) => r.run.pipeline === 'churn/train.py')!.run;
    const dir = path.join(runsDir(), 'partial-run');
    fs.mkdirSync(dir, { recursive: true });
    const lines = fs.readFileSync(src.eventsFile, 'utf8').split('\n').filter(Boolean);
    // The pipeline START, the first three operators' START/COMPLETE, and half of the next line: a recorder mid-write.
    fs.writeFileSync(path.join(dir, 'events.ndjson'), lines.slice(0, 7).join('\n') + '\n' + lines[7]!.slice(0, 40));
    try {
      const partial = await eventually(() => api.runs.runs.find((r) => r.run.dir === dir), 'the partial run', 20000);
      assert.equal(partial.run.status, 'running');
      assert.ok(partial.run.steps.length >= 3, `steps so far: ${partial.run.steps.length}`);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('Trace Record from a step follows the record and opens it in the Skewer panel', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const result = api.runs.runs.find((r) => r.run.pipeline === 'churn/train.py')!;
    const source = result.run.steps.find((s) => s.kind === 'source')!;
    await vscode.commands.executeCommand('skewer.traceRecord', { kind: 'step', result, step: source } satisfies RunsNode, 0);
    await eventually(() => webviewTabs().length === 1, 'the trace panel');
    const state = api.panelState();
    assert.equal(state?.kind, 'trace');
    if (state?.kind !== 'trace') return;
    assert.equal(state.steps[0]!.fateKind, 'start');
    assert.ok(state.steps.some((s) => s.fateKind === 'split' || s.fateKind === 'dropped'), state.steps.map((s) => s.fate).join('\n'));
    assert.ok(state.steps[0]!.cells.length > 0, 'row 0 is in the source snapshot');
  });

  test('Compare Runs on train vs serve reports the reordered model input', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const train = api.runs.runs.find((r) => r.run.pipeline === 'churn/train.py')!;
    const serve = api.runs.runs.find((r) => r.run.pipeline === 'churn/serve.py')!;
    api.compareRuns(train.run.runId, serve.run.runId);
    const state = api.panelState();
    assert.equal(state?.kind, 'compare');
    if (state?.kind !== 'compare') return;
    assert.ok(state.schemaDiff.length > 0, state.problems.join('; '));
    assert.ok(state.schemaDiff.some((d) => d.kind !== 'same'), 'serve.py reorders or changes its model input');
    const leaked = state.skew.find((r) => r.column === 'retention_offer_made');
    assert.ok(leaked && leaked.exceeded.includes('jsDivergence'), 'the label-derived feature is constant at serving: its distribution skew is flagged');
    assert.equal(state.thresholds.psi, 0.2, 'default threshold from settings');
  });
});
