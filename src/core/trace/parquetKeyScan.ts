/**
 * Key lookup in a Parquet source reading only the key column. parquet-wasm's readParquet decodes every column of
 * the file (0.8 ignores its `columns` option: 400 ms of CPU for a 1M × 20 file to search one of them); here
 * hyparquet reads the footer and the key column's chunks alone, from the file, and the values are compared as
 * findInVector compares them (integers by value, text exactly).
 *
 * It answers only for a flat integer or UTF-8 text column without a logical type that changes its values
 * (timestamps, decimals), compressed with Snappy or not at all (hyparquet's own codecs), in a file with the
 * recorded row count; otherwise undefined, and the caller reads the file with the table reader.
 */
// @ts-expect-error TS1479 -- hyparquet is ESM-only; esbuild bundles it, Node ≥ 20.19 require()s it under tsx.
import { parquetMetadataAsync, parquetRead } from 'hyparquet';
import { open } from 'node:fs/promises';
import type { DatasetRef } from '../runlog/model';

interface SchemaElement {
  name: string;
  type?: string;
  num_children?: number;
  repetition_type?: string;
  converted_type?: string;
  logical_type?: { type: string; isSigned?: boolean };
}
interface Metadata {
  num_rows: bigint | number;
  schema: SchemaElement[];
  row_groups: { columns: { meta_data?: { path_in_schema: string[]; codec: string } }[] }[];
}

const CODECS = new Set(['UNCOMPRESSED', 'SNAPPY']);

/** Rows of `file` whose `column` equals `value`; undefined when this reader cannot answer for sure (see above). */
export async function scanParquetForKey(file: string, output: DatasetRef, column: string, value: string): Promise<number[] | undefined> {
  const fh = await open(file, 'r');
  try {
    const byteLength = (await fh.stat()).size;
    const buffer = {
      byteLength,
      async slice(start: number, end = byteLength): Promise<ArrayBuffer> {
        const b = Buffer.allocUnsafe(Math.max(0, end - start));
        let got = 0;
        while (got < b.length) {
          const { bytesRead } = await fh.read(b, got, b.length - got, start + got);
          if (!bytesRead) throw new Error(`${file} ends at byte ${start + got}, before ${end}`);
          got += bytesRead;
        }
        return b.buffer.slice(b.byteOffset, b.byteOffset + b.length) as ArrayBuffer;
      },
    };
    const meta = (await parquetMetadataAsync(buffer)) as Metadata;
    if (output.rowCount === undefined || Number(meta.num_rows) !== output.rowCount) return undefined;
    // a top-level leaf: the root's direct children without children of their own
    const leaf = meta.schema.slice(1).find((e) => e.name === column);
    if (!leaf || leaf.num_children || leaf.repetition_type === 'REPEATED') return undefined;
    if (meta.schema.slice(1).filter((e) => e.name === column).length > 1) return undefined;
    const logical = leaf.logical_type?.type;
    const isInt = (leaf.type === 'INT64' || leaf.type === 'INT32') && (!logical || logical === 'INTEGER') && (!leaf.converted_type || /^U?INT_/.test(leaf.converted_type));
    const isText = leaf.type === 'BYTE_ARRAY' && (logical === 'STRING' || leaf.converted_type === 'UTF8');
    if (!isInt && !isText) return undefined;
    for (const rg of meta.row_groups) {
      for (const c of rg.columns) if (c.meta_data?.path_in_schema.length === 1 && c.meta_data.path_in_schema[0] === column && !CODECS.has(c.meta_data.codec)) return undefined;
    }
    const trimmed = value.trim();
    if (isInt && !/^[+-]?\d+$/.test(trimmed)) return [];
    const big = BigInt(isInt ? trimmed : 0);
    const num = Number(big);
    const rows: number[] = [];
    await parquetRead({
      file: buffer,
      columns: [column],
      onChunk: (chunk: { columnName: string; columnData: ArrayLike<unknown>; rowStart: number }) => {
        if (chunk.columnName !== column) return;
        const data = chunk.columnData;
        for (let i = 0; i < data.length; i++) {
          const v = data[i];
          if (isInt ? v === big || v === num : v === value) rows.push(chunk.rowStart + i);
        }
      },
    });
    return [...new Set(rows)].sort((a, b) => a - b);
  } finally {
    await fh.close();
  }
}
