// The data viewer's first screen of a Parquet file (parquetHead.ts): a small Parquet file made of
// the pages that hold the first rows, with the original footer rewritten. Its first rows must be
// exactly the whole file's first rows (same types, same values) for every committed Parquet
// fixture and for a file pyarrow writes now with many small pages, several row groups, v1 and v2
// data pages, nulls, dictionaries, a list column, decimals and a zoned timestamp in seconds.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tableRows } from '../../../src/core/tables';
import { DecodeRefusal } from '../../../src/core/tables/bounds';
import { decodeParquet } from '../../../src/core/tables/parquet';
import { parquetHeadFile } from '../../../src/core/tables/parquetHead';
import { columnsOf } from '../../../src/core/tables/index';
import { ViewWorker } from '../../../src/core/tables/viewClient';
import { pyarrowPython } from './pyarrowPython';

const FILES = path.resolve(__dirname, '../../fixtures/tables/files');
const MAX = 512 * 1024 ** 2;

async function sameHead(file: string, head: number): Promise<{ dataBytes: number; size: number } | undefined> {
  const bytes = new Uint8Array(fs.readFileSync(file));
  const small = await parquetHeadFile(file, head);
  if (!small) return undefined;
  const want = await decodeParquet(bytes, { head, maxBytes: MAX });
  const got = await decodeParquet(small.bytes, { head, maxBytes: MAX });
  assert.equal(small.rowCount, want.rowCount, `${path.basename(file)}: row count`);
  assert.deepEqual(columnsOf(got.table), columnsOf(want.table), `${path.basename(file)}: column types`);
  assert.equal(got.table.numRows, want.table.numRows, `${path.basename(file)} head ${head}: rows`);
  assert.deepEqual(tableRows(got.table), tableRows(want.table), `${path.basename(file)} head ${head}: values`);
  return { dataBytes: small.dataBytes, size: bytes.length };
}

describe('tables: first rows of a Parquet file from the pages that hold them', () => {
  it('gives the same first rows as the whole file for every committed Parquet fixture', async () => {
    const files = fs.readdirSync(FILES).filter((f) => f.endsWith('.parquet') && !f.startsWith('bomb'));
    assert.ok(files.length >= 6);
    let made = 0;
    for (const f of files) {
      for (const head of [1, 7, 1000]) {
        // Small fixtures may not be worth cutting (undefined): then the viewer reads them whole.
        if (await sameHead(path.join(FILES, f), head)) made++;
      }
    }
    assert.ok(made > 0, 'at least one fixture is cut');
  });

  it('refuses what is not a plain Parquet file, with the reason', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-phead-'));
    try {
      const good = fs.readFileSync(path.join(FILES, 'pyarrow-snappy.parquet'));
      const cases: [string, Uint8Array, RegExp][] = [
        ['short.parquet', good.subarray(0, 8), /too short/],
        ['truncated.parquet', good.subarray(0, good.length - 100), /footer magic|exceeds the file|unreadable Parquet footer/],
        ['pare.parquet', Buffer.concat([good.subarray(0, good.length - 4), Buffer.from('PARE')]), /encrypted/],
        ['csv.parquet', Buffer.from('a,b\n1,2\n3,4\n5,6\n'), /not a Parquet file/],
      ];
      for (const [name, bytes, re] of cases) {
        fs.writeFileSync(path.join(dir, name), bytes);
        await assert.rejects(parquetHeadFile(path.join(dir, name), 10), (e: unknown) => e instanceof DecodeRefusal && re.test(e.reason), name);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  describe('a file pyarrow writes now', function () {
    const python = pyarrowPython();
    let dir: string;
    before(function () {
      if (!python) {
        console.log('      (no Python with pyarrow: set SKEWER_PYARROW_PYTHON, or create the venv of docs/table-readers.md)');
        this.skip();
      }
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-phead-pa-'));
      const script = String.raw`
import sys, datetime, decimal, random
import pyarrow as pa, pyarrow.parquet as pq
random.seed(5)
n = 30000
t = pa.table({
  'i': pa.array(range(n), pa.int64()),
  'x': pa.array([None if k % 17 == 0 else random.random() for k in range(n)], pa.float64()),
  's': pa.array([None if k % 13 == 0 else 'v%d' % (k % 300) for k in range(n)]),
  'l': pa.array([[k, k + 1][: k % 3] if k % 11 else None for k in range(n)], pa.list_(pa.int32())),
  'd': pa.array([decimal.Decimal(k) / 100 for k in range(n)], pa.decimal128(12, 2)),
  'z': pa.array([datetime.datetime(2024, 1, 1) + datetime.timedelta(seconds=k) for k in range(n)], pa.timestamp('s', tz='Europe/Paris')),
})
d = sys.argv[1]
pq.write_table(t, d + '/v1.parquet', row_group_size=12000, data_page_size=4096, write_page_index=False)
pq.write_table(t, d + '/v2.parquet', row_group_size=12000, data_page_size=4096, data_page_version='2.0', compression='zstd')
pq.write_table(t, d + '/one.parquet', data_page_size=2048, use_dictionary=False, compression='none')
`;
      const r = spawnSync(python!, ['-c', script, dir], { encoding: 'utf8', timeout: 120_000 });
      assert.equal(r.status, 0, r.stderr);
    });
    after(() => { if (dir) fs.rmSync(dir, { recursive: true, force: true }); });

    for (const name of ['v1.parquet', 'v2.parquet', 'one.parquet']) {
      it(`${name}: the first rows equal the whole file's, reading a small part of it`, async () => {
        for (const head of [1, 999, 1000, 12000, 12001]) {
          const r = await sameHead(path.join(dir, name), head);
          if (head <= 1000) {
            assert.ok(r, `${name} head ${head} is cut`);
            assert.ok(r.dataBytes < r.size / 2, `${name} head ${head}: ${r.dataBytes} of ${r.size} bytes`);
          }
        }
      });
    }

    it('shows a file streamed by row group (over the memory bound) with the types and values of the whole file, zones too', async () => {
      const worker = new ViewWorker();
      try {
        const file = path.join(dir, 'v2.parquet');
        const whole = await worker.open(file);
        await worker.load(whole.handle);
        const big = await worker.open(file, { maxBytes: 1_000_000 });
        const streamed = await worker.load(big.handle);
        assert.equal(streamed.streamed, true);
        assert.deepEqual(streamed.columns, (await worker.load(whole.handle)).columns, 'column types (the zone of z)');
        assert.match(streamed.columns.find((c) => c.name === 'z')!.type, /Europe\/Paris/);
        for (const start of [0, 11990, 29990]) {
          const a = await worker.window(big.handle, start, 20);
          const b = await worker.window(whole.handle, start, 20);
          assert.deepEqual(a.rows, b.rows, `values from ${start}`);
        }
      } finally {
        await worker.terminate();
      }
    });

    it('keeps the zone of a timestamp stored in seconds (restored from the embedded Arrow schema)', async () => {
      const small = await parquetHeadFile(path.join(dir, 'v2.parquet'), 5);
      const { table } = await decodeParquet(small!.bytes, { head: 5, maxBytes: MAX });
      const z = columnsOf(table).find((c) => c.name === 'z')!;
      assert.match(z.type, /Europe\/Paris/);
      assert.equal(tableRows(table)[1].z, '2024-01-01T00:00:01.000Z');
    });
  });
});
