/**
 * A trace source that reads and searches the run's source files in the tables worker (core/tables/viewClient.ts)
 * instead of on the calling thread: a key lookup in a 1M-row CSV parses the file there, so the extension host
 * stays responsive while it runs. Lineage arrays, snapshots and stored key columns are read as
 * RunFolderTraceSource reads them (small files). Each source file is opened once per session and closed by
 * dispose(); `onProgress` hears what is being read, for a progress notification.
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Step } from '../runlog/model';
import type { TableInfo, ViewWorker } from '../tables/viewClient';
import { RunFolderTraceSource, formatCell, sourceFileOf } from './source';

/** Rows of one key listed at most (a key matching more is ambiguous anyway; the count is what matters). */
const MAX_MATCHES = 10_000;

export class WorkerTraceSource extends RunFolderTraceSource {
  private readonly opened = new Map<string, Promise<TableInfo>>();
  /** One request at a time per held table: a search sets its row order, a row read resets it. */
  private readonly queue = new Map<number, Promise<unknown>>();
  /** Rows of plain CSV sources read in the worker without holding the file, by step and position. */
  private readonly plainRows = new Map<string, Promise<Record<string, string | null> | null>>();

  constructor(
    runDir: string,
    private readonly worker: ViewWorker,
    private readonly onProgress?: (message: string) => void,
  ) {
    super(runDir);
  }

  private open(step: Step): Promise<TableInfo> {
    const file = sourceFileOf(step);
    if (!file) return Promise.reject(new Error(`${step.function} read no local file`));
    let p = this.opened.get(file);
    if (!p) {
      p = (async () => {
        const size = await stat(file).then((s) => s.size, () => undefined);
        this.onProgress?.(`reading ${path.basename(file)}${size !== undefined ? ` (${mb(size)})` : ''}`);
        const dtypes = Object.fromEntries((step.outputs[0]?.schema ?? []).map((f) => [f.name, f.type]));
        const first = await this.worker.open(file, Object.keys(dtypes).length && /\.csv$/i.test(file) ? { pandasDtypes: dtypes } : {});
        // A big file opens with its first rows; the search needs all of them.
        const info = first.rowCount === null || first.loadedRows < first.rowCount ? await this.worker.load(first.handle) : first;
        if (info.streamed || info.limited) {
          void this.worker.close(info.handle);
          throw new Error(`${path.basename(file)} is too large to search whole here: ${info.limited ?? 'read one row group at a time'}`);
        }
        const recorded = step.outputs[0]?.rowCount;
        if (recorded !== undefined && info.rowCount !== recorded) {
          void this.worker.close(info.handle);
          throw new Error(`${file} has ${info.rowCount} rows now but ${recorded} when the run read it: it changed since`);
        }
        return info;
      })();
      this.opened.set(file, p);
    }
    return p;
  }

  private serial<T>(handle: number, job: () => Promise<T>): Promise<T> {
    const before = this.queue.get(handle) ?? Promise.resolve();
    const next = before.then(job, job);
    this.queue.set(handle, next.catch(() => undefined));
    return next;
  }

  async findInSource(step: Step, column: string, value: string): Promise<number[]> {
    // a plain CSV's bytes or a Parquet key column, searched in the worker without holding the file (sourceScan.ts)
    const output = step.outputs[0];
    const file = sourceFileOf(step);
    if (file && output) {
      this.onProgress?.(`looking up ${column} = ${value} in ${path.basename(file)}`);
      const scanned = await this.worker.scanKey(file, output, column, value, step.args);
      if (scanned) return scanned;
    }
    const info = await this.open(step);
    const c = info.columns.findIndex((f) => f.name === column);
    if (c < 0) return [];
    this.onProgress?.(`looking up ${column} = ${value} in ${path.basename(sourceFileOf(step)!)}`);
    return this.serial(info.handle, async () => {
      let total: number;
      try {
        total = await this.worker.queryText(info.handle, [{ column: c, text: `= ${value}` }]);
      } catch (e) {
        // "abc" on a numeric column: no row can hold it (as findInVector answers).
        if (/is not a number/.test((e as Error).message)) return [];
        throw e;
      }
      if (!total) return [];
      const w = await this.worker.window(info.handle, 0, Math.min(total, MAX_MATCHES));
      return [...w.rowIds].sort((a, b) => a - b);
    });
  }

  override async sourceRow(step: Step, position: number): Promise<Record<string, string | null> | undefined> {
    if (!sourceFileOf(step) || step.outputs[0]?.lineage?.kind !== 'identity') return undefined;
    const key = `${step.seq}:${position}`;
    let read = this.plainRows.get(key);
    if (!read) this.plainRows.set(key, (read = this.worker.sourceRow(sourceFileOf(step)!, step.outputs[0]!, position, step.args).catch(() => null)));
    const plain = await read;
    if (plain) return plain;
    const info = await this.open(step);
    if (position < 0 || position >= (info.rowCount ?? info.loadedRows)) return undefined;
    return this.serial(info.handle, async () => {
      await this.worker.queryText(info.handle, []);
      const w = await this.worker.window(info.handle, position, 1);
      const row = w.rows[0];
      if (!row) return undefined;
      return Object.fromEntries(info.columns.map((f, i) => [f.name, formatCell(row[i])]));
    });
  }

  /** Closes the source files held in the worker. */
  async dispose(): Promise<void> {
    const all = [...this.opened.values()];
    this.opened.clear();
    await Promise.all(all.map((p) => p.then((info) => this.worker.close(info.handle), () => undefined)));
  }
}

const mb = (bytes: number) => (bytes >= 1024 ** 2 ? `${(bytes / 1024 ** 2).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`);
