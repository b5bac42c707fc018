import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings/finding';
import type { AnalysisNote, AnalyzeOptions } from '../../core/static/types';
import type { FindingsStore } from '../findings/findingsStore';
import { analysisPath, isAnalysableNotebook, isPythonDocument, notebookJson } from './documents';
import { StaticWorkerClient } from './workerClient';

const EXCLUDE = '**/{node_modules,.git,.hg,.venv,venv,env,.tox,__pycache__,.mypy_cache,.skewer,site-packages,dist,build}/**';

/** Called with each document's fresh static findings; returns them with run confirmations attached. */
export type Confirmer = (owner: vscode.Uri, findings: Finding[]) => Promise<Finding[]>;

/**
 * Static analysis as the user types: .py files and notebooks (all cells together, in order) are
 * re-analysed in the worker after a debounce; results land in the FindingsStore, which feeds the
 * Problems panel, hovers, quick fixes and the Findings view. Stale results (the document changed
 * while the worker was busy) are dropped. Nothing runs in an untrusted workspace.
 */
export class StaticAnalysis implements vscode.Disposable {
  private readonly client = new StaticWorkerClient();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly generation = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Analysis time of the last document, for the status tooltip and benchmarks. */
  lastElapsedMs = 0;

  constructor(
    private readonly store: FindingsStore,
    private readonly log: vscode.OutputChannel,
    private readonly confirm?: Confirmer,
  ) {
    const w = vscode.workspace;
    this.disposables.push(
      w.onDidOpenTextDocument((d) => isPythonDocument(d) && this.schedule(d.uri, 0)),
      w.onDidChangeTextDocument((e) => this.onTextChange(e.document)),
      w.onDidCloseTextDocument((d) => isPythonDocument(d) && this.closed(d.uri)),
      w.onDidOpenNotebookDocument((nb) => isAnalysableNotebook(nb) && this.schedule(nb.uri, 0)),
      w.onDidChangeNotebookDocument((e) => isAnalysableNotebook(e.notebook) && this.schedule(e.notebook.uri)),
      w.onDidCloseNotebookDocument((nb) => isAnalysableNotebook(nb) && this.closed(nb.uri)),
      w.onDidGrantWorkspaceTrust(() => this.analyseOpenDocuments()),
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
    const key = uri.toString();
    const gen = (this.generation.get(key) ?? 0) + 1;
    this.generation.set(key, gen);
    try {
      const res = await this.client.analyze(analysisPath(uri), text, this.options());
      if (this.generation.get(key) !== gen) return undefined;
      this.lastElapsedMs = res.elapsedMs;
      this.logNotes(res.result.notes);
      let findings = res.result.findings;
      if (this.confirm && findings.length) findings = await this.confirm(uri, findings);
      if (this.generation.get(key) !== gen) return undefined;
      this.store.set(uri, findings);
      return findings;
    } catch (err) {
      this.log.appendLine(`[static] ${uri.fsPath || uri.toString()}: ${err instanceof Error ? err.message : String(err)}`);
      return undefined;
    }
  }

  private logNotes(notes: AnalysisNote[]): void {
    for (const n of notes) if (n.kind !== 'info') this.log.appendLine(`[static] ${n.message}`);
  }

  /** "Skewer: Check Workspace": every .py and .ipynb file, with progress and cancellation. */
  async checkWorkspace(): Promise<{ files: number; findings: number; cancelled: boolean } | undefined> {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Skewer checks code only in trusted workspaces.', 'Manage Workspace Trust').then((a) => a && vscode.commands.executeCommand('workbench.trust.manage'));
      return undefined;
    }
    if (!vscode.workspace.workspaceFolders?.length) {
      void vscode.window.showInformationMessage('Skewer: open a folder to check its Python files and notebooks.');
      return undefined;
    }
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Skewer: checking workspace', cancellable: true }, async (progress, token) => {
      const t0 = Date.now();
      const uris = await vscode.workspace.findFiles('**/*.{py,ipynb}', EXCLUDE, 50_000, token);
      uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath));
      let findings = 0;
      let done = 0;
      for (const uri of uris) {
        if (token.isCancellationRequested) break;
        progress.report({ message: `${done + 1}/${uris.length} ${vscode.workspace.asRelativePath(uri)}`, increment: 100 / uris.length });
        let text = this.openText(uri);
        if (text === undefined) {
          try {
            text = new TextDecoder('utf-8', { fatal: false }).decode(await vscode.workspace.fs.readFile(uri));
          } catch (err) {
            this.log.appendLine(`[check] ${uri.fsPath}: cannot read (${err instanceof Error ? err.message : String(err)})`);
            continue;
          }
        }
        findings += (await this.analyse(uri, text))?.length ?? 0;
        done++;
      }
      const cancelled = token.isCancellationRequested;
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      void vscode.window.showInformationMessage(`Skewer ${cancelled ? 'stopped after' : 'checked'} ${done} file${done === 1 ? '' : 's'} in ${secs} s: ${findings} finding${findings === 1 ? '' : 's'}.`);
      if (findings) void vscode.commands.executeCommand('skewer.findings.focus');
      return { files: done, findings, cancelled };
    });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.client.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}
