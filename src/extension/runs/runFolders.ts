import * as vscode from 'vscode';
import type { RunFolder } from '../../core/runFolders';
import { resolveRunFolders } from '../../core/runFolders';

const EXTRA_KEY = 'skewer.extraRunFolders';

/** Folders from the `skewer.runFolders` setting plus those added with "Open Run Folder…". */
export function configuredRunFolders(context: vscode.ExtensionContext): { folders: RunFolder[]; problems: string[] } {
  const bases = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
  const setting = vscode.workspace.getConfiguration('skewer').get<unknown>('runFolders', ['.skewer/runs']);
  const fromSetting = resolveRunFolders(setting, bases);
  const extra = resolveRunFolders(context.workspaceState.get<string[]>(EXTRA_KEY, []), []);
  const known = new Set(fromSetting.folders.map((f) => f.path));
  return {
    folders: [...fromSetting.folders, ...extra.folders.filter((f) => !known.has(f.path))],
    problems: [...fromSetting.problems, ...extra.problems],
  };
}

export async function addExtraRunFolder(context: vscode.ExtensionContext, fsPath: string): Promise<void> {
  const current = context.workspaceState.get<string[]>(EXTRA_KEY, []);
  if (!current.includes(fsPath)) await context.workspaceState.update(EXTRA_KEY, [...current, fsPath]);
}
