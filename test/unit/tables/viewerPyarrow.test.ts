// The data viewer over a Parquet file pyarrow writes now (several row groups, nulls, NaN, dates,
// timestamps), checked against what pyarrow computes on the same table: null and distinct counts,
// min and max, the sort order (pyarrow's sort_indices: NaN after numbers, nulls last) and filter
// counts; and the first-screen open (the first rows, then the rest on the first request past them).
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FIRST_ROWS } from '../../../src/core/tables/viewHost';
import { ViewWorker } from '../../../src/core/tables/viewClient';
import { pyarrowPython } from './pyarrowPython';

const SCRIPT = String.raw`
import json, sys, math, datetime
import pyarrow as pa, pyarrow.parquet as pq, pyarrow.compute as pc
import random
random.seed(int(sys.argv[2]))
n = 5000
x = [None if random.random() < 0.05 else (float('nan') if random.random() < 0.01 else random.uniform(-1, 2)) for _ in range(n)]
k = [None if random.random() < 0.1 else 'a%d' % random.randint(0, 40) for _ in range(n)]
d = [datetime.date(2020, 1, 1) + datetime.timedelta(days=random.randint(0, 900)) for _ in range(n)]
t = pa.array([datetime.datetime(2021, 5, 1) + datetime.timedelta(seconds=random.randint(0, 10**7)) for _ in range(n)], pa.timestamp('us'))
table = pa.table({'x': pa.array(x, pa.float64()), 'k': k, 'd': pa.array(d, pa.date32()), 't': t})
pq.write_table(table, sys.argv[1], row_group_size=700)
def stats(col):
    vals = table[col].to_pylist()
    valid = [v for v in vals if v is not None]
    finite = [v for v in valid if not (isinstance(v, float) and math.isnan(v))]
    return {'nulls': len(vals) - len(valid), 'distinct': len(set(finite)) + (1 if len(finite) < len(valid) else 0),
            'min': str(min(finite)) if col != 't' else min(finite).isoformat(), 'max': str(max(finite)) if col != 't' else max(finite).isoformat()}
out = {'rows': n, 'stats': {c: stats(c) for c in ['x', 'k', 'd', 't']},
       'sortX': pc.sort_indices(table, sort_keys=[('x', 'ascending')], null_placement='at_end').to_pylist(),
       'sortKDesc': pc.sort_indices(table, sort_keys=[('k', 'descending')], null_placement='at_end').to_pylist(),
       'gtHalf': pc.sum(pc.greater(table['x'], 0.5)).as_py(),
       'kContainsA1': sum(1 for v in k if v is not None and 'a1' in v),
       'dFrom2021': pc.sum(pc.greater_equal(table['d'], pa.scalar(datetime.date(2021, 1, 1)))).as_py()}
print(json.dumps(out))
`;

describe('tables: data viewer over a file pyarrow writes now', function () {
  const python = pyarrowPython();
  const seed = Number(process.env.SKEWER_TABLES_SEED ?? Math.floor(Math.random() * 1e6));
  const worker = new ViewWorker();
  let dir: string;
  let file: string;
  let expected: {
    rows: number; stats: Record<string, { nulls: number; distinct: number; min: string; max: string }>;
    sortX: number[]; sortKDesc: number[]; gtHalf: number; kContainsA1: number; dFrom2021: number;
  };

  before(function () {
    if (!python) {
      console.log('      (no Python with pyarrow: set SKEWER_PYARROW_PYTHON, or create the venv of docs/table-readers.md)');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-viewer-pa-'));
    file = path.join(dir, 'fresh.parquet');
    const r = spawnSync(python!, ['-c', SCRIPT, file, String(seed)], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    expected = JSON.parse(r.stdout);
  });
  after(async () => {
    await worker.terminate();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`opens with the first screen, then the whole file (seed ${seed}; rerun with SKEWER_TABLES_SEED=${seed})`, async () => {
    const info = await worker.open(file);
    assert.equal(info.rowCount, expected.rows);
    assert.equal(info.loadedRows, expected.rows);
    assert.ok(FIRST_ROWS < expected.rows);
    const head = await worker.window(info.handle, 0, 50);
    assert.deepEqual(head.rowIds, Array.from({ length: 50 }, (_, i) => i));
    const tail = await worker.window(info.handle, expected.rows - 10, 50);
    assert.deepEqual(tail.rowIds, Array.from({ length: 10 }, (_, i) => expected.rows - 10 + i), 'rows past the first screen decode on demand');
    const whole = await worker.load(info.handle);
    assert.equal(whole.loadedRows, expected.rows);
    await worker.close(info.handle);
  });

  it('statistics, sort and filter agree with pyarrow', async () => {
    const info = await worker.open(file);
    const col = (name: string) => info.columns.findIndex((c) => c.name === name);
    for (const name of ['x', 'k', 'd', 't']) {
      const st = await worker.stats(info.handle, col(name));
      const want = expected.stats[name];
      assert.equal(st.nullCount, want.nulls, `${name} nulls`);
      assert.equal(st.distinct, want.distinct, `${name} distinct`);
      if (name === 'x') {
        assert.equal(Number(st.histogram!.min), Number(want.min));
        assert.equal(Number(st.histogram!.max), Number(want.max));
        assert.equal(st.histogram!.counts.reduce((a, b) => a + b), expected.rows - want.nulls - st.nanCount);
      }
      if (name === 'd') assert.deepEqual([st.histogram!.min, st.histogram!.max], [want.min, want.max]);
      if (name === 't') assert.deepEqual([st.histogram!.min.slice(0, 19), st.histogram!.max.slice(0, 19)], [want.min.slice(0, 19), want.max.slice(0, 19)]);
    }
    await worker.query(info.handle, { filters: [], sort: { column: col('x'), descending: false } });
    assert.deepEqual((await worker.window(info.handle, 0, expected.rows)).rowIds, expected.sortX.slice(0, 2000));
    assert.deepEqual((await worker.window(info.handle, 2000, 2000)).rowIds, expected.sortX.slice(2000, 4000));
    await worker.query(info.handle, { filters: [], sort: { column: col('k'), descending: true } });
    // pyarrow breaks ties by position too (a stable sort).
    assert.deepEqual((await worker.window(info.handle, 0, 2000)).rowIds, expected.sortKDesc.slice(0, 2000));
    assert.equal(await worker.queryText(info.handle, [{ column: col('x'), text: '> 0.5' }]), expected.gtHalf);
    assert.equal(await worker.queryText(info.handle, [{ column: col('k'), text: 'A1' }]), expected.kContainsA1);
    assert.equal(await worker.queryText(info.handle, [{ column: col('d'), text: '>= 2021-01-01' }]), expected.dFrom2021);
    await assert.rejects(worker.queryText(info.handle, [{ column: col('x'), text: '> lots' }]), /filter on x: "lots" is not a number/);
    await worker.close(info.handle);
  });

  it('streams a file over the memory bound one row group at a time, with the same values', async () => {
    const whole = await worker.open(file);
    const big = await worker.open(file, { maxBytes: 60_000 });
    assert.equal(big.rowCount, expected.rows);
    // The first screen comes from the first rows; past them the file turns out to be over the bound.
    const loaded = await worker.load(big.handle);
    assert.equal(loaded.streamed, true);
    assert.match(loaded.limited!, /read one row group at a time as you scroll \(8 row groups\); sort, filter and column statistics need the whole table/);
    for (const start of [0, 650, 2795, expected.rows - 30]) {
      const a = await worker.window(big.handle, start, 100);
      const b = await worker.window(whole.handle, start, 100);
      assert.deepEqual(a.rowIds, b.rowIds, `rows from ${start}`);
      assert.deepEqual(a.rows, b.rows, `values from ${start}`);
    }
    assert.equal(await worker.queryText(big.handle, []), expected.rows);
    await assert.rejects(worker.queryText(big.handle, [], { column: 0, descending: false }), /sort, filter and column statistics are off/);
    await assert.rejects(worker.stats(big.handle, 0), /are off/);
    await worker.close(big.handle);
    await worker.close(whole.handle);
  });
});
