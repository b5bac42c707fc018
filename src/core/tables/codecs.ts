/**
 * Registers decoders for the two IPC body codecs pyarrow writes (LZ4_FRAME by default for Feather
 * v2, ZSTD on request) with apache-arrow's compression registry: fzstd (pure-JS Zstandard) and
 * lz4js (LZ4 frame format). Each buffer is decoded into an output of exactly the length its
 * 8-byte prefix declares (checked against the memory bound by ipcInspect first), and a stream
 * whose own header (ZSTD frame content size) or decoded length (LZ4) disagrees is an error, so a
 * lying prefix can neither grow memory nor return truncated values.
 */
import { compressionRegistry, CompressionType } from 'apache-arrow';
import { decompress as zstdDecompress } from 'fzstd';
import * as lz4 from 'lz4js';

export class CodecError extends Error {}

/**
 * The declared decoded length: apache-arrow hands the codec the buffer without its 8-byte
 * little-endian length prefix, as a view into the message body, so the prefix sits just before.
 */
function declaredLength(data: Uint8Array): number | undefined {
  if (data.byteOffset < 8) return undefined;
  const v = new DataView(data.buffer, data.byteOffset - 8, 8).getBigInt64(0, true);
  return v >= 0n && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

function checked(codec: string, declared: number, got: number): void {
  if (got !== declared) throw new CodecError(`${codec} buffer decodes to ${got} bytes but its prefix declares ${declared}`);
}

/** Frame_Content_Size from a Zstandard frame header (RFC 8878 §3.1.1.1), when present. */
function zstdContentSize(data: Uint8Array): number | undefined {
  if (data.length < 6 || data[0] !== 0x28 || data[1] !== 0xb5 || data[2] !== 0x2f || data[3] !== 0xfd) {
    throw new CodecError('ZSTD buffer does not start with a Zstandard frame');
  }
  const fhd = data[4];
  const single = (fhd >> 5) & 1;
  const fcsFlag = fhd >> 6;
  const fcsBytes = [single ? 1 : 0, 2, 4, 8][fcsFlag];
  if (fcsBytes === 0) return undefined;
  const at = 5 + (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3];
  if (at + fcsBytes > data.length) throw new CodecError('truncated Zstandard frame header');
  const view = new DataView(data.buffer, data.byteOffset + at, fcsBytes);
  if (fcsBytes === 1) return view.getUint8(0);
  if (fcsBytes === 2) return view.getUint16(0, true) + 256;
  if (fcsBytes === 4) return view.getUint32(0, true);
  return Number(view.getBigUint64(0, true));
}

function decodeZstd(data: Uint8Array): Uint8Array {
  const declared = declaredLength(data);
  if (declared === undefined) throw new CodecError('ZSTD buffer without a readable length prefix');
  const content = zstdContentSize(data);
  if (content !== undefined) checked('ZSTD', declared, content);
  // fzstd writes into the buffer it is given and drops what does not fit, so memory stays bounded.
  return zstdDecompress(data, new Uint8Array(declared));
}

const LZ4_MAX_BLOCK: Record<number, number> = { 4: 64 << 10, 5: 256 << 10, 6: 1 << 20, 7: 4 << 20 };

/**
 * Walks an LZ4 frame's headers (lz4 frame format §"Frame descriptor", "Data blocks") before lz4js
 * decodes it: lz4js trusts block sizes, and a damaged one makes it loop over bytes that are not
 * there for seconds. Checks block sizes against the frame's maximum and the data, the content
 * size field against the declared length, and that the blocks can hold that length.
 */
function checkLz4Frame(data: Uint8Array, declared: number): void {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length < 7 || view.getUint32(0, true) !== 0x184d2204) throw new CodecError('LZ4 buffer does not start with an LZ4 frame');
  const flg = data[4];
  if (flg >> 6 !== 1) throw new CodecError('LZ4 frame of an unknown version');
  if (flg & 0x01) throw new CodecError('LZ4 frame with a dictionary id (not used by Arrow)');
  const maxBlock = LZ4_MAX_BLOCK[(data[5] >> 4) & 7];
  if (!maxBlock) throw new CodecError('LZ4 frame with an invalid block size');
  let at = 6;
  if (flg & 0x08) {
    if (data.length < 15) throw new CodecError('truncated LZ4 frame header');
    checked('LZ4_FRAME', declared, Number(view.getBigUint64(6, true)));
    at += 8;
  }
  at += 1; // header checksum
  const blockSum = flg & 0x10 ? 4 : 0;
  let blocks = 0;
  for (;;) {
    if (at + 4 > data.length) throw new CodecError('LZ4 frame ends inside a block header');
    const size = view.getUint32(at, true) & 0x7fffffff;
    at += 4;
    if (size === 0) break;
    if (size > maxBlock || at + size + blockSum > data.length) throw new CodecError(`LZ4 block of ${size} bytes does not fit the frame`);
    at += size + blockSum;
    blocks++;
  }
  if (blocks * maxBlock < declared) throw new CodecError(`LZ4 frame of ${blocks} blocks cannot hold the ${declared} bytes its prefix declares`);
}

function decodeLz4(data: Uint8Array): Uint8Array {
  const declared = declaredLength(data);
  if (declared === undefined) throw new CodecError('LZ4 buffer without a readable length prefix');
  checkLz4Frame(data, declared);
  const out = new Uint8Array(declared);
  // lz4js counts every decoded byte but drops those past the end of `out`.
  const written: number = lz4.decompressFrame(data, out);
  checked('LZ4_FRAME', declared, written);
  return out;
}

let registered = false;

export function registerCodecs(): void {
  if (registered) return;
  compressionRegistry.set(CompressionType.ZSTD, { decode: decodeZstd });
  compressionRegistry.set(CompressionType.LZ4_FRAME, { decode: decodeLz4 });
  registered = true;
}
