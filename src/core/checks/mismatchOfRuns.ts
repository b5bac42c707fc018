/**
 * Train/serve mismatch findings of the serving runs (compare/findings.ts compareRunFindings), each
 * serving run compared with the training run that produced its model (`baseline` when the caller names
 * one, else pairServingRun: by model artifact, else same folder, else newest) and placed as the
 * leakage findings are (files resolved as the caller names them). Unrelated pipelines give a note, not findings.
 */
import * as path from 'node:path';
import { runName } from '../runlog/runName';
import { compareRunFindings } from '../compare/findings';
import { pairServingRun } from '../compare/pairing';
import { rowSkewFindings } from '../compare/rowSkew';
import type { SkewThresholds } from '../compare/skewTypes';
import type { Finding, SourceLocation } from '../findings/finding';
import type { Run } from '../runlog/model';
import { placeFile } from './runOnly';

/** compareRunFindings names files by `cwd` joined with the step's path; back to the run's own relative path. */
function relocate(run: Run, loc: SourceLocation, workspaceRoot: string | undefined): SourceLocation {
  let file = loc.file;
  if (run.cwd && path.isAbsolute(file)) {
    const rel = path.relative(run.cwd, file);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) file = rel;
  }
  return { ...loc, file: placeFile(run, file, workspaceRoot) };
}

export async function mismatchOfRuns(serve: Run, runs: Run[], options: { baseline?: Run; thresholds?: SkewThresholds; workspaceRoot?: string }, notes: string[]): Promise<Finding[]> {
  const pairing = options.baseline ? { train: options.baseline, by: 'baseline', reason: `compared with the training run given as baseline (${runName(options.baseline)}).` } : pairServingRun(serve, runs);
  if (!pairing) {
    notes.push(`The ${runName(serve)}: no training run to compare the serving run with; record the training script with --phase train`);
    return [];
  }
  const train = pairing.train;
  const cmp = compareRunFindings(train, serve, options.thresholds ? { thresholds: options.thresholds } : {});
  notes.push(`The ${runName(serve)} compared with the ${runName(train)}: ${pairing.reason}`);
  if (cmp.unrelated) {
    notes.push(cmp.unrelated);
    return [];
  }
  for (const p of cmp.problems) notes.push(`${serve.pipeline} vs ${train.pipeline}: ${p}`);
  // Row-level skew of entities in both runs (rowSkew.ts places its findings as the caller names files already).
  const rows = await rowSkewFindings(train, serve, cmp, options.workspaceRoot);
  for (const n of rows.notes) notes.push(`${serve.pipeline} vs ${train.pipeline}: ${n}`);
  const extra = { runId: serve.runId, trainRunId: train.runId, pairedBy: pairing.by };
  return [...cmp.findings.map((f) => ({
    ...f,
    location: relocate(serve, f.location, options.workspaceRoot),
    // Related places are in either run (the transformer fitted at training sits in the training script).
    related: f.related.map((r) => {
      const inTrain = train.cwd && path.isAbsolute(r.location.file) && !path.relative(train.cwd, r.location.file).startsWith('..');
      return { ...r, location: relocate(inTrain ? train : serve, r.location, options.workspaceRoot) };
    }),
    evidence: { ...f.evidence, ...extra },
  })), ...rows.findings.map((f) => ({ ...f, evidence: { ...f.evidence, ...extra } }))];
}
