import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, skewer } from '../../lib/skewer';

const ws = () => vscode.workspace.workspaceFolders![0]!.uri;
const file = (name: string) => vscode.Uri.joinPath(ws(), name);
const skewerDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source?.startsWith('Skewer'));
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const lineOf = async (name: string, text: string) => (await vscode.workspace.fs.readFile(file(name))).toString().split('\n').findIndex((l) => l.includes(text));

suite('findings recorded runs show on their own, merged with static ones', () => {
  suiteSetup(async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'the recorded runs to load', 30000);
  });
  teardown(closeAllEditors);

  test('the scaler fitted inside the imported helper is flagged on the helper\'s line, with the numbers, without opening it', async () => {
    const api = await skewer();
    const helper = file('helpers.py');
    const line = await lineOf('helpers.py', 'scaler.fit_transform');
    const d = await eventually(() => skewerDiagnostics(helper).find((x) => codeOf(x) === 'leakage/preprocessing'), 'a run diagnostic in helpers.py', 30000);
    assert.equal(d.range.start.line, line);
    assert.equal(d.source, 'Skewer (run)');
    assert.match(d.message, /StandardScaler fitted on 420 rows; \d+ of them end up in the test split made at line 13/);
    assert.ok(!vscode.workspace.textDocuments.some((t) => t.uri.toString() === helper.toString()), 'helpers.py was never opened');
    const [f] = api.findings.get(helper);
    assert.equal(f?.source, 'run');
    assert.equal(f?.evidence.fitRows, 420);
    // The Findings view lists it under helpers.py, saying a run found it.
    const fileNode = api.findingsTree.getChildren().find((n) => n.kind === 'file' && n.uri.toString() === helper.toString());
    assert.ok(fileNode, 'helpers.py in the Findings view');
    const item = api.findingsTree.getTreeItem(api.findingsTree.getChildren(fileNode)[0]!);
    assert.match(String(item.description), /leakage\/preprocessing · line \d+ · found in run/);
    // The hover on that line shows the numbers.
    const doc = await vscode.workspace.openTextDocument(helper);
    await vscode.window.showTextDocument(doc);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', helper, new vscode.Position(line, d.range.start.character + 1));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    // The hover adds what the message does not say (hoverText.ts): the rule, and a link to the split's line.
    assert.match(text, /`leakage\/preprocessing`/);
    assert.match(text, /split made here \\\(line 13\\\)\]\(command:vscode\.open\?([^)]*)\)/);
    // The link opens leaky.py, where the split is, not the helper the finding is on.
    const [target] = JSON.parse(decodeURIComponent(/split made here \\\(line 13\\\)\]\(command:vscode\.open\?([^)]*)\)/.exec(text)![1]!)) as [{ path: string }];
    assert.ok(target.path.endsWith('/leaky.py'), target.path);
    assert.ok(d.relatedInformation?.[0]?.location.uri.path.endsWith('/leaky.py'), 'the related information names leaky.py');
  });

  test('a leak both engines see is one finding with both kinds of evidence', async () => {
    const api = await skewer();
    const leaky = file('leaky.py');
    const line = await lineOf('leaky.py', 'df["loyalty"]');
    // Before the file is open only the run's finding exists; opening it adds the static one, and they merge.
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(leaky));
    const merged = await eventually(() => {
      const fs = api.findings.get(leaky).filter((f) => f.ruleId === 'leakage/target');
      return fs.length === 1 && fs[0]!.source === 'both' ? fs : undefined;
    }, 'one leakage/target finding with source both', 30000);
    const f = merged[0]!;
    assert.equal(f.location.line, line + 1);
    assert.equal(f.evidence.label, 'churned', 'the static evidence');
    assert.equal(f.confirmation?.status, 'confirmed');
    assert.match(f.confirmation!.message, /loyalty = 5/, 'the run evidence');
    const diags = skewerDiagnostics(leaky).filter((d) => codeOf(d) === 'leakage/target');
    assert.equal(diags.length, 1, 'one diagnostic, not two');
    assert.equal(diags[0]!.source, 'Skewer (static+run)');
    assert.match(diags[0]!.message, /\(confirmed by a recorded run\)$/);
    // Run-only findings of the same file stay beside it: the group leak at the split.
    assert.ok(api.findings.get(leaky).some((x) => x.ruleId === 'leakage/group' && x.source === 'run'));
  });

  test('the correct pipeline has no finding, from either engine', async () => {
    const api = await skewer();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('clean.py')));
    await api.runFindings.idle();
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(skewerDiagnostics(file('clean.py')).map((d) => d.message), []);
  });

  test('a run finding goes when its line changes and the file is saved, and when its run is deleted', async () => {
    const api = await skewer();
    const helper = file('helpers.py');
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(helper));
    const line = await lineOf('helpers.py', 'scaler.fit_transform');
    await editor.edit((e) => e.replace(editor.document.lineAt(line).range, '    df[cols] = scaler.fit(df[cols]).transform(df[cols])'));
    await editor.document.save();
    await eventually(() => !api.findings.get(helper).length, 'the stale run finding to go', 30000);
    const runs = api.runs.runs.map((r) => r.run.dir);
    for (const dir of runs) await vscode.workspace.fs.delete(vscode.Uri.file(dir), { recursive: true });
    await eventually(() => !api.findings.get(file('leaky.py')).some((f) => f.source === 'run'), 'run findings to go with their runs', 30000);
  });
});
