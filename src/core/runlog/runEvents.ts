/**
 * Events grouped per OpenLineage run (one runId): START, RUNNING and COMPLETE/FAIL/ABORT merged
 * whatever their order in the file, and the parent links between runs.
 */
import { type Json, isObject, obj, str } from './json';
import type { ErrorInfo } from './model';
import { codeLocation } from './facets';
import type { Problem } from './problem';
import type { CheckedEvent } from './validate';

/** All events of one OpenLineage run (one runId), merged in file order with the end event last. */
export interface RunEvents {
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

export const TERMINAL = new Set(['COMPLETE', 'FAIL', 'ABORT']);

export function mergeRunEvents(re: RunEvents, file: string, problems: Problem[]): void {
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

export function startTimeOf(re: RunEvents): number {
  const t = re.start?.time ?? re.events[0]?.time ?? NaN;
  return Number.isNaN(t) ? Infinity : t;
}

export function errorOf(re: RunEvents, eventType: string): ErrorInfo {
  const em = obj(re.runFacets.errorMessage);
  const err: ErrorInfo = { message: str(em?.message) ?? (eventType === 'ABORT' ? 'aborted' : 'failed (no error message recorded)') };
  const stack = str(em?.stackTrace);
  if (stack) err.stackTrace = stack;
  const loc = codeLocation(re.runFacets.skewer_codeLocation);
  if (loc) err.location = loc;
  return err;
}
