import * as vscode from 'vscode';
import type { SkewThresholds } from '../../core/compare/skew';
import type { RunReadResult } from '../../core/runlog/model';
import type { CompareState } from '../../shared/protocol';
import type { CommandDeps } from '../commands';
import { showPanelOrWelcome } from '../commands';
import { heavy } from '../lazy/load';
import { SkewerPanel } from '../panel/panel';

const label = (r: RunReadResult) => `${r.run.pipeline} (${r.run.phase})`;

const folderOf = (r: RunReadResult) => r.run.pipeline.split('/').slice(0, -1).join('/');

/**
 * Default pair: the newest serving run and the newest training run of the same project folder
 * (churn/serve.py goes with churn/train.py), else the newest training run, else the two newest runs.
 */
function defaultPair(runs: RunReadResult[]): [RunReadResult, RunReadResult] | undefined {
  const serve = runs.find((r) => r.run.phase === 'serve');
  const trains = runs.filter((r) => r.run.phase === 'train');
  const train = (serve && trains.find((r) => folderOf(r) === folderOf(serve))) ?? trains[0];
  if (train && serve) return [train, serve];
  return runs.length >= 2 ? [runs[0]!, runs[1]!] : undefined;
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
  const a = h.modelInput(left.run);
  const b = h.modelInput(right.run);
  const problems: string[] = [];
  if (!a) problems.push(`${label(left)} hands no feature matrix with a recorded schema to a model.`);
  if (!b) problems.push(`${label(right)} hands no feature matrix with a recorded schema to a model.`);
  if (a && b && !(a.stats && b.stats)) problems.push('No column statistics were recorded for the model inputs, so distribution skew cannot be computed.');
  const at = (x: typeof a) => (x ? `${x.step.function}${x.step.location ? ` at line ${x.step.location.line}` : ''}` : 'no model input');
  return {
    kind: 'compare',
    left: { runId: left.run.runId, label: label(left) },
    right: { runId: right.run.runId, label: label(right) },
    leftInput: at(a),
    rightInput: at(b),
    schemaDiff: a && b ? h.diffSchemas(a.fields, b.fields) : [],
    skew: a?.stats && b?.stats ? h.datasetSkew(a.stats, b.stats, t) : [],
    thresholds: t,
    problems,
  };
}

/** "Skewer: Compare Runs…": what the training run fed its model vs what the serving run feeds it. */
export async function compareRunsCommand(deps: CommandDeps): Promise<void> {
  if (deps.runs.state === 'loading') await deps.runs.refresh();
  if (showPanelOrWelcome(deps, 2)) return;
  const h = heavy();
  const runs = deps.runs.runs;
  const pair = defaultPair(runs);
  const items = runs.map((r) => ({ label: label(r), description: h.runSummary(r.run), detail: `${r.run.startedAt ?? ''} · ${r.run.runId}`, result: r, picked: pair?.includes(r) ?? false }));
  const chosen = await vscode.window.showQuickPick(items, { title: 'Compare Runs: pick two runs (baseline first in time order)', canPickMany: true });
  if (!chosen) return;
  if (chosen.length !== 2) {
    void vscode.window.showWarningMessage(`Skewer: pick exactly two runs to compare (picked ${chosen.length}).`);
    return;
  }
  const [x, y] = chosen.map((c) => c.result).sort((p, q) => Date.parse(p.run.startedAt ?? '') - Date.parse(q.run.startedAt ?? ''));
  const left = x!.run.phase === 'serve' && y!.run.phase === 'train' ? y! : x!;
  const right = left === x ? y! : x!;
  SkewerPanel.show(deps.context.extensionUri, compareState(left, right), left.run.cwd);
}
