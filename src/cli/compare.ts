/** `skewer compare TRAIN_RUN SERVE_RUN`: train/serve mismatch and drift findings between two recorded runs. */
import * as path from 'node:path';
import { featureKey } from '../core/compare/featureIdentity';
import { compareRunFindings, type RunComparison } from '../core/compare/findings';
import { rowSkewFindings } from '../core/compare/rowSkew';
import { atLeast, compareFindings, type Finding, type Severity } from '../core/findings/finding';
import { formatFindingLine, summaryLine } from '../core/findings/format';
import { readRun } from '../core/runlog/readRun';
import type { Run } from '../core/runlog/model';
import { parseArgs, UsageError } from './args';
import type { CommandIO } from './io';

export const COMPARE_USAGE = `usage: skewer compare TRAIN_RUN SERVE_RUN [options]

Compares what a training run fed its model with what a serving run feeds it, feature by feature (matched by
the source column each model input column came from, through numpy and one-hot encoding): column order,
one-hot sets, unseen categories, a transformer refitted at serving or fitted differently, unit changes and
distribution drift. A run is a run folder (the one holding events.ndjson).

options:
  --format text|json                 output format (default text)
  --fail-on error|warning|info       exit 1 when a finding at or above this severity exists (default error)
  -h, --help                         show this help

exit codes: 0 no finding at or above --fail-on, 1 such findings, 2 bad usage, unreadable runs, or runs of
different pipelines
`;

const SPEC = {
  format: { values: ['text', 'json'] },
  'fail-on': { values: ['error', 'warning', 'info', 'hint'] },
  help: {},
  h: {},
} as const;

function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.replace(/\\/g, '/') : file;
}

async function load(spec: string, role: string, io: CommandIO): Promise<Run | string> {
  const { run, problems } = await readRun(path.resolve(io.cwd, spec));
  const fatal = problems.find((p) => p.severity === 'error');
  if (!run.steps.length && fatal) return `${role} ${spec}: ${fatal.message}`;
  if (!run.isSkewer) return `${role} ${spec}: not a Skewer run (no skewer_run facet), nothing to compare`;
  return run;
}

const describe = (r: Run) => `${r.pipeline} (${r.phase}, run ${r.runId})`;

function text(c: RunComparison, train: Run, serve: Run, findings: Finding[]): string {
  const lines: string[] = [];
  const side = (label: string, r: Run, s: RunComparison['train']) =>
    `${label}: ${describe(r)}${s ? ` — model input at ${s.step.function}${s.step.location ? ` line ${s.step.location.line}` : ''}: ${s.features.map(featureKey).join(', ')}` : ''}`;
  lines.push(side('training', train, c.train), side('serving ', serve, c.serve));
  if (c.artifact) lines.push(`paired by model artifact: ${path.basename(c.artifact.path)} (${c.artifact.by === 'artifact-hash' ? 'same sha256' : 'same path'})`);
  else lines.push('note: the serving run loads no model file this training run wrote');
  for (const p of c.problems) lines.push(`note: ${p}`);
  lines.push(...findings.map(formatFindingLine));
  lines.push(summaryLine(findings, 2).replace(/\(2 files checked\)/, '(2 runs compared)'));
  return lines.join('\n') + '\n';
}

export async function runCompare(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, SPEC);
  } catch (e) {
    if (e instanceof UsageError) { io.stderr(`skewer compare: ${e.message}\n\n${COMPARE_USAGE}`); return 2; }
    throw e;
  }
  if (parsed.flags.has('help') || parsed.flags.has('h')) { io.stdout(COMPARE_USAGE); return 0; }
  if (parsed.positionals.length !== 2) {
    io.stderr(`skewer compare: expected two runs (TRAIN_RUN SERVE_RUN), got ${parsed.positionals.length}\n\n${COMPARE_USAGE}`);
    return 2;
  }
  const format = (parsed.flags.get('format') as string | undefined) ?? 'text';
  const failOn = ((parsed.flags.get('fail-on') as string | undefined) ?? 'error') as Severity;
  const [t, s] = await Promise.all([load(parsed.positionals[0]!, 'TRAIN_RUN', io), load(parsed.positionals[1]!, 'SERVE_RUN', io)]);
  for (const x of [t, s]) if (typeof x === 'string') { io.stderr(`skewer compare: ${x}\n`); return 2; }
  const train = t as Run, serve = s as Run;
  if (train.phase === 'serve' && serve.phase === 'train') {
    io.stderr(`skewer compare: TRAIN_RUN is a serving run and SERVE_RUN a training run; give the training run first\n`);
    return 2;
  }
  const c = compareRunFindings(train, serve, { workspaceRoot: io.cwd });
  if (c.unrelated) {
    io.stderr(`skewer compare: ${c.unrelated}\n`);
    return 2;
  }
  // row-level skew reads the snapshots: entities both runs recorded, by an id-like key
  const rows = await rowSkewFindings(train, serve, c, io.cwd);
  c.findings.push(...rows.findings);
  c.problems.push(...rows.notes);
  const findings = c.findings.map((f) => ({
    ...f,
    location: { ...f.location, file: displayPath(f.location.file, io.cwd) },
    related: f.related.map((r) => ({ ...r, location: { ...r.location, file: displayPath(r.location.file, io.cwd) } })),
  })).sort(compareFindings);
  if (format === 'json') {
    const sideJson = (r: Run, x: RunComparison['train']) => ({
      runId: r.runId, pipeline: r.pipeline, phase: r.phase, dir: r.dir,
      ...(x ? { modelStep: { function: x.step.function, line: x.step.location?.line ?? null }, features: x.features.map((f) => ({ name: f.name, position: f.position, source: f.source, ...(f.category !== undefined ? { category: f.category } : {}) })) } : {}),
    });
    io.stdout(JSON.stringify({ train: sideJson(train, c.train), serve: sideJson(serve, c.serve), artifact: c.artifact ?? null, findings, problems: c.problems }, null, 2) + '\n');
  } else {
    io.stdout(text(c, train, serve, findings));
  }
  return findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}
