/**
 * Key lookup in a Parquet file's key column alone (parquetKeyScan.ts) against the table reader's answer for the
 * same file (openTable + findInVector, parquet-wasm decoding every column) on the pyarrow / DuckDB fixtures, and
 * the files it must leave to the table reader (other codecs, logical types, a changed row count).
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { DatasetRef } from '../../../src/core/runlog/model';
import { openTable } from '../../../src/core/tables';
import { findInVector } from '../../../src/core/trace/keyValues';
import { formatCell } from '../../../src/core/trace/source';
import { scanParquetForKey } from '../../../src/core/trace/parquetKeyScan';

const FILES = path.resolve(__dirname, '../../fixtures/tables/files');
const ref = (rows: number): DatasetRef => ({ name: 'r/0.out', namespace: 'skewer-mem', rowCount: rows });

describe('scanParquetForKey: the key column read alone, rows as the table reader finds them', () => {
  for (const file of ['pyarrow-snappy.parquet', 'pyarrow-none.parquet', 'pyarrow-v1-plain.parquet', 'pyarrow-zstd.parquet', 'pyarrow-gzip.parquet', 'duckdb-zstd.parquet', 'types.parquet']) {
    it(file, async () => {
      const f = path.join(FILES, file);
      const t = await openTable(f);
      let answered = 0;
      for (const field of t.table.schema.fields) {
        const v = t.table.getChild(field.name)!;
        const values = new Set([0, 1, 3, Math.floor(v.length / 2), v.length - 1].map((i) => formatCell(v.get(i))).filter((x): x is string => x !== null));
        for (const value of [...values, '-987654321', 'abc']) {
          const got = await scanParquetForKey(f, ref(t.rowCount), field.name, value);
          if (got === undefined) continue;
          answered++;
          assert.deepEqual(got, findInVector(v, value), `${field.name} (${field.type}) = ${value}`);
        }
      }
      if (/snappy|none|plain/.test(file)) assert.ok(answered > 0, 'integer and text columns of a Snappy / uncompressed file are answered');
      if (/zstd|gzip/.test(file)) assert.equal(answered, 0, 'other codecs are left to the table reader');
      assert.equal(await scanParquetForKey(f, ref(t.rowCount + 1), t.table.schema.fields[0]!.name, '1'), undefined, 'not the recorded row count');
    });
  }
});
