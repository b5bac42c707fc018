/**
 * Turns a document (Python file or notebook JSON) into the code chunks the interpreter runs,
 * rejecting input that cannot be Python source with a note instead of an exception.
 */
import { withoutOutputs } from './notebookCode';
import type { AnalysisNote } from './types';

export interface Chunk {
  /** Python source of the file or cell (magics and shell escapes blanked). */
  text: string;
  /** Cell index among all cells in saved order; undefined for plain files. */
  cell?: number;
  executionCount?: number | null;
  /** Offsets of line starts in `text` (for 1-based line/col conversion). */
  lineStarts: number[];
  /** `%run` lines (blanked in `text`): where they are and the file they name. */
  runs?: RunMagic[];
  /** Set on the chunks of another file of the project (a module, a `%run` file): its path and label. */
  file?: string;
  label?: string;
}

export interface RunMagic { from: number; to: number; target: string; module?: boolean }

/** Limits on the code that is analysed (a Python file, or the code cells of a notebook). */
export const MAX_BYTES = 2 * 1024 * 1024;
export const MAX_LINES = 50_000;
/**
 * Hard cap on a notebook file: its outputs (plots, tables) are dropped before parsing, but the
 * file is still read into memory whole and scanned once.
 */
export const MAX_NOTEBOOK_FILE_BYTES = 64 * 1024 * 1024;

const isNotebookPath = (path: string): boolean => /\.ipynb$/i.test(path);
const mb = (n: number): string => (n / 1048576).toFixed(1);

/**
 * A note when a file of `bytes` bytes is certainly over the limits, so callers can skip it before
 * reading it. A UTF-8 file has at least a third as many UTF-16 units as bytes, so a Python file
 * over 3 × MAX_BYTES bytes is over MAX_BYTES characters whatever its content.
 */
/**
 * How often the document's own code names any of `names` (a whole word), from offset `from.offset` of
 * chunk `from.chunk` on, or in the whole document: never in a project module's chunk, never on a
 * commented-out line (`# show(model)`). Dynamic access (`locals()`, `eval`, `%store`) may name
 * anything: Infinity.
 */
export function nameUses(chunks: readonly Chunk[], names: readonly string[], from?: { chunk: number; offset: number }): number {
  if (chunks.some((c) => c.file === undefined && wordIndex(c).dynamic)) return Infinity;
  let uses = 0;
  if (from || !names.length || names.some((n) => !/^\w+$/.test(n))) {
    const re = new RegExp(`\\b(?:${names.join('|')})\\b`, 'g');
    chunks.forEach((c, i) => {
      if (c.file !== undefined || from && i < from.chunk) return;
      const text = from && i === from.chunk ? c.text.slice(from.offset) : c.text;
      uses += (text.replace(COMMENT_LINE, '').match(re) ?? []).length;
    });
    return uses;
  }
  // A whole-word match of a name made of word characters is a whole run of them: count runs once per chunk.
  const wanted = new Set(names);
  for (const c of chunks) if (c.file === undefined) for (const n of wanted) uses += wordIndex(c).words.get(n) ?? 0;
  return uses;
}

const COMMENT_LINE = /^[ \t]*#.*$/gm;
const DYNAMIC_ACCESS = /\b(?:locals|globals|vars|eval|exec)\s*\(|%store|%who/;

/** Per chunk, read once (nameUses is asked for every score and search read): its words outside comment lines
 *  (`words`), and those on comment lines (`commentWords`, for counts over the whole text). */
const wordIndexes = new WeakMap<Chunk, WordIndex>();
interface WordIndex { text: string; dynamic: boolean; words: Map<string, number>; commentWords: Map<string, number> }
function wordIndex(c: Chunk): WordIndex {
  let ix = wordIndexes.get(c);
  if (ix?.text !== c.text) {
    ix = { text: c.text, dynamic: DYNAMIC_ACCESS.test(c.text), ...countWords(c.text) };
    wordIndexes.set(c, ix);
  }
  return ix;
}

/** A code scan instead of replace(COMMENT_LINE) + matchAll(/\w+/g) (2 % of analysis): the same runs of [A-Za-z0-9_],
 *  split by whether their line is a comment line ([ \t]* then '#', lines ended by \n, \r, U+2028 or U+2029). */
function countWords(text: string): { words: Map<string, number>; commentWords: Map<string, number> } {
  const words = new Map<string, number>(), commentWords = new Map<string, number>();
  let lineStart = true, comment = false;
  for (let i = 0, n = text.length; i < n;) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 13 || ch === 0x2028 || ch === 0x2029) { lineStart = true; comment = false; i++; continue; }
    if (lineStart) {
      if (ch === 32 || ch === 9) { i++; continue; }
      lineStart = false;
      comment = ch === 35;
    }
    if (ch >= 48 && ch <= 57 || ch >= 65 && ch <= 90 || ch >= 97 && ch <= 122 || ch === 95) {
      let j = i + 1;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (!(d >= 48 && d <= 57 || d >= 65 && d <= 90 || d >= 97 && d <= 122 || d === 95)) break;
      }
      const w = text.slice(i, j), m = comment ? commentWords : words;
      m.set(w, (m.get(w) ?? 0) + 1);
      i = j;
    } else i++;
  }
  return { words, commentWords };
}

/** How often a chunk's whole text, comment lines included, names `word` (a run of word characters) as a whole word. */
export function wordCount(c: Chunk, word: string): number {
  const ix = wordIndex(c);
  return (ix.words.get(word) ?? 0) + (ix.commentWords.get(word) ?? 0);
}

export function fileSizeNote(path: string, bytes: number): AnalysisNote | undefined {
  if (isNotebookPath(path)) {
    if (bytes <= MAX_NOTEBOOK_FILE_BYTES) return undefined;
    return { path, kind: 'skipped', message: `${path}: notebook file is ${mb(bytes)} MB, over the ${MAX_NOTEBOOK_FILE_BYTES / 1048576} MB limit for notebooks (outputs included); not analysed` };
  }
  if (bytes <= 3 * MAX_BYTES) return undefined;
  return { path, kind: 'skipped', message: `${path}: ${mb(bytes)} MB is over the 2 MB limit (generated file?); not analysed` };
}

export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** 1-based line and column of an offset. */
export function position(starts: number[], offset: number): { line: number; col: number } {
  let lo = 0, hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid; else hi = mid - 1;
  }
  return { line: lo + 1, col: offset - starts[lo] + 1 };
}

/** Cell magics whose body is still Python. */
// notify: jupyternotify runs the body and notifies when it ends.
const PYTHON_CELL_MAGICS = /^%%(time|timeit|capture|prun|debug|python3?|cython_inline|memit|skip|notify)\b/;

/** Line magics whose argument is a Python statement they run (options first). */
const LINE_MAGIC_PYTHON = /^(%(?:time|timeit|prun|memit)\b(?:\s+-[A-Za-z]+(?:\s+\d+)?)*\s+)(.*)$/;

/** JS `\s` minus the line terminators: what `\s*` may cross within one line. */
function isLineSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a)
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Same answer as /^\s*[%!]/m.test(text) (some line starts with `%` or `!` after whitespace), by
 * looking back from each `%` / `!` instead of trying the regex at every position of every line:
 * this runs for every chunk of every file.
 */
export function hasMagicLine(text: string): boolean {
  for (const ch of ['%', '!']) {
    for (let p = text.indexOf(ch); p >= 0; p = text.indexOf(ch, p + 1)) {
      let i = p - 1;
      while (i >= 0 && isLineSpace(text.charCodeAt(i))) i--;
      if (i < 0) return true;
      const c = text.charCodeAt(i);
      if (c === 10 || c === 13 || c === 0x2028 || c === 0x2029) return true;
    }
  }
  return false;
}

/** IPython magics and shell escapes are not Python; blank them so the parser sees a clean line. */
function blankMagics(text: string): string {
  // %%bash, %%sql, %%html ...: the whole cell is another language.
  const first = text.trimStart();
  if (first.startsWith('%%') && !PYTHON_CELL_MAGICS.test(first)) return text.replace(/[^\n]/g, ' ');
  if (!hasMagicLine(text)) return text;
  return text.replace(/^(\s*)([%!].*)$/gm, (_m, ws: string, rest: string) => {
    // `%time expr`, `%timeit -n 3 expr`: the line magic runs its Python statement. The statement is
    // kept (moved to the line's start, so columns after it shift; lines do not) and the magic blanked.
    const timed = LINE_MAGIC_PYTHON.exec(rest);
    if (timed && timed[2].trim()) return ws + timed[2] + ' '.repeat(timed[1].length);
    return ws + ' '.repeat(rest.length);
  });
}

/**
 * The file a `%run` line names: options skipped (`-i`, `-t`, `-n`, ...), quotes removed;
 * `-m mod` names a module (returned with `module: true`).
 */
export function runTarget(line: string): { target: string; module?: boolean } | undefined {
  const m = /^\s*%run\s+(.*)$/.exec(line);
  if (!m) return undefined;
  const tokens = m[1].match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t === '-m') return tokens[i + 1] ? { target: tokens[i + 1], module: true } : undefined;
    if (t.startsWith('-')) continue;
    return { target: t.replace(/^(["'])(.*)\1$/, '$2') };
  }
  return undefined;
}

/** `%run file` lines of a cell or file (IPython runs the file there, in the same namespace). */
function runMagics(text: string): RunMagic[] | undefined {
  if (text.indexOf('%run') < 0) return undefined;
  const out: RunMagic[] = [];
  for (const m of text.matchAll(/^[ \t]*%run\b.*$/gm)) {
    const t = runTarget(m[0]);
    if (t) out.push({ from: m.index, to: m.index + m[0].length, ...t });
  }
  return out.length ? out : undefined;
}

/**
 * Floats written with a trailing dot (`rescale=1./255`, `f(2.)`) are valid Python that the parser
 * reads as an attribute access with an error, dropping the statement; the dot becomes a space (the
 * same length, so positions hold, and `1 /255` is the same expression to this analysis).
 */
function trailingDotFloats(text: string): string {
  if (!/\d\.(?![\w.])/.test(text)) return text;
  return text.replace(/(?<![\w.])(\d+)\.(?![\w.])/g, '$1 ');
}

/** A chunk of code: magics blanked, trailing-dot floats spelt so they parse, `%run` lines kept aside. */
function codeChunk(src: string, extra: Partial<Chunk> = {}): Chunk {
  const unmagic = blankMagics(src);
  const runs = unmagic !== src ? runMagics(src) : undefined;
  const body = trailingDotFloats(unmagic);
  return { text: body, lineStarts: lineStarts(body), ...extra, ...(runs ? { runs } : {}) };
}

function countLines(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export interface LoadedSource { chunks: Chunk[]; notes: AnalysisNote[] }

export function loadSource(path: string, text: string, order: 'saved' | 'execution'): LoadedSource {
  const notes: AnalysisNote[] = [];
  if (text.indexOf('\u0000') >= 0) {
    notes.push({ path, kind: 'skipped', message: `${path}: contains NUL bytes; looks binary, not analysed` });
    return { chunks: [], notes };
  }
  // A notebook's bound is on its code cells (below), not on the JSON around them.
  if (isNotebookPath(path)) {
    const tooBig = fileSizeNote(path, text.length);
    if (tooBig) return { chunks: [], notes: [tooBig] };
    return loadNotebook(path, text, order, notes);
  }
  if (text.length > MAX_BYTES) {
    notes.push({ path, kind: 'skipped', message: `${path}: ${mb(text.length)} MB is over the 2 MB limit (generated file?); not analysed` });
    return { chunks: [], notes };
  }
  const lines = countLines(text);
  if (lines > MAX_LINES) {
    notes.push({ path, kind: 'skipped', message: `${path}: ${lines} lines is over the ${MAX_LINES}-line limit (generated file?); not analysed` });
    return { chunks: [], notes };
  }
  return { chunks: [codeChunk(text.replace(/^\uFEFF/, ' '))], notes };
}

function loadNotebook(path: string, file: string, order: 'saved' | 'execution', notes: AnalysisNote[]): LoadedSource {
  const text = file.charCodeAt(0) === 0xfeff ? file.slice(1) : file;
  let nb: unknown;
  try {
    nb = parseNotebook(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    let where = '';
    if (m) where = ` at line ${position(lineStarts(text), Number(m[1])).line}`;
    notes.push({ path, kind: 'skipped', message: `${path}: not valid notebook JSON${where} (${(e as Error).message}); not analysed`,
      ...(m ? { line: position(lineStarts(text), Number(m[1])).line } : {}) });
    return { chunks: [], notes };
  }
  const obj = nb as { cells?: unknown; metadata?: { kernelspec?: { language?: string; name?: string }; language_info?: { name?: string; mimetype?: string } } };
  if (!obj || typeof obj !== 'object' || !Array.isArray(obj.cells)) {
    notes.push({ path, kind: 'skipped', message: `${path}: notebook JSON has no "cells" array (nbformat 3 or not a notebook); not analysed` });
    return { chunks: [], notes };
  }
  const lang = (obj.metadata?.language_info?.name ?? obj.metadata?.kernelspec?.language ?? '').toString().toLowerCase();
  // Sparkmagic's PySpark kernels name their language "pyspark" and give Python's mimetype.
  const pythonMime = obj.metadata?.language_info?.mimetype === 'text/x-python';
  if (lang && lang !== 'python' && lang !== 'python3' && lang !== 'ipython' && !/^pyspark\d?$/.test(lang) && !pythonMime) {
    notes.push({ path, kind: 'skipped', message: `${path}: notebook kernel language is "${lang}", not Python; not analysed` });
    return { chunks: [], notes };
  }
  const chunks: Chunk[] = [];
  let total = 0;
  obj.cells.forEach((c: unknown, index: number) => {
    const cell = c as { cell_type?: string; source?: unknown; execution_count?: unknown };
    if (!cell || cell.cell_type !== 'code') return;
    const src = Array.isArray(cell.source) ? cell.source.filter((s) => typeof s === 'string').join('')
      : typeof cell.source === 'string' ? cell.source : '';
    total += src.length;
    chunks.push(codeChunk(src, { cell: index, executionCount: typeof cell.execution_count === 'number' ? cell.execution_count : null }));
  });
  if (total > MAX_BYTES) {
    notes.push({ path, kind: 'skipped', message: `${path}: notebook code is ${mb(total)} MB, over the 2 MB limit; not analysed` });
    return { chunks: [], notes };
  }
  const lines = chunks.reduce((n, c) => n + c.lineStarts.length, 0);
  if (lines > MAX_LINES) {
    notes.push({ path, kind: 'skipped', message: `${path}: notebook code is ${lines} lines, over the ${MAX_LINES}-line limit; not analysed` });
    return { chunks: [], notes };
  }
  if (order === 'execution') {
    // Cells never run keep their saved position after the ones that ran.
    const ran = chunks.filter((c) => c.executionCount != null).sort((a, b) => (a.executionCount as number) - (b.executionCount as number));
    const notRun = chunks.filter((c) => c.executionCount == null);
    if (notRun.length && ran.length) notes.push({ path, kind: 'info', message: `${path}: ${notRun.length} code cell(s) have no execution count; analysed after the executed cells` });
    return { chunks: [...ran, ...notRun], notes };
  }
  return { chunks, notes };
}

/**
 * The notebook without its cells' outputs. When the cut-down text does not parse, the original is
 * parsed instead, so a broken file's error names a position in the file as saved.
 */
function parseNotebook(text: string): unknown {
  const code = withoutOutputs(text);
  if (code !== undefined && code !== text) {
    try {
      return JSON.parse(code);
    } catch {
      // fall through to the original text for the error
    }
  }
  return JSON.parse(text);
}
