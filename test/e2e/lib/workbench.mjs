// What an end-to-end spec drives: the real VS Code workbench (code-server) in Chromium, with
// Skewer installed from its .vsix. Helpers do what a user does: click, type in the palette, read
// views, look inside webview frames, and save screenshots under .test-output/e2e (git-ignored).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SCREENSHOTS = path.join(root, '.test-output', 'e2e');

/** Set by test/e2e/run.mjs before the specs load. */
export const wb = { page: undefined, server: undefined, profile: undefined, workspace: undefined, browser: undefined };

/** Opens `folder` in the workbench unless it is already open (each spec can run alone with --filter). */
export async function openWorkspace(folder = wb.workspace) {
  const { page } = wb;
  if (page.url() === wb.server.folderUrl(folder)) return;
  await page.goto(wb.server.folderUrl(folder));
  await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: 60_000 });
  // The workbench restores views asynchronously; wait until the status bar is painted and Skewer's
  // contributions (its activity-bar icon, hence its commands) are registered.
  await page.waitForSelector('.statusbar', { timeout: 60_000 });
  await page.locator('.activitybar .action-item a[aria-label^="Skewer"], .activitybar .action-item[aria-label^="Skewer"]').first().waitFor({ state: 'visible', timeout: 60_000 });
}

export async function screenshot(name) {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.png`);
  await wb.page.screenshot({ path: file });
  return file;
}

/**
 * Runs a command the way a user does: F1, type its title, Enter. With `opensPick`, the command opens a quick pick
 * whose prompt contains that text: wait for it, and run the command again if it went away before it could be used
 * (a webview that finishes loading after the previous step takes focus, and a quick pick closes on focus loss).
 */
export async function runFromPalette(title, { opensPick } = {}) {
  const { page } = wb;
  const input = page.locator('.quick-input-widget input.input');
  // Click the command whose label starts with `title`: the first row may be another, recently used one.
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: new RegExp(`^\\s*${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first();
  const pick = opensPick && page.locator(`.quick-input-widget input.input[aria-label*="${opensPick}"]`);
  // Right after a window reload the palette can open before the extension's commands are registered: it lists
  // what it had then and does not refresh, so close it and open it again.
  // The same when F1 lands while another quick pick is still closing: the input goes away under the typing.
  for (let attempt = 1; ; attempt++) {
    try {
      await page.keyboard.press('F1');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`, { timeout: 10_000 });
      await row.waitFor({ state: 'visible', timeout: 10_000 });
      await row.click();
      if (!pick) break;
      await pick.waitFor({ state: 'visible', timeout: 10_000 });
      // still open a moment later: nothing is about to take the focus away
      await page.waitForTimeout(500);
      if (await pick.isVisible()) break;
      throw new Error(`the quick pick "${opensPick}" of ${title} closed before it could be used`);
    } catch (e) {
      if (attempt === 3) throw e;
      await page.keyboard.press('Escape');
      await input.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    }
  }
  if (!pick) await input.waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => undefined);
}

/** Picks the first quick-pick row matching `filter` (an open quick pick, e.g. after a command). */
export async function quickPick(filter) {
  const { page } = wb;
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(filter);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: filter }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await row.click();
}

/** A row of a tree or list in the side bar, by its visible text. */
export function sidebarRow(text) {
  return wb.page.locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: text }).first();
}

/**
 * Clicks the Runs view's "Collapse All" button, so the pipelines are listed from the top, and
 * collapses the Findings view below it so the Runs tree has the side bar's height.
 */
export async function collapseRuns() {
  const { page } = wb;
  const findings = page.locator('#workbench\\.parts\\.sidebar .pane-header[aria-expanded="true"]', { hasText: 'Findings' });
  if (await findings.count()) await findings.first().click();
  await page.locator('#workbench\\.parts\\.sidebar .pane-header', { hasText: 'Runs' }).hover();
  await page.locator('#workbench\\.parts\\.sidebar .action-label[aria-label^="Collapse All"]').first().click();
}

/** Opens a workspace file with Quick Open (Ctrl+P), as a user would; retries while the file index catches up with new files. */
export async function quickOpen(relPath) {
  const { page } = wb;
  const name = relPath.split('/').pop();
  const input = page.locator('.quick-input-widget input.input');
  for (let attempt = 0; ; attempt++) {
    await page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible' });
    await input.fill(relPath);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: 3000 });
      await row.click();
      break;
    } catch (err) {
      await page.keyboard.press('Escape');
      if (attempt >= 10) throw err;
    }
  }
  await page.locator('.tabs-container .tab.active', { hasText: name }).waitFor({ state: 'visible', timeout: 15_000 });
}

/** Clicks the Skewer icon in the activity bar and waits for its views. */
export async function openSkewerSidebar() {
  const { page } = wb;
  const icon = page.locator('.activitybar .action-item a[aria-label^="Skewer"], .activitybar .action-item[aria-label^="Skewer"]').first();
  await icon.waitFor({ state: 'visible', timeout: 30_000 });
  const sidebar = page.locator('#workbench\\.parts\\.sidebar');
  if (!(await sidebar.locator('.pane-header', { hasText: 'Runs' }).isVisible().catch(() => false))) await icon.click();
  await sidebar.locator('.pane-header', { hasText: 'Runs' }).waitFor({ state: 'visible', timeout: 30_000 });
  return sidebar;
}

/** The content frame of the active Skewer webview panel (webviews nest two iframes). */
export async function skewerWebview() {
  const { page } = wb;
  const outer = page.frameLocator('iframe.webview.ready').first();
  const inner = outer.frameLocator('#active-frame');
  await inner.locator('main.skewer').waitFor({ state: 'visible', timeout: 30_000 });
  return inner;
}

/** Switches the colour theme the way a user does: "Preferences: Color Theme", type its name, Enter. */
export async function setTheme(theme) {
  const { page } = wb;
  await runFromPalette('Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible' });
  await input.fill(theme);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: theme }).first();
  await row.waitFor({ state: 'visible' });
  await row.click();
  const kind = /light/i.test(theme) ? (/high contrast/i.test(theme) ? 'hc-light' : 'vs') : /high contrast/i.test(theme) ? 'hc-black' : 'vs-dark';
  await page.waitForFunction((k) => document.querySelector('.monaco-workbench')?.classList.contains(k), kind, { timeout: 15_000 });
}

export async function closeAllEditors() {
  await runFromPalette('View: Close All Editors');
}

/**
 * The stroke colour of `locator`'s element and its WCAG contrast ratio against the editor background
 * (a translucent colour is blended over the background first: what the eye sees).
 */
export function strokeContrast(locator) {
  return locator.evaluate((el) => {
    const rgba = (c) => {
      const hex = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(c.trim());
      if (hex) return [0, 2, 4].map((i) => parseInt(hex[1].slice(i, i + 2), 16)).concat(hex[2] ? parseInt(hex[2], 16) / 255 : 1);
      const m = /rgba?\(([^)]+)\)/.exec(c);
      const v = m ? m[1].split(/[ ,/]+/).filter(Boolean).map(Number) : [0, 0, 0, 0];
      return [v[0], v[1], v[2], v[3] ?? 1];
    };
    const lum = ([r, g, b]) => [r, g, b].map((x) => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; }).reduce((a, x, i) => a + x * [0.2126, 0.7152, 0.0722][i], 0);
    const bg = rgba(getComputedStyle(document.documentElement).getPropertyValue('--vscode-editor-background'));
    const stroke = getComputedStyle(el).stroke;
    const s = rgba(stroke);
    const [hi, lo] = [lum([0, 1, 2].map((i) => s[i] * s[3] + bg[i] * (1 - s[3]))), lum(bg)].sort((a, b) => b - a);
    return { stroke, contrast: Math.round(((hi + 0.05) / (lo + 0.05)) * 100) / 100 };
  });
}
