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
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
// @ts-expect-error TS1479 -- parquet-wasm's esm build (the one that takes a compiled module) is ESM; esbuild bundles it, Node ≥ 20.19 require()s it under tsx.
import { initSync, readParquet, wasmMemory, type InitOutput } from 'parquet-wasm/esm';
import { boundMessage, DecodeRefusal } from './bounds';

/** parquet-wasm's wasm: beside the worker bundle (esbuild.mjs copies it), or in node_modules under tsx. */
function parquetWasmFile(): string {
  return __filename.endsWith('.ts') ? path.resolve(__dirname, '../../../node_modules/parquet-wasm/esm/parquet_wasm_bg.wasm') : path.join(__dirname, 'parquet_wasm_bg.wasm');
}

/** The WebAssembly global (the ES2022 lib this project compiles against does not declare it as a value). */
const wasmApi = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => WebAssembly.Module } }).WebAssembly;

let wasm: InitOutput | undefined;

/** The largest heap reserveWasmHeap asks for (wasm32 memory ends at 4 GiB; V8 may allow less). */
const MAX_RESERVE = 1.5 * 1024 ** 3;

/**
 * Grows the wasm heap to about `bytes` in one step, before decoding. Left to itself the allocator
 * grows it page by page as the decode goes, and on the first decode of a new worker those many
 * small grows cost about as much as the decode itself (bench/tables.ts: first decode 620–940 ms
 * of CPU vs 230 ms warm; after one grow of the whole heap, 350–570 ms). One allocation of the
 * whole size, freed at once, leaves that memory to the allocator for the decode; pages the decode
 * does not touch are never made resident.
 */
function reserveWasmHeap(bytes: number): void {
  const size = Math.min(Math.ceil(bytes), MAX_RESERVE);
  if (!wasm || wasmMemory().buffer.byteLength >= size) return;
  try {
    const at = wasm.__wbindgen_malloc(size, 1) >>> 0;
    wasm.__wbindgen_free(at, size, 1);
  } catch {
    // Out of memory for the reservation: the decode grows the heap as it goes (and may be refused).
  }
}

/**
 * Instantiates parquet-wasm once per thread, from `module` when the caller compiled it (the
 * decode worker's client compiles it once per process and hands it to every worker it starts:
 * each new worker then skips the compile and shares the code V8 has already optimised), else
 * by compiling the wasm file here.
 */
export function initParquetWasm(module?: WebAssembly.Module): void {
  if (wasm) return;
  wasm = initSync({ module: module ?? new wasmApi.Module(readFileSync(parquetWasmFile())) });
}

export interface ParquetRequest {
  head?: number;
  columns?: string[];
  maxBytes: number;
  /**
   * Decode only this share of the rows, part `index` of `of` equal row ranges (the caller merges
   * the parts in order): big files are split across decode workers. Ignored with `head`.
   */
  part?: { index: number; of: number };
}

/** The row range [start, end) a request decodes. */
export function rowRange(rowCount: number, req: Pick<ParquetRequest, 'head' | 'part'>): [number, number] {
  if (req.head !== undefined) return [0, Math.min(req.head, rowCount)];
  if (!req.part) return [0, rowCount];
  const { index, of } = req.part;
  return [Math.floor((rowCount * index) / of), Math.floor((rowCount * (index + 1)) / of)];
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
  const [start, end] = rowRange(rowCount, req);
  // The bound counts the whole file even for one part: a part alone must not pass a file whose
  // parts together exceed it (the caller checks the sum of the decoded parts again).
  const [boundStart, boundEnd] = rowRange(rowCount, { head: req.head });
  let estimate = 0;
  /** The same lower bound for the rows this request decodes (sizes the wasm heap). */
  let own = 0;
  let first = 0;
  const overlap = (from: number, to: number, a: number, b: number) => Math.max(0, Math.min(b, to) - Math.max(a, from));
  for (const rg of meta.row_groups) {
    const rows = Number(rg.num_rows);
    const from = first;
    first += rows;
    // This row group's share of the rows counted by the bound, and of the rows decoded.
    const share = overlap(from, first, boundStart, boundEnd) / Math.max(1, rows);
    const ownShare = overlap(from, first, start, end) / Math.max(1, rows);
    if (share === 0) continue;
    // Every column counts: parquet-wasm 0.8's readParquet ignores its `columns` option.
    for (const col of rg.columns) {
      const m = col.meta_data;
      if (!m) throw new DecodeRefusal('column chunk without metadata (stored in another file?)');
      const fixed = Number(m.num_values) * (width(m.type) + 1 / 8);
      estimate += share * Math.max(Number(m.total_uncompressed_size), fixed);
      own += ownShare * Math.max(Number(m.total_uncompressed_size), fixed);
    }
  }
  if (estimate > req.maxBytes) throw new DecodeRefusal(boundMessage('decoded size of at least', estimate, req.maxBytes));
  const options: { batchSize: number; limit?: number; offset?: number } = { batchSize: 1 << 20 };
  if (req.head !== undefined) { options.limit = req.head; options.batchSize = Math.max(1, Math.min(req.head, 1 << 20)); }
  else if (req.part) { options.offset = start; options.limit = end - start; }
  initParquetWasm();
  // The file's copy, the decoded columns and the decompressed pages they are decoded from.
  reserveWasmHeap(bytes.length + 2 * own);
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
export function embeddedArrowSchema(meta: FileMetaData): Schema | undefined {
  const kv = (meta.key_value_metadata as { key: string; value?: string }[] | undefined)?.find((e) => e.key === 'ARROW:schema');
  return arrowSchemaOf(kv?.value);
}

/** The `ARROW:schema` footer value (base64 of an IPC schema message) as a schema; undefined when absent or unreadable. */
export function arrowSchemaOf(value: string | undefined): Schema | undefined {
  if (!value) return undefined;
  try {
    const message = Buffer.from(value, 'base64');
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
export function restoreZones(table: Table, hint: Schema | undefined): Table {
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
  return wasm ? wasmMemory().buffer.byteLength : 0;
}
