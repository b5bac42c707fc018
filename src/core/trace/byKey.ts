/**
 * Trace by key: "what happened to patient_id = 38?" Finds the record wherever the run's data holds that key —
 * in the source files the run read (CSV, Parquet, Arrow, through the table reader) or in the key columns the
 * recorder stored (docs/run-log.md §6a) — whether or not a snapshot sampled it, then traces it forward. A key
 * that matches several rows of one dataset, or none, is answered as such: the rows are listed, never guessed.
 */
import type { OpenedTable } from '../tables';
import type { Run, Step } from '../runlog/model';
import { findInVector, keyValueAt, KeyResolver, type KeyFileSource } from './keyValues';
import { sourceFileOf } from './source';
import { scanSourceForKey } from './sourceScan';
import { traceRecord, type TraceResult, type TraceSource } from './trace';

export interface KeySource extends TraceSource, KeyFileSource {
  sourceTable(step: Step, columns?: string[]): Promise<OpenedTable>;
  /**
   * Row positions of the file `step` read where `column` = `value`, when the source can search the file itself
   * (e.g. in a worker thread, WorkerTraceSource); else the column is read with sourceTable and searched here.
   */
  findInSource?(step: Step, column: string, value: string): Promise<number[]>;
}

export interface KeyMatch {
  dataset: string;
  step: Step;
  /** Matching row positions in that dataset's rows. */
  positions: number[];
  /** Where the value was found: the source file itself, or the key column the recorder stored. */
  via: 'source file' | 'key column';
  /** The source file, for a source step. */
  file?: string;
  /** A later step whose key column re-links the record after a lineage gap (not a starting point). */
  relink?: boolean;
}

export interface KeyLookup {
  column: string;
  value: string;
  /** Starting points (sources, or stored key columns with no upstream match) first, then re-link points. */
  matches: KeyMatch[];
  /** What was searched, for a "matches nothing" answer. */
  searched: string[];
  problems: string[];
}

export type KeyTraceResult =
  | { ok: true; lookup: KeyLookup; trace: TraceResult }
  | { ok: false; lookup: KeyLookup; reason: string; ambiguous?: KeyMatch };

/** Parses `column=value` (spaces around `=` allowed; the value may contain `=`). */
export function parseKeyQuery(text: string): { column: string; value: string } | undefined {
  const m = /^\s*([^=]+?)\s*=\s*(.*?)\s*$/.exec(text);
  if (!m || !m[1] || m[2] === undefined || m[2] === '') return undefined;
  const value = m[2].replace(/^(["'])(.*)\1$/, '$2');
  return { column: m[1], value };
}

const ID_WORD = /(?:^|[_\-\s.])(?:id|key|uuid|guid)$|^(?:id|key|uuid|guid)(?:[_\-\s.]|$)/i;
const ID_CAMEL = /[a-z0-9](?:Id|ID|Key|Uuid|UUID|Guid|GUID)$/;

/** Columns a user would look a record up by: the run's key columns, then id-like columns of its sources. */
export function keyColumnCandidates(run: Run): string[] {
  const out = new Set(KeyResolver.columnsOf(run));
  for (const s of run.steps) {
    if (s.kind !== 'source') continue;
    for (const f of s.outputs[0]?.schema ?? []) if (ID_WORD.test(f.name) || ID_CAMEL.test(f.name)) out.add(f.name);
  }
  return [...out];
}

const at = (s: Step) => `${s.function}${s.location ? ` (line ${s.location.line})` : ''}`;

/** Finds the rows of every dataset where `column` = `value` can be looked up without a snapshot. */
export async function findKey(run: Run, column: string, value: string, source: KeySource, keys = new KeyResolver(run, source)): Promise<KeyLookup> {
  const lookup: KeyLookup = { column, value, matches: [], searched: [], problems: [] };
  for (const step of run.steps) {
    for (const output of step.outputs) {
      const stored = output.keys?.stored?.includes(column) && !output.keys.unavailable;
      const file = sourceFileOf(step);
      const inFile = file !== undefined && !stored && (output.schema?.some((f) => f.name === column) ?? false);
      if (!stored && !inFile) continue;
      const label = file ?? at(step);
      try {
        let positions: number[];
        if (stored) {
          positions = (await keys.rowsWithKey(output.name, column, value)) ?? [];
        } else {
          if (output.lineage?.kind !== 'identity') {
            lookup.problems.push(`${file}: ${step.function} skipped rows of the file (${output.lineage?.gap ?? 'no row lineage'}), so its rows cannot be matched to the file's`);
            continue;
          }
          // a CSV that reads the plain way is searched in its bytes (csvKeyScan.ts), a Parquet file in its key column
          // alone (parquetKeyScan.ts); else the file is read through the table reader
          // (the worker source does both in the tables worker)
          const scanned = file && !source.findInSource ? await scanSourceForKey(file, output, column, value, step.args) : undefined;
          if (scanned) positions = scanned;
          else if (source.findInSource) positions = await source.findInSource(step, column, value);
          else {
            const t = await source.sourceTable(step, [column]);
            const v = t.table.getChild(column);
            positions = v ? findInVector(v, value) : [];
          }
        }
        lookup.searched.push(label);
        if (positions.length) lookup.matches.push({ dataset: output.name, step, positions, via: stored ? 'key column' : 'source file', ...(file ? { file } : {}) });
      } catch (e) {
        // Table-reader errors already name their file: "f.csv: no such file", not "f.csv: f.csv: no such file".
        const msg = (e as Error).message;
        lookup.problems.push(msg.startsWith(`${label}:`) ? msg : `${label}: ${msg}`);
      }
    }
  }
  // A stored key column after a start is where the key re-finds the record past a lineage gap, not a second start.
  let started = false;
  for (const m of lookup.matches) {
    if (m.step.kind !== 'source' && started) m.relink = true;
    else started = true;
  }
  return lookup;
}

/** Looks the key up and traces the record forward from where it enters the run. */
export async function traceByKey(run: Run, column: string, value: string, source: KeySource): Promise<KeyTraceResult> {
  const keys = new KeyResolver(run, source);
  const lookup = await findKey(run, column, value, source, keys);
  const starts = lookup.matches.filter((m) => !m.relink);
  if (!starts.length && !lookup.searched.length && lookup.problems.length) {
    return { ok: false, lookup, reason: `cannot look up ${column} = ${value}: ${lookup.problems.join('; ')}` };
  }
  if (!starts.length) {
    const where = lookup.searched.length ? lookup.searched.join(', ') : 'no source file or key column of this run holds that column';
    const known = keyColumnCandidates(run);
    return {
      ok: false,
      lookup,
      reason: lookup.searched.length
        ? `${column} = ${value} matches no row of ${where}`
        : `${column} is not a column of any source or key of this run${known.length ? ` (key columns: ${known.join(', ')})` : ''}`,
    };
  }
  const ambiguous = starts.find((m) => m.positions.length > 1);
  if (ambiguous) {
    const list = ambiguous.positions.slice(0, 10).join(', ');
    return {
      ok: false,
      lookup,
      ambiguous,
      reason: `${column} = ${value} matches ${ambiguous.positions.length} rows of ${ambiguous.file ?? at(ambiguous.step)} (rows ${list}${ambiguous.positions.length > 10 ? ', …' : ''}): pick one row`,
    };
  }
  const [first, ...rest] = starts.map((m) => ({ dataset: m.dataset, position: m.positions[0]! }));
  const relink = new Map(lookup.matches.filter((m) => m.relink).map((m) => [m.dataset, m.positions]));
  const trace = await traceRecord(run, first!, source, { alsoStart: rest, relink, relinkText: `found again by ${column} = ${value}` });
  trace.problems.unshift(...lookup.problems);
  return { ok: true, lookup, trace };
}

/**
 * Forward trace of one row, as traceRecord, where the run kept a key: the record's key value at the start row
 * finds it again in later stored key columns, so a lineage gap (an unrecorded .reindex) does not end the trace.
 */
export async function traceRow(run: Run, start: { dataset: string; position: number }, source: KeySource): Promise<TraceResult> {
  const keys = new KeyResolver(run, source);
  const startSeq = run.steps.find((s) => s.outputs.some((o) => o.name === start.dataset))?.seq ?? -1;
  for (const column of KeyResolver.columnsOf(run)) {
    const idx = await keys.index(start.dataset, column).catch(() => undefined);
    const value = idx ? keyValueAt(idx, start.position) : null;
    if (value === null || value === undefined) continue;
    const lookup = await findKey(run, column, value, source, keys);
    const later = lookup.matches.filter((m) => m.step.seq > startSeq && m.step.kind !== 'source');
    if (!later.length) break;
    return traceRecord(run, start, source, { relink: new Map(later.map((m) => [m.dataset, m.positions])), relinkText: `found again by ${column} = ${value}` });
  }
  return traceRecord(run, start, source);
}
