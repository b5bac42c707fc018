import * as assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import { notebookWithPlot } from '../../../unit/static/largeNotebook';
import { closeAllEditors, eventually, skewer } from '../../lib/skewer';

const ws = () => vscode.workspace.workspaceFolders![0]!.uri;
const file = (name: string) => vscode.Uri.joinPath(ws(), name);
const skewerDiagnostics = (uri: vscode.Uri): vscode.Diagnostic[] => vscode.languages.getDiagnostics(uri).filter((d) => d.source?.startsWith('Skewer'));
/** Resolves with the Skewer diagnostics of `uri` once there are some. */
const diagnosticsOf = (uri: vscode.Uri, what: string) => eventually(() => (skewerDiagnostics(uri).length ? skewerDiagnostics(uri) : undefined), what);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

suite('static diagnostics in Python files and notebooks', () => {
  suiteSetup(async () => {
    await skewer();
  });
  teardown(closeAllEditors);

  test('opening a leaky script puts the finding on the line that fits the scaler, with the split as related information', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('train.py')));
    const [d] = await diagnosticsOf(file('train.py'), 'a diagnostic in train.py');
    assert.equal(codeOf(d!), 'leakage/preprocessing');
    assert.equal(d!.range.start.line, 11, 'line 12: X = scaler.fit_transform(X)');
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Warning);
    assert.ok(d!.relatedInformation?.some((r) => r.location.range.start.line === 12), 'related: the split on line 13');
    assert.ok(typeof d!.code === 'object' && d!.code.target.path.endsWith('docs/rules/leakage-preprocessing.md'), 'code links to the rule page');
  });

  test('code that fits on the training split only has no finding', async () => {
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('clean.py')));
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(skewerDiagnostics(file('clean.py')), []);
  });

  test('typing a leaky line into a file flags it; the quick fix moves the fit after the split and the finding goes', async () => {
    const uri = file('typed.py');
    const clean = (await vscode.workspace.fs.readFile(file('clean.py'))).toString();
    await vscode.workspace.fs.writeFile(uri, Buffer.from(clean.replace('X_train, X_test, y_train, y_test = train_test_split', 'X_train, X_test, y_train, y_test = train_test_split')));
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await new Promise((r) => setTimeout(r, 500));
    assert.deepEqual(skewerDiagnostics(uri), []);
    // The user types a scaling line just before the split (line 10).
    await editor.edit((b) => b.insert(new vscode.Position(9, 0), 'X = StandardScaler().fit_transform(X)\n'));
    const [d] = await diagnosticsOf(uri, 'the typed line to be flagged');
    assert.equal(codeOf(d!), 'leakage/preprocessing');
    assert.equal(d!.range.start.line, 9);
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, d!.range)) ?? [];
    const ignore = actions.find((a) => a.title.startsWith('Ignore leakage/preprocessing'));
    assert.ok(ignore, `quick fixes offered: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.workspace.applyEdit(ignore!.edit!);
    await eventually(() => skewerDiagnostics(uri).length === 0, 'the suppressed finding to go');
    assert.match(editor.document.lineAt(9).text, /# skewer: ignore\[leakage\/preprocessing\]/);
    await editor.document.save();
  });

  test('the analyzer\'s own quick fix removes the leak in train.py', async () => {
    const doc = await vscode.workspace.openTextDocument(file('train.py'));
    await vscode.window.showTextDocument(doc);
    const [d] = await diagnosticsOf(doc.uri, 'the finding');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d!.range)) ?? [];
    const fix = actions.find((a) => a.isPreferred);
    assert.ok(fix?.edit, `a preferred fix among: ${actions.map((a) => a.title).join(' | ')}`);
    await vscode.workspace.applyEdit(fix!.edit!);
    await eventually(() => skewerDiagnostics(doc.uri).length === 0, 'the finding to go after the fix');
    assert.match(doc.getText(), /X_train = scaler\.fit_transform\(X_train\)/);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await eventually(() => skewerDiagnostics(doc.uri).length === 1, 'the finding back after revert');
  });

  test('the hover shows the evidence and the related split line', async () => {
    const doc = await vscode.workspace.openTextDocument(file('train.py'));
    await vscode.window.showTextDocument(doc);
    const [d] = await diagnosticsOf(doc.uri, 'the finding');
    const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, d!.range.start)) ?? [];
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /leakage\/preprocessing/);
    assert.match(text, /line 13/);
  });

  test('notebook findings land on the cell that fits, in the open notebook', async () => {
    const nb = await vscode.workspace.openNotebookDocument(file('explore.ipynb'));
    await vscode.window.showNotebookDocument(nb);
    const cell = nb.cellAt(3).document.uri;
    const [d] = await diagnosticsOf(cell, 'a diagnostic on cell 4');
    assert.equal(codeOf(d!), 'leakage/preprocessing');
    assert.equal(d!.range.start.line, 0);
  });

  test('severity overrides from settings apply, and "off" removes the rule', async () => {
    const doc = await vscode.workspace.openTextDocument(file('train.py'));
    await vscode.window.showTextDocument(doc);
    await eventually(() => skewerDiagnostics(doc.uri).length > 0, 'the finding');
    const cfg = vscode.workspace.getConfiguration('skewer');
    try {
      await cfg.update('severity', { 'leakage/preprocessing': 'error' }, vscode.ConfigurationTarget.Workspace);
      await eventually(() => skewerDiagnostics(doc.uri)[0]?.severity === vscode.DiagnosticSeverity.Error, 'severity error');
      await cfg.update('severity', { 'leakage/preprocessing': 'off' }, vscode.ConfigurationTarget.Workspace);
      await eventually(() => skewerDiagnostics(doc.uri).length === 0, 'the rule turned off');
    } finally {
      await cfg.update('severity', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  test('a leak inside a module of the workspace is flagged on the calling line, links into the module, and goes when the module is fixed and saved', async () => {
    const helper = file('steps.py');
    const script = file('uses_steps.py');
    const leakyHelper = [
      'from sklearn.preprocessing import StandardScaler',
      'from sklearn.model_selection import train_test_split',
      '',
      'def prepare(frame):',
      '    X = StandardScaler().fit_transform(frame.drop(columns=["y"]))',
      '    return train_test_split(X, frame["y"], test_size=0.2)',
      '',
    ].join('\n');
    await vscode.workspace.fs.writeFile(helper, Buffer.from(leakyHelper));
    await vscode.workspace.fs.writeFile(script, Buffer.from([
      'import pandas as pd',
      'from sklearn.linear_model import LogisticRegression',
      'from steps import prepare',
      '',
      'frame = pd.read_csv("rows.csv")',
      'X_train, X_test, y_train, y_test = prepare(frame)',
      'print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))',
      '',
    ].join('\n')));
    try {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(script));
      const d = (await diagnosticsOf(script, 'a diagnostic in uses_steps.py')).find((x) => codeOf(x) === 'leakage/preprocessing');
      assert.ok(d, 'leakage/preprocessing in uses_steps.py');
      assert.equal(d.range.start.line, 5, 'the line that calls prepare()');
      assert.match(d.message, /inside `prepare\(\)`, in steps\.py line 5/);
      assert.ok(d.relatedInformation?.some((r) => r.location.uri.path.endsWith('/steps.py') && r.location.range.start.line === 4), 'related: the fit in steps.py');
      assert.deepEqual(skewerDiagnostics(helper), [], 'nothing is placed in the module');
      // Fixing the module and saving it re-analyses the open script.
      const doc = await vscode.workspace.openTextDocument(helper);
      const edit = new vscode.WorkspaceEdit();
      edit.replace(helper, new vscode.Range(3, 0, doc.lineCount, 0), [
        'def prepare(frame):',
        '    X_train, X_test, y_train, y_test = train_test_split(frame.drop(columns=["y"]), frame["y"], test_size=0.2)',
        '    scaler = StandardScaler().fit(X_train)',
        '    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test',
        '',
      ].join('\n'));
      await vscode.workspace.applyEdit(edit);
      await doc.save();
      await eventually(() => !skewerDiagnostics(script).some((x) => codeOf(x) === 'leakage/preprocessing') || undefined, 'the finding to go after the module is saved');
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(helper);
      await vscode.workspace.fs.delete(script);
    }
  });

  test('Check Workspace finds the findings of files that are not open, and the Findings view lists them', async () => {
    const api = await skewer();
    const result = await api.staticAnalysis.checkWorkspace();
    assert.ok(result && !result.cancelled);
    assert.ok(result.files >= 3, `files checked: ${result.files}`);
    const files = api.findings.entries().map((e) => path.basename(e.uri.fsPath));
    assert.ok(files.includes('train.py') && files.includes('explore.ipynb'), files.join(', '));
    const roots = api.findingsTree.getChildren();
    assert.ok(roots.length >= 2);
  });

  test('a notebook made 3.2 MB by a saved plot is analysed: open (its cells) and by Check Workspace (its file)', async () => {
    const uri = file('plotted.ipynb');
    const api = await skewer();
    await vscode.workspace.fs.writeFile(uri, Buffer.from(notebookWithPlot()));
    try {
      const result = await api.staticAnalysis.checkWorkspace();
      assert.ok(result && !result.cancelled);
      const entry = api.findings.entries().find((e) => e.uri.toString() === uri.toString());
      assert.ok(entry, 'Check Workspace reports the closed notebook');
      assert.deepEqual(entry.findings.map((f) => [f.location.cell, f.location.line, f.ruleId]), [[3, 3, 'leakage/preprocessing']]);
      const nb = await vscode.workspace.openNotebookDocument(uri);
      await vscode.window.showNotebookDocument(nb);
      const [d] = await diagnosticsOf(nb.cellAt(3).document.uri, 'a diagnostic on the scaling cell of the open notebook');
      assert.equal(codeOf(d!), 'leakage/preprocessing');
      assert.equal(d!.range.start.line, 2);
    } finally {
      await closeAllEditors();
      await vscode.workspace.fs.delete(uri);
    }
  });

  test('Check Workspace stops when cancelled, and the next check runs to the end', async () => {
    const api = await skewer();
    const leaky = (await vscode.workspace.fs.readFile(file('train.py'))).toString();
    const many = file('many');
    for (let i = 0; i < 60; i++) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(many, `leak_${String(i).padStart(2, '0')}.py`), Buffer.from(leaky));
    const cts = new vscode.CancellationTokenSource();
    const first = api.findings.onDidChange(() => cts.cancel());
    try {
      const stopped = await api.staticAnalysis.checkWorkspace(cts.token);
      assert.ok(stopped && stopped.cancelled, 'cancelled');
      assert.ok(stopped.files >= 1 && stopped.files < 60, `files checked before stopping: ${stopped.files}`);
      first.dispose();
      const full = await api.staticAnalysis.checkWorkspace();
      assert.ok(full && !full.cancelled);
      assert.ok(full.files >= 63, `files checked: ${full.files}`);
      const flagged = api.findings.entries().filter((e) => e.uri.path.includes('/many/'));
      assert.equal(flagged.length, 60);
    } finally {
      first.dispose();
      cts.dispose();
      await vscode.workspace.fs.delete(many, { recursive: true });
    }
  });
});
