// Runs inside the extension host (via the test runner extension): Skewer's activate() time, next to
// a baseline measured in the same host right after: the bare VS Code API calls a minimal extension
// with the same contributions makes (two tree views, seven commands, one serializer).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as vscode from 'vscode';

suite('bench', () => {
  test('activation', async () => {
    const ext = vscode.extensions.getExtension<{ activationMs: number; activatedAt: number; runs: { firstRefreshedAt?: number; lastRefreshMs: number; refresh(): Promise<void> } }>('skewer.skewer-ml')!;
    const api = ext.isActive ? ext.exports : await ext.activate();
    const hostReadyAt = Date.now();
    while (api.runs.firstRefreshedAt === undefined) await new Promise((r) => setTimeout(r, 20));
    const firstRefreshMs = api.runs.lastRefreshMs;
    const samples: number[] = [];
    for (let i = 0; i < 20; i++) {
      const t0 = performance.now();
      const d: vscode.Disposable[] = [];
      const empty = { getChildren: () => [], getTreeItem: (x: vscode.TreeItem) => x };
      d.push(vscode.window.createTreeView(`skewer.bench.a${i}`, { treeDataProvider: empty }));
      d.push(vscode.window.createTreeView(`skewer.bench.b${i}`, { treeDataProvider: empty }));
      for (let c = 0; c < 7; c++) d.push(vscode.commands.registerCommand(`skewer.bench.${i}.${c}`, () => undefined));
      d.push(vscode.window.registerWebviewPanelSerializer(`skewer.bench.p${i}`, { deserializeWebviewPanel: async () => undefined }));
      samples.push(performance.now() - t0);
      d.forEach((x) => x.dispose());
    }
    samples.sort((a, b) => a - b);
    fs.writeFileSync(path.join(os.tmpdir(), 'skewer-bench-activation.json'), JSON.stringify({ activationMs: api.activationMs, baselineMs: samples[Math.floor(samples.length / 2)], activatedAt: api.activatedAt, runsListedAt: api.runs.firstRefreshedAt, firstRefreshMs, hostReadyAt }));
  });
});
