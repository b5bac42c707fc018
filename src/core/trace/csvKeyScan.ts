/**
 * Key lookup in a CSV source without parsing it. Parsing every field of a 1M × 20 CSV to find one key takes
 * seconds (the table reader builds all its columns); the key's text can be found in the bytes directly: the
 * engine's Buffer.indexOf finds where the value's digits or text occur, each occurrence is kept when it is a
 * whole field of the key column whose value equals the key (integers by value: "38" finds 038 and +38, as
 * findInVector does; text exactly), and one pass of indexOf over the line feeds gives row numbers.
 *
 * It answers only when the file reads the way pandas read it for the run and its rows line up with the
 * run's: no quote character anywhere (a quoted field may hold a comma or a line feed), the header is exactly
 * the recorded columns (so the separator is a comma and no column became the index), no blank line, the
 * recorded row count, no read options recorded, an integer or text column, and a value pandas would not have
 * read as missing. Otherwise it returns undefined and the caller reads the file with the table reader.
 */
import { readFile, stat } from 'node:fs/promises';
import type { DatasetRef } from '../runlog/model';
import { DEFAULT_MAX_BYTES } from '../tables/types';
import type { Step } from '../runlog/model';
import { formatCell, sourceFileOf } from './source';

/** pandas' default na_values: a field with this text was read as missing, so it matches no key. */
const PANDAS_NA = new Set(['', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A', 'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null']);
const INT = /^u?int(8|16|32|64)$|^U?Int(8|16|32|64)$/;
const LF = 10;
const CR = 13;
const COMMA = 44;
const QUOTE = 34;

/**
 * Rows (0-based, data rows) of `file` whose `column` equals `value`, for the source step output `output` that
 * read it with pandas' defaults; undefined when this scan cannot answer for sure (see above).
 */
export async function scanCsvForKey(file: string, output: DatasetRef, column: string, value: string, args?: Record<string, unknown>): Promise<number[] | undefined> {
  const names = (output.schema ?? []).map((f) => f.name);
  const type = output.schema?.find((f) => f.name === column)?.type;
  const k = names.indexOf(column);
  if (k < 0 || names.indexOf(column, k + 1) >= 0 || output.rowCount === undefined || !type) return undefined;
  const isInt = INT.test(type);
  if (!isInt && type !== 'string') return undefined;
  const trimmed = value.trim();
  let target: bigint | undefined;
  if (isInt) {
    if (!/^[+-]?\d+$/.test(trimmed)) return []; // "abc" on an integer column: no row holds it
    target = BigInt(trimmed);
  } else if (PANDAS_NA.has(value)) return undefined;
  const plain = await plainCsv(file, names, args);
  if (!plain) return undefined;
  const { bytes, headerEnd } = plain;

  // candidates: whole fields holding the value's text (an integer's digits: its sign and leading zeros are around them)
  const needle = Buffer.from(target !== undefined ? (target < 0n ? -target : target).toString() : value, 'utf8');
  const candidates: number[] = []; // field start offsets, ascending
  for (let at = bytes.indexOf(needle, headerEnd + 1); at >= 0; ) {
    let fs = at;
    while (fs > headerEnd + 1 && bytes[fs - 1] !== COMMA && bytes[fs - 1] !== LF) fs--;
    let fe = at + needle.length;
    while (fe < bytes.length && bytes[fe] !== COMMA && bytes[fe] !== LF && bytes[fe] !== CR) fe++;
    const text = bytes.toString('utf8', fs, fe);
    const hit = target !== undefined ? /^[+-]?\d+$/.test(text.trim()) && BigInt(text.trim()) === target : text === value;
    if (hit) candidates.push(fs);
    at = bytes.indexOf(needle, Math.max(fe, at + 1));
  }

  // one pass over the lines: row numbers, the candidates' field index, blank lines, the row count
  const rows: number[] = [];
  let row = 0;
  let c = 0;
  let blankSeen = false;
  for (let p = headerEnd + 1; p < bytes.length; ) {
    const nl = bytes.indexOf(LF, p);
    const end = nl < 0 ? bytes.length : nl;
    const len = end - p - (end > p && bytes[end - 1] === CR ? 1 : 0);
    if (len === 0) blankSeen = true;
    else {
      if (blankSeen) return undefined; // a blank line between rows: pandas skips it, row numbers would shift
      for (; c < candidates.length && candidates[c]! < end; c++) {
        let commas = 0;
        for (let i = p; i < candidates[c]!; i++) if (bytes[i] === COMMA) commas++;
        if (commas === k) rows.push(row);
      }
      row++;
    }
    p = end + 1;
  }
  return row === output.rowCount ? rows : undefined;
}

/** The bytes of `file` and where its header ends, when it is a plain CSV whose header is exactly `names`. */
async function plainCsv(file: string, names: string[], args?: Record<string, unknown>): Promise<{ bytes: Buffer; headerEnd: number } | undefined> {
  if (args && Object.keys(args).length) return undefined;
  const size = await stat(file).then((s) => s.size, () => undefined);
  if (size === undefined || size > DEFAULT_MAX_BYTES) return undefined;
  const bytes = await readFile(file);
  if (bytes.indexOf(QUOTE) >= 0) return undefined;
  const headerEnd = bytes.indexOf(LF);
  if (headerEnd < 0) return undefined;
  let header = bytes.toString('utf8', 0, headerEnd);
  if (header.endsWith('\r')) header = header.slice(0, -1);
  if (header.startsWith('\ufeff')) header = header.slice(1);
  if (header.split(',').join('\u0000') !== names.join('\u0000')) return undefined;
  return { bytes, headerEnd };
}

const FLOAT = /^float(16|32|64)$|^Float(32|64)$/;

/** A CSV field as the table reader's value would be shown (formatCell of what pandas read); undefined: not sure. */
function cellOf(text: string, type: string): string | null | undefined {
  if (INT.test(type)) return /^[+-]?\d+$/.test(text.trim()) ? BigInt(text.trim()).toString() : text === '' || PANDAS_NA.has(text) ? null : undefined;
  if (FLOAT.test(type)) {
    if (text === '' || PANDAS_NA.has(text)) return null;
    const inf = /^\s*([+-]?)inf(inity)?\s*$/i.exec(text);
    const n = inf ? (inf[1] === '-' ? -Infinity : Infinity) : Number(text);
    return Number.isNaN(n) ? undefined : formatCell(n);
  }
  if (type === 'string') return text === '' || PANDAS_NA.has(text) ? null : text;
  if (type === 'bool') return /^(true|false)$/i.test(text) ? text.toLowerCase() : undefined;
  return undefined;
}

/**
 * Row `position` of a plain CSV source (as scanCsvForKey requires: no quotes, the recorded header and row count,
 * no blank lines, no read options), its values shown as the table reader's would be; undefined when a column type
 * or a field is not one this can show for sure, and the caller reads the file with the table reader.
 */
export async function csvRowAt(file: string, output: DatasetRef, position: number, args?: Record<string, unknown>): Promise<Record<string, string | null> | undefined> {
  const schema = output.schema ?? [];
  if (!schema.length || output.rowCount === undefined || position < 0 || position >= output.rowCount) return undefined;
  if (!schema.every((f) => INT.test(f.type) || FLOAT.test(f.type) || f.type === 'string' || f.type === 'bool')) return undefined;
  const plain = await plainCsv(file, schema.map((f) => f.name), args);
  if (!plain) return undefined;
  const { bytes, headerEnd } = plain;
  let line: string | undefined;
  let row = 0;
  let blankSeen = false;
  for (let p = headerEnd + 1; p < bytes.length; ) {
    const nl = bytes.indexOf(LF, p);
    const end = nl < 0 ? bytes.length : nl;
    const len = end - p - (end > p && bytes[end - 1] === CR ? 1 : 0);
    if (len === 0) blankSeen = true;
    else {
      if (blankSeen) return undefined;
      if (row === position) line = bytes.toString('utf8', p, p + len);
      row++;
    }
    p = end + 1;
  }
  if (row !== output.rowCount || line === undefined) return undefined;
  const fields = line.split(',');
  if (fields.length !== schema.length) return undefined;
  const out: Record<string, string | null> = {};
  for (const [i, f] of schema.entries()) {
    const v = cellOf(fields[i]!, f.type);
    if (v === undefined) return undefined;
    out[f.name] = v;
  }
  return out;
}

const ROWS_READ = new WeakMap<Step, Map<number, Promise<Record<string, string | null> | undefined>>>();

/**
 * Row `position` of the plain CSV a source step read (csvRowAt), without reading the file into a table; each row
 * read once per loaded run (tracing the same record again is a lookup).
 */
export function plainSourceRow(step: Step, position: number): Promise<Record<string, string | null> | undefined> {
  const file = sourceFileOf(step);
  const out = step.outputs[0];
  if (!file || !/\.csv$/i.test(file) || !out || out.lineage?.kind !== 'identity') return Promise.resolve(undefined);
  let rows = ROWS_READ.get(step);
  if (!rows) ROWS_READ.set(step, (rows = new Map()));
  let p = rows.get(position);
  if (!p) {
    if (rows.size >= 256) rows.clear();
    p = csvRowAt(file, out, position, step.args).catch(() => undefined);
    rows.set(position, p);
  }
  return p;
}
