import * as vscode from 'vscode';
import type { Finding } from '../../core/findings/finding';
import type { FindingsStore } from './findingsStore';
import { findingRange, severityIcon } from './convert';

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
    const where = `${f.location.cell !== undefined ? `cell ${f.location.cell + 1} ` : ''}line ${f.location.line}`;
    const run = f.confirmation?.status === 'confirmed' ? ' · confirmed by run' : f.confirmation?.status === 'not-confirmed' ? ' · not seen in run' : '';
    item.description = `${f.ruleId} · ${where}${f.source === 'run' ? ' · run' : ''}${run}`;
    item.iconPath = severityIcon(f.severity);
    item.tooltip = new vscode.MarkdownString(`**${f.ruleId}** (${f.source})\n\n${f.message}`);
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
