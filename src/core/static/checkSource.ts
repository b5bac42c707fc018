/**
 * Cold analysis of one file for a batch check (CLI `check`, Check Workspace): the same code runs in
 * a pool worker and in-process, so pooled and unpooled output are the same by construction.
 */
import { analyzeDocument } from './index';
import { withModuleReader } from './moduleReader';
import { notebookLineMap, type CellLineMap } from './notebookLines';
import { readSourceFile } from './readSource';
import { fileSizeNote } from './source';
import type { AnalysisNote, AnalysisResult, AnalyzeOptions } from './types';

/** Where a file's text comes from: given, as raw bytes (decoded as UTF-8), or read from disk. */
export type CheckSource = { text: string } | { bytes: Uint8Array } | { file: string } | { note: AnalysisNote };

export interface CheckOutcome {
  result: AnalysisResult;
  /** Cell → file-line map of a notebook with findings, when asked for (SARIF regions). */
  lineMap?: CellLineMap;
}

function textOf(path: string, source: CheckSource): string | AnalysisNote {
  if ('note' in source) return source.note;
  if ('text' in source) return source.text;
  if ('bytes' in source) {
    const tooBig = fileSizeNote(path, source.bytes.byteLength);
    if (tooBig) return tooBig;
    return Buffer.from(source.bytes.buffer, source.bytes.byteOffset, source.bytes.byteLength).toString('utf8');
  }
  const read = readSourceFile(source.file, path);
  return 'note' in read ? read.note : read.text;
}

/** `path` is the name findings and notes use. Never throws (analyzeDocument does not). */
export function checkSource(path: string, source: CheckSource, options: AnalyzeOptions, wantLineMap = false): CheckOutcome {
  const text = textOf(path, source);
  if (typeof text !== 'string') return { result: { findings: [], notes: [text] } };
  // A module root without a reader (options posted to a pool worker): modules are read from disk.
  const result = analyzeDocument({ path, text }, withModuleReader(options));
  if (wantLineMap && result.findings.length && /\.ipynb$/i.test(path)) return { result, lineMap: notebookLineMap(text) };
  return { result };
}
