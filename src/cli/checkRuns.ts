/** `skewer check --runs DIR`: the static findings confirmed by the runs in DIR, plus what the runs show on their own. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runFindings } from '../core/checks/runFindings';
import type { Finding } from '../core/findings/finding';
import { listRuns } from '../core/runlog/listRuns';
import { runName } from '../core/runlog/runName';
import type { Run } from '../core/runlog/model';
import type { AnalysisNote } from '../core/static/types';
import { RunFolderTraceSource } from '../core/trace/source';
import type { CommandIO } from './io';

/** The baseline run by folder path or run id, or why it cannot be used. */
function findBaseline(spec: string, runs: Run[], cwd: string): Run | string {
  const abs = path.resolve(cwd, spec);
  const hit = runs.find((r) => path.resolve(r.dir) === abs || r.runId === spec || r.runId === path.basename(abs));
  if (!hit) return `--baseline ${spec}: no run with that folder or id in the runs folder`;
  if (hit.phase !== 'train') return `--baseline ${spec}: run ${hit.runId} (${hit.pipeline}) is a ${hit.phase}-phase run, not a training run`;
  return hit;
}

export async function addRunFindings(statics: Finding[], dir: string, baselineSpec: string | undefined, io: CommandIO): Promise<{ findings: Finding[]; notes: AnalysisNote[] } | string> {
  const root = path.resolve(io.cwd, dir);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(root);
  } catch {
    return `--runs ${dir}: no such folder`;
  }
  if (!stat.isDirectory()) return `--runs ${dir}: not a folder`;
  const listing = await listRuns([root]);
  const rootProblem = listing.problems[0];
  if (rootProblem) return `--runs ${dir}: ${rootProblem.message}`;
  const runs = listing.runs.map((r) => r.run);
  const notes: AnalysisNote[] = [];
  for (const r of listing.runs) for (const p of r.problems) if (p.severity === 'error') notes.push({ path: path.relative(io.cwd, r.run.eventsFile) || r.run.eventsFile, kind: 'partial', message: `run ${r.run.runId}: ${p.message}` });
  let baseline: Run | undefined;
  if (baselineSpec !== undefined) {
    const b = findBaseline(baselineSpec, runs, io.cwd);
    if (typeof b === 'string') return b;
    baseline = b;
  }
  const result = await runFindings(listing.runs, statics, {
    workspaceRoot: io.cwd,
    source: (run) => new RunFolderTraceSource(run.dir),
    ...(baseline ? { baseline } : {}),
  });
  if (!runs.length) notes.push({ path: dir, kind: 'info', message: `no recorded runs in ${dir}` });
  for (const run of result.checkedRuns) notes.push({ path: path.relative(io.cwd, run.dir) || run.dir, kind: 'info', message: `checked the ${runName(run)} (${run.phase})` });
  for (const n of result.notes) notes.push({ path: dir, kind: 'partial', message: n });
  return { findings: result.findings, notes };
}
