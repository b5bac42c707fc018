/**
 * A traced record as a path on the graph: the nodes of the steps the trace went through, with what
 * happened to the record there, and the data edges between consecutive nodes of the path.
 */
import type { GraphHighlight, PipelineGraph } from './types';

export interface TracedStep {
  seq: number;
  /** "kept", "dropped", "split", … (the trace's fate kind). */
  fateKind: string;
}

/** Fates after which the record does not flow out of the step along the path. */
const ENDS = new Set(['dropped', 'skipped', 'gap', 'failed']);

export function highlightTrace(graph: PipelineGraph, record: string, traced: readonly TracedStep[]): GraphHighlight {
  const nodeOf = new Map<number, string>();
  for (const n of graph.nodes) for (const s of n.seqs) nodeOf.set(s, n.id);
  const nodes: Record<string, string> = {};
  const carries = new Set<string>();
  for (const t of traced) {
    const id = nodeOf.get(t.seq);
    if (!id) continue;
    // A folded node keeps its most telling fate: a drop in one iteration is worth showing.
    if (!(id in nodes) || ENDS.has(t.fateKind)) nodes[id] = t.fateKind;
    if (!ENDS.has(t.fateKind)) carries.add(id);
  }
  const edges = graph.edges.filter((e) => e.kind === 'data' && carries.has(e.from) && e.to in nodes).map((e) => e.id);
  return { record, nodes, edges };
}
