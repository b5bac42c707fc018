/**
 * Scores analyzer findings against the corpus labels: notebook-level precision/recall per kind
 * (a file is predicted positive for a kind when the analyzer reports at least one finding of that
 * kind), per-finding counts, and the list of disagreements. Pure: the analyzer and the file reader
 * are passed in, so the unit tests drive it with synthetic inputs.
 */
import type { AnalysisResult, DocumentInput } from '../../src/core/static/types';
import { KINDS, type Kind, type ManifestEntry, type Split } from './manifest';

export type AnalyzeFn = (input: DocumentInput) => AnalysisResult;

/** Analyzer rule -> label kind. Rules not listed here are counted as "unmapped". */
export const RULE_KIND: Readonly<Record<string, Kind>> = {
  'leakage/preprocessing': 'preprocessing',
  'leakage/overlap': 'overlap',
  'leakage/multi-test': 'multi-test',
  'leakage/target': 'target',
  'leakage/temporal': 'temporal',
  'mismatch/refit-at-inference': 'serving',
  'mismatch/column-order': 'serving',
};

/** A finding within this many lines of a labelled line (same cell) counts as "at a labelled line". */
export const LINE_SLACK = 2;

export interface FileFinding {
  ruleId: string;
  kind: Kind | null;
  severity: string;
  cell?: number;
  line: number;
}

export interface ScoredFile {
  id: string;
  split: Split;
  repo: string;
  path: string;
  labels: Record<Kind, boolean>;
  predicted: Record<Kind, boolean>;
  findings: FileFinding[];
  /** Analyzer notes of kind skipped/partial (the file was not fully analysed). */
  incomplete: string[];
  error?: string;
}

export interface Confusion {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number | null;
  recall: number | null;
}

export interface FindingCounts {
  /** Findings of this kind. */
  total: number;
  /** ... in files labelled positive for the kind. */
  inPositive: number;
  /** ... in files labelled negative for the kind (each one is a false alarm). */
  inNegative: number;
  /** ... of those, at error severity (the false alarms that matter most: errors are what users see first). */
  inNegativeError: number;
  /** ... within LINE_SLACK lines of a labelled line of that kind. */
  atLabelledLine: number;
  /** Labelled lines of the kind, and how many have a finding of the kind within LINE_SLACK. */
  labelledLines: number;
  labelledLinesHit: number;
}

export interface SplitReport {
  files: number;
  perKind: Record<Kind, Confusion>;
  findings: Record<Kind, FindingCounts>;
  unmappedRules: Record<string, number>;
  incompleteFiles: number;
}

export interface Disagreement {
  id: string;
  split: Split;
  kind: Kind;
  label: boolean;
  predicted: boolean;
  file: string;
  /** Finding locations of the kind ("cell 4 line 2" / "line 12"). */
  at: string[];
}

export interface Report {
  splits: Partial<Record<Split, SplitReport>>;
  missing: { id: string; expected: string }[];
  errors: { id: string; message: string }[];
  disagreements: Disagreement[];
}

function noKinds(): Record<Kind, boolean> {
  return Object.fromEntries(KINDS.map((k) => [k, false])) as Record<Kind, boolean>;
}

/** Runs the analyzer on one local copy. The path given to the analyzer is "<repo>/<path>" so that
 *  file-name conventions (serving entry points, .ipynb) see the original name, not the cache id. */
export function scoreFile(e: ManifestEntry, text: string, analyze: AnalyzeFn): ScoredFile {
  const base = { id: e.id, split: e.split, repo: e.repo, path: e.path, labels: e.labels, predicted: noKinds(), findings: [] as FileFinding[], incomplete: [] as string[] };
  let result: AnalysisResult;
  try {
    result = analyze({ path: `${e.repo}/${e.path}`, text });
  } catch (err) {
    return { ...base, error: `analyzer threw: ${(err as Error).message}` };
  }
  for (const f of result.findings) {
    const kind = RULE_KIND[f.ruleId] ?? null;
    base.findings.push({ ruleId: f.ruleId, kind, severity: f.severity, line: f.location.line, ...(f.location.cell !== undefined ? { cell: f.location.cell } : {}) });
    if (kind) base.predicted[kind] = true;
  }
  base.incomplete = result.notes.filter((n) => n.kind === 'skipped' || n.kind === 'partial').map((n) => n.message);
  return base;
}

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

function near(f: FileFinding, cell: number | undefined, line: number): boolean {
  return f.cell === cell && Math.abs(f.line - line) <= LINE_SLACK;
}

/** Labelled (cell, line) pairs of one kind. */
function labelledPositions(e: ManifestEntry, k: Kind): { cell?: number; line: number }[] {
  const lines = e.lines[k] ?? [];
  const cells = e.cells[k];
  return lines.map((line, i) => (cells ? { cell: cells[i], line } : { line }));
}

export function summarize(files: ScoredFile[], entries: Map<string, ManifestEntry>): SplitReport {
  const perKind = {} as Record<Kind, Confusion>;
  const findings = {} as Record<Kind, FindingCounts>;
  const unmappedRules: Record<string, number> = {};
  for (const k of KINDS) {
    let tp = 0, fp = 0, fn = 0, tn = 0;
    const fc: FindingCounts = { total: 0, inPositive: 0, inNegative: 0, inNegativeError: 0, atLabelledLine: 0, labelledLines: 0, labelledLinesHit: 0 };
    for (const f of files) {
      if (f.error) continue;
      const label = f.labels[k], pred = f.predicted[k];
      if (label && pred) tp++;
      else if (!label && pred) fp++;
      else if (label && !pred) fn++;
      else tn++;
      const mine = f.findings.filter((x) => x.kind === k);
      const pos = labelledPositions(entries.get(f.id)!, k);
      fc.total += mine.length;
      if (label) fc.inPositive += mine.length;
      else {
        fc.inNegative += mine.length;
        fc.inNegativeError += mine.filter((x) => x.severity === 'error').length;
      }
      fc.atLabelledLine += mine.filter((x) => pos.some((p) => near(x, p.cell, p.line))).length;
      fc.labelledLines += pos.length;
      fc.labelledLinesHit += pos.filter((p) => mine.some((x) => near(x, p.cell, p.line))).length;
    }
    perKind[k] = { tp, fp, fn, tn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
    findings[k] = fc;
  }
  for (const f of files) for (const x of f.findings) if (!x.kind) unmappedRules[x.ruleId] = (unmappedRules[x.ruleId] ?? 0) + 1;
  return { files: files.filter((f) => !f.error).length, perKind, findings, unmappedRules, incompleteFiles: files.filter((f) => f.incomplete.length > 0).length };
}

function where(x: FileFinding): string {
  return x.cell !== undefined ? `cell ${x.cell} line ${x.line}` : `line ${x.line}`;
}

export function disagreements(files: ScoredFile[]): Disagreement[] {
  const out: Disagreement[] = [];
  for (const f of files) {
    if (f.error) continue;
    for (const k of KINDS) {
      if (f.labels[k] === f.predicted[k]) continue;
      out.push({ id: f.id, split: f.split, kind: k, label: f.labels[k], predicted: f.predicted[k], file: `${f.repo}/${f.path}`, at: f.findings.filter((x) => x.kind === k).map(where) });
    }
  }
  return out;
}

/**
 * Scores every entry whose split is wanted. `read` returns the local copy's text, or undefined
 * when the copy is missing (those entries are listed, not scored).
 */
export function scoreCorpus(entries: ManifestEntry[], splits: Split[], read: (e: ManifestEntry) => string | undefined, expected: (e: ManifestEntry) => string, analyze: AnalyzeFn): Report {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const report: Report = { splits: {}, missing: [], errors: [], disagreements: [] };
  const scored: ScoredFile[] = [];
  for (const e of entries) {
    if (!splits.includes(e.split)) continue;
    const text = read(e);
    if (text === undefined) {
      report.missing.push({ id: e.id, expected: expected(e) });
      continue;
    }
    const s = scoreFile(e, text, analyze);
    if (s.error) report.errors.push({ id: e.id, message: s.error });
    scored.push(s);
  }
  for (const sp of splits) report.splits[sp] = summarize(scored.filter((s) => s.split === sp), byId);
  report.disagreements = disagreements(scored);
  return report;
}

function pct(x: number | null): string {
  return x === null ? '  n/a' : `${(x * 100).toFixed(0).padStart(4)}%`;
}

/** Plain-text report: one table per split, then per-finding counts and disagreements. */
export function formatReport(r: Report): string {
  const out: string[] = [];
  for (const [sp, s] of Object.entries(r.splits) as [Split, SplitReport][]) {
    out.push(`== ${sp}: ${s.files} files scored${s.incompleteFiles ? `, ${s.incompleteFiles} only partly analysed` : ''}`);
    out.push('kind            TP  FP  FN  TN  precision  recall | findings  in-neg (error)  at-label  labelled-lines-hit');
    for (const k of KINDS) {
      const c = s.perKind[k], f = s.findings[k];
      out.push(`${k.padEnd(14)} ${[c.tp, c.fp, c.fn, c.tn].map((n) => String(n).padStart(3)).join(' ')}      ${pct(c.precision)}   ${pct(c.recall)} | ${String(f.total).padStart(8)}  ${String(f.inNegative).padStart(6)} ${`(${f.inNegativeError})`.padStart(7)}  ${String(f.atLabelledLine).padStart(8)}  ${f.labelledLinesHit}/${f.labelledLines}`);
    }
    const un = Object.entries(s.unmappedRules);
    if (un.length) out.push(`unmapped rules: ${un.map(([k, n]) => `${k} x${n}`).join(', ')}`);
    out.push('');
  }
  if (r.missing.length) out.push(`missing local copies (run node test/real-eval/materialize.mjs): ${r.missing.map((m) => m.id).join(', ')}`, '');
  if (r.errors.length) out.push('analyzer errors:', ...r.errors.map((e) => `  ${e.id}: ${e.message}`), '');
  out.push(`disagreements (${r.disagreements.length}):`);
  for (const d of r.disagreements) {
    out.push(`  ${d.id} [${d.split}] ${d.kind}: label ${d.label}, analyzer ${d.predicted}  ${d.file}${d.at.length ? `  (${d.at.join('; ')})` : ''}`);
  }
  return out.join('\n');
}
