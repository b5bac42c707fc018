/**
 * What a "column=value" input offers while the user types it (Trace Record…): the columns a record can be looked
 * up by, with what the run knows of them, and a few values of the typed column. Values come from the key columns
 * the recorder stored (every row) or, for an id-like column of a source that is not a key, from that source's
 * snapshot rows; the lookup itself (findKey) searches the whole source file.
 */
import type { Run } from '../runlog/model';
import { keyColumnCandidates } from './byKey';
import { KeyResolver } from './keyValues';
import { formatCell, sourceFileOf, type RunFolderTraceSource } from './source';

export interface KeyColumnChoice {
  column: string;
  /** "key column, 400 distinct" / "id-like column of visits.csv, 19 distinct". */
  description: string;
}

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;

/** The run's key columns first, then id-like columns of its sources; with their distinct counts where recorded. */
export function keyColumnChoices(run: Run): KeyColumnChoice[] {
  const keys = new Set(KeyResolver.columnsOf(run));
  return keyColumnCandidates(run).map((column) => {
    const src = run.steps.find((s) => s.kind === 'source' && s.outputs[0]?.schema?.some((f) => f.name === column));
    const distinct = run.steps.map((s) => s.outputs.find((o) => o.stats?.columns[column]?.distinct !== undefined)?.stats?.columns[column]?.distinct).find((d) => d !== undefined);
    const file = src && sourceFileOf(src);
    const what = keys.has(column) ? 'key column' : `id-like column${file ? ` of ${baseName(file)}` : ''}`;
    return { column, description: `${what}${distinct !== undefined ? `, ${distinct.toLocaleString('en-US')} distinct` : ''}` };
  });
}

/**
 * Up to `limit` distinct values of `column` starting with `prefix` (as typed, any case), in the order the data
 * holds them. Reads the first dataset that stores the column as a key, else source snapshots; [] when none does.
 */
export async function keyValueChoices(run: Run, source: RunFolderTraceSource, column: string, prefix: string, limit = 8): Promise<string[]> {
  const out = new Set<string>();
  const want = prefix.trim().toLowerCase();
  const take = (v: unknown) => {
    const s = formatCell(v);
    if (s !== null && s.toLowerCase().startsWith(want)) out.add(s);
    return out.size >= limit;
  };
  for (const s of run.steps) {
    for (const o of s.outputs) {
      if (!o.keys?.stored?.includes(column) || o.keys.unavailable) continue;
      const v = (await source.keyTable(o).catch(() => undefined))?.getChild(column);
      if (!v) continue;
      for (let i = 0; i < v.length; i++) if (take(v.get(i))) return [...out];
      if (out.size) return [...out];
    }
  }
  for (const s of run.steps) {
    const o = s.outputs[0];
    if (s.kind !== 'source' || !o?.snapshot || o.snapshot.unavailable || !o.schema?.some((f) => f.name === column)) continue;
    const rows = await source.rows(o, 5000).catch(() => []);
    for (const r of rows) if (take(r.values[column])) return [...out];
  }
  return [...out];
}
