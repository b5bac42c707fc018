/**
 * Arrow IPC (file, stream, Feather v2) → Arrow table with apache-arrow, after ipcInspect has
 * vetted the layout: big-endian files are refused (apache-arrow would misread every multi-byte
 * value), and the decoded size of what will be read is checked against the bound before any
 * body is decompressed. Uncompressed files are read zero-copy; compressed ones go through the
 * codecs registered in codecs.ts (callers run those in the decode worker).
 */
import { RecordBatchReader, Table, type RecordBatch } from 'apache-arrow';
import { boundMessage, DecodeRefusal } from './bounds';
import { registerCodecs } from './codecs';
import { inspectIpc, IpcLayoutError, type IpcLayout } from './ipcInspect';

export interface IpcRequest {
  head?: number;
  columns?: string[];
  maxBytes: number;
}

export function layoutOf(bytes: Uint8Array): IpcLayout {
  let layout: IpcLayout;
  try {
    layout = inspectIpc(bytes);
  } catch (e) {
    if (e instanceof IpcLayoutError) throw new DecodeRefusal(`not readable as Arrow IPC: ${e.message}`);
    throw new DecodeRefusal(`not readable as Arrow IPC: ${(e as Error).message}`);
  }
  if (layout.bigEndian) {
    throw new DecodeRefusal('big-endian Arrow IPC (schema endianness Big) is not supported: its values would be misread; '
      + 'rewrite it little-endian, e.g. with pyarrow, which byte-swaps on read');
  }
  return layout;
}

/** Decoded bytes needed for the first `head` rows (all rows without head). */
export function neededBytes(layout: IpcLayout, head?: number): number {
  let bytes = layout.dictionaryBytes;
  let rows = 0;
  for (const b of layout.batches) {
    if (head !== undefined && rows >= head) break;
    bytes += b.bytes;
    rows += b.rows;
  }
  return bytes;
}

export function decodeIpc(bytes: Uint8Array, req: IpcRequest, layout = layoutOf(bytes)): { table: Table; rowCount: number } {
  const needed = neededBytes(layout, req.head);
  if (needed > req.maxBytes) throw new DecodeRefusal(boundMessage('decoded size', needed, req.maxBytes));
  if (layout.compression) registerCodecs();
  let table: Table;
  try {
    const reader = RecordBatchReader.from(bytes).open();
    // Taken now: stopping the iteration early closes the reader and forgets its schema.
    const schema = reader.schema;
    const batches: RecordBatch[] = [];
    let rows = 0;
    for (const batch of reader) {
      if (req.head !== undefined && rows >= req.head) break;
      batches.push(batch);
      rows += batch.numRows;
    }
    table = batches.length ? new Table(batches) : new Table(schema);
  } catch (e) {
    throw new DecodeRefusal(`cannot decode Arrow IPC: ${(e as Error).message.split('\n')[0]}`);
  }
  if (req.head !== undefined && table.numRows > req.head) table = table.slice(0, req.head);
  if (req.columns) {
    const names = new Set(table.schema.fields.map((f) => f.name));
    const unknown = req.columns.filter((c) => !names.has(c));
    if (unknown.length) throw new DecodeRefusal(`no column ${unknown.map((c) => JSON.stringify(c)).join(', ')} (columns: ${[...names].join(', ')})`);
    table = table.select(req.columns);
  }
  return { table, rowCount: layout.rowCount };
}
