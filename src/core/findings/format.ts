/** Plain-text and JSON renderings of findings (CLI output, logs). */
import type { AnalysisNote } from '../static/types';
import type { Finding, Severity } from './finding';
import { cellLabel } from '../cellNumbers';

/**
 * `file:line:col` with the notebook cell when there is one (`nb.ipynb[Cell 3]:2:5`). Cells are
 * numbered from 1 here, as in messages and in the notebook UI (cellNumbers.ts); JSON and SARIF keep the 0-based index.
 */
export function formatPosition(f: Finding): string {
  const l = f.location;
  return `${l.file}${l.cell !== undefined ? `[${cellLabel(l.cell)}]` : ''}:${l.line}:${l.col}`;
}

/** Static findings print as before; run findings are tagged `[run]`, and a finding both engines report `[static+run]` with the run's words. */
export function formatFindingLine(f: Finding): string {
  const tag = f.source === 'run' ? ' [run]' : f.source === 'both' ? ' [static+run]' : '';
  const run = f.source === 'both' && f.confirmation?.status === 'confirmed' ? ` Run: ${f.confirmation.message}` : '';
  return `${formatPosition(f)} ${f.severity} ${f.ruleId}${tag} ${f.message}${run}`;
}

export function summaryLine(findings: Finding[], files: number): string {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const f of findings) counts[f.severity]++;
  const parts = (['error', 'warning', 'info', 'hint'] as Severity[])
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${s}${counts[s] === 1 ? '' : 's'}`);
  const fileWord = `${files} file${files === 1 ? '' : 's'} checked`;
  if (!findings.length) return `No findings (${fileWord}).`;
  return `${findings.length} finding${findings.length === 1 ? '' : 's'}: ${parts.join(', ')} (${fileWord}).`;
}

export function formatText(findings: Finding[], notes: AnalysisNote[], files: number): string {
  const lines = findings.map(formatFindingLine);
  for (const n of notes) lines.push(`note: ${n.message}`);
  lines.push(summaryLine(findings, files));
  return lines.join('\n') + '\n';
}

export function formatJson(findings: Finding[], notes: AnalysisNote[]): string {
  return JSON.stringify({ findings, notes }, null, 2) + '\n';
}
