import * as fs from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings/finding';
import type { CheckSource } from '../../core/static/checkSource';
import { AnalysisPool } from '../../core/static/pool';
import { fileSizeNote } from '../../core/static/source';
import type { AnalysisNote, AnalysisResult, AnalyzeOptions } from '../../core/static/types';
import type { FindingsStore } from '../findings/findingsStore';
import { analysisPath, isAnalysableNotebook, isPythonDocument, notebookJson } from './documents';
import { StaticWorkerClient } from './workerClient';

const EXCLUDE = '**/{node_modules,.git,.hg,.venv,venv,env,.tox,__pycache__,.mypy_cache,.skewer,site-packages,dist,build}/**';

/** Local files' sizes in bytes (undefined where unknown); skipped for very large workspaces, where the stats would cost more than the balance gains. */
async function localSizes(uris: readonly vscode.Uri[]): Promise<(number | undefined)[]> {
  if (uris.length > 20_000) return [];
  return Promise.all(uris.map((u) => (u.scheme === 'file' ? fs.promises.stat(u.fsPath).then((st) => st.size, () => undefined) : undefined)));
}

/** A path as the analyzer lists dependencies ('/'-separated; case-folded where file names are). */
function depKey(p: string): string {
  const n = p.replace(/\\/g, '/');
  return process.platform === 'win32' || process.platform === 'darwin' ? n.toLowerCase() : n;
}

/** Called with each document's fresh static findings; returns them with run confirmations attached. */
export type Confirmer = (owner: vscode.Uri, findings: Finding[]) => Promise<Finding[]>;

/** Pool workers stay this long after a workspace check, so a second check soon after starts warm. */
const POOL_IDLE_MS = 60_000;

/**
 * Static analysis as the user types: .py files and notebooks (all cells together, in order) are
 * re-analysed in the worker after a debounce; results land in the FindingsStore, which feeds the
 * Problems panel, hovers, quick fixes and the Findings view. Stale results (the document changed
 * while the worker was busy) are dropped. Nothing runs in an untrusted workspace.
 * Check Workspace spreads its files over a pool of workers (one per core); typing keeps its own
 * worker and parse cache, so edits are never queued behind a workspace check.
 */
export class StaticAnalysis implements vscode.Disposable {
  private readonly client: StaticWorkerClient;
  private pool: AnalysisPool | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generation = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Other files of the project each document's last analysis read (its modules, its `%run` files), normalised. */
  private readonly dependencies = new Map<string, Set<string>>();
  /** Analysis time of the last document, for the status tooltip and benchmarks. */
  lastElapsedMs = 0;

  constructor(
    private readonly store: FindingsStore,
    private readonly log: vscode.OutputChannel,
    private readonly confirm?: Confirmer,
    /** Where the workers keep their bundle's V8 code cache (the extension's global storage). */
    private readonly codeCacheDir?: string,
  ) {
    this.client = new StaticWorkerClient(undefined, codeCacheDir);
    const w = vscode.workspace;
    this.disposables.push(
      w.onDidOpenTextDocument((d) => isPythonDocument(d) && this.schedule(d.uri, 0)),
      w.onDidChangeTextDocument((e) => this.onTextChange(e.document)),
      w.onDidCloseTextDocument((d) => isPythonDocument(d) && this.closed(d.uri)),
      w.onDidOpenNotebookDocument((nb) => isAnalysableNotebook(nb) && this.schedule(nb.uri, 0)),
      w.onDidChangeNotebookDocument((e) => isAnalysableNotebook(e.notebook) && this.schedule(e.notebook.uri)),
      w.onDidCloseNotebookDocument((nb) => isAnalysableNotebook(nb) && this.closed(nb.uri)),
      w.onDidGrantWorkspaceTrust(() => this.analyseOpenDocuments()),
      // Modules are read from disk: saving one re-analyses the open documents that import or %run it.
      w.onDidSaveTextDocument((d) => this.savedFile(d.uri)),
      w.onDidSaveNotebookDocument((nb) => this.savedFile(nb.uri)),
      w.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('skewer.severity') || e.affectsConfiguration('skewer.static')) {
          if (!this.enabled) this.store.clear();
          this.analyseOpenDocuments();
        }
      }),
    );
  }

  private get enabled(): boolean {
    return vscode.workspace.isTrusted && vscode.workspace.getConfiguration('skewer').get<boolean>('static.enabled', true);
  }

  private options(): AnalyzeOptions {
    const cfg = vscode.workspace.getConfiguration('skewer');
    // Configuration values are proxies that cannot cross postMessage: copy them to plain data.
    const overrides = JSON.parse(JSON.stringify(cfg.get<Record<string, Severity | 'off'>>('severity', {}))) as Record<string, Severity | 'off'>;
    return { notebookOrder: cfg.get<'saved' | 'execution'>('static.notebookOrder', 'saved'), severityOverrides: overrides, timeBudgetMs: 2000 };
  }

  /**
   * Options for one document: a saved file's imports of the project's own modules are followed,
   * read from disk by the worker inside the workspace folder that holds it (its own folder outside
   * any). Untitled documents follow nothing.
   */
  private optionsFor(uri: vscode.Uri, base = this.options()): AnalyzeOptions {
    if (uri.scheme !== 'file') return base;
    return { ...base, moduleRoot: (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath) };
  }

  private savedFile(uri: vscode.Uri): void {
    if (uri.scheme !== 'file' || !/\.(py|ipynb)$/i.test(uri.path)) return;
    const saved = depKey(uri.fsPath);
    for (const [key, deps] of this.dependencies) {
      if (key !== uri.toString() && deps.has(saved)) this.schedule(vscode.Uri.parse(key), 0);
    }
  }

  analyseOpenDocuments(): void {
    for (const d of vscode.workspace.textDocuments) if (isPythonDocument(d)) this.schedule(d.uri, 0);
    for (const nb of vscode.workspace.notebookDocuments) if (isAnalysableNotebook(nb)) this.schedule(nb.uri, 0);
  }

  private onTextChange(doc: vscode.TextDocument): void {
    if (isPythonDocument(doc)) {
      this.schedule(doc.uri);
      return;
    }
    if (doc.uri.scheme === 'vscode-notebook-cell') {
      const nb = vscode.workspace.notebookDocuments.find((n) => isAnalysableNotebook(n) && n.getCells().some((c) => c.document === doc));
      if (nb) this.schedule(nb.uri);
    }
  }

  private schedule(uri: vscode.Uri, delay = vscode.workspace.getConfiguration('skewer').get<number>('static.debounceMs', 250)): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => void this.analyseOpen(uri), delay));
  }

  private closed(uri: vscode.Uri): void {
    clearTimeout(this.timers.get(uri.toString()));
    this.generation.set(uri.toString(), (this.generation.get(uri.toString()) ?? 0) + 1);
    this.client.forget(analysisPath(uri));
    this.dependencies.delete(uri.toString());
    // Findings of a closed file stay only if a workspace check put them there; live ones go with the editor.
    if (uri.scheme !== 'file') this.store.set(uri, []);
  }

  /** Text of an open document or notebook (unsaved edits included). */
  private openText(uri: vscode.Uri): string | undefined {
    const key = uri.toString();
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === key);
    if (nb) return notebookJson(nb);
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key)?.getText();
  }

  private async analyseOpen(uri: vscode.Uri): Promise<void> {
    const text = this.openText(uri);
    if (text !== undefined) await this.analyse(uri, text);
  }

  /** Analyses one document's text and publishes the result unless a newer request superseded it. */
  async analyse(uri: vscode.Uri, text: string): Promise<Finding[] | undefined> {
    if (!this.enabled) return undefined;
    const gen = this.nextGeneration(uri);
    try {
      const res = await this.client.analyze(analysisPath(uri), text, this.optionsFor(uri));
      if (this.generation.get(uri.toString()) !== gen) return undefined;
      this.lastElapsedMs = res.elapsedMs;
      return await this.publish(uri, gen, res.result);
    } catch (err) {
      this.log.appendLine(`[static] ${uri.fsPath || uri.toString()}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private nextGeneration(uri: vscode.Uri): number {
    const gen = (this.generation.get(uri.toString()) ?? 0) + 1;
    this.generation.set(uri.toString(), gen);
    return gen;
  }

  /** Logs the notes, attaches run evidence and stores the findings, unless `gen` was superseded meanwhile. */
  private async publish(uri: vscode.Uri, gen: number, result: AnalysisResult): Promise<Finding[] | undefined> {
    const key = uri.toString();
    if (!this.enabled || this.generation.get(key) !== gen) return undefined;
    this.logNotes(result.notes);
    if (result.dependencies?.length) this.dependencies.set(key, new Set(result.dependencies.map(depKey)));
    else this.dependencies.delete(key);
    let findings = result.findings;
    if (this.confirm && findings.length) findings = await this.confirm(uri, findings);
    if (this.generation.get(key) !== gen) return undefined;
    this.store.set(uri, findings);
    return findings;
  }

  private logNotes(notes: AnalysisNote[]): void {
    for (const n of notes) if (n.kind !== 'info') this.log.appendLine(`[static] ${n.message}`);
  }

  /** "Skewer: Check Workspace": every .py and .ipynb file, with progress and cancellation (from the notification, or `cancel`). */
  async checkWorkspace(cancel?: vscode.CancellationToken): Promise<{ files: number; findings: number; cancelled: boolean } | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Skewer checks code only in trusted workspaces.', 'Manage Workspace Trust').then((a) => a && vscode.commands.executeCommand('workbench.trust.manage'));
      return undefined;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('Skewer: open a folder to check its Python files and notebooks.');
      return undefined;
    }
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Skewer: checking workspace', cancellable: true }, (progress, token) => this.checkFiles(progress, token, cancel));
  }

  private async checkFiles(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken, extra?: vscode.CancellationToken): Promise<{ files: number; findings: number; cancelled: boolean }> {
    const t0 = Date.now();
    this.pool ??= new AnalysisPool({ workerFile: path.join(__dirname, 'workers', 'static.worker.js'), idleMs: POOL_IDLE_MS, codeCacheDir: this.codeCacheDir });
    this.pool.warm();
    const uris = await vscode.workspace.findFiles('**/*.{py,ipynb}', EXCLUDE, 50_000, token);
    uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
    // The workspace folders are the module roots of every file (each file uses the one that holds it).
    const options = this.optionsFor(vscode.Uri.file(uris[0]?.fsPath ?? '/'));
    const gens = new Map<number, number>();
    // Each file's text is taken when a worker is about to be free, so unsaved edits made during the
    // check are seen; its generation is taken then too, so a newer live analysis wins.
    const source = async (uri: vscode.Uri, index: number): Promise<CheckSource> => {
      gens.set(index, this.nextGeneration(uri));
      const text = this.openText(uri);
      if (text !== undefined) return { text };
      // Workers read local files themselves: no file content passes through this thread.
      if (uri.scheme === 'file') return { file: uri.fsPath };
      const tooBig = fileSizeNote(analysisPath(uri), (await vscode.workspace.fs.stat(uri)).size);
      return tooBig ? { note: tooBig } : { bytes: await vscode.workspace.fs.readFile(uri) };
    };
    const ac = new AbortController();
    const cancels = [token, extra].map((t) => t?.onCancellationRequested(() => ac.abort()));
    if (extra?.isCancellationRequested) ac.abort();
    const published: Promise<Finding[] | undefined>[] = [];
    let done = 0;
    try {
      // Sizes of local files let the pool hand out the largest first (both workers then finish together).
      const sizes = await localSizes(uris);
      const run = await this.pool.check(uris.map((uri, i) => ({ path: analysisPath(uri), source: () => source(uri, i), ...(sizes[i] !== undefined ? { size: sizes[i] } : {}) })), {
        options,
        signal: ac.signal,
        onResult: (i, outcome) => {
          done++;
          progress.report({ message: `${done}/${uris.length} ${vscode.workspace.asRelativePath(uris[i])}`, increment: 100 / uris.length });
          published.push(this.publish(uris[i], gens.get(i) ?? 0, outcome.result).catch((err: unknown) => {
            this.log.appendLine(`[check] ${uris[i].fsPath}: ${err instanceof Error ? err.message : String(err)}`);
            return undefined;
          }));
        },
      });
      const findings = (await Promise.all(published)).reduce((n, f) => n + (f?.length ?? 0), 0);
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      void vscode.window.showInformationMessage(`Skewer ${run.cancelled ? 'stopped after' : 'checked'} ${done} file${done === 1 ? '' : 's'} in ${secs} s: ${findings} finding${findings === 1 ? '' : 's'}.`);
      if (findings) void vscode.commands.executeCommand('skewer.findings.focus');
      return { files: done, findings, cancelled: run.cancelled };
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.log.appendLine(`[check] ${message}`);
      void vscode.window.showErrorMessage(`Skewer: Check Workspace stopped after ${done} file${done === 1 ? '' : 's'}: ${message}`);
      const findings = (await Promise.all(published)).reduce((n, f) => n + (f?.length ?? 0), 0);
      return { files: done, findings, cancelled: false };
    } finally {
      for (const c of cancels) c?.dispose();
    }
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.client.dispose();
    this.pool?.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
