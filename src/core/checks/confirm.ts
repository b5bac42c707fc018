/**
 * Static findings confirmed (or not) by recorded runs of the same code. Per finding: the newest run
 * that recorded the kind of call the rule is about at the finding's line; a run recorded from other
 * code at that line is stale and says so. Never throws: a damaged run becomes a 'no-run' with the reason.
 */
import type { Finding, RunConfirmation, SourceLocation } from '../findings/finding';
import { runName } from '../runlog/runName';
import type { Phase, Run, RunReadResult, Step } from '../runlog/model';
import type { LineageSource, OriginPropagation } from '../trace/propagate';
import {
  checkMultiTest, checkOverlap, checkPreprocessing, checkTemporal, isDuplicating, isEvaluation, isTransformerFit, type CheckContext,
} from './leakageChecks';
import { newestRunsFirst, readTextFile, sameCode, SourceLines, stepsInFile, where } from './matchRun';
import { checkColumnOrder, checkRefit, isFitStep } from './mismatchChecks';
import { checkTarget, isTargetSite, type SnapshotSource } from './targetCheck';
import { cellLabel } from '../cellNumbers';
import { stepLabelText } from '../runlog/stepLabels';

export interface ConfirmOptions {
  /** Base of relative finding paths (step paths are relative to each run's recording cwd). */
  workspaceRoot?: string;
  /**
   * Lineage arrays (and, for leakage/target, snapshots) of a run, e.g. `(run) => new RunFolderTraceSource(run.dir)`;
   * called once per run per call.
   */
  source: (run: Run) => LineageSource | (LineageSource & SnapshotSource);
  /** Current text of a file (absolute path), to tell a run recorded from older code; default: read from disk. */
  readText?: (file: string) => Promise<string | undefined>;
  /** The training run serving runs are compared with (`skewer check --baseline`); default: a train run beside the serve script. */
  baseline?: Run;
  /** Row propagations per run, shared with other calls over the same runs (runFindings passes one to both parts). */
  origins?: Map<Run, CheckContext['origins']>;
}

interface RuleCheck {
  /** What the run must have recorded at the finding's line, in words. */
  expected: string;
  accepts: (s: Step) => boolean;
  phase?: Phase;
  /** Also look at the finding's related lines when nothing was recorded at its own line. */
  related?: boolean;
  check: (steps: Step[], f: Finding, ctx: CheckContext) => Promise<RunConfirmation>;
}

const RULES: Record<string, RuleCheck> = {
  'leakage/preprocessing': { expected: 'a transformer fit or groupby statistic', accepts: (s) => isTransformerFit(s) || s.kind === 'groupby', check: checkPreprocessing },
  'leakage/overlap': { expected: 'a sample, resample or concat', accepts: isDuplicating, check: checkOverlap },
  'leakage/multi-test': { expected: 'a model prediction or score', accepts: isEvaluation, related: true, check: checkMultiTest },
  'leakage/target': { expected: 'a column assignment or a model fit', accepts: isTargetSite, check: checkTarget },
  'leakage/temporal': { expected: 'a train/test split', accepts: (s) => s.kind === 'split', check: checkTemporal },
  'mismatch/refit-at-inference': { expected: 'a transformer fit', accepts: isFitStep, phase: 'serve', check: checkRefit },
  'mismatch/column-order': {
    expected: 'a column selection or conversion', phase: 'serve', related: true,
    accepts: (s) => s.kind === 'project' || s.kind === 'reshape' || s.kind === 'predict' || s.kind === 'select',
    check: checkColumnOrder,
  },
};

export async function confirmWithRuns(findings: Finding[], runs: ReadonlyArray<RunReadResult> | ReadonlyArray<Run>, options: ConfirmOptions): Promise<Finding[]> {
  const ordered = newestRunsFirst(runs as ReadonlyArray<RunReadResult | Run>);
  const lines = new SourceLines(options.workspaceRoot, options.readText ?? readTextFile);
  // One lineage source and one propagation cache per run, shared by all findings of this call.
  const perRun = new Map<Run, Pick<CheckContext, 'source' | 'origins' | 'baseline'>>();
  const sourceOf = (run: Run) => {
    let s = perRun.get(run);
    if (!s) {
      const origins = options.origins?.get(run) ?? new Map<string, Promise<OriginPropagation>>();
      options.origins?.set(run, origins);
      s = { source: options.source(run), origins, ...(options.baseline ? { baseline: options.baseline } : {}) };
      perRun.set(run, s);
    }
    return s;
  };
  // Findings of one file share the scan of each run's steps for that file.
  const byFile = new Map<Run, Map<string, Step[]>>();
  const inFile = (run: Run, loc: SourceLocation) => {
    let m = byFile.get(run);
    if (!m) byFile.set(run, (m = new Map()));
    const key = `${loc.file}\u0000${loc.cell ?? ''}`;
    let steps = m.get(key);
    if (!steps) m.set(key, (steps = stepsInFile(run, loc, options.workspaceRoot)));
    return steps;
  };
  const out: Finding[] = [];
  for (const f of findings) {
    // Findings a run check produced are evidence already.
    if (f.source === 'run') {
      out.push(f);
      continue;
    }
    let confirmation: RunConfirmation;
    try {
      confirmation = await confirmOne(f, ordered, inFile, lines, sourceOf);
      // A leak inside an imported helper is placed on the document's call, with the helper's line as
      // first related location (evidence.inFile); the run recorded it on the helper's line.
      const inner = f.related[0]?.location;
      if (confirmation.status !== 'confirmed' && typeof f.evidence.inFile === 'string' && inner && inner.file !== f.location.file) {
        const there = await confirmOne({ ...f, location: inner, related: f.related.slice(1) }, ordered, inFile, lines, sourceOf);
        if (there.status !== 'no-run') confirmation = there;
      }
    } catch (e) {
      confirmation = { status: 'no-run', message: `runs could not be checked: ${(e as Error).message ?? String(e)}` };
    }
    out.push({ ...f, confirmation });
  }
  return out;
}

async function confirmOne(
  f: Finding, runs: Run[], inFile: (run: Run, loc: SourceLocation) => Step[], lines: SourceLines, sourceOf: (r: Run) => Pick<CheckContext, 'source' | 'origins' | 'baseline'>,
): Promise<RunConfirmation> {
  const loc = f.location;
  const rule = RULES[f.ruleId];
  const file = `${loc.file}${loc.cell !== undefined ? ` (${cellLabel(loc.cell)})` : ''}`;
  if (!rule) return { status: 'no-run', message: `no run-based check exists for ${f.ruleId}` };
  const touching = runs.map((run) => ({ run, steps: inFile(run, loc) })).filter((r) => r.steps.length);
  if (!touching.length) return { status: 'no-run', message: `no recorded run executes ${file}` };
  const eligible = rule.phase ? touching.filter((r) => r.run.phase === rule.phase) : touching;
  if (!eligible.length) return { status: 'no-run', message: `no ${rule.phase}-phase run of ${file} (record one with --phase ${rule.phase})` };

  const relatedLines = rule.related ? f.related.filter((r) => r.location.file === loc.file && r.location.cell === loc.cell).map((r) => r.location.line) : [];
  let stale: string | undefined;
  for (const { run, steps } of eligible) {
    if (run.status === 'running') continue;
    let atLine = steps.filter((s) => s.location!.line === loc.line);
    // A call inside a statement that spans lines (the finding covers the statement) was recorded on its own line.
    if (!atLine.length && loc.endLine > loc.line) atLine = steps.filter((s) => s.location!.line > loc.line && s.location!.line <= loc.endLine);
    if (!atLine.length && relatedLines.length) atLine = steps.filter((s) => relatedLines.includes(s.location!.line));
    const wanted = atLine.filter(rule.accepts);
    const current = atLine.length ? await lines.line({ ...loc, line: atLine[0]!.location!.line }) : undefined;
    if (!wanted.length) {
      if (atLine.length) {
        const recorded = atLine[0]!.location!.code;
        // Neutral: the run covered the line but not what the rule is about, which neither confirms nor refutes it.
        const ran = `the ${runName(run)} ran line ${loc.line} (${[...new Set(atLine.map(stepLabelText))].join('; ')}) but recorded no ${rule.expected.replace(/^an? /, '')} there`;
        stale ??= current === undefined || recorded === undefined ? `${ran}; the code may have changed since that run`
          : sameCode(recorded, current) ? `${ran}, so it neither confirms nor rules out this finding` : `${ran}: the code has changed since that run; rerun the pipeline`;
      }
      else stale ??= `the ${runName(run)} did not execute line ${loc.line} of ${file} (or the code has moved since that run), so it neither confirms nor rules out this finding`;
      continue;
    }
    const code = wanted[0]!.location!.code;
    const now = wanted[0]!.location!.line === atLine[0]!.location!.line ? current : await lines.line({ ...loc, line: wanted[0]!.location!.line });
    if (now !== undefined && code !== undefined && !sameCode(code, now)) {
      stale ??= `the ${runName(run)} was recorded from different code at ${where(wanted[0]!)} ("${code.trim()}"); rerun the pipeline`;
      continue;
    }
    return rule.check(wanted, f, { run, runs, ...sourceOf(run) });
  }
  return { status: 'no-run', ...(eligible[0] ? { runId: eligible[0].run.runId } : {}), message: stale ?? `no finished run of ${file}` };
}
