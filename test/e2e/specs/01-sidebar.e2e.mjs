import assert from 'node:assert/strict';
import { openSkewerSidebar, openWorkspace, runFromPalette, screenshot, setTheme, skewerWebview, wb } from '../lib/workbench.mjs';

describe('Skewer in the workbench', () => {
  before(async () => {
    await openWorkspace();
  });

  it('shows the Skewer icon in the activity bar, and its Runs and Findings views when clicked', async () => {
    const sidebar = await openSkewerSidebar();
    assert.ok(await sidebar.locator('.pane-header', { hasText: 'Findings' }).isVisible());
    await screenshot('sidebar-dark');
  });

  it('runs "Skewer: Trace Record…" from the command palette and renders the webview inside its frame', async () => {
    await runFromPalette('Skewer: Trace Record');
    const view = await skewerWebview();
    const heading = await view.locator('h1').first().textContent();
    assert.ok(heading && heading.length > 0, 'the panel has a heading');
    await screenshot('trace-panel-dark');
  });

  it('follows the light, high-contrast and dark themes through --vscode-* variables', async () => {
    const view = await skewerWebview();
    const color = () => view.locator('body').evaluate((b) => getComputedStyle(b).color);
    const dark = await color();
    await setTheme('Light Modern');
    await wb.page.waitForTimeout(500);
    const light = await color();
    await screenshot('trace-panel-light');
    await openSkewerSidebar();
    await screenshot('sidebar-light');
    await setTheme('Dark High Contrast');
    await wb.page.waitForTimeout(500);
    await screenshot('trace-panel-high-contrast');
    await setTheme('Dark Modern');
    assert.notEqual(dark, light, `text colour changes with the theme (dark ${dark}, light ${light})`);
  });

  it('reads the Problems panel', async () => {
    await runFromPalette('View: Focus Problems');
    const panel = wb.page.locator('#workbench\\.panel\\.markers');
    await panel.waitFor({ state: 'visible' });
    await screenshot('problems-panel');
  });
});
