import * as vscode from 'vscode';
import type { Finding } from '../../core/findings/finding';
import type { FindingsStore } from './findingsStore';
import { findingRange, severityIcon } from './convert';
import { lineLabel } from '../../core/cellNumbers';

type Node = { kind: 'file'; uri: vscode.Uri; count: number } | { kind: 'finding'; uri: vscode.Uri; finding: Finding };

/** Findings grouped by file; a click opens the exact line. Empty state comes from viewsWelcome. */
export class FindingsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly store: FindingsStore) {
    this.sub = store.onDidChange(() => {
      this.changed.fire(undefined);
      void vscode.commands.executeCommand('setContext', 'skewer.hasFindings', store.size > 0);
    });
  }

  getChildren(element?: Node): Node[] {
    if (!element) return this.store.entries().map((e) => ({ kind: 'file', uri: e.uri, count: e.findings.length }));
    if (element.kind === 'file') return this.store.get(element.uri).map((finding) => ({ kind: 'finding', uri: element.uri, finding }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'file') {
      const item = new vscode.TreeItem(node.uri, vscode.TreeItemCollapsibleState.Expanded);
      item.description = `${node.count}`;
      return item;
    }
    const f = node.finding;
    const item = new vscode.TreeItem(f.message, vscode.TreeItemCollapsibleState.None);
    const where = lineLabel(f.location);
    // Which engine found it: a recorded run alone, static analysis confirmed by a run, or static analysis alone.
    const run = f.source === 'run' ? ' · found in run' : f.source === 'both' ? ' · static + run' : f.confirmation?.status === 'not-confirmed' ? ' · not seen in run' : '';
    item.description = `${f.ruleId} · ${where}${run}`;
    item.iconPath = severityIcon(f.severity);
    const source = f.source === 'run' ? 'recorded run' : f.source === 'both' ? 'static analysis and recorded run' : 'static analysis';
    item.tooltip = new vscode.MarkdownString(`**${f.ruleId}** (${source})\n\n${f.message}${f.source === 'both' && f.confirmation ? `\n\nRun: ${f.confirmation.message}` : ''}`);
    item.command =
      f.location.cell !== undefined && node.uri.scheme === 'file'
        ? { command: 'skewer.openLocation', title: 'Open', arguments: [node.uri.fsPath, f.location.line, undefined, f.location.cell] }
        : { command: 'vscode.open', title: 'Open', arguments: [node.uri, { selection: findingRange(f) }] };
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}
