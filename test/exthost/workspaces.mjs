// The folders the extension-host suites open, one per suites/<name>/ directory. Each `create`
// fills a fresh temporary folder; `settings` are user settings for that code-server profile.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const WORKSPACES = {
  /** The bundled example workspace, with its committed recorded runs. */
  examples: {
    create(dir) {
      fs.cpSync(path.join(root, 'examples'), dir, { recursive: true, filter: (src) => !src.includes('__pycache__') });
      return dir;
    },
  },
  /** Python files and a notebook with leakage, and no recorded runs. */
  leaky: {
    create(dir) {
      fs.cpSync(path.join(root, 'test', 'exthost', 'fixtures', 'leaky'), dir, { recursive: true });
      return dir;
    },
  },
  /** A project with code but no recorded runs. */
  empty: {
    create(dir) {
      fs.writeFileSync(path.join(dir, 'README.md'), '# a project with no recorded runs\n');
      return dir;
    },
  },
  /** Broken run-folder settings: a file where a folder is expected, a non-string entry, a missing absolute folder. */
  badsetting: {
    create(dir) {
      fs.writeFileSync(path.join(dir, 'not-a-folder.txt'), 'this is a file\n');
      fs.mkdirSync(path.join(dir, '.vscode'));
      fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'skewer.runFolders': ['not-a-folder.txt', 42, '/nonexistent/skewer-runs'] }));
      return dir;
    },
  },
  /** Workspace trust on and the folder not trusted (restricted mode). */
  untrusted: {
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' },
    create(dir) {
      fs.mkdirSync(path.join(dir, '.skewer', 'runs'), { recursive: true });
      return dir;
    },
  },
};
