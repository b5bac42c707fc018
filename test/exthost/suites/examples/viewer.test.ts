import * as assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RunsNode } from '../../../../src/extension/runs/runsView';
import { closeAllEditors, eventually, skewer } from '../../lib/skewer';

const ws = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const tableUri = (name: string) => vscode.Uri.file(path.join(ws(), 'tables', name));
const activeTab = () => vscode.window.tabGroups.activeTabGroup.activeTab;

suite('Data viewer (custom editor)', () => {
  teardown(closeAllEditors);

  test('a Parquet file opens in the data viewer by default and its webview gets the first window', async () => {
    const api = await skewer();
    await vscode.commands.executeCommand('vscode.open', tableUri('scores.parquet'));
    await eventually(() => activeTab()?.input instanceof vscode.TabInputCustom, 'a custom editor tab');
    assert.equal((activeTab()!.input as vscode.TabInputCustom).viewType, 'skewer.dataViewer');
    const status = await eventually(() => [...api.dataViewer.open.values()].find((s) => s.uri.endsWith('scores.parquet') && s.windows > 0), 'the first window sent to the webview', 30000);
    assert.equal(status.info?.rowCount, 120);
    assert.equal(status.info?.format, 'parquet');
    assert.ok(status.info!.columns.some((c) => c.name === 'score' && c.type === 'double'));
  });

  test('a CSV file stays in the text editor; the viewer is an "Open With" option', async () => {
    await vscode.commands.executeCommand('vscode.open', tableUri('scores.csv'));
    await eventually(() => vscode.window.activeTextEditor?.document.uri.fsPath.endsWith('scores.csv'), 'the CSV in the text editor');
    const api = await skewer();
    await vscode.commands.executeCommand('vscode.openWith', tableUri('scores.csv'), 'skewer.dataViewer.csv');
    const status = await eventually(() => [...api.dataViewer.open.values()].find((s) => s.uri.endsWith('scores.csv') && s.windows > 0), 'the CSV in the viewer', 30000);
    assert.equal(status.info?.format, 'csv');
  });

  test('an unreadable file gets a message saying why, not a blank view', async () => {
    const api = await skewer();
    await vscode.commands.executeCommand('vscode.open', tableUri('broken.parquet'));
    const status = await eventually(() => [...api.dataViewer.open.values()].find((s) => s.uri.endsWith('broken.parquet') && s.error), 'the error');
    assert.match(status.error!, /broken\.parquet: .*Parquet/);
  });

  test('View Step Output shows a step snapshot, sampled or not, with its row positions', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const result = api.runs.runs.find((r) => r.run.pipeline === 'churn/train.py' && r.run.status === 'complete')!;
    const step = result.run.steps.find((s) => s.outputs.some((o) => o.snapshot && !o.snapshot.unavailable))!;
    const snap = step.outputs.find((o) => o.snapshot && !o.snapshot.unavailable)!.snapshot!;
    const node: RunsNode = { kind: 'step', result, step };
    await vscode.commands.executeCommand('skewer.viewStepOutput', node);
    const status = await eventually(() => [...api.dataViewer.open.values()].find((s) => s.uri.includes('snapshots') && s.windows > 0), 'the step output', 30000);
    assert.equal(status.info?.loadedRows, snap.rows);
    assert.equal(status.info?.hasPositions, snap.positions !== undefined);
  });
});
