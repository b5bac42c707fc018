// Workbench benchmarks in a real VS Code (code-server) driven by Chromium:
//  - activation: Skewer's activate() time, as a ratio to a baseline measured in the same extension
//    host (the bare API calls a minimal extension with the same views and commands makes);
//  - view: time from navigation to the Skewer Runs view being visible (after a click on its icon),
//    as a ratio to the time the workbench itself takes to show its activity bar;
//  - bundle sizes of what the .vsix ships.
// Prints one line per figure and a final JSON line. Usage: node bench/workbench.mjs [--runs N]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { createProfile, launchBrowser, startCodeServer } from '../test/tooling/codeServer.mjs';
import { buildAndPackage } from '../test/tooling/package-vsix.mjs';
import { runnerVsix } from '../test/exthost/run.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const vsix = buildAndPackage();
const sizes = Object.fromEntries(['extension.js', 'heavy.js', 'workers/static.worker.js', 'cli.js', 'webview/main.js', 'webview/main.css'].filter((f) => fs.existsSync(path.join(root, 'dist', f))).map((f) => [f, fs.statSync(path.join(root, 'dist', f)).size]));
sizes.vsix = fs.statSync(vsix).size;

const activation = [];
const baseline = [];
const viewMs = [];
const workbenchMs = [];
const activatedAfter = [];
const listedAfter = [];
const refreshMs = [];
for (let i = 0; i < runs; i++) {
  const profile = createProfile({ name: 'bench', vsix: [vsix, runnerVsix()] });
  const runnerDir = path.join(profile.extensionsDir, fs.readdirSync(profile.extensionsDir).find((d) => d.startsWith('skewer-test.skewer-test-runner-')));
  await esbuild.build({ entryPoints: [path.join(root, 'bench/exthost/activation.bench.ts')], outfile: path.join(runnerDir, 'suites', 'activation.bench.js'), bundle: true, platform: 'node', format: 'cjs', external: ['vscode', 'mocha'], logLevel: 'warning' });
  const resultFile = path.join(profile.root, 'result.json');
  const out = path.join(os.tmpdir(), 'skewer-bench-activation.json');
  fs.rmSync(out, { force: true });
  fs.writeFileSync(path.join(runnerDir, 'config.json'), JSON.stringify({ mochaPath: path.join(root, 'node_modules', 'mocha'), files: ['suites/activation.bench.js'], logFile: path.join(profile.root, 'log.ndjson'), resultFile }));
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-bench-ws-'));
  fs.cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  const server = await startCodeServer(profile);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const t0 = Date.now();
    await page.goto(server.folderUrl(workspace));
    // (Date.now() here and in the extension host share this machine's clock.)
    await page.waitForSelector('.monaco-workbench .part.activitybar .action-item', { timeout: 60_000 });
    workbenchMs.push(Date.now() - t0);
    await page.locator('.activitybar .action-item a[aria-label^="Skewer"], .activitybar .action-item[aria-label^="Skewer"]').first().click();
    await page.locator('#workbench\\.parts\\.sidebar .pane-header', { hasText: 'Runs' }).waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('#workbench\\.parts\\.sidebar .monaco-list-row', { hasText: 'churn/train.py' }).first().waitFor({ state: 'visible', timeout: 60_000 });
    viewMs.push(Date.now() - t0);
    const deadline = Date.now() + 120_000;
    while (!fs.existsSync(resultFile) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const r = JSON.parse(fs.readFileSync(out, 'utf8'));
    activation.push(r.activationMs);
    baseline.push(r.baselineMs);
    activatedAfter.push(r.activatedAt - t0);
    listedAfter.push(r.runsListedAt - t0);
    refreshMs.push(r.firstRefreshMs);
  } finally {
    await browser.close();
    await server.stop();
  }
}

const result = {
  activationMs: +median(activation).toFixed(2),
  activationBaselineMs: +median(baseline).toFixed(2),
  activationRatio: +(median(activation) / median(baseline)).toFixed(2),
  workbenchMs: median(workbenchMs),
  runsViewWithRunsMs: median(viewMs),
  runsViewRatio: +(median(viewMs) / median(workbenchMs)).toFixed(2),
  activatedAfterMs: median(activatedAfter),
  runsListedAfterMs: median(listedAfter),
  firstRunsRefreshMs: +median(refreshMs).toFixed(1),
  bytes: sizes,
};
console.log(`activation: activate() ${result.activationMs} ms = ${result.activationRatio}× a minimal extension's API calls (${result.activationBaselineMs} ms); target < 50 ms`);
console.log(`view: workbench activity bar ${result.workbenchMs} ms; Skewer Runs view listing runs ${result.runsViewWithRunsMs} ms = ${result.runsViewRatio}× workbench load`);
console.log(`breakdown: Skewer activated ${result.activatedAfterMs} ms after navigation; runs listed ${result.runsListedAfterMs} ms after (first refresh ${result.firstRunsRefreshMs} ms, incl. loading heavy.js)`);
console.log(`bundles: ${Object.entries(sizes).map(([k, v]) => `${k} ${(v / 1024).toFixed(0)} KB`).join(', ')}`);
console.log(JSON.stringify({ bench: 'workbench', runs, ...result }));
