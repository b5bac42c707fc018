/**
 * The first rows of a Parquet file without reading the whole file: the data viewer's first screen.
 *
 * parquet-wasm's `readParquet` takes the file's bytes and copies them all into wasm memory before
 * it decodes anything, so even the first 1,000 rows of a 110 MB file cost a 110 MB read, a 110 MB
 * copy and a wasm heap grown to match (bench/viewer.ts: most of the first screen). Here:
 *
 * 1. the footer is read alone and parsed (hyparquet);
 * 2. for each column chunk of the row groups that hold the first `head` rows, the page headers are
 *    walked from the chunk's start (a small read each) to where the pages holding those rows end:
 *    the dictionary page and the data pages up to the row asked for (a chunk whose pages do not
 *    count rows — a repeated column in v1 data pages — or whose headers cannot be walked is taken
 *    whole);
 * 3. those prefixes are laid end to end in a small in-memory Parquet file whose footer is the
 *    original one rewritten token by token (Thrift compact protocol): the kept row groups only,
 *    each column chunk's offsets moved to where its prefix now sits and its compressed size cut to
 *    the prefix, page index and bloom filter locations dropped; everything else (schema, types,
 *    statistics, the embedded Arrow schema) copied byte for byte;
 * 4. that file goes through `decodeParquet` with `head`, as the whole file would have: same
 *    decoder, same types, same zone restoring, same bound checks.
 *
 * The file's true row count is the original footer's. Nothing here is a second Parquet reader: a
 * file this cannot take apart (encrypted, columns in other files, a footer it does not follow) is
 * refused with the reason, and the caller reads the file whole instead.
 */
// @ts-expect-error TS1479 -- hyparquet is ESM-only; esbuild bundles it, Node ≥ 20.19 require()s it under tsx.
import { parquetMetadata, type FileMetaData } from 'hyparquet';
// @ts-expect-error TS1479 -- hyparquet's Thrift compact reader (a documented subpath export, `./src/*.js`); its page
// header reader (column.js) would bring the page decoders into the bundle too (~40 KB) for three fields.
import { deserializeTCompactProtocol } from 'hyparquet/src/thrift.js';
import { open, type FileHandle } from 'node:fs/promises';
import { DecodeRefusal } from './bounds';

interface SchemaElement { name: string; num_children?: number; repetition_type?: string }
/** The fields of a Parquet PageHeader read here, by Thrift field id. */
interface RawPageHeader {
  /** compressed_page_size */
  field_3?: number;
  /** data_page_header (v1): its num_values */
  field_5?: { field_1?: number };
  /** data_page_header_v2: its num_rows */
  field_8?: { field_3?: number };
}

/** Bytes read per page-header probe (a header is tens of bytes; page statistics can make it longer). */
const PROBE = 16 * 1024;

async function readAt(fh: FileHandle, at: number, length: number, into?: Uint8Array): Promise<Uint8Array> {
  const buf = into ?? new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, at + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  if (got < length) throw new DecodeRefusal(`file ends at byte ${at + got}, inside a column chunk that should end at ${at + length} (truncated?)`);
  return buf;
}

/** For each leaf column in schema order: whether it sits under a repeated field. */
export function leafRepeated(schema: SchemaElement[]): boolean[] {
  const out: boolean[] = [];
  const walk = (at: number, repeated: boolean): number => {
    const el = schema[at];
    if (!el) return at + 1;
    const rep = repeated || el.repetition_type === 'REPEATED';
    const n = el.num_children ?? 0;
    if (at > 0 && n === 0) { out.push(rep); return at + 1; }
    let next = at + 1;
    for (let c = 0; c < n; c++) next = walk(next, rep);
    return next;
  };
  walk(0, false);
  return out;
}

/**
 * Where the pages holding the chunk's first `rows` rows end (an absolute file offset); the chunk's
 * end when its page headers cannot tell.
 */
async function prefixEnd(fh: FileHandle, start: number, end: number, rows: number, repeated: boolean): Promise<number> {
  let at = start;
  let seen = 0;
  try {
    while (at < end && seen < rows) {
      const probe = await readAt(fh, at, Math.min(PROBE, end - at));
      const reader = { view: new DataView(probe.buffer, probe.byteOffset, probe.byteLength), offset: 0 };
      const header = deserializeTCompactProtocol(reader) as RawPageHeader;
      const size = header.field_3;
      if (reader.offset > probe.byteLength || size === undefined || !(size >= 0)) return end;
      if (header.field_8) {
        if (!(header.field_8.field_3! >= 0)) return end;
        seen += header.field_8.field_3!;
      } else if (header.field_5) {
        if (repeated || !(header.field_5.field_1! >= 0)) return end; // v1 data pages count values, not rows
        seen += header.field_5.field_1!;
      }
      at += reader.offset + size;
    }
  } catch {
    return end; // a header longer than the probe, or not what it seems: the whole chunk
  }
  return Math.min(at, end);
}

// ---- Thrift compact protocol: copy a struct, rewriting some fields --------------------------

const T = { STOP: 0, TRUE: 1, FALSE: 2, BYTE: 3, I16: 4, I32: 5, I64: 6, DOUBLE: 7, BINARY: 8, LIST: 9, SET: 10, MAP: 11, STRUCT: 12 } as const;

class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.at >= this.bytes.length) throw new DecodeRefusal('Parquet footer ends inside a value');
    return this.bytes[this.at++];
  }
  varint(): bigint {
    let shift = 0n;
    let v = 0n;
    for (;;) {
      const b = this.byte();
      v |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
      shift += 7n;
      if (shift > 70n) throw new DecodeRefusal('Parquet footer has a malformed varint');
    }
  }
  zigzag(): bigint {
    const v = this.varint();
    return (v >> 1n) ^ -(v & 1n);
  }
}

class Writer {
  private parts: number[] = [];
  byte(b: number): void { this.parts.push(b & 0xff); }
  bytes(b: Uint8Array): void { for (const x of b) this.parts.push(x); }
  varint(v: bigint): void {
    let x = BigInt.asUintN(64, v);
    while (x >= 0x80n) { this.parts.push(Number(x & 0x7fn) | 0x80); x >>= 7n; }
    this.parts.push(Number(x));
  }
  zigzag(v: bigint): void { this.varint((v << 1n) ^ (v >> 63n)); }
  out(): Uint8Array { return Uint8Array.from(this.parts); }
}

/** Skips one value of compact type `type`. */
function skipValue(r: Reader, type: number): void {
  switch (type) {
    case T.TRUE: case T.FALSE: return; // in a struct field the type is the value
    case T.BYTE: r.byte(); return;
    case T.I16: case T.I32: case T.I64: r.varint(); return;
    case T.DOUBLE: r.at += 8; return;
    case T.BINARY: { const n = Number(r.varint()); r.at += n; return; }
    case T.LIST: case T.SET: {
      const h = r.byte();
      let n = h >> 4;
      if (n === 15) n = Number(r.varint());
      const et = h & 0x0f;
      for (let i = 0; i < n; i++) {
        if (et === T.TRUE || et === T.FALSE) r.byte(); // a boolean element is one byte
        else skipValue(r, et);
      }
      return;
    }
    case T.MAP: {
      const n = Number(r.varint());
      if (n === 0) return;
      const kv = r.byte();
      for (let i = 0; i < n; i++) { skipValue(r, kv >> 4); skipValue(r, kv & 0x0f); }
      return;
    }
    case T.STRUCT: for (let f = readField(r, 0); f; f = readField(r, f.id)) skipValue(r, f.type); return;
    default: throw new DecodeRefusal(`Parquet footer has an unknown Thrift type ${type}`);
  }
}

function readField(r: Reader, last: number): { id: number; type: number } | undefined {
  const h = r.byte();
  const type = h & 0x0f;
  if (type === T.STOP) return undefined;
  const delta = h >> 4;
  const id = delta ? last + delta : Number(r.zigzag());
  return { id, type };
}

/** What to do with one field of a struct being copied. */
type FieldRule =
  | { drop: true }
  | { i64: (v: bigint) => bigint }
  | { struct: Rules }
  | { list: (index: number) => Rules | 'drop' | 'copy' };
type Rules = Record<number, FieldRule>;

/** Copies one struct from `r` to `w`, applying `rules` by field id; other fields byte for byte. */
function copyStruct(r: Reader, w: Writer, rules: Rules): void {
  let lastIn = 0;
  let lastOut = 0;
  const header = (id: number, type: number) => {
    const delta = id - lastOut;
    if (delta > 0 && delta <= 15) w.byte((delta << 4) | type);
    else { w.byte(type); w.zigzag(BigInt(id)); }
    lastOut = id;
  };
  for (let f = readField(r, lastIn); f; f = readField(r, lastIn)) {
    lastIn = f.id;
    const rule = rules[f.id];
    if (rule && 'drop' in rule) { skipValue(r, f.type); continue; }
    if (rule && 'i64' in rule && (f.type === T.I64 || f.type === T.I32)) {
      header(f.id, f.type);
      w.zigzag(rule.i64(r.zigzag()));
      continue;
    }
    if (rule && 'struct' in rule && f.type === T.STRUCT) {
      header(f.id, f.type);
      copyStruct(r, w, rule.struct);
      continue;
    }
    if (rule && 'list' in rule && f.type === T.LIST) {
      const h = r.byte();
      let n = h >> 4;
      if (n === 15) n = Number(r.varint());
      const et = h & 0x0f;
      const kept: Uint8Array[] = [];
      for (let i = 0; i < n; i++) {
        const what = rule.list(i);
        const from = r.at;
        if (what === 'drop' || what === 'copy' || et !== T.STRUCT) {
          if (et === T.TRUE || et === T.FALSE) r.byte();
          else skipValue(r, et);
          if (what !== 'drop') kept.push(r.bytes.subarray(from, r.at));
        } else {
          const sub = new Writer();
          copyStruct(r, sub, what);
          kept.push(sub.out());
        }
      }
      header(f.id, f.type);
      if (kept.length < 15) w.byte((kept.length << 4) | et);
      else { w.byte(0xf0 | et); w.varint(BigInt(kept.length)); }
      for (const k of kept) w.bytes(k);
      continue;
    }
    // Copied as it is.
    const from = r.at;
    skipValue(r, f.type);
    header(f.id, f.type);
    w.bytes(r.bytes.subarray(from, r.at));
  }
  w.byte(T.STOP);
}

// ---- The small file -----------------------------------------------------------------------

export interface ParquetHeadFile {
  /** A Parquet file holding (at least) the first rows asked for. */
  bytes: Uint8Array;
  /** Rows of the original file. */
  rowCount: number;
  /** Bytes of column data it holds (the rest of the original file was not read). */
  dataBytes: number;
}

/** Column chunk (row group g, column c) → its byte range in the original file and in the small one. */
interface Move { start: number; end: number; to: number }

/**
 * A small Parquet file with the pages that hold the first `head` rows (≥ 1) of `path`, or undefined
 * when that would not be smaller than the file itself (then read the file).
 */
export async function parquetHeadFile(path: string, head: number): Promise<ParquetHeadFile | undefined> {
  const fh = await open(path, 'r');
  try {
    const size = (await fh.stat()).size;
    if (size < 12) throw new DecodeRefusal(`too short for Parquet (${size} bytes; truncated?)`);
    const lead = await readAt(fh, 0, 4);
    const tail = await readAt(fh, size - 8, 8);
    const magic = String.fromCharCode(...tail.subarray(4));
    if (magic === 'PARE' || String.fromCharCode(...lead) === 'PARE') throw new DecodeRefusal('encrypted Parquet (PARE footer): decryption is not supported');
    if (String.fromCharCode(...lead) !== 'PAR1') throw new DecodeRefusal(`not a Parquet file (starts with ${JSON.stringify(String.fromCharCode(...lead))}, expected "PAR1")`);
    if (magic !== 'PAR1') throw new DecodeRefusal('Parquet file without its closing "PAR1" footer magic (truncated?)');
    const footerLength = new DataView(tail.buffer).getUint32(0, true);
    if (footerLength + 12 > size) throw new DecodeRefusal(`Parquet footer length ${footerLength} exceeds the file (truncated?)`);
    const footer = await readAt(fh, size - 8 - footerLength, footerLength);
    let meta: FileMetaData;
    try {
      const withTail = new Uint8Array(footerLength + 8);
      withTail.set(footer);
      withTail.set(tail, footerLength);
      meta = parquetMetadata(withTail.buffer);
    } catch (e) {
      throw new DecodeRefusal(`unreadable Parquet footer: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
    }
    const rowCount = Number(meta.num_rows);
    const want = Math.min(head, rowCount);
    const repeated = leafRepeated(meta.schema as SchemaElement[]);
    // Row groups to keep and where each column chunk goes.
    const moves: Move[][] = [];
    let first = 0;
    let to = 4;
    let keptRows = 0;
    for (const rg of meta.row_groups) {
      if (first >= want && moves.length) break;
      const rows = Number(rg.num_rows);
      const need = Math.min(rows, Math.max(0, want - first));
      const group: Move[] = [];
      for (let c = 0; c < rg.columns.length; c++) {
        const chunk = rg.columns[c];
        if (chunk.file_path) throw new DecodeRefusal('column chunk stored in another file');
        const m = chunk.meta_data;
        if (!m) throw new DecodeRefusal('column chunk without metadata (stored in another file?)');
        const start = Number(m.dictionary_page_offset || m.data_page_offset);
        const end = start + Number(m.total_compressed_size);
        if (!(start >= 4 && end <= size - 8 - footerLength)) throw new DecodeRefusal(`column chunk at bytes ${start}–${end} is outside the file's data`);
        const stop = need < rows ? await prefixEnd(fh, start, end, Math.max(1, need), repeated[c] ?? true) : end;
        group.push({ start, end: stop, to });
        to += stop - start;
      }
      moves.push(group);
      keptRows += rows;
      first += rows;
    }
    const dataBytes = to - 4;
    // Not worth it when most of the file would be read anyway.
    if (dataBytes > 0.5 * size) return undefined;
    const rewrite = (g: number, c: number) => (v: bigint) => {
      const mv = moves[g][c];
      return BigInt(mv.to) + (v - BigInt(mv.start));
    };
    const columnMeta = (g: number, c: number): Rules => ({
      7: { i64: () => BigInt(moves[g][c].end - moves[g][c].start) }, // total_compressed_size
      9: { i64: rewrite(g, c) }, // data_page_offset
      10: { drop: true }, // index_page_offset
      11: { i64: (v) => (v > 0n ? rewrite(g, c)(v) : v) }, // dictionary_page_offset
      14: { drop: true }, // bloom_filter_offset
      15: { drop: true }, // bloom_filter_length
    });
    const rules: Rules = {
      3: { i64: () => BigInt(keptRows) }, // num_rows
      4: {
        list: (g) => (g >= moves.length ? 'drop' : {
          1: { list: (c) => ({ 2: { i64: () => BigInt(moves[g][c].to) }, 3: { struct: columnMeta(g, c) }, 4: { drop: true }, 5: { drop: true }, 6: { drop: true }, 7: { drop: true } }) },
          5: { drop: true }, // file_offset
          6: { drop: true }, // total_compressed_size
        }),
      },
    };
    const w = new Writer();
    copyStruct(new Reader(footer), w, rules);
    const newFooter = w.out();
    const bytes = new Uint8Array(to + newFooter.length + 8);
    bytes.set(lead, 0);
    for (const group of moves) for (const mv of group) await readAt(fh, mv.start, mv.end - mv.start, bytes.subarray(mv.to, mv.to + mv.end - mv.start));
    bytes.set(newFooter, to);
    new DataView(bytes.buffer).setUint32(to + newFooter.length, newFooter.length, true);
    bytes.set(tail.subarray(4), to + newFooter.length + 4);
    return { bytes, rowCount, dataBytes };
  } finally {
    await fh.close();
  }
}
