// The data viewer's table operations: windows in query order, column statistics, sort and filter,
// in-process over Arrow tables and the committed fixtures, and through the tables worker (the
// table stays there; only windows come back), including a file over the viewer's memory bound.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Dictionary, Int32, Table, tableFromArrays, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { openTable, tableRows } from '../../../src/core/tables';
import { FilterSyntaxError, parseFilter } from '../../../src/core/tables/viewQuery';
import { ViewError, ViewWorker } from '../../../src/core/tables/viewClient';
import { TableView } from '../../../src/core/tables/window';

const FILES = path.resolve(__dirname, '../../fixtures/tables/files');
const EXPECTED = path.resolve(__dirname, '../../fixtures/tables/expected');
const expectedRows = (f: string): Record<string, unknown>[] => JSON.parse(fs.readFileSync(path.join(EXPECTED, `${f}.json`), 'utf8')).rows;

function small() {
  return new TableView(tableFromArrays({
    n: Float64Array.from([3, 1, NaN, 2, 1]),
    s: ['b', null, 'A', 'a', 'b'],
  }));
}

describe('tables: data viewer operations (in-process)', () => {
  it('windows rows in file order and clamps at the end', () => {
    const v = small();
    const w = v.window(3, 10);
    assert.equal(w.total, 5);
    assert.deepEqual(w.rowIds, [3, 4]);
    assert.deepEqual(w.rows, [[2, 'a'], [1, 'b']]);
    assert.deepEqual(v.window(5, 3).rows, []);
    assert.throws(() => v.window(-1, 3), /bad window/);
  });

  it('sorts numbers ascending and descending with NaN then nulls last, stably', () => {
    const v = small();
    assert.equal(v.query({ filters: [], sort: { column: 0, descending: false } }), 5);
    assert.deepEqual(v.window(0, 5).rowIds, [1, 4, 3, 0, 2]);
    v.query({ filters: [], sort: { column: 0, descending: true } });
    assert.deepEqual(v.window(0, 5).rowIds, [0, 3, 1, 4, 2]);
    v.query({ filters: [], sort: { column: 1, descending: false } });
    assert.deepEqual(v.window(0, 5).rowIds, [2, 3, 0, 4, 1], 'code-point order, null last');
  });

  it('filters by typed comparisons and text, and combines filters with a sort', () => {
    const v = small();
    const f = (col: number, text: string) => parseFilter(col, text, v.keysOf(col))!;
    assert.equal(v.query({ filters: [f(0, '>= 2')] }), 2);
    assert.deepEqual(v.window(0, 9).rowIds, [0, 3]);
    assert.equal(v.query({ filters: [f(1, 'A')] }), 2, 'contains is case-insensitive');
    assert.equal(v.query({ filters: [f(1, 'null')] }), 1);
    assert.equal(v.query({ filters: [f(1, '!null'), f(0, '1')], sort: { column: 1, descending: true } }), 1);
    assert.deepEqual(v.window(0, 9).rows, [[1, 'b']]);
    assert.equal(v.query({ filters: [f(0, 'nan')] }), 1);
    assert.throws(() => parseFilter(0, '> abc', v.keysOf(0)), FilterSyntaxError);
    v.query({ filters: [] });
    assert.equal(v.total, 5);
  });

  it('computes null, NaN, distinct counts, a histogram and top values', () => {
    const v = small();
    const n = v.stats(0);
    assert.deepEqual([n.nullCount, n.nanCount, n.distinct], [0, 1, 4]);
    assert.equal(n.histogram!.min, '1');
    assert.equal(n.histogram!.max, '3');
    assert.equal(n.histogram!.counts.reduce((a, b) => a + b), 4);
    assert.equal(n.histogram!.counts[0], 2);
    assert.equal(n.histogram!.counts[19], 1);
    const s = v.stats(1);
    assert.deepEqual([s.nullCount, s.distinct], [1, 3]);
    assert.deepEqual(s.top![0], { value: 'b', count: 2 });
  });

  it('matches the committed fixtures: windows equal the expected rows, stats agree with them', async () => {
    for (const file of ['pyarrow-snappy.parquet', 'ipc-zstd.arrow', 'pandas.csv', 'types.parquet']) {
      const { table } = await openTable(path.join(FILES, file));
      const view = new TableView(table);
      const rows = expectedRows(file);
      const names = table.schema.fields.map((f) => f.name);
      const w = view.window(17, 40);
      assert.deepEqual(w.rows.map((r) => Object.fromEntries(r.map((c, i) => [names[i], c]))), rows.slice(17, 57), file);
      names.forEach((name, c) => {
        const st = view.stats(c);
        const values = rows.map((r) => r[name]);
        assert.equal(st.nullCount, values.filter((x) => x === null).length, `${file} ${name} nulls`);
        // Distinct by printed value (exact for these columns: no two keys print alike).
        const printed = new Set(values.filter((x) => x !== null && x !== 'NaN').map((x) => JSON.stringify(x)));
        assert.equal(st.distinct - (st.nanCount ? 1 : 0), printed.size, `${file} ${name} distinct`);
      });
    }
  });

  it('sorts a fixture column the way its values order', async () => {
    const { table } = await openTable(path.join(FILES, 'pyarrow-snappy.parquet'));
    const view = new TableView(table);
    const c = table.schema.fields.findIndex((f) => f.name === 'score');
    view.query({ filters: [parseFilter(c, '!null', view.keysOf(c))!], sort: { column: c, descending: false } });
    const got = view.window(0, 2000).rows.map((r) => r[c]).filter((x) => typeof x === 'number') as number[];
    const want = tableRows(table).map((r) => r.score).filter((x) => typeof x === 'number') as number[];
    assert.deepEqual(got, [...want].sort((a, b) => a - b));
  });
});

describe('tables: data viewer through the tables worker', () => {
  const worker = new ViewWorker();
  let dir: string;
  before(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-viewer-')); });
  after(async () => { await worker.terminate(); fs.rmSync(dir, { recursive: true, force: true }); });

  it('opens each format, answers windows, a query and stats, and closes', async () => {
    for (const file of ['pyarrow-zstd.parquet', 'ipc-lz4.arrows', 'feather-v2.feather', 'pandas.csv']) {
      const info = await worker.open(path.join(FILES, file));
      const rows = expectedRows(file);
      assert.equal(info.rowCount, rows.length, file);
      assert.equal(info.loadedRows, rows.length);
      assert.equal(info.limited, undefined);
      const w = await worker.window(info.handle, 100, 30);
      assert.deepEqual(w.rowIds, Array.from({ length: Math.min(30, rows.length - 100) }, (_, i) => 100 + i));
      const total = await worker.query(info.handle, { filters: [{ column: 0, op: 'notnull' }], sort: { column: 0, descending: true } });
      assert.equal(total, rows.filter((r) => Object.values(r)[0] !== null).length);
      const st = await worker.stats(info.handle, 0);
      assert.equal(st.rows, rows.length);
      await worker.close(info.handle);
      await assert.rejects(worker.window(info.handle, 0, 1), ViewError);
    }
  });

  it('says what is wrong with an unreadable file', async () => {
    const bad = path.join(dir, 'bad.parquet');
    fs.writeFileSync(bad, 'not a parquet file at all');
    await assert.rejects(worker.open(bad), /not a Parquet file/);
    await assert.rejects(worker.open(path.join(dir, 'missing.arrow')), /no such file/);
  });

  it('opens a big CSV with its first lines, then the whole file on load', async () => {
    const csv = path.join(dir, 'long.csv');
    const lines = ['n,s'];
    for (let i = 0; i < 200_000; i++) lines.push(`${i},text${i % 7}`);
    fs.writeFileSync(csv, lines.join('\n') + '\n');
    const info = await worker.open(csv);
    assert.equal(info.rowCount, null);
    assert.ok(info.loadedRows > 1000 && info.loadedRows < 200_000, String(info.loadedRows));
    assert.deepEqual((await worker.window(info.handle, 0, 2)).rows, [[0, 'text0'], [1, 'text1']]);
    const whole = await worker.load(info.handle);
    assert.deepEqual([whole.rowCount, whole.loadedRows], [200_000, 200_000]);
    assert.deepEqual((await worker.window(whole.handle, 199_999, 5)).rows, [[199_999, `text${199_999 % 7}`]]);
    assert.equal((await worker.stats(whole.handle, 1)).distinct, 7);
    await worker.close(info.handle);
  });

  it('reads a CSV over the memory bound one chunk of lines at a time, with the values of the whole file', async () => {
    const big = path.join(dir, 'big.csv');
    const lines = ['a,b'];
    for (let i = 0; i < 20000; i++) lines.push(`${i},row${i}`);
    fs.writeFileSync(big, lines.join('\n') + '\n');
    const info = await worker.open(big, { maxBytes: 64 * 1024 });
    // The first screen from its first lines, then the whole file turns out to be over the bound.
    const loaded = await worker.load(info.handle);
    assert.equal(loaded.streamed, true);
    assert.equal(loaded.rowCount, 20000);
    assert.equal(loaded.loadedRows, 20000);
    assert.match(loaded.limited!, /This CSV is over the viewer's .* memory bound: its rows are read one chunk of about .* at a time as you scroll \(\d+ chunks; column types from the first chunk\)/);
    for (const start of [0, 999, 7777, 19990]) {
      const w = await worker.window(info.handle, start, 50);
      const want = Array.from({ length: Math.min(50, 20000 - start) }, (_, k) => [start + k, `row${start + k}`]);
      assert.deepEqual(w.rows, want, `rows from ${start}`);
      assert.deepEqual(w.rowIds, want.map((r) => r[0]));
    }
    await assert.rejects(worker.queryText(info.handle, [{ column: 1, text: 'row1' }]), /are off/);
    await worker.close(info.handle);
  });

  it('splits a streamed CSV only between records: quoted line feeds, commas and quotes, CRLF, blank last lines', async () => {
    const tricky = path.join(dir, 'tricky.csv');
    const rows: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const text = i % 7 === 0 ? `"line one\nline two, ""quoted"" ${i}"` : i % 5 === 0 ? `"a,b ${i}"` : i % 3 === 0 ? `x"y${i}` : `plain ${i}`;
      rows.push(`${i},${text},${i % 4 === 0 ? '' : (i / 8).toFixed(3)}`);
    }
    fs.writeFileSync(tricky, '"id","text","v"\r\n' + rows.join('\r\n') + '\r\n\r\n\n');
    const whole = await worker.open(tricky, { maxBytes: 64 * 1024 ** 2 });
    await worker.load(whole.handle);
    assert.equal(whole.streamed, undefined);
    const big = await worker.open(tricky, { maxBytes: 48 * 1024 });
    const loaded = await worker.load(big.handle);
    assert.equal(loaded.streamed, true);
    assert.equal(loaded.rowCount, 3000);
    assert.ok(Number(/\((\d+) chunks/.exec(loaded.limited!)![1]) > 3, loaded.limited);
    for (let start = 0; start < 3000; start += 100) {
      const a = await worker.window(big.handle, start, 100);
      const b = await worker.window(whole.handle, start, 100);
      assert.deepEqual(a.rows, b.rows, `values from ${start}`);
    }
    await worker.close(big.handle);
    await worker.close(whole.handle);
  });

  it('reads Arrow IPC over the memory bound one record batch at a time, with the values of the whole file', async () => {
    // Each fixture: 3 record batches (50, 50, 20 rows; a dictionary column, a zoned timestamp, lists),
    // as an IPC file, a stream, LZ4 and ZSTD bodies.
    for (const f of ['ipc-plain.arrow', 'ipc-plain.arrows', 'ipc-lz4.arrows', 'ipc-zstd.arrow']) {
      const whole = await worker.open(path.join(FILES, f));
      const big = await worker.open(path.join(FILES, f), { maxBytes: 9000 });
      assert.equal(whole.streamed, undefined, f);
      assert.equal(big.streamed, true, f);
      assert.equal(big.rowCount, 120, f);
      assert.equal(big.loadedRows, 120, f);
      assert.deepEqual(big.columns, whole.columns, `${f}: the same column types`);
      assert.match(big.limited!, /read one record batch at a time as you scroll \(3 record batches\)/, f);
      for (const [start, count] of [[0, 10], [45, 10], [95, 30], [110, 50], [0, 120]]) {
        const a = await worker.window(big.handle, start, count);
        const b = await worker.window(whole.handle, start, count);
        assert.deepEqual(a.rowIds, b.rowIds, `${f}: rows from ${start}`);
        assert.deepEqual(a.rows, b.rows, `${f}: values from ${start}`);
        assert.equal(a.total, 120);
      }
      await assert.rejects(worker.stats(big.handle, 0), /are off/);
      await worker.close(big.handle);
      await worker.close(whole.handle);
    }
    // apache-arrow's file writer puts the schema only in the footer (no schema message up front), here with a
    // dictionary column, in 6 batches.
    const n = 6000;
    const whole6 = tableFromArrays({ i: Int32Array.from({ length: n }, (_, k) => k), x: Float64Array.from({ length: n }, (_, k) => k / 7) });
    const dict = vectorFromArray(Array.from({ length: n }, (_, k) => `v${k % 13}`), new Dictionary(new Utf8(), new Int32()));
    const t6 = whole6.assign(new Table({ d: dict }));
    const parts = [];
    for (let at = 0; at < n; at += 1000) parts.push(...t6.slice(at, at + 1000).batches);
    const jsFile = path.join(dir, 'js-writer.arrow');
    fs.writeFileSync(jsFile, tableToIPC(new Table(parts), 'file'));
    const jsWhole = await worker.open(jsFile);
    const jsBig = await worker.open(jsFile, { maxBytes: 60_000 });
    assert.equal(jsBig.streamed, true);
    assert.match(jsBig.limited!, /\(6 record batches\)/);
    assert.deepEqual(jsBig.columns, jsWhole.columns);
    for (const start of [0, 990, 3333, n - 40]) {
      const a = await worker.window(jsBig.handle, start, 60);
      assert.deepEqual(a.rows, (await worker.window(jsWhole.handle, start, 60)).rows, `js-writer.arrow from ${start}`);
      assert.deepEqual(a.rows[0], [start, start / 7, `v${start % 13}`]);
    }
    await worker.close(jsBig.handle);
    await worker.close(jsWhole.handle);
    // A single batch over the bound on its own is refused when a window needs it, naming it.
    const one = await worker.open(path.join(FILES, 'ipc-plain.arrow'), { maxBytes: 3000 }).then(
      (info) => worker.window(info.handle, 0, 10),
      (e: Error) => e,
    );
    assert.match(String(one instanceof Error ? one.message : 'opened'), /record batch 0: .*memory bound/);
  });
});
