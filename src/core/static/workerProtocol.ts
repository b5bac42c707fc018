/** Messages between the extension host and the static-analysis worker thread. */
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

export type StaticWorkerRequest = AnalyzeRequest | ForgetRequest;

export interface AnalyzeResponse {
  id: number;
  result: AnalysisResult;
  /** Wall-clock time spent in the worker (parse + analysis). */
  elapsedMs: number;
}

export interface ErrorResponse {
  id: number;
  error: string;
}

export type StaticWorkerResponse = AnalyzeResponse | ErrorResponse;

export function isErrorResponse(r: StaticWorkerResponse): r is ErrorResponse {
  return (r as ErrorResponse).error !== undefined;
}
