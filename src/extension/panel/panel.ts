import * as vscode from 'vscode';
import type { FromWebview, PanelState, ToWebview } from '../../shared/protocol';
import { assertNever, parseFromWebview } from '../../shared/protocol';
import { webviewHtml, webviewOptions } from './html';

export const PANEL_VIEW_TYPE = 'skewer.panel';

/**
 * The Skewer editor panel (trace, compare, empty states). One instance, reused. Every update is a
 * full snapshot, sent once the webview says it is ready; the webview says so again each time it is
 * recreated (hidden and shown again), and gets the current snapshot again.
 */
export class SkewerPanel implements vscode.Disposable {
  private static current: SkewerPanel | undefined;
  private ready = false;
  private state: PanelState | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  /** Working directory of the run shown, so relative source paths in it can be opened. */
  private cwd: string | undefined;

  static show(extensionUri: vscode.Uri, state: PanelState, cwd?: string): SkewerPanel {
    if (SkewerPanel.current) {
      SkewerPanel.current.panel.reveal(undefined, false);
    } else {
      const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, titleOf(state), vscode.ViewColumn.Active, webviewOptions(extensionUri));
      SkewerPanel.current = new SkewerPanel(panel, extensionUri);
    }
    SkewerPanel.current.cwd = cwd;
    SkewerPanel.current.setState(state);
    return SkewerPanel.current;
  }

  /** Restores a panel after a window reload (its last state is re-sent by the owner). */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: PanelState): void {
    panel.webview.options = webviewOptions(extensionUri);
    SkewerPanel.current?.dispose();
    SkewerPanel.current = new SkewerPanel(panel, extensionUri);
    SkewerPanel.current.setState(state);
  }

  static get instance(): SkewerPanel | undefined {
    return SkewerPanel.current;
  }

  private constructor(
    readonly panel: vscode.WebviewPanel,
    extensionUri: vscode.Uri,
  ) {
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'skewer.svg');
    panel.webview.html = webviewHtml(panel.webview, extensionUri, 'Skewer');
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      vscode.window.onDidChangeActiveColorTheme((t) => this.post({ type: 'theme', kind: themeKind(t.kind) })),
    );
  }

  get currentState(): PanelState | undefined {
    return this.state;
  }

  setState(state: PanelState): void {
    this.state = state;
    this.panel.title = titleOf(state);
    this.post({ type: 'state', state });
  }

  /** Sends now if the webview is listening; otherwise the 'ready' handler sends the current snapshot. */
  private post(msg: ToWebview): void {
    if (this.ready) void this.panel.webview.postMessage(msg);
  }

  private onMessage(raw: unknown): void {
    const msg: FromWebview | undefined = parseFromWebview(raw);
    if (!msg) return;
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        this.post({ type: 'theme', kind: themeKind(vscode.window.activeColorTheme.kind) });
        if (this.state) this.post({ type: 'state', state: this.state });
        break;
      case 'openLocation':
        void vscode.commands.executeCommand('skewer.openLocation', msg.file, msg.line, this.cwd, msg.cell);
        break;
      case 'runCommand':
        void vscode.commands.executeCommand(msg.command);
        break;
      case 'retrace': {
        const st = this.state;
        if (st?.kind === 'trace' && st.start?.reversible) void vscode.commands.executeCommand('skewer.traceRecordAt', st.runId, st.start.dataset, st.start.position, msg.direction);
        break;
      }
      case 'log':
        console[msg.level === 'info' ? 'log' : msg.level](`[skewer webview] ${msg.message}`);
        break;
      default:
        assertNever(msg);
    }
  }

  dispose(): void {
    if (SkewerPanel.current === this) SkewerPanel.current = undefined;
    this.panel.dispose();
    while (this.disposables.length) this.disposables.pop()?.dispose();
  }
}

function titleOf(state: PanelState): string {
  switch (state.kind) {
    case 'welcome':
      return 'Skewer';
    case 'trace':
      return `Trace ${state.record}`;
    case 'compare':
      return `Compare ${state.left.label} ↔ ${state.right.label}`;
    default:
      return assertNever(state);
  }
}

export function themeKind(kind: vscode.ColorThemeKind): 'light' | 'dark' | 'high-contrast' | 'high-contrast-light' {
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
