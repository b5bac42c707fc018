/** Public API of the pipeline graph (no vscode import anywhere below; layout.ts is imported separately, by the graph webview). */
export * from './types';
export { buildGraph, type BuildGraphOptions, type FindingAt } from './build';
export { matchGraphs } from './match';
export { highlightTrace, type TracedStep } from './highlight';
export { foldLoops } from './loops';
