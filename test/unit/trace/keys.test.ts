/**
 * Trace by key and backward over the recorded test pipeline test/pipelines/trace_keys (oldest and current stack):
 * the fates its make_data.py planted (expected.json) — dropped by the merge, dropped by the filter, found again by
 * key after an unrecorded .reindex, duplicated by oversampling, one record in each split — and key lookup in
 * source files of every format (the table-reader fixtures written by pyarrow, values as pyarrow reads them).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { readRun } from '../../../src/core/runlog';
import type { Run, Step } from '../../../src/core/runlog/model';
import { findKey, keyColumnCandidates, parseKeyQuery, traceByKey, traceRow } from '../../../src/core/trace/byKey';
import { mapBackward, traceBackward } from '../../../src/core/trace/backward';
import { KeyResolver } from '../../../src/core/trace/keyValues';
import { keyColumnChoices, keyValueChoices } from '../../../src/core/trace/keyInput';
import { formatCell, RunFolderTraceSource } from '../../../src/core/trace/source';
import { WorkerTraceSource } from '../../../src/core/trace/workerSource';
import { ViewWorker } from '../../../src/core/tables/viewClient';
import type { TraceResult } from '../../../src/core/trace/trace';

const REPO = path.resolve(__dirname, '../../..');
const expected = JSON.parse(readFileSync(path.join(REPO, 'test/pipelines/trace_keys/expected.json'), 'utf8'));
const L = expected.lines as Record<string, number>;
const i32 = (xs: number[]) => Int32Array.from(xs);

function runDir(stack: string): string {
  const root = path.join(REPO, 'test/fixtures/runs', stack, 'trace_keys');
  const ids = readdirSync(root);
  assert.equal(ids.length, 1, `one recorded run in ${root}`);
  return path.join(root, ids[0]!);
}

const stepAt = (t: TraceResult, line: number, fn?: string) => t.steps.find((s) => s.step.location?.line === line && (!fn || s.step.function.endsWith(fn)));

for (const stack of ['oldest', 'current']) {
  describe(`trace by key over the recorded trace_keys pipeline (${stack} stack)`, () => {
    let run: Run;
    let dir: string;
    before(async () => {
      dir = runDir(stack);
      run = (await readRun(dir)).run;
    });
    const source = () => new RunFolderTraceSource(dir);

    it('records patient_id as the key (found by name and uniqueness) and offers it for lookup', () => {
      assert.deepEqual(run.keys, { mode: 'auto', columns: ['patient_id'] });
      assert.deepEqual(KeyResolver.columnsOf(run), ['patient_id']);
      const candidates = keyColumnCandidates(run);
      assert.ok(candidates.includes('patient_id') && candidates.includes('doctor_id'), candidates.join());
      // stored where the key enters (the two sources, the step after the reindex), derived everywhere else
      const stored = run.steps.flatMap((s) => s.outputs.filter((o) => o.keys?.stored).map(() => s.location?.line));
      assert.deepEqual(stored, [L.read_patients, L.read_patients! + 1, L.dropna]);
      const proba = run.steps.find((s) => s.function.endsWith('predict_proba'))!;
      assert.deepEqual(proba.outputs[0]!.keys, { columns: ['patient_id'] });
    });

    it('offers the key and id-like columns while the user types column=value, and values of the typed column', async () => {
      const choices = keyColumnChoices(run);
      assert.deepEqual(choices[0], { column: 'patient_id', description: 'key column, 400 distinct' });
      const doctor = choices.find((c) => c.column === 'doctor_id');
      assert.match(doctor?.description ?? '', /^id-like column of visits\.csv, \d+ distinct$/);
      // every patient is in the stored key column, sampled or not
      const values = await keyValueChoices(run, source(), 'patient_id', String(expected.mergeDropped), 3);
      assert.deepEqual(values, [String(expected.mergeDropped), `${expected.mergeDropped}0`, `${expected.mergeDropped}1`]);
      assert.deepEqual(await keyValueChoices(run, source(), 'patient_id', '1', 4), ['1', '10', '11', '12']);
      assert.deepEqual(await keyValueChoices(run, source(), 'patient_id', 'x'), []);
      // a non-key column: values from the source's snapshot rows
      const docs = await keyValueChoices(run, source(), 'doctor_id', '');
      assert.ok(docs.length > 0 && docs.every((d) => /^\d+$/.test(d)), docs.join());
      assert.deepEqual(await keyValueChoices(run, source(), 'no_such_column', ''), []);
    });

    it(`patient ${expected.mergeDropped} (no visit) is dropped by the merge`, async () => {
      const r = await traceByKey(run, 'patient_id', String(expected.mergeDropped), source());
      assert.ok(r.ok, !r.ok ? r.reason : '');
      assert.equal(r.trace.steps[0]!.fate, 'start');
      assert.equal(r.trace.steps.filter((s) => s.fate === 'start').length, 1, 'only patients.csv holds it');
      const last = r.trace.steps[r.trace.steps.length - 1]!;
      assert.equal(last.fate, 'dropped');
      assert.equal(last.step.location?.line, L.merge);
    });

    it(`patient ${expected.filterDropped} (age 15) is found in both sources and dropped by the age filter`, async () => {
      const r = await traceByKey(run, 'patient_id', String(expected.filterDropped), source());
      assert.ok(r.ok);
      assert.equal(r.trace.steps.filter((s) => s.fate === 'start').length, 2);
      assert.equal(stepAt(r.trace, L.merge)!.fate, 'joined');
      const last = r.trace.steps[r.trace.steps.length - 1]!;
      assert.deepEqual([last.fate, last.step.location?.line], ['dropped', L.filter]);
    });

    it(`patient ${expected.train} survives the unrecorded reindex by key, lands in train and is duplicated by oversampling`, async () => {
      const r = await traceByKey(run, 'patient_id', String(expected.train), source());
      assert.ok(r.ok);
      const again = stepAt(r.trace, L.dropna)!;
      assert.match(again.fateText, /found again by patient_id = 12 \(lineage lost here: .*does not record/);
      const split = stepAt(r.trace, L.split)!;
      assert.equal(split.fate, 'split');
      assert.deepEqual(split.outputs.map((o) => [o.port, o.positions]), [['train', [expected.trainPositionOf12]], ['test', []]]);
      const dup = stepAt(r.trace, L.oversample, 'concat')!;
      assert.equal(dup.fate, 'duplicated');
      assert.equal(dup.outputs[0]!.positions.length, 2);
      assert.equal(dup.outputs[0]!.rows, expected.oversampledRows);
      assert.equal(r.trace.steps[r.trace.steps.length - 1]!.fate, 'consumed');
    });

    it(`patient ${expected.test} lands in the test split and reaches the predictions`, async () => {
      const r = await traceByKey(run, 'patient_id', String(expected.test), source());
      assert.ok(r.ok);
      const split = stepAt(r.trace, L.split)!;
      assert.deepEqual(split.outputs.map((o) => [o.port, o.positions]), [['train', []], ['test', [expected.testPositionOf390]]]);
      const proba = r.trace.steps.find((s) => s.step.function.endsWith('predict_proba'))!;
      assert.deepEqual(proba.outputs[0]!.positions, [expected.testPositionOf390]);
    });

    it('a key that matches nothing says so and names what was searched; an unknown column lists the key columns', async () => {
      const none = await traceByKey(run, 'patient_id', '9999', source());
      assert.ok(!none.ok);
      assert.match(none.reason, /^patient_id = 9999 matches no row of .*patients\.csv.*visits\.csv/);
      const col = await traceByKey(run, 'nope', '1', source());
      assert.ok(!col.ok);
      assert.match(col.reason, /nope is not a column of any source or key of this run \(key columns: patient_id, doctor_id\)/);
    });

    it('backward from a prediction row: through the split, past the reindex by key, to both source rows', async () => {
      const proba = run.steps.find((s) => s.function.endsWith('predict_proba'))!;
      const t = await traceBackward(run, { dataset: proba.outputs[0]!.name, position: expected.testPositionOf390 }, source());
      assert.deepEqual(t.problems, []);
      const sources = t.steps.filter((s) => s.step.kind === 'source');
      assert.deepEqual(sources.map((s) => s.outputs[0]!.positions), [[expected.sourceRowOf390], [expected.sourceRowOf390 - 1]]);
      assert.match(sources[0]!.fateText, /found again by patient_id = 390: source row 389 of patients\.csv/);
      assert.match(stepAt(t, L.dropna)!.fateText, /lineage lost here .*source rows found again by patient_id = 390/);
      assert.equal(t.steps[t.steps.length - 1]!.fate, 'start');
      // pipeline order
      assert.deepEqual(t.steps.map((s) => s.step.seq), [...t.steps.map((s) => s.step.seq)].sort((a, b) => a - b));
    });

    it('a trace by row re-finds its record by key; without the key it says where and why lineage stops', async () => {
      const src0 = run.steps[0]!.outputs[0]!.name;
      const withKey = await traceRow(run, { dataset: src0, position: 5 }, source());
      assert.ok(stepAt(withKey, L.split), 'reaches the split');
      const noKeys: Run = { ...run, keys: undefined, steps: run.steps.map((s) => ({ ...s, outputs: s.outputs.map(({ keys: _k, ...o }) => o) })) };
      const t = await traceRow(noKeys, { dataset: src0, position: 5 }, source());
      const last = t.steps[t.steps.length - 1]!;
      assert.equal(last.fate, 'gap');
      assert.equal(last.step.location?.line, L.dropna);
      assert.match(last.fateText, /lineage lost at drop rows with missing values \(line 15\): it reads an object \(ext1\), made by code Skewer does not record \(e\.g\. \.reindex.*after reset index \(line 13\)/);
      assert.match(t.problems.join('\n'), /trace stops at step \d+ \(DataFrame\.dropna\)/);
    });

    it('prediction columns are named after their port, never mixed with features called 0 / 1', async () => {
      const proba = run.steps.find((s) => s.function.endsWith('predict_proba'))!;
      const out = proba.outputs[0]!;
      const rows = await source().rows(out, 2);
      const t = await traceBackward(run, { dataset: out.name, position: rows[1]!.position }, source());
      const cells = t.steps[t.steps.length - 1]!.cells!;
      assert.deepEqual(cells.map((c) => c.column), ['proba 0', 'proba 1']);
    });
  });
}

describe('key lookup in source files (CSV, Parquet, Arrow written by pyarrow)', () => {
  const FILES = path.join(REPO, 'test/fixtures/tables');
  const fixture = (f: string) => JSON.parse(readFileSync(path.join(FILES, 'expected', `${f}.json`), 'utf8')) as { rowCount: number; schema: { name: string; type: string }[]; rows: Record<string, unknown>[] };
  /** A one-step run that read `file` (what readRun builds for a read_csv / read_parquet step). */
  function runReading(file: string, rowCount: number, schema: { name: string; type: string }[]): Run {
    const step: Step = {
      runId: 'r1', seq: 0, jobName: 'j', function: 'read_table', library: 'pandas', kind: 'source', status: 'complete',
      inputs: [{ namespace: 'file', name: path.join(FILES, 'files', file) }],
      outputs: [{ namespace: 'skewer-mem', name: 'run/0.out', port: 'out', rowCount, schema, lineage: { kind: 'identity', inputs: ['f'], rowsIn: [rowCount], rowsOut: rowCount, arrays: {} } }],
      rowsIn: [rowCount], columnsAdded: [], columnsRemoved: [], lines: [1], location: { file: 'p.py', line: 3, col: 1, endLine: 3, endCol: 2 },
    };
    return { runId: 'run', dir: FILES, eventsFile: '', pipeline: 'p.py', jobNamespace: 'skewer', phase: 'train', status: 'complete', steps: [step], producer: '', isSkewer: true, modifiedAt: 0 };
  }
  const positionsOf = (rows: Record<string, unknown>[], col: string, v: unknown) => rows.flatMap((r, i) => (r[col] === v ? [i] : []));

  for (const file of ['pandas.csv', 'pyarrow-snappy.parquet', 'ipc-plain.arrow', 'ipc-zstd.arrow']) {
    it(`${file}: integer and text keys, one row, several rows, none`, async () => {
      const fx = fixture(file);
      const run = runReading(file, fx.rowCount, fx.schema);
      const src = new RunFolderTraceSource(FILES);
      const id = fx.rows[7]!.id;
      const byId = await findKey(run, 'id', String(id), src);
      assert.deepEqual(byId.problems, []);
      assert.deepEqual(byId.matches.map((m) => [m.via, m.positions]), [['source file', positionsOf(fx.rows, 'id', id)]]);
      const name = fx.rows[1]!.name as string;
      assert.deepEqual((await findKey(run, 'name', name, src)).matches[0]!.positions, positionsOf(fx.rows, 'name', name));
      const small = await traceByKey(run, 'small', String(fx.rows[3]!.small), src);
      const expectedRows = positionsOf(fx.rows, 'small', fx.rows[3]!.small);
      if (expectedRows.length > 1) {
        assert.ok(!small.ok && small.ambiguous);
        assert.deepEqual(small.ambiguous.positions, expectedRows);
        assert.match(small.reason, new RegExp(`matches ${expectedRows.length} rows of .*${file.replace('.', '\\.')} \\(rows ${expectedRows.slice(0, 3).join(', ')}`));
      } else assert.ok(small.ok);
      const none = await traceByKey(run, 'id', '-987654321', src);
      assert.ok(!none.ok && /matches no row of/.test(none.reason));
      if (fx.schema.some((c) => c.name === 'city')) {
        const lyon = positionsOf(fx.rows, 'city', 'Lyon');
        assert.deepEqual((await findKey(run, 'city', 'Lyon', src)).matches[0]!.positions, lyon, 'dictionary-encoded text');
      }
    });
  }

  for (const file of ['types.parquet', 'types.arrow']) {
    it(`${file}: a source row shows every Arrow type as skewer show does (decimals exact, times as ISO text)`, async () => {
      const fx = fixture(file);
      const run = runReading(file, fx.rowCount, fx.schema);
      const want = (p: number) => Object.fromEntries(fx.schema.map((c) => [c.name, formatCell(fx.rows[p]![c.name])]));
      for (let p = 0; p < fx.rowCount; p++) assert.deepEqual(await new RunFolderTraceSource(FILES).sourceRow(run.steps[0]!, p), want(p), `row ${p}`);
    });
  }

  describe('searched in the tables worker (WorkerTraceSource, what the extension uses): the same rows and values', () => {
    const worker = new ViewWorker();
    after(() => worker.terminate());
    for (const file of ['pandas.csv', 'pyarrow-snappy.parquet', 'ipc-plain.arrow']) {
      it(file, async () => {
        const fx = fixture(file);
        const run = runReading(file, fx.rowCount, fx.schema);
        const heard: string[] = [];
        const src = new WorkerTraceSource(FILES, worker, (m) => heard.push(m));
        const here = new RunFolderTraceSource(FILES);
        for (const [col, row] of [['id', 7], ['name', 1], ['small', 3], ['id', -1]] as const) {
          const value = row < 0 ? '-987654321' : String(fx.rows[row]![col]);
          const a = await findKey(run, col, value, src);
          const b = await findKey(run, col, value, here);
          assert.deepEqual(a.problems, b.problems, `${col} = ${value}`);
          assert.deepEqual(a.matches.map((m) => m.positions), b.matches.map((m) => m.positions), `${col} = ${value}`);
        }
        assert.deepEqual(await findKey(run, 'id', 'not-a-number', src).then((r) => r.matches), []);
        // values as pyarrow reads them (decimals, dates and zoned timestamps in their own notation)
        const want = (p: number) => Object.fromEntries(fx.schema.map((c) => [c.name, formatCell(fx.rows[p]![c.name])]));
        for (const p of [0, 5, fx.rowCount - 1]) assert.deepEqual(await src.sourceRow(run.steps[0]!, p), want(p), `row ${p}`);
        for (const p of [0, 5, fx.rowCount - 1]) assert.deepEqual(await here.sourceRow(run.steps[0]!, p), want(p), `row ${p} on the host thread (the CLI)`);
        assert.equal(await src.sourceRow(run.steps[0]!, fx.rowCount), undefined);
        assert.ok(heard.some((m) => m.startsWith(`reading ${file}`)), heard.join(' | '));
        await src.dispose();
      });
    }
    it('a missing file is a problem naming it, the same way', async () => {
      const run = runReading('gone.csv', 3, [{ name: 'id', type: 'int64' }]);
      const r = await traceByKey(run, 'id', '1', new WorkerTraceSource(FILES, worker));
      assert.ok(!r.ok);
      assert.match(r.lookup.problems.join(), /gone\.csv.*(no such file|ENOENT)/i);
      assert.doesNotMatch(r.lookup.problems.join(), /gone\.csv: .*gone\.csv/, 'the path once');
    });
    it('a changed file is refused the same way', async () => {
      const fx = fixture('pandas.csv');
      const run = runReading('pandas.csv', fx.rowCount + 5, fx.schema);
      const r = await findKey(run, 'id', String(fx.rows[1]!.id), new WorkerTraceSource(FILES, worker));
      assert.deepEqual(r.matches, []);
      assert.match(r.problems.join(), /has 120 rows now but 125 when the run read it: it changed since/);
    });
  });

  it('a source file that changed since the run is refused, not matched', async () => {
    const fx = fixture('pandas.csv');
    const run = runReading('pandas.csv', fx.rowCount + 5, fx.schema);
    const r = await findKey(run, 'id', String(fx.rows[1]!.id), new RunFolderTraceSource(FILES));
    assert.deepEqual(r.matches, []);
    assert.match(r.problems.join(), /has 120 rows now but 125 when the run read it: it changed since/);
  });

  it('a missing source file is a problem with its path', async () => {
    const run = runReading('gone.csv', 3, [{ name: 'id', type: 'int64' }]);
    const r = await traceByKey(run, 'id', '1', new RunFolderTraceSource(FILES));
    assert.ok(!r.ok);
    assert.match(r.lookup.problems.join(), /gone\.csv.*no such file/);
    assert.doesNotMatch(r.lookup.problems.join(), /gone\.csv: .*gone\.csv/, 'the path once');
  });
});

describe('mapBackward and parseKeyQuery', () => {
  it('reads each lineage kind in reverse', () => {
    assert.deepEqual(mapBackward('identity', {}, 2, [3]), { byInput: [[3], [3]], synthetic: 0 });
    assert.deepEqual(mapBackward('select', { positions: i32([4, -1, 2]) }, 1, [0, 1]), { byInput: [[4]], synthetic: 1 });
    assert.deepEqual(mapBackward('join', { left: i32([0, 1]), right: i32([-1, 7]) }, 2, [0, 1]), { byInput: [[0, 1], [7]], synthetic: 0 });
    assert.deepEqual(mapBackward('concat', { part: i32([0, 1]), positions: i32([5, 6]) }, 2, [1]), { byInput: [[], [6]], synthetic: 0 });
    assert.deepEqual(mapBackward('groupby', { offsets: i32([0, 2, 3]), members: i32([4, 1, 0]) }, 1, [0]), { byInput: [[1, 4]], synthetic: 0 });
    assert.equal(mapBackward('opaque', {}, 1, [0]), undefined);
  });
  it('parses column=value with spaces, quotes and = in the value', () => {
    assert.deepEqual(parseKeyQuery(' patient_id = 38 '), { column: 'patient_id', value: '38' });
    assert.deepEqual(parseKeyQuery('code="a=b"'), { column: 'code', value: 'a=b' });
    assert.equal(parseKeyQuery('patient_id'), undefined);
    assert.equal(parseKeyQuery('patient_id='), undefined);
  });
});
