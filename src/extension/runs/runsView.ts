import * as vscode from 'vscode';
import type { RunsModel } from './runsModel';

type Node = { kind: 'folder'; path: string; label: string; runCount: number };

/** The Runs tree. Empty states come from viewsWelcome (keyed on skewer.runsState); problems go in the view message. */
export class RunsTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly model: RunsModel) {
    this.sub = model.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(element?: Node): Node[] {
    if (element || this.model.state !== 'hasRuns') return [];
    return this.model.folders
      .filter((f) => f.ok && f.runCount > 0)
      .map((f) => ({ kind: 'folder' as const, path: f.path, label: vscode.workspace.asRelativePath(f.path), runCount: f.runCount }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.description = `${node.runCount} run${node.runCount === 1 ? '' : 's'}`;
    item.tooltip = node.path;
    item.iconPath = new vscode.ThemeIcon('folder');
    item.contextValue = 'skewer.runFolder';
    return item;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

/** Keeps the view's message line in sync with the model's problems. */
export function bindRunsMessage(view: vscode.TreeView<unknown>, model: RunsModel): vscode.Disposable {
  return model.onDidChange(() => {
    const problems = model.problems;
    view.message = problems.length ? `⚠ ${problems.join(' · ')}` : undefined;
  });
}
