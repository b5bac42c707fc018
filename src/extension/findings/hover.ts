import * as vscode from 'vscode';
import { ruleInfo } from '../../core/findings/rules';
import { findingTarget } from '../static/documents';
import type { DiagnosticsPublisher } from './diagnostics';

/** The evidence behind a finding: numbers, what a recorded run says, and links to the related lines. */
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
    for (const { finding: f, owner } of here) {
      const info = ruleInfo(f.ruleId);
      md.appendMarkdown(`**Skewer · ${info?.title ?? f.ruleId}** \`${f.ruleId}\`\n\n`);
      md.appendText(f.message);
      md.appendMarkdown('\n\n');
      const evidence = Object.entries(f.evidence);
      if (evidence.length) md.appendMarkdown(evidence.map(([k, v]) => `- ${k}: \`${String(v)}\``).join('\n') + '\n\n');
      if (f.confirmation) {
        const icon = f.confirmation.status === 'confirmed' ? '$(check)' : f.confirmation.status === 'not-confirmed' ? '$(circle-slash)' : '$(question)';
        md.appendMarkdown(`${icon} **Run evidence:** `);
        md.appendText(f.confirmation.message);
        md.appendMarkdown('\n\n');
      }
      for (const r of f.related) {
        const target = findingTarget(owner, r);
        const args = encodeURIComponent(JSON.stringify([target, { selection: { start: { line: r.location.line - 1, character: r.location.col - 1 }, end: { line: r.location.line - 1, character: r.location.col - 1 } } }]));
        md.appendMarkdown(`- [${r.message} (line ${r.location.line}${r.location.cell !== undefined ? `, cell ${r.location.cell + 1}` : ''})](command:vscode.open?${args})\n`);
      }
      if (info) md.appendMarkdown(`\n[Rule documentation](${vscode.Uri.joinPath(this.extensionUri, info.docsPath).toString()})\n\n---\n\n`);
    }
    return new vscode.Hover(md, here[0]!.diagnostic.range);
  }
}
