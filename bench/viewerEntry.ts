// What bench/viewer.ts bundles and times: the data viewer's client of the tables worker.
export { ViewWorker } from '../src/core/tables/viewClient';
