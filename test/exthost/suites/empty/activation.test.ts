import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, EXTENSION_ID, skewer, webviewTabs } from '../../lib/skewer';

const PALETTE = ['skewer.openRunFolder', 'skewer.traceRecord', 'skewer.compareRuns', 'skewer.checkWorkspace', 'skewer.showFindings', 'skewer.refreshRuns', 'skewer.copyCliCommand'];

suite('activation and commands (workspace without runs)', () => {
  teardown(closeAllEditors);

  test('the extension activates and reports its activation time', async () => {
    const api = await skewer();
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.equal(typeof api.activationMs, 'number');
    assert.ok(api.activationMs >= 0);
  });

  test('every palette command is registered and contributed under the Skewer category', async () => {
    await skewer();
    const registered = new Set(await vscode.commands.getCommands(true));
    const contributed = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.commands as { command: string; category: string }[];
    for (const id of PALETTE) {
      assert.ok(registered.has(id), `${id} registered`);
      assert.equal(contributed.find((c) => c.command === id)?.category, 'Skewer', `${id} category`);
    }
  });

  test('with no runs, the Runs view is in its empty state and names no problem', async () => {
    const api = await skewer();
    await vscode.commands.executeCommand('skewer.refreshRuns');
    assert.equal(api.runs.state, 'noRuns');
    assert.deepEqual(api.runs.problems, []);
    const folder = api.runs.folders[0];
    assert.ok(folder?.path.endsWith('/.skewer/runs'), `default run folder resolved: ${folder?.path}`);
  });

  test('Trace Record… opens the Skewer panel with the how-to-record empty state', async () => {
    const api = await skewer();
    await vscode.commands.executeCommand('skewer.refreshRuns');
    await vscode.commands.executeCommand('skewer.traceRecord');
    await eventually(() => webviewTabs().length === 1, 'the Skewer panel tab');
    const state = api.panelState();
    assert.equal(state?.kind, 'welcome');
    assert.equal(state?.kind === 'welcome' && state.reason, 'no-runs');
    assert.match(state?.kind === 'welcome' ? state.recordCommand : '', /python -m skewer record/);
  });

  test('Compare Runs… reuses the same panel and explains that runs are needed', async () => {
    const api = await skewer();
    await vscode.commands.executeCommand('skewer.compareRuns');
    await vscode.commands.executeCommand('skewer.compareRuns');
    await eventually(() => webviewTabs().length === 1, 'one Skewer panel');
    assert.equal(api.panelState()?.kind, 'welcome');
  });

  test('Copy CLI Command gives a command that runs the CLI shipped in the installed extension folder', async () => {
    await skewer();
    const command = await vscode.commands.executeCommand<string>('skewer.copyCliCommand');
    const version = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { version: string }).version;
    // The folder the README documents: <extensions dir>/skewer.skewer-ml-<version>/dist/cli.js
    const m = new RegExp(`^node "?(.+[\\\\/]skewer\\.skewer-ml-${version.replace(/\./g, '\\.')}[\\\\/]dist[\\\\/]cli\\.js)"? check$`).exec(command);
    assert.ok(m, command);
    assert.ok(fs.existsSync(m[1]), m[1]);
    assert.equal(execFileSync(process.execPath, [m[1], '--version'], { encoding: 'utf8' }).trim(), `skewer ${version}`);
  });

  test('Show Findings reveals the Findings view', async () => {
    await skewer();
    await vscode.commands.executeCommand('skewer.showFindings');
  });
});
