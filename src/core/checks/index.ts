/** Run-based checks: static findings confirmed or refuted by recorded runs. */
export { confirmWithRuns, type ConfirmOptions } from './confirm';
export { sameFile } from './matchRun';
