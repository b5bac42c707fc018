/**
 * Builds the pipeline graph of a run: one node per step (or per loop call site, or per pipeline
 * with its inner steps), an edge per dataset a later step consumed, an edge from each fit to the
 * steps that used what it fitted, and a node per file read or written. Rows and split sides come
 * from the run log; nothing is inferred from the source code.
 */
import path from 'node:path';
import type { DatasetRef, OperatorKind, Run, Step } from '../runlog/model';
import { foldLoops } from './loops';
import { shortClass, stepName } from './names';
import type { GraphEdge, GraphFinding, GraphNode, PipelineGraph, SplitSide } from './types';

export interface FindingAt extends GraphFinding {
  /** Absolute path. */
  file: string;
  line: number;
  cell?: number;
}

export interface BuildGraphOptions {
  /** Fold loops (tandem repeats of call sites at least `minRepeat` long; default 3). */
  collapseLoops?: boolean;
  minRepeat?: number;
  /** Fold the inner steps of Pipeline.fit / ColumnTransformer calls into the outer call (default true). */
  foldInner?: boolean;
  /**
   * Node ids ("s<seq>") of outer calls to show unfolded: their direct inner steps become nodes of their
   * own (each still folding its own inner steps unless listed too). Ids of steps not drawn are ignored.
   */
  unfold?: ReadonlySet<string>;
  /** More nodes than this fold every repeated call site into one node, loop or not (default 300). */
  maxNodes?: number;
  /** Findings to badge steps with, matched by file (resolved against the run's cwd), cell and line. */
  findings?: FindingAt[];
}

/** Kinds whose row loss is rows dropped (a filter, dedup, undersampling), unlike aggregations and joins. */
const DROPPING = new Set<OperatorKind>(['select', 'dedup', 'sample', 'map', 'project', 'sort', 'reshape', 'resample', 'transform', 'fit_transform', 'other']);

const memKey = (d: DatasetRef) => `${d.namespace}\u0000${d.name}`;

function sideOfPort(port: string | undefined): SplitSide | undefined {
  if (!port) return undefined;
  if (/train/i.test(port)) return 'train';
  if (/test|val|hold/i.test(port)) return 'test';
  return undefined;
}

function meet(a: SplitSide | undefined, b: SplitSide | undefined): SplitSide | undefined {
  if (!a) return b;
  if (!b || a === b) return a;
  return 'both';
}

function siteKey(s: Step): string | undefined {
  const l = s.location;
  return l ? `${l.file}\u0000${l.cell ?? ''}\u0000${l.line}\u0000${l.col}\u0000${s.function}` : undefined;
}

/** A file (not an in-memory frame): what read_csv reads and to_parquet writes. */
function isFileDataset(d: DatasetRef): boolean {
  return !d.namespace.startsWith('skewer-mem');
}

export function buildGraph(run: Run, options: BuildGraphOptions = {}): PipelineGraph {
  const minRepeat = options.minRepeat ?? 3;
  const maxNodes = options.maxNodes ?? 300;
  const foldInner = options.foldInner ?? true;
  const notes: string[] = [];
  const bySeq = new Map<number, Step>();
  for (const s of run.steps) bySeq.set(s.seq, s);

  // Inner steps belong to their outermost recorded ancestor, unless that ancestor is drawn unfolded:
  // then to the nearest drawn one (a step whose parent is drawn and unfolded is drawn itself).
  const unfold = options.unfold;
  const outerOf = new Map<number, Step>();
  const outer = (s: Step, depth = 0): Step => {
    const known = outerOf.get(s.seq);
    if (known) return known;
    let result = s;
    const p = foldInner && s.parentSeq !== undefined ? bySeq.get(s.parentSeq) : undefined;
    if (p && p !== s && depth < 64) {
      const po = outer(p, depth + 1);
      result = po === p && unfold?.has(`s${p.seq}`) ? s : po;
    }
    outerOf.set(s.seq, result);
    return result;
  };
  const hasChildren = new Set<number>();
  for (const s of run.steps) if (s.parentSeq !== undefined && s.parentSeq !== s.seq) hasChildren.add(s.parentSeq);
  const top = run.steps.filter((s) => outer(s) === s);

  // Loop folding over the top-level calls; a global fold by call site when that is still too many.
  const keys = top.map(siteKey);
  let rep = top.map((_, i) => i);
  if (options.collapseLoops ?? true) {
    const fold = foldLoops(keys, minRepeat);
    rep = fold.rep;
    if (fold.loops.length) {
      const calls = fold.loops.reduce((n, [, len, k]) => n + len * k, 0);
      const nodes = fold.loops.reduce((n, [, len]) => n + len, 0);
      notes.push(`${calls} calls in ${fold.loops.length} loop${fold.loops.length === 1 ? '' : 's'} folded into ${nodes} node${nodes === 1 ? '' : 's'}`);
    }
  }
  if (new Set(rep).size > maxNodes) {
    const firstAt = new Map<string, number>();
    let folded = 0;
    rep = rep.map((r) => {
      const k = keys[r];
      if (k === undefined) return r;
      const f = firstAt.get(k);
      if (f === undefined) {
        firstAt.set(k, r);
        return r;
      }
      if (f !== r) folded++;
      return f;
    });
    notes.push(`more than ${maxNodes} steps: every call site drawn once (${folded} more calls folded)`);
  }

  // Node of every step.
  const nodeOfSeq = new Map<number, GraphNode>();
  const nodes: GraphNode[] = [];
  for (let i = 0; i < top.length; i++) {
    const s = top[i]!;
    let node: GraphNode;
    if (rep[i] === i) {
      node = stepNode(s);
      if (foldInner && unfold?.has(node.id) && hasChildren.has(s.seq)) node.unfolded = true;
      nodes.push(node);
    } else {
      node = nodeOfSeq.get(top[rep[i]!]!.seq)!;
      node.repeat = (node.repeat ?? 1) + 1;
      node.seqs.push(s.seq);
      // Iterations that did different things (read another file) share the first one's name, marked as such.
      const name = stepName(s);
      if (node.repeat === 2 && name !== node.label) node.label = `${node.label} …`;
      mergeStatus(node, s);
      addRows(node, s);
    }
    nodeOfSeq.set(s.seq, node);
  }
  for (const s of run.steps) {
    if (nodeOfSeq.has(s.seq)) continue;
    const node = nodeOfSeq.get(outer(s).seq)!;
    node.inner = (node.inner ?? 0) + 1;
    node.seqs.push(s.seq);
    mergeStatus(node, s);
    nodeOfSeq.set(s.seq, node);
  }
  const order = new Map<GraphNode, number>(nodes.map((n, i) => [n, i]));

  // Split sides, in call order: a split's ports say train / test; other steps inherit from their inputs.
  const sideOf = new Map<string, SplitSide>();
  for (const s of run.steps) {
    let side: SplitSide | undefined;
    for (const i of s.inputs) side = meet(side, sideOf.get(memKey(i)));
    const node = nodeOfSeq.get(s.seq)!;
    if (s.kind === 'split') {
      for (const o of s.outputs) {
        const os = sideOfPort(o.port);
        if (os) sideOf.set(memKey(o), os);
      }
    } else {
      if (side) for (const o of s.outputs) sideOf.set(memKey(o), side);
      if (node.seqs[0] === s.seq && side) node.side = side;
    }
  }
  for (const n of nodes) {
    const s = bySeq.get(n.seqs[0]!)!;
    for (const o of n.outputs) {
      const ds = s.outputs.find((d) => (d.port ?? 'out') === o.port);
      const side = ds && sideOf.get(memKey(ds));
      if (side) o.side = side;
    }
  }

  // Edges: datasets from producer to consumer, fits to the steps that used their result, files in and out.
  const edges = new Map<string, GraphEdge>();
  const fileNodes = new Map<string, GraphNode>();
  const baseName = (d: DatasetRef) => path.posix.basename(d.name.replace(/\\/g, '/')) || d.name;
  /** A file, or — for a step folded from a loop — every file that loop read there, as one node. */
  const fileNode = (d: DatasetRef, folded?: GraphNode): GraphNode => {
    const key = folded ? `loop\u0000${folded.id}` : memKey(d);
    let n = fileNodes.get(key);
    if (!n) {
      n = { id: `d${fileNodes.size}`, kind: 'dataset', label: baseName(d), detail: d.name, seqs: [], rowsIn: [], outputs: [], status: 'complete', findings: [] };
      if (d.rowCount !== undefined) n.rowsOut = d.rowCount;
      fileNodes.set(key, n);
    } else if (folded && !n.detail.split('\n').includes(d.name)) {
      n.detail += `\n${d.name}`;
      const names = n.detail.split('\n');
      n.label = `${names.length} files (${path.posix.basename(names[0]!.replace(/\\/g, '/'))} … ${baseName(d)})`;
    }
    return n;
  };
  const edgeDatasets = new Map<string, Set<string>>();
  const runIdToSeq = new Map(run.steps.map((s) => [s.runId, s.seq]));
  /** The last step before `seq` that fitted the estimator `objectId` (what a later dump of it holds). */
  const lastFitOf = (objectId: string, seq: number): number | undefined => {
    let found: number | undefined;
    for (const st of run.steps) if (st.seq < seq && st.fitted?.objectId === objectId && /fit/.test(st.fitted.method)) found = st.seq;
    return found;
  };
  /** Ports of each edge in the order first seen: X_train and y_train into one fit are one edge. */
  const edgePorts = new Map<string, string[]>();
  const addEdge = (from: GraphNode, to: GraphNode, kind: GraphEdge['kind'], ds?: DatasetRef) => {
    if (from === to) return;
    const port = ds?.port ?? 'out';
    const id = `${kind === 'model' ? 'm' : kind === 'inner' ? 'i' : 'e'}:${from.id}>${to.id}`;
    const existing = edges.get(id);
    if (existing) {
      // The same dataset used again (a lookup table merged in every iteration) is not more rows.
      const seen = edgeDatasets.get(id)!;
      if (!ds || seen.has(memKey(ds))) return;
      seen.add(memKey(ds));
      const ports = edgePorts.get(id)!;
      if (!ports.includes(port)) {
        ports.push(port);
        existing.port = ports.filter((p) => p !== 'out').join(' + ');
        const side = meet(existing.side, sideOf.get(memKey(ds)));
        if (side) existing.side = side;
        return;
      }
      // Another iteration of a folded loop: counted once, by the edge's first port.
      if (port !== ports[0]) return;
      existing.count = (existing.count ?? 1) + 1;
      if (existing.rows !== undefined) {
        if (ds.rowCount !== undefined) existing.rows += ds.rowCount;
        else delete existing.rows;
      }
      return;
    }
    edgeDatasets.set(id, new Set(ds ? [memKey(ds)] : []));
    edgePorts.set(id, [port]);
    const e: GraphEdge = { id, from: from.id, to: to.id, kind };
    if (ds && port !== 'out') e.port = port;
    if (ds) {
      const rows = ds.rowCount;
      if (rows !== undefined) e.rows = rows;
      const side = sideOf.get(memKey(ds));
      if (side) e.side = side;
    }
    const fo = order.get(from);
    const to_ = order.get(to);
    if (fo !== undefined && to_ !== undefined && fo > to_) e.loopBack = true;
    edges.set(id, e);
  };
  for (const s of run.steps) {
    const to = nodeOfSeq.get(s.seq)!;
    for (const input of s.inputs) {
      if (input.producedBy !== undefined) {
        const from = nodeOfSeq.get(input.producedBy);
        if (from) addEdge(from, to, 'data', bySeq.get(input.producedBy)?.outputs.find((o) => o.name === input.name) ?? input);
      } else if (isFileDataset(input) && (s.kind === 'source' || outer(s) === s)) {
        addEdge(fileNode(input, to.repeat ? to : undefined), to, 'data', input);
      }
    }
    // Files written: sinks (to_parquet), and whatever else the recorder saw write one (pickle.dump).
    if (outer(s) === s) for (const out of s.outputs) if (isFileDataset(out)) addEdge(to, fileNode(out, to.repeat ? to : undefined), 'data', out);
    // An unfolded pipeline holds its inner steps: an edge to each, so they are drawn below it.
    if (outer(s) === s && s.parentSeq !== undefined) {
      const parent = nodeOfSeq.get(s.parentSeq);
      if (parent?.unfolded) addEdge(parent, to, 'inner');
    }
    const fitSeq = s.fitted?.fittedBy !== undefined ? runIdToSeq.get(s.fitted.fittedBy) : undefined;
    if (fitSeq !== undefined && fitSeq !== s.seq) {
      const from = nodeOfSeq.get(fitSeq);
      if (from) addEdge(from, to, 'model');
    }
    // A model file written (joblib.dump, pickle.dump): from the last fit of the object it holds.
    const saved = s.args?.artifact === 'write' && typeof s.args.objectId === 'string' ? lastFitOf(s.args.objectId, s.seq) : undefined;
    if (saved !== undefined) {
      const from = nodeOfSeq.get(saved);
      if (from && from !== to) addEdge(from, to, 'model');
    }
  }

  // Findings on the lines of a node's first step.
  if (options.findings?.length) {
    const cwd = run.cwd ?? run.dir;
    for (const n of nodes) {
      const loc = bySeq.get(n.seqs[0]!)!.location;
      if (!loc) continue;
      const file = path.resolve(cwd, loc.file);
      for (const f of options.findings) {
        if (f.file === file && (f.cell ?? -1) === (loc.cell ?? -1) && f.line >= loc.line && f.line <= Math.max(loc.line, loc.endLine)) {
          n.findings.push({ ruleId: f.ruleId, severity: f.severity, message: f.message });
        }
      }
    }
  }

  return {
    runId: run.runId,
    pipeline: run.pipeline,
    phase: run.phase,
    status: run.status,
    nodes: [...fileNodes.values(), ...nodes],
    edges: [...edges.values()],
    stepCount: run.steps.length,
    notes,
  };
}

function stepNode(s: Step): GraphNode {
  const node: GraphNode = {
    id: `s${s.seq}`,
    kind: 'step',
    label: stepName(s),
    detail: s.function,
    opKind: s.kind,
    seqs: [s.seq],
    rowsIn: [...s.rowsIn],
    outputs: s.outputs.map((o) => ({ port: o.port ?? 'out', ...(o.rowCount !== undefined ? { rows: o.rowCount } : {}) })),
    status: s.status,
    findings: [],
  };
  if (s.location) {
    node.location = { file: s.location.file, line: s.location.line, ...(s.location.cell !== undefined ? { cell: s.location.cell } : {}) };
    if (s.location.code) node.code = s.location.code;
  }
  if (s.rowsOut !== undefined) node.rowsOut = s.rowsOut;
  const first = s.rowsIn[0];
  if (first !== undefined && s.rowsOut !== undefined && s.rowsOut < first && DROPPING.has(s.kind)) node.dropped = first - s.rowsOut;
  if (s.error) node.error = s.error.message.split('\n')[0]!;
  if (s.fitted) node.estimator = shortClass(s.fitted.class);
  return node;
}

/** A loop node counts the rows of all its calls: in, out, dropped (unknown once any call's count is). */
function addRows(node: GraphNode, s: Step): void {
  const folded = stepNode(s);
  node.rowsIn = node.rowsIn.length === folded.rowsIn.length ? node.rowsIn.map((r, k) => r + folded.rowsIn[k]!) : [];
  node.rowsOut = node.rowsOut !== undefined && folded.rowsOut !== undefined ? node.rowsOut + folded.rowsOut : undefined;
  if (node.rowsOut === undefined) delete node.rowsOut;
  const dropped = (node.dropped ?? 0) + (folded.dropped ?? 0);
  if (dropped) node.dropped = dropped;
  node.outputs = node.outputs.map((o, k) => {
    const add = folded.outputs[k];
    return add?.port === o.port && o.rows !== undefined && add.rows !== undefined ? { ...o, rows: o.rows + add.rows } : { port: o.port, ...(o.side ? { side: o.side } : {}) };
  });
}

const STATUS_RANK = { complete: 0, incomplete: 1, running: 2, failed: 3 } as const;

/** A folded node shows the worst status of its calls, and the first error. */
function mergeStatus(node: GraphNode, s: Step): void {
  if (STATUS_RANK[s.status] > STATUS_RANK[node.status]) node.status = s.status;
  if (!node.error && s.error) node.error = s.error.message.split('\n')[0]!;
}
