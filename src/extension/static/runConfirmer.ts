import * as vscode from 'vscode';
import type { Finding } from '../../core/findings/finding';
import type { Run } from '../../core/runlog/model';
import type { RunFolderTraceSource } from '../../core/trace/source';
import { heavy } from '../lazy/load';
import type { RunsModel } from '../runs/runsModel';
import type { Confirmer } from './staticAnalysis';

/**
 * Attaches run evidence to static findings: each finding is checked against the newest recorded run
 * of its file (see core/checks). Lineage and snapshot reads are cached per run, so re-analysing a
 * document as the user types costs lookups, not file reads.
 */
export function runConfirmer(runs: RunsModel): Confirmer {
  const sources = new Map<string, { modifiedAt: number; source: RunFolderTraceSource }>();
  const sourceFor = (run: Run) => {
    const hit = sources.get(run.dir);
    if (hit && hit.modifiedAt === run.modifiedAt) return hit.source;
    const source = new (heavy().RunFolderTraceSource)(run.dir);
    sources.set(run.dir, { modifiedAt: run.modifiedAt, source });
    return source;
  };
  return async (owner, findings): Promise<Finding[]> => {
    const done = runs.runs.filter((r) => r.run.status === 'complete' || r.run.status === 'failed');
    if (!done.length || owner.scheme !== 'file') return findings;
    const root = vscode.workspace.getWorkspaceFolder(owner)?.uri.fsPath;
    const text = (file: string) => Promise.resolve(vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file)?.getText());
    return heavy().confirmWithRuns(findings, done, { ...(root ? { workspaceRoot: root } : {}), source: sourceFor, readText: async (f) => (await text(f)) ?? undefined });
  };
}
