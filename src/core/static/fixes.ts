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
 * `X = sc.fit_transform(X)` (or `X = StandardScaler(...).fit_transform(X)`) before
 * `X_train, X_test, ... = train_test_split(X, ...)`: remove the fit line and fit on the training
 * split right after the split. Offered only for exactly this shape, at the same indentation, when
 * X is not read between the two statements (also across notebook cells).
 */
export function preprocessingFix(ctx: DetectContext, fit: Site, split: Split): Fix[] {
  if (fit.callers?.length || split.site.callers?.length) return [];
  if (split.site.chunk < fit.chunk || (split.site.chunk === fit.chunk && split.site.stmtFrom <= fit.stmtTo)) return [];
  const fitText = ctx.chunks[fit.chunk].text;
  const splitText = ctx.chunks[split.site.chunk].text;
  const fitStmt = fitText.slice(fit.stmtFrom, fit.stmtTo).trim();
  const m = /^(\w+)\s*=\s*(\w+|(?:\w+\.)*([A-Z]\w*)\((?:[^()]|\([^()]*\))*\))\.fit_transform\(\s*(\w+)\s*\)$/.exec(fitStmt);
  if (!m || m[1] !== m[4]) return [];
  const X = m[1];
  const ctor = m[3] !== undefined ? m[2] : undefined;
  const splitStmt = splitText.slice(split.site.stmtFrom, split.site.stmtTo).trim();
  const sm = /^(\w+)\s*,\s*(\w+)\s*,?[^=]*=\s*(?:\w+\.)*train_test_split\(\s*(\w+)\s*[,)]/.exec(splitStmt);
  if (!sm || sm[3] !== X) return [];
  const [, train, test] = sm;
  // X must not be read between the fit and the split (its value would change meaning).
  let between: string;
  if (fit.chunk === split.site.chunk) between = fitText.slice(fit.stmtTo, split.site.stmtFrom);
  else {
    between = fitText.slice(fit.stmtTo);
    for (let c = fit.chunk + 1; c < split.site.chunk; c++) between += '\n' + ctx.chunks[c].text;
    between += '\n' + splitText.slice(0, split.site.stmtFrom);
  }
  if (new RegExp(`\\b${X}\\b`).test(between)) return [];
  const indent = indentAt(fitText, fit.stmtFrom);
  if (indent !== indentAt(splitText, split.site.stmtFrom)) return [];
  let name = m[2];
  let setup = '';
  if (ctor) {
    // Name the inline transformer after its class (StandardScaler -> standard_scaler), avoiding clashes.
    name = m[3].replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
    const all = ctx.chunks.map((c) => c.text).join('\n');
    while (new RegExp(`\\b${name}\\b`).test(all)) name += '_';
    setup = `\n${indent}${name} = ${ctor}`;
  }
  const lineStart = fitText.lastIndexOf('\n', fit.stmtFrom - 1) + 1;
  let lineEnd = fitText.indexOf('\n', fit.stmtTo);
  lineEnd = lineEnd < 0 ? fitText.length : lineEnd + 1;
  const edits: TextEdit[] = [
    { location: loc(ctx, fit.chunk, lineStart, lineEnd), newText: '' },
    { location: loc(ctx, split.site.chunk, split.site.stmtTo, split.site.stmtTo), newText: `${setup}\n${indent}${train} = ${name}.fit_transform(${train})\n${indent}${test} = ${name}.transform(${test})` },
  ];
  return [{ title: `Fit ${ctor ? m[3] : name} on ${train} after the split`, edits, preferred: true }];
}

/**
 * `Xs = T.fit_transform(X)` then `cross_val_score(est, Xs, y, ...)`: drop the fit and cross-validate
 * `make_pipeline(T, est)` on X, so the transformer is refitted inside every fold. Only for that
 * exact shape (same cell, same indentation, Xs used by nothing else).
 */
export function pipelineFix(ctx: DetectContext, fit: Site, cv: Split): Fix[] {
  if (fit.callers?.length || cv.site.callers?.length || fit.chunk !== cv.site.chunk || cv.site.from <= fit.stmtTo) return [];
  const text = ctx.chunks[fit.chunk].text;
  const m = /^(\w+)\s*=\s*(\w+|(?:\w+\.)*[A-Z]\w*\((?:[^()]|\([^()]*\))*\))\.fit_transform\(\s*(\w+)\s*\)$/.exec(text.slice(fit.stmtFrom, fit.stmtTo).trim());
  if (!m) return [];
  const [, Xs, transformer, X] = m;
  const call = text.slice(cv.site.from, cv.site.to);
  const c = /^((?:\w+\.)*(?:cross_val_score|cross_validate|cross_val_predict)\(\s*)(\w+(?:\((?:[^()]|\([^()]*\))*\))?)(\s*,\s*)(\w+)\s*[,)]/.exec(call);
  if (!c || c[4] !== Xs) return [];
  // Xs must be used only by the cross-validation; X must not change in between.
  const rest = text.slice(fit.stmtTo).replace(call, '');
  if (new RegExp(`\\b${Xs}\\b`).test(rest) && Xs !== X) return [];
  if (new RegExp(`\\b${X}\\s*=`).test(text.slice(fit.stmtTo, cv.site.from))) return [];
  const lineStart = text.lastIndexOf('\n', fit.stmtFrom - 1) + 1;
  let lineEnd = text.indexOf('\n', fit.stmtTo);
  lineEnd = lineEnd < 0 ? text.length : lineEnd + 1;
  const argsFrom = cv.site.from + c[1].length;
  const argsTo = argsFrom + c[2].length + c[3].length + c[4].length;
  const edits: TextEdit[] = [
    { location: loc(ctx, fit.chunk, lineStart, lineEnd), newText: '' },
    { location: loc(ctx, fit.chunk, argsFrom, argsTo), newText: `make_pipeline(${transformer}, ${c[2]}), ${X}` },
  ];
  const all = ctx.chunks.map((ch) => ch.text).join('\n');
  if (!/\bmake_pipeline\b/.test(all.replace(call, ''))) {
    // import it at the top of the first chunk (after a leading docstring / comments is not needed for validity)
    edits.push({ location: loc(ctx, 0, 0, 0), newText: 'from sklearn.pipeline import make_pipeline\n' });
  }
  return [{ title: 'Fit the transformer inside each fold (make_pipeline)', edits, preferred: true }];
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
