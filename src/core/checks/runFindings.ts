/**
 * One entry point for everything recorded runs say about the code: static findings confirmed (or not)
 * by runs, leakage a run shows where no static finding exists, and train/serve mismatch between runs,
 * merged so that a problem both engines see is ONE finding (source `both`) carrying the static
 * evidence and the run's, not two.
 */
import type { Finding, Severity } from '../findings/finding';
import { runName } from '../runlog/runName';
import { isSuppressed } from '../findings/suppress';
import type { Run, RunReadResult } from '../runlog/model';
import type { OriginPropagation } from '../trace/propagate';
import { confirmWithRuns, type ConfirmOptions } from './confirm';
import { mergeFindings } from './merge';
import { newestRunsFirst, readTextFile, sameCode, sameFile, SourceLines } from './matchRun';
import { mismatchOfRuns } from './mismatchOfRuns';
import { leakageOfRun } from './runOnly';
import type { SkewThresholds } from '../compare/skewTypes';

export interface RunFindingsOptions extends ConfirmOptions {
  /** Skew thresholds for the drift findings between training and serving runs (skewer.thresholds.*). */
  thresholds?: SkewThresholds;
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

function memo<T>(f: (run: Run) => T): (run: Run) => T {
  const m = new Map<Run, T>();
  return (run) => {
    let v = m.get(run);
    if (v === undefined) m.set(run, (v = f(run)));
    return v;
  };
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
    const origins = options.origins?.get(run) ?? new Map<string, Promise<OriginPropagation>>();
    options.origins?.set(run, origins);
    const ctx = { run, runs: all, source: options.source(run), origins, workspaceRoot: options.workspaceRoot, notes, ...(options.baseline ? { baseline: options.baseline } : {}) };
    let ofRun: Finding[] = await leakageOfRun(ctx);
    if (run.phase === 'serve') {
      try {
        ofRun = [...ofRun, ...await mismatchOfRuns(run, all, { ...(options.baseline ? { baseline: options.baseline } : {}), ...(options.thresholds ? { thresholds: options.thresholds } : {}), ...(options.workspaceRoot ? { workspaceRoot: options.workspaceRoot } : {}) }, notes)];
      } catch (e) {
        notes.push(`train/serve comparison of the ${runName(run)}: ${(e as Error).message ?? String(e)}`);
      }
    }
    for (const f of ofRun) {
      const lineText = await lines.lines(f.location);
      if (lineText) {
        // The step recorded on that line of that file, and of that cell in a notebook (line numbers restart in each cell).
        const recorded = run.steps.find((s) => s.location?.line === f.location.line && s.location.cell === f.location.cell && sameFile(f.location.file, s.location.file, options.workspaceRoot, run.cwd))?.location?.code;
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

/** Static findings confirmed by the runs, plus what the runs show on their own, merged (see mergeFindings). */
export async function runFindings(runs: ReadonlyArray<RunReadResult> | ReadonlyArray<Run>, staticFindings: Finding[], options: RunFindingsOptions): Promise<RunFindingsResult> {
  // One source (lineage arrays and snapshots read once) and one propagation cache per run for both parts.
  const shared = { ...options, source: memo(options.source), origins: options.origins ?? new Map<Run, Map<string, Promise<OriginPropagation>>>() };
  const confirmed = await confirmWithRuns(staticFindings, runs, shared);
  const detected = await detectRunFindings(runs, shared);
  return { ...detected, findings: mergeFindings(confirmed, detected.findings, options.workspaceRoot) };
}

export { mergeFindings };
