/** Starts the tables worker (src/workers/tables.worker.ts): the bundle next to dist/*.js, or the TypeScript source under tsx. */
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { WasmModuleMessage } from './workerProtocol';

/** The WebAssembly global (the ES2022 lib this project compiles against does not declare it as a value). */
const wasmApi = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } }).WebAssembly;

let compiled: Promise<WebAssembly.Module | undefined> | undefined;

/**
 * parquet-wasm compiled once per process (off this thread, by V8's async compile) and posted to
 * every tables worker started: a new worker then instantiates it instead of compiling the 4.95 MB
 * module again. Undefined when it cannot be compiled here: the worker then compiles the file
 * beside it itself (and reports what fails). startTablesWorker posts it as soon as it settles;
 * requests posted after this promise settles reach the worker after it.
 */
export function parquetModule(): Promise<WebAssembly.Module | undefined> {
  const file = __filename.endsWith('.ts')
    ? path.resolve(__dirname, '../../../node_modules/parquet-wasm/esm/parquet_wasm_bg.wasm')
    : path.join(__dirname, 'workers', 'parquet_wasm_bg.wasm');
  return (compiled ??= readFile(file).then((bytes) => wasmApi.compile(bytes), () => undefined).catch(() => undefined));
}

export function startTablesWorker(): Worker {
  let w: Worker;
  if (__filename.endsWith('.ts')) {
    const source = path.resolve(__dirname, '../../workers/tables.worker.ts');
    w = new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
  } else w = new Worker(path.join(__dirname, 'workers', 'tables.worker.js'));
  void parquetModule().then((wasmModule) => {
    if (wasmModule) w.postMessage({ wasmModule } satisfies WasmModuleMessage);
  });
  return w;
}
