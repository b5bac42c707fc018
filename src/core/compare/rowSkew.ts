/**
 * mismatch/row-skew: the same entity (by an id-like key column both runs read) reaching the model with
 * different feature values in the training run and the serving run, from the rows both runs' snapshots keep.
 * With transform replay: the training-fitted scaler applied to the serving run's raw values for that entity,
 * which tells a transform that differs (replayed = training's value) from raw data that differs (it does not).
 */
import { stepLocation } from '../checks/runOnly';
import type { Finding } from '../findings/finding';
import { ruleInfo } from '../findings/rules';
import { loadSnapshot } from '../runlog/snapshot';
import { KeyResolver, keyValueAt } from '../trace/keyValues';
import { RunFolderTraceSource } from '../trace/source';
import type { DatasetRef, Run } from '../runlog/model';
import { type ColumnIdentity, columnIdentities, featureKey, findDataset } from './featureIdentity';
import type { ModelSide, RunComparison } from './findings';
import { formatNumber } from './skew';

export interface RowSkewResult {
  findings: Finding[];
  /** Why the row-level comparison was not made (no shared key, lineage that does not map rows, no snapshots). */
  notes: string[];
}

const ID_LIKE = /(^id$|_id$|Id$|_key$)/;

interface SideRows {
  key: string;
  /** key value → feature key → value the model received. */
  features: Map<string, Map<string, number>>;
  /** key value → raw source column → value (numbers only). */
  raw: Map<string, Map<string, number>>;
  /** Key values of every model-input row (from the key columns kept for every row); absent without them. */
  all?: Set<string>;
}

/** Where the model input's rows come from: the source dataset at the end of the trail, if every step maps rows one to one. */
function sourceOf(run: Run, side: ModelSide): { source: DatasetRef; toSource: (p: number) => number } | string {
  const f: ColumnIdentity | undefined = side.features[0];
  if (!f) return 'no features';
  let start = 0, step = 1;
  for (const e of f.trail.slice(0, -1)) {
    const d = findDataset(run, e.dataset);
    if (d?.ref.columnOrigin) {
      start += (d.ref.columnOrigin.rowStart ?? 0) * step;
      step *= d.ref.columnOrigin.rowStep ?? 1;
    } else if (d?.step && d.ref.lineage?.kind !== 'identity') {
      return `${d.step.function} at line ${d.step.location?.line ?? '?'} does not keep rows one to one`;
    }
  }
  const end = findDataset(run, f.trail[f.trail.length - 1]!.dataset);
  if (!end) return 'the source dataset was not recorded';
  return { source: end.ref, toSource: (p) => start + p * step };
}

/**
 * Each model-input row's key value: from the first dataset along the feature's trail (model input first) whose
 * rows have `key` values (the key columns the recorder keeps for every row, run-log §6a), with the row mapping of
 * the positional slices in between. Undefined when no dataset on the trail has the key or a step between does not
 * keep rows one to one.
 */
async function keysOf(run: Run, side: ModelSide, key: string): Promise<((p: number) => string | null) | undefined> {
  const f: ColumnIdentity | undefined = side.features[0];
  if (!f || !KeyResolver.columnsOf(run).includes(key)) return undefined;
  const resolver = new KeyResolver(run, new RunFolderTraceSource(run.dir));
  let start = 0, step = 1;
  for (const e of f.trail) {
    const idx = await resolver.index(e.dataset, key).catch(() => undefined);
    if (idx) {
      const s0 = start, st = step;
      return (p) => {
        const i = s0 + p * st;
        return i >= 0 && i < idx.part.length ? keyValueAt(idx, i) : null;
      };
    }
    const d = findDataset(run, e.dataset);
    if (d?.ref.columnOrigin) {
      start += (d.ref.columnOrigin.rowStart ?? 0) * step;
      step *= d.ref.columnOrigin.rowStep ?? 1;
    } else if (d?.step && d.ref.lineage?.kind !== 'identity') {
      return undefined;
    }
  }
  return undefined;
}

function num(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

async function rowsOf(run: Run, side: ModelSide, key: string): Promise<SideRows | string> {
  const input = findDataset(run, side.dataset)?.ref;
  if (!input?.snapshot) return 'no snapshots were recorded';
  const keyed = await keysOf(run, side, key);
  const src = sourceOf(run, side);
  if (!keyed && typeof src === 'string') return src;
  const m = await loadSnapshot(run.dir, input);
  // Raw source values, for the replay: the source snapshot's rows (a sample), when the rows map one to one.
  const s = typeof src !== 'string' && src.source.snapshot ? await loadSnapshot(run.dir, src.source) : undefined;
  const keyCol = s?.table.getChild(key);
  if (!keyed && !keyCol) return `the source snapshot has no ${key} column`;
  const bySourceRow = new Map<number, number>();
  if (s) for (let i = 0; i < s.positions.length; i++) bySourceRow.set(s.positions[i]!, i);
  const features = new Map<string, Map<string, number>>();
  const raw = new Map<string, Map<string, number>>();
  const cols = side.features.map((f) => ({ k: featureKey(f), col: m.table.getChild(f.name) }));
  const rawCols = typeof src !== 'string' && s ? (src.source.schema ?? []).map((f) => ({ name: f.name, col: s.table.getChild(f.name) })) : [];
  for (let i = 0; i < m.positions.length; i++) {
    const p = m.positions[i]!;
    const j = typeof src !== 'string' ? bySourceRow.get(src.toSource(p)) : undefined;
    const id = keyed ? keyed(p) : j !== undefined ? String(keyCol!.get(j)) : null;
    if (id === null) continue;
    const vals = new Map<string, number>();
    for (const c of cols) {
      const v = num(c.col?.get(i));
      if (v !== undefined) vals.set(c.k, v);
    }
    features.set(id, vals);
    if (j === undefined) continue;
    const r = new Map<string, number>();
    for (const c of rawCols) {
      const v = num(c.col?.get(j));
      if (v !== undefined) r.set(c.name, v);
    }
    raw.set(id, r);
  }
  // Every model-input row's key, not only the snapshot's: which entities the run holds at all.
  let all: Set<string> | undefined;
  if (keyed && input.rowCount !== undefined) {
    all = new Set<string>();
    for (let p = 0; p < input.rowCount; p++) {
      const id = keyed(p);
      if (id !== null) all.add(id);
    }
  }
  return { key, features, raw, ...(all ? { all } : {}) };
}

/**
 * The key to match entities by: a key column both runs keep for every row (run-log §6a), else an id-like column
 * both runs' sources hold, unique in each (by their recorded statistics).
 */
function sharedKey(train: Run, serve: Run, t: ModelSide, s: ModelSide): string | undefined {
  const kept = new Set(KeyResolver.columnsOf(serve));
  const both = KeyResolver.columnsOf(train).filter((k) => kept.has(k));
  const cands = (run: Run, side: ModelSide) => {
    const f = side.features[0];
    const d = f && findDataset(run, f.trail[f.trail.length - 1]!.dataset)?.ref;
    const stats = d?.stats;
    if (!stats) return new Set<string>();
    return new Set((d?.schema ?? []).filter((c) => ID_LIKE.test(c.name) && stats.columns[c.name]?.distinct === (stats.sampledRows ?? stats.rowCount)).map((c) => c.name));
  };
  const a = cands(train, t), b = cands(serve, s);
  return both.find((k) => a.has(k) && b.has(k)) ?? both[0] ?? [...a].find((k) => b.has(k));
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** Row-level skew between the two runs of `comparison` (compareRunFindings' result). */
export async function rowSkewFindings(train: Run, serve: Run, comparison: RunComparison, workspaceRoot?: string): Promise<RowSkewResult> {
  const t = comparison.train, s = comparison.serve;
  if (!t || !s || comparison.unrelated) return { findings: [], notes: [] };
  const key = sharedKey(train, serve, t, s);
  if (!key) return { findings: [], notes: ['Row-level comparison: the two runs read no common id-like key column (unique in each).'] };
  const [a, b] = await Promise.all([rowsOf(train, t, key), rowsOf(serve, s, key)]);
  if (typeof a === 'string') return { findings: [], notes: [`Row-level comparison: the training run's model input cannot be mapped to ${key}: ${a}.`] };
  if (typeof b === 'string') return { findings: [], notes: [`Row-level comparison: the serving run's model input cannot be mapped to ${key}: ${b}.`] };
  const shared = [...b.features.keys()].filter((k) => a.features.has(k));
  // Entities in both runs over every row, when both runs keep the key for every row.
  const inBoth = a.all && b.all ? [...b.all].filter((k) => a.all!.has(k)).length : undefined;
  if (!shared.length) {
    return { findings: [], notes: [inBoth ? `Row-level comparison: ${inBoth} ${key} values are in both runs, but no snapshot of both runs kept one of them.` : `Row-level comparison: no ${key} is in both runs' recorded rows.`] };
  }
  // training's scaler parameters per feature, for the replay
  const scaler = train.steps.find((st) => st.fitted?.learned.mean_ && st.fitted.learned.scale_ && t.features.some((f) => f.trail.some((e) => e.seq === st.seq)));
  const params = new Map<string, { mean: number; scale: number }>();
  if (scaler) {
    const x = scaler.inputs.find((i) => i.namespace === 'skewer-mem');
    const ids = x ? columnIdentities(train, x.name) : [];
    const mean = scaler.fitted!.learned.mean_ as unknown[], sc = scaler.fitted!.learned.scale_ as unknown[];
    ids.forEach((id, i) => {
      if (typeof mean[i] === 'number' && typeof sc[i] === 'number' && sc[i]) params.set(featureKey(id), { mean: mean[i] as number, scale: sc[i] as number });
    });
  }
  const differing: string[] = [];
  const byFeature = new Map<string, number>();
  type Example = { id: string; feature: string; train: number; serve: number; replayed?: number };
  const examples: Example[] = [];
  for (const id of shared) {
    const fa = a.features.get(id)!, fb = b.features.get(id)!;
    let diff = false;
    for (const [k, v] of fb) {
      const w = fa.get(k);
      if (w === undefined || close(v, w)) continue;
      diff = true;
      byFeature.set(k, (byFeature.get(k) ?? 0) + 1);
      if (examples.length < 1000) {
        const p = params.get(k), rawV = b.raw.get(id)?.get(k);
        examples.push({ id, feature: k, train: w, serve: v, ...(p && rawV !== undefined ? { replayed: (rawV - p.mean) / p.scale } : {}) });
      }
    }
    if (diff) differing.push(id);
  }
  if (!differing.length) return { findings: [], notes: [] };
  const top = [...byFeature.entries()].sort((x, y) => y[1] - x[1]);
  // the most telling example: raw data that differs even under training's transform, else the first
  const ex = examples.find((e) => e.replayed !== undefined && !close(e.replayed, e.train)) ?? examples[0]!;
  const replay = ex.replayed === undefined
    ? ''
    : close(ex.replayed, ex.train)
      ? ` Training's scaler applied to this customer's serving values gives ${formatNumber(ex.replayed)}, the training value: the raw data agrees, the serving transform differs.`
      : ` Training's scaler applied to this customer's serving values gives ${formatNumber(ex.replayed)}, not the training value: the raw data itself differs.`;
  const producer = serve.steps.find((st) => st.seq === s.features[0]?.trail.find((e) => e.seq !== undefined)?.seq) ?? s.step;
  const location = stepLocation(serve, producer, workspaceRoot) ?? { file: serve.pipeline, line: 1, col: 1, endLine: 1, endCol: 1 };
  const finding: Finding = {
    ruleId: 'mismatch/row-skew',
    severity: ruleInfo('mismatch/row-skew')?.defaultSeverity ?? 'warning',
    message: `${differing.length} of ${shared.length} entities present in both runs (by ${key}${inBoth === undefined ? ', among the rows both runs recorded' : inBoth > shared.length ? `; ${inBoth} are in both runs, ${shared.length} of them with recorded model inputs on both sides` : ', every one of them'}) reach the model with different features: ${top.slice(0, 4).map(([k, n]) => `${k} (${n})`).join(', ')}. For ${key} ${ex.id}, ${ex.feature} is ${formatNumber(ex.serve)} at serving and ${formatNumber(ex.train)} in training.${replay}`,
    location,
    related: [],
    evidence: {
      key, entities: shared.length, ...(inBoth !== undefined ? { entitiesInBothRuns: inBoth } : {}), differing: differing.length, feature: ex.feature, entity: ex.id, training: ex.train, serving: ex.serve,
      ...(ex.replayed !== undefined ? { replayed: ex.replayed } : {}),
    },
    fixes: [],
    source: 'run',
  };
  return { findings: [finding], notes: [] };
}
