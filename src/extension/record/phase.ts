/** The phase a file is recorded as (train / serve / other): asked once per file, remembered in the workspace. */
import * as vscode from 'vscode';

export type Phase = 'train' | 'serve' | 'other';
export const PHASES: readonly Phase[] = ['train', 'serve', 'other'];
const KEY = 'skewer.record.phases';

export const isPhase = (x: unknown): x is Phase => typeof x === 'string' && (PHASES as readonly string[]).includes(x);

export function rememberedPhase(context: vscode.ExtensionContext, file: vscode.Uri): Phase | undefined {
  const p = context.workspaceState.get<Record<string, string>>(KEY, {})[file.fsPath];
  return isPhase(p) ? p : undefined;
}

export async function rememberPhase(context: vscode.ExtensionContext, file: vscode.Uri, phase: Phase): Promise<void> {
  await context.workspaceState.update(KEY, { ...context.workspaceState.get<Record<string, string>>(KEY, {}), [file.fsPath]: phase });
}

/** QuickPick; undefined when dismissed. */
export async function askPhase(file: vscode.Uri, current?: Phase): Promise<Phase | undefined> {
  const items: (vscode.QuickPickItem & { phase: Phase })[] = [
    { phase: 'train', label: 'train', description: 'fits the model (training pipeline)' },
    { phase: 'serve', label: 'serve', description: 'applies a trained model to new data (inference / scoring)' },
    { phase: 'other', label: 'other', description: 'anything else (reports, data preparation)' },
  ];
  for (const i of items) if (i.phase === current) i.detail = 'current';
  const name = vscode.workspace.asRelativePath(file, false);
  const picked = await vscode.window.showQuickPick(items, {
    title: `Skewer: record ${name} as…`,
    placeHolder: 'Phase of this pipeline (remembered for this file; change it with Skewer: Set Recording Phase…)',
    ignoreFocusOut: true,
  });
  return picked?.phase;
}
