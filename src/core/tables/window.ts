/**
 * A table held for the data viewer: windows of rows in the current query's order, read cell by
 * cell from the Arrow buffers (only the rows asked for are converted), the query as an order of
 * row ids, and per-column keys cached for sort, filter and statistics.
 */
import { TimeUnit, Type, DateUnit, type Table } from 'apache-arrow';
import { columnKeys, type ColumnKeys } from './columnKeys';
import { columnStats } from './columnStats';
import { cell, type JsonValue } from './jsonValues';
import { FilterSyntaxError, parseFilter, runQuery } from './viewQuery';
import type { ColumnFilter, ColumnStats, RowWindow, ViewQuery } from './viewTypes';

/** Most rows one window may carry (a screen is ~50). */
export const MAX_WINDOW = 2000;

export class TableView {
  private order: Int32Array | undefined;
  private readonly keys = new Map<number, ColumnKeys>();
  /** Row id where each batch starts, plus the total at the end. */
  private readonly starts: number[] = [0];

  constructor(
    readonly table: Table,
    /** Output row position of each row (a sampled step snapshot). */
    readonly positions?: Int32Array,
    /** Rows the whole table has when `table` holds only its first rows (a first screen while the rest decodes). */
    private readonly fullRows?: number,
  ) {
    for (const b of table.batches) this.starts.push(this.starts[this.starts.length - 1] + b.numRows);
  }

  get total(): number {
    return this.order ? this.order.length : (this.fullRows ?? this.table.numRows);
  }

  /** Whether rows [start, start + count) in the current order are held. */
  holds(start: number, count: number): boolean {
    return this.fullRows === undefined || (!this.order && start + Math.min(count, MAX_WINDOW) <= this.table.numRows);
  }

  window(start: number, count: number): RowWindow {
    if (!Number.isInteger(start) || start < 0 || !Number.isInteger(count) || count < 0) throw new RangeError(`bad window ${start} + ${count}`);
    const end = Math.min(this.total, start + Math.min(count, MAX_WINDOW));
    const width = this.table.numCols;
    const rows: JsonValue[][] = [];
    const rowIds: number[] = [];
    for (let i = start; i < end; i++) {
      const id = this.order ? this.order[i] : i;
      const b = this.batchOf(id);
      const data = this.table.batches[b].data;
      const at = id - this.starts[b];
      const row: JsonValue[] = new Array(width);
      for (let c = 0; c < width; c++) row[c] = cell(data.children[c], at);
      rows.push(row);
      rowIds.push(id);
    }
    const w: RowWindow = { start, rows, rowIds, total: this.total };
    if (this.positions) w.positions = rowIds.map((id) => this.positions![id]);
    return w;
  }

  query(q: ViewQuery): number {
    for (const f of q.filters) this.checkColumn(f.column);
    if (q.sort) this.checkColumn(q.sort.column);
    this.order = runQuery(this.table.numRows, q, (c) => this.keysOf(c), (c) => msScale(this.table, c));
    return this.total;
  }

  /**
   * The query from the column headers' filter texts (parseFilter); a text a column's type cannot
   * take throws FilterSyntaxError naming the column.
   */
  queryText(filters: { column: number; text: string }[], sort?: ViewQuery['sort']): number {
    const parsed: ColumnFilter[] = [];
    for (const { column, text } of filters) {
      this.checkColumn(column);
      try {
        const f = parseFilter(column, text, this.keysOf(column));
        if (f) parsed.push(f);
      } catch (e) {
        if (e instanceof FilterSyntaxError) throw new FilterSyntaxError(`filter on ${this.table.schema.fields[column].name}: ${e.message}`);
        throw e;
      }
    }
    return this.query({ filters: parsed, ...(sort ? { sort } : {}) });
  }

  /** Statistics over every held row, whatever the query. */
  stats(column: number): ColumnStats {
    this.checkColumn(column);
    return columnStats(this.table, column, this.keysOf(column));
  }

  keysOf(column: number): ColumnKeys {
    let k = this.keys.get(column);
    if (!k) {
      k = columnKeys(this.table, column);
      this.keys.set(column, k);
    }
    return k;
  }

  private checkColumn(c: number): void {
    if (!Number.isInteger(c) || c < 0 || c >= this.table.numCols) throw new RangeError(`no column ${c} (the table has ${this.table.numCols})`);
  }

  private batchOf(row: number): number {
    let lo = 0, hi = this.starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= row) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** Factor from milliseconds to a temporal column's key unit (filters type dates in ms). */
export function msScale(table: Table, column: number): number {
  const t = table.schema.fields[column].type as { typeId: Type; unit?: number };
  if (t.typeId === Type.Date) return t.unit === DateUnit.DAY ? 1 / 86_400_000 : 1;
  if (t.typeId === Type.Timestamp) return t.unit === TimeUnit.SECOND ? 1e-3 : t.unit === TimeUnit.MILLISECOND ? 1 : t.unit === TimeUnit.MICROSECOND ? 1e3 : 1e6;
  return 1;
}
