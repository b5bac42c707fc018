import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings/finding';
import type { Run } from '../../core/runlog/model';
import type { RunFolderTraceSource } from '../../core/trace/source';
import { heavy } from '../lazy/load';
import type { RunsModel } from '../runs/runsModel';
import type { FindingsStore } from './findingsStore';

const DEBOUNCE_MS = 300;

/**
 * Trace sources (lineage arrays and snapshots, each read once) per run folder, kept while the run's
 * events file is unchanged; shared by the run confirmer and the run findings.
 */
export function runSources(): (run: Run) => RunFolderTraceSource {
  const sources = new Map<string, { modifiedAt: number; source: RunFolderTraceSource }>();
  return (run: Run) => {
    const hit = sources.get(run.dir);
    if (hit && hit.modifiedAt === run.modifiedAt) return hit.source;
    const source = new (heavy().RunFolderTraceSource)(run.dir);
    sources.set(run.dir, { modifiedAt: run.modifiedAt, source });
    return source;
  };
}

/**
 * What recorded runs show on their own (core/checks detectRunFindings), kept in the FindingsStore's run
 * layer: on every file a run names, open or not (an imported helper module included), merged there with
 * the file's static findings; serving runs also get the train/serve mismatch findings against their training run. Recomputed when the set of finished runs changes, when `skewer.severity`
 * changes (or skewer.thresholds) and when a file with run findings is saved (a changed line drops the findings the run made on it).
 */
export class RunFindingsService implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private timer: NodeJS.Timeout | undefined;
  private generation = 0;
  private finishedKey = '';
  /** Resolves when the computation running or scheduled now has been stored (tests wait on it). */
  private pending: Promise<void> = Promise.resolve();
  private settle: (() => void) | undefined;

  constructor(
    private readonly runs: RunsModel,
    private readonly store: FindingsStore,
    private readonly log: vscode.OutputChannel,
    private readonly sourceFor: (run: Run) => RunFolderTraceSource = runSources(),
  ) {
    this.disposables.push(
      runs.onDidChange(() => {
        const key = this.finished().map((r) => `${r.runId}@${r.modifiedAt}`).join('|');
        if (key === this.finishedKey) return;
        this.finishedKey = key;
        this.schedule();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => (e.affectsConfiguration('skewer.severity') || e.affectsConfiguration('skewer.thresholds')) && this.schedule()),
      vscode.workspace.onDidSaveTextDocument((d) => this.store.runFindings(d.uri).length && this.schedule()),
      vscode.workspace.onDidSaveNotebookDocument((nb) => this.store.runFindings(nb.uri).length && this.schedule()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.schedule()),
    );
  }

  private finished(): Run[] {
    return this.runs.runs.map((r) => r.run).filter((r) => r.status === 'complete' || r.status === 'failed');
  }

  /** Recomputes after a short debounce; the returned promise settles once the result is in the store. */
  schedule(delay = DEBOUNCE_MS): Promise<void> {
    clearTimeout(this.timer);
    if (!this.settle) this.pending = new Promise((resolve) => (this.settle = resolve));
    this.timer = setTimeout(() => void this.compute(), delay);
    return this.pending;
  }

  /** Settles when no recomputation is pending. */
  idle(): Promise<void> {
    return this.pending;
  }

  private async compute(): Promise<void> {
    const gen = ++this.generation;
    let entries: { uri: vscode.Uri; findings: Finding[] }[] = [];
    const done = vscode.workspace.isTrusted ? this.finished() : [];
    if (done.length) {
      try {
        const cfg = vscode.workspace.getConfiguration('skewer');
        const overrides = JSON.parse(JSON.stringify(cfg.get<Record<string, Severity | 'off'>>('severity', {}))) as Record<string, Severity | 'off'>;
        const open = (file: string) => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'file' && d.uri.fsPath === file)?.getText();
        const h = heavy();
        const t = vscode.workspace.getConfiguration('skewer.thresholds');
        const d = h.DEFAULT_THRESHOLDS;
        const num = (k: keyof typeof d) => {
          const v = t.get<number>(k, d[k]);
          return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d[k];
        };
        const result = await h.detectRunFindings(done, {
          source: this.sourceFor,
          severityOverrides: overrides,
          thresholds: { psi: num('psi'), jsDivergence: num('jsDivergence'), lInfinity: num('lInfinity'), missingRateChange: num('missingRateChange') },
          readText: async (file) => open(file) ?? (await h.readTextFile(file)),
        });
        for (const n of result.notes) this.log.appendLine(`[runs] ${n}`);
        const byFile = new Map<string, Finding[]>();
        for (const f of result.findings) {
          // Without a workspace root every run finding names an absolute path; one that does not is not placeable.
          if (!f.location.file.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(f.location.file)) continue;
          const list = byFile.get(f.location.file) ?? [];
          list.push(f);
          byFile.set(f.location.file, list);
        }
        entries = [...byFile].map(([file, findings]) => ({ uri: vscode.Uri.file(file), findings }));
      } catch (err) {
        this.log.appendLine(`[runs] run findings failed: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    if (gen !== this.generation) return;
    this.store.setRunFindings(entries);
    const settle = this.settle;
    this.settle = undefined;
    settle?.();
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.settle?.();
    for (const d of this.disposables) d.dispose();
  }
}
