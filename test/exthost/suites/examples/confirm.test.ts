import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, skewer } from '../../lib/skewer';

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
    assert.match(diag?.message ?? '', /\[run: /, 'the Problems panel shows the run evidence');
  });

  test('the multi-test finding reports how many models the run scored on the same test rows', async () => {
    const api = await skewer();
    const uri = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'churn', 'train.py');
    const f = await eventually(() => api.findings.get(uri).find((x) => x.ruleId === 'leakage/multi-test' && x.confirmation), 'a multi-test finding with run evidence', 30000);
    assert.equal(f.confirmation!.status, 'confirmed');
    assert.equal(f.confirmation!.evidence?.models, 2);
  });
});
