/** Public API of the run-log reader (no vscode import anywhere below). */
export * from './model';
export { formatProblem, SideFileError, type Problem, type ProblemCode, type ProblemSeverity } from './problem';
export { readNdjson, streamNdjson, NdjsonTailer, TRUNCATED_LAST_LINE, type NdjsonRecord, type NdjsonResult } from './ndjson';
export { readRun, buildRun, locateRun, localProcessAlive, EVENTS_FILE, type ReadRunOptions, type RunLocation } from './readRun';
export { listRuns, newestFirst, RunCache, type ListRunsOptions } from './listRuns';
export { validateEvent, validateFacet, SUPPORTED_FORMAT_MAJOR } from './validate';
export { readNpy, parseNpy, npyNumbers, npyPositions, type NpyArray, type NpyDtype } from './npy';
export { parseCsv, csvTypeForDtype, CsvError, type CsvColumnType } from './csv';
export { loadSnapshot, readSnapshotFile, type LoadedSnapshot } from './snapshot';
export { loadLineageArrays } from './lineageArrays';
export { resolveSideFile } from './sideFiles';
export * from './summary';
export { RunTail, type RunTailUpdate } from './tailRun';
export { labelStep, stepLabelText, stepSnippet, callExpression, stripComment, type StepLabel } from './stepLabels';
export { runName, runStartLabel, shortRunId } from './runName';
