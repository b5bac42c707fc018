/**
 * An Arrow IPC file or stream too large to hold decoded, read one record batch at a time from disk,
 * as ParquetRowGroups reads Parquet by row group (the data viewer's windows of such a file).
 *
 * Opening walks the message headers only (the file format's footer blocks, or a stream's messages
 * one after another, skipping bodies), so a file of any size — past Node's 2 GiB single read too —
 * is indexed with small reads: where each record batch sits and its row count. A batch is decoded
 * by reading the schema message, the dictionary batches that come before it and the batch itself
 * into a small IPC stream and handing that to the same IPC decoder as a whole file
 * (ipc.ts: layout checks, big-endian refusal, compressed-size bound, codecs). The last two decoded
 * batches are kept for scrolling back and forth.
 */
import { Table, tableToIPC } from 'apache-arrow';
import { Footer as FooterMeta } from 'apache-arrow/ipc/metadata/file';
import { ByteBuffer } from 'flatbuffers';
import { Block } from 'apache-arrow/fb/block';
import { Footer } from 'apache-arrow/fb/footer';
import { Message } from 'apache-arrow/fb/message';
import { MessageHeader } from 'apache-arrow/fb/message-header';
import { RecordBatch } from 'apache-arrow/fb/record-batch';
import { open, type FileHandle } from 'node:fs/promises';
import { boundMessage, DecodeRefusal } from './bounds';
import { RowGroups } from './rowGroups';
import { ARROW_MAGIC } from './ipcInspect';

const KEEP = 2;

/** One IPC message in the file: where it starts (its length prefix) and how long it is in all. */
interface Located { at: number; length: number }

/** Decodes a small IPC stream (the tables worker's in-process IPC decoder). */
export type IpcDecode = (bytes: Uint8Array, maxBytes: number) => Promise<Table>;

async function readAt(fh: FileHandle, at: number, length: number): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, at + got);
    if (bytesRead === 0) throw new DecodeRefusal(`file ends at byte ${at + got}, inside a message that should end at ${at + length} (truncated?)`);
    got += bytesRead;
  }
  return buf;
}

/** The message at `at`: its flatbuffer header and total length (prefix + metadata + body). */
async function messageAt(fh: FileHandle, at: number, size: number): Promise<{ msg: Message; length: number } | undefined> {
  if (at + 8 > size) return undefined;
  const head = new DataView((await readAt(fh, at, 8)).buffer);
  let prefix = 4;
  let len = head.getInt32(0, true);
  if (len === -1) { prefix = 8; len = head.getInt32(4, true); }
  if (len === 0) return undefined; // end of stream
  if (len < 0 || at + prefix + len > size) throw new DecodeRefusal(`message at byte ${at} runs past the end of the file (truncated?)`);
  const meta = await readAt(fh, at + prefix, len);
  const msg = Message.getRootAsMessage(new ByteBuffer(meta));
  const body = Number(msg.bodyLength());
  if (body < 0 || at + prefix + len + body > size) throw new DecodeRefusal(`message body at byte ${at + prefix + len} runs past the end of the file (truncated?)`);
  return { msg, length: prefix + len + body };
}

/**
 * The schema message of an IPC file whose schema is only in its footer: the footer's schema written
 * as the one message of an empty stream (dictionary ids kept), without the end-of-stream marker.
 */
function schemaMessage(footer: Uint8Array): Uint8Array {
  let stream: Uint8Array;
  try {
    stream = tableToIPC(new Table(FooterMeta.decode(footer).schema), 'stream');
  } catch (e) {
    throw new DecodeRefusal(`unreadable schema in the Arrow IPC footer: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
  }
  return stream.subarray(0, stream.length - 8);
}

export class IpcBatches extends RowGroups {

  private constructor(
    private readonly path: string,
    private readonly schema: Uint8Array,
    /** Each record batch, and the dictionary batches (bytes, read once) that come before it in the file. */
    private readonly batches: { at: Located; dictionaries: number }[],
    private readonly dictionaries: Uint8Array[],
    private readonly maxBytes: number,
    private readonly decode: IpcDecode,
    rows: number[],
  ) {
    super(rows, KEEP);
  }

  static async open(path: string, maxBytes: number, decode: IpcDecode): Promise<IpcBatches> {
    const fh = await open(path, 'r');
    try {
      const size = (await fh.stat()).size;
      const lead = size >= 6 ? String.fromCharCode(...(await readAt(fh, 0, 6))) : '';
      const order: ({ kind: 'dict'; at: Located } | { kind: 'batch'; at: Located; rows: number })[] = [];
      let schemaAt: Located | undefined;
      let footerSchema: Uint8Array | undefined;
      const add = (at: number, m: { msg: Message; length: number }) => {
        const type = m.msg.headerType();
        const loc = { at, length: m.length };
        if (type === MessageHeader.Schema) {
          if (schemaAt) throw new DecodeRefusal('a second schema message inside the stream');
          schemaAt = loc;
        } else if (type === MessageHeader.DictionaryBatch) order.push({ kind: 'dict', at: loc });
        else if (type === MessageHeader.RecordBatch) {
          const rb = m.msg.header(new RecordBatch()) as RecordBatch | null;
          if (!rb) throw new DecodeRefusal(`unreadable record batch header at byte ${at}`);
          order.push({ kind: 'batch', at: loc, rows: Number(rb.length()) });
        } else throw new DecodeRefusal(`unexpected message of type ${type} at byte ${at}`);
      };
      if (lead === ARROW_MAGIC) {
        // The file format: the stream's schema message at byte 8, batches where the footer says.
        if (size < 18 || String.fromCharCode(...(await readAt(fh, size - 6, 6))) !== ARROW_MAGIC) throw new DecodeRefusal('Arrow IPC file without its closing "ARROW1" magic (truncated?)');
        const footerLength = new DataView((await readAt(fh, size - 10, 4)).buffer).getInt32(0, true);
        const footerStart = size - 10 - footerLength;
        if (footerLength <= 0 || footerStart < 8) throw new DecodeRefusal(`footer length ${footerLength} does not fit the file (truncated?)`);
        const footerBytes = await readAt(fh, footerStart, footerLength);
        const footer = Footer.getRootAsFooter(new ByteBuffer(footerBytes));
        const dictionaries = footer.dictionariesLength();
        const batches = footer.recordBatchesLength();
        if ((dictionaries + batches) * 24 > footerLength) throw new DecodeRefusal(`footer lists ${dictionaries + batches} blocks in ${footerLength} bytes`);
        // Writers put the schema message up front (pyarrow) or only in the footer (apache-arrow's file
        // writer): then it is written out again from the footer's schema.
        const first = await messageAt(fh, 8, footerStart);
        if (first?.msg.headerType() === MessageHeader.Schema) add(8, first);
        else footerSchema = schemaMessage(footerBytes);
        const block = new Block();
        const blocks: number[] = [];
        for (let i = 0; i < dictionaries; i++) blocks.push(Number(footer.dictionaries(i, block)!.offset()));
        for (let i = 0; i < batches; i++) blocks.push(Number(footer.recordBatches(i, block)!.offset()));
        for (const at of blocks) {
          if (at < 8 || at >= footerStart) throw new DecodeRefusal(`footer points at byte ${at}, outside the file body`);
          const m = await messageAt(fh, at, footerStart);
          if (!m) throw new DecodeRefusal(`no message at byte ${at}`);
          add(at, m);
        }
      } else {
        for (let at = 0, m = await messageAt(fh, 0, size); m; m = await messageAt(fh, at, size)) {
          add(at, m);
          at += m.length;
        }
      }
      const schema = schemaAt ? await readAt(fh, schemaAt.at, schemaAt.length) : footerSchema;
      if (!schema) throw new DecodeRefusal('no schema message (not Arrow IPC, or truncated)');
      const dictBytes: Uint8Array[] = [];
      let dictTotal = 0;
      const batches: { at: Located; dictionaries: number }[] = [];
      const rows: number[] = [];
      for (const o of order) {
        if (o.kind === 'dict') {
          dictTotal += o.at.length;
          if (dictTotal > maxBytes / 4) throw new DecodeRefusal(boundMessage('dictionaries of at least', dictTotal * 4, maxBytes));
          dictBytes.push(await readAt(fh, o.at.at, o.at.length));
        } else {
          batches.push({ at: o.at, dictionaries: dictBytes.length });
          rows.push(o.rows);
        }
      }
      return new IpcBatches(path, schema, batches, dictBytes, maxBytes, decode, rows);
    } finally {
      await fh.close();
    }
  }

  /** Record batch `g` decoded, as a table (refused when it alone is over the memory bound). */
  protected async decodeGroup(g: number): Promise<Table> {
    const b = this.batches[g];
    const fh = await open(this.path, 'r');
    let body: Uint8Array;
    try {
      body = await readAt(fh, b.at.at, b.at.length);
    } finally {
      await fh.close();
    }
    const dicts = this.dictionaries.slice(0, b.dictionaries);
    const bytes = new Uint8Array(this.schema.length + dicts.reduce((n, d) => n + d.length, 0) + body.length + 8);
    let at = 0;
    for (const part of [this.schema, ...dicts, body]) { bytes.set(part, at); at += part.length; }
    bytes.set([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0], at);
    let table: Table;
    try {
      table = await this.decode(bytes, this.maxBytes);
    } catch (e) {
      const reason = e instanceof DecodeRefusal ? e.reason : String((e as Error)?.message ?? e).split('\n')[0];
      throw new DecodeRefusal(`record batch ${g}: ${reason}`);
    }
    return table;
  }
}
