/**
 * worker_threads entry for table decoding (Parquet through parquet-wasm, compressed Arrow IPC):
 * keeps decoding off the caller's thread and keeps wasm memory, which never shrinks, in a
 * worker that src/core/tables/decodeWorker.ts can terminate. Answers each DecodeRequest with a
 * DecodeResponse carrying the table's buffers as transferables. The data viewer's requests
 * (kind 'view', client src/core/tables/viewClient.ts) open tables that stay in the worker and
 * are answered with windows of rows and statistics only (src/core/tables/viewHost.ts).
 */
import { parentPort } from 'node:worker_threads';
import { DecodeRefusal } from '../core/tables/bounds';
import { decodeIpc } from '../core/tables/ipc';
import { decodeParquet, initParquetWasm, wasmBytes } from '../core/tables/parquet';
import { tableToWire } from '../core/tables/transfer';
import { handleView } from '../core/tables/viewHost';
import type { ViewWorkerRequest, ViewWorkerResponse } from '../core/tables/viewTypes';
import type { DecodeRequest, DecodeResponse, WasmModuleMessage } from '../core/tables/workerProtocol';

async function decode(req: Omit<DecodeRequest, 'id'>) {
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

async function handleViewRequest(msg: ViewWorkerRequest): Promise<void> {
  let res: ViewWorkerResponse;
  try {
    res = { id: msg.id, kind: 'view', ok: true, result: await handleView(msg.req, decode) };
  } catch (e) {
    const reason = e instanceof DecodeRefusal ? e.reason : ((e as Error)?.message ?? String(e)).split('\n')[0];
    res = { id: msg.id, kind: 'view', ok: false, reason };
  }
  parentPort!.postMessage(res);
}

// Requests are handled one at a time, in order: wasm decoding is single-threaded anyway.
let queue = Promise.resolve();
parentPort?.on('message', (msg: DecodeRequest | ViewWorkerRequest | WasmModuleMessage) => {
  if ('wasmModule' in msg) {
    // Posted when the worker starts; if instantiating fails, decodeParquet compiles the file itself.
    try { initParquetWasm(msg.wasmModule); } catch { /* fall back on first use */ }
    return;
  }
  queue = queue.then(() => (msg.kind === 'view' ? handleViewRequest(msg) : handle(msg)));
});
