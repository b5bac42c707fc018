/**
 * V8 code cache for a worker bundle (dist/workers/static.worker.js). A fresh worker otherwise
 * compiles each of the analyzer's functions to bytecode the first time it runs it (about 25 ms of
 * the worker's first 500-line file, measured). The bundle is loaded through vm.Script with the
 * bytecode V8 serialised from an earlier worker after it had analysed some files, so those
 * lazily compiled functions come ready. Only Skewer's own bundle is loaded this way.
 *
 * The cache file is keyed by the bundle's content and the Node/V8 version and architecture, and
 * carries a SHA-256 of its payload (V8 release builds do not checksum code caches). Nothing here is
 * fatal: a missing, unreadable, corrupt or rejected cache means a normal compile, and a failed
 * write means none next time either.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { threadId } from 'node:worker_threads';

/** The loader's file name, beside the bundle it loads (esbuild builds src/workers/*.worker.ts). */
export const LOADER_FILE = 'v8cache.worker.js';

/** workerData of the loader worker. */
export interface CodeCacheWorkerData {
  codeCache: { bundle: string; dir: string };
}

/**
 * How to start `workerFile` with its code cache kept in `dir`: the loader beside it with the bundle
 * and dir as workerData, or the worker file itself (no dir, a TypeScript worker in tests, no loader).
 */
export function cachedWorker(workerFile: string, dir: string | undefined): { file: string; workerData?: CodeCacheWorkerData } {
  if (!dir || !workerFile.endsWith('.js')) return { file: workerFile };
  const loader = path.join(path.dirname(workerFile), LOADER_FILE);
  return fs.existsSync(loader) && path.resolve(loader) !== path.resolve(workerFile) ? { file: loader, workerData: { codeCache: { bundle: workerFile, dir } } } : { file: workerFile };
}

/** The cache file for this bundle text under `dir`; a new bundle or Node/V8 gets a new name. */
export function cacheFileFor(bundle: string, source: string, dir: string): string {
  const key = createHash('sha256').update(`${process.version}\0${process.versions.v8}\0${process.arch}\0`).update(source).digest('hex').slice(0, 20);
  return path.join(dir, `${path.basename(bundle, '.js')}-${key}.v8cache`);
}

const SUM = 32;
const sha = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

export type CacheRead = { status: 'ok'; data: Buffer } | { status: 'missing' | 'unreadable' | 'corrupt' };

/** The cache's V8 payload if the file is there and its checksum holds. */
export function readCache(file: string): CacheRead {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch (e) {
    return { status: (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : 'unreadable' };
  }
  if (raw.length <= SUM) return { status: 'corrupt' };
  const data = raw.subarray(SUM);
  return sha(data).equals(raw.subarray(0, SUM)) ? { status: 'ok', data } : { status: 'corrupt' };
}

/**
 * Writes the cache atomically (a temporary file renamed over it: readers see the old file or the
 * whole new one) and removes this bundle's caches for other versions. False when it could not.
 */
export function writeCache(file: string, data: Uint8Array): boolean {
  const tmp = `${file}.${process.pid}-${threadId}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(tmp, Buffer.concat([sha(data), data]));
    fs.renameSync(tmp, file);
  } catch {
    try { fs.unlinkSync(tmp); } catch { /* never written */ }
    return false;
  }
  // Caches of other versions go, and temporary files a terminated worker left (not another's write in progress).
  const name = path.basename(file), prefix = name.slice(0, name.lastIndexOf('-') + 1), dir = path.dirname(file);
  try {
    for (const f of fs.readdirSync(dir)) {
      if (f === name || !f.startsWith(prefix)) continue;
      const p = path.join(dir, f);
      if (f.endsWith('.v8cache') || (f.endsWith('.tmp') && Date.now() - fs.statSync(p).mtimeMs > 60_000)) fs.rmSync(p, { force: true });
    }
  } catch {
    // stale files only cost disk
  }
  return true;
}

/** 'hit': V8 took the cache; otherwise why it compiled from source. */
export type CacheStatus = 'hit' | 'missing' | 'unreadable' | 'corrupt' | 'rejected';

export interface LoadedBundle {
  exports: unknown;
  status: CacheStatus;
  /** Writes the cache from the functions compiled so far, once, unless it was a hit; true if written. Never throws. */
  save(): boolean;
}

/**
 * Runs the CommonJS bundle `bundle` in this thread as require() would, with the code cache from
 * `dir`. Errors of the bundle itself (its code throws) reach the caller, as from require().
 */
export function loadBundle(bundle: string, dir: string): LoadedBundle {
  const source = fs.readFileSync(bundle, 'utf8');
  const file = cacheFileFor(bundle, source, dir);
  const read = readCache(file);
  let script: vm.Script;
  let status: CacheStatus;
  try {
    script = new vm.Script(Module.wrap(source), { filename: bundle, ...(read.status === 'ok' ? { cachedData: read.data } : {}) });
    status = read.status === 'ok' ? (script.cachedDataRejected ? 'rejected' : 'hit') : read.status;
  } catch (e) {
    // Only a syntax error of the bundle itself can end here; compiling without the cache says so.
    if (read.status !== 'ok') throw e;
    script = new vm.Script(Module.wrap(source), { filename: bundle });
    status = 'rejected';
  }
  const mod = { exports: {} as unknown, filename: bundle, id: bundle, loaded: false };
  (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, createRequire(bundle), mod, bundle, path.dirname(bundle));
  mod.loaded = true;
  let done = status === 'hit';
  return {
    exports: mod.exports,
    status,
    save() {
      if (done) return false;
      done = true;
      try {
        return writeCache(file, script.createCachedData());
      } catch {
        return false;
      }
    },
  };
}

/**
 * The CLI's code-cache folder: the OS's per-user cache ($XDG_CACHE_HOME or ~/.cache on Linux,
 * ~/Library/Caches on macOS, %LOCALAPPDATA% on Windows) + skewer/code-cache; none when
 * SKEWER_CODE_CACHE is 0 or off, or no home folder is known.
 */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: () => string = os.homedir): string | undefined {
  if (/^(0|off|false|no)$/i.test(env.SKEWER_CODE_CACHE ?? '')) return undefined;
  let base: string | undefined;
  try {
    if (platform === 'win32') base = env.LOCALAPPDATA || path.join(home(), 'AppData', 'Local');
    else if (platform === 'darwin') base = path.join(home(), 'Library', 'Caches');
    else base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home(), '.cache');
  } catch {
    return undefined;
  }
  return base && path.isAbsolute(base) ? path.join(base, 'skewer', 'code-cache') : undefined;
}
