import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { npyNumbers, npyPositions, parseNpy, readNpy } from '../../../src/core/runlog/npy';
import { SideFileError } from '../../../src/core/runlog/problem';

/** Writes .npy bytes the way numpy.save does (header padded so data starts at a multiple of 64). */
function npy(descr: string, shape: string, data: Uint8Array, opts: { version?: 1 | 2 | 3; fortran?: boolean } = {}): Buffer {
  const version = opts.version ?? 1;
  const dict = `{'descr': '${descr}', 'fortran_order': ${opts.fortran ? 'True' : 'False'}, 'shape': ${shape}, }`;
  const pre = version === 1 ? 10 : 12;
  const total = Math.ceil((pre + dict.length + 1) / 64) * 64;
  const header = dict + ' '.repeat(total - pre - dict.length - 1) + '\n';
  const out = Buffer.alloc(total + data.length);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, version, 0]).copy(out, 0);
  if (version === 1) out.writeUInt16LE(header.length, 8);
  else out.writeUInt32LE(header.length, 8);
  out.write(header, pre, 'latin1');
  Buffer.from(data.buffer, data.byteOffset, data.byteLength).copy(out, total);
  return out;
}

const bytesOf = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('runlog/npy', () => {
  it('reads <i8 positions (v1), including -1, as BigInt64Array and as numbers', () => {
    const a = parseNpy(npy('<i8', '(4,)', bytesOf(new BigInt64Array([3n, 1n, -1n, 7n]))), 'x.npy');
    assert.equal(a.dtype, 'i8');
    assert.ok(a.data instanceof BigInt64Array);
    assert.deepEqual([...npyNumbers(a)], [3, 1, -1, 7]);
    assert.deepEqual([...npyPositions(a)], [3, 1, -1, 7]);
  });

  it('reads <i4, <u4, <f8, |b1 and header versions 2 and 3', () => {
    const i4 = parseNpy(npy('<i4', '(3,)', bytesOf(new Int32Array([0, -5, 2147483647])), { version: 2 }), 'a.npy');
    assert.deepEqual([...i4.data], [0, -5, 2147483647]);
    const u4 = parseNpy(npy('<u4', '(2,)', bytesOf(new Uint32Array([1, 4294967295]))), 'b.npy');
    assert.deepEqual([...u4.data], [1, 4294967295]);
    const f8 = parseNpy(npy('<f8', '(3,)', bytesOf(new Float64Array([0.5, NaN, -Infinity])), { version: 3 }), 'c.npy');
    assert.deepEqual([...f8.data], [0.5, NaN, -Infinity]);
    const b1 = parseNpy(npy('|b1', '(3,)', new Uint8Array([1, 0, 1])), 'd.npy');
    assert.deepEqual([...b1.data], [1, 0, 1]);
    const empty = parseNpy(npy('<i8', '(0,)', new Uint8Array()), 'e.npy');
    assert.equal(empty.length, 0);
  });

  it('copies when the data is not aligned in the source buffer', () => {
    const raw = npy('<f8', '(2,)', bytesOf(new Float64Array([1.25, 2.5])));
    const shifted = new Uint8Array(raw.length + 3);
    shifted.set(raw, 3);
    const a = parseNpy(shifted.subarray(3), 'shifted.npy');
    assert.deepEqual([...a.data], [1.25, 2.5]);
  });

  const refuses = (bytes: Uint8Array, pattern: RegExp) => {
    assert.throws(
      () => parseNpy(bytes, '/run/lineage/3.out.positions.npy'),
      (e: unknown) => e instanceof SideFileError && e.message.startsWith('/run/lineage/3.out.positions.npy: ') && pattern.test(e.message),
    );
  };

  it('refuses big-endian, Fortran order, 2-D, unsupported dtypes, bad magic and truncated data, naming the file', () => {
    refuses(npy('>i8', '(1,)', new Uint8Array(8)), /big-endian/);
    refuses(npy('<f8', '(2,)', new Uint8Array(16), { fortran: true }), /Fortran/);
    refuses(npy('<i8', '(2, 2)', new Uint8Array(32)), /1-D/);
    refuses(npy('<c16', '(1,)', new Uint8Array(16)), /unsupported dtype '<c16'/);
    refuses(npy('|O', '(1,)', new Uint8Array(8)), /unsupported dtype/);
    refuses(Buffer.from('not numpy at all'), /bad magic/);
    const full = npy('<i8', '(10,)', new Uint8Array(80));
    refuses(full.subarray(0, full.length - 5), /truncated data: .*needs 80 bytes, file has 75/);
  });

  it('npyPositions refuses floats and out-of-range positions', () => {
    const f = parseNpy(npy('<f8', '(1,)', bytesOf(new Float64Array([1]))), 'f.npy');
    assert.throws(() => npyPositions(f), /expected an integer array/);
    const big = parseNpy(npy('<i8', '(1,)', bytesOf(new BigInt64Array([1n << 40n]))), 'big.npy');
    assert.throws(() => npyPositions(big), /out of range/);
    const minus2 = parseNpy(npy('<i8', '(2,)', bytesOf(new BigInt64Array([-1n, -2n]))), 'm.npy');
    assert.throws(() => npyPositions(minus2), /row position -2 at index 1 is out of range/);
    const u8 = parseNpy(npy('<u8', '(2,)', bytesOf(new BigUint64Array([2147483647n, 2147483648n]))), 'u.npy');
    assert.throws(() => npyPositions(u8), /row position 2147483648 at index 1/);
    const edge = parseNpy(npy('<i8', '(3,)', bytesOf(new BigInt64Array([0n, 2147483647n, -1n]))), 'e.npy');
    assert.deepEqual([...npyPositions(edge)], [0, 2147483647, -1]);
  });

  it('readNpy reports a missing file as a missing side file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skewer-npy-'));
    try {
      const file = path.join(dir, 'p.npy');
      writeFileSync(file, npy('<i8', '(2,)', bytesOf(new BigInt64Array([5n, 6n]))));
      assert.deepEqual([...npyNumbers(await readNpy(file))], [5, 6]);
      await assert.rejects(readNpy(path.join(dir, 'gone.npy')), (e: unknown) => e instanceof SideFileError && e.code === 'missing-side-file');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
