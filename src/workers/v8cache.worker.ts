/**
 * Worker entry that loads another worker bundle (workerData.codeCache.bundle, e.g. the static
 * worker) with a V8 code cache kept in workerData.codeCache.dir (core/static/codeCache.ts). When the
 * cache was missing or unusable, it is written once the worker has spent SAVE_AFTER_MS answering
 * messages: by then the functions real files use are compiled, so the cache holds them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadBundle, type CodeCacheWorkerData } from '../core/static/codeCache';

/** About one cold 500-line file; a cache taken after more work measured no faster. */
const SAVE_AFTER_MS = 100;

const { bundle, dir } = (workerData as CodeCacheWorkerData).codeCache;
let started = 0, busyMs = 0;
// Registered before the bundle's own listener, and the one below after it: together they time its work.
const before = (): void => { started = performance.now(); };
parentPort?.on('message', before);
const loaded = loadBundle(bundle, dir);
if (loaded.status === 'hit') parentPort?.off('message', before);
else {
  const after = (): void => {
    busyMs += performance.now() - started;
    if (busyMs < SAVE_AFTER_MS) return;
    parentPort?.off('message', before);
    parentPort?.off('message', after);
    loaded.save();
  };
  parentPort?.on('message', after);
}
