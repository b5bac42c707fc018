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
import { chooseRoot, emptyRun, EVENTS_FILE, runStatus } from './hierarchy';
import { errText, obj } from './json';
import type { RunReadResult } from './model';
import { type NdjsonRecord, readNdjson } from './ndjson';
import type { Problem } from './problem';
import { mergeRunEvents, type RunEvents } from './runEvents';
import { checkSideFiles } from './sideFiles';
import { buildSteps, checkStepCount, linkDatasets } from './steps';
import { parseFormatVersion, SUPPORTED_FORMAT_MAJOR, validateEvent } from './validate';

export { EVENTS_FILE };

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

const RUNNING_WINDOW_MS = 30_000;

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
    // The common case (a run folder) costs one stat.
    const s = await stat(eventsFile).catch(async (e: unknown) => {
      const t = await stat(abs).catch(() => undefined);
      if (!t?.isFile()) throw e;
      eventsFile = abs;
      dir = path.dirname(abs);
      return t;
    });
    if (!s.isFile()) throw new Error(`${eventsFile} is not a file`);
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

