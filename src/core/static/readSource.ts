/** Reads a Python file or notebook from disk for analysis, skipping files that are too large before reading them. */
import * as fs from 'node:fs';
import { fileSizeNote } from './source';
import type { AnalysisNote } from './types';

export type ReadSource = { text: string } | { note: AnalysisNote };

/** `file` is read from disk; `shown` is the path notes and findings name. */
export function readSourceFile(file: string, shown: string): ReadSource {
  try {
    const tooBig = fileSizeNote(shown, fs.statSync(file).size);
    if (tooBig) return { note: tooBig };
    return { text: fs.readFileSync(file).toString('utf8') };
  } catch (e) {
    return { note: { path: shown, kind: 'skipped', message: `${shown}: cannot read (${(e as Error).message})` } };
  }
}
