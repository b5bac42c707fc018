/**
 * Problems found while reading a run log. Reading never throws on bad data: every
 * defect becomes a Problem and the reader keeps whatever it can still trust.
 */
import * as path from 'node:path';

export type ProblemSeverity = 'error' | 'warning' | 'info';

export type ProblemCode =
  | 'malformed-line' // a line that is not valid JSON (corruption)
  | 'truncated-last-line' // last line cut mid-JSON: recorder still writing or crashed
  | 'invalid-event' // JSON but not a usable OpenLineage RunEvent
  | 'invalid-facet' // a skewer_ facet that does not match its JSON Schema
  | 'format-version' // newer or unreadable formatVersion
  | 'inconsistent' // events that contradict each other (duplicate seq, two roots…)
  | 'missing-side-file'
  | 'unsafe-path' // side-file path escaping the run folder
  | 'side-file' // a side file that exists but cannot be decoded
  | 'unreadable'; // a root, run folder or events file that cannot be read

export interface Problem {
  severity: ProblemSeverity;
  code: ProblemCode;
  /** Absolute path of the file (or folder) the problem is about. */
  file: string;
  /** 1-based line in `file`, when the problem is about one line. */
  line?: number;
  /** JSON path of the offending field inside that line's event, e.g. "run.facets.skewer_operator.seq". */
  jsonPath?: string;
  message: string;
}

/** "events.ndjson:14: run.facets.skewer_operator.seq: must be integer" (file relative to `baseDir` when given). */
export function formatProblem(p: Problem, baseDir?: string): string {
  let file = p.file;
  if (baseDir !== undefined) {
    const rel = path.relative(baseDir, p.file);
    if (rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel)) file = rel.split(path.sep).join('/');
  }
  const where = p.line !== undefined ? `${file}:${p.line}` : file;
  return p.jsonPath ? `${where}: ${p.jsonPath}: ${p.message}` : `${where}: ${p.message}`;
}

/** Thrown by side-file loaders (npy, snapshots); the message always names the file (and line when known). */
export class SideFileError extends Error {
  constructor(
    readonly file: string,
    /** What is wrong, without the file name. */
    readonly detail: string,
    readonly code: 'missing-side-file' | 'unsafe-path' | 'side-file' = 'side-file',
    readonly line?: number,
  ) {
    super(line !== undefined ? `${file}:${line}: ${detail}` : `${file}: ${detail}`);
    this.name = 'SideFileError';
  }

  toProblem(): Problem {
    const p: Problem = {
      severity: this.code === 'missing-side-file' ? 'warning' : 'error',
      code: this.code,
      file: this.file,
      message: this.detail,
    };
    if (this.line !== undefined) p.line = this.line;
    return p;
  }
}
