/** Public types of the static analyzer (shared with the worker, the CLI and the extension). */
import type { Finding, Severity } from '../findings/finding';

export interface AnalysisNote {
  path: string;
  line?: number;
  cell?: number;
  message: string;
  kind: 'skipped' | 'partial' | 'info';
}

export interface AnalysisResult {
  findings: Finding[];
  notes: AnalysisNote[];
  /** Other files of the project the analysis read (imported modules, `%run` files), when any. */
  dependencies?: string[];
}

export interface AnalyzeOptions {
  /** Order in which notebook cells are assumed to run. Default 'saved'. */
  notebookOrder?: 'saved' | 'execution';
  /** Per-rule severity, or 'off' to drop the rule. */
  severityOverrides?: Record<string, Severity | 'off'>;
  /** Wall-clock budget per document; analysis stops early with a 'partial' note. Default 2000. */
  timeBudgetMs?: number;
  /** Treat the document as a serving/inference path even if its name does not say so. */
  serving?: boolean;
  /**
   * Reads another file of the project (synchronously; undefined when missing): with it, imports of
   * the project's own modules and `%run` files are followed. Paths are in the style of the
   * document's path. Not serialisable: workers build one from `moduleRoot` (see moduleReader.ts).
   */
  readModule?: (path: string) => string | undefined;
  /**
   * The folder modules are searched up to and may not leave (workspace folder, check root), in the
   * style of the document's path ('' or '.' when paths are relative). A list (the folders of a
   * multi-root workspace): the innermost one that holds the document. Default, or when none holds
   * it: the document's own folder.
   */
  moduleRoot?: string | string[];
  /** Workers: the folder relative paths are read from when they build the reader (default the process cwd). */
  moduleCwd?: string;
}

export interface DocumentInput {
  path: string;
  text: string;
}
