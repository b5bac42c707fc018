// Damaged copies of the fixtures (seeded: flipped bytes, truncation, overwritten ranges) must give a
// TableReadError or a table — never another exception, a hang, or memory beyond the bound — and the
// decode worker must keep answering after whatever a damaged file did to it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readTableBytes, tableRows, TableReadError } from '../../../src/core/tables';
import { rng } from '../runlog/helpers';

const FILES = path.resolve(__dirname, '../../fixtures/tables/files');
const TARGETS = ['pyarrow-snappy.parquet', 'pyarrow-zstd.parquet', 'duckdb-zstd.parquet', 'ipc-plain.arrow', 'ipc-lz4.arrow', 'ipc-zstd.arrows', 'feather-v2.feather', 'pandas.csv'];
// SKEWER_TABLES_FUZZ=N SKEWER_TABLES_FUZZ_SEED=S for a longer local run.
const PER_FILE = Number(process.env.SKEWER_TABLES_FUZZ ?? 24);
const SEED = Number(process.env.SKEWER_TABLES_FUZZ_SEED ?? 0);

function damage(bytes: Buffer, rand: () => number): Buffer {
  const out = Buffer.from(bytes);
  const at = () => Math.floor(rand() * out.length);
  switch (Math.floor(rand() * 3)) {
    case 0: // flip a few bytes
      for (let i = 0; i < 1 + Math.floor(rand() * 8); i++) out[at()] ^= 1 + Math.floor(rand() * 255);
      return out;
    case 1: // truncate
      return out.subarray(0, at());
    default: { // overwrite a range with noise
      const start = at();
      const end = Math.min(out.length, start + 1 + Math.floor(rand() * 64));
      for (let i = start; i < end; i++) out[i] = Math.floor(rand() * 256);
      return out;
    }
  }
}

describe('tables: damaged files', () => {
  for (const file of TARGETS) {
    it(`${file}: ${PER_FILE} damaged copies end in a table or a TableReadError`, async () => {
      const original = fs.readFileSync(path.join(FILES, file));
      const rand = rng(file.length * 7919 + original.length + SEED);
      let refused = 0;
      for (let i = 0; i < PER_FILE; i++) {
        const bytes = damage(original, rand);
        try {
          const t = await readTableBytes(file, bytes, { maxBytes: 64 << 20 });
          try {
            tableRows(t.table, 50);
          } catch (e) {
            // Values past a damaged offset: the caller (skewer show) reports it; it must be an Error.
            assert.ok(e instanceof Error, `${file} #${i}: ${String(e)}`);
          }
        } catch (e) {
          assert.ok(e instanceof TableReadError, `${file} #${i}: ${e instanceof Error ? e.stack : String(e)}`);
          assert.ok(!e.reason.includes('\n'), `${file} #${i}: multi-line reason`);
          refused++;
        }
      }
      assert.ok(refused > 0, 'some damage is detected');
      // The worker still decodes a good file afterwards.
      const good = await readTableBytes(file, original);
      assert.equal(good.rowCount, 120);
    });
  }
});
