/**
 * Facet JSON → model objects (code locations, schemas, stats, lineage and snapshot references,
 * datasets, fitted transformers). Fields of the wrong type are dropped, never trusted.
 */
import { int, isObject, type Json, num, numArray, obj, str, strArray } from './json';
import type {
  CodeLocation,
  ColumnOrigin,
  ColumnStats,
  DatasetRef,
  DatasetStats,
  FieldSchema,
  FittedTransformer,
  KeysRef,
  RowLineageRef,
  SnapshotRef,
} from './model';

export const PHASES = new Set(['train', 'serve', 'other']);
export const KINDS = new Set([
  'source', 'sink', 'project', 'select', 'map', 'join', 'concat', 'groupby', 'split', 'sample', 'sort', 'dedup',
  'reshape', 'fit', 'transform', 'fit_transform', 'predict', 'score', 'resample', 'cv', 'other',
]);
const LINEAGE_KINDS = new Set(['identity', 'select', 'join', 'concat', 'groupby', 'opaque']);
export const ROLES = new Set(['transformer', 'model', 'pipeline', 'sampler', 'other']);

export function codeLocation(v: unknown): CodeLocation | undefined {
  const o = obj(v);
  if (!o) return undefined;
  const file = str(o.file);
  const line = int(o.line);
  if (file === undefined || line === undefined) return undefined;
  const col = int(o.col) ?? 1;
  const loc: CodeLocation = { file, line, col, endLine: int(o.endLine) ?? line, endCol: int(o.endCol) ?? col };
  const cell = int(o.cell);
  if (cell !== undefined) loc.cell = cell;
  const code = str(o.code);
  if (code !== undefined) loc.code = code;
  const c = obj(o.constructedAt);
  const cf = str(c?.file);
  const cl = int(c?.line);
  if (c && cf !== undefined && cl !== undefined) {
    const at: NonNullable<CodeLocation['constructedAt']> = { file: cf, line: cl, col: int(c.col) ?? 1 };
    for (const k of ['cell', 'endLine', 'endCol'] as const) {
      const n = int(c[k]);
      if (n !== undefined) at[k] = n;
    }
    const cc = str(c.code);
    if (cc !== undefined) at.code = cc;
    loc.constructedAt = at;
  }
  return loc;
}

export function schemaOf(facets: Json | undefined): FieldSchema[] | undefined {
  const fields = obj(facets?.schema)?.fields;
  if (!Array.isArray(fields)) return undefined;
  const out: FieldSchema[] = [];
  for (const f of fields) if (isObject(f) && typeof f.name === 'string') out.push({ name: f.name, type: str(f.type) ?? '' });
  return out;
}

export function statsOf(facets: Json | undefined, schema: FieldSchema[] | undefined): DatasetStats | undefined {
  const s = obj(facets?.skewer_stats);
  if (s) {
    const columns: Record<string, ColumnStats> = {};
    for (const [name, c] of Object.entries(obj(s.columns) ?? {})) {
      if (isObject(c)) columns[name] = { ...c, dtype: str(c.dtype) ?? '', nulls: int(c.nulls) ?? 0 } as ColumnStats;
    }
    const stats: DatasetStats = { rowCount: int(s.rowCount) ?? 0, columns };
    const sampled = int(s.sampledRows);
    if (sampled !== undefined) stats.sampledRows = sampled;
    return stats;
  }
  // Standard OpenLineage data quality metrics (Spark, dbt, Great Expectations producers).
  const dq = obj(facets?.dataQualityMetrics);
  if (!dq) return undefined;
  const types = new Map((schema ?? []).map((f) => [f.name, f.type]));
  const columns: Record<string, ColumnStats> = {};
  for (const [name, m] of Object.entries(obj(dq.columnMetrics) ?? {})) {
    if (!isObject(m)) continue;
    const c: ColumnStats = { dtype: types.get(name) ?? '', nulls: int(m.nullCount) ?? 0 };
    const distinct = int(m.distinctCount);
    if (distinct !== undefined) c.distinct = distinct;
    const min = num(m.min);
    if (min !== undefined) c.min = min;
    const max = num(m.max);
    if (max !== undefined) c.max = max;
    columns[name] = c;
  }
  const rowCount = int(dq.rowCount);
  return rowCount === undefined && Object.keys(columns).length === 0 ? undefined : { rowCount: rowCount ?? 0, columns };
}

export function lineageOf(v: unknown): RowLineageRef | undefined {
  const o = obj(v);
  const kind = str(o?.kind);
  if (!o || !kind || !LINEAGE_KINDS.has(kind)) return undefined;
  const arrays: Record<string, string> = {};
  for (const [k, p] of Object.entries(obj(o.arrays) ?? {})) if (typeof p === 'string') arrays[k] = p;
  const ref: RowLineageRef = {
    kind: kind as RowLineageRef['kind'],
    inputs: strArray(o.inputs) ?? [],
    rowsIn: numArray(o.rowsIn) ?? [],
    rowsOut: int(o.rowsOut) ?? 0,
    arrays,
  };
  const gap = str(o.gap);
  if (gap !== undefined) ref.gap = gap;
  const method = str(o.method);
  if (method !== undefined) ref.method = method;
  const ambiguous = int(o.ambiguousRows);
  if (ambiguous !== undefined) ref.ambiguousRows = ambiguous;
  return ref;
}

export function snapshotOf(v: unknown): SnapshotRef | undefined {
  const o = obj(v);
  const uri = str(o?.uri);
  const format = str(o?.format);
  if (!o || uri === undefined || (format !== 'csv' && format !== 'arrow')) return undefined;
  const ref: SnapshotRef = {
    uri,
    format,
    rows: int(o.rows) ?? 0,
    totalRows: int(o.totalRows) ?? 0,
    sampled: o.sampled === true,
  };
  const positions = str(o.positions);
  if (positions !== undefined) ref.positions = positions;
  const idx = strArray(o.indexColumns);
  if (idx) ref.indexColumns = idx;
  const cols = strArray(o.columns);
  if (cols) ref.columns = cols;
  return ref;
}

export function keysOf(v: unknown): KeysRef | undefined {
  const o = obj(v);
  const columns = strArray(o?.columns);
  if (!o || !columns?.length) return undefined;
  const ref: KeysRef = { columns };
  const stored = strArray(o.stored);
  const uri = str(o.uri);
  const format = str(o.format);
  if (stored?.length && uri !== undefined && (format === 'csv' || format === 'arrow')) {
    ref.stored = stored;
    ref.uri = uri;
    ref.format = format;
    const rows = int(o.rows);
    if (rows !== undefined) ref.rows = rows;
  }
  return ref;
}

export function datasetOf(d: Json, output: boolean): DatasetRef {
  const ref: DatasetRef = { namespace: d.namespace as string, name: d.name as string };
  if (ref.namespace === 'skewer-mem') {
    const last = ref.name.slice(ref.name.lastIndexOf('/') + 1);
    const dot = last.lastIndexOf('.');
    if (dot >= 0) ref.port = last.slice(dot + 1);
  }
  const facets = obj(d.facets);
  const extra = obj(d[output ? 'outputFacets' : 'inputFacets']);
  const schema = schemaOf(facets);
  if (schema) ref.schema = schema;
  const stats = statsOf(facets, schema) ?? statsOf(extra, schema);
  if (stats) ref.stats = stats;
  const rowCount =
    int(obj(extra?.outputStatistics)?.rowCount) ??
    int(obj(facets?.skewer_stats)?.rowCount) ??
    int(obj(facets?.dataQualityMetrics)?.rowCount) ??
    int(obj(extra?.dataQualityMetrics)?.rowCount);
  if (rowCount !== undefined) ref.rowCount = rowCount;
  const origin = columnOriginOf(facets?.skewer_columnOrigin);
  if (origin) ref.columnOrigin = origin;
  if (output) {
    const lineage = lineageOf(extra?.skewer_rowLineage);
    if (lineage) ref.lineage = lineage;
    const snapshot = snapshotOf(extra?.skewer_snapshot);
    if (snapshot) ref.snapshot = snapshot;
    const keys = keysOf(extra?.skewer_keys);
    if (keys) ref.keys = keys;
  }
  return ref;
}

function columnOriginOf(v: unknown): ColumnOrigin | undefined {
  const o = obj(v);
  const of = str(o?.of);
  const columns = Array.isArray(o?.columns) ? (o.columns as unknown[]).map(int) : undefined;
  if (!o || of === undefined || !columns || columns.some((c) => c === undefined || c < 0)) return undefined;
  const out: ColumnOrigin = { of, columns: columns as number[] };
  for (const k of ['rowStart', 'rowStep', 'rows'] as const) {
    const n = int(o[k]);
    if (n !== undefined) out[k] = n;
  }
  return out;
}

export function fittedOf(v: unknown): FittedTransformer | undefined {
  const o = obj(v);
  const cls = str(o?.class);
  if (!o || cls === undefined) return undefined;
  const role = str(o.role);
  const f: FittedTransformer = {
    class: cls,
    method: str(o.method) ?? '',
    role: role && ROLES.has(role) ? (role as FittedTransformer['role']) : 'other',
    objectId: str(o.objectId) ?? '',
    params: obj(o.params) ?? {},
    learned: obj(o.learned) ?? {},
  };
  const fittedBy = str(o.fittedBy);
  if (fittedBy !== undefined) f.fittedBy = fittedBy;
  if (typeof o.fittedInRun === 'boolean') f.fittedInRun = o.fittedInRun;
  const nFit = int(o.nFitRows);
  if (nFit !== undefined) f.nFitRows = nFit;
  const nRows = int(o.nRows);
  if (nRows !== undefined) f.nRows = nRows;
  if (o.result !== undefined) f.result = o.result;
  if (Array.isArray(o.steps)) f.steps = o.steps.filter(isObject);
  return f;
}
