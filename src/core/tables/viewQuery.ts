/**
 * Sort and filter for the data viewer: a query becomes an order of row ids (Int32Array) over the
 * table held in the worker; the rows themselves never move. Filters are typed by the column's
 * keys (numbers compare as numbers, text case-insensitively), nulls sort last either way, NaN just
 * before them.
 */
import type { ColumnKeys } from './columnKeys';
import type { ColumnFilter, FilterOp, ViewQuery } from './viewTypes';

export class FilterSyntaxError extends Error {}

const OPS: [string, FilterOp][] = [['>=', 'ge'], ['<=', 'le'], ['!=', 'ne'], ['==', 'eq'], ['=', 'eq'], ['>', 'gt'], ['<', 'lt']];

/**
 * The filter a user typed in a column's header: `null` / `!null`, a comparison (`> 5`, `<= 2020-01-01`,
 * `= red`, `!= 0`), or plain text (contains, case-insensitive; on a numeric column plain text is `=`).
 * Throws FilterSyntaxError with the reason for a comparison a numeric column cannot make.
 */
export function parseFilter(column: number, text: string, keys: Pick<ColumnKeys, 'kind'> & { temporal?: boolean }): ColumnFilter | undefined {
  const t = text.trim();
  if (!t) return undefined;
  if (/^(null|empty)$/i.test(t)) return { column, op: 'null' };
  if (/^!\s*(null|empty)$/i.test(t)) return { column, op: 'notnull' };
  let op: FilterOp = keys.kind === 'number' ? 'eq' : 'contains';
  let rest = t;
  for (const [sym, o] of OPS) {
    if (t.startsWith(sym)) {
      op = o;
      rest = t.slice(sym.length).trim();
      break;
    }
  }
  if (keys.kind === 'text') return { column, op, value: rest };
  const value = numericValue(rest, keys.temporal === true);
  if (value === undefined) throw new FilterSyntaxError(`"${rest}" is not a number${keys.temporal ? ' or a date' : ''}`);
  return { column, op, value };
}

function numericValue(text: string, temporal: boolean): number | undefined {
  if (/^(true|false)$/i.test(text)) return /^true$/i.test(text) ? 1 : 0;
  const n = Number(text);
  if (text !== '' && Number.isFinite(n)) return n;
  if (/^nan$/i.test(text)) return NaN;
  if (temporal) {
    // A date-time without a zone is read as UTC (as the viewer prints naive timestamps), not local time.
    const ms = Date.parse(/T/.test(text) && !/(Z|[+-]\d\d:?\d\d)$/i.test(text) ? `${text}Z` : text);
    if (!Number.isNaN(ms)) return ms;
  }
  return undefined;
}

/**
 * Temporal keys are in the column's own unit (days, ms, µs, ns since the epoch); a date typed in a
 * filter is in ms. `scale` converts ms into the column's unit.
 */
export function filterMatcher(f: ColumnFilter, keys: ColumnKeys, scale = 1): (row: number) => boolean {
  const { valid } = keys;
  if (f.op === 'null') return (r) => !valid[r];
  if (f.op === 'notnull') return (r) => valid[r] === 1;
  if (keys.kind === 'text') {
    const v = String(f.value ?? '');
    const lower = v.toLowerCase();
    const vals = keys.values;
    const cmp = (r: number) => compareText(vals[r]!, v);
    switch (f.op) {
      case 'contains': return (r) => valid[r] === 1 && vals[r]!.toLowerCase().includes(lower);
      case 'eq': return (r) => valid[r] === 1 && vals[r] === v;
      case 'ne': return (r) => valid[r] === 1 && vals[r] !== v;
      case 'lt': return (r) => valid[r] === 1 && cmp(r) < 0;
      case 'le': return (r) => valid[r] === 1 && cmp(r) <= 0;
      case 'gt': return (r) => valid[r] === 1 && cmp(r) > 0;
      case 'ge': return (r) => valid[r] === 1 && cmp(r) >= 0;
    }
  }
  const vals = keys.values as Float64Array;
  const raw = typeof f.value === 'number' ? f.value : Number(f.value);
  const v = raw * scale;
  if (Number.isNaN(v)) return f.op === 'ne' ? (r) => valid[r] === 1 && !Number.isNaN(vals[r]) : f.op === 'eq' ? (r) => valid[r] === 1 && Number.isNaN(vals[r]) : () => false;
  switch (f.op) {
    case 'contains':
    case 'eq': return (r) => valid[r] === 1 && vals[r] === v;
    case 'ne': return (r) => valid[r] === 1 && vals[r] !== v;
    case 'lt': return (r) => valid[r] === 1 && vals[r] < v;
    case 'le': return (r) => valid[r] === 1 && vals[r] <= v;
    case 'gt': return (r) => valid[r] === 1 && vals[r] > v;
    case 'ge': return (r) => valid[r] === 1 && vals[r] >= v;
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Row ids in query order, or undefined for the identity (no filter, no sort). `keysOf` supplies
 * (and may cache) a column's keys; `scaleOf` the ms → column unit factor for temporal filters.
 */
export function runQuery(rowCount: number, query: ViewQuery, keysOf: (column: number) => ColumnKeys, scaleOf: (column: number) => number = () => 1): Int32Array | undefined {
  if (!query.filters.length && !query.sort) return undefined;
  let order: Int32Array;
  if (query.filters.length) {
    const tests = query.filters.map((f) => filterMatcher(f, keysOf(f.column), scaleOf(f.column)));
    const kept = new Int32Array(rowCount);
    let n = 0;
    for (let r = 0; r < rowCount; r++) {
      let ok = true;
      for (const t of tests) if (!t(r)) { ok = false; break; }
      if (ok) kept[n++] = r;
    }
    order = kept.slice(0, n);
  } else {
    order = new Int32Array(rowCount);
    for (let r = 0; r < rowCount; r++) order[r] = r;
  }
  if (query.sort) sortRows(order, keysOf(query.sort.column), query.sort.descending);
  return order;
}

/** Stable sort of row ids by a column: nulls last, NaN before them, in both directions. */
export function sortRows(order: Int32Array, keys: ColumnKeys, descending: boolean): void {
  const { valid } = keys;
  const dir = descending ? -1 : 1;
  let cmp: (a: number, b: number) => number;
  if (keys.kind === 'number') {
    const v = keys.values;
    cmp = (a, b) => {
      const va = valid[a], vb = valid[b];
      if (!va || !vb) return va === vb ? a - b : va ? -1 : 1;
      const x = v[a], y = v[b];
      const xn = Number.isNaN(x), yn = Number.isNaN(y);
      if (xn || yn) return xn === yn ? a - b : xn ? 1 : -1;
      return x === y ? a - b : (x < y ? -1 : 1) * dir;
    };
  } else {
    const v = keys.values;
    cmp = (a, b) => {
      const va = valid[a], vb = valid[b];
      if (!va || !vb) return va === vb ? a - b : va ? -1 : 1;
      const c = compareText(v[a]!, v[b]!);
      return c === 0 ? a - b : c * dir;
    };
  }
  order.sort(cmp);
}
