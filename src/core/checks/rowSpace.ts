/**
 * Row-space helpers for run checks: where a dataset's rows come from (walking back through
 * operators that keep or pick rows) and which datasets of a run are the train and test sides.
 */
import type { Run, Step } from '../runlog/model';
import { ancestorsOf, producerOf, type LineageSource } from '../trace/propagate';
import { cellLabel } from '../cellNumbers';

/** First input of an identity lineage that another step produced (the same rows, same order). */
function identityParent(run: Run, name: string): string | undefined {
  const p = producerOf(run, name);
  const lin = p?.output.lineage;
  if (!lin || lin.kind !== 'identity') return undefined;
  return lin.inputs.find((i) => producerOf(run, i)) ?? undefined;
}

/** Oldest dataset with exactly the rows of `name` in the same order (through projections, maps, transforms). */
export function identityRoot(run: Run, name: string): string {
  let cur = name;
  for (let guard = 0; guard < run.steps.length + 1; guard++) {
    const next = identityParent(run, cur);
    if (!next || next === cur) break;
    cur = next;
  }
  return cur;
}

export interface RowRoot {
  /** Dataset the rows were traced back to. */
  root: string;
  /** Row of `root` each row of the start dataset is, or -1 (synthetic); absent when it is the identity. */
  map?: Int32Array;
}

/**
 * Walks back from `name` through identity and single-input select lineage (filters, samples, splits,
 * sorts) to the oldest dataset those rows were picked from, composing the positions on the way. Stops,
 * without error, at anything that builds new rows (join, concat, groupby), at gaps and at sources.
 */
export async function rowRoot(run: Run, name: string, source: LineageSource): Promise<RowRoot> {
  let cur = name;
  let map: Int32Array | undefined;
  for (let guard = 0; guard < run.steps.length + 1; guard++) {
    const p = producerOf(run, cur);
    const lin = p?.output.lineage;
    if (!p || !lin) break;
    if (lin.kind === 'identity') {
      const next = identityParent(run, cur);
      if (!next) break;
      cur = next;
      continue;
    }
    if (lin.kind !== 'select' || lin.inputs.length !== 1 || !producerOf(run, lin.inputs[0]!)) break;
    let pos: Int32Array | undefined;
    try {
      pos = (await source.lineage(p.output)).positions;
    } catch {
      break;
    }
    if (!pos || pos.length !== lin.rowsOut) break;
    const parentRows = lin.rowsIn[0] ?? Infinity;
    const next = map ? new Int32Array(map.length) : new Int32Array(pos.length);
    let ok = true;
    for (let i = 0; i < next.length; i++) {
      const j = map ? map[i]! : i;
      const v = j < 0 ? -1 : pos[j];
      if (v === undefined || v >= parentRows) {
        ok = false;
        break;
      }
      next[i] = v;
    }
    if (!ok) break;
    map = next;
    cur = lin.inputs[0]!;
  }
  return map ? { root: cur, map } : { root: cur };
}

const TEST_PORT = /(^|_)test$/i;
const TRAIN_PORT = /(^|_)train$/i;

export interface Side {
  /** The step that made the test side: a split, or the predict/score that alone used the data. */
  step: Step;
  line?: number;
  /** "the test split made at line 39" / "the data scored at line 30". */
  phrase: string;
  test: string[];
  train: string[];
}

const port = (name: string, p?: string) => p ?? name.split('.').pop() ?? '';
const at = (s: Step) => (s.location ? `${s.location.cell !== undefined ? ` in ${cellLabel(s.location.cell)}` : ''} at line ${s.location.line}` : '');

/**
 * Train/test sides of a run: every split's test and train ports; when the run has no split, the data
 * that was only ever predicted or scored (never fitted on) counts as the test side.
 */
export function splitSides(run: Run): Side[] {
  const sides: Side[] = [];
  for (const step of run.steps) {
    if (step.kind !== 'split') continue;
    const test = step.outputs.filter((o) => TEST_PORT.test(port(o.name, o.port))).map((o) => o.name);
    const train = step.outputs.filter((o) => TRAIN_PORT.test(port(o.name, o.port))).map((o) => o.name);
    if (test.length) sides.push({ step, ...(step.location ? { line: step.location.line } : {}), phrase: `the test split made${at(step)}`, test, train });
  }
  if (sides.length) return sides;
  const fitted = new Set<string>();
  for (const step of run.steps) {
    if (step.kind === 'fit' || step.kind === 'fit_transform' || step.kind === 'cv') for (const i of step.inputs) fitted.add(identityRoot(run, i.name));
  }
  for (const step of run.steps) {
    if ((step.kind !== 'predict' && step.kind !== 'score') || step.parentSeq !== undefined) continue;
    if (step.fitted?.role !== 'model' && step.fitted?.role !== 'pipeline') continue;
    const x = step.inputs[0];
    if (!x || fitted.has(identityRoot(run, x.name))) continue;
    sides.push({ step, ...(step.location ? { line: step.location.line } : {}), phrase: `the data scored${at(step)}`, test: [x.name], train: [] });
  }
  return sides;
}

/** An in-memory dataset no recorded operator produced (`<runId>/ext<k>`: built by hand, `df.values`, …). */
export const isExternal = (name: string) => /(^|\/)ext\d+$/.test(name);

/**
 * External datasets among the ancestors of `names`: where the recorder lost the rows' identity, so
 * "no row reaches X" cannot be claimed, only "no row reaches X through what was recorded".
 */
export function externalAncestors(run: Run, names: string[]): string[] {
  return [...ancestorsOf(run, names)].filter(isExternal);
}
