/**
 * Which reader a file needs: magic bytes first (a misnamed file is read for what it is), then
 * the extension (CSV has no magic). Feather v2 is the Arrow IPC file format; Feather v1 is refused.
 */
import * as path from 'node:path';
import { DecodeRefusal } from './bounds';
import type { TableFormat } from './types';

const BY_EXTENSION: Record<string, TableFormat> = {
  '.parquet': 'parquet',
  '.pq': 'parquet',
  '.arrow': 'arrow',
  '.arrows': 'arrow',
  '.ipc': 'arrow',
  '.feather': 'feather',
  '.ftr': 'feather',
  '.csv': 'csv',
};

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(Math.max(0, start), Math.max(0, end)));
}

/** The format the bytes say, or undefined when they carry no known magic. */
export function sniffFormat(bytes: Uint8Array): TableFormat | 'feather-v1' | undefined {
  const head4 = ascii(bytes, 0, 4);
  if (head4 === 'PAR1' || head4 === 'PARE') return 'parquet';
  if (ascii(bytes, 0, 6) === 'ARROW1') return 'arrow';
  if (head4 === 'FEA1') return 'feather-v1';
  // An IPC stream starts with the continuation marker 0xFFFFFFFF and a schema message.
  if (bytes.length >= 8 && bytes[0] === 0xff && bytes[1] === 0xff && bytes[2] === 0xff && bytes[3] === 0xff) return 'arrow';
  return undefined;
}

export function formatByExtension(file: string): TableFormat | undefined {
  return BY_EXTENSION[path.extname(file).toLowerCase()];
}

/** Decides the reader; throws DecodeRefusal when neither bytes nor name tell. */
export function detectFormat(file: string, bytes: Uint8Array, declared?: TableFormat): TableFormat {
  const sniffed = sniffFormat(bytes);
  if (sniffed === 'feather-v1') throw new DecodeRefusal('Feather v1 file (FEA1): only Feather v2 (Arrow IPC) is supported; re-save it with pyarrow');
  const byName = formatByExtension(file);
  const wanted = declared ?? byName;
  if (sniffed) {
    // Feather v2 and Arrow IPC are one format; keep the name the caller used.
    if (sniffed === 'arrow' && wanted === 'feather') return 'feather';
    if (declared && declared !== sniffed && !(declared === 'arrow' && sniffed === 'arrow')) {
      throw new DecodeRefusal(`declared ${declared} but the file is ${sniffed} (magic bytes)`);
    }
    return sniffed;
  }
  if (wanted === 'csv') return 'csv';
  if (wanted === 'parquet') {
    if (bytes.length < 4) throw new DecodeRefusal(`too short for Parquet (${bytes.length} bytes; truncated?)`);
    throw new DecodeRefusal(`not a Parquet file (starts with ${JSON.stringify(ascii(bytes, 0, 4))}, expected "PAR1")`);
  }
  // Pre-0.15 IPC streams have no marker: let the IPC reader judge them.
  if (wanted === 'arrow' || wanted === 'feather') return wanted;
  throw new DecodeRefusal(`unknown table format (extension ${JSON.stringify(path.extname(file))}; expected .parquet, .arrow, .feather or .csv)`);
}
