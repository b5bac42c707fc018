/**
 * readRun: one run folder (or one .ndjson file) → Run model + problems.
 *
 * Works for Skewer's own logs and for plain OpenLineage logs from other producers. The log
 * may be damaged or still being written, so nothing here throws on bad data: events are
 * grouped by runId whatever their order, each operator's START and COMPLETE/FAIL are merged,
 * and what cannot be trusted becomes a Problem.
 */
import { stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import * as path from 'node:path';
import type {
  CodeLocation,
  ColumnStats,
  DatasetRef,
  DatasetStats,
  ErrorInfo,
  FieldSchema,
  FittedTransformer,
  OperatorKind,
  Phase,
  RowLineageRef,
  Run,
  RunReadResult,
  RunStatus,
  SnapshotRef,
  Step,
  StepStatus,
} from './model';
import { type NdjsonRecord, readNdjson } from './ndjson';
import type { Problem } from './problem';
import { SideFileError } from './problem';
import { existingFiles, resolveSideFile } from './sideFiles';
import {
  type CheckedEvent,
  isObject,
  parseFormatVersion,
  SUPPORTED_FORMAT_MAJOR,
  validateEvent,
} from './validate';

export interface ReadRunOptions {
  /** Clock for the running/incomplete decision (tests). */
  now?: number;
  /** A run without an end event counts as running while its events file changed this recently. */
  runningWindowMs?: number;
  /** Check that referenced side files exist (default true). */
  checkSideFiles?: boolean;
  /**
   * Asks whether the recording process is still alive (skewer_run pid/host), for runs without an
   * end event whose file has been quiet longer than the running window (a long fit writes nothing
   * for minutes). `localProcessAlive` answers for this machine. Not set: the 30 s rule alone.
   */
  isProcessAlive?: (pid: number, host: string) => boolean | undefined;
}

/**
 * Liveness check for recorders on this machine: undefined for other hosts; signal 0 probes
 * without touching the process. A recycled pid can make a dead run look alive, so callers
 * should only use this for recently modified runs.
 */
export function localProcessAlive(pid: number, host: string): boolean | undefined {
  if (host !== hostname()) return undefined;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export const EVENTS_FILE = 'events.ndjson';
const RUNNING_WINDOW_MS = 30_000;

type Json = Record<string, unknown>;

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const int = (v: unknown): number | undefined => (Number.isInteger(v) ? (v as number) : undefined);
const obj = (v: unknown): Json | undefined => (isObject(v) ? v : undefined);
const strArray = (v: unknown): string[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
const numArray = (v: unknown): number[] | undefined =>
  Array.isArray(v) && v.every((x) => typeof x === 'number') ? (v as number[]) : undefined;

const PHASES = new Set(['train', 'serve', 'other']);
const KINDS = new Set([
  'source', 'project', 'select', 'map', 'join', 'concat', 'groupby', 'split', 'sample', 'sort', 'dedup',
  'reshape', 'fit', 'transform', 'fit_transform', 'predict', 'score', 'resample', 'cv', 'other',
]);
const LINEAGE_KINDS = new Set(['identity', 'select', 'join', 'concat', 'groupby', 'opaque']);
const ROLES = new Set(['transformer', 'model', 'pipeline', 'sampler', 'other']);

/** All events of one OpenLineage run (one runId), merged in file order with the end event last. */
interface RunEvents {
  runId: string;
  events: CheckedEvent[];
  parentRunId?: string;
  /** parent.root.run.runId (ParentRunFacet 1-1-0+): the top of the hierarchy. */
  rootRunId?: string;
  parentJobName?: string;
  parentJobNamespace?: string;
  start?: CheckedEvent;
  end?: CheckedEvent;
  runFacets: Json;
  jobFacets: Json;
  inputs: Json[];
  outputs: Json[];
}

/** Where a run's events live and when they last changed. */
export interface RunLocation {
  dir: string;
  eventsFile: string;
  mtime: number;
  /** Size of the events file in bytes (0 when unreadable). */
  size: number;
}

/** Resolves a run folder or .ndjson path; an unreadable target becomes a problem. */
export async function locateRun(target: string): Promise<{ location: RunLocation; problem?: Problem }> {
  const abs = path.resolve(target);
  let dir = abs;
  let eventsFile = path.join(abs, EVENTS_FILE);
  try {
    let s = await stat(abs);
    if (s.isFile()) {
      eventsFile = abs;
      dir = path.dirname(abs);
    } else {
      s = await stat(eventsFile);
    }
    return { location: { dir, eventsFile, mtime: s.mtimeMs, size: s.size } };
  } catch (e) {
    return {
      location: { dir, eventsFile, mtime: 0, size: 0 },
      problem: { severity: 'error', code: 'unreadable', file: eventsFile, message: `cannot read run: ${errText(e)}` },
    };
  }
}

/** An unreadable run: no steps, one problem. */
export function unreadableRun(location: RunLocation, problem: Problem): RunReadResult {
  return { run: emptyRun(location.dir, location.eventsFile, 'incomplete', location.mtime), problems: [problem] };
}

export async function readRun(target: string, options: ReadRunOptions = {}): Promise<RunReadResult> {
  const { location, problem } = await locateRun(target);
  if (problem) return unreadableRun(location, problem);
  return readLocatedRun(location, options);
}

/** readRun for a run already located (listRuns' cache stats the file first). */
export async function readLocatedRun(location: RunLocation, options: ReadRunOptions = {}): Promise<RunReadResult> {
  let nd;
  try {
    nd = await readNdjson(location.eventsFile);
  } catch (e) {
    return unreadableRun(location, { severity: 'error', code: 'unreadable', file: location.eventsFile, message: `cannot read events: ${errText(e)}` });
  }
  return buildRun(location, nd.records, nd.problems, options);
}

/**
 * Builds the model from parsed lines. `lineProblems` are the reader's problems for those
 * lines (malformed, truncated); they are copied, not modified.
 */
export async function buildRun(
  location: RunLocation,
  records: readonly NdjsonRecord[],
  lineProblems: readonly Problem[],
  options: ReadRunOptions = {},
): Promise<RunReadResult> {
  const { dir, eventsFile, mtime } = location;
  const problems: Problem[] = lineProblems.map((p) => ({ ...p }));

  // Format version first: it decides whether skewer_ facets are checked against our schemas.
  let formatVersion: string | undefined;
  let formatLine = 0;
  let isSkewer = false;
  for (const r of records) {
    const run = obj(obj(r.value)?.run);
    const facets = obj(run?.facets);
    if (!isSkewer && facets && (Object.keys(facets).some((k) => k.startsWith('skewer_')) ||
      Object.keys(obj(obj(obj(r.value)?.job)?.facets) ?? {}).some((k) => k.startsWith('skewer_')))) isSkewer = true;
    const fv = obj(facets?.skewer_run)?.formatVersion;
    if (formatVersion === undefined && typeof fv === 'string') {
      formatVersion = fv;
      formatLine = r.line;
    }
  }
  let schemasApply = true;
  if (formatVersion !== undefined) {
    const v = parseFormatVersion(formatVersion);
    if (!v) {
      schemasApply = false;
      problems.push({
        severity: 'warning', code: 'format-version', file: eventsFile, line: formatLine, jsonPath: 'run.facets.skewer_run.formatVersion',
        message: `unreadable run log format version ${JSON.stringify(formatVersion)}; showing what can be read`,
      });
    } else if (v.major > SUPPORTED_FORMAT_MAJOR) {
      schemasApply = false;
      problems.push({
        severity: 'error', code: 'format-version', file: eventsFile, line: formatLine, jsonPath: 'run.facets.skewer_run.formatVersion',
        message: `run log format ${formatVersion} is newer than this Skewer supports (${SUPPORTED_FORMAT_MAJOR}.x); showing what can be read`,
      });
    } else if (v.major < SUPPORTED_FORMAT_MAJOR) {
      schemasApply = false;
      problems.push({
        severity: 'warning', code: 'format-version', file: eventsFile, line: formatLine, jsonPath: 'run.facets.skewer_run.formatVersion',
        message: `run log format ${formatVersion} is older than this Skewer supports (${SUPPORTED_FORMAT_MAJOR}.x); showing what can be read`,
      });
    }
  }

  const runs = new Map<string, RunEvents>();
  for (const r of records) {
    const { event, problems: p } = validateEvent(r.value, eventsFile, r.line, { skewerSchemas: schemasApply });
    if (p.length) problems.push(...p);
    if (!event) continue;
    let re = runs.get(event.runId);
    if (!re) {
      re = { runId: event.runId, events: [], runFacets: {}, jobFacets: {}, inputs: [], outputs: [] };
      runs.set(event.runId, re);
    }
    re.events.push(event);
  }
  for (const re of runs.values()) mergeRunEvents(re, eventsFile, problems);

  const now = options.now ?? Date.now();
  const fresh = now - mtime <= (options.runningWindowMs ?? RUNNING_WINDOW_MS);
  const { run, stepRuns, syntheticRoot } = chooseRoot(runs, dir, eventsFile, problems);
  run.modifiedAt = mtime;
  run.isSkewer = isSkewer;
  if (formatVersion !== undefined) run.formatVersion = formatVersion;
  run.status = runStatus(syntheticRoot ? undefined : runs.get(run.runId), stepRuns, fresh);
  if (run.status === 'incomplete' && options.isProcessAlive && run.pid !== undefined && run.host !== undefined) {
    if (options.isProcessAlive(run.pid, run.host) === true) run.status = 'running';
  }
  if (run.status !== 'running' && run.status !== 'complete' && !run.endedAt) {
    // No end event: the last thing we know about.
    let last = -Infinity;
    for (const r of runs.values()) for (const e of r.events) if (e.time > last) last = e.time;
    if (Number.isFinite(last) && run.startedAt) run.durationMs = Math.max(0, last - Date.parse(run.startedAt));
  }

  run.steps = buildSteps(stepRuns, run, isSkewer);
  checkStepCount(run, eventsFile, problems);
  linkDatasets(run.steps);
  if (options.checkSideFiles !== false) await checkSideFiles(run, eventsFile, problems);

  // A cut-short last line is expected while the recorder is still writing.
  for (const p of problems) {
    if (p.code === 'truncated-last-line') p.severity = run.status === 'running' ? 'info' : 'warning';
  }
  return { run, problems };
}

/** Math.min without spreading (foreign logs can hold more events than a call's argument limit). */
function minOf(xs: number[]): number {
  let m = Infinity;
  for (const x of xs) if (x < m) m = x;
  return m;
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function emptyRun(dir: string, eventsFile: string, status: RunStatus, modifiedAt: number): Run {
  return {
    runId: path.basename(dir),
    dir,
    eventsFile,
    pipeline: path.basename(dir),
    jobNamespace: '',
    phase: 'other',
    status,
    steps: [],
    producer: '',
    isSkewer: false,
    modifiedAt,
  };
}

const TERMINAL = new Set(['COMPLETE', 'FAIL', 'ABORT']);

function mergeRunEvents(re: RunEvents, file: string, problems: Problem[]): void {
  // File order, except that the end event's facets win (events may arrive out of order).
  const ordered = [...re.events].sort((a, b) => (TERMINAL.has(a.eventType) ? 1 : 0) - (TERMINAL.has(b.eventType) ? 1 : 0) || a.line - b.line);
  const inputKeys = new Map<string, Json>();
  const outputKeys = new Map<string, Json>();
  for (const e of ordered) {
    if (e.eventType === 'START' && !re.start) re.start = e;
    if (TERMINAL.has(e.eventType)) {
      if (re.end && re.end.eventType !== e.eventType) {
        problems.push({
          severity: 'warning', code: 'inconsistent', file, line: e.line,
          message: `run ${re.runId} has both ${re.end.eventType} (line ${re.end.line}) and ${e.eventType}; using ${e.eventType}`,
        });
      }
      re.end = e;
    }
    const run = e.raw.run as Json;
    Object.assign(re.runFacets, obj(run.facets));
    Object.assign(re.jobFacets, obj((e.raw.job as Json).facets));
    mergeDatasets(e.raw.inputs, inputKeys, re.inputs);
    mergeDatasets(e.raw.outputs, outputKeys, re.outputs);
  }
  const parent = obj(re.runFacets.parent);
  const parentRunId = str(obj(parent?.run)?.runId);
  const rootRunId = str(obj(obj(parent?.root)?.run)?.runId);
  if (rootRunId && rootRunId !== re.runId) re.rootRunId = rootRunId;
  if (parentRunId && parentRunId !== re.runId) {
    re.parentRunId = parentRunId;
    const job = obj(parent?.job);
    const jobName = str(job?.name);
    const jobNamespace = str(job?.namespace);
    if (jobName !== undefined) re.parentJobName = jobName;
    if (jobNamespace !== undefined) re.parentJobNamespace = jobNamespace;
  }
}

/** Union of datasets by namespace+name in first-seen order; later facets of the same dataset are merged in. */
function mergeDatasets(list: unknown, seen: Map<string, Json>, out: Json[]): void {
  if (!Array.isArray(list)) return;
  for (const d of list) {
    if (!isObject(d) || typeof d.namespace !== 'string' || typeof d.name !== 'string') continue;
    const key = `${d.namespace}\u0000${d.name}`;
    const prev = seen.get(key);
    if (!prev) {
      const copy: Json = { ...d };
      seen.set(key, copy);
      out.push(copy);
      continue;
    }
    for (const k of ['facets', 'inputFacets', 'outputFacets']) {
      if (isObject(d[k])) prev[k] = { ...(obj(prev[k]) ?? {}), ...d[k] };
    }
  }
}

function startTimeOf(re: RunEvents): number {
  const t = re.start?.time ?? re.events[0]?.time ?? NaN;
  return Number.isNaN(t) ? Infinity : t;
}

/**
 * Picks the pipeline run. Skewer logs have exactly one run with skewer_run and no parent.
 * Plain OpenLineage logs have one top-level run (Spark application, Airflow DAG run, dbt
 * invocation) whose children are the steps, or a single job run that is its own only step;
 * a parent referenced but absent from the file is reconstructed from the parent facet. Several
 * unrelated top-level runs in one file are shown as steps of a synthetic run named after the file.
 */
function chooseRoot(
  runs: Map<string, RunEvents>,
  dir: string,
  eventsFile: string,
  problems: Problem[],
): { run: Run; stepRuns: RunEvents[]; syntheticRoot: boolean } {
  const children = new Map<string, RunEvents[]>();
  const tops: string[] = [];
  const absentParents = new Map<string, RunEvents>();
  for (const re of runs.values()) {
    // A parent missing from the file but a root that is present (Airflow task → absent DAG-level
    // run → present root): hang the run under its root.
    if (re.parentRunId && !runs.has(re.parentRunId) && re.rootRunId && runs.has(re.rootRunId)) re.parentRunId = re.rootRunId;
    if (re.parentRunId && runs.has(re.parentRunId)) {
      const list = children.get(re.parentRunId) ?? [];
      list.push(re);
      children.set(re.parentRunId, list);
    } else if (re.parentRunId) {
      const list = children.get(re.parentRunId) ?? [];
      list.push(re);
      children.set(re.parentRunId, list);
      if (!absentParents.has(re.parentRunId)) absentParents.set(re.parentRunId, re);
    } else tops.push(re.runId);
  }
  const descendants = (id: string, seen = new Set<string>()): RunEvents[] => {
    const out: RunEvents[] = [];
    for (const c of children.get(id) ?? []) {
      if (seen.has(c.runId)) continue;
      seen.add(c.runId);
      out.push(c, ...descendants(c.runId, seen));
    }
    return out;
  };
  const candidates = [...tops, ...absentParents.keys()];
  const skewerRoots = tops.filter((id) => isObject(runs.get(id)!.runFacets.skewer_run));
  if (skewerRoots.length > 1) {
    problems.push({
      severity: 'warning', code: 'inconsistent', file: eventsFile,
      message: `${skewerRoots.length} pipeline runs in one events file (${skewerRoots.join(', ')}); showing ${skewerRoots[0]}`,
    });
  }

  let rootId: string | undefined = skewerRoots[0];
  if (rootId === undefined && candidates.length === 1) rootId = candidates[0];
  if (rootId === undefined && candidates.length > 1) {
    // Several unrelated top-level runs: a synthetic run holds them all as steps.
    const stepRuns = [...runs.values()];
    const run = emptyRun(dir, eventsFile, 'incomplete', 0);
    if (path.basename(eventsFile) !== EVENTS_FILE) run.runId = run.pipeline = path.basename(eventsFile);
    const first = stepRuns[0]?.events[0];
    run.producer = first?.producer ?? '';
    run.jobNamespace = first?.jobNamespace ?? '';
    const starts = stepRuns.map(startTimeOf).filter(Number.isFinite);
    if (starts.length) run.startedAt = new Date(minOf(starts)).toISOString();
    problems.push({
      severity: 'info', code: 'inconsistent', file: eventsFile,
      message: `${candidates.length} top-level runs in one events file; shown together as steps`,
    });
    return { run, stepRuns, syntheticRoot: true };
  }
  if (rootId === undefined) {
    if (runs.size > 0) {
      problems.push({ severity: 'error', code: 'inconsistent', file: eventsFile, message: 'no top-level run: every run names another run of the file as its parent (a cycle)' });
    }
    return { run: emptyRun(dir, eventsFile, 'incomplete', 0), stepRuns: [], syntheticRoot: true };
  }
  for (const other of candidates) {
    if (other !== rootId && !skewerRoots.includes(other)) {
      problems.push({
        severity: 'warning', code: 'inconsistent', file: eventsFile,
        message: `run ${other} is not part of pipeline run ${rootId}; ignored`,
      });
    }
  }

  const root = runs.get(rootId);
  const run = emptyRun(dir, eventsFile, 'incomplete', 0);
  run.runId = rootId;
  if (!root) {
    // Parent known only from its children's parent facet.
    const child = absentParents.get(rootId)!;
    run.pipeline = child.parentJobName ?? rootId;
    run.jobNamespace = child.parentJobNamespace ?? '';
    run.producer = child.events[0]?.producer ?? '';
    const desc = descendants(rootId);
    const starts = desc.map(startTimeOf).filter(Number.isFinite);
    if (starts.length) run.startedAt = new Date(minOf(starts)).toISOString();
    return { run, stepRuns: desc, syntheticRoot: true };
  }
  const anyEvent = root.start ?? root.end ?? root.events[0]!;
  run.pipeline = anyEvent.jobName;
  run.jobNamespace = anyEvent.jobNamespace;
  run.producer = anyEvent.producer;
  const sr = obj(root.runFacets.skewer_run);
  if (sr) {
    const phase = str(sr.phase);
    if (phase && PHASES.has(phase)) run.phase = phase as Phase;
    const script = str(sr.script);
    if (script !== undefined) run.script = script;
    const argv = strArray(sr.argv);
    if (argv) run.argv = argv;
    const cwd = str(sr.cwd);
    if (cwd !== undefined) run.cwd = cwd;
    const versions = obj(sr.versions);
    if (versions) run.versions = Object.fromEntries(Object.entries(versions).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    for (const k of ['exitCode', 'operatorCount', 'pid'] as const) {
      const n = int(sr[k]);
      if (n !== undefined) run[k] = n;
    }
    const host = str(sr.host);
    if (host !== undefined) run.host = host;
    const snaps = obj(sr.snapshots);
    const mode = str(snaps?.mode);
    const format = str(snaps?.format);
    const rowCap = int(snaps?.rowCap);
    if ((mode === 'all' || mode === 'sample' || mode === 'off') && (format === 'csv' || format === 'arrow') && rowCap !== undefined) {
      run.snapshots = { mode, rowCap, format };
    }
  }
  const started = str(sr?.startedAt) ?? root.start?.eventTime;
  if (started) run.startedAt = started;
  if (root.end) {
    run.endedAt = str(sr?.endedAt) ?? root.end.eventTime;
    const d = Date.parse(run.endedAt) - Date.parse(run.startedAt ?? root.end.eventTime);
    if (Number.isFinite(d)) run.durationMs = Math.max(0, d);
    if (root.end.eventType !== 'COMPLETE') run.error = errorOf(root, root.end.eventType);
  }
  let stepRuns = descendants(rootId);
  if (stepRuns.length === 0 && !sr) stepRuns = [root]; // a single-job OpenLineage run is its own only step
  return { run, stepRuns, syntheticRoot: false };
}

function errorOf(re: RunEvents, eventType: string): ErrorInfo {
  const em = obj(re.runFacets.errorMessage);
  const err: ErrorInfo = { message: str(em?.message) ?? (eventType === 'ABORT' ? 'aborted' : 'failed (no error message recorded)') };
  const stack = str(em?.stackTrace);
  if (stack) err.stackTrace = stack;
  const loc = codeLocation(re.runFacets.skewer_codeLocation);
  if (loc) err.location = loc;
  return err;
}

function runStatus(root: RunEvents | undefined, stepRuns: RunEvents[], fresh: boolean): RunStatus {
  if (root?.end) return root.end.eventType === 'COMPLETE' ? 'complete' : 'failed';
  if (!root && stepRuns.length > 0 && stepRuns.every((s) => s.end)) {
    // Reconstructed or synthetic pipeline: judged by its steps.
    return stepRuns.some((s) => s.end!.eventType !== 'COMPLETE') ? 'failed' : 'complete';
  }
  return fresh ? 'running' : 'incomplete';
}

function codeLocation(v: unknown): CodeLocation | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const file = str(o.file);
  const line = int(o.line);
  if (file === undefined || line === undefined) return undefined;
  const col = int(o.col) ?? 1;
  const loc: CodeLocation = { file, line, col, endLine: int(o.endLine) ?? line, endCol: int(o.endCol) ?? col };
  const cell = int(o.cell);
  if (cell !== undefined) loc.cell = cell;
  const code = str(o.code);
  if (code !== undefined) loc.code = code;
  const c = obj(o.constructedAt);
  const cf = str(c?.file);
  const cl = int(c?.line);
  if (c && cf !== undefined && cl !== undefined) {
    const at: NonNullable<CodeLocation['constructedAt']> = { file: cf, line: cl, col: int(c.col) ?? 1 };
    for (const k of ['cell', 'endLine', 'endCol'] as const) {
      const n = int(c[k]);
      if (n !== undefined) at[k] = n;
    }
    const cc = str(c.code);
    if (cc !== undefined) at.code = cc;
    loc.constructedAt = at;
  }
  return loc;
}

function schemaOf(facets: Json | undefined): FieldSchema[] | undefined {
  const fields = obj(facets?.schema)?.fields;
  if (!Array.isArray(fields)) return undefined;
  const out: FieldSchema[] = [];
  for (const f of fields) if (isObject(f) && typeof f.name === 'string') out.push({ name: f.name, type: str(f.type) ?? '' });
  return out;
}

function statsOf(facets: Json | undefined, schema: FieldSchema[] | undefined): DatasetStats | undefined {
  const s = obj(facets?.skewer_stats);
  if (s) {
    const columns: Record<string, ColumnStats> = {};
    for (const [name, c] of Object.entries(obj(s.columns) ?? {})) {
      if (isObject(c)) columns[name] = { ...c, dtype: str(c.dtype) ?? '', nulls: int(c.nulls) ?? 0 } as ColumnStats;
    }
    const stats: DatasetStats = { rowCount: int(s.rowCount) ?? 0, columns };
    const sampled = int(s.sampledRows);
    if (sampled !== undefined) stats.sampledRows = sampled;
    return stats;
  }
  // Standard OpenLineage data quality metrics (Spark, dbt, Great Expectations producers).
  const dq = obj(facets?.dataQualityMetrics);
  if (!dq) return undefined;
  const types = new Map((schema ?? []).map((f) => [f.name, f.type]));
  const columns: Record<string, ColumnStats> = {};
  for (const [name, m] of Object.entries(obj(dq.columnMetrics) ?? {})) {
    if (!isObject(m)) continue;
    const c: ColumnStats = { dtype: types.get(name) ?? '', nulls: int(m.nullCount) ?? 0 };
    const distinct = int(m.distinctCount);
    if (distinct !== undefined) c.distinct = distinct;
    const min = num(m.min);
    if (min !== undefined) c.min = min;
    const max = num(m.max);
    if (max !== undefined) c.max = max;
    columns[name] = c;
  }
  const rowCount = int(dq.rowCount);
  return rowCount === undefined && Object.keys(columns).length === 0 ? undefined : { rowCount: rowCount ?? 0, columns };
}

function lineageOf(v: unknown): RowLineageRef | undefined {
  const o = obj(v);
  const kind = str(o?.kind);
  if (!o || !kind || !LINEAGE_KINDS.has(kind)) return undefined;
  const arrays: Record<string, string> = {};
  for (const [k, p] of Object.entries(obj(o.arrays) ?? {})) if (typeof p === 'string') arrays[k] = p;
  const ref: RowLineageRef = {
    kind: kind as RowLineageRef['kind'],
    inputs: strArray(o.inputs) ?? [],
    rowsIn: numArray(o.rowsIn) ?? [],
    rowsOut: int(o.rowsOut) ?? 0,
    arrays,
  };
  const gap = str(o.gap);
  if (gap !== undefined) ref.gap = gap;
  const method = str(o.method);
  if (method !== undefined) ref.method = method;
  const ambiguous = int(o.ambiguousRows);
  if (ambiguous !== undefined) ref.ambiguousRows = ambiguous;
  return ref;
}

function snapshotOf(v: unknown): SnapshotRef | undefined {
  const o = obj(v);
  const uri = str(o?.uri);
  const format = str(o?.format);
  if (!o || uri === undefined || (format !== 'csv' && format !== 'arrow')) return undefined;
  const ref: SnapshotRef = {
    uri,
    format,
    rows: int(o.rows) ?? 0,
    totalRows: int(o.totalRows) ?? 0,
    sampled: o.sampled === true,
  };
  const positions = str(o.positions);
  if (positions !== undefined) ref.positions = positions;
  const idx = strArray(o.indexColumns);
  if (idx) ref.indexColumns = idx;
  const cols = strArray(o.columns);
  if (cols) ref.columns = cols;
  return ref;
}

function datasetOf(d: Json, output: boolean): DatasetRef {
  const ref: DatasetRef = { namespace: d.namespace as string, name: d.name as string };
  if (ref.namespace === 'skewer-mem') {
    const last = ref.name.slice(ref.name.lastIndexOf('/') + 1);
    const dot = last.lastIndexOf('.');
    if (dot >= 0) ref.port = last.slice(dot + 1);
  }
  const facets = obj(d.facets);
  const extra = obj(d[output ? 'outputFacets' : 'inputFacets']);
  const schema = schemaOf(facets);
  if (schema) ref.schema = schema;
  const stats = statsOf(facets, schema) ?? statsOf(extra, schema);
  if (stats) ref.stats = stats;
  const rowCount =
    int(obj(extra?.outputStatistics)?.rowCount) ??
    int(obj(facets?.skewer_stats)?.rowCount) ??
    int(obj(facets?.dataQualityMetrics)?.rowCount) ??
    int(obj(extra?.dataQualityMetrics)?.rowCount);
  if (rowCount !== undefined) ref.rowCount = rowCount;
  if (output) {
    const lineage = lineageOf(extra?.skewer_rowLineage);
    if (lineage) ref.lineage = lineage;
    const snapshot = snapshotOf(extra?.skewer_snapshot);
    if (snapshot) ref.snapshot = snapshot;
  }
  return ref;
}

function buildSteps(stepRuns: RunEvents[], run: Run, isSkewer: boolean): Step[] {
  const steps: (Step & { _t: number; _line: number })[] = [];
  for (const re of stepRuns) {
    const anyEvent = re.start ?? re.end ?? re.events[0]!;
    const op = obj(re.runFacets.skewer_operator);
    const seq = int(op?.seq);
    let status: StepStatus;
    if (re.end) status = re.end.eventType === 'COMPLETE' ? 'complete' : 'failed';
    else if (run.status === 'running') status = 'running';
    else if (run.status === 'failed') status = 'failed';
    else status = 'incomplete';
    const kind = str(op?.kind);
    const step: Step & { _t: number; _line: number } = {
      runId: re.runId,
      seq: seq ?? -1,
      jobName: anyEvent.jobName,
      function: str(op?.function) ?? foreignStepName(anyEvent.jobName, run.pipeline),
      library: str(op?.library) ?? (isSkewer ? 'unknown' : 'openlineage'),
      kind: kind && KINDS.has(kind) ? (kind as OperatorKind) : 'other',
      status,
      inputs: re.inputs.map((d) => datasetOf(d, false)),
      outputs: re.outputs.map((d) => datasetOf(d, true)),
      rowsIn: [],
      columnsAdded: [],
      columnsRemoved: [],
      lines: re.events.map((e) => e.line).sort((a, b) => a - b),
      _t: startTimeOf(re),
      _line: minOf(re.events.map((e) => e.line)),
    };
    const phase = str(op?.phase);
    if (phase && PHASES.has(phase)) step.phase = phase as Phase;
    const loc = codeLocation(re.jobFacets.skewer_codeLocation);
    if (loc) step.location = loc;
    if (re.end && re.end.eventType !== 'COMPLETE') step.error = errorOf(re, re.end.eventType);
    else if (!re.end && status === 'failed') step.error = { message: 'did not finish: the pipeline failed while this step was running' };
    if (re.start) step.startedAt = re.start.eventTime;
    if (re.end) step.endedAt = re.end.eventTime;
    const dur = num(op?.durationMs);
    if (dur !== undefined) step.durationMs = dur;
    else if (re.start && re.end && Number.isFinite(re.end.time - re.start.time)) step.durationMs = Math.max(0, re.end.time - re.start.time);
    const parentSeq = int(op?.parentSeq);
    if (parentSeq !== undefined) step.parentSeq = parentSeq;
    const recorderMs = num(op?.recorderMs);
    if (recorderMs !== undefined) step.recorderMs = recorderMs;
    if (op?.deferred === true) step.deferred = true;
    if (op?.inplace === true) step.inplace = true;
    const args = obj(op?.args);
    if (args) step.args = args;
    const fitted = fittedOf(re.runFacets.skewer_fittedTransformer);
    if (fitted) step.fitted = fitted;
    const first = step.outputs[0];
    if (first?.lineage) step.lineage = first.lineage;
    if (first?.snapshot) step.snapshot = first.snapshot;
    if (first?.stats) step.stats = first.stats;
    if (first?.rowCount !== undefined) step.rowsOut = first.rowCount;
    steps.push(step);
  }
  // By seq, then start time, then file position (events may be out of order in the file).
  steps.sort((a, b) => {
    const sa = a.seq < 0 ? Infinity : a.seq;
    const sb = b.seq < 0 ? Infinity : b.seq;
    return sa - sb || a._t - b._t || a._line - b._line;
  });
  // Foreign producers have no seq: number steps in start order.
  let next = 0;
  for (const s of steps) {
    if (s.seq < 0) s.seq = next;
    next = s.seq + 1;
  }
  return steps.map(({ _t, _line, ...s }) => s);
}

/** Spark ("app.command.table"), Airflow ("dag.task") and dbt child jobs repeat the parent's name: drop it. */
function foreignStepName(jobName: string, pipeline: string): string {
  return pipeline !== '' && jobName.length > pipeline.length + 1 && jobName.startsWith(`${pipeline}.`) ? jobName.slice(pipeline.length + 1) : jobName;
}

function fittedOf(v: unknown): FittedTransformer | undefined {
  const o = obj(v);
  const cls = str(o?.class);
  if (!o || cls === undefined) return undefined;
  const role = str(o.role);
  const f: FittedTransformer = {
    class: cls,
    method: str(o.method) ?? '',
    role: role && ROLES.has(role) ? (role as FittedTransformer['role']) : 'other',
    objectId: str(o.objectId) ?? '',
    params: obj(o.params) ?? {},
    learned: obj(o.learned) ?? {},
  };
  const fittedBy = str(o.fittedBy);
  if (fittedBy !== undefined) f.fittedBy = fittedBy;
  if (typeof o.fittedInRun === 'boolean') f.fittedInRun = o.fittedInRun;
  const nFit = int(o.nFitRows);
  if (nFit !== undefined) f.nFitRows = nFit;
  const nRows = int(o.nRows);
  if (nRows !== undefined) f.nRows = nRows;
  if (o.result !== undefined) f.result = o.result;
  if (Array.isArray(o.steps)) f.steps = o.steps.filter(isObject);
  return f;
}

/** Duplicate seq numbers, or fewer/more operators than the recorder says it started, mean lost or foreign lines. */
function checkStepCount(run: Run, eventsFile: string, problems: Problem[]): void {
  if (!run.isSkewer) return;
  const seen = new Map<number, Step>();
  for (const s of run.steps) {
    const prev = seen.get(s.seq);
    if (prev) {
      problems.push({
        severity: 'warning', code: 'inconsistent', file: eventsFile, line: s.lines[0]!,
        message: `operators ${prev.runId} (line ${prev.lines[0]}) and ${s.runId} share seq ${s.seq}`,
      });
    } else seen.set(s.seq, s);
  }
  if (run.operatorCount !== undefined && run.operatorCount !== run.steps.length) {
    problems.push({
      severity: 'warning', code: 'inconsistent', file: eventsFile,
      message: `the recorder started ${run.operatorCount} operators but ${run.steps.length} are in the log (lines lost?)`,
    });
  }
}

const NO_COLUMN_DELTA = new Set<OperatorKind>(['predict', 'score', 'fit', 'cv']);

/** Links each input to the step that produced it, fills in what the input event left out, and derives row/column deltas. */
function linkDatasets(steps: Step[]): void {
  const producers = new Map<string, { seq: number; ds: DatasetRef }>();
  for (const s of steps) {
    for (const input of s.inputs) {
      const p = producers.get(`${input.namespace}\u0000${input.name}`);
      if (p) {
        input.producedBy = p.seq;
        if (!input.schema && p.ds.schema) input.schema = p.ds.schema;
        if (input.rowCount === undefined && p.ds.rowCount !== undefined) input.rowCount = p.ds.rowCount;
      }
    }
    for (const out of s.outputs) producers.set(`${out.namespace}\u0000${out.name}`, { seq: s.seq, ds: out });
    if (s.lineage && s.lineage.rowsIn.length) s.rowsIn = [...s.lineage.rowsIn];
    else s.rowsIn = s.inputs.map((i) => i.rowCount).filter((n): n is number => n !== undefined);
    const inSchema = s.inputs[0]?.schema;
    const outSchema = s.outputs[0]?.schema;
    // Predictions and CV results are new tables, not an edited input: no column delta.
    if (inSchema && outSchema && !NO_COLUMN_DELTA.has(s.kind)) {
      const before = new Set(inSchema.map((f) => f.name));
      const after = new Set(outSchema.map((f) => f.name));
      s.columnsAdded = outSchema.map((f) => f.name).filter((n) => !before.has(n));
      s.columnsRemoved = inSchema.map((f) => f.name).filter((n) => !after.has(n));
    }
  }
}

/** Refuses side-file paths that escape the run folder and reports referenced files that are missing. */
async function checkSideFiles(run: Run, eventsFile: string, problems: Problem[]): Promise<void> {
  interface Ref { abs: string; rel: string; step: Step; mark: () => void }
  const refs: Ref[] = [];
  const refuse = (step: Step, e: unknown, mark: () => void) => {
    mark();
    const msg = e instanceof SideFileError ? e.detail : errText(e);
    problems.push({ severity: 'error', code: 'unsafe-path', file: eventsFile, line: step.lines[step.lines.length - 1]!, message: `step ${step.seq} (${step.function}): ${msg}` });
  };
  const add = (step: Step, rel: string, mark: () => void) => {
    try {
      refs.push({ abs: resolveSideFile(run.dir, rel), rel, step, mark });
    } catch (e) {
      refuse(step, e, mark);
    }
  };
  for (const step of run.steps) {
    for (const out of step.outputs) {
      const lineage = out.lineage;
      if (lineage) {
        for (const [role, rel] of Object.entries(lineage.arrays)) {
          add(step, rel, () => {
            lineage.unavailable = [...new Set([...(lineage.unavailable ?? []), role])];
          });
        }
      }
      const snap = out.snapshot;
      if (snap) {
        add(step, snap.uri, () => (snap.unavailable = true));
        if (snap.positions !== undefined) add(step, snap.positions, () => (snap.unavailable = true));
      }
    }
  }
  if (refs.length === 0) return;
  const present = await existingFiles(refs.map((r) => r.abs));
  for (const r of refs) {
    if (present.has(r.abs)) continue;
    r.mark();
    problems.push({
      severity: 'warning', code: 'missing-side-file', file: r.abs,
      message: `missing side file ${r.rel} (referenced by step ${r.step.seq} ${r.step.function}, ${path.basename(eventsFile)}:${r.step.lines[r.step.lines.length - 1]})`,
    });
  }
}
