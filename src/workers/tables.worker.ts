/**
 * worker_threads entry for table decoding (Parquet through parquet-wasm, compressed Arrow IPC):
 * keeps decoding off the caller's thread and keeps wasm memory, which never shrinks, in a
 * worker that src/core/tables/decodeWorker.ts can terminate. Answers each DecodeRequest with a
 * DecodeResponse carrying the table's buffers as transferables.
 */
import { parentPort } from 'node:worker_threads';
import { DecodeRefusal } from '../core/tables/bounds';
import { decodeIpc } from '../core/tables/ipc';
import { decodeParquet, wasmBytes } from '../core/tables/parquet';
import { tableToWire } from '../core/tables/transfer';
import type { DecodeRequest, DecodeResponse } from '../core/tables/workerProtocol';

async function decode(req: DecodeRequest) {
  return req.kind === 'ipc' ? decodeIpc(req.bytes, req) : decodeParquet(req.bytes, req);
}

async function handle(req: DecodeRequest): Promise<void> {
  try {
    const { table, rowCount } = await decode(req);
    const { wire, transfer } = tableToWire(table);
    const res: DecodeResponse = { id: req.id, ok: true, wire, rowCount, wasmBytes: wasmBytes() };
    parentPort!.postMessage(res, transfer);
  } catch (e) {
    const refused = e instanceof DecodeRefusal;
    const reason = refused ? e.reason : `decoding failed: ${(e as Error)?.message ?? String(e)}`.split('\n')[0];
    const res: DecodeResponse = { id: req.id, ok: false, refused, reason, wasmBytes: wasmBytes() };
    parentPort!.postMessage(res);
  }
}

// Requests are handled one at a time, in order: wasm decoding is single-threaded anyway.
let queue = Promise.resolve();
parentPort?.on('message', (req: DecodeRequest) => {
  queue = queue.then(() => handle(req));
});
