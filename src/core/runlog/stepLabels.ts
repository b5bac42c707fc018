/**
 * Step names a person understands: "filter rows df[df["age"] >= 21]", "add column debt_ratio",
 * "merge on customer_id (left)", "split 75/25", "fit StandardScaler", "read customers.csv" — derived from
 * what the run log records for the step (operator, kind, arguments, rows in/out, columns added and removed,
 * the recorded source line), never from the dunder it went through. The operator name stays available
 * (`operator`) for tooltips. Pure and locale-independent: the Runs view, the trace, the pipeline graph and the
 * CLI print the same words for the same run.
 */
import type { DatasetRef, Step } from './model';
import { formatCount } from './numbers';

export interface StepLabel {
  /** What the step did: "filter rows", "merge on customer_id (left)", "select 3 columns (a, b, c)". */
  action: string;
  /** The expression it applied, when that is the interesting part: df[df["age"] >= 21]. Plain source text. */
  expression?: string;
  /** `action expression`: what lists, trees, graph nodes and the CLI show. */
  text: string;
  /** The recorded operator: "DataFrame.__getitem__", "StandardScaler.fit_transform" (for tooltips). */
  operator: string;
}

/** Longest expression kept in a label; longer ones are cut with "…". */
const MAX_EXPRESSION = 60;
/** Column names listed in a label before "+N". */
const MAX_NAMES = 3;

export function labelStep(step: Step): StepLabel {
  const { action, expression } = describe(step);
  const expr = expression !== undefined ? clip(expression, MAX_EXPRESSION) : undefined;
  return { action, ...(expr !== undefined ? { expression: expr } : {}), text: expr !== undefined ? `${action} ${expr}` : action, operator: step.function };
}

/** The label's text alone: "filter rows df[df["age"] >= 21]". */
export function stepLabelText(step: Step): string {
  return labelStep(step).text;
}

/**
 * The recorded source line without its trailing comment, clipped to `max` characters: what the Runs view
 * shows beside a step. Undefined when the run recorded no source.
 */
export function stepSnippet(step: Step, max = 80): string | undefined {
  const code = step.location?.code;
  if (!code) return undefined;
  const bare = stripComment(code).trim();
  return bare ? clip(bare, max) : undefined;
}

interface Described {
  action: string;
  expression?: string;
}

function describe(step: Step): Described {
  if (step.library === 'openlineage') return { action: step.function };
  const fn = step.function;
  const method = fn.slice(fn.lastIndexOf('.') + 1);
  const args = step.args ?? {};
  switch (step.kind) {
    case 'source':
      return { action: `read ${fileName(step.inputs) ?? method.replace(/^read_/, '')}` };
    case 'sink':
      return { action: `write ${fileName(step.outputs) ?? method.replace(/^to_/, '')}` };
    case 'project':
      return project(step, method, args);
    case 'select':
      return select(step, fn, method, args);
    case 'map':
      return map(step, fn, method, args);
    case 'join':
      return join(fn, args);
    case 'concat': {
      const n = step.inputs.length;
      const axis = text(args.axis);
      const what = axis === '1' || axis === 'columns' ? 'columns' : 'rows';
      return { action: `concat ${what} of ${n} ${n === 1 ? 'table' : 'tables'}` };
    }
    case 'groupby': {
      const by = names(args.by);
      const verb = method === 'agg' || method === 'aggregate' ? 'aggregate' : method;
      return { action: by.length ? `${verb} by ${listNames(by)}` : `${verb} per group` };
    }
    case 'split':
      return { action: splitText(step, args) };
    case 'sample': {
      const n = step.rowsOut;
      const frac = num(args.frac);
      const base = frac !== undefined && n === undefined ? `sample ${Math.round(frac * 100)}% of rows` : n !== undefined ? `sample ${formatCount(n)} ${n === 1 ? 'row' : 'rows'}` : 'sample rows';
      return { action: args.replace === true ? `${base} (with replacement)` : base };
    }
    case 'sort': {
      // sort_values("balance") / nlargest(5, "income"): the recorder keeps keyword arguments only, so positional
      // column names are read from the recorded call.
      const pos = positionalArgs(step, method);
      const by = names(args.by ?? args.columns ?? (method === 'sort_values' ? pos[0] : pos[1]));
      if (method === 'nlargest' || method === 'nsmallest') {
        const n = step.rowsOut;
        return { action: `${method === 'nlargest' ? 'largest' : 'smallest'}${n !== undefined ? ` ${formatCount(n)}` : ''} rows${by.length ? ` by ${listNames(by)}` : ''}` };
      }
      return { action: by.length ? `sort by ${listNames(by)}` : 'sort rows' };
    }
    case 'dedup': {
      const by = names(args.subset ?? positionalArgs(step, method)[0]);
      return { action: by.length ? `drop duplicate ${listNames(by)}` : 'drop duplicate rows' };
    }
    case 'reshape':
      if (fn === 'get_dummies') return { action: 'one-hot encode' };
      if (method === 'to_numpy' || method === 'values') return { action: 'to NumPy array' };
      return { action: method };
    case 'fit':
      return { action: `fit ${estimator(step)}` };
    case 'fit_transform':
      return { action: `fit ${estimator(step)}` };
    case 'transform':
      return { action: method === 'inverse_transform' ? `undo ${estimator(step)}` : `apply ${estimator(step)}` };
    case 'predict': {
      const what = method === 'predict_proba' ? 'predict probabilities' : method === 'predict_log_proba' ? 'predict log-probabilities' : method === 'decision_function' ? 'decision scores' : 'predict';
      return { action: `${what} (${estimator(step)})` };
    }
    case 'score':
      return { action: `score ${estimator(step)}` };
    case 'resample':
      return { action: `resample with ${estimator(step)}` };
    case 'cv':
      return { action: cvText(step, fn, args) };
    case 'other': {
      // a model artifact (joblib / pickle / skops dump or load): which file
      const file = text(args.path)?.split(/[\\/]/).pop();
      if (file && (args.artifact === 'write' || args.artifact === 'read')) return { action: `${args.artifact === 'write' ? 'save' : 'load'} ${file}` };
      return { action: fn };
    }
  }
}

function project(step: Step, method: string, args: Record<string, unknown>): Described {
  if (method === 'drop') {
    const cols = names(args.columns);
    const shown = cols.length ? cols : step.columnsRemoved;
    return { action: shown.length ? `drop ${plural(shown.length, 'column')} ${listNames(shown)}` : 'drop columns' };
  }
  if (method === 'dropna') return { action: 'drop columns with missing values' };
  if (typeof args.key === 'string') return { action: `select column ${args.key}` };
  const cols = Array.isArray(args.columns) ? args.columns.map(String) : (step.outputs[0]?.schema?.map((f) => f.name) ?? []);
  if (!cols.length) return { action: 'select columns' };
  return { action: cols.length <= MAX_NAMES ? `select ${plural(cols.length, 'column')} ${cols.join(', ')}` : `select ${cols.length} columns (${listNames(cols)})` };
}

function select(step: Step, fn: string, method: string, args: Record<string, unknown>): Described {
  const expr = callExpression(step);
  switch (method) {
    case '__getitem__':
      return args.key === '<boolean mask>' ? { action: 'filter rows', ...opt(expr) } : { action: 'take rows', ...opt(expr ?? text(args.key)) };
    case 'loc':
    case 'iloc':
      return { action: 'select rows', ...opt(expr) };
    case 'query':
      return { action: 'filter rows', ...opt(expr) };
    case 'dropna': {
      const cols = names(args.subset);
      return { action: cols.length ? `drop rows missing ${listNames(cols)}` : 'drop rows with missing values' };
    }
    case 'drop':
      return { action: `drop ${dropped(step)}` };
    case 'head':
    case 'tail':
      return { action: `${method === 'head' ? 'first' : 'last'} ${step.rowsOut !== undefined ? `${formatCount(step.rowsOut)} ` : ''}rows` };
    default:
      return { action: `select rows (${fn})` };
  }
}

function map(step: Step, fn: string, method: string, args: Record<string, unknown>): Described {
  const added = step.columnsAdded;
  if (method === '__setitem__' && fn === 'DataFrame.__setitem__') {
    const key = text(args.key) ?? added[0];
    if (key === undefined) return { action: 'set columns' };
    return { action: `${added.includes(key) ? 'add' : 'overwrite'} column ${key}` };
  }
  if (method === '__setitem__') return { action: 'set values', ...opt(callExpression(step)) };
  if (method === 'assign') {
    const cols = Array.isArray(args.columns) ? args.columns.map(String) : added;
    const fresh = cols.filter((c) => added.includes(c));
    const verb = fresh.length === cols.length ? 'add' : fresh.length === 0 ? 'overwrite' : 'assign';
    return { action: cols.length ? `${verb} ${plural(cols.length, 'column')} ${listNames(cols)}` : 'assign columns' };
  }
  if (fn.includes('GroupBy.')) {
    const by = names(args.by);
    return { action: `${method} within groups${by.length ? ` of ${listNames(by)}` : ''}` };
  }
  const col = fn.startsWith('Series.') ? seriesName(step) : undefined;
  const of = col !== undefined ? ` of ${col}` : '';
  const words: Record<string, string> = {
    fillna: col !== undefined ? `fill missing ${col}` : 'fill missing values',
    astype: `change type${of}`,
    rename: 'rename columns',
    reset_index: 'reset index',
    set_index: 'set index',
    replace: `replace values${of}`,
    clip: `clip values${of}`,
    round: `round values${of}`,
    copy: 'copy',
    apply: `apply a function${of}`,
    map: `map values${of}`,
  };
  return { action: words[method] ?? method };
}

function join(fn: string, args: Record<string, unknown>): Described {
  const how = text(args.how) ?? (fn === 'DataFrame.join' ? 'left' : 'inner');
  const on = names(args.on);
  if (on.length) return { action: `${fn === 'DataFrame.join' ? 'join' : 'merge'} on ${listNames(on)} (${how})` };
  const left = args.left_index === true ? ['index'] : names(args.left_on);
  const right = args.right_index === true ? ['index'] : names(args.right_on);
  if (left.length || right.length) return { action: `merge ${listNames(left.length ? left : ['index'])} = ${listNames(right.length ? right : ['index'])} (${how})` };
  return { action: `${fn === 'DataFrame.join' ? 'join on index' : 'merge'} (${how})` };
}

function splitText(step: Step, args: Record<string, unknown>): string {
  const train = step.outputs.find((o) => /(^|_)train$/.test(o.port ?? ''))?.rowCount;
  const test = step.outputs.find((o) => /(^|_)test$/.test(o.port ?? ''))?.rowCount;
  // The ratio the code asked for ("split 75/25" for test_size=0.25, as written), else the one the rows show.
  let ratio = '';
  const t = num(args.test_size) ?? (num(args.train_size) !== undefined ? 1 - num(args.train_size)! : undefined);
  if (t !== undefined && t > 0 && t < 1) ratio = ` ${Math.round(100 - t * 100)}/${Math.round(t * 100)}`;
  else if (train !== undefined && test !== undefined && train + test > 0) {
    const a = Math.round((100 * train) / (train + test));
    ratio = ` ${a}/${100 - a}`;
  }
  return `split${ratio}${args.stratify === true ? ', stratified' : ''}`;
}

function cvText(step: Step, fn: string, args: Record<string, unknown>): string {
  const folds = text(args.cv);
  const k = folds !== undefined && /^\d+$/.test(folds) ? `${folds}-fold` : undefined;
  const est = step.fitted ? estimator(step) : undefined;
  if (fn.endsWith('.fit')) {
    const kind = fn.startsWith('RandomizedSearchCV') ? 'random search' : fn.startsWith('GridSearchCV') ? 'grid search' : 'search';
    return `${kind}${k ? ` (${k} CV)` : ''}`;
  }
  const what = fn === 'cross_val_predict' ? 'cross-validated predictions' : 'cross-validate';
  return `${what}${est ? ` ${est}` : ''}${k ? ` (${k})` : ''}`;
}

/** "StandardScaler" from the fitted facet's class, else the operator's receiver. */
function estimator(step: Step): string {
  const cls = step.fitted?.class;
  if (cls) return cls.slice(cls.lastIndexOf('.') + 1);
  const dot = step.function.lastIndexOf('.');
  return dot > 0 ? step.function.slice(0, dot) : step.function;
}

function dropped(step: Step): string {
  const i = step.rowsIn[0];
  const o = step.rowsOut;
  if (i !== undefined && o !== undefined && i >= o) return `${formatCount(i - o)} ${i - o === 1 ? 'row' : 'rows'}`;
  return 'rows';
}

function seriesName(step: Step): string | undefined {
  const fields = step.inputs[0]?.schema ?? step.outputs[0]?.schema;
  return fields?.length === 1 && fields[0]!.name !== '0' ? fields[0]!.name : undefined;
}

function fileName(datasets: DatasetRef[]): string | undefined {
  const file = datasets.find((d) => d.namespace === 'file');
  if (!file) return undefined;
  const parts = file.name.split(/[\\/]/);
  return parts[parts.length - 1] || file.name;
}

// ---- recorded source --------------------------------------------------------------------------------------

/**
 * The source of the call itself (`df[df["age"] >= 21]` out of `df = df[df["age"] >= 21]  # adults`), from the
 * recorded span. The run keeps the line stripped of its indentation but the span's columns count it, so the
 * indentation is recovered: the first plausible one (multiples of four first) whose cut is a whole expression.
 * Undefined when the span covers the whole line, several lines, or nothing cuts cleanly.
 */
export function callExpression(step: Step): string | undefined {
  const loc = step.location;
  const code = loc?.code;
  if (!loc || !code || loc.endLine !== loc.line) return undefined;
  const len = loc.endCol - loc.col;
  if (len <= 0) return undefined;
  const bare = stripComment(code).trimEnd();
  if (len >= bare.length) return undefined;
  const maxIndent = loc.col - 1;
  const indents = [...range(0, maxIndent, 4), ...range(0, maxIndent, 1).filter((i) => i % 4 !== 0)];
  for (const indent of indents) {
    const start = loc.col - 1 - indent;
    if (start < 0 || start + len > bare.length) continue;
    const cut = bare.slice(start, start + len);
    if (startsClean(bare, start) && endsClean(bare, start + len) && balanced(cut)) return cut.trim() || undefined;
  }
  return undefined;
}

/**
 * Positional arguments of the recorded `.method(...)` call, as source text ("'balance'", "5"); keyword
 * arguments are left out. Empty when the call is not on one recorded line.
 */
export function positionalArgs(step: Step, method: string): string[] {
  const code = step.location?.code && stripComment(step.location.code);
  if (!code) return [];
  const open = code.indexOf(`.${method}(`);
  if (open < 0) return [];
  const out: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = open + method.length + 2;
  for (let i = start; i < code.length; i++) {
    const c = code[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if ((c === ')' || c === ',') && depth === 0) {
      const arg = code.slice(start, i).trim();
      if (arg && !/^\w+\s*=[^=]/.test(arg)) out.push(arg);
      if (c === ')') return out;
      start = i + 1;
    } else if (c === ')' || c === ']' || c === '}') depth--;
  }
  return [];
}

function range(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i += step) out.push(i);
  return out;
}

const IDENT = /[A-Za-z0-9_]/;

function startsClean(s: string, i: number): boolean {
  return i === 0 || !IDENT.test(s[i - 1]!) || !IDENT.test(s[i]!);
}

function endsClean(s: string, i: number): boolean {
  return i >= s.length || !IDENT.test(s[i]!) || !IDENT.test(s[i - 1]!);
}

/** Brackets and string quotes balance, and the cut neither starts nor ends inside a string. */
function balanced(s: string): boolean {
  const stack: string[] = [];
  const close: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"' || c === "'") {
      const end = s.indexOf(c, i + 1);
      if (end < 0) return false;
      i = end;
    } else if (c === '(' || c === '[' || c === '{') stack.push(c);
    else if (c in close) {
      if (stack.pop() !== close[c]) return false;
    }
  }
  return stack.length === 0;
}

/** The line without a trailing `# comment` (a # inside a string literal is kept). */
export function stripComment(code: string): string {
  let quote: string | undefined;
  for (let i = 0; i < code.length; i++) {
    const c = code[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#') return code.slice(0, i).trimEnd();
  }
  return code;
}

// ---- small text helpers -----------------------------------------------------------------------------------

function clip(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function plural(n: number, word: string): string {
  return n === 1 ? word : `${word}s`;
}

function listNames(list: string[]): string {
  return list.length > MAX_NAMES ? `${list.slice(0, MAX_NAMES).join(', ')}, +${list.length - MAX_NAMES}` : list.join(', ');
}

function opt(expression: string | undefined): { expression?: string } {
  return expression !== undefined ? { expression } : {};
}

function text(v: unknown): string | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === 'string' ? unquote(v) : String(v);
}

function num(v: unknown): number | undefined {
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Column names from a recorded argument: a list, or the text the recorder wrote for one — a Python repr
 * ("'customer_id'", "['a', 'b']", "('a',)") or a plain string ("customer_id").
 */
function names(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== 'string') return [String(v)];
  const s = v.trim();
  if (s === 'None' || s === '') return [];
  const inner = /^[[(](.*)[\])]$/s.exec(s)?.[1];
  if (inner === undefined) return [unquote(s)];
  const out: string[] = [];
  const re = /\s*('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[^,]+)\s*(?:,|$)/g;
  for (const m of inner.matchAll(re)) if (m[1]!.trim()) out.push(unquote(m[1]!.trim()));
  return out;
}

function unquote(s: string): string {
  return /^(['"]).*\1$/s.test(s) ? s.slice(1, -1) : s;
}
