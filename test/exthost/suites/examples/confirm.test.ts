import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, skewer } from '../../lib/skewer';

/** The hover's markdown, unescaped (what a reader sees, links as [text](target)). */
async function hoverText(uri: vscode.Uri, at: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at)) ?? [];
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');
}

suite('static findings confirmed by the recorded runs', () => {
  test('the scaler fitted before the split in churn/train.py is confirmed with row counts from its run', async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'runs to load');
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'churn', 'train.py');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const finding = await eventually(
      () => api.findings.get(uri).find((f) => f.ruleId === 'leakage/preprocessing' && f.location.line === 35 && f.confirmation),
      'a confirmed preprocessing finding on line 35',
      30000,
    );
    assert.equal(finding.confirmation!.status, 'confirmed', finding.confirmation!.message);
    assert.match(finding.confirmation!.message, /fitted on 1,923 rows; 481 of them end up in the test split/);
    const diag = vscode.languages.getDiagnostics(uri).find((d) => d.range.start.line === 34 && d.source?.startsWith('Skewer'));
    assert.match(diag?.message ?? '', /\(confirmed by a recorded run\)$/, 'the Problems panel shows the verdict; the numbers are in the hover');
  });

  test('the hover adds the run evidence and the split link without repeating the message or raw fields', async () => {
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'churn', 'train.py');
    const diag = await eventually(() => vscode.languages.getDiagnostics(uri).find((d) => d.range.start.line === 34 && d.source?.startsWith('Skewer') && /confirmed/.test(d.message)), 'the confirmed diagnostic', 30000);
    const text = await hoverText(uri, diag.range.start);
    assert.match(text, /Confirmed by the recorded run:\*\* StandardScaler fitted on 1,923 rows; 481 of them end up in the test split made at line 39/);
    assert.match(text, /\[split made here \(line 39\)\]\(command:vscode\.open/);
    const message = diag.message.replace(/ \(confirmed by a recorded run\)$/, '');
    assert.ok(!text.includes(message), `the diagnostic message is not repeated:\n${text}`);
    assert.doesNotMatch(text, /kind:|splitLine|reason:|transformer:/, 'no raw evidence fields');
  });

  test('a notebook hover numbers cells as VS Code does ("Cell 6 of 10")', async () => {
    const nbUri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'notebooks', 'credit.ipynb');
    const nb = await vscode.workspace.openNotebookDocument(nbUri);
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.cellAt(4).document.uri;
    const diag = await eventually(() => vscode.languages.getDiagnostics(cell).find((d) => d.source?.startsWith('Skewer') && /confirmed/.test(d.message)), 'the confirmed overlap finding in Cell 5', 30000);
    assert.match(diag.message, /\(Cell 6, line 5\)/, 'the message names the split cell as VS Code numbers it');
    const text = await hoverText(cell, diag.range.start);
    assert.match(text, /split made here \(Cell 6 of 10, line 5\)/);
    assert.doesNotMatch(text, /cell [0-9]/, 'no other cell numbering');
  });

  test('the multi-test finding reports how many models the run scored on the same test rows', async () => {
    const api = await skewer();
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'churn', 'train.py');
    const f = await eventually(() => api.findings.get(uri).find((x) => x.ruleId === 'leakage/multi-test' && x.confirmation), 'a multi-test finding with run evidence', 30000);
    assert.equal(f.confirmation!.status, 'confirmed');
    assert.equal(f.confirmation!.evidence?.models, 2);
  });
});
