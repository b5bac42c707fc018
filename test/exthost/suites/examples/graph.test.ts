import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RunsNode } from '../../../../src/extension/runs/runsView';
import { closeAllEditors, eventually, skewer } from '../../lib/skewer';

const ws = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const runsDir = () => path.join(ws(), '.skewer', 'runs');
const graphTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('skewer.graph'));

suite('Show Pipeline Graph', () => {
  teardown(closeAllEditors);

  test('from a run of the Runs view: one graph panel with the run’s steps, split sides and fits', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const result = api.runs.runs.find((r) => r.run.pipeline === 'churn/train.py')!;
    await vscode.commands.executeCommand('skewer.showPipelineGraph', { kind: 'run', result } satisfies RunsNode);
    await eventually(() => graphTabs().length === 1, 'the graph panel');
    const state = api.graphState();
    assert.ok(state);
    assert.deepEqual(state.problems, []);
    assert.equal(state.graphs.length, 1);
    const g = state.graphs[0]!;
    assert.equal(g.runId, result.run.runId);
    assert.equal(g.nodes.filter((n) => n.kind === 'step').length, result.run.steps.length);
    const split = g.nodes.find((n) => n.opKind === 'split')!;
    assert.deepEqual(split.outputs.map((o) => o.side), ['train', 'test', 'train', 'test']);
    assert.equal(g.edges.filter((e) => e.kind === 'model').length, 2);
    assert.ok(state.pairCandidates[0]?.label.includes('serve'), 'a training run is offered its serving runs first');
    // The same panel is reused for the next run.
    const serve = api.runs.runs.find((r) => r.run.pipeline === 'churn/serve.py')!;
    await vscode.commands.executeCommand('skewer.showPipelineGraph', serve.run.runId);
    await eventually(() => api.graphState()?.graphs[0]?.runId === serve.run.runId, 'the serve run in the same panel');
    assert.equal(graphTabs().length, 1);
  });

  test('train and serve side by side, steps matched', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const train = api.runs.runs.find((r) => r.run.pipeline === 'churn/train.py')!;
    const serve = api.runs.runs.find((r) => r.run.pipeline === 'churn/serve.py')!;
    await vscode.commands.executeCommand('skewer.showPipelineGraph', train.run.runId, serve.run.runId);
    const state = await eventually(() => (api.graphState()?.graphs.length === 2 ? api.graphState() : undefined), 'two graphs');
    assert.equal(state.graphs[1]!.runId, serve.run.runId);
    const matched = state.matches!.filter((m) => m.left && m.right);
    assert.ok(matched.length >= 10, `${matched.length} steps matched`);
    const label = (gi: number, id: string) => state.graphs[gi]!.nodes.find((n) => n.id === id)!.label;
    assert.ok(matched.some((m) => label(0, m.left!) === 'fit StandardScaler' && label(1, m.right!) === 'fit StandardScaler'), matched.map((m) => `${label(0, m.left!)} ↔ ${label(1, m.right!)}`).join('\n'));
  });

  test('a record traced in the Trace view is the highlighted path of its run’s graph', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const result = api.runs.runs.find((r) => r.run.pipeline === 'churn/train.py')!;
    const source = result.run.steps.find((s) => s.kind === 'source')!;
    await vscode.commands.executeCommand('skewer.traceRecord', { kind: 'step', result, step: source } satisfies RunsNode, 0);
    await eventually(() => api.panelState()?.kind === 'trace', 'the trace');
    await vscode.commands.executeCommand('skewer.showPipelineGraph', result.run.runId);
    const state = await eventually(() => (api.graphState()?.highlight ? api.graphState() : undefined), 'the highlighted path');
    const h = state.highlight!;
    assert.match(h.record, /row 0 of/);
    assert.equal(h.nodes[`s${source.seq}`], 'start');
    assert.ok(Object.values(h.nodes).includes('split'), JSON.stringify(h.nodes));
    assert.ok(h.edges.length >= 3, `${h.edges.length} edges on the path`);
  });

  test('a run still being recorded grows in the graph as its log grows', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const src = api.runs.runs.find((r) => r.run.pipeline === 'churn/train.py')!.run;
    const dir = path.join(runsDir(), 'growing-run');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    // A run id of its own (a copy with the same id would be the recorded run itself).
    const runId = '01a20000-0000-7000-8000-00000000a11c';
    const lines = fs.readFileSync(src.eventsFile, 'utf8').split(src.runId).join(runId).split('\n').filter(Boolean);
    fs.writeFileSync(path.join(dir, 'events.ndjson'), lines.slice(0, 7).join('\n') + '\n');
    try {
      const partial = await eventually(() => api.runs.runs.find((r) => r.run.dir === dir), 'the partial run', 20000);
      await vscode.commands.executeCommand('skewer.showPipelineGraph', partial.run.runId);
      const first = await eventually(() => (api.graphState()?.graphs[0]?.runId === partial.run.runId ? api.graphState()!.graphs[0] : undefined), 'the partial graph');
      assert.equal(first.runId, runId);
      assert.equal(first.status, 'running');
      const before = first.stepCount;
      assert.ok(before >= 3 && before < src.steps.length, `${before} steps so far`);
      fs.appendFileSync(path.join(dir, 'events.ndjson'), lines.slice(7).join('\n') + '\n');
      const grown = await eventually(
        () => {
          const g = api.graphState()?.graphs[0];
          return g?.stepCount === src.steps.length ? g : undefined;
        },
        'the graph to grow to the whole run',
        30000,
      );
      assert.equal(grown.status, 'complete');
      assert.ok(grown.nodes.some((n) => n.opKind === 'split'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Leave the Runs view as the next suite expects it: the removed run gone from the model too.
    await eventually(() => !api.runs.runs.some((r) => r.run.dir === dir), 'the removed run to disappear', 20000);
  });
});
