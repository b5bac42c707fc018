/**
 * Pure text helpers for what the Runs sidebar, hovers and the CLI print about runs and steps.
 * Locale-independent on purpose: the same run renders the same text in CI and in the editor.
 */
import type { Run, RunStatus, Step } from './model';
import { formatCount } from './numbers';
import { stepLabelText } from './stepLabels';

export { formatCount };

/** "<0.1 ms", "0.4 ms", "12 ms", "1.2 s", "2 min 03 s", "1 h 02 min". */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '';
  if (ms < 0.1) return '<0.1 ms';
  if (ms < 1) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
  const totalS = Math.round(ms / 1000);
  if (totalS < 3600) return `${Math.floor(totalS / 60)} min ${String(totalS % 60).padStart(2, '0')} s`;
  const totalMin = Math.round(ms / 60_000);
  return `${Math.floor(totalMin / 60)} h ${String(totalMin % 60).padStart(2, '0')} min`;
}

/** What the step did, in words ("drop rows missing total_charges", "fit StandardScaler"; see stepLabels.ts); foreign (plain OpenLineage) steps keep their job name. */
export function stepLabel(step: Step): string {
  return stepLabelText(step);
}

/**
 * "rows 1,000 → 940"; joins and concats "rows 1,000 + 500 → 1,500"; splits "rows 1,000 → 800 | 200".
 * Only joins and concats combine their inputs; other steps take X (and y, which has the same rows),
 * so they show the first input and the outputs derived from it. Empty when nothing is known.
 */
export function rowsText(step: Step): string {
  const combines = step.kind === 'join' || (step.kind === 'concat' && step.lineage?.kind !== 'identity');
  let outputs = step.outputs;
  const first = step.inputs[0]?.name;
  if (!combines && first !== undefined) {
    const fromFirst = outputs.filter((o) => o.lineage?.inputs[0] === first);
    if (fromFirst.length > 0) outputs = fromFirst;
  }
  const outs = outputs.map((o) => o.rowCount).filter((n): n is number => n !== undefined);
  const ins = combines ? step.rowsIn : step.rowsIn.slice(0, 1);
  if (ins.length === 0 && outs.length === 0) return '';
  const left = ins.length ? ins.map(formatCount).join(' + ') : '?';
  if (outs.length === 0) return step.outputs.length === 0 ? `rows ${left}` : `rows ${left} → ?`;
  return `rows ${left} → ${outs.map(formatCount).join(' | ')}`;
}

function listNames(names: string[], max = 3): string {
  const shown = names.slice(0, max).join(', ');
  return names.length > max ? `${shown}, … (+${names.length - max})` : shown;
}

/** "+2 columns (a, b), −1 column (c)"; empty when the columns did not change (or are unknown). */
export function columnsText(step: Step): string {
  const parts: string[] = [];
  const plural = (n: number) => (n === 1 ? 'column' : 'columns');
  if (step.columnsAdded.length) parts.push(`+${step.columnsAdded.length} ${plural(step.columnsAdded.length)} (${listNames(step.columnsAdded)})`);
  if (step.columnsRemoved.length) parts.push(`−${step.columnsRemoved.length} ${plural(step.columnsRemoved.length)} (${listNames(step.columnsRemoved)})`);
  return parts.join(', ');
}

const STATUS_WORDS: Record<RunStatus, string> = {
  complete: 'complete',
  failed: 'failed',
  running: 'running',
  incomplete: 'incomplete (no end event)',
};

/** "failed: ValueError: …" / "running" / "incomplete (no end event)". */
export function statusText(x: Run | Step): string {
  const word = STATUS_WORDS[x.status];
  if (x.status === 'failed' && x.error) {
    const first = x.error.message.split('\n')[0]!;
    return `${word}: ${first.length > 120 ? `${first.slice(0, 119)}…` : first}`;
  }
  return word;
}

/** One line for a step: "fit StandardScaler · rows 1,000 → 1,000 · 3 ms". */
export function stepSummary(step: Step): string {
  const parts = [stepLabel(step), rowsText(step), columnsText(step), formatDuration(step.durationMs)];
  if (step.status !== 'complete') parts.push(statusText(step));
  return parts.filter((p) => p !== '').join(' · ');
}

/** One line for a run: "train · complete · 14 steps · 2.3 s" (plus "· 600 calls not recorded" when the recorder capped a loop). */
export function runSummary(run: Run): string {
  const steps = `${run.steps.length} ${run.steps.length === 1 ? 'step' : 'steps'}`;
  const skipped = run.skippedCalls ? `${formatCount(run.skippedCalls)} ${run.skippedCalls === 1 ? 'call' : 'calls'} not recorded` : '';
  return [run.isSkewer ? run.phase : 'openlineage', statusText(run), steps, formatDuration(run.durationMs), skipped].filter((p) => p !== '').join(' · ');
}
