/** Messages between openTable (decodeWorker.ts) and the decode worker (src/workers/tables.worker.ts). */
import type { WireTable } from './transfer';

export interface DecodeRequest {
  id: number;
  kind: 'parquet' | 'ipc';
  /** The file's bytes, transferred. */
  bytes: Uint8Array;
  head?: number;
  columns?: string[];
  maxBytes: number;
}

export type DecodeResponse =
  | { id: number; ok: true; wire: WireTable; rowCount: number; wasmBytes: number }
  /** `refused`: the file was judged unreadable (a reason for the user); else the worker failed. */
  | { id: number; ok: false; refused: boolean; reason: string; wasmBytes: number };
