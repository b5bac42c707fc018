import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TraceState } from '../../../../src/shared/protocol';
import { closeAllEditors, eventually, skewer } from '../../lib/skewer';

/**
 * Trace Record… by key and backward on test/pipelines/trace_keys, made and recorded in the workspace
 * (workspaces.mjs): its make_data.py wrote expected.json with the fate of each planted patient.
 */
const root = () => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
const expected = () => JSON.parse(fs.readFileSync(path.join(root(), 'trace_keys', 'expected.json'), 'utf8'));

suite('Trace Record by key (column=value) and back to source on the trace_keys run', () => {
  let runId: string;
  suiteSetup(async () => {
    const api = await skewer();
    await eventually(() => api.runs.state === 'hasRuns', 'the recorded run to load', 30000);
    runId = api.runs.runs[0]!.run.runId;
  });
  teardown(closeAllEditors);

  const traced = async (): Promise<TraceState> => {
    const s = (await skewer()).panelState();
    assert.equal(s?.kind, 'trace');
    return s as TraceState;
  };

  test('the input offers the key column and id-like columns with their distinct counts, then the steps', async () => {
    const items = await (await skewer()).traceInputItems(runId, '');
    const labels = items.map((i) => i.label);
    assert.equal(items[0]?.separator, true);
    assert.deepEqual(items[1], { label: 'patient_id=', description: 'key column, 400 distinct' });
    assert.match(items.find((i) => i.label === 'doctor_id=')?.description ?? '', /^id-like column of visits\.csv, \d+ distinct$/);
    const steps = labels.indexOf('or pick a row of a step');
    assert.ok(steps > 1 && labels.slice(steps + 1).some((l) => /read patients\.csv/.test(l)), labels.join(' | '));
  });

  test('after column= it offers the typed record first, then values of that column from the run’s keys', async () => {
    const e = expected();
    const items = await (await skewer()).traceInputItems(runId, `patient_id=${e.mergeDropped}`);
    assert.deepEqual(items[0], { label: `patient_id=${e.mergeDropped}`, description: 'trace this record' });
    assert.ok(items.length > 1 && items.slice(1).every((i) => i.label.startsWith(`patient_id=${e.mergeDropped}`)), items.map((i) => i.label).join());
    const empty = await (await skewer()).traceInputItems(runId, 'patient_id=');
    assert.equal(empty.length, 8, 'a few values, none typed yet');
  });

  test('patient_id=<dropped by the merge>: traced from the source file, ends dropped on the merge line', async () => {
    const e = expected();
    const api = await skewer();
    assert.equal(await api.traceRecord(runId, `patient_id=${e.mergeDropped}`), undefined);
    const s = await traced();
    assert.equal(s.record, `patient_id = ${e.mergeDropped}`);
    assert.equal(s.direction, 'forward');
    const last = s.steps[s.steps.length - 1]!;
    assert.deepEqual([last.fateKind, last.location?.line], ['dropped', e.lines.merge]);
  });

  test('patient_id=<in the test split>: its source values come from the file (not sampled) and it reaches the test split', async () => {
    const e = expected();
    const api = await skewer();
    assert.equal(await api.traceRecord(runId, ` patient_id = ${e.test} `), undefined);
    const s = await traced();
    const first = s.steps[0]!;
    assert.equal(first.cells.find((c) => c.column === 'age')?.value, String(e.ageOf390), 'age read from patients.csv');
    const split = s.steps.find((x) => x.location?.line === e.lines.split)!;
    assert.match(split.fate, new RegExp(`test row ${e.testPositionOf390}`));
    assert.equal(s.start?.reversible, false, 'a trace from a source row has nothing to go back to');
  });

  test('a key matching several rows or none is a message, never a guess', async () => {
    const e = expected();
    const api = await skewer();
    const several = await api.traceRecord(runId, `${e.ambiguous.column}=${e.ambiguous.value}`);
    assert.match(several ?? '', new RegExp(`${e.ambiguous.column} = ${e.ambiguous.value} matches ${e.ambiguous.rows} rows of .*visits\\.csv \\(rows \\d+, \\d+`));
    assert.match((await api.traceRecord(runId, 'patient_id=9999')) ?? '', /patient_id = 9999 matches no row of .*patients\.csv/);
    assert.match((await api.traceRecord(runId, 'patient 12')) ?? '', /"patient 12" is not column=value \(e\.g\. patient_id=42\)/);
    assert.match((await api.traceRecord(runId, 'ward=3')) ?? '', /ward is not a column of any source or key of this run/);
  });

  test('back to source from a test-split row: the source rows with their values; Trace Forward flips it', async () => {
    const e = expected();
    const api = await skewer();
    const run = api.runs.findRun(runId)!.run;
    const split = run.steps.find((s) => s.location?.line === e.lines.split && s.outputs.some((o) => o.port === 'test'))!;
    assert.equal(await api.traceRecord(runId, { seq: split.seq, port: 'test', position: e.testPositionOf390, direction: 'backward' }), undefined);
    const s = await traced();
    assert.equal(s.direction, 'backward');
    assert.equal(s.start?.reversible, true);
    assert.match(s.record, new RegExp(`row ${e.testPositionOf390} of .*back to its source`));
    assert.match(s.steps[0]!.fate, new RegExp(`source row ${e.sourceRowOf390} of patients\\.csv`));
    assert.equal(s.steps[0]!.cells.find((c) => c.column === 'patient_id')?.value, String(e.test));
    const visits = s.steps[1]!;
    assert.match(visits.fate, /source row \d+ of visits\.csv/);
    assert.ok(visits.cells.length > 0, 'visits.csv values read from the file');
    assert.deepEqual(visits.cells.filter((c) => c.changed).map((c) => c.column), [], 'a second source changes nothing of the first');
    assert.equal(s.steps[s.steps.length - 1]!.fateKind, 'start');
    await vscode.commands.executeCommand('skewer.traceRecordAt', runId, s.start!.dataset, s.start!.position, 'forward');
    await eventually(async () => (await traced()).direction === 'forward', 'the forward trace of the same row');
    const fwd = await traced();
    assert.equal(fwd.steps[0]!.fateKind, 'start');
    assert.ok(fwd.steps.some((x) => /predict_proba/.test(x.operator ?? '')), fwd.steps.map((x) => x.label).join(' | '));
  });
});
