/**
 * Matches the steps of a training run with those of the serving run of the same pipeline, so the
 * two graphs can be read side by side. Scripts differ (serving skips the split and the fits, adds
 * a to_numpy), so this is an alignment, not a zip: a weighted longest common subsequence over the
 * steps in call order, where the same operator (or the same estimator class: a fit_transform in
 * training is a transform in serving) scores, and the same source text or name scores more.
 */
import type { GraphNode, NodeMatch, PipelineGraph } from './types';

/** Alignments beyond this many steps a side fall back to matching by key alone (memory is n·m). */
const MAX_CELLS = 4_000_000;

function keyOf(n: GraphNode): string {
  return n.estimator ? `est:${n.estimator}` : `op:${n.detail}`;
}

const norm = (code: string | undefined) => code?.replace(/\s+/g, '') ?? '';

function score(a: GraphNode, b: GraphNode): number {
  if (keyOf(a) !== keyOf(b)) return 0;
  let s = 4;
  if (a.code !== undefined && norm(a.code) === norm(b.code)) s += 2;
  if (a.label === b.label) s += 1;
  if (a.opKind === b.opKind) s += 1;
  return s;
}

/** Every step node of both graphs appears in exactly one pair (matched, or with one side missing), in call order. */
export function matchGraphs(left: PipelineGraph, right: PipelineGraph): NodeMatch[] {
  const a = left.nodes.filter((n) => n.kind === 'step');
  const b = right.nodes.filter((n) => n.kind === 'step');
  const n = a.length;
  const m = b.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) return matchByKey(a, b);
  // dp[i][j]: best score aligning a[i..] with b[j..].
  const w = m + 1;
  const dp = new Int32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const sc = score(a[i]!, b[j]!);
      const diag = sc > 0 ? sc + dp[(i + 1) * w + j + 1]! : 0;
      dp[i * w + j] = Math.max(diag, dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  const pairs: NodeMatch[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    const sc = score(a[i]!, b[j]!);
    if (sc > 0 && dp[i * w + j] === sc + dp[(i + 1) * w + j + 1]!) {
      pairs.push({ left: a[i]!.id, right: b[j]!.id });
      i++;
      j++;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) {
      pairs.push({ left: a[i++]!.id });
    } else {
      pairs.push({ right: b[j++]!.id });
    }
  }
  while (i < n) pairs.push({ left: a[i++]!.id });
  while (j < m) pairs.push({ right: b[j++]!.id });
  return pairCrossedEstimators(pairs, a, b);
}

/**
 * An alignment cannot cross: training may fit the encoder before the scaler while serving applies
 * the scaler first. Left-over steps of the same estimator class on both sides are paired afterwards.
 */
function pairCrossedEstimators(pairs: NodeMatch[], a: GraphNode[], b: GraphNode[]): NodeMatch[] {
  // Node ids are unique within a graph only: one map per side.
  const left = new Map(a.map((n) => [n.id, n]));
  const right = new Map(b.map((n) => [n.id, n]));
  const leftOnly = pairs.filter((p) => p.right === undefined && left.get(p.left!)?.estimator);
  const rightOnly = pairs.filter((p) => p.left === undefined && right.get(p.right!)?.estimator);
  const gone = new Set<NodeMatch>();
  for (const l of leftOnly) {
    const r = rightOnly.find((x) => !gone.has(x) && keyOf(right.get(x.right!)!) === keyOf(left.get(l.left!)!));
    if (!r) continue;
    l.right = r.right;
    gone.add(r);
  }
  return pairs.filter((p) => !gone.has(p));
}

/** For very long runs: the k-th step of a key on one side with the k-th of the same key on the other. */
function matchByKey(a: GraphNode[], b: GraphNode[]): NodeMatch[] {
  const queues = new Map<string, GraphNode[]>();
  for (const n of b) {
    const q = queues.get(keyOf(n));
    if (q) q.push(n);
    else queues.set(keyOf(n), [n]);
  }
  const used = new Set<string>();
  const pairs: NodeMatch[] = [];
  for (const n of a) {
    const partner = queues.get(keyOf(n))?.shift();
    if (partner) {
      used.add(partner.id);
      pairs.push({ left: n.id, right: partner.id });
    } else pairs.push({ left: n.id });
  }
  for (const n of b) if (!used.has(n.id)) pairs.push({ right: n.id });
  return pairs;
}
