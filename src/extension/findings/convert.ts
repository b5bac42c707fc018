import * as vscode from 'vscode';
import type { Finding, Severity } from '../../core/findings/finding';

/** Core locations are 1-based; VS Code ranges are 0-based. */
export function findingRange(f: Pick<Finding, 'location'>): vscode.Range {
  const l = f.location;
  return new vscode.Range(l.line - 1, Math.max(0, l.col - 1), Math.max(l.line, l.endLine) - 1, Math.max(0, l.endCol - 1));
}

export function toDiagnosticSeverity(s: Severity): vscode.DiagnosticSeverity {
  switch (s) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    case 'info':
      return vscode.DiagnosticSeverity.Information;
    case 'hint':
      return vscode.DiagnosticSeverity.Hint;
  }
}

export function severityIcon(s: Severity): vscode.ThemeIcon {
  switch (s) {
    case 'error':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'));
    case 'warning':
      return new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    default:
      return new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground'));
  }
}
