/** Expands CLI path arguments into the .py / .ipynb files to check. */
import * as fs from 'node:fs';
import * as path from 'node:path';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', '__pycache__', '.venv', 'venv', 'env', '.env',
  '.tox', '.nox', '.mypy_cache', '.pytest_cache', '.ipynb_checkpoints', 'site-packages', 'dist', 'build', '.skewer']);

export function isCheckable(file: string): boolean {
  return /\.(py|ipynb)$/i.test(file);
}

/** A directory holding `pyvenv.cfg` is a virtualenv whatever its name. */
function isVirtualenv(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'pyvenv.cfg'));
}

export class MissingPathError extends Error {}

/**
 * Files under `paths` (files given explicitly are kept whatever their extension).
 * Throws MissingPathError for a path that does not exist.
 */
export function collectFiles(paths: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (f: string): void => {
    const key = path.resolve(f);
    if (!seen.has(key)) { seen.add(key); out.push(f); }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      throw new MissingPathError(`no such file or directory: ${p}`);
    }
    if (st.isFile()) { add(p); continue; }
    if (!st.isDirectory()) continue;
    const walk = (dir: string): void => {
      let entries: fs.Dirent[];
      try {
        entries = fs.readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of entries) {
        const full = dir === '.' ? e.name : path.join(dir, e.name);
        if (e.isDirectory()) {
          if (SKIP_DIRS.has(e.name) || isVirtualenv(full)) continue;
          walk(full);
        } else if (e.isFile() && isCheckable(e.name)) add(full);
      }
    };
    walk(p);
  }
  return out;
}
