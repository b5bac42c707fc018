import * as vscode from 'vscode';
import fs from 'node:fs';
import path from 'node:path';
import { isInside } from '../core/runFolders';
import type { EmptyReason, WelcomeState } from '../shared/protocol';
import { SkewerPanel } from './panel/panel';
import { addExtraRunFolder } from './runs/runFolders';
import type { RunsModel } from './runs/runsModel';

export const RECORD_COMMAND = 'python -m skewer record --phase train train.py';

export interface CommandDeps {
  context: vscode.ExtensionContext;
  runs: RunsModel;
}

/** The empty state for a panel command, or undefined when there is data to show. */
export function welcomeFor(runs: RunsModel, need: 1 | 2): WelcomeState | undefined {
  let reason: EmptyReason | undefined;
  if (runs.state === 'untrusted') reason = 'untrusted';
  else if (runs.state === 'noWorkspace') reason = 'no-workspace';
  else if (runs.state !== 'hasRuns') reason = 'no-runs';
  else if (need === 2 && runs.runs.length < 2) reason = 'too-few-runs';
  if (!reason) return undefined;
  return {
    kind: 'welcome',
    reason,
    recordCommand: RECORD_COMMAND,
    folders: runs.folders.map((f) => ({ path: f.path, runCount: f.runCount, ...(f.ok || /does not exist yet/.test(f.problem ?? '') ? {} : { problem: f.problem }) })),
  };
}

export async function openRunFolder({ context, runs }: CommandDeps): Promise<void> {
  const picked = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false, openLabel: 'Open Run Folder', title: 'Folder of recorded Skewer or OpenLineage runs' });
  if (!picked?.length) return;
  await addExtraRunFolder(context, picked[0]!.fsPath);
  await runs.refresh();
  const status = runs.folders.find((f) => f.path === picked[0]!.fsPath);
  if (status && !status.ok) void vscode.window.showWarningMessage(`Skewer: ${status.problem}`);
  else if (status && status.runCount === 0) void vscode.window.showInformationMessage(`Skewer: no runs in ${status.path} (a run is a folder holding events.ndjson).`);
  await vscode.commands.executeCommand('skewer.runs.focus');
}

/**
 * Opens `file` at `line` (1-based; `cell` is a 0-based notebook cell index). Relative paths resolve
 * against the workspace folders, then against the recording's working directory; a path that
 * resolves outside both is refused with a message rather than opened.
 */
export async function openLocation(file: string, line: number, cwd?: string, cell?: number): Promise<void> {
  const roots = [...(vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath), ...(cwd ? [cwd] : [])];
  const candidates = path.isAbsolute(file) ? [file] : roots.map((r) => path.resolve(r, file));
  const allowed = candidates.filter((c) => roots.some((r) => isInside(r, c)));
  const target = allowed.find((c) => fs.existsSync(c));
  if (!target) {
    const why = allowed.length ? 'was not found' : 'is outside the workspace';
    void vscode.window.showWarningMessage(`Skewer: ${file} ${why}; not opening it.`);
    return;
  }
  const pos = new vscode.Position(Math.max(0, line - 1), 0);
  try {
    if (target.endsWith('.ipynb') && cell !== undefined) {
      const nb = await vscode.workspace.openNotebookDocument(vscode.Uri.file(target));
      const index = Math.min(cell, nb.cellCount - 1);
      await vscode.window.showNotebookDocument(nb, { selections: [new vscode.NotebookRange(index, index + 1)] });
      await vscode.window.showTextDocument(nb.cellAt(index).document, { selection: new vscode.Range(pos, pos) });
      return;
    }
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(target));
    await vscode.window.showTextDocument(doc, { selection: new vscode.Range(pos, pos) });
  } catch (err) {
    void vscode.window.showWarningMessage(`Skewer: cannot open ${file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

export function showPanelOrWelcome(deps: CommandDeps, need: 1 | 2): boolean {
  const welcome = welcomeFor(deps.runs, need);
  if (welcome) {
    SkewerPanel.show(deps.context.extensionUri, welcome);
    return true;
  }
  return false;
}
