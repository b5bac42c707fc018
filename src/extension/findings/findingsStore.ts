import * as vscode from 'vscode';
import type { Finding } from '../../core/findings/finding';

/**
 * Findings by document, from every engine. The single source the Problems panel (via the
 * diagnostics layer), the Findings view and hovers read from.
 */
export class FindingsStore implements vscode.Disposable {
  private readonly byUri = new Map<string, { uri: vscode.Uri; findings: Finding[] }>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChange = this.changed.event;

  set(uri: vscode.Uri, findings: Finding[]): void {
    if (findings.length) this.byUri.set(uri.toString(), { uri, findings });
    else this.byUri.delete(uri.toString());
    this.changed.fire([uri]);
  }

  get(uri: vscode.Uri): Finding[] {
    return this.byUri.get(uri.toString())?.findings ?? [];
  }

  entries(): { uri: vscode.Uri; findings: Finding[] }[] {
    return [...this.byUri.values()].sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
  }

  get size(): number {
    let n = 0;
    for (const e of this.byUri.values()) n += e.findings.length;
    return n;
  }

  clear(): void {
    const uris = [...this.byUri.values()].map((e) => e.uri);
    this.byUri.clear();
    this.changed.fire(uris);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
