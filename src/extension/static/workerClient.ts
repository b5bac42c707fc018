import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { cachedWorker } from '../../core/static/codeCache';
import type { AnalyzeOptions } from '../../core/static/types';
import type { AnalyzeResponse, StaticWorkerRequest, StaticWorkerResponse, WorkerReady } from '../../core/static/workerProtocol';
import { isErrorResponse, isReady } from '../../core/static/workerProtocol';

/** A request that outlives this is treated as a hung worker: it is terminated and replaced. */
const HARD_TIMEOUT_MS = 15_000;

/**
 * The static analyzer's worker thread (dist/workers/static.worker.js), started on first use so the
 * parser never loads during activation and analysis never blocks the extension host's main thread.
 */
export class StaticWorkerClient {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: AnalyzeResponse) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();

  /** `codeCacheDir`: where the bundle's V8 code cache is kept (core/static/codeCache.ts). */
  constructor(private readonly workerFile = path.join(__dirname, 'workers', 'static.worker.js'), private readonly codeCacheDir?: string) {}

  analyze(file: string, text: string, options: AnalyzeOptions): Promise<AnalyzeResponse> {
    return this.send({ type: 'analyze', id: this.nextId++, path: file, text, options });
  }

  forget(file: string): void {
    if (this.worker) void this.send({ type: 'forget', id: this.nextId++, path: file }).catch(() => undefined);
  }

  private send(req: StaticWorkerRequest): Promise<AnalyzeResponse> {
    const worker = this.ensureWorker();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(req.id);
        reject(new Error(`static analysis of ${'path' in req ? req.path : 'a document'} did not finish within ${HARD_TIMEOUT_MS / 1000} s; the analyzer was restarted`));
        this.restart();
      }, HARD_TIMEOUT_MS);
      this.pending.set(req.id, { resolve, reject, timer });
      worker.postMessage(req);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const start = cachedWorker(this.workerFile, this.codeCacheDir);
    const worker = new Worker(start.file, start.workerData ? { workerData: start.workerData } : undefined);
    worker.on('message', (res: StaticWorkerResponse | WorkerReady) => {
      if (isReady(res)) return;
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      clearTimeout(p.timer);
      if (isErrorResponse(res)) p.reject(new Error(res.error));
      else p.resolve(res);
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', (code) => {
      if (this.worker === worker) this.worker = undefined;
      if (code !== 0) this.failAll(new Error(`static analysis worker exited with code ${code}`));
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  private failAll(err: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(err);
      this.pending.delete(id);
    }
  }

  private restart(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }

  dispose(): void {
    this.failAll(new Error('Skewer is shutting down'));
    this.restart();
  }
}
