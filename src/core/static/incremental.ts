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
  let start = 0;
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let endA = a.length, endB = b.length;
  while (endA > start && endB > start && a.charCodeAt(endA - 1) === b.charCodeAt(endB - 1)) { endA--; endB--; }
  return { fromA: start, toA: endA, fromB: start, toB: endB };
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
    const change = changedRange(old.text, chunk.text);
    if (!change) return old.tree;
    const fragments = TreeFragment.applyChanges(old.fragments, [change]);
    return parser.parse(chunk.text, fragments);
  }
}
