import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collapseRuns, openSkewerSidebar, openWorkspace, screenshot, sidebarRow, wb } from '../lib/workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

describe('J1 · a run appears and completes while it is recorded', () => {
  before(() => openWorkspace());

  it('records the slow example from a terminal and watches it in the Runs view without a reload', async function () {
    this.timeout(180_000);
    const env = { ...process.env, PYTHONPATH: path.join(root, 'recorder'), SKEWER_SLOW_STEP_SECONDS: '2' };
    const data = spawnSync('/usr/bin/python3', ['make_data.py'], { cwd: wb.workspace, env, encoding: 'utf8' });
    assert.equal(data.status, 0, data.stderr);
    await openSkewerSidebar();
    await collapseRuns();
    const group = sidebarRow('slow/pipeline.py');
    await group.waitFor({ state: 'visible' });
    const before = Number(/(\d+) runs?/.exec((await group.textContent()) ?? '')?.[1] ?? 0);
    const child = spawn('/usr/bin/python3', ['-m', 'skewer', 'record', '--phase', 'other', 'slow/pipeline.py'], { cwd: wb.workspace, env, stdio: 'ignore' });
    const exited = new Promise((r) => child.on('exit', r));
    try {
      await wb.page.waitForFunction(
        (n) => [...document.querySelectorAll('#workbench\\.parts\\.sidebar .monaco-list-row')].some((r) => r.textContent.includes('slow/pipeline.py') && r.textContent.includes(`${n} runs`)),
        before + 1,
        { timeout: 60_000 },
      );
      if ((await group.locator('.monaco-tl-twistie.collapsed').count()) > 0) await group.click();
      await sidebarRow('other · running').waitFor({ state: 'visible', timeout: 30_000 });
      await screenshot('recording-running');
      assert.equal(await exited, 0);
      await sidebarRow('other · complete').waitFor({ state: 'visible', timeout: 30_000 });
      await wb.page.locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: 'other · running' }).waitFor({ state: 'hidden', timeout: 30_000 });
      await screenshot('recording-complete');
    } finally {
      child.kill();
    }
  });
});
