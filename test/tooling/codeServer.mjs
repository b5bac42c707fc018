// Starts a throw-away code-server (a real VS Code workbench served to the browser) with its own
// user-data and extensions folders, and drives it with Debian's Chromium through playwright-core.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { ensureCodeServer, paths } from './tools.mjs';

/** User settings that keep the workbench clean for tests: no trust prompt, welcome page, telemetry, chat or tips. */
export const TEST_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'git.enabled': false,
  'workbench.enableExperiments': false,
  'window.commandCenter': false,
  'editor.minimap.enabled': false,
  'files.autoSave': 'off',
  // Typing in end-to-end tests must produce exactly the keys typed: no suggestion accepted on Enter.
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.acceptSuggestionOnEnter': 'off',
  'editor.wordBasedSuggestions': 'off',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.colorTheme': 'Dark Modern',
};

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function codeServerArgs(profile, extra) {
  return [paths.codeServer, '--config', path.join(profile.root, 'config.yaml'), '--user-data-dir', profile.userDataDir, '--extensions-dir', profile.extensionsDir, ...extra];
}

/** A fresh profile: settings plus the given .vsix files installed offline. */
export function createProfile({ name, settings = {}, vsix = [] }) {
  ensureCodeServer();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `skewer-${name}-`));
  const profile = { root, userDataDir: path.join(root, 'user-data'), extensionsDir: path.join(root, 'extensions') };
  fs.mkdirSync(path.join(profile.userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(profile.extensionsDir, { recursive: true });
  fs.writeFileSync(path.join(root, 'config.yaml'), 'auth: none\n');
  writeSettings(profile, settings);
  for (const file of vsix) {
    execFileSync(paths.node, codeServerArgs(profile, ['--install-extension', file, '--force']), { stdio: ['ignore', 'pipe', 'pipe'] });
  }
  return profile;
}

export function writeSettings(profile, settings) {
  fs.writeFileSync(path.join(profile.userDataDir, 'User', 'settings.json'), JSON.stringify({ ...TEST_SETTINGS, ...settings }, null, 2));
}

/** Starts code-server on a free loopback port; resolves once it answers HTTP. */
export async function startCodeServer(profile, { env = {}, args = [], port: fixedPort } = {}) {
  const port = fixedPort ?? (await freePort());
  const logFile = path.join(profile.root, 'code-server.log');
  const out = fs.openSync(logFile, 'a');
  const child = spawn(paths.node, codeServerArgs(profile, ['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--ignore-last-opened', ...args]), {
    stdio: ['ignore', out, out],
    env: { ...process.env, PATH: `${path.dirname(paths.node)}:${process.env.PATH}`, ...env },
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}); see ${logFile}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start within 60 s; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    logFile,
    folderUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder)}`,
    async stop() {
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        await new Promise((r) => {
          const t = setTimeout(() => {
            try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
            r();
          }, 5000);
          child.once('exit', () => { clearTimeout(t); r(); });
        });
      }
      fs.closeSync(out);
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: paths.chromium, headless: true, args: CHROMIUM_ARGS });
}
