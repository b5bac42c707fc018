import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, skewer } from '../../lib/skewer';

suite('broken skewer.runFolders setting', () => {
  test('each bad entry becomes a message naming it; nothing throws', async () => {
    const api = await skewer();
    // Workspace settings can reach the extension host just after startup; the view follows them.
    await eventually(() => api.runs.problems.length === 3, 'three problems from the broken setting');
    const problems = api.runs.problems.join('\n');
    assert.match(problems, /not-a-folder\.txt is not a folder/);
    assert.match(problems, /ignoring 42/);
    assert.match(problems, /\/nonexistent\/skewer-runs does not exist yet/);
    assert.equal(api.runs.state, 'noRuns');
  });

  test('fixing the setting clears the problems without a reload', async () => {
    const api = await skewer();
    const config = vscode.workspace.getConfiguration('skewer');
    const broken = config.inspect('runFolders')?.workspaceValue;
    await config.update('runFolders', ['.skewer/runs'], vscode.ConfigurationTarget.Workspace);
    try {
      await eventually(() => api.runs.problems.length === 0, 'problems to clear');
    } finally {
      await config.update('runFolders', broken, vscode.ConfigurationTarget.Workspace);
    }
    await eventually(() => api.runs.problems.length === 3, 'problems to come back with the broken setting');
  });
});
