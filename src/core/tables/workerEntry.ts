/** Starts the tables worker (src/workers/tables.worker.ts): the bundle next to dist/*.js, or the TypeScript source under tsx. */
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';

export function startTablesWorker(): Worker {
  if (__filename.endsWith('.ts')) {
    const source = path.resolve(__dirname, '../../workers/tables.worker.ts');
    return new Worker(`require('tsx/cjs'); require(${JSON.stringify(source)});`, { eval: true });
  }
  return new Worker(path.join(__dirname, 'workers', 'tables.worker.js'));
}
