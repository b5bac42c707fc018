/**
 * Side files of a run (lineage/*.npy, snapshots/*): path safety and presence checks.
 * A run log is data from disk and may come from anywhere (a shared folder, a CI artifact),
 * so a referenced path must stay inside the run folder.
 */
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { SideFileError } from './problem';

/** Absolute path of `rel` inside `runDir`; throws SideFileError('unsafe-path') if it escapes. */
export function resolveSideFile(runDir: string, rel: string): string {
  if (rel === '' || path.isAbsolute(rel) || path.win32.isAbsolute(rel) || rel.includes('\0')) {
    throw new SideFileError(path.join(runDir, rel), `refused side-file path ${JSON.stringify(rel)}: must be relative to the run folder`, 'unsafe-path');
  }
  const abs = path.resolve(runDir, rel);
  const back = path.relative(runDir, abs);
  if (back === '' || back.startsWith('..') || path.isAbsolute(back)) {
    throw new SideFileError(abs, `refused side-file path ${JSON.stringify(rel)}: it escapes the run folder`, 'unsafe-path');
  }
  return abs;
}

/**
 * Presence check for many side files at once: one readdir per distinct folder instead of
 * one stat per file (a run references a few files per step).
 */
export async function existingFiles(absPaths: Iterable<string>): Promise<Set<string>> {
  const byDir = new Map<string, string[]>();
  for (const p of absPaths) {
    const d = path.dirname(p);
    const list = byDir.get(d);
    if (list) list.push(p);
    else byDir.set(d, [p]);
  }
  const present = new Set<string>();
  await Promise.all(
    [...byDir.entries()].map(async ([dir, files]) => {
      let names: Set<string>;
      try {
        names = new Set(await readdir(dir));
      } catch {
        return; // folder missing or unreadable: all its files count as missing
      }
      for (const f of files) if (names.has(path.basename(f))) present.add(f);
    }),
  );
  return present;
}
