/**
 * The one finding shape every engine produces (static analysis, run checks) and every
 * surface renders (editor diagnostics, Findings view, CLI text/JSON/SARIF, webviews).
 * Plain data only: it crosses worker, process and webview boundaries as JSON.
 */

export type Severity = 'error' | 'warning' | 'info' | 'hint';

/** Which engine produced a finding: `run` findings come from recorded pipeline runs; `both` = a static finding a run shows too (run evidence in `confirmation`). */
export type FindingSource = 'static' | 'run' | 'both';

/** 1-based line and column, like Python tracebacks and the run log; surfaces convert. */
export interface SourceLocation {
  /** Path as given to the engine (workspace-relative or absolute); never a URI. */
  file: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** Notebook cell index (0-based, saved order) when `file` is a notebook; line/col are then cell-relative. */
  cell?: number;
}

export interface RelatedLocation {
  location: SourceLocation;
  /** What this place is, e.g. "split made here", "model fitted here". */
  message: string;
}

/** A mechanical text edit; ranges use the same 1-based convention as SourceLocation. */
export interface TextEdit {
  location: SourceLocation;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix a user most likely wants (VS Code's isPreferred). */
  preferred?: boolean;
}

/** Numbers that back the finding; keys are stable per rule so surfaces and tests can read them. */
export type Evidence = Record<string, number | string | boolean | null>;

/** Whether a run of the same code confirms a static finding. */
export interface RunConfirmation {
  status: 'confirmed' | 'not-confirmed' | 'no-run';
  runId?: string;
  message: string;
  evidence?: Evidence;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  location: SourceLocation;
  related: RelatedLocation[];
  evidence: Evidence;
  fixes: Fix[];
  source: FindingSource;
  confirmation?: RunConfirmation;
}

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

/** True when `s` is at least as severe as `threshold`. */
export function atLeast(s: Severity, threshold: Severity): boolean {
  return ORDER[s] <= ORDER[threshold];
}

export function isSeverity(s: unknown): s is Severity {
  return typeof s === 'string' && s in ORDER;
}

/** Stable order: file, cell, line, column, rule. */
export function compareFindings(a: Finding, b: Finding): number {
  const la = a.location, lb = b.location;
  return (
    la.file.localeCompare(lb.file) ||
    (la.cell ?? -1) - (lb.cell ?? -1) ||
    la.line - lb.line ||
    la.col - lb.col ||
    a.ruleId.localeCompare(b.ruleId)
  );
}
