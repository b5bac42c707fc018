import * as assert from 'node:assert/strict';
import path from 'node:path';
import * as vscode from 'vscode';
import type { RecordOutcome } from '../../../src/extension/record/recordRun';
import { eventually, skewer } from './skewer';

export const ws = (): string => vscode.workspace.workspaceFolders![0]!.uri.fsPath;
export const fileUri = (rel: string): vscode.Uri => vscode.Uri.file(path.join(ws(), rel));

/** Runs "Skewer: Record Run" as the editor title button does (file URI first), with the phase given. */
export async function record(rel: string, phase?: 'train' | 'serve' | 'other'): Promise<RecordOutcome> {
  const out = await vscode.commands.executeCommand<RecordOutcome>('skewer.recordRun', fileUri(rel), ...(phase ? [{ phase }] : []));
  assert.ok(out, 'skewer.recordRun returned nothing');
  return out;
}

/** The group (pipeline) of a run in the Runs view's listing. */
export async function groupOf(runId: string) {
  const api = await skewer();
  return api.runs.listing.groups.find((g) => g.runs.some((r) => r.run.runId === runId));
}

/** Waits for the Runs view's selection to be the given run (Record Run reveals it). */
export async function revealed(runId: string): Promise<void> {
  const api = await skewer();
  await eventually(() => api.runsView.selection.some((n) => n.kind === 'run' && n.result.run.runId === runId), `run ${runId} selected in the Runs view`);
}

export async function setInterpreter(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('skewer').update('python.interpreter', value, vscode.ConfigurationTarget.Global);
}
