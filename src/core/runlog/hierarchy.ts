/**
 * Which run in an events file is the pipeline and which are its steps: Skewer's pipeline run,
 * a Spark application / Airflow DAG run / dbt invocation with child jobs, a single job run, or
 * a parent known only from its children. Also the pipeline's status.
 */
import * as path from 'node:path';
import { int, isObject, minOf, obj, str, strArray } from './json';
import type { Phase, Run, RunStatus } from './model';
import { PHASES } from './facets';
import type { Problem } from './problem';
import { errorOf, type RunEvents, startTimeOf } from './runEvents';

export const EVENTS_FILE = 'events.ndjson';

export function emptyRun(dir: string, eventsFile: string, status: RunStatus, modifiedAt: number): Run {
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

/**
 * Picks the pipeline run. Skewer logs have exactly one run with skewer_run and no parent.
 * Plain OpenLineage logs have one top-level run (Spark application, Airflow DAG run, dbt
 * invocation) whose children are the steps, or a single job run that is its own only step;
 * a parent referenced but absent from the file is reconstructed from the parent facet. Several
 * unrelated top-level runs in one file are shown as steps of a synthetic run named after the file.
 */
export function chooseRoot(
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
    if (!re.parentRunId) {
      tops.push(re.runId);
      continue;
    }
    const list = children.get(re.parentRunId) ?? [];
    list.push(re);
    children.set(re.parentRunId, list);
    if (!runs.has(re.parentRunId) && !absentParents.has(re.parentRunId)) absentParents.set(re.parentRunId, re);
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
    for (const k of ['exitCode', 'operatorCount', 'skippedCalls', 'pid'] as const) {
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
    const keys = obj(sr.keys);
    const keyMode = str(keys?.mode);
    const keyColumns = strArray(keys?.columns);
    if ((keyMode === 'explicit' || keyMode === 'auto') && keyColumns) run.keys = { mode: keyMode, columns: keyColumns };
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

export function runStatus(root: RunEvents | undefined, stepRuns: RunEvents[], fresh: boolean): RunStatus {
  if (root?.end) return root.end.eventType === 'COMPLETE' ? 'complete' : 'failed';
  if (!root && stepRuns.length > 0 && stepRuns.every((s) => s.end)) {
    // Reconstructed or synthetic pipeline: judged by its steps.
    return stepRuns.some((s) => s.end!.eventType !== 'COMPLETE') ? 'failed' : 'complete';
  }
  return fresh ? 'running' : 'incomplete';
}
