import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { fileUri, groupOf, record } from '../../lib/record';
import { closeAllEditors, skewer } from '../../lib/skewer';

interface StandinApi {
  calls: { fn: string; resource?: string; path?: string }[];
}

const standin = () => vscode.extensions.getExtension<StandinApi>('ms-python.python');

suite('Record Run with the Python extension (a stand-in exporting its environments API)', function () {
  this.timeout(180_000);
  teardown(closeAllEditors);

  test('uses the interpreter the Python extension selected for the file, not the setting', async () => {
    assert.ok(standin(), 'the stand-in is installed as ms-python.python');
    const api = await skewer();
    const out = await record('a/pipeline.py', 'train');
    assert.equal(out.status, 'complete', out.message);
    assert.deepEqual(out.interpreter, { command: '/usr/bin/python3', source: 'python-extension' });
    const calls = standin()!.exports.calls;
    assert.ok(calls.some((c) => c.fn === 'getActiveEnvironmentPath' && c.resource === fileUri('a/pipeline.py').toString()), JSON.stringify(calls));
    assert.ok(calls.some((c) => c.fn === 'resolveEnvironment' && c.path === '/usr/bin/python3'));
    assert.equal(api.runs.findRun(out.runId!)?.run.status, 'complete');
    assert.equal((await groupOf(out.runId!))?.pipeline, 'a/pipeline.py');
  });

  test('an interpreter the Python extension cannot resolve falls back to the setting; the message says both', async () => {
    const cfg = vscode.workspace.getConfiguration('skewerTest');
    await cfg.update('python.interpreter', '/nonexistent/selected-python', vscode.ConfigurationTarget.Global);
    try {
      const out = await record('a/pipeline.py');
      assert.equal(out.status, 'environment');
      assert.deepEqual(out.interpreter, { command: '/nonexistent/python-from-setting', source: 'setting' });
      assert.match(out.message, /"\/nonexistent\/python-from-setting" \(the skewer\.python\.interpreter setting\) was not found/);
      assert.match(out.message, /the Python extension has no interpreter for pipeline\.py \(\/nonexistent\/selected-python\)/);
      assert.match(out.message, /Next step: select an interpreter in the Python extension, or set skewer\.python\.interpreter/);
    } finally {
      await cfg.update('python.interpreter', '/usr/bin/python3', vscode.ConfigurationTarget.Global);
    }
  });
});
