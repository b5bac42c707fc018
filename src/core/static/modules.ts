/**
 * The project's own modules, as Python would find them for a script or notebook run from its
 * folder: `import utils`, `from .data import load`, `import pkg.mod`, `%run helpers.ipynb`.
 * Pure: files are read through the caller's synchronous reader, and every candidate path is
 * computed here and refused when it would leave the root (workspace folder, check root).
 * A module is read, bounded (the analysed file's limits) and parsed at most once per analysis;
 * one that cannot be found, read or parsed is `undefined` (its names stay unknown values).
 */
import { parser } from '@lezer/python';
import type { Tree, TreeBuffer } from '@lezer/common';
import { loadSource, type Chunk } from './source';

/** Reads a file of the project; `undefined` when it does not exist or cannot be read. */
export type ModuleReader = (path: string) => string | undefined;

/** A file of the project loaded for analysis: its chunks (with `file` set) and their parse trees. */
export interface LoadedModule {
  path: string;
  /** The path relative to the root, for messages ("utils.py", "src/steps.py"). */
  label: string;
  chunks: Chunk[];
  trees: Tree[];
  /** Index of its first chunk in the interpreter's chunk list, once added there. */
  base?: number;
}

/** Modules followed per analysis, and the code they may hold in all (characters). */
export const MAX_MODULES = 24;
export const MAX_MODULE_CHARS = 4 * 1024 * 1024;

/**
 * Top-level names of libraries and of the standard library: never looked up as project files, so
 * a file that imports only these reads nothing.
 */
const LIBRARIES = new Set(('__future__ abc argparse array ast asyncio base64 bisect builtins calendar catboost category_encoders collections concurrent ' +
  'contextlib copy csv ctypes cv2 dask dataclasses datasets datetime decimal difflib enum fastai functools gc gensim glob gzip hashlib heapq ' +
  'imblearn importlib inspect io ipywidgets IPython itertools joblib json keras lightgbm logging lzma math matplotlib missingno mlflow ' +
  'multiprocessing nltk numba numpy operator optuna os pandas pathlib pickle PIL platform plotly polars pprint pyspark queue random re ' +
  'requests scipy seaborn shap shutil sklearn socket spacy sqlite3 statistics statsmodels string struct subprocess sys tempfile tensorflow ' +
  'textwrap threading time timeit torch torchvision tqdm traceback transformers types typing unicodedata urllib uuid warnings wandb ' +
  'wordcloud xgboost yaml zipfile').split(' '));

/** `/`-separated, with `.` and `..` resolved; a leading `/` or drive (`C:`) kept. `..` beyond the start stays. */
export function normPath(p: string): string {
  const s = p.replace(/\\/g, '/');
  const abs = s.startsWith('/');
  const out: string[] = [];
  for (const seg of s.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length && out[out.length - 1] !== '..' && !/^[A-Za-z]:$/.test(out[out.length - 1])) out.pop();
    else if (seg === '..' && abs && !out.length) continue;
    else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : p.slice(0, i);
}

function joinPath(dir: string, rel: string): string {
  return normPath(dir ? `${dir}/${rel}` : rel);
}

const isAbsolute = (p: string): boolean => p.startsWith('/') || /^[A-Za-z]:(\/|$)/.test(p);

/** The text inside the parentheses opening at `open` (balanced), or undefined when unclosed on a short span. */
function parenBody(code: string, open: number): string | undefined {
  let depth = 0;
  for (let i = open; i < code.length && i < open + 400; i++) {
    const c = code[i];
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return code.slice(open + 1, i);
  }
  return undefined;
}

/** Top-level comma-separated parts of an argument list. */
function splitArgs(s: string): string[] {
  const out: string[] = [];
  let depth = 0, from = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === ',' && depth === 0) { out.push(s.slice(from, i)); from = i + 1; }
  }
  out.push(s.slice(from));
  return out.map((x) => x.trim()).filter(Boolean);
}

/**
 * A folder written as a relative path: a string literal, the working directory (`os.getcwd()`,
 * `Path.cwd()`, `os.path.abspath(".")`), `os.path.join` / abspath / normpath of such parts, or a
 * name assigned one of them (`names`). Undefined when it depends on anything else.
 */
function pathExpr(expr: string, names: Map<string, string>): string | undefined {
  const e = expr.trim().replace(/\s*#.*$/, '');
  const lit = /^[rR]?(['"])([^'"\n]*)\1$/.exec(e);
  if (lit) return lit[2];
  if (/^(os\.getcwd\(\)|(pathlib\.)?Path\.cwd\(\)|os\.curdir)$/.test(e)) return '.';
  // The importing file's own folder: os.path.dirname(os.path.abspath(__file__)), Path(__file__).resolve().parent.
  if (/^os\.path\.dirname\(\s*(?:os\.path\.(?:abspath|realpath)\(\s*__file__\s*\)|__file__)\s*\)$/.test(e)
    || /^(pathlib\.)?Path\(\s*__file__\s*\)(\.(resolve|absolute)\(\))?\.parent$/.test(e)) return '.';
  if (/^[A-Za-z_]\w*$/.test(e)) return names.get(e);
  const call = /^(os\.path\.(join|abspath|realpath|normpath)|str)\(/.exec(e);
  if (!call) return undefined;
  const inner = parenBody(e, call[0].length - 1);
  if (inner === undefined || call[0].length + inner.length + 1 !== e.length) return undefined;
  const parts = splitArgs(inner).map((a) => pathExpr(a, names));
  if (!parts.length || parts.some((x) => x === undefined)) return undefined;
  if (call[2] !== 'join' && parts.length !== 1) return undefined;
  return parts.join('/');
}

export class ModuleLoader {
  private readonly root: string;
  private readonly loaded = new Map<string, LoadedModule | null>();
  /** Files read (found) so far; bounded by MAX_MODULES. */
  private found = 0;
  /** Files read (found), in the order they were first read. */
  readonly dependencies: string[] = [];
  /** Files found but not followed, and why (too big, does not parse). */
  readonly skipped: { path: string; why: string }[] = [];
  private chars = 0;
  /** Folders the document adds to `sys.path` with literal relative paths (`sys.path.append("../src")`). */
  private readonly extraDirs: string[] = [];

  /**
   * `root` is the folder imports may not leave, in the same style as the paths (absolute, or
   * relative like the analysed file's path); `mainPath` is the analysed file (never loaded as a module).
   */
  constructor(private readonly read: ModuleReader, root: string, private readonly mainPath: string) {
    this.root = normPath(root);
  }

  /** Inside the root (the root itself included). */
  within(p: string): boolean {
    const r = this.root;
    if (!r) return !isAbsolute(p) && p !== '..' && !p.startsWith('../');
    if (r === '/') return p.startsWith('/');
    return p === r || p.startsWith(r + '/');
  }

  /**
   * `sys.path.append("../src")`, `sys.path.insert(0, os.path.abspath(".."))`,
   * `sys.path.append(os.path.join("..", "lib"))`, `sys.path.append(os.path.join(os.getcwd(), "src"))`
   * (directly or through a name assigned such a path) in the document or a module it imports:
   * relative folders are taken from the document's folder (the notebook's working directory, which
   * relative `sys.path` entries resolve against in every module) and searched too, inside the root.
   */
  addPathEntries(importer: string, code: string): void {
    if (code.indexOf('sys.path') < 0) return;
    const base = dirOf(normPath(importer));
    const names = new Map<string, string>();
    for (const m of code.matchAll(/^[ \t]*([A-Za-z_]\w*)[ \t]*=[ \t]*(.+)$/gm)) {
      const v = pathExpr(m[2], names);
      if (v !== undefined) names.set(m[1], v); else names.delete(m[1]);
    }
    for (const m of code.matchAll(/sys\.path\.(append|insert)\(/g)) {
      const inner = parenBody(code, m.index! + m[0].length - 1);
      if (inner === undefined) continue;
      const args = splitArgs(inner);
      const rel = pathExpr(m[1] === 'insert' ? args[1] ?? '' : args[0] ?? '', names);
      if (rel === undefined || isAbsolute(rel.replace(/\\/g, '/'))) continue;
      const dir = joinPath(base, rel);
      if (this.within(dir) && !this.extraDirs.includes(dir)) this.extraDirs.push(dir);
    }
  }

  /** The folders searched for a top-level import from `importer`: its own folder, then its parents up to the root. */
  private searchDirs(importer: string): string[] {
    let dir = dirOf(normPath(importer));
    const dirs: string[] = [];
    if (!this.within(dir)) return dirs;
    for (let i = 0; i < 32; i++) {
      dirs.push(dir);
      if (dir === this.root) break;
      const up = dirOf(dir);
      if (up === dir || !this.within(up)) break;
      dir = up;
    }
    return dirs;
  }

  /**
   * Files that `import dotted` (with `level` leading dots) may name from `importer`, most likely
   * first: `<dir>/a/b.py`, then `<dir>/a/b/__init__.py`, for each searched folder.
   */
  candidates(importer: string, dotted: string, level: number): string[] {
    const parts = dotted.split('.').filter(Boolean);
    if (!level && (!parts.length || LIBRARIES.has(parts[0]))) return [];
    let dirs: string[];
    if (level) {
      let dir = dirOf(normPath(importer));
      for (let i = 1; i < level; i++) dir = dirOf(dir);
      dirs = [dir];
    } else dirs = [...this.searchDirs(importer), ...this.extraDirs.filter((d) => !this.searchDirs(importer).includes(d))];
    const out: string[] = [];
    const rel = parts.join('/');
    for (const d of dirs) {
      if (rel) out.push(joinPath(d, rel + '.py'));
      out.push(joinPath(d, rel ? rel + '/__init__.py' : '__init__.py'));
    }
    return out.filter((p) => this.within(p) && p !== normPath(this.mainPath));
  }

  /** Files `%run target` may name from `importer` (IPython tries the name, then `.py`, then `.ipynb`). */
  runCandidates(importer: string, target: string): string[] {
    if (!target || isAbsolute(target.replace(/\\/g, '/'))) return [];
    const base = joinPath(dirOf(normPath(importer)), target);
    const names = /\.(py|ipynb)$/i.test(base) ? [base] : [base, base + '.py', base + '.ipynb'];
    return names.filter((p) => this.within(p) && p !== normPath(this.mainPath));
  }

  /** The file at `path` read, bounded and parsed; undefined when missing, unreadable, too big or not valid Python. */
  load(path: string): LoadedModule | undefined {
    const known = this.loaded.get(path);
    if (known !== undefined) return known ?? undefined;
    const mod = this.tryLoad(path);
    this.loaded.set(path, mod ?? null);
    return mod;
  }

  private tryLoad(path: string): LoadedModule | undefined {
    // At most MAX_MODULES files read: the candidate paths tried and not found do not count.
    if (!this.within(path) || this.found >= MAX_MODULES) return undefined;
    let text: string | undefined;
    try {
      text = this.read(path);
    } catch {
      return undefined;
    }
    if (typeof text !== 'string') return undefined;
    this.found++;
    this.dependencies.push(path);
    if (this.chars + text.length > MAX_MODULE_CHARS) {
      this.skipped.push({ path, why: 'the modules followed already hold the most code one analysis reads' });
      return undefined;
    }
    const parsed = parseModule(path, text);
    if (!parsed) {
      this.skipped.push({ path, why: 'it is too big or does not parse' });
      return undefined;
    }
    this.chars += parsed.chunks.reduce((n, c) => n + c.text.length, 0);
    // A module's own sys.path entries apply to the imports after them (relative to the working directory).
    this.addPathEntries(this.mainPath, text);
    const label = this.root && path.startsWith(this.root + '/') ? path.slice(this.root.length + 1) : path;
    const chunks = parsed.chunks.map((c) => ({ ...c, file: path, label }));
    return { path, label, chunks, trees: parsed.trees };
  }
}

function hasError(tree: Tree | TreeBuffer): boolean {
  if (!('children' in tree)) {
    const buf = tree.buffer, types = tree.set.types;
    for (let i = 0; i < buf.length; i += 4) if (types[buf[i]].isError) return true;
    return false;
  }
  if (tree.type.isError) return true;
  for (const c of tree.children) if (hasError(c as Tree | TreeBuffer)) return true;
  return false;
}

interface Parsed { text: string; chunks: Chunk[]; trees: Tree[] }

/**
 * Parses of module files by path, reused while their text is the same: live re-analysis of a
 * notebook does not parse its helper modules again on every keystroke (trees are immutable).
 */
const PARSED = new Map<string, Parsed | { text: string; bad: true }>();
const PARSED_CAPACITY = 64;

function parseModule(path: string, text: string): Parsed | undefined {
  const hit = PARSED.get(path);
  if (hit && hit.text === text) return 'bad' in hit ? undefined : hit;
  PARSED.delete(path);
  while (PARSED.size >= PARSED_CAPACITY) PARSED.delete(PARSED.keys().next().value as string);
  const src = loadSource(path, text, 'saved');
  const trees: Tree[] = [];
  for (const c of src.chunks) {
    const tree = parser.parse(c.text);
    // Python would not import a file that does not parse: its names stay unknown.
    if (hasError(tree)) break;
    trees.push(tree);
  }
  if (!src.chunks.length || trees.length < src.chunks.length) {
    PARSED.set(path, { text, bad: true });
    return undefined;
  }
  const parsed = { text, chunks: src.chunks, trees };
  PARSED.set(path, parsed);
  return parsed;
}
