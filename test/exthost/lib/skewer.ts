import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { SkewerApi } from '../../../src/extension/extension';

/** publisher.name from package.json (the npm package and extension are both named skewer-ml). */
export const EXTENSION_ID = 'skewer.skewer-ml';

export async function skewer(): Promise<SkewerApi> {
  const ext = vscode.extensions.getExtension<SkewerApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is not installed`);
  return ext.isActive ? ext.exports : ext.activate();
}

/** Polls `probe` until it returns a truthy value (views and watchers update asynchronously). */
export async function eventually<T>(probe: () => T | Promise<T>, what: string, timeoutMs = 15000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as NonNullable<T>;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last value: ${JSON.stringify(last)})`);
}

export function webviewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.includes('skewer.panel'));
}

export async function closeAllEditors(): Promise<void> {
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}
