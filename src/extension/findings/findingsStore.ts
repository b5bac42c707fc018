import * as vscode from 'vscode';
import { mergeFindings } from '../../core/checks/merge';
import type { Finding } from '../../core/findings/finding';

type Entry = { uri: vscode.Uri; findings: Finding[] };

/**
 * Findings by document, from every engine. The single source the Problems panel (via the
 * diagnostics layer), the Findings view and hovers read from. Two layers: static findings per
 * document (as the user types), and findings recorded runs show on their own (replaced as a whole
 * when runs change, and present for files that are not open). What readers get is the two merged:
 * a problem both engines see is one finding with source `both`.
 */
export class FindingsStore implements vscode.Disposable {
  private readonly statics = new Map<string, Entry>();
  private runs = new Map<string, Entry>();
  private readonly merged = new Map<string, Entry>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri[]>();
  readonly onDidChange = this.changed.event;

  /** The static findings of one document (with run confirmations attached). */
  set(uri: vscode.Uri, findings: Finding[]): void {
    if (findings.length) this.statics.set(uri.toString(), { uri, findings });
    else this.statics.delete(uri.toString());
    this.remerge(uri);
    this.changed.fire([uri]);
  }

  /** Every run-only finding, by document; replaces the previous set. */
  setRunFindings(entries: Entry[]): void {
    const next = new Map<string, Entry>();
    for (const e of entries) if (e.findings.length) next.set(e.uri.toString(), e);
    const touched = new Map<string, vscode.Uri>();
    for (const [k, e] of [...this.runs, ...next]) touched.set(k, e.uri);
    this.runs = next;
    for (const uri of touched.values()) this.remerge(uri);
    if (touched.size) this.changed.fire([...touched.values()]);
  }

  /** Run-only findings of one document, before merging (tests and the run-findings service read these). */
  runFindings(uri: vscode.Uri): Finding[] {
    return this.runs.get(uri.toString())?.findings ?? [];
  }

  private remerge(uri: vscode.Uri): void {
    const key = uri.toString();
    const s = this.statics.get(key)?.findings ?? [];
    const r = this.runs.get(key)?.findings ?? [];
    const findings = mergeFindings(s, r);
    if (findings.length) this.merged.set(key, { uri, findings });
    else this.merged.delete(key);
  }

  get(uri: vscode.Uri): Finding[] {
    return this.merged.get(uri.toString())?.findings ?? [];
  }

  entries(): Entry[] {
    return [...this.merged.values()].sort((a, b) => a.uri.toString().localeCompare(b.uri.toString()));
  }

  get size(): number {
    let n = 0;
    for (const e of this.merged.values()) n += e.findings.length;
    return n;
  }

  /** Drops the static layer (static analysis turned off); run findings stay. */
  clear(): void {
    const uris = [...this.statics.values()].map((e) => e.uri);
    this.statics.clear();
    for (const u of uris) this.remerge(u);
    this.changed.fire(uris);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
