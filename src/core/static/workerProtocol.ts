/** Messages between the extension host / CLI and the static-analysis worker threads. */
import type { CheckSource } from './checkSource';
import type { CellLineMap } from './notebookLines';
import type { AnalysisResult, AnalyzeOptions } from './types';

/** Analyse `text` as the current content of `path` (the worker keeps the previous parse). */
export interface AnalyzeRequest {
  type?: 'analyze';
  id: number;
  path: string;
  text: string;
  options?: AnalyzeOptions;
}

/** Drop the cached parse of a closed document. */
export interface ForgetRequest {
  type: 'forget';
  id: number;
  path: string;
}

/** Cold analysis of one file of a batch (pool.ts): no parse cache is kept. */
export interface CheckRequest {
  type: 'check';
  id: number;
  path: string;
  source: CheckSource;
  options?: AnalyzeOptions;
  /** Also return a notebook's cell → file-line map when it has findings. */
  lineMap?: boolean;
}

/**
 * JIT warm-up of a fresh pool worker (warmup.ts): analyse a built-in sample for about `ms`, or
 * until a real request arrives; answered with WorkerWarmed, not a StaticWorkerResponse.
 */
export interface WarmRequest {
  type: 'warm';
  id: number;
  ms: number;
}

export type StaticWorkerRequest = AnalyzeRequest | ForgetRequest | CheckRequest | WarmRequest;

export interface AnalyzeResponse {
  id: number;
  result: AnalysisResult;
  /** Wall-clock time spent in the worker (parse + analysis). */
  elapsedMs: number;
  lineMap?: CellLineMap;
}

export interface ErrorResponse {
  id: number;
  error: string;
}

export type StaticWorkerResponse = AnalyzeResponse | ErrorResponse;

/** Posted once by a worker when its code has loaded: a worker that exits before it could not start. */
export interface WorkerReady { type: 'ready' }

/** Posted by a worker when its warm-up ended (budget spent or real work arrived). */
export interface WorkerWarmed { type: 'warmed'; runs: number }

export type WorkerNotice = WorkerReady | WorkerWarmed;

export function isReady(m: StaticWorkerResponse | WorkerNotice): m is WorkerReady {
  return (m as WorkerReady).type === 'ready';
}

export function isWarmed(m: StaticWorkerResponse | WorkerNotice): m is WorkerWarmed {
  return (m as WorkerWarmed).type === 'warmed';
}

export function isErrorResponse(r: StaticWorkerResponse): r is ErrorResponse {
  return (r as ErrorResponse).error !== undefined;
}
