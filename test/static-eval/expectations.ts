/**
 * Reads the labels of an evaluation case: `# expect: <ruleId>[, <ruleId>…]` comments on the
 * line where a finding belongs. Works on plain Python and on nbformat-4 notebooks, where the
 * position is (cell index among all cells in saved order, line inside that cell).
 */

/** Rule ids of the shared contract; a label naming anything else is a typo and an error. */
export const KNOWN_RULES: readonly string[] = [
  'leakage/preprocessing',
  'leakage/overlap',
  'leakage/multi-test',
  'leakage/target',
  'leakage/temporal',
  'mismatch/refit-at-inference',
  'mismatch/column-order',
];

/** One labelled finding. `cell` is undefined for `.py` files. */
export interface Expectation {
  ruleId: string;
  line: number;
  cell?: number;
}

/** Options a case asks the analyzer to run with (notebook metadata `skewer_eval`). */
export interface CaseOptions {
  notebookOrder?: 'saved' | 'execution';
}

export interface ParsedCase {
  path: string;
  kind: 'python' | 'notebook';
  expectations: Expectation[];
  options: CaseOptions;
  /** The text handed to the analyzer: the original with every `# expect:` comment blanked. */
  analyzerText: string;
}

/** A malformed case: names the file and, when known, the cell and line. */
export class CaseError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
    readonly cell?: number,
  ) {
    super(`${file}${cell !== undefined ? ` cell ${cell}` : ''}${line !== undefined ? `:${line}` : ''}: ${detail}`);
    this.name = 'CaseError';
  }
}

// The marker must be a comment of its own; `# expect:` inside a string literal is not supported
// (no case needs it, and a tokenizer here would only add ways to mislabel).
const MARKER = /#\s*expect\s*:\s*(.*)$/;
const RULE_SHAPE = /^[a-z]+\/[a-z][a-z-]*$/;

/** Labels on one piece of Python source (a file or a notebook cell). */
function parseSource(
  file: string,
  source: string,
  cell: number | undefined,
  knownRules: readonly string[],
): { expectations: Expectation[]; stripped: string } {
  const lines = source.split('\n');
  const expectations: Expectation[] = [];
  const out: string[] = [];
  lines.forEach((raw, i) => {
    const line = i + 1;
    const cr = raw.endsWith('\r') ? '\r' : '';
    const body = cr ? raw.slice(0, -1) : raw;
    const m = MARKER.exec(body);
    if (!m) {
      out.push(raw);
      return;
    }
    const ids = m[1].split(',').map((s) => s.trim());
    const seen = new Set<string>();
    for (const id of ids) {
      if (!RULE_SHAPE.test(id)) throw new CaseError(file, `malformed rule id "${id}" in expect comment`, line, cell);
      if (!knownRules.includes(id)) throw new CaseError(file, `unknown rule id "${id}" (known: ${knownRules.join(', ')})`, line, cell);
      if (seen.has(id)) throw new CaseError(file, `rule id "${id}" repeated on one line`, line, cell);
      seen.add(id);
      expectations.push(cell === undefined ? { ruleId: id, line } : { ruleId: id, line, cell });
    }
    // Keep the line (and a trailing \r) so positions do not move; drop only the label.
    out.push(body.slice(0, m.index).replace(/\s+$/, '') + cr);
  });
  return { expectations, stripped: out.join('\n') };
}

function cellSource(file: string, cell: unknown, index: number): string {
  if (typeof cell !== 'object' || cell === null) throw new CaseError(file, 'cell is not an object', undefined, index);
  const src = (cell as { source?: unknown }).source;
  if (typeof src === 'string') return src;
  if (Array.isArray(src) && src.every((s) => typeof s === 'string')) return (src as string[]).join('');
  throw new CaseError(file, 'cell.source must be a string or an array of strings', undefined, index);
}

/** nbformat stores source as lines that keep their '\n'; rebuild that shape after stripping. */
function toSourceLines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  return parts.map((p, i) => (i < parts.length - 1 ? p + '\n' : p)).filter((p) => p !== '');
}

function parseNotebook(file: string, text: string, knownRules: readonly string[]): ParsedCase {
  let nb: unknown;
  try {
    nb = JSON.parse(text);
  } catch (e) {
    throw new CaseError(file, `notebook is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof nb !== 'object' || nb === null || !Array.isArray((nb as { cells?: unknown }).cells)) {
    throw new CaseError(file, 'notebook has no "cells" array');
  }
  const doc = nb as { cells: unknown[]; metadata?: { skewer_eval?: unknown } };
  const expectations: Expectation[] = [];
  doc.cells.forEach((cell, index) => {
    const src = cellSource(file, cell, index);
    const cellType = (cell as { cell_type?: unknown }).cell_type;
    if (cellType !== 'code') {
      if (MARKER.test(src)) throw new CaseError(file, 'expect comment in a non-code cell', undefined, index);
      return;
    }
    const parsed = parseSource(file, src, index, knownRules);
    expectations.push(...parsed.expectations);
    (cell as { source: unknown }).source = toSourceLines(parsed.stripped);
  });
  const options: CaseOptions = {};
  const evalMeta = doc.metadata?.skewer_eval;
  if (evalMeta !== undefined) {
    const order = (evalMeta as { notebookOrder?: unknown }).notebookOrder;
    if (order !== 'saved' && order !== 'execution') {
      throw new CaseError(file, 'metadata.skewer_eval.notebookOrder must be "saved" or "execution"');
    }
    options.notebookOrder = order;
    // The analyzer should see an ordinary notebook, not the scorer's settings.
    delete doc.metadata!.skewer_eval;
  }
  return { path: file, kind: 'notebook', expectations, options, analyzerText: JSON.stringify(nb, null, 1) + '\n' };
}

/** Parses a case file's labels; throws CaseError naming file/cell/line on malformed input. */
export function parseCase(file: string, text: string, knownRules: readonly string[] = KNOWN_RULES): ParsedCase {
  if (file.toLowerCase().endsWith('.ipynb')) return parseNotebook(file, text, knownRules);
  const parsed = parseSource(file, text, undefined, knownRules);
  return { path: file, kind: 'python', expectations: parsed.expectations, options: {}, analyzerText: parsed.stripped };
}
