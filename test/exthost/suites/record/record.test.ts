import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RecordOutcome } from '../../../../src/extension/record/recordRun';
import { fileUri, groupOf, record, revealed, setInterpreter, ws } from '../../lib/record';
import { closeAllEditors, eventually, skewer, EXTENSION_ID } from '../../lib/skewer';

const DEBIAN_PYTHON = '/usr/bin/python3';

suite('Record Run with the skewer.python.interpreter setting (no Python extension)', function () {
  this.timeout(180_000);
  teardown(closeAllEditors);

  test('there is no Python extension in this profile, so the setting decides', async () => {
    assert.equal(vscode.extensions.getExtension('ms-python.python'), undefined);
    assert.equal(vscode.workspace.getConfiguration('skewer').get('python.interpreter'), DEBIAN_PYTHON);
  });

  test('records a/pipeline.py in its own folder: the run completes, shows under a/pipeline.py and is revealed', async () => {
    const api = await skewer();
    const out = await record('a/pipeline.py', 'train');
    assert.equal(out.status, 'complete', out.message);
    assert.deepEqual(out.interpreter, { command: DEBIAN_PYTHON, source: 'setting' });
    assert.equal(out.exitCode, 0);
    assert.equal(out.cwd, path.join(ws(), 'a'), 'fileFolder: the code runs where its relative data.csv is');
    assert.match(out.message, /recorded a\/pipeline\.py — train · complete · \d+ steps/);
    const run = api.runs.findRun(out.runId!);
    assert.ok(run, 'the run is listed');
    assert.equal(path.dirname(run.run.dir), path.join(ws(), '.skewer', 'runs'), 'written to the workspace run folder');
    assert.equal(run.run.phase, 'train');
    assert.ok(run.run.steps.some((s) => s.function === 'StandardScaler.fit_transform'), run.run.steps.map((s) => s.function).join(', '));
    assert.equal((await groupOf(out.runId!))?.pipeline, 'a/pipeline.py');
    await revealed(out.runId!);
  });

  test('three pipeline.py in three folders, each recorded from its own folder, are three pipelines', async () => {
    const api = await skewer();
    for (const dir of ['b', 'c']) assert.equal((await record(`${dir}/pipeline.py`, 'other')).status, 'complete');
    const groups = api.runs.listing.groups.filter((g) => g.pipeline.endsWith('pipeline.py'));
    assert.deepEqual(groups.map((g) => g.pipeline).sort(), ['a/pipeline.py', 'b/pipeline.py', 'c/pipeline.py']);
    // What the tree shows: each group labelled with its folder.
    const labels = api.runsTree.getChildren().map((n) => api.runsTree.getTreeItem(n).label);
    for (const l of ['a/pipeline.py', 'b/pipeline.py', 'c/pipeline.py']) assert.ok(labels.includes(l), `${l} in ${labels.join(', ')}`);
    // Every run of them was recorded from its own folder (the job name alone would be "pipeline.py" three times).
    assert.ok(groups.every((g) => g.runs.every((r) => r.run.pipeline === 'pipeline.py' || r.run.pipeline === g.pipeline)));
  });

  test('the phase is remembered per file: recording a/pipeline.py again asks nothing and records it as train', async () => {
    const out = await record('a/pipeline.py');
    assert.equal(out.status, 'complete', out.message);
    assert.equal(out.phase, 'train');
    assert.equal(((await groupOf(out.runId!))?.runs.length), 2);
  });

  test('a notebook: the phase is asked once in a QuickPick; the cells run in the notebook folder; the run goes to the workspace run folder', async () => {
    const api = await skewer();
    let done: RecordOutcome | undefined;
    const pending = vscode.commands.executeCommand<RecordOutcome>('skewer.recordRun', fileUri('notebooks/nb.ipynb')).then((o) => (done = o));
    // Answer the QuickPick as a user pressing Enter would: its first item, "train", is active.
    const deadline = Date.now() + 20_000;
    while (done === undefined && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    const out = await pending;
    assert.equal(out.status, 'complete', out.message);
    assert.equal(out.phase, 'train');
    assert.equal(out.cwd, path.join(ws(), 'notebooks'));
    const run = api.runs.findRun(out.runId!)!;
    assert.equal(path.dirname(run.run.dir), path.join(ws(), '.skewer', 'runs'));
    assert.equal((await groupOf(out.runId!))?.pipeline, 'notebooks/nb.ipynb');
    assert.ok(!fs.existsSync(path.join(ws(), 'notebooks', '.skewer')), 'nothing written beside the notebook');
    // Remembered: the next recording asks nothing.
    const again = await record('notebooks/nb.ipynb');
    assert.equal(again.status, 'complete', again.message);
    assert.equal(again.phase, 'train');
  });

  test('a crashing script: the failed run shows with its error, and the message says what failed where', async () => {
    const api = await skewer();
    const out = await record('crash.py', 'other');
    assert.equal(out.status, 'failed');
    assert.equal(out.exitCode, 1);
    assert.match(out.message, /crash\.py failed at line 4: KeyError: 'missing_column'/);
    assert.match(out.message, /failed run is in the Runs view/);
    const run = api.runs.findRun(out.runId!)!;
    assert.equal(run.run.status, 'failed');
    assert.deepEqual(api.runsTree.getChildren({ kind: 'run', result: run })[0]?.kind, 'error');
    await revealed(out.runId!);
  });

  test('cancelling (terminating the task) ends the run as failed, never running forever', async () => {
    const api = await skewer();
    const pending = record('slow.py', 'other');
    const slowRuns = () => api.runs.runs.filter((r) => r.run.script === 'slow.py');
    const running = await eventually(
      async () => {
        await new Promise((r) => setTimeout(r, 500));
        await api.runs.refresh();
        return slowRuns().find((r) => r.run.status === 'running' && r.run.steps.length > 0) ?? (slowRuns().length ? undefined : null);
      },
      'the slow run to show as running',
      90_000,
    );
    const execution = vscode.tasks.taskExecutions.find((e) => e.task.definition.type === 'skewer-record');
    assert.ok(execution, 'the recording runs as a VS Code task');
    execution.terminate();
    const out = await pending;
    assert.equal(out.status, 'cancelled', out.message);
    assert.equal(out.runId, running.run.runId);
    assert.match(out.message, /recording of slow\.py was cancelled\. The run shows as failed/);
    await eventually(() => api.runs.findRun(running.run.runId)?.run.status === 'failed', 'the cancelled run to read as failed');
  });

  test('a missing interpreter: a clear message naming it and the setting; nothing runs', async () => {
    const api = await skewer();
    await api.runs.refresh();
    const before = api.runs.runs.length;
    await setInterpreter('/nonexistent/bin/python3');
    try {
      const out = await record('a/pipeline.py');
      assert.equal(out.status, 'environment');
      assert.match(out.message, /cannot run Python: "\/nonexistent\/bin\/python3" \(the skewer\.python\.interpreter setting\) was not found/);
      assert.match(out.message, /Next step: set skewer\.python\.interpreter/);
      await api.runs.refresh();
      assert.equal(api.runs.runs.length, before);
    } finally {
      await setInterpreter(DEBIAN_PYTHON);
    }
  });

  test('pandas missing or too old: the message names what is missing, the supported range and the next step', async () => {
    await setInterpreter(path.join(ws(), 'envs', 'no-pandas'));
    try {
      const out = await record('a/pipeline.py');
      assert.equal(out.status, 'environment');
      assert.match(out.message, /pandas is not installed \(the recorder needs pandas>=[\d.]+/);
      assert.match(out.message, /scikit-learn is not installed/);
      assert.match(out.message, /Next step: install pandas>=[\d.]+, numpy>=[\d.]+, scikit-learn>=[\d.]+ into that environment/);
      await setInterpreter(path.join(ws(), 'envs', 'old-pandas'));
      const old = await record('a/pipeline.py');
      assert.equal(old.status, 'environment');
      assert.match(old.message, /pandas 1\.0\.0 is not supported \(the recorder needs pandas>=/);
      assert.doesNotMatch(old.message, /scikit-learn/);
    } finally {
      await setInterpreter(DEBIAN_PYTHON);
    }
  });

  test('skewer.record.cwd = workspaceFolder runs the code in the workspace folder', async () => {
    const cfg = () => vscode.workspace.getConfiguration('skewer');
    await cfg().update('record.cwd', 'workspaceFolder', vscode.ConfigurationTarget.Global);
    try {
      const out = await record('b/pipeline.py', 'other');
      assert.equal(out.cwd, ws());
      assert.equal(out.status, 'complete', out.message); // reads the workspace's own data.csv
      assert.equal((await groupOf(out.runId!))?.pipeline, 'b/pipeline.py', 'named by its workspace path either way');
    } finally {
      await cfg().update('record.cwd', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Set Recording Phase… changes the remembered phase; Record Run without a Python file says what to open', async () => {
    const pending = vscode.commands.executeCommand<string | undefined>('skewer.setRecordPhase', fileUri('c/pipeline.py'));
    let picked: string | undefined | null = null;
    void pending.then((p) => (picked = p));
    for (const deadline = Date.now() + 20_000; picked === null && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 500));
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    }
    assert.equal(await pending, 'train', 'the first item, accepted');
    const out = await record('c/pipeline.py');
    assert.equal(out.phase, 'train', 'c/pipeline.py was recorded as other before; now train without asking');
    assert.equal(out.status, 'complete', out.message);
    const none = await vscode.commands.executeCommand<RecordOutcome>('skewer.recordRun', fileUri('data.csv'));
    assert.equal(none.status, 'refused');
    assert.match(none.message, /open a Python script \(\.py\) or notebook \(\.ipynb\) to record a run of it/);
  });

  test('Copy Recorder Install Command copies pip install of the recorder shipped in the extension', async () => {
    const line = await vscode.commands.executeCommand<string>('skewer.copyRecorderInstallCommand');
    const dir = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'recorder');
    assert.equal(line, `pip install "${dir}"`);
    assert.equal(await vscode.env.clipboard.readText(), line);
    for (const f of ['pyproject.toml', 'README.md', 'skewer/__main__.py', 'skewer/cli.py']) assert.ok(fs.existsSync(path.join(dir, f)), `${f} is shipped`);
    assert.ok(!fs.existsSync(path.join(dir, 'tests')), 'the recorder tests are not shipped');
  });
});
