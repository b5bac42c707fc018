/**
 * Activation: register views, commands and watchers, and return. Nothing heavy is imported
 * here (no Arrow, no parser, no React); reading runs and analysing code happen on demand,
 * off the activation path. See bench/activation for the measured figure.
 */
import * as vscode from 'vscode';
import { openLocation, openRunFolder, showPanelOrWelcome, welcomeFor, type CommandDeps } from './commands';
import { FindingsStore } from './findings/findingsStore';
import { FindingsTreeProvider } from './findings/findingsView';
import { PANEL_VIEW_TYPE, SkewerPanel } from './panel/panel';
import { RunsModel } from './runs/runsModel';
import { bindRunsMessage, RunsTreeProvider } from './runs/runsView';
import type { PanelState } from '../shared/protocol';

export interface SkewerApi {
  /** Milliseconds spent inside activate(), for the activation benchmark and tests. */
  activationMs: number;
  runs: RunsModel;
  findings: FindingsStore;
  /** What the Skewer panel currently shows (tests read it; the webview renders it). */
  panelState(): PanelState | undefined;
}

export function activate(context: vscode.ExtensionContext): SkewerApi {
  const t0 = performance.now();
  const runs = new RunsModel(context);
  const findings = new FindingsStore();
  const deps: CommandDeps = { context, runs };

  const runsView = vscode.window.createTreeView('skewer.runs', { treeDataProvider: new RunsTreeProvider(runs), showCollapseAll: true });
  const findingsView = vscode.window.createTreeView('skewer.findings', { treeDataProvider: new FindingsTreeProvider(findings) });
  const refresh = () => void runs.refresh();

  context.subscriptions.push(
    runs,
    findings,
    runsView,
    findingsView,
    bindRunsMessage(runsView, runs),
    vscode.commands.registerCommand('skewer.refreshRuns', () => runs.refresh()),
    vscode.commands.registerCommand('skewer.openRunFolder', () => openRunFolder(deps)),
    vscode.commands.registerCommand('skewer.traceRecord', () => showPanelOrWelcome(deps, 1)),
    vscode.commands.registerCommand('skewer.compareRuns', () => showPanelOrWelcome(deps, 2)),
    vscode.commands.registerCommand('skewer.showFindings', () => vscode.commands.executeCommand('skewer.findings.focus')),
    vscode.commands.registerCommand('skewer.checkWorkspace', () => undefined),
    vscode.commands.registerCommand('skewer.openLocation', (file: string, line: number) => openLocation(file, line)),
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
  setTimeout(refresh, 0);
  return { activationMs: performance.now() - t0, runs, findings, panelState: () => SkewerPanel.instance?.currentState };
}

export function deactivate(): void {
  /* disposables are in context.subscriptions */
}
