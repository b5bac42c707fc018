/**
 * Per-document parse cache for live re-analysis: a file's previous tree is reused through lezer
 * TreeFragments for the unchanged prefix/suffix of the edit; notebook cells whose text did not
 * change keep their tree as is.
 */
import { parser } from '@lezer/python';
import { TreeFragment, type Tree } from '@lezer/common';
import { analyzeWith } from './index';
import type { Chunk } from './source';
import type { AnalysisResult, AnalyzeOptions, DocumentInput } from './types';

interface CachedChunk { text: string; tree: Tree; fragments: readonly TreeFragment[] }

/** The single changed range between two texts (common prefix and suffix trimmed). */
export function changedRange(a: string, b: string): { fromA: number; toA: number; fromB: number; toB: number } | null {
  if (a === b) return null;
  const max = Math.min(a.length, b.length);
  // Skip equal blocks with native string comparison first; a per-character loop over a whole
  // file costs more than the rest of the cache's bookkeeping.
  const BLOCK = 512;
  let start = 0;
  while (start + BLOCK <= max && a.slice(start, start + BLOCK) === b.slice(start, start + BLOCK)) start += BLOCK;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length, endB = b.length;
  while (endA - BLOCK >= start && endB - BLOCK >= start && a.slice(endA - BLOCK, endA) === b.slice(endB - BLOCK, endB)) { endA -= BLOCK; endB -= BLOCK; }
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) { endA--; endB--; }
  return { fromA: start, toA: endA, fromB: start, toB: endB };
}

export type ChangedRange = NonNullable<ReturnType<typeof changedRange>>;

/**
 * The edited spans between two texts: the single changed range, split into runs of differing
 * lines when the span covers the same number of lines on both sides (two edits far apart, or an
 * edit plus an undo elsewhere, would otherwise make lezer re-parse everything between them).
 */
export function changedRanges(a: string, b: string): ChangedRange[] {
  const whole = changedRange(a, b);
  if (!whole) return [];
  const linesA = a.slice(whole.fromA, whole.toA).split('\n');
  const linesB = b.slice(whole.fromB, whole.toB).split('\n');
  if (linesA.length !== linesB.length || linesA.length < 3) return [whole];
  const out: ChangedRange[] = [];
  let offA = whole.fromA, offB = whole.fromB;
  for (let i = 0; i < linesA.length; i++) {
    const la = linesA[i], lb = linesB[i];
    if (la !== lb) {
      const last = out[out.length - 1];
      // Adjacent differing lines form one range.
      if (last && last.toA === offA - 1) { last.toA = offA + la.length; last.toB = offB + lb.length; }
      else out.push({ fromA: offA, toA: offA + la.length, fromB: offB, toB: offB + lb.length });
    }
    offA += la.length + 1;
    offB += lb.length + 1;
  }
  return out;
}

export class DocumentCache {
  private docs = new Map<string, CachedChunk[]>();
  /** Documents kept; the least recently analysed are dropped first. */
  constructor(private readonly capacity = 64) {}

  analyze(input: DocumentInput, options: AnalyzeOptions = {}): AnalysisResult {
    const prev = this.docs.get(input.path) ?? [];
    const next: CachedChunk[] = [];
    const parse = (chunk: Chunk, index: number): Tree => {
      const tree = this.parseChunk(chunk, prev, index);
      next[index] = { text: chunk.text, tree, fragments: TreeFragment.addTree(tree) };
      return tree;
    };
    const result = analyzeWith(input, options, parse);
    this.docs.delete(input.path);
    if (next.length) this.docs.set(input.path, next);
    while (this.docs.size > this.capacity) this.docs.delete(this.docs.keys().next().value as string);
    return result;
  }

  forget(path: string): void { this.docs.delete(path); }

  get size(): number { return this.docs.size; }

  private parseChunk(chunk: Chunk, prev: CachedChunk[], index: number): Tree {
    // Same cell text anywhere in the previous version (cells move, get inserted): reuse it.
    const same = prev[index]?.text === chunk.text ? prev[index] : prev.find((p) => p.text === chunk.text);
    if (same) return same.tree;
    const old = prev[index] ?? (prev.length === 1 ? prev[0] : undefined);
    if (!old) return parser.parse(chunk.text);
    const changes = changedRanges(old.text, chunk.text);
    if (!changes.length) return old.tree;
    const fragments = TreeFragment.applyChanges(old.fragments, changes);
    return parser.parse(chunk.text, fragments);
  }
}
