import * as vscode from 'vscode';
import type { Finding } from '../../core/findings/finding';
import { ruleInfo } from '../../core/findings/rules';
import { findingTarget, relatedTarget } from '../static/documents';
import { findingRange, toDiagnosticSeverity } from './convert';
import type { FindingsStore } from './findingsStore';
import { cellLabel } from '../../core/cellNumbers';

export interface PlacedFinding {
  owner: vscode.Uri;
  target: vscode.Uri;
  finding: Finding;
  diagnostic: vscode.Diagnostic;
}

/**
 * Publishes the FindingsStore as editor diagnostics: one Diagnostic per finding, on the .py file or
 * on the notebook cell it names, with the rule id as code (linked to the rule's docs page) and the
 * related places (split, fit, first evaluation) as related information.
 */
export class DiagnosticsPublisher implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('skewer');
  /** owner (file or notebook) → the URIs its diagnostics were put on last time. */
  private readonly targetsOf = new Map<string, vscode.Uri[]>();
  /** target URI → the findings placed there. */
  private readonly placed = new Map<string, PlacedFinding[]>();
  private readonly sub: vscode.Disposable;

  constructor(
    private readonly store: FindingsStore,
    private readonly extensionUri: vscode.Uri,
  ) {
    this.sub = store.onDidChange((owners) => owners.forEach((o) => this.publish(o)));
  }

  at(target: vscode.Uri): PlacedFinding[] {
    return this.placed.get(target.toString()) ?? [];
  }

  private publish(owner: vscode.Uri): void {
    for (const t of this.targetsOf.get(owner.toString()) ?? []) {
      this.collection.delete(t);
      this.placed.delete(t.toString());
    }
    const byTarget = new Map<string, { uri: vscode.Uri; items: PlacedFinding[] }>();
    for (const finding of this.store.get(owner)) {
      const target = findingTarget(owner, finding);
      const diagnostic = this.toDiagnostic(owner, target, finding);
      const entry = byTarget.get(target.toString()) ?? { uri: target, items: [] };
      entry.items.push({ owner, target, finding, diagnostic });
      byTarget.set(target.toString(), entry);
    }
    for (const { uri, items } of byTarget.values()) {
      this.collection.set(uri, items.map((p) => p.diagnostic));
      this.placed.set(uri.toString(), items);
    }
    this.targetsOf.set(owner.toString(), [...byTarget.values()].map((e) => e.uri));
  }

  private toDiagnostic(owner: vscode.Uri, target: vscode.Uri, f: Finding): vscode.Diagnostic {
    // A notebook finding that could not be placed on its cell (notebook not open) keeps its cell in the message.
    const unplacedCell = f.location.cell !== undefined && target.toString() === owner.toString() ? `${cellLabel(f.location.cell)}: ` : '';
    // The run's own sentence is in the hover (hover.ts), which shows this message above it: only its verdict here.
    const confirmation = f.confirmation?.status === 'confirmed' ? ' (confirmed by a recorded run)' : f.confirmation?.status === 'not-confirmed' ? ' (not seen in the recorded run)' : '';
    const d = new vscode.Diagnostic(findingRange(f), `${unplacedCell}${f.message}${confirmation}`, toDiagnosticSeverity(f.severity));
    d.source = f.source === 'run' ? 'Skewer (run)' : f.source === 'both' ? 'Skewer (static+run)' : 'Skewer';
    const info = ruleInfo(f.ruleId);
    d.code = info ? { value: f.ruleId, target: vscode.Uri.joinPath(this.extensionUri, info.docsPath) } : f.ruleId;
    d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(relatedTarget(owner, f, r), findingRange(r)), r.message));
    return d;
  }

  dispose(): void {
    this.sub.dispose();
    this.collection.dispose();
  }
}
