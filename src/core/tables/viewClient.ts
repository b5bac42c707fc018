/**
 * The caller's side of the data viewer's tables: one tables worker (its own, not the decode
 * worker, which recycles itself and would drop held tables) that keeps each opened table and
 * answers with windows of rows and statistics. Imports no Arrow: the extension host loads this
 * at activation cost only. The worker ends when the last table is closed (after a short idle time)
 * and is unref'd so a process can exit with tables open.
 */
import type { DatasetRef } from '../runlog/model';
import type { Worker } from 'node:worker_threads';
import { formatByExtension } from './detect';
import { parquetModule, startTablesWorker } from './workerEntry';
import type { ColumnStats, OpenViewOptions, RowWindow, TableInfo, ViewQuery, ViewRequest, ViewResults, ViewWorkerRequest, ViewWorkerResponse } from './viewTypes';

export class ViewError extends Error {}

const IDLE_MS = 10_000;

interface Pending { resolve(v: unknown): void; reject(e: Error): void }

export class ViewWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly handles = new Set<number>();
  private idle: NodeJS.Timeout | undefined;

  async open(file: string, options: OpenViewOptions = {}): Promise<TableInfo> {
    const info = await this.send<TableInfo>({ op: 'open', file, options });
    this.handles.add(info.handle);
    return info;
  }

  /** Finishes opening (the rest of a Parquet file after its first screen); the info may change (limited). */
  load(handle: number): Promise<TableInfo> {
    return this.send({ op: 'load', handle });
  }

  window(handle: number, start: number, count: number): Promise<RowWindow> {
    return this.send({ op: 'window', handle, start, count });
  }

  /** Applies a sort and filters; later windows follow its order. Resolves to the rows that match. */
  async query(handle: number, query: ViewQuery): Promise<number> {
    return (await this.send<{ total: number }>({ op: 'query', handle, query })).total;
  }

  /** Like query, with the filters as typed in the column headers. */
  async queryText(handle: number, filters: { column: number; text: string }[], sort?: ViewQuery['sort']): Promise<number> {
    return (await this.send<{ total: number }>({ op: 'queryText', handle, filters, ...(sort ? { sort } : {}) })).total;
  }

  stats(handle: number, column: number): Promise<ColumnStats> {
    return this.send({ op: 'stats', handle, column });
  }

  /** Key lookup in a source file the worker does not hold (a plain CSV's bytes, a Parquet key column); null: open it. */
  async scanKey(file: string, output: DatasetRef, column: string, value: string, args?: Record<string, unknown>): Promise<number[] | null> {
    const r = await this.send<number[] | null>({ op: 'scanKey', file, output, column, value, ...(args ? { args } : {}) });
    if (!this.handles.size) this.scheduleEnd();
    return r;
  }

  /** One row of a plain CSV source without holding the file; null: open it. */
  async sourceRow(file: string, output: DatasetRef, position: number, args?: Record<string, unknown>): Promise<Record<string, string | null> | null> {
    const r = await this.send<Record<string, string | null> | null>({ op: 'sourceRow', file, output, position, ...(args ? { args } : {}) });
    if (!this.handles.size) this.scheduleEnd();
    return r;
  }

  async close(handle: number): Promise<void> {
    if (!this.handles.delete(handle) || !this.worker) return;
    await this.send({ op: 'close', handle }).catch(() => undefined);
    if (!this.handles.size) this.scheduleEnd();
  }

  /** Ends the worker; pending requests fail and open tables are gone. */
  async terminate(): Promise<void> {
    clearTimeout(this.idle);
    const w = this.worker;
    this.worker = undefined;
    this.handles.clear();
    this.failAll('the table worker was stopped');
    await w?.terminate();
  }

  private send<T>(req: ViewRequest): Promise<T> {
    clearTimeout(this.idle);
    const w = this.ensure();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      w.ref();
      const message = { id, kind: 'view', req } satisfies ViewWorkerRequest;
      // A Parquet open waits for the compiled parquet-wasm module startTablesWorker posts, as the
      // decode worker's requests do (else the worker would compile its own copy first).
      if (req.op === 'open' && (req.options.format ?? formatByExtension(req.file)) === 'parquet') {
        void parquetModule().then(() => { if (this.pending.has(id)) w.postMessage(message); });
      } else w.postMessage(message);
    });
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = startTablesWorker();
    w.unref();
    w.on('message', (res: ViewWorkerResponse) => {
      const p = this.pending.get(res.id);
      this.pending.delete(res.id);
      if (!this.pending.size) w.unref();
      if (!p) return;
      if (res.ok) p.resolve(res.result);
      else p.reject(new ViewError(res.reason));
    });
    const gone = (why: string) => {
      if (this.worker !== w) return;
      this.worker = undefined;
      this.handles.clear();
      this.failAll(why);
    };
    w.on('error', (e) => gone(`the table worker failed: ${e.message.split('\n')[0]}`));
    w.on('exit', (code) => gone(`the table worker exited (code ${code})`));
    this.worker = w;
    return w;
  }

  private scheduleEnd(): void {
    clearTimeout(this.idle);
    this.idle = setTimeout(() => { if (!this.handles.size && !this.pending.size) void this.terminate(); }, IDLE_MS);
    this.idle.unref();
  }

  private failAll(why: string): void {
    for (const p of this.pending.values()) p.reject(new ViewError(why));
    this.pending.clear();
  }
}

export type { ColumnStats, OpenViewOptions, RowWindow, TableInfo, ViewQuery, ViewResults };
