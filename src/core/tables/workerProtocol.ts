/** Messages between openTable (decodeWorker.ts) and the decode worker (src/workers/tables.worker.ts). */
import type { WireTable } from './transfer';

export interface DecodeRequest {
  id: number;
  kind: 'parquet' | 'ipc';
  /** The file's bytes, transferred (or shared, when several workers decode parts of one file). */
  bytes: Uint8Array;
  head?: number;
  columns?: string[];
  maxBytes: number;
  /** Parquet: decode only this part of the rows (see ParquetRequest). */
  part?: { index: number; of: number };
}

export type DecodeResponse =
  | { id: number; ok: true; wire: WireTable; rowCount: number; wasmBytes: number }
  /** `refused`: the file was judged unreadable (a reason for the user); else the worker failed. */
  | { id: number; ok: false; refused: boolean; reason: string; wasmBytes: number };

/** The parquet-wasm module compiled once in the caller's process, posted to each new worker first. */
export interface WasmModuleMessage {
  wasmModule: WebAssembly.Module;
}
