/**
 * RFC 4180 CSV → Arrow table, byte level.
 *
 * One pass over the bytes records each cell's byte range per column and narrows the
 * column's candidate type (int64 → float64 → bool → utf8); a second pass per column
 * decodes straight into typed arrays. No per-row objects and no per-cell strings except
 * for float parsing, so ~1M-row snapshots stay cheap.
 * Conventions of pandas `to_csv`: first record is the header; an empty cell (quoted or
 * not) is null, which is how pandas writes NaN/None.
 */
import {
  Bool,
  Field,
  Float64,
  Int64,
  makeData,
  RecordBatch,
  Schema,
  Struct,
  Table,
  Utf8,
  type Data,
  type DataType,
} from 'apache-arrow';

export type CsvColumnType = 'int64' | 'float64' | 'bool' | 'utf8';

export class CsvError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    /** What is wrong, without file and line. */
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'CsvError';
  }
}

export interface CsvParseOptions {
  /** Shown in errors. */
  file?: string;
  /**
   * Declared types per column (e.g. from the dataset's `schema` facet, mapped with
   * `csvTypeForDtype`). A declared utf8 column stays text even if it looks numeric ("02139");
   * a declared numeric type is used only when every cell parses as that type.
   */
  types?: Record<string, CsvColumnType | undefined>;
}

const Q = 0x22; // "
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** 1 for the bytes that end an unquoted field. */
const DELIM = new Uint8Array(256);
DELIM[COMMA] = DELIM[LF] = DELIM[CR] = 1;

const CAN_INT = 1;
const CAN_FLOAT = 2;
const CAN_BOOL = 4;

/** Growable per-column cell store: byte ranges plus a flag byte (quoted with "" escapes). */
class ColumnCells {
  starts = new Uint32Array(1024);
  ends = new Uint32Array(1024);
  escaped = new Uint8Array(1024);
  length = 0;
  nulls = 0;
  candidates = CAN_INT | CAN_FLOAT | CAN_BOOL;

  push(start: number, end: number, escaped: boolean): void {
    if (this.length === this.starts.length) {
      const cap = this.length * 2;
      const s = new Uint32Array(cap);
      s.set(this.starts);
      this.starts = s;
      const e = new Uint32Array(cap);
      e.set(this.ends);
      this.ends = e;
      const x = new Uint8Array(cap);
      x.set(this.escaped);
      this.escaped = x;
    }
    this.starts[this.length] = start;
    this.ends[this.length] = end;
    this.escaped[this.length] = escaped ? 1 : 0;
    this.length++;
  }
}

/**
 * Maps a column type from the `schema` facet (the recorder's vocabulary, docs/run-log.md §4: `string`, numpy names,
 * nullable `Int64` / `UInt8` / `Float64` / `boolean`, `datetime64[ns, tz]`, `category`, `object`) to the CSV column
 * type that preserves it; case-insensitive, so nullable integers parse as int64 with nulls.
 */
export function csvTypeForDtype(dtype: string): CsvColumnType | undefined {
  const d = dtype.toLowerCase();
  if (/^u?int(8|16|32|64)$/.test(d)) return 'int64';
  if (/^float(16|32|64)$/.test(d)) return 'float64';
  if (d === 'bool' || d === 'boolean') return 'bool';
  if (d === 'object' || d === 'string' || d === 'category' || d.startsWith('datetime') || d.startsWith('timedelta')) return 'utf8';
  return undefined; // anything else (complex, intervals, ...): infer
}

export function parseCsv(bytes: Uint8Array, options: CsvParseOptions = {}): Table {
  const file = options.file ?? '<csv>';
  const n = bytes.length;
  let pos = 0;
  let line = 1;
  if (n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) pos = 3;

  // Header.
  const header: string[] = [];
  const decoder = new TextDecoder('utf-8');
  let columns: ColumnCells[] = [];
  let headerDone = false;
  let field = 0;
  let recordLine = line;

  const storeHeader = (s: number, e: number, esc: boolean) => {
    header.push(unescape(decoder.decode(bytes.subarray(s, e)), esc));
  };

  while (pos <= n) {
    if (pos === n) {
      // EOF right after a delimiter ends the record with an empty last field; a clean EOF ends nothing.
      if (field === 0) break;
    }
    let start: number;
    let end: number;
    let escaped = false;
    if (pos < n && bytes[pos] === Q) {
      start = pos + 1;
      let p = start;
      for (;;) {
        const qi = bytes.indexOf(Q, p);
        if (qi === -1) throw new CsvError(file, recordLine, 'unterminated quoted field');
        if (qi + 1 < n && bytes[qi + 1] === Q) {
          escaped = true;
          p = qi + 2;
          continue;
        }
        // Count newlines inside the quoted field so later line numbers stay right.
        for (let k = start; k < qi; k++) if (bytes[k] === LF) line++;
        end = qi;
        pos = qi + 1;
        break;
      }
      if (pos < n && bytes[pos] !== COMMA && bytes[pos] !== LF && bytes[pos] !== CR) {
        throw new CsvError(file, line, `unexpected character after closing quote in field ${field + 1}`);
      }
    } else {
      start = pos;
      while (pos < n && DELIM[bytes[pos]!] === 0) pos++;
      end = pos;
    }

    // Store the cell.
    if (!headerDone) {
      storeHeader(start, end!, escaped);
    } else {
      if (field >= columns.length) {
        throw new CsvError(file, recordLine, `too many fields: expected ${columns.length}`);
      }
      const col = columns[field]!;
      const empty = end! === start;
      col.push(start, end!, escaped);
      if (empty) col.nulls++;
      else if (col.candidates !== 0) col.candidates &= classify(bytes, start, end!);
    }
    field++;

    // Delimiter.
    if (pos < n && bytes[pos] === COMMA) {
      pos++;
      continue;
    }
    // End of record (newline or EOF).
    if (pos < n && bytes[pos] === CR) pos++;
    if (pos < n && bytes[pos] === LF) pos++;
    else if (pos < n) throw new CsvError(file, line, 'bare carriage return inside an unquoted field');
    if (!headerDone) {
      headerDone = true;
      columns = header.map(() => new ColumnCells());
    } else if (field === 1 && columns.length > 1 && end! === start && onlyNewlinesFrom(bytes, pos)) {
      // Trailing blank lines at the end of the file: drop the empty cell just stored.
      columns[0]!.length--;
      columns[0]!.nulls--;
      break;
    } else if (field !== columns.length) {
      // A blank line inside a multi-column file is malformed for pandas output; a single
      // column file writes null as an empty line, which the cell store already recorded.
      throw new CsvError(file, recordLine, `expected ${columns.length} fields, found ${field}`);
    }
    field = 0;
    line++;
    recordLine = line;
    if (pos === n) break;
  }
  if (!headerDone) {
    if (header.length === 0) throw new CsvError(file, 1, 'empty file (no header row)');
    columns = header.map(() => new ColumnCells());
  }

  const names = uniqueNames(header);
  const fields: Field[] = [];
  const children: Data[] = [];
  const rows = columns[0]?.length ?? 0;
  for (let c = 0; c < columns.length; c++) {
    const col = columns[c]!;
    const type = chooseType(col, options.types?.[header[c]!]);
    const data = buildColumn(bytes, col, type);
    fields.push(new Field(names[c]!, data.type, true));
    children.push(data);
  }
  const schema = new Schema(fields);
  const struct = makeData({ type: new Struct(fields), length: rows, nullCount: 0, children });
  return new Table(schema, new RecordBatch(schema, struct));
}

function onlyNewlinesFrom(b: Uint8Array, p: number): boolean {
  for (; p < b.length; p++) if (b[p] !== LF && b[p] !== CR) return false;
  return true;
}

function chooseType(col: ColumnCells, declared: CsvColumnType | undefined): CsvColumnType {
  const c = col.candidates;
  if (declared === 'utf8') return 'utf8';
  if (declared === 'int64' && c & CAN_INT) return 'int64';
  if (declared === 'float64' && c & (CAN_INT | CAN_FLOAT)) return 'float64';
  if (declared === 'bool' && c & CAN_BOOL) return 'bool';
  if (col.length === col.nulls) return declared ?? 'utf8'; // all null: nothing to infer from
  if (c & CAN_INT) return 'int64';
  if (c & CAN_FLOAT) return 'float64';
  if (c & CAN_BOOL) return 'bool';
  return 'utf8';
}

function uniqueNames(header: string[]): string[] {
  // pandas mangles duplicate names the same way ("a", "a.1").
  const seen = new Map<string, number>();
  return header.map((h) => {
    const k = seen.get(h);
    seen.set(h, (k ?? 0) + 1);
    return k === undefined ? h : `${h}.${k}`;
  });
}

function unescape(s: string, escaped: boolean): string {
  return escaped ? s.replace(/""/g, '"') : s;
}

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}

/** Which types a non-empty cell can be; returns a CAN_* mask. */
function classify(b: Uint8Array, s: number, e: number): number {
  const first = b[s]!;
  // Booleans as pandas writes them (True/False), plus lower/upper case.
  if (first === 0x54 || first === 0x46 || first === 0x74 || first === 0x66) {
    if (isBoolWord(b, s, e)) return CAN_BOOL;
  }
  let p = s;
  if (first === 0x2b || first === 0x2d) p++; // + -
  if (p === e) return 0;
  let digits = 0;
  while (p < e && isDigit(b[p]!)) {
    p++;
    digits++;
  }
  if (p === e) {
    if (digits <= 18 || fitsInt64(b, s, e)) return CAN_INT | CAN_FLOAT;
    return CAN_FLOAT;
  }
  // Float: digits [. digits] [e[+-]digits] | .digits…
  let frac = 0;
  if (b[p] === 0x2e) {
    p++;
    while (p < e && isDigit(b[p]!)) {
      p++;
      frac++;
    }
  }
  if (digits + frac === 0) return isSpecialFloat(b, s, e) ? CAN_FLOAT : 0;
  if (p < e && (b[p] === 0x65 || b[p] === 0x45)) {
    p++;
    if (p < e && (b[p] === 0x2b || b[p] === 0x2d)) p++;
    let exp = 0;
    while (p < e && isDigit(b[p]!)) {
      p++;
      exp++;
    }
    if (exp === 0) return 0;
  }
  return p === e ? CAN_FLOAT : 0;
}

function asciiLower(b: Uint8Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i++) out += String.fromCharCode(b[i]! | 0x20);
  return out;
}

function isBoolWord(b: Uint8Array, s: number, e: number): boolean {
  const len = e - s;
  if (len !== 4 && len !== 5) return false;
  const w = asciiLower(b, s, e);
  return w === 'true' || w === 'false';
}

const SPECIAL_FLOATS = new Map<string, number>([
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['infinity', Infinity],
  ['+infinity', Infinity],
  ['-infinity', -Infinity],
  ['nan', NaN],
]);

function isSpecialFloat(b: Uint8Array, s: number, e: number): boolean {
  return e - s <= 9 && SPECIAL_FLOATS.has(asciiLower(b, s, e));
}

const INT64_MAX = '9223372036854775807';

function fitsInt64(b: Uint8Array, s: number, e: number): boolean {
  const neg = b[s] === 0x2d;
  if (b[s] === 0x2b || neg) s++;
  while (s < e - 1 && b[s] === 0x30) s++;
  const len = e - s;
  if (len !== 19) return len < 19;
  const limit = neg ? '9223372036854775808' : INT64_MAX;
  for (let i = 0; i < 19; i++) {
    const d = b[s + i]!;
    const l = limit.charCodeAt(i);
    if (d !== l) return d < l;
  }
  return true;
}

const POW10 = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * Exact fast path for plain decimals ("-12.375"): with at most 15 significant digits the
 * digits form an exact integer m < 2^53 and 10^f is exact, so m / 10^f is one correctly
 * rounded division — the same double Number() returns. NaN means "use Number()".
 */
function simpleDecimal(b: Uint8Array, s: number, e: number): number {
  let p = s;
  const neg = b[p] === 0x2d;
  if (neg || b[p] === 0x2b) p++;
  let m = 0;
  let digits = 0;
  let frac = -1;
  for (; p < e; p++) {
    const c = b[p]!;
    if (c >= 0x30 && c <= 0x39) {
      m = m * 10 + (c - 0x30);
      if (m !== 0) digits++;
      if (frac >= 0) frac++;
    } else if (c === 0x2e && frac < 0) frac = 0;
    else return NaN;
  }
  if (digits > 15 || frac > 22) return NaN;
  const v = frac > 0 ? m / POW10[frac]! : m;
  return neg ? -v : v;
}

function validityBitmap(col: ColumnCells): Uint8Array | undefined {
  if (col.nulls === 0) return undefined;
  const bitmap = new Uint8Array((col.length + 7) >> 3);
  const { starts, ends } = col;
  for (let i = 0; i < col.length; i++) if (ends[i] !== starts[i]) bitmap[i >> 3]! |= 1 << (i & 7);
  return bitmap;
}

function buildColumn(bytes: Uint8Array, col: ColumnCells, type: CsvColumnType): Data<DataType> {
  const length = col.length;
  const nullBitmap = validityBitmap(col);
  const nullCount = col.nulls;
  const { starts, ends } = col;
  switch (type) {
    case 'int64': {
      const values = new BigInt64Array(length);
      const halves = new Int32Array(values.buffer);
      for (let i = 0; i < length; i++) {
        const s = starts[i]!;
        const e = ends[i]!;
        if (s === e) continue;
        let p = s;
        const neg = bytes[p] === 0x2d;
        if (neg || bytes[p] === 0x2b) p++;
        if (e - p <= 15) {
          let v = 0;
          for (; p < e; p++) v = v * 10 + (bytes[p]! - 0x30);
          if (neg) v = -v;
          // Little-endian 64-bit two's complement from a safe integer, without BigInt.
          halves[2 * i] = v | 0;
          halves[2 * i + 1] = Math.floor(v / 4294967296);
        } else {
          values[i] = BigInt(Buffer.from(bytes.buffer, bytes.byteOffset + s, e - s).toString('latin1'));
        }
      }
      return makeData({ type: new Int64(), length, nullCount, nullBitmap, data: values });
    }
    case 'float64': {
      const values = new Float64Array(length);
      const src = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let i = 0; i < length; i++) {
        const s = starts[i]!;
        const e = ends[i]!;
        if (s === e) continue;
        const fast = simpleDecimal(bytes, s, e);
        if (fast === fast) {
          values[i] = fast;
          continue;
        }
        const text = src.toString('latin1', s, e);
        const v = Number(text);
        values[i] = Number.isNaN(v) ? (SPECIAL_FLOATS.get(text.toLowerCase()) ?? NaN) : v;
      }
      return makeData({ type: new Float64(), length, nullCount, nullBitmap, data: values });
    }
    case 'bool': {
      const values = new Uint8Array((length + 7) >> 3);
      for (let i = 0; i < length; i++) {
        const s = starts[i]!;
        if (s !== ends[i] && (bytes[s]! | 0x20) === 0x74) values[i >> 3]! |= 1 << (i & 7);
      }
      return makeData({ type: new Bool(), length, nullCount, nullBitmap, data: values });
    }
    case 'utf8': {
      const offsets = new Int32Array(length + 1);
      let total = 0;
      for (let i = 0; i < length; i++) total += ends[i]! - starts[i]!;
      if (total > 0x7fffffff) throw new Error('text column larger than 2 GiB');
      const data = new Uint8Array(total);
      let o = 0;
      for (let i = 0; i < length; i++) {
        const s = starts[i]!;
        const e = ends[i]!;
        if (col.escaped[i]) {
          // Collapse "" to ".
          for (let k = s; k < e; k++) {
            data[o++] = bytes[k]!;
            if (bytes[k] === Q) k++;
          }
        } else if (e - s < 32) {
          // Short cells: a byte loop beats allocating a subarray view per cell.
          for (let k = s; k < e; k++) data[o++] = bytes[k]!;
        } else {
          data.set(bytes.subarray(s, e), o);
          o += e - s;
        }
        offsets[i + 1] = o;
      }
      return makeData({ type: new Utf8(), length, nullCount, nullBitmap, valueOffsets: offsets, data: data.subarray(0, o) });
    }
  }
}
