import * as vscode from 'vscode';
import path from 'node:path';
import type { RunFolderStatus } from '../../core/runFolders';
import { checkRunFolder, isInside } from '../../core/runFolders';
import type { RunListing, RunReadResult } from '../../core/runlog/model';
import { heavy } from '../lazy/load';
import { configuredRunFolders } from './runFolders';

/** What the Runs view shows when it has no runs; mirrored in the `skewer.runsState` context key for viewsWelcome. */
export type RunsState = 'loading' | 'untrusted' | 'noWorkspace' | 'noRuns' | 'hasRuns';

const EMPTY: RunListing = { groups: [], runs: [], problems: [] };
const DEBOUNCE_MS = 300;
/** While a run is still being written, re-read this often so "running" turns into its real status. */
const RUNNING_RECHECK_MS = 5_000;

/**
 * The run folders and the runs they hold. Owns refresh, file watching and the context key; views
 * observe it. Reading is async and never throws: every failure becomes a message naming the folder.
 */
export class RunsModel implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  state: RunsState = 'loading';
  folders: RunFolderStatus[] = [];
  listing: RunListing = EMPTY;
  settingProblems: string[] = [];
  /** When the first refresh finished and how long the last one took (benchmarks read these). */
  firstRefreshedAt: number | undefined;
  lastRefreshMs = 0;
  private generation = 0;
  private watchers: vscode.Disposable[] = [];
  private watchedKey = '';
  private debounce: NodeJS.Timeout | undefined;
  private recheck: NodeJS.Timeout | undefined;
  /** Re-reads only runs whose events file changed (or that are still running) on each refresh. */
  private cache: import('../../core/runlog/listRuns').RunCache | undefined;

  constructor(private readonly context: vscode.ExtensionContext) {}

  /** Coalesces bursts of file events (a recorder appends a line per operator). */
  scheduleRefresh(delay = DEBOUNCE_MS): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => void this.refresh(), delay);
  }

  async refresh(): Promise<void> {
    const started = performance.now();
    const gen = ++this.generation;
    let state: RunsState;
    let folders: RunFolderStatus[] = [];
    let problems: string[] = [];
    let listing = EMPTY;
    if (!vscode.workspace.isTrusted) {
      state = 'untrusted';
    } else {
      const configured = configuredRunFolders(this.context);
      problems = configured.problems;
      folders = await Promise.all(configured.folders.map(checkRunFolder));
      const readable = folders.filter((f) => f.ok).map((f) => f.path);
      if (readable.length) {
        try {
          const h = heavy();
          this.cache ??= new h.RunCache();
          // A quiet run whose recorder process is alive on this machine stays "running" past the 30 s rule.
          // Pipelines are named by the script's path in the workspace (from each run's recorded cwd).
          const workspaceRoots = (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
          listing = await h.listRuns(readable, { cache: this.cache, isProcessAlive: h.localProcessAlive, workspaceRoots });
        } catch (err) {
          problems = [...problems, `reading runs failed: ${err instanceof Error ? err.message : String(err)}`];
        }
      }
      this.watch(folders.map((f) => f.path));
      state = listing.runs.length > 0 ? 'hasRuns' : configured.folders.length === 0 && !vscode.workspace.workspaceFolders?.length ? 'noWorkspace' : 'noRuns';
    }
    if (gen !== this.generation) return; // a newer refresh superseded this one
    this.state = state;
    this.folders = folders;
    this.listing = listing;
    this.settingProblems = problems;
    clearTimeout(this.recheck);
    if (listing.runs.some((r) => r.run.status === 'running')) this.recheck = setTimeout(() => void this.refresh(), RUNNING_RECHECK_MS);
    await vscode.commands.executeCommand('setContext', 'skewer.runsState', state);
    this.lastRefreshMs = performance.now() - started;
    this.firstRefreshedAt ??= Date.now();
    this.changed.fire();
  }

  get runs(): RunReadResult[] {
    return this.listing.runs;
  }

  findRun(runId: string): RunReadResult | undefined {
    return this.listing.runs.find((r) => r.run.runId === runId);
  }

  /** Problems worth showing above the tree: bad setting entries and unreadable folders (a missing default folder is normal). */
  get problems(): string[] {
    const missing = (f: RunFolderStatus) => /does not exist yet/.test(f.problem ?? '');
    const unreadable = this.folders.filter((f) => !f.ok && !missing(f)).map((f) => f.problem!);
    const missingCustom = this.folders.filter((f) => !f.ok && missing(f) && f.setting !== '.skewer/runs').map((f) => `Run folder "${f.setting}": ${f.problem}`);
    return [...this.settingProblems, ...unreadable, ...missingCustom];
  }

  /**
   * Watches every run folder for events files, including folders that do not exist yet: inside a
   * workspace folder the pattern is anchored at the workspace folder, so creating .skewer/runs is seen.
   */
  private watch(paths: string[]): void {
    const key = paths.join('\n');
    if (key === this.watchedKey) return;
    this.watchedKey = key;
    this.disposeWatchers();
    const ws = vscode.workspace.workspaceFolders ?? [];
    for (const p of paths) {
      const owner = ws.find((f) => f.uri.scheme === 'file' && isInside(f.uri.fsPath, p));
      const rel = owner ? path.relative(owner.uri.fsPath, p).split(path.sep).join('/') : '';
      // Events files anywhere below, plus run folders themselves (deleting a folder reports only the folder).
      for (const glob of ['**/*.ndjson', '*']) {
        const pattern = owner ? new vscode.RelativePattern(owner, `${rel ? rel + '/' : ''}${glob}`) : new vscode.RelativePattern(vscode.Uri.file(p), glob);
        const w = vscode.workspace.createFileSystemWatcher(pattern);
        const onEvent = () => this.scheduleRefresh();
        this.watchers.push(w, w.onDidCreate(onEvent), w.onDidChange(onEvent), w.onDidDelete(onEvent));
      }
    }
  }

  private disposeWatchers(): void {
    while (this.watchers.length) this.watchers.pop()?.dispose();
  }

  dispose(): void {
    clearTimeout(this.debounce);
    clearTimeout(this.recheck);
    this.disposeWatchers();
    this.changed.dispose();
  }
}
