/**
 * Parquet → Arrow with parquet-wasm (arrow-rs compiled to WebAssembly), the way measured fastest
 * in JS (docs/table-readers.md): one `readParquet` with 1M-row batches, handed to apache-arrow
 * through the C data interface (arrow-js-ffi, copying out of wasm memory so the wasm heap can be
 * reused). Loaded only inside the decode worker: wasm memory never shrinks, so the worker is
 * what gets recycled.
 *
 * Memory bound, in two steps: before decoding, the footer (parsed by hyparquet) gives row counts
 * and column-chunk sizes, so a lower bound of the decoded size (fixed-width columns by value
 * count × width, which is what run-length and dictionary "bombs" inflate; others by their
 * uncompressed page sizes); after decoding, before copying out of wasm, the real Arrow size is
 * checked again.
 */
// @ts-expect-error TS1479 -- arrow-js-ffi says "type": "module", but its "require" export (a CJS build) is what tsx loads, and esbuild takes the ESM one: either way one apache-arrow instance.
import { parseSchema, parseTable } from 'arrow-js-ffi';
import { Data, DataType, Field, RecordBatch, Schema, Struct, Table, tableFromIPC, Timestamp } from 'apache-arrow';
// @ts-expect-error TS1479 -- hyparquet is ESM-only; esbuild bundles it, and Node ≥ 20.19 require()s it under tsx.
import { parquetMetadata, type FileMetaData } from 'hyparquet';
import { readParquet, wasmMemory } from 'parquet-wasm/node';
import { boundMessage, DecodeRefusal } from './bounds';

export interface ParquetRequest {
  head?: number;
  columns?: string[];
  maxBytes: number;
}

function magic(bytes: Uint8Array, at: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + 4));
}

/** Refuses what is not a plain Parquet file, with the reason. */
export function checkParquetMagic(bytes: Uint8Array): void {
  if (bytes.length < 12) throw new DecodeRefusal(`too short for Parquet (${bytes.length} bytes; truncated?)`);
  const head = magic(bytes, 0);
  const tail = magic(bytes, bytes.length - 4);
  if (tail === 'PARE' || head === 'PARE') throw new DecodeRefusal('encrypted Parquet (PARE footer): decryption is not supported');
  if (head !== 'PAR1') throw new DecodeRefusal(`not a Parquet file (starts with ${JSON.stringify(head)}, expected "PAR1")`);
  if (tail !== 'PAR1') throw new DecodeRefusal('Parquet file without its closing "PAR1" footer magic (truncated?)');
  const footer = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 8, true);
  if (footer + 12 > bytes.length) throw new DecodeRefusal(`Parquet footer length ${footer} exceeds the file (truncated?)`);
}

/** Decoded bytes per value of a Parquet physical type in Arrow (4, an offset, for byte arrays). */
function width(type: string | undefined): number {
  switch (type) {
    case 'BOOLEAN': return 1 / 8;
    case 'INT32': case 'FLOAT': return 4;
    case 'INT64': case 'DOUBLE': return 8;
    case 'INT96': return 8; // read as timestamp[ns]
    case 'FIXED_LEN_BYTE_ARRAY': return 16; // decimal128, uuid: the widest common case
    default: return 4;
  }
}

interface SchemaElement { name: string; num_children?: number }

/** Names of the top-level columns, from the flattened schema (depth-first, with child counts). */
function topLevelNames(schema: SchemaElement[]): string[] {
  const names: string[] = [];
  let i = 1;
  const skip = (at: number): number => {
    let next = at + 1;
    for (let c = 0; c < (schema[at]?.num_children ?? 0); c++) next = skip(next);
    return next;
  };
  for (let c = 0; c < (schema[0]?.num_children ?? 0) && i < schema.length; c++) {
    names.push(schema[i].name);
    i = skip(i);
  }
  return names;
}

export async function decodeParquet(bytes: Uint8Array, req: ParquetRequest): Promise<{ table: Table; rowCount: number }> {
  checkParquetMagic(bytes);
  // The footer through hyparquet: pure JS, reads only the footer (parquet-wasm's reader wants a Blob,
  // i.e. a copy of the whole file, just to parse it).
  let meta: FileMetaData;
  try {
    // Only the footer and its length + magic: a small copy whatever buffer the bytes live in.
    const footer = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 8, true);
    meta = parquetMetadata(Uint8Array.prototype.slice.call(bytes, bytes.length - 8 - footer).buffer);
  } catch (e) {
    throw new DecodeRefusal(`unreadable Parquet footer: ${errorText(e)}`);
  }
  const names = topLevelNames(meta.schema as SchemaElement[]);
  if (req.columns) {
    const unknown = req.columns.filter((c) => !names.includes(c));
    if (unknown.length) throw new DecodeRefusal(`no column ${unknown.map((c) => JSON.stringify(c)).join(', ')} (columns: ${names.join(', ')})`);
  }
  const rowCount = Number(meta.num_rows);
  let rowsLeft = req.head ?? Infinity;
  let estimate = 0;
  for (const rg of meta.row_groups) {
    if (rowsLeft <= 0) break;
    const rows = Number(rg.num_rows);
    const share = Math.min(1, rowsLeft / Math.max(1, rows));
    rowsLeft -= rows;
    // Every column counts: parquet-wasm 0.8's readParquet ignores its `columns` option.
    for (const col of rg.columns) {
      const m = col.meta_data;
      if (!m) throw new DecodeRefusal('column chunk without metadata (stored in another file?)');
      const fixed = Number(m.num_values) * (width(m.type) + 1 / 8);
      estimate += share * Math.max(Number(m.total_uncompressed_size), fixed);
    }
  }
  if (estimate > req.maxBytes) throw new DecodeRefusal(boundMessage('decoded size of at least', estimate, req.maxBytes));
  const options: { batchSize: number; limit?: number } = { batchSize: 1 << 20 };
  if (req.head !== undefined) { options.limit = req.head; options.batchSize = Math.max(1, Math.min(req.head, 1 << 20)); }
  let wasmTable;
  try {
    wasmTable = readParquet(bytes, options);
  } catch (e) {
    throw new DecodeRefusal(`cannot decode Parquet: ${errorText(e)}`);
  }
  const decoded = wasmTable.getArrayMemorySize();
  if (decoded > req.maxBytes) {
    wasmTable.free();
    throw new DecodeRefusal(boundMessage('decoded size', decoded, req.maxBytes));
  }
  const ffi = wasmTable.intoFFI();
  try {
    // With no batches (an empty file, head 0) only the schema comes back.
    const table: Table = ffi.numArrays() > 0
      ? parseTable(wasmMemory().buffer, ffi.arrayAddrs(), ffi.schemaAddr(), true)
      : new Table(parseSchema(wasmMemory().buffer, ffi.schemaAddr()));
    const restored = restoreZones(table, embeddedArrowSchema(meta));
    return { table: req.columns ? restored.select(req.columns) : restored, rowCount };
  } finally {
    ffi.free();
  }
}

/** The Arrow schema pyarrow embeds in the footer (`ARROW:schema`: base64 of an IPC schema message). */
function embeddedArrowSchema(meta: FileMetaData): Schema | undefined {
  const kv = (meta.key_value_metadata as { key: string; value?: string }[] | undefined)?.find((e) => e.key === 'ARROW:schema');
  if (!kv?.value) return undefined;
  try {
    const message = Buffer.from(kv.value, 'base64');
    return tableFromIPC(Buffer.concat([message, Buffer.from([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])])).schema;
  } catch {
    return undefined; // a hint only: without it arrow-rs's own mapping stands
  }
}

/**
 * arrow-rs drops the zone of a zoned timestamp whose unit Parquet cannot store (seconds → ms,
 * "UTC"), where the embedded Arrow schema still has it: put the zone back (same instants, the
 * buffers are untouched).
 */
function restoreZones(table: Table, hint: Schema | undefined): Table {
  if (!hint) return table;
  const wanted = new Map(hint.fields.map((f) => [f.name, f.type]));
  let changed = false;
  const fields = table.schema.fields.map((f) => {
    const h = wanted.get(f.name);
    if (DataType.isTimestamp(f.type) && h && DataType.isTimestamp(h) && h.timezone && h.timezone !== f.type.timezone) {
      changed = true;
      return new Field(f.name, new Timestamp(f.type.unit, h.timezone), f.nullable, f.metadata);
    }
    return f;
  });
  if (!changed) return table;
  const schema = new Schema(fields, table.schema.metadata);
  const batches = table.batches.map((b) => {
    const children = b.data.children.map((d, i) => (d.type === fields[i].type ? d : new Data(fields[i].type, d.offset, d.length, d.nullCount, d.buffers, d.children, d.dictionary)));
    return new RecordBatch(schema, new Data(new Struct(fields), 0, b.numRows, 0, undefined, children));
  });
  return new Table(schema, batches);
}

function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0];
}

/** Current size of parquet-wasm's linear memory (it only grows). */
export function wasmBytes(): number {
  return wasmMemory().buffer.byteLength;
}
