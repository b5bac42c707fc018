import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeAllEditors, eventually, skewer } from '../../lib/skewer';

const lineOf = async (name: string, text: string) =>
  (await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, name))).toString().split('\n').findIndex((l) => l.includes(text)) + 1;

suite('Compare Runs on serving_mismatch: features by identity, paired by the model file, findings on the serving lines', () => {
  suiteSetup(async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'the recorded runs to load', 30000);
  });
  teardown(closeAllEditors);

  const runOf = async (pipeline: string) => (await skewer()).runs.runs.find((r) => r.run.pipeline === pipeline)!;

  test('serve.py: the model input is compared by source column, and each mismatch is listed on the line of serve.py that made it', async () => {
    const api = await skewer();
    const train = await runOf('train.py');
    const serve = await runOf('serve.py');
    api.compareRuns(train.run.runId, serve.run.runId);
    const state = api.panelState();
    assert.equal(state?.kind, 'compare');
    if (state?.kind !== 'compare') return;
    assert.match(state.pairing ?? '', /train\.py wrote model\.joblib, which serve\.py loads/);
    assert.equal(state.unrelated, undefined);
    // no x0…x5 "missing" / "new": the six features line up by name and three of them moved
    assert.deepEqual(state.schemaDiff.filter((d) => d.kind === 'missing-left' || d.kind === 'missing-right'), []);
    assert.deepEqual(state.schemaDiff.filter((d) => d.kind === 'position').map((d) => d.column).sort(), ['age', 'income', 'tenure_months']);
    const at = new Map((state.findings ?? []).map((f) => [f.ruleId, f]));
    const dummies = await lineOf('serve.py', 'pd.get_dummies');
    const expected: [string, number][] = [
      ['mismatch/column-order', dummies],
      ['mismatch/one-hot-set', dummies],
      ['mismatch/unseen-category', dummies],
      ['mismatch/refit-at-inference', await lineOf('serve.py', 'scaler.fit_transform')],
      ['mismatch/fitted-params', await lineOf('serve.py', 'scaler.fit_transform')],
      ['mismatch/unit-change', await lineOf('serve.py', 'pd.read_csv')],
    ];
    for (const [rule, line] of expected) {
      const f = at.get(rule);
      assert.ok(f, `${rule} in ${[...at.keys()].join(', ')}`);
      assert.equal(f.source, 'run');
      assert.equal(f.location.file, 'serve.py', 'relative to the workspace, where the copied runs point');
      assert.equal(f.location.line, line, rule);
    }
  });

  test('serve_ok.py: paired by the same artifacts and no finding at all', async () => {
    const api = await skewer();
    api.compareRuns((await runOf('train.py')).run.runId, (await runOf('serve_ok.py')).run.runId);
    const state = api.panelState();
    assert.equal(state?.kind, 'compare');
    if (state?.kind !== 'compare') return;
    assert.deepEqual((state.findings ?? []).map((f) => f.message), []);
    assert.match(state.pairing ?? '', /Paired by model artifact/);
  });
});
