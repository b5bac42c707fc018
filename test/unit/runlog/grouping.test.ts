/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON events are rewritten field by field */
import { strict as assert } from 'node:assert';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { listRuns } from '../../../src/core/runlog/listRuns';
import { exampleRunDirs, rawEvents, Scratch } from './helpers';

/** The committed example run of `job` (recorded by the Python recorder). */
function exampleRun(job: string): string {
  const dir = exampleRunDirs().find((d) => rawEvents(d)[0]!.json.job.name === job);
  assert.ok(dir, `no example run of ${job}`);
  return dir;
}

/**
 * A copy of a real run, changed to look as if it had been recorded from `cwd` as `job` (what the
 * recorder writes: the pipeline's job name is the script path relative to the recording's cwd).
 */
function recordedFrom(scratch: Scratch, runsRoot: string, src: string, id: string, cwd: string, job: string): string {
  const to = path.join(runsRoot, id);
  const copied = scratch.copyRun(src, runsRoot);
  const oldJob = rawEvents(copied)[0]!.json.job.name as string;
  const lines = readFileSync(path.join(copied, 'events.ndjson'), 'utf8').replace(/\n$/, '').split('\n');
  const rewritten = lines.map((l) => {
    const ev = JSON.parse(l) as any;
    if (ev.job?.name === oldJob) ev.job.name = job;
    const run = ev.run?.facets?.skewer_run;
    if (run) Object.assign(run, { cwd, script: job });
    return JSON.stringify(ev);
  });
  writeFileSync(path.join(copied, 'events.ndjson'), rewritten.join('\n') + '\n');
  scratch.age(copied);
  renameSync(copied, to);
  return to;
}

describe('runlog/grouping: runs grouped by the script path in the workspace', function () {
  this.timeout(30_000);
  let scratch: Scratch;
  let ws: string;
  let runs: string;
  beforeEach(() => {
    scratch = new Scratch();
    ws = path.join(scratch.root, 'ws');
    runs = path.join(ws, '.skewer', 'runs');
    mkdirSync(runs, { recursive: true });
  });
  afterEach(() => scratch.dispose());

  const touch = (rel: string) => {
    mkdirSync(path.dirname(path.join(ws, rel)), { recursive: true });
    writeFileSync(path.join(ws, rel), '# pipeline\n');
  };

  it('three pipeline.py in three folders, each recorded from its own folder, are three groups named by their workspace paths', async () => {
    const src = exampleRun('slow/pipeline.py');
    for (const [i, dir] of ['a', 'b', 'c'].entries()) {
      touch(`${dir}/pipeline.py`);
      recordedFrom(scratch, runs, src, `run-${dir}`, path.join(ws, dir), 'pipeline.py');
      if (i === 0) recordedFrom(scratch, runs, src, 'run-a2', path.join(ws, dir), 'pipeline.py');
    }
    const listing = await listRuns([runs], { workspaceRoots: [ws] });
    assert.deepEqual(listing.problems, []);
    const groups = listing.groups.map((g) => [g.label, g.folder, g.pipeline, g.runs.map((r) => path.basename(r.run.dir)).sort()]).sort((x, y) => String(x[2]).localeCompare(String(y[2])));
    assert.deepEqual(groups, [
      ['a/pipeline.py', undefined, 'a/pipeline.py', ['run-a', 'run-a2']],
      ['b/pipeline.py', undefined, 'b/pipeline.py', ['run-b']],
      ['c/pipeline.py', undefined, 'c/pipeline.py', ['run-c']],
    ]);
    assert.equal(listing.groups.find((g) => g.pipeline === 'b/pipeline.py')!.scriptPath, path.join(ws, 'b', 'pipeline.py'));
  });

  it('different scripts that keep the same job name (not found in the workspace) are separate groups with their folders shown', async () => {
    const src = exampleRun('slow/pipeline.py');
    recordedFrom(scratch, runs, src, 'x', '/elsewhere/x', 'pipeline.py');
    recordedFrom(scratch, runs, src, 'y', '/elsewhere/y', 'pipeline.py');
    const listing = await listRuns([runs], { workspaceRoots: [ws] });
    const groups = listing.groups.map((g) => [g.label, g.folder]).sort((a, b) => String(a[1]).localeCompare(String(b[1])));
    assert.deepEqual(groups, [
      ['pipeline.py', '/elsewhere/x'],
      ['pipeline.py', '/elsewhere/y'],
    ]);
  });

  it('the same notebook recorded from the project root and from its own folder is one group, named by its path in the workspace', async () => {
    const src = exampleRun('notebooks/credit.ipynb');
    touch('notebooks/credit.ipynb');
    recordedFrom(scratch, runs, src, 'from-root', ws, 'notebooks/credit.ipynb');
    recordedFrom(scratch, runs, src, 'from-folder', path.join(ws, 'notebooks'), 'credit.ipynb');
    const listing = await listRuns([runs], { workspaceRoots: [ws] });
    assert.equal(listing.groups.length, 1);
    const [g] = listing.groups;
    assert.deepEqual([g!.label, g!.folder, g!.pipeline, g!.runs.length], ['notebooks/credit.ipynb', undefined, 'notebooks/credit.ipynb', 2]);
  });

  it('runs recorded under another path (the committed examples, a cloned project) are placed by the longest tail of their script path found in the workspace', async () => {
    for (const d of exampleRunDirs()) scratch.copyRun(d, runs);
    const jobs = exampleRunDirs().map((d) => rawEvents(d)[0]!.json.job.name as string);
    assert.ok(rawEvents(exampleRunDirs()[0]!)[0]!.json.run.facets.skewer_run.cwd !== ws, 'recorded elsewhere');
    for (const j of jobs) touch(j);
    const placed = await listRuns([runs], { workspaceRoots: [ws] });
    assert.deepEqual(placed.groups.map((g) => g.pipeline).sort(), [...new Set(jobs)].sort());
    assert.ok(placed.groups.every((g) => g.scriptPath === path.join(ws, g.pipeline)));
    // Nothing in the workspace matches: the job name is kept.
    const other = path.join(scratch.root, 'other');
    mkdirSync(other);
    const unplaced = await listRuns([runs], { workspaceRoots: [other] });
    assert.deepEqual(unplaced.groups.map((g) => g.pipeline).sort(), [...new Set(jobs)].sort());
  });

  it('with several workspace folders, a pipeline path starts with the folder name', async () => {
    const src = exampleRun('churn/train.py');
    const second = path.join(scratch.root, 'second');
    mkdirSync(second);
    touch('train.py');
    writeFileSync(path.join(second, 'train.py'), '# other train\n');
    recordedFrom(scratch, runs, src, 'one', ws, 'train.py');
    recordedFrom(scratch, runs, src, 'two', second, 'train.py');
    const listing = await listRuns([runs], { workspaceRoots: [ws, second] });
    const groups = listing.groups.map((g) => [g.pipeline, g.label, g.folder]).sort((x, y) => String(x[0]).localeCompare(String(y[0])));
    assert.deepEqual(groups, [
      ['second/train.py', 'second/train.py', undefined],
      ['ws/train.py', 'ws/train.py', undefined],
    ]);
  });

  it('without workspace folders (the CLI) groups keep the job names', async () => {
    for (const d of exampleRunDirs()) scratch.copyRun(d, runs);
    const listing = await listRuns([runs]);
    const jobs = [...new Set(exampleRunDirs().map((d) => rawEvents(d)[0]!.json.job.name as string))];
    assert.deepEqual(listing.groups.map((g) => g.pipeline).sort(), jobs.sort());
    assert.deepEqual(listing.groups.map((g) => g.label).sort(), jobs.sort());
  });
});
