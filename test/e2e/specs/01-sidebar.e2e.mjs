import assert from 'node:assert/strict';
import { collapseRuns, openSkewerSidebar, openWorkspace, screenshot, sidebarRow, wb } from '../lib/workbench.mjs';

describe('J1 · the Runs sidebar over recorded runs', () => {
  before(async () => {
    await openWorkspace();
  });

  it('shows the Skewer icon in the activity bar and, when clicked, the Runs and Findings views', async () => {
    const sidebar = await openSkewerSidebar();
    assert.ok(await sidebar.locator('.pane-header', { hasText: 'Findings' }).isVisible());
  });

  it('lists the example pipelines and their runs, with phase and status', async () => {
    await sidebarRow('churn/train.py').waitFor({ state: 'visible', timeout: 30_000 });
    await sidebarRow('churn/serve.py').waitFor({ state: 'visible' });
    await sidebarRow('churn/monthly_report.py').waitFor({ state: 'visible' });
    // Collapse everything, then open churn/train.py's run: its row says "train · complete · N steps".
    await collapseRuns();
    await sidebarRow('churn/train.py').click();
    await sidebarRow('train · complete').click();
    // Steps are named by what they did; the line of code that did it is the description.
    await sidebarRow('split 75/25, stratified').waitFor({ state: 'visible' });
    const text = await sidebarRow('split 75/25, stratified').textContent();
    assert.match(text ?? '', /train_test_split\(X, y/);
    await sidebarRow('filter rows df[df["age"] >= 21]').waitFor({ state: 'visible' });
    assert.equal(await sidebarRow('DataFrame.__getitem__').count(), 0, 'no dunder names in the tree');
    await screenshot('runs-sidebar-dark');
  });

  it('shows a failed run with its error first', async () => {
    await collapseRuns();
    await sidebarRow('churn/monthly_report.py').click();
    await sidebarRow('failed: KeyError').click();
    await sidebarRow("KeyError: 'id'").waitFor({ state: 'visible' });
    await screenshot('runs-failed-run');
  });

  it('opens the source line of a step when it is clicked', async () => {
    await collapseRuns();
    await sidebarRow('churn/train.py').click();
    await sidebarRow('train · complete').click();
    await sidebarRow('fit StandardScaler').click();
    await wb.page.locator('.tabs-container .tab.active', { hasText: 'train.py' }).waitFor({ state: 'visible', timeout: 15_000 });
    const line = await wb.page.locator('.editor-instance .current-line').first().isVisible();
    assert.ok(line, 'the cursor line is shown');
  });
});
