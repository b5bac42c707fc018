/** Small helpers over lezer Python syntax nodes and abstract values, shared by the interpreter layers. */
import type { SyntaxNode } from '@lezer/common';
import { TEST_NAME, TRAIN_NAME, VAL_NAME } from './knowledge';
import { mapList, type DataV, type Root, type ScalarV, type Val } from './values';

const EXPR_NAMES = new Set(['VariableName', 'Number', 'String', 'FormatString', 'ContinuedString', 'Boolean', 'None', 'Ellipsis']);
/** Indexed by node type id: lezer node types are small integers. */
const exprById: (boolean | undefined)[] = [];

export function isExpr(n: SyntaxNode): boolean {
  const id = n.type.id;
  let r = exprById[id];
  if (r === undefined) {
    const name = n.type.name;
    r = name.endsWith('Expression') || EXPR_NAMES.has(name);
    exprById[id] = r;
  }
  return r;
}

/** First direct child named `name` (no cursor allocation, unlike SyntaxNode.getChild). */
export function child(n: SyntaxNode, name: string): SyntaxNode | null {
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === name) return c;
  return null;
}

/** `a[...]` rather than `a.b`: the token after the object (comments skipped) is `[`. */
export function isSubscript(member: SyntaxNode): boolean {
  let c = member.firstChild?.nextSibling ?? null;
  while (c && c.name === 'Comment') c = c.nextSibling;
  if (c?.name === '[') return true;
  if (c?.name === '.') return false;
  return child(member, '[') !== null; // recovered syntax errors: look at every child
}

export function firstExpr(n: SyntaxNode): SyntaxNode | null {
  for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) return c;
  return null;
}

export function lastExpr(n: SyntaxNode): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  let count = 0;
  for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) { found = c; count++; }
  return count > 1 ? n : found;
}

/** Names bound by an assignment target (`a`, `self.x`, `(a, b)`). */
export function leafNames(text: (n: SyntaxNode) => string, n: SyntaxNode): string[] {
  if (n.name === 'VariableName' || n.name === 'MemberExpression') return [text(n)];
  const out: string[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) out.push(...leafNames(text, c));
  return out;
}

/** The string literal key of a subscript (`df["col"]`), if any. */
export function subscriptString(text: (n: SyntaxNode) => string, n: SyntaxNode): string | undefined {
  const s = child(n, 'String');
  if (!s) return undefined;
  return unquote(text(s));
}

/** The body of a string literal (prefixes r/b/u/f, single or triple quotes); other text as is. */
export function unquote(text: string): string {
  // Hand-rolled: this runs for every string literal the interpreter evaluates.
  let i = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i) | 0x20;
    if (c !== 0x72 && c !== 0x62 && c !== 0x75 && c !== 0x66) break; // r b u f, any case
  }
  const q = text.charCodeAt(i);
  if (q !== 0x22 && q !== 0x27) return text;
  const n = text.length;
  if (n - i >= 6 && text.charCodeAt(i + 1) === q && text.charCodeAt(i + 2) === q
    && text.charCodeAt(n - 1) === q && text.charCodeAt(n - 2) === q && text.charCodeAt(n - 3) === q) return text.slice(i + 3, n - 3);
  if (n - i >= 2 && text.charCodeAt(n - 1) === q) return text.slice(i + 1, n - 1);
  return text;
}

export function lastPart(q: string): string {
  const i = q.lastIndexOf('.');
  return i >= 0 ? q.slice(i + 1) : q;
}

const roleMemo = new Map<string, Root['role']>();
/** Memoised: called for every binding and read, on the few names a file uses. */
export function roleFromName(name: string): Root['role'] {
  let r = roleMemo.get(name);
  if (r === undefined) {
    r = nameRole(name);
    if (roleMemo.size < 10_000) roleMemo.set(name, r);
  }
  return r;
}

function nameRole(name: string): Root['role'] {
  const base = name.split(/[\\/]/).pop() ?? name;
  if (TEST_NAME.test(base) && !TRAIN_NAME.test(base)) return 'test';
  if (VAL_NAME.test(base) && !TRAIN_NAME.test(base)) return 'val';
  if (TRAIN_NAME.test(base) && !TEST_NAME.test(base)) return 'train';
  return 'whole';
}

export function withVarying<T extends Val>(v: T): T {
  return { ...v, varying: true };
}

/** The statistics a value carries, without its rows (it is mixed into another frame). */
export function stripRows(v: DataV | ScalarV): ScalarV {
  const s: ScalarV = { k: 'scalar', name: 'expr', prep: v.prep, dup: v.dup };
  if (v.cols) s.cols = v.cols;
  if (v.frame) s.frame = v.frame;
  if (v.varying) s.varying = true;
  return s;
}

export function stringsIn(text: string): string[] {
  return [...text.matchAll(/(["'])(.*?)\1/g)].map((m) => m[2]);
}

/**
 * The words of the string literals in `text`, as a reader sees them: the fields of an f-string
 * (`f"Train: {test_acc}"`) are code, not words, so a variable named test_acc does not label it.
 */
export function labelText(text: string): string {
  return mapList([...text.matchAll(/([A-Za-z]{0,2})(["'])((?:(?!\2).)*)\2/g)], (m) => (/f/i.test(m[1]) ? m[3].replace(/\{[^{}]*\}/g, ' ') : m[3])).join(' ');
}

export function constStrings(v: Val): string[] {
  if (v.k === 'const' && v.str !== undefined) return [v.str];
  if (v.k === 'seq') {
    const out: string[] = [];
    for (const it of v.items) out.push(...constStrings(it));
    return out;
  }
  return [];
}

/** The parts of a top-level `a & b & c` (outer parentheses and a trailing `.astype(...)` removed); [] when there is one part. */
export function conjuncts(s: string): string[] {
  let t = s.trim().replace(/\.astype\([^()]*\)\s*$/, '').trim();
  while (t.startsWith('(') && t.endsWith(')') && topLevelComma(t.slice(1, -1)) < 0 && balanced(t.slice(1, -1))) t = t.slice(1, -1).trim();
  const parts: string[] = [];
  let depth = 0, from = 0;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i];
    if (ch === '[' || ch === '(' || ch === '{') depth++;
    else if (ch === ']' || ch === ')' || ch === '}') depth--;
    else if (ch === '&' && depth === 0) { parts.push(t.slice(from, i)); from = i + 1; }
  }
  parts.push(t.slice(from));
  return parts.length > 1 ? parts.map((p) => p.trim()) : [];
}

function balanced(s: string): boolean {
  let depth = 0;
  for (const ch of s) {
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    else if (ch === ')' || ch === ']' || ch === '}') { depth--; if (depth < 0) return false; }
  }
  return depth === 0;
}

export function topLevelComma(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '[' || ch === '(' || ch === '{') depth++;
    else if (ch === ']' || ch === ')' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) return i;
  }
  return -1;
}
