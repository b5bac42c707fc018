/**
 * Activation: register views, commands and watchers, and return. Nothing heavy is imported
 * here (no Arrow, no parser, no React); reading runs and analysing code happen on demand,
 * off the activation path. See bench/activation for the measured figure.
 */
import * as vscode from 'vscode';
import { copyCliCommand } from './cliCommand';
import { openLocation, openRunFolder, welcomeFor, type CommandDeps } from './commands';
import { FindingCodeActions } from './findings/codeActions';
import { DiagnosticsPublisher } from './findings/diagnostics';
import { FindingsStore } from './findings/findingsStore';
import { FindingHover } from './findings/hover';
import { FindingsTreeProvider } from './findings/findingsView';
import { showPipelineGraphCommand } from './graph/graphCommand';
import { GraphPanel } from './graph/graphPanel';
import { PANEL_VIEW_TYPE, SkewerPanel } from './panel/panel';
import { Recorder } from './record/recordRun';
import { RunsModel } from './runs/runsModel';
import { bindRunsMessage, RunsTreeProvider, type RunsNode } from './runs/runsView';
import { runConfirmer } from './static/runConfirmer';
import { RunFindingsService, runSources } from './findings/runFindingsService';
import { StaticAnalysis } from './static/staticAnalysis';
import { compareRunsCommand, compareState } from './trace/compareCommand';
import { stopTraceWorker, traceInputItems, traceKeyQuery, traceRecordAtCommand, traceRecordCommand, traceRowOf, traceSource } from './trace/traceCommand';
import type { GraphViewState, PanelState, TraceDirection } from '../shared/protocol';
import { DataViewerProvider } from './viewer/dataViewer';

export interface SkewerApi {
  /** Milliseconds spent inside activate(), for the activation benchmark and tests. */
  activationMs: number;
  /** When activate() was entered (ms since the epoch), for the time-to-view benchmark. */
  activatedAt: number;
  runs: RunsModel;
  findings: FindingsStore;
  staticAnalysis: StaticAnalysis;
  /** Findings recorded runs show on their own (tests wait on runFindings.idle()). */
  runFindings: RunFindingsService;
  diagnostics: DiagnosticsPublisher;
  /** What the Skewer panel currently shows (tests read it; the webview renders it). */
  panelState(): PanelState | undefined;
  findingsTree: FindingsTreeProvider;
  /** The Runs tree's data, as the view sees it. */
  runsTree: RunsTreeProvider;
  /**
   * Trace Record… without its pickers (tests): `column=value` looked up in the run, or row `position` of step `seq`'s
   * output (`port`, default its first) forward or back to its source. Shows the trace, or resolves to the message
   * shown instead (no row, several rows, not column=value).
   */
  traceRecord(runId: string, start: string | { seq: number; port?: string; position: number; direction?: TraceDirection }): Promise<string | undefined>;
  /** What the Trace Record… input offers for `text` once the run is picked (separators included). */
  traceInputItems(runId: string, text: string): Promise<{ label: string; description?: string; separator?: boolean }[]>;
  /** Shows the comparison of two runs (what "Compare Runs…" does after its picker). */
  compareRuns(leftRunId: string, rightRunId: string): void;
  /** Record Run and its helpers (commands skewer.recordRun, skewer.setRecordPhase, skewer.copyRecorderInstallCommand). */
  recorder: Recorder;
  /** The Runs view (tests read its selection after Record Run reveals a run). */
  runsView: vscode.TreeView<RunsNode>;
  /** What the pipeline graph panel currently shows (tests read it; the graph webview renders it). */
  graphState(): GraphViewState | undefined;
  /** The data viewer (custom editor of table files and step outputs); tests read its open editors. */
  dataViewer: DataViewerProvider;
}

export function activate(context: vscode.ExtensionContext): SkewerApi {
  const t0 = performance.now();
  const activatedAt = Date.now();
  const runs = new RunsModel(context);
  context.subscriptions.push({ dispose: () => void stopTraceWorker() });
  const findings = new FindingsStore();
  const deps: CommandDeps = { context, runs };

  const runsTree = new RunsTreeProvider(runs, findings);
  const runsView = vscode.window.createTreeView('skewer.runs', { treeDataProvider: runsTree, showCollapseAll: true });
  const findingsTree = new FindingsTreeProvider(findings);
  const findingsView = vscode.window.createTreeView('skewer.findings', { treeDataProvider: findingsTree });
  const refresh = () => void runs.refresh();
  const log = vscode.window.createOutputChannel('Skewer');
  const sourceFor = runSources();
  // The analyzer workers' V8 code cache (their own bundle's bytecode) lives in the extension's global storage.
  const staticAnalysis = new StaticAnalysis(findings, log, runConfirmer(runs, sourceFor), vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath);
  const runFindings = new RunFindingsService(runs, findings, log, sourceFor);
  const publisher = new DiagnosticsPublisher(findings, context.extensionUri);
  let finishedRunsKey = '';
  const recorder = new Recorder({
    context,
    runs,
    async revealRun(runId) {
      const node = runsTree.runNode(runId);
      if (!node) return;
      await vscode.commands.executeCommand('skewer.runs.focus');
      await runsView.reveal(node, { select: true, focus: false, expand: false });
    },
  });
  const python: vscode.DocumentSelector = [{ language: 'python' }, { notebookType: 'jupyter-notebook', language: 'python' }];

  const dataViewer = new DataViewerProvider(context.extensionUri);

  context.subscriptions.push(
    dataViewer,
    dataViewer.register(),
    vscode.commands.registerCommand('skewer.viewStepOutput', (node?: RunsNode) => dataViewer.openStep(node)),
    log,
    staticAnalysis,
    runFindings,
    publisher,
    vscode.languages.registerCodeActionsProvider(python, new FindingCodeActions(publisher), { providedCodeActionKinds: FindingCodeActions.kinds }),
    vscode.languages.registerHoverProvider(python, new FindingHover(publisher, context.extensionUri)),
    runsTree,
    findingsTree,
    runs,
    findings,
    runsView,
    findingsView,
    bindRunsMessage(runsView, runs),
    // A new or finished run can confirm or refute what the static analysis says: re-check open
    // documents when the set of finished runs changes (not on every line a running recorder appends).
    runs.onDidChange(() => {
      const key = runs.runs.filter((r) => r.run.status === 'complete' || r.run.status === 'failed').map((r) => `${r.run.runId}@${r.run.modifiedAt}`).join('|');
      if (key !== finishedRunsKey) {
        finishedRunsKey = key;
        staticAnalysis.analyseOpenDocuments();
      }
    }),
    recorder,
    // Recording runs the user's code: only from these commands (the user's action), never on events.
    vscode.commands.registerCommand('skewer.recordRun', (target?: unknown, options?: { phase?: 'train' | 'serve' | 'other' }) => recorder.record(target, options)),
    vscode.commands.registerCommand('skewer.setRecordPhase', (target?: unknown) => recorder.setPhase(target)),
    vscode.commands.registerCommand('skewer.copyRecorderInstallCommand', () => recorder.copyInstallCommand()),
    vscode.commands.registerCommand('skewer.refreshRuns', () => runs.refresh()),
    vscode.commands.registerCommand('skewer.openRunFolder', () => openRunFolder(deps)),
    vscode.commands.registerCommand('skewer.traceRecord', (node?: RunsNode, position?: number, direction?: TraceDirection) => traceRecordCommand(deps, node, position, direction)),
    vscode.commands.registerCommand('skewer.traceRecordAt', (runId: string, dataset: string, position: number, direction: TraceDirection) => traceRecordAtCommand(deps, runId, dataset, position, direction)),
    vscode.commands.registerCommand('skewer.compareRuns', () => compareRunsCommand(deps)),
    vscode.commands.registerCommand('skewer.showPipelineGraph', (target?: RunsNode | string, pairWith?: string) => showPipelineGraphCommand(deps, findings, target, pairWith)),
    vscode.commands.registerCommand('skewer.showFindings', () => vscode.commands.executeCommand('skewer.findings.focus')),
    vscode.commands.registerCommand('skewer.checkWorkspace', () => staticAnalysis.checkWorkspace()),
    vscode.commands.registerCommand('skewer.openLocation', (file: string, line: number, cwd?: string, cell?: number) => openLocation(file, line, cwd, cell)),
    vscode.commands.registerCommand('skewer.copyCliCommand', () => copyCliCommand(context)),
    vscode.window.registerWebviewPanelSerializer(PANEL_VIEW_TYPE, {
      // After a reload, an empty-state panel comes back as it was; data panels are reopened from the Runs view.
      async deserializeWebviewPanel(panel) {
        await runs.refresh();
        const welcome = welcomeFor(runs, 1);
        if (welcome) SkewerPanel.revive(panel, context.extensionUri, welcome);
        else panel.dispose();
      },
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(refresh),
    vscode.workspace.onDidChangeWorkspaceFolders(refresh),
    vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('skewer.runFolders') && refresh()),
  );

  // First scan after activation returns: the tree shows "loading" until it lands.
  setTimeout(() => {
    refresh();
    staticAnalysis.analyseOpenDocuments();
  }, 0);
  return {
    activationMs: performance.now() - t0,
    activatedAt,
    runs,
    findings,
    staticAnalysis,
    runFindings,
    diagnostics: publisher,
    findingsTree,
    runsTree,
    panelState: () => SkewerPanel.instance?.currentState,
    recorder,
    runsView,
    graphState: () => GraphPanel.instance?.currentState,
    dataViewer,
    traceRecord: async (runId, start) => {
      const result = runs.findRun(runId);
      if (!result) return `no run ${runId}`;
      const source = traceSource(result);
      try {
        let state;
        if (typeof start === 'string') state = await traceKeyQuery(result, start, source);
        else {
          const step = result.run.steps.find((s) => s.seq === start.seq);
          const output = step && (start.port ? step.outputs.find((o) => o.port === start.port) : step.outputs[0]);
          if (!step || !output) return `no output ${start.port ?? ''} of step ${start.seq}`;
          state = await traceRowOf(result, step, output.name, start.position, start.direction ?? 'forward', source);
        }
        if (typeof state === 'string' || !state) return state ?? 'cancelled';
        SkewerPanel.show(context.extensionUri, state, result.run.cwd);
        return undefined;
      } finally {
        void source.dispose();
      }
    },
    traceInputItems: async (runId, text) => {
      const result = runs.findRun(runId);
      if (!result) return [];
      const source = traceSource(result);
      const items = await traceInputItems(result, text, source);
      void source.dispose();
      return items.map((i) => ({ label: i.label, ...(i.description !== undefined ? { description: i.description } : {}), ...(i.separator ? { separator: true } : {}) }));
    },
    compareRuns: (a, b) => {
      const left = runs.findRun(a);
      const right = runs.findRun(b);
      if (left && right) SkewerPanel.show(context.extensionUri, compareState(left, right), left.run.cwd);
    },
  };
}

export function deactivate(): void {
  /* disposables are in context.subscriptions */
}
