import * as vscode from 'vscode';
import type { SkewThresholds } from '../../core/compare/skew';
import type { ColumnStats, RunReadResult } from '../../core/runlog/model';
import type { CompareState } from '../../shared/protocol';
import type { CommandDeps } from '../commands';
import { showPanelOrWelcome } from '../commands';
import { heavy } from '../lazy/load';
import { SkewerPanel } from '../panel/panel';

const label = (r: RunReadResult) => `${r.run.pipeline} (${r.run.phase})`;

/**
 * Default pair: the newest serving run and the training run that wrote the model file it loads (recorded
 * joblib / pickle / skops dump and load), else the newest training run of its folder, else the newest
 * training run (pairing.ts says which and why); without a serving run, the two newest runs.
 */
function defaultPair(runs: RunReadResult[]): { pair: [RunReadResult, RunReadResult]; reason?: string } | undefined {
  const serve = runs.find((r) => r.run.phase === 'serve');
  const p = serve && heavy().pairServingRun(serve.run, runs.map((r) => r.run));
  const train = p && runs.find((r) => r.run === p.train);
  if (serve && p && train) return { pair: [train, serve], reason: p.reason };
  return runs.length >= 2 ? { pair: [runs[0]!, runs[1]!] } : undefined;
}

/** The skew thresholds from settings (skewer.thresholds.*), with the documented defaults. */
function thresholds(): SkewThresholds {
  const cfg = vscode.workspace.getConfiguration('skewer.thresholds');
  const d = heavy().DEFAULT_THRESHOLDS;
  const n = (k: keyof SkewThresholds) => {
    const v = cfg.get<number>(k, d[k]);
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : d[k];
  };
  return { psi: n('psi'), jsDivergence: n('jsDivergence'), lInfinity: n('lInfinity'), missingRateChange: n('missingRateChange') };
}

export function compareState(left: RunReadResult, right: RunReadResult): CompareState {
  const h = heavy();
  const t = thresholds();
  const root = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  const cmp = h.compareRunFindings(left.run, right.run, { thresholds: t, ...(root ? { workspaceRoot: root } : {}) });
  // Model inputs by column identity: a feature named x0 after numpy is shown (and compared) as the column it came
  // from, under one readable name for both sides (training's, e.g. city_east).
  const labels = new Map<string, string>();
  for (const f of [...(cmp.train?.features ?? []), ...(cmp.serve?.features ?? [])]) if (!labels.has(h.featureKey(f))) labels.set(h.featureKey(f), h.featureLabel(f));
  const side = (r: RunReadResult, s: typeof cmp.train) => {
    if (!s) return h.modelInput(r.run);
    const ref = h.findDataset(r.run, s.dataset)?.ref;
    const keyOf = new Map(s.features.map((f) => [f.name, labels.get(h.featureKey(f))!]));
    const fields = (ref?.schema ?? []).map((f) => ({ name: keyOf.get(f.name) ?? f.name, type: f.type }));
    const columns: Record<string, ColumnStats> = {};
    for (const [name, c] of Object.entries(ref?.stats?.columns ?? {})) columns[keyOf.get(name) ?? name] ??= c;
    return { step: s.step, fields, ...(ref?.stats ? { stats: { ...ref.stats, columns } } : {}) };
  };
  const a = side(left, cmp.train);
  const b = side(right, cmp.serve);
  const problems: string[] = [];
  if (!a) problems.push(`${label(left)} hands no feature matrix with a recorded schema to a model.`);
  if (!b) problems.push(`${label(right)} hands no feature matrix with a recorded schema to a model.`);
  if (a && b && !(a.stats && b.stats)) problems.push('No column statistics were recorded for the model inputs, so distribution skew cannot be computed.');
  const at = (x: typeof a) => (x ? `${x.step.function}${x.step.location ? ` at line ${x.step.location.line}` : ''}` : 'no model input');
  const file = (p: string) => p.split(/[\\/]/).pop();
  const pairing = cmp.artifact
    ? `Paired by model artifact: ${left.run.pipeline} wrote ${file(cmp.artifact.path)}, which ${right.run.pipeline} loads.`
    : right.run.phase === 'serve'
      ? `${right.run.pipeline} loads no model file that ${left.run.pipeline} wrote; compared as picked.`
      : undefined;
  const related = !cmp.unrelated;
  return {
    kind: 'compare',
    left: { runId: left.run.runId, label: label(left) },
    right: { runId: right.run.runId, label: label(right) },
    leftInput: at(a),
    rightInput: at(b),
    schemaDiff: related && a && b ? h.diffSchemas(a.fields, b.fields) : [],
    skew: related && a?.stats && b?.stats ? h.datasetSkew(a.stats, b.stats, t) : [],
    thresholds: t,
    problems,
    findings: cmp.findings,
    ...(pairing ? { pairing } : {}),
    ...(cmp.unrelated ? { unrelated: cmp.unrelated } : {}),
  };
}

/** compareState plus the row-level skew (mismatch/row-skew), which reads both runs' snapshots. */
export async function compareStateWithRows(left: RunReadResult, right: RunReadResult): Promise<CompareState> {
  const state = compareState(left, right);
  if (state.unrelated) return state;
  const h = heavy();
  const root = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri.fsPath;
  try {
    const cmp = h.compareRunFindings(left.run, right.run, { thresholds: state.thresholds, ...(root ? { workspaceRoot: root } : {}) });
    const rows = await h.rowSkewFindings(left.run, right.run, cmp, root);
    return { ...state, findings: [...(state.findings ?? []), ...rows.findings], problems: [...state.problems, ...rows.notes] };
  } catch (e) {
    return { ...state, problems: [...state.problems, `Row-level comparison failed: ${(e as Error).message}`] };
  }
}

/** "Skewer: Compare Runs…": what the training run fed its model vs what the serving run feeds it. */
export async function compareRunsCommand(deps: CommandDeps): Promise<void> {
  if (deps.runs.state === 'loading') await deps.runs.refresh();
  if (showPanelOrWelcome(deps, 2)) return;
  const h = heavy();
  const runs = deps.runs.runs;
  const pre = defaultPair(runs);
  const items = runs.map((r) => ({ label: label(r), description: h.runSummary(r.run), detail: `${r.run.startedAt ?? ''} · ${r.run.runId}`, result: r, picked: pre?.pair.includes(r) ?? false }));
  const chosen = await vscode.window.showQuickPick(items, {
    title: 'Compare Runs: pick two runs (baseline first in time order)',
    ...(pre?.reason ? { placeHolder: `Preselected: ${pre.reason}` } : {}),
    canPickMany: true,
  });
  if (!chosen) return;
  if (chosen.length !== 2) {
    void vscode.window.showWarningMessage(`Skewer: pick exactly two runs to compare (picked ${chosen.length}).`);
    return;
  }
  const [x, y] = chosen.map((c) => c.result).sort((p, q) => Date.parse(p.run.startedAt ?? '') - Date.parse(q.run.startedAt ?? ''));
  const left = x!.run.phase === 'serve' && y!.run.phase === 'train' ? y! : x!;
  const right = left === x ? y! : x!;
  SkewerPanel.show(deps.context.extensionUri, await compareStateWithRows(left, right), left.run.cwd);
}
