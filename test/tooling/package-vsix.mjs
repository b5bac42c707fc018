// `npm run package`: production build, then @vscode/vsce (run on the cached Node 24, since vsce
// needs Node 22+) packs the allowlisted files into dist/skewer-<version>.vsix. Dependencies are
// bundled by esbuild, so vsce runs with --no-dependencies.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureVsce, paths } from './tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Packs the extension folder `dir` into `out`; returns the .vsix path. */
export function packVsix(dir, out) {
  const vsce = ensureVsce();
  fs.mkdirSync(path.dirname(out), { recursive: true });
  execFileSync(paths.node, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', out], { cwd: dir, stdio: ['ignore', 'pipe', 'inherit'] });
  return out;
}

export function buildAndPackage({ production = true } = {}) {
  execFileSync(process.execPath, ['esbuild.mjs', ...(production ? ['--production'] : [])], { cwd: root, stdio: 'inherit' });
  const { version, name } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  return packVsix(root, path.join(root, 'dist', `${name}-${version}.vsix`));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = buildAndPackage();
  console.log(`packaged ${path.relative(root, file)} (${(fs.statSync(file).size / 1024).toFixed(0)} KB)`);
}
