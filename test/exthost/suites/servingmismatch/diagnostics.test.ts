import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, skewer } from '../../lib/skewer';

const ws = () => vscode.workspace.workspaceFolders![0]!.uri;
const file = (name: string) => vscode.Uri.joinPath(ws(), name);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const fromRun = (d: vscode.Diagnostic) => d.source === 'Skewer (run)' || d.source === 'Skewer (static+run)';
const runDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter(fromRun);
/** 0-based line of the first line of `name` that contains `text`. */
const lineOf = async (name: string, text: string) => {
  const i = (await vscode.workspace.fs.readFile(file(name))).toString().split('\n').findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} in ${name}`);
  return i;
};

suite('train/serve mismatch from the recorded runs, as diagnostics on the serving lines', () => {
  suiteSetup(async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'the recorded runs to load', 30000);
  });
  teardown(closeAllEditors);

  test('serve.py: each mismatch is a diagnostic on the line that produced the column, with its evidence in the hover and a row in the Findings view', async () => {
    const api = await skewer();
    const serve = file('serve.py');
    const readCsv = await lineOf('serve.py', 'pd.read_csv');
    const dummies = await lineOf('serve.py', 'pd.get_dummies');
    const refit = await lineOf('serve.py', 'scaler.fit_transform');
    const expected: [string, number][] = [
      ['mismatch/unit-change', readCsv],
      ['mismatch/column-order', dummies],
      ['mismatch/one-hot-set', dummies],
      ['mismatch/unseen-category', dummies],
      ['mismatch/refit-at-inference', refit],
      ['mismatch/fitted-params', refit],
      ['mismatch/row-skew', refit],
    ];
    // Not opened: the run layer publishes on every file a run names.
    const diags = await eventually(() => {
      const ds = runDiagnostics(serve);
      return expected.every(([rule]) => ds.some((d) => codeOf(d) === rule)) ? ds : undefined;
    }, `run diagnostics ${expected.map(([r]) => r).join(', ')} on serve.py`, 30000);
    for (const [rule, line] of expected) {
      const mine = diags.filter((d) => codeOf(d) === rule);
      assert.equal(mine.length, 1, `one ${rule} diagnostic from the run, not ${mine.length}`);
      assert.equal(mine[0]!.range.start.line, line, `${rule} on line ${line + 1} of serve.py`);
    }
    const unit = diags.find((d) => codeOf(d) === 'mismatch/unit-change')!;
    assert.equal(unit.source, 'Skewer (run)');
    assert.match(unit.message, /income is ≈ 1\/1000 of its training scale/);
    assert.match(unit.message, /Multiply by 1,?000 to match training/);
    assert.match(diags.find((d) => codeOf(d) === 'mismatch/unseen-category')!.message, /west \(100 rows\), 10\.0% of the serving rows/);
    assert.match(diags.find((d) => codeOf(d) === 'mismatch/row-skew')!.message, /by customer_id/);
    // Runs are named by their script and start time, not by a full run id, in the messages and the run's evidence text.
    const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;
    for (const f of api.findings.get(serve)) {
      assert.doesNotMatch(f.message, uuid, `${f.ruleId} names a run by its full id`);
      assert.doesNotMatch(f.confirmation?.message ?? '', uuid, `${f.ruleId}'s run evidence names a run by its full id`);
    }

    // The hover on the read_csv line shows the evidence: the means and the suggested factor.
    const doc = await vscode.workspace.openTextDocument(serve);
    await vscode.window.showTextDocument(doc);
    // Opened, the static refit finding merges with the run's: one finding, the run's words name both runs by script and time.
    const refitBoth = await eventually(() => api.findings.get(serve).find((f) => f.ruleId === 'mismatch/refit-at-inference' && f.location.line === refit + 1 && f.source === 'both'), 'the refit finding of both engines', 30000);
    assert.match(refitBoth.confirmation?.message ?? '', /in the serve\.py run of [^;]*\d\d:\d\d:\d\d; training \(train\.py/);
    assert.doesNotMatch(refitBoth.confirmation?.message ?? '', uuid);
    assert.equal(vscode.languages.getDiagnostics(serve).filter((d) => codeOf(d) === 'mismatch/refit-at-inference' && d.range.start.line === refit).length, 1, 'one refit diagnostic on that line, not two');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', serve, new vscode.Position(readCsv, unit.range.start.character + 1));
    // markdown escapes taken out, so the facts read as shown
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n').replace(/\\(.)/g, '$1');
    assert.match(text, /mismatch\/unit-change/);
    assert.match(text, /suggested factor: 1,000\b/);
    assert.match(text, /training mean: 60,605\.\d/);

    // The Findings view lists them under serve.py as found in a run.
    const fileNode = await eventually(() => api.findingsTree.getChildren().find((n) => n.kind === 'file' && n.uri.toString() === serve.toString()), 'serve.py in the Findings view');
    const rows = api.findingsTree.getChildren(fileNode).map((n) => String(api.findingsTree.getTreeItem(n).description));
    for (const [rule, line] of expected) {
      assert.ok(rows.some((r) => r.startsWith(`${rule} · line ${line + 1}`) && /found in run|static \+ run/.test(r)), `${rule} at line ${line + 1} in the Findings view: ${rows.join(' | ')}`);
    }
  });

  test('serve_ok.py: no diagnostic from the run', async () => {
    const api = await skewer();
    await eventually(() => runDiagnostics(file('serve.py')).length > 0, 'the run findings to be published', 30000);
    await api.runFindings.idle();
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(file('serve_ok.py')));
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepEqual(runDiagnostics(file('serve_ok.py')).map((d) => `${codeOf(d)}: ${d.message}`), []);
    assert.deepEqual(api.findings.get(file('serve_ok.py')).filter((f) => f.source !== 'static').map((f) => f.ruleId), []);
  });
});
