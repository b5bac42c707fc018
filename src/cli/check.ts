/** `skewer check`: static leakage / mismatch analysis of files and folders. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { atLeast, compareFindings, type Finding, type Severity } from '../core/findings/finding';
import { formatJson, formatText } from '../core/findings/format';
import { toSarif } from '../core/findings/sarif';
import { checkSource, type CheckOutcome } from '../core/static/checkSource';
import { userCacheDir } from '../core/static/codeCache';
import type { CellLineMap } from '../core/static/notebookLines';
import { AnalysisPool, defaultPoolSize } from '../core/static/pool';
import type { AnalysisNote, AnalyzeOptions } from '../core/static/types';
import { addRunFindings } from './checkRuns';
import { parseArgs, UsageError } from './args';
import { collectFiles, MissingPathError } from './files';
import type { CommandIO } from './io';

export const CHECK_USAGE = `usage: skewer check [paths...] [options]

Checks Python files and Jupyter notebooks for data leakage and train/serve mismatch.
Folders are searched recursively for .py and .ipynb files (node_modules, .git,
virtualenvs and __pycache__ are skipped). No paths: the current directory.

options:
  --format text|json|sarif          output format (default text)
  --fail-on error|warning|info      exit 1 when a finding at or above this severity exists (default error)
  --notebook-order saved|execution  order in which notebook cells are assumed to run (default saved)
  --jobs auto|N                     worker threads for many files; 1 analyses on the main thread
                                    (default auto: one per core, up to 4, from 512 KB of code)
  --runs DIR                        also check the runs recorded in DIR (e.g. .skewer/runs): confirm the
                                    static findings and add what the runs show on their own; each finding
                                    says its source (static, run, both)
  --baseline RUN                    with --runs: the training run (folder or run id) the serving runs in DIR
                                    are compared against (default: pairing by model artifact, else by pipeline)
  -h, --help                        show this help

environment:
  SKEWER_CODE_CACHE=off             worker threads do not keep the analyzer's compiled code (V8 code
                                    cache) in the user cache folder (Linux: $XDG_CACHE_HOME/skewer, else
                                    ~/.cache/skewer; macOS ~/Library/Caches/skewer; %LOCALAPPDATA%\\skewer)
`;

const SPEC = {
  format: { values: ['text', 'json', 'sarif'] },
  'fail-on': { values: ['error', 'warning', 'info', 'hint'] },
  'notebook-order': { values: ['saved', 'execution'] },
  jobs: { pattern: /^(auto|[1-9]\d{0,2})$/, hint: 'auto or a number of workers, 1-999' },
  runs: { pattern: /./, hint: 'a folder of recorded runs' },
  baseline: { pattern: /./, hint: 'a run folder or run id' },
  help: {},
  h: {},
} as const;

/**
 * Below this much code (about 10k lines) spreading the files saves less than starting workers
 * costs: each loads the analyzer and warms its own JIT, which on a busy machine is pure overhead.
 */
const POOL_MIN_BYTES = 512 * 1024;

/** The bundled worker beside dist/cli.js, or the TypeScript source when running from src/ (tests, tsx). */
function workerFile(): string {
  const bundled = path.join(__dirname, 'workers', 'static.worker.js');
  return fs.existsSync(bundled) ? bundled : path.resolve(__dirname, '../workers/static.worker.ts');
}

/** Size of each file in bytes (0 when it cannot be stat'ed: reading it reports why). */
function sizesOf(files: string[]): number[] {
  return files.map((f) => {
    try { return fs.statSync(f).size; } catch { return 0; }
  });
}

/** Worker count for `--jobs`: 1 means no workers. */
function jobsFor(flag: string | undefined, sizes: number[]): number {
  if (flag && flag !== 'auto') return Number(flag);
  if (sizes.length < 2 || sizes.reduce((a, b) => a + b, 0) < POOL_MIN_BYTES) return 1;
  return Math.min(defaultPoolSize(), sizes.length);
}

/** Every file's outcome in file order, on worker threads or on this one. */
async function checkAll(files: string[], sizes: number[], shown: string[], options: AnalyzeOptions, lineMaps: boolean, jobs: number, io: CommandIO): Promise<CheckOutcome[]> {
  const here = (): CheckOutcome[] => files.map((file, i) => checkSource(shown[i], { file }, options, lineMaps));
  if (jobs <= 1) return here();
  // Workers load their bundle with its V8 code cache from the user's cache folder (SKEWER_CODE_CACHE=off: none).
  const pool = new AnalysisPool({ workerFile: workerFile(), size: Math.min(jobs, files.length), idleMs: 0, codeCacheDir: userCacheDir() });
  try {
    // With sizes the pool hands out the largest files first, so a big file late in the list does
    // not leave one worker running alone at the end; outcomes come back in file order.
    const run = await pool.check(files.map((file, i) => ({ path: shown[i], source: { file }, size: sizes[i] })), { options, lineMaps });
    return run.outcomes.map((o, i) => o ?? { result: { findings: [], notes: [{ path: shown[i], kind: 'partial', message: `${shown[i]}: not analysed` }] } });
  } catch (e) {
    // Workers that cannot start (a broken install) must not stop the check: same analysis, one thread.
    io.stderr(`skewer check: ${(e as Error).message}; analysing on the main thread\n`);
    return here();
  } finally {
    pool.dispose();
  }
}

/** Path as given when relative, or relative to the cwd when absolute and inside it. */
function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return path.normalize(file).replace(/\\/g, '/');
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.replace(/\\/g, '/') : file;
}

/**
 * Where the project's own modules are read from: the cwd when every file is inside it (paths are
 * then shown relative to it), else the folder that holds every file given. Modules are read from
 * disk under that root only.
 */
function moduleOptions(files: string[], shown: string[], cwd: string): AnalyzeOptions {
  if (!files.length) return {};
  if (shown.every((s) => !path.isAbsolute(s))) return { moduleRoot: '', moduleCwd: cwd };
  const abs = files.map((f) => path.resolve(cwd, f));
  let root = path.dirname(abs[0]);
  for (const f of abs) while (root !== path.dirname(root) && !(f + path.sep).startsWith(root + path.sep) && f !== root) root = path.dirname(root);
  // Relative shown paths (files inside the cwd mixed with others) are not under an absolute root: not followed.
  return { moduleRoot: root.replace(/\\/g, '/'), moduleCwd: cwd };
}

export async function runCheck(argv: string[], io: CommandIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv, SPEC);
  } catch (e) {
    if (e instanceof UsageError) { io.stderr(`skewer check: ${e.message}\n\n${CHECK_USAGE}`); return 2; }
    throw e;
  }
  if (parsed.flags.has('help') || parsed.flags.has('h')) { io.stdout(CHECK_USAGE); return 0; }
  const format = (parsed.flags.get('format') as string | undefined) ?? 'text';
  const failOn = ((parsed.flags.get('fail-on') as string | undefined) ?? 'error') as Severity;
  const order = ((parsed.flags.get('notebook-order') as string | undefined) ?? 'saved') as 'saved' | 'execution';
  const paths = parsed.positionals.length ? parsed.positionals : ['.'];
  let files: string[];
  try {
    files = collectFiles(paths);
  } catch (e) {
    if (e instanceof MissingPathError) { io.stderr(`skewer check: ${e.message}\n\n${CHECK_USAGE}`); return 2; }
    throw e;
  }
  const findings: Finding[] = [];
  const notes: AnalysisNote[] = [];
  const notebookLines = new Map<string, CellLineMap>();
  const shown = files.map((f) => displayPath(f, io.cwd));
  const sizes = sizesOf(files);
  const outcomes = await checkAll(files, sizes, shown, { notebookOrder: order, ...moduleOptions(files, shown, io.cwd) }, format === 'sarif', jobsFor(parsed.flags.get('jobs') as string | undefined, sizes), io);
  outcomes.forEach((o, i) => {
    if (o.lineMap) notebookLines.set(shown[i], o.lineMap);
    findings.push(...o.result.findings);
    notes.push(...o.result.notes);
  });
  const runsDir = parsed.flags.get('runs') as string | undefined;
  if (runsDir !== undefined) {
    const withRuns = await addRunFindings(findings, runsDir, parsed.flags.get('baseline') as string | undefined, io);
    if (typeof withRuns === 'string') { io.stderr(`skewer check: ${withRuns}\n`); return 2; }
    findings.splice(0, findings.length, ...withRuns.findings);
    notes.push(...withRuns.notes);
  } else if (parsed.flags.has('baseline')) {
    io.stderr(`skewer check: --baseline needs --runs DIR\n\n${CHECK_USAGE}`);
    return 2;
  }
  findings.sort(compareFindings);
  if (format === 'json') io.stdout(formatJson(findings, notes));
  else if (format === 'sarif') io.stdout(JSON.stringify(toSarif(findings, notes, { toolVersion: io.version, srcRootUri: pathToFileURL(io.cwd).href.replace(/\/?$/, '/'), notebookLines }), null, 2) + '\n');
  else io.stdout(formatText(findings, notes, files.length));
  return findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}
