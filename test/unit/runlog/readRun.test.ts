/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON events read from disk are inspected field by field */
/**
 * readRun against the REAL runs the Python recorder committed under examples/.skewer/runs,
 * cross-checked with an independent parse of the same files, plus damaged copies of them.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { loadLineageArrays } from '../../../src/core/runlog/lineageArrays';
import type { Run } from '../../../src/core/runlog/model';
import { formatProblem, SideFileError } from '../../../src/core/runlog/problem';
import { localProcessAlive, readRun } from '../../../src/core/runlog/readRun';
import { loadSnapshot } from '../../../src/core/runlog/snapshot';
import { statusText as statusTextOf } from '../../../src/core/runlog/summary';
import { exampleRunDirs, rawEvents, richestExampleRun, Scratch } from './helpers';

const isChild = (e: any) => e.run?.facets?.parent !== undefined;

describe('runlog/readRun on the committed example runs', function () {
  this.timeout(30_000); // real runs on disk; a shared CI machine can be slow
  const dirs = exampleRunDirs();

  for (const dir of dirs) {
    describe(path.basename(dir), () => {
      let run: Run;
      let raw: ReturnType<typeof rawEvents>;
      before(async () => {
        const r = await readRun(dir);
        run = r.run;
        raw = rawEvents(dir);
        assert.deepEqual(r.problems.map((p) => formatProblem(p, dir)), [], 'a committed run reads without problems');
      });

      it('matches an independent parse: pipeline, status, one step per child run, seq order', () => {
        const root = raw.filter((e) => !isChild(e.json));
        assert.ok(root.length >= 1);
        assert.equal(run.runId, root[0]!.json.run.runId);
        assert.equal(run.runId, path.basename(dir), 'folder name is the runId');
        assert.equal(run.pipeline, root[0]!.json.job.name);
        const end = root.find((e) => ['COMPLETE', 'FAIL'].includes(e.json.eventType));
        assert.equal(run.status, end ? (end.json.eventType === 'COMPLETE' ? 'complete' : 'failed') : 'incomplete');
        assert.equal(run.isSkewer, true);
        assert.equal(run.formatVersion, root[0]!.json.run.facets.skewer_run.formatVersion);
        assert.equal(run.phase, root[0]!.json.run.facets.skewer_run.phase);
        const childIds = new Set(raw.filter((e) => isChild(e.json)).map((e) => e.json.run.runId));
        assert.equal(run.steps.length, childIds.size);
        const seqs = raw.filter((e) => isChild(e.json) && e.json.eventType === 'START').map((e) => e.json.run.facets.skewer_operator.seq);
        assert.deepEqual(run.steps.map((s) => s.seq), [...seqs].sort((a, b) => a - b));
        for (const s of run.steps) {
          const events = raw.filter((e) => e.json.run.runId === s.runId);
          assert.deepEqual(s.lines, events.map((e) => e.line));
          const end = events.find((e) => e.json.eventType !== 'START')!.json;
          assert.equal(s.function, end.run.facets.skewer_operator.function);
          assert.equal(s.status, end.eventType === 'COMPLETE' ? 'complete' : 'failed');
          const loc = events[0]!.json.job.facets.skewer_codeLocation;
          assert.deepEqual([s.location?.file, s.location?.line, s.location?.col], [loc.file, loc.line, loc.col]);
          const outs = end.outputs ?? [];
          assert.deepEqual(s.outputs.map((o) => o.name), outs.map((o: any) => o.name));
          if (outs[0]?.outputFacets?.outputStatistics) assert.equal(s.rowsOut, outs[0].outputFacets.outputStatistics.rowCount);
        }
      });

      it('links every in-memory input to the step that produced it', () => {
        const produced = new Map<string, number>();
        for (const s of run.steps) {
          for (const i of s.inputs) {
            if (i.namespace !== 'skewer-mem') continue;
            assert.equal(i.producedBy, produced.get(i.name), `${s.function} input ${i.name}`);
          }
          for (const o of s.outputs) produced.set(o.name, s.seq);
        }
        assert.ok(run.steps.some((s) => s.inputs.some((i) => i.producedBy !== undefined)));
      });

      it('loads every lineage array with lengths consistent with the row counts', async () => {
        let checked = 0;
        for (const s of run.steps) {
          for (const o of s.outputs) {
            const lin = o.lineage;
            if (!lin || Object.keys(lin.arrays).length === 0) continue;
            const a = await loadLineageArrays(run.dir, lin);
            const rowsIn = lin.rowsIn;
            const inRange = (arr: Int32Array, n: number) => arr.every((v) => v >= -1 && v < n);
            if (lin.kind === 'select') {
              assert.equal(a.positions!.length, lin.rowsOut);
              assert.ok(inRange(a.positions!, rowsIn[0]!), `${s.function} positions within input`);
            } else if (lin.kind === 'join') {
              assert.equal(a.left!.length, lin.rowsOut);
              assert.equal(a.right!.length, lin.rowsOut);
              assert.ok(inRange(a.left!, rowsIn[0]!) && inRange(a.right!, rowsIn[1]!));
            } else if (lin.kind === 'concat') {
              assert.equal(a.part!.length, lin.rowsOut);
              assert.ok(a.part!.every((p, i) => p >= 0 && p < rowsIn.length && a.positions![i]! < rowsIn[p]!));
            } else if (lin.kind === 'groupby') {
              assert.equal(a.offsets!.length, lin.rowsOut + 1);
              assert.equal(a.members!.length, a.offsets![lin.rowsOut]);
              assert.ok(inRange(a.members!, rowsIn[0]!));
            }
            assert.equal(lin.rowsOut, o.rowCount);
            checked++;
          }
        }
        assert.ok(checked > 0, 'the run has lineage arrays');
      });

      it('loads every snapshot; unsampled numeric columns agree with the recorded stats', async () => {
        let compared = 0;
        for (const s of run.steps) {
          for (const o of s.outputs) {
            if (!o.snapshot) continue;
            const snap = await loadSnapshot(run.dir, o);
            assert.equal(snap.table.numRows, o.snapshot.rows, `${o.snapshot.uri} rows`);
            if (o.snapshot.columns) assert.deepEqual(snap.table.schema.fields.map((f) => f.name), o.snapshot.columns);
            if (o.snapshot.sampled) {
              assert.ok(snap.positions.every((p, i) => p < o.snapshot!.totalRows && (i === 0 || p > snap.positions[i - 1]!)));
            }
            if (!o.stats || o.stats.sampledRows !== undefined) continue;
            // Values written by pandas to_csv, parsed by our CSV reader, must agree with the
            // statistics pandas computed on the full output: exactly when the snapshot holds every
            // row, within [min, max] (and no more nulls) when it is a sample.
            const exact = !o.snapshot.sampled;
            for (const [name, st] of Object.entries(o.stats.columns)) {
              const col = snap.table.getChild(name);
              if (!col || typeof st.min !== 'number' || typeof st.max !== 'number' || !/^(int|float)/.test(st.dtype)) continue;
              let min = Infinity;
              let max = -Infinity;
              let nulls = 0;
              for (const v of col) {
                if (v === null) nulls++;
                else {
                  const n = Number(v);
                  if (n < min) min = n;
                  if (n > max) max = n;
                }
              }
              const tol = (x: number) => 1e-9 * Math.max(1, Math.abs(x));
              const where: string = `${o.snapshot.uri} column ${name}`;
              if (exact) {
                assert.equal(nulls, st.nulls, `${where} nulls`);
                assert.ok(Math.abs(min - st.min) <= tol(st.min), `${where} min ${min} vs ${st.min}`);
                assert.ok(Math.abs(max - st.max) <= tol(st.max), `${where} max ${max} vs ${st.max}`);
              } else {
                assert.ok(nulls <= st.nulls, `${where} nulls ${nulls} > ${st.nulls}`);
                if (nulls < col.length) {
                  assert.ok(min >= st.min - tol(st.min), `${where} min ${min} below ${st.min}`);
                  assert.ok(max <= st.max + tol(st.max), `${where} max ${max} above ${st.max}`);
                }
              }
              compared++;
            }
          }
        }
        assert.ok(run.steps.some((s) => s.snapshot), 'the run has snapshots');
        assert.ok(compared > 0, 'some numeric snapshot column was checked against its stats');
      });
    });
  }
});

describe('runlog/readRun on the special example runs', function () {
  this.timeout(30_000); // real runs on disk; a shared CI machine can be slow
  const rootEnd = (dir: string) => rawEvents(dir).filter((e) => !isChild(e.json)).pop()!.json;

  it('the crashed example: run and failing operator are failed, with message and the user line', async () => {
    const failed = exampleRunDirs().filter((d) => rootEnd(d).eventType === 'FAIL');
    assert.ok(failed.length >= 1, 'the examples include a failing script');
    for (const dir of failed) {
      const end = rootEnd(dir);
      const { run, problems } = await readRun(dir);
      assert.deepEqual(problems, []);
      assert.equal(run.status, 'failed');
      assert.equal(run.error!.message, end.run.facets.errorMessage.message);
      assert.equal(run.error!.stackTrace, end.run.facets.errorMessage.stackTrace);
      assert.equal(run.error!.location!.file, end.run.facets.skewer_codeLocation.file);
      assert.equal(run.error!.location!.line, end.run.facets.skewer_codeLocation.line);
      const failedOps = rawEvents(dir).filter((e) => isChild(e.json) && e.json.eventType === 'FAIL');
      assert.deepEqual(
        run.steps.filter((s) => s.status === 'failed').map((s) => [s.runId, s.error!.message]),
        failedOps.map((e) => [e.json.run.runId, e.json.run.facets.errorMessage.message]),
      );
      assert.match(statusTextOf(run), /^failed: /);
    }
  });

  it('the notebook example: code locations carry the cell index', async () => {
    const nb = exampleRunDirs().filter((d) => rootEnd(d).job.name.endsWith('.ipynb'));
    assert.ok(nb.length >= 1, 'the examples include a notebook run');
    const { run } = await readRun(nb[0]!);
    const raw = rawEvents(nb[0]!).filter((e) => isChild(e.json) && e.json.eventType === 'START');
    assert.deepEqual(
      run.steps.map((s) => s.location?.cell),
      raw.sort((a, b) => a.json.run.facets.skewer_operator.seq - b.json.run.facets.skewer_operator.seq).map((e) => e.json.job.facets.skewer_codeLocation.cell),
    );
    assert.ok(run.steps.every((s) => typeof s.location?.cell === 'number'));
  });
});

describe('runlog/readRun on damaged copies of a real run', function () {
  this.timeout(30_000); // real runs on disk; a shared CI machine can be slow
  let scratch: Scratch;
  let source: string;
  let original: Run;
  beforeEach(async () => {
    scratch = new Scratch();
    source = richestExampleRun();
    original = (await readRun(source)).run;
  });
  afterEach(() => scratch.dispose());

  it('truncated last line (crash mid-write): reported as truncated, earlier steps intact, run incomplete', async () => {
    const dir = scratch.copyRun(source);
    const lines = scratch.lines(dir);
    const last = lines.pop()!;
    scratch.writeLines(dir, [...lines, last.slice(0, Math.floor(last.length / 2))], false);
    const { run, problems } = await readRun(dir);
    assert.deepEqual(problems.map((p) => [p.code, p.line, p.severity, p.message]), [
      ['truncated-last-line', lines.length + 1, 'warning', 'truncated last line (run still writing or crashed)'],
    ]);
    assert.equal(run.status, 'incomplete', 'the pipeline COMPLETE was the cut line');
    assert.equal(run.steps.length, original.steps.length);
    assert.ok(run.steps.every((s) => s.status === 'complete'));
  });

  it('a run still being written: fresh file without end event is running, truncated line is info', async () => {
    const dir = scratch.copyRun(source);
    const lines = scratch.lines(dir);
    // Cut inside the last operator: keep its START, drop its COMPLETE and the pipeline end.
    const parsed = lines.map((l) => JSON.parse(l));
    let lastStart = parsed.length - 1;
    while (!(parsed[lastStart].eventType === 'START' && parsed[lastStart].run.facets.parent)) lastStart--;
    writeFileSync(path.join(dir, 'events.ndjson'), lines.slice(0, lastStart + 1).join('\n') + '\n' + lines[lastStart + 1]!.slice(0, 40));
    const { run, problems } = await readRun(dir);
    assert.equal(run.status, 'running');
    assert.deepEqual(problems.map((p) => [p.code, p.severity]), [['truncated-last-line', 'info']]);
    const last = run.steps[run.steps.length - 1]!;
    assert.equal(last.status, 'running');
    assert.equal(last.outputs.length, 0);
    // The same bytes an hour later: the writer is gone.
    scratch.age(dir);
    const later = await readRun(dir);
    assert.equal(later.run.status, 'incomplete');
    assert.equal(later.run.steps[later.run.steps.length - 1]!.status, 'incomplete');
    assert.equal(later.problems[0]!.severity, 'warning');
  });

  it('a quiet run without end event is running while its recorder process lives (opt-in pid check)', async () => {
    const dir = scratch.copyRun(source);
    const events = scratch.lines(dir).slice(0, -1).map((l) => JSON.parse(l));
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!; // exited: its pid is free
    const write = (pid: number) => {
      events[0].run.facets.skewer_run.pid = pid;
      events[0].run.facets.skewer_run.host = hostname();
      scratch.writeLines(dir, events.map((e: any) => JSON.stringify(e))); // back-dated: quiet for an hour
    };
    write(process.pid);
    assert.equal((await readRun(dir)).run.status, 'incomplete', 'without the check: the 30 s rule');
    assert.equal((await readRun(dir, { isProcessAlive: localProcessAlive })).run.status, 'running');
    write(dead);
    assert.equal((await readRun(dir, { isProcessAlive: localProcessAlive })).run.status, 'incomplete');
    assert.equal(localProcessAlive(process.pid, 'some-other-host'), undefined);
  });

  it('a malformed line in the middle is reported with its line number; everything else still reads', async () => {
    const dir = scratch.copyRun(source);
    const lines = scratch.lines(dir);
    const at = Math.floor(lines.length / 2);
    lines.splice(at, 0, '{"eventType": "COMPLETE", "run": {"runId": ');
    scratch.writeLines(dir, lines);
    const { run, problems } = await readRun(dir);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.code, 'malformed-line');
    assert.equal(problems[0]!.severity, 'error');
    assert.match(formatProblem(problems[0]!, dir), new RegExp(`^events\\.ndjson:${at + 1}: malformed line`));
    assert.equal(run.status, original.status);
    assert.deepEqual(run.steps.map((s) => s.function), original.steps.map((s) => s.function));
  });

  it('events out of order (reversed) give the same steps, statuses and links', async () => {
    const dir = scratch.copyRun(source);
    scratch.writeLines(dir, scratch.lines(dir).reverse());
    const { run, problems } = await readRun(dir);
    assert.deepEqual(problems, []);
    const shape = (r: Run) => r.steps.map((s) => [s.seq, s.function, s.status, s.rowsOut, s.inputs.map((i) => i.producedBy), s.columnsAdded]);
    assert.deepEqual(shape(run), shape(original));
    assert.equal(run.status, original.status);
    assert.equal(run.startedAt, original.startedAt);
    assert.equal(run.endedAt, original.endedAt);
  });

  it('a deleted side file is a problem naming it; the rest of the run stays readable', async () => {
    const dir = scratch.copyRun(source);
    const step = original.steps.find((s) => s.snapshot)!;
    unlinkSync(path.join(dir, step.snapshot!.uri));
    const withLineage = original.steps.find((s) => s.lineage && Object.keys(s.lineage.arrays).length)!;
    const [role, rel] = Object.entries(withLineage.lineage!.arrays)[0]!;
    unlinkSync(path.join(dir, rel));
    const { run, problems } = await readRun(dir);
    assert.deepEqual(
      problems.map((p) => [p.code, p.file]).sort(),
      [['missing-side-file', path.join(dir, step.snapshot!.uri)], ['missing-side-file', path.join(dir, rel)]].sort(),
    );
    assert.match(problems.find((p) => p.file.endsWith(step.snapshot!.uri))!.message, new RegExp(`step ${step.seq} ${step.function.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    const s = run.steps.find((x) => x.seq === step.seq)!;
    assert.equal(s.snapshot!.unavailable, true);
    assert.deepEqual(run.steps.find((x) => x.seq === withLineage.seq)!.lineage!.unavailable, [role]);
    assert.equal(run.steps.length, original.steps.length);
    assert.equal(run.status, original.status);
    await assert.rejects(loadSnapshot(dir, s.outputs[0]!), (e: unknown) => e instanceof SideFileError && e.code === 'missing-side-file');
  });

  it('a side-file path escaping the run folder is refused', async () => {
    const dir = scratch.copyRun(source);
    const lines = scratch.lines(dir);
    const i = lines.findIndex((l) => l.includes('"skewer_snapshot"'));
    const event = JSON.parse(lines[i]!);
    const out = event.outputs.find((o: any) => o.outputFacets?.skewer_snapshot);
    out.outputFacets.skewer_snapshot.uri = '../../outside.csv';
    lines[i] = JSON.stringify(event);
    scratch.writeLines(dir, lines);
    writeFileSync(path.join(scratch.root, 'outside.csv'), 'a\n1\n');
    const { run, problems } = await readRun(dir);
    const refused = problems.filter((p) => p.code === 'unsafe-path');
    assert.equal(refused.length, 1);
    assert.equal(refused[0]!.line, i + 1);
    assert.match(refused[0]!.message, /escapes the run folder/);
    const step = run.steps.find((s) => s.outputs.some((o) => o.snapshot?.uri === '../../outside.csv'))!;
    const ds = step.outputs.find((o) => o.snapshot?.uri === '../../outside.csv')!;
    assert.equal(ds.snapshot!.unavailable, true);
    await assert.rejects(loadSnapshot(dir, ds), (e: unknown) => e instanceof SideFileError && e.code === 'unsafe-path');
  });

  it('formatVersion 2.0: says it is newer, still shows what it can', async () => {
    const dir = scratch.copyRun(source);
    scratch.writeLines(dir, scratch.lines(dir).map((l) => l.replace(/"formatVersion": ?"1\.\d+"/, '"formatVersion":"2.0"')));
    const { run, problems } = await readRun(dir);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.code, 'format-version');
    assert.equal(problems[0]!.severity, 'error');
    assert.equal(problems[0]!.line, 1);
    assert.equal(problems[0]!.message, 'run log format 2.0 is newer than this Skewer supports (1.x); showing what can be read');
    assert.equal(run.formatVersion, '2.0');
    assert.equal(run.steps.length, original.steps.length);
  });

  it('a facet that breaks its schema is reported with line and JSON path', async () => {
    const dir = scratch.copyRun(source);
    const lines = scratch.lines(dir);
    const i = lines.findIndex((l) => JSON.parse(l).run.facets.skewer_operator);
    const event = JSON.parse(lines[i]!);
    event.run.facets.skewer_operator.seq = String(event.run.facets.skewer_operator.seq);
    lines[i] = JSON.stringify(event);
    scratch.writeLines(dir, lines);
    const { problems } = await readRun(dir);
    assert.deepEqual(problems.map((p) => formatProblem(p, dir)), [`events.ndjson:${i + 1}: run.facets.skewer_operator.seq: must be integer`]);
  });

  it('operator START without COMPLETE in a failed pipeline is failed with the run', async () => {
    const dir = scratch.copyRun(source);
    const events = scratch.lines(dir).map((l) => JSON.parse(l));
    const lastChild = events.filter((e: any) => e.run.facets.parent && e.eventType !== 'START').pop();
    const kept = events.filter((e: any) => e !== lastChild);
    const end = kept[kept.length - 1];
    end.eventType = 'FAIL';
    end.run.facets.errorMessage = { _producer: end.producer, _schemaURL: 'https://openlineage.io/spec/facets/1-0-1/ErrorMessageRunFacet.json#/$defs/ErrorMessageRunFacet', message: "KeyError: 'churned'", programmingLanguage: 'python', stackTrace: 'Traceback…' };
    scratch.writeLines(dir, kept.map((e: any) => JSON.stringify(e)));
    const { run } = await readRun(dir);
    assert.equal(run.status, 'failed');
    assert.equal(run.error!.message, "KeyError: 'churned'");
    const s = run.steps.find((x) => x.runId === lastChild.run.runId)!;
    assert.equal(s.status, 'failed');
    assert.match(s.error!.message, /pipeline failed while this step was running/);
  });

  it('lost operator lines and duplicate seq numbers are reported as inconsistent', async () => {
    const dir = scratch.copyRun(source);
    const events = scratch.lines(dir).map((l) => JSON.parse(l));
    const victim = original.steps[1]!;
    const twin = original.steps[2]!;
    const kept = events.filter((e: any) => e.run.runId !== victim.runId);
    for (const e of kept) if (e.run.runId === twin.runId) e.run.facets.skewer_operator.seq = original.steps[3]!.seq;
    scratch.writeLines(dir, kept.map((e: any) => JSON.stringify(e)));
    const { run, problems } = await readRun(dir);
    assert.equal(run.steps.length, original.steps.length - 1);
    assert.deepEqual(problems.map((p) => p.code), ['inconsistent', 'inconsistent']);
    const dup = problems[0]!.message;
    assert.match(dup, new RegExp(`^operators \\S+ \\(line \\d+\\) and \\S+ share seq ${original.steps[3]!.seq}$`));
    assert.ok(dup.includes(twin.runId) && dup.includes(original.steps[3]!.runId), dup);
    assert.equal(problems[1]!.message, `the recorder started ${original.steps.length} operators but ${original.steps.length - 1} are in the log (lines lost?)`);
  });

  it('an events file that cannot be read is a problem, not an exception', async () => {
    const dir = scratch.copyRun(source);
    rmSync(path.join(dir, 'events.ndjson'));
    const { run, problems } = await readRun(dir);
    assert.equal(run.steps.length, 0);
    assert.equal(problems[0]!.code, 'unreadable');
    assert.equal(problems[0]!.file, path.join(dir, 'events.ndjson'));
    void readFileSync;
  });
});
