/**
 * Resolves the configured run folders and reports, per folder, whether it can be read and
 * how many runs it holds. Used by the extension's empty states and by the CLI; no `vscode`.
 */
import fs from 'node:fs/promises';
import path from 'node:path';

export interface RunFolder {
  /** As written in the setting, for messages the user recognises. */
  setting: string;
  /** Absolute path. */
  path: string;
  /** Workspace folder the setting was resolved against, if any. */
  base?: string;
}

export interface RunFolderStatus extends RunFolder {
  ok: boolean;
  runCount: number;
  problem?: string;
}

/**
 * Expands `${workspaceFolder}` and resolves relative entries against each base folder.
 * Entries that are not strings are reported rather than dropped silently.
 */
export function resolveRunFolders(entries: unknown, bases: string[]): { folders: RunFolder[]; problems: string[] } {
  const problems: string[] = [];
  const folders: RunFolder[] = [];
  if (!Array.isArray(entries)) {
    return { folders, problems: [`skewer.runFolders must be a list of folder paths, got ${JSON.stringify(entries)}`] };
  }
  const seen = new Set<string>();
  for (const entry of entries) {
    if (typeof entry !== 'string' || entry.trim() === '') {
      problems.push(`skewer.runFolders: ignoring ${JSON.stringify(entry)} (not a folder path)`);
      continue;
    }
    const targets = path.isAbsolute(entry) && !entry.includes('${workspaceFolder}') ? [undefined] : bases.length ? bases : [undefined];
    for (const base of targets) {
      const expanded = base ? entry.replaceAll('${workspaceFolder}', base) : entry;
      if (!base && !path.isAbsolute(expanded)) {
        problems.push(`skewer.runFolders: "${entry}" is relative but no folder is open`);
        continue;
      }
      const abs = path.resolve(base ?? '/', expanded);
      if (seen.has(abs)) continue;
      seen.add(abs);
      folders.push(base ? { setting: entry, path: abs, base } : { setting: entry, path: abs });
    }
  }
  return { folders, problems };
}

/** True when `child` is `parent` or lies inside it (after resolving `..`). */
export function isInside(parent: string, child: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Checks one folder: missing is normal for the default (no runs yet); unreadable is a problem. */
export async function checkRunFolder(folder: RunFolder): Promise<RunFolderStatus> {
  let entries: string[];
  try {
    const st = await fs.stat(folder.path);
    if (!st.isDirectory()) return { ...folder, ok: false, runCount: 0, problem: `${folder.path} is not a folder` };
    entries = await fs.readdir(folder.path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ...folder, ok: false, runCount: 0, problem: `${folder.path} does not exist yet` };
    if (code === 'EACCES' || code === 'EPERM') return { ...folder, ok: false, runCount: 0, problem: `${folder.path} cannot be read (permission denied)` };
    return { ...folder, ok: false, runCount: 0, problem: `${folder.path} cannot be read (${code ?? String(err)})` };
  }
  let runCount = 0;
  await Promise.all(
    entries.map(async (name) => {
      try {
        await fs.access(path.join(folder.path, name, 'events.ndjson'));
        runCount++;
      } catch {
        /* not a run folder */
      }
    }),
  );
  return { ...folder, ok: true, runCount };
}
