/**
 * Static leakage and train/serve mismatch analysis of one Python file or notebook.
 * Pure function of (path, text, options); never throws; bounded by a time budget.
 *
 * Modules: source.ts (file/notebook → code chunks, bad-input notes) → @lezer/python parse →
 * interpreter.ts (statements, expressions, inlined functions and classes) on top of library.ts
 * (what pandas/sklearn/imblearn/Keras calls do) and dataflow.ts (values, taints, leak checks),
 * with knowledge.ts (API names) and values.ts (the abstract domain) → events.ts → detect.ts
 * (findings, related locations, evidence) + fixes.ts → severity, suppression and order here.
 * incremental.ts keeps parse trees per document for the worker (workers/static.worker.ts).
 */
import { parser } from '@lezer/python';
import { Tree, TreeBuffer } from '@lezer/common';
import { compareFindings, type Finding, type Severity } from '../findings/finding';
import { ruleInfo } from '../findings/rules';
import { isSuppressed } from '../findings/suppress';
import { detect } from './detect';
import { Interpreter } from './interpreter';
import { isServingName } from './knowledge';
import { ModuleLoader, normPath } from './modules';
import { loadSource, type Chunk } from './source';
import type { AnalysisNote, AnalysisResult, AnalyzeOptions, DocumentInput } from './types';
import { cellLabel } from '../cellNumbers';

export type { AnalysisNote, AnalysisResult, AnalyzeOptions, DocumentInput } from './types';

export const DEFAULT_TIME_BUDGET_MS = 2000;

/** Parses every chunk; `parse` lets the worker substitute an incremental parse. */
export type ChunkParser = (chunk: Chunk, index: number) => Tree;

const defaultParse: ChunkParser = (chunk) => parser.parse(chunk.text);

export function analyzeDocument(input: DocumentInput, options: AnalyzeOptions = {}): AnalysisResult {
  return analyzeWith(input, options, defaultParse);
}

/** Calls that split data for training and evaluation. */
const SPLITS_DATA = /\b(train_test_split|cross_val_score|cross_validate|cross_val_predict)\s*\(/;
const BINDS_SPLIT_PARTS = /^[ \t]*\(?[ \t]*\w*train\w*[ \t]*,[ \t]*\w*(?:test|val)\w*[ \t]*,[^=\n]*=[^=]/im;
/** `x_train = X[:n]` ... `x_test = X[n:]`: a training part and a held-out part cut from one array at one bound. */
const TRAIN_HEAD = /^[ \t]*\w*train\w*[ \t]*=[ \t]*([\w.]+)\[[ \t]*:[ \t]*([\w.]+)[ \t]*\][ \t]*$/gim;
function cutsHeldOutPart(text: string): boolean {
  for (const m of text.matchAll(TRAIN_HEAD)) {
    const esc = (x: string): string => x.replace(/\./g, '\\.');
    if (new RegExp(`^[ \\t]*\\w*(?:test|val)\\w*[ \\t]*=[ \\t]*${esc(m[1])}\\[[ \\t]*${esc(m[2])}[ \\t]*:[ \\t]*\\]`, 'im').test(text)) return true;
  }
  return false;
}

/** True when a file's name marks it as a serving / inference entry point. */
export function isServingPath(path: string): boolean {
  const base = path.split(/[\\/]/).pop() ?? path;
  // Notebooks are exploration and training; serving code in a notebook still shows itself by
  // loading a model or by a serving-named function.
  if (/\.ipynb$/i.test(base)) return false;
  return isServingName(base.replace(/\.(py|ipynb)$/i, ''));
}

export function analyzeWith(input: DocumentInput, options: AnalyzeOptions, parse: ChunkParser): AnalysisResult {
  const path = input.path;
  const notes: AnalysisNote[] = [];
  let deps: string[] | undefined;
  try {
    const started = Date.now();
    const budget = options.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS;
    const text = typeof input.text === 'string' ? input.text : '';
    const src = loadSource(path, text, options.notebookOrder ?? 'saved');
    notes.push(...src.notes);
    if (!src.chunks.length) return { findings: [], notes };
    const trees = src.chunks.map((c, i) => parse(c, i));
    for (let i = 0; i < trees.length; i++) {
      const err = firstError(trees[i]);
      if (err !== undefined) {
        const c = src.chunks[i];
        const line = lineOf(c, err);
        notes.push({ path, kind: 'info', line, ...(c.cell !== undefined ? { cell: c.cell } : {}),
          message: `${path}${c.cell !== undefined ? ` ${cellLabel(c.cell)}` : ''}:${line}: syntax error; analysed the parts that parse` });
      }
    }
    // A file named like a serving entry point ("server_metrics.py") that splits its data into train
    // and test is a training script about that domain, not a serving path.
    // So is one that binds train and test parts from one call (`X_train, X_test, y_train, y_test = split_data(X, y)`,
    // a project helper's split).
    // So is one that cuts a training head and a held-out tail off one array at one bound (x_train = X[:n], x_test = X[n:]).
    const servingFile = options.serving ?? (isServingPath(path) && !src.chunks.some((c) => SPLITS_DATA.test(c.text) || BINDS_SPLIT_PARTS.test(c.text) || cutsHeldOutPart(c.text)));
    // The project's own modules are followed only when the caller can read them.
    const modules = options.readModule ? new ModuleLoader(options.readModule, moduleRoot(path, options.moduleRoot), path) : undefined;
    modules?.addPathEntries(path, src.chunks.map((c) => c.text).join('\n'));
    const servingByName = options.serving === undefined && servingFile ? path.split(/[\\/]/).pop() : undefined;
    const interp = new Interpreter([...src.chunks], [...trees], { servingFile, deadline: started + budget, path, ...(servingByName ? { servingByName } : {}), ...(modules ? { modules } : {}) });
    try {
      interp.run();
    } finally {
      deps = modules?.dependencies;
    }
    if (interp.partial) notes.push({ path, kind: 'partial', message: `${path}: analysis stopped after the ${budget} ms budget; findings may be incomplete` });
    for (const m of modules?.skipped ?? []) notes.push({ path, kind: 'info', message: `${path}: ${m.path} is not followed (${m.why}); what it defines is taken as unknown` });
    const raw = detect({ path, chunks: interp.chunks }, interp.events);
    return { findings: finish(raw, src.chunks, options), notes, ...(deps?.length ? { dependencies: deps } : {}) };
  } catch (e) {
    notes.push({ path, kind: 'partial', message: `${path}: internal analyzer error (${(e as Error).message ?? String(e)}); no findings reported` });
    return { findings: [], notes, ...(deps?.length ? { dependencies: deps } : {}) };
  }
}

/** The folder imports may not leave: the (innermost) one given that holds the document, else the document's own folder. */
function moduleRoot(path: string, root: string | string[] | undefined): string {
  const p = normPath(path);
  const roots = (typeof root === 'string' ? [root] : root ?? []).map(normPath);
  const holding = roots.filter((r) => r === '' ? !/^(\/|[A-Za-z]:\/)/.test(p) && !p.startsWith('../') : p.startsWith(r === '/' ? '/' : r + '/'));
  if (holding.length) return holding.sort((a, b) => b.length - a.length)[0];
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : i === 0 ? '/' : p.slice(0, i);
}

/** Offset of a parse error, scanning lezer's packed buffers directly (much cheaper than a cursor walk). */
function firstError(tree: Tree | TreeBuffer, offset = 0): number | undefined {
  if (tree instanceof TreeBuffer) {
    const buf = tree.buffer, types = tree.set.types;
    for (let i = 0; i < buf.length; i += 4) if (types[buf[i]].isError) return offset + buf[i + 1];
    return undefined;
  }
  if (tree.type.isError) return offset;
  for (let i = 0; i < tree.children.length; i++) {
    const at = firstError(tree.children[i] as Tree | TreeBuffer, offset + tree.positions[i]);
    if (at !== undefined) return at;
  }
  return undefined;
}

function lineOf(c: Chunk, offset: number): number {
  let line = 1;
  for (let i = 1; i < c.lineStarts.length && c.lineStarts[i] <= offset; i++) line++;
  return line;
}

const RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1, hint: 0 };
/** The catalog severity, capped by the cap the detector set on the finding. */
function lower(a: Severity, b: Severity): Severity { return RANK[a] <= RANK[b] ? a : b; }

/** Severity from the catalog (capped per finding) and overrides; suppression comments; stable order. */
function finish(raw: Finding[], chunks: Chunk[], options: AnalyzeOptions): Finding[] {
  if (!raw.length) return raw;
  const linesByCell = new Map<number | undefined, string[]>();
  for (const c of chunks) linesByCell.set(c.cell, c.text.split('\n'));
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const f of raw) {
    // One finding per rule and line: the same mistake reached through two paths is one problem.
    const key = `${f.ruleId}|${f.location.cell ?? ''}|${f.location.line}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const override = options.severityOverrides?.[f.ruleId];
    if (override === 'off') continue;
    const severity = override ?? lower(ruleInfo(f.ruleId)?.defaultSeverity ?? 'warning', f.severity);
    const lines = linesByCell.get(f.location.cell) ?? [];
    if (isSuppressed(lines, f.location.line, f.ruleId)) continue;
    out.push({ ...f, severity });
  }
  return out.sort(compareFindings);
}
