// Parquet decoded in row ranges by several workers (the split openTable uses for big files):
// the parts, merged in order, read exactly as one decode of the whole file, whatever the row
// groups, encodings and codecs; the memory bound still counts the whole file.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Float64, Int64, makeData, RecordBatch, Schema, Field, Struct, Table, tableToIPC, Utf8, vectorFromArray } from 'apache-arrow';
import { DecodeWorker } from '../../../src/core/tables/decodeWorker';
import { openTable, parquetSplit, SPLIT_BYTES, tableRows } from '../../../src/core/tables';
import { rowRange } from '../../../src/core/tables/parquet';

const FILES = path.resolve(__dirname, '../../fixtures/tables/files');
const shared = (bytes: Uint8Array) => {
  const s = new Uint8Array(new SharedArrayBuffer(bytes.length));
  s.set(bytes);
  return s;
};

describe('tables: Parquet decoded in parts', () => {
  const workers = [new DecodeWorker(), new DecodeWorker(), new DecodeWorker()];
  after(() => Promise.all(workers.map((w) => w.terminate())));

  it('splits the rows into contiguous ranges that cover the file once', () => {
    for (const [rows, of] of [[0, 2], [1, 2], [7, 3], [1_000_001, 2], [5, 8]]) {
      let next = 0;
      for (let index = 0; index < of; index++) {
        const [start, end] = rowRange(rows, { part: { index, of } });
        assert.equal(start, next);
        assert.ok(end >= start);
        next = end;
      }
      assert.equal(next, rows);
    }
    assert.deepEqual(rowRange(100, { head: 5, part: { index: 1, of: 2 } }), [0, 5]);
  });

  for (const file of ['pyarrow-snappy.parquet', 'pyarrow-v1-plain.parquet', 'duckdb-zstd.parquet', 'types.parquet']) {
    it(`${file}: 2 and 3 parts read as the whole file`, async () => {
      const bytes = shared(new Uint8Array(fs.readFileSync(path.join(FILES, file))));
      const whole = await workers[0].decode({ kind: 'parquet', bytes, maxBytes: 1 << 30 });
      for (const of of [2, 3]) {
        const parts = await Promise.all(workers.slice(0, of).map((w, index) => w.decode({ kind: 'parquet', bytes, maxBytes: 1 << 30, part: { index, of } })));
        assert.deepEqual(parts.flatMap((p) => tableRows(p.table)), tableRows(whole.table), `${of} parts`);
        for (const p of parts) assert.equal(p.rowCount, whole.rowCount);
        assert.deepEqual(parts.map((p) => p.table.schema.fields.map(String)), parts.map(() => whole.table.schema.fields.map(String)));
      }
    });
  }

  it('a part alone is refused when the whole file exceeds the bound', async () => {
    const bytes = shared(new Uint8Array(fs.readFileSync(path.join(FILES, 'bomb.parquet'))));
    await assert.rejects(workers[1].decode({ kind: 'parquet', bytes, maxBytes: 32 << 20, part: { index: 1, of: 2 } }), /exceeds the memory bound of 32 MB/);
  });

  it(`openTable splits a file from ${SPLIT_BYTES >> 20} MB across workers and reads the same values`, async function () {
    this.timeout(60_000);
    // 1.2M rows, 3 row groups, uncompressed: ~20 MB, an int64 id, a float, strings with nulls.
    const rows = 1_200_000;
    const id = new BigInt64Array(rows).map((_, i) => BigInt(i * 7));
    const x = new Float64Array(rows).map((_, i) => i / 3);
    const s = vectorFromArray(Array.from({ length: rows }, (_, i) => (i % 11 === 0 ? null : `v${i % 1000}`)), new Utf8());
    const fields = [new Field('id', new Int64(), false), new Field('x', new Float64(), false), new Field('s', new Utf8(), true)];
    const schema = new Schema(fields);
    const children = [makeData({ type: new Int64(), data: id }), makeData({ type: new Float64(), data: x }), s.data[0]];
    const table = new Table(schema, [new RecordBatch(schema, makeData({ type: new Struct(fields), length: rows, children }))]);
    const pw = await import('parquet-wasm/node');
    const props = new pw.WriterPropertiesBuilder().setCompression(pw.Compression.UNCOMPRESSED).setMaxRowGroupSize(400_000).build();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-parts-')), 'big.parquet');
    fs.writeFileSync(file, pw.writeParquet(pw.Table.fromIPCStream(tableToIPC(table, 'stream')), props));
    assert.ok(fs.statSync(file).size >= SPLIT_BYTES);

    const idleCore = parquetSplit.idleCore;
    parquetSplit.idleCore = () => true; // whatever the load of the test machine
    let opened;
    try {
      opened = await openTable(file);
    } finally {
      parquetSplit.idleCore = idleCore;
    }
    assert.deepEqual(opened.table.batches.map((b) => b.numRows), [600_000, 600_000], 'decoded in two parts');
    assert.equal(opened.rowCount, rows);
    assert.equal(opened.table.numRows, rows);
    assert.deepEqual(opened.schema.map((c) => c.type), ['int64', 'double', 'string']);
    assert.deepEqual(opened.table.getChild('id')!.toArray(), id);
    assert.deepEqual(opened.table.getChild('x')!.toArray(), x);
    const strings = opened.table.getChild('s')!;
    assert.equal(strings.nullCount, Math.ceil(rows / 11));
    for (const i of [0, 1, 599_999, 600_000, 600_001, rows - 1]) assert.equal(strings.get(i), i % 11 === 0 ? null : `v${i % 1000}`);
    // The bound holds for a split file, and one worker reads the same values.
    await assert.rejects(openTable(file, { maxBytes: 12 << 20 }), /exceeds the memory bound of 12 MB/);
    parquetSplit.idleCore = () => false;
    try {
      const single = await openTable(file);
      assert.deepEqual(single.table.batches.map((b) => b.numRows), [1 << 20, rows - (1 << 20)], 'one decode, 1M-row batches');
      assert.deepEqual(single.table.getChild('id')!.toArray(), id);
    } finally {
      parquetSplit.idleCore = idleCore;
    }
    fs.rmSync(path.dirname(file), { recursive: true });
  });
});
