import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, skewer, webviewTabs } from '../../lib/skewer';

suite('untrusted workspace (restricted mode)', () => {
  teardown(closeAllEditors);

  test('the workspace is really untrusted and Skewer still activates', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const api = await skewer();
    await vscode.commands.executeCommand('skewer.refreshRuns');
    assert.equal(api.runs.state, 'untrusted');
    assert.deepEqual(api.runs.folders, [], 'no folder is read while untrusted');
  });

  test('Trace Record… explains that the workspace must be trusted', async () => {
    const api = await skewer();
    await vscode.commands.executeCommand('skewer.traceRecord');
    await eventually(() => webviewTabs().length === 1, 'the Skewer panel tab');
    const state = api.panelState();
    assert.equal(state?.kind === 'welcome' && state.reason, 'untrusted');
  });
});
