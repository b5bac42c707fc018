import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeAllEditors, collapseRuns, openSkewerSidebar, openWorkspace, quickOpen, quickPick, screenshot, sidebarRow, skewerWebview, wb } from '../lib/workbench.mjs';

describe('J6 · Record Run from the editor title bar', () => {
  before(async () => {
    // The workspace's .vscode/settings.json names the fallback interpreter (test/e2e/run.mjs writes it before the
    // workbench opens the folder, as a user's settings would already be there).
    await openWorkspace();
  });

  it('clicks Record on slow/pipeline.py, answers the phase, sees the run running then complete, and traces a record from it', async function () {
    this.timeout(240_000);
    const { page } = wb;
    const data = spawnSync('/usr/bin/python3', ['make_data.py'], { cwd: wb.workspace, encoding: 'utf8' });
    assert.equal(data.status, 0, data.stderr);
    await openSkewerSidebar();
    await collapseRuns();
    const group = sidebarRow('slow/pipeline.py');
    await group.waitFor({ state: 'visible', timeout: 30_000 });
    const before = Number(/(\d+) runs?/.exec((await group.textContent()) ?? '')?.[1] ?? 0);

    await quickOpen('slow/pipeline.py');
    const record = page.locator('.editor-actions .action-label[aria-label^="Record Run"]').first();
    await record.waitFor({ state: 'visible', timeout: 15_000 });
    await screenshot('record-button');
    await record.click();
    // First recording of this file: the phase is asked once.
    await quickPick('other');

    await page.waitForFunction(
      (n) => [...document.querySelectorAll('#workbench\\.parts\\.sidebar .monaco-list-row')].some((r) => r.textContent.includes('slow/pipeline.py') && r.textContent.includes(`${n} runs`)),
      before + 1,
      { timeout: 90_000 },
    );
    if ((await group.locator('.monaco-tl-twistie.collapsed').count()) > 0) await group.click();
    await sidebarRow('other · running').waitFor({ state: 'visible', timeout: 60_000 });
    await screenshot('record-running');

    // When the task ends: the run reads complete, is selected in the Runs view, and a message says so.
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'Skewer: recorded slow/pipeline.py' }).waitFor({ state: 'visible', timeout: 90_000 });
    const run = page.locator('#workbench\\.parts\\.sidebar .monaco-list-row.selected', { hasText: 'other · complete' });
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: 'other · running' }).waitFor({ state: 'hidden', timeout: 30_000 });
    await screenshot('record-complete');

    // Trace a record from the new run (its inline action), through every step.
    // The Runs view may still re-render the finished run's row (its side files landing): a click on the action of a
    // row being replaced reaches the command without its run, which then asks for one. Close that pick and click again.
    for (let attempt = 1; ; attempt++) {
      await run.hover();
      await run.locator('.action-label[aria-label^="Trace Record"]').click();
      await page.locator('.quick-input-widget input.input').waitFor({ state: 'visible', timeout: 15_000 });
      const asksRun = await page.locator('.quick-input-widget .quick-input-title', { hasText: 'which run?' }).isVisible();
      if (!asksRun || attempt === 3) break;
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
    await quickPick('read customers.csv');
    await quickPick('row 0');
    const view = await skewerWebview();
    await view.locator('h1', { hasText: 'row 0 of read customers.csv' }).waitFor({ state: 'visible', timeout: 30_000 });
    const headers = await view.locator('thead th.step').allTextContents();
    assert.ok(headers.some((h) => /StandardScaler/.test(h)), headers.join(' | '));
    await screenshot('record-trace');
    await closeAllEditors();
  });
});
