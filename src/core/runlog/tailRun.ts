/**
 * Live view of a run that is still being recorded. Each update() reads only the bytes
 * appended since the previous one (NdjsonTailer) and rebuilds the model from the lines kept
 * in memory: parsing is the expensive part of reading a run, building the model is cheap.
 * update() returns what readRun would return for the same bytes.
 */
import type { RunReadResult } from './model';
import { NdjsonTailer, type NdjsonRecord, TRUNCATED_LAST_LINE } from './ndjson';
import type { Problem } from './problem';
import { buildRun, locateRun, type ReadRunOptions, unreadableRun } from './readRun';

export interface RunTailUpdate extends RunReadResult {
  /** Complete lines read by this update. */
  appended: number;
  /** True when the events file shrank or was replaced and was read again from the start. */
  reset: boolean;
}

export class RunTail {
  private tailer?: NdjsonTailer;
  private records: NdjsonRecord[] = [];
  private lineProblems: Problem[] = [];

  constructor(
    readonly target: string,
    private readonly options: ReadRunOptions = {},
  ) {}

  async update(): Promise<RunTailUpdate> {
    const { location, problem } = await locateRun(this.target);
    if (problem) return { ...unreadableRun(location, problem), appended: 0, reset: false };
    if (!this.tailer || this.tailer.file !== location.eventsFile) this.tailer = new NdjsonTailer(location.eventsFile);
    let r;
    try {
      r = await this.tailer.poll();
    } catch (e) {
      const p: Problem = { severity: 'error', code: 'unreadable', file: location.eventsFile, message: `cannot read events: ${(e as Error).message}` };
      return { ...unreadableRun(location, p), appended: 0, reset: false };
    }
    if (r.reset) {
      this.records = [];
      this.lineProblems = [];
    }
    this.records.push(...r.records);
    this.lineProblems.push(...r.problems);
    const problems = [...this.lineProblems];
    // The tailer keeps a partial last line for later; report it the way readRun does.
    if (r.truncatedLastLine) {
      problems.push({ severity: 'warning', code: 'truncated-last-line', file: location.eventsFile, line: r.truncatedLastLine.line, message: TRUNCATED_LAST_LINE });
    }
    const built = await buildRun(location, this.records, problems, this.options);
    return { ...built, appended: r.records.length, reset: r.reset };
  }
}
