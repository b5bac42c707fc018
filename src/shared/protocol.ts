/**
 * The typed message protocol between the extension host and Skewer's webviews.
 * Imported by both bundles (node host and browser webview), so it must stay free of
 * `vscode`, Node and DOM imports. Host → webview messages are complete snapshots
 * (never deltas), so a webview that was hidden and restored can always re-render.
 */

import type { ColumnSkew, SkewThresholds } from '../core/compare/skewTypes';
import type { Finding } from '../core/findings/finding';
import type { GraphHighlight, NodeMatch, PipelineGraph } from '../core/graph/types';

/** Which screen a panel shows. */
export type PanelKind = 'welcome' | 'trace' | 'compare';

/** Why a panel has nothing to show; each reason has its own guidance text in the UI. */
export type EmptyReason = 'no-runs' | 'untrusted' | 'no-workspace' | 'too-few-runs';

export interface RunFolderStatus {
  path: string;
  /** Present when the folder is missing or unreadable. */
  problem?: string;
  runCount: number;
}

export interface WelcomeState {
  kind: 'welcome';
  reason: EmptyReason;
  folders: RunFolderStatus[];
  recordCommand: string;
}

export interface TraceStepCell {
  /** The trace row: the feature's name, the same at every step (core/trace/cells.ts), or a model output's ("proba 1"). */
  column: string;
  /** The column's name in this step's output when it differs (`num__tenure_months`, `x0`). */
  name?: string;
  value: string | null;
  changed: boolean;
}

/** One row of the trace table: a feature, or a model output. */
export interface TraceRowInfo {
  column: string;
  /** Its other names in the traced steps (`num__tenure_months`, `x0`). */
  names: string[];
}

export type TraceFateKind = 'start' | 'kept' | 'moved' | 'dropped' | 'skipped' | 'duplicated' | 'joined' | 'split' | 'aggregated' | 'consumed' | 'gap' | 'failed';

export interface SourceRef {
  file: string;
  line: number;
  /** 0-based notebook cell index. */
  cell?: number;
}

export interface TraceStep {
  seq: number;
  /** What the step did ("filter rows df[df.age >= 21]", see core/runlog/stepLabels.ts). */
  label: string;
  /** The recorded operator ("DataFrame.__getitem__"), for the tooltip. */
  operator?: string;
  location?: SourceRef;
  /** What happened to the record at this step, as a sentence. */
  fate: string;
  fateKind: TraceFateKind;
  /** Set when the record (or a copy) lands on both sides of a split: "X_train row 261 and X_test row 450". */
  bothSides?: string;
  cells: TraceStepCell[];
  /** Why there are no values for this step (no snapshot, row not sampled). */
  valuesNote?: string;
  fitted?: { className: string; objectId: string; params: Record<string, string> };
}

export type TraceDirection = 'forward' | 'backward';

export interface TraceState {
  kind: 'trace';
  runId: string;
  pipeline: string;
  record: string;
  steps: TraceStep[];
  problems: string[];
  /** forward: from the record's row through every later step; backward: from a later row to its source rows. */
  direction?: TraceDirection;
  /** The row the trace started from, when the same row can be traced the other way (not a source row). */
  start?: { dataset: string; position: number; reversible: boolean };
  /** The rows in display order (one per feature); absent: the cells' columns in order of appearance. */
  rows?: TraceRowInfo[];
}

export interface CompareState {
  kind: 'compare';
  left: { runId: string; label: string };
  right: { runId: string; label: string };
  /** What each run fed its model (step and line), e.g. "LogisticRegression.fit at line 47". */
  leftInput: string;
  rightInput: string;
  schemaDiff: { column: string; left: string | null; right: string | null; kind: 'same' | 'missing-right' | 'missing-left' | 'dtype' | 'position' }[];
  /** Per-feature distribution skew of the model inputs, most skewed first; thresholds from settings. */
  skew: SkewRow[];
  thresholds: SkewThresholds;
  problems: string[];
  /** Which pairing chose the two runs (the model file that links them, or why a fallback was used). */
  pairing?: string;
  /** Train/serve mismatch and drift findings (source run), on the serving lines; shown first. */
  findings?: Finding[];
  /** Set when the two runs look like different pipelines: said instead of listing differences. */
  unrelated?: string;
}

/** One feature's skew row: the core's type, so host and webview cannot drift apart (type-only import). */
export type SkewRow = ColumnSkew;

export type PanelState = WelcomeState | TraceState | CompareState;

/** Host → webview. */
export type ToWebview =
  | { type: 'state'; state: PanelState }
  | { type: 'theme'; kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light' }
  | { type: 'error'; message: string };

/** Webview → host. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'openLocation'; file: string; line: number; cell?: number }
  | { type: 'runCommand'; command: HostCommand }
  /** Trace the panel's start row again in `direction` (Trace Back to Source / Trace Forward). */
  | { type: 'retrace'; direction: TraceDirection }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** The only commands a webview may ask the host to run (an allowlist, not arbitrary ids). */
export type HostCommand = 'skewer.openRunFolder' | 'skewer.refreshRuns' | 'skewer.checkWorkspace' | 'skewer.showFindings';

export const HOST_COMMANDS: readonly HostCommand[] = ['skewer.openRunFolder', 'skewer.refreshRuns', 'skewer.checkWorkspace', 'skewer.showFindings'];

/** Validates a message from the webview: the webview is a less trusted context than the host. */
export function parseFromWebview(raw: unknown): FromWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openLocation':
      return typeof m.file === 'string' && Number.isInteger(m.line) && (m.line as number) > 0 && (m.cell === undefined || (Number.isInteger(m.cell) && (m.cell as number) >= 0))
        ? { type: 'openLocation', file: m.file, line: m.line as number, ...(m.cell !== undefined ? { cell: m.cell as number } : {}) }
        : undefined;
    case 'runCommand':
      return HOST_COMMANDS.includes(m.command as HostCommand) ? { type: 'runCommand', command: m.command as HostCommand } : undefined;
    case 'retrace':
      return m.direction === 'forward' || m.direction === 'backward' ? { type: 'retrace', direction: m.direction } : undefined;
    case 'log':
      return (m.level === 'info' || m.level === 'warn' || m.level === 'error') && typeof m.message === 'string'
        ? { type: 'log', level: m.level, message: m.message }
        : undefined;
    default:
      return undefined;
  }
}

/** Compile-time exhaustiveness check for switches over message unions. */
export function assertNever(x: never): never {
  throw new Error(`unexpected message ${JSON.stringify(x)}`);
}

// ---- Pipeline graph view (its own webview and bundle: dist/webview/graph.js) ----

/** What the graph view shows: one run, or a train and a serve run side by side with their steps matched. */
export interface GraphViewState {
  /** One graph, or two (left: the run the view was opened on, right: the run paired with it). */
  graphs: PipelineGraph[];
  /** "churn/train.py · train · 14:03:07", one per graph. */
  titles: string[];
  /** Present with two graphs: matched step nodes (left id, right id) in call order. */
  matches?: NodeMatch[];
  /** The record traced last in the Trace view, when it was traced in the first graph's run. */
  highlight?: GraphHighlight;
  /** Runs the first one can be shown beside (serving runs first for a training run, and the reverse). */
  pairCandidates: { runId: string; label: string }[];
  collapseLoops: boolean;
  problems: string[];
}

/** Host → graph webview. */
export type ToGraphWebview =
  | { type: 'graph'; state: GraphViewState }
  | { type: 'theme'; kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light' };

/** Graph webview → host. */
export type FromGraphWebview =
  | { type: 'ready' }
  /** Open the source line of node `nodeId` of graph `graph` (0 or 1). */
  | { type: 'openNode'; graph: number; nodeId: string }
  /** Show `runId` beside the first run, or only the first run (undefined). */
  | { type: 'pairWith'; runId?: string }
  | { type: 'setCollapseLoops'; value: boolean }
  /** Show the inner steps of node `nodeId` (a Pipeline.fit) of graph `graph` as nodes of their own, or fold them back. */
  | { type: 'toggleInner'; graph: number; nodeId: string }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string };

/** Validates a message from the graph webview (less trusted than the host). */
export function parseFromGraphWebview(raw: unknown): FromGraphWebview | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'openNode':
      return (m.graph === 0 || m.graph === 1) && typeof m.nodeId === 'string' && m.nodeId.length < 64 ? { type: 'openNode', graph: m.graph, nodeId: m.nodeId } : undefined;
    case 'pairWith':
      return m.runId === undefined || (typeof m.runId === 'string' && m.runId.length < 200) ? { type: 'pairWith', ...(m.runId !== undefined ? { runId: m.runId as string } : {}) } : undefined;
    case 'setCollapseLoops':
      return typeof m.value === 'boolean' ? { type: 'setCollapseLoops', value: m.value } : undefined;
    case 'toggleInner':
      return (m.graph === 0 || m.graph === 1) && typeof m.nodeId === 'string' && m.nodeId.length < 64 ? { type: 'toggleInner', graph: m.graph, nodeId: m.nodeId } : undefined;
    case 'log':
      return (m.level === 'info' || m.level === 'warn' || m.level === 'error') && typeof m.message === 'string' ? { type: 'log', level: m.level, message: m.message } : undefined;
    default:
      return undefined;
  }
}

// ---- Data viewer (custom editor for table files and step outputs; its own webview entry) ----

/** What the data viewer shows: the table's shape and where its rows come from. */
export interface DataViewerInfo {
  /** File name, or "<step> output" for a step. */
  title: string;
  /** Rows in the whole file or step output; null when unknown (a CSV read only in part). */
  rowCount: number | null;
  /** Rows the viewer holds (≤ rowCount): all of them, a step's sample, or the first rows of a file over the memory bound. */
  loadedRows: number;
  columns: { name: string; type: string }[];
  format: string;
  /** One sentence on where the rows come from, e.g. "Step output snapshot: a sample of 1,406 of 2,000 rows". */
  source: string;
  /** Why not every row is held (the memory bound), for a notice in the view. */
  limited?: string;
  /** A click on a row traces it (a step output with a run to trace in). */
  traceable: boolean;
  /** Rows read one Parquet row group at a time (over the memory bound): no sort, filter or statistics. */
  streamed: boolean;
}

/** Host → data viewer. Windows and query results carry the query version they answer. */
export type ToDataViewer =
  | { type: 'info'; info: DataViewerInfo }
  | { type: 'window'; version: number; start: number; rows: JsonCell[][]; rowIds: number[]; positions?: number[]; total: number }
  | { type: 'queried'; version: number; total: number }
  | { type: 'stats'; stats: DataViewerStats }
  | { type: 'notice'; message: string }
  | { type: 'error'; message: string }
  | { type: 'theme'; kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light' };

export type JsonCell = null | boolean | number | string | JsonCell[] | { [k: string]: JsonCell };

export interface DataViewerStats {
  column: number;
  rows: number;
  nullCount: number;
  nanCount: number;
  distinct: number;
  histogram?: { min: string; max: string; counts: number[] };
  top?: { value: string; count: number }[];
}

/** Data viewer → host. */
export type FromDataViewer =
  | { type: 'ready' }
  | { type: 'window'; version: number; start: number; count: number }
  | { type: 'query'; version: number; sort?: { column: number; descending: boolean }; filters: { column: number; text: string }[] }
  /** Trace the row at this output position (a step output). */
  | { type: 'trace'; position: number };

const nat = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Validates a message from the data viewer's webview. */
export function parseFromDataViewer(raw: unknown): FromDataViewer | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'window':
      return nat(m.version) && nat(m.start) && nat(m.count) ? { type: 'window', version: m.version, start: m.start, count: m.count } : undefined;
    case 'query': {
      if (!nat(m.version) || !Array.isArray(m.filters)) return undefined;
      const filters: { column: number; text: string }[] = [];
      for (const f of m.filters as unknown[]) {
        const o = f as Record<string, unknown> | null;
        if (!o || !nat(o.column) || typeof o.text !== 'string') return undefined;
        filters.push({ column: o.column, text: o.text });
      }
      const s = m.sort as Record<string, unknown> | undefined;
      if (s !== undefined && (typeof s !== 'object' || s === null || !nat(s.column) || typeof s.descending !== 'boolean')) return undefined;
      return { type: 'query', version: m.version, filters, ...(s ? { sort: { column: s.column as number, descending: s.descending as boolean } } : {}) };
    }
    case 'trace':
      return nat(m.position) ? { type: 'trace', position: m.position } : undefined;
    default:
      return undefined;
  }
}
