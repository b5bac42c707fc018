import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { checkSource } from '../../../src/core/static/checkSource';
import { AnalysisPool, defaultPoolSize, type FileOutcome, type PoolJob } from '../../../src/core/static/pool';

const ROOT = path.resolve(__dirname, '../../..');
const FAULTY = path.join(__dirname, 'workers', 'faulty.worker.ts');
const TS_WORKER = { execArgv: ['--require', require.resolve('tsx/cjs')] };
const CASES = path.join(ROOT, 'test/static-eval/cases');

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const jobs = (names: string[]): PoolJob[] => names.map((n) => ({ path: n, source: { text: '' } }));
const noteOf = (o: FileOutcome | undefined) => o?.result.notes[0]?.message ?? '';

describe('static analysis worker pool', function () {
  this.timeout(120_000);
  let dir: string;
  let workerFile: string;

  before(async () => {
    // The real worker, bundled as the extension and CLI ship it.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-pool-'));
    workerFile = path.join(dir, 'static.worker.js');
    await esbuild.build({ entryPoints: [path.join(ROOT, 'src/workers/static.worker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: workerFile, logLevel: 'warning' });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('sizes itself from the available cores, capped, at least 1', () => {
    const cores = os.availableParallelism();
    assert.equal(defaultPoolSize(), Math.min(4, cores));
    assert.equal(defaultPoolSize(1), 1);
    assert.equal(new AnalysisPool({ workerFile, size: 0 }).size, 1);
  });

  it('gives the same outcomes, in input order, as analysing each file on this thread', async () => {
    const files = fs.readdirSync(CASES).filter((f) => /\.(py|ipynb)$/.test(f)).sort().slice(0, 60).map((f) => path.join(CASES, f));
    const shown = files.map((f) => path.relative(ROOT, f));
    const options = { notebookOrder: 'execution' as const, severityOverrides: { 'leakage/overlap': 'info' as const } };
    const expected = files.map((file, i) => checkSource(shown[i], { file }, options, true));
    assert.ok(expected.some((e) => e.result.findings.length) && expected.some((e) => e.lineMap), 'the sample has findings and a notebook with findings');
    // Sources of every kind: read by the worker, given as text, as bytes, or fetched lazily.
    const source = (file: string, i: number): PoolJob['source'] => {
      switch (i % 4) {
        case 0: return { file };
        case 1: return { text: fs.readFileSync(file, 'utf8') };
        case 2: return { bytes: new Uint8Array(fs.readFileSync(file)) };
        default: return async () => ({ text: await fs.promises.readFile(file, 'utf8') });
      }
    };
    for (const size of [2, 1]) {
      const pool = new AnalysisPool({ workerFile, size });
      let most = 0;
      try {
        const run = await pool.check(files.map((file, i) => ({ path: shown[i], source: source(file, i) })), { options, lineMaps: true, onResult: () => { most = Math.max(most, pool.workers); } });
        assert.equal(run.cancelled, false);
        assert.deepEqual(run.outcomes.map((o) => ({ result: o!.result, ...(o!.lineMap ? { lineMap: o!.lineMap } : {}) })), expected, `size ${size}`);
        assert.equal(most, size, `size ${size} pool ran ${most} workers`);
      } finally {
        pool.dispose();
      }
    }
  });

  it('keeps input order when workers finish out of order', async () => {
    const pool = new AnalysisPool({ workerFile: FAULTY, size: 2, workerOptions: TS_WORKER });
    try {
      const names = ['sleepy0.py', 'a.py', 'b.py', 'c.py', 'd.py', 'slow1.py', 'e.py', 'f.py'];
      const finished: number[] = [];
      const run = await pool.check(jobs(names), { onResult: (i) => finished.push(i) });
      assert.deepEqual(run.outcomes.map((o) => o!.path), names);
      assert.deepEqual(run.outcomes.map((o) => noteOf(o).split(' on ')[0]), names);
      assert.notDeepEqual(finished, names.map((_, i) => i), 'completion order differs from input order');
      assert.equal(new Set(run.outcomes.map((o) => noteOf(o).split(' on ')[1])).size, 2, 'both workers took files');
    } finally {
      pool.dispose();
    }
  });

  it('hands out files largest first when sizes are given (unsized ones after), outcomes in job order', async () => {
    const pool = new AnalysisPool({ workerFile: FAULTY, size: 1, workerOptions: TS_WORKER });
    try {
      const names = ['a.py', 'b.py', 'c.py', 'd.py', 'e.py', 'f.py'];
      const sizes = [10, undefined, 300, 10, 20, undefined];
      const finished: string[] = [];
      const run = await pool.check(names.map((n, i) => ({ path: n, source: { text: '' }, ...(sizes[i] !== undefined ? { size: sizes[i] } : {}) })), { onResult: (i) => finished.push(names[i]) });
      // One worker answers in the order files were handed out: sized by size (ties in job order), then the rest.
      assert.deepEqual(finished, ['c.py', 'e.py', 'a.py', 'd.py', 'b.py', 'f.py']);
      assert.deepEqual(run.outcomes.map((o) => o!.path), names);
      assert.deepEqual(run.outcomes.map((o) => noteOf(o).split(' on ')[0]), names);
      // Cancelled after the first result: what finished is the largest files, the rest never started.
      const ac = new AbortController();
      const many = Array.from({ length: 12 }, (_, i) => ({ path: `slow${i}.py`, source: { text: '' }, size: i }));
      const cut = await pool.check(many, { signal: ac.signal, onResult: () => ac.abort() });
      assert.equal(cut.cancelled, true);
      const done = cut.outcomes.flatMap((o, i) => (o ? [i] : []));
      assert.deepEqual(done, [11], 'the largest file first, nothing after the cancel');
    } finally {
      pool.dispose();
    }
  });

  it('warm() warms the workers\' JIT on a sample; real work interrupts a warm-up; results are unchanged', async () => {
    const pool = new AnalysisPool({ workerFile, size: 2, warmUpMs: 150 });
    try {
      await pool.warm();
      assert.equal(pool.workers, 2);
      assert.ok(pool.warmRuns.every((r) => r !== undefined && r > 0), `warm-up runs ${pool.warmRuns.join(', ')}`);
      const text = 'from sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split\nX = StandardScaler().fit_transform(X)\nX_train, X_test = train_test_split(X)\n';
      const run = await pool.check([{ path: 'leak.py', source: { text } }]);
      assert.deepEqual(run.outcomes[0]!.result, checkSource('leak.py', { text }, {}).result);
      assert.ok(run.outcomes[0]!.result.findings.length, 'the sample file has a finding');
    } finally {
      pool.dispose();
    }
    const long = new AnalysisPool({ workerFile, size: 2, warmUpMs: 20_000 });
    try {
      const warmed = long.warm();
      const started = Date.now();
      const run = await long.check(jobs(['a.py', 'b.py', 'c.py']));
      assert.equal(run.outcomes.length, 3);
      await warmed;
      assert.ok(Date.now() - started < 10_000, `the warm-up stopped when files came (${Date.now() - started} ms)`);
    } finally {
      long.dispose();
    }
  });

  it('dispose() during a warm-up ends it: warm() resolves and no worker is left', async () => {
    const pool = new AnalysisPool({ workerFile, size: 2, warmUpMs: 20_000 });
    const warmed = pool.warm();
    await sleep(300);
    pool.dispose();
    await warmed;
    assert.equal(pool.workers, 0);
  });

  it('a worker that dies while warming up leaves the pool usable', async () => {
    const pool = new AnalysisPool({ workerFile: FAULTY, size: 2, warmUpMs: 666, workerOptions: TS_WORKER });
    try {
      await pool.warm();
      const run = await pool.check(jobs(['a.py', 'b.py', 'c.py']));
      assert.deepEqual(run.outcomes.map((o) => noteOf(o).split(' on ')[0]), ['a.py', 'b.py', 'c.py']);
    } finally {
      pool.dispose();
    }
  });

  it('turns a file that crashes, throws, hangs or errors into a note naming it; the batch goes on', async () => {
    const pool = new AnalysisPool({ workerFile: FAULTY, size: 2, hardTimeoutMs: 1500, workerOptions: TS_WORKER });
    try {
      const names = ['a.py', 'crash.py', 'b.py', 'throw.py', 'c.py', 'hang.py', 'd.py', 'error.py', 'e.py', 'f.py', 'g.py'];
      const run = await pool.check(jobs(names));
      const byName = new Map(run.outcomes.map((o) => [o!.path, o!]));
      for (const n of ['a.py', 'b.py', 'c.py', 'd.py', 'e.py', 'f.py', 'g.py']) assert.match(noteOf(byName.get(n)), new RegExp(`^${n} on thread`), n);
      assert.match(noteOf(byName.get('crash.py')), /^crash\.py: the analysis worker stopped \(exit code 7\) while analysing this file; no findings reported$/);
      assert.match(noteOf(byName.get('throw.py')), /^throw\.py: the analysis worker stopped \(handler blew up\)/);
      assert.match(noteOf(byName.get('hang.py')), /^hang\.py: analysis did not finish within 1\.5 s and was stopped/);
      assert.match(noteOf(byName.get('error.py')), /^error\.py: analysis failed \(malformed request\)/);
      for (const n of ['crash.py', 'throw.py', 'hang.py', 'error.py']) assert.equal(byName.get(n)!.result.notes[0].kind, 'partial');
      // The pool replaced the workers it lost and still works.
      const again = await pool.check(jobs(['x.py', 'y.py']));
      assert.deepEqual(again.outcomes.map((o) => noteOf(o).split(' on ')[0]), ['x.py', 'y.py']);
    } finally {
      pool.dispose();
    }
  });

  it('a file that cannot be read or fetched gets a note; the others are analysed', async () => {
    const pool = new AnalysisPool({ workerFile, size: 2 });
    try {
      const run = await pool.check([
        { path: 'gone.py', source: { file: path.join(dir, 'does-not-exist.py') } },
        { path: 'remote.py', source: () => Promise.reject(new Error('EACCES: permission denied')) },
        { path: 'ok.py', source: { text: 'import pandas as pd\n' } },
      ]);
      assert.match(noteOf(run.outcomes[0]), /^gone\.py: cannot read \(ENOENT/);
      assert.equal(noteOf(run.outcomes[1]), 'remote.py: cannot read (EACCES: permission denied)');
      assert.deepEqual(run.outcomes[2]!.result, { findings: [], notes: [] });
      // Files turned away before reaching a worker (e.g. over the size limit) still complete the run.
      const skipped = await pool.check(Array.from({ length: 9 }, (_, i) => ({ path: `big${i}.ipynb`, source: async () => ({ note: { path: `big${i}.ipynb`, kind: 'skipped' as const, message: `big${i}.ipynb: too big` } }) })));
      assert.deepEqual(skipped.outcomes.map(noteOf), Array.from({ length: 9 }, (_, i) => `big${i}.ipynb: too big`));
    } finally {
      pool.dispose();
    }
  });

  it('cancellation stops handing out files and resolves at once; the pool stays usable', async () => {
    const pool = new AnalysisPool({ workerFile: FAULTY, size: 2, workerOptions: TS_WORKER });
    try {
      const names = Array.from({ length: 200 }, (_, i) => `slow${i}.py`);
      const ac = new AbortController();
      let seen = 0;
      const started = Date.now();
      const run = await pool.check(jobs(names), { signal: ac.signal, onResult: () => { if (++seen === 3) ac.abort(); } });
      const elapsed = Date.now() - started;
      assert.equal(run.cancelled, true);
      const done = run.outcomes.filter(Boolean).length;
      assert.ok(done >= 3 && done < 10, `${done} files finished`);
      assert.ok(elapsed < 200 * 150 / 2 / 2, `took ${elapsed} ms`);
      await sleep(400);
      assert.equal(seen, 3, 'no results reported after cancelling');
      assert.equal(run.outcomes.filter(Boolean).length, done, 'outcomes do not change after the run resolved');
      const aborted = new AbortController();
      aborted.abort();
      assert.deepEqual(await pool.check(jobs(['a.py']), { signal: aborted.signal }), { outcomes: [undefined], cancelled: true });
      const again = await pool.check(jobs(['a.py', 'b.py']));
      assert.deepEqual(again.outcomes.map((o) => noteOf(o).split(' on ')[0]), ['a.py', 'b.py']);
    } finally {
      pool.dispose();
    }
  });

  it('warms up on request, terminates idle workers, and all of them on dispose (rejecting a run in progress)', async () => {
    const pool = new AnalysisPool({ workerFile: FAULTY, size: 2, idleMs: 100, workerOptions: TS_WORKER });
    pool.warm(5);
    assert.equal(pool.workers, 2, 'warm() starts at most size workers');
    await sleep(600);
    assert.equal(pool.workers, 0, 'warmed workers with no work stop after idleMs');
    await pool.check(jobs(['a.py', 'b.py', 'c.py']));
    assert.equal(pool.workers, 2);
    await sleep(600);
    assert.equal(pool.workers, 0, 'idle workers stopped');
    const pending = pool.check(jobs(['slow0.py', 'slow1.py', 'slow2.py']));
    await sleep(50);
    pool.dispose();
    await assert.rejects(pending, /disposed/);
    assert.equal(pool.workers, 0);
    await assert.rejects(pool.check(jobs(['a.py'])), /disposed/);
  });

  it('rejects the run with a clear error when workers cannot start', async () => {
    const pool = new AnalysisPool({ workerFile: path.join(dir, 'missing.worker.js'), size: 2 });
    try {
      await assert.rejects(pool.check(jobs(['a.py', 'b.py', 'c.py'])), /static analysis workers could not start \(.*missing\.worker\.js/);
    } finally {
      pool.dispose();
    }
    const refused = new AnalysisPool({ workerFile, size: 2, workerOptions: { execArgv: ['--no-such-node-flag'] } });
    try {
      refused.warm();
      assert.equal(refused.workers, 0);
      await assert.rejects(refused.check(jobs(['a.py'])), /static analysis workers could not start \(.*--no-such-node-flag/);
    } finally {
      refused.dispose();
    }
  });
});
