/** `skewer check`: static leakage / mismatch analysis of files and folders. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { atLeast, compareFindings, type Finding, type Severity } from '../core/findings/finding';
import { formatJson, formatText } from '../core/findings/format';
import { toSarif } from '../core/findings/sarif';
import { analyzeDocument } from '../core/static/index';
import { notebookLineMap, type CellLineMap } from '../core/static/notebookLines';
import { readSourceFile } from '../core/static/readSource';
import type { AnalysisNote } from '../core/static/types';
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
  -h, --help                        show this help
`;

const SPEC = {
  format: { values: ['text', 'json', 'sarif'] },
  'fail-on': { values: ['error', 'warning', 'info', 'hint'] },
  'notebook-order': { values: ['saved', 'execution'] },
  help: {},
  h: {},
} as const;

/** Path as given when relative, or relative to the cwd when absolute and inside it. */
function displayPath(file: string, cwd: string): string {
  if (!path.isAbsolute(file)) return path.normalize(file).replace(/\\/g, '/');
  const rel = path.relative(cwd, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.replace(/\\/g, '/') : file;
}

export function runCheck(argv: string[], io: CommandIO): number {
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
  for (const file of files) {
    const shown = displayPath(file, io.cwd);
    const read = readSourceFile(file, shown);
    if ('note' in read) { notes.push(read.note); continue; }
    const text = read.text;
    const r = analyzeDocument({ path: shown, text }, { notebookOrder: order });
    if (format === 'sarif' && /\.ipynb$/i.test(shown) && r.findings.length) notebookLines.set(shown, notebookLineMap(text));
    findings.push(...r.findings);
    notes.push(...r.notes);
  }
  findings.sort(compareFindings);
  if (format === 'json') io.stdout(formatJson(findings, notes));
  else if (format === 'sarif') io.stdout(JSON.stringify(toSarif(findings, notes, { toolVersion: io.version, srcRootUri: pathToFileURL(io.cwd).href.replace(/\/?$/, '/'), notebookLines }), null, 2) + '\n');
  else io.stdout(formatText(findings, notes, files.length));
  return findings.some((f) => atLeast(f.severity, failOn)) ? 1 : 0;
}
