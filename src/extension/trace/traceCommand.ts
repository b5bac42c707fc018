import * as vscode from 'vscode';
import type { RunReadResult, Step } from '../../core/runlog/model';
import type { TraceResult, TraceStepResult } from '../../core/trace/trace';
import type { TraceState } from '../../shared/protocol';
import type { CommandDeps } from '../commands';
import { showPanelOrWelcome } from '../commands';
import { heavy } from '../lazy/load';
import { SkewerPanel } from '../panel/panel';
import type { RunsNode } from '../runs/runsView';

/**
 * "X_train row 261 and X_test row 450": the record (or a copy of it) on both sides of one split — the leak a
 * trace exists to show, so the webview flags it instead of leaving it in the fate text.
 */
export function bothSides(s: TraceStepResult): string | undefined {
  if (s.fate !== 'split') return undefined;
  const held = s.outputs.filter((o) => o.positions.length);
  const train = held.find((o) => /(^|_)train$/.test(o.port));
  const test = held.find((o) => /(^|_)test$/.test(o.port));
  return train && test ? `${train.port} row ${train.positions[0]} and ${test.port} row ${test.positions[0]}` : undefined;
}

/** Maps a core trace to the webview's snapshot (plain strings only). */
export function toTraceState(result: RunReadResult, trace: TraceResult, record: string): TraceState {
  const h = heavy();
  return {
    kind: 'trace',
    runId: result.run.runId,
    pipeline: result.run.pipeline,
    record,
    problems: trace.problems,
    steps: trace.steps.map((s) => ({
      seq: s.step.seq,
      label: h.stepLabelText(s.step),
      operator: s.step.function,
      ...(s.step.location ? { location: { file: s.step.location.file, line: s.step.location.line, ...(s.step.location.cell !== undefined ? { cell: s.step.location.cell } : {}) } } : {}),
      fate: s.fateText,
      fateKind: s.fate,
      ...(bothSides(s) ? { bothSides: bothSides(s)! } : {}),
      cells: s.cells ?? [],
      ...(s.valuesNote ? { valuesNote: s.valuesNote } : {}),
      ...(s.step.fitted
        ? { fitted: { className: s.step.fitted.class.split('.').pop()!, objectId: s.step.fitted.objectId, params: Object.fromEntries(Object.entries(s.step.fitted.params).map(([k, v]) => [k, JSON.stringify(v)])) } }
        : {}),
    })),
  };
}

async function pickRun(deps: CommandDeps): Promise<RunReadResult | undefined> {
  const h = heavy();
  const items = deps.runs.runs.map((r) => ({ label: r.run.pipeline, description: h.runSummary(r.run), detail: `${r.run.startedAt ?? ''} · ${r.run.runId}`, result: r }));
  return (await vscode.window.showQuickPick(items, { title: 'Trace Record: which run?', matchOnDescription: true, matchOnDetail: true }))?.result;
}

async function pickStep(result: RunReadResult): Promise<Step | undefined> {
  const h = heavy();
  const steps = result.run.steps.filter((s) => s.outputs.some((o) => o.snapshot && !o.snapshot.unavailable));
  const items = steps.map((s) => ({
    label: `${s.kind === 'source' ? '$(database) ' : ''}${h.stepLabelText(s)}`,
    description: [s.location ? `line ${s.location.line}` : '', h.rowsText(s)].filter(Boolean).join(' · '),
    detail: h.stepSnippet(s),
    step: s,
  }));
  if (!items.length) {
    void vscode.window.showWarningMessage(`Skewer: run ${result.run.runId} has no snapshots to pick a record from (recorded with --snapshots off?).`);
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { title: 'Trace Record: start from the output of which step?' }))?.step;
}

/** Lists the snapshot's rows to pick from; typing "#123" traces row position 123 even if it was not sampled. */
async function pickPosition(result: RunReadResult, step: Step): Promise<number | undefined> {
  const h = heavy();
  const output = step.outputs.find((o) => o.snapshot && !o.snapshot.unavailable)!;
  let rows: { position: number; values: Record<string, string | null> }[] = [];
  try {
    rows = await new h.RunFolderTraceSource(result.run.dir).rows(output, 500);
  } catch (e) {
    void vscode.window.showWarningMessage(`Skewer: cannot read the snapshot of ${h.stepLabelText(step)} (${step.function}): ${(e as Error).message}`);
  }
  type Item = vscode.QuickPickItem & { position: number };
  const base: Item[] = rows.map((r) => ({
    label: `row ${r.position}`,
    description: Object.entries(r.values).slice(0, 6).map(([k, v]) => `${k}=${v ?? '∅'}`).join('  '),
    position: r.position,
  }));
  const qp = vscode.window.createQuickPick<Item>();
  qp.title = `Trace Record: which row of ${h.stepLabelText(step)}? (type #N for any row position)`;
  qp.matchOnDescription = true;
  qp.items = base;
  qp.onDidChangeValue((v) => {
    const m = /^#\s*(\d+)$/.exec(v.trim());
    const total = output.rowCount;
    qp.items = m && (total === undefined || Number(m[1]) < total) ? [{ label: `row ${m[1]}`, description: 'by position', position: Number(m[1]), alwaysShow: true }, ...base] : base;
  });
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      resolve(qp.selectedItems[0]?.position);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/**
 * "Skewer: Trace Record…": pick a run, a step and one of its rows (or come from the Runs view with a
 * run or step), then show that record's path through every later step in the Skewer panel.
 */
export async function traceRecordCommand(deps: CommandDeps, node?: RunsNode, position?: number): Promise<void> {
  if (deps.runs.state === 'loading') await deps.runs.refresh();
  if (showPanelOrWelcome(deps, 1)) return;
  const result = node && node.kind !== 'group' ? node.result : await pickRun(deps);
  if (!result) return;
  const step = node?.kind === 'step' ? node.step : await pickStep(result);
  if (!step) return;
  const pos = position ?? (await pickPosition(result, step));
  if (pos === undefined) return;
  const output = step.outputs.find((o) => o.snapshot) ?? step.outputs[0];
  if (!output) {
    void vscode.window.showWarningMessage(`Skewer: ${step.function} has no output to trace from.`);
    return;
  }
  const h = heavy();
  const trace = await h.traceRecord(result.run, { dataset: output.name, position: pos }, new h.RunFolderTraceSource(result.run.dir));
  SkewerPanel.show(deps.context.extensionUri, toTraceState(result, trace, `row ${pos} of ${h.stepLabelText(step)}`), result.run.cwd);
}
