import { strict as assert } from 'node:assert';
import { chmodSync, copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { listRuns, RunCache } from '../../../src/core/runlog/listRuns';
import { exampleRunDirs, rawEvents, Scratch } from './helpers';

const FOREIGN = path.resolve(__dirname, '../../fixtures/runlog/openlineage/spark-app.ndjson');

describe('runlog/listRuns', function () {
  this.timeout(30_000); // real runs on disk; a shared CI machine can be slow
  let scratch: Scratch;
  let runsRoot: string;
  beforeEach(() => {
    scratch = new Scratch();
    runsRoot = path.join(scratch.root, 'runs');
    mkdirSync(runsRoot);
    for (const d of exampleRunDirs()) scratch.copyRun(d, runsRoot);
  });
  afterEach(() => scratch.dispose());

  it('lists every example run, grouped by pipeline, newest first (checked against the raw start times)', async () => {
    const listing = await listRuns([runsRoot]);
    assert.deepEqual(listing.problems, []);
    const expected = exampleRunDirs().map((d) => {
      const start = rawEvents(d)[0]!.json;
      return { id: path.basename(d), pipeline: start.job.name as string, startedAt: start.run.facets.skewer_run.startedAt as string };
    });
    expected.sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
    assert.deepEqual(listing.runs.map((r) => r.run.runId), expected.map((e) => e.id));
    const pipelines: string[] = [];
    for (const e of expected) if (!pipelines.includes(e.pipeline)) pipelines.push(e.pipeline);
    assert.deepEqual(listing.groups.map((g) => g.pipeline), pipelines);
    for (const g of listing.groups) {
      assert.deepEqual(g.runs.map((r) => r.run.runId), expected.filter((e) => e.pipeline === g.pipeline).map((e) => e.id));
    }
    assert.ok(listing.runs.every((r) => r.problems.length === 0 && r.run.steps.length > 0));
  });

  it('accepts a run folder as a root and loose .ndjson logs, without listing a run twice', async () => {
    const one = path.join(runsRoot, path.basename(exampleRunDirs()[0]!));
    copyFileSync(FOREIGN, path.join(runsRoot, 'spark-app.ndjson'));
    const listing = await listRuns([runsRoot, one]);
    assert.equal(listing.runs.length, exampleRunDirs().length + 1);
    assert.ok(listing.runs.some((r) => r.run.pipeline === 'orders_etl' && !r.run.isSkewer));
    const direct = await listRuns([one]);
    assert.deepEqual(direct.runs.map((r) => r.run.dir), [one]);
    const logFile = await listRuns([FOREIGN]);
    assert.deepEqual(logFile.problems, []);
    assert.deepEqual(logFile.runs.map((r) => r.run.pipeline), ['orders_etl']);
  });

  it('missing, non-folder and unreadable roots are problems naming them; other roots still list', async () => {
    const missing = path.join(scratch.root, 'nope');
    const file = path.join(scratch.root, 'a-file');
    writeFileSync(file, 'x');
    const listing = await listRuns([missing, file, runsRoot]);
    assert.equal(listing.runs.length, exampleRunDirs().length);
    assert.deepEqual(listing.problems.map((p) => [p.file, p.message]), [
      [missing, 'runs folder does not exist'],
      [file, 'runs folder is not a folder'],
    ]);
    if (process.getuid?.() !== 0) {
      // Permission bits do not stop root, so this part only runs for ordinary users.
      const locked = path.join(scratch.root, 'locked');
      mkdirSync(locked);
      chmodSync(locked, 0);
      try {
        const l2 = await listRuns([locked]);
        assert.deepEqual(l2.problems.map((p) => p.message), ['runs folder is not readable (permission denied)']);
      } finally {
        chmodSync(locked, 0o755);
      }
    }
  });

  it('with a cache, only runs whose events file changed are read again', async () => {
    const cache = new RunCache();
    const first = await listRuns([runsRoot], { cache });
    const again = await listRuns([runsRoot], { cache });
    assert.deepEqual(again.runs.map((r) => r.run.runId), first.runs.map((r) => r.run.runId));
    again.runs.forEach((r, i) => assert.equal(r, first.runs[i], 'unchanged run reused'));
    // Append an event to one run: that one (and only that one) is re-read.
    const target = first.runs[1]!.run;
    const lines = scratch.lines(target.dir);
    scratch.writeLines(target.dir, [...lines, lines[lines.length - 1]!.replace(/"eventTime":"[^"]+"/, '"eventTime":"2030-01-01T00:00:00.000Z"')]);
    const third = await listRuns([runsRoot], { cache });
    for (const r of third.runs) {
      if (r.run.runId === target.runId) assert.notEqual(r, first.runs[1]);
      else assert.equal(r, first.runs.find((f) => f.run.runId === r.run.runId));
    }
    // A run that counts as running is always re-read: it turns incomplete without any write.
    const other = first.runs[0]!.run;
    scratch.writeLines(other.dir, scratch.lines(other.dir).slice(0, -1)); // no pipeline end event
    const soon = Date.now() - 3600_000 + 5_000; // 5 s after the (back-dated) write
    const live1 = await listRuns([runsRoot], { cache, now: soon });
    const live2 = await listRuns([runsRoot], { cache, now: soon });
    const pick = (l: typeof live1) => l.runs.find((r) => r.run.runId === other.runId)!;
    assert.equal(pick(live1).run.status, 'running');
    assert.notEqual(pick(live2), pick(live1), 'running runs are re-read');
    const later = await listRuns([runsRoot], { cache });
    assert.equal(pick(later).run.status, 'incomplete');
  });

  it('a run whose events file cannot be read is listed with its problem', async () => {
    const broken = path.join(runsRoot, 'broken-run');
    mkdirSync(path.join(broken, 'events.ndjson'), { recursive: true }); // a folder where the file should be
    const listing = await listRuns([runsRoot]);
    const r = listing.runs.find((x) => x.run.dir === broken)!;
    assert.equal(r.run.steps.length, 0);
    assert.equal(r.problems[0]!.code, 'unreadable');
    assert.equal(r.problems[0]!.file, path.join(broken, 'events.ndjson'));
    assert.equal(listing.runs.length, exampleRunDirs().length + 1);
  });
});
