/**
 * Arrow cells → JSON-safe values, the conventions of `skewer show --format json`
 * (docs/table-readers.md): 64-bit integers as numbers when |v| ≤ 2^53 − 1, else as decimal
 * strings (never rounded); NaN and ±Infinity as "NaN" / "Infinity" / "-Infinity"; timestamps as
 * ISO 8601 at the column's precision, with "Z" when the type has a zone (the instant in UTC; the
 * zone is in the type); dates "YYYY-MM-DD"; times "HH:MM:SS[.fff…]"; decimals as exact strings;
 * binary as base64; lists as arrays, structs as objects, maps as [key, value] pairs; a
 * dictionary cell as its value. Reads the buffers directly (no row proxies, no float rounding of
 * 64-bit values), following apache-arrow's own `get` conventions for offsets.
 */
import { DateUnit, TimeUnit, Type, type Data, type Table, type Vector } from 'apache-arrow';
import { arrowTypeName } from './typeName';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const PER_SECOND: Record<number, bigint> = {
  [TimeUnit.SECOND]: 1n,
  [TimeUnit.MILLISECOND]: 1000n,
  [TimeUnit.MICROSECOND]: 1_000_000n,
  [TimeUnit.NANOSECOND]: 1_000_000_000n,
};
const DIGITS: Record<number, number> = { [TimeUnit.SECOND]: 0, [TimeUnit.MILLISECOND]: 3, [TimeUnit.MICROSECOND]: 6, [TimeUnit.NANOSECOND]: 9 };
const utf8 = new TextDecoder('utf-8', { fatal: false });

export class UnprintableTypeError extends Error {}

function big(v: bigint): number | string {
  return v <= SAFE && v >= -SAFE ? Number(v) : v.toString();
}

function float(v: number): number | string {
  if (Number.isFinite(v)) return v;
  return Number.isNaN(v) ? 'NaN' : v > 0 ? 'Infinity' : '-Infinity';
}

function pad(n: number | bigint, width: number): string {
  return n.toString().padStart(width, '0');
}

/** Civil date of a day number since 1970-01-01 (proleptic Gregorian, any range Date handles). */
function civil(days: number): string {
  const d = new Date(days * 86_400_000);
  const y = d.getUTCFullYear();
  const year = y < 0 ? `-${pad(-y, 6)}` : y > 9999 ? `+${pad(y, 6)}` : pad(y, 4);
  return `${year}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}

function clock(secondsOfDay: bigint, frac: bigint, digits: number): string {
  const s = Number(secondsOfDay);
  const text = `${pad(Math.floor(s / 3600), 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}`;
  return digits ? `${text}.${pad(frac, digits)}` : text;
}

function timestamp(v: bigint, unit: TimeUnit, zoned: boolean): string {
  const per = PER_SECOND[unit];
  let secs = v / per;
  let frac = v % per;
  if (frac < 0n) { frac += per; secs -= 1n; }
  let days = secs / 86_400n;
  let sod = secs % 86_400n;
  if (sod < 0n) { sod += 86_400n; days -= 1n; }
  return `${civil(Number(days))}T${clock(sod, frac, DIGITS[unit])}${zoned ? 'Z' : ''}`;
}

function decimal(words: Uint32Array, scale: number): string {
  let v = 0n;
  for (let i = words.length - 1; i >= 0; i--) v = (v << 32n) | BigInt(words[i]);
  const bits = BigInt(words.length * 32);
  if (words[words.length - 1] & 0x80000000) v -= 1n << bits;
  const neg = v < 0n;
  const digits = (neg ? -v : v).toString();
  if (scale <= 0) return (neg ? '-' : '') + digits + '0'.repeat(-scale);
  const padded = digits.padStart(scale + 1, '0');
  return `${neg ? '-' : ''}${padded.slice(0, -scale)}.${padded.slice(-scale)}`;
}

/** [start, end) of a variable-length cell, checked: damaged offsets must not run past the data. */
function range(off: Int32Array | BigInt64Array, i: number, limit: number, what: string): [number, number] {
  const start = Number(off[i]);
  const end = Number(off[i + 1]);
  if (!(start >= 0 && start <= end && end <= limit)) throw new RangeError(`${what} offsets ${start}..${end} out of range (0..${limit}): damaged file?`);
  return [start, end];
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/** The JSON value of row `index` of a (chunked) vector. */
export function vectorCell(vector: Vector, index: number): JsonValue {
  let i = index;
  for (const d of vector.data) {
    if (i < d.length) return cell(d, i);
    i -= d.length;
  }
  throw new RangeError(`dictionary index ${index} out of range (${vector.length} values)`);
}

/** The JSON value of row `i` (relative to the Data's offset, as in apache-arrow's `get`). */
export function cell(data: Data, i: number): JsonValue {
  if (!data.getValid(i)) return null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const t = data.type as any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const values = data.values as any;
  switch (data.typeId) {
    case Type.Null: return null;
    case Type.Bool: {
      const bit = data.offset + i;
      return ((values[bit >> 3] >> (bit & 7)) & 1) === 1;
    }
    case Type.Int: return t.bitWidth === 64 ? big(values[i]) : values[i];
    case Type.Float: return float(t.precision === 0 ? half(values[i]) : values[i]);
    case Type.Utf8:
    case Type.LargeUtf8:
    case Type.Binary:
    case Type.LargeBinary: {
      const [start, end] = range(data.valueOffsets as Int32Array | BigInt64Array, i, (values as Uint8Array).length, 'value');
      const bytes = (values as Uint8Array).subarray(start, end);
      return data.typeId === Type.Utf8 || data.typeId === Type.LargeUtf8 ? utf8.decode(bytes) : base64(bytes);
    }
    case Type.FixedSizeBinary: return base64((values as Uint8Array).subarray(i * t.byteWidth, (i + 1) * t.byteWidth));
    case Type.Date: return t.unit === DateUnit.DAY ? civil(values[i]) : civil(Number(BigInt(values[i]) / 86_400_000n));
    case Type.Timestamp: return timestamp(BigInt(values[i]), t.unit, Boolean(t.timezone));
    case Type.Time: {
      const per = PER_SECOND[t.unit];
      const v = BigInt(values[i]);
      return clock(v / per, v % per, DIGITS[t.unit]);
    }
    case Type.Duration: return big(BigInt(values[i]));
    case Type.Decimal: {
      const stride = t.bitWidth / 32;
      return decimal((values as Uint32Array).subarray(i * stride, (i + 1) * stride), t.scale);
    }
    case Type.List:
    case Type.LargeList:
    case Type.Map: {
      const child = data.children[0];
      const [start, end] = range(data.valueOffsets as Int32Array | BigInt64Array, i, child.length, 'list');
      const out: JsonValue[] = [];
      for (let j = start; j < end; j++) {
        if (data.typeId === Type.Map) {
          const entry = child.children;
          out.push([cell(entry[0], j), cell(entry[1], j)]);
        } else out.push(cell(child, j));
      }
      return out;
    }
    case Type.FixedSizeList: {
      if ((i + 1) * t.listSize > data.children[0].length) throw new RangeError('fixed-size list runs past its values: damaged file?');
      const out: JsonValue[] = [];
      for (let j = i * t.listSize; j < (i + 1) * t.listSize; j++) out.push(cell(data.children[0], j));
      return out;
    }
    case Type.Struct: {
      const out: { [k: string]: JsonValue } = {};
      t.children.forEach((f: { name: string }, k: number) => { out[f.name] = cell(data.children[k], i); });
      return out;
    }
    case Type.Dictionary: {
      if (!data.dictionary) throw new UnprintableTypeError('dictionary column without a dictionary');
      return vectorCell(data.dictionary, Number(values[i]));
    }
    default:
      throw new UnprintableTypeError(`no JSON form for Arrow type ${arrowTypeName(data.type)}`);
  }
}

/** IEEE 754 half → number. */
function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const f = h & 0x3ff;
  if (e === 0) return s * 2 ** -14 * (f / 1024);
  if (e === 31) return f ? NaN : s * Infinity;
  return s * 2 ** (e - 15) * (1 + f / 1024);
}

/** The first `limit` rows of a table as objects of JSON-safe values. */
export function tableRows(table: Table, limit = table.numRows): { [k: string]: JsonValue }[] {
  const n = Math.min(limit, table.numRows);
  const names = table.schema.fields.map((f) => f.name);
  const rows: { [k: string]: JsonValue }[] = [];
  for (let r = 0; r < n; r++) rows.push({});
  names.forEach((name, c) => {
    const column = table.getChildAt(c)!;
    let r = 0;
    for (const d of column.data) {
      for (let i = 0; i < d.length && r < n; i++, r++) rows[r][name] = cell(d, i);
      if (r >= n) break;
    }
  });
  return rows;
}
