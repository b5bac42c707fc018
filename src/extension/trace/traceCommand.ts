import * as vscode from 'vscode';
import type { RunReadResult, Step } from '../../core/runlog/model';
import type { TraceResult, TraceStepResult } from '../../core/trace/trace';
import type { WorkerTraceSource } from '../../core/trace/workerSource';
import { ViewWorker } from '../../core/tables/viewClient';
import type { TraceDirection, TraceState } from '../../shared/protocol';
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
export function toTraceState(result: RunReadResult, trace: TraceResult, record: string, how?: Pick<TraceState, 'direction' | 'start'>): TraceState {
  const h = heavy();
  return {
    ...how,
    kind: 'trace',
    runId: result.run.runId,
    pipeline: result.run.pipeline,
    record,
    problems: trace.problems,
    ...(trace.rows ? { rows: trace.rows } : {}),
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

/** The tables worker that reads and searches source files for traces (its own: the data viewer's holds its tables). */
let worker: ViewWorker | undefined;

/** A trace session's source: source files searched and read in the tables worker, never on the extension host. */
export function traceSource(result: RunReadResult, onProgress?: (message: string) => void): WorkerTraceSource {
  return new (heavy().WorkerTraceSource)(result.run.dir, (worker ??= new ViewWorker()), onProgress);
}

export async function stopTraceWorker(): Promise<void> {
  const w = worker;
  worker = undefined;
  await w?.terminate();
}

/** Steps whose output snapshot a row can be picked from. */
function pickableSteps(result: RunReadResult): Step[] {
  return result.run.steps.filter((s) => s.outputs.some((o) => o.snapshot && !o.snapshot.unavailable));
}

export interface TraceInputItem {
  label: string;
  description?: string;
  detail?: string;
  /** Accepting it: fill the input with `column=` / trace this key / pick a row of this step. */
  pick?: { column: string } | { key: { column: string; value: string } } | { step: Step };
  alwaysShow?: boolean;
  separator?: boolean;
}

const KEY_INPUT = /^\s*([^=#]+?)\s*=\s*(.*?)\s*$/;

/**
 * What the Trace Record input offers for `text` (after the run is picked): without `=`, the key and id-like
 * columns (`patient_id=`, "key column, 400 distinct") and the steps to pick a row from; after `column=`, the typed
 * record and a few values of that column from the run's keys.
 */
export async function traceInputItems(result: RunReadResult, text: string, source: WorkerTraceSource): Promise<TraceInputItem[]> {
  const h = heavy();
  const m = KEY_INPUT.exec(text);
  if (m) {
    const column = m[1]!;
    const prefix = m[2]!.replace(/^(["'])(.*)\1$/, '$2');
    const known = h.keyColumnChoices(result.run).find((c) => c.column === column);
    const typed: TraceInputItem[] = prefix ? [{ label: `${column}=${prefix}`, description: 'trace this record', alwaysShow: true, pick: { key: { column, value: prefix } } }] : [];
    const values = await h.keyValueChoices(result.run, source, column, prefix, 8).catch(() => [] as string[]);
    return [
      ...typed,
      ...values.filter((v) => v !== prefix).map((v) => ({ label: `${column}=${v}`, description: known?.description ?? '', alwaysShow: true, pick: { key: { column, value: v } } })),
    ];
  }
  const columns = h.keyColumnChoices(result.run).map((c) => ({ label: `${c.column}=`, description: c.description, pick: { column: c.column } }));
  const steps = pickableSteps(result).map((s) => ({
    label: `${s.kind === 'source' ? '$(database) ' : ''}${h.stepLabelText(s)}`,
    description: [s.location ? `line ${s.location.line}` : '', h.rowsText(s)].filter(Boolean).join(' · '),
    detail: h.stepSnippet(s),
    pick: { step: s },
  }));
  return [
    ...(columns.length ? [{ label: 'look up a record by key: type column=value', separator: true }, ...columns] : []),
    ...(steps.length ? [{ label: 'or pick a row of a step', separator: true }, ...steps] : []),
  ];
}

type StartPick = { key: { column: string; value: string } } | { step: Step };

/** One input after the run: `column=value` with completion, or a step to pick a row of. */
async function pickStart(result: RunReadResult, source: WorkerTraceSource): Promise<StartPick | undefined> {
  type Item = vscode.QuickPickItem & { item?: TraceInputItem };
  const toItems = (items: TraceInputItem[]): Item[] =>
    items.map((i) => (i.separator ? { label: i.label, kind: vscode.QuickPickItemKind.Separator } : { label: i.label, description: i.description, detail: i.detail, alwaysShow: i.alwaysShow, item: i }));
  const qp = vscode.window.createQuickPick<Item>();
  const columns = heavy().keyColumnChoices(result.run);
  qp.title = `Trace Record in ${result.run.pipeline}: type column=value${columns.length ? ` (e.g. ${columns[0]!.column}=…)` : ''}, or pick a step to choose a row`;
  qp.placeholder = columns.length ? `${columns[0]!.column}=value, or a step` : 'a step to pick a row of';
  qp.matchOnDescription = true;
  // A step of a multi-step input: a webview or editor taking focus while it opens must not cancel the trace.
  qp.ignoreFocusOut = true;
  let version = 0;
  const refresh = async (text: string) => {
    const mine = ++version;
    qp.busy = true;
    const items = await traceInputItems(result, text, source).catch(() => [] as TraceInputItem[]);
    if (mine !== version) return;
    qp.items = toItems(items);
    qp.busy = false;
  };
  void refresh('');
  qp.onDidChangeValue((v) => void refresh(v));
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      const it = qp.selectedItems[0]?.item ?? qp.activeItems[0]?.item;
      const typed = KEY_INPUT.exec(qp.value);
      if (it?.pick && 'column' in it.pick) {
        qp.value = `${it.pick.column}=`;
        void refresh(qp.value);
        return;
      }
      const pick: StartPick | undefined = it?.pick && !('column' in it.pick) ? it.pick : typed && typed[2] ? { key: { column: typed[1]!, value: typed[2]! } } : undefined;
      if (!pick) return;
      resolve(pick);
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
 * Lists the snapshot's rows to pick from; typing "#123" traces row position 123 even if it was not sampled. For a
 * step that is not a source, "Trace Back to Source" switches the pick to tracing the row back to its source rows.
 */
async function pickPosition(step: Step, source: WorkerTraceSource): Promise<{ position: number; direction: TraceDirection } | undefined> {
  const h = heavy();
  const output = step.outputs.find((o) => o.snapshot && !o.snapshot.unavailable)!;
  let rows: { position: number; values: Record<string, string | null> }[] = [];
  try {
    rows = await source.rows(output, 500);
  } catch (e) {
    void vscode.window.showWarningMessage(`Skewer: cannot read the snapshot of ${h.stepLabelText(step)} (${step.function}): ${(e as Error).message}`);
  }
  const reversible = step.kind !== 'source';
  let direction: TraceDirection = 'forward';
  type Item = vscode.QuickPickItem & { position?: number; toggle?: boolean };
  const base: Item[] = rows.map((r) => ({
    label: `row ${r.position}`,
    description: Object.entries(r.values).slice(0, 6).map(([k, v]) => `${k}=${v ?? '∅'}`).join('  '),
    position: r.position,
  }));
  const qp = vscode.window.createQuickPick<Item>();
  qp.matchOnDescription = true;
  qp.ignoreFocusOut = true;
  const render = () => {
    const back = direction === 'backward';
    qp.title = `Trace Record: which row of ${h.stepLabelText(step)}?${back ? ' Traced back to the source rows it came from.' : ''} (type #N for any row position)`;
    const toggle: Item[] = reversible
      ? [{ label: back ? '$(arrow-right) Trace Forward Instead' : '$(arrow-left) Trace Back to Source…', description: back ? 'follow the row through the later steps' : 'pick a row, see the source rows it came from, with their values', toggle: true, alwaysShow: true }]
      : [];
    const m = /^#\s*(\d+)$/.exec(qp.value.trim());
    const total = output.rowCount;
    const byPos: Item[] = m && (total === undefined || Number(m[1]) < total) ? [{ label: `row ${m[1]}`, description: 'by position', position: Number(m[1]), alwaysShow: true }] : [];
    qp.items = [...byPos, ...toggle, ...base];
  };
  render();
  qp.onDidChangeValue(render);
  return new Promise((resolve) => {
    qp.onDidAccept(() => {
      const it = qp.selectedItems[0];
      if (it?.toggle) {
        direction = direction === 'forward' ? 'backward' : 'forward';
        render();
        return;
      }
      resolve(it?.position !== undefined ? { position: it.position, direction } : undefined);
      qp.hide();
    });
    qp.onDidHide(() => {
      resolve(undefined);
      qp.dispose();
    });
    qp.show();
  });
}

/** How long a lookup runs before its progress notification shows (a small run's trace would only flash it). */
const PROGRESS_AFTER_MS = 400;

/**
 * Runs `job`, with a cancellable progress notification once it takes longer than PROGRESS_AFTER_MS (lookups in big
 * source files take a while); undefined if cancelled.
 */
async function withProgress<T>(title: string, job: (report: (message: string) => void) => Promise<T>): Promise<T | undefined> {
  let last: string | undefined;
  let report = (message: string) => {
    last = message;
  };
  const running = job((message) => report(message));
  const quick = await Promise.race([running.then(() => true, () => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), PROGRESS_AFTER_MS))]);
  if (quick) return running;
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Skewer: ${title}`, cancellable: true }, async (progress, token) => {
    report = (message) => progress.report({ message });
    if (last) report(last);
    const cancelled = new Promise<undefined>((resolve) => token.onCancellationRequested(() => resolve(undefined)));
    return Promise.race([running, cancelled]);
  });
}

/** Traces one row of a step's output forward (re-found by key past lineage gaps) or back to its source rows. */
export async function traceRowOf(result: RunReadResult, step: Step, dataset: string, position: number, direction: TraceDirection, source?: WorkerTraceSource): Promise<TraceState | undefined> {
  const h = heavy();
  let ownSource: WorkerTraceSource | undefined;
  const record = `row ${position} of ${h.stepLabelText(step)}${direction === 'backward' ? ', back to its source' : ''}`;
  try {
    const trace = await withProgress(`tracing ${record}`, (report) => {
      const src = source ?? (ownSource = traceSource(result, report));
      return direction === 'backward' ? h.traceBackward(result.run, { dataset, position }, src) : h.traceRow(result.run, { dataset, position }, src);
    });
    if (!trace) return undefined;
    return toTraceState(result, trace, record, { direction, start: { dataset, position, reversible: step.kind !== 'source' } });
  } finally {
    void ownSource?.dispose();
  }
}

/**
 * Looks `column=value` up in the run (its source files and stored key columns) and traces the record forward.
 * Returns the state to show, or the message that says why there is none (no row, several rows — listed — or an
 * unreadable source). With `pickAmong`, several rows are offered to pick one from instead.
 */
export async function traceKeyQuery(
  result: RunReadResult,
  text: string,
  source: WorkerTraceSource,
  pickAmong?: (rows: { position: number; label: string; description: string }[], reason: string) => Promise<number | undefined>,
): Promise<TraceState | string | undefined> {
  const h = heavy();
  const q = h.parseKeyQuery(text);
  if (!q) return `"${text}" is not column=value (e.g. ${h.keyColumnChoices(result.run)[0]?.column ?? 'id'}=42)`;
  const r = await withProgress(`looking up ${q.column} = ${q.value}`, () => h.traceByKey(result.run, q.column, q.value, source));
  if (!r) return undefined;
  if (r.ok) return toTraceState(result, r.trace, `${q.column} = ${q.value}`, { direction: 'forward', start: { ...r.trace.start, reversible: false } });
  const why = r.lookup.problems.length && !r.reason.startsWith('cannot look up') ? `${r.reason} (${r.lookup.problems.join('; ')})` : r.reason;
  const amb = r.ambiguous;
  if (!amb || !pickAmong) return why;
  const rows = await Promise.all(
    amb.positions.slice(0, 200).map(async (p) => {
      const values = await (amb.step.kind === 'source' ? source.sourceRow(amb.step, p) : source.row(amb.step.outputs.find((o) => o.name === amb.dataset)!, p)).catch(() => undefined);
      return { position: p, label: `row ${p}`, description: values ? Object.entries(values).slice(0, 6).map(([k, v]) => `${k}=${v ?? '∅'}`).join('  ') : '' };
    }),
  );
  const chosen = await pickAmong(rows, why);
  if (chosen === undefined) return undefined;
  return traceRowOf(result, amb.step, amb.dataset, chosen, 'forward', source);
}

async function pickAmongRows(rows: { position: number; label: string; description: string }[], reason: string): Promise<number | undefined> {
  const picked = await vscode.window.showQuickPick(
    rows.map((r) => ({ ...r, description: r.description })),
    { title: `Skewer: ${reason.replace(/: pick one row$/, '')} — which one?`, placeHolder: 'the row to trace', matchOnDescription: true },
  );
  return picked?.position;
}

function show(deps: CommandDeps, result: RunReadResult, state: TraceState | string | undefined): void {
  if (typeof state === 'string') void vscode.window.showWarningMessage(`Skewer: ${state}`);
  else if (state) SkewerPanel.show(deps.context.extensionUri, state, result.run.cwd);
}

/**
 * "Skewer: Trace Record…": pick a run, then type `column=value` (completion on the run's key and id-like columns)
 * or pick a step and one of its rows (or come from the Runs view with a run or step, or the data viewer with a
 * row), then show that record's path through every later step — or, for a row of a later step, back to its source
 * rows — in the Skewer panel.
 */
export async function traceRecordCommand(deps: CommandDeps, node?: RunsNode, position?: number, direction: TraceDirection = 'forward'): Promise<void> {
  if (deps.runs.state === 'loading') await deps.runs.refresh();
  if (showPanelOrWelcome(deps, 1)) return;
  const result = node && node.kind !== 'group' ? node.result : await pickRun(deps);
  if (!result) return;
  const source = traceSource(result);
  try {
    let step = node?.kind === 'step' ? node.step : undefined;
    if (!step) {
      const start = await pickStart(result, source);
      if (!start) return;
      if ('key' in start) {
        show(deps, result, await traceKeyQuery(result, `${start.key.column}=${start.key.value}`, source, pickAmongRows));
        return;
      }
      step = start.step;
    }
    if (!pickableSteps(result).includes(step) && position === undefined) {
      void vscode.window.showWarningMessage(`Skewer: run ${result.run.runId} has no snapshot of ${heavy().stepLabelText(step)} to pick a record from (recorded with --snapshots off?); type column=value instead.`);
      return;
    }
    const picked = position !== undefined ? { position, direction } : await pickPosition(step, source);
    if (!picked) return;
    const output = step.outputs.find((o) => o.snapshot) ?? step.outputs[0];
    if (!output) {
      void vscode.window.showWarningMessage(`Skewer: ${step.function} has no output to trace from.`);
      return;
    }
    show(deps, result, await traceRowOf(result, step, output.name, picked.position, picked.direction, source));
  } finally {
    void source.dispose();
  }
}

/** The panel's Trace Back to Source / Trace Forward: the same start row, the other way. */
export async function traceRecordAtCommand(deps: CommandDeps, runId: string, dataset: string, position: number, direction: TraceDirection): Promise<void> {
  const result = deps.runs.findRun(runId);
  const step = result?.run.steps.find((s) => s.outputs.some((o) => o.name === dataset));
  if (!result || !step) {
    void vscode.window.showWarningMessage(`Skewer: run ${runId} is no longer in the Runs view.`);
    return;
  }
  show(deps, result, await traceRowOf(result, step, dataset, position, direction));
}
