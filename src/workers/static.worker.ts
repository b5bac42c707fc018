/**
 * worker_threads entry for static analysis: keeps parsing and analysis off the extension host's
 * main thread. Receives StaticWorkerRequest, posts StaticWorkerResponse with the same id. The live
 * analysis worker answers 'analyze' through its DocumentCache; pool workers answer 'check' (cold).
 */
import { parentPort } from 'node:worker_threads';
import { checkSource } from '../core/static/checkSource';
import { DocumentCache } from '../core/static/incremental';
import { withModuleReader } from '../core/static/moduleReader';
import { warmUp } from '../core/static/warmup';
import type { StaticWorkerRequest, StaticWorkerResponse, WorkerReady, WorkerWarmed } from '../core/static/workerProtocol';

const cache = new DocumentCache();

export function handle(msg: Exclude<StaticWorkerRequest, { type: 'warm' }>): StaticWorkerResponse {
  const started = performance.now();
  if (!msg || typeof msg !== 'object' || typeof msg.id !== 'number') {
    return { id: typeof (msg as { id?: unknown })?.id === 'number' ? (msg as { id: number }).id : -1, error: 'malformed request: expected {id, path, text}' };
  }
  if (msg.type === 'forget') {
    cache.forget(msg.path);
    return { id: msg.id, result: { findings: [], notes: [] }, elapsedMs: performance.now() - started };
  }
  if (msg.type === 'check') {
    if (typeof msg.path !== 'string' || !msg.source || typeof msg.source !== 'object') return { id: msg.id, error: 'malformed request: check needs path and source' };
    try {
      const out = checkSource(msg.path, msg.source, msg.options ?? {}, msg.lineMap === true);
      return { id: msg.id, result: out.result, elapsedMs: performance.now() - started, ...(out.lineMap ? { lineMap: out.lineMap } : {}) };
    } catch (e) {
      return { id: msg.id, error: (e as Error).message ?? String(e) };
    }
  }
  if (typeof msg.path !== 'string' || typeof msg.text !== 'string') {
    return { id: msg.id, error: 'malformed request: path and text must be strings' };
  }
  try {
    const result = cache.analyze({ path: msg.path, text: msg.text }, withModuleReader(msg.options ?? {}));
    return { id: msg.id, result, elapsedMs: performance.now() - started };
  } catch (e) {
    return { id: msg.id, error: (e as Error).message ?? String(e) };
  }
}

if (parentPort) {
  const port = parentPort;
  // Real requests seen since the current warm-up started: the warm-up then stops at once.
  let requests = 0;
  port.on('message', (msg: StaticWorkerRequest) => {
    if (msg && typeof msg === 'object' && msg.type === 'warm') {
      const seen = requests;
      void warmUp(typeof msg.ms === 'number' ? msg.ms : 0, () => requests !== seen).then((runs) => port.postMessage({ type: 'warmed', runs } satisfies WorkerWarmed));
      return;
    }
    requests++;
    port.postMessage(handle(msg));
  });
  port.postMessage({ type: 'ready' } satisfies WorkerReady);
}
