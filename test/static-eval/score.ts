/**
 * Scores a static analyzer against the labelled cases: matches findings to `# expect:` labels
 * by (rule id, cell, line) and reports TP/FP/FN, precision and recall per rule and overall.
 * The analyzer is passed in, so the scorer can be tested with a fake one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Finding } from '../../src/core/findings/finding';
import { CaseError, parseCase, type CaseOptions, type Expectation, type ParsedCase } from './expectations';

/** The slice of the analyzer contract the scorer relies on (src/core/static/index.ts). */
export interface AnalysisNoteLike {
  path: string;
  line?: number;
  cell?: number;
  message: string;
  kind: 'skipped' | 'partial' | 'info';
}
export interface AnalysisResultLike {
  findings: Finding[];
  notes: AnalysisNoteLike[];
}
export type AnalyzeFn = (input: { path: string; text: string }, options?: CaseOptions) => AnalysisResultLike;

export interface Mismatch {
  case: string;
  kind: 'FP' | 'FN';
  ruleId: string;
  line: number;
  cell?: number;
  /** The analyzer's message for FPs, so a wrong finding can be read without rerunning. */
  message?: string;
}

export interface RuleScore {
  ruleId: string;
  tp: number;
  fp: number;
  fn: number;
  /** null when undefined (no findings / no expectations), never a made-up 1.0. */
  precision: number | null;
  recall: number | null;
}

export interface CaseFailure {
  case: string;
  error: string;
}

export interface ScoreReport {
  cases: number;
  rules: RuleScore[];
  overall: RuleScore;
  mismatches: Mismatch[];
  /** Cases the analyzer threw on; all their labels count as FN. */
  crashes: CaseFailure[];
  /** Findings repeated on the same (rule, cell, line); counted once. */
  duplicates: number;
  notes: AnalysisNoteLike[];
  elapsedMs: number;
}

const key = (ruleId: string, line: number, cell: number | undefined): string => `${ruleId}@${cell ?? '-'}:${line}`;

function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

function makeScore(ruleId: string, tp: number, fp: number, fn: number): RuleScore {
  return { ruleId, tp, fp, fn, precision: ratio(tp, tp + fp), recall: ratio(tp, tp + fn) };
}

/** Compares one case's findings with its labels. */
export function matchCase(
  caseName: string,
  expectations: Expectation[],
  findings: Finding[],
): { tp: Expectation[]; mismatches: Mismatch[]; duplicates: number } {
  const expected = new Map<string, Expectation>();
  for (const e of expectations) expected.set(key(e.ruleId, e.line, e.cell), e);
  const found = new Map<string, Finding>();
  let duplicates = 0;
  for (const f of findings) {
    const k = key(f.ruleId, f.location.line, f.location.cell);
    if (found.has(k)) duplicates++;
    else found.set(k, f);
  }
  const tp: Expectation[] = [];
  const mismatches: Mismatch[] = [];
  for (const [k, e] of expected) {
    if (found.has(k)) tp.push(e);
    else mismatches.push({ case: caseName, kind: 'FN', ruleId: e.ruleId, line: e.line, ...(e.cell !== undefined ? { cell: e.cell } : {}) });
  }
  for (const [k, f] of found) {
    if (expected.has(k)) continue;
    const { line, cell } = f.location;
    mismatches.push({ case: caseName, kind: 'FP', ruleId: f.ruleId, line, ...(cell !== undefined ? { cell } : {}), message: f.message });
  }
  return { tp, mismatches, duplicates };
}

/** Every `.py`/`.ipynb` file under `dir`, sorted, as paths relative to `dir`. */
export function listCases(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const ent of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(r);
      else if (/\.(py|ipynb)$/i.test(ent.name)) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

/** Reads and parses every case; malformed cases throw CaseError (a broken label set must not score). */
export function loadCases(dir: string): ParsedCase[] {
  const names = listCases(dir);
  if (names.length === 0) throw new CaseError(dir, 'no .py or .ipynb cases found');
  return names.map((n) => parseCase(n, fs.readFileSync(path.join(dir, n), 'utf8')));
}

/** Runs the analyzer over parsed cases and scores it. `rules` fixes which rows the table shows first. */
export function scoreCases(cases: ParsedCase[], analyze: AnalyzeFn, rules: readonly string[]): ScoreReport {
  const started = Date.now();
  const counts = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (ruleId: string, field: 'tp' | 'fp' | 'fn'): void => {
    const c = counts.get(ruleId) ?? { tp: 0, fp: 0, fn: 0 };
    c[field]++;
    counts.set(ruleId, c);
  };
  for (const r of rules) counts.set(r, { tp: 0, fp: 0, fn: 0 });
  const mismatches: Mismatch[] = [];
  const crashes: CaseFailure[] = [];
  const notes: AnalysisNoteLike[] = [];
  let duplicates = 0;
  for (const c of cases) {
    let result: AnalysisResultLike;
    try {
      result = analyze({ path: c.path, text: c.analyzerText }, Object.keys(c.options).length ? c.options : undefined);
      if (!result || !Array.isArray(result.findings) || !Array.isArray(result.notes)) {
        throw new Error('analyzer returned something other than { findings: [], notes: [] }');
      }
    } catch (e) {
      crashes.push({ case: c.path, error: e instanceof Error ? e.message : String(e) });
      for (const x of c.expectations) {
        bump(x.ruleId, 'fn');
        mismatches.push({ case: c.path, kind: 'FN', ruleId: x.ruleId, line: x.line, ...(x.cell !== undefined ? { cell: x.cell } : {}) });
      }
      continue;
    }
    notes.push(...result.notes);
    const m = matchCase(c.path, c.expectations, result.findings);
    duplicates += m.duplicates;
    for (const x of m.tp) bump(x.ruleId, 'tp');
    for (const x of m.mismatches) bump(x.ruleId, x.kind === 'FP' ? 'fp' : 'fn');
    mismatches.push(...m.mismatches);
  }
  const ordered = [...rules, ...[...counts.keys()].filter((r) => !rules.includes(r)).sort()];
  const ruleScores = ordered.map((r) => {
    const c = counts.get(r)!;
    return makeScore(r, c.tp, c.fp, c.fn);
  });
  const sum = (f: 'tp' | 'fp' | 'fn'): number => ruleScores.reduce((s, r) => s + r[f], 0);
  return {
    cases: cases.length,
    rules: ruleScores,
    overall: makeScore('overall', sum('tp'), sum('fp'), sum('fn')),
    mismatches,
    crashes,
    duplicates,
    notes,
    elapsedMs: Date.now() - started,
  };
}

export interface Threshold {
  ruleId: string;
  minPrecision: number;
  minRecall: number;
}

/** The issue's pass bar. */
export const PASS_BAR: readonly Threshold[] = [
  { ruleId: 'leakage/preprocessing', minPrecision: 0.95, minRecall: 0.9 },
  { ruleId: 'leakage/overlap', minPrecision: 0.95, minRecall: 0.9 },
  { ruleId: 'leakage/multi-test', minPrecision: 0.95, minRecall: 0.9 },
];

/**
 * Threshold violations, as readable strings. An undefined precision (no findings at all)
 * fails: an analyzer that reports nothing must not pass.
 */
export function checkThresholds(report: ScoreReport, bar: readonly Threshold[] = PASS_BAR): string[] {
  const failures: string[] = [];
  for (const t of bar) {
    const r = report.rules.find((x) => x.ruleId === t.ruleId);
    if (!r || r.tp + r.fn === 0) {
      failures.push(`${t.ruleId}: no labelled cases`);
      continue;
    }
    if (r.precision === null || r.precision < t.minPrecision) {
      failures.push(`${t.ruleId}: precision ${fmt(r.precision)} < ${t.minPrecision}`);
    }
    if (r.recall === null || r.recall < t.minRecall) {
      failures.push(`${t.ruleId}: recall ${fmt(r.recall)} < ${t.minRecall}`);
    }
  }
  if (report.crashes.length > 0) failures.push(`analyzer threw on ${report.crashes.length} case(s)`);
  return failures;
}

function fmt(x: number | null): string {
  return x === null ? '  n/a' : x.toFixed(3);
}

/** Human-readable table plus every mismatch, for debugging the analyzer. */
export function formatReport(report: ScoreReport): string {
  const width = Math.max(...report.rules.map((r) => r.ruleId.length), 'overall'.length);
  const row = (r: RuleScore): string =>
    `${r.ruleId.padEnd(width)}  ${String(r.tp).padStart(4)} ${String(r.fp).padStart(4)} ${String(r.fn).padStart(4)}  ${fmt(r.precision)}  ${fmt(r.recall)}`;
  const lines = [
    `${report.cases} cases scored in ${report.elapsedMs} ms`,
    '',
    `${'rule'.padEnd(width)}    TP   FP   FN  prec.  recall`,
    ...report.rules.map(row),
    '-'.repeat(width + 34),
    row(report.overall),
  ];
  if (report.duplicates > 0) lines.push('', `${report.duplicates} duplicate finding(s) on an already-reported (rule, line) were counted once`);
  if (report.crashes.length > 0) {
    lines.push('', 'Analyzer errors (labels of these cases count as FN):');
    for (const c of report.crashes) lines.push(`  ${c.case}: ${c.error}`);
  }
  if (report.mismatches.length > 0) {
    lines.push('', 'Mismatches:');
    const sorted = [...report.mismatches].sort(
      (a, b) => a.case.localeCompare(b.case) || (a.cell ?? -1) - (b.cell ?? -1) || a.line - b.line || a.ruleId.localeCompare(b.ruleId),
    );
    for (const m of sorted) {
      const where = `${m.case}${m.cell !== undefined ? ` [cell ${m.cell}]` : ''}:${m.line}`;
      lines.push(`  ${m.kind} ${m.ruleId.padEnd(width)} ${where}${m.message ? `  — ${m.message}` : ''}`);
    }
  }
  const partial = report.notes.filter((n) => n.kind !== 'info');
  if (partial.length > 0) {
    lines.push('', 'Analyzer notes (skipped/partial):');
    for (const n of partial) lines.push(`  ${n.kind} ${n.path}${n.cell !== undefined ? ` [cell ${n.cell}]` : ''}${n.line !== undefined ? `:${n.line}` : ''} ${n.message}`);
  }
  return lines.join('\n');
}

export { CaseError };
