/**
 * RunTail on a real run replayed as if the recorder were writing it: after every append
 * (including appends that stop mid-line) the live view equals a fresh readRun of the same bytes.
 */
import { strict as assert } from 'node:assert';
import { appendFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readRun } from '../../../src/core/runlog/readRun';
import { RunTail } from '../../../src/core/runlog/tailRun';
import { richestExampleRun, Scratch } from './helpers';

describe('runlog/tailRun', function () {
  this.timeout(30_000); // real runs on disk; a shared CI machine can be slow
  let scratch: Scratch;
  beforeEach(() => (scratch = new Scratch()));
  afterEach(() => scratch.dispose());

  it('follows a run being written, reading only appended bytes, and agrees with readRun at every point', async () => {
    const source = richestExampleRun();
    const dir = scratch.copyRun(source);
    const bytes = readFileSync(path.join(source, 'events.ndjson'));
    const totalLines = bytes.toString('utf8').trimEnd().split('\n').length;
    writeFileSync(path.join(dir, 'events.ndjson'), '');
    const tail = new RunTail(dir);
    // Cut points: a few mid-line positions and line ends, in order.
    const cuts = [0.05, 0.13, 0.2, 0.31, 0.5, 0.66, 0.8, 0.97, 1].map((f) => Math.floor(bytes.length * f));
    let written = 0;
    let appended = 0;
    let sawRunning = false;
    for (const cut of cuts) {
      appendFileSync(path.join(dir, 'events.ndjson'), bytes.subarray(written, cut));
      written = cut;
      const live = await tail.update();
      const fresh = await readRun(dir);
      assert.deepEqual({ run: live.run, problems: live.problems }, fresh, `after ${cut} of ${bytes.length} bytes`);
      appended += live.appended;
      if (live.run.status === 'running') sawRunning = true;
    }
    assert.ok(sawRunning, 'the partial log counts as running while it is fresh');
    assert.equal(appended, totalLines, 'each line was read exactly once');
    const done = await tail.update();
    assert.equal(done.appended, 0);
    assert.equal(done.run.status, (await readRun(source)).run.status);
    assert.deepEqual(done.problems, []);
  });

  it('starts over when the events file is replaced by a shorter one', async () => {
    const dir = scratch.copyRun(richestExampleRun());
    const tail = new RunTail(dir);
    const first = await tail.update();
    const lines = scratch.lines(dir);
    scratch.writeLines(dir, lines.slice(0, 3));
    const second = await tail.update();
    assert.equal(second.reset, true);
    assert.ok(second.run.steps.length < first.run.steps.length);
    assert.deepEqual({ run: second.run, problems: second.problems }, await readRun(dir));
  });

  it('a run folder that disappears is a problem, not an exception', async () => {
    const dir = scratch.copyRun(richestExampleRun());
    const tail = new RunTail(dir);
    await tail.update();
    rmSync(dir, { recursive: true, force: true });
    const r = await tail.update();
    assert.equal(r.problems[0]!.code, 'unreadable');
    mkdirSync(dir);
  });
});
