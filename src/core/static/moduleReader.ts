/**
 * Reads the project's modules from disk for the analyzer (AnalyzeOptions.readModule), for the
 * workers and the CLI. Files over the analysed file's size limits are not read. A reader keeps what
 * it read by path and modification time, so a live worker re-analysing a notebook on every edit
 * stats its helper modules but reads each only when it changed on disk.
 */
import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { fileSizeNote } from './source';
import type { AnalyzeOptions } from './types';

interface Cached { mtimeMs: number; size: number; text: string }

const CAPACITY = 256;

/** A reader of files under `cwd` (relative paths) or at absolute paths; undefined for anything it cannot read. */
export function fsModuleReader(cwd?: string): (path: string) => string | undefined {
  const cache = new Map<string, Cached>();
  return (p: string) => {
    const file = cwd ? nodePath.resolve(cwd, p) : nodePath.resolve(p);
    try {
      const st = fs.statSync(file);
      if (!st.isFile() || fileSizeNote(p, st.size)) return undefined;
      const hit = cache.get(file);
      if (hit && hit.mtimeMs === st.mtimeMs && hit.size === st.size) return hit.text;
      const text = fs.readFileSync(file, 'utf8');
      cache.delete(file);
      if (cache.size >= CAPACITY) cache.delete(cache.keys().next().value as string);
      cache.set(file, { mtimeMs: st.mtimeMs, size: st.size, text });
      return text;
    } catch {
      return undefined;
    }
  };
}

const readers = new Map<string, (path: string) => string | undefined>();

/**
 * `options` with a disk reader when they name a module root and carry no reader (options that
 * crossed a worker boundary cannot carry a function); readers are kept per cwd, so their caches
 * live as long as the worker.
 */
export function withModuleReader(options: AnalyzeOptions): AnalyzeOptions {
  if (options.readModule || options.moduleRoot === undefined) return options;
  const key = options.moduleCwd ?? '';
  let read = readers.get(key);
  if (!read) {
    read = fsModuleReader(options.moduleCwd);
    readers.set(key, read);
  }
  return { ...options, readModule: read };
}
