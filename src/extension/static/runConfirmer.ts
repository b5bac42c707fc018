import * as vscode from 'vscode';
import type { Finding } from '../../core/findings/finding';
import type { Run } from '../../core/runlog/model';
import type { RunFolderTraceSource } from '../../core/trace/source';
import { runSources } from '../findings/runFindingsService';
import { heavy } from '../lazy/load';
import type { RunsModel } from '../runs/runsModel';
import type { Confirmer } from './staticAnalysis';

/**
 * Attaches run evidence to static findings: each finding is checked against the newest recorded run
 * of its file (see core/checks). Lineage and snapshot reads are cached per run (`sourceFor`, shared with
 * the run findings), so re-analysing a document as the user types costs lookups, not file reads.
 */
export function runConfirmer(runs: RunsModel, sourceFor: (run: Run) => RunFolderTraceSource = runSources()): Confirmer {
  return async (owner, findings): Promise<Finding[]> => {
    const done = runs.runs.filter((r) => r.run.status === 'complete' || r.run.status === 'failed');
    if (!done.length || owner.scheme !== 'file') return findings;
    const root = vscode.workspace.getWorkspaceFolder(owner)?.uri.fsPath;
    const text = (file: string) => Promise.resolve(vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file)?.getText());
    return heavy().confirmWithRuns(findings, done, { ...(root ? { workspaceRoot: root } : {}), source: sourceFor, readText: async (f) => (await text(f)) ?? undefined });
  };
}
