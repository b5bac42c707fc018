/**
 * The rows of a trace: one per feature, whatever it is called at each step. A column is placed by its identity
 * (compare/featureIdentity.ts: the source column it came from and, for a one-hot column, its category), so
 * `tenure_months`, `num__tenure_months` (a ColumnTransformer's name) and `x1` (a scaler fitted on an array) are
 * one row, and a model's outputs are rows of their own ("proba 1", "prediction") that never share a row with a
 * feature named `1` because of a positional name.
 */
import { columnIdentities, featureKey, featureLabel, type ColumnIdentity } from '../compare/featureIdentity';
import type { DatasetRef, Run } from '../runlog/model';

/** One row of the trace table. */
export interface TraceRow {
  /** The row's label: the feature's name (`tenure_months`, `contract_month-to-month`), or a model output's ("proba 1"). */
  column: string;
  /** The other names the feature has in the traced steps' outputs (`num__tenure_months`, `x1`), in order of appearance. */
  names: string[];
}

/** Values of one output row, by trace row key, with the column name each had in that output. */
export type KeyedValues = Map<string, { name: string; value: string | null }>;

interface RowInfo {
  /** Candidate labels, best first. */
  label: string;
  /** A readable label was found (not the fallback `city=east`). */
  readable: boolean;
  group: string;
  category: boolean;
  order: number;
  names: string[];
}

/**
 * Keys output rows by feature for one trace, then labels the rows once every step is known (a one-hot feature is
 * `employment=salaried` behind a ColumnTransformer and `employment_salaried` where OneHotEncoder named it; the row
 * takes the readable name wherever it appears).
 */
export class FeatureRows {
  private readonly rows = new Map<string, RowInfo>();
  private readonly groups = new Map<string, number>();
  private readonly byOutput = new Map<string, Map<string, ColumnIdentity>>();

  constructor(private readonly run: Run) {}

  /**
   * The row key of each column of `output` that `values` (a snapshot row: column name → value) holds; `shown`:
   * the values go into the table (false for values only compared with, e.g. a start step's inputs).
   */
  key(output: DatasetRef, values: Record<string, string | null>, shown = true): KeyedValues {
    let ids = this.byOutput.get(output.name);
    if (!ids) {
      ids = new Map();
      for (const id of columnIdentities(this.run, output.name)) if (!ids.has(id.name)) ids.set(id.name, id);
      this.byOutput.set(output.name, ids);
    }
    const out: KeyedValues = new Map();
    for (const [name, value] of Object.entries(values)) {
      const id = ids.get(name);
      let key = id ? `${id.model ? 'm' : 'f'}:${featureKey(id)}` : `f:${name}`;
      // two columns of one output that are one feature (a passthrough beside its scaled copy): the second keeps its own name
      if (out.has(key)) key = `c:${name}`;
      if (out.has(key)) continue;
      out.set(key, { name, value });
      if (shown) this.see(key, name, id);
    }
    return out;
  }

  private see(key: string, name: string, id: ColumnIdentity | undefined): void {
    const label = id ? featureLabel(id) : name;
    const readable = !id || id.model === true || label !== featureKey(id) || id.category === undefined;
    const info = this.rows.get(key);
    if (!info) {
      const group = key.startsWith('f:') && id ? `f:${id.source}` : key;
      if (!this.groups.has(group)) this.groups.set(group, this.groups.size);
      this.rows.set(key, { label, readable, group, category: id?.category !== undefined, order: this.rows.size, names: [name] });
      return;
    }
    if (!info.readable && readable) Object.assign(info, { label, readable });
    if (!info.names.includes(name)) info.names.push(name);
  }

  /** Row key → label, unique within the trace. */
  labels(): Map<string, string> {
    const labels = new Map<string, string>();
    const taken = new Set<string>();
    for (const [key, info] of this.ordered()) {
      let label = info.label;
      if (taken.has(label)) label = key.slice(2);
      for (let n = 2; taken.has(label); n++) label = `${info.label} (${n})`;
      taken.add(label);
      labels.set(key, label);
    }
    return labels;
  }

  /** The rows in display order: by source column (in order of first appearance), its one-hot categories after it. */
  ordered(): [string, RowInfo][] {
    return [...this.rows].sort(([, a], [, b]) => this.groups.get(a.group)! - this.groups.get(b.group)! || Number(a.category) - Number(b.category) || a.order - b.order);
  }

  /** The trace's rows, labelled, in display order. */
  table(): TraceRow[] {
    const labels = this.labels();
    return this.ordered().map(([key, info]) => {
      const column = labels.get(key)!;
      return { column, names: info.names.filter((n) => n !== column) };
    });
  }
}
