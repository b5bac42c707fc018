import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeAllEditors, collapseRuns, openSkewerSidebar, openWorkspace, runFromPalette, screenshot, setTheme, sidebarRow, wb } from '../lib/workbench.mjs';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/tables/files/pyarrow-snappy.parquet');

/** The data viewer's frame (the webview's inner frame that holds `main.viewer`). */
async function viewerFrame() {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const f of wb.page.frames()) {
      if (await f.locator('main.viewer').count().catch(() => 0)) return f;
    }
    await wb.page.waitForTimeout(200);
  }
  throw new Error('no data viewer webview');
}

/** The visible rows' first column (row numbers), in screen order. */
const rowNumbers = async (f) => (await f.locator('.body .row .cell.rownum').allTextContents()).map(Number);

describe('J8 · the data viewer: a Parquet file from the explorer', () => {
  before(async () => {
    fs.mkdirSync(path.join(wb.workspace, 'tables'), { recursive: true });
    fs.copyFileSync(FIXTURE, path.join(wb.workspace, 'tables', 'scores.parquet'));
    await openWorkspace();
    await closeAllEditors();
  });

  it('opens scores.parquet from the explorer as a table with column statistics', async () => {
    const { page } = wb;
    await runFromPalette('View: Show Explorer');
    const tree = page.locator('.explorer-folders-view');
    await tree.locator('.monaco-list-row[aria-label^="tables"]').first().waitFor({ state: 'visible', timeout: 30_000 });
    await tree.locator('.monaco-list-row[aria-label^="tables"]').first().click();
    await tree.locator('.monaco-list-row[aria-label^="scores.parquet"]').first().click();
    const f = await viewerFrame();
    await f.locator('h1', { hasText: 'scores.parquet' }).waitFor({ state: 'visible' });
    await f.locator('.source', { hasText: 'Parquet file, 120 rows' }).waitFor({ state: 'visible' });
    // Every column's header fills in its statistics: a histogram for numbers, top values for text.
    const columns = await f.locator('.head-row .cell.head:not(.rownum)').count();
    await f.locator('.head-row .counts').nth(columns - 1).waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok(await f.locator('.head-row .histogram').count() >= 2, 'numeric columns show a histogram');
    assert.ok(await f.locator('.head-row .top li').count() >= 1, 'text columns show their top values');
    await f.locator('.body .row .cell.rownum', { hasText: /^0$/ }).waitFor({ state: 'visible' });
    assert.equal(await f.locator('.cell.loading').count(), 0);
    await screenshot('viewer-dark');
  });

  it('scrolls: the rows further down are fetched and shown', async () => {
    const f = await viewerFrame();
    const scroller = f.locator('.scroller');
    await scroller.hover();
    await wb.page.mouse.wheel(0, 1800);
    await f.waitForFunction(() => Number(document.querySelector('.body .row .cell.rownum')?.textContent) >= 50, undefined, { timeout: 15_000 });
    await f.waitForFunction(() => document.querySelectorAll('.cell.loading').length === 0, undefined, { timeout: 15_000 });
    const shown = await rowNumbers(f);
    assert.ok(shown.length > 10, `rows on screen: ${shown.length}`);
    assert.deepEqual(shown, shown.map((_, i) => shown[0] + i), 'consecutive rows');
    await scroller.evaluate((el) => { el.scrollTop = el.scrollHeight; });
    await f.locator('.body .row .cell.rownum', { hasText: /^119$/ }).waitFor({ state: 'visible' });
    await screenshot('viewer-scrolled-dark');
  });

  it('sorts by a column and filters it', async () => {
    const f = await viewerFrame();
    await f.locator('.scroller').evaluate((el) => { el.scrollTop = 0; });
    await f.locator('.head-row button.name', { hasText: 'score' }).click();
    const scoreCol = await f.locator('.head-row .cell.head').evaluateAll((hs) => hs.findIndex((h) => h.querySelector('.label')?.textContent === 'score'));
    await f.waitForFunction(() => document.querySelector('.head-row [aria-sort="ascending"]'), undefined, { timeout: 10_000 });
    await f.waitForFunction(() => document.querySelectorAll('.cell.loading').length === 0 && document.querySelectorAll('.body .row').length > 5);
    const scores = async () => (await f.locator('.body .row').evaluateAll((rows, c) => rows.map((r) => r.children[c]?.textContent ?? ''), scoreCol)).filter((t) => t !== 'null').map(Number);
    const asc = await scores();
    assert.deepEqual(asc, [...asc].sort((a, b) => a - b), 'ascending');
    await f.locator('.head-row .cell.head').nth(scoreCol).locator('input.filter').fill('> 0');
    await f.locator('.source', { hasText: 'rows match' }).waitFor({ state: 'visible', timeout: 10_000 });
    await f.waitForFunction(() => document.querySelectorAll('.cell.loading').length === 0);
    assert.ok((await scores()).every((x) => x > 0), 'only positive scores');
  });

  it('follows the light and high-contrast themes', async () => {
    const f = await viewerFrame();
    const color = () => f.locator('body').evaluate((b) => getComputedStyle(b).color);
    const dark = await color();
    await setTheme('Light Modern');
    await wb.page.waitForTimeout(500);
    const light = await color();
    await screenshot('viewer-light');
    await setTheme('Dark High Contrast');
    await wb.page.waitForTimeout(500);
    await screenshot('viewer-high-contrast');
    await setTheme('Dark Modern');
    assert.notEqual(dark, light);
    await closeAllEditors();
  });

  it('opens a step output from the Runs view and traces the row that is clicked', async () => {
    await openSkewerSidebar();
    await collapseRuns();
    await sidebarRow('churn/train.py').click();
    await sidebarRow('train · complete').click();
    const step = sidebarRow('read customers.csv');
    await step.hover();
    await step.locator('.action-label[aria-label^="View Step Output"]').click();
    const f = await viewerFrame();
    await f.locator('.source', { hasText: /Step output snapshot: (all|a sample of)/ }).waitFor({ state: 'visible', timeout: 30_000 });
    const row = f.locator('.body .row.traceable').nth(3);
    await row.waitFor({ state: 'visible' });
    // Until its window arrives a row shows its index; then the step output's row position (a sample skips rows).
    await row.locator('.cell.loading').first().waitFor({ state: 'detached', timeout: 15_000 });
    const position = (await row.locator('.cell.rownum').textContent())?.trim();
    await screenshot('viewer-step-output-dark');
    await row.click();
    // The trace panel opens beside the viewer (both are webviews: find the trace's frame).
    const deadline = Date.now() + 30_000;
    let traced = false;
    while (!traced && Date.now() < deadline) {
      for (const fr of wb.page.frames()) {
        if (await fr.locator('main.skewer h1', { hasText: `row ${position} of` }).count().catch(() => 0)) traced = true;
      }
      if (!traced) await wb.page.waitForTimeout(250);
    }
    assert.ok(traced, `a trace of output row ${position}`);
    await closeAllEditors();
  });
});
