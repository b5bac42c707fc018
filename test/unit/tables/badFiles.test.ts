// Files the reader must refuse with a one-line reason naming the file — never a crash, never
// silently wrong values: truncated, wrong magic, encrypted Parquet, decompression bombs,
// big-endian Arrow IPC, lying codec prefixes.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { tableFromIPC } from 'apache-arrow';
import { openTable, readTableBytes, TableReadError } from '../../../src/core/tables';
import { int32Stream } from './ipcBuilder';

const FILES = path.resolve(__dirname, '../../fixtures/tables/files');
const read = (f: string) => fs.readFileSync(path.join(FILES, f));

async function refused(p: Promise<unknown>, pattern: RegExp, file?: string): Promise<TableReadError> {
  let err: unknown;
  try {
    await p;
  } catch (e) {
    err = e;
  }
  assert.ok(err instanceof TableReadError, `expected a TableReadError, got ${err === undefined ? 'success' : String(err)}`);
  assert.match(err.reason, pattern);
  assert.ok(!err.reason.includes('\n'), 'one line');
  if (file) assert.equal(err.file, file);
  return err;
}

describe('tables: bad files', () => {
  it('truncated Parquet, Arrow file and Arrow stream', async () => {
    const pq = read('pyarrow-snappy.parquet');
    await refused(readTableBytes('t.parquet', pq.subarray(0, pq.length - 100)), /closing "PAR1"|truncated/, 't.parquet');
    await refused(readTableBytes('t.parquet', pq.subarray(0, 8)), /too short for Parquet/);
    // Footer intact but a column chunk cut out of the middle.
    const holed = Buffer.concat([pq.subarray(0, 200), pq.subarray(1200)]);
    await refused(readTableBytes('h.parquet', holed), /Parquet/);
    const file = read('ipc-zstd.arrow');
    await refused(readTableBytes('t.arrow', file.subarray(0, file.length - 40)), /truncated/);
    const stream = read('ipc-lz4.arrows');
    await refused(readTableBytes('t.arrows', stream.subarray(0, stream.length - 300)), /truncated/);
  });

  it('wrong magic: a text file named .parquet, a Parquet file with a bad tail, a Feather v1 file', async () => {
    await refused(readTableBytes('x.parquet', Buffer.from('id,name\n1,a\n')), /not a Parquet file \(starts with "id,n", expected "PAR1"\)/);
    const pq = Buffer.from(read('pyarrow-zstd.parquet'));
    pq.write('PAR0', pq.length - 4, 'latin1');
    await refused(readTableBytes('y.parquet', pq), /closing "PAR1"/);
    await refused(readTableBytes('old.feather', Buffer.from('FEA1\0\0\0\0\0\0\0\0FEA1')), /Feather v1/);
    await refused(readTableBytes('z.arrow', Buffer.from('not arrow at all, just text')), /not readable as Arrow IPC/);
    await refused(readTableBytes('z.xlsx', Buffer.from('PK\x03\x04')), /unknown table format/);
  });

  it('encrypted Parquet footer (PARE) is refused as encrypted', async () => {
    const pq = Buffer.from(read('pyarrow-snappy.parquet'));
    pq.write('PARE', 0, 'latin1');
    pq.write('PARE', pq.length - 4, 'latin1');
    await refused(readTableBytes('secret.parquet', pq), /encrypted Parquet \(PARE footer\)/);
  });

  it('decompression bombs are refused under the memory bound, before decoding', async () => {
    const bound = 32 << 20;
    await refused(openTable(path.join(FILES, 'bomb.parquet'), { maxBytes: bound }), /decoded size of at least 1\d\d MB exceeds the memory bound of 32 MB/);
    await refused(openTable(path.join(FILES, 'bomb-zstd.arrow'), { maxBytes: bound }), /decoded size 128 MB exceeds the memory bound of 32 MB/);
    await refused(openTable(path.join(FILES, 'bomb-string.parquet'), { maxBytes: bound, head: 1 }), /exceeds the memory bound/);
    await refused(openTable(path.join(FILES, 'bomb-string-zstd.arrows'), { maxBytes: bound, head: 1 }), /exceeds the memory bound/);
    // Under a bound that allows it, the same file reads (the bound is what refused it).
    const ok = await openTable(path.join(FILES, 'bomb-zstd.arrow'), { maxBytes: 256 << 20 });
    assert.equal(ok.rowCount, 16 << 20);
    assert.equal(ok.table.getChild('z')!.get((16 << 20) - 1), 0n);
  });

  it('big-endian Arrow IPC: a valid big-endian stream is refused, not misread', async () => {
    const values = [1, -2, 300000];
    const le = int32Stream(values, 'little');
    const be = int32Stream(values, 'big');
    // The construction is valid: the little-endian twin reads back exactly...
    assert.deepEqual([...(await readTableBytes('le.arrows', le)).table.getChild('x')!], values);
    // ...and apache-arrow alone would read the big-endian one as garbage (the defect).
    assert.notDeepEqual([...tableFromIPC(be).getChild('x')!], values);
    const err = await refused(readTableBytes('be.arrows', be), /big-endian Arrow IPC/, 'be.arrows');
    assert.match(err.message, /^be\.arrows: /);
  });

  it('a compressed buffer whose length prefix lies is an error, not truncated values', async () => {
    const bytes = Buffer.from(read('ipc-zstd.arrows'));
    // Find the first ZSTD frame (magic 28 B5 2F FD) and shrink its declared length by one.
    const at = bytes.indexOf(Buffer.from([0x28, 0xb5, 0x2f, 0xfd]));
    assert.ok(at > 8);
    bytes.writeBigInt64LE(bytes.readBigInt64LE(at - 8) - 1n, at - 8);
    await refused(readTableBytes('lying.arrows', bytes), /ZSTD buffer decodes to \d+ bytes but its prefix declares \d+/);
  });

  it('missing files, folders and bad options', async () => {
    const err = await refused(openTable(path.join(os.tmpdir(), 'no-such-skewer-table.parquet')), /no such file/);
    assert.equal(err.missing, true);
    await refused(openTable(FILES), /is a directory/);
    await refused(openTable(path.join(FILES, 'pandas.csv'), { head: -1 }), /head must be a whole number/);
    await refused(openTable(path.join(FILES, 'pandas.csv'), { maxBytes: 100 }), /file size .* exceeds the memory bound/);
  });
});
