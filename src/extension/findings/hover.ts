import * as vscode from 'vscode';
import { hoverMarkdown } from '../../core/findings/hoverText';
import { ruleInfo } from '../../core/findings/rules';
import { relatedTarget } from '../static/documents';
import type { DiagnosticsPublisher } from './diagnostics';

/**
 * What Skewer adds under the diagnostic in the hover: the run's verdict, the facts, links to the related lines
 * (core/findings/hoverText.ts). The diagnostic's own message is shown by VS Code above it and not repeated.
 */
export class FindingHover implements vscode.HoverProvider {
  constructor(
    private readonly publisher: DiagnosticsPublisher,
    private readonly extensionUri: vscode.Uri,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const here = this.publisher.at(document.uri).filter((p) => p.diagnostic.range.contains(position) || p.diagnostic.range.start.line === position.line);
    if (!here.length) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['skewer.openLocation', 'vscode.open'] };
    const cellCount = notebookOf(document)?.cellCount;
    here.forEach(({ finding: f, owner }, i) => {
      const info = ruleInfo(f.ruleId);
      if (i > 0) md.appendMarkdown('\n\n---\n\n');
      md.appendMarkdown(hoverMarkdown(f, {
        ...(cellCount !== undefined ? { cellCount } : {}),
        ...(info ? { docsUri: vscode.Uri.joinPath(this.extensionUri, info.docsPath).toString() } : {}),
        linkTo: (r) => {
          const at = { line: r.location.line - 1, character: r.location.col - 1 };
          return `command:vscode.open?${encodeURIComponent(JSON.stringify([relatedTarget(owner, f, r), { selection: { start: at, end: at } }]))}`;
        },
      }));
    });
    return new vscode.Hover(md, here[0]!.diagnostic.range);
  }
}

/** The notebook a cell's text document belongs to. */
function notebookOf(document: vscode.TextDocument): vscode.NotebookDocument | undefined {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === document));
}
