/**
 * Parquet → Arrow with parquet-wasm (arrow-rs compiled to WebAssembly), the way measured fastest
 * in JS (docs/table-readers.md): one `readParquet` with 1M-row batches, handed to apache-arrow
 * through the C data interface (arrow-js-ffi, copying out of wasm memory so the wasm heap can be
 * reused). Loaded only inside the decode worker: wasm memory never shrinks, so the worker is
 * what gets recycled.
 *
 * Memory bound, in two steps: before decoding, the footer's row counts and column-chunk sizes
 * give a lower bound of the decoded size (fixed-width columns exactly: rows × width, which is
 * what run-length and dictionary "bombs" inflate); after decoding, before copying out of wasm,
 * the real Arrow size is checked again.
 */
// @ts-expect-error TS1479 -- arrow-js-ffi says "type": "module", but its "require" export (a CJS build) is what tsx loads, and esbuild takes the ESM one: either way one apache-arrow instance.
import { parseSchema, parseTable } from 'arrow-js-ffi';
import { DataType, Table, type Field, type Schema } from 'apache-arrow';
import { ParquetFile, readParquet, wasmMemory } from 'parquet-wasm/node';
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

/** Bytes per value of a fixed-width Arrow type, 4 (an offset) for everything else. */
function width(type: DataType): number {
  if (DataType.isDictionary(type)) return width(type.indices);
  if (DataType.isBool(type)) return 1 / 8;
  if (DataType.isDecimal(type)) return type.bitWidth / 8;
  if (DataType.isFixedSizeBinary(type)) return type.byteWidth;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const bits = (type as any).bitWidth as number | undefined;
  if (typeof bits === 'number' && !DataType.isUtf8(type) && !DataType.isBinary(type)) return bits / 8;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const ArrayType = (type as any).ArrayType as { BYTES_PER_ELEMENT?: number } | undefined;
  if (ArrayType?.BYTES_PER_ELEMENT && !type.children?.length && !DataType.isUtf8(type) && !DataType.isBinary(type)) return ArrayType.BYTES_PER_ELEMENT;
  return 4;
}

export async function decodeParquet(bytes: Uint8Array, req: ParquetRequest): Promise<{ table: Table; rowCount: number }> {
  checkParquetMagic(bytes);
  let file: ParquetFile;
  try {
    file = await ParquetFile.fromFile(new Blob([bytes]));
  } catch (e) {
    throw new DecodeRefusal(`unreadable Parquet footer: ${errorText(e)}`);
  }
  try {
    const meta = file.metadata();
    const ffiSchema = file.schema().intoFFI();
    let schema: Schema;
    try {
      schema = parseSchema(wasmMemory().buffer, ffiSchema.addr());
    } finally {
      ffiSchema.free();
    }
    const byName = new Map<string, Field>(schema.fields.map((f) => [f.name, f]));
    if (req.columns) {
      const unknown = req.columns.filter((c) => !byName.has(c));
      if (unknown.length) throw new DecodeRefusal(`no column ${unknown.map((c) => JSON.stringify(c)).join(', ')} (columns: ${[...byName.keys()].join(', ')})`);
    }
    const rowCount = meta.fileMetadata().numRows();
    let rowsLeft = req.head ?? Infinity;
    let estimate = 0;
    for (const rg of meta.rowGroups()) {
      if (rowsLeft <= 0) break;
      const share = Math.min(1, rowsLeft / Math.max(1, rg.numRows()));
      rowsLeft -= rg.numRows();
      for (const col of rg.columns()) {
        // Every column counts: parquet-wasm 0.8's readParquet ignores its `columns` option.
        const field = byName.get(col.columnPath()[0]);
        const fixed = field ? col.numValues() * (width(field.type) + 1 / 8) : 0;
        estimate += share * Math.max(col.uncompressedSize(), fixed);
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
      // No batches (an empty file or head 0): an empty table of the selected columns.
      const table: Table = ffi.numArrays() > 0 ? parseTable(wasmMemory().buffer, ffi.arrayAddrs(), ffi.schemaAddr(), true) : new Table(schema);
      return { table: req.columns ? table.select(req.columns) : table, rowCount };
    } finally {
      ffi.free();
    }
  } finally {
    file.free();
  }
}

function errorText(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0];
}

/** Current size of parquet-wasm's linear memory (it only grows). */
export function wasmBytes(): number {
  return wasmMemory().buffer.byteLength;
}
