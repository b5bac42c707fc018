/**
 * The real-notebook corpus manifests (test/real-eval/manifest-*.jsonl): one labelled public file per
 * line, named by repository, commit and path only. Parsing is strict so that a typo in a label never
 * turns into a silently wrong score: every problem names the manifest file and line.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Label kinds, in report order. The first three are the ASE'22 kinds; the rest are secondary. */
export const KINDS = ['preprocessing', 'overlap', 'multi-test', 'target', 'temporal', 'serving'] as const;
export type Kind = (typeof KINDS)[number];
export const PRIMARY_KINDS: readonly Kind[] = ['preprocessing', 'overlap', 'multi-test'];

/** `reserve`: labelled blind for a later round's holdout; never scored until a round names it holdout. */
export type Split = 'dev' | 'holdout' | 'reserve';

export interface ManifestEntry {
  id: string;
  repo: string;
  commit: string;
  path: string;
  kind: 'ipynb' | 'py';
  domain: string;
  split: Split;
  labels: Record<Kind, boolean>;
  /** 1-based line (within the .py, or within the cell for notebooks), per labelled kind. */
  lines: Partial<Record<Kind, number[]>>;
  /** 0-based cell position (code and markdown cells counted), parallel to `lines`, notebooks only. */
  cells: Partial<Record<Kind, number[]>>;
  notes: string;
  /** Where the entry came from, for messages: "<file>:<line>". */
  source: string;
}

export class ManifestError extends Error {}

const ID = /^[a-z][a-z0-9]*\d{3}$/;
const REPO = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const COMMIT = /^[0-9a-f]{40}$/;

function fail(where: string, msg: string): never {
  throw new ManifestError(`${where}: ${msg}`);
}

function str(o: Record<string, unknown>, key: string, where: string): string {
  const v = o[key];
  if (typeof v !== 'string' || v === '') fail(where, `"${key}" must be a non-empty string`);
  return v;
}

function positions(o: Record<string, unknown>, key: 'lines' | 'cells', where: string, min: number): Partial<Record<Kind, number[]>> {
  const v = o[key];
  if (v === undefined) return {};
  if (typeof v !== 'object' || v === null || Array.isArray(v)) fail(where, `"${key}" must be an object of kind -> number[]`);
  const out: Partial<Record<Kind, number[]>> = {};
  for (const [k, arr] of Object.entries(v)) {
    if (!(KINDS as readonly string[]).includes(k)) fail(where, `"${key}" has unknown kind "${k}" (known: ${KINDS.join(', ')})`);
    if (!Array.isArray(arr) || !arr.every((n) => Number.isInteger(n) && n >= min)) {
      fail(where, `"${key}.${k}" must be an array of integers >= ${min}`);
    }
    out[k as Kind] = arr as number[];
  }
  return out;
}

/** Parses one manifest line; `where` is "<file>:<line>". */
export function parseEntry(line: string, where: string): ManifestEntry {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch (e) {
    fail(where, `not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) fail(where, 'expected a JSON object');
  const o = raw as Record<string, unknown>;
  const id = str(o, 'id', where);
  if (!ID.test(id)) fail(where, `"id" ${JSON.stringify(id)} is not like "a001"`);
  const repo = str(o, 'repo', where);
  if (!REPO.test(repo)) fail(where, `"repo" ${JSON.stringify(repo)} is not "owner/name"`);
  const commit = str(o, 'commit', where);
  if (!COMMIT.test(commit)) fail(where, `"commit" must be 40 lowercase hex digits`);
  const file = str(o, 'path', where);
  if (file.startsWith('/') || file.split('/').includes('..')) fail(where, `"path" must be relative inside the repository`);
  const kind = str(o, 'kind', where);
  if (kind !== 'ipynb' && kind !== 'py') fail(where, `"kind" must be "ipynb" or "py"`);
  if (!file.toLowerCase().endsWith(`.${kind}`)) fail(where, `"kind" is "${kind}" but the path ends otherwise`);
  const split = str(o, 'split', where);
  if (split !== 'dev' && split !== 'holdout' && split !== 'reserve') fail(where, `"split" must be "dev", "holdout" or "reserve"`);
  const labelsRaw = o.labels;
  if (typeof labelsRaw !== 'object' || labelsRaw === null || Array.isArray(labelsRaw)) fail(where, '"labels" must be an object');
  const labels = {} as Record<Kind, boolean>;
  for (const k of KINDS) {
    const v = (labelsRaw as Record<string, unknown>)[k];
    if (typeof v !== 'boolean') fail(where, `"labels.${k}" must be true or false`);
    labels[k] = v;
  }
  for (const k of Object.keys(labelsRaw)) {
    if (!(KINDS as readonly string[]).includes(k)) fail(where, `"labels" has unknown kind "${k}"`);
  }
  const lines = positions(o, 'lines', where, 1);
  const cells = positions(o, 'cells', where, 0);
  for (const k of Object.keys(lines) as Kind[]) {
    if (!labels[k]) fail(where, `"lines.${k}" given but labels.${k} is false`);
    if (kind === 'ipynb' && (cells[k]?.length ?? -1) !== lines[k]!.length) fail(where, `notebook "cells.${k}" must pair one-to-one with "lines.${k}"`);
  }
  if (kind === 'py' && Object.keys(cells).length) fail(where, '"cells" is only for notebooks');
  const notes = typeof o.notes === 'string' ? o.notes : fail(where, '"notes" must be a string');
  return { id, repo, commit, path: file, kind, domain: str(o, 'domain', where), split, labels, lines, cells, notes, source: where };
}

/** Reads one manifest file; ids must be unique within it. */
export function readManifest(file: string): ManifestEntry[] {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ManifestError(`${file}: cannot read: ${(e as Error).message}`);
  }
  const out: ManifestEntry[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    out.push(parseEntry(line, `${path.basename(file)}:${i + 1}`));
  });
  return out;
}

/** Every manifest-*.jsonl in `dir` (sorted), with ids unique across all of them. */
export function readManifests(dir: string): ManifestEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /^manifest-.+\.jsonl$/.test(n)).sort();
  } catch (e) {
    throw new ManifestError(`${dir}: cannot list: ${(e as Error).message}`);
  }
  if (!names.length) throw new ManifestError(`${dir}: no manifest-*.jsonl files`);
  const all = names.flatMap((n) => readManifest(path.join(dir, n)));
  const seen = new Map<string, string>();
  for (const e of all) {
    const prev = seen.get(e.id);
    if (prev) throw new ManifestError(`${e.source}: id ${e.id} already used at ${prev}`);
    seen.set(e.id, e.source);
  }
  return all;
}

/** Where materialize.mjs puts the local copy of an entry. */
export function localCopy(cacheDir: string, e: Pick<ManifestEntry, 'id' | 'kind'>): string {
  return path.join(cacheDir, `${e.id}.${e.kind}`);
}
