/**
 * One entry point for everything recorded runs say about the code: static findings confirmed (or not)
 * by runs, leakage a run shows where no static finding exists, and train/serve mismatch between runs,
 * merged so that a problem both engines see is ONE finding (source `both`) carrying the static
 * evidence and the run's, not two.
 */
import type { Finding, Severity } from '../findings/finding';
import { isSuppressed } from '../findings/suppress';
import type { Run, RunReadResult } from '../runlog/model';
import type { OriginPropagation } from '../trace/propagate';
import { confirmWithRuns, type ConfirmOptions } from './confirm';
import { newestRunsFirst, readTextFile, sameCode, sameFile, SourceLines } from './matchRun';
import { leakageOfRun } from './runOnly';

export interface RunFindingsOptions extends ConfirmOptions {
  /** Per-rule severities as in the `skewer.severity` setting; `off` drops the rule's run findings too. */
  severityOverrides?: Record<string, Severity | 'off'>;
}

export interface RunFindingsResult {
  findings: Finding[];
  /** The run each pipeline was checked with (newest finished run per pipeline). */
  checkedRuns: Run[];
  /** Rules that could not be evaluated on a run (damaged side files), one sentence each. */
  notes: string[];
}

/** Newest finished run of each pipeline (script and recording folder): older runs are superseded by it. */
export function latestRuns(runs: ReadonlyArray<RunReadResult> | ReadonlyArray<Run>): Run[] {
  const seen = new Set<string>();
  const out: Run[] = [];
  for (const run of newestRunsFirst(runs as ReadonlyArray<RunReadResult | Run>)) {
    if (run.status !== 'complete' && run.status !== 'failed') continue;
    const key = `${run.cwd ?? ''}\u0000${run.pipeline}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(run);
  }
  return out;
}

/**
 * Findings the runs show by themselves (source `run`), one list for all runs given. Findings on a line
 * whose code changed since the run, or silenced by a `# skewer: ignore` comment there, are left out.
 */
export async function detectRunFindings(runs: ReadonlyArray<RunReadResult> | ReadonlyArray<Run>, options: RunFindingsOptions): Promise<RunFindingsResult> {
  const all = newestRunsFirst(runs as ReadonlyArray<RunReadResult | Run>);
  const checked = latestRuns(all);
  const lines = new SourceLines(options.workspaceRoot, options.readText ?? readTextFile);
  const notes: string[] = [];
  const found: Finding[] = [];
  for (const run of checked) {
    const origins = new Map<string, Promise<OriginPropagation>>();
    const ctx = { run, runs: all, source: options.source(run), origins, workspaceRoot: options.workspaceRoot, notes, ...(options.baseline ? { baseline: options.baseline } : {}) };
    for (const f of await leakageOfRun(ctx)) {
      const lineText = await lines.lines(f.location);
      if (lineText) {
        const recorded = run.steps.find((s) => s.location?.line === f.location.line && sameFile(f.location.file, s.location.file, options.workspaceRoot, run.cwd))?.location?.code;
        const now = lineText[f.location.line - 1];
        if (recorded !== undefined && (now === undefined || !sameCode(withoutComment(recorded), withoutComment(now)))) continue;
        if (isSuppressed(lineText, f.location.line, f.ruleId)) continue;
      }
      const override = options.severityOverrides?.[f.ruleId];
      if (override === 'off') continue;
      found.push(override ? { ...f, severity: override } : f);
    }
  }
  return { findings: dedupe(found), checkedRuns: checked, notes };
}

/** A line without its trailing comment, so a `# skewer: ignore` added after the run does not make the run look stale. */
const withoutComment = (line: string) => line.replace(/\s#[^'"]*$/, '');

/** Two runs of one script (or a rule reached twice) give one finding per rule and place. */
function dedupe(fs: Finding[]): Finding[] {
  const seen = new Set<string>();
  return fs.filter((f) => {
    const l = f.location;
    const k = `${f.ruleId}|${l.file}|${l.cell ?? ''}|${l.line}|${String(f.evidence.method ?? '')}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** The static finding a run finding is about: same rule, same file (and cell), on the statement or one of its related lines. */
function twinOf(r: Finding, statics: Finding[], workspaceRoot: string | undefined): Finding | undefined {
  const rl = r.location;
  return statics.find((s) => {
    const sl = s.location;
    if (s.ruleId !== r.ruleId || sl.cell !== rl.cell || !sameFile(sl.file, rl.file, workspaceRoot, workspaceRoot)) return false;
    if (rl.line >= sl.line && rl.line <= Math.max(sl.line, sl.endLine)) return true;
    return s.related.some((x) => x.location.line === rl.line && x.location.cell === rl.cell && sameFile(x.location.file, rl.file, workspaceRoot, workspaceRoot));
  });
}

/**
 * Static findings (already confirmed or not) and run findings as one list: a static finding a run
 * confirms, or a run finding matches, becomes source `both` with the run's evidence in
 * `confirmation`; the matching run finding is dropped. Unmatched run findings stay source `run`.
 */
export function mergeFindings(statics: Finding[], runFound: Finding[], workspaceRoot?: string): Finding[] {
  const out = statics.map((s) => (s.source === 'static' && s.confirmation?.status === 'confirmed' ? { ...s, source: 'both' as const } : s));
  const statics_ = out.length;
  for (const r of runFound) {
    const twin = twinOf(r, out.slice(0, statics_).filter((s) => s.source !== 'run'), workspaceRoot);
    if (!twin) {
      out.push(r);
      continue;
    }
    const i = out.indexOf(twin);
    // The run saw it although the confirmation picked another run or step: take the run finding's numbers.
    if (twin.confirmation?.status !== 'confirmed') {
      const { runId, ...evidence } = r.evidence;
      out[i] = { ...twin, source: 'both', confirmation: { status: 'confirmed', ...(typeof runId === 'string' ? { runId } : {}), message: r.message, evidence } };
    }
  }
  return out;
}

/** Static findings confirmed by the runs, plus what the runs show on their own, merged (see mergeFindings). */
export async function runFindings(runs: ReadonlyArray<RunReadResult> | ReadonlyArray<Run>, staticFindings: Finding[], options: RunFindingsOptions): Promise<RunFindingsResult> {
  const confirmed = await confirmWithRuns(staticFindings, runs, options);
  const detected = await detectRunFindings(runs, options);
  return { ...detected, findings: mergeFindings(confirmed, detected.findings, options.workspaceRoot) };
}
