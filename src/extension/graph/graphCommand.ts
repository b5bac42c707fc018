import * as vscode from 'vscode';
import type { RunReadResult } from '../../core/runlog/model';
import type { CommandDeps } from '../commands';
import { showPanelOrWelcome } from '../commands';
import type { FindingsStore } from '../findings/findingsStore';
import { heavy } from '../lazy/load';
import type { RunsNode } from '../runs/runsView';
import { GraphPanel } from './graphPanel';

async function pickRun(deps: CommandDeps): Promise<RunReadResult | undefined> {
  const h = heavy();
  const items = deps.runs.runs.map((r) => ({ label: r.run.pipeline, description: h.runSummary(r.run), detail: `${r.run.startedAt ?? ''} · ${r.run.runId}`, result: r }));
  return (await vscode.window.showQuickPick(items, { title: 'Show Pipeline Graph: which run?', matchOnDescription: true, matchOnDetail: true }))?.result;
}

/**
 * "Skewer: Show Pipeline Graph": the graph of a run (the Runs view's run or step the action was
 * invoked on, a run id, or a run picked from a list). `pairWith` shows a second run beside it.
 */
export async function showPipelineGraphCommand(deps: CommandDeps, findings: FindingsStore, target?: RunsNode | string, pairWith?: string): Promise<void> {
  if (deps.runs.state === 'loading') await deps.runs.refresh();
  if (showPanelOrWelcome(deps, 1)) return;
  let runId: string | undefined;
  if (typeof target === 'string') runId = target;
  else if (target && target.kind !== 'group') runId = target.result.run.runId;
  else runId = (await pickRun(deps))?.run.runId;
  if (!runId) return;
  if (!deps.runs.findRun(runId)) {
    void vscode.window.showWarningMessage(`Skewer: no run ${runId} in the Runs view.`);
    return;
  }
  GraphPanel.show(deps.context.extensionUri, deps.runs, findings, runId, pairWith);
}
