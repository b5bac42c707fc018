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
}

export interface DocumentInput {
  path: string;
  text: string;
}
