// What bench/tables.ts bundles and times: the reader entry points, as one bundle (one decode worker).
export { openTable } from '../src/core/tables';
export { readSnapshotFile } from '../src/core/runlog/snapshot';
export { decodeWorker, terminateDecodeWorkers } from '../src/core/tables/decodeWorker';
