/**
 * Column identity: for any dataset of a run (a step's output, or an `ext` input such as a numpy slice),
 * which source column each of its columns is, and for one-hot columns which category. Followed back through
 * the names the recorder writes: to_numpy/.values keep the frame's names, get_dummies writes `city_east`,
 * scikit-learn's get_feature_names_out writes `num__income` (ColumnTransformer), `x2` (fitted on an array)
 * or `x0_east` (OneHotEncoder on an array), and a numpy slice carries skewer_columnOrigin (its positions
 * in the array it was cut from). So a model input named `x0…x5` is compared by the columns it came from.
 */
import type { DatasetRef, Run, Step } from '../runlog/model';

export interface ColumnIdentity {
  /** The column's name in this dataset. */
  name: string;
  /** 0-based position in this dataset. */
  position: number;
  /** The source column: the name it has where the chain of recorded renames ends (e.g. read_csv's column). */
  source: string;
  /** For a one-hot column: the category it indicates (`city_east` → "east"). */
  category?: string;
  /** A model's output (a prediction, a class probability): `source` names it ("proba 1", "prediction"). */
  model?: true;
  /**
   * The chain back to the source, latest first: each dataset the column passed through, the step that
   * produced it (undefined for an `ext` input nobody recorded) and the column's name there. The last entry
   * holds the source column's raw values.
   */
  trail: { dataset: string; seq?: number; column: string }[];
}

/** "income", or "city=east" for a one-hot column: one label per feature, the same in every run. */
export function featureKey(id: Pick<ColumnIdentity, 'source' | 'category'>): string {
  return id.category === undefined ? id.source : `${id.source}=${id.category}`;
}

/**
 * A readable name for the feature: the first name along its trail that a person wrote or pandas made
 * (`income`, `city_east`), not a positional one (`x3`, `3`) or a transformer-prefixed one (`num__income`);
 * featureKey when there is none.
 */
export function featureLabel(id: ColumnIdentity): string {
  if (id.model) return id.source;
  for (const t of id.trail) {
    const c = t.column;
    if (/^x?\d+$/.test(c) || c.includes('__')) continue;
    if (id.category !== undefined && !c.endsWith(id.category)) continue; // the raw column, before it was encoded
    return c;
  }
  return featureKey(id);
}

interface Producer {
  ref: DatasetRef;
  step?: Step;
}

class RunIndex {
  readonly datasets = new Map<string, Producer>();
  readonly memo = new Map<string, ColumnIdentity[]>();
  constructor(run: Run) {
    for (const step of run.steps) {
      for (const o of step.outputs) this.datasets.set(o.name, { ref: o, step });
      // ext inputs (built by numpy, by hand) carry their schema on their first occurrence only
      for (const i of step.inputs) if (!this.datasets.has(i.name) && i.schema?.length) this.datasets.set(i.name, { ref: i });
    }
  }
}

const INDEX = new WeakMap<Run, RunIndex>();

function indexOf(run: Run): RunIndex {
  let ix = INDEX.get(run);
  if (!ix) INDEX.set(run, (ix = new RunIndex(run)));
  return ix;
}

/** The identity of each column of the dataset named `dataset` (an output or ext input of `run`); [] when unknown. */
export function columnIdentities(run: Run, dataset: string): ColumnIdentity[] {
  return resolve(indexOf(run), dataset, 0);
}

/** A dataset of the run by name: its reference (schema, stats) and the step that produced it, if recorded. */
export function findDataset(run: Run, dataset: string): { ref: DatasetRef; step?: Step } | undefined {
  return indexOf(run).datasets.get(dataset);
}

/** The identity of each column of a step's output (port name, default its first output). */
export function stepOutputIdentities(run: Run, step: Step, port?: string): ColumnIdentity[] {
  const out = port === undefined ? step.outputs[0] : step.outputs.find((o) => o.port === port);
  return out ? columnIdentities(run, out.name) : [];
}

const MAX_DEPTH = 200;

/** Whether `output` of `step` holds a model's outputs (predictions, probabilities, decision values), not features. */
export function isModelOutput(step: Step, output: DatasetRef): boolean {
  const port = output.port ?? output.name.split('.').pop();
  return step.kind === 'predict' || (step.kind === 'cv' && port === 'pred');
}

/**
 * The name of a model output column, after what it is rather than its position: "proba 1" (the probability of
 * class 1), "prediction" ("prediction <column>" when the model predicts several), "decision".
 */
export function modelOutputName(output: DatasetRef, column: string, width: number): string {
  const port = output.port ?? output.name.split('.').pop() ?? 'out';
  if (port === 'proba') return `proba ${column}`;
  const what = port === 'pred' ? 'prediction' : port;
  return width === 1 ? what : `${what} ${column}`;
}

function own(name: string, position: number, dataset: string, seq: number | undefined): ColumnIdentity {
  return { name, position, source: name, trail: [{ dataset, ...(seq !== undefined ? { seq } : {}), column: name }] };
}

function resolve(ix: RunIndex, dataset: string, depth: number): ColumnIdentity[] {
  const hit = ix.memo.get(dataset);
  if (hit) return hit;
  const p = ix.datasets.get(dataset);
  const names = (p?.ref.schema ?? []).map((f) => f.name);
  const seq = p?.step?.seq;
  const step = p?.step;
  const here = (name: string, position: number, parent: ColumnIdentity | undefined, category?: string): ColumnIdentity => {
    if (!parent) return own(name, position, dataset, seq);
    const cat = category ?? parent.category;
    return {
      name,
      position,
      source: parent.source,
      ...(cat !== undefined ? { category: cat } : {}),
      trail: [{ dataset, ...(seq !== undefined ? { seq } : {}), column: name }, ...parent.trail],
    };
  };
  let out: ColumnIdentity[];
  if (depth > MAX_DEPTH || !p) {
    out = names.map((n, i) => own(n, i, dataset, seq));
  } else if (step && isModelOutput(step, p.ref)) {
    // a model's outputs are new values, not its input columns, even when as many and named 0, 1, … like them
    out = names.map((n, i) => ({ ...own(n, i, dataset, seq), source: modelOutputName(p.ref, n, names.length), model: true as const }));
  } else if (p.ref.columnOrigin) {
    // a numpy view: column j of the view is column columns[j] of the array it was cut from
    const parent = resolve(ix, p.ref.columnOrigin.of, depth + 1);
    out = names.map((n, j) => here(n, j, parent[p.ref.columnOrigin!.columns[j]!]));
  } else if (step) {
    out = fromStep(ix, step, names, depth, here);
  } else {
    out = names.map((n, i) => own(n, i, dataset, seq));
  }
  ix.memo.set(dataset, out);
  return out;
}

type Here = (name: string, position: number, parent: ColumnIdentity | undefined, category?: string) => ColumnIdentity;

function fromStep(ix: RunIndex, step: Step, names: string[], depth: number, here: Here): ColumnIdentity[] {
  const inputs = step.inputs.filter((i) => i.namespace === 'skewer-mem').map((i) => resolve(ix, i.name, depth + 1));
  const first = inputs[0] ?? [];
  const byName = new Map<string, ColumnIdentity>();
  for (const ids of inputs) for (const id of ids) if (!byName.has(id.name)) byName.set(id.name, id);
  const outNames = new Set(names);
  // columns an encoder replaced: input columns that are gone from the output (get_dummies drops what it encodes)
  const encoded = first.filter((id) => !outNames.has(id.name)).sort((a, b) => b.name.length - a.name.length);
  const sep = typeof step.args?.prefix_sep === 'string' ? step.args.prefix_sep : '_';
  const isDummies = step.function === 'get_dummies';
  const numericNames = names.length > 0 && names.every((n) => /^\d+$/.test(n));
  const sameWidthUnnamed = numericNames && first.length === names.length && !isDummies;

  const oneHot = (n: string, pool: ColumnIdentity[], separator: string): [ColumnIdentity, string] | undefined => {
    for (const e of pool) if (n.startsWith(e.name + separator) && n.length > e.name.length + separator.length) return [e, n.slice(e.name.length + separator.length)];
    return undefined;
  };
  const viaName = (n: string, i: number): ColumnIdentity | undefined => {
    const same = byName.get(n);
    if (same && !(isDummies && encoded.includes(same))) return here(n, i, same);
    if (isDummies) {
      // a Series encoded without prefix: every output column is a category of it
      if (first.length === 1 && encoded.length === 1) {
        const hit = oneHot(n, encoded, sep);
        return here(n, i, encoded[0], hit ? hit[1] : n);
      }
      const hit = oneHot(n, encoded, sep);
      return hit ? here(n, i, hit[0], hit[1]) : undefined;
    }
    return undefined;
  };
  const viaSklearn = (n: string, i: number): ColumnIdentity | undefined => {
    // ColumnTransformer / FeatureUnion: "<transformer>__<inner name>"
    const dunder = n.indexOf('__');
    const inner = dunder > 0 ? n.slice(dunder + 2) : n;
    const direct = byName.get(inner);
    if (direct) return here(n, i, direct);
    // fitted on an array: "x3" is input column 3, "x0_east" is category "east" of input column 0
    const xm = /^x(\d+)(?:_(.*))?$/s.exec(inner);
    if (xm) {
      const parent = first[Number(xm[1])];
      if (parent) return here(n, i, parent, xm[2]);
    }
    // OneHotEncoder on a frame: "<column>_<category>"
    const hit = oneHot(inner, [...first].sort((a, b) => b.name.length - a.name.length), '_');
    return hit ? here(n, i, hit[0], hit[1]) : undefined;
  };
  return names.map((n, i) => {
    const id = viaName(n, i) ?? (step.library !== 'pandas' ? viaSklearn(n, i) : undefined);
    if (id) return id;
    // an unnamed array as wide as the input (an imputer or scaler without feature names): position i is input i
    if (sameWidthUnnamed) return here(n, i, first[i]);
    return here(n, i, undefined);
  });
}
