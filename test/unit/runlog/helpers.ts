/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON events read from disk are inspected field by field */
/** Shared helpers for run-log tests: the committed example runs and scratch copies of them. */
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

export const EXAMPLE_RUNS = path.resolve(__dirname, '../../../examples/.skewer/runs');

/** Run folders committed under examples/.skewer/runs (recorded by the Python recorder). */
export function exampleRunDirs(): string[] {
  if (!existsSync(EXAMPLE_RUNS)) throw new Error(`no example runs at ${EXAMPLE_RUNS} (record them with examples/record_all.sh)`);
  const dirs = readdirSync(EXAMPLE_RUNS)
    .map((id) => path.join(EXAMPLE_RUNS, id))
    .filter((d) => existsSync(path.join(d, 'events.ndjson')))
    .sort();
  if (dirs.length === 0) throw new Error(`no example runs in ${EXAMPLE_RUNS}`);
  return dirs;
}

export interface RawEvent {
  line: number;
  json: any;
}

/** The events file parsed independently of the reader (JSON.parse per line), for cross-checks. */
export function rawEvents(runDir: string): RawEvent[] {
  return readFileSync(path.join(runDir, 'events.ndjson'), 'utf8')
    .split('\n')
    .map((l, i) => ({ line: i + 1, text: l }))
    .filter((x) => x.text.trim() !== '')
    .map((x) => ({ line: x.line, json: JSON.parse(x.text) }));
}

/** The example run with the most operator events (the richest one to damage). */
export function richestExampleRun(): string {
  const dirs = exampleRunDirs();
  const count = (d: string) => rawEvents(d).length;
  return dirs.reduce((best, d) => (count(d) > count(best) ? d : best));
}

export class Scratch {
  readonly root = mkdtempSync(path.join(tmpdir(), 'skewer-runlog-'));

  /** Copies a run folder into the scratch root (or a folder below it); returns the copy's path. */
  copyRun(runDir: string, into = this.root): string {
    const to = path.join(into, path.basename(runDir));
    cpSync(runDir, to, { recursive: true });
    this.age(to);
    return to;
  }

  /** Back-dates the events file so the run does not count as "running". */
  age(runDir: string, seconds = 3600): void {
    const t = Date.now() / 1000 - seconds;
    utimesSync(path.join(runDir, 'events.ndjson'), t, t);
  }

  lines(runDir: string): string[] {
    return readFileSync(path.join(runDir, 'events.ndjson'), 'utf8').replace(/\n$/, '').split('\n');
  }

  writeLines(runDir: string, lines: string[], trailingNewline = true): void {
    writeFileSync(path.join(runDir, 'events.ndjson'), lines.join('\n') + (trailingNewline ? '\n' : ''));
    this.age(runDir);
  }

  dispose(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Small deterministic PRNG (mulberry32), so a fuzz failure can be replayed from its seed. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
