/** Shared helpers for the static analyzer tests. */
import { analyzeDocument } from '../../../src/core/static/index';
import type { AnalyzeOptions } from '../../../src/core/static/types';
import type { Finding, TextEdit } from '../../../src/core/findings/finding';

/** Dedent a template literal (leading newline and common indentation removed). */
export function py(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((acc, s, i) => acc + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function analyze(text: string, path = 'train.py', options: AnalyzeOptions = {}): Finding[] {
  return analyzeDocument({ path, text }, options).findings;
}

/** "line:severity" (with "c<cell>:" in notebooks) of one rule's findings, for the real-idiom tests. */
export function found(text: string, rule: string, path = 'train.py'): string[] {
  return analyze(text, path).filter((f) => f.ruleId === rule).map((f) => `${f.location.cell !== undefined ? `c${f.location.cell}:` : ''}${f.location.line}:${f.severity}`);
}

/** "line:rule" pairs, sorted, for compact assertions. */
export function hits(text: string, path = 'train.py', options: AnalyzeOptions = {}): string[] {
  return analyze(text, path, options).map((f) => `${f.location.cell !== undefined ? `c${f.location.cell}:` : ''}${f.location.line}:${f.ruleId}`);
}

/** Line (1-based) of the first line containing `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`not found: ${needle}`);
  return i + 1;
}

/** Applies edits (1-based line/col ranges on one text), last first so offsets stay valid. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  const off = (line: number, col: number): number => starts[line - 1] + col - 1;
  const sorted = edits.slice().sort((a, b) => off(b.location.line, b.location.col) - off(a.location.line, a.location.col));
  let out = text;
  for (const e of sorted) {
    const from = off(e.location.line, e.location.col);
    const to = off(e.location.endLine, e.location.endCol);
    out = out.slice(0, from) + e.newText + out.slice(to);
  }
  return out;
}

/** A minimal notebook JSON from cell sources (code cells) with optional execution counts. */
export function notebook(cells: { source: string; count?: number | null; markdown?: boolean }[], language = 'python'): string {
  return JSON.stringify({
    cells: cells.map((c) => c.markdown
      ? { cell_type: 'markdown', metadata: {}, source: c.source }
      : { cell_type: 'code', metadata: {}, execution_count: c.count ?? null, outputs: [], source: c.source.split(/(?<=\n)/) }),
    metadata: { kernelspec: { name: language === 'python' ? 'python3' : language, language }, language_info: { name: language } },
    nbformat: 4, nbformat_minor: 5,
  });
}
