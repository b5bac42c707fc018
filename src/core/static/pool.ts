/**
 * A small pool of static-analysis worker threads for cold checks of many files (CLI `check` over a
 * folder, Check Workspace). Parsing dominates cold analysis and is single-threaded per file, so
 * files are spread over one worker per core. Results come back per file in input order whatever
 * order workers finish in. A file that fails (worker error, crash, hang) becomes a note naming it and
 * the batch goes on. Workers start on demand and are terminated after `idleMs` without work.
 *
 * Live re-analysis of an edited document does not come here: it stays on its own worker with the
 * parse cache (extension/static/workerClient.ts), so a keystroke never waits behind a batch.
 */
import * as os from 'node:os';
import { Worker, type WorkerOptions } from 'node:worker_threads';
import type { CheckSource } from './checkSource';
import { cachedWorker } from './codeCache';
import type { CellLineMap } from './notebookLines';
import type { AnalysisResult, AnalyzeOptions } from './types';
import { isErrorResponse, isReady, isWarmed, type CheckRequest, type StaticWorkerResponse, type WarmRequest, type WorkerNotice } from './workerProtocol';

/** One worker per available core, at most `max`, at least 1. */
export function defaultPoolSize(max = 4): number {
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(max, cores));
}

export interface PoolOptions {
  /** The static worker bundle (dist/workers/static.worker.js). */
  workerFile: string;
  /** Number of workers; default defaultPoolSize(). */
  size?: number;
  /** Workers are terminated after this long without work (ms); default 10 s. */
  idleMs?: number;
  /** A file still running after this long is abandoned with a note and its worker replaced; default 15 s. */
  hardTimeoutMs?: number;
  /**
   * JIT warm-up of workers started by warm(): each analyses a built-in sample for about this long
   * (CPU ms) unless real work arrives first, so a check that follows runs at warm speed;
   * default 500, 0 for none. Workers started by check() itself are not warmed (the files warm them).
   */
  warmUpMs?: number;
  /** Passed to each Worker (e.g. execArgv for a TypeScript worker in tests). */
  workerOptions?: WorkerOptions;
  /** Folder for the worker bundle's V8 code cache (codeCache.ts); none: workers compile it each time. */
  codeCacheDir?: string;
}

export interface PoolJob {
  /** The name findings and notes use. */
  path: string;
  /** The file's text source, or a function that fetches it when a worker is about to be free. */
  source: CheckSource | (() => CheckSource | Promise<CheckSource>);
  /**
   * The file's size in bytes, when known (a hint). Files with a size are handed out largest first,
   * before files without one, so a big file does not start last and leave one worker running alone
   * at the end; outcomes stay in job order.
   */
  size?: number;
}

export interface FileOutcome {
  path: string;
  result: AnalysisResult;
  lineMap?: CellLineMap;
  /** Time in the worker; 0 for files that never reached one. */
  elapsedMs: number;
}

export interface CheckRunOptions {
  options?: AnalyzeOptions;
  /** Ask for notebooks' cell → file-line maps (SARIF). */
  lineMaps?: boolean;
  /** Stops handing out files; the run resolves at once with `cancelled` and what finished. */
  signal?: AbortSignal;
  /** Called as each file finishes (in completion order), e.g. for progress. */
  onResult?: (index: number, outcome: FileOutcome) => void;
}

export interface CheckRunResult {
  /** One per job, in job order; undefined only for files not reached before cancellation. */
  outcomes: (FileOutcome | undefined)[];
  cancelled: boolean;
}

/** Files posted to a worker ahead of the one it is running, so it never waits for the next message. */
const PER_WORKER = 2;
/** Workers dying before they post 'ready' this many times in a row means they cannot start. */
const MAX_START_FAILURES = 2;

interface Run {
  jobs: readonly PoolJob[];
  opts: CheckRunOptions;
  /** Job indices in the order they are handed out (largest known size first). */
  order: readonly number[];
  next: number;
  /** Files to send again because the worker they were queued on died under another file. */
  retry: { index: number; source: CheckSource }[];
  done: number;
  outcomes: (FileOutcome | undefined)[];
  finished: boolean;
  resolve: (r: CheckRunResult) => void;
  reject: (e: Error) => void;
  detach?: () => void;
}

interface Pending { run: Run; index: number; id: number; source: CheckSource; started?: number }

interface Slot {
  worker: Worker;
  /** Posted and unanswered, in posting order (a worker answers in order). */
  pending: Pending[];
  /** The worker's code loaded (it posted 'ready'). */
  ready: boolean;
  stopping: boolean;
  timer?: NodeJS.Timeout;
  /** Resolves when the worker's JIT warm-up ended (or the worker did). */
  warming?: Promise<void>;
  endWarm?: () => void;
  /** Sample runs of its warm-up, once it ended. */
  warmRuns?: number;
}

/** Job indices, largest known size first (stable); jobs without a size keep their order, after those with one. */
export function handOutOrder(jobs: readonly PoolJob[]): number[] {
  const order = jobs.map((_, i) => i);
  if (!jobs.some((j) => j.size !== undefined)) return order;
  const size = (i: number): number => jobs[i].size ?? -1;
  return order.sort((a, b) => size(b) - size(a) || a - b);
}

const failed = (path: string, message: string): AnalysisResult =>
  ({ findings: [], notes: [{ path, kind: 'partial', message: `${path}: ${message}; no findings reported` }] });

export class AnalysisPool {
  readonly size: number;
  private readonly slots: Slot[] = [];
  private readonly runs: Run[] = [];
  private loading = 0;
  private nextId = 1;
  private startFailures = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private readonly start: { file: string; options: WorkerOptions | undefined };

  constructor(private readonly opts: PoolOptions) {
    this.size = Math.max(1, Math.floor(opts.size ?? defaultPoolSize()));
    const w = cachedWorker(opts.workerFile, opts.codeCacheDir);
    this.start = { file: w.file, options: w.workerData ? { ...opts.workerOptions, workerData: w.workerData } : opts.workerOptions };
  }

  /** Number of live workers (for tests and status). */
  get workers(): number { return this.slots.length; }

  /** Analyses every job; resolves with one outcome per job in job order. */
  check(jobs: readonly PoolJob[], opts: CheckRunOptions = {}): Promise<CheckRunResult> {
    if (this.disposed) return Promise.reject(new Error('the analysis pool was disposed'));
    return new Promise<CheckRunResult>((resolve, reject) => {
      const run: Run = { jobs, opts, order: handOutOrder(jobs), next: 0, retry: [], done: 0, outcomes: new Array<FileOutcome | undefined>(jobs.length).fill(undefined), finished: false, resolve, reject };
      if (!jobs.length) { resolve({ outcomes: [], cancelled: false }); return; }
      if (opts.signal?.aborted) { resolve({ outcomes: run.outcomes, cancelled: true }); return; }
      const onAbort = (): void => this.end(run, { outcomes: run.outcomes, cancelled: true });
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      run.detach = () => opts.signal?.removeEventListener('abort', onAbort);
      this.runs.push(run);
      this.pump();
    });
  }

  /**
   * Starts up to `count` workers now (a worker takes ~50-100 ms to load the analyzer) and warms
   * their JIT on a built-in sample (warmUpMs), e.g. while the caller is still listing files; they
   * stop again after idleMs if no work comes. Resolves when the warm-ups have ended (a check may
   * start before: it interrupts them).
   */
  warm(count = this.size): Promise<void> {
    if (this.disposed) return Promise.resolve();
    const ms = this.opts.warmUpMs ?? 500;
    try {
      while (this.slots.length < Math.min(count, this.size)) {
        const slot = this.spawn();
        if (ms <= 0) continue;
        slot.warming = new Promise<void>((resolve) => { slot.endWarm = () => { slot.endWarm = undefined; resolve(); if (!this.disposed) this.updateIdle(); }; });
        slot.worker.postMessage({ type: 'warm', id: 0, ms } satisfies WarmRequest);
      }
    } catch {
      // the next check() reports why workers cannot start
    }
    this.updateIdle();
    return Promise.all(this.slots.map((s) => s.warming)).then(() => undefined);
  }

  /** Sample runs of each live worker's finished JIT warm-up (undefined: not warmed, or still warming); for tests and benchmarks. */
  get warmRuns(): (number | undefined)[] { return this.slots.map((s) => s.warmRuns); }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.idleTimer);
    for (const run of this.runs.slice()) this.end(run, new Error('the analysis pool was disposed'));
    for (const slot of this.slots.slice()) this.stop(slot);
  }

  private end(run: Run, outcome: CheckRunResult | Error): void {
    if (run.finished) return;
    run.finished = true;
    run.detach?.();
    this.runs.splice(this.runs.indexOf(run), 1);
    if (outcome instanceof Error) run.reject(outcome); else run.resolve(outcome);
    this.pump();
  }

  private finish(run: Run, index: number, outcome: FileOutcome): void {
    if (run.finished || run.outcomes[index]) return;
    run.outcomes[index] = outcome;
    run.done++;
    try {
      run.opts.onResult?.(index, outcome);
    } catch {
      // a progress callback's failure is not the file's
    }
    if (run.done === run.jobs.length) this.end(run, { outcomes: run.outcomes, cancelled: false });
  }

  /** Hands out files while there is capacity: PER_WORKER in flight per worker, counting files being loaded. */
  private pump(): void {
    if (this.disposed) return;
    for (;;) {
      const inFlight = this.loading + this.slots.reduce((n, s) => n + s.pending.length, 0);
      if (inFlight >= this.size * PER_WORKER) break;
      const run = this.runs.find((r) => r.retry.length || r.next < r.jobs.length);
      if (!run) break;
      const again = run.retry.shift();
      if (again) { this.post(run, again.index, again.source); continue; }
      const index = run.order[run.next++];
      const { source } = run.jobs[index];
      if (typeof source !== 'function') { this.post(run, index, source); continue; }
      this.loading++;
      void Promise.resolve().then(source).then(
        (loaded) => {
          this.loading--;
          if (!run.finished) this.post(run, index, loaded);
          this.pump();
        },
        (err: unknown) => {
          this.loading--;
          const path = run.jobs[index].path;
          this.finish(run, index, { path, result: { findings: [], notes: [{ path, kind: 'skipped', message: `${path}: cannot read (${err instanceof Error ? err.message : String(err)})` }] }, elapsedMs: 0 });
          this.pump();
        });
    }
    this.updateIdle();
  }

  private post(run: Run, index: number, source: CheckSource): void {
    const path = run.jobs[index].path;
    if ('note' in source) { this.finish(run, index, { path, result: { findings: [], notes: [source.note] }, elapsedMs: 0 }); return; }
    let slot: Slot;
    try {
      slot = this.slotFor();
    } catch (e) {
      // new Worker() itself refused (bad options, no threads left): no file can be analysed.
      for (const r of this.runs.slice()) this.end(r, new Error(`static analysis workers could not start (${(e as Error).message})`));
      return;
    }
    const p: Pending = { run, index, id: this.nextId++, source };
    const req: CheckRequest = { type: 'check', id: p.id, path, source, options: run.opts.options ?? {}, ...(run.opts.lineMaps ? { lineMap: true } : {}) };
    slot.pending.push(p);
    if (slot.pending.length === 1) this.startClock(slot);
    slot.worker.ref();
    slot.worker.postMessage(req);
  }

  /** The least busy worker, starting a new one while the pool is below its size. */
  private slotFor(): Slot {
    const idle = this.slots.find((s) => !s.pending.length);
    if (idle) return idle;
    if (this.slots.length < this.size) return this.spawn();
    return this.slots.reduce((a, b) => (b.pending.length < a.pending.length ? b : a));
  }

  private spawn(): Slot {
    const worker = new Worker(this.start.file, this.start.options);
    const slot: Slot = { worker, pending: [], ready: false, stopping: false };
    worker.on('message', (res: StaticWorkerResponse | WorkerNotice) => {
      if (isReady(res)) { slot.ready = true; this.startFailures = 0; } else if (isWarmed(res)) { slot.warmRuns = res.runs; slot.endWarm?.(); } else this.answer(slot, res);
    });
    let error: Error | undefined;
    worker.on('error', (err) => { error = err; });
    worker.on('exit', (code) => this.exited(slot, error ? error.message : `exit code ${code}`));
    this.slots.push(slot);
    return slot;
  }

  /** The hard timeout runs for the file the worker is on (the head of its queue). */
  private startClock(slot: Slot): void {
    clearTimeout(slot.timer);
    const head = slot.pending[0];
    if (!head) return;
    head.started = Date.now();
    const limit = this.opts.hardTimeoutMs ?? 15_000;
    slot.timer = setTimeout(() => {
      const path = head.run.jobs[head.index].path;
      slot.pending.shift();
      this.finish(head.run, head.index, { path, result: failed(path, `analysis did not finish within ${limit / 1000} s and was stopped`), elapsedMs: Date.now() - (head.started ?? Date.now()) });
      this.requeue(slot);
      this.stop(slot);
      this.pump();
    }, limit);
  }

  private answer(slot: Slot, res: StaticWorkerResponse): void {
    const at = slot.pending.findIndex((p) => p.id === res.id);
    if (at < 0) return;
    const [p] = slot.pending.splice(at, 1);
    if (at === 0) this.startClock(slot);
    const path = p.run.jobs[p.index].path;
    if (isErrorResponse(res)) this.finish(p.run, p.index, { path, result: failed(path, `analysis failed (${res.error})`), elapsedMs: 0 });
    else this.finish(p.run, p.index, { path, result: res.result, elapsedMs: res.elapsedMs, ...(res.lineMap ? { lineMap: res.lineMap } : {}) });
    this.pump();
  }

  /** A worker ended without being asked to: the file it was running gets a note, the rest go again. */
  private exited(slot: Slot, reason: string): void {
    clearTimeout(slot.timer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.endWarm?.();
    if (slot.stopping) return;
    if (!slot.ready && ++this.startFailures >= MAX_START_FAILURES) {
      for (const run of this.runs.slice()) this.end(run, new Error(`static analysis workers could not start (${reason})`));
      slot.pending.length = 0;
      return;
    }
    const head = slot.pending.shift();
    if (head) {
      const path = head.run.jobs[head.index].path;
      this.finish(head.run, head.index, { path, result: failed(path, `the analysis worker stopped (${reason}) while analysing this file`), elapsedMs: 0 });
    }
    this.requeue(slot);
    this.pump();
  }

  private requeue(slot: Slot): void {
    for (const p of slot.pending.splice(0)) if (!p.run.finished) p.run.retry.push({ index: p.index, source: p.source });
  }

  private stop(slot: Slot): void {
    slot.stopping = true;
    clearTimeout(slot.timer);
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    slot.endWarm?.();
    void slot.worker.terminate();
  }

  /** Idle workers do not keep the process alive, and are stopped after idleMs. */
  private updateIdle(): void {
    clearTimeout(this.idleTimer);
    // A warming worker stays referenced: whoever awaits warm() must not see the process exit first.
    for (const s of this.slots) if (!s.pending.length && !s.endWarm) s.worker.unref();
    if (this.runs.length || this.loading || this.slots.some((s) => s.pending.length)) return;
    if (!this.slots.length) return;
    this.idleTimer = setTimeout(() => { for (const s of this.slots.slice()) this.stop(s); }, this.opts.idleMs ?? 10_000);
    this.idleTimer.unref();
  }
}
