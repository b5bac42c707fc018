import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { recordTraceKeys } from '../../tooling/traceKeysWorkspace.mjs';
import { closeAllEditors, openWorkspace, quickPick, runFromPalette, screenshot, skewerWebview, wb } from '../lib/workbench.mjs';

/** The status bar's cursor position, "Ln 12, Col 1". */
async function cursorLine() {
  const item = wb.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  return Number(/Ln (\d+)/.exec((await item.textContent()) ?? '')?.[1]);
}

/** The traced record's value of `column` after the first step shown (the trace table's first value column). */
async function firstValue(view, column) {
  const tr = view.locator('table.trace tbody tr').filter({ has: view.locator('th', { hasText: new RegExp(`^\\s*${column}\\s*$`) }) }).first();
  return (await tr.locator('td').first().textContent())?.trim();
}

const input = () => wb.page.locator('.quick-input-widget input.input');
const row = (text) => wb.page.locator('.quick-input-list .monaco-list-row', { hasText: text }).first();

/** Trace Record… → the trace_keys run → type `text` in the key input and accept the typed record. */
async function traceKey(text) {
  await runFromPalette('Skewer: Trace Record', { opensPick: 'which run?' });
  await quickPick('trace_keys/train.py');
  await input().fill(text);
  const typed = row('trace this record');
  await typed.waitFor({ state: 'visible', timeout: 15_000 });
  await typed.click();
}

/**
 * J3b · "what happened to patient 38?": test/pipelines/trace_keys made and recorded in the workspace (its data
 * written by its make_data.py, recorded with sampled snapshots, so most patients are in no snapshot and only the
 * key lookup in the source file finds them); make_data.py's expected.json names each planted fate.
 */
describe('J3b · Trace Record by key (column=value) from the command palette', () => {
  let expected;
  let runDir;
  before(async () => {
    const runs = path.join(wb.workspace, '.skewer', 'runs');
    const before = new Set(fs.readdirSync(runs));
    expected = recordTraceKeys(wb.workspace);
    runDir = fs.readdirSync(runs).filter((d) => !before.has(d)).map((d) => path.join(runs, d))[0];
    await openWorkspace();
    await closeAllEditors();
    await runFromPalette('Skewer: Refresh Runs');
  });
  after(() => {
    // The later specs count and pick the example runs: leave the workspace as it was.
    if (runDir) fs.rmSync(runDir, { recursive: true, force: true });
    fs.rmSync(path.join(wb.workspace, 'trace_keys'), { recursive: true, force: true });
  });

  it('offers the key column with its distinct count, then traces a patient the merge drops', async () => {
    await runFromPalette('Skewer: Trace Record', { opensPick: 'which run?' });
    await quickPick('trace_keys/train.py');
    await input().fill('pat');
    const key = row('patient_id=');
    await key.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await key.textContent()) ?? '', /key column, 400 distinct/);
    await screenshot('trace-key-columns');
    await key.click();
    // the extension host sets the input's value: it reaches the workbench a moment later
    const deadline = Date.now() + 15_000;
    while ((await input().inputValue()) !== 'patient_id=' && Date.now() < deadline) await wb.page.waitForTimeout(100);
    assert.equal(await input().inputValue(), 'patient_id=', 'picking the column fills it in');
    await row(`patient_id=1`).waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot('trace-key-values');
    await input().fill(`patient_id=${expected.mergeDropped}`);
    const typed = row('trace this record');
    await typed.waitFor({ state: 'visible', timeout: 15_000 });
    assert.match((await typed.textContent()) ?? '', new RegExp(`patient_id=${expected.mergeDropped}`));
    await screenshot('trace-key-typed');
    await typed.click();
    const view = await skewerWebview();
    await view.locator('h1', { hasText: `patient_id = ${expected.mergeDropped} · trace_keys/train.py` }).waitFor({ state: 'visible', timeout: 30_000 });
    const dropped = view.locator('thead th.step.fate-dropped');
    await dropped.waitFor({ state: 'visible' });
    assert.match((await dropped.textContent()) ?? '', /dropped by merge on patient_id \(inner\) \(line 11\)/);
    // its values come from patients.csv itself: the snapshot did not sample this patient
    assert.equal(await firstValue(view, 'patient_id'), String(expected.mergeDropped));
    assert.equal(await firstValue(view, 'sex'), 'f');
    await screenshot('trace-key-merge');
  });

  it('a patient the age filter drops: the fate names the filter, and its step opens its line in the editor', async () => {
    await traceKey(`patient_id=${expected.filterDropped}`);
    const view = await skewerWebview();
    await view.locator('h1', { hasText: `patient_id = ${expected.filterDropped}` }).waitFor({ state: 'visible', timeout: 30_000 });
    const dropped = view.locator('thead th.step.fate-dropped');
    assert.match((await dropped.textContent()) ?? '', /dropped by filter rows df\[df\["age"\] >= 18\]/);
    const headers = await view.locator('thead th.step').allTextContents();
    assert.ok(headers.filter((h) => /^read (patients|visits)\.csv/.test(h)).length === 2, `found in both sources: ${headers.join(' | ')}`);
    assert.ok(headers.some((h) => /joined as row \d+ by merge/.test(h)), headers.join(' | '));
    await screenshot('trace-key-filter');
    await dropped.locator('a').click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'train.py' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await cursorLine(), expected.lines.filter);
    await screenshot('trace-key-filter-line');
  });

  it('patients in train and in test: the split says which side, past the unrecorded reindex', async () => {
    await traceKey(`patient_id=${expected.test}`);
    let view = await skewerWebview();
    await view.locator('h1', { hasText: `patient_id = ${expected.test}` }).waitFor({ state: 'visible', timeout: 30_000 });
    const split = view.locator('thead th.step', { hasText: 'split 75/25' });
    assert.match((await split.textContent()) ?? '', new RegExp(`test row ${expected.testPositionOf390}`));
    assert.match((await view.locator('thead th.step', { hasText: 'drop rows with missing values' }).textContent()) ?? '', /found again by patient_id = 390/);
    assert.equal(await firstValue(view, 'age'), String(expected.ageOf390));
    await screenshot('trace-key-test');
    await traceKey(`patient_id=${expected.train}`);
    view = await skewerWebview();
    await view.locator('h1', { hasText: `patient_id = ${expected.train}` }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await view.locator('thead th.step', { hasText: 'split 75/25' }).textContent()) ?? '', new RegExp(`train row ${expected.trainPositionOf12}`));
    // oversampling copies the readmitted patient: duplicated from the concat on
    assert.match((await view.locator('thead th.step.fate-duplicated').first().textContent()) ?? '', /concat rows of 2 tables.*duplicated ×2 .*\(line 17\)/);
  });

  it('a key matching several rows lists them to pick one; a key matching none says so', async () => {
    const { column, value, rows } = expected.ambiguous;
    await traceKey(`${column}=${value}`);
    const title = wb.page.locator('.quick-input-widget .quick-input-title', { hasText: 'which one?' });
    await title.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await title.textContent()) ?? '', new RegExp(`${column} = ${value} matches ${rows} rows of .*visits\\.csv.*which one\\?`));
    assert.equal(await wb.page.locator('.quick-input-list .monaco-list-row').count() > 1, true);
    await screenshot('trace-key-ambiguous');
    const firstRow = wb.page.locator('.quick-input-list .monaco-list-row').first();
    const label = /row (\d+)/.exec((await firstRow.textContent()) ?? '')?.[1];
    await firstRow.click();
    const view = await skewerWebview();
    await view.locator('h1', { hasText: `row ${label} of read visits.csv` }).waitFor({ state: 'visible', timeout: 30_000 });

    await traceKey('patient_id=9999');
    const toast = wb.page.locator('.notifications-toasts .notification-toast', { hasText: 'patient_id = 9999 matches no row' });
    await toast.waitFor({ state: 'visible', timeout: 30_000 });
    await screenshot('trace-key-none');
    await wb.page.keyboard.press('Escape');
  });

  it('Trace Back to Source from a prediction row: the source rows with their values; Trace Forward flips it', async () => {
    await runFromPalette('Skewer: Trace Record', { opensPick: 'which run?' });
    await quickPick('trace_keys/train.py');
    await quickPick('predict probabilities');
    await row('Trace Back to Source').click();
    await input().fill(`#${expected.testPositionOf390}`);
    const byPos = row('by position');
    await byPos.waitFor({ state: 'visible' });
    await byPos.click();
    const view = await skewerWebview();
    await view.locator('h1', { hasText: 'back to its source' }).waitFor({ state: 'visible', timeout: 30_000 });
    const first = view.locator('thead th.step').first();
    assert.match((await first.textContent()) ?? '', new RegExp(`source row ${expected.sourceRowOf390} of patients\\.csv`));
    assert.equal(await firstValue(view, 'age'), String(expected.ageOf390));
    await screenshot('trace-key-backward');
    await view.locator('vscode-button.retrace', { hasText: 'Trace Forward' }).click();
    await view.locator('.summary', { hasText: 'steps; last:' }).waitFor({ state: 'visible', timeout: 30_000 });
    assert.doesNotMatch((await view.locator('h1').textContent()) ?? '', /back to its source/);
    await view.locator('vscode-button.retrace', { hasText: 'Trace Back to Source' }).waitFor({ state: 'visible' });
    await screenshot('trace-key-forward-again');
  });
});
