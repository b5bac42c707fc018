/**
 * Column statistics for the data viewer's headers, computed in the worker over the keys of one
 * column: null and NaN counts, the exact number of distinct non-null values (a Set over the keys;
 * transient memory of about 40 bytes per distinct value), an equal-width histogram for
 * numeric-like columns (numbers, dates, timestamps; bins over the finite values) and the most frequent values for the rest.
 */
import type { Table } from 'apache-arrow';
import { cell } from './jsonValues';
import type { ColumnKeys } from './columnKeys';
import type { ColumnStats } from './viewTypes';

export const HISTOGRAM_BINS = 20;
export const TOP_VALUES = 5;

export function columnStats(table: Table, column: number, keys: ColumnKeys): ColumnStats {
  const n = keys.valid.length;
  const { valid } = keys;
  let nullCount = 0;
  let nanCount = 0;
  if (keys.kind === 'number') {
    const v = keys.values;
    const seen = new Set<number>();
    let min = Infinity, max = -Infinity, argMin = -1, argMax = -1;
    for (let r = 0; r < n; r++) {
      if (!valid[r]) { nullCount++; continue; }
      const x = v[r];
      if (Number.isNaN(x)) { nanCount++; continue; }
      seen.add(x);
      // Bins span the finite values; ±Infinity count in the outer bins.
      if (!Number.isFinite(x)) continue;
      if (x < min) { min = x; argMin = r; }
      if (x > max) { max = x; argMax = r; }
    }
    const stats: ColumnStats = { column, rows: n, nullCount, nanCount, distinct: seen.size + (nanCount ? 1 : 0) };
    if (argMin >= 0) {
      const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
      const width = (max - min) / HISTOGRAM_BINS;
      for (let r = 0; r < n; r++) {
        const x = v[r];
        if (!valid[r] || Number.isNaN(x)) continue;
        // ±Infinity land in the outer bins.
        const b = x === Infinity ? HISTOGRAM_BINS - 1 : x === -Infinity ? 0 : width > 0 && Number.isFinite(width) ? Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor((x - min) / width))) : 0;
        counts[b]++;
      }
      stats.histogram = { min: label(table, column, argMin), max: label(table, column, argMax), counts };
    }
    return stats;
  }
  const counts = new Map<string, number>();
  const v = keys.values;
  for (let r = 0; r < n; r++) {
    if (!valid[r]) { nullCount++; continue; }
    const s = v[r]!;
    counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const top = [...topOf(counts, TOP_VALUES)].map(([value, count]) => ({ value, count }));
  return { column, rows: n, nullCount, nanCount, distinct: counts.size, top };
}

/** The k largest entries by count (ties: first seen), without sorting the whole map. */
function topOf(counts: Map<string, number>, k: number): [string, number][] {
  const best: [string, number][] = [];
  for (const e of counts) {
    if (best.length === k && e[1] <= best[k - 1][1]) continue;
    let i = best.length;
    while (i > 0 && best[i - 1][1] < e[1]) i--;
    best.splice(i, 0, e);
    if (best.length > k) best.pop();
  }
  return best;
}

/** A value as its cell prints (dates and timestamps in ISO form, exact numbers). */
function label(table: Table, column: number, row: number): string {
  let r = row;
  for (const b of table.batches) {
    if (r < b.numRows) {
      const v = cell(b.data.children[column], r);
      return typeof v === 'string' ? v : JSON.stringify(v);
    }
    r -= b.numRows;
  }
  return '';
}
