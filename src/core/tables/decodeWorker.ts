/**
 * The caller's side of the decode worker: started on first use, one request at a time, its
 * thread unref'd so a CLI can exit. Wasm memory only grows, so the worker is terminated (and
 * started again on the next request) once its wasm heap passes RECYCLE_BYTES, after IDLE_MS
 * without requests, when it fails, and on `terminate()`.
 */
import type { Worker } from 'node:worker_threads';
import type { Table } from 'apache-arrow';
import { tableFromWire } from './transfer';
import { parquetModule, startTablesWorker } from './workerEntry';
import type { DecodeRequest, DecodeResponse } from './workerProtocol';

export const RECYCLE_BYTES = 1024 ** 3;
/** An idle worker is ended after this long, giving its wasm heap (~2.5× the last Parquet file) back. */
export const IDLE_MS = 30_000;

export class WorkerFailure extends Error {}
export class WorkerRefusal extends Error {}

interface Pending {
  worker: Worker;
  resolve(v: { table: Table; rowCount: number }): void;
  reject(e: Error): void;
}

export class DecodeWorker {
  private worker: Worker | undefined;
  private nextId = 1;
  /** The running worker, if any (for tests and diagnostics). */
  get running(): boolean {
    return this.worker !== undefined;
  }

  private readonly pending = new Map<number, Pending>();
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly idleMs = IDLE_MS) {}

  /**
   * Decodes in the worker. `req.bytes` is transferred when it spans its whole ArrayBuffer (the
   * caller's copy is detached then); a view into a larger buffer is copied; bytes in a
   * SharedArrayBuffer are shared (several workers decoding parts of one file).
   */
  decode(req: Omit<DecodeRequest, 'id'>): Promise<{ table: Table; rowCount: number }> {
    clearTimeout(this.idle);
    const worker = this.ensure();
    const id = this.nextId++;
    const bytes = req.bytes;
    const shared = typeof SharedArrayBuffer !== 'undefined' && bytes.buffer instanceof SharedArrayBuffer;
    const own = shared || (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength) ? bytes : new Uint8Array(bytes);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.ref();
      // After the compiled parquet-wasm module (startTablesWorker posts it when it settles); not
      // posted when the request failed meanwhile (worker terminated or crashed).
      void parquetModule().then(() => {
        if (this.pending.has(id)) worker.postMessage({ ...req, bytes: own, id } satisfies DecodeRequest, shared ? [] : [own.buffer as ArrayBuffer]);
      });
    });
  }

  /**
   * Starts the worker ahead of a request (its bundle load and wasm compile then overlap the
   * caller's file read); it ends after the idle time if no request comes.
   */
  prestart(): void {
    if (this.worker) return;
    const w = this.ensure();
    clearTimeout(this.idle);
    this.idle = setTimeout(() => { if (this.worker === w && this.pendingOn(w) === 0) void this.terminate(); }, this.idleMs);
    this.idle.unref();
  }

  /** Ends the worker; pending requests fail. */
  async terminate(): Promise<void> {
    clearTimeout(this.idle);
    const workers = new Set([...this.pending.values()].map((p) => p.worker));
    if (this.worker) workers.add(this.worker);
    this.worker = undefined;
    this.failAll(new WorkerFailure('decode worker terminated'));
    await Promise.all([...workers].map((w) => w.terminate()));
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = startTablesWorker();
    w.unref();
    w.on('message', (res: DecodeResponse) => this.settle(w, res));
    w.on('error', (e) => this.crashed(w, `decode worker failed: ${e.message.split('\n')[0]}`));
    w.on('exit', (code) => this.crashed(w, `decode worker exited (code ${code})`));
    this.worker = w;
    return w;
  }

  private pendingOn(w: Worker): number {
    let n = 0;
    for (const p of this.pending.values()) if (p.worker === w) n++;
    return n;
  }

  private settle(w: Worker, res: DecodeResponse): void {
    const p = this.pending.get(res.id);
    this.pending.delete(res.id);
    const left = this.pendingOn(w);
    if (left === 0) w.unref();
    // A failure that is not a clean refusal may leave the wasm instance broken (a Rust panic), and
    // a big heap never shrinks: retire the worker (new requests get a new one), end it once idle.
    if (this.worker === w && ((!res.ok && !res.refused) || res.wasmBytes > RECYCLE_BYTES)) this.worker = undefined;
    if (this.worker !== w) {
      if (left === 0) void w.terminate();
    } else if (left === 0) {
      clearTimeout(this.idle);
      this.idle = setTimeout(() => { if (this.worker === w && this.pendingOn(w) === 0) void this.terminate(); }, this.idleMs);
      this.idle.unref();
    }
    if (!p) return;
    if (res.ok) {
      try {
        p.resolve({ table: tableFromWire(res.wire), rowCount: res.rowCount });
      } catch (e) {
        p.reject(new WorkerFailure(`cannot rebuild the decoded table: ${(e as Error).message}`));
      }
    } else p.reject(res.refused ? new WorkerRefusal(res.reason) : new WorkerFailure(res.reason));
  }

  private crashed(w: Worker, reason: string): void {
    if (this.worker === w) this.worker = undefined;
    this.failAll(new WorkerFailure(reason), w);
  }

  /** Rejects the requests pending on `w` (on every worker without it). */
  private failAll(e: Error, w?: Worker): void {
    for (const [id, p] of this.pending) {
      if (w && p.worker !== w) continue;
      p.reject(e);
      this.pending.delete(id);
    }
  }
}

let shared: DecodeWorker | undefined;
const helpers: DecodeWorker[] = [];

/** The process-wide decode worker. */
export function decodeWorker(): DecodeWorker {
  return (shared ??= new DecodeWorker());
}

/**
 * `n` process-wide decode workers for one big Parquet file split by rows: the shared one first,
 * then helpers, started on first use and ended when idle like it.
 */
export function decodeWorkers(n: number): DecodeWorker[] {
  while (helpers.length < n - 1) helpers.push(new DecodeWorker());
  return [decodeWorker(), ...helpers.slice(0, n - 1)];
}

/** Ends every decode worker of the process (pending requests fail). */
export async function terminateDecodeWorkers(): Promise<void> {
  await Promise.all([shared, ...helpers].map((w) => w?.terminate()));
}
