/**
 * Which recorded run (and which of its steps) a static finding talks about. Step locations are
 * relative to the recording process's cwd while findings carry workspace-relative or absolute paths,
 * so files match by resolved absolute path when both sides can be resolved, else by path suffix on
 * segment boundaries. Notebooks must match the cell too.
 */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { SourceLocation } from '../findings/finding';
import type { Run, RunReadResult, Step } from '../runlog/model';
import { lineLabel } from '../cellNumbers';

const posix = (p: string) => p.replace(/\\/g, '/').replace(/^\.\//, '');

function resolved(file: string, base: string | undefined): string | undefined {
  if (path.isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file)) return posix(path.normalize(file));
  return base ? posix(path.resolve(base, file)) : undefined;
}

/** True when the two paths name the same file: equal once resolved, or one is a segment-suffix of the other. */
export function sameFile(findingFile: string, stepFile: string, workspaceRoot: string | undefined, runCwd: string | undefined): boolean {
  const a = resolved(findingFile, workspaceRoot);
  const b = resolved(stepFile, runCwd);
  if (a !== undefined && b !== undefined && a === b) return true;
  const x = posix(path.posix.normalize(posix(findingFile)));
  const y = posix(path.posix.normalize(posix(stepFile)));
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return long.endsWith('/' + short);
}

/** Steps of `run` recorded at `loc`'s file (and cell). */
export function stepsInFile(run: Run, loc: SourceLocation, workspaceRoot: string | undefined): Step[] {
  return run.steps.filter(
    (s) => s.location && (loc.cell === undefined || s.location.cell === loc.cell) && sameFile(loc.file, s.location.file, workspaceRoot, run.cwd),
  );
}

/** Runs newest first (start time, then the time-ordered UUIDv7 run id). */
export function newestRunsFirst(runs: ReadonlyArray<RunReadResult | Run>): Run[] {
  const list = runs.map((r) => ('run' in r ? r.run : r));
  const key = (r: Run) => {
    const t = r.startedAt ? Date.parse(r.startedAt) : NaN;
    return Number.isNaN(t) ? r.modifiedAt : t;
  };
  return list.sort((a, b) => key(b) - key(a) || b.runId.localeCompare(a.runId));
}

/** Current text of the line a finding points at, to tell whether a run was recorded from the same code. */
export class SourceLines {
  private readonly files = new Map<string, Promise<string[][] | undefined>>();

  constructor(
    private readonly workspaceRoot: string | undefined,
    private readonly readText: (file: string) => Promise<string | undefined>,
  ) {}

  async line(loc: SourceLocation): Promise<string | undefined> {
    return (await this.lines(loc))?.[loc.line - 1];
  }

  /** All lines of the file (or of the notebook cell) `loc` names; undefined when it cannot be read. */
  async lines(loc: Pick<SourceLocation, 'file' | 'cell'>): Promise<string[] | undefined> {
    let p = this.files.get(loc.file);
    if (!p) {
      p = this.load(loc.file);
      this.files.set(loc.file, p);
    }
    const chunks = await p;
    if (!chunks) return undefined;
    return loc.cell !== undefined ? chunks[loc.cell] : chunks[0];
  }

  private async load(file: string): Promise<string[][] | undefined> {
    let text: string | undefined;
    try {
      text = await this.readText(resolved(file, this.workspaceRoot) ?? file);
    } catch {
      return undefined;
    }
    if (text === undefined) return undefined;
    if (!file.toLowerCase().endsWith('.ipynb')) return [text.split(/\r?\n/)];
    try {
      const nb = JSON.parse(text) as { cells?: { source?: string | string[] }[] };
      return (nb.cells ?? []).map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source ?? '').split(/\r?\n/));
    } catch {
      return undefined;
    }
  }
}

/** Reads a file from disk; undefined when it is not there (no workspace, deleted file). */
export async function readTextFile(file: string): Promise<string | undefined> {
  if (!path.isAbsolute(file)) return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Whitespace-insensitive comparison of a recorded call line with the current one. */
export function sameCode(recorded: string, current: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ');
  return norm(recorded) === norm(current);
}

export function where(step: Step): string {
  const l = step.location;
  if (!l) return '';
  return lineLabel(l);
}

/** "StandardScaler" from "sklearn.preprocessing._data.StandardScaler", else the function name. */
export function shortClass(step: Step): string {
  return step.fitted?.class.split('.').pop() ?? step.function.split('.')[0] ?? step.function;
}

export const fmt = (n: number) => n.toLocaleString('en-US');
