import * as vscode from 'vscode';
import { findingTarget } from '../static/documents';
import { findingRange } from './convert';
import type { DiagnosticsPublisher } from './diagnostics';

/**
 * Quick fixes for Skewer diagnostics: the analyzer's mechanical fixes (e.g. fit after the split,
 * transform instead of fit_transform at serving), plus "ignore this rule on this line", which
 * writes the documented suppression comment above the line.
 */
export class FindingCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly publisher: DiagnosticsPublisher) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const placed of this.publisher.at(document.uri)) {
      if (!context.diagnostics.includes(placed.diagnostic) && !placed.diagnostic.range.intersection(range)) continue;
      const f = placed.finding;
      for (const fix of f.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [placed.diagnostic];
        action.isPreferred = fix.preferred ?? false;
        const edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) edit.replace(findingTarget(placed.owner, e), findingRange(e), e.newText);
        action.edit = edit;
        actions.push(action);
      }
      const line = document.lineAt(Math.min(document.lineCount - 1, f.location.line - 1));
      const indent = line.text.slice(0, line.firstNonWhitespaceCharacterIndex);
      const ignore = new vscode.CodeAction(`Ignore ${f.ruleId} on this line`, vscode.CodeActionKind.QuickFix);
      ignore.diagnostics = [placed.diagnostic];
      ignore.edit = new vscode.WorkspaceEdit();
      ignore.edit.insert(document.uri, new vscode.Position(line.lineNumber, 0), `${indent}# skewer: ignore[${f.ruleId}]\n`);
      actions.push(ignore);
    }
    return actions;
  }
}
