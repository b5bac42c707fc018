import assert from 'node:assert/strict';
import { closeAllEditors, collapseRuns, openSkewerSidebar, openWorkspace, quickPick, runFromPalette, screenshot, setTheme, sidebarRow, strokeContrast, wb } from '../lib/workbench.mjs';

/** The content frame of the pipeline graph webview (its own bundle: main.graph-app, not main.skewer). */
async function graphWebview() {
  // The trace panel may be open too: the graph is whichever webview frame holds main.graph-app.
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const n = await wb.page.locator('iframe.webview.ready').count();
    for (let i = 0; i < n; i++) {
      const inner = wb.page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame');
      if (await inner.locator('main.graph-app').isVisible().catch(() => false)) return inner;
    }
    await wb.page.waitForTimeout(250);
  }
  throw new Error('no visible pipeline graph webview within 30 s');
}

/** The status bar's cursor position, "Ln 35, Col 1". */
async function cursorLine() {
  const item = wb.page.locator('.statusbar-item', { hasText: /Ln \d+, Col \d+/ }).first();
  await item.waitFor({ state: 'visible', timeout: 15_000 });
  return Number(/Ln (\d+)/.exec((await item.textContent()) ?? '')?.[1]);
}

describe('J7 · the pipeline graph of a run', () => {
  before(async () => {
    await openWorkspace();
    await closeAllEditors();
  });

  it('opens from the inline action of a run in the Runs view and draws its steps, split and fits', async () => {
    await openSkewerSidebar();
    await collapseRuns();
    await sidebarRow('churn/train.py').click();
    const run = sidebarRow('train · complete');
    await run.click();
    await run.hover();
    const recorded = Number(/(\d+) steps/.exec((await run.textContent()) ?? '')?.[1]);
    await run.locator('.actions .action-label[aria-label="Show Pipeline Graph"]').click();
    const view = await graphWebview();
    await view.locator('g.node', { hasText: 'split 75/25' }).waitFor({ state: 'visible', timeout: 30_000 });
    const steps = await view.locator('g.node-step').count();
    assert.equal(steps, recorded, 'one node per step of churn/train.py');
    assert.ok((await view.locator('g.edge-model').count()) === 2, 'each fit feeds its prediction');
    assert.ok((await view.locator('g.edge.side-test').count()) >= 2, 'the test side of the split is drawn as such');
    const filter = await view.locator('g.node', { hasText: 'filter rows' }).first().textContent();
    assert.match(filter ?? '', /2,000 → 1,923 rows/);
    assert.match(filter ?? '', /−77 rows dropped/);
    await screenshot('graph-dark');
  });

  it('follows the light and high-contrast themes through --vscode-* variables', async () => {
    const view = await graphWebview();
    const frameFill = () => view.locator('g.node-step rect.frame').first().evaluate((r) => getComputedStyle(r).fill);
    // Contrast of the test side's edges against the editor background.
    const testSideContrast = () => strokeContrast(view.locator('g.edge.side-test path').first());
    const dark = await frameFill();
    const darkSide = await testSideContrast();
    await setTheme('Light Modern');
    await wb.page.waitForTimeout(500);
    const light = await frameFill();
    const lightSide = await testSideContrast();
    await screenshot('graph-light');
    await setTheme('Dark High Contrast');
    await wb.page.waitForTimeout(500);
    const hc = await frameFill();
    const hcSide = await testSideContrast();
    await screenshot('graph-high-contrast');
    await setTheme('Dark Modern');
    assert.notEqual(dark, light, `node fill follows the theme (dark ${dark}, light ${light})`);
    assert.notEqual(light, hc);
    for (const side of [darkSide, lightSide, hcSide]) assert.ok(side.contrast >= 3, `the test side's edges stand out from the background (≥ 3:1): ${JSON.stringify(side)}`);
  });

  it('is reachable by keyboard: Tab to a step, arrow keys move, Enter opens its line', async () => {
    const view = await graphWebview();
    await view.locator('g.node', { hasText: 'read customers.csv' }).first().focus();
    await wb.page.keyboard.press('ArrowDown');
    const focused = await view.locator('g.node:focus').textContent();
    assert.ok(focused && !/read customers\.csv/.test(focused), `focus moved down (now on: ${focused})`);
    await wb.page.keyboard.press('Enter');
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'train.py' }).waitFor({ state: 'visible', timeout: 15_000 });
  });

  it('opens the line of a node when it is clicked', async () => {
    // Back to the graph's tab. The editor opened by Enter may still be settling and take the focus back after the
    // click: retry until the graph's tab has stayed active for a second.
    const graphTab = wb.page.locator('.tabs-container .tab.active', { hasText: 'Graph: churn/train.py' });
    for (let i = 0; i < 15; i++) {
      await wb.page.locator('.tabs-container .tab', { hasText: 'Graph: churn/train.py' }).click();
      await wb.page.waitForTimeout(1000);
      if (await graphTab.isVisible()) break;
    }
    await graphTab.waitFor({ state: 'visible', timeout: 5_000 });
    const view = await graphWebview();
    const node = view.locator('g.node', { hasText: 'fit StandardScaler' }).first();
    await node.waitFor({ state: 'attached', timeout: 30_000 });
    const meta = (await node.locator('text.meta').textContent()) ?? '';
    const line = Number(/line (\d+)/.exec(meta)?.[1]);
    assert.ok(line > 0, meta);
    // Focus pans the node into view (it may start below the fold), then a click opens it.
    await node.focus();
    await wb.page.waitForTimeout(300);
    await node.click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'train.py' }).waitFor({ state: 'visible', timeout: 15_000 });
    await wb.page.waitForTimeout(300);
    assert.equal(await cursorLine(), line, 'the cursor is on the step’s line');
    await screenshot('graph-opened-line');
  });

  it('shows a record traced in the Trace view as a highlighted path, and the serving run beside the training run', async () => {
    await closeAllEditors();
    await runFromPalette('Skewer: Trace Record', { opensPick: 'which run?' });
    await quickPick('churn/train.py');
    await quickPick('read customers.csv');
    await quickPick('row 0');
    await wb.page.locator('.tabs-container .tab', { hasText: 'Trace row 0' }).waitFor({ state: 'visible', timeout: 15_000 });
    // Back to the Runs view (focus leaves the trace webview), and the run's graph action again.
    const run = sidebarRow('train · complete');
    await run.click();
    await run.hover();
    await run.locator('.actions .action-label[aria-label="Show Pipeline Graph"]').click();
    const view = await graphWebview();
    await view.locator('g.node.traced').first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok((await view.locator('g.edge.traced').count()) >= 3, 'the path is drawn');
    await screenshot('graph-traced-record');
    const serve = (await view.locator('select option').allTextContents()).find((t) => t.startsWith('churn/serve.py'));
    assert.ok(serve, 'the serving run is offered');
    await view.locator('select').selectOption({ label: serve });
    await view.locator('text.graph-title', { hasText: 'churn/serve.py' }).waitFor({ state: 'visible', timeout: 15_000 });
    assert.ok((await view.locator('g.badge-match').count()) >= 20, 'matched steps carry their match number on both sides');
    await view.locator('g.node', { hasText: 'fit StandardScaler' }).first().focus();
    await view.locator('g.node.partner').waitFor({ state: 'visible' });
    await screenshot('graph-train-serve');
  });

  it('unfolds a Pipeline.fit into its inner steps (its toggle, or Space on the node) and folds it back', async () => {
    await closeAllEditors();
    await openSkewerSidebar();
    await collapseRuns();
    await sidebarRow('notebooks/credit.ipynb').click();
    const run = sidebarRow('train · complete');
    await run.click();
    await run.hover();
    await run.locator('.actions .action-label[aria-label="Show Pipeline Graph"]').click();
    const view = await graphWebview();
    const pipeline = view.locator('g.node', { hasText: 'fit Pipeline' }).first();
    await pipeline.waitFor({ state: 'visible', timeout: 30_000 });
    assert.match((await pipeline.textContent()) ?? '', /\+8 inner steps/);
    assert.equal(await view.locator('g.node', { hasText: 'fit LogisticRegression' }).count(), 0, 'folded: the inner steps are not drawn');
    const before = await view.locator('g.node-step').count();
    await pipeline.focus();
    await wb.page.waitForTimeout(300);
    await pipeline.locator('g.inner-toggle').click();
    const inner = view.locator('g.node', { hasText: 'fit LogisticRegression' }).first();
    await inner.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(await view.locator('g.node-step').count(), before + 2, 'its two direct inner steps are nodes of their own');
    const ct = view.locator('g.node', { hasText: 'fit ColumnTransformer' }).first();
    assert.match((await ct.textContent()) ?? '', /\+6 inner steps/, 'the ColumnTransformer keeps its own inner steps folded');
    assert.match((await view.locator('g.node', { hasText: 'fit Pipeline' }).first().textContent()) ?? '', /inner steps shown/);
    await inner.focus();
    await wb.page.waitForTimeout(300);
    await screenshot('graph-unfolded');
    // Space on the unfolded pipeline folds it back (Enter would open its line).
    await view.locator('g.node', { hasText: 'fit Pipeline' }).first().focus();
    await wb.page.keyboard.press('Space');
    await view.locator('g.node', { hasText: 'fit LogisticRegression' }).first().waitFor({ state: 'detached', timeout: 15_000 });
    assert.equal(await view.locator('g.node-step').count(), before);
  });
});
