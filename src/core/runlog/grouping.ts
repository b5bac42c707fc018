/**
 * Which pipeline a run belongs to, for the Runs view: the script's workspace-relative path, computed
 * from the run's recorded working directory and script (the job name alone is relative to wherever
 * the recording was started, so the same notebook recorded from two folders had two names, and
 * three `pipeline.py` in three folders, each recorded from its own folder, had one).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { isInside } from '../runFolders';
import type { Run, RunGroup, RunReadResult } from './model';

export interface GroupingOptions {
  /** Workspace folders (absolute); scripts inside one are named relative to it. */
  workspaceRoots?: string[];
  /** File test for runs recorded elsewhere (a cloned project, moved examples); tests can replace it. */
  exists?: (p: string) => boolean;
}

export interface ScriptPlace {
  /** Identity of the pipeline: the script's absolute path, or `job:<name>` when there is no script. */
  key: string;
  /** What the user recognises: the workspace-relative path (posix), else the job name. */
  display: string;
  /** Absolute path of the script, when the run names one. */
  scriptPath?: string;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/**
 * Where the script of `run` lives. Inside a workspace folder → relative to it (prefixed with the folder's
 * name when several are open). A run recorded under another path (its cwd is outside every workspace
 * folder) is placed at the longest tail of its script path that exists in a workspace folder.
 */
export function placeScript(run: Run, options: GroupingOptions = {}, cache = new Map<string, ScriptPlace>()): ScriptPlace {
  const script = run.script ?? run.pipeline;
  if (!run.isSkewer || !run.cwd || !script || script === '<interactive>') return { key: `job:${run.pipeline}`, display: run.pipeline };
  const abs = path.resolve(run.cwd, script);
  const hit = cache.get(abs);
  if (hit) return hit;
  const roots = (options.workspaceRoots ?? []).map((r) => path.resolve(r));
  const exists = options.exists ?? existsSync;
  const name = (root: string, file: string) => {
    const rel = toPosix(path.relative(root, file));
    return roots.length > 1 ? `${path.basename(root)}/${rel}` : rel;
  };
  let place: ScriptPlace | undefined;
  const owner = roots.find((r) => isInside(r, abs) && r !== abs);
  if (owner) place = { key: abs, display: name(owner, abs), scriptPath: abs };
  else {
    const parts = abs.split(path.sep).filter(Boolean);
    search: for (let k = parts.length - 1; k >= 1; k--) {
      for (const root of roots) {
        const candidate = path.join(root, ...parts.slice(-k));
        if (exists(candidate)) {
          place = { key: candidate, display: name(root, candidate), scriptPath: candidate };
          break search;
        }
      }
    }
  }
  place ??= { key: abs, display: run.pipeline, scriptPath: abs };
  cache.set(abs, place);
  return place;
}

/**
 * Runs (newest first) → groups ordered by their newest run, labelled with the workspace-relative path.
 * Two different scripts can still share a label (runs recorded elsewhere whose script is not in the
 * workspace keep their job name): those groups get `folder`, the script's folder, to tell them apart.
 */
export function groupRuns(runs: RunReadResult[], options: GroupingOptions = {}): RunGroup[] {
  const cache = new Map<string, ScriptPlace>();
  const byKey = new Map<string, RunGroup>();
  for (const r of runs) {
    const place = placeScript(r.run, options, cache);
    let g = byKey.get(place.key);
    if (!g) {
      g = { pipeline: place.display, label: place.display, runs: [], ...(place.scriptPath ? { scriptPath: place.scriptPath } : {}) };
      byKey.set(place.key, g);
    }
    g.runs.push(r);
  }
  const groups = [...byKey.values()];
  const byLabel = new Map<string, RunGroup[]>();
  for (const g of groups) byLabel.set(g.label, [...(byLabel.get(g.label) ?? []), g]);
  for (const same of byLabel.values()) {
    if (same.length < 2) continue;
    for (const g of same) g.folder = g.scriptPath ? path.dirname(g.scriptPath) : g.runs[0]!.run.dir;
  }
  return groups;
}
