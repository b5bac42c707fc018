/**
 * A Parquet file too large to hold decoded, read one row group at a time: parquet-wasm's
 * ParquetFile over a Blob of the file (Node's `fs.openAsBlob`, which reads byte ranges on demand,
 * so neither the file nor the decoded table is held whole, and files past Node's 2 GiB single-read
 * limit work too). Used by the data viewer for windows of such a file; each decoded row group is
 * checked against the memory bound and the last two are kept for scrolling back and forth.
 * Zoned timestamps stored with a unit Parquet cannot keep (seconds) get their zone back from the
 * embedded Arrow schema, as decodeParquet does, so both paths show the same types and values.
 */
// @ts-expect-error TS1479 -- arrow-js-ffi says "type": "module"; see parquet.ts.
import { parseTable } from 'arrow-js-ffi';
import type { Schema, Table } from 'apache-arrow';
import { openAsBlob } from 'node:fs';
// @ts-expect-error TS1479 -- parquet-wasm's esm build; see parquet.ts.
import { ParquetFile, wasmMemory } from 'parquet-wasm/esm';
import { boundMessage, DecodeRefusal } from './bounds';
import { RowGroups } from './rowGroups';
import { arrowSchemaOf, initParquetWasm, restoreZones } from './parquet';

const KEEP = 2;

export class ParquetRowGroups extends RowGroups {

  private constructor(
    private readonly file: ParquetFile,
    groupRows: number[],
    private readonly maxBytes: number,
    /** The schema pyarrow embeds (ARROW:schema), for the zones arrow-rs drops. */
    private readonly hint: Schema | undefined,
  ) {
    super(groupRows, KEEP);
  }

  static async open(path: string, maxBytes: number): Promise<ParquetRowGroups> {
    initParquetWasm();
    let pf: ParquetFile;
    try {
      pf = await ParquetFile.fromFile(await openAsBlob(path));
    } catch (e) {
      throw new DecodeRefusal(`cannot read the Parquet footer: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
    }
    const meta = pf.metadata();
    const rows: number[] = [];
    for (let i = 0; i < meta.numRowGroups(); i++) rows.push(Number(meta.rowGroup(i).numRows()));
    let hint: Schema | undefined;
    try {
      const kv = meta.fileMetadata().keyValueMetadata() as Map<string, string | undefined>;
      hint = arrowSchemaOf(kv.get('ARROW:schema') ?? undefined);
    } catch {
      hint = undefined; // a hint only
    }
    return new ParquetRowGroups(pf, rows, maxBytes, hint);
  }

  /** Row group `g` decoded (refused when it alone is over the memory bound). */
  protected async decodeGroup(g: number): Promise<Table> {
    let wasmTable;
    try {
      wasmTable = await this.file.read({ rowGroups: [g], batchSize: Math.max(1, this.starts[g + 1] - this.starts[g]) });
    } catch (e) {
      throw new DecodeRefusal(`cannot decode row group ${g} of the Parquet file: ${String((e as Error)?.message ?? e).split('\n')[0]}`);
    }
    const size = wasmTable.getArrayMemorySize();
    if (size > this.maxBytes) {
      wasmTable.free();
      throw new DecodeRefusal(boundMessage(`row group ${g}'s decoded size`, size, this.maxBytes));
    }
    const ffi = wasmTable.intoFFI();
    let table: Table;
    try {
      table = restoreZones(parseTable(wasmMemory().buffer, ffi.arrayAddrs(), ffi.schemaAddr(), true), this.hint);
    } finally {
      ffi.free();
    }
    return table;
  }
}
