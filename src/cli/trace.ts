/** `skewer trace RUN --key COLUMN=VALUE | --row STEP:N [--backward]`: one record through a recorded run. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EVENTS_FILE, readRun } from '../core/runlog';
import type { Run, Step } from '../core/runlog/model';
import { stepLabelText } from '../core/runlog/stepLabels';
import { parseKeyQuery, traceBackward, traceByKey, traceRow, RunFolderTraceSource, type TraceResult } from '../core/trace';
import { parseArgs, UsageError } from './args';
import type { CommandIO } from './io';

export const TRACE_USAGE = `usage: skewer trace RUN (--key COLUMN=VALUE | --row STEP:N) [--backward] [options]

Follows one record through a recorded run: what happened to it at every step (kept, dropped, joined,
duplicated, split into train or test, aggregated, used to fit), with its values where the run captured them.
RUN is a run folder, or a run id (or its unique start) in the runs folder.

  --key COLUMN=VALUE    the record whose COLUMN is VALUE (e.g. patient_id=38), looked up in the source files
                        the run read and in the key columns it kept, whether or not a snapshot sampled it
  --row STEP:N          row position N of step STEP's output (STEP is the step's number, as 'skewer trace'
                        prints it; STEP.PORT for another output, e.g. 8.test:5)
  --backward            with --row: from that row back to the source rows it came from
  --runs DIR            where to find RUN by id (default .skewer/runs)
  --format text|json    output format (default text); json is {"run","record","direction","steps":[{"seq",
                        "line","file","operator","label","fate","fateText","outputs","values","valuesNote"}],
                        "problems"}
  -h, --help            show this help

Exit status: 0 traced, 2 bad usage, a run that does not exist, a key that matches no row or several rows
(listed), a step or row that does not exist (one line on stderr says why).
`;

const SPEC = {
  key: { pattern: /=/, hint: 'COLUMN=VALUE' },
  row: { pattern: /^\d+(\.[\w-]+)?:\d+$/, hint: 'STEP:N, e.g. 4:120' },
  backward: {},
  runs: { pattern: /./, hint: 'a runs folder' },
  format: { values: ['text', 'json'] },
  help: {},
  h: {},
} as const;

/** The run folder RUN names: a folder holding events.ndjson, else a run id (or unique prefix) inside `runsDir`. */
export function resolveRunFolder(spec: string, runsDir: string, io: CommandIO): string {
  const direct = path.resolve(io.cwd, spec);
  if (fs.existsSync(path.join(direct, EVENTS_FILE))) return direct;
  if (fs.existsSync(direct) && fs.statSync(direct).isDirectory()) throw new UsageError(`${spec}: not a run folder (no ${EVENTS_FILE})`);
  const root = path.resolve(io.cwd, runsDir);
  let ids: string[];
  try {
    ids = fs.readdirSync(root).filter((d) => fs.existsSync(path.join(root, d, EVENTS_FILE)));
  } catch {
    throw new UsageError(`${spec}: no such run folder, and no runs folder ${runsDir} to find it by id`);
  }
  const hits = ids.filter((d) => d === spec || d.startsWith(spec));
  if (hits.length === 1) return path.join(root, hits[0]!);
  if (hits.length > 1) throw new UsageError(`${spec}: ${hits.length} runs in ${runsDir} start with that (${hits.slice(0, 4).join(', ')}${hits.length > 4 ? ', …' : ''})`);
  throw new UsageError(`${spec}: no such run folder or run id in ${runsDir}`);
}

/** STEP[.PORT]:N → dataset and position, or a one-line reason. */
function rowStart(run: Run, spec: string): { dataset: string; position: number; step: Step } {
  const m = /^(\d+)(?:\.([\w-]+))?:(\d+)$/.exec(spec)!;
  const seq = Number(m[1]);
  const step = run.steps.find((s) => s.seq === seq);
  if (!step) throw new UsageError(`--row ${spec}: the run has no step ${seq} (steps 0–${run.steps.length - 1})`);
  const output = m[2] ? step.outputs.find((o) => o.port === m[2]) : step.outputs[0];
  if (!output) {
    const ports = step.outputs.map((o) => o.port).filter(Boolean).join(', ');
    throw new UsageError(`--row ${spec}: step ${seq} (${step.function}) has ${ports ? `no output ${m[2]} (outputs: ${ports})` : 'no output'}`);
  }
  const position = Number(m[3]);
  const rows = output.rowCount ?? output.lineage?.rowsOut;
  if (rows !== undefined && position >= rows) throw new UsageError(`--row ${spec}: step ${seq} (${step.function}) has ${rows} rows`);
  return { dataset: output.name, position, step };
}

function stepJson(s: TraceResult['steps'][number]) {
  const loc = s.step.location;
  return {
    seq: s.step.seq,
    ...(loc ? { line: loc.line, file: loc.file, ...(loc.cell !== undefined ? { cell: loc.cell } : {}) } : {}),
    operator: s.step.function,
    label: stepLabelText(s.step),
    fate: s.fate,
    fateText: s.fateText,
    outputs: s.outputs.map((o) => ({ port: o.port, positions: o.positions, ...(o.rows !== undefined ? { rows: o.rows } : {}) })),
    values: s.cells ? Object.fromEntries(s.cells.map((c) => [c.column, c.value])) : null,
    ...(s.valuesNote ? { valuesNote: s.valuesNote } : {}),
  };
}

export function formatTraceText(run: Run, record: string, trace: TraceResult): string {
  const lines = [`${record} · ${run.pipeline} (run ${run.runId}, ${run.phase})`];
  for (const p of trace.problems) lines.push(`! ${p}`);
  for (const s of trace.steps) {
    const line = s.step.location ? `line ${s.step.location.line}` : '';
    lines.push(`#${String(s.step.seq).padEnd(3)} ${line.padEnd(9)} ${stepLabelText(s.step)}`);
    lines.push(`     ${s.fate}: ${s.fateText}`);
    if (s.cells?.length) lines.push(`     ${s.cells.map((c) => `${c.column}=${c.value ?? '∅'}${c.changed ? '*' : ''}`).join('  ')}`);
    else if (s.valuesNote && s.outputs.some((o) => o.positions.length)) lines.push(`     (${s.valuesNote})`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runTrace(argv: string[], io: CommandIO): Promise<number> {
  const fail = (msg: string) => {
    io.stderr(`skewer trace: ${msg}\n`);
    return 2;
  };
  let parsed;
  let dir: string;
  try {
    parsed = parseArgs(argv, SPEC);
    if (parsed.flags.has('help') || parsed.flags.has('h')) { io.stdout(TRACE_USAGE); return 0; }
    if (parsed.positionals.length !== 1) throw new UsageError(parsed.positionals.length ? `one run at a time (got ${parsed.positionals.length})` : 'missing RUN');
    const key = parsed.flags.has('key');
    if (key === parsed.flags.has('row')) throw new UsageError('give either --key COLUMN=VALUE or --row STEP:N');
    if (key && parsed.flags.has('backward')) throw new UsageError('--backward starts from a row of a later step: use it with --row STEP:N');
    dir = resolveRunFolder(parsed.positionals[0]!, String(parsed.flags.get('runs') ?? '.skewer/runs'), io);
  } catch (e) {
    if (e instanceof UsageError) return fail(e.message);
    throw e;
  }
  const { run, problems } = await readRun(dir);
  const fatal = problems.find((p) => p.severity === 'error' && p.code === 'format-version');
  if (fatal) return fail(`${parsed.positionals[0]}: ${fatal.message}`);
  const source = new RunFolderTraceSource(dir);
  let trace: TraceResult;
  let record: string;
  let direction: 'forward' | 'backward' = 'forward';
  const keyArg = parsed.flags.get('key');
  if (typeof keyArg === 'string') {
    const q = parseKeyQuery(keyArg);
    if (!q) return fail(`--key ${keyArg}: expected COLUMN=VALUE`);
    const r = await traceByKey(run, q.column, q.value, source);
    if (!r.ok) return fail(r.reason.startsWith('cannot look up') || !r.lookup.problems.length ? r.reason : `${r.reason} (${r.lookup.problems.join('; ')})`);
    trace = r.trace;
    record = `${q.column} = ${q.value}`;
  } else {
    let start;
    try {
      start = rowStart(run, String(parsed.flags.get('row')));
    } catch (e) {
      if (e instanceof UsageError) return fail(e.message);
      throw e;
    }
    record = `row ${start.position} of step ${start.step.seq} (${stepLabelText(start.step)})`;
    if (parsed.flags.has('backward')) {
      direction = 'backward';
      trace = await traceBackward(run, start, source);
    } else trace = await traceRow(run, start, source);
  }
  if (parsed.flags.get('format') === 'json') {
    io.stdout(`${JSON.stringify({ run: { runId: run.runId, pipeline: run.pipeline, phase: run.phase, dir: path.relative(io.cwd, dir) || '.' }, record, direction, steps: trace.steps.map(stepJson), problems: trace.problems })}\n`);
  } else io.stdout(formatTraceText(run, record, trace));
  return 0;
}
