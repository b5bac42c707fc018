import assert from 'node:assert/strict';
import { openWorkspace, quickPick, runFromPalette, screenshot, setTheme, skewerWebview, wb } from '../lib/workbench.mjs';

describe('J3 · Trace Record from the command palette', () => {
  before(() => openWorkspace());

  it('picks a run, a step and a row, and shows the record through every step in the webview', async () => {
    await runFromPalette('Skewer: Trace Record', { opensPick: 'which run?' });
    await quickPick('churn/train.py');
    await quickPick('read customers.csv');
    await quickPick('row 0');
    const view = await skewerWebview();
    await view.locator('h1', { hasText: 'row 0 of read customers.csv' }).waitFor({ state: 'visible' });
    const headers = await view.locator('thead th.step').allTextContents();
    assert.ok(headers.some((h) => /split 75\/25/.test(h)), headers.join(' | '));
    assert.ok(!headers.some((h) => /__\w+__/.test(h)), `no dunder names in the step columns: ${headers.join(' | ')}`);
    assert.ok(headers.some((h) => /X_(train|test) row|dropped by/.test(h)), 'the split says where the record went');
    await screenshot('trace-dark');
  });

  it('follows the light and high-contrast themes through --vscode-* variables', async () => {
    const view = await skewerWebview();
    const color = () => view.locator('body').evaluate((b) => getComputedStyle(b).color);
    const dark = await color();
    await setTheme('Light Modern');
    await wb.page.waitForTimeout(500);
    const light = await color();
    await screenshot('trace-light');
    await setTheme('Dark High Contrast');
    await wb.page.waitForTimeout(500);
    await screenshot('trace-high-contrast');
    await setTheme('Dark Modern');
    assert.notEqual(dark, light, `text colour follows the theme (dark ${dark}, light ${light})`);
  });

  it('opens the source line when a step header is clicked', async () => {
    const view = await skewerWebview();
    await view.locator('thead th.step a', { hasText: 'merge on customer_id' }).first().click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'train.py' }).waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('renders the trace again when its tab is brought back (the webview is recreated, the host resends the snapshot)', async () => {
    await wb.page.locator('.tabs-container .tab', { hasText: 'Trace row 0' }).click();
    const view = await skewerWebview();
    await view.locator('h1', { hasText: 'row 0 of read customers.csv' }).waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('flags a record on both sides of the split, keeps the feature names in view, and "Only columns that change" narrows the rows', async () => {
    // Row 600 of the credit notebook's data is a defaulted application the oversampling copies; the copies are
    // split into X_train and X_test (found with the trace over the committed run).
    await runFromPalette('Skewer: Trace Record', { opensPick: 'which run?' });
    await quickPick('notebooks/credit.ipynb');
    await quickPick('read credit.csv');
    await quickPick('row 600');
    const view = await skewerWebview();
    await view.locator('h1', { hasText: 'row 600 of read credit.csv' }).waitFor({ state: 'visible', timeout: 15_000 });
    const banner = view.locator('.leak-banner');
    await banner.waitFor({ state: 'visible' });
    assert.match((await banner.textContent()) ?? '', /split 80\/20, stratified: X_train row \d+ and X_test row \d+/);
    assert.equal(await view.locator('thead th.step.leak .leak-badge').count(), 1, 'the split column carries the badge');
    // "Only columns that change" hides the rows no step changed.
    const rows = () => view.locator('table.trace tbody tr').count();
    const all = await rows();
    await view.locator('vscode-checkbox').click();
    await view.locator('.column-count', { hasText: 'columns change' }).waitFor({ state: 'visible' });
    const changing = await rows();
    assert.ok(changing > 0 && changing < all, `rows: ${all} → ${changing}`);
    // One row per feature: age is one row, not also num__age (the ColumnTransformer's name) and x0 (the scaler's).
    const heads = await view.locator('table.trace tbody th.row-head').allTextContents();
    assert.equal(heads.filter((h) => h.trim() === 'age').length, 1, heads.join(' | '));
    assert.deepEqual(heads.filter((h) => /^x\d+$|__/.test(h.trim())), [], `no positional or prefixed rows: ${heads.join(' | ')}`);
    // Scrolled right, the feature-name column stays at the left edge.
    const scroller = view.locator('.table-scroll');
    const firstCol = view.locator('table.trace tbody th.row-head').first();
    const before = await firstCol.boundingBox();
    await scroller.evaluate((el) => { el.scrollLeft = el.scrollWidth; });
    await wb.page.waitForTimeout(200);
    const after = await firstCol.boundingBox();
    assert.ok(before && after && Math.abs(before.x - after.x) < 1, `feature column moved from x=${before?.x} to x=${after?.x}`);
    await screenshot('trace-leak-dark');
    await setTheme('Light Modern');
    await wb.page.waitForTimeout(500);
    await screenshot('trace-leak-light');
    await setTheme('Dark High Contrast');
    await wb.page.waitForTimeout(500);
    await screenshot('trace-leak-high-contrast');
    await setTheme('Dark Modern');
  });

  it('a trace started on a predict_proba row shows its probabilities with "Only columns that change" ticked', async () => {
    // Focus an editor first: the trace webview, re-styled by the theme changes above, may take the focus back
    // and close a quick pick opened over it.
    await wb.page.locator('.tabs-container .tab', { hasText: 'train.py' }).first().click();
    await runFromPalette('Skewer: Trace Record', { opensPick: 'which run?' });
    await quickPick('churn/serve.py');
    await quickPick('predict probabilities');
    await quickPick('row 0');
    const view = await skewerWebview();
    await view.locator('h1', { hasText: 'row 0 of predict probabilities' }).waitFor({ state: 'visible', timeout: 15_000 });
    const box = view.locator('vscode-checkbox');
    if (!(await box.evaluate((b) => b.checked))) await box.click();
    await view.locator('.column-count', { hasText: 'columns change' }).waitFor({ state: 'visible' });
    const heads = (await view.locator('table.trace tbody th.row-head').allTextContents()).map((h) => h.trim());
    assert.deepEqual(heads, ['proba 0', 'proba 1']);
    assert.equal(await view.getByText('No captured values').count(), 0);
    await screenshot('trace-proba-dark');
  });

  it('J4 · compares the training and serving runs: reordered columns and distribution skew', async () => {
    await runFromPalette('Skewer: Compare Runs');
    // The newest training and serving runs are preselected; accept them.
    await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Enter');
    const view = await skewerWebview();
    await view.locator('h2', { hasText: 'Distribution skew' }).waitFor({ state: 'visible', timeout: 15_000 });
    const skewed = await view.locator('table.skew tbody tr', { hasText: 'retention_offer_made' }).first().locator('td.changed').count();
    assert.ok(skewed > 0, 'the label-derived feature is flagged');
    await screenshot('compare-dark');
  });
});
