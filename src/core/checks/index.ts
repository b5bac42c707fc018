/** Run-based checks: static findings confirmed or refuted by recorded runs, and findings runs show on their own. */
export { confirmWithRuns, type ConfirmOptions } from './confirm';
export { readTextFile, sameFile } from './matchRun';
export { detectRunFindings, latestRuns, mergeFindings, runFindings, type RunFindingsOptions, type RunFindingsResult } from './runFindings';
