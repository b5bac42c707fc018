import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { openWorkspace, quickOpen, runFromPalette, screenshot, setTheme, wb } from '../lib/workbench.mjs';

const problemsRows = () => wb.page.locator('#workbench\\.panel\\.markers .monaco-list-row');

describe('J2/J5 · leakage diagnostics in the editor', () => {
  before(() => openWorkspace());

  it('flags the planted bugs of churn/train.py in the Problems panel', async () => {
    await quickOpen('churn/train.py');
    await runFromPalette('View: Focus Problems');
    await wb.page.locator('#workbench\\.panel\\.markers .monaco-list-row', { hasText: 'leakage/preprocessing' }).first().waitFor({ state: 'visible', timeout: 30_000 });
    // Run findings of the serving script (not open) are listed first: collapse that file so train.py's rows fit.
    const serve = wb.page.locator('#workbench\\.panel\\.markers .monaco-list-row[aria-expanded="true"]', { hasText: 'serve.py' }).first();
    if (await serve.count()) await serve.click();
    await wb.page.locator('#workbench\\.panel\\.markers .monaco-list-row', { hasText: 'leakage/multi-test' }).first().waitFor({ state: 'visible', timeout: 10_000 });
    const text = (await problemsRows().allTextContents()).join('\n');
    assert.match(text, /leakage\/preprocessing/);
    assert.match(text, /leakage\/multi-test/);
    await screenshot('problems-train-py');
  });

  it('shows the evidence when hovering the flagged line', async () => {
    // Select the finding in the Problems panel (the cursor moves onto it), then "Show or Focus Hover".
    await wb.page.locator('#workbench\\.panel\\.markers .monaco-list-row', { hasText: '`StandardScaler` is fitted on rows' }).first().click();
    await runFromPalette('Show or Focus Hover');
    // Wait for Skewer's part (its rule link), not only the diagnostic part VS Code shows first.
    const hover = wb.page.locator('.monaco-hover', { hasText: 'Rule documentation' }).first();
    await hover.waitFor({ state: 'visible', timeout: 15_000 });
    const text = (await hover.textContent()) ?? '';
    assert.match(text, /leakage\/preprocessing/);
    // The message once (VS Code's diagnostic part), the run's verdict in words, no raw evidence fields.
    const message = 'is fitted on rows that later end up in the test split (line 39)';
    assert.equal(text.split(message).length - 1, 1, `the message is shown once:\n${text}`);
    assert.match(text, /Confirmed by the recorded run: (StandardScaler|OneHotEncoder) fitted on 1,923 rows; 481 of them end up in the test split/);
    assert.doesNotMatch(text, /kind: |splitLine|reason: /);
    await screenshot('hover-evidence');
    await wb.page.keyboard.press('Escape');
    // The same hover in the light and high-contrast themes (read through --vscode-* colours by the workbench).
    for (const [theme, name] of [['Light Modern', 'hover-evidence-light'], ['Dark High Contrast', 'hover-evidence-high-contrast']]) {
      await setTheme(theme);
      await wb.page.locator('.editor-instance .monaco-editor .view-lines').first().click();
      await wb.page.locator('#workbench\\.panel\\.markers .monaco-list-row', { hasText: '`StandardScaler` is fitted on rows' }).first().click();
      await runFromPalette('Show or Focus Hover');
      await wb.page.locator('.monaco-hover', { hasText: 'Confirmed by the recorded run' }).first().waitFor({ state: 'visible', timeout: 15_000 });
      await screenshot(name);
      await wb.page.keyboard.press('Escape');
    }
    await setTheme('Dark Modern');
  });

  it('flags a leaky line as it is typed, and the quick fix makes it go', async () => {
    const { page } = wb;
    fs.writeFileSync(path.join(wb.workspace, 'scratch.py'), '');
    await quickOpen('scratch.py');
    await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    const lines = [
      'import pandas as pd',
      'from sklearn.model_selection import train_test_split',
      'from sklearn.preprocessing import StandardScaler',
      'df = pd.read_csv("data.csv")',
      'X = df.drop(columns=["y"])',
      'y = df["y"]',
      'sc = StandardScaler()',
      'X = sc.fit_transform(X)',
      'X_train, X_test, y_train, y_test = train_test_split(X, y)',
      '',
    ];
    // Typed line by line; Home/shift-End clears auto-indentation the editor may add.
    for (const l of lines) {
      await page.keyboard.type(l);
      await page.keyboard.press('Enter');
      await page.keyboard.press('Shift+Home');
      await page.keyboard.press('Delete');
    }
    const squiggle = page.locator('.editor-instance .squiggly-warning').first();
    await squiggle.waitFor({ state: 'visible', timeout: 20_000 });
    await screenshot('typed-leak-flagged');
    // Go to the finding from the Problems panel, then open the quick fixes with Ctrl+. as a user would.
    await runFromPalette('View: Focus Problems');
    // The example files' rows come first: collapse them so scratch.py's row is in view.
    for (const file of ['train.py', 'serve.py']) {
      const row = page.locator('#workbench\\.panel\\.markers .monaco-list-row[aria-expanded="true"]', { hasText: file }).first();
      if (await row.count()) await row.click();
    }
    await page.locator('#workbench\\.panel\\.markers .monaco-list-row', { hasText: 'test split (line 9)' }).first().dblclick();
    await page.locator('.editor-instance .monaco-editor.focused').first().waitFor({ state: 'visible' });
    await page.keyboard.press('Control+.');
    const fix = page.locator('.action-widget .monaco-list-row, .context-view .action-item', { hasText: 'after the split' }).first();
    await fix.waitFor({ state: 'visible', timeout: 10_000 });
    await fix.click();
    await page.waitForFunction(() => document.querySelectorAll('.editor-instance .squiggly-warning').length === 0, undefined, { timeout: 20_000 });
    // The editor renders spaces as non-breaking spaces.
    const text = ((await page.locator('.editor-instance .view-lines').first().textContent()) ?? '').replace(/\u00a0/g, ' ');
    assert.match(text, /X_train = sc\.fit_transform\(X_train\)/);
    await screenshot('typed-leak-fixed');
  });
});
