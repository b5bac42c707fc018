// The decode worker: tables come back intact through the transfer, requests queue, the worker
// can be terminated and comes back on the next request, and one failure does not poison it.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tableFromArrays } from 'apache-arrow';
import { DecodeWorker } from '../../../src/core/tables/decodeWorker';
import { tableFromWire, tableToWire } from '../../../src/core/tables/transfer';
import { tableRows } from '../../../src/core/tables';

const FILES = path.resolve(__dirname, '../../fixtures/tables/files');
const read = (f: string) => new Uint8Array(fs.readFileSync(path.join(FILES, f)));

describe('tables: decode worker', () => {
  const worker = new DecodeWorker();
  after(() => worker.terminate());

  it('round-trips a table through the wire format without re-encoding', () => {
    const t = tableFromArrays({ a: Int32Array.from([1, 2, 3]), s: ['x', null, 'zz'] });
    const { wire, transfer } = tableToWire(t);
    assert.ok(transfer.length >= 2);
    const back = tableFromWire(structuredClone(wire));
    assert.deepEqual(tableRows(back), [{ a: 1, s: 'x' }, { a: 2, s: null }, { a: 3, s: 'zz' }]);
  });

  it('keeps empty value buffers through the transfer (a one-row column of empty strings, or of empty binary)', async () => {
    const t = tableFromArrays({ s: [''], n: Int32Array.from([7]) });
    const back = tableFromWire(structuredClone(tableToWire(t).wire));
    assert.deepEqual(tableRows(back), [{ s: '', n: 7 }]);
    // types.parquet's first row has an empty binary cell: head 1 decodes to a zero-length values buffer.
    const one = await worker.decode({ kind: 'parquet', bytes: read('types.parquet'), maxBytes: 1 << 30, head: 1 });
    assert.equal(tableRows(one.table)[0].bin, '');
  });

  it('decodes several requests in order, survives a refusal, and restarts after terminate', async () => {
    const [a, b, c] = await Promise.all([
      worker.decode({ kind: 'parquet', bytes: read('pyarrow-snappy.parquet'), maxBytes: 1 << 30 }),
      worker.decode({ kind: 'parquet', bytes: new TextEncoder().encode('nope'), maxBytes: 1 << 30 }).then(() => 'decoded', (e: Error) => e.message),
      worker.decode({ kind: 'ipc', bytes: read('ipc-zstd.arrows'), maxBytes: 1 << 30 }),
    ]);
    assert.equal(a.rowCount, 120);
    assert.match(String(b), /too short for Parquet/);
    assert.equal(c.table.numRows, 120);
    await worker.terminate();
    const d = await worker.decode({ kind: 'parquet', bytes: read('duckdb-zstd.parquet'), maxBytes: 1 << 30, head: 5 });
    assert.equal(d.table.numRows, 5);
    assert.equal(d.rowCount, 120);
  });

  it('ends an idle worker after its idle time, and starts a new one on demand', async () => {
    const quick = new DecodeWorker(50);
    await quick.decode({ kind: 'ipc', bytes: read('ipc-lz4.arrow'), maxBytes: 1 << 30 });
    assert.equal(quick.running, true);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(quick.running, false);
    assert.equal((await quick.decode({ kind: 'ipc', bytes: read('ipc-lz4.arrow'), maxBytes: 1 << 30 })).rowCount, 120);
    await quick.terminate();
  });

  it('fails pending requests when terminated mid-way', async () => {
    const pending = worker.decode({ kind: 'parquet', bytes: read('pyarrow-gzip.parquet'), maxBytes: 1 << 30 });
    await worker.terminate();
    await assert.rejects(pending, /terminated/);
  });
});
