/**
 * Mechanical fixes, offered only when the code has the simple shape the edit is safe for.
 */
import type { Fix, SourceLocation, TextEdit } from '../findings/finding';
import type { DetectContext } from './detect';
import type { EvalEvent, Events } from './events';
import { position } from './source';
import type { Site, Split } from './values';

function loc(ctx: DetectContext, chunkIndex: number, from: number, to: number): SourceLocation {
  const c = ctx.chunks[chunkIndex];
  const a = position(c.lineStarts, from), b = position(c.lineStarts, to);
  return { file: ctx.path, line: a.line, col: a.col, endLine: b.line, endCol: b.col, ...(c.cell !== undefined ? { cell: c.cell } : {}) };
}

function indentAt(text: string, from: number): string {
  const ls = text.lastIndexOf('\n', from - 1) + 1;
  return /^[ \t]*/.exec(text.slice(ls))![0];
}

/**
 * `X = sc.fit_transform(X)` before `X_train, X_test, ... = train_test_split(X, ...)`:
 * remove the fit line and fit on the training split after the split.
 */
export function preprocessingFix(ctx: DetectContext, fit: Site, split: Split): Fix[] {
  if (fit.callers?.length || split.site.callers?.length || fit.chunk !== split.site.chunk) return [];
  const text = ctx.chunks[fit.chunk].text;
  const fitStmt = text.slice(fit.stmtFrom, fit.stmtTo);
  const m = /^(\w+)\s*=\s*(\w+)\.fit_transform\(\s*(\w+)\s*\)$/.exec(fitStmt.trim());
  if (!m || m[1] !== m[3]) return [];
  const [, X, sc] = m;
  const splitStmt = text.slice(split.site.stmtFrom, split.site.stmtTo);
  const s = /^(\w+)\s*,\s*(\w+)\s*,?[^=]*=\s*(?:\w+\.)*train_test_split\(\s*(\w+)\s*[,)]/.exec(splitStmt.trim());
  if (!s || s[3] !== X || split.site.stmtFrom <= fit.stmtTo) return [];
  const [, train, test] = s;
  // X must not be read between the fit and the split (its value would change meaning).
  const between = text.slice(fit.stmtTo, split.site.stmtFrom);
  if (new RegExp(`\\b${X}\\b`).test(between)) return [];
  const indent = indentAt(text, fit.stmtFrom);
  if (indent !== indentAt(text, split.site.stmtFrom)) return [];
  const lineStart = text.lastIndexOf('\n', fit.stmtFrom - 1) + 1;
  let lineEnd = text.indexOf('\n', fit.stmtTo);
  lineEnd = lineEnd < 0 ? text.length : lineEnd + 1;
  const edits: TextEdit[] = [
    { location: loc(ctx, fit.chunk, lineStart, lineEnd), newText: '' },
    { location: loc(ctx, fit.chunk, split.site.stmtTo, split.site.stmtTo), newText: `\n${indent}${train} = ${sc}.fit_transform(${train})\n${indent}${test} = ${sc}.transform(${test})` },
  ];
  return [{ title: `Fit ${sc} on ${train} after the split`, edits, preferred: true }];
}

/** `model.score(X_train, y_train)` labelled as a test score → the test split's variables. */
export function trainAsTestFix(ctx: DetectContext, e: EvalEvent, ev: Events): Fix[] {
  const edits: TextEdit[] = [];
  for (const a of e.argNodes) {
    for (const sp of ev.splits) {
      const i = sp.names.indexOf(a.text);
      if (i >= 0 && i % 2 === 0 && sp.names[i + 1]) {
        edits.push({ location: loc(ctx, e.site.chunk, a.from, a.to), newText: sp.names[i + 1] });
        break;
      }
    }
  }
  if (!edits.length) return [];
  return [{ title: 'Score on the test split', edits, preferred: true }];
}

/** `enc.fit_transform(x)` at serving → `enc.transform(x)`. */
export function refitFix(ctx: DetectContext, site: Site): Fix[] {
  const text = ctx.chunks[site.chunk].text;
  const call = text.slice(site.from, site.to);
  const m = /\.fit_transform\s*\(/.exec(call);
  if (!m) return [];
  const from = site.from + m.index + 1;
  return [{ title: 'Use transform with the fitted transformer', edits: [{ location: loc(ctx, site.chunk, from, from + 'fit_transform'.length), newText: 'transform' }], preferred: true }];
}
