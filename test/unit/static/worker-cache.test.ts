import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { cacheFileFor, cachedWorker, LOADER_FILE, loadBundle, readCache, userCacheDir, writeCache } from '../../../src/core/static/codeCache';
import { checkSource } from '../../../src/core/static/checkSource';
import { AnalysisPool } from '../../../src/core/static/pool';

const ROOT = path.resolve(__dirname, '../../..');
const CASES = path.join(ROOT, 'test/static-eval/cases');

/** A small CommonJS bundle with lazily compiled functions, as esbuild writes them. */
const BUNDLE = `"use strict";
const path = require("node:path");
function square(x) { return x * x; }
function label(xs) { return xs.map((x) => path.basename("/a/" + square(x))).join(","); }
exports.label = label;
exports.dir = __dirname;
exports.self = module.exports === exports;
`;

describe('worker bundle V8 code cache (codeCache.ts)', function () {
  this.timeout(120_000);
  let dir: string;
  let bundle: string;
  let cacheDir: string;
  const label = (exports: unknown): string => (exports as { label(xs: number[]): string }).label([1, 2, 3]);
  const cacheFile = (): string => cacheFileFor(bundle, fs.readFileSync(bundle, 'utf8'), cacheDir);

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-v8cache-'));
    bundle = path.join(dir, 'some.worker.js');
    fs.writeFileSync(bundle, BUNDLE);
    cacheDir = path.join(dir, 'cache');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle as require() would, writes the cache once, and a later load takes it', () => {
    const first = loadBundle(bundle, cacheDir);
    assert.equal(first.status, 'missing');
    assert.equal(label(first.exports), '1,4,9');
    assert.equal((first.exports as { dir: string }).dir, dir);
    assert.equal((first.exports as { self: boolean }).self, true);
    assert.equal(first.save(), true);
    assert.equal(first.save(), false, 'written once');
    assert.equal(readCache(cacheFile()).status, 'ok');
    const again = loadBundle(bundle, cacheDir);
    assert.equal(again.status, 'hit');
    assert.equal(label(again.exports), '1,4,9');
    assert.equal(again.save(), false, 'a hit is not written again');
  });

  it('keys the cache by the bundle text: an edited bundle misses and replaces the old cache', () => {
    loadBundle(bundle, cacheDir).save();
    const old = cacheFile();
    fs.writeFileSync(bundle, BUNDLE.replace('x * x', 'x * x + 0'));
    assert.notEqual(cacheFile(), old);
    const edited = loadBundle(bundle, cacheDir);
    assert.equal(edited.status, 'missing');
    assert.equal(edited.save(), true);
    assert.deepEqual(fs.readdirSync(cacheDir), [path.basename(cacheFile())]);
  });

  it('compiles normally from a corrupt cache (payload changed, or cut short) and writes a good one', () => {
    loadBundle(bundle, cacheDir).save();
    const raw = fs.readFileSync(cacheFile());
    raw[raw.length - 10] ^= 0xff;
    fs.writeFileSync(cacheFile(), raw);
    const corrupt = loadBundle(bundle, cacheDir);
    assert.equal(corrupt.status, 'corrupt');
    assert.equal(label(corrupt.exports), '1,4,9');
    assert.equal(corrupt.save(), true);
    assert.equal(loadBundle(bundle, cacheDir).status, 'hit');
    fs.writeFileSync(cacheFile(), raw.subarray(0, 20));
    assert.equal(loadBundle(bundle, cacheDir).status, 'corrupt');
  });

  it('compiles normally when V8 rejects the cache (intact file, data not V8 takes)', () => {
    assert.equal(writeCache(cacheFile(), Buffer.from('not a V8 code cache, but checksummed')), true);
    const rejected = loadBundle(bundle, cacheDir);
    assert.equal(rejected.status, 'rejected');
    assert.equal(label(rejected.exports), '1,4,9');
    assert.equal(rejected.save(), true);
    assert.equal(loadBundle(bundle, cacheDir).status, 'hit');
  });

  it('never throws for an unreadable cache or an unwritable folder', () => {
    // The cache file's path is a folder: it cannot be read, nor renamed over.
    fs.mkdirSync(cacheFile(), { recursive: true });
    const unreadable = loadBundle(bundle, cacheDir);
    assert.equal(unreadable.status, 'unreadable');
    assert.equal(label(unreadable.exports), '1,4,9');
    assert.equal(unreadable.save(), false);
    // The cache folder's path is a file: nothing can be written under it.
    const blocked = path.join(dir, 'blocked');
    fs.writeFileSync(blocked, '');
    const noDir = loadBundle(bundle, blocked);
    assert.equal(noDir.status, 'unreadable');
    assert.equal(label(noDir.exports), '1,4,9');
    assert.equal(noDir.save(), false);
    assert.equal(writeCache(path.join(blocked, 'x-1.v8cache'), Buffer.from('x')), false);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['blocked', 'cache', 'some.worker.js'], 'no temporary file left');
  });

  it('lets the bundle\'s own errors through, as require() does', () => {
    fs.writeFileSync(bundle, 'throw new Error("bundle failed");');
    assert.throws(() => loadBundle(bundle, cacheDir), /bundle failed/);
    fs.writeFileSync(bundle, 'this is not javascript');
    assert.throws(() => loadBundle(bundle, cacheDir), SyntaxError);
  });

  it('starts the loader only for a built .js worker with a loader beside it and a folder to keep the cache', () => {
    assert.deepEqual(cachedWorker(bundle, undefined), { file: bundle });
    assert.deepEqual(cachedWorker(bundle, cacheDir), { file: bundle }, 'no loader beside it');
    fs.writeFileSync(path.join(dir, LOADER_FILE), '');
    assert.deepEqual(cachedWorker(bundle, cacheDir), { file: path.join(dir, LOADER_FILE), workerData: { codeCache: { bundle, dir: cacheDir } } });
    assert.deepEqual(cachedWorker(path.join(dir, 'static.worker.ts'), cacheDir), { file: path.join(dir, 'static.worker.ts') }, 'TypeScript worker (tests)');
  });

  it('puts the CLI cache in the OS per-user cache folder, or nowhere when turned off', () => {
    const home = (): string => '/home/u';
    assert.equal(userCacheDir({}, 'linux', home), path.join('/home/u', '.cache', 'skewer', 'code-cache'));
    assert.equal(userCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', home), path.join('/xdg', 'skewer', 'code-cache'));
    assert.equal(userCacheDir({ XDG_CACHE_HOME: 'relative' }, 'linux', home), path.join('/home/u', '.cache', 'skewer', 'code-cache'));
    assert.equal(userCacheDir({}, 'darwin', home), path.join('/home/u', 'Library', 'Caches', 'skewer', 'code-cache'));
    assert.equal(userCacheDir({ SKEWER_CODE_CACHE: 'off' }, 'linux', home), undefined);
    assert.equal(userCacheDir({ SKEWER_CODE_CACHE: '0' }, 'linux', home), undefined);
    assert.equal(userCacheDir({}, 'linux', () => { throw new Error('no home'); }), undefined);
  });

  it('pool workers started through the loader give the same outcomes, with the cache missing, written, or corrupt', async () => {
    const built = path.join(dir, 'dist');
    const opts = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', logLevel: 'warning' } as const;
    const workerFile = path.join(built, 'static.worker.js');
    await esbuild.build({ ...opts, entryPoints: [path.join(ROOT, 'src/workers/static.worker.ts')], outfile: workerFile });
    await esbuild.build({ ...opts, entryPoints: [path.join(ROOT, 'src/workers/v8cache.worker.ts')], outfile: path.join(built, LOADER_FILE) });
    const files = fs.readdirSync(CASES).filter((f) => /\.(py|ipynb)$/.test(f)).sort().slice(0, 40).map((f) => path.join(CASES, f));
    const shown = files.map((f) => path.relative(ROOT, f));
    const expected = files.map((file, i) => checkSource(shown[i], { file }, {}).result);
    const cache = (): string => cacheFileFor(workerFile, fs.readFileSync(workerFile, 'utf8'), cacheDir);
    const check = async (): Promise<void> => {
      const pool = new AnalysisPool({ workerFile, size: 1, codeCacheDir: cacheDir });
      try {
        const run = await pool.check(files.map((file, i) => ({ path: shown[i], source: { file } })));
        assert.deepEqual(run.outcomes.map((o) => o!.result), expected);
        // The worker writes the cache once it has done some work; wait for it before stopping the worker.
        for (let i = 0; i < 100 && readCache(cache()).status !== 'ok'; i++) await new Promise((r) => setTimeout(r, 50));
      } finally {
        pool.dispose();
      }
    };
    await check();
    assert.equal(readCache(cache()).status, 'ok', 'written by the first worker');
    const written = fs.statSync(cache()).mtimeMs;
    await check();
    assert.equal(fs.statSync(cache()).mtimeMs, written, 'a worker that took the cache does not write it again');
    const raw = fs.readFileSync(cache());
    raw[raw.length >> 1] ^= 0xff;
    fs.writeFileSync(cache(), raw);
    await check();
    assert.equal(readCache(cache()).status, 'ok', 'the corrupt cache was replaced');
  });
});
