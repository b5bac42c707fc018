/**
 * The pipeline graph of one recorded run, as plain data: it is built in the extension host (or the
 * CLI, or a test) and crosses to the graph webview as JSON, which lays it out and draws it.
 */

/** The run log's StepStatus and OperatorKind, restated: the webview compiles this file without Node types, which the run-log model pulls in. */
export type GraphStatus = 'complete' | 'failed' | 'running' | 'incomplete';

/** Which side of a train/test split a dataset descends from ('both' once the sides meet again). */
export type SplitSide = 'train' | 'test' | 'both';

export interface GraphLocation {
  file: string;
  line: number;
  /** 0-based notebook cell index. */
  cell?: number;
}

export interface GraphFinding {
  ruleId: string;
  severity: 'error' | 'warning' | 'info' | 'hint';
  message: string;
}

/** Rows of one output of a step: splits have several (X_train, X_test, …). */
export interface GraphOutput {
  port: string;
  rows?: number;
  side?: SplitSide;
}

export type GraphNodeKind = 'step' | 'dataset';

export interface GraphNode {
  /** Stable across updates of a growing run: "s<seq>" (the first step it stands for) or "d<n>" for a file. */
  id: string;
  kind: GraphNodeKind;
  /** What the user reads: the step's name, or the file's base name. */
  label: string;
  /** The operator ("DataFrame.dropna"), or the dataset's full name. */
  detail: string;
  /** The operator kind (source, select, join, split, fit, …). */
  opKind?: string;
  /** Steps this node stands for, in call order: one, or every iteration of a loop, or a pipeline and its inner steps. */
  seqs: number[];
  location?: GraphLocation;
  /** Source text of the call's first line. */
  code?: string;
  /** Rows of each input of the first step (joins and concats have several). */
  rowsIn: number[];
  /** Rows of the first output (undefined for fits and for steps still running). */
  rowsOut?: number;
  /** rowsIn[0] − rowsOut when the step kept fewer rows than its (first) input had. */
  dropped?: number;
  outputs: GraphOutput[];
  status: GraphStatus;
  error?: string;
  /** Calls folded into this node by loop collapsing (absent: one call). */
  repeat?: number;
  /** Inner steps folded into this node (a Pipeline.fit and the fits inside it). */
  inner?: number;
  /** An outer call (a Pipeline.fit) drawn unfolded: its inner steps are nodes of their own (BuildGraphOptions.unfold). */
  unfolded?: boolean;
  /** The fitted estimator's class, for fits, transforms and predictions. */
  estimator?: string;
  side?: SplitSide;
  findings: GraphFinding[];
}

export type GraphEdgeKind = 'data' | 'model' | 'inner';

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  /** 'data': a dataset flows from one step into another; 'model': a fitted estimator is used by a later step; 'inner': an unfolded pipeline holds this inner step. */
  kind: GraphEdgeKind;
  /** Output ports of `from` this edge carries, "X_train + y_train" (absent: the step's one output). */
  port?: string;
  /** Rows of the dataset on this edge (of its first occurrence when collapsed). */
  rows?: number;
  side?: SplitSide;
  /** Number of datasets folded into this edge by collapsing (absent: one). */
  count?: number;
  /** Goes from a later iteration of a loop back to an earlier node. */
  loopBack?: boolean;
}

export interface PipelineGraph {
  runId: string;
  pipeline: string;
  phase: 'train' | 'serve' | 'other';
  status: GraphStatus;
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Steps recorded in the run (before any collapsing). */
  stepCount: number;
  /** What collapsing did, in words ("412 calls in 3 loops folded into 9 nodes"); empty when nothing was folded. */
  notes: string[];
}

/** A pair of matched nodes of a train graph and a serve graph (ids), or one side only. */
export interface NodeMatch {
  left?: string;
  right?: string;
}

/** The steps of a record's path through the graph (from a trace), by node. */
export interface GraphHighlight {
  /** What was traced, e.g. "row 12 of read_csv". */
  record: string;
  /** Node id → what happened to the record there ("kept", "dropped", …). */
  nodes: Record<string, string>;
  /** Edge ids on the path. */
  edges: string[];
}
