/**
 * Walks the messages of an Arrow IPC file or stream without decoding any body, to learn what
 * apache-arrow's reader does not tell: the schema's endianness (it ignores it and would read a
 * big-endian file as garbage), whether record batch bodies are compressed, and how many bytes
 * the decoded buffers will take (from each compressed buffer's 8-byte length prefix), so a
 * decompression bomb is refused before anything is decompressed, and the row count.
 */
import { ByteBuffer } from 'flatbuffers';
import { Block } from 'apache-arrow/fb/block';
import { Buffer as FbBuffer } from 'apache-arrow/fb/buffer';
import { CompressionType } from 'apache-arrow/fb/compression-type';
import { DictionaryBatch } from 'apache-arrow/fb/dictionary-batch';
import { Endianness } from 'apache-arrow/fb/endianness';
import { FieldNode } from 'apache-arrow/fb/field-node';
import { Footer } from 'apache-arrow/fb/footer';
import { Message } from 'apache-arrow/fb/message';
import { MessageHeader } from 'apache-arrow/fb/message-header';
import { RecordBatch } from 'apache-arrow/fb/record-batch';
import { Schema } from 'apache-arrow/fb/schema';

export const ARROW_MAGIC = 'ARROW1';

export interface IpcLayout {
  kind: 'file' | 'stream';
  bigEndian: boolean;
  /** Codec of the first compressed body, or null when no body is compressed. */
  compression: 'lz4_frame' | 'zstd' | null;
  /** Decoded body size of all dictionary batches. */
  dictionaryBytes: number;
  /** Rows and decoded body size of each record batch, in order. */
  batches: { rows: number; bytes: number }[];
  rowCount: number;
}

export class IpcLayoutError extends Error {}

function isArrowFile(bytes: Uint8Array): boolean {
  return bytes.length >= 6 && String.fromCharCode(...bytes.subarray(0, 6)) === ARROW_MAGIC;
}

function int64(view: DataView, at: number): number {
  const v = view.getBigInt64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new IpcLayoutError(`a buffer declares ${v} bytes`);
  return Number(v);
}

/** Decoded size of one batch body: declared lengths of compressed buffers, else the body size. */
function batchBytes(rb: RecordBatch, body: Uint8Array, compressed: boolean): number {
  if (!compressed) return body.length;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const buf = new FbBuffer();
  let total = 0;
  for (let i = 0; i < rb.buffersLength(); i++) {
    rb.buffers(i, buf);
    const offset = Number(buf.offset());
    const length = Number(buf.length());
    if (length === 0) continue;
    if (length < 8 || offset + length > body.length) throw new IpcLayoutError(`compressed buffer ${i} lies outside its message body`);
    const declared = int64(view, offset);
    total += declared === -1 ? length - 8 : declared;
  }
  return total;
}

/**
 * Lengths and buffer regions a damaged file can make absurd, checked before apache-arrow sees them
 * (it trusts them: a huge length makes it loop for minutes or abort the process): every array
 * needs at least one bit of some buffer per value, so no length can pass 8 × the decoded body;
 * null counts cannot pass lengths; uncompressed buffers lie inside the body.
 */
function checkNodes(rb: RecordBatch, body: Uint8Array, compressed: boolean, decodedBytes: number): void {
  const limit = 8 * decodedBytes + 64;
  const rows = Number(rb.length());
  if (rows < 0 || rows > limit) throw new IpcLayoutError(`a batch claims ${rows} rows in ${decodedBytes} bytes`);
  const node = new FieldNode();
  const count = rb.nodesLength();
  for (let i = 0; i < count; i++) {
    rb.nodes(i, node);
    const length = Number(node.length());
    const nulls = Number(node.nullCount());
    if (length < 0 || length > limit || nulls < 0 || nulls > length) throw new IpcLayoutError(`array ${i} of a batch claims ${length} values (${nulls} null) in ${decodedBytes} bytes`);
  }
  if (compressed) return;
  const buf = new FbBuffer();
  for (let i = 0; i < rb.buffersLength(); i++) {
    rb.buffers(i, buf);
    const offset = Number(buf.offset());
    const length = Number(buf.length());
    if (offset < 0 || length < 0 || offset + length > body.length) throw new IpcLayoutError(`buffer ${i} of a batch lies outside its message body`);
  }
}

/** Reads one message (continuation marker optional) at `at`; returns it, its body and the next offset. */
function messageAt(bytes: Uint8Array, view: DataView, at: number): { msg: Message; body: Uint8Array; next: number } | undefined {
  if (at + 4 > bytes.length) return undefined;
  let len = view.getInt32(at, true);
  at += 4;
  if (len === -1) {
    if (at + 4 > bytes.length) return undefined;
    len = view.getInt32(at, true);
    at += 4;
  }
  if (len === 0) return undefined; // end-of-stream marker
  if (len < 0 || at + len > bytes.length) throw new IpcLayoutError(`message at byte ${at} runs past the end of the file (truncated?)`);
  const msg = Message.getRootAsMessage(new ByteBuffer(bytes.subarray(at, at + len)));
  at += len;
  const bodyLength = Number(msg.bodyLength());
  if (bodyLength < 0 || at + bodyLength > bytes.length) throw new IpcLayoutError(`message body at byte ${at} runs past the end of the file (truncated?)`);
  return { msg, body: bytes.subarray(at, at + bodyLength), next: at + bodyLength };
}

function addBatch(layout: IpcLayout, msg: Message, body: Uint8Array): void {
  const type = msg.headerType();
  // Anything else where a batch belongs (a damaged header type) sends apache-arrow's reader into an endless loop.
  if (type !== MessageHeader.RecordBatch && type !== MessageHeader.DictionaryBatch) throw new IpcLayoutError(`unexpected message of type ${type} where a batch belongs`);
  const rb = type === MessageHeader.RecordBatch
    ? (msg.header(new RecordBatch()) as RecordBatch | null)
    : ((msg.header(new DictionaryBatch()) as DictionaryBatch | null)?.data() ?? null);
  if (!rb) throw new IpcLayoutError('unreadable batch header');
  const codec = rb.compression()?.codec();
  const compressed = codec !== undefined;
  if (compressed && layout.compression === null) layout.compression = codec === CompressionType.ZSTD ? 'zstd' : 'lz4_frame';
  const bytes = batchBytes(rb, body, compressed);
  checkNodes(rb, body, compressed, bytes);
  if (type === MessageHeader.RecordBatch) {
    const rows = Number(rb.length());
    layout.batches.push({ rows, bytes });
    layout.rowCount += rows;
  } else layout.dictionaryBytes += bytes;
}

/** The file format: schema and batch locations from the footer (a file need not repeat the schema up front). */
function inspectFile(bytes: Uint8Array, view: DataView, layout: IpcLayout): void {
  const n = bytes.length;
  if (n < 8 + 10 || String.fromCharCode(...bytes.subarray(n - 6)) !== ARROW_MAGIC) {
    throw new IpcLayoutError('Arrow IPC file without its closing "ARROW1" magic (truncated?)');
  }
  const footerLength = view.getInt32(n - 10, true);
  const footerStart = n - 10 - footerLength;
  if (footerLength <= 0 || footerStart < 8) throw new IpcLayoutError(`footer length ${footerLength} does not fit the file (truncated?)`);
  const footer = Footer.getRootAsFooter(new ByteBuffer(bytes.subarray(footerStart, n - 10)));
  const schema = footer.schema();
  if (!schema) throw new IpcLayoutError('footer has no schema');
  layout.bigEndian = schema.endianness() === Endianness.Big;
  if (layout.bigEndian) return;
  // Blocks are 24-byte structs: a damaged count must not make us (or apache-arrow) build a huge list.
  const dictionaries = footer.dictionariesLength();
  const batches = footer.recordBatchesLength();
  if ((dictionaries + batches) * 24 > footerLength) throw new IpcLayoutError(`footer lists ${dictionaries + batches} blocks in ${footerLength} bytes`);
  const block = new Block();
  const blocks: { offset: number; type: MessageHeader }[] = [];
  for (let i = 0; i < dictionaries; i++) blocks.push({ offset: Number(footer.dictionaries(i, block)!.offset()), type: MessageHeader.DictionaryBatch });
  for (let i = 0; i < batches; i++) blocks.push({ offset: Number(footer.recordBatches(i, block)!.offset()), type: MessageHeader.RecordBatch });
  for (const { offset, type } of blocks) {
    if (offset < 8 || offset >= footerStart) throw new IpcLayoutError(`footer points at byte ${offset}, outside the file body`);
    const m = messageAt(bytes, view, offset);
    if (!m) throw new IpcLayoutError(`no message at byte ${offset}`);
    if (m.msg.headerType() !== type) throw new IpcLayoutError(`message at byte ${offset} is of type ${m.msg.headerType()}, the footer says ${type}`);
    addBatch(layout, m.msg, m.body);
  }
}

export function inspectIpc(bytes: Uint8Array): IpcLayout {
  const kind = isArrowFile(bytes) ? 'file' : 'stream';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const layout: IpcLayout = { kind, bigEndian: false, compression: null, dictionaryBytes: 0, batches: [], rowCount: 0 };
  if (kind === 'file') {
    inspectFile(bytes, view, layout);
    return layout;
  }
  let sawSchema = false;
  for (let m = messageAt(bytes, view, 0); m; m = messageAt(bytes, view, m.next)) {
    if (m.msg.headerType() === MessageHeader.Schema) {
      if (sawSchema) throw new IpcLayoutError('a second schema message inside the stream');
      layout.bigEndian = (m.msg.header(new Schema()) as Schema | null)?.endianness() === Endianness.Big;
      sawSchema = true;
      if (layout.bigEndian) return layout;
    } else {
      if (!sawSchema) throw new IpcLayoutError('stream does not start with a schema message');
      addBatch(layout, m.msg, m.body);
    }
  }
  if (!sawSchema) throw new IpcLayoutError('no schema message (not Arrow IPC, or truncated)');
  return layout;
}
