// End-to-end layer: one code-server with Skewer installed from the .vsix, one Chromium page,
// mocha specs in test/e2e/specs/*.e2e.mjs that drive it like a user. A failing spec leaves a
// screenshot named after it in .test-output/e2e.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';
import { createProfile, launchBrowser, startCodeServer } from '../tooling/codeServer.mjs';
import { SCREENSHOTS, screenshot, wb } from './lib/workbench.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function runEndToEndTests({ vsix, filter } = {}) {
  const specsDir = path.join(root, 'test', 'e2e', 'specs');
  const files = fs.readdirSync(specsDir).filter((f) => f.endsWith('.e2e.mjs')).sort().map((f) => path.join(specsDir, f));
  fs.rmSync(SCREENSHOTS, { recursive: true, force: true });
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-e2e-ws-'));
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true, filter: (src) => !src.includes('__pycache__') });
  // No Python extension in the test profile: Record Run (J6) falls back to this setting, Debian's Python with pandas.
  // Written before the workbench opens the folder: a settings file written later reaches the extension host only
  // when the file watcher reports it, which took over 90 s on a loaded machine.
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), JSON.stringify({ 'skewer.python.interpreter': '/usr/bin/python3' }, null, 2));
  wb.profile = createProfile({ name: 'e2e', vsix: [vsix] });
  wb.workspace = workspace;
  wb.server = await startCodeServer(wb.profile);
  wb.browser = await launchBrowser();
  wb.page = await wb.browser.newPage({ viewport: { width: 1400, height: 900 } });
  const mocha = new Mocha({ ui: 'bdd', timeout: 120_000, reporter: 'spec', color: false, bail: false });
  if (filter) mocha.grep(filter);
  files.forEach((f) => mocha.addFile(f));
  mocha.rootHooks({
    async afterEach() {
      if (this.currentTest?.state === 'failed') await screenshot(`FAILED-${this.currentTest.fullTitle().replace(/[^\w]+/g, '-').slice(0, 80)}`).catch(() => undefined);
    },
  });
  await mocha.loadFilesAsync();
  try {
    const stats = await new Promise((resolve) => {
      const runner = mocha.run(() => resolve(runner.stats));
    });
    return { passed: stats.passes, failed: stats.failures, skipped: stats.pending };
  } finally {
    await wb.browser.close();
    await wb.server.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { buildAndPackage } = await import('../tooling/package-vsix.mjs');
  const t = await runEndToEndTests({ vsix: buildAndPackage(), filter: process.argv[2] });
  console.log(`${t.passed} passed, ${t.failed} failed`);
  process.exitCode = t.failed ? 1 : 0;
}
