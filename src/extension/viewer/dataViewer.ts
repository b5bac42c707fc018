/**
 * The data viewer: a read-only custom editor for `.parquet`, `.arrow`, `.arrows`, `.feather` and
 * (as an option, "Open With…") `.csv` files, and for a step's output snapshot (Skewer: View Step
 * Output, from a step in the Runs view). The table is opened and kept in the tables worker
 * (core/tables/viewClient.ts); this host only relays windows, queries and statistics between the
 * worker and the webview (its own bundle, dist/webview/dataViewer.js), so no table ever reaches the
 * webview whole. A click on a row of a step output traces that row (skewer.traceRecord).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { ViewWorker, type OpenViewOptions, type TableInfo } from '../../core/tables/viewClient';
import type { Step } from '../../core/runlog/model';
import { resolveSideFile } from '../../core/runlog/sideFiles';
import { stepLabelText } from '../../core/runlog/stepLabels';
import { parseFromDataViewer, type DataViewerInfo, type ToDataViewer } from '../../shared/protocol';
import { webviewHtml, webviewOptions } from '../panel/html';
import { themeKind } from '../panel/panel';
import type { RunsNode } from '../runs/runsView';

export const DATA_VIEWER = 'skewer.dataViewer';
/** CSV has its own view type: its contribution is priority "option", the text editor stays the default. */
export const DATA_VIEWER_CSV = 'skewer.dataViewer.csv';

/** A step output to open: the run's step (for tracing) and how to read its snapshot. */
interface StepSource {
  node: Extract<RunsNode, { kind: 'step' }>;
  options: OpenViewOptions;
  source: string;
  title: string;
}

/** What an open viewer reports (tests read it through the extension's API). */
export interface DataViewerStatus {
  uri: string;
  info?: TableInfo;
  error?: string;
  /** Windows sent to the webview so far. */
  windows: number;
}

export class DataViewerProvider implements vscode.CustomReadonlyEditorProvider, vscode.Disposable {
  private readonly worker = new ViewWorker();
  private readonly steps = new Map<string, StepSource>();
  readonly open = new Map<vscode.WebviewPanel, DataViewerStatus>();

  constructor(private readonly extensionUri: vscode.Uri) {}

  register(): vscode.Disposable {
    const options = { webviewOptions: { retainContextWhenHidden: true }, supportsMultipleEditorsPerDocument: true };
    return vscode.Disposable.from(
      vscode.window.registerCustomEditorProvider(DATA_VIEWER, this, options),
      vscode.window.registerCustomEditorProvider(DATA_VIEWER_CSV, this, options),
    );
  }

  openCustomDocument(uri: vscode.Uri): vscode.CustomDocument {
    return { uri, dispose: () => undefined };
  }

  /** "Skewer: View Step Output": the step's output snapshot in the viewer. */
  async openStep(node: RunsNode | undefined): Promise<void> {
    if (node?.kind !== 'step') {
      void vscode.window.showInformationMessage('Skewer: choose a step in the Runs view to see its output (its inline table icon).');
      return;
    }
    const output = node.step.outputs.find((o) => o.snapshot && !o.snapshot.unavailable);
    const snap = output?.snapshot;
    if (!output || !snap) {
      void vscode.window.showWarningMessage(`Skewer: ${node.step.function} has no output snapshot to show (recorded with snapshots off, or its snapshot is missing).`);
      return;
    }
    let file: string;
    let positionsFile: string | undefined;
    try {
      file = resolveSideFile(node.result.run.dir, snap.uri);
      positionsFile = snap.positions ? resolveSideFile(node.result.run.dir, snap.positions) : undefined;
    } catch (e) {
      void vscode.window.showErrorMessage(`Skewer: cannot open the output of ${node.step.function}: ${(e as Error).message}`);
      return;
    }
    const dtypes = output.schema ? Object.fromEntries(output.schema.map((f) => [f.name, f.type])) : undefined;
    const source = snap.sampled
      ? `Step output snapshot: a sample of ${snap.rows.toLocaleString('en-US')} of ${snap.totalRows.toLocaleString('en-US')} rows (statistics cover the sample)`
      : `Step output snapshot: all ${snap.totalRows.toLocaleString('en-US')} rows`;
    const uri = vscode.Uri.file(file);
    this.steps.set(uri.toString(), {
      node,
      options: { format: snap.format, ...(positionsFile ? { positionsFile } : {}), ...(dtypes && snap.format === 'csv' ? { pandasDtypes: dtypes } : {}) },
      source,
      title: `${stepName(node.step)} output`,
    });
    await vscode.commands.executeCommand('vscode.openWith', uri, snap.format === 'csv' ? DATA_VIEWER_CSV : DATA_VIEWER);
  }

  async resolveCustomEditor(document: vscode.CustomDocument, panel: vscode.WebviewPanel): Promise<void> {
    const step = this.steps.get(document.uri.toString());
    panel.webview.options = webviewOptions(this.extensionUri);
    panel.webview.html = webviewHtml(panel.webview, this.extensionUri, 'Skewer Data Viewer', 'dataViewer');
    if (step) panel.title = step.title;
    const status: DataViewerStatus = { uri: document.uri.toString(), windows: 0 };
    this.open.set(panel, status);
    const post = (m: ToDataViewer) => void panel.webview.postMessage(m);
    // Opened now, while the webview loads: the first window is ready sooner.
    const opening = this.openTable(document.uri, step, status);
    const table = () => opening;
    let shown: () => void = () => undefined;
    const firstWindow = new Promise<void>((r) => { shown = r; });
    const subs = [
      vscode.window.onDidChangeActiveColorTheme((t) => post({ type: 'theme', kind: themeKind(t.kind) })),
      panel.webview.onDidReceiveMessage(async (raw) => {
        const msg = parseFromDataViewer(raw);
        if (!msg) return;
        switch (msg.type) {
          case 'ready': {
            post({ type: 'theme', kind: themeKind(vscode.window.activeColorTheme.kind) });
            let info = await table();
            if (!info) { post({ type: 'error', message: status.error! }); return; }
            post({ type: 'info', info: viewerInfo(document.uri, info, step) });
            // The rest of a file opened with its first screen (Parquet's first rows, a big CSV's first lines) decodes once that screen is shown (or
            // after a second at most); then the statistics, column by column: each is one worker
            // request, so windows asked for meanwhile wait for one column at most.
            await Promise.race([firstWindow, new Promise((r) => setTimeout(r, 1000))]);
            try {
              const whole = await this.worker.load(info.handle);
              if (whole.loadedRows !== info.loadedRows || whole.rowCount !== info.rowCount || whole.limited !== info.limited || JSON.stringify(whole.columns) !== JSON.stringify(info.columns)) post({ type: 'info', info: viewerInfo(document.uri, whole, step) });
              info = status.info = whole;
            } catch (e) {
              if (this.open.has(panel)) post({ type: 'error', message: `Cannot show ${path.basename(document.uri.fsPath)}: ${(e as Error).message}` });
              return;
            }
            for (let c = 0; c < info.columns.length && this.open.has(panel) && !info.streamed; c++) {
              try {
                post({ type: 'stats', stats: await this.worker.stats(info.handle, c) });
              } catch (e) {
                if (this.open.has(panel)) post({ type: 'notice', message: `No statistics for ${info.columns[c].name}: ${(e as Error).message}` });
              }
            }
            return;
          }
          case 'window': {
            const info = await table();
            if (!info) return;
            try {
              const w = await this.worker.window(info.handle, msg.start, msg.count);
              status.windows++;
              shown();
              post({ type: 'window', version: msg.version, start: w.start, rows: w.rows, rowIds: w.rowIds, ...(w.positions ? { positions: w.positions } : {}), total: w.total });
            } catch (e) {
              post({ type: 'notice', message: (e as Error).message });
            }
            return;
          }
          case 'query': {
            const info = await table();
            if (!info) return;
            try {
              post({ type: 'queried', version: msg.version, total: await this.worker.queryText(info.handle, msg.filters, msg.sort) });
            } catch (e) {
              post({ type: 'notice', message: (e as Error).message });
            }
            return;
          }
          case 'trace':
            if (step) await vscode.commands.executeCommand('skewer.traceRecord', step.node, msg.position);
            return;
        }
      }),
    ];
    panel.onDidDispose(() => {
      this.open.delete(panel);
      subs.forEach((s) => s.dispose());
      void opening.then((info) => info && this.worker.close(info.handle));
    });
  }

  private async openTable(uri: vscode.Uri, step: StepSource | undefined, status: DataViewerStatus): Promise<TableInfo | undefined> {
    if (uri.scheme !== 'file') {
      status.error = `The data viewer reads local files only (this one is ${uri.scheme}:).`;
      return undefined;
    }
    try {
      status.info = await this.worker.open(uri.fsPath, step?.options ?? {});
      return status.info;
    } catch (e) {
      status.error = `Cannot show ${path.basename(uri.fsPath)}: ${(e as Error).message}`;
      return undefined;
    }
  }

  dispose(): void {
    void this.worker.terminate();
  }
}

/** The step's label, as in the Runs view and the trace ("read customers.csv (line 21)"). */
function stepName(step: Step): string {
  return step.location ? `${stepLabelText(step)} (line ${step.location.line})` : stepLabelText(step);
}

function viewerInfo(uri: vscode.Uri, info: TableInfo, step: StepSource | undefined): DataViewerInfo {
  const rows = info.rowCount === null ? `${info.loadedRows.toLocaleString('en-US')}+ rows` : `${info.rowCount.toLocaleString('en-US')} rows`;
  return {
    title: step?.title ?? path.basename(uri.fsPath),
    rowCount: info.rowCount,
    loadedRows: info.loadedRows,
    columns: info.columns.map((c) => ({ name: c.name, type: c.type })),
    format: info.format,
    source: step?.source ?? `${info.format === 'csv' ? 'CSV' : info.format === 'parquet' ? 'Parquet' : info.format === 'feather' ? 'Feather' : 'Arrow IPC'} file, ${rows}, ${info.columns.length} columns`,
    ...(info.limited ? { limited: info.limited } : {}),
    traceable: step !== undefined,
    streamed: info.streamed === true,
  };
}
