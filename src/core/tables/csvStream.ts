/**
 * A CSV too large to hold parsed, read one chunk of lines at a time from disk (the data viewer's
 * windows of such a file), as ParquetRowGroups and IpcBatches read Parquet and Arrow by parts.
 *
 * Opening scans the file once in 16 MB blocks to index it: where each chunk of about CHUNK_BYTES
 * (an eighth of the bound when that is less) starts and ends (always at the end of a record) and how many records it holds. Records end at a
 * line feed outside quotes, following the same rules as the CSV engine (runlog/csv.ts): a field
 * that starts with a quote runs to its closing quote (`""` inside it is a quote), a quote elsewhere
 * is a plain character. Lines without a quote are found with `indexOf` (native); only lines with a
 * quote go byte by byte. Trailing blank lines are not records, as in the engine. A chunk is parsed
 * with the header line in front, its column types pinned to those of the first chunk, and its row
 * count checked against the index (a mismatch is refused, never shown shifted). The last four parsed
 * chunks are kept.
 */
import type { Table } from 'apache-arrow';
import { DataType } from 'apache-arrow';
import { open, type FileHandle } from 'node:fs/promises';
import { CsvError, parseCsv, type CsvColumnType } from '../runlog/csv';
import { boundMessage, DecodeRefusal } from './bounds';
import { RowGroups } from './rowGroups';

/** Bytes of CSV per chunk: the CSV engine parses 30–60 MB/s, so a window that needs a new chunk waits 20–40 ms. */
export const CHUNK_BYTES = 1024 * 1024;
const BLOCK = 16 * 1024 * 1024;
const KEEP = 4;
const Q = 0x22, COMMA = 0x2c, LF = 0x0a, CR = 0x0d;

/** Scanner state between bytes (and blocks). */
const enum S { FieldStart, Unquoted, Quoted, QuoteInQuoted }

async function readAt(fh: FileHandle, at: number, length: number): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  let got = 0;
  while (got < length) {
    const { bytesRead } = await fh.read(buf, got, length - got, at + got);
    if (bytesRead === 0) break;
    got += bytesRead;
  }
  return got === length ? buf : buf.subarray(0, got);
}

function csvTypeOf(type: DataType): CsvColumnType {
  if (DataType.isInt(type)) return 'int64';
  if (DataType.isFloat(type)) return 'float64';
  if (DataType.isBool(type)) return 'bool';
  return 'utf8';
}

export class CsvChunks extends RowGroups {
  private types: Record<string, CsvColumnType | undefined> | undefined;

  private constructor(
    private readonly path: string,
    private readonly header: Uint8Array,
    /** Byte range of each chunk (after the header line). */
    private readonly ranges: { from: number; to: number }[],
    rows: number[],
    private readonly maxBytes: number,
    declared: Record<string, CsvColumnType | undefined> | undefined,
  ) {
    super(rows, KEEP);
    this.types = declared;
  }

  /** Indexes `path` (one pass over the file); `types` pins column types (a step's schema). */
  static async open(path: string, maxBytes: number, types?: Record<string, CsvColumnType | undefined>, chunkBytes = Math.max(4096, Math.min(CHUNK_BYTES, Math.floor(maxBytes / 8)))): Promise<CsvChunks> {
    const fh = await open(path, 'r');
    try {
      const size = (await fh.stat()).size;
      let state = S.FieldStart;
      let headerEnd = -1;
      let chunkFrom = -1;
      let chunkRows = 0;
      /** Empty records (blank lines) not yet known to be followed by a record. */
      let blanks = 0;
      let recordHasBytes = false;
      const ranges: { from: number; to: number }[] = [];
      const rows: number[] = [];
      const endRecord = (at: number) => {
        // `at`: file offset of the LF.
        if (headerEnd < 0) { headerEnd = at + 1; chunkFrom = headerEnd; }
        else if (!recordHasBytes) blanks++;
        else {
          chunkRows += blanks + 1;
          blanks = 0;
          if (at + 1 - chunkFrom >= chunkBytes) {
            ranges.push({ from: chunkFrom, to: at + 1 });
            rows.push(chunkRows);
            chunkFrom = at + 1;
            chunkRows = 0;
          }
        }
        recordHasBytes = false;
        state = S.FieldStart;
      };
      for (let base = 0; base < size; base += BLOCK) {
        const buf = await readAt(fh, base, Math.min(BLOCK, size - base));
        if (!buf.length) break;
        let i = 0;
        let nextQ = -2;
        while (i < buf.length) {
          if (state === S.FieldStart || state === S.Unquoted) {
            if (nextQ !== -1 && nextQ < i) nextQ = buf.indexOf(Q, i);
            const lf = buf.indexOf(LF, i);
            const lfAt = lf === -1 ? buf.length : lf;
            if (nextQ === -1 || lfAt < nextQ) {
              // No quote before the line ends: the record ends there.
              if (lfAt > i && !(lfAt === i + 1 && buf[i] === CR && !recordHasBytes)) recordHasBytes = true;
              if (lf === -1) {
                if (i < buf.length) state = S.Unquoted;
                i = buf.length;
                break;
              }
              endRecord(base + lf);
              i = lf + 1;
              continue;
            }
          }
          if (state === S.Quoted) {
            // Inside a quoted field only a quote matters.
            const q = buf.indexOf(Q, i);
            if (q === -1) { i = buf.length; break; }
            i = q;
          }
          // A quote before the line ends: byte by byte to the end of this record.
          const b = buf[i];
          switch (state) {
            case S.FieldStart:
              if (b === Q) { state = S.Quoted; recordHasBytes = true; }
              else if (b === LF) endRecord(base + i);
              else if (b === COMMA) recordHasBytes = true;
              else if (b !== CR) { state = S.Unquoted; recordHasBytes = true; }
              break;
            case S.Unquoted:
              if (b === COMMA) state = S.FieldStart;
              else if (b === LF) endRecord(base + i);
              break;
            case S.Quoted:
              if (b === Q) state = S.QuoteInQuoted;
              break;
            case S.QuoteInQuoted:
              if (b === Q) state = S.Quoted;
              else if (b === COMMA) state = S.FieldStart;
              else if (b === LF) endRecord(base + i);
              else state = S.Unquoted; // CR before LF (anything else the engine refuses when parsing)
              break;
          }
          i++;
        }
      }
      if (state === S.Quoted) throw new DecodeRefusal('unterminated quoted field at the end of the CSV');
      if (headerEnd < 0) throw new DecodeRefusal('no line ends in the CSV (a header line alone?)');
      // A last record without a line feed; trailing blank lines are not records.
      if (recordHasBytes) chunkRows += blanks + 1;
      if (chunkFrom < size) {
        ranges.push({ from: chunkFrom, to: size });
        rows.push(chunkRows);
      }
      const header = await readAt(fh, 0, headerEnd);
      return new CsvChunks(path, header, ranges, rows, maxBytes, types);
    } finally {
      await fh.close();
    }
  }

  /** Chunk `g` parsed (with the header line in front; types pinned to the first chunk's). */
  protected async decodeGroup(g: number): Promise<Table> {
    // The first chunk's types pin the rest (parse it first when another is asked for first).
    if (!this.types && g !== 0) await this.group(0);
    const { from, to } = this.ranges[g];
    if ((to - from) * 2 > this.maxBytes) throw new DecodeRefusal(boundMessage(`chunk ${g}'s size`, (to - from) * 2, this.maxBytes));
    const fh = await open(this.path, 'r');
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(this.header.length + (to - from));
      bytes.set(this.header);
      bytes.set(await readAt(fh, from, to - from), this.header.length);
    } finally {
      await fh.close();
    }
    let table: Table;
    try {
      table = parseCsv(bytes, { file: this.path, ...(this.types ? { types: this.types } : {}) });
    } catch (e) {
      if (e instanceof CsvError) throw new DecodeRefusal(`chunk ${g} (bytes ${from}–${to}): ${e.detail}`);
      throw e;
    }
    const want = this.starts[g + 1] - this.starts[g];
    if (table.numRows !== want) throw new DecodeRefusal(`chunk ${g} (bytes ${from}–${to}) parses to ${table.numRows} rows where the index counted ${want}`);
    if (!this.types) this.types = Object.fromEntries(table.schema.fields.map((f) => [f.name, csvTypeOf(f.type)]));
    return table;
  }
}
