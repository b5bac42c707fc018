/**
 * Reader for the `.npy` files that hold row-lineage arrays (numpy format v1/v2/v3).
 * Only what the recorder writes is accepted: little-endian (or byte-order-free) scalar
 * dtypes, C order, 1-D. Anything else is refused with an error naming the file, never
 * reinterpreted.
 */
import { readFile } from 'node:fs/promises';
import { SideFileError } from './problem';

export type NpyDtype = 'i1' | 'u1' | 'i2' | 'u2' | 'i4' | 'u4' | 'i8' | 'u8' | 'f4' | 'f8' | 'b1';

export type NpyData =
  | Int8Array
  | Uint8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | Float32Array
  | Float64Array;

export interface NpyArray {
  file: string;
  dtype: NpyDtype;
  length: number;
  /** Typed view of the values ('b1' is a Uint8Array of 0/1). */
  data: NpyData;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

const CTORS: Record<NpyDtype, { bytes: number; make: (b: ArrayBuffer, off: number, n: number) => NpyData }> = {
  i1: { bytes: 1, make: (b, o, n) => new Int8Array(b, o, n) },
  u1: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  b1: { bytes: 1, make: (b, o, n) => new Uint8Array(b, o, n) },
  i2: { bytes: 2, make: (b, o, n) => new Int16Array(b, o, n) },
  u2: { bytes: 2, make: (b, o, n) => new Uint16Array(b, o, n) },
  i4: { bytes: 4, make: (b, o, n) => new Int32Array(b, o, n) },
  u4: { bytes: 4, make: (b, o, n) => new Uint32Array(b, o, n) },
  f4: { bytes: 4, make: (b, o, n) => new Float32Array(b, o, n) },
  i8: { bytes: 8, make: (b, o, n) => new BigInt64Array(b, o, n) },
  u8: { bytes: 8, make: (b, o, n) => new BigUint64Array(b, o, n) },
  f8: { bytes: 8, make: (b, o, n) => new Float64Array(b, o, n) },
};

export async function readNpy(file: string): Promise<NpyArray> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SideFileError(file, 'missing side file', 'missing-side-file');
    throw new SideFileError(file, `cannot read: ${(e as Error).message}`);
  }
  return parseNpy(bytes, file);
}

/** Parses .npy bytes; `file` is only used in error messages and the result. */
export function parseNpy(bytes: Uint8Array, file: string): NpyArray {
  const fail = (msg: string): never => {
    throw new SideFileError(file, msg);
  };
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m)) fail('not a .npy file (bad magic)');
  const major = bytes[6];
  let headerLen: number;
  let headerStart: number;
  if (major === 1) {
    headerLen = bytes[8]! | (bytes[9]! << 8);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) fail('truncated header');
    headerLen = (bytes[8]! | (bytes[9]! << 8) | (bytes[10]! << 16)) + bytes[11]! * 0x1000000;
    headerStart = 12;
  } else {
    return fail(`unsupported .npy format version ${major}.${bytes[7]}`);
  }
  const dataStart = headerStart + headerLen;
  if (bytes.length < dataStart) fail('truncated header');
  const header = Buffer.from(bytes.buffer, bytes.byteOffset + headerStart, headerLen).toString(major === 3 ? 'utf8' : 'latin1');

  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    return fail(`unreadable header ${JSON.stringify(header.trim())}`);
  }
  if (fortran === 'True') fail('Fortran-order arrays are not supported (expected C order)');
  const dims = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (dims.length !== 1) fail(`expected a 1-D array, found shape (${shapeText.trim()})`);
  const length = Number(dims[0]);
  if (!Number.isSafeInteger(length) || length < 0) fail(`bad shape (${shapeText.trim()})`);

  const order = descr[0];
  const code = descr.slice(1) as NpyDtype;
  if (order === '>' && !code.endsWith('1')) fail(`big-endian dtype '${descr}' is not supported (expected little-endian)`);
  if (!(order === '<' || order === '|' || order === '=' || order === '>') || !(code in CTORS)) {
    fail(`unsupported dtype '${descr}' (supported: <i4, <i8, <u4, <f8, |b1 and other little-endian ints/floats)`);
  }
  const { bytes: itemSize, make } = CTORS[code];
  const need = length * itemSize;
  const have = bytes.length - dataStart;
  if (have < need) {
    fail(`truncated data: shape (${length},) of '${descr}' needs ${need} bytes, file has ${have}`);
  }
  const absStart = bytes.byteOffset + dataStart;
  // Typed arrays need aligned offsets; copy when the backing buffer does not allow a view.
  const data =
    absStart % itemSize === 0
      ? make(bytes.buffer as ArrayBuffer, absStart, length)
      : make(bytes.slice(dataStart, dataStart + need).buffer as ArrayBuffer, 0, length);
  return { file, dtype: code, length, data };
}

/**
 * The values as plain numbers. 64-bit integers are converted to a Float64Array and must be
 * within ±2^53 (row positions always are); otherwise an error names the file.
 */
export function npyNumbers(a: NpyArray): Exclude<NpyData, BigInt64Array | BigUint64Array> {
  const d = a.data;
  if (!(d instanceof BigInt64Array || d instanceof BigUint64Array)) return d;
  const out = new Float64Array(d.length);
  const max = BigInt(Number.MAX_SAFE_INTEGER);
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v > max || v < -max) throw new SideFileError(a.file, `value ${v} at index ${i} is outside the exact number range`);
    out[i] = Number(v);
  }
  return out;
}

/** Row positions as Int32Array (-1 stays -1), the compact form lineage code wants. */
export function npyPositions(a: NpyArray): Int32Array {
  const d = a.data;
  if (d instanceof Int32Array) return d;
  if (d instanceof Float32Array || d instanceof Float64Array) {
    throw new SideFileError(a.file, `expected an integer array of row positions, found dtype ${a.dtype}`);
  }
  const out = new Int32Array(d.length);
  if (d instanceof BigInt64Array || d instanceof BigUint64Array) {
    // Read the 64-bit values as (low, high) 32-bit words: no BigInt per element. A value fits
    // when the high word is the sign extension of the low word (0 for 0..2^31-1, -1 for -1).
    const words = new Int32Array(d.buffer, d.byteOffset, d.length * 2);
    const signed = d instanceof BigInt64Array;
    for (let i = 0; i < d.length; i++) {
      const lo = words[2 * i]!;
      const hi = words[2 * i + 1]!;
      if (hi !== lo >> 31 || lo < -1 || (!signed && lo < 0)) {
        throw new SideFileError(a.file, `row position ${d[i]} at index ${i} is out of range`);
      }
      out[i] = lo;
    }
    return out;
  }
  for (let i = 0; i < d.length; i++) {
    const v = d[i]!;
    if (v > 0x7fffffff || v < -1) throw new SideFileError(a.file, `row position ${v} at index ${i} is out of range`);
    out[i] = v;
  }
  return out;
}
