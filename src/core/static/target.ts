/**
 * Target leakage bookkeeping: which columns a feature matrix keeps, which frames hold the same
 * columns, and whether a column was computed (directly or through other derived columns) from the
 * label. Pure functions over the FrameMeta / FeatureSelection values the interpreter builds.
 */
import { columnMayBe, type DerivedColumn, type FeatureSelection, type FrameMeta, type Site } from './values';

/** The frame a chain of `assign`/`eval` copies started from. */
export function lineageRoot(f: FrameMeta): FrameMeta {
  let r = f;
  while (r.parent) r = r.parent;
  return r;
}

/** Two frames hold the same base columns (one is a copy of the other with extra columns). */
export function sameLineage(a: FrameMeta | undefined, b: FrameMeta | undefined): boolean {
  return !!a && !!b && (a === b || lineageRoot(a) === lineageRoot(b));
}

/** How `col` was computed as seen from `frame` (its own definition first, then its ancestors'). */
export function derivedColumn(frame: FrameMeta, col: string): DerivedColumn | undefined {
  for (let f: FrameMeta | undefined = frame; f; f = f.parent) {
    const d = f.derived.get(col);
    if (d) return d;
  }
  return undefined;
}

/** Whether `col` was last assigned a date's cyclic field (month, day of week) on `frame` or a frame it was copied from. */
export function cyclicColumn(frame: FrameMeta, col: string): boolean {
  for (let f: FrameMeta | undefined = frame; f; f = f.parent) {
    if (f.cyclicCols?.has(col)) return true;
    if (f.derived.has(col) || f.external?.has(col)) return false;
  }
  return false;
}

/** The column a get_dummies that kept every value made `label` from (`churn` for `churn_yes`), before `order`. */
export function labelDummy(frame: FrameMeta, label: string, order: number): { col: string; site: Site } | undefined {
  for (let f: FrameMeta | undefined = frame; f; f = f.parent) {
    for (const [col, at] of f.dummied ?? []) if (at.order < order && label !== col && label.startsWith(`${col}_`)) return { col, site: at.site };
  }
  return undefined;
}

/** Every derived column visible from `frame` (a child's definition hides its parent's). */
export function visibleDerived(frame: FrameMeta): Map<string, DerivedColumn> {
  if (!frame.parent) return frame.derived;
  const out = new Map(visibleDerived(frame.parent));
  for (const [c, d] of frame.derived) out.set(c, d);
  return out;
}

/**
 * True when the values of one of `sources` flow into `col` through derived columns. Lags
 * (`shift(1)`) are known when predicting, so a path through a lag does not count, unless
 * `throughLags` (a countdown label: its past values are its present value plus the lag).
 */
export function computedFrom(frame: FrameMeta, col: string, sources: string[], skip?: (d: DerivedColumn) => boolean, throughLags = false): boolean {
  const seen = new Set<string>();
  const walk = (c: string): boolean => {
    if (seen.has(c)) return false;
    seen.add(c);
    const d = derivedColumn(frame, c);
    if (!d || d.shift === 'past' && !throughLags || skip?.(d)) return false;
    for (const s of d.from) if (sources.includes(s) || throughLags && sources.includes(s.replace(/ \(lag \d+\)$/, '')) || walk(s)) return true;
    return false;
  };
  return walk(col);
}

/** The plain selections inside a (possibly side-by-side) feature matrix. */
export function selectionParts(feat: FeatureSelection): FeatureSelection[] {
  return feat.mode === 'union' ? (feat.parts ?? []).flatMap(selectionParts) : [feat];
}

/** True when a plain selection keeps column `c` ('@last': the frame's last column). */
export function keepsColumn(feat: FeatureSelection, c: string): boolean {
  if (feat.removedAtSelection.includes(c)) return false;
  switch (feat.mode) {
    case 'all': return true;
    case 'drop': return c !== '@last' && !feat.cols.includes(c);
    case 'union': return selectionParts(feat).some((p) => keepsColumn(p, c));
    case 'select': {
      const il = feat.cols.find((x) => x.startsWith('@iloc:'));
      if (il) {
        if (c !== '@last') return false;
        const spec = il.slice(6).trim();
        return spec === ':' || /^[^:,]*:\s*$/.test(spec);
      }
      // df.filter(like="f_") / df.filter(regex="^f\\d"): columns chosen by name pattern.
      // A column named by an expression in a loop (df[f"roll_{w}"]) is kept by a literal name it may take ("roll_7").
      const name = exprInstance(c);
      return feat.cols.some((x) => x === c || columnMayBe(c, x) || x.startsWith('@like:') && name.includes(x.slice(6)) || x.startsWith('@regex:') && regexMatches(x.slice(7), name));
    }
  }
}

const ID_LIKE = /(^|_)(id|key|index|idx|uuid)$|^unnamed/i;

/**
 * The label when `y` names no column: a feature matrix built by dropping exactly one non-id
 * column (`X = df.drop(columns=["id", "churned"])`) names it.
 */
export function labelFromDrop(feat: FeatureSelection): { frame: FrameMeta; label: string } | undefined {
  const drops = selectionParts(feat).filter((p) => p.mode === 'drop');
  if (drops.length !== 1) return undefined;
  const named = drops[0].cols.filter((c) => !ID_LIKE.test(c) && c !== '@last');
  return named.length === 1 ? { frame: drops[0].frame, label: named[0] } : undefined;
}

/** Identifiers an expression string reads (`df.eval("a * b + @k")` reads a and b, not the local k). */
export function evalIdentifiers(expr: string): string[] {
  const out: string[] = [];
  const re = /(@?)\b([A-Za-z_]\w*)\b(?!\s*\()/g;
  const stripped = expr.replace(/(["'])(?:\\.|(?!\1).)*\1/g, ' ');
  for (let m = re.exec(stripped); m; m = re.exec(stripped)) {
    if (m[1] || /^(and|or|not|in|is|if|else|True|False|None)$/.test(m[2])) continue;
    // attribute of a column (a.str, b.dt) is not a column
    if (stripped[m.index - 1] === '.') continue;
    if (!out.includes(m[2])) out.push(m[2]);
  }
  return out;
}

/** Attributes of a row (a pandas Series) that are not columns. */
const SERIES_ATTRS = /^(name|index|values|array|iloc|loc|at|iat|dtype|dtypes|shape|size|ndim|empty|str|dt|cat|T|axes|hasnans)$/;

/**
 * Columns a row-wise function reads from its row parameter: `row["a"]`, `row.get("a")`,
 * `row.a` (not `row.a(...)` method calls).
 */
export function rowColumns(body: string, param: string): string[] {
  const p = param.replace(/[^\w]/g, '');
  if (!p) return [];
  const out: string[] = [];
  const add = (c: string): void => { if (!out.includes(c)) out.push(c); };
  for (const m of body.matchAll(new RegExp(`\\b${p}\\s*\\[\\s*(["'])(.+?)\\1\\s*\\]`, 'g'))) add(m[2]);
  for (const m of body.matchAll(new RegExp(`\\b${p}\\.get\\(\\s*(["'])(.+?)\\1`, 'g'))) add(m[2]);
  for (const m of body.matchAll(new RegExp(`\\b${p}\\.([A-Za-z_]\\w*)\\b(?!\\s*\\()`, 'g'))) if (!SERIES_ATTRS.test(m[1])) add(m[1]);
  return out;
}

/** A name a column recorded by its expression may take (`@expr:f"roll_{w}"` → `roll_0`), for name patterns; other names as they are. */
function exprInstance(c: string): string {
  if (!c.startsWith('@expr:')) return c;
  const e = c.slice(6);
  const f = /^[rRbBuU]?[fF][rR]?(["'])(.*)\1$/.exec(e);
  if (f) return f[2].replace(/\{[^{}]*\}/g, '0');
  return e.split('+').map((p) => /^(["'])(.*)\1$/.exec(p)?.[2] ?? '0').join('');
}

function regexMatches(pattern: string, c: string): boolean {
  try { return new RegExp(pattern).test(c); } catch { return true; }
}
