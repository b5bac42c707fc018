// Extension-host suites in a real VS Code (code-server 1.139) opened by Chromium. @vscode/test-electron
// cannot download VS Code here, so a small runner extension (test/exthost/runner), installed only in
// the throw-away test profile, runs the mocha suites inside the extension host when the workbench starts.
// Suites live in test/exthost/suites/<workspace>/*.test.ts; <workspace> picks the folder opened.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { createProfile, launchBrowser, startCodeServer } from '../tooling/codeServer.mjs';
import { packVsix } from '../tooling/package-vsix.mjs';
import { CACHE } from '../tooling/tools.mjs';
import { WORKSPACES } from './workspaces.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(root, '.test-output', 'exthost');

/**
 * A test-only extension's .vsix (a folder under test/exthost: the runner, the Python extension
 * stand-in), cached by the hash of its files.
 */
export function testExtensionVsix(name) {
  const dir = path.join(root, 'test', 'exthost', name);
  const hash = crypto.createHash('sha256');
  for (const f of fs.readdirSync(dir).sort()) hash.update(f).update(fs.readFileSync(path.join(dir, f)));
  const out = path.join(CACHE, `skewer-test-${name}-${hash.digest('hex').slice(0, 12)}.vsix`);
  if (!fs.existsSync(out)) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `skewer-${name}-`));
    fs.cpSync(dir, tmp, { recursive: true });
    fs.writeFileSync(path.join(tmp, 'README.md'), `# Skewer test extension: ${name}\n`);
    fs.writeFileSync(path.join(tmp, '.vscodeignore'), '**\n!package.json\n!README.md\n!*.js\n');
    packVsix(tmp, out);
  }
  return out;
}

/** The runner extension's .vsix. */
export const runnerVsix = () => testExtensionVsix('runner');

async function runGroup(group, files, skewerVsix) {
  const spec = WORKSPACES[group];
  if (!spec) throw new Error(`test/exthost/suites/${group}: no workspace named "${group}" in workspaces.mjs`);
  const extra = (spec.extensions ?? []).map(testExtensionVsix);
  const profile = createProfile({ name: `exthost-${group}`, settings: spec.settings ?? {}, vsix: [skewerVsix, runnerVsix(), ...extra] });
  const runnerDir = fs.readdirSync(profile.extensionsDir).find((d) => d.startsWith('skewer-test.skewer-test-runner-'));
  if (!runnerDir) throw new Error('runner extension did not install');
  const installDir = path.join(profile.extensionsDir, runnerDir);
  const workspace = spec.create(fs.mkdtempSync(path.join(os.tmpdir(), `skewer-ws-${group}-`)));

  await esbuild.build({
    entryPoints: files,
    outdir: path.join(installDir, 'suites'),
    outbase: path.join(root, 'test', 'exthost', 'suites'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
    sourcemap: 'inline',
    logLevel: 'warning',
  });
  const logFile = path.join(profile.root, 'tests.ndjson');
  const resultFile = path.join(profile.root, 'result.json');
  fs.writeFileSync(
    path.join(installDir, 'config.json'),
    JSON.stringify({
      mochaPath: path.join(root, 'node_modules', 'mocha'),
      files: files.map((f) => path.join('suites', path.relative(path.join(root, 'test', 'exthost', 'suites'), f).replace(/\.ts$/, '.js'))),
      logFile,
      resultFile,
      timeout: 60000,
    }),
  );

  const server = await startCodeServer(profile, { env: { SKEWER_TEST_WORKSPACE: workspace } });
  const browser = await launchBrowser();
  const counts = { passed: 0, failed: 0, skipped: 0 };
  let printed = 0;
  const flush = () => {
    if (!fs.existsSync(logFile)) return;
    const lines = fs.readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    for (const line of lines.slice(printed)) {
      const ev = JSON.parse(line);
      if (ev.event === 'pass') { counts.passed++; console.log(`  ✓ [${group}] ${ev.title} (${ev.ms} ms)`); }
      else if (ev.event === 'fail') { counts.failed++; console.log(`  ✗ [${group}] ${ev.title}\n${ev.error.split('\n').slice(0, 12).map((l) => '      ' + l).join('\n')}`); }
      else if (ev.event === 'skip') { counts.skipped++; console.log(`  - [${group}] ${ev.title} (skipped)`); }
    }
    printed = lines.length;
  };
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, permissions: ['clipboard-read', 'clipboard-write'] });
    await page.goto(server.folderUrl(workspace));
    const deadline = Date.now() + 10 * 60_000;
    while (!fs.existsSync(resultFile)) {
      flush();
      if (Date.now() > deadline) {
        counts.failed++;
        console.log(`  ✗ [${group}] timed out waiting for the suites (see ${server.logFile})`);
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    flush();
    const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
    if (result?.failures || !fs.existsSync(resultFile)) {
      fs.mkdirSync(outDir, { recursive: true });
      await page.screenshot({ path: path.join(outDir, `${group}-end.png`) });
    }
    if (counts.passed + counts.failed === 0) {
      counts.failed++;
      console.log(`  ✗ [${group}] no test ran`);
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return counts;
}

export async function runExtensionHostTests({ vsix, filter } = {}) {
  const suitesRoot = path.join(root, 'test', 'exthost', 'suites');
  const groups = fs.readdirSync(suitesRoot).filter((g) => fs.statSync(path.join(suitesRoot, g)).isDirectory()).sort();
  const total = { passed: 0, failed: 0, skipped: 0 };
  for (const group of groups) {
    const files = fs.readdirSync(path.join(suitesRoot, group)).filter((f) => f.endsWith('.test.ts')).map((f) => path.join(suitesRoot, group, f));
    const selected = filter ? files.filter((f) => f.includes(filter)) : files;
    if (!selected.length) continue;
    console.log(`extension host · workspace "${group}" · ${selected.length} suite file(s)`);
    const c = await runGroup(group, selected, vsix);
    total.passed += c.passed; total.failed += c.failed; total.skipped += c.skipped;
  }
  return total;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { buildAndPackage } = await import('../tooling/package-vsix.mjs');
  const t = await runExtensionHostTests({ vsix: buildAndPackage(), filter: process.argv[2] });
  console.log(`${t.passed} passed, ${t.failed} failed`);
  process.exitCode = t.failed ? 1 : 0;
}
