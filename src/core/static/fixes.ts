/**
 * Mechanical fixes, offered only when the code has the simple shape the edit is safe for.
 */
import type { Fix, SourceLocation, TextEdit } from '../findings/finding';
import type { DetectContext } from './detect';
import type { EvalEvent, Events, RefitEvent } from './events';
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

/** Name words of a class or a variable: `OneHotEncoder` → one, hot, encoder; `num_scaler` → num, scaler. */
function words(name: string): string[] {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}

/** Words that name a transformer of a kind (the last word of its class) in variable names and bundle keys. */
const KIND_WORDS: Record<string, string[]> = {
  scaler: ['scaler', 'scalers', 'sc', 'scale', 'scaling'],
  encoder: ['encoder', 'encoders', 'enc', 'ohe', 'onehot', 'encoding'],
  vectorizer: ['vectorizer', 'vectoriser', 'vectorizers', 'vec', 'vect', 'tfidf'],
  imputer: ['imputer', 'imputers', 'imp'],
  transformer: ['transformer', 'preprocessor', 'preprocessing', 'prep', 'ct'],
  // A loaded "pipeline" usually ends in the model (no transform): only preprocessing names qualify.
  pipeline: ['preprocessor', 'preprocessing', 'prep'],
  pca: ['pca', 'reducer'],
};
/** Words that name a model, not a transformer. */
const MODEL_WORDS = new Set(['model', 'models', 'clf', 'classifier', 'regressor', 'estimator', 'predictor', 'booster']);

/** The last name in an expression: `bundle["num_scaler"]` → num_scaler, `self.enc` → enc. */
function lastName(expr: string): string {
  const m = /(?:\.(\w+)|\[\s*(["'])(\w+)\2\s*\])$/.exec(expr);
  return m ? (m[1] ?? m[3]) : expr;
}

/** An expression that is valid wherever its root name is: names, attributes and string keys only. */
const PLAIN_ACCESS = /^[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[\s*(["'])\w+\1\s*\])*$/;

/**
 * `x.fit_transform(X)` at serving → `loaded.transform(X)`, where `loaded` is the fitted transformer
 * loaded from the training artifact: the receiver itself when it was loaded, otherwise the one
 * loaded artifact in scope named like the receiver's class (`scaler`, `bundle["scaler"]`,
 * `self.encoder`). Nothing fitted loaded (or several candidates): no fix, since calling
 * `transform` on a transformer constructed here would fail with NotFittedError.
 */
export function refitFix(ctx: DetectContext, r: RefitEvent): Fix[] {
  const subject = r.fitTransform;
  if (!subject) return [];
  const text = ctx.chunks[r.site.chunk].text;
  if (subject.receiverLoaded) {
    const at = text.lastIndexOf('fit_transform', subject.calleeTo);
    if (at < subject.calleeFrom) return [];
    return [{ title: 'Use transform with the loaded transformer', edits: [{ location: loc(ctx, r.site.chunk, at, at + 'fit_transform'.length), newText: 'transform' }], preferred: true }];
  }
  const cw = words(subject.cls);
  const kind = cw[cw.length - 1];
  if (!kind) return [];
  const accepted = new Set(kind === 'pipeline' ? KIND_WORDS.pipeline : [kind, ...(KIND_WORDS[kind] ?? [])]);
  const snake = cw.join('_');
  const matches = subject.loaded.filter(({ expr }) => {
    if (!PLAIN_ACCESS.test(expr)) return false;
    const name = lastName(expr);
    const w = words(name);
    if (w.some((x) => MODEL_WORDS.has(x))) return false;
    return w.some((x) => accepted.has(x)) || kind !== 'pipeline' && (name.toLowerCase() === snake || name.toLowerCase() === subject.cls.toLowerCase());
  });
  const distinct = [...new Set(matches.map((m) => m.est))];
  if (distinct.length !== 1) return [];
  // Shortest spelling of that object (a variable rather than the bundle key it came from).
  const use = matches.filter((m) => m.est === distinct[0]).sort((a, b) => a.expr.length - b.expr.length)[0].expr;
  return [{
    title: `Use the fitted transformer loaded from the artifact (${use}.transform)`,
    edits: [{ location: loc(ctx, r.site.chunk, subject.calleeFrom, subject.calleeTo), newText: `${use}.transform` }],
    preferred: true,
  }];
}
