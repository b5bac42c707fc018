/** `skewer runs [DIR]`: the recorded runs in a runs folder, newest first, grouped by pipeline. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { listRuns, type RunListing } from '../core/runlog';
import { formatDuration } from '../core/runlog/summary';
import type { Run, RunReadResult } from '../core/runlog/model';
import { parseArgs, UsageError } from './args';
import type { CommandIO } from './io';

export const RUNS_USAGE = `usage: skewer runs [DIR] [--format text|json]

Lists the runs recorded in DIR (default .skewer/runs), newest first, grouped by pipeline: run id, phase,
status, start time, steps, duration, and the key columns kept for tracing by key.

options:
  --format text|json   output format (default text); json is
                       {"root","runs":[{"runId","pipeline","phase","status","startedAt","durationMs","steps",
                       "dir","keys","problems"}],"problems":[…]}
  -h, --help           show this help

Exit status: 0 listed (also when there are no runs), 2 bad usage or a folder that does not exist.
`;

const SPEC = { format: { values: ['text', 'json'] }, help: {}, h: {} } as const;

/** Resolves a runs folder argument; a one-line reason when it is not a folder. */
export function runsFolder(dir: string, io: CommandIO): string {
  const root = path.resolve(io.cwd, dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(root);
  } catch {
    throw new UsageError(`${dir}: no such folder`);
  }
  if (!st.isDirectory()) throw new UsageError(`${dir}: not a folder`);
  return root;
}

function runJson(r: RunReadResult, cwd: string) {
  const run = r.run;
  return {
    runId: run.runId,
    pipeline: run.pipeline,
    phase: run.phase,
    status: run.status,
    ...(run.startedAt ? { startedAt: run.startedAt } : {}),
    ...(run.durationMs !== undefined ? { durationMs: run.durationMs } : {}),
    steps: run.steps.length,
    dir: path.relative(cwd, run.dir) || '.',
    keys: run.keys?.columns ?? [],
    problems: r.problems.filter((p) => p.severity === 'error').map((p) => p.message),
  };
}

function runLine(run: Run): string {
  const when = run.startedAt ? run.startedAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : 'start unknown';
  const bits = [run.phase, run.status, when, `${run.steps.length} step${run.steps.length === 1 ? '' : 's'}`];
  if (run.durationMs !== undefined) bits.push(formatDuration(run.durationMs));
  if (run.keys?.columns.length) bits.push(`keys ${run.keys.columns.join(', ')}`);
  return `  ${run.runId}  ${bits.join(' · ')}`;
}

export function formatRunsText(listing: RunListing, dir: string): string {
  if (!listing.runs.length) return `no recorded runs in ${dir}\n`;
  const lines: string[] = [];
  for (const g of listing.groups) {
    lines.push(`${g.label}${g.folder ? ` (${g.folder})` : ''}`);
    for (const r of g.runs) {
      lines.push(runLine(r.run));
      const err = r.problems.find((p) => p.severity === 'error');
      if (err) lines.push(`    problem: ${err.message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export async function runRuns(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  let root: string;
  try {
    parsed = parseArgs(argv, SPEC);
    if (parsed.flags.has('help') || parsed.flags.has('h')) { io.stdout(RUNS_USAGE); return 0; }
    if (parsed.positionals.length > 1) throw new UsageError(`one runs folder at a time (got ${parsed.positionals.length})`);
    root = runsFolder(parsed.positionals[0] ?? '.skewer/runs', io);
  } catch (e) {
    if (e instanceof UsageError) { io.stderr(`skewer runs: ${e.message}\n`); return 2; }
    throw e;
  }
  const dir = parsed.positionals[0] ?? '.skewer/runs';
  const listing = await listRuns([root]);
  if (parsed.flags.get('format') === 'json') {
    io.stdout(`${JSON.stringify({ root: dir, runs: listing.runs.map((r) => runJson(r, io.cwd)), problems: listing.problems.map((p) => p.message) })}\n`);
  } else io.stdout(formatRunsText(listing, dir));
  return 0;
}
