/**
 * Steps of a pipeline run: one per operator (child) run, sorted by seq then start time, linked
 * to the steps that produced their inputs, with row counts and column deltas.
 */
import { int, minOf, num, obj, str } from './json';
import type { DatasetRef, OperatorKind, Phase, Run, Step, StepStatus } from './model';
import { codeLocation, datasetOf, fittedOf, KINDS, PHASES } from './facets';
import type { Problem } from './problem';
import { errorOf, type RunEvents, startTimeOf } from './runEvents';

export function buildSteps(stepRuns: RunEvents[], run: Run, isSkewer: boolean): Step[] {
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

/** Duplicate seq numbers, or fewer/more operators than the recorder says it started, mean lost or foreign lines. */
export function checkStepCount(run: Run, eventsFile: string, problems: Problem[]): void {
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
export function linkDatasets(steps: Step[]): void {
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
