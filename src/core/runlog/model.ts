/**
 * The in-memory model of one recorded run, as every surface (Runs sidebar, trace webview,
 * run-based checks, CLI) sees it. Plain data only, so it can cross worker and webview
 * boundaries as JSON. Built by readRun.ts from events.ndjson.
 */
import type { Problem } from './problem';

export type RunStatus = 'complete' | 'failed' | 'running' | 'incomplete';
export type StepStatus = RunStatus;
export type Phase = 'train' | 'serve' | 'other';

export type OperatorKind =
  | 'source' | 'sink' | 'project' | 'select' | 'map' | 'join' | 'concat' | 'groupby' | 'split' | 'sample' | 'sort'
  | 'dedup' | 'reshape' | 'fit' | 'transform' | 'fit_transform' | 'predict' | 'score' | 'resample' | 'cv' | 'other';

export interface CodePoint {
  file: string;
  line: number;
  col: number;
  cell?: number;
}

/** 1-based; endCol is exclusive (the column just past the call). */
export interface CodeLocation extends CodePoint {
  endLine: number;
  endCol: number;
  /** Source text of the call's first line, stripped. */
  code?: string;
  /** Where the estimator was constructed (e.g. inside Pipeline([...])). */
  constructedAt?: CodePoint & { endLine?: number; endCol?: number; code?: string };
}

export interface ErrorInfo {
  message: string;
  stackTrace?: string;
  location?: CodeLocation;
}

export interface FieldSchema {
  name: string;
  /** pandas dtype string for Skewer runs; whatever the producer wrote otherwise. */
  type: string;
}

export interface ColumnStats {
  dtype: string;
  nulls: number;
  distinct?: number;
  min?: number | string;
  max?: number | string;
  mean?: number;
  std?: number;
  hist?: { edges: number[]; counts: number[] };
  /** Exact counts by value (numeric columns with at most 100 distinct values). */
  values?: { values: number[]; counts: number[] };
  /** 101 evenly spaced quantiles of the finite values (numeric columns with more distinct values). */
  quantiles?: number[];
  top?: { value: string; count: number }[];
  [extra: string]: unknown;
}

export interface DatasetStats {
  rowCount: number;
  /** Present when column stats were computed on a sample of this many rows. */
  sampledRows?: number;
  columns: Record<string, ColumnStats>;
}

export type LineageKind = 'identity' | 'select' | 'join' | 'concat' | 'groupby' | 'opaque';

export interface RowLineageRef {
  kind: LineageKind;
  /** Input dataset names, in order. */
  inputs: string[];
  rowsIn: number[];
  rowsOut: number;
  /** Array role (positions, left, right, part, offsets, members) → path relative to the run folder. */
  arrays: Record<string, string>;
  gap?: string;
  /** How a select mapping was obtained when not exact by construction ("content-hash"). */
  method?: string;
  /** With content-hash matching: output rows that matched several identical input rows. */
  ambiguousRows?: number;
  /** Array roles whose file is missing or refused (see the run's problems). */
  unavailable?: string[];
}

export interface SnapshotRef {
  /** Path relative to the run folder. */
  uri: string;
  format: 'csv' | 'arrow';
  rows: number;
  totalRows: number;
  sampled: boolean;
  /** Relative path of the .npy with the output row position of each written row (when sampled). */
  positions?: string;
  indexColumns?: string[];
  columns?: string[];
  /** Set when the snapshot (or its positions file) is missing or refused. */
  unavailable?: boolean;
}

/** skewer_keys (format 1.1): the key columns known for every row of an output; `stored` ones are in `uri`. */
export interface KeysRef {
  columns: string[];
  /** Written to `uri` for every row; the other columns are derived through the row lineage. */
  stored?: string[];
  uri?: string;
  format?: 'csv' | 'arrow';
  rows?: number;
  /** Set when the key file is missing or refused. */
  unavailable?: boolean;
}

export interface DatasetRef {
  namespace: string;
  name: string;
  /** "out", "train", "test", "X_train", … for skewer-mem datasets. */
  port?: string;
  schema?: FieldSchema[];
  stats?: DatasetStats;
  rowCount?: number;
  /** Output datasets only. */
  lineage?: RowLineageRef;
  snapshot?: SnapshotRef;
  keys?: KeysRef;
  /** For inputs: seq of the earlier step whose output this is (how the step graph is linked). */
  producedBy?: number;
  /** An `ext` input that is a numpy view of a recorded 2-D array (skewer_columnOrigin): which of its columns/rows. */
  columnOrigin?: ColumnOrigin;
}

export interface ColumnOrigin {
  /** Name of the recorded dataset the view was taken from. */
  of: string;
  /** For each column of the view, its 0-based column position in `of`. */
  columns: number[];
  rowStart?: number;
  rowStep?: number;
  rows?: number;
}

export type FittedRole = 'transformer' | 'model' | 'pipeline' | 'sampler' | 'other';

export interface FittedTransformer {
  class: string;
  method: string;
  role: FittedRole;
  objectId: string;
  /** Child runId of the fit whose state this call used or produced. */
  fittedBy?: string;
  fittedInRun?: boolean;
  params: Record<string, unknown>;
  learned: Record<string, unknown>;
  nFitRows?: number;
  nRows?: number;
  result?: unknown;
  steps?: Record<string, unknown>[];
}

export interface Step {
  /** The child run's id (one step = one operator call). */
  runId: string;
  seq: number;
  jobName: string;
  /** e.g. "DataFrame.dropna", "StandardScaler.fit_transform"; for plain OpenLineage the job name without the pipeline's "<name>." prefix. */
  function: string;
  /** pandas / sklearn / imblearn / numpy; "openlineage" for foreign producers. */
  library: string;
  kind: OperatorKind;
  phase?: Phase;
  location?: CodeLocation;
  status: StepStatus;
  error?: ErrorInfo;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  inputs: DatasetRef[];
  outputs: DatasetRef[];
  /** Row count of each input (from the lineage facet, else the inputs' stats). */
  rowsIn: number[];
  /** Rows of the first output (see outputs[].rowCount for multi-output steps such as splits). */
  rowsOut?: number;
  /** Columns of the first output not in the first input, and the reverse (schema order). */
  columnsAdded: string[];
  columnsRemoved: string[];
  fitted?: FittedTransformer;
  /** The first output's lineage and snapshot (each output carries its own). */
  lineage?: RowLineageRef;
  snapshot?: SnapshotRef;
  stats?: DatasetStats;
  /** seq of the enclosing operator (a step inside Pipeline.fit). */
  parentSeq?: number;
  args?: Record<string, unknown>;
  /** Recorder's own cost for this step (lineage, stats, snapshots). */
  recorderMs?: number;
  /** A df["col"] projection recorded only when a later operator consumed it. */
  deferred?: boolean;
  /** The call mutated its input object (inplace=True, column assignment). */
  inplace?: boolean;
  /** Lines of events.ndjson that describe this step. */
  lines: number[];
}

export interface Run {
  runId: string;
  /** Absolute path of the run folder. */
  dir: string;
  /** Absolute path of the events file. */
  eventsFile: string;
  /** Pipeline job name: the script path for Skewer runs. */
  pipeline: string;
  jobNamespace: string;
  phase: Phase;
  status: RunStatus;
  startedAt?: string;
  endedAt?: string;
  durationMs?: number;
  error?: ErrorInfo;
  steps: Step[];
  producer: string;
  /** "1.0" for Skewer runs; undefined for plain OpenLineage. */
  formatVersion?: string;
  /** False for plain OpenLineage logs (no skewer_ facets). */
  isSkewer: boolean;
  script?: string;
  argv?: string[];
  cwd?: string;
  versions?: Record<string, string>;
  snapshots?: { mode: 'all' | 'sample' | 'off'; rowCap: number; format: 'csv' | 'arrow' };
  /** Key columns the recorder kept (format 1.1): chosen by the user or found in the sources. */
  keys?: { mode: 'explicit' | 'auto'; columns: string[] };
  /** From the final skewer_run facet. */
  exitCode?: number;
  operatorCount?: number;
  /** Calls not recorded because their call site already ran 500 times (loops). */
  skippedCalls?: number;
  /** Recording process, for liveness checks on the same host. */
  pid?: number;
  host?: string;
  /** mtime of the events file (ms since epoch). */
  modifiedAt: number;
}

export interface RunReadResult {
  run: Run;
  problems: Problem[];
}

export interface RunGroup {
  /** The script's workspace-relative path (posix), else the job name: what identifies the pipeline to the user. */
  pipeline: string;
  /** What the Runs view shows: the workspace-relative path (the job name for scripts not found in the workspace). */
  label: string;
  /** Set when a different script's group has the same label: the script's folder, which tells them apart. */
  folder?: string;
  /** Absolute path of the script, when the run names one. */
  scriptPath?: string;
  /** Newest first. */
  runs: RunReadResult[];
}

export interface RunListing {
  /** Groups ordered by their newest run, newest first. */
  groups: RunGroup[];
  /** All runs, newest first. */
  runs: RunReadResult[];
  /** Problems with the roots themselves (missing, unreadable). */
  problems: Problem[];
}
