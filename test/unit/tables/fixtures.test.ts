// The reader over files written by pyarrow (Arrow C++) and DuckDB — libraries other than the
// reader's own (apache-arrow, arrow-rs) — against the values pyarrow itself reads back from each
// file (test/fixtures/tables/expected, written by generate.py beside the files).
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openTable, readTableBytes, tableRows, type OpenedTable } from '../../../src/core/tables';

const ROOT = path.resolve(__dirname, '../../fixtures/tables');
const FILES = path.join(ROOT, 'files');

interface Expected {
  schema: { name: string; type: string; nullable: boolean }[];
  rowCount: number;
  rows: Record<string, unknown>[];
}

function expected(file: string): Expected {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'expected', `${file}.json`), 'utf8'));
}

const CASES: [file: string, format: OpenedTable['format']][] = [
  ['ipc-plain.arrow', 'arrow'],
  ['ipc-plain.arrows', 'arrow'],
  ['ipc-lz4.arrow', 'arrow'],
  ['ipc-lz4.arrows', 'arrow'],
  ['ipc-zstd.arrow', 'arrow'],
  ['ipc-zstd.arrows', 'arrow'],
  ['feather-v2.feather', 'feather'],
  ['pyarrow-snappy.parquet', 'parquet'],
  ['pyarrow-zstd.parquet', 'parquet'],
  ['pyarrow-gzip.parquet', 'parquet'],
  ['pyarrow-none.parquet', 'parquet'],
  ['pyarrow-v1-plain.parquet', 'parquet'],
  ['duckdb-zstd.parquet', 'parquet'],
  ['pandas.csv', 'csv'],
  ['types.arrow', 'arrow'],
];

describe('tables: files from other writers, values as pyarrow reads them', () => {
  it('has an expected-values file for every fixture (generate.py ran over all of them)', () => {
    const files = fs.readdirSync(FILES).filter((f) => !f.startsWith('bomb'));
    assert.deepEqual(files.sort(), [...CASES.map(([f]) => f), 'types.parquet'].sort());
  });

  it('types.parquet: every value; the types arrow-rs restores differently from pyarrow are these', async () => {
    const exp = expected('types.parquet');
    const t = await openTable(path.join(FILES, 'types.parquet'));
    assert.deepEqual(tableRows(t.table), exp.rows);
    const differ = t.schema.flatMap((c, i) => (c.type === exp.schema[i].type ? [] : [`${c.name}: ${c.type} (pyarrow: ${exp.schema[i].type})`]));
    // Parquet cannot store seconds: both read milliseconds, and the zone comes back from the embedded
    // Arrow schema (arrow-rs alone would say UTC; the reader restores it).
    assert.equal(t.schema.find((c) => c.name === 'tss')!.type, 'timestamp[ms, tz=America/New_York]');
    assert.deepEqual(differ, [
      // arrow-rs restores date64 from the embedded Arrow schema; pyarrow reads it back as date32.
      'd64: date64[ms] (pyarrow: date32[day])',
      // pyarrow prints a map whose field is not named "entries" with that name.
      "mp: map<string, int64> (pyarrow: map<string, int64 ('mp')>)",
    ]);
  });

  for (const [file, format] of CASES) {
    it(`${file}: schema, row count and every value`, async () => {
      const exp = expected(file);
      const t = await openTable(path.join(FILES, file));
      assert.equal(t.format, format);
      assert.deepEqual(t.schema, exp.schema);
      assert.equal(t.rowCount, exp.rowCount);
      assert.equal(t.table.numRows, exp.rowCount);
      assert.deepEqual(tableRows(t.table), exp.rows);
    });
  }

  it('covers what the issue asks for: row groups, dictionary, nulls, zoned timestamps, decimals, 64-bit ids', async () => {
    const t = await openTable(path.join(FILES, 'pyarrow-snappy.parquet'));
    const types = Object.fromEntries(t.schema.map((c) => [c.name, c.type]));
    assert.equal(types.city, 'dictionary<values=string, indices=int32, ordered=0>');
    assert.equal(types.ts, 'timestamp[us, tz=Europe/Paris]');
    assert.equal(types.amount, 'decimal128(10, 2)');
    assert.ok(t.table.batches.length >= 1);
    const rows = tableRows(t.table);
    assert.equal(rows[3].id, '4611686018427387909', 'int64 beyond 2^53 printed exactly, as a string');
    assert.equal(rows[4].id, '-9223372036854775808');
    assert.equal(rows[5].score, 'NaN');
    assert.equal(rows[6].score, 'Infinity');
    assert.equal(rows[0].score, null);
    assert.equal(rows[1].ts, '2024-03-31T00:47:00.000123Z', 'microseconds kept, instant in UTC');
    assert.equal(rows[0].day, '1969-12-25', 'dates before 1970');
  });

  it('head reads only the first rows but reports the whole row count', async () => {
    for (const file of ['pyarrow-zstd.parquet', 'ipc-lz4.arrow', 'ipc-plain.arrows', 'pandas.csv']) {
      const exp = expected(file);
      const t = await openTable(path.join(FILES, file), { head: 7 });
      assert.equal(t.rowCount, 120, file);
      assert.equal(t.table.numRows, 7, file);
      assert.deepEqual(tableRows(t.table), exp.rows.slice(0, 7), file);
    }
    const none = await openTable(path.join(FILES, 'pyarrow-snappy.parquet'), { head: 0 });
    assert.equal(none.table.numRows, 0);
    assert.equal(none.rowCount, 120);
    assert.equal(none.schema.length, 10);
  });

  it('columns selects, in the order of the file, and names unknown columns', async () => {
    for (const file of ['pyarrow-snappy.parquet', 'ipc-zstd.arrow', 'pandas.csv']) {
      const t = await openTable(path.join(FILES, file), { columns: ['id', 'name'] });
      assert.deepEqual(t.schema.map((c) => c.name), ['id', 'name'], file);
      assert.deepEqual(tableRows(t.table, 2), expected(file).rows.slice(0, 2).map((r) => ({ id: r.id, name: r.name })), file);
      await assert.rejects(openTable(path.join(FILES, file), { columns: ['id', 'nope'] }), /no column "nope"/);
    }
  });

  it('detects the format by magic bytes whatever the name, and honours a declared format', async () => {
    const bytes = fs.readFileSync(path.join(FILES, 'pyarrow-snappy.parquet'));
    assert.equal((await readTableBytes('snapshot.bin', bytes)).format, 'parquet');
    assert.equal((await readTableBytes('misnamed.arrow', bytes)).format, 'parquet');
    const ipc = fs.readFileSync(path.join(FILES, 'ipc-plain.arrows'));
    assert.equal((await readTableBytes('x.feather', ipc)).format, 'feather');
    await assert.rejects(readTableBytes('a.parquet', ipc, { format: 'parquet' }), /declared parquet but the file is arrow/);
    const csv = fs.readFileSync(path.join(FILES, 'pandas.csv'));
    assert.equal((await readTableBytes('data', csv, { format: 'csv' })).rowCount, 120);
  });
});
