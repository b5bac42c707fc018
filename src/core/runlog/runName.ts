/**
 * How a run is named in messages (findings, confirmations, notes): by its pipeline and start time, as the
 * Runs view lists it, not by its 36-character id. A run id is a UUIDv7, whose leading digits are its start
 * time (the same for runs recorded together), so when the start time is not known the short id is the id's
 * last seven digits, which are random.
 */
import type { Run } from './model';

const pad = (n: number) => String(n).padStart(2, '0');

/** Start time in local time: "14:03:07" for today's runs, "Nov 26 14:03" for older ones (the Runs view's label); else the run id. */
export function runStartLabel(startedAt: string | undefined, runId: string, now: Date = new Date(), seconds = false): string {
  const d = startedAt ? new Date(startedAt) : undefined;
  if (!d || Number.isNaN(d.getTime())) return runId;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (d.toDateString() === now.toDateString()) return `${time}:${pad(d.getSeconds())}`;
  return `${d.toLocaleString('en', { month: 'short' })} ${d.getDate()}${d.getFullYear() !== now.getFullYear() ? ` ${d.getFullYear()}` : ''} ${time}${seconds ? `:${pad(d.getSeconds())}` : ''}`;
}

/** The random end of a run id ("…7287835"), enough to tell runs apart and to find the run's folder. */
export function shortRunId(runId: string): string {
  const hex = runId.replace(/-/g, '');
  return /^[0-9a-f]{32}$/i.test(hex) ? `…${hex.slice(-7)}` : runId;
}

/**
 * "serve.py run of 14:03:07" (today), "serve.py run of Nov 26 14:03:07" (earlier), or "serve.py run …7287835"
 * when the run has no start time. Used as `in the ${runName(run)}`, `(${runName(run)})`.
 */
export function runName(run: Pick<Run, 'pipeline' | 'runId' | 'startedAt'>, now: Date = new Date()): string {
  const started = runStartLabel(run.startedAt, run.runId, now, true);
  return started === run.runId ? `${run.pipeline} run ${shortRunId(run.runId)}` : `${run.pipeline} run of ${started}`;
}
