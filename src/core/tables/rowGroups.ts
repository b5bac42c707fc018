/**
 * A table file read one part at a time — Parquet row groups (parquetStream.ts), Arrow record batches
 * (ipcStream.ts), CSV chunks (csvStream.ts): which part holds a row, and the last few decoded parts kept so
 * scrolling back and forth does not decode them again. Subclasses say how one part is decoded.
 */
import type { Table } from 'apache-arrow';

export abstract class RowGroups {
  /** Row where each part starts, plus the row count at the end. */
  readonly starts: number[] = [0];
  private readonly cache = new Map<number, Table>();

  protected constructor(partRows: readonly number[], private readonly keep: number) {
    for (const n of partRows) this.starts.push(this.starts[this.starts.length - 1]! + n);
  }

  get rowCount(): number {
    return this.starts[this.starts.length - 1]!;
  }

  get groups(): number {
    return this.starts.length - 1;
  }

  /** Part holding `row`. */
  groupOf(row: number): number {
    let lo = 0, hi = this.groups - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Part `g` decoded: from the cache (most recently used last), else decoded and cached. */
  async group(g: number): Promise<Table> {
    const hit = this.cache.get(g);
    if (hit) {
      this.cache.delete(g);
      this.cache.set(g, hit);
      return hit;
    }
    const table = await this.decodeGroup(g);
    this.cache.set(g, table);
    while (this.cache.size > this.keep) this.cache.delete(this.cache.keys().next().value!);
    return table;
  }

  protected abstract decodeGroup(g: number): Promise<Table>;
}
