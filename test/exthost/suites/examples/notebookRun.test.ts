import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, skewer } from '../../lib/skewer';

suite('a run-only finding in a notebook lands on its cell and line', () => {
  teardown(async () => {
    await vscode.workspace.getConfiguration('skewer').update('static.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  test('credit.ipynb with the static analysis off: the run\'s overlap finding is on the sample line of its cell', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load', 30000);
    // Only the run speaks: no static finding to merge with.
    await vscode.workspace.getConfiguration('skewer').update('static.enabled', false, vscode.ConfigurationTarget.Workspace);
    const nbUri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'notebooks', 'credit.ipynb');
    const nb = await vscode.workspace.openNotebookDocument(nbUri);
    await vscode.window.showNotebookDocument(nb);
    const index = nb.getCells().findIndex((c) => c.document.getText().includes('extra = defaults.sample('));
    assert.ok(index > 0, 'the resampling cell');
    const cell = nb.cellAt(index).document;
    const line = cell.getText().split('\n').findIndex((l) => l.startsWith('extra = defaults.sample('));
    const d = await eventually(() => vscode.languages.getDiagnostics(cell.uri).find((x) => x.source === 'Skewer (run)' && (typeof x.code === 'object' ? x.code.value : x.code) === 'leakage/overlap'), 'the run\'s overlap diagnostic in the resampling cell', 30000);
    assert.equal(d.range.start.line, line, 'the line within the cell');
    assert.equal(cell.getText(d.range), cell.lineAt(line).text.slice(d.range.start.character, d.range.end.character));
    assert.match(cell.getText(d.range), /^defaults\.sample\(/);
    assert.match(d.message, /copies rows before the split/);
    // Nowhere else: not on the notebook file itself, not on another cell.
    assert.deepEqual(vscode.languages.getDiagnostics(nbUri).filter((x) => x.source?.startsWith('Skewer')).map((x) => x.message), []);
    for (const c of nb.getCells()) {
      if (c.index !== index) assert.deepEqual(vscode.languages.getDiagnostics(c.document.uri).filter((x) => x.source === 'Skewer (run)' && /copies rows before the split/.test(x.message)).map((x) => x.range.start.line), [], `cell ${c.index}`);
    }
    const f = api.findings.get(nbUri).find((x) => x.ruleId === 'leakage/overlap' && x.source === 'run');
    assert.deepEqual([f?.location.cell, f?.location.line], [index, line + 1]);
  });
});
