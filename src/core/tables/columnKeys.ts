/**
 * One column of an Arrow table as flat keys that sort, filter and statistics can loop over
 * without row proxies: numbers (Float64Array) for numeric-like types (integers, floats, booleans,
 * decimals, dates, timestamps, times, durations), text for everything else (strings as they are,
 * other values as their JSON form). Nulls are marked in `valid`. 64-bit integers beyond 2^53 and
 * wide decimals lose precision as keys only; the cells shown are read exactly (jsonValues.ts).
 */
import { DateUnit, Type, type Data, type Table } from 'apache-arrow';
import { cell } from './jsonValues';

export type ColumnKeys =
  | { kind: 'number'; values: Float64Array; valid: Uint8Array; temporal: boolean }
  | { kind: 'text'; values: (string | null)[]; valid: Uint8Array };

const NUMERIC = new Set<Type>([Type.Int, Type.Float, Type.Bool, Type.Decimal, Type.Date, Type.Timestamp, Type.Time, Type.Duration]);
const TEMPORAL = new Set<Type>([Type.Date, Type.Timestamp, Type.Time]);

export function isNumericType(typeId: Type): boolean {
  return NUMERIC.has(typeId);
}

export function columnKeys(table: Table, column: number): ColumnKeys {
  const n = table.numRows;
  const valid = new Uint8Array(n);
  const field = table.schema.fields[column];
  const chunks = table.batches.map((b) => b.data.children[column]);
  if (NUMERIC.has(field.typeId)) {
    const values = new Float64Array(n);
    let r = 0;
    for (const d of chunks) {
      numberKeys(d, values, valid, r);
      r += d.length;
    }
    return { kind: 'number', values, valid, temporal: TEMPORAL.has(field.typeId) };
  }
  const values: (string | null)[] = new Array(n).fill(null);
  let r = 0;
  for (const d of chunks) {
    for (let i = 0; i < d.length; i++, r++) {
      const v = cell(d, i);
      if (v === null) continue;
      valid[r] = 1;
      values[r] = typeof v === 'string' ? v : JSON.stringify(v);
    }
  }
  return { kind: 'text', values, valid };
}

/** Fills keys of one chunk at `at`: typed-array reads for the common types, the JSON cell otherwise. */
function numberKeys(d: Data, out: Float64Array, valid: Uint8Array, at: number): void {
  const direct = d.typeId === Type.Int || d.typeId === Type.Float || d.typeId === Type.Timestamp || d.typeId === Type.Duration
    || (d.typeId === Type.Date && (d.values as ArrayLike<unknown>).length === d.length + d.offset)
    || (d.typeId === Type.Time && (d.values as ArrayLike<unknown>).length === d.length + d.offset);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const values = d.values as any;
  const dayUnit = (d.type as unknown as { unit?: number }).unit === DateUnit.DAY;
  const half = d.typeId === Type.Float && (d.type as unknown as { precision: number }).precision === 0;
  for (let i = 0; i < d.length; i++) {
    if (!d.getValid(i)) continue;
    valid[at + i] = 1;
    if (direct && !half) {
      const v = values[i];
      out[at + i] = typeof v === 'bigint' ? Number(v) : v;
    } else if (d.typeId === Type.Bool) {
      out[at + i] = cell(d, i) ? 1 : 0;
    } else {
      const v = cell(d, i);
      out[at + i] = typeof v === 'number' ? v : d.typeId === Type.Date ? Date.parse(`${v as string}T00:00:00Z`) / (dayUnit ? 86_400_000 : 1) : Number(v);
    }
  }
}
