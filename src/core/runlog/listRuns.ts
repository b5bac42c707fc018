/**
 * listRuns: every run under some root folders, grouped by pipeline (grouping.ts), newest first.
 * A root may be a runs folder (`<root>/<runId>/events.ndjson`), a run folder itself
 * (`<root>/events.ndjson`), a folder of plain OpenLineage logs (`<root>/*.ndjson`), or one such log.
 * Roots that are missing or unreadable become problems, never exceptions.
 */
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { groupRuns, type GroupingOptions } from './grouping';
import type { RunListing, RunReadResult } from './model';
import type { Problem } from './problem';
import { EVENTS_FILE, locateRun, readLocatedRun, type ReadRunOptions, unreadableRun } from './readRun';

export interface ListRunsOptions extends ReadRunOptions, GroupingOptions {
  /** Runs read at the same time (file handles and memory stay bounded). */
  concurrency?: number;
  /** Reuse results of runs whose events file did not change since the previous listing. */
  cache?: RunCache;
}

/**
 * Results of earlier listings keyed by events file. A run is read again when its events file
 * changed size or mtime, or when it was running (it may have become incomplete without any write).
 */
export class RunCache {
  private readonly entries = new Map<string, { mtime: number; size: number; result: RunReadResult }>();

  get(eventsFile: string, mtime: number, size: number): RunReadResult | undefined {
    const e = this.entries.get(eventsFile);
    if (!e || e.mtime !== mtime || e.size !== size || e.result.run.status === 'running') return undefined;
    return e.result;
  }

  set(eventsFile: string, mtime: number, size: number, result: RunReadResult): void {
    this.entries.set(eventsFile, { mtime, size, result });
  }

  /** Forgets runs that are no longer listed. */
  retain(eventsFiles: Set<string>): void {
    for (const k of this.entries.keys()) if (!eventsFiles.has(k)) this.entries.delete(k);
  }
}

/** The run targets (run folders or .ndjson files) found in one root. */
async function targetsIn(root: string, problems: Problem[]): Promise<string[]> {
  let entries;
  try {
    entries = await readdir(root, { withFileTypes: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR' && root.endsWith('.ndjson')) return [root]; // a log file given directly
    const why = code === 'ENOENT' ? 'does not exist' : code === 'ENOTDIR' ? 'is not a folder' : code === 'EACCES' || code === 'EPERM' ? 'is not readable (permission denied)' : (e as Error).message;
    problems.push({ severity: 'error', code: 'unreadable', file: root, message: `runs folder ${why}` });
    return [];
  }
  const targets: string[] = [];
  const subdirs: string[] = [];
  for (const e of entries) {
    if (e.isFile() && e.name === EVENTS_FILE) targets.push(root);
    else if (e.isFile() && e.name.endsWith('.ndjson')) targets.push(path.join(root, e.name));
    else if (e.isDirectory() || e.isSymbolicLink()) subdirs.push(path.join(root, e.name));
  }
  await Promise.all(
    subdirs.map(async (d) => {
      try {
        const names = await readdir(d);
        if (names.includes(EVENTS_FILE)) targets.push(d);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'ENOTDIR') return; // a symlink to a file
        problems.push({ severity: 'warning', code: 'unreadable', file: d, message: `run folder is not readable: ${(e as Error).message}` });
      }
    }),
  );
  return targets.sort();
}

/** Sort key: start time, else the run folder's UUIDv7 (time-ordered), else the file time. */
function startKey(r: RunReadResult): number {
  const t = r.run.startedAt ? Date.parse(r.run.startedAt) : NaN;
  return Number.isNaN(t) ? r.run.modifiedAt : t;
}

export function newestFirst(a: RunReadResult, b: RunReadResult): number {
  return startKey(b) - startKey(a) || b.run.runId.localeCompare(a.run.runId);
}

export async function listRuns(roots: string[], options: ListRunsOptions = {}): Promise<RunListing> {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const targets: string[] = [];
  for (const root of roots) {
    for (const t of await targetsIn(path.resolve(root), problems)) {
      if (!seen.has(t)) {
        seen.add(t);
        targets.push(t);
      }
    }
  }
  const results: RunReadResult[] = new Array(targets.length);
  const cache = options.cache;
  const listed = new Set<string>();
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      const { location, problem } = await locateRun(targets[i]!);
      if (problem) {
        results[i] = unreadableRun(location, problem);
        continue;
      }
      listed.add(location.eventsFile);
      const cached = cache?.get(location.eventsFile, location.mtime, location.size);
      if (cached) {
        results[i] = cached;
        continue;
      }
      results[i] = await readLocatedRun(location, options);
      cache?.set(location.eventsFile, location.mtime, location.size, results[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 4, targets.length) }, worker));
  cache?.retain(listed);

  const runs = results.sort(newestFirst);
  return { groups: groupRuns(runs, options), runs, problems };
}
