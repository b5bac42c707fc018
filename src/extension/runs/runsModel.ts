import * as vscode from 'vscode';
import type { RunFolderStatus } from '../../core/runFolders';
import { checkRunFolder } from '../../core/runFolders';
import { configuredRunFolders } from './runFolders';

/** What the Runs view shows when it has no runs; mirrored in the `skewer.runsState` context key for viewsWelcome. */
export type RunsState = 'loading' | 'untrusted' | 'noWorkspace' | 'noRuns' | 'hasRuns';

/**
 * The run folders and what they hold. Owns refresh and the context key; views observe it.
 * Reading is async and never throws: every failure becomes a message naming the folder.
 */
export class RunsModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  state: RunsState = 'loading';
  folders: RunFolderStatus[] = [];
  settingProblems: string[] = [];
  private generation = 0;

  constructor(private readonly context: vscode.ExtensionContext) {}

  async refresh(): Promise<void> {
    const gen = ++this.generation;
    let state: RunsState;
    let folders: RunFolderStatus[] = [];
    let problems: string[] = [];
    if (!vscode.workspace.isTrusted) {
      state = 'untrusted';
    } else {
      const configured = configuredRunFolders(this.context);
      problems = configured.problems;
      folders = await Promise.all(configured.folders.map(checkRunFolder));
      const runs = folders.reduce((n, f) => n + f.runCount, 0);
      state = runs > 0 ? 'hasRuns' : configured.folders.length === 0 && !vscode.workspace.workspaceFolders?.length ? 'noWorkspace' : 'noRuns';
    }
    if (gen !== this.generation) return; // a newer refresh superseded this one
    this.state = state;
    this.folders = folders;
    this.settingProblems = problems;
    await vscode.commands.executeCommand('setContext', 'skewer.runsState', state);
    this.changed.fire();
  }

  /** Problems worth showing above the tree: bad setting entries and unreadable folders (a missing default folder is normal). */
  get problems(): string[] {
    const unreadable = this.folders.filter((f) => !f.ok && !/does not exist yet/.test(f.problem ?? '')).map((f) => f.problem!);
    const missingCustom = this.folders.filter((f) => !f.ok && /does not exist yet/.test(f.problem ?? '') && f.setting !== '.skewer/runs').map((f) => `Run folder "${f.setting}": ${f.problem}`);
    return [...this.settingProblems, ...unreadable, ...missingCustom];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
