import * as assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RecordOutcome } from '../../../../src/extension/record/recordRun';
import { skewer } from '../../lib/skewer';

suite('Record Run in an untrusted workspace', () => {
  test('refuses with a message and runs nothing', async () => {
    const api = await skewer();
    assert.equal(vscode.workspace.isTrusted, false);
    const file = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'train.py'));
    const out = await vscode.commands.executeCommand<RecordOutcome>('skewer.recordRun', file, { phase: 'train' });
    assert.equal(out.status, 'refused');
    assert.match(out.message, /runs your code, so it works only in a trusted workspace/);
    assert.equal(vscode.tasks.taskExecutions.length, 0, 'no task started');
    assert.equal(api.runs.runs.length, 0);
  });
});
