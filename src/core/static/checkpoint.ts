/**
 * Interpreter checkpoints for live re-analysis. The interpreter state just before a top-level
 * statement is a graph of plain objects, arrays, maps, sets and scopes; a deep copy of it lets the
 * next analysis of the edited document skip the unchanged statements before the edit. Syntax
 * nodes and trees are immutable and shared. A checkpoint is only used when every chunk before it
 * is textually identical and the top-level statements before it have the same extents (an edit
 * right after an `if` block can turn into its `else`, which changes the block before it).
 */
import type { Tree } from '@lezer/common';
import { NO_ARGS, Scope } from './dataflow';

/** How a run uses checkpoints: resume from one, and/or capture one before a given statement. */
export interface RunPlan {
  resume?: Checkpoint;
  captureAt?: { chunk: number; from: number };
  onCapture?: (state: object) => void;
}

export interface Checkpoint {
  /** Options the state depends on (serving file or not). */
  key: string;
  chunk: number;
  /** Start of the first statement the resumed run executes. */
  from: number;
  /** (from, to, node type) of each top-level statement before `from` in that chunk. */
  shape: number[];
  state: object;
}

const SHARED = new Set<object>([NO_ARGS, NO_ARGS.kw, NO_ARGS.kwNodes, NO_ARGS.pos, NO_ARGS.posNodes]);

/** Deep copy preserving sharing and cycles; objects of other classes (syntax nodes) are shared. */
export function cloneGraph<T>(root: T): T {
  const memo = new Map<object, unknown>();
  const visit = (x: unknown): unknown => {
    if (typeof x !== 'object' || x === null) return x;
    const seen = memo.get(x);
    if (seen !== undefined) return seen;
    if (SHARED.has(x)) return x;
    if (Array.isArray(x)) {
      const out: unknown[] = new Array(x.length);
      memo.set(x, out);
      for (let i = 0; i < x.length; i++) out[i] = visit(x[i]);
      return out;
    }
    if (x instanceof Map) {
      const out = new Map<unknown, unknown>();
      memo.set(x, out);
      for (const [k, v] of x) out.set(visit(k), visit(v));
      return out;
    }
    if (x instanceof Set) {
      const out = new Set<unknown>();
      memo.set(x, out);
      for (const v of x) out.add(visit(v));
      return out;
    }
    const proto = Object.getPrototypeOf(x) as object | null;
    if (proto !== Object.prototype && proto !== null && proto !== Scope.prototype) return x;
    const out = Object.create(proto) as Record<string, unknown>;
    memo.set(x, out);
    for (const k of Object.keys(x)) out[k] = visit((x as Record<string, unknown>)[k]);
    return out;
  };
  return visit(root) as T;
}

/** (from, to, type id) of the top-level statements of a tree that start before `before`. */
export function topShape(tree: Tree, before: number): number[] {
  const out: number[] = [];
  for (let c = tree.topNode.firstChild; c && c.from < before; c = c.nextSibling) out.push(c.from, c.to, c.type.id);
  return out;
}

/** Start of the top-level statement holding `offset` (or the last one before it); undefined before the first. */
export function statementAt(tree: Tree, offset: number): number | undefined {
  let at: number | undefined;
  for (let c = tree.topNode.firstChild; c && c.from <= offset; c = c.nextSibling) at = c.from;
  return at;
}

function sameShape(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * True when `cp` can seed the analysis of the new document: the first change (chunk, offset)
 * lies at or after the checkpoint and the statements before it parse to the same extents.
 */
export function canResume(cp: Checkpoint, key: string, firstChange: { chunk: number; offset: number } | null, trees: Tree[]): boolean {
  if (cp.key !== key || cp.chunk >= trees.length) return false;
  if (firstChange && (firstChange.chunk < cp.chunk || firstChange.chunk === cp.chunk && firstChange.offset < cp.from)) return false;
  return sameShape(topShape(trees[cp.chunk], cp.from), cp.shape);
}
