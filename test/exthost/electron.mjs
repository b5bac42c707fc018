// The same extension-host suites on desktop VS Code through @vscode/test-electron, for machines that
// can download VS Code (this project's CI cannot: it uses run.mjs and code-server instead).
// Usage: npm run test:electron [-- filter]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { runTests } from '@vscode/test-electron';
import { TEST_SETTINGS } from '../tooling/codeServer.mjs';
import { WORKSPACES } from './workspaces.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suitesRoot = path.join(root, 'test', 'exthost', 'suites');
const filter = process.argv[2];

let failed = 0;
for (const group of fs.readdirSync(suitesRoot).filter((g) => fs.statSync(path.join(suitesRoot, g)).isDirectory()).sort()) {
  const files = fs.readdirSync(path.join(suitesRoot, group)).filter((f) => f.endsWith('.test.ts') && (!filter || f.includes(filter)));
  if (!files.length) continue;
  const out = path.join(root, 'out', 'exthost', group);
  await esbuild.build({ entryPoints: files.map((f) => path.join(suitesRoot, group, f)), outdir: out, bundle: true, platform: 'node', format: 'cjs', external: ['vscode', 'mocha'], logLevel: 'warning' });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `skewer-electron-${group}-`));
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify({ ...TEST_SETTINGS, ...(WORKSPACES[group].settings ?? {}) }));
  const workspace = WORKSPACES[group].create(fs.mkdtempSync(path.join(tmp, 'ws-')));
  const logFile = path.join(tmp, 'tests.ndjson');
  const config = { mochaPath: path.join(root, 'node_modules', 'mocha'), files: files.map((f) => path.join(out, f.replace(/\.ts$/, '.js'))), logFile, timeout: 60000 };
  try {
    await runTests({
      version: 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'test', 'exthost', 'electron-index.js'),
      launchArgs: [workspace, '--disable-extensions', `--user-data-dir=${userData}`],
      extensionTestsEnv: { SKEWER_EXTHOST_CONFIG: JSON.stringify(config) },
    });
  } catch {
    failed++;
  }
  if (fs.existsSync(logFile)) for (const l of fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean)) { const e = JSON.parse(l); if (e.event !== 'end') console.log(`${e.event === 'pass' ? '✓' : e.event === 'fail' ? '✗' : '-'} [${group}] ${e.title}${e.error ? '\n' + e.error : ''}`); }
}
process.exitCode = failed ? 1 : 0;
