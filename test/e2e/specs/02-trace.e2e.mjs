import assert from 'node:assert/strict';
import { openWorkspace, quickPick, runFromPalette, screenshot, setTheme, skewerWebview, wb } from '../lib/workbench.mjs';

describe('J3 · Trace Record from the command palette', () => {
  before(() => openWorkspace());

  it('picks a run, a step and a row, and shows the record through every step in the webview', async () => {
    await runFromPalette('Skewer: Trace Record');
    await quickPick('churn/train.py');
    await quickPick('read_csv');
    await quickPick('row 0');
    const view = await skewerWebview();
    await view.locator('h1', { hasText: 'row 0 of read_csv' }).waitFor({ state: 'visible' });
    const headers = await view.locator('thead th.step').allTextContents();
    assert.ok(headers.some((h) => /train_test_split/.test(h)), headers.join(' | '));
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
    await view.locator('thead th.step a', { hasText: 'DataFrame.merge' }).first().click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'train.py' }).waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('renders the trace again when its tab is brought back (the webview is recreated, the host resends the snapshot)', async () => {
    await wb.page.locator('.tabs-container .tab', { hasText: 'Trace row 0' }).click();
    const view = await skewerWebview();
    await view.locator('h1', { hasText: 'row 0 of read_csv' }).waitFor({ state: 'visible', timeout: 15_000 });
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
