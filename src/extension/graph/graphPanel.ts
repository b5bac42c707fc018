import * as vscode from 'vscode';
import type { FindingAt, PipelineGraph } from '../../core/graph';
import type { RunReadResult } from '../../core/runlog/model';
import type { FromGraphWebview, GraphViewState, ToGraphWebview } from '../../shared/protocol';
import { assertNever, parseFromGraphWebview } from '../../shared/protocol';
import type { FindingsStore } from '../findings/findingsStore';
import { heavy } from '../lazy/load';
import { webviewHtml, webviewOptions } from '../panel/html';
import { SkewerPanel } from '../panel/panel';
import type { RunsModel } from '../runs/runsModel';

export const GRAPH_VIEW_TYPE = 'skewer.graph';

/**
 * The pipeline graph panel: one, reused. It follows the Runs view's model, so a run that is still
 * being recorded grows in the graph as the Runs view re-reads it, and findings badges follow the
 * findings store. Every update is a full snapshot, sent after the webview's ready handshake.
 */
export class GraphPanel implements vscode.Disposable {
  private static current: GraphPanel | undefined;
  private ready = false;
  private state: GraphViewState | undefined;
  private runId = '';
  private pairId: string | undefined;
  private collapseLoops = true;
  /** Per run id: the nodes (Pipeline.fit calls) the user unfolded. */
  private readonly unfolded = new Map<string, Set<string>>();
  /** What the last snapshot was built from, so unrelated refreshes of the Runs model send nothing. */
  private builtKey = '';
  private findingsVersion = 0;
  private readonly disposables: vscode.Disposable[] = [];

  static show(extensionUri: vscode.Uri, runs: RunsModel, findings: FindingsStore, runId: string, pairId?: string): GraphPanel {
    if (!GraphPanel.current) {
      const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, 'Pipeline Graph', vscode.ViewColumn.Active, { ...webviewOptions(extensionUri), retainContextWhenHidden: false });
      GraphPanel.current = new GraphPanel(panel, extensionUri, runs, findings);
    } else {
      GraphPanel.current.panel.reveal(undefined, false);
    }
    const p = GraphPanel.current;
    p.runId = runId;
    p.pairId = pairId;
    p.update(true);
    return p;
  }

  static get instance(): GraphPanel | undefined {
    return GraphPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
    private readonly runs: RunsModel,
    private readonly findings: FindingsStore,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'skewer.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'Pipeline Graph', 'graph');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      // A record traced since the graph was last shown is highlighted when the graph comes back.
      panel.onDidChangeViewState((e) => e.webviewPanel.visible && this.update(false)),
      vscode.window.onDidChangeActiveColorTheme((t) => this.post({ type: 'theme', kind: themeKind(t.kind) })),
      runs.onDidChange(() => this.update(false)),
      findings.onDidChange(() => {
        this.findingsVersion++;
        this.update(false);
      }),
    );
  }

  get currentState(): GraphViewState | undefined {
    return this.state;
  }

  /** Rebuilds the snapshot from the Runs model; sends it when something it shows changed (or `force`). */
  update(force: boolean): void {
    const first = this.runs.findRun(this.runId);
    const pair = this.pairId ? this.runs.findRun(this.pairId) : undefined;
    const traced = tracedRecord(this.runId);
    const unfoldKey = [...this.unfolded].map(([run, ids]) => `${run}:${[...ids].sort().join(',')}`).join(';');
    const key = [runKey(first), runKey(pair), this.collapseLoops, this.findingsVersion, traced?.record ?? '', traced?.steps.length ?? 0, unfoldKey].join('|');
    if (!force && key === this.builtKey) return;
    this.builtKey = key;
    this.state = buildViewState(this.runs, this.findings, first, pair, this.runId, this.collapseLoops, this.unfolded);
    this.panel.title = first ? `Graph: ${first.run.pipeline}${pair ? ` ↔ ${pair.run.pipeline}` : ''}` : 'Pipeline Graph';
    this.post({ type: 'graph', state: this.state });
  }

  private post(msg: ToGraphWebview): void {
    if (this.ready) void this.panel.webview.postMessage(msg);
  }

  private onMessage(raw: unknown): void {
    const msg: FromGraphWebview | undefined = parseFromGraphWebview(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'theme', kind: themeKind(vscode.window.activeColorTheme.kind) });
        if (this.state) this.post({ type: 'graph', state: this.state });
        break;
      case 'openNode':
        void this.openNode(msg.graph, msg.nodeId);
        break;
      case 'pairWith':
        this.pairId = msg.runId;
        this.update(true);
        break;
      case 'setCollapseLoops':
        this.collapseLoops = msg.value;
        this.update(true);
        break;
      case 'toggleInner': {
        const runId = this.state?.graphs[msg.graph]?.runId;
        if (!runId) break;
        const ids = this.unfolded.get(runId) ?? new Set<string>();
        if (!ids.delete(msg.nodeId)) ids.add(msg.nodeId);
        this.unfolded.set(runId, ids);
        this.update(true);
        break;
      }
      case 'log':
        console[msg.level === 'info' ? 'log' : msg.level](`[skewer graph] ${msg.message}`);
        break;
      default:
        assertNever(msg);
    }
  }

  /** Opens the source line of a node (the first call it stands for); the path resolves as the Runs view's steps do. */
  private async openNode(graphIndex: number, nodeId: string): Promise<void> {
    const graph = this.state?.graphs[graphIndex];
    const node = graph?.nodes.find((n) => n.id === nodeId);
    const result = graph && this.runs.findRun(graph.runId);
    if (!node?.location || !result) return;
    await vscode.commands.executeCommand('skewer.openLocation', node.location.file, node.location.line, result.run.cwd, node.location.cell);
  }

  dispose(): void {
    if (GraphPanel.current === this) GraphPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

function runKey(r: RunReadResult | undefined): string {
  return r ? `${r.run.runId}@${r.run.modifiedAt}:${r.run.status}:${r.run.steps.length}` : '';
}

/** The record the Trace view shows, when it was traced in `runId`. */
function tracedRecord(runId: string): { record: string; steps: { seq: number; fateKind: string }[] } | undefined {
  const s = SkewerPanel.instance?.currentState;
  return s?.kind === 'trace' && s.runId === runId ? { record: s.record, steps: s.steps } : undefined;
}

/** Findings of every open document, with absolute paths, for the badges. */
function findingsAt(findings: FindingsStore): FindingAt[] {
  const out: FindingAt[] = [];
  for (const e of findings.entries()) {
    if (e.uri.scheme !== 'file' && e.uri.scheme !== 'vscode-notebook-cell') continue;
    for (const f of e.findings) {
      out.push({ file: e.uri.fsPath, line: f.location.line, ...(f.location.cell !== undefined ? { cell: f.location.cell } : {}), ruleId: f.ruleId, severity: f.severity, message: f.message });
    }
  }
  return out;
}

function title(r: RunReadResult): string {
  const t = r.run.startedAt ? new Date(r.run.startedAt) : undefined;
  const when = t && !Number.isNaN(t.getTime()) ? ` · ${t.toLocaleString('en', { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false })}` : '';
  return `${r.run.pipeline} · ${r.run.isSkewer ? r.run.phase : 'openlineage'} · ${r.run.status}${when}`;
}

export function buildViewState(runs: RunsModel, findings: FindingsStore, first: RunReadResult | undefined, pair: RunReadResult | undefined, runId: string, collapseLoops: boolean, unfolded?: ReadonlyMap<string, ReadonlySet<string>>): GraphViewState {
  const h = heavy();
  if (!first) {
    return { graphs: [], titles: [], pairCandidates: [], collapseLoops, problems: [`Run ${runId} is no longer listed in the Runs view (deleted, or its run folder was removed from skewer.runFolders).`] };
  }
  const found = findingsAt(findings);
  const build = (r: RunReadResult): PipelineGraph => {
    const unfold = unfolded?.get(r.run.runId);
    return h.buildGraph(r.run, { collapseLoops, findings: found, ...(unfold?.size ? { unfold } : {}) });
  };
  const graphs = [build(first), ...(pair ? [build(pair)] : [])];
  const traced = tracedRecord(first.run.runId);
  const other = first.run.phase === 'train' ? 'serve' : first.run.phase === 'serve' ? 'train' : undefined;
  const candidates = runs.runs
    .filter((r) => r.run.runId !== first.run.runId)
    .sort((a, b) => Number(b.run.phase === other) - Number(a.run.phase === other))
    .map((r) => ({ runId: r.run.runId, label: title(r) }));
  const problems = [...first.problems, ...(pair?.problems ?? [])].filter((p) => p.severity === 'error').map((p) => h.formatProblem(p, first.run.dir));
  return {
    graphs,
    titles: [title(first), ...(pair ? [title(pair)] : [])],
    ...(pair ? { matches: h.matchGraphs(graphs[0]!, graphs[1]!) } : {}),
    ...(traced ? { highlight: h.highlightTrace(graphs[0]!, traced.record, traced.steps) } : {}),
    pairCandidates: candidates,
    collapseLoops,
    problems,
  };
}

function themeKind(kind: vscode.ColorThemeKind): 'light' | 'dark' | 'high-contrast' | 'high-contrast-light' {
  switch (kind) {
    case vscode.ColorThemeKind.Light:
      return 'light';
    case vscode.ColorThemeKind.HighContrast:
      return 'high-contrast';
    case vscode.ColorThemeKind.HighContrastLight:
      return 'high-contrast-light';
    default:
      return 'dark';
  }
}
