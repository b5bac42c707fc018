import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeAllEditors, openWorkspace, runFromPalette, screenshot, setTheme, skewerWebview, strokeContrast, wb } from '../lib/workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** A workspace holding the skew pipeline's scripts and its train and serve runs, recorded on the oldest stack. */
function skewWorkspace() {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-e2e-skew-'));
  for (const f of ['train.py', 'serve.py']) fs.copyFileSync(path.join(root, 'test/pipelines/skew', f), path.join(folder, f));
  fs.cpSync(path.join(root, 'test/fixtures/runs/oldest/skew'), path.join(folder, '.skewer', 'runs'), { recursive: true });
  return folder;
}

describe('J4 · Compare Runs: each feature expands to its training and serving histograms', () => {
  before(() => openWorkspace(skewWorkspace()));
  after(async () => {
    await closeAllEditors().catch(() => undefined);
    await openWorkspace(); // back to the examples for the specs after this one
  });

  it('sorts features by skew and overlays both distributions of a numeric feature on shared bins, with the missing rate', async () => {
    await runFromPalette('Skewer: Compare Runs');
    await wb.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').first().waitFor({ state: 'visible' });
    await wb.page.keyboard.press('Enter'); // the only train and serve runs are preselected
    const view = await skewerWebview();
    await view.locator('h2', { hasText: 'Distribution skew' }).waitFor({ state: 'visible', timeout: 15_000 });
    const order = (await view.locator('table.skew tbody tr.skew-row th').allTextContents()).map((t) => t.replace(/^[▸▾]\s*/, '').trim());
    assert.deepEqual(order.slice(0, 3).sort(), ['contract_month-to-month', 'income', 'total_charges'], `flagged features first: ${order.join(', ')}`);

    await view.locator('button.expander', { hasText: 'total_charges' }).click();
    const figure = view.locator('figure.histogram[data-kind="bins"]');
    await figure.waitFor({ state: 'visible' });
    assert.equal(await view.locator('button.expander', { hasText: 'total_charges' }).getAttribute('aria-expanded'), 'true');
    const bars = await figure.locator('g.h-bar').count();
    assert.ok(bars >= 20 && bars <= 22, `20 core bins plus overflow bins: ${bars}`);
    assert.match((await figure.locator('svg').getAttribute('aria-label')) ?? '', /train\.py \(train\) vs serve\.py \(serve\)/);
    const missing = await view.locator('tr.skew-detail .missing-rate').first().textContent();
    assert.match(missing ?? '', /Missing values: train\.py \(train\) 3\.9% · serve\.py \(serve\) 18\.3% — changed by more than 5\.0%/);
  });

  it('draws a count feature by value and a one-hot flag as side-by-side bars; rows expand from the keyboard too', async () => {
    const view = await skewerWebview();
    const calls = view.locator('button.expander', { hasText: 'support_calls' });
    await calls.focus();
    await wb.page.keyboard.press('Enter');
    const values = view.locator('figure.histogram[data-kind="values"]');
    await values.waitFor({ state: 'visible' });
    const labels = await values.locator('text.h-text').allTextContents();
    for (const v of ['0', '1', '6', '7']) assert.ok(labels.includes(v), `a bar for ${v} calls: ${labels.join(' ')}`);
    await view.locator('button.expander', { hasText: 'contract_month-to-month' }).click();
    const cats = view.locator('figure.histogram[data-kind="categories"]');
    await cats.waitFor({ state: 'visible' });
    const text = (await cats.locator('text').allTextContents()).join(' | ');
    assert.match(text, /True/);
    assert.match(text, /False/);
    await view.locator('button.expander', { hasText: 'support_calls' }).click(); // collapse again
    await values.waitFor({ state: 'detached' });
  });

  it('is readable in dark, light and high-contrast themes (colours from --vscode-charts-*)', async () => {
    const view = await skewerWebview();
    await view.locator('button.expander', { hasText: 'income' }).click();
    const income = view.locator('tr.skew-detail', { has: view.locator('svg[aria-label^="income"]') });
    await income.waitFor({ state: 'visible' });
    await income.scrollIntoViewIfNeeded();
    // The serving outline is all that shows serving where it exceeds training: its contrast with the background.
    const colours = async () => {
      const svg = view.locator('svg[aria-label^="income"]');
      const { stroke: serve, contrast: serveContrast } = await strokeContrast(svg.locator('.h-serve').first());
      const fills = await svg.evaluate((el) => ({ train: getComputedStyle(el.querySelector('.h-train')).fill, text: getComputedStyle(el.querySelector('.h-text')).fill }));
      return { ...fills, serve, serveContrast };
    };
    const dark = await colours();
    await screenshot('compare-histogram-dark');
    await setTheme('Light Modern');
    await wb.page.waitForTimeout(500);
    const light = await colours();
    await screenshot('compare-histogram-light');
    await setTheme('Dark High Contrast');
    await wb.page.waitForTimeout(500);
    const hc = await colours();
    await screenshot('compare-histogram-high-contrast');
    await setTheme('Dark Modern');
    for (const c of [dark, light, hc]) {
      const { serveContrast, ...fills } = c;
      assert.notEqual(c.train, c.serve, `training and serving differ: ${JSON.stringify(c)}`);
      for (const v of Object.values(fills)) assert.match(v, /^rgb/, `a theme colour, not 'none': ${JSON.stringify(c)}`);
      assert.ok(serveContrast >= 3, `the serving outline stands out from the background (≥ 3:1): ${JSON.stringify(c)}`);
    }
    assert.notEqual(dark.text, light.text, 'the axis text follows the theme');
  });
});
