/**
 * Scores src/core/static's analyzeDocument on the labelled cases.
 *   npx tsx test/static-eval/evaluate.ts [--json] [--check] [--counts] [--cases <dir>] [--only <text>]
 * --json  prints the full report as JSON instead of the table.
 * --check exits 1 when the pass bar (P >= 0.95, R >= 0.90 for preprocessing, overlap,
 *         multi-test) is missed or the analyzer throws.
 * --only   scores only the cases whose file name contains <text> (debugging; --check still applies).
 * --counts prints labels and cases per rule (no analyzer needed), for the README.
 * Exit 2 on bad usage, malformed cases, or when the analyzer module cannot be loaded.
 */
import * as path from 'node:path';
import { KNOWN_RULES, type ParsedCase } from './expectations';
import { CaseError, checkThresholds, formatReport, loadCases, scoreCases, type AnalyzeFn, type ScoreReport } from './score';

export const CASES_DIR = path.join(__dirname, 'cases');
const ANALYZER = path.join(__dirname, '..', '..', 'src', 'core', 'static', 'index.ts');

/**
 * Loads analyzeDocument at run time. The analyzer is built in parallel with this set, so a
 * static import would make the whole test tree fail to type-check until it lands.
 */
export function loadAnalyzer(modulePath: string = ANALYZER): AnalyzeFn {
  let mod: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(modulePath);
  } catch (e) {
    throw new Error(`cannot load the analyzer from ${modulePath}: ${(e as Error).message}`, { cause: e });
  }
  const fn = (mod as { analyzeDocument?: unknown }).analyzeDocument;
  if (typeof fn !== 'function') throw new Error(`${modulePath} does not export a function analyzeDocument`);
  return fn as AnalyzeFn;
}

/** Loads the cases and the analyzer and scores them. */
export function runEvaluation(casesDir: string = CASES_DIR, analyze: AnalyzeFn = loadAnalyzer(), only?: string): ScoreReport {
  const cases = loadCases(casesDir).filter((c) => only === undefined || c.path.includes(only));
  if (cases.length === 0) throw new CaseError(casesDir, `no case name contains "${only}"`);
  return scoreCases(cases, analyze, KNOWN_RULES);
}

/** Markdown table: labels and cases per rule, clean cases, notebooks. */
export function formatCounts(cases: ParsedCase[]): string {
  const rows = KNOWN_RULES.map((r) => {
    const labels = cases.reduce((n, c) => n + c.expectations.filter((e) => e.ruleId === r).length, 0);
    const withRule = cases.filter((c) => c.expectations.some((e) => e.ruleId === r)).length;
    return `| ${r} | ${withRule} | ${labels} |`;
  });
  const clean = cases.filter((c) => c.expectations.length === 0).length;
  const nbs = cases.filter((c) => c.kind === 'notebook').length;
  return [
    '| rule | cases | labels |',
    '|---|---:|---:|',
    ...rows,
    `| (no finding expected) | ${clean} | 0 |`,
    '',
    `${cases.length} cases (${cases.length - nbs} .py, ${nbs} .ipynb), ${cases.reduce((n, c) => n + c.expectations.length, 0)} labels.`,
  ].join('\n');
}

function main(argv: string[]): number {
  let json = false;
  let check = false;
  let counts = false;
  let only: string | undefined;
  let casesDir = CASES_DIR;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--check') check = true;
    else if (a === '--counts') counts = true;
    else if (a === '--cases' && i + 1 < argv.length) casesDir = path.resolve(argv[++i]);
    else if (a === '--only' && i + 1 < argv.length) only = argv[++i];
    else {
      process.stderr.write(`unknown argument: ${a}\nusage: npx tsx test/static-eval/evaluate.ts [--json] [--check] [--counts] [--cases <dir>] [--only <text>]\n`);
      return 2;
    }
  }
  if (counts) {
    try {
      process.stdout.write(formatCounts(loadCases(casesDir)) + '\n');
      return 0;
    } catch (e) {
      process.stderr.write(`bad case: ${(e as Error).message}\n`);
      return 2;
    }
  }
  let report: ScoreReport;
  try {
    report = runEvaluation(casesDir, loadAnalyzer(), only);
  } catch (e) {
    process.stderr.write(`${e instanceof CaseError ? 'bad case: ' : ''}${(e as Error).message}\n`);
    return 2;
  }
  const failures = checkThresholds(report);
  if (json) process.stdout.write(JSON.stringify({ ...report, passBarFailures: failures }, null, 2) + '\n');
  else {
    process.stdout.write(formatReport(report) + '\n');
    process.stdout.write(failures.length ? `\nPass bar missed:\n  ${failures.join('\n  ')}\n` : '\nPass bar met.\n');
  }
  return check && failures.length > 0 ? 1 : 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
