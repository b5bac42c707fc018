/**
 * Layered layout of a pipeline graph with dagre (@dagrejs/dagre): top to bottom, in call order.
 * Pure computation, no DOM: the graph webview runs it (only that bundle carries dagre), and the
 * benchmark and tests run it in Node. The caller passes the dagre module in: the extension's Node16
 * resolution sees the package as ESM-only (TS1479) while the webview's bundler resolution does not,
 * so each side imports it the way its compiler accepts. Node sizes come from the text they show (estimated from
 * character counts, so the layout needs no font measuring and is the same everywhere).
 */
import type { EdgeLabel, GraphLabel, NodeLabel, Point } from '@dagrejs/dagre' with { 'resolution-mode': 'import' };
import type { GraphNode, PipelineGraph } from './types';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface GraphLayout {
  nodes: Record<string, Box>;
  /** Polyline of each edge, from its source's border to its target's. */
  edges: Record<string, { x: number; y: number }[]>;
  width: number;
  height: number;
}

/** Average advance of the webview's UI font at 12–13 px, generous so text fits. */
export const CHAR_WIDTH = 7.2;
export const STEP_HEIGHT = 58;
export const DATASET_HEIGHT = 30;
const MIN_WIDTH = 150;
/** Above this many nodes the layout trades some compactness for speed. */
export const BIG_GRAPH = 80;
const MAX_WIDTH = 300;

/** Lines a node draws: its name, then "line 12 · 2,000 → 1,923 rows", then badges. Shared by layout and drawing. */
export function nodeLines(n: GraphNode): string[] {
  if (n.kind === 'dataset') return [n.label];
  const extra = extraLine(n);
  return extra ? [n.label, metaLine(n), extra] : [n.label, metaLine(n)];
}

/** The third line: what stands out about the step (rows dropped, its failure, a loop, inner steps). */
export function extraLine(n: GraphNode): string {
  if (n.status === 'failed' && n.error) return `failed: ${n.error.length > 44 ? `${n.error.slice(0, 43)}…` : n.error}`;
  const parts: string[] = [];
  if (n.dropped) parts.push(`−${fmt(n.dropped)} rows dropped`);
  if (n.repeat) parts.push(`×${fmt(n.repeat)} calls`);
  if (n.inner) parts.push(`+${n.inner} inner step${n.inner === 1 ? '' : 's'}`);
  if (n.unfolded) parts.push('inner steps shown');
  if (!parts.length && n.estimator && n.opKind !== 'split' && !n.label.includes(n.estimator)) parts.push(n.estimator);
  if (n.status === 'running') parts.push('running');
  return parts.join(' · ');
}

export function metaLine(n: GraphNode): string {
  const parts: string[] = [];
  if (n.location) parts.push(`${n.location.cell !== undefined ? `cell ${n.location.cell + 1} ` : ''}line ${n.location.line}`);
  const rows = rowsLine(n);
  if (rows) parts.push(rows);
  return parts.join(' · ');
}

const fmt = (x: number) => x.toLocaleString('en-US');

/** "2,000 → 1,923 rows", "1,923 → 1,442 | 481", "2,000 + 2,400 → 2,000". */
export function rowsLine(n: GraphNode): string {
  const ins = n.opKind === 'join' || n.opKind === 'concat' ? n.rowsIn : n.rowsIn.slice(0, 1);
  const outs = n.outputs.length > 1 && n.opKind === 'split' ? n.outputs.filter((o) => /^X|train$|test$/.test(o.port) && !/^y/.test(o.port)) : [];
  const outText = outs.length > 1 ? outs.map((o) => (o.rows !== undefined ? fmt(o.rows) : '?')).join(' | ') : n.rowsOut !== undefined ? fmt(n.rowsOut) : '';
  if (!ins.length && !outText) return '';
  // A concat of many tables: their number and total, not every count.
  const inText = ins.length > 3 ? `${ins.length} tables, ${fmt(ins.reduce((a, b) => a + b, 0))}` : ins.map(fmt).join(' + ');
  if (!outText) return `${inText} rows in`;
  return `${ins.length ? `${inText} → ` : ''}${outText} rows`;
}

export function nodeSize(n: GraphNode): { width: number; height: number } {
  const longest = Math.max(...nodeLines(n).map((l) => l.length));
  const badges = (n.repeat ? 1 : 0) + (n.findings.length ? 1 : 0) + (n.status === 'failed' ? 1 : 0);
  const width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.ceil(longest * CHAR_WIDTH) + 28 + badges * 18));
  return { width, height: n.kind === 'dataset' ? DATASET_HEIGHT : STEP_HEIGHT };
}

/** The part of dagre the layout uses. */
export interface Dagre {
  graphlib: { Graph: new (options: { multigraph: boolean }) => unknown };
  layout(g: never, options: never): void;
}

interface DagreGraph {
  setGraph(label: GraphLabel): void;
  setDefaultEdgeLabel(f: () => EdgeLabel): void;
  setNode(id: string, label: NodeLabel): void;
  setEdge(v: string, w: string, label: EdgeLabel, name: string): void;
  nodes(): string[];
  node(id: string): NodeLabel;
  edges(): { v: string; w: string; name?: string }[];
  edge(e: { v: string; w: string; name?: string }): EdgeLabel;
  graph(): GraphLabel;
}

export function layoutGraph(graph: PipelineGraph, dagre: Dagre): GraphLayout {
  const g = new dagre.graphlib.Graph({ multigraph: true }) as unknown as DagreGraph;
  // dagre's defaults (network-simplex ranking, every ordering heuristic) cost 0.4–1 s on a 200-step graph under
  // load; the tight-tree ranker and one ordering pass lay it out in 40–60 ms (bench/graph.ts). Small graphs,
  // where the defaults are cheap, keep them for their tighter drawing.
  const big = graph.nodes.length > BIG_GRAPH;
  g.setGraph({ rankdir: 'TB', nodesep: 28, ranksep: 44, edgesep: 12, marginx: 16, marginy: 16, ...(big ? { ranker: 'tight-tree' } : {}) });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of graph.nodes) g.setNode(n.id, nodeSize(n));
  for (const e of graph.edges) {
    // Loop-back edges must not pull the loop's first node below its last: dagre reverses them, weight 0.
    g.setEdge(e.from, e.to, { weight: e.kind === 'model' || e.loopBack ? 0 : 2, minlen: 1 }, e.id);
  }
  dagre.layout(g as never, (big ? { disableOptimalOrderHeuristic: true } : {}) as never);
  const nodes: Record<string, Box> = {};
  for (const id of g.nodes()) {
    const l = g.node(id);
    nodes[id] = { x: l.x! - l.width / 2, y: l.y! - l.height / 2, width: l.width, height: l.height };
  }
  const edges: GraphLayout['edges'] = {};
  for (const e of g.edges()) {
    const l = g.edge(e);
    if (e.name !== undefined) edges[e.name] = (l.points ?? []).map((p: Point) => ({ x: p.x, y: p.y }));
  }
  const label = g.graph();
  return { nodes, edges, width: label.width ?? 0, height: label.height ?? 0 };
}
