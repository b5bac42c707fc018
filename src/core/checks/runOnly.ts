/**
 * Leakage a recorded run shows by itself, whether or not the static analysis saw the code (a helper
 * imported from another module, code built at run time). Each rule scans one run's steps and returns
 * findings with source `run`, placed on the line the run's code location names, with the numbers.
 * The checks are the ones that confirm static findings (leakageChecks, targetCheck), asked of every
 * candidate step instead of the step at a static finding's line; snapshot rules are in splitContents.
 */
import { existsSync } from 'node:fs';
import { runName } from '../runlog/runName';
import * as path from 'node:path';
import type { Evidence, Finding, RelatedLocation, SourceLocation } from '../findings/finding';
import { ruleInfo } from '../findings/rules';
import type { Run, Step } from '../runlog/model';
import { KeyResolver, type KeyFileSource } from '../trace/keyValues';
import { datasetRows, descendantsOf, producerOf, propagateOrigins } from '../trace/propagate';
import {
  checkMultiTest, checkOverlap, checkTemporal, isEvaluation, isTransformerFit, originsFrom, preprocessingOf, type CheckContext,
} from './leakageChecks';
import { fmt, shortClass, where } from './matchRun';
import { identityRoot } from './rowSpace';
import { copiedRows, sharedEntities, sharedEntitiesByKey, splitSnapshots, topLevelSplits, type SplitSnapshots } from './splitContents';
import { checkTarget, modelFits, type SnapshotSource } from './targetCheck';

/**
 * The file a step ran in, absolute when it can be told: under the recording cwd when that file still
 * exists, else under the project a `.skewer/runs/<id>` folder sits in, else under `workspaceRoot`
 * (runs copied or committed elsewhere than they were recorded); the cwd's path when none exists.
 */
export function stepFile(run: Run, file: string, workspaceRoot: string | undefined, exists: (p: string) => boolean = existsSync): string | undefined {
  if (path.isAbsolute(file)) return file;
  // The recording cwd comes first while it lies in the project that holds the runs (a script run in its
  // own folder); runs copied into another project name that project's files.
  const project = path.dirname(path.dirname(path.dirname(run.dir)));
  const inProject = run.cwd !== undefined && !path.relative(project, run.cwd).startsWith('..') && !path.isAbsolute(path.relative(project, run.cwd));
  const bases = (inProject ? [run.cwd, project, workspaceRoot] : [project, workspaceRoot, run.cwd]).filter((b): b is string => !!b);
  for (const b of bases) {
    const p = path.resolve(b, file);
    if (exists(p)) return p;
  }
  return run.cwd ? path.resolve(run.cwd, file) : undefined;
}

/** A file a run names (relative to its cwd) as the caller names files: relative to `workspaceRoot` when inside it, else absolute. */
export function placeFile(run: Run, file: string, workspaceRoot: string | undefined): string {
  const abs = stepFile(run, file, workspaceRoot);
  if (!abs) return file.replace(/\\/g, '/');
  const rel = workspaceRoot ? path.relative(workspaceRoot, abs) : undefined;
  return (rel !== undefined && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).replace(/\\/g, '/');
}

/** Where a run finding is shown: the step's file as the caller names files (relative to `workspaceRoot` when inside it). */
export function stepLocation(run: Run, step: Step, workspaceRoot: string | undefined): SourceLocation | undefined {
  const l = step.location;
  if (!l) return undefined;
  return { file: placeFile(run, l.file, workspaceRoot), line: l.line, col: l.col, endLine: l.endLine, endCol: l.endCol, ...(l.cell !== undefined ? { cell: l.cell } : {}) };
}

export interface RuleContext extends CheckContext {
  workspaceRoot: string | undefined;
  /** Why a rule could not look at something (an unreadable side file), one sentence each. */
  notes: string[];
}

/** Split snapshots, or undefined with the reason noted when they exist but cannot be read. */
async function snapshotsOf(ctx: RuleContext, split: Step): Promise<SplitSnapshots | undefined> {
  const src = ctx.source as Partial<SnapshotSource>;
  if (typeof src.snapshot !== 'function') return undefined;
  const s = await splitSnapshots(split, src as SnapshotSource);
  if ('error' in s) {
    // Once per split: both snapshot rules read the same files, and either side may be the one that fails first.
    const prefix = `${runName(ctx.run)}, split #${split.seq}: `;
    if (!ctx.notes.some((n) => n.startsWith(prefix))) ctx.notes.push(prefix + s.error);
    return undefined;
  }
  return 'skip' in s ? undefined : s;
}

type Detector = (ctx: RuleContext) => Promise<Finding[]>;

function finding(ctx: RuleContext, ruleId: string, step: Step, message: string, evidence: Evidence, related: { step: Step; message: string }[] = []): Finding | undefined {
  const location = stepLocation(ctx.run, step, ctx.workspaceRoot);
  if (!location) return undefined;
  const rel: RelatedLocation[] = [];
  for (const r of related) {
    const loc = stepLocation(ctx.run, r.step, ctx.workspaceRoot);
    if (loc) rel.push({ location: loc, message: r.message });
  }
  return {
    ruleId, severity: ruleInfo(ruleId)?.defaultSeverity ?? 'warning', message, location, related: rel,
    evidence: { ...evidence, runId: ctx.run.runId }, fixes: [], source: 'run',
  };
}

const top = (run: Run) => run.steps.filter((s) => s.parentSeq === undefined);
const splitRelated = (run: Run, line: unknown) => {
  const split = typeof line === 'number' ? run.steps.find((s) => s.kind === 'split' && s.location?.line === line) : undefined;
  return split ? [{ step: split, message: 'split made here' }] : [];
};

/** leakage/preprocessing: a transformer fitted on rows that reach a test side. */
const preprocessing: Detector = async (ctx) => {
  const out: Finding[] = [];
  for (const step of top(ctx.run)) {
    if (!isTransformerFit(step)) continue;
    const conf = await preprocessingOf(step, ctx);
    if (conf.status !== 'confirmed') continue;
    const f = finding(ctx, 'leakage/preprocessing', step, `${conf.message} (${runName(ctx.run)})`, conf.evidence ?? {}, splitRelated(ctx.run, conf.evidence?.splitLine));
    if (f) out.push(f);
  }
  return out;
};

/** Steps that make copies of rows: oversampling, a concat of a frame with part of itself, a select that repeats rows. */
function duplicates(run: Run, step: Step): boolean {
  if (step.kind === 'resample' || step.kind === 'sample' || step.kind === 'select') return (step.rowsOut ?? 0) > (step.rowsIn[0] ?? Infinity);
  if (step.kind !== 'concat' || step.inputs.length < 2) return false;
  // Two inputs picked from the same frame.
  const roots = step.inputs.map((i) => sourceRoot(run, i.name));
  return new Set(roots).size < roots.length;
}

/** The dataset a chain of first inputs started from (a source read, or data no recorded step made). */
export function sourceRoot(run: Run, name: string): string {
  let cur = name;
  for (let guard = 0; guard <= run.steps.length; guard++) {
    const p = producerOf(run, cur);
    const next = p?.output.lineage?.inputs[0];
    if (!p || p.step.kind === 'source' || !next || !producerOf(run, next)) return cur;
    cur = next;
  }
  return cur;
}

/** leakage/overlap by lineage: copies of one recorded row on both sides of a split, at the step that copied it. */
const overlapByLineage: Detector = async (ctx) => {
  const out: Finding[] = [];
  const reported = new Set<number>();
  for (const step of top(ctx.run)) {
    if (!duplicates(ctx.run, step) || !step.outputs[0]) continue;
    const downstream = descendantsOf(ctx.run, step.outputs[0].name);
    const split = topLevelSplits(ctx.run).find((s) => s.seq > step.seq && s.inputs.some((i) => downstream.has(i.name)));
    if (!split || reported.has(split.seq)) continue;
    const conf = await checkOverlap([step], {} as Finding, ctx);
    if (conf.status !== 'confirmed') continue;
    reported.add(split.seq);
    const f = finding(ctx, 'leakage/overlap', step, `${step.function} copies rows before the split: ${conf.message}`, { method: 'lineage', ...conf.evidence }, [{ step: split, message: 'split made here' }]);
    if (f) out.push(f);
  }
  return out;
};

/** leakage/overlap by content: test rows identical to a training row although no recorded step copied them. */
const overlapByContent: Detector = async (ctx) => {
  const out: Finding[] = [];
  for (const split of topLevelSplits(ctx.run)) {
    const s = await snapshotsOf(ctx, split);
    if (!s) continue;
    // Origins in the data the split's rows were first read from, to leave out copies the lineage explains.
    // The same propagation the preprocessing and lineage-overlap checks use (cached per root), when it covers these outputs.
    const root = sourceRoot(ctx.run, split.inputs[0]?.name ?? '');
    const known = root && datasetRows(ctx.run, root) !== undefined;
    let prop = known ? await originsFrom(ctx, root).catch(() => undefined) : undefined;
    if (known && (!prop?.origins.has(s.train.ref.name) || !prop.origins.has(s.test.ref.name))) {
      prop = await propagateOrigins(ctx.run, root, ctx.source, { targets: [s.train.ref.name, s.test.ref.name] }).catch(() => undefined);
    }
    const lanes = { train: prop?.origins.get(s.train.ref.name), test: prop?.origins.get(s.test.ref.name) };
    const originOf = (side: 'train' | 'test', row: number) => {
      const lane = lanes[side];
      const pos = s[side].snap.positions[row];
      return lane && pos !== undefined && pos < lane.length ? lane[pos]! : -1;
    };
    const c = copiedRows(s, originOf);
    if (!c.copiedTestRows) continue;
    const sample = s.sampled ? ` of the ${fmt(c.testRows)} sampled` : ` of the ${fmt(c.testRows)}`;
    const f = finding(ctx, 'leakage/overlap', split,
      `${fmt(c.copiedTestRows)}${sample} test rows of the split at ${where(split)} are exact copies of training rows (all ${c.columns} columns equal): the data holds duplicated rows, which land on both sides (${runName(ctx.run)})`,
      { method: 'content-hash', rowsOnBothSides: c.copiedTestRows, testRows: c.testRows, sampled: s.sampled, splitLine: split.location?.line ?? null });
    if (f) out.push(f);
  }
  return out;
};

/** leakage/multi-test: several models evaluated on the same test rows; placed on the second model's evaluation. */
const multiTest: Detector = async (ctx) => {
  const out: Finding[] = [];
  const evals = top(ctx.run).filter(isEvaluation);
  const seen = new Set<string>();
  for (const first of evals) {
    const x = first.inputs[0];
    if (!x) continue;
    const key = identityRoot(ctx.run, x.name);
    if (seen.has(key)) continue;
    seen.add(key);
    const conf = await checkMultiTest([first], {} as Finding, ctx);
    if (conf.status !== 'confirmed') continue;
    const model = (s: Step) => `${s.fitted!.objectId}|${s.fitted!.fittedBy ?? ''}`;
    const second = evals.find((s) => s.seq > first.seq && model(s) !== model(first) && s.inputs[0] && identityRoot(ctx.run, s.inputs[0].name) === key) ?? first;
    const f = finding(ctx, 'leakage/multi-test', second, conf.message, conf.evidence ?? {}, second === first ? [] : [{ step: first, message: `${shortClass(first)} evaluated on the same rows here` }]);
    if (f) out.push(f);
  }
  return out;
};

const mentions = (code: string, column: string) => {
  const esc = column.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`["']${esc}["']|\\.${esc}\\b`).test(code);
};

/**
 * leakage/target by column lineage: a column added by code that reads the label (or a column computed
 * from it), which the model is then given as a feature. The recorded call line says which columns the
 * computation read; the snapshot after it gives the numbers (how well the feature predicts the label).
 */
const target: Detector = async (ctx) => {
  const out: Finding[] = [];
  const fits = modelFits(ctx.run);
  for (const fit of fits) {
    if (fit.features.includes(fit.label)) {
      const conf = await checkTarget([fit.step], {} as Finding, ctx);
      const f = finding(ctx, 'leakage/target', fit.step, conf.status === 'confirmed' ? conf.message : `${fit.step.function} is given its label column "${fit.label}" as a feature (${runName(ctx.run)})`, { label: fit.label, feature: fit.label });
      if (f) out.push(f);
    }
  }
  const reported = new Set<Step>();
  for (const fit of fits) {
    // Columns derived from the label, in step order, transitively.
    const derived = new Map<string, Step>();
    const from = new Set([fit.label]);
    for (const step of ctx.run.steps) {
      if (step.seq >= fit.step.seq || !step.columnsAdded.length || !step.location?.code) continue;
      const code = step.location.code;
      if (![...from].some((c) => mentions(code, c))) continue;
      for (const c of step.columnsAdded) {
        if (c === fit.label) continue;
        from.add(c);
        if (!derived.has(c)) derived.set(c, step);
      }
    }
    const named = fit.features.length > 0 && !fit.features.every((f, i) => f === String(i));
    for (const [column, step] of derived) {
      if (named && !fit.features.includes(column)) continue;
      if (reported.has(step)) continue;
      reported.add(step);
      const conf = await checkTarget([step], {} as Finding, ctx);
      const numbers = conf.evidence && conf.evidence.feature === column ? conf.evidence : { feature: column, label: fit.label };
      const data = conf.evidence && conf.evidence.feature === column && conf.status !== 'no-run' ? `; ${conf.message}` : '';
      const f = finding(ctx, 'leakage/target', step,
        `${column} is computed from the label "${fit.label}" (${where(step)} reads it) and ${named ? 'is among the features' : 'reaches the features'} ${shortClass(fit.step)} is fitted on at ${where(fit.step)}${data}`,
        { ...numbers, derivedFrom: fit.label }, [{ step: fit.step, message: 'model fitted here' }]);
      if (f) out.push(f);
    }
  }
  return out;
};

/** leakage/temporal: test rows earlier than training rows by a time column. */
const temporal: Detector = async (ctx) => {
  const out: Finding[] = [];
  for (const split of topLevelSplits(ctx.run)) {
    const conf = await checkTemporal([split], {} as Finding, ctx);
    if (conf.status !== 'confirmed') continue;
    const f = finding(ctx, 'leakage/temporal', split, conf.message, conf.evidence ?? {});
    if (f) out.push(f);
  }
  return out;
};

/** The run's key files, when the caller's source reads them (RunFolderTraceSource does). */
function keySource(ctx: RuleContext): KeyFileSource | undefined {
  const src = ctx.source as Partial<KeyFileSource>;
  return typeof src.keyTable === 'function' && typeof src.lineage === 'function' ? (src as KeyFileSource) : undefined;
}

/**
 * leakage/group: one entity (an id-like key column) with rows on both sides of a split. Counted over every
 * row from the key columns the recorder keeps (run-log §6a); from the split snapshots, which may be a sample,
 * when no key column reaches the split's outputs.
 */
const group: Detector = async (ctx) => {
  const out: Finding[] = [];
  const keys = keySource(ctx);
  const resolver = keys ? new KeyResolver(ctx.run, keys) : undefined;
  for (const split of topLevelSplits(ctx.run)) {
    let byKey: Awaited<ReturnType<typeof sharedEntitiesByKey>>;
    try {
      byKey = keys && resolver ? await sharedEntitiesByKey(ctx.run, split, keys, resolver) : undefined;
    } catch (e) {
      // A damaged key file: say so once, and count from the snapshots instead.
      ctx.notes.push(`${runName(ctx.run)}, split #${split.seq}: key columns unreadable (${(e as Error).message}); entities counted from the snapshots`);
    }
    if (byKey) {
      const e = byKey.entities;
      if (!e) continue;
      const f = finding(ctx, 'leakage/group', split,
        `${fmt(e.shared)} ${e.column} values (e.g. ${e.example}) have rows on both sides of the split at ${where(split)}: ${fmt(e.testRowsShared)} of ${fmt(byKey.testRows)} test rows belong to an entity the model trained on; split by ${e.column} (GroupShuffleSplit) (${runName(ctx.run)})`,
        { method: 'keys', column: e.column, entitiesOnBothSides: e.shared, trainEntities: e.trainEntities, testEntities: e.testEntities, testRowsShared: e.testRowsShared, testRows: byKey.testRows, sampled: false, splitLine: split.location?.line ?? null });
      if (f) out.push(f);
      continue;
    }
    const s = await snapshotsOf(ctx, split);
    if (!s) continue;
    const e = sharedEntities(s);
    if (!e) continue;
    const sample = s.sampled ? ' (in the sampled rows; record with --keys COLUMN to count every row)' : '';
    const f = finding(ctx, 'leakage/group', split,
      `${fmt(e.shared)} ${e.column} values (e.g. ${e.example}) have rows on both sides of the split at ${where(split)}${sample}: ${fmt(e.testRowsShared)} of ${fmt(s.test.snap.table.numRows)} test rows belong to an entity the model trained on; split by ${e.column} (GroupShuffleSplit) (${runName(ctx.run)})`,
      { method: 'snapshots', column: e.column, entitiesOnBothSides: e.shared, trainEntities: e.trainEntities, testEntities: e.testEntities, testRowsShared: e.testRowsShared, testRows: s.test.snap.table.numRows, sampled: s.sampled, splitLine: split.location?.line ?? null });
    if (f) out.push(f);
  }
  return out;
};

/** Leakage rules a train (or other) run is checked with; serving runs have no split to leak into. */
export const LEAKAGE_DETECTORS: Record<string, Detector> = {
  'leakage/preprocessing': preprocessing,
  'leakage/overlap': async (ctx) => [...(await overlapByLineage(ctx)), ...(await overlapByContent(ctx))],
  'leakage/multi-test': multiTest,
  'leakage/target': target,
  'leakage/temporal': temporal,
  'leakage/group': group,
};

/** Leakage findings of one run; a rule that fails on a damaged run is skipped, with the reason in `errors`. */
export async function leakageOfRun(ctx: RuleContext): Promise<Finding[]> {
  const errors = ctx.notes;
  if (ctx.run.phase === 'serve') return [];
  const out: Finding[] = [];
  for (const [rule, detect] of Object.entries(LEAKAGE_DETECTORS)) {
    try {
      out.push(...(await detect(ctx)));
    } catch (e) {
      errors.push(`${rule} on the ${runName(ctx.run)}: ${(e as Error).message ?? String(e)}`);
    }
  }
  return out;
}
