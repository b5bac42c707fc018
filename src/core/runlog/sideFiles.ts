/**
 * Side files of a run (lineage/*.npy, snapshots/*): path safety and presence checks.
 * A run log is data from disk and may come from anywhere (a shared folder, a CI artifact),
 * so a referenced path must stay inside the run folder.
 */
import { readdir } from 'node:fs/promises';
import * as path from 'node:path';
import { errText } from './json';
import type { Run, Step } from './model';
import { type Problem, SideFileError } from './problem';

/**
 * Absolute path of `rel` inside `runDir`; throws SideFileError('unsafe-path') if it escapes.
 * Lexical on purpose (no path.resolve per call: a run references hundreds of side files).
 */
export function resolveSideFile(runDir: string, rel: string): string {
  const refuse = (why: string): never => {
    throw new SideFileError(path.join(runDir, rel), `refused side-file path ${JSON.stringify(rel)}: ${why}`, 'unsafe-path');
  };
  if (rel === '' || rel.includes('\0') || rel.startsWith('/') || rel.startsWith('\\') || /^[A-Za-z]:/.test(rel)) {
    refuse('must be relative to the run folder');
  }
  const parts: string[] = [];
  for (const seg of rel.split(/[\\/]/)) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (parts.length === 0) refuse('it escapes the run folder');
      parts.pop();
    } else parts.push(seg);
  }
  if (parts.length === 0) refuse('it names the run folder itself');
  return path.join(runDir, ...parts);
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

/** Refuses side-file paths that escape the run folder and reports referenced files that are missing. */
export async function checkSideFiles(run: Run, eventsFile: string, problems: Problem[]): Promise<void> {
  interface Ref { abs: string; rel: string; step: Step; mark: () => void }
  const refs: Ref[] = [];
  const refuse = (step: Step, e: unknown, mark: () => void) => {
    mark();
    const msg = e instanceof SideFileError ? e.detail : errText(e);
    problems.push({ severity: 'error', code: 'unsafe-path', file: eventsFile, line: step.lines[step.lines.length - 1]!, message: `step ${step.seq} (${step.function}): ${msg}` });
  };
  const add = (step: Step, rel: string, mark: () => void) => {
    try {
      refs.push({ abs: resolveSideFile(run.dir, rel), rel, step, mark });
    } catch (e) {
      refuse(step, e, mark);
    }
  };
  for (const step of run.steps) {
    for (const out of step.outputs) {
      const lineage = out.lineage;
      if (lineage) {
        for (const [role, rel] of Object.entries(lineage.arrays)) {
          add(step, rel, () => {
            lineage.unavailable = [...new Set([...(lineage.unavailable ?? []), role])];
          });
        }
      }
      const snap = out.snapshot;
      if (snap) {
        add(step, snap.uri, () => (snap.unavailable = true));
        if (snap.positions !== undefined) add(step, snap.positions, () => (snap.unavailable = true));
      }
      const keys = out.keys;
      if (keys?.uri !== undefined) add(step, keys.uri, () => (keys.unavailable = true));
    }
  }
  if (refs.length === 0) return;
  const present = await existingFiles(refs.map((r) => r.abs));
  for (const r of refs) {
    if (present.has(r.abs)) continue;
    r.mark();
    problems.push({
      severity: 'warning', code: 'missing-side-file', file: r.abs,
      message: `missing side file ${r.rel} (referenced by step ${r.step.seq} ${r.step.function}, ${path.basename(eventsFile)}:${r.step.lines[r.step.lines.length - 1]})`,
    });
  }
}
