/**
 * Abstract interpreter over the lezer syntax tree. It runs the statements of a file (or of the
 * notebook cells in order) once, loops twice (so loop-carried model choices show up as distinct
 * versions), inlines calls to functions and methods defined in the document, and records the
 * events the leakage and mismatch detectors need. It never throws on odd code: unknown things
 * become unknown values. Library semantics: library.ts; shared state and taints: dataflow.ts.
 */
import type { SyntaxNode } from '@lezer/common';
import { LABEL_NAME, SCORE_FUNCTIONS, SERVING_FUNCTION, TEST_NAME, TIME_COLUMN, TRAIN_NAME, VAL_NAME, isMetricFunction } from './knowledge';
import { columnMayBe, covers, mapList, isTestSide, lastSide, testSetKey, unionKeys, unionList,
  type ClassV, type ConstV, type DataV, type DupEvent, type EstV, type FitEvent, type FnV, type FrameMeta, type IdxV, type ModV, type ObjV, type RowKey, type ScalarV, type SeqV, type Side, type Site, type Split, type Val,
} from './values';
import { Budget, FUTURE_SHIFT, NO_ARGS, SLIDING_WINDOWS, SORTED_BY_TIME, Scope, weakTime, type Args } from './dataflow';
import { LibrarySemantics, shuffledSplitter, timeBlindSplitter, windowDups } from './library';
import type { LoadedModule } from './modules';
import { nameUses, wordCount, type RunMagic } from './source';
import type { EvalEvent } from './events';
import { derivedColumn, rowColumns, sameLineage } from './target';
import {
  child, constStrings, firstExpr, isSubscript, isExpr, labelText, lastExpr, lastPart, leafNames, stringsIn, stripRows, subscriptString, topLevelComma,
  unquote, withVarying,
} from './syntax';

/** A selection by a list of names the analysis could not read (df[feature_cols] built elsewhere): it keeps none it can name. */
const UNKNOWN_NAMES = '@names';
/** `range(len(X))` / `range(X.shape[0])`: every position of X, once each. */
const PER_POSITION = /^range\(\s*(?:len\(\s*([A-Za-z_][\w.]*)\s*\)|([A-Za-z_][\w.]*)\.shape\[0\])\s*\)$/;
/** A variable named as a list of column names (feature_cols, features, names). */
const COLUMN_LIST_NAME = /(^|_)(col|cols|columns|feat|feats|features|feature_names|names|order)$/i;

/** A name that says predictions or scores, not labels (y_test_pred, test_y_hat, y_test_proba). */
const PRED_WORD = /pred|hat|prob|score|out/i;

/** Keywords that hand data to a training call; a literal `**dict` carrying them is read as written. */
const HANDS_DATA_KW = new Set(['dtrain', 'train_set', 'evals', 'valid_sets', 'eval_set', 'validation_data']);

export type { InterpreterOptions } from './dataflow';

/** Attributes of a Series or Categorical that a column of that name would be shadowed by. */
const SERIES_ATTRS = /^(codes|categories|ordered|array|hasnans|is_unique|is_monotonic|is_monotonic_increasing|is_monotonic_decreasing)$/;
/** The accessor of a column just cast to a category dtype whose categories are those found in the rows (`.astype("category").cat`). */
const CATEGORY_CODES = /\.astype\(\s*(?:dtype\s*=\s*)?["']category["']\s*\)\s*\.\s*cat$/;
/** An unseeded uniform draw per row compared with a fraction: a random row mask. */
const RANDOM_MASK = /^\s*(?:np|numpy)\.random\.(?:rand|random|random_sample|uniform)\s*\((?:[^()]|\([^()]*(?:\([^()]*\))?[^()]*\))*\)\s*(?:<=?|>=?)\s*0?\.\d+\s*$/;
/** Attributes of a pandas frame that are not columns (`df.columns = [...]` renames, it writes no column). */
const FRAME_ATTRS = new Set(['columns', 'index', 'name', 'names', 'shape', 'dtypes', 'values', 'T', 'loc', 'iloc', 'at', 'iat', 'attrs', 'flags', 'style', 'plot', 'str', 'dt', 'cat', 'axes', 'size', 'ndim', 'empty']);

/** Per-column statistics of a column alone (no second column, no label): as a column mask they filter, label-free. */
const UNARY_COLUMN_STAT = /^(?:np\.)?(?:nan)?(?:mean|std|var|nunique|count|sum|min|max|median|skew|kurt|kurtosis|ptp)$/;
/** Statistics that relate a column to another (the label): a mask of them picks columns by relevance. */
const RELATING_STAT = new Set(['corr', 'corrwith', 'cov', ...SCORE_FUNCTIONS]);
/** A mask reduced over a matrix of column pairs (`(c.abs() > .9).any()`, `np.triu`): a label-free collinearity screen (g021). */
const PAIRWISE_STAT = new Set(['corr', 'cov']);
const PAIRWISE_MASK = /\.(?:any|all)\s*\(|\b(?:triu|tril)\b/;

/** `df.match_id.isin(ids)` / `df["match_id"].isin(ids)`, whitespace removed: a row mask by whole values of one column. */
const ISIN_MASK = /^~?[A-Za-z_]\w*(?:\.[A-Za-z_]\w*|\[(['"])[^'"]+\1\])\.isin\([^()]*\)$/;

export class Interpreter extends LibrarySemantics {
  run(): void {
    try {
      // Chunks of modules followed into are appended while running: run the document's own.
      const own = this.chunks.length;
      for (let i = 0; i < own; i++) {
        this.enterChunk(i);
        this.execTop(i);
      }
      // Functions nobody calls (route handlers, serving entry points, helpers used elsewhere):
      // run each once with unknown arguments so their bodies are checked too.
      // One instance per class serves all of its uncalled methods.
      const instances = new Map<ClassV, ObjV>();
      const fittedBefore = this.events.modelFits.length > 0;
      this.events.calledCounts = { evals: this.events.evals.length, trainEvals: this.events.trainEvals.length, splits: this.events.splits.length };
      this.runningUncalled = true;
      // A plain function that another uncalled function calls by name (a pipeline run by a route handler)
      // runs at that call, with the arguments it is given there, not once more on its own first.
      // Each plain function's body is read once for the names it calls (not once per pair).
      const pending = this.fns.filter((fn) => !fn.called);
      const calls = new Map(pending.filter((g) => !g.cls).map((g) => [g, new Set([...this.t(g.node).matchAll(/(?<![\w.])([A-Za-z_]\w*)(?=\s*\()/g)].map((m) => m[1]))]));
      const callsIt = (fn: FnV) => !fn.cls && [...calls].some(([g, names]) => g !== fn && g.chunk === fn.chunk && names.has(fn.name));
      const later = new Set(pending.filter(callsIt));
      for (const fn of [...pending.filter((f) => !later.has(f)), ...later]) {
        if (fn.called) continue;
        fn.called = true;
        this.enterChunk(fn.chunk);
        let self: ObjV | undefined;
        if (fn.cls) {
          self = instances.get(fn.cls);
          if (!self) { self = this.instantiate(fn.cls, NO_ARGS, null); instances.set(fn.cls, self); }
        }
        this.enterChunk(fn.chunk);
        this.uncalledMethodOfTrainer = !!fn.cls && fittedBefore;
        this.runningUnreferenced = this.unreferenced(fn);
        this.unreferencedPredicts = this.runningUnreferenced && /\.predict\w*\s*\(/.test(this.t(fn.node));
        this.callFunction(fn, NO_ARGS, null, self);
        this.uncalledMethodOfTrainer = false;
        this.runningUnreferenced = false;
        this.unreferencedPredicts = false;
      }
      this.runningUncalled = false;
    } catch (e) {
      if (e instanceof Budget) this.partial = true;
      else throw e;
    }
    this.settleServing();
  }

  /** A chunk's top-level statements, with the files its `%run` lines name run where they stand. */
  protected execTop(i: number): void {
    const top = this.trees[i].topNode;
    const runs = this.chunks[i].runs;
    if (!runs?.length || !this.opts.modules) { this.execBlock(top); return; }
    let r = 0;
    for (let c = top.firstChild; c; c = c.nextSibling) {
      while (r < runs.length && runs[r].from < c.from) this.runMagic(i, runs[r++]);
      this.execStmt(c);
    }
    while (r < runs.length) this.runMagic(i, runs[r++]);
  }

  // ---------- the project's own modules ----------

  /** Modules of the project run so far, by path (memoised; a module being run is already here, as in Python). */
  private moduleRecs = new Map<string, ModV>();
  /** How deep in followed files the code running now is (0: the document). */
  protected moduleDepth = 0;
  private runningFiles = new Set<string>();

  /** The function runs a model it is given (`model(**inputs)`, `model.predict(x)`) and takes no labels: it predicts. Memoised per function. */
  private modelParamRuns = new WeakMap<FnV, boolean>();
  protected runsModelParam(f: FnV): boolean {
    let r = this.modelParamRuns.get(f);
    if (r === undefined) {
      // Read from the function's own chunk (it may be defined in another cell than the call).
      const src = this.chunks[f.chunk].text;
      const txt = (x: SyntaxNode): string => src.slice(x.from, x.to);
      const params = child(f.node, 'ParamList');
      const names = params ? [...txt(params).matchAll(/\b(\w*(?:model|net|clf|estimator|regressor|classifier)\w*)\b/gi)].map((m) => m[1]) : [];
      const body = child(f.node, 'Body');
      const text = body ? txt(body) : '';
      // With no label among its parameters (get_score(text, tokenizer, model)): nothing to score the output against.
      const labelParam = params ? /\b(y|y_\w+|\w+_y|labels?|targets?|truth|\w*true\w*|actuals?|gold)\b/i.test(txt(params)) : false;
      r = !labelParam && names.some((nm) => new RegExp(`\\b${nm}\\s*(?:\\(|\\.\\s*(?:predict\\w*|forward|generate)\\s*\\()`).test(text));
      this.modelParamRuns.set(f, r);
    }
    return r;
  }

  protected fileOf(chunk: number): string { return this.chunks[chunk].file ?? this.opts.path ?? ''; }

  /** `import dotted` (with `level` leading dots) when it names a file of the project: its namespace, run once. */
  protected importModule(dotted: string, level: number, site: Site): ModV | undefined {
    const loader = this.opts.modules;
    if (!loader) return undefined;
    for (const p of loader.candidates(this.fileOf(this.chunkIndex), dotted, level)) {
      const known = this.moduleRecs.get(p);
      if (known) return known;
      if (this.moduleDepth >= MAX_MODULE_DEPTH) return undefined;
      const mod = loader.load(p);
      if (!mod) continue;
      const v: ModV = { k: 'mod', q: dotted.split('.').pop() || mod.label.replace(/\/__init__\.py$|\.py$/, '').split('/').pop() || 'module', ns: new Scope() };
      this.moduleRecs.set(p, v);
      this.runModule(mod, v.ns as Scope, site);
      return v;
    }
    return undefined;
  }

  /** `%run file` (IPython): the file runs here, in the document's namespace. */
  protected runMagic(chunk: number, r: RunMagic): void {
    const loader = this.opts.modules;
    if (!loader || this.moduleDepth >= MAX_MODULE_DEPTH) return;
    const site: Site = { chunk, from: r.from, to: r.to, stmtFrom: r.from, stmtTo: r.to, ...(this.callers.length ? { callers: this.callers } : {}) };
    try {
      if (r.module) {
        const m = this.importModule(r.target, 0, site);
        if (m?.ns) for (const [k, v] of m.ns.vars) this.curGlobal.set(k, v);
        return;
      }
      for (const p of loader.runCandidates(this.fileOf(chunk), r.target)) {
        if (this.runningFiles.has(p)) return;
        const mod = loader.load(p);
        if (!mod) continue;
        this.runModule(mod, this.curGlobal, site);
        return;
      }
    } finally {
      this.enterChunk(chunk);
    }
  }

  /** Runs a file of the project in `ns` (its module namespace, or the document's for `%run`); what it does is placed at `site`. */
  protected runModule(mod: LoadedModule, ns: Scope, site: Site): void {
    if (mod.base === undefined) {
      mod.base = this.chunks.length;
      this.chunks.push(...mod.chunks);
      this.trees.push(...mod.trees);
    }
    const savedChunk = this.chunkIndex, savedScope = this.scope, savedGlobal = this.curGlobal, savedStmt = this.stmt, savedCallers = this.callers;
    const savedReturns = this.returns, savedTargets = this.targets, savedGlobals = this.globalNames;
    this.scope = ns; this.curGlobal = ns; this.callers = [...this.callers, site];
    this.returns = null; this.targets = []; this.globalNames = null;
    this.moduleDepth++;
    this.runningFiles.add(mod.path);
    try {
      for (let i = 0; i < mod.chunks.length; i++) {
        this.enterChunk(mod.base + i);
        this.execTop(mod.base + i);
      }
    } finally {
      this.runningFiles.delete(mod.path);
      this.moduleDepth--;
      this.scope = savedScope; this.curGlobal = savedGlobal; this.stmt = savedStmt; this.callers = savedCallers;
      this.returns = savedReturns; this.targets = savedTargets; this.globalNames = savedGlobals;
      this.enterChunk(savedChunk);
    }
  }

  /** `import a.b.c` (bound to `a`) or `import a.b.c as m` (bound to the leaf) of project files. */
  protected importBinding(q: string, site: Site, alias: boolean): ModV | undefined {
    if (!this.opts.modules) return undefined;
    const leaf = this.importModule(q, 0, site);
    const parts = q.split('.');
    if (alias || parts.length === 1) return leaf;
    if (!leaf) return undefined;
    // Python runs the packages on the way (their __init__.py) and binds the first name.
    let cur: ModV | undefined;
    let top: ModV | undefined;
    for (let i = 1; i <= parts.length; i++) {
      const name = parts.slice(0, i).join('.');
      const m = i === parts.length ? leaf : this.importModule(name, 0, site) ?? { k: 'mod', q: name, ns: new Scope() };
      if (cur?.ns) cur.ns.set(parts[i - 1], m);
      else top = m;
      cur = m;
    }
    return top;
  }

  protected execBlock(n: SyntaxNode): void {
    for (let c = n.firstChild; c && !this.returnedSurely; c = c.nextSibling) this.execStmt(c);
  }

  /**
   * The running call has reached a `return` that surely runs (the branch of a condition known true, as `if label:`
   * when the helper is given the label's name): the statements after it (a second `return X`) do not run.
   */
  protected returnedSurely = false;

  protected execStmt(n: SyntaxNode): void {
    this.tick();
    const prevStmt = this.stmt;
    if (n.name !== 'Body' && n.name !== 'StatementGroup') this.stmt = n;
    try {
      switch (n.name) {
        case 'AssignStatement': this.execAssign(n); break;
        case 'UpdateStatement': this.execUpdate(n); break;
        case 'ExpressionStatement': case 'PrintStatement':
          for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) this.ev(c);
          break;
        case 'YieldStatement': this.execYield(n); break;
        case 'ReturnStatement': {
          // `return a, b` is a tuple: evaluate every element (each may fit or split something).
          const exprs: SyntaxNode[] = [];
          for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) exprs.push(c);
          const e = lastExpr(n);
          const v = exprs.length > 1 ? { k: 'seq' as const, items: exprs.map((x) => this.ev(x)) } : e ? this.ev(e) : undefined;
          if (v) this.noteDummiesUse(v, true);
          if (this.returns && v) this.returns.push(v);
          break;
        }
        case 'ForStatement': this.execFor(n); break;
        case 'WhileStatement': this.execWhile(n); break;
        case 'IfStatement': this.execIf(n); break;
        case 'TryStatement': this.execTry(n); break;
        case 'WithStatement': this.execWith(n); break;
        case 'FunctionDefinition': this.defineFunction(n, false); break;
        case 'ClassDefinition': this.defineClass(n); break;
        case 'DecoratedStatement': {
          const inner = n.lastChild;
          if (inner) this.execStmt(inner);
          break;
        }
        case 'ImportStatement': this.execImport(n); break;
        case 'ScopeStatement':
          // `global model` inside a function: assignments to it rebind the module-level name.
          if (n.firstChild?.name === 'global' && this.globalNames) for (let c: SyntaxNode | null = n.firstChild; c; c = c.nextSibling) if (c.name === 'VariableName') this.globalNames.add(this.t(c));
          break;
        case 'DeleteStatement': this.execDelete(n); break;
        case 'Body': case 'StatementGroup': case 'Script': this.execBlock(n); break;
        default: break;
      }
    } catch (e) {
      if (e instanceof Budget) throw e;
      // A construct the interpreter does not model: skip this statement, keep going.
    } finally {
      this.stmt = prevStmt;
    }
  }

  /**
   * Branches run one after the other (both sides of an unknown condition), except a `x is None` /
   * `x is not None` test on a value known here: `if scaler is None: scaler = fit(...)` called with
   * a fitted scaler does not fit.
   */
  /** An id for an if-chain whose tests all compare one name with distinct literals; undefined otherwise. */
  protected literalSwitch(n: SyntaxNode): string | undefined {
    let name: string | undefined;
    const seen = new Set<string>();
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (!isExpr(c) || c.name === 'Body') continue;
      const m = /^([A-Za-z_][\w.]*)\s*==\s*('[^']*'|"[^"]*"|-?\d+)$/.exec(this.t(c).trim());
      if (!m || (name !== undefined && m[1] !== name) || seen.has(m[2].replace(/"/g, "'"))) return undefined;
      name = m[1];
      seen.add(m[2].replace(/"/g, "'"));
    }
    return name !== undefined ? `${this.site(n).chunk}:${n.from}` : undefined;
  }

  protected execIf(n: SyntaxNode): void {
    let skipBody = false, done = false;
    // A chain with an elif (a configuration switch) run once, outside any loop or call.
    const chain = !this.loopIters.length && !this.callers.length && !!n.getChild('elif') ? `${this.site(n).chunk}:${n.from}` : undefined;
    let branch = 0;
    // A branch taken or not by a test of the data's values (`if y.value_counts().min() < 0.4:`):
    // whether it runs is a guess; its body (and the branches after it) run under that assumption.
    let dataCond: string | undefined;
    // Rows duplicated in one branch of an unknown test (`if oversample: X, y = ros.fit_resample(X, y)
    // else: X, y = load()`) and rebound by a later branch: either may run, so the rebound value keeps
    // the duplication, as an assumption that names the test.
    let cond = '';
    const branchDups = new Map<string, { items: DataV[]; cond: string }>();
    const scope = this.scope;
    // The names bound before an `if` with no `else` whose first test reads the data (taken lazily: most tests do not).
    const noElse = !n.getChild('else');
    let entry: Map<string, Val> | undefined, firstTest = true;
    let chainPrep: FitEvent[] = [];
    // A mode switch: every test compares one name with a different literal (`if mode == 'train': … elif mode == 'predict': …`).
    // Its branches never run in one pass, so a load in one does not make a fit in another one serving code.
    const switchId = n.getChild('elif') || n.getChild('else') ? this.literalSwitch(n) : undefined;
    let switchBranch = 0;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Body') {
        if (chain) this.branchPath.push(`${chain}#${branch++}`);
        if (switchId) this.switchBranches.push({ chain: switchId, branch: switchBranch++ });
        try {
          if (!skipBody && !done) {
            if (dataCond) this.dataConds.push(dataCond);
            this.condPreps.push(chainPrep);
            const before = new Map(scope.vars);
            try { this.execBlock(c); } finally { if (dataCond) this.dataConds.pop(); this.condPreps.pop(); }
            this.carryBranchDups(scope, before, branchDups, cond);
          }
        } finally {
          if (chain) this.branchPath.pop();
          if (switchId) this.switchBranches.pop();
        }
        skipBody = false;
        cond = '';
      } else if (isExpr(c) && c.prevSibling?.name !== 'as') {
        if (done) continue;
        cond = this.t(c).replace(/\s+/g, ' ').trim();
        // `if __name__ == "__main__":` in a file run as an imported module (not `%run`): never true.
        const mainGuard = this.moduleDepth > 0 && this.scope === this.curGlobal && this.curGlobal !== this.global
          && /^__name__\s*==\s*(['"])__main__\1$/.test(this.t(c).trim());
        const known = mainGuard ? false : this.noneTest(c);
        const cv = this.ev(c);
        // if p < 0.05: keep.append(c): every branch of the chain is chosen by the statistics its tests read.
        if ((cv.k === 'scalar' || cv.k === 'data') && cv.prep.length) chainPrep = unionList(chainPrep, cv.prep);
        if (known === undefined && !dataCond && this.readsData(c)) {
          dataCond = this.t(c).replace(/\s+/g, ' ').trim();
          if (noElse && firstTest) entry = new Map(scope.vars);
        }
        firstTest = false;
        if (known === false) skipBody = true;
        else if (known === true) {
          const body = c.nextSibling;
          if (body?.name === 'Body') {
            this.execBlock(body); c = body;
            if (this.returns && body.lastChild?.name === 'ReturnStatement') this.returnedSurely = true;
          }
          done = true;
        }
      }
    }
    // No `else` and a test of the data's values (`if X.empty: X, y = fallback()`): the rows bound before
    // the `if` may be the ones that stay, so a rebound name keeps their duplications, as an assumption.
    if (entry && dataCond && !done) {
      const said = `the branch under \`if ${dataCond.length > 60 ? dataCond.slice(0, 57) + '...' : dataCond}\` does not run (its condition depends on the data)`;
      for (const [name, v] of scope.vars) {
        const was = entry.get(name);
        if (!was || was === v || was.k !== 'data' || v.k !== 'data' || !was.dup.length) continue;
        const lost = was.dup.filter((du) => !v.dup.some((x) => x.id === du.id));
        if (lost.length) scope.set(name, this.mkData({ ...this.same(v), rows: unionKeys(v.rows, was.rows), dup: unionList(v.dup, lost.map((du) => (du.assumed ? du : { ...du, assumed: said }))) }));
      }
    }
  }

  /**
   * After one branch of an `if` ran: names it rebound that an earlier branch had bound to rows with
   * duplications get those duplications back (marked as assumed: the earlier branch may be the one
   * that runs); names it binds to duplicated rows are remembered for the branches after it.
   */
  protected carryBranchDups(scope: Scope, before: Map<string, Val>, seen: Map<string, { items: DataV[]; cond: string }>, cond: string): void {
    const itemsOf = (v: Val | undefined): DataV[] | undefined => v?.k === 'data' ? [v] : v?.k === 'seq' && v.items.length && v.items.every((x) => x.k === 'data') ? v.items as DataV[] : undefined;
    for (const [name, v] of scope.vars) {
      if (before.get(name) === v) continue;
      const prev = seen.get(name);
      const cur = itemsOf(v);
      if (prev && cur && prev.items.length === cur.length && prev.items.some((p, i) => p.dup.some((du) => !cur[i].dup.includes(du)))) {
        const mark = (du: DupEvent): DupEvent => du.assumed || !prev.cond ? du : { ...du, assumed: `the branch under \`if ${prev.cond.length > 60 ? prev.cond.slice(0, 57) + '...' : prev.cond}\` is the one that runs` };
        // Either branch's rows may be the ones bound here (a helper that reads the file again).
        const add = (d: DataV, i: number): DataV => this.mkData({ ...this.same(d), rows: unionKeys(d.rows, prev.items[i].rows),
          dup: unionList(d.dup, prev.items[i].dup.filter((du) => !d.dup.some((x) => x.id === du.id)).map(mark)) });
        const nv: Val = v.k === 'data' ? add(v, 0) : { ...(v as SeqV), items: cur.map(add) };
        scope.set(name, nv);
        continue;
      }
      if (cur && cur.some((d) => d.dup.length) && !prev) seen.set(name, { items: cur, cond });
    }
  }

  /** The expression reads a name bound to data rows or to a statistic of them (a frame, a column, its counts). */
  protected readsData(cond: SyntaxNode): boolean {
    const c = cond.cursor();
    do {
      if (c.name !== 'VariableName') continue;
      const v = this.scope.get(this.t(c.node));
      if (v?.k === 'data' || v?.k === 'scalar' && v.prep.length > 0) return true;
    } while (c.next() && c.from < cond.to);
    return false;
  }

  /** true / false when the condition is `name is [not] None` and name's value is known; else undefined. */
  protected noneTest(cond: SyntaxNode): boolean | undefined {
    return this.knownCondition(cond, false);
  }

  /**
   * A condition of known parts joined by `and` / `or` (`if args.pca and fp not in ["maccs", "descr"]:` in a
   * loop over ["maccs"]): false when one `and` part is known false, true when one `or` part is known true.
   */
  private knownCondition(cond: SyntaxNode, part: boolean): boolean | undefined {
    let c = cond;
    while (c.name === 'ParenthesizedExpression' && c.firstChild?.nextSibling) c = c.firstChild.nextSibling;
    const op = c.name === 'BinaryExpression' ? c.firstChild?.nextSibling : null;
    if (op && (op.name === 'and' || op.name === 'or') && c.firstChild && c.lastChild) {
      const vals = [this.knownCondition(c.firstChild, true), this.knownCondition(c.lastChild, true)];
      if (op.name === 'and') return vals.includes(false) ? false : vals.every((v) => v === true) ? true : undefined;
      return vals.includes(true) ? true : vals.every((v) => v === false) ? false : undefined;
    }
    // A whole condition in parentheses (`if(sampling):`) is read as written, as before parts were composed.
    return this.knownAtom(this.t(part ? c : cond).trim());
  }

  private knownAtom(text: string): boolean | undefined {
    // `method == "smote"` / `kind != 'minmax'` / `kind in ("a", "b")` on a parameter or name known
    // to hold a string here (a helper called with a string that selects a sampler or scaler).
    // `if VALID_FRAC > 0:` on a name bound to a numeric literal (a configuration constant) and a number.
    const num = /^([A-Za-z_]\w*)\s*(>=|<=|==|!=|>|<)\s*(-?\d+(?:\.\d+)?)$/.exec(text);
    if (num) {
      const v = this.scope.get(num[1]);
      const a = v && v.k === 'const' && !v.varying && v.str === undefined && /^-?\d+(?:\.\d+)?$/.test(v.text.trim()) ? Number(v.text) : undefined;
      if (a === undefined) return undefined;
      const b = Number(num[3]);
      switch (num[2]) { case '>': return a > b; case '<': return a < b; case '>=': return a >= b; case '<=': return a <= b; case '==': return a === b; default: return a !== b; }
    }
    const eq = /^([A-Za-z_]\w*)\s*(==|!=|\bnot\s+in\b|\bin\b)\s*(.+)$/s.exec(text);
    if (eq) {
      const v = this.scope.get(eq[1]);
      const lits = eq[2] === '==' || eq[2] === '!=' ? [eq[3].trim()] : /^[([{]([^()[\]{}]*)[)\]}]$/.exec(eq[3].trim())?.[1].split(',').map((x) => x.trim()).filter(Boolean);
      const strs = lits?.map((l) => /^(["'])([^"'\\]*)\1$/.exec(l)?.[2]);
      if (v && v.k === 'const' && v.str !== undefined && !v.varying && strs && strs.length && strs.every((x) => x !== undefined)) {
        const hit = strs.includes(v.str);
        return eq[2] === '==' || eq[2] === 'in' ? hit : !hit;
      }
      return undefined;
    }
    // `if do_pca:` / `if not use_scaler:` on a flag bound to a literal True/False (a switched-off
    // experiment), or the literal itself: the branch that cannot run is not run.
    const flag = /^(not\s+)?([A-Za-z_]\w*)$/.exec(text);
    if (flag) {
      const lit = flag[2] === 'True' || flag[2] === 'False' ? flag[2] : undefined;
      const v = lit ? undefined : this.scope.get(flag[2]);
      const text = lit ?? (v && v.k === 'const' && !v.varying && v.str === undefined ? v.text : undefined);
      if (text === 'True' || text === 'False') return (text === 'True') !== !!flag[1];
      // `if label:` on a parameter given a column name or left None (a helper that also returns the label
      // only when asked for it): a non-empty string is true, None false.
      if (v && v.k === 'const' && !v.varying && (v.str !== undefined || v.text === 'None')) return (v.str !== undefined && v.str !== '') !== !!flag[1];
      return undefined;
    }
    // `if valid_set is False:` on a flag bound to a literal True/False, as `if not valid_set:`.
    const isFlag = /^([A-Za-z_]\w*)\s+is\s+(not\s+)?(True|False)$/.exec(text);
    if (isFlag) {
      const v = this.scope.get(isFlag[1]);
      const text = v && v.k === 'const' && !v.varying && v.str === undefined ? v.text : undefined;
      if (text === 'True' || text === 'False') return (text === isFlag[3]) !== !!isFlag[2];
      return undefined;
    }
    const m = /^([A-Za-z_]\w*)\s+is\s+(not\s+)?None$/.exec(text);
    if (!m) return undefined;
    const v = this.scope.get(m[1]);
    if (!v) return undefined;
    // A number computed by a statistic (a percentile kept in a global by the first call) is not None either.
    const isNone = v.k === 'const' && v.text === 'None' ? true : v.k === 'const' && v.str !== undefined && !v.varying ? false : v.k === 'est' || v.k === 'data' || v.k === 'obj' || v.k === 'fn' || v.k === 'seq' || v.k === 'class' || v.k === 'scalar' && v.prep.length > 0 && !v.varying ? false : undefined;
    if (isNone === undefined) return undefined;
    return m[2] ? !isNone : isNone;
  }

  protected execCompound(n: SyntaxNode): void {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Body') this.execBlock(c);
      else if (c.name === 'as') {
        const target = c.nextSibling;
        if (target && target.name === 'VariableName') this.scope.set(this.t(target), this.scalar(this.t(target)));
      } else if (isExpr(c) && c.prevSibling?.name !== 'as') this.ev(c);
    }
  }

  /**
   * try / except: the handlers run only when the try body fails, so a name both assign keeps the try
   * body's value (`try: X_res = smote.fit_resample(X, y) except: X_res = X` goes on with the resampled rows).
   */
  protected execTry(n: SyntaxNode): void {
    let kept: Map<string, Val> | undefined;
    let inHandler = false;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'except') inHandler = true;
      else if (c.name === 'else' || c.name === 'finally') inHandler = false;
      if (c.name === 'Body') {
        this.execBlock(c);
        if (!kept) {
          kept = new Map();
          for (const name of this.assignedIn(c)) { const v = this.scope.get(name); if (v) kept.set(name, v); }
        } else if (inHandler) for (const [name, v] of kept) this.scope.set(name, v);
      } else if (c.name === 'as') {
        const target = c.nextSibling;
        if (target && target.name === 'VariableName') this.scope.set(this.t(target), this.scalar(this.t(target)));
      } else if (isExpr(c) && c.prevSibling?.name !== 'as') this.ev(c);
    }
  }

  /** Names (re)assigned anywhere in a loop body: their values differ between iterations. */
  protected assignedIn(body: SyntaxNode): string[] {
    const names: string[] = [];
    const c = body.cursor();
    do {
      if (c.name === 'AssignStatement' || c.name === 'UpdateStatement') {
        for (let k = c.node.firstChild; k && k.name !== 'AssignOp' && k.name !== 'UpdateOp'; k = k.nextSibling) {
          if (k.name === 'VariableName') names.push(this.t(k));
        }
      }
    } while (c.next() && c.from < body.to);
    return names;
  }

  protected markVarying(names: string[]): void {
    for (const name of names) {
      const v = this.scope.get(name);
      if (v && !v.varying && (v.k === 'const' || v.k === 'scalar')) this.scope.set(name, withVarying(v));
    }
  }

  protected execWhile(n: SyntaxNode): void {
    const body = child(n, 'Body');
    const cond = firstExpr(n);
    if (body) this.whileBodies.push({ text: this.t(body), from: body.from });
    try {
      this.iterate(body ? this.assignedIn(body) : [], () => {
        if (cond) this.ev(cond);
        if (body) this.execBlock(body);
      });
    } finally { if (body) this.whileBodies.pop(); }
  }

  /**
   * Runs a loop body twice, so loop-carried choices show up as distinct versions (once when nested
   * three deep, to stay linear); names the body assigns are marked as varying on every pass.
   */
  protected iterate(assigned: string[], pass: (i: number) => void, items = 2): void {
    // Two passes show what changes between iterations; an outermost loop over a literal list of up
    // to four items (models, predictions) visits each of them.
    const passes = this.loopIters.length >= 3 ? 1 : this.loopIters.length === 0 ? Math.min(Math.max(items, 2), 4) : 2;
    for (let i = 0; i < passes; i++) {
      this.loopIters.push(i);
      try {
        this.markVarying(assigned);
        pass(i);
      } finally {
        this.loopIters.pop();
      }
    }
  }

  private seeded: boolean | undefined;
  /** The document seeds NumPy's global generator (np.random.seed): its random masks may repeat. */
  protected seedsNumpy(): boolean {
    return this.seeded ??= this.chunks.some((c) => /\brandom\.seed\s*\(/.test(c.text));
  }

  /** A plain function of the document whose name appears nowhere but in its own `def` (no decorator registers it). */
  protected unreferenced(fn: FnV): boolean {
    if (fn.cls || fn.isMethod || this.chunks[fn.chunk]?.file !== undefined || fn.node.parent?.name === 'DecoratedStatement') return false;
    const word = fn.name.replace(/[^\w]/g, '');
    let uses = 0;
    // A whole-word match of a run of word characters is a whole run: counted from the chunk's word index, not a regex scan per function.
    if (word) {
      for (const c of this.chunks) if (c.file === undefined) uses += wordCount(c, word);
    } else {
      for (const c of this.chunks) if (c.file === undefined) uses += (c.text.match(/\b\b/g) ?? []).length;
    }
    return uses === 1;
  }

  protected execWith(n: SyntaxNode): void {
    let last: Val | undefined;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Body') this.execBlock(c);
      else if (c.name === 'as') {
        const target = c.nextSibling;
        if (target) { this.bind(target, last ?? this.scalar('with')); c = target; }
      } else if (isExpr(c)) last = this.ev(c);
    }
  }

  protected execImport(n: SyntaxNode): void {
    // import a.b as c | from a.b import c as d, e
    const parts: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) parts.push(c);
    const isFrom = parts[0]?.name === 'from';
    const follow = !!this.opts.modules;
    if (isFrom) {
      let i = 1, mod = '';
      for (; i < parts.length && parts[i].name !== 'import'; i++) mod += this.t(parts[i]);
      if (/^pyspark\b/.test(mod)) this.spark = true;
      const level = /^\.*/.exec(mod)![0].length;
      const dotted = mod.slice(level);
      const rec = follow ? this.importModule(dotted, level, this.site(n)) : undefined;
      for (i++; i < parts.length; i++) {
        const p = parts[i];
        if (p.name === '*' && rec?.ns) {
          for (const [k, v] of rec.ns.vars) if (!k.startsWith('_')) this.scope.set(k, v);
          continue;
        }
        if (p.name !== 'VariableName') continue;
        const name = this.t(p);
        let alias = name;
        if (parts[i + 1]?.name === 'as' && parts[i + 2]) { alias = this.t(parts[i + 2]); i += 2; }
        // A name the module defines, else a submodule of the package (`from pkg import mod`).
        const v = rec?.ns?.get(name) ?? (follow && (rec || level || !dotted.includes('.')) ? this.importModule(dotted ? `${dotted}.${name}` : name, level, this.site(n)) : undefined);
        this.scope.set(alias, v ?? { k: 'mod', q: mod + '.' + name });
      }
    } else {
      let q = '';
      for (let i = 1; i < parts.length; i++) {
        const p = parts[i];
        if (p.name === 'VariableName' || p.name === '.') q += this.t(p);
        if (q === 'pyspark') this.spark = true;
        if (p.name === 'as' && parts[i + 1]) {
          this.scope.set(this.t(parts[i + 1]), (follow ? this.importBinding(q, this.site(n), true) : undefined) ?? { k: 'mod', q });
          q = ''; i++;
        } else if (p.name === ',' || i === parts.length - 1) {
          if (q) this.scope.set(q.split('.')[0], (follow ? this.importBinding(q, this.site(n), false) : undefined) ?? { k: 'mod', q: q.split('.')[0] });
          q = '';
        }
      }
    }
  }

  protected execDelete(n: SyntaxNode): void {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name !== 'MemberExpression') continue;
      const obj = c.firstChild;
      const key = subscriptString((x) => this.t(x), c);
      if (!obj || key === undefined) continue;
      const v = this.ev(obj);
      if (v.k === 'data' && v.frame) v.frame.removed.add(key);
      // A column deleted after a selection (df = df[[..., "y"]]; del df["y"]) is gone from this
      // value's selection too; the selection object may be shared with the frame it came from.
      if (v.k === 'data' && v.feat) v.feat = { ...v.feat, removedAtSelection: [...v.feat.removedAtSelection, key] };
      // As drop(columns=[key], inplace=True): statistics written only into deleted columns leave the frame.
      if (v.k === 'data') this.dropStatColsInPlace(v, [key]);
    }
  }

  protected defineFunction(n: SyntaxNode, isMethod: boolean): void {
    const nameNode = child(n, 'VariableName');
    if (!nameNode) return;
    // Functions of other files run only when called from the document (never on their own).
    const fn: FnV = { k: 'fn', node: n, chunk: this.chunkIndex, name: this.t(nameNode), called: this.moduleDepth > 0, isMethod,
      ...(this.curGlobal !== this.global ? { globals: this.curGlobal } : {}) };
    this.scope.set(fn.name, fn);
    if (this.scope === this.curGlobal || isMethod) this.fns.push(fn);
  }

  protected defineClass(n: SyntaxNode): void {
    const nameNode = child(n, 'VariableName');
    const cls: ClassV = { k: 'class', name: nameNode ? this.t(nameNode) : 'class', methods: new Map() };
    if (nameNode) this.scope.set(cls.name, cls);
    // `class RF(BaseModel)`: a base class of the document or the project lends its methods (the shared
    // `__init__` that splits the data, the `run()` that scores `self.predict()`); the class's own override
    // them, and an earlier base wins over a later one (Python's order for a simple hierarchy).
    const argList = child(n, 'ArgList');
    for (let a = argList?.firstChild; a; a = a.nextSibling) {
      if (a.name !== 'VariableName' && a.name !== 'MemberExpression') continue;
      if (a.nextSibling?.name === 'AssignOp') continue;
      const base = this.ev(a);
      if (base.k !== 'class') continue;
      (cls.bases ??= []).push(base);
      for (const [name, fn] of base.methods) if (!cls.methods.has(name)) cls.methods.set(name, fn);
      for (const [name, v] of base.consts ?? []) if (!cls.consts?.has(name)) (cls.consts ??= new Map()).set(name, v);
    }
    const body = child(n, 'Body');
    if (!body) return;
    for (let c = body.firstChild; c; c = c.nextSibling) {
      // `DATA_FILE = '../data/clean.csv'`: a constant of the class, read as `BaseModel.DATA_FILE` or `self.DATA_FILE`.
      if (c.name === 'AssignStatement' && c.firstChild?.name === 'VariableName' && c.firstChild.nextSibling?.name === 'AssignOp' && c.lastChild && c.firstChild.nextSibling.nextSibling?.from === c.lastChild.from) {
        const v = /^(String|Number|FormatString)$/.test(c.lastChild.name) ? this.ev(c.lastChild) : undefined;
        if (v?.k === 'const') (cls.consts ??= new Map()).set(this.t(c.firstChild), v);
        continue;
      }
      const def = c.name === 'DecoratedStatement' ? c.lastChild : c;
      if (def?.name !== 'FunctionDefinition') continue;
      const mName = child(def, 'VariableName');
      if (!mName) continue;
      const fn: FnV = { k: 'fn', node: def, chunk: this.chunkIndex, name: this.t(mName), called: this.moduleDepth > 0, isMethod: true, cls,
        ...(this.curGlobal !== this.global ? { globals: this.curGlobal } : {}) };
      cls.methods.set(fn.name, fn);
      this.fns.push(fn);
    }
  }

  protected isStaticMethod(def: SyntaxNode): boolean {
    const parent = def.parent;
    return parent?.name === 'DecoratedStatement' && /@staticmethod\b/.test(this.text.slice(parent.from, def.from));
  }

  /** `Cls(...)`: a new instance, initialised by running `__init__`. */
  protected instantiate(cls: ClassV, args: Args, n: SyntaxNode | null): ObjV {
    const obj: ObjV = { k: 'obj', cls, fields: new Map() };
    const init = cls.methods.get('__init__');
    if (init) this.callFunction(init, args, n, obj);
    return obj;
  }

  protected execAssign(n: SyntaxNode): void {
    // targets (= targets)* = value ; annotations are skipped
    const segs: SyntaxNode[][] = [[]];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'AssignOp') segs.push([]);
      else if (c.name !== ',' && c.name !== 'TypeDef') segs[segs.length - 1].push(c);
    }
    if (segs.length < 2) { for (const c of segs[0]) if (isExpr(c)) this.ev(c); return; }
    const valueNodes = segs[segs.length - 1];
    const targetSegs = segs.slice(0, -1);
    const names: string[] = [];
    for (const t of targetSegs[0]) {
      if (t.name === 'VariableName') names.push(this.t(t));
      else names.push(...leafNames((x) => this.t(x), t));
    }
    this.targets = names;
    let v: Val;
    const perValue = this.parallelNames(targetSegs, valueNodes, names);
    try {
      v = valueNodes.length === 1 ? this.ev(valueNodes[0])
        : { k: 'seq', items: valueNodes.map((x, i) => { this.targets = perValue?.[i] ?? names; return this.ev(x); }) };
    } finally {
      this.targets = [];
    }
    if (valueNodes.length === 1 && FUTURE_SHIFT.test(this.t(valueNodes[0]))) for (const nm of names) this.futureNames.add(nm);
    // msk = np.random.rand(len(df)) < 0.8 drawn again later is another random partition of the rows.
    for (const nm of names) { this.randomMasks.delete(nm); this.isinMasks.delete(nm); }
    // mask = df["match_id"].isin(ids): a row mask by whole values of one column, read back by df.loc[mask, cols].
    if (names.length === 1 && valueNodes.length === 1) {
      const text = this.t(valueNodes[0]).replace(/\s+/g, '');
      if (ISIN_MASK.test(text)) this.isinMasks.set(names[0], text);
    }
    if (names.length === 1 && valueNodes.length === 1 && RANDOM_MASK.test(this.t(valueNodes[0])) && !this.seedsNumpy()) this.randomMasks.set(names[0], `${this.chunkIndex}:${n.from}`);
    // df = df.fillna(df.mean(), inplace=True): pandas returns None, but the frame was changed in place and
    // the author meant to keep it (the code reads df as a frame next); the name keeps the changed frame.
    if (valueNodes.length === 1 && targetSegs.length === 1 && targetSegs[0].length === 1 && targetSegs[0][0].name === 'VariableName') {
      const nm = this.t(targetSegs[0][0]);
      const m = /^([A-Za-z_]\w*)\s*\.\s*\w+\s*\(/.exec(this.t(valueNodes[0]));
      if (m && m[1] === nm && valueNodes[0].name === 'CallExpression' && /\binplace\s*=\s*True\b/.test(this.t(valueNodes[0])) && v.k === 'scalar' && this.scope.get(nm)?.k === 'data') return;
    }
    // best = thr[np.argmax(tpr - fpr)]: a value read off a curve of the held-out rows.
    if (this.curveNames.size && valueNodes.length === 1) {
      const words = this.t(valueNodes[0]).match(/[A-Za-z_]\w*/g) ?? [];
      const from = words.map((w) => this.curveNames.get(w)).find((k) => k !== undefined);
      if (from !== undefined) for (const nm of names) this.curveNames.set(nm, from);
      // best = thr[np.argmax(precision + recall)] off a curve of the test rows: the threshold is a
      // setting chosen by test score.
      const testCurve = words.find((w) => this.curveTest.has(w));
      if (testCurve) for (const nm of names) this.curveTest.set(nm, this.curveTest.get(testCurve)!);
      if (testCurve && /\b(?:nan)?arg(?:max|min)\s*\(|\.idx(?:max|min)\s*\(/.test(this.t(valueNodes[0])) && names.length === 1) {
        this.events.curvePicks.push({ site: this.site(valueNodes[0]), key: this.curveTest.get(testCurve)!, name: testCurve });
      }
    }
    for (const seg of targetSegs) {
      if (seg.length === 1) this.bind(seg[0], v, valueNodes[0]);
      else this.bindTuple(seg, v);
    }
  }

  /**
   * `X_train_val, y_train_val = X[:-n], y[:-n]`: a parallel assignment names each value by its own
   * target, as separate assignments would (a cut is named by the variable it is bound to). A target
   * whose name gives no role takes the role of a named target cut the same way (`X_tr, y_fit =
   * X[:k], y[:k]`), or is the training rest of a held-out cut at the same bound (`A_fit, A_val =
   * A[k:], A[:k]`); otherwise it keeps the statement's names.
   */
  protected parallelNames(targetSegs: SyntaxNode[][], valueNodes: SyntaxNode[], names: string[]): string[][] | undefined {
    if (valueNodes.length < 2 || targetSegs.length !== 1 || targetSegs[0].length !== valueNodes.length || !targetSegs[0].every((t) => t.name === 'VariableName')) return undefined;
    const role = (nm: string): boolean => TEST_NAME.test(nm) || TRAIN_NAME.test(nm) || VAL_NAME.test(nm);
    const heldOut = (nm: string): boolean => (TEST_NAME.test(nm) || VAL_NAME.test(nm)) && !TRAIN_NAME.test(nm);
    const cut = valueNodes.map((x) => /\[\s*([^[\]:,]*?)\s*:\s*([^[\]:,]*?)\s*\]$/.exec(this.t(x)));
    const sameCut = (a: RegExpExecArray | null, b: RegExpExecArray | null): boolean => !!a && !!b && a[1] === b[1] && a[2] === b[2];
    const complement = (a: RegExpExecArray | null, b: RegExpExecArray | null): boolean => !!a && !!b
      && (a[1] === '' && b[2] === '' && a[2] !== '' && a[2] === b[1] || a[2] === '' && b[1] === '' && a[1] !== '' && a[1] === b[2]);
    return names.map((nm, i) => {
      if (role(nm)) return [nm];
      const like = names.findIndex((o, j) => j !== i && role(o) && sameCut(cut[i], cut[j]));
      if (like >= 0) return [names[like]];
      if (names.some((o, j) => j !== i && heldOut(o) && complement(cut[i], cut[j])) && !names.some((o) => TRAIN_NAME.test(o))) return ['train'];
      return names;
    });
  }

  protected execUpdate(n: SyntaxNode): void {
    const target = n.firstChild;
    const value = n.lastChild;
    if (!target || !value) return;
    const cur = this.ev(target);
    const v = this.ev(value);
    // names += ["a", "b"]: a list of names grown in place keeps its items.
    if (cur.k === 'seq' && v.k === 'seq' && /^\s*\+=/.test(this.text.slice(target.to, value.from))) {
      this.bind(target, { k: 'seq', items: [...cur.items, ...v.items], varying: !!(cur.varying || v.varying) }, value);
      return;
    }
    this.bind(target, this.join([cur, v], n), value);
  }

  protected bindTuple(targets: SyntaxNode[], v: Val): void {
    const items = v.k === 'seq' ? v.items : undefined;
    // X_train, X_test, y_train, y_test = prepare(train_df): a helper the analysis cannot read, handed
    // the rows of a training file, returns its parts named by side: a split of those rows (as a
    // whole-data source gets one in nameValue), not the training rows four times over.
    if (v.k === 'data' && !v.pred && v.rows.length && v.rows.every((k) => !k.path.length && (k.root.role === 'train' || k.root.role === 'whole'))
      && v.rows.some((k) => k.root.role === 'train' && !!k.root.file)) {
      const names = targets.map((t) => t.name === 'VariableName' ? this.t(t) : '');
      const sideOf = (n: string): Side | undefined => TEST_NAME.test(n) && !TRAIN_NAME.test(n) ? 'test'
        : VAL_NAME.test(n) && !TRAIN_NAME.test(n) ? 'val' : TRAIN_NAME.test(n) ? 'train' : undefined;
      if (names.some((n) => sideOf(n) === 'test') && names.some((n) => sideOf(n) === 'train')) {
        const callee = this.stmt ? /=\s*([\w.]+)\s*\(/.exec(this.t(this.stmt))?.[1] : undefined;
        const split: Split = { id: ++this.ids, site: this.site(this.stmt ?? targets[0]), kind: 'slice', shuffle: false, names: [],
          byName: `the parts ${callee ? `\`${callee}\`` : 'a helper the analysis cannot read'} returns from the training file are taken to be a train/test split by the names they are bound to` };
        this.events.splits.push(split);
        this.noteHeldOut();
        targets.forEach((t, i) => {
          const side = sideOf(names[i]);
          // An output named by no side (an unlabelled set handed in beside it) keeps its own rows.
          const others = v.rows.filter((k) => k.root.role === 'whole');
          const own = v.rows.filter((k) => k.root.role === 'train');
          this.bind(t, side ? this.withStep(this.same(v, { rows: own }), split, side) : others.length ? this.same(v, { rows: others }) : v);
        });
        return;
      }
    }
    // X_tr2, X_te2 = add_features(X_train, X_test): a helper the analysis cannot read, handed the
    // parts of a split, returns them again in the same roles; each output named by a side holds that
    // side's rows (its fitted statistics kept), not the rows of every part it was handed.
    if (v.k === 'data' && !v.pred && v.rows.some((k) => lastSide(k) === 'train') && v.rows.some((k) => lastSide(k) === 'test' || lastSide(k) === 'val')) {
      const sideOf = (t: SyntaxNode): Side | undefined => {
        if (t.name !== 'VariableName') return undefined;
        const n = this.t(t);
        return TEST_NAME.test(n) && !TRAIN_NAME.test(n) ? 'test' : VAL_NAME.test(n) && !TRAIN_NAME.test(n) ? 'val' : TRAIN_NAME.test(n) ? 'train' : undefined;
      };
      const sides = targets.map(sideOf);
      if (sides.includes('train') && (sides.includes('test') || sides.includes('val'))) {
        targets.forEach((t, i) => {
          const rows = v.rows.filter((k) => sides[i] ? lastSide(k) === sides[i] : lastSide(k) === 'whole');
          this.bind(t, rows.length ? this.same(v, { rows }) : v);
        });
        return;
      }
    }
    targets.forEach((t, i) => {
      const item = items ? items[i] ?? this.scalar('?') : v.k === 'data' ? v : this.scalar(this.t(t), v.k === 'scalar' ? v.prep : [], v.k === 'scalar' ? v.dup : [], !!v.varying);
      this.bind(t, item);
    });
  }

  /** Binds a target expression. Subscript/attribute targets mutate the container's taints. */
  protected bind(t: SyntaxNode, v: Val, valueNode?: SyntaxNode): void {
    switch (t.name) {
      case 'VariableName': {
        const name = this.t(t);
        // The label column taken out of an encoded frame (`y_test = enc[["price"]].to_numpy()`) holds none of its dummy columns.
        if (v.k === 'data' && v.dummies && v.cols?.length === 1 && LABEL_NAME.test(name)) { v = this.same(v); delete v.dummies; }
        this.noteDummiesUse(v, true);
        const named = this.nameValue(name, v, valueNode);
        // y_test, test_labels: the held-out set has labels here (it can be scored, not only predicted).
        // (The flag only ever turns true: once set, the name tests below are skipped; the regex runs last.)
        // (Not a name that says predictions, `y_test_proba`, when a helper's output lost its link to the model.)
        // (Not the held-out fold of a cross-validation, `y_val = y.iloc[val_ix]`: CV machinery, not a test set.)
        if (!this.events.testLabels && named.k === 'data' && !named.pred && named.rows.some((k) => lastSide(k) === 'test' && !k.path.some((st) => st.fold !== undefined)) && !named.rows.some((k) => lastSide(k) === 'train' || lastSide(k) === 'whole') && LABEL_NAME.test(name) && !PRED_WORD.test(name)) this.events.testLabels = true;
        // test_y = np.array(source["label"]) beside a test set read from the same unknown source
        // (test_x = pd.DataFrame(source["values"])): an array the analysis cannot follow, bound to a
        // name that says test labels, is the test set's labels (not predictions: those are data).
        if (!this.events.testLabels && named.k === 'scalar' && this.events.hasTestSet && LABEL_NAME.test(name) && TEST_NAME.test(name) && !TRAIN_NAME.test(name) && !VAL_NAME.test(name) && !PRED_WORD.test(name)) this.events.testLabels = true;
        // test_generator = datagen.flow_from_directory(test_dir, class_mode="categorical"): images read with
        // their labels under a test name are a labelled test set, scored here or not (b038).
        if (!this.events.testLabels && valueNode && TEST_NAME.test(name) && !TRAIN_NAME.test(name) && !VAL_NAME.test(name) && this.labelledImageReader(valueNode)) {
          this.events.hasTestSet = true;
          this.noteHeldOut();
          this.events.testLabels = true;
        }
        this.scope.set(name, named);
        if (this.globalNames?.has(name)) this.curGlobal.set(name, named);
        return;
      }
      case 'TupleExpression': case 'ArrayExpression': case 'ParenthesizedExpression': {
        const inner: SyntaxNode[] = [];
        for (let c = t.firstChild; c; c = c.nextSibling) if (isExpr(c)) inner.push(c);
        if (t.name === 'ParenthesizedExpression' && inner.length === 1) { this.bind(inner[0], v, valueNode); return; }
        this.bindTuple(inner, v);
        return;
      }
      case 'MemberExpression': {
        const obj = t.firstChild;
        if (!obj) return;
        const isIndex = isSubscript(t);
        if (!isIndex) {
          const key = this.t(t);
          const o = this.ev(obj);
          const prop = t.lastChild ? this.t(t.lastChild) : '';
          if (o.k === 'obj') { o.fields.set(prop, v); return; }
          // df.col = expr: pandas sets an existing column by attribute, like df["col"] = expr.
          if (o.k === 'data' && o.frame && (v.k === 'data' || v.k === 'scalar') && !FRAME_ATTRS.has(prop) && obj.name === 'VariableName') {
            this.assignSubscript(t, obj, v, valueNode, prop);
            this.scope.set(key, v);
            return;
          }
          this.scope.set(key, v);
          this.boundProps.add(prop);
          if (o.k === 'est') { o.params += `|${this.t(t)}=${valueNode ? this.t(valueNode) : '?'}`; if (v.varying) o.varying = true; }
          return;
        }
        // d[key] = Est(): a dict of transformers filled one per column (encoders[col] = OrdinalEncoder()).
        // d[name] = model.predict(X_test) / (y_test, pred, proba): a dict of each model's predictions,
        // scored later in a loop over the dict (one model per pass).
        const holdsPreds = (x: Val): boolean => x.k === 'data' && !!x.pred || x.k === 'seq' && !x.keys && x.items.some((i) => i.k === 'data' && !!i.pred);
        // d[col] = X[col].value_counts() / self.maps_[col] = X[col].mean(): a dict of per-column statistics
        // (a hand-written frequency or mean encoder), read back by key when the column is mapped.
        const holdsStat = v.k === 'scalar' && v.prep.some((f) => f.kind === 'stat' || f.kind === 'group');
        const selfField = obj.name === 'MemberExpression' && !isSubscript(obj) && obj.firstChild?.name === 'VariableName' && this.ev(obj.firstChild).k === 'obj';
        if ((v.k === 'est' || holdsPreds(v)) && obj.name === 'VariableName' || holdsStat && (obj.name === 'VariableName' || selfField)) {
          const d0 = this.ev(obj);
          // models = dict(): an empty dict, like {}, once models or predictions are stored in it.
          const d: Val = d0.k === 'scalar' && d0.name === 'dict()' && !d0.prep.length && !d0.dup.length ? { k: 'seq', items: [], keys: [] } : d0;
          if (d.k === 'seq' && d.keys) {
            const kNode = obj.nextSibling?.nextSibling;
            const kv = kNode && isExpr(kNode) ? this.ev(kNode) : undefined;
            const key = kv?.k === 'const' ? kv.str ?? kv.text : undefined;
            const at = key !== undefined ? d.keys.indexOf(key) : -1;
            const next: SeqV = at >= 0
              ? { k: 'seq', items: d.items.map((x, i) => (i === at ? v : x)), keys: d.keys, varying: !!d.varying }
              : { k: 'seq', items: [...d.items, v], keys: [...d.keys, key], varying: !!d.varying };
            if (v.k === 'est') this.storedEst.set(next, v);
            this.bind(obj, next);
            return;
          }
        }
        this.assignSubscript(t, obj, v, valueNode);
        return;
      }
      default:
        return;
    }
  }

  /** A test set must not be drawn from training rows; a slice named train/test is a split. */
  protected nameValue(name: string, v: Val, valueNode?: SyntaxNode): Val {
    if (v.k === 'est' && valueNode && !v.site) v.site = this.site(valueNode);
    if (v.k !== 'data' || !v.rows.length || v.pred) return v;
    // x_test = data["x_test"]: a held-out set named as such (no explicit split in the code).
    if (!v.rows.every((k) => k.path.length === 0 && k.root.role === 'whole')) return v;
    // A folder's images read with no subset while its Keras subsets are the split: all of them, whatever the name.
    if (v.rows.some((k) => this.subsetDirRoots.has(k.root))) return v;
    const wantTest = TEST_NAME.test(name) && !TRAIN_NAME.test(name);
    const wantTrain = TRAIN_NAME.test(name) && !TEST_NAME.test(name) && !VAL_NAME.test(name);
    if (!wantTest && !wantTrain) return v;
    // df_test = df.copy(): a copy of every row, made to try something on (a chi-square test, a plot), is not
    // a held-out part whatever its name; only a cut (a slice, a filter, a sample) picks one.
    if (valueNode && /^[\w.]+\.copy\(\s*(deep\s*=\s*True\s*)?\)$/.test(this.t(valueNode))) return v;
    // train = data: another name for all the rows is no cut of them; nor is a helper's output from all
    // the rows named train after a held-out part was cut from them (test = data[-n:]; train_x, train_y =
    // windows(data)): that part is then inside the training set.
    // (A helper handed a cut of the rows, windows(data[:-n]), returns rows the analysis may not keep cut.)
    const call = valueNode ?? (this.stmt?.lastChild?.name === 'CallExpression' ? this.stmt.lastChild : undefined);
    const argList = call?.name === 'CallExpression' ? child(call, 'ArgList') : null;
    if (wantTrain && (valueNode?.name === 'VariableName'
      || !!argList && !this.t(argList).includes('[') && !(this.inLoop && v.varying) && v.rows.some((k) => this.heldOutCutRoots.has(k.root)))) return v;
    // Its columns written afterwards (df_test[c] = ...): still the same rows.
    const before = this.scope.get(name);
    if (!valueNode && before?.k === 'data' && before.rows.length && before.rows.every((k) => !k.path.length && v.rows.some((r) => r.root === k.root))) return v;
    const root = v.rows[0].root;
    // A name that holds the training part of a train_test_split of these rows, rebound to all of them
    // (`X_train, y_train = SMOTE().fit_resample(X, y)`, resampling the whole data by mistake): still all the rows.
    const prev = this.scope.get(name);
    if (wantTrain && prev?.k === 'data' && prev.rows.length > 0 && prev.rows.every((k) => k.path.length > 0 && k.path[k.path.length - 1].split.kind === 'tts'
      && k.path[k.path.length - 1].side === 'train' && v.rows.some((r) => r.root === k.root))) return v;
    // train, test = by_day(df, day) in a loop over days (a rolling-origin backtest): rows picked by a
    // value that changes with the pass are another split each pass, not one test set scored again.
    const perPass = this.inLoop && !!v.varying;
    const key = perPass ? `${root.id}|${this.iterKey()}` : String(root.id);
    let split = this.namedSplits.get(key);
    if (!split) {
      split = { id: ++this.ids, site: this.site(valueNode ?? this.stmt!), kind: 'slice', shuffle: false, names: [], ...(perPass ? { perPass } : {}) };
      this.namedSplits.set(key, split);
      this.events.splits.push(split);
      this.noteHeldOut();
    }
    return this.withStep(v, split, wantTest ? 'test' : 'train');
  }
  protected assignSubscript(t: SyntaxNode, objNode: SyntaxNode, v: Val, valueNode?: SyntaxNode, attr?: string): void {
    let base = objNode;
    // df.loc[...] = v / df.iloc[...] = v mutate df
    if (base.name === 'MemberExpression' && !isSubscript(base) && /^(loc|iloc|at|iat)$/.test(this.t(base.lastChild!))) base = base.firstChild!;
    const cur = this.ev(base);
    // feature = {}; feature["rms"] = [rms(w) for w in windows]: a dict filled key by key with columns
    // computed per overlapping window keeps them (pd.DataFrame(feature) is a frame of per-window rows).
    if (cur.k === 'seq' && cur.keys && base === objNode && base.name === 'VariableName' && attr === undefined) {
      const key = subscriptString((x) => this.t(x), t);
      if (key !== undefined && windowDups(v).length) {
        const at = cur.keys.indexOf(key);
        const items = [...cur.items], keys = [...cur.keys];
        if (at >= 0) items[at] = v; else { items.push(v); keys.push(key); }
        this.bind(base, { ...cur, items, keys });
      }
      return;
    }
    if (cur.k !== 'data' && cur.k !== 'scalar') return;
    // dummy = np.zeros((len(pred), k)); dummy[:, -1] = pred: a new array that holds only the values
    // written into one of its columns (the usual way to undo a scaler fitted on several columns)
    // is those rows (those predictions, those held-out labels).
    if (cur.k === 'scalar' && /^(zeros|ones|empty|full)#\d+$/.test(cur.name) && base === objNode && attr === undefined && v.k === 'data' && v.rows.length
      && /^\[\s*:\s*,/.test(this.text.slice(objNode.to, t.to).trim())) {
      this.bind(base, this.same(v));
      return;
    }
    // oof = np.zeros(len(X)); oof[va] = m.predict(X[va]) with m fitted outside the folds (on all of X):
    // the array filled fold by fold holds that one model's predictions, so a score of it is that model's.
    // (A model fitted per fold stays as before: each pass's array is not one model's.)
    const fitRows = v.k === 'data' ? v.pred?.est.fit?.rows : undefined;
    if (cur.k === 'scalar' && /^(zeros|empty|full)#\d+$/.test(cur.name) && base === objNode && attr === undefined && v.k === 'data' && v.pred && v.rows.length
      && fitRows?.length && fitRows.every((k) => !k.path.some((st) => st.fold !== undefined))
      && v.rows.every((k) => k.path[k.path.length - 1]?.fold !== undefined) && /^\[\s*[A-Za-z_]\w*\s*\]$/.test(this.text.slice(objNode.to, t.to).trim())) {
      this.bind(base, this.same(v));
      return;
    }
    let col = attr ?? subscriptString((x) => this.t(x), t);
    // df[c + "_enc"] = ...: a column named by an expression (one per pass of a loop) is a column
    // too, known by that expression's text; a feature matrix that drops named columns keeps it.
    if (col === undefined && attr === undefined) {
      let idxNode: SyntaxNode | null = null;
      for (let c = objNode.nextSibling; c && !idxNode; c = c.nextSibling) if (isExpr(c)) idxNode = c;
      if (idxNode?.name === 'BinaryExpression' && idxNode.nextSibling?.name === ']' && child(idxNode, 'String') && /^[\w.]+\s*\+\s*["']|["']\s*\+\s*[\w.]+$/.test(this.t(idxNode).trim())) col = `@expr:${this.t(idxNode).replace(/\s+/g, '')}`;
      // df[f"lag_{i}"] = ...: an f-string name with a literal part, known by its text the same way.
      else if (idxNode?.name === 'FormatString' && idxNode.nextSibling?.name === ']' && /\w/.test(unquote(this.t(idxNode)).replace(/\{[^{}]*\}/g, ''))) col = `@expr:${this.t(idxNode).replace(/\s+/g, '')}`;
      // for c in ["a", "b"]: df[c] = ...: a name bound to one column name (each pass of a loop over a literal list).
      else if (idxNode?.name === 'VariableName' && idxNode.nextSibling?.name === ']') {
        const named = this.ev(idxNode);
        if (named.k === 'const' && named.str !== undefined && named.str !== '' && this.knownNameLoop(idxNode, this.t(idxNode))) col = named.str;
      }
    }
    // X = pd.DataFrame(); X[cols] = df[cols] / X["a"] = df["a"]: the matrix is assembled from the
    // frame's columns, so it is a selection of that frame (its rows, its derived columns).
    if (cur.k === 'data' && cur.emptyFrame && base === objNode && v.k === 'data' && v.frame && !v.pred && !v.positional) {
      const cols = col !== undefined ? [col] : v.cols;
      if (cols?.length) {
        if (col !== undefined) this.recordDerived(v.frame, col, v, valueNode ?? t);
        const sel = this.same(v, { cols, aligned: true });
        sel.feat = this.featureSelection(sel, 'select', cols, t);
        this.bind(base, sel);
        return;
      }
    }
    // out = pd.DataFrame(); for c in X.columns: out[c] = scale(X[c]): a frame filled column by column from
    // another's columns (names known only per pass, or arrays taken from them) holds that frame's rows.
    if (cur.k === 'data' && cur.emptyFrame && base === objNode && attr === undefined && v.k === 'data' && v.rows.length && !v.pred && !v.frame?.colVals) {
      const d = this.mkData({ ...this.same(v), frame: this.newFrame() });
      delete d.positional; delete d.cols; delete d.feat;
      this.bind(base, d);
      return;
    }
    // res = pd.DataFrame(); res["pred"] = model.predict(X); res["actual"] = y: a results frame built
    // column by column, as pd.DataFrame({"pred": ..., "actual": ...}): each column read back by name
    // is what was put there.
    // res[["yhat", "lo"]] = fc[["yhat", "lo"]]: each named column holds those values.
    const listCols = col === undefined ? /^\[\s*\[((?:\s*(['"])[^'"]+\2\s*,?)+)\]\s*\]$/.exec(this.text.slice(objNode.to, t.to).trim())?.[1].split(',').map((x) => unquote(x.trim())).filter(Boolean) : undefined;
    const putCols = col !== undefined ? [col] : listCols;
    if (cur.k === 'data' && base === objNode && putCols?.length && v.k === 'data' && (cur.emptyFrame && v.pred || cur.frame?.colVals)) {
      if (cur.emptyFrame) {
        const colVals = new Map<string, DataV>(putCols.map((c) => [c, v]));
        this.bind(base, this.mkData({ rows: [], prep: [], dup: [], frame: { ...this.newFrame(), colVals } }));
        return;
      }
      for (const c of putCols) cur.frame!.colVals!.set(c, v);
      if (!cur.rows.length && !v.pred) this.bind(base, this.mkData({ ...this.same(v), frame: cur.frame }));
      return;
    }
    const curData = cur.k === 'data' ? cur : this.asData(cur, this.t(base));
    // df[c] = values: a list built row by row (lst.append(groups.loc[v]) for v in df[k]) is one column.
    let vIn = v.k === 'seq' && !v.keys && v.items.length ? this.join(v.items, t) : v;
    // df.loc[df.Age.isnull(), "Age"] = reg.predict(df.loc[df.Age.isnull(), feats]), with reg fitted on
    // the rows of the same frame that have the value: a model-based fill of the gaps of a column. The
    // model is a statistic of those rows (fillna(mean) with a regressor), not a column of predictions.
    // df.col.loc[mask] = ... / df["col"].loc[mask] = ...: the gaps of one column of the frame.
    const seriesCol = base !== objNode && (base.name === 'MemberExpression' && !isSubscript(base) || isSubscript(base) && /^\[\s*["'][^"']+["']\s*\]$/.test(this.text.slice(base.firstChild!.to, base.to).trim()));
    const rowPart = base !== objNode && (seriesCol || /^\[[^\]]*,/.test(this.text.slice(objNode.to, t.to).trim()));
    // for col in df.columns: df.loc[df[col].isnull(), col] = model.predict(...): the same fill, one column per pass.
    const locInner = base !== objNode && !rowPart && /\.loc$/.test(this.t(objNode)) ? this.text.slice(objNode.to, t.to).trim().replace(/^\[|\]$/g, '') : '';
    const loopCol = !!locInner && this.inLoop && topLevelComma(locInner) > 0 && /^[A-Za-z_]\w*$/.test(locInner.slice(topLevelComma(locInner) + 1).trim());
    const filler = (rowPart || loopCol) && (col !== undefined || seriesCol || loopCol) && vIn.k === 'data' && vIn.pred && !vIn.pred.est.loaded ? vIn.pred.est.fit : undefined;
    // The rows that have the value may also be taken by a named row selection (known_X_train =
    // df[df.age.notnull()][feats], and the rows to fill named X_test): when the model was fitted
    // with the written column itself as its label, writing its predictions into that column is a
    // fill of the frame's gaps, not a prediction of held-out rows; the statistic is of the frame's rows.
    const written = col ?? (seriesCol ? (base.name === 'MemberExpression' && !isSubscript(base) ? this.t(base.lastChild!) : unquote(this.text.slice(base.firstChild!.to, base.to).trim().slice(1, -1).trim())) : undefined);
    // In a loop over the columns, predictions written where the column is missing (df.loc[df[col].isnull(), col])
    // fill that column's gaps too, whatever the parts the model was fitted and applied on are named.
    const gapFill = loopCol && /\.(isnull|isna)\(\s*\)/.test(locInner.slice(0, topLevelComma(locInner)));
    const fillsOwnLabel = !!filler && (gapFill || written !== undefined && vIn.k === 'data' && vIn.pred?.est.fitLabel === `col:${written}`)
      && filler.rows.every((k) => k.path.every((st) => st.split.kind === 'slice'));
    if (filler && vIn.k === 'data' && filler.kind === 'model' && filler.rows.length && filler.rows.every((k) => (!k.path.length || fillsOwnLabel) && curData.rows.some((r) => r.root === k.root))) {
      const fillRows = fillsOwnLabel ? filler.rows.filter((k, i, a) => a.findIndex((o) => o.root === k.root) === i).map((k) => ({ root: k.root, path: [] })) : filler.rows;
      const f: FitEvent = { id: ++this.ids, site: this.site(t), cls: `${filler.cls} fill`, kind: 'stat', rows: fillRows, serving: this.serving, onLabel: false };
      if (this.runningUncalled) this.events.uncalledFits.add(f.id);
      // The filling model's inputs, when picked from this frame's columns by name: a later label
      // among them makes the filled values a function of each row's label (checked at the fit).
      const fd = vIn.pred!.est.fitData;
      const inputs = fd?.feat && fd.feat.mode !== 'union' && curData.frame && sameLineage(fd.feat.frame, curData.frame) ? fd.feat : undefined;
      // for col in df.columns: a model fitted on every other column fills col's gaps: the inputs differ by pass only
      // in the column being filled, so the later label is among them on every other pass.
      if (inputs && curData.frame && (!fd!.varying || loopCol && inputs.mode === 'drop')) {
        (curData.frame.imputedWith ??= []).push({ site: this.site(t), order: ++this.ids, cls: `${filler.cls} fill`, removed: [...curData.frame.removed], ...(inputs.mode === 'select' ? { cols: inputs.cols } : {}), feat: inputs, ...(written !== undefined ? { filled: written } : {}) });
      }
      const rest = { ...vIn, prep: unionList(vIn.prep, [f]) };
      delete rest.pred;
      vIn = rest;
    }
    const merged = this.join([curData, vIn.k === 'data' || vIn.k === 'scalar' ? stripRows(vIn) : undefined], t) as DataV;
    // A results frame built from a dict holding a model's predictions (pd.DataFrame({"actual": y_test,
    // "pred": p})) reports on the scores: a statistic written into it (bins of the actual values) is
    // not model input handed on out of sight.
    if ((vIn.k === 'data' || vIn.k === 'scalar') && !curData.frame?.colVals) for (const f of vIn.prep) this.events.frameStatFits.add(f.id);
    if (col !== undefined && curData.frame) {
      // df.loc[mask, "c"] = v: the rows the mask picks get v and the others keep what "c" held before
      // (a constant, or a value computed from other columns), so "c" is computed from the mask's columns
      // too. df["good"] = 0; df.loc[df["quality"] >= 7, "good"] = 1 cuts a label from quality, as
      // np.where(df["quality"] >= 7, 1, 0) does. A raw column rewritten on some rows is left as it was.
      const maskCols = base !== objNode ? this.maskColumns(objNode, t, base, curData.frame, col) : [];
      const before = maskCols.length ? derivedColumn(curData.frame, col) : undefined;
      const wasConst = maskCols.length > 0 && constColumn(curData.frame, col);
      this.recordDerived(curData.frame, col, v, valueNode ?? t, curData.prep);
      if (base !== objNode) curData.frame.constCols?.delete(col);
      if (maskCols.length && (before?.from.length || wasConst)) {
        const now = curData.frame.derived.get(col);
        const from = [...new Set([...before?.from ?? [], ...now?.from ?? [], ...maskCols])].filter((c) => c !== col);
        curData.frame.derived.set(col, { ...before, ...now, from, site: now?.site ?? this.site(t), order: now?.order ?? ++this.ids });
      }
      // A column of predictions (scores written beside the rows): model output, not a feature.
      if (vIn.k === 'data' && vIn.pred) { (curData.frame.predCols ??= new Set()).add(col); (curData.frame.predVals ??= new Map()).set(col, vIn.pred); }
      else { curData.frame.predCols?.delete(col); curData.frame.predVals?.delete(col); }
      // A statistic that enters the frame through this column (or reaches it from a column that
      // holds one) is in this column: selections of other columns do not carry it.
      if (base === objNode && (vIn.k === 'data' || vIn.k === 'scalar')) {
        const frame = curData.frame;
        for (const f of vIn.prep) {
          const known = frame.statCols?.get(f.id);
          if (known) known.add(col);
          else if (!curData.prep.includes(f)) (frame.statCols ??= new Map()).set(f.id, new Set([col]));
        }
      }
      if (TIME_COLUMN.test(col) && valueNode && /to_datetime|datetime|Timestamp/.test(this.t(valueNode))) merged.time = 'the data has a date/time column';
    }
    merged.frame = curData.frame;
    if (curData.cols) merged.cols = curData.cols; else delete merged.cols;
    // A column added to a frame picked by name (x = df[["a", "b"]]; x["c"] = ...) is one more of its columns.
    if (col !== undefined && base === objNode && curData.frame && curData.cols && byName(curData) && !curData.cols.includes(col)) {
      merged.cols = [...curData.cols, col];
      merged.feat = this.featureSelection(curData, 'select', merged.cols, t);
      merged.aligned = true;
    } else if (curData.feat) merged.feat = curData.feat;
    if (curData.concatParts) merged.concatParts = curData.concatParts;
    // Writing a column keeps the frame's rows: still the same row selection.
    if (curData.subsetSite) merged.subsetSite = curData.subsetSite;
    if (curData.maskSite) merged.maskSite = curData.maskSite;
    const vTime = v.k === 'data' ? v.time : undefined;
    // A sort of the frame gives way to the value's stronger reason (a lag computed after the sort).
    if (curData.time || vTime) merged.time = curData.time === SORTED_BY_TIME && vTime && !weakTime(vTime) ? vTime : curData.time ?? vTime;
    if (curData.serving) merged.serving = true;
    this.bind(base, merged);
    // b = a; b["c"] = ...: a plain alias names the same frame object, so the other name sees the column too.
    if (base.name === 'VariableName' && cur.k === 'data' && cur.frame) {
      const own = this.t(base);
      for (const [name, val] of this.scope.vars) if (name !== own && val === cur) this.scope.set(name, merged);
    }
  }

  /**
   * The columns of `df` a row mask reads in `df.loc[mask, col] = v` (`df.loc[df["a"] > 5, "c"]`,
   * `df.loc[(df.a == 1) & (df.b > t), "c"]`, or a name bound to such a mask); none for `:` or row labels.
   */
  protected maskColumns(objNode: SyntaxNode, t: SyntaxNode, base: SyntaxNode, frame: FrameMeta, col: string): string[] {
    if (base.name !== 'VariableName' || !/\.loc$/.test(this.t(objNode))) return [];
    const inner = this.text.slice(objNode.to, t.to).trim().replace(/^\[|\]$/g, '');
    const at = topLevelComma(inner);
    const rows = at > 0 ? inner.slice(0, at).trim() : '';
    if (!rows || rows === ':') return [];
    let cols: string[] = [];
    if (/^[A-Za-z_]\w*$/.test(rows)) {
      const m = this.lookup(rows);
      if ((m.k === 'data' || m.k === 'scalar') && m.cols && sameLineage(m.frame, frame)) cols = m.cols;
    } else {
      // A test of whether a value is missing (df["a"].isna()) reads no value of "a": a missing-value flag.
      const b = this.t(base);
      const onlyMissing = (c: string): boolean => {
        const q = c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const use = new RegExp(`\\b${b}(?:\\s*\\[\\s*["']${q}["']\\s*\\]|\\.${q}\\b)(\\s*\\.\\s*(?:isna|isnull|notna|notnull)\\s*\\()?`, 'g');
        const all = [...rows.matchAll(use)];
        return all.length > 0 && all.every((m) => m[1] !== undefined);
      };
      cols = rowColumns(rows, b).filter((c) => c !== 'columns' && !onlyMissing(c));
    }
    return cols.filter((c) => c !== col);
  }

  /**
   * A loop variable names one column per pass only when the loop runs over a list of known names
   * (a literal list, or a name bound to one); a concatenation with lists of unknown names
   * (chart_cols + lab_cols) would pin each pass to the known names only.
   */
  protected knownNameLoop(at: SyntaxNode, name: string): boolean {
    for (let p = at.parent; p; p = p.parent) {
      if (p.name === 'FunctionDefinition' || p.name === 'LambdaExpression') break;
      if (p.name !== 'ForStatement') continue;
      const targets: string[] = [];
      let iterNode: SyntaxNode | null = null, seenIn = false;
      for (let c = p.firstChild; c && !iterNode; c = c.nextSibling) {
        if (c.name === 'in') seenIn = true;
        else if (!seenIn && c.name === 'VariableName') targets.push(this.t(c));
        else if (seenIn && isExpr(c)) iterNode = c;
      }
      if (!targets.includes(name)) continue;
      if (!iterNode || !/^(ArrayExpression|TupleExpression|VariableName)$/.test(iterNode.name)) return false;
      const it = this.ev(iterNode);
      return it.k === 'seq' && !it.varying && it.items.length > 0 && it.items.every((x) => x.k === 'const' && x.str !== undefined);
    }
    return true;
  }

  protected execFor(n: SyntaxNode): void {
    const targets: SyntaxNode[] = [];
    let iterNode: SyntaxNode | null = null;
    let body: SyntaxNode | null = null, elseBody: SyntaxNode | null = null;
    let seenIn = false;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'in') seenIn = true;
      else if (c.name === 'Body') { if (body) elseBody = c; else body = c; }
      else if (!seenIn && c.name !== 'for' && c.name !== ',' && c.name !== 'async') targets.push(c);
      else if (seenIn && !iterNode && isExpr(c)) iterNode = c;
    }
    let iter = iterNode ? this.ev(iterNode) : this.scalar('?');
    // for name, col in df.items(): each item is a column of the frame, with all of its rows.
    if (iterNode?.name === 'CallExpression' && iterNode.firstChild?.name === 'MemberExpression' && /\.\s*(items|iteritems)$/.test(this.t(iterNode.firstChild)) && iterNode.firstChild.firstChild) {
      const frame = this.ev(iterNode.firstChild.firstChild);
      if (frame.k === 'data') {
        const col: DataV = { ...this.same(frame), varying: true };
        delete col.cols;
        iter = { k: 'seq', items: [{ k: 'seq', items: [this.scalar('column', [], [], true), col] }] };
      }
    }
    // for tr, te in StratifiedShuffleSplit(y, 10): an old-API splitter iterated directly draws folds of the labels it was given.
    if (iter.k === 'est' && iter.cat === 'splitter' && iter.ctorData && iterNode) {
      iter = this.folds({ ...NO_ARGS, pos: [iter.ctorData] }, iterNode, /\bn_(splits|iter)\s*=\s*1\b/.test(iter.params), shuffledSplitter(iter), timeBlindSplitter(iter));
    }
    // A fold loop whose body only binds the fold's parts (X_train, X_test = X[tr], X[te]) and uses them
    // for nothing: after the loop the names hold the last fold, kept as one train/test split.
    if (iter.k === 'folds' && iter.split.kind === 'folds' && body && this.onlyBindsParts(body)) {
      iter.split.kind = 'tts';
      for (const l of this.events.prepLeaks) if (l.split === iter.split && l.reason === 'cv') l.reason = 'split';
    }
    // A training loop: over epochs by its name, or a loop whose own body takes the optimiser step
    // (`for x, y in train_loader: ... loss.backward(); optimizer.step()`, step-counted training
    // that evaluates every `eval_every` steps).
    if (body && (/epoch/i.test(mapList(targets, (t) => this.t(t)).join(' ') + ' ' + (iterNode ? this.t(iterNode) : '')) || this.takesTrainingStep(body)) && !this.singleIteration(iterNode)) {
      this.noteEpochEvaluation(body, /epoch/i.test(mapList(targets, (t) => this.t(t)).join(' ') + ' ' + (iterNode ? this.t(iterNode) : '')) ? 'every epoch' : 'during the training steps');
    }
    // for c in names: [if c in df.columns:] cols.append(c) over a literal list of names: the names kept,
    // all of them (a loop visits at most four items, so a longer list would be cut short).
    if (body && targets.length === 1 && targets[0].name === 'VariableName' && iter.k === 'seq' && !iter.varying && !iter.keys && iter.items.length > 4
      && iter.items.every((x) => x.k === 'const' && x.str !== undefined)) {
      const t = this.t(targets[0]);
      const m = /^:\s*(?:if\s+(\w+)\s+in\s+[\w.]+\.columns\s*:\s*)?([A-Za-z_]\w*)\.append\(\s*(\w+)\s*\)\s*$/.exec(this.t(body));
      const list = m && (m[1] === undefined || m[1] === t) && m[3] === t ? this.lookup(m[2]) : undefined;
      if (list && list.k === 'seq' && !list.keys) {
        for (const x of iter.items) list.items.push(x);
        this.bind(targets[0], iter.items[iter.items.length - 1]);
        if (elseBody) this.execBlock(elseBody);
        return;
      }
    }
    // A body whose last statement is an unconditional `return` or `break` ends the loop in its first pass.
    let lastStmt: SyntaxNode | null = body?.lastChild ?? null;
    while (lastStmt && !/Statement$/.test(lastStmt.name)) lastStmt = lastStmt.prevSibling;
    const firstPassOnly = !!lastStmt && (lastStmt.name === 'ReturnStatement' || lastStmt.name === 'BreakStatement');
    if (body) this.loopBodies.push({ text: this.t(body), startId: this.ids, iter: iterNode ? this.t(iterNode) : '', targets: mapList(targets, (t) => this.t(t)).join(','), ...(this.singleIteration(iterNode) || firstPassOnly ? { single: true } : {}), site: this.site(n) });
    const rowLists = body && targets.length === 1 && iter.k === 'data' ? this.rowListsOf(body, this.t(targets[0]), iter) : undefined;
    // A literal list or tuple of one item (for alpha in [1.0]): one pass, nothing varies.
    // Also a name bound to such a list (`methods = ["smote"]` with the longer list commented out).
    const only = (iterNode?.name === 'ArrayExpression' || iterNode?.name === 'TupleExpression' || iterNode?.name === 'VariableName' && iter.k === 'seq' && !iter.varying && !iter.keys)
      && iter.k === 'seq' && iter.items.length === 1 && !iter.items[0].varying ? iter.items[0]
      : firstPassOnly ? this.element(iter, 0) : undefined;
    try {
      if (only) {
        this.loopIters.push(0);
        try {
          const el = only;
          if (targets.length === 1) this.bind(targets[0], el); else this.bindTuple(targets, el);
          if (body) this.execBlock(body);
        } finally {
          this.loopIters.pop();
        }
      } else this.iterate(body ? this.assignedIn(body) : [], (i) => {
        const el = this.element(iter, i);
        if (targets.length === 1) this.bind(targets[0], el); else this.bindTuple(targets, el);
        if (body) this.execBlock(body);
      }, iter.k === 'seq' ? iter.items.length : 2);
    } finally {
      if (body) this.loopBodies.pop();
    }
    if (rowLists) this.rowsAppended(rowLists, iter as DataV);
    if (elseBody) this.execBlock(elseBody);
  }

  /** A Keras directory or frame reader that yields the images' labels (`class_mode` / `labels` not None). */
  protected labelledImageReader(v: SyntaxNode): boolean {
    if (v.name !== 'CallExpression' || !v.firstChild) return false;
    const callee = this.t(v.firstChild);
    const args = v.lastChild ? this.t(v.lastChild) : '';
    if (/\.\s*(flow_from_directory|flow_from_dataframe)$/.test(callee)) return !/\bclass_mode\s*=\s*None\b/.test(args);
    if (/(^|\.)\s*image_dataset_from_directory$/.test(callee)) return !/\blabels\s*=\s*None\b/.test(args);
    return false;
  }

  /**
   * Every statement of the loop body is an assignment that only indexes (no call but a copy or
   * conversion): whatever the parts are named, after the loop they hold the last fold.
   */
  protected onlyBindsParts(body: SyntaxNode): boolean {
    let stmts = 0, ok = true;
    for (let c = body.firstChild; c && ok; c = c.nextSibling) {
      if (!/Statement$/.test(c.name)) continue;
      if (c.name !== 'AssignStatement') return false;
      stmts++;
      const walk = (x: SyntaxNode): void => {
        for (let k = x.firstChild; k && ok; k = k.nextSibling) {
          if (k.name === 'CallExpression' && !/\.\s*(copy|to_numpy|reset_index|ravel|flatten|astype|squeeze)$/.test(this.t(k.firstChild ?? k))) ok = false;
          else walk(k);
        }
      };
      walk(c);
    }
    return ok && stmts > 0;
  }

  /**
   * `out = []; for row in X: out.append(f(row))`: one value per row of an array, collected in order,
   * is a new array of those rows (as `[f(row) for row in X]`), with the statistics they carry.
   * The lists still empty before the loop that its body appends a value of the row to.
   */
  protected rowListsOf(body: SyntaxNode, target: string, iter: DataV): Map<string, SeqV> | undefined {
    // Iterating a frame gives its column names; iterating one column (df["text"], np.array(df["text"]) of a
    // text-cleaning helper's corpus) gives its values, one per row.
    if (iter.batches || iter.records || iter.grouped || iter.frame && !iter.positional && iter.cols?.length !== 1) return undefined;
    let out: Map<string, SeqV> | undefined;
    // Names computed from the row in the body before the append (noisy = row + noise; f, p = welch(row)).
    const fromRow = new Set([target]);
    const reads = (text: string): boolean => (text.match(/[A-Za-z_]\w*/g) ?? []).some((w) => fromRow.has(w));
    for (let c = body.firstChild; c; c = c.nextSibling) {
      if (!/Statement$/.test(c.name)) continue;
      const text = this.t(c).trim();
      const asg = /^([A-Za-z_][\w\s,]*?)\s*=(?!=)([\s\S]*)$/.exec(text);
      if (asg && reads(asg[2])) for (const nm of asg[1].split(',')) if (nm.trim()) fromRow.add(nm.trim());
      const m = /^([A-Za-z_]\w*)\.append\(([\s\S]*)\)$/.exec(text);
      if (!m || !reads(m[2])) continue;
      const was = this.scope.get(m[1]);
      if (was?.k === 'seq' && !was.items.length) (out ??= new Map()).set(m[1], was);
    }
    return out;
  }

  protected rowsAppended(lists: Map<string, SeqV>, iter: DataV): void {
    for (const [name, seq] of lists) {
      if (this.scope.get(name) !== seq || !seq.items.length) continue;
      const prep = seq.items.reduce<FitEvent[]>((a, v) => (v.k === 'scalar' || v.k === 'data' ? unionList(a, v.prep) : a), iter.prep);
      // From one column of a frame, only row-wise values (cleaned texts) are that column's rows again: a value
      // looked up per row in a statistic (each category's mean label) stays that statistic's own value.
      const ofColumn = !!iter.frame && !iter.positional;
      if (ofColumn && prep.length > iter.prep.length) continue;
      const rows = this.same(iter, { prep });
      // A new list of values, not the column itself: its rows, none of the frame's column bookkeeping.
      if (ofColumn) { delete rows.frame; delete rows.cols; delete rows.feat; }
      this.scope.set(name, rows);
    }
  }

  /**
   * `range(1)`, `range(epochs)` with `epochs = 1`, `range(0, 1)`: a loop that runs once. Held-out
   * data scored in its body is scored once, after training, not watched epoch after epoch.
   */
  protected singleIteration(iterNode: SyntaxNode | null | undefined): boolean {
    if (!iterNode || iterNode.name !== 'CallExpression' || !iterNode.firstChild || this.t(iterNode.firstChild) !== 'range') return false;
    const args: number[] = [];
    for (let a = child(iterNode, 'ArgList')?.firstChild ?? null; a; a = a.nextSibling) {
      if (!isExpr(a)) continue;
      const v = this.ev(a);
      const n = v.k === 'const' && !v.varying && /^\d+$/.test(v.text) ? Number(v.text) : NaN;
      if (Number.isNaN(n)) return false;
      args.push(n);
    }
    if (args.length === 1) return args[0] <= 1;
    if (args.length === 2 || args.length === 3 && args[2] === 1) return args[1] - args[0] <= 1;
    return false;
  }

  /**
   * A training loop over epochs (PyTorch and hand-written loops) that scores held-out data each
   * epoch: `acc = validate(val_loader, model)` / `test_loss = evaluate(model, test_loader)`. Test
   * data watched every epoch counts as data used during training; held-out data whose score is
   * compared with a running best (`if acc > best_acc`, `best = max(acc, best)`) chooses the epoch
   * that is kept. Which argument is the held-out data comes from its value, or else from its name
   * (said in the finding).
   */
  /** The loop body itself (not a nested loop or function) runs a gradient step: `.backward()` then an optimiser `.step()`. */
  protected takesTrainingStep(body: SyntaxNode): boolean {
    let backward = false, step = false;
    const walk = (x: SyntaxNode): void => {
      for (let k = x.firstChild; k; k = k.nextSibling) {
        if (k.name === 'FunctionDefinition' || k.name === 'ClassDefinition' || k.name === 'ForStatement' || k.name === 'WhileStatement') continue;
        if (k.name === 'ExpressionStatement') {
          const t = this.t(k);
          if (/\.backward\s*\(/.test(t)) backward = true;
          if (/\b\w+\.step\s*\(\s*\)/.test(t)) step = true;
        } else if (/Statement$|^Body$/.test(k.name)) walk(k);
      }
    };
    walk(body);
    return backward && step;
  }

  protected noteEpochEvaluation(body: SyntaxNode, every = 'every epoch'): void {
    const bodyText = this.t(body);
    const assigns: SyntaxNode[] = [];
    const loops: SyntaxNode[] = [];
    const walk = (x: SyntaxNode): void => {
      for (let k = x.firstChild; k; k = k.nextSibling) {
        if (k.name === 'FunctionDefinition' || k.name === 'ClassDefinition') continue;
        if (k.name === 'ForStatement') loops.push(k);
        if (k.name === 'AssignStatement') assigns.push(k);
        // A bare call that scores and prints (test(model, test_loader) each epoch).
        else if (k.name === 'ExpressionStatement' && k.firstChild?.name === 'CallExpression') assigns.push(k);
        else if (/Statement$|^Body$/.test(k.name)) walk(k);
      }
    };
    walk(body);
    const keptBest = bodyText.split('\n').some((line) => /\w*best\w*/i.test(line) && /[<>]|\bmax\(|\bmin\(/.test(line));
    // The evaluation written inline: a loop over a held-out loader inside the epoch loop that
    // compares predictions with labels (for xb, yb in test_loader: correct += (out.argmax(1) == yb).sum()).
    for (const loop of loops) {
      let iterNode: SyntaxNode | null = null;
      for (let k = loop.firstChild; k; k = k.nextSibling) if (k.name === 'in') { iterNode = k.nextSibling; break; }
      const inner = child(loop, 'Body');
      if (!iterNode || !inner || (iterNode.name !== 'VariableName' && iterNode.name !== 'MemberExpression')) continue;
      let text = this.t(iterNode);
      // for phase in ["train", "val"]: ... for x, y in dataloaders[phase]: the held-out phase's loader.
      const byPhase = /^([\w.]+)\s*\[\s*(\w+)\s*\]$/.exec(text);
      let phased = false;
      if (byPhase) {
        const list = new RegExp(`\\bfor\\s+${byPhase[2]}\\s+in\\s+[\\[(]([^\\])]*)[\\])]`).exec(bodyText);
        const phases = list ? [...list[1].matchAll(/["'](\w+)["']/g)].map((m) => m[1]) : [];
        const held = phases.find((p) => (TEST_NAME.test(p) || VAL_NAME.test(p)) && !TRAIN_NAME.test(p));
        if (!held) continue;
        text = `${byPhase[1]}["${held}"]`;
        phased = true;
      }
      const last = phased ? /\["(\w+)"\]$/.exec(text)![1] : text.split('.').pop() ?? text;
      if (!(TEST_NAME.test(last) || VAL_NAME.test(last)) || TRAIN_NAME.test(last)) continue;
      if (!/==|\.eq\(|accuracy|correct|loss|score|metric|criterion/i.test(this.t(inner))) continue;
      const v = phased ? this.scalar(text) : this.ev(iterNode);
      if (!phased && this.trainRowsUnderHeldName(v, iterNode, text)) continue;
      let keys = v.k === 'data' ? v.rows.filter((k) => lastSide(k) === 'test' || lastSide(k) === 'val') : [];
      let assumed: string | undefined;
      if (!keys.length) {
        keys = [{ root: this.newRoot(text, TEST_NAME.test(last) ? 'test' : 'val'), path: [] }];
        assumed = `\`${text}\` is taken to hold ${TEST_NAME.test(last) ? 'test' : 'validation'} data by its name`;
      }
      // A validation loader that only chose the epoch, with a test loader iterated elsewhere for the result.
      const testScoredToo = keys.every((k) => lastSide(k) === 'val')
        && this.chunks.some((ch) => /\bfor\b[^\n]*\bin\s+[\w.[\]"']*test\w*/i.test(ch.text));
      if (testScoredToo) this.events.testLabels = true;
      this.events.trainEvals.push({ site: this.site(iterNode), keys, via: `for ... in ${text} ${every}`, selects: keptBest,
        ...(keptBest && !testScoredToo ? { reportsBest: true } : {}), ...(assumed ? { assumed } : {}) });
    }
    for (const stmt of assigns) {
      const names: string[] = [];
      let rhs: SyntaxNode | null = null;
      for (let k = stmt.firstChild; k; k = k.nextSibling) {
        if (k.name === 'AssignOp') { rhs = k.nextSibling; break; }
        if (k.name === 'VariableName') names.push(this.t(k));
        else if (k.name === 'TupleExpression') for (let x = k.firstChild; x; x = x.nextSibling) if (x.name === 'VariableName') names.push(this.t(x));
      }
      const bare = stmt.name === 'ExpressionStatement';
      if (bare) rhs = stmt.firstChild;
      if (!rhs || rhs.name !== 'CallExpression' || !names.length && !bare) continue;
      const callee = rhs.firstChild ? this.t(rhs.firstChild) : '';
      // Its result unused, a call counts only when its name says it evaluates.
      if (bare && !SCORING_CALL.test(callee.split('.').pop() ?? callee) && !LOSS_CALL.test(callee.split('.').pop() ?? callee)) continue;
      // Training steps take held-out loaders too (train(train_loader, val_loader)); only a call that scores counts.
      if (/train|fit|step|backward/i.test(callee)) continue;
      const argList = child(rhs, 'ArgList');
      let held: { node: SyntaxNode; text: string } | undefined;
      for (let a = argList?.firstChild ?? null; a; a = a.nextSibling) {
        if (a.name !== 'VariableName' && a.name !== 'MemberExpression') continue;
        // The keyword of a keyword argument (loader=test_loader) names no data.
        if (a.nextSibling?.name === 'AssignOp') continue;
        const text = this.t(a);
        const last = text.split('.').pop() ?? text;
        if ((TEST_NAME.test(last) || VAL_NAME.test(last)) && !TRAIN_NAME.test(last)) { held = { node: a, text }; break; }
      }
      // TensorFlow 1: `acc, loss = sess.run([accuracy, loss], feed_dict={X: X_test, y: y_test})` each
      // epoch: the held-out arrays are the values fed to the placeholders. Only fetches that are a
      // metric or loss count (the optimiser's op fed test rows would be training on them).
      if (!held && /(^|\.)run$/.test(callee) && argList) {
        const fetched = this.t(argList);
        const feed = (() => {
          for (let a = argList.firstChild; a; a = a.nextSibling) if (a.name === 'VariableName' && this.t(a) === 'feed_dict' && a.nextSibling?.name === 'AssignOp') return a.nextSibling.nextSibling;
          return null;
        })();
        if (feed?.name === 'DictionaryExpression' && !/optimi[sz]|minimize|train_op|train_step|apply_gradients/i.test(fetched)
          && (/acc|loss|score|metric|error|auc|f1|precision|recall|mse|mae/i.test(fetched.slice(0, fetched.indexOf('feed_dict'))) || names.some((nm) => /acc|loss|score|metric|error|auc|f1|mse|mae/i.test(nm)))) {
          let afterColon = false;
          for (let x = feed.firstChild; x; x = x.nextSibling) {
            if (x.name === ':') { afterColon = true; continue; }
            if (x.name === ',') { afterColon = false; continue; }
            if (!afterColon || x.name !== 'VariableName' && x.name !== 'MemberExpression') continue;
            const text = this.t(x);
            const last = text.split('.').pop() ?? text;
            if ((TEST_NAME.test(last) || VAL_NAME.test(last)) && !TRAIN_NAME.test(last)) { held = { node: x, text }; break; }
          }
        }
      }
      // A scoring function given no held-out data that iterates one itself: a closure defined in the
      // same function (`def test(): for x, y in test_loader: ...`, then `acc = test()` each epoch).
      let closure: { name: string; val: Val } | undefined;
      if (!held && SCORING_CALL.test(callee) && rhs.firstChild?.name === 'VariableName') {
        const fn = this.scope.get(callee);
        const fnBody = fn?.k === 'fn' && fn.name === callee ? child(fn.node, 'Body') : null;
        for (const m of fnBody ? this.t(fnBody).matchAll(/\bfor\b[^\n]*?\bin\s+(?:enumerate\(\s*)?([A-Za-z_]\w*)\s*[):,]/g) : []) {
          const nm = m[1];
          const v = this.scope.get(nm);
          if ((TEST_NAME.test(nm) || VAL_NAME.test(nm)) && !TRAIN_NAME.test(nm) && v) { closure = { name: nm, val: v }; break; }
        }
      }
      // A scoring method of the same class that reads a held-out attribute (`test_loss = self.test_loss()`
      // each epoch, where `def test_loss(self)` scores `self.test_ratings`): taken by the attribute's name.
      if (!held && !closure && /^self\.\w+$/.test(callee) && SCORING_CALL.test(callee.slice(5))) {
        const attr = this.heldAttrOfMethod(body, callee.slice(5));
        if (attr) closure = { name: `self.${attr}`, val: this.scalar(`self.${attr}`) };
      }
      if (!held && !closure) continue;
      const kept = names.some((nm) => bodyText.split('\n').some((line) => new RegExp(`\\b${nm}\\b`).test(line) && /\w*best\w*/i.test(line) && /[<>]|\bmax\(|\bmin\(/.test(line)));
      // The value says which rows these are; a loader or dataset the analysis cannot follow is taken by its name.
      const heldText = held?.text ?? closure!.name;
      const v = held ? this.ev(held.node) : closure!.val;
      if (held && this.trainRowsUnderHeldName(v, held.node, heldText)) continue;
      let keys = v.k === 'data' ? v.rows.filter((k) => lastSide(k) === 'test' || lastSide(k) === 'val') : [];
      let assumed: string | undefined;
      if (!keys.length) {
        const last = heldText.split('.').pop() ?? heldText;
        keys = [{ root: this.newRoot(heldText, TEST_NAME.test(last) ? 'test' : 'val'), path: [] }];
        assumed = `\`${heldText}\` is taken to hold ${TEST_NAME.test(last) ? 'test' : 'validation'} data by its name`;
      }
      // The same scoring call given a test set elsewhere (evaluate(test_loader) after training):
      // the validation data only chose the epoch, and the result reported is the test score.
      const testScoredToo = keys.every((k) => lastSide(k) === 'val') && this.scoresTestWith(callee);
      if (testScoredToo) this.events.testLabels = true;
      const reportsBest = kept && !testScoredToo;
      this.events.trainEvals.push({ site: this.site(rhs), keys, via: held ? `${callee}(${held.text}) ${every}` : `${callee}() over ${closure!.name} ${every}`, selects: kept, ...(reportsBest ? { reportsBest } : {}), ...(assumed ? { assumed } : {}) });
    }
  }

  /**
   * A loader named as held-out data (`val_loader`, `test_dl`) whose rows the code shows are the training
   * part of a split (`val_loader = DataLoader(train_ds)`, a wrapper of `train_loader`): its per-epoch
   * score is of rows the model trains on (zi021). Recorded as training data read as validation.
   */
  protected trainRowsUnderHeldName(v: Val, node: SyntaxNode, text: string): boolean {
    // A wrapper class of the document whose __iter__ iterates a loader it stored (`for b in self.dl: yield ...`).
    for (let depth = 0; v.k === 'obj' && depth < 3; depth++) {
      const it = v.cls.methods.get('__iter__');
      // The method may be defined in another cell: read it from its own chunk.
      const src = it && !it.globals ? this.chunks[it.chunk]?.text.slice(it.node.from, it.node.to) : undefined;
      const f = src ? /\bfor\b[^\n]*\bin\s+self\.(\w+)\s*:/.exec(src) : null;
      const inner = f ? v.fields.get(f[1]) : undefined;
      if (!inner) return false;
      v = inner;
    }
    if (v.k !== 'data' || !v.rows.length || v.dup.length) return false;
    const steps = v.rows.map((k) => k.path[k.path.length - 1]);
    if (steps.some((st) => !st || st.side !== 'train' || st.fold !== undefined || st.split !== steps[0].split)) return false;
    if (steps[0].split.kind !== 'tts') return false;
    this.events.trainAsVal.push({ site: this.site(node), split: steps[0].split, loader: text });
    return true;
  }

  /** The held-out attribute (`self.test_x`) read by method `name` of the class that encloses `at`. */
  protected heldAttrOfMethod(at: SyntaxNode, name: string): string | undefined {
    let cls: SyntaxNode | null = at.parent;
    while (cls && cls.name !== 'ClassDefinition') cls = cls.parent;
    const body = cls ? child(cls, 'Body') : null;
    for (let d = body?.firstChild ?? null; d; d = d.nextSibling) {
      const def = d.name === 'DecoratedStatement' ? child(d, 'FunctionDefinition') : d;
      if (def?.name !== 'FunctionDefinition' || this.t(child(def, 'VariableName') ?? def).trim() !== name) continue;
      for (const m of this.t(def).matchAll(/\bself\.([A-Za-z_]\w*)/g)) {
        if ((TEST_NAME.test(m[1]) || VAL_NAME.test(m[1])) && !TRAIN_NAME.test(m[1])) return m[1];
      }
    }
    return undefined;
  }

  /** Some call of `callee` anywhere in the document is given data named as a test set. */
  protected scoresTestWith(callee: string): boolean {
    const esc = callee.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const call = new RegExp(`(^|[^\\w.])${esc}\\s*\\(([^()]*)\\)`, 'g');
    for (const ch of this.chunks) {
      for (const m of ch.text.matchAll(call)) {
        if (m[2].split(',').some((a) => { const t = a.trim().split('.').pop() ?? ''; return /^\w+$/.test(t) && TEST_NAME.test(t) && !TRAIN_NAME.test(t); })) return true;
      }
    }
    return false;
  }

  /** The i-th element produced by iterating a value. */
  protected element(iter: Val, i: number): Val {
    switch (iter.k) {
      case 'seq': {
        if (!iter.items.length) return this.scalar('item', [], [], true);
        const it = iter.items[Math.min(i, iter.items.length - 1)];
        if (iter.items.length === 1 && it.k !== 'est') return withVarying(it);
        // for units, rate in [(64, 0.1), (256, 0.2)]: the settings unpacked from each tuple change per iteration.
        // A dict per iteration (for enc in encoders: enc["ohe"]) keeps its keys.
        if (it.k === 'seq' && iter.items.length > 1) return { k: 'seq', items: it.items.map((x) => (x.k === 'const' || x.k === 'scalar' ? withVarying(x) : x)), ...(it.keys ? { keys: it.keys } : {}), varying: true };
        return it.k === 'const' || it.k === 'scalar' ? withVarying(it) : it;
      }
      case 'folds': {
        // One split drawn by a splitter (StratifiedShuffleSplit(n_splits=1)): every pass gives the same
        // training and held-out rows, not a fold of cross-validation.
        if (iter.split.kind === 'tts') {
          const one: SeqV = { k: 'seq', items: [{ k: 'idx', split: iter.split, side: 'train' }, { k: 'idx', split: iter.split, side: 'test' }] };
          return iter.enumerated ? { k: 'seq', items: [{ k: 'const', text: String(i) }, one] } : one;
        }
        const pair: SeqV = { k: 'seq', items: [{ k: 'idx', split: iter.split, side: 'train', fold: i, varying: true }, { k: 'idx', split: iter.split, side: 'test', fold: i, varying: true }], varying: true };
        return iter.enumerated ? { k: 'seq', items: [{ k: 'const', text: String(i), varying: true }, pair], varying: true } : pair;
      }
      case 'data': {
        // for key, group in df.groupby(k): each group is a part of the frame with its columns
        // (the same frame, so columns computed per group from the label stay known).
        // for xb, yb in loader / for batch in loader: each batch holds rows of the loader's data.
        if (iter.batches) {
          const batch = this.same(iter);
          delete batch.batches;
          return batch;
        }
        // for rec in json.load(f): each record is a row of the file read (its fields are its columns).
        if (iter.records) return { ...this.same(iter), varying: true };
        if (iter.grouped) {
          const group: DataV = { ...this.same(iter), varying: true };
          delete group.grouped;
          return { k: 'seq', items: [this.scalar('group key', [], [], true), group], varying: true };
        }
        return this.scalar('row', iter.prep, iter.dup, true);
      }
      default:
        return this.scalar('item', iter.k === 'scalar' ? iter.prep : [], [], true);
    }
  }

  // ---------- expressions ----------

  ev(n: SyntaxNode): Val {
    this.tick();
    switch (n.name) {
      case 'VariableName': return this.lookup(this.t(n));
      case 'Number': return { k: 'const', text: this.t(n) };
      case 'String': case 'FormatString': case 'ContinuedString': {
        const text = this.t(n);
        // An f-string of a name that changes with the enclosing loop (f"sub{i}.csv") is another string on each pass.
        let varies = false;
        if (n.name === 'FormatString') for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === 'FormatReplacement') for (let e = c.firstChild; e; e = e.nextSibling) if (isExpr(e)) { const r = this.ev(e); if (r.varying && this.inLoop) varies = true; }
        const v: ConstV = { k: 'const', text, str: unquote(text) };
        if (varies) v.varying = true;
        return v;
      }
      case 'Boolean': case 'None': case '@specialName': return { k: 'const', text: this.t(n) };
      case 'ParenthesizedExpression': {
        const inner = firstExpr(n);
        return inner ? this.ev(inner) : this.scalar('()');
      }
      case 'TupleExpression': case 'ArrayExpression': case 'SetExpression': {
        const items: Val[] = [];
        for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) items.push(this.ev(c));
        return { k: 'seq', items, varying: items.some((i) => i.varying) };
      }
      case 'DictionaryExpression': return this.evDict(n);
      case 'MemberExpression': return this.evMember(n);
      case 'CallExpression': return this.evCall(n);
      case 'BinaryExpression': case 'UnaryExpression': case 'ConditionalExpression': case 'AwaitExpression':
      case 'NamedExpression': {
        const vals: Val[] = [];
        for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) vals.push(this.ev(c));
        // `"Other" if t in rare else t`: which branch a value takes is decided by the condition, so a
        // statistic the condition reads (rare categories counted on all rows) shapes the result.
        if (n.name === 'ConditionalExpression' && vals.length === 3) {
          const c = vals[1];
          const condStat = (c.k === 'data' || c.k === 'scalar') && c.prep.some((f) => f.kind === 'stat' || f.kind === 'group') ? stripRows(c) : undefined;
          return this.join([vals[0], vals[2], ...(condStat ? [condStat] : [])], n);
        }
        if (n.name === 'NamedExpression' && n.firstChild && vals.length) { this.bind(n.firstChild, vals[vals.length - 1]); return vals[vals.length - 1]; }
        // preds == y_test (open-coded accuracy: np.where(preds == y, 1, 0).mean()) or
        // y_test - preds (open-coded error): predictions compared with held-out labels.
        if (n.name === 'BinaryExpression' && vals.length === 2) this.openCodedEval(n, vals[0], vals[1]);
        // list + list of constants (column lists): keep the items
        if (n.name === 'BinaryExpression' && vals.length === 2 && vals[0].k === 'seq' && vals[1].k === 'seq' && /^\s*\+/.test(this.text.slice(n.firstChild!.to, n.lastChild!.from))) {
          return { k: 'seq', items: [...vals[0].items, ...vals[1].items], varying: !!(vals[0].varying || vals[1].varying) };
        }
        // cat_cols + [c for c in df.columns if c not in ...] (either order): the frame's columns
        // minus the removed names, with the listed names back in.
        if (n.name === 'BinaryExpression' && vals.length === 2 && /^\s*\+/.test(this.text.slice(n.firstChild!.to, n.lastChild!.from))) {
          const [a, b] = vals;
          const whole = (v: Val): v is ScalarV => v.k === 'scalar' && !!v.allCols && !v.allCols.slice && !v.allCols.within;
          const all = whole(a) ? a.allCols : whole(b) ? b.allCols : undefined;
          const other = all && (a.k === 'scalar' && a.allCols === all ? b : a);
          const listed = other && other.k === 'seq' && other.items.length && other.items.every((x) => x.k === 'const' && x.str !== undefined) ? constStrings(other) : undefined;
          if (all && listed) {
            return { ...this.scalar('columns'), allCols: { ...all, removed: all.removed.filter((c) => !listed.includes(c)) } };
          }
          // base_cols + [c for c in df.columns if "lag_" in c]: the listed names and those the pattern picks.
          const picked = (v: Val): v is ScalarV => v.k === 'scalar' && !!v.allCols?.within && !v.allCols.slice;
          const some = picked(a) ? a : picked(b) ? b : undefined;
          const names = some && (some === a ? b : a);
          if (some && names?.k === 'seq' && names.items.length && names.items.every((x) => x.k === 'const' && x.str !== undefined)) {
            const within = some === a ? [...some.allCols!.within!, ...constStrings(names)] : [...constStrings(names), ...some.allCols!.within!];
            return { ...this.scalar('columns'), allCols: { ...some.allCols!, within } };
          }
        }
        // set(df.columns) - {label} / - set([a, b]): the frame's columns without the names taken away.
        if (n.name === 'BinaryExpression' && vals.length === 2 && /^\s*-/.test(this.text.slice(n.firstChild!.to, n.lastChild!.from))) {
          const [a, b] = vals;
          if (a.k === 'scalar' && a.allCols && !a.allCols.slice && b.k === 'seq' && b.items.length && b.items.every((x) => x.k === 'const' && x.str !== undefined)) {
            return { ...this.scalar('columns'), allCols: { ...a.allCols, removed: [...a.allCols.removed, ...constStrings(b)] } };
          }
        }
        const joined = this.join(vals, n);
        if (n.name === 'BinaryExpression' && vals.length === 2 && joined.k === 'data') this.noteAffine(n, vals[0], vals[1], joined);
        // y[k:] > 0: the same rows, still k rows after the features.
        const offs = vals.filter((v) => v.k === 'data');
        if (joined.k === 'data' && offs.length && offs.every((v) => v.k === 'data' && v.rowOffset && v.rowOffset === (offs[0] as DataV).rowOffset)) return this.same(joined, { rowOffset: (offs[0] as DataV).rowOffset });
        return joined;
      }
      case 'ArrayComprehensionExpression': case 'DictionaryComprehensionExpression': case 'SetComprehensionExpression':
      case 'ComprehensionExpression':
        return this.evComprehension(n);
      case 'LambdaExpression': return { k: 'fn', node: n, chunk: this.chunkIndex, name: 'lambda', called: true, isMethod: false };
      default: return this.scalar(n.name);
    }
  }

  protected inMetricHelper = 0;

  /**
   * `X - X.mean()`, `(X - mu) / sd`: rows shifted or scaled by column statistics (and nothing else
   * new) went through an affine map per column; the statistics are remembered on the result.
   */
  protected noteAffine(n: SyntaxNode, a: Val, b: Val, out: DataV): void {
    const op = this.text.slice(n.firstChild!.to, n.lastChild!.from).trim();
    if (op !== '-' && op !== '+' && op !== '*' && op !== '/') return;
    const d = a.k === 'data' && !a.pred ? a : b.k === 'data' && !b.pred ? b : undefined;
    const s = d === a ? b : a;
    if (!d || s.k !== 'scalar' && s.k !== 'const') return;
    const added = s.k === 'scalar' ? s.prep.filter((f) => !d.prep.includes(f)) : [];
    if (!added.every((f) => f.kind === 'stat')) return;
    const affine = added.length ? unionList(d.affine ?? [], added) : d.affine;
    if (affine?.length) out.affine = affine;
  }

  protected openCodedEval(n: SyntaxNode, a: Val, b: Val): void {
    if (this.inMetricHelper || a.k !== 'data' || b.k !== 'data' || !!a.pred === !!b.pred) return;
    const op = this.text.slice(n.firstChild!.to, n.lastChild!.from).trim();
    // `!=`: mismatches counted, an open-coded error rate.
    if (op !== '==' && op !== '!=' && op !== '-') return;
    const pred = (a.pred ? a : b).pred!, truth = a.pred ? b : a;
    if (!truth.rows.some((k) => lastSide(k) === 'test' || lastSide(k) === 'val')) {
      // A series model's in-sample predictions compared with the series it was fitted on, the
      // error called a forecast or test error here or by a later print: rows it has seen.
      const fit = pred.est.fit;
      if (op === '-' && pred.inSample && fit && truth.rows.length && truth.rows.every((k) => covers(fit.rows, k))) {
        const words = /forecast|test|hold.?out|out.?of.?sample/i;
        const stmtText = this.stmt ? this.text.slice(this.stmt.from, this.stmt.to) : '';
        const here = labelText(stmtText);
        const label = words.test(here) && !/train|in.?sample|fit/i.test(here) ? here : this.targets.find((t) => this.printedLabel(t, words) === 'test') ?? this.callerPrintedLabel(words);
        const site = this.site(n);
        if (label && !this.events.inSampleScores.some((x) => x.site.chunk === site.chunk && x.site.from === site.from)) this.events.inSampleScores.push({ site, fitSite: fit.site, label });
      }
      // Predictions of all the rows a split was made from, the model fitted on its training part, compared
      // with their labels (`abs(m.predict(X) - y) / y`): scored like a library metric, so the rule for a
      // score on the split's input rows judges it.
      const parentOfFit = !!fit && fit.rows.length > 0 && truth.rows.length > 0 && fit.rows.every((f) => {
        const last = f.path[f.path.length - 1];
        return !!last && last.side === 'train' && last.fold === undefined && truth.rows.some((k) => k.root === f.root && k.path.length === f.path.length - 1
          && k.path.every((st, i) => st.split === f.path[i].split && st.side === f.path[i].side));
      });
      // A raw residual (`resid = y - m.predict(X)`, for a plot) is no score: an absolute, squared or averaged one is.
      const measured = /\babs\s*\(|\*\*\s*2|\bsquare\s*\(|\bmean\s*\(|\bsum\s*\(/.test(this.stmt ? this.text.slice(this.stmt.from, this.stmt.to) : '');
      if (op === '-' && parentOfFit && measured) this.recordEval(n, 'error (open-coded)', truth.rows, pred.est, pred.version, [a, b], NO_ARGS);
      return;
    }
    this.recordEval(n, op === '==' ? 'accuracy (open-coded)' : op === '!=' ? 'error rate (open-coded)' : 'error (open-coded)', truth.rows, pred.est, pred.version, [a, b], NO_ARGS);
  }

  /** Frames of the calls being run: where each was called from and the names its result is bound to. */
  protected callFrames: { chunk: number; stmt: SyntaxNode | null; targets: string[]; fn?: FnV; self?: Val }[] = [];
  protected runningFunction(): FnV | undefined {
    return this.callFrames[this.callFrames.length - 1]?.fn;
  }

  /**
   * Inside a helper (`mse = ...; return res, mse`), a name the caller binds the helper's result to and
   * later prints under a forecast / test label (`print("MSE of our forecasts", mse_a)`), if any.
   */
  protected callerPrintedLabel(words: RegExp): string | undefined {
    const frame = this.callFrames[this.callFrames.length - 1];
    if (!frame || !frame.targets.length) return undefined;
    const savedChunk = this.chunkIndex, savedStmt = this.stmt;
    try {
      this.enterChunk(frame.chunk); this.stmt = frame.stmt;
      return frame.targets.find((t) => this.printedLabel(t, words) === 'test');
    } finally { this.enterChunk(savedChunk); this.stmt = savedStmt; }
  }

  /** A name's value, a module's attribute (`config.TARGET`) read from the module the file imported. */
  protected lookupDotted(name: string): Val {
    const parts = name.split('.');
    let v = this.scope.get(parts[0]);
    for (let i = 1; v && i < parts.length; i++) v = v.k === 'mod' && v.ns ? v.ns.get(parts[i]) : undefined;
    return v ?? this.lookup(name);
  }

  protected lookup(name: string): Val {
    const v = this.scope.get(name);
    if (v) return v;
    if (name === 'True' || name === 'False' || name === 'None') return { k: 'const', text: name };
    // Undefined (other cell, star import, function parameter): a stable unknown of that name.
    const u = this.scalar(name);
    this.curGlobal.set(name, u);
    return u;
  }

  protected evDict(n: SyntaxNode): SeqV {
    const items: Val[] = [], keys: (string | undefined)[] = [];
    let pendingKey: string | undefined; let expectValue = false;
    // Scores computed inline as the values of one results record, by key.
    const scored: { key: string; from: number; to: number }[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === ':') { expectValue = true; continue; }
      if (!isExpr(c)) continue;
      if (expectValue) {
        const before = this.events.evals.length;
        items.push(this.ev(c)); keys.push(pendingKey);
        if (pendingKey !== undefined && this.events.evals.length > before) scored.push({ key: pendingKey, from: before, to: this.events.evals.length });
        expectValue = false; pendingKey = undefined;
      } else { const k = this.ev(c); pendingKey = k.k === 'const' ? k.str ?? k.text : undefined; }
    }
    if (scored.length > 1) this.trainScoreInRecord(scored);
    return { k: 'seq', items, keys, varying: items.some((i) => i.varying) };
  }

  /**
   * A results record ({'Model': ..., 'ROC Score': auc(y_train, ...), 'Recall Score': recall(y_test, ...)})
   * that puts a score of the training part of a split beside scores of its held-out part, under a
   * key that does not call it a training score: the training score is reported as a result.
   */
  protected trainScoreInRecord(scored: { key: string; from: number; to: number }[]): void {
    const evs = scored.map((s) => ({ key: s.key, evs: this.events.evals.slice(s.from, s.to) }));
    const onSide = (e: EvalEvent, side: 'train' | 'held'): boolean => e.keys.length > 0 && e.keys.every((k) => k.path.length > 0
      && k.path[k.path.length - 1].fold === undefined && (side === 'train' ? lastSide(k) === 'train' : lastSide(k) === 'test' || lastSide(k) === 'val'));
    const held = evs.filter((x) => x.evs.every((e) => onSide(e, 'held')));
    if (!held.length) return;
    for (const x of evs) {
      if (/train|in.?sample|fit/i.test(x.key) || !x.evs.every((e) => onSide(e, 'train') && !e.labelledTrain && !e.labelledTest && !!e.model)) continue;
      const splits = new Set(x.evs.flatMap((e) => e.keys.map((k) => k.path[k.path.length - 1].split)));
      if (!held.some((h) => h.evs.some((e) => e.keys.some((k) => splits.has(k.path[k.path.length - 1].split))))) continue;
      for (const e of x.evs) {
        e.labelledTest = true;
        e.labelAssumed = `the score under the key '${x.key}' is computed on the training rows and set beside held-out scores (under '${held[0].key}') in one results record, with nothing calling it a training score, so it is taken to be reported as a result`;
      }
    }
  }

  /** The column names of a frame (`df.columns`), as far as they are known; undefined for a single column or no frame. */
  protected frameColumns(o: DataV, full: string): ScalarV | undefined {
    // Columns picked by position or by names not known here (X.iloc[:, selector.get_support(indices=True)]):
    // not the frame's columns.
    if (o.frame && !o.cols && o.feat && o.feat.frame === o.frame && o.feat.mode === 'select' && o.feat.cols.some((c) => c === '@names' || /^@iloc:.*[A-Za-z_]/.test(c))) return undefined;
    // The columns of a feature matrix dropped from a frame (X = df.drop(columns=["y"]); X.columns) lack the dropped ones.
    if (o.frame && !o.cols) return { ...this.scalar(full), allCols: { frame: o.frame, removed: o.feat && o.feat.mode === 'drop' && o.feat.frame === o.frame ? [...o.feat.cols] : [], ...(o.feat?.byDtype ? { byDtype: true as const } : {}) } };
    // The columns of a frame picked by name (df[["a", "b"]], columns added since): those names.
    if (o.frame && o.cols && byName(o)) return { ...this.scalar(full), allCols: { frame: o.frame, removed: [], within: [...o.cols] } };
    return undefined;
  }

  protected evComprehension(n: SyntaxNode): Val {
    const kids: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== '[' && c.name !== ']' && c.name !== '{' && c.name !== '}' && c.name !== '(' && c.name !== ')') kids.push(c);
    const firstFor = kids.findIndex((k) => k.name === 'for');
    if (firstFor < 0) return this.scalar('comp');
    // {k: v for ...}: the dict's values are its elements (the keys are only evaluated).
    const isDict = n.name === 'DictionaryComprehensionExpression';
    // Built outside any loop, the list is the same on every pass of a later loop that reads it.
    const outerLoop = this.inLoop;
    const element = kids.slice(0, firstFor).filter(isExpr);
    const clauses = kids.slice(firstFor);
    const prevScope = this.scope;
    this.scope = new Scope(prevScope);
    const results: Val[] = [];
    let iterData: DataV | undefined;
    let iterByPos: DataV | undefined;
    let firstIter: { v: Val; target: string } | undefined;
    const conds: SyntaxNode[] = [];
    const targetNames = new Set<string>();
    let condPrep: FitEvent[] = [];
    // [torch.from_numpy(a) for a in parts] over a named tuple of up to four parts (a split's
    // outputs): each part is mapped, so unpacking the result keeps train and test apart.
    const inAt = clauses.findIndex((c) => c.name === 'in');
    const firstIterNode = inAt >= 0 ? clauses[inAt + 1] : undefined;
    const peek = firstIterNode?.name === 'VariableName' ? this.scope.get(this.t(firstIterNode)) : undefined;
    const items = peek && peek.k === 'seq' && !peek.varying ? peek.items.length : 2;
    const compDepth = this.compLoops.length;
    try {
      this.iterate([], (i) => {
        let j = 0;
        while (j < clauses.length) {
          const c = clauses[j];
          if (c.name === 'for') {
            const targets: SyntaxNode[] = [];
            j++;
            while (j < clauses.length && clauses[j].name !== 'in') { if (clauses[j].name !== ',') targets.push(clauses[j]); j++; }
            j++;
            const iterNode = clauses[j++];
            let iter = iterNode ? this.ev(iterNode) : this.scalar('?');
            // [c for c in df if c not in num_cols]: a DataFrame iterated to filter the loop name by names yields
            // its column names, as df.columns does (a list of names, not rows).
            if (iter.k === 'data' && iterNode?.name === 'VariableName' && !iter.positional && targets.length === 1 && element.length === 1
              && this.t(element[0]) === this.t(targets[0]) && clauses.some((c, ci) => clauses[ci - 1]?.name === 'if' && new RegExp(`^${this.t(targets[0])}\\s*(?:not\\s+in|in|!=|==)\\s`).test(this.t(c).trim()))) {
              iter = this.frameColumns(iter, `${this.t(iterNode)}.columns`) ?? iter;
            }
            if (!iterData && iter.k === 'data') iterData = iter;
            // [f(X[i]) for i in range(len(X))]: a map over the items of X by position keeps X's rows.
            const byPos = !iterData && !iterByPos && iterNode ? PER_POSITION.exec(this.t(iterNode).trim()) : null;
            const posOf = byPos ? this.lookup(byPos[1] ?? byPos[2]) : undefined;
            if (posOf && posOf.k === 'data') iterByPos = posOf;
            if (!firstIter) firstIter = { v: iter, target: targets.length === 1 ? this.t(targets[0]) : '' };
            for (const t of targets) for (const name of this.t(t).match(/[A-Za-z_]\w*/g) ?? []) targetNames.add(name);
            const el = this.element(iter, i);
            if (targets.length === 1) this.bind(targets[0], el); else this.bindTuple(targets, el);
            if (targets.length === 1 && iterNode) this.compLoops.push({ targets: this.t(targets[0]), iter: this.t(iterNode), text: this.t(n), site: this.site(n) });
          } else if (c.name === 'if') {
            j++;
            if (clauses[j]) { conds.push(clauses[j]); const cv = this.ev(clauses[j]); if ((cv.k === 'scalar' || cv.k === 'data') && cv.prep.length) condPrep = unionList(condPrep, cv.prep); }
            j++;
          } else j++;
        }
        try { for (const [ei, e] of element.entries()) { const v = this.ev(e); if (!isDict || ei > 0) results.push(v); } } finally { this.compLoops.length = compDepth; }
      }, items);
    } finally {
      this.scope = prevScope;
      this.compLoops.length = compDepth;
    }
    // [c for c in df.columns if "lag_" in c or c.startswith("roll_")]: the frame's columns picked by a part of
    // their names, as df.filter(like="lag_") picks them (a name made in a loop, df[f"lag_{k}"], may be one).
    const allOf = firstIter?.v.k === 'scalar' ? firstIter.v.allCols : undefined;
    // (The comprehension runs twice: each pass records its `if` clause.)
    const condTexts = [...new Set(conds.map((c) => this.t(c).trim()))];
    if (firstIter && allOf && !allOf.slice && !allOf.within && !allOf.byDtype && element.length === 1 && this.t(element[0]) === firstIter.target && condTexts.length === 1) {
      const v = firstIter.target;
      const esc = (x: string): string => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const pats = condTexts[0].split(/\s+or\s+/).map((term): string | undefined => {
        const inName = new RegExp(`^(["'])([^"'\\\\]+)\\1\\s+in\\s+${v}$`).exec(term.trim());
        if (inName) return `@like:${inName[2]}`;
        const ends = new RegExp(`^${v}\\.(startswith|endswith)\\(\\s*(["'])([^"'\\\\]+)\\2\\s*\\)$`).exec(term.trim());
        return ends ? `@regex:${ends[1] === 'startswith' ? `^${esc(ends[3])}` : `${esc(ends[3])}$`}` : undefined;
      });
      if (pats.every((x) => x !== undefined)) return { ...this.scalar('columns'), allCols: { ...allOf, removed: [...allOf.removed], within: pats as string[] } };
    }
    // [c for c in df.columns if c != "label"]: the frame's columns minus some names
    if (firstIter && firstIter.v.k === 'scalar' && firstIter.v.allCols && element.length === 1 && this.t(element[0]) === firstIter.target) {
      const all = firstIter.v.allCols;
      const removed = [...all.removed];
      let known = true;
      // `if c not in exclude and c != "id"`: each test of a conjunction removes names.
      const tests = conds.slice(0, 2).flatMap((c) => this.t(c).trim().split(/\s+and\s+/));
      // A list of names and variables ([target_col, "id"]): every element must be known.
      const named = (e: string): string[] => /^["']/.test(e) ? stringsIn(e) : /^[A-Za-z_][\w.]*$/.test(e) ? constStrings(this.lookupDotted(e)) : [];
      let filters = 0;
      for (const c of tests) {
        const m = new RegExp(`^${firstIter.target}\\s*(!=|not\\s+in)\\s*([\\s\\S]+)$`).exec(c);
        // Another test in the conjunction (`df[c].dtype != "object"`) only keeps fewer columns:
        // the names the other tests exclude stay excluded.
        if (!m && tests.length > 1 && !/\bor\b/.test(c)) { filters++; continue; }
        if (!m) { known = false; break; }
        const rhs = m[2].trim();
        const term = (t: string): string[] => {
          if (/^["']/.test(t)) return stringsIn(t);
          if (!/^[[(]/.test(t)) return /^[A-Za-z_][\w.]*$/.test(t) ? constStrings(this.lookupDotted(t)) : [];
          const els = t.slice(1, -1).split(',').map((e) => e.trim()).filter(Boolean);
          const each = els.map(named);
          return each.every((x) => x.length) ? each.flat() : [];
        };
        // `c not in cat_cols + ["label", "id"]`: a sum of name lists names every list's names.
        const terms = /^[\w.\s"'[\](),+]+$/.test(rhs) && rhs.includes('+') ? rhs.split('+').map((t) => t.trim()) : [rhs];
        const parts = terms.map(term);
        const strs = parts.every((x) => x.length) ? parts.flat() : [];
        if (!strs.length) { known = false; break; }
        removed.push(...strs);
      }
      if (known && filters < tests.length && conds.length <= 2 && tests.length <= 4) return { ...this.scalar('columns'), allCols: { ...all, removed } };
    }
    // [c for c in ["a", "b", "c"] if c in df.columns]: those names that exist, each of them may be
    // picked (the filter only checks the frame has the column). Names appended in a loop
    // (names.append(f + "_encoded")) stay unknown items beside the literal ones.
    if (firstIter && firstIter.v.k === 'seq' && !firstIter.v.varying && firstIter.v.items.some((x) => x.k === 'const' && x.str !== undefined)
      && firstIter.v.items.every((x) => x.k === 'const' && x.str !== undefined || x.k === 'scalar' && !x.prep.length)
      && element.length === 1 && this.t(element[0]) === firstIter.target && clauses.filter((c) => c.name === 'for').length === 1
      && conds.length > 0 && conds.every((c) => new RegExp(`^${firstIter!.target}\\s+in\\s+[A-Za-z_][\\w.]*\\.columns$`).test(this.t(c).trim()))) {
      return { k: 'seq', items: [...firstIter.v.items] };
    }
    // By position, unless each item is predicted ([m.predict(X[i]) for i in range(len(X))] are predictions).
    if (!iterData && iterByPos && !results.some((r) => r.k === 'data' && r.pred)) iterData = iterByPos;
    // {name: train[name] for name in feature_names} (DeepCTR-style model inputs): the names are keys
    // (columns), so the dict holds train's rows, not the rows the name list was derived from.
    if (iterData && isDict && firstIter && element.length === 2 && clauses.filter((c) => c.name === 'for').length === 1
      && this.t(element[0]).trim() === firstIter.target) {
      const m = /^([A-Za-z_]\w*)\s*\[\s*([A-Za-z_]\w*)\s*\]$/.exec(this.t(element[1]).trim());
      const src = m && m[2] === firstIter.target ? this.lookup(m[1]) : undefined;
      if (src && src.k === 'data' && src !== iterData) {
        // Only the named columns: not the frame's own (its label column is not in the dict).
        const d = this.same(src, { prep: unionList(src.prep, condPrep) });
        d.frame = this.newFrame(); delete d.feat; delete d.cols;
        return d;
      }
    }
    if (iterData) {
      // A row-wise map over a dataset ([t.decode() for t in texts]) keeps its rows.
      const extra = this.join(results, n);
      return this.same(iterData, { prep: unionList(unionList(iterData.prep, extra.k === 'data' || extra.k === 'scalar' ? extra.prep : []), condPrep) });
    }
    // (w for w in text.split() if w not in rare): the words kept are chosen by a statistic (rare
    // words counted over all rows); the result carries it.
    if (condPrep.length && element.length === 1 && firstIter && this.t(element[0]) === firstIter.target && firstIter.v.k !== 'seq') {
      return this.scalar('comp', condPrep, [], true);
    }
    const seq: SeqV = { k: 'seq', items: results, varying: true, ...(outerLoop ? {} : { madeOnce: true }) };
    // [embed(t) for t in texts]: one value per element of the iterable, not the same rows again
    // ([df for _ in range(3)] repeats them).
    if (element.some((e) => (this.t(e).match(/[A-Za-z_]\w*/g) ?? []).some((w) => targetNames.has(w)))) seq.perIteration = true;
    return seq;
  }

  protected evMember(n: SyntaxNode): Val {
    const obj = n.firstChild;
    if (!obj) return this.scalar('?');
    if (isSubscript(n)) return this.evSubscript(n, obj);
    const prop = n.lastChild ? this.t(n.lastChild) : '';
    const full = this.t(n);
    const bound = this.boundProps.has(prop) ? this.scope.get(full) : undefined;
    if (bound) return bound;
    // study.best_params after study.optimize(objective) whose trials cross-validated on some rows.
    const studyRows = prop === 'best_params' && obj.name === 'VariableName' ? this.objectiveRows.get(this.t(obj)) : undefined;
    if (studyRows) this.events.searchPicks.push({ site: this.site(n), rows: studyRows, step: this.steps, name: full, boundTo: [...this.targets] });
    const o = this.ev(obj);
    const classConst = o.k === 'class' ? o.consts?.get(prop) : undefined;
    if (classConst) return classConst;
    switch (o.k) {
      case 'obj': {
        const f = o.fields.get(prop);
        if (f) return f;
        const m = o.cls.methods.get(prop);
        return m ? { ...m, self: o } : o.cls.consts?.get(prop) ?? this.scalar(full);
      }
      case 'mod': return o.ns?.get(prop) ?? { k: 'mod', q: o.q + '.' + prop };
      case 'data': {
        if (prop === 'values' || prop === 'T') return this.positionalView(o, n);
        // bunch.data / bunch.target: the same rows, but separate arrays, so a frame built from
        // `.data` does not hold the label (its columns are not the bunch's other fields).
        if (o.bunch && (prop === 'data' || prop === 'target')) {
          const d = this.same(o, { frame: this.newFrame() });
          delete d.bunch; delete d.cols; delete d.feat;
          return d;
        }
        if (prop === 'columns' && o.dummies) this.dummiesColumnsRead.add(`${o.dummies.chunk}:${o.dummies.from}`);
        if (prop === 'columns') { const names = this.frameColumns(o, full); if (names) return names; }
        if (prop === 'columns' || prop === 'index') return this.scalar(full, o.prep);
        if (/^(shape|dtypes?|size|ndim|name|names|empty|nbytes|itemsize|flags|axes|attrs|iat|at)$/.test(prop)) return this.scalar(full);
        // `ix`: the old pandas indexer (label or position), not a column.
        if (prop === 'loc' || prop === 'iloc' || prop === 'ix' || prop === 'at' || prop === 'iat' || prop === 'str' || prop === 'dt' || prop === 'cat') {
          const d = this.same(o);
          if (prop === 'dt') d.time = 'the data has a date/time column';
          return d;
        }
        // A field of the `.dt` accessor (`(end - start).dt.days`, `s.dt.year`) is those columns' values, read
        // per row: not a column named `days`.
        if (obj.name === 'MemberExpression' && !isSubscript(obj) && obj.lastChild && this.t(obj.lastChild) === 'dt') return this.same(o);
        // attribute-style column access df.col: that column only
        const held = o.frame?.colVals?.get(prop);
        if (held) return this.same(held);
        // A selected column's own attributes are not columns: `s.cat.codes` / `pd.Categorical(s).codes`
        // are its values re-coded, `s.cat.categories` its distinct values.
        // `s.astype("category").cat.codes` numbers the categories found in these rows, as a LabelEncoder
        // fitted on them would: category codes (stateless before a split; on held-out rows alone, other codes).
        if (prop === 'codes' && CATEGORY_CODES.test(this.t(obj))) {
          const f = this.newFit(n, 'astype("category").cat.codes', 'transformer', o, true);
          f.codes = true;
          return this.same(o, { prep: unionList(o.prep, [f]) });
        }
        if (o.cols?.length && SERIES_ATTRS.test(prop)) return prop === 'codes' || prop === 'array' ? this.same(o) : this.scalar(full, o.prep);
        const d = this.same(o, { cols: [prop], ...(o.frame && o.feat ? { feat: this.featureSelection(o, 'select', [prop], n) } : {}) });
        if (o.frame && !d.frame) d.frame = o.frame;
        return d;
      }
      // bundle.model is a loaded part; fitted attributes (feature_names_in_, classes_) are values
      case 'est': {
        // statsmodels results: the fitted values are the model's predictions of the rows it was fitted on.
        const own = o.ctorData ?? o.fitData;
        if (prop === 'fittedvalues' && o.fit && !o.loaded && own) {
          const out = this.predictOut(o, own);
          // A model given its series at construction: in-sample, as its predict() inside the series.
          if (o.ctorData && out.k === 'data' && out.pred) out.pred = { ...out.pred, inSample: true };
          return out;
        }
        // The search's own cross-validated score read (printed, shown): its folds report a result.
        // Not when read only into a name nothing reads (`rmse = -gs.best_score_`, never shown).
        if ((prop === 'best_score_' || prop === 'cv_results_' || prop === 'grid_scores_') && o.searchSplit
          && !(this.targets.length === 1 && this.stmt && this.unreadName(this.targets[0], this.text.slice(this.stmt.from, this.stmt.to)))) o.searchSplit.reportedAt ??= this.steps;
        // A search fitted on held-out rows alone (grid.fit(X_test, y_test)) and its cross-validated
        // scores read: every fold's model was trained on test rows, as cross_val_score on them.
        if ((prop === 'best_score_' || prop === 'cv_results_' || prop === 'grid_scores_') && o.cat === 'search' && o.fit && !o.loaded && o.fit.rows.length
          && o.fit.rows.every((k) => k.path.some((st) => st.side !== 'train') && !k.path.some((st) => st.fold !== undefined))
          && !this.events.heldOutFits.some((h) => h.fitSite === o.fit!.site)) {
          this.events.heldOutFits.push({ site: this.site(n), fitSite: o.fit.site, cv: o.cls });
        }
        // A fitted search's best_estimator_ is the model it refitted with the chosen setting: it
        // predicts what the search predicts.
        if (prop === 'best_estimator_' && o.cat === 'search' && o.fit && !o.loaded) return o;
        // The network inside a scikit-learn wrapper (KerasRegressor(...).model, a search's best_estimator_.model)
        // is that fitted model: evaluating it scores the same model.
        if ((prop === 'model' || prop === 'model_') && o.fit && !o.loaded && (o.cat === 'search' || /^Keras(Regressor|Classifier)$/.test(o.cls))) return o;
        // The setting a search chose, read to configure another model.
        if (prop === 'best_params_' && o.cat === 'search' && o.fit && !o.loaded && o.fit.rows.length) this.events.searchPicks.push({ site: this.site(n), rows: o.fit.rows, step: this.steps, name: full, boundTo: [...this.targets] });
        // A model's feature importances learned from its rows and their labels: columns kept by them (importances
        // above a threshold, the top k) are chosen by those rows, as a SelectFromModel's. (Not `coef_`: documents
        // also read it as the weights of a hand-written predictor, which is the model, not a selection.)
        if (prop === 'feature_importances_' && o.cat === 'model' && o.fit && !o.loaded && o.fitData && o.fitLabelRows) {
          return this.scalar(full, unionList(o.prepFits, [this.newFit(n, `${o.cls}.${prop}`, 'transformer', o.fitData)]));
        }
        return o.loaded && !prop.endsWith('_') && !prop.startsWith('_') ? this.loadedPart(o, prop, `.${prop}`) : this.scalar(full, o.prepFits);
      }
      default: {
        // A describe() table's labels (`.columns`, `.index`) are the frame's column names and the
        // statistics' names: no statistic chose them.
        const prep = o.k !== 'scalar' ? [] : prop === 'columns' || prop === 'index' ? o.prep.filter((f) => f.cls !== 'describe') : o.prep;
        const out = this.scalar(full, prep, o.k === 'scalar' ? o.dup : [], !!o.varying);
        // stats.loc[key] of a statistic computed from columns reads that statistic.
        if (o.k === 'scalar' && o.cols && o.frame && /^(loc|iloc|at|iat)$/.test(prop)) Object.assign(out, { cols: o.cols, frame: o.frame });
        return out;
      }
    }
  }

  protected evSubscript(n: SyntaxNode, objNode: SyntaxNode): Val {
    const o = this.ev(objNode);
    const idxNodes: SyntaxNode[] = [];
    let hasSlice = false;
    for (let c = objNode.nextSibling; c; c = c.nextSibling) {
      if (c.name === ':') hasSlice = true;
      else if (isExpr(c)) idxNodes.push(c);
    }
    const idx = mapList(idxNodes, (x) => this.ev(x));
    if (o.k === 'seq') {
      const first = idxNodes[0] ? this.t(idxNodes[0]) : '';
      if (/^-?\d+$/.test(first) && !hasSlice) { const i = Number(first); const it = o.items[i < 0 ? o.items.length + i : i]; if (it) return it; }
      // names[:-1] of a literal list of names (the label last): the names the slice keeps, not all of them.
      const cut = hasSlice && !o.keys && !o.varying && o.items.length && o.items.every((x) => x.k === 'const' && x.str !== undefined)
        ? /^\[\s*(-?\d+)?\s*:\s*(-?\d+)?\s*\]$/.exec(this.text.slice(objNode.to, n.to).trim()) : null;
      if (cut) return { ...o, items: o.items.slice(cut[1] !== undefined ? Number(cut[1]) : 0, cut[2] !== undefined ? Number(cut[2]) : undefined) };
      if (idx[0]?.k === 'const' && o.keys) { const key = idx[0].str; const at = o.keys.indexOf(key); if (at >= 0) return o.items[at]; }
      // encoders[col] read with a key not known here: the transformer stored last under a key (the
      // one of this column in the loop that fills and fits them).
      // for name in models: models[name].fit(...): iterating a dict binds its values here (not its
      // keys), so the loop variable used as the key is the value it stands for.
      if (o.keys && !hasSlice && idx.length === 1 && idx[0].k === 'est' && o.items.includes(idx[0])) return idx[0];
      const stored = o.keys && !hasSlice && idx.length === 1 ? this.storedEst.get(o) : undefined;
      if (stored && !(idx[0].k === 'const' && o.keys!.includes(idx[0].str))) return stored;
      // list(models.values())[i] for i in range(len(models)): an index that changes on each pass of
      // the loop picks another of the models held, one per pass (as iterating the list would).
      const pass = this.loopIters[this.loopIters.length - 1];
      if (pass !== undefined && !hasSlice && idx.length === 1 && (idx[0].k === 'const' || idx[0].k === 'scalar') && idx[0].varying
        && o.items.length > 1 && o.items.every((x) => x.k === 'est')) return o.items[Math.min(pass, o.items.length - 1)];
      return this.join(o.items, n);
    }
    if (o.k === 'est' && o.loaded) return this.loadedPart(o, idxNodes[0] ? this.t(idxNodes[0]) : '?', this.text.slice(objNode.to, n.to).trim());
    // X.columns[selector.get_support()]: column names chosen by a fit carry that fit.
    const maskStats = o.k === 'scalar' && o.allCols && !hasSlice ? this.columnMaskStats(idx, this.text.slice(objNode.to, n.to)) : [];
    if (o.k === 'scalar' && o.allCols && (maskStats.length || idx.some((i) => i.k === 'scalar' && i.prep.length))) {
      let prep = unionList(o.prep, maskStats);
      const pairwise = PAIRWISE_MASK.test(this.text.slice(objNode.to, n.to));
      for (const i of idx) if (i.k === 'scalar') prep = unionList(prep, pairwise ? i.prep.filter((f) => !PAIRWISE_STAT.has(f.cls)) : i.prep);
      // Named as a column list (not after the frame) so that .tolist() keeps it a list.
      return this.scalar('selected columns', prep);
    }
    // df.columns[:-1]: a positional range of all the columns, as df.iloc[:, :-1] takes.
    if (o.k === 'scalar' && o.allCols && !o.allCols.within && !o.allCols.removed.length && !o.allCols.slice && hasSlice && idx.every((i) => i.k === 'const' || i.k === 'scalar' && !i.prep.length && !i.dup.length)) {
      const inner = this.text.slice(objNode.to, n.to).replace(/^\s*\[|\]\s*$/g, '').trim();
      if (topLevelComma(inner) < 0) return { ...o, allCols: { ...o.allCols, slice: inner } };
    }
    // df.groupby(k).mean()["label"]: the statistic of that column (it keeps the frame it came from).
    if (o.k === 'scalar' && o.frame && !o.cols && !hasSlice && idx.length === 1 && idx[0].k === 'const' && idx[0].str !== undefined && o.prep.some((f) => f.kind === 'group')) {
      return Object.assign(this.scalar(this.t(n), o.prep, o.dup, !!o.varying), { frame: o.frame, cols: [idx[0].str] });
    }
    // df.groupby(k)[label].agg(["mean", "count"])["mean"]: a value statistic of the label per group is
    // still computed from the label (a smoothed target encoding); the group size alone is not.
    if (o.k === 'scalar' && o.frame && o.cols?.length && !hasSlice && idx.length === 1 && idx[0].k === 'const' && idx[0].str !== undefined
      && GROUP_VALUE_STAT.test(idx[0].str) && o.prep.some((f) => f.kind === 'group')) {
      return Object.assign(this.scalar(this.t(n), o.prep, o.dup, !!o.varying), { frame: o.frame, cols: o.cols });
    }
    if (o.k === 'scalar' && o.frame && o.cols?.length && !hasSlice && idx.length === 1 && idx[0].k === 'const' && (idx[0].str === 'count' || idx[0].str === 'size')
      && o.prep.some((f) => f.kind === 'group')) {
      return this.scalar(this.t(n), o.prep, o.dup, !!o.varying);
    }
    if (o.k !== 'data') {
      // Overlapping windows cut from a recording the analysis holds no rows for (a signal read per
      // file in a loop, a helper's parameter): the windows still share samples with their neighbours.
      if (hasSlice && this.inLoop && (o.k === 'scalar' || o.k === 'mod' || o.k === 'const')) {
        const w = this.overlappingWindow(windowRows(this.text.slice(objNode.to, n.to).replace(/^\s*\[|\]\s*$/g, '')));
        if (w) {
          const d = this.asData(o, this.t(objNode));
          return this.same(d, { resampled: true, varying: true, dup: unionList(d.dup, [{ ...this.dupEvent(n, 'overlapping windows', d.rows), windows: w }]) });
        }
      }
      if (o.k === 'scalar' && /^(X|x|y|Y|df|data|dataset)/.test(o.name) === false && !idx.some((i) => i.k === 'idx')) return this.join([o, ...idx], n);
      if (o.k === 'scalar' || o.k === 'mod' || o.k === 'const') return this.subscriptData(this.asData(o, this.t(objNode)), n, objNode, idxNodes, idx, hasSlice);
      return this.scalar(this.t(n));
    }
    // ds["test"] of a Hugging Face DatasetDict: the rows of that predefined split.
    const key = idx.length === 1 && idx[0].k === 'const' ? idx[0].str : undefined;
    if (o.dsDict && key !== undefined && /^(train|test|validation|valid|val|dev|eval)$/.test(key)) {
      const role = key === 'train' ? 'train' : key === 'test' ? 'test' : 'val';
      const k = `${o.rows.map((r) => r.root.id).join('+')}:${key}`;
      let part = this.dsSplits.get(k);
      if (!part) {
        part = this.freshData(`${this.t(objNode)}["${key}"]`, n, role);
        this.dsSplits.set(k, part);
      }
      const out = this.same(part, { prep: unionList(part.prep, o.prep) });
      delete out.dsDict;
      return out;
    }
    const idsBefore = this.ids;
    const r = this.subscriptData(o, n, objNode, idxNodes, idx, hasSlice);
    // test[col] for col in a list of column names: another column each pass (one series per target
    // forecast in turn), so scores against it are of other labels, not other models of one. Marked on
    // the value just made for this subscript (a copy would cost ids and drop fields).
    if (this.inLoop && !hasSlice && key !== undefined && idx[0].varying && r.k === 'data' && r.id > idsBefore) r.loopColumn = true;
    // x[:-k] beside y[k:]: each row's label is k rows after its features (a next-step pairing).
    if (r.k === 'data' && o.rowOffset && !r.rowOffset) return this.same(r, { rowOffset: o.rowOffset });
    if (hasSlice && r.k === 'data' && !o.rowOffset) {
      const inner = this.text.slice(objNode.to, n.to).trim().replace(/^\[|\]$/g, '').replace(/\s+/g, '');
      const m = /^:-([A-Za-z_]\w*|[1-9]\d*)$/.exec(inner) ?? /^([A-Za-z_]\w*|[1-9]\d*):$/.exec(inner);
      if (m) return this.same(r, { rowOffset: `${inner.startsWith(':') ? 'head' : 'tail'}:${m[1]}` });
    }
    return r;
  }
  private dsSplits = new Map<string, DataV>();
  /** Dicts filled by `d[key] = Est()`: the estimator stored last. */
  private storedEst = new WeakMap<SeqV, EstV>();

  /** The relating statistics (correlation, score function) behind a series used as a column mask; not a pairwise screen. */
  private columnMaskStats(idx: Val[], subscript: string): FitEvent[] {
    if (PAIRWISE_MASK.test(subscript)) return [];
    let out: FitEvent[] = [];
    for (const i of idx) if (i.k === 'data' && i.prep.length && !i.pred) out = unionList(out, i.prep.filter((f) => f.kind === 'stat' && RELATING_STAT.has(f.cls)));
    return out;
  }

  protected subscriptData(o0: DataV, n: SyntaxNode, objNode: SyntaxNode, idxNodes: SyntaxNode[], idx: Val[], hasSlice: boolean): Val {
    // Columns chosen by a fitted selector (X[rfe.support_]) carry that fit.
    // Columns chosen from a statistic or a fitted selector (X[rfe.support_], df[corr.index]) carry that
    // fit; a boolean row mask is data, and its statistics do not flow into the rows it keeps.
    let learned: FitEvent[] = [];
    for (const i of idx) if (i.k === 'scalar' && i.prep.length) learned = learned.concat(i.prep);
    // df[keep] with keep filled by `if <test of a statistic>: keep.append(c)`: the names carry the test's statistics.
    for (const i of idx) if (i.k === 'seq' && !hasSlice) for (const it of i.items) if (it.k === 'scalar' && it.chosen && it.prep.length) learned = learned.concat(it.prep);
    // df.loc[:, df.isnull().mean() < 0.5] / df.loc[:, df.std() > 0]: a column kept or dropped by a statistic of
    // that column alone (missing share, spread, distinct count) is a label-free filter; no value changes and
    // nothing of the label chooses it (README: g021, x025). Correlations and group statistics still carry.
    if (learned.length && !hasSlice || learned.length && /^\[\s*:\s*,/.test(this.text.slice(objNode.to, n.to).trim())) {
      learned = learned.filter((f) => !(f.kind === 'stat' && UNARY_COLUMN_STAT.test(f.cls)));
    }
    // df.loc[:, corr.abs() > 0.3] with corr = X.corrwith(y): a series mask in the column place picks columns,
    // not rows, so its correlation with the label chose the features.
    if (hasSlice && /^\[\s*:\s*,/.test(this.text.slice(objNode.to, n.to).trim()) && /\.(loc|ix)$/.test(this.t(objNode))) {
      learned = unionList(learned, this.columnMaskStats(idx, this.text.slice(objNode.to, n.to)));
    }
    // df.loc[:, ~(upper > 0.9).any()] of a correlation matrix: pairs of features, no label (g021).
    if (learned.length && PAIRWISE_MASK.test(this.text.slice(objNode.to, n.to))) learned = learned.filter((f) => !PAIRWISE_STAT.has(f.cls));
    const o = learned.length ? this.mkData({ ...this.same(o0), prep: unionList(o0.prep, learned) }) : o0;
    const isILoc = objNode.name === 'MemberExpression' && /\.(iloc|loc|ix)$/.test(this.t(objNode));
    // df.iloc[idx] with idx = np.random.randint(0, len(df), size=n): a draw with replacement repeats rows.
    // An array of unsplit rows indexed by them (X[np.random.randint(len(X), size=n)]) too; picked from a split's
    // part, they are first of all a subset of it (below).
    if ((isILoc || !hasSlice && o.rows.every((k) => !k.path.length)) && idx.length === 1 && idx[0].k === 'scalar' && this.drawnWithReplacement.has(idx[0]) && o.rows.length) {
      const du = this.dupEvent(n, `${this.t(idxNodes[0])} (positions drawn with replacement)`, o.rows);
      return this.mkData({ ...this.same(o), dup: unionList(o.dup, [du]) });
    }
    // df.loc[df.index.repeat(w)] / df.iloc[np.repeat(np.arange(len(df)), w)]: rows expanded by a weight are copies.
    if (idxNodes.length && /\.index\.repeat\(|\b(np|numpy)\.repeat\(/.test(this.t(idxNodes[0]))) {
      const du = this.dupEvent(n, 'index.repeat', o.rows);
      return this.mkData({ ...this.same(o), dup: unionList(o.dup, [du]) });
    }
    // df.iloc[0] / df.iloc[-1]: one row picked by a literal position is one example, not a set of
    // rows; what is computed from it (a per-file feature, a single prediction) is row-wise.
    if (!hasSlice && idxNodes.length === 1 && /\.iloc$/.test(this.t(objNode)) && /^-?\d+$/.test(this.t(idxNodes[0]).trim())) return this.scalar('row', o.prep, o.dup);
    // X[i] inside [... for i in range(len(X))]: one item of a per-item map (an image, a record), so a
    // statistic of it is a row-wise feature, not a statistic over rows.
    // Only an item handed to a function of the document (extract_features(X[i])): a model's predict
    // of X[i] still predicts rows of X.
    const call = n.parent?.name === 'ArgList' ? n.parent.parent : null;
    const callee = call?.name === 'CallExpression' ? call.firstChild : null;
    if (!hasSlice && !isILoc && idxNodes.length === 1 && idxNodes[0].name === 'VariableName' && callee?.name === 'VariableName' && this.lookup(this.t(callee)).k === 'fn') {
      const name = this.t(idxNodes[0]);
      const comp = [...this.compLoops].reverse().find((c) => c.targets === name);
      if (comp && PER_POSITION.test(comp.iter.trim())) return this.scalar('row', o.prep, o.dup, true);
    }
    // Fold indices from KFold.split select that fold's rows.
    const fold = idx.find((i): i is IdxV => i.k === 'idx');
    if (fold) {
      // Folds drawn from the rows before resampling (kf.split(X, y)) and used to index the resampled
      // rows (X_res.iloc[tr]): the copies made before the folds land on both sides, as when X_res is split.
      for (const du of o.dup) {
        if (!du.windows && (fold.split.kind === 'folds' || fold.split.kind === 'tts') && o.rows.some((k) => covers(du.rows, k)) && !this.events.dupLeaks.some((l) => l.dup === du)) this.events.dupLeaks.push({ dup: du, split: fold.split });
      }
      return this.withStep(o, fold.split, fold.side, fold.fold, fold.fold !== undefined);
    }
    // x[i * n:(i + 1) * n] beside x[:i * n] / x[(i + 1) * n:]: a fold cut (below), not a bootstrap.
    const foldCut = hasSlice && this.inLoop && this.isFoldCut(this.text.slice(objNode.to, n.to).replace(/^\s*\[|\]\s*$/g, ''));
    // df[feature_cols] with the name list grown in a loop: columns picked by name, not a redraw of rows.
    const namedList = !hasSlice && !isILoc && idxNodes.length === 1 && idxNodes[0].name === 'VariableName' && COLUMN_LIST_NAME.test(this.t(idxNodes[0]));
    // A list comprehension built before any loop is the same list on every pass, not redrawn.
    const perPassIdx = idx.some((i) => i.varying && i.k !== 'const' && !(i.k === 'seq' && i.madeOnce));
    if (this.inLoop && namedList && perPassIdx) {
      // Other columns each pass (a feature subset per threshold): the same rows.
      const d = this.same(o, { varying: true, aligned: true });
      delete d.positional;
      if (o.frame && o.feat) d.feat = this.featureSelection(o, 'select', [...(idx[0] ? constStrings(idx[0]) : []), UNKNOWN_NAMES], n);
      return d;
    }
    if (this.inLoop && !foldCut && !namedList && perPassIdx) {
      // y_test[idx] with idx redrawn each iteration: a bootstrap of the same rows, not a new setting
      const r = this.same(o, { resampled: true, varying: true });
      // df.iloc[a:b, 1:k + n] with bounds that change per pass: its column part still picks columns by position.
      if (isILoc && o.frame && /\.iloc$/.test(this.t(objNode))) {
        const inner = this.text.slice(objNode.to, n.to).replace(/^\s*\[|\]\s*$/g, '');
        const at = topLevelComma(inner);
        const colsPart = at >= 0 ? inner.slice(at + 1).trim() : '';
        if (colsPart && colsPart !== ':') r.feat = this.featureSelection(o, 'select', [`@iloc:${colsPart}`], n);
      }
      // data[i:i + look_back] at every position of a loop stepping by one: windows cut from one
      // series (a sequence model's inputs); a random split of them puts later windows in training.
      // Written `x[i:(i + n)]` or `x[i:(i + n), 0]` too: the rows' bounds, without the parentheses.
      const rowsPart = hasSlice ? windowRows(this.text.slice(objNode.to, n.to).replace(/^\s*\[|\]\s*$/g, '')) : '';
      if (hasSlice && this.slidingWindow(rowsPart)) r.time = SLIDING_WINDOWS;
      else if (hasSlice) {
        const w = this.overlappingWindow(rowsPart);
        if (w) r.dup = unionList(r.dup, [{ ...this.dupEvent(n, 'overlapping windows', o.rows), windows: w }]);
      }
      // s.iloc[i - 3:i] / s[:i + 1] at the position of a loop over range(...): the history before each row,
      // so a mean of it is a per-row rolling feature (as s.rolling(3).mean()), not a statistic of the batch.
      if (hasSlice && this.trailingWindow(rowsPart)) r.windowed = true;
      return r;
    }
    // idx_tr, idx_te = train_test_split(np.arange(len(X))); X[idx_tr]: positions split on their own.
    const posIdx = idx.length === 1 && !hasSlice && idx[0].k === 'data' ? idx[0] : undefined;
    if (posIdx && posIdx.rows.length === 1 && posIdx.rows[0].path.length === 1 && !o.rows.some((k) => k.root === posIdx.rows[0].root)
      && /^(arange|range|index|indices|positions)$/.test(posIdx.rows[0].root.name)) {
      const step = posIdx.rows[0].path[0];
      return this.withStep(o, step.split, step.side, step.fold);
    }
    // X[train_rows] / X[test_idx] with hand-made index arrays (a permutation cut in two): a split
    // named by its index variable.
    const first = idx[0];
    if (idxNodes.length === 1 && !hasSlice && idxNodes[0].name === 'VariableName' && first?.k === 'scalar' && !first.varying && !first.allCols && first.cols === undefined) {
      const idxName = this.t(idxNodes[0]);
      if ((TRAIN_NAME.test(idxName) || TEST_NAME.test(idxName)) && /(idx|index|indices|rows|ids|mask)/i.test(idxName)) {
        const saved = this.targets;
        this.targets = [idxName];
        try { return this.maybeSliceSplit(this.same(o), n, undefined); } finally { this.targets = saved; }
      }
    }
    // Column selection: df['a'], df[['a','b']], df[cols], df.loc[:, cols]
    const allRowsCols = hasSlice && idxNodes.length === 1 && /\.(loc|ix)$/.test(this.t(objNode)) && /^\[\s*:\s*,/.test(this.text.slice(objNode.to, n.to).trim());
    if (first && (!hasSlice || allRowsCols) && (first.k === 'const' && first.str !== undefined || first.k === 'seq' && first.items.every((x) => x.k === 'const' && x.str !== undefined))) {
      const cols = first.k === 'const' ? [first.str!] : (first as SeqV).items.map((x) => (x as ConstV).str!);
      const held = o.frame?.colVals?.get(first.k === 'const' ? first.str! : cols.length === 1 ? cols[0] : '');
      if (held) return this.same(held);
      if (o.frame) for (const c of cols) (o.frame.readCols ??= new Set()).add(c);
      const d = this.same(o, { cols, aligned: cols.length > 1 || first.k === 'seq' });
      // Statistics written only into columns not selected here stay in the frame (a centred copy
      // of a column made for a plot, beside the feature columns picked by name).
      const statCols = o.frame?.statCols;
      if (statCols) {
        const prep = o.prep.filter((f) => { const in_ = statCols.get(f.id); return !in_ || cols.some((c) => [...in_].some((s) => columnMayBe(s, c))); });
        if (prep.length !== o.prep.length) d.prep = prep;
      }
      delete d.positional;
      if (o.grouped) { d.grouped = true; if (o.groupKeys) d.groupKeys = o.groupKeys; }
      // df["fitted"] read back after df["fitted"] = model.predict(...): those predictions.
      const stored = cols.length === 1 && !o.grouped ? o.frame?.predVals?.get(cols[0]) : undefined;
      if (stored && !d.pred) d.pred = stored;
      // The selected columns are the features now: a text column taken out of a selection that
      // also holds the label is that column only.
      if (o.frame && (first.k === 'seq' || o.feat)) d.feat = this.featureSelection(o, 'select', cols, n);
      if (cols.some((c) => TIME_COLUMN.test(c))) { /* reading a time column is not ordering */ }
      return d;
    }
    if (first && !hasSlice && first.k === 'scalar' && first.allCols && first.allCols.frame === o.frame) {
      const d = this.same(o);
      delete d.cols;
      const { removed, within, slice, byDtype } = first.allCols;
      d.feat = slice !== undefined ? this.featureSelection(o, 'select', [`@iloc:${slice}`], n) : within ? this.featureSelection(o, 'select', within.filter((c) => !removed.includes(c)), n) : this.featureSelection(o, 'drop', removed, n);
      if (byDtype && slice === undefined && !within) d.feat.byDtype = true;
      // X_test[X_train.columns], both cut from one frame: the columns of the other matrix, in its order.
      const by = idxNodes.length === 1 ? /^([A-Za-z_]\w*)\s*\.\s*columns$/.exec(this.t(idxNodes[0]))?.[1] : undefined;
      if (by !== undefined && by !== this.t(objNode)) { d.aligned = true; delete d.positional; }
      return d;
    }
    // X_test[X_train.columns]: the held-out frame's columns picked by the names, in the order, of another
    // frame's (the training matrix's): aligned to them, whatever columns its own encoding produced.
    if (first && !hasSlice && !isILoc && first.k === 'scalar' && first.allCols && first.allCols.slice === undefined && o.frame && first.allCols.frame !== o.frame) {
      const d = this.same(o, { aligned: true });
      delete d.positional; delete d.cols;
      const { removed, within } = first.allCols;
      d.feat = this.featureSelection(o, 'select', within ? within.filter((c) => !removed.includes(c)) : [UNKNOWN_NAMES], n);
      return d;
    }
    const ownColumns = idxNodes.some((x) => this.t(x).includes(this.t(objNode) + '.columns'));
    // df[FEATURES] with the feature list loaded from disk (joblib/json): columns selected by name.
    if (first && !hasSlice && (first.k === 'data' && !first.rows.some((k) => k.path.length) || first.k === 'est' && first.loaded) && !isILoc && idxNodes[0]?.name === 'VariableName'
      && COLUMN_LIST_NAME.test(this.t(idxNodes[0]))) {
      const d = this.same(o, { aligned: true });
      delete d.positional;
      // Which names the list holds is not known here: not the selection the frame had before.
      if (o.frame) d.feat = this.featureSelection(o, 'select', [UNKNOWN_NAMES], n);
      return d;
    }
    if (first && !hasSlice && first.k === 'scalar' && !isILoc && first.cols === undefined && !first.allCols && !ownColumns
      && /col|feat|features|names|keep|select|order|attrib|variables/i.test(first.name + ' ' + this.t(idxNodes[0]))) {
      const d = this.same(o, { aligned: true });
      // Columns picked by names not known here: which ones (the label among them or not) is not known,
      // also on a frame read whole (wines[all_features[idx][-30:]] after all_features = wines.drop(...).columns).
      if (o.frame) d.feat = this.featureSelection(o, 'select', [UNKNOWN_NAMES], n);
      return d;
    }
    if (isILoc && hasSlice && idxNodes.length >= 0) {
      // The subscript's own brackets: the object before them may hold brackets too
      // (df.drop(columns=["a", "b"]).iloc[-n:] takes rows only).
      const inner = this.text.slice(objNode.to, n.to).replace(/^\s*\[|\]\s*$/g, '');
      const commaAt = topLevelComma(inner);
      if (commaAt >= 0) {
        // iloc[:, a:b] column range (positional) / iloc[rows, cols]
        const rowsPart = inner.slice(0, commaAt).trim();
        const colsPart = inner.slice(commaAt + 1).trim();
        const d = this.same(o);
        // ix[:, 0:8]: an integer column range on string-named columns is positional, as iloc's.
        const isLoc = /\.loc$/.test(this.t(objNode)) || /\.ix$/.test(this.t(objNode)) && !/^-?\d*\s*:\s*-?\d*$/.test(colsPart);
        if (!isLoc && !o.aligned) {
          d.positional = this.site(n);
          this.frameCutSites.add(d.positional);
        }
        if (o.frame) {
          const ne = /\.columns\s*!=\s*(["'])(.+?)\1/.exec(colsPart) ?? /~\s*\w+\.columns\.isin\(\s*\[([^\]]*)\]/.exec(colsPart);
          const listed = /^\[([^\]]*)\]$/.exec(colsPart);
          // df.loc[:, df.columns != target] with target a name holding the label's name.
          const neVar = !ne ? /\.columns\s*!=\s*([A-Za-z_]\w*)\s*$/.exec(colsPart) : null;
          const neNames = neVar ? constStrings(this.lookup(neVar[1])) : [];
          if (isLoc && ne) d.feat = this.featureSelection(o, 'drop', ne[2] !== undefined ? [ne[2]] : stringsIn(ne[1]), n);
          else if (isLoc && neNames.length) d.feat = this.featureSelection(o, 'drop', neNames, n);
          else if (isLoc && listed) { d.feat = this.featureSelection(o, 'select', stringsIn(listed[1]), n); d.aligned = true; delete d.positional; }
          else if (isLoc && LABEL_RANGE.test(colsPart) && /["']/.test(colsPart)) {
            // loc[:, "age":"outcome"]: a label range includes both ends (the columns between are unknown here).
            const ends = stringsIn(colsPart);
            d.feat = this.featureSelection(o, 'select', ends, n);
          }
          else if (!isLoc) {
            d.feat = this.featureSelection(o, 'select', [`@iloc:${colsPart}`], n);
            if (/^-1$/.test(colsPart)) d.cols = ['@last'];
          }
        }
        if (rowsPart !== ':' && rowsPart !== '') return this.maybeSliceSplit(d, n, rowsPart);
        return d;
      }
      const w = this.inLoop ? this.overlappingWindow(inner) : undefined;
      if (w) return this.same(o, { resampled: true, varying: true, dup: unionList(o.dup, [{ ...this.dupEvent(n, 'overlapping windows', o.rows), windows: w }]) });
      return this.maybeSliceSplit(this.same(o), n, inner.trim());
    }
    if (hasSlice) {
      const inner = this.text.slice(objNode.to, n.to).replace(/^\s*\[|\]\s*$/g, '').trim();
      const commaAt = topLevelComma(inner);
      // arr[:, 1] / arr[:, :-1]: every row, some columns
      if (commaAt >= 0 && inner.slice(0, commaAt).trim() === ':') return this.same(o);
      return this.maybeSliceSplit(this.same(o), n, inner);
    }
    // df.loc[mask, 'a'] / df.loc[mask, ['a', 'b']]: some rows of the named columns only (a value
    // computed from it reads those columns, not the whole frame).
    const second = idx[1];
    if (isILoc && /\.(loc|ix)$/.test(this.t(objNode)) && idx.length === 2 && second
      && (second.k === 'const' && second.str !== undefined || second.k === 'seq' && second.items.length > 0 && second.items.every((x) => x.k === 'const' && x.str !== undefined))) {
      const cols = second.k === 'const' ? [second.str!] : (second as SeqV).items.map((x) => (x as ConstV).str!);
      const d = this.same(o, { cols, aligned: cols.length > 1 || second.k === 'seq' });
      delete d.positional;
      if (o.frame && (second.k === 'seq' || o.feat)) d.feat = this.featureSelection(o, 'select', cols, n);
      return this.maybeSliceSplit(d, n, undefined);
    }
    // df[names] with a list only partly known (names built in a loop, joined from helpers): a
    // column selection of those names, not a row mask; the names it cannot read are unknown.
    if (first && first.k === 'seq' && !hasSlice && !isILoc && idxNodes.length === 1 && o.frame && (o.feat || first.items.some((x) => x.k === 'const' && x.str !== undefined))) {
      const d = this.same(o, { aligned: true });
      delete d.positional;
      delete d.cols;
      d.feat = this.featureSelection(o, 'select', [...constStrings(first), UNKNOWN_NAMES], n);
      return d;
    }
    // boolean mask or other row selection: same rows (a subset), mask statistics do not flow in
    const d = this.same(o);
    return this.maybeSliceSplit(d, n, undefined);
  }

  /**
   * The stacked parts a cut `a:b` of a concatenation takes when each bound is a sum of the lengths
   * of leading parts (`len(train)`, `len(train) + len(val)`, `train.shape[0]`); undefined when a
   * bound is anything else.
   */
  protected concatPartsBetween(parts: RowKey[][], sliceText: string): RowKey[][] | undefined {
    const m = /^([^:,]*):([^:,]*)$/.exec(sliceText.trim());
    if (!m || parts.length < 2) return undefined;
    const sameRows = (a: RowKey[], b: RowKey[]): boolean => a.length === b.length && a.every((k) => b.some((x) => x.root === k.root && testSetKey(x) === testSetKey(k)));
    const count = (bound: string): number | undefined => {
      const t = bound.replace(/\s+/g, '');
      if (!t) return undefined;
      const used = new Set<number>();
      for (const term of t.split('+')) {
        const nm = /^len\((\w+)\)$/.exec(term)?.[1] ?? /^(\w+)\.shape\[0\]$/.exec(term)?.[1];
        const v = nm ? this.scope.get(nm) : undefined;
        if (!v || v.k !== 'data') return undefined;
        const j = parts.findIndex((p, i) => !used.has(i) && sameRows(p, v.rows));
        if (j < 0) return undefined;
        used.add(j);
      }
      // The lengths of the first k parts, in any order.
      for (let i = 0; i < used.size; i++) if (!used.has(i)) return undefined;
      return used.size;
    };
    const a = m[1].trim() ? count(m[1]) : 0, b = m[2].trim() ? count(m[2]) : parts.length;
    if (a === undefined || b === undefined || a >= b) return undefined;
    return parts.slice(a, b);
  }

  /**
   * `f[f[c] <= b]` / `f[f.c > b]` when the document also cuts the same frame by the opposite comparison on
   * the same column and bound: true for the lower side, false for the upper; undefined otherwise.
   */
  protected complementaryThreshold(text: string): boolean | undefined {
    const t = text.replace(/\s+/g, '');
    const m = /^([A-Za-z_]\w*)\[\1(\[[^[\]]+\]|\.[A-Za-z_]\w*)(<=|<|>=|>)([\w.]+)\]$/.exec(t);
    if (!m) return undefined;
    const [, frame, col, op, bound] = m;
    const lower = op.startsWith('<');
    const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const other = new RegExp(`${esc(frame)}\\[${esc(frame)}${esc(col)}${lower ? '>=?' : '<=?'}${esc(bound)}\\]`);
    return this.chunks.some((c) => other.test(c.text.replace(/\s+/g, ''))) ? lower : undefined;
  }

  protected maybeSliceSplit(dIn: DataV, n: SyntaxNode, sliceText: string | undefined): DataV {
    let d = dIn;
    // all_data[:ntrain] / all_data[ntrain:] after pd.concat([train, test]): take the parts back.
    if (d.concatParts && sliceText !== undefined) {
      const parts = d.concatParts;
      // full.iloc[len(train):len(train) + len(val)] after pd.concat([train, val, test]): bounds that
      // add up the lengths of the stacked parts take back the parts between them.
      const between = this.concatPartsBetween(parts, sliceText);
      if (between) {
        d = this.mkData({ ...this.same(d), rows: between.reduce<RowKey[]>((a, p) => unionKeys(a, p), []) });
        delete d.concatParts;
        delete d.mixSite;
        return d;
      }
      const head = /^:\s*[^:,]+$/.test(sliceText), tail = /^[^:,]+:\s*$/.test(sliceText);
      if (head || tail) {
        const rows = head ? parts[0] : parts.slice(1).reduce<RowKey[]>((a, p) => unionKeys(a, p), []);
        d = this.mkData({ ...this.same(d), rows });
        delete d.concatParts;
        // Taking the parts back apart undoes the stacking.
        delete d.mixSite;
        return d;
      }
    }
    // A hand-written K-fold or rolling-origin loop: a cut whose bounds move with the loop
    // (x[i * n:(i + 1) * n] held out, x[:i * n] and x[(i + 1) * n:] kept for training) divides
    // the same rows into folds, so a statistic fitted on all of them reached every held-out fold.
    // Rows made in this very pass (make_classification(n_samples=n) or a read inside a loop over sizes)
    // are a new data set each pass, cut once: one split per experiment, not folds of shared rows.
    const lbCut = this.loopBodies[this.loopBodies.length - 1];
    const madeThisPass = !!lbCut && d.rows.every((k) => k.root.id > lbCut.startId);
    if (sliceText !== undefined && this.inLoop && d.rows.length && !d.varying && !madeThisPass && d.rows.every((k) => !k.path.some((st) => st.fold !== undefined))) {
      const m = /^([^:,]*):([^:,]*)$/.exec(sliceText.trim());
      if (m && this.movesWithLoop(sliceText) && this.isFoldCut(sliceText)) {
        const key = 'folds:' + this.sliceKey(d);
        let split = this.sliceSplits.get(key);
        if (!split) {
          split = { id: ++this.ids, site: this.site(this.stmt ?? n), kind: 'folds', shuffle: false, names: [] };
          this.sliceSplits.set(key, split);
          this.onSplit(split, [d]);
        }
        const heldOut = m[1].trim() !== '' && m[1].trim() !== '0' && m[2].trim() !== '';
        return this.withStep(d, split, heldOut ? 'val' : 'train', this.loopIters[this.loopIters.length - 1], true);
      }
    }
    // a[:n_train] (a leading cut whose bound names the training part): the training rows,
    // whatever the result is assigned to (mean = a[:num_train].mean(axis=0)).
    if (sliceText !== undefined && /^:\s*[^:,]+$/.test(sliceText) && TRAIN_NAME.test(sliceText) && !TEST_NAME.test(sliceText) && d.rows[0] && lastSide(d.rows[0]) === 'whole' && !(this.inLoop && d.varying)) {
      return this.withStep(d, this.sliceSplitFor(d, n), 'train');
    }
    // Rows that hold both sides of a split (a train+test stack transformed as one matrix), cut
    // back apart by position: the head is the training part, the tail the rest.
    if (sliceText !== undefined && d.rows.some((k) => lastSide(k) === 'train') && d.rows.some((k) => lastSide(k) !== 'train')) {
      const head = /^:\s*[^:,]+$/.test(sliceText), tail = /^[^:,]+:\s*$/.test(sliceText);
      if (head || tail) {
        const out = this.mkData({ ...this.same(d), rows: d.rows.filter((k) => (lastSide(k) === 'train') === head) });
        delete out.mixSite;
        return out;
      }
    }
    // The same stack cut back apart by a threshold on one column, with the opposite threshold written
    // too (`full[full.date <= cutoff]`, `full[full.date > cutoff]`, features built over a train + holdout
    // stack): the lower side is the training part (a chronological holdout comes after it), the upper the rest.
    if (sliceText === undefined && d.rows.some((k) => lastSide(k) === 'train') && d.rows.some((k) => lastSide(k) !== 'train')) {
      const lower = this.complementaryThreshold(this.t(n));
      if (lower !== undefined) {
        const out = this.mkData({ ...this.same(d), rows: d.rows.filter((k) => (lastSide(k) === 'train') === lower) });
        delete out.mixSite;
        return out;
      }
    }
    const name = this.targets.length === 1 ? this.targets[0] : '';
    // A[:cut] and A[cut:] (or s[:-30] and s[-30:]) in the same document: a positional split at that
    // bound even when the parts are not named (passed straight to fit and predict).
    const headM = sliceText !== undefined ? /^\s*:\s*([^:,]+?)\s*$/.exec(sliceText) : null;
    const tailM = sliceText !== undefined ? /^\s*([^:,]+?)\s*:\s*$/.exec(sliceText) : null;
    if ((headM || tailM) && !this.targets.some((t) => TEST_NAME.test(t) || TRAIN_NAME.test(t) || VAL_NAME.test(t)) && !(this.inLoop && d.varying)
      // Rows of a training file (train.csv, a frame named train) cut the same way hold out their tail.
      && d.rows.length && (d.rows.every((k) => lastSide(k) === 'whole') || d.rows.every((k) => !k.path.length && k.root.role === 'train'))) {
      const bound = (headM ?? tailM)![1].replace(/\s+/g, '');
      if (this.hasComplementCut(bound, !!headM)) {
        const key = `cut:${bound}|${this.sliceKey(d)}`;
        let split = this.sliceSplits.get(key);
        if (!split) {
          split = { id: ++this.ids, site: this.site(this.stmt ?? n), kind: 'slice', shuffle: false, names: [], cut: true };
          this.sliceSplits.set(key, split);
          this.onSplit(split, [d]);
        }
        if (!headM) for (const k of d.rows) this.heldOutCutRoots.add(k.root);
        return this.withStep(d, split, headM ? 'train' : 'test');
      }
    }
    // Rows picked by a row mask (`pos = df[df.y == 1]`): parts picked by different masks are different
    // rows, also after each is cut by position (`pos.iloc[:200]`, `neg.iloc[:200]`) and stacked back.
    const byMask = sliceText === undefined && !this.sampling && !this.dropByValues && /\[[^]*(?:[=!]=|[<>]|\.isin\(|~)[^]*\]/.test(this.t(n));
    const picked = (out: DataV): DataV => { if (byMask) out.maskSite = this.site(this.stmt ?? n); return out; };
    if (!name) { d.subsetSite = this.site(this.stmt ?? n); return picked(d); }
    if (this.inLoop && d.varying) {
      // train_ts = ts.iloc[:-N] in a loop over entities: that pass's training cut (the tail held out).
      // The parts collected and stacked after the loop are training rows, not all the rows.
      if (sliceText !== undefined && /^\s*:\s*[^:,]+$/.test(sliceText) && TRAIN_NAME.test(name) && !TEST_NAME.test(name) && !VAL_NAME.test(name)
        && d.rows.length && d.rows.every((k) => !k.path.length)) {
        const key = `loopcut:${this.sliceKey(d)}|${this.iterKey()}`;
        let split = this.sliceSplits.get(key);
        if (!split) {
          split = { id: ++this.ids, site: this.site(this.stmt ?? n), kind: 'slice', shuffle: false, names: [], perPass: true };
          this.sliceSplits.set(key, split);
          this.events.splits.push(split);
          this.noteHeldOut();
        }
        return this.withStep(d, split, 'train');
      }
      return d;
    }
    // Some rows of a held-out set bound as they are to another name (`cold_test = test[test.store
    // == 3]`, `y_new = y_test[mask].copy()`; not `X_test = X_test[mask]`, nor a mask inside a larger
    // expression): a model scored on them is scored on other rows than one scored on the whole set.
    // Named by the selection written after the frame (`[mask]`), so X_test[mask] and y_test[mask]
    // are the same part.
    if (d.rows.length && d.rows.every(isTestSide) && !d.heldSubset && this.stmt) {
      const text = this.t(n).replace(/\s+/g, '');
      const base = /^([A-Za-z_]\w*)/.exec(text)?.[1];
      const stmt = this.t(this.stmt).replace(/\s+/g, '');
      if (base && base !== name && (stmt === `${name}=${text}` || stmt === `${name}=${text}.copy()`)) d = this.same(d, { heldSubset: text.slice(base.length) });
    }
    // train_val_df = train_df[~mask]: the held-out part carved out of the training rows, named after them.
    const carved = /^(?:[a-z]{1,2}_)?(?:train|trn|training)_(test|holdout|val|valid|validation|dev)(?:_|$)/i.exec(name);
    const wantTest = carved ? /^(test|holdout)$/i.test(carved[1]) : TEST_NAME.test(name) && !TRAIN_NAME.test(name);
    const wantVal = carved ? !wantTest : !wantTest && VAL_NAME.test(name) && !TRAIN_NAME.test(name);
    const wantTrain = TRAIN_NAME.test(name) && !wantTest && !wantVal;
    if (!wantTest && !wantVal && !wantTrain) { d.subsetSite = this.site(this.stmt ?? n); return picked(d); }
    const k0 = d.rows[0];
    if (!k0) return d;
    // train.append(test) / concat([train, test]) cut back by a mask (`test = df[df.y.isnull()]`):
    // the held-out part is the rows of the test file stacked in, not rows drawn out of the training file.
    const fileTest = wantTest ? d.rows.filter((k) => !k.path.length && k.root.role === 'test') : [];
    if (fileTest.length && fileTest.length < d.rows.length) return this.same(d, { rows: fileTest });
    const srcSide = lastSide(k0);
    // train = df[msk]; test = df[~msk] on a frame read from a training file: the test part is the
    // complement of a training part cut from the same rows, not drawn out of the training rows.
    // df[msk] / df[~msk] with msk drawn at random: each draw is its own split of the rows.
    const maskName = /\[\s*~?\s*([A-Za-z_]\w*)\s*\]$/.exec(this.t(n).replace(/\s+/g, ' '))?.[1];
    const draw = maskName !== undefined ? this.randomMasks.get(maskName) : undefined;
    const drawKey = draw !== undefined ? `|draw:${draw}` : '';
    const sibling = srcSide === 'train' && !k0.path.length ? this.sliceSplits.get(this.sliceKey(d) + drawKey) : undefined;
    // The last rows of the training part stacked in front of the held-out rows
    // (np.concatenate([train[-window:], test])): the lag context the first test windows are built
    // from, inputs only; the name binds the stack, not rows drawn out of the training part.
    const lagContext = sliceText !== undefined && /^\s*-\s*[^:,]+:\s*$/.test(sliceText) && this.insideStack(n);
    if ((wantTest || wantVal) && srcSide === 'train' && !sibling?.sides?.has('train') && !lagContext) {
      // A held-out set drawn out of the training rows.
      const split = this.sliceSplitFor(d, n, drawKey);
      this.noteGroupCut(split, n);
      if (wantTest) this.events.testFromTrain.push({ site: this.site(this.stmt ?? n), name, split });
      const out = this.withStep(d, split, wantTest ? 'test' : 'val');
      if (wantTest) out.subsetSite = this.site(this.stmt ?? n);
      return out;
    }
    if (srcSide === 'test' || srcSide === 'val') return d;
    // Parts picked by different masks (`train_m = train[train.y == 0]`, `train_n = train[train.y == 1]`)
    // are different rows: stacking them back (downsampling one class) repeats none.
    if (sibling) return picked(this.withStep(d, sibling, wantTrain ? 'train' : wantVal ? 'val' : 'test'));
    // train = train[train.income < cap]: training rows filtered in place (outliers dropped) are the
    // same training rows, not the training side of a new split (a later split of them is train/test).
    // So is a stack of training rows and rows from outside the training part cleaned of duplicates or gaps (X_train =
    // pd.concat([X_train, extra]).drop_duplicates()): rows dropped as bad, not a part cut off for another use.
    if (wantTrain && srcSide === 'train' && d.concatParts && d.rows.some((k) => lastSide(k) !== 'train') && n.name === 'CallExpression' && /\.\s*(?:dropna|drop_duplicates)\s*\([^()]*\)$/.test(this.t(n).trim())) return d;
    if (wantTrain && srcSide === 'train' && byMask && this.stmt && !this.inLoop) {
      const text = this.t(n).replace(/\s+/g, '');
      // Also with a copy taken or the index reset (df = df[df.x > 0].copy()): still rows dropped, none held out.
      const stmt = this.t(this.stmt).replace(/\s+/g, '');
      if (/^([A-Za-z_]\w*)/.exec(text)?.[1] === name && (stmt === `${name}=${text}` || stmt === `${name}=${text}.copy()` || stmt === `${name}=${text}.reset_index(drop=True)`)) return d;
    }
    const split = this.sliceSplitFor(d, n, drawKey);
    const side: Side = wantTrain ? 'train' : wantVal ? 'val' : 'test';
    this.noteGroupCut(split, n);
    // train = df.sample(frac=0.8); test = df.drop(df["label"]): the held-out part drops rows by a
    // column's values, not the sample's index, so the sampled training rows are nearly all in it.
    if (this.dropByValues && side !== 'train' && split.sampledSides?.has('train') && !this.inLoop) {
      this.events.testFromTrain.push({ site: this.site(this.stmt ?? n), name, split, dropBy: this.dropByValues });
    }
    if (this.sampling) {
      // train = df.sample(frac=0.8); test = df.sample(frac=0.2): two independent random samples of
      // the same rows, not a partition of them: rows land in both.
      const other = [...(split.sampledSides ?? [])].find((x) => x !== side);
      if (other && side !== 'train' && !(this.inLoop && d.varying)) this.events.testFromTrain.push({ site: this.site(this.stmt ?? n), name, sampledWith: other });
      (split.sampledSides ??= new Set()).add(side);
    }
    if (side !== 'train') for (const k of d.rows) if (!k.path.length) this.heldOutCutRoots.add(k.root);
    const out = picked(this.withStep(d, split, side));
    // test = s[-365:] and later y_test = y.iloc[n:]: held-out tails cut at other bounds are other rows.
    const bound = side !== 'train' ? (headM ?? tailM)?.[1].replace(/\s+/g, '') : undefined;
    // Cut from rows picked by a mask (one item's series), the same bound takes other rows than a cut of another pick.
    if (bound) out.cutBound = bound + (d.maskSite ? `@${d.maskSite.chunk}:${d.maskSite.from}` : '');
    return out;
  }

  /**
   * test = df[df.match_id.isin(ids)] / train = df[~df.match_id.isin(ids)]: a part picked by whole values of one
   * column. The split keeps that column while every part it gives is picked so.
   */
  protected noteGroupCut(split: Split, n: SyntaxNode): void {
    let text = this.t(n).replace(/\s+/g, '');
    // The same through a mask named before (df.loc[mask, cols], df[~mask]).
    const named = /^([A-Za-z_]\w*)(?:\.loc)?\[(~?)([A-Za-z_]\w*)(?:,.+)?\]$/.exec(text);
    const maskText = named ? this.isinMasks.get(named[3]) : undefined;
    if (named && maskText) text = `${named[1]}[${(named[2] === '~') !== maskText.startsWith('~') ? '~' : ''}${maskText.replace(/^~/, '')}]`;
    const m = /^[A-Za-z_]\w*\[\s*~?\s*\(?\s*[A-Za-z_]\w*\s*(?:\.\s*([A-Za-z_]\w*)|\[\s*(['"])([^'"]+)\2\s*\])\s*\.isin\(([^()]*)\)\s*\)?\s*\]$/.exec(text);
    const col = m ? m[1] ?? m[3] : undefined;
    const mark = (s: Split): void => {
      if (!col || s.notGrouped || s.groupCol !== undefined && s.groupCol !== col) { s.notGrouped = true; delete s.groupCol; return; }
      s.groupCol = col;
    };
    mark(split);
    // isin(test_ids) with test_ids drawn from the ids themselves (np.random.choice / train_test_split of
    // df.match_id.unique()): that draw is the split the parts come from, by the same column.
    const arg = m && /^[A-Za-z_]\w*$/.test(m[4]) ? this.scope.get(m[4]) : undefined;
    if (arg && arg.k === 'data') for (const k of arg.rows) for (const st of k.path) if (st.split !== split) mark(st.split);
  }

  private cutText: string | undefined;
  private cutSeen = new Map<string, boolean>();
  /** The document also cuts at `bound` from the other side (`[bound:]` for a head, `[:bound]` for a tail). */
  protected hasComplementCut(bound: string, head: boolean): boolean {
    const key = (head ? 'h' : 't') + bound;
    const known = this.cutSeen.get(key);
    if (known !== undefined) return known;
    this.cutText ??= this.chunks.map((c) => c.text.replace(/\s+/g, '')).join('\n');
    const found = this.cutText.includes(head ? `[${bound}:]` : `[:${bound}]`) || this.cutText.includes(head ? `[${bound}:,` : `[:${bound},`);
    this.cutSeen.set(key, found);
    return found;
  }

  /**
   * A row cut that is one of a fold loop's cuts: the document also cuts at its bounds from the
   * other side (x[a:b] with x[:a] or x[b:]; x[:a] with x[a:...]; x[b:] with x[...:b]). A minibatch
   * slice x[i:i + bs] alone is not a fold.
   */
  protected isFoldCut(sliceText: string): boolean {
    const m = /^([^:,]*):([^:,]*)$/.exec(sliceText.replace(/\s+/g, ''));
    if (!m) return false;
    const [, a, b] = m;
    this.cutText ??= this.chunks.map((c) => c.text.replace(/\s+/g, '')).join('\n');
    const doc = this.cutText;
    // A rolling-origin backtest: the held-out window x[i:i + step] starts where an expanding
    // training window x[0:i] (or x[:i]) ends; that training window x[0:i] is a leading cut.
    if (a && b && a !== '0') return doc.includes(`[:${a}]`) || doc.includes(`[${b}:]`) || doc.includes(`[0:${a}]`);
    if (b) return doc.includes(`[${b}:`);
    if (a) return doc.includes(`:${a}]`);
    return false;
  }

  /** A name in the slice bounds holds a value that changes per loop iteration (the loop index). */
  /** `i:i + k` where `i` is the target of the innermost `for` over `range(...)` stepping by one. */
  protected slidingWindow(sliceText: string): boolean {
    // data[i:i + n], or the window ending at the loop index, data[i - n:i].
    const m = /^\s*(\w+)\s*:\s*(\w+)\s*\+\s*[\w.]+\s*$/.exec(sliceText) ?? /^\s*(\w+)\s*-\s*[\w.]+\s*:\s*(\w+)\s*$/.exec(sliceText);
    const lb = this.loopBodies[this.loopBodies.length - 1];
    if (!m || m[1] !== m[2] || !lb?.iter) return false;
    const r = /^range\((.*)\)$/s.exec(lb.iter.trim());
    return !!r && lb.targets === m[1] && r[1].split(',').length <= 2;
  }

  /** `[i - n:i]`, `[:i]`, `[:i + 1]`, `[0:i]` where `i` is the target of the innermost loop over `range(...)`. */
  protected trailingWindow(sliceText: string): boolean {
    const lb = this.loopBodies[this.loopBodies.length - 1];
    const i = lb?.targets;
    if (!lb?.iter || !/^range\(/.test(lb.iter.trim()) || !i || !/^\w+$/.test(i)) return false;
    const m = /^\s*([^:]*?)\s*:\s*([^:]*?)\s*$/.exec(sliceText);
    if (!m) return false;
    const end = new RegExp(`^${i}(\\s*\\+\\s*1)?$`).test(m[2]);
    const start = m[1] === '' || m[1] === '0' || new RegExp(`^${i}\\s*-\\s*[\\w.]+$`).test(m[1]);
    return end && start;
  }

  /**
   * `x[i:i + n]` with `i` stepping by a known `step` smaller than `n` (`range(0, len(x) - n, step)`, or
   * `i += n - overlap` in a `while` loop): each window shares `n - step` samples with the next.
   */
  protected overlappingWindow(sliceText: string): NonNullable<DupEvent['windows']> | undefined {
    const lb = this.loopBodies[this.loopBodies.length - 1];
    let m: string[] | null = /^\s*(\w+)\s*:\s*(\w+)\s*\+\s*([\w.]+)\s*$/.exec(sliceText);
    // x[start:end] with the end bound as start + n (`end = start + win` in the loop), or both ends
    // drawn from two ranges offset by n and zipped (`for s, e in zip(range(0, L - n, step), range(n, L, step))`).
    let pair: { end: string; stepText?: string } | undefined;
    const ends = !m && lb ? /^\s*(\w+)\s*:\s*(\w+)\s*$/.exec(sliceText) : null;
    if (ends && lb) {
      const bound = new RegExp(`^[ \\t]*${ends[2]}[ \\t]*=[ \\t]*${ends[1]}[ \\t]*\\+[ \\t]*([\\w.]+)[ \\t]*$`, 'm').exec(lb.text);
      const zipped = lb.targets === `${ends[1]},${ends[2]}` ? /^zip\(\s*range\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*,\s*range\(([^()]*(?:\([^()]*\)[^()]*)*)\)\s*\)$/s.exec((lb.iter ?? '').trim()) : null;
      const r1 = zipped?.[1].split(','), r2 = zipped?.[2].split(',');
      if (bound) { m = [sliceText, ends[1], ends[1], bound[1]]; pair = { end: ends[2] }; }
      else if (r1 && r2 && r1.length === 3 && r2.length === 3 && r1[2].trim() === r2[2].trim() && /^\s*0?\s*$/.test(r1[0]) && /^\s*[\w.]+\s*$/.test(r2[0])) {
        m = [sliceText, ends[1], ends[1], r2[0].trim()];
        pair = { end: ends[2], stepText: r1[2] };
      }
    }
    if (!m || m[1] !== m[2]) return undefined;
    const size = this.constInt(m[3]);
    let stepText: string | undefined, body: string | undefined, stepSite: Site | undefined;
    // [x[i:i + n] for i in range(0, len(x) - n, step)]: the comprehension's own clause first.
    const comp = pair ? undefined : [...this.compLoops].reverse().find((c) => c.targets === m![1]);
    const loop = comp ?? (lb?.targets === m[1] ? { iter: lb.iter ?? '', text: lb.text, site: lb.site } : undefined);
    const r = loop ? /^range\((.*)\)$/s.exec(loop.iter.trim()) : null;
    if (pair?.stepText !== undefined && lb) { stepText = pair.stepText; body = lb.text; stepSite = lb.site; }
    else if (r && loop) { stepText = r[1].split(',')[2]; body = loop.text; stepSite = loop.site; }
    else {
      const inc = new RegExp(`^[ \\t]*${m[1]}\\s*(?:\\+=|=\\s*${m[1]}\\s*\\+)\\s*\\(?([^()\\n]+?)\\)?\\s*$`, 'm');
      const wb = [...this.whileBodies].reverse().find((b) => inc.test(b.text));
      const hit = wb ? inc.exec(wb.text) : null;
      if (wb && hit) {
        body = wb.text; stepText = hit[1];
        // The counter's step statement (`i += n - overlap`), where the overlap is decided.
        const at = wb.from + hit.index + (hit[0].length - hit[0].trimStart().length);
        const to = wb.from + hit.index + hit[0].trimEnd().length;
        stepSite = { chunk: this.chunkIndex, from: at, to, stmtFrom: at, stmtTo: to, ...(this.callers.length ? { callers: this.callers } : {}) };
      }
    }
    const step = stepText === undefined ? undefined : this.constInt(stepText);
    // A window length computed from the data (`chunk = int(len(x) * 0.1)`) and a step written as a
    // fraction of it (`hop = int(chunk * (1 - overlap))`, `chunk // 2`): shorter than the window
    // whatever the length, checked at two lengths. The message then names them instead of numbers.
    let named: { size: string; step: string } | undefined;
    if (size === undefined && step === undefined && stepText !== undefined && /^[A-Za-z_]\w*$/.test(m[3])) {
      const at = (len: number): number | undefined => this.constInt(stepText!, 0, new Map([[m[3], len]]));
      const a = at(1000), b = at(4096);
      if (a !== undefined && b !== undefined && a > 1 && a < 1000 && b > 1 && b < 4096) named = { size: m[3], step: stepText.trim() };
    }
    // The value after the window taken as its target (y.append(x[i + n])): a forecast, temporal's case.
    const after = new RegExp(`\\[\\s*${m[1]}\\s*\\+\\s*${m[3].replace(/\./g, '\\.')}\\s*(\\+[^\\]:]*)?\\]|\\[\\s*${m[1]}\\s*\\+\\s*${m[3].replace(/\./g, '\\.')}\\s*(\\+[^\\]:]*)?:${pair ? `|\\[\\s*${pair.end}\\s*(\\+[^\\]:]*)?[\\]:]` : ''}`);
    // Written in the loop, or in a sibling loop or comprehension of the same cell or file (y = [x[i + n] for i in ...]).
    if (body && after.test(body) || after.test(this.text)) return undefined;
    // Stride-1 windows are the sliding windows of a series (temporal, above), not this.
    if (size !== undefined && step !== undefined && step > 1 && step < size) return { size, step, ...(stepSite ? { stepSite } : {}) };
    if (named) return { size: 0, step: 0, named, ...(stepSite ? { stepSite } : {}) };
    // Disjoint segments (step = size) that each get the same label, a name the loop neither indexes nor
    // assigns (`labels.append(genre)`): pieces of one labelled recording, like crops of one photo (r023).
    const recordLabel = size !== undefined && step === size && body ? this.recordLabel(body, m[1]) : undefined;
    return recordLabel && size !== undefined ? { size, step: size, recordLabel, ...(stepSite ? { stepSite } : {}) } : undefined;
  }

  /** The name appended to a label list in a segment loop when it is the same for every segment. */
  private recordLabel(body: string, idx: string): string | undefined {
    const m = /\b(?:y|ys|labels?|targets?|tags|classes|genres?)\w*\s*\.\s*append\(\s*([A-Za-z_]\w*)\s*\)/.exec(body);
    if (!m || m[1] === idx) return undefined;
    // Bound inside the loop (lab = rec.label[i]; y.append(lab)): it may change per segment.
    if (new RegExp(`(^|\\n)\\s*${m[1]}\\s*(=(?!=)|,)|\\bfor\\s+[^\\n]*\\b${m[1]}\\b[^\\n]*\\bin\\b`).test(body)) return undefined;
    return m[1];
  }

  /** An integer written as a literal, a name bound to one, or arithmetic of those (see `constNum`). */
  protected constInt(text: string, depth = 0, bind?: ReadonlyMap<string, number>): number | undefined {
    const v = this.constNum(text, depth, bind);
    return v !== undefined && Number.isInteger(v) ? v : undefined;
  }

  /**
   * A number written as arithmetic of literals and of names bound once in this file to such arithmetic
   * (`step = int(WINDOW * (1 - OVERLAP))`, `hop = win // 2`, `n = int(2.5 * fs)`): + - * / // %, brackets,
   * `int`, `round`, `math.floor` / `math.ceil`; names followed through at most three bindings.
   */
  protected constNum(text: string, depth = 0, bind?: ReadonlyMap<string, number>): number | undefined {
    const toks = text.match(/\d+\.\d*|\.\d+|\d+|[A-Za-z_][\w.]*|\/\/|[-+*/%()]|\S/g) ?? [];
    let i = 0;
    const name = (s: string): number | undefined => {
      const bound = bind?.get(s);
      if (bound !== undefined) return bound;
      const v = this.lookup(s);
      if (v.k === 'const' && /^(\d+\.?\d*|\.\d+)$/.test(v.text)) return Number(v.text);
      if (depth >= 3 || !/^[A-Za-z_]\w*$/.test(s)) return undefined;
      const defs = [...this.text.matchAll(new RegExp(`^[ \\t]*${s}[ \\t]*=(?!=)[ \\t]*([^\\n#]+)`, 'gm'))].map((m) => m[1].trim());
      return defs.length === 1 ? this.constNum(defs[0], depth + 1, bind) : undefined;
    };
    const atom = (): number | undefined => {
      const t = toks[i++];
      if (t === undefined) return undefined;
      if (t === '-') { const a = atom(); return a === undefined ? undefined : -a; }
      if (t === '(') { const a = sum(); return toks[i++] === ')' ? a : undefined; }
      if (/^(\d|\.\d)/.test(t)) return Number(t);
      if (toks[i] === '(') {
        const fn = { int: Math.trunc, round: Math.round, 'math.floor': Math.floor, 'math.ceil': Math.ceil, 'np.floor': Math.floor, 'np.ceil': Math.ceil }[t];
        i++;
        const a = sum();
        return fn && a !== undefined && toks[i++] === ')' ? fn(a) : undefined;
      }
      return /^[A-Za-z_]/.test(t) ? name(t) : undefined;
    };
    const prod = (): number | undefined => {
      let a = atom();
      while (a !== undefined && /^(\*|\/|\/\/|%)$/.test(toks[i] ?? '')) {
        const op = toks[i++], b = atom();
        if (b === undefined || op !== '*' && !b) return undefined;
        a = op === '*' ? a * b : op === '/' ? a / b : op === '//' ? Math.floor(a / b) : a % b;
      }
      return a;
    };
    const sum = (): number | undefined => {
      let a = prod();
      while (a !== undefined && (toks[i] === '+' || toks[i] === '-')) {
        const op = toks[i++], b = prod();
        if (b === undefined) return undefined;
        a = op === '+' ? a + b : a - b;
      }
      return a;
    };
    const v = sum();
    return i === toks.length && v !== undefined && Number.isFinite(v) ? v : undefined;
  }

  protected movesWithLoop(sliceText: string): boolean {
    for (const name of sliceText.match(/[A-Za-z_]\w*/g) ?? []) {
      const v = this.scope.get(name);
      if (v && v.varying && (v.k === 'const' || v.k === 'scalar')) return true;
    }
    return false;
  }

  /** True when `n` is an element of a row-stacking call (np.concatenate, pd.concat, vstack) in the current statement. */
  protected insideStack(n: SyntaxNode): boolean {
    for (let p = n.parent; p && p !== this.stmt; p = p.parent) {
      if (p.name === 'CallExpression' && p.firstChild && /(^|\.)(concatenate|concat|vstack|row_stack|append|cat)$/.test(this.t(p.firstChild).replace(/\s+/g, ''))) return true;
    }
    return false;
  }

  protected sliceKey(d: DataV): string {
    const k0 = d.rows[0];
    // Rows picked by a mask (one country's series) cut by position are not the rows of another pick cut the same way.
    const pick = d.maskSite ? `@${d.maskSite.chunk}:${d.maskSite.from}` : '';
    return `${k0.root.id}:${mapList(k0.path, (s) => s.split.id + s.side).join('/')}${pick}`;
  }

  protected sliceSplitFor(d: DataV, n: SyntaxNode, extraKey = ''): Split {
    const key = this.sliceKey(d) + extraKey;
    let split = this.sliceSplits.get(key);
    if (!split) {
      split = { id: ++this.ids, site: this.site(this.stmt ?? n), kind: 'slice', shuffle: this.sampling, names: [], ...(extraKey ? { draw: extraKey } : {}) };
      this.sliceSplits.set(key, split);
      this.onSplit(split, [d]);
    }
    return split;
  }

  // ---------- calls ----------

  protected args(argList: SyntaxNode | null): Args {
    // Keyword maps are created only when a call has keywords (most calls have none).
    const a: Args = { pos: [], posNodes: [], kw: NO_ARGS.kw, kwNodes: NO_ARGS.kwNodes, node: argList };
    if (!argList) return a;
    let c = argList.firstChild;
    while (c) {
      // lezer allocates a node per sibling step: fetch each neighbour once
      const next: SyntaxNode | null = c.nextSibling;
      const name = c.name;
      if (name === 'VariableName' && next?.name === 'AssignOp') {
        const valNode = next.nextSibling;
        if (valNode) {
          if (a.kw === NO_ARGS.kw) { a.kw = new Map(); a.kwNodes = new Map(); }
          const key = this.t(c);
          a.kw.set(key, this.ev(valNode)); a.kwNodes.set(key, valNode);
          c = valNode.nextSibling;
        } else c = null;
        continue;
      }
      if (name === '*' || name === '**') {
        if (next && isExpr(next)) {
          const v = this.ev(next);
          if (name === '*' && v.k === 'seq') { a.pos.push(...v.items); for (let i = 0; i < v.items.length; i++) a.posNodes.push(next); }
          else if (name === '*') { a.pos.push(v); a.posNodes.push(next); }
          else {
            if (v.varying) {
              // Model(**params) with params drawn per iteration (ParameterGrid, sampled configs): a new setting each time.
              if (a.kw === NO_ARGS.kw) { a.kw = new Map(); a.kwNodes = new Map(); }
              a.kw.set('**', v); a.kwNodes.set('**', next);
            }
            if (v.k === 'seq' && v.keys && v.keys.some((k) => k !== undefined && HANDS_DATA_KW.has(k))) {
              // train(**arguments) / fit(X, y, **fit_params) with a literal dict that hands data (dtrain=, evals=,
              // eval_set=): those keywords are passed as if written in the call, also when the data in it
              // varies (built in a loop) and so makes the dict vary.
              if (a.kw === NO_ARGS.kw) { a.kw = new Map(); a.kwNodes = new Map(); }
              v.keys.forEach((k, i) => { if (k !== undefined && HANDS_DATA_KW.has(k) && !a.kw.has(k)) { a.kw.set(k, v.items[i]); a.kwNodes.set(k, next); } });
            }
          }
          c = next.nextSibling;
        } else c = next;
        continue;
      }
      if (isExpr(c)) {
        // generator argument: f(x for x in y)
        if (next?.name === 'for') { a.pos.push(this.evComprehension(argList)); a.posNodes.push(c); break; }
        a.pos.push(this.ev(c)); a.posNodes.push(c);
      }
      c = next;
    }
    return a;
  }


  /**
   * `super().__init__(...)` / `super(Cls, self).run()` in a method: the method of a base class of the
   * class that method was written in, run on the same instance.
   */
  protected superMethod(objNode: SyntaxNode, method: string): { fn: FnV; self: ObjV } | undefined {
    if (objNode.name !== 'CallExpression' || objNode.firstChild?.name !== 'VariableName' || this.t(objNode.firstChild) !== 'super') return undefined;
    const frame = this.callFrames[this.callFrames.length - 1];
    const self = frame?.self;
    if (!frame?.fn?.isMethod || self?.k !== 'obj') return undefined;
    const named = child(objNode, 'ArgList')?.firstChild?.nextSibling;
    const cls = named?.name === 'VariableName' ? this.ev(named) : frame.fn.cls;
    if (cls?.k !== 'class') return undefined;
    for (const base of cls.bases ?? []) {
      const fn = base.methods.get(method);
      if (fn) return { fn, self };
    }
    return undefined;
  }

  protected evCall(n: SyntaxNode): Val {
    const callee = n.firstChild;
    if (!callee) return this.scalar('?');
    const last = n.lastChild;
    const argList = last?.name === 'ArgList' ? last : child(n, 'ArgList');
    if (callee.name === 'MemberExpression' && !isSubscript(callee)) {
      const objNode = callee.firstChild;
      const method = callee.lastChild ? this.t(callee.lastChild) : '';
      const bound = this.boundProps.has(method) ? this.scope.get(this.t(callee)) : undefined;
      if (bound && bound.k === 'fn') return this.callFunction(bound, this.args(argList), n);
      const sup = objNode ? this.superMethod(objNode, method) : undefined;
      if (sup) return this.callFunction(sup.fn, this.args(argList), n, sup.self);
      const obj = objNode ? this.ev(objNode) : this.scalar('?');
      const args = this.args(argList);
      if (obj.k === 'mod' && obj.ns) {
        // utils.prep(df): a function or class of a module of the project.
        const m = obj.ns.get(method);
        if (m?.k === 'fn') return this.callFunction(m, args, n);
        if (m?.k === 'class') return this.instantiate(m, args, n);
      }
      if (obj.k === 'obj' || obj.k === 'class') {
        const field = obj.k === 'obj' ? obj.fields.get(method) : undefined;
        if (field && field.k !== 'fn') {
          // A network of the document kept on a wrapper (`self.model = Net(...)`) and called as `self.model(x)`:
          // its prediction, as when called by name.
          const fwd = field.k === 'obj' ? this.moduleForward(field, args, n) : undefined;
          return fwd ?? this.callMethod(field, '__call__', args, n, objNode);
        }
        const m = field ?? (obj.k === 'obj' ? obj.cls.methods.get(method) : obj.methods.get(method));
        // A transformer class of the document that writes only fit and transform (scikit-learn's
        // TransformerMixin supplies fit_transform): fit_transform(X, y) is fit(X, y).transform(X).
        const fitM = obj.k === 'obj' ? obj.cls.methods.get('fit') : undefined;
        const transformM = obj.k === 'obj' ? obj.cls.methods.get('transform') : undefined;
        if (!m && obj.k === 'obj' && method === 'fit_transform' && fitM && transformM && args.pos[0]) {
          this.callFunction(fitM, args, n, obj);
          return this.callFunction(transformM, { ...NO_ARGS, pos: args.pos.slice(0, 1), posNodes: args.posNodes.slice(0, 1) }, n, obj);
        }
        if (m && m.k === 'fn') {
          const out = this.callFunction(m, args, n, obj.k === 'obj' ? obj : undefined);
          return obj.k === 'obj' ? this.handClassModel(obj, method, args, n, out) : out;
        }
        // nn.Module methods that return the network itself (model = model.to(device)).
        if (obj.k === 'obj' && obj.cls.methods.has('forward') && /^(to|cuda|cpu|float|double|half|train|eval|requires_grad_)$/.test(method)) return obj;
        // A method the class inherits (a subclassed keras.Model's fit(..., validation_data=)) still
        // hands its held-out data to training.
        if (!m) this.noteTrainingEval(method, args, n, obj);
        return this.join(args.pos, n);
      }
      this.runObjectives(method, args, objNode?.name === 'VariableName' ? this.t(objNode) : undefined);
      const out = this.callMethod(obj, method, args, n, objNode);
      // rng.choice([0, 1], size=n) on a generator of np.random (default_rng, RandomState): a random draw.
      if (out.k === 'scalar' && !out.prep.length && obj.k === 'scalar' && /^(choice|integers|randint|rand|random|uniform|binomial)$/.test(method) && /\b(?:default_rng|RandomState)\(/.test(obj.name)) this.noModelArrays.add(out);
      // corr.where(np.triu(...)): one triangle of a feature-by-feature matrix, the input of a collinearity
      // screen; feature pairs, no label, so what it drops carries no statistic (g021).
      if ((method === 'where' || method === 'mask') && (out.k === 'data' || out.k === 'scalar') && out.prep.some((f) => PAIRWISE_STAT.has(f.cls))
        && args.posNodes[0] && /\b(?:triu|tril)\b/.test(this.t(args.posNodes[0]))) {
        const prep = out.prep.filter((f) => !PAIRWISE_STAT.has(f.cls));
        return out.k === 'data' ? this.mkData({ ...this.same(out), prep }) : { ...out, prep };
      }
      return out;
    }
    const f = this.ev(callee);
    const args = this.args(argList);
    // max(models, key=lambda m: m.score(X_test, y_test)), min(thresholds, key=...): the key runs
    // once per item, each item another model or setting, and the extreme is kept.
    const key = args.kw.get('key');
    if (key && key.k === 'fn' && callee.name === 'VariableName' && /^(max|min|sorted)$/.test(this.t(callee)) && args.pos[0] && !this.active.has(key.node)) {
      const items = args.pos[0];
      for (let i = 0; i < 2; i++) {
        this.loopIters.push(i);
        try { this.callFunction(key, { ...NO_ARGS, pos: [this.element(items, i)], posNodes: [] }, n); } finally { this.loopIters.pop(); }
      }
    }
    // map(score_with, range(k)): the function runs once per item, as the body of a loop over them would.
    const mapped = callee.name === 'VariableName' && this.t(callee) === 'map' && args.pos.length === 2 ? args.pos[0] : undefined;
    if (mapped?.k === 'fn' && !this.active.has(mapped.node)) {
      const items: Val[] = [];
      for (let i = 0; i < 2; i++) {
        this.loopIters.push(i);
        try { items.push(this.callFunction(mapped, { ...NO_ARGS, pos: [this.element(args.pos[1], i)], posNodes: [] }, n)); } finally { this.loopIters.pop(); }
      }
      return { k: 'seq', items, varying: true };
    }
    if (f.k === 'mod' || f.k === 'scalar' || f.k === 'class') this.runObjectives(lastPart(f.k === 'mod' ? f.q : f.k === 'scalar' ? f.name : f.name), args);
    if (f.k === 'fn') {
      // A hand-written metric (def rmse(a, b): ...) scores its arguments like a library metric,
      // unless its body already called one.
      if (!userMetricName(f.name)) return this.handWritten(f.name, args, n, this.callFunction(f, args, n));
      const before = this.events.evals.length;
      // The helper's own arithmetic (a - b) is the metric: it is recorded here, at the call.
      this.inMetricHelper++;
      let out: Val;
      try { out = this.callFunction(f, args, n); } finally { this.inMetricHelper--; }
      // get_score(text, tokenizer, model): a helper that runs a model given as an argument on its input returns
      // that model's output (a prediction), not a score of it.
      if (this.events.evals.length === before && !this.runsModelParam(f)) this.metric(f.name, args, n);
      return out;
    }
    if (f.k === 'class') return this.instantiate(f, args, n);
    if (f.k === 'obj') {
      const out = this.moduleForward(f, args, n);
      if (out) return out;
    }
    if (f.k === 'mod') return this.callQualified(f.q, lastPart(f.q), args, n);
    if (f.k === 'scalar') {
      // Unimported name (other notebook, star import): resolve by name.
      const out = this.callQualified(f.name, lastPart(f.name), args, n);
      // A class or factory drawn per iteration (for name, Est in all_estimators(): model = Est()):
      // what it builds is a new model each time.
      return f.varying && this.inLoop && out.k === 'scalar' && !out.varying ? withVarying(out) : out;
    }
    if (f.k === 'est') {
      // A fitted preprocessing layer applied by calling it (Keras `vectorize(texts)` after `adapt`).
      const a0 = args.pos[0];
      if (f.fit && a0 && (a0.k === 'data' || a0.k === 'scalar' && a0.name !== '?') && (f.cat === 'transformer' || f.cat === 'clusterer')) {
        return this.transformOut(f, this.asData(a0, args.posNodes[0] ? this.t(args.posNodes[0]) : 'X'));
      }
      // A network called on a batch (`model(xb)`, `bert(input_ids, attention_mask=m)`): its prediction for those rows.
      if (f.cat === 'model' && !f.loaded && a0 && a0.k === 'data' && a0.rows.length) return this.predictOut(f, a0);
      return this.scalar(this.t(n));
    }
    return this.join([f, ...args.pos], n);
  }

  /** The model each instance of a network class written in the document stands for. */
  private moduleEsts = new WeakMap<ObjV, EstV>();

  /**
   * `model(x)` on an instance of a class of the document with a `forward` method (a PyTorch
   * `nn.Module` written by hand): its output is that network's prediction for the rows of `x`. Each
   * instance is its own model (one version per instance; training it step by step is not followed).
   */
  protected moduleForward(o: ObjV, args: Args, n: SyntaxNode): Val | undefined {
    if (!o.cls.methods.has('forward') || o.cls.methods.has('__call__')) return undefined;
    const a0 = args.pos[0];
    if (!a0 || a0.k !== 'data' || !a0.rows.length) return undefined;
    let est = this.moduleEsts.get(o);
    if (!est) {
      est = this.estFromName(`${o.cls.name}()`, 'model', NO_ARGS, n);
      est.version = `module:${est.id}`;
      this.moduleEsts.set(o, est);
    }
    return this.predictOut(est, a0);
  }

  /** Instances of a hand-written model class: the rows its `fit` was given, and the model it stands for once it predicts. */
  private handClassFits = new WeakMap<ObjV, { args: Args; node: SyntaxNode; est?: EstV }>();

  /**
   * A model class written in the document (`class NaiveBayes: def fit(self, X, y) ... def predict(self, X)`,
   * course work, from-scratch implementations) whose `predict` builds its output by hand (a loop of
   * argmax), so the body's result is not a model's prediction: each instance fitted on data stands for
   * one model, and its `predict(X)` is that model's prediction on those rows. A wrapper whose predict
   * already returns an inner model's prediction is left to the body.
   */
  protected handClassModel(o: ObjV, method: string, args: Args, n: SyntaxNode, out: Val): Val {
    if (!o.cls.methods.has('fit') || !o.cls.methods.has('predict') || o.cls.methods.has('transform') || o.cls.methods.has('forward')) return out;
    const X = args.pos[0];
    if (method === 'fit') {
      if (X && X.k === 'data' && X.rows.length) this.handClassFits.set(o, { args: { ...NO_ARGS, pos: args.pos.slice(0, 2), posNodes: args.posNodes.slice(0, 2) }, node: n });
      return out;
    }
    if (method !== 'predict' || !X || X.k !== 'data' || !X.rows.length || out.k === 'data' && out.pred) return out;
    const fitted = this.handClassFits.get(o);
    if (!fitted) return out;
    if (!fitted.est) {
      fitted.est = this.estFromName(`${o.cls.name}()`, 'model', NO_ARGS, fitted.node);
      this.estMethod(fitted.est, 'fit', fitted.args, fitted.node);
    }
    return this.estMethod(fitted.est, 'predict', { ...NO_ARGS, pos: [X], posNodes: [] }, n);
  }

  /** Models written by hand: what each `fit_*` / `*_fit` helper returned, and the model it stands for. */
  private handModels = new WeakMap<object, EstV>();

  /**
   * Models written by hand as functions (course work, from-scratch implementations): a helper named
   * like a fit (`fit_tree(X, y)`, `boosting_fit(X, y)`, `train_knn(X, y)`) given data returns a model
   * fitted on it, whatever it is built of (a dict of splits, a list of weights); a helper named like
   * a prediction given that model and data (`predict(tree, X_te)`, `forest_predict(X_te, trees)`)
   * returns its predictions on those rows.
   */
  protected handWritten(name: string, args: Args, n: SyntaxNode, out: Val): Val {
    if (out.k === 'est' || out.k === 'const' || out.k === 'fn' || out.k === 'class' || out.k === 'mod') return out;
    if (HAND_FIT.test(name) && !HAND_FIT_NOT.test(name)) {
      const X = args.pos[0];
      if (!X || X.k !== 'data' || !X.rows.length || out.k === 'scalar' && out.name === 'None' || out.k === 'data' && out.pred) return out;
      const est = this.estFromName(`${name}()`, 'model', args, n);
      this.estMethod(est, 'fit', { ...NO_ARGS, pos: args.pos.slice(0, 2), posNodes: args.posNodes.slice(0, 2) }, n);
      this.handModels.set(out, est);
      return out;
    }
    if (HAND_PREDICT.test(name)) {
      let est: EstV | undefined, X: DataV | undefined;
      for (const a of args.pos) {
        const m = this.handModels.get(a);
        if (m) est = est ?? m;
        else if (a.k === 'data' && !X) X = a;
      }
      if (est && X) return this.estMethod(est, 'predict', { ...NO_ARGS, pos: [X], posNodes: [] }, n);
    }
    return out;
  }

  /**
   * A function handed to a hyper-parameter search driver (Optuna `study.optimize(objective)`,
   * hyperopt `fmin(fn=...)`, scikit-optimize `gp_minimize(f, ...)`, `BayesianOptimization(f=...)`,
   * Ray `tune.run(trainable)`) runs once per trial with a new setting: it is run here as a loop,
   * and the models it builds are a new version per trial.
   */
  /** Rows the trials of a search driver's objective cross-validated on, by the driver's name (`study`). */
  private objectiveRows = new Map<string, RowKey[]>();

  protected runObjectives(name: string, args: Args, driver?: string): void {
    if (!SEARCH_DRIVER.test(name)) return;
    const cvBefore = this.cvInputs.length;
    // The objective is a function, or an object of the document's own class that is called (`study.optimize(self)`
    // with a `__call__(self, trial)` method).
    const fns: { fn: FnV; self?: Val }[] = [];
    for (const v of [args.pos[0], ...['func', 'fn', 'f', 'objective', 'trainable'].map((k) => args.kw.get(k))]) {
      if (v?.k === 'fn' && !v.isMethod) fns.push({ fn: v });
      const call = v?.k === 'obj' ? v.cls.methods.get('__call__') : undefined;
      if (v?.k === 'obj' && call?.k === 'fn') fns.push({ fn: call, self: v });
    }
    for (const { fn, self } of fns) {
      if (this.active.has(fn.node)) continue;
      // The trials' cross-validated scores only rank the settings when the study's own score is never
      // read (only `study.best_params` is) and the objective shows none: its folds report nothing, as a
      // search whose best_score_ nothing reads (README: CV only inside a search whose score is never reported).
      const unread = !!driver && this.studyScoreUnread(driver, fn);
      if (unread) this.objectiveUnread++;
      // Two trials, however deep the driver is nested (the objective is a loop of its own).
      try {
        for (let i = 0; i < 2; i++) {
          this.loopIters.push(i);
          this.searchTrials++;
          try { this.callFunction(fn, { ...NO_ARGS, pos: [withVarying(this.scalar('trial'))], posNodes: [] }, null, self); } finally { this.searchTrials--; this.loopIters.pop(); }
        }
      } finally { if (unread) this.objectiveUnread--; }
    }
    // The rows the trials' models were cross-validated on (cross_val_score in the objective): `study.best_params`
    // is then a setting chosen by a score over those rows, as a search's `best_params_`.
    if (driver && fns.length) {
      const rows = this.cvInputs.slice(cvBefore).reduce<RowKey[]>((acc, r) => unionKeys(acc, r), []);
      if (rows.length) this.objectiveRows.set(driver, rows); else this.objectiveRows.delete(driver);
    }
  }

  /**
   * The search driver `study` is only bound, run and asked for its chosen setting (`study.best_params`,
   * `study.best_trial.params`): its best value, trials and plots are never read, and the objective
   * prints, logs or collects nothing. Its trials' scores then only pick the setting.
   */
  private studyScoreUnread(driver: string, fn: FnV): boolean {
    if (!/^[A-Za-z_]\w*$/.test(driver) || nameUses(this.chunks, [driver]) === Infinity) return false;
    if (/\b(?:print|display|log\w*|info|append|write\w*|plot\w*|report|set_user_attr)\s*\(/.test(this.t(fn.node))) return false;
    // String literals with no braces (a file name such as "study.pkl") read nothing; f-string fields may.
    const main = this.chunks.filter((c) => c.file === undefined).map((c) => c.text.replace(/^[ \t]*#.*$/gm, '').replace(/(["'])(?:(?!\1)[^\\{}\n])*\1/g, '""')).join('\n');
    const all = main.match(new RegExp(`\\b${driver}\\b`, 'g'))?.length ?? 0;
    // Saving the study (`joblib.dump(study, path)`) keeps it for a later script: it shows no score here.
    const allowed = main.match(new RegExp(`^[ \\t]*${driver}[ \\t]*=(?!=)|\\b${driver}\\s*\\.\\s*(?:optimize\\s*\\(|best_params\\b|best_trial\\s*\\.\\s*params\\b)|\\b(?:joblib|pickle|dill)\\s*\\.\\s*dump\\s*\\(\\s*${driver}\\s*,`, 'gm'))?.length ?? 0;
    return all > 0 && allowed === all;
  }

  /**
   * `def encode(c): X_train[c + "_enc"] = X_train[c].map(means)` with X_train a global frame the
   * function never rebinds: pandas writes the column into that global frame, as writeBackParams does
   * for a frame handed as an argument.
   */
  protected writeBackGlobals(params: Set<string>, body: SyntaxNode): void {
    const globals = this.curGlobal;
    const pairs: { name: string; arg: DataV }[] = [];
    for (const [name, now] of this.scope.vars) {
      if (params.has(name) || this.globalNames?.has(name) || now.k !== 'data') continue;
      const g = globals.get(name);
      if (g && g.k === 'data' && g !== now && g.frame) pairs.push({ name, arg: g });
    }
    if (pairs.length) this.writeBackParams(pairs, body);
  }

  /**
   * `def fill(df): df[c] = df[c].fillna(df[c].mean())` called as `fill(train)`: pandas writes the
   * column into the caller's frame, so the statistics the function wrote into a frame it was handed
   * (and did not rebind: `df = df.copy()`) are on the caller's rows after the call, as an in-place
   * `fillna(..., inplace=True)` on them is.
   */
  protected writeBackParams(params: { name: string; arg: DataV }[], body: SyntaxNode): void {
    let text: string | undefined;
    for (const { name, arg } of params) {
      const now = this.scope.get(name);
      if (!now || now === arg || now.k !== 'data' || now.frame !== arg.frame
        || now.rows.length !== arg.rows.length || now.rows.some((k, i) => k.root !== arg.rows[i].root || k.path.length !== arg.rows[i].path.length)) continue;
      const added = now.prep.filter((f) => !arg.prep.includes(f) && this.events.frameStatFits.has(f.id));
      // A date column parsed, or lags written, into the frame (`df["Date"] = pd.to_datetime(df["Date"])`)
      // date the caller's rows as well.
      const time = now.time && now.time !== arg.time && (!arg.time || weakTime(arg.time) && !weakTime(now.time)) ? now.time : undefined;
      if (!added.length && !time) continue;
      text ??= this.t(body);
      // Rebound by a plain assignment (df = df.copy(), df = df.dropna()): the caller's frame is not the one written.
      if (new RegExp(`^[ \\t]*${name}\\s*=[^=]`, 'm').test(text)) continue;
      if (time) arg.time = time;
      if (!added.length) continue;
      arg.prep = unionList(arg.prep, added);
      this.checkPrep(arg);
    }
  }

  /** `yield a, b` / `yield from gen`: the values a generator function's call gives (see callFunction). */
  protected execYield(n: SyntaxNode): void {
    const exprs: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) exprs.push(c);
    const values = exprs.map((x) => this.ev(x));
    if (!this.yields || !values.length) return;
    if (child(n, 'from')) {
      const v = values[0];
      if (v.k === 'seq') this.yields.push(...v.items); else this.yields.push(v);
    } else this.yields.push(values.length > 1 ? { k: 'seq', items: values } : values[0]);
  }

  protected callFunction(fn: FnV, args0: Args, n: SyntaxNode | null, selfIn?: Val): Val {
    fn.called = true;
    const bound = fn.boundPos?.length ?? 0;
    const args: Args = bound || fn.boundKw?.size ? { ...args0, pos: [...(fn.boundPos ?? []), ...args0.pos], posNodes: args0.posNodes.length ? [...Array<SyntaxNode | undefined>(bound), ...args0.posNodes] as SyntaxNode[] : [], kw: new Map([...(fn.boundKw ?? []), ...args0.kw]) } : args0;
    const self = selfIn ?? fn.self;
    if (this.active.has(fn.node) || this.callers.length > 4) return this.join(args.pos, n ?? undefined);
    const savedChunk = this.chunkIndex;
    const savedScope = this.scope, savedReturns = this.returns, savedStmt = this.stmt, savedTargets = this.targets, savedGlobals = this.globalNames, savedCur = this.curGlobal;
    const savedYields = this.yields;
    this.globalNames = new Set();
    const callSite = n ? this.site(n) : undefined;
    // A web request handler (a view's `post(self, request)`, a route taking `request`) serves too.
    const handler = fn.node.name !== 'LambdaExpression' && /^(get|post|put|patch|dispatch|\w*view)$/i.test(fn.name)
      && /^\(\s*(self\s*,\s*)?(request|req)\b/.test(this.t(child(fn.node, 'ParamList') ?? fn.node).trim());
    const serving = (SERVING_FUNCTION.test(fn.name) || handler) && !/train|fit|eval|valid|cv/i.test(fn.name);
    this.active.add(fn.node);
    const savedCallers = this.callers;
    // Calls into another file of the project are remembered (methods too): findings there are placed at the call.
    if (callSite && (!fn.isMethod || this.chunks[fn.chunk].file !== undefined)) this.callers = [...this.callers, callSite];
    this.callFrames.push({ chunk: savedChunk, stmt: savedStmt, targets: savedTargets, fn, self });
    // A method of the app's own model object named for training (system.train(df)): an app that
    // trains its models when no saved artifact exists runs training code there, not serving (as
    // `model.train(df)` of a known model). A plain route function (retrain_all()) is not this.
    const training = !serving && fn.isMethod && /^(train|fit|retrain)(_models?)?$/i.test(fn.name);
    if (serving) { this.servingFnDepth++; this.servingFnNames.push(fn.name); }
    if (training) this.trainingFnDepth++;
    this.enterChunk(fn.chunk);
    // Lambdas close over the scope they are written in; functions see module globals.
    this.scope = new Scope(fn.node.name === 'LambdaExpression' ? savedScope : fn.globals as Scope | undefined ?? this.global);
    if (fn.node.name !== 'LambdaExpression') this.curGlobal = fn.globals as Scope | undefined ?? this.global;
    this.returns = [];
    this.yields = [];
    this.targets = [];
    const savedReturned = this.returnedSurely;
    this.returnedSurely = false;
    // A function nobody calls, run on its own with no arguments (run()): its parameters are this run's.
    const uncalledRun = n === null && this.runningUncalled && !args.pos.length && !args.kw.size ? ++this.ids : 0;
    // Frames handed to the function's parameters, to carry columns it writes into them back to the caller.
    let frameParams: { name: string; arg: DataV }[] | undefined;
    const paramNames = new Set<string>();
    try {
      const params = child(fn.node, 'ParamList');
      let i = 0;
      let first = !this.isStaticMethod(fn.node);
      if (params) {
        for (let c = params.firstChild; c; c = c.nextSibling) {
          if (c.name !== 'VariableName') continue;
          const name = this.t(c);
          const isStar = c.prevSibling?.name === '*' || c.prevSibling?.name === '**';
          if (fn.isMethod && first) {
            // self / cls
            first = false;
            this.scope.set(name, self ?? this.scalar(name));
            continue;
          }
          let v: Val | undefined = args.kw.get(name);
          if (!v && !isStar && i < args.pos.length) v = args.pos[i];
          if (!isStar) i++;
          // name: type = default: the default follows the annotation.
          const eq = c.nextSibling?.name === 'TypeDef' ? c.nextSibling.nextSibling : c.nextSibling;
          if (!v && eq?.name === 'AssignOp' && eq.nextSibling) {
            this.enterChunk(fn.chunk);
            v = this.ev(eq.nextSibling);
          }
          this.scope.set(name, v ?? (name === 'self' ? this.scalar('self') : uncalledRun ? { ...this.scalar(name), uncalledRun } : this.scalar(name)));
          paramNames.add(name);
          if (v && v.k === 'data' && v.frame) (frameParams ??= []).push({ name, arg: v });
        }
      }
      const body = child(fn.node, 'Body');
      if (body) this.execBlock(body);
      if (body && frameParams) this.writeBackParams(frameParams, body);
      else if (fn.node.name === 'LambdaExpression') { const e = fn.node.lastChild; if (e && isExpr(e)) this.returns.push(this.ev(e)); }
      if (body && fn.node.name !== 'LambdaExpression') this.writeBackGlobals(paramNames, body);
      let rets = this.returns;
      // A generator function (folds(), a data box's get_processed_data()) gives what it yields: its
      // call is the sequence of those values, which `next(...)` and a for loop read.
      if (this.yields.length && rets.every((r) => r.k === 'const' && r.text === 'None')) return { k: 'seq', items: this.yields };
      if (!rets.length) return this.scalar('None');
      // A helper that returns None when a fetch or a check fails (Optional[DataFrame]) gives its frame
      // on the path the caller goes on with: the None returns add nothing to join.
      const some = rets.filter((r) => !(r.k === 'const' && r.text === 'None'));
      if (some.length && some.length < rets.length && some.every((r) => r.k === 'data')) rets = some;
      if (rets.length === 1) {
        // A model built inside a factory from settings that change per call (build(units) in a sweep).
        const r = rets[0];
        if (r.k === 'est' && !r.loaded && !r.fit && (args.pos.some((a) => a.varying) || [...args.kw.values()].some((a) => a.varying))) r.varying = true;
        // An unknown value the helper built (np.array(rows) of a file it read) is named by its text, the same
        // for every call: load("a") and load("b") are other rows, so the name carries the arguments.
        if (r.k === 'scalar' && /[([]/.test(r.name) && !r.name.includes('#') && !this.handlePaths.has(r) && !this.drawnWithReplacement.has(r) && (args.pos.length || args.kw.size)) {
          const key = `${fn.chunk}:${fn.node.from}|${r.name}|${[...args.pos, ...args.kw.values()].map(argKey).join(',')}|${[...args.kw.keys()].join(',')}`;
          let id = this.callResultIds.get(key);
          if (id === undefined) this.callResultIds.set(key, id = ++this.ids);
          return { ...r, name: `${r.name}#${id}` };
        }
        return r;
      }
      // A factory returning one of several models: which one depends on the arguments.
      const ests = rets.filter((r): r is EstV => r.k === 'est');
      if (ests.length === rets.length) {
        const pick = ests[this.loopIters.length ? this.loopIters[this.loopIters.length - 1] % ests.length : 0];
        return args.pos.some((a) => a.varying) || [...args.kw.values()].some((a) => a.varying) ? { ...pick, varying: true } : pick;
      }
      const seqs = rets.filter((r): r is SeqV => r.k === 'seq');
      if (seqs.length === rets.length) {
        // Tuples returned by different branches (return SMOTE().fit_resample(X, y) in one, an
        // undersampler's in another): each position may hold any of them.
        const len = seqs[0].items.length;
        if (seqs.every((q) => q.items.length === len)) {
          const last = seqs[seqs.length - 1];
          return { k: 'seq', items: last.items.map((it, i) => {
            const at = seqs.map((q) => q.items[i]);
            if (!(at.every((x) => x.k === 'data' || x.k === 'scalar') && at.some((x) => x.k === 'data'))) return it;
            // A matrix returned by one branch keeps how its columns were chosen (X = df.drop(columns=[label])
            // in one branch, a synthetic frame in another): the joined value keeps that branch's frame.
            const joined = this.join(at, n ?? undefined);
            const src = joined.k === 'data' && joined.frame ? at.find((x): x is DataV => x.k === 'data' && x.frame === joined.frame) : undefined;
            if (joined.k === 'data' && src?.feat && !joined.feat) joined.feat = src.feat;
            return joined;
          }) };
        }
        return seqs[seqs.length - 1];
      }
      return this.join(rets, n ?? undefined);
    } finally {
      this.active.delete(fn.node);
      this.callFrames.pop();
      this.callers = savedCallers;
      if (serving) { this.servingFnDepth--; this.servingFnNames.pop(); }
      if (training) this.trainingFnDepth--;
      this.scope = savedScope; this.returns = savedReturns; this.stmt = savedStmt; this.targets = savedTargets; this.globalNames = savedGlobals;
      this.yields = savedYields;
      this.returnedSurely = savedReturned;
      this.curGlobal = savedCur;
      this.enterChunk(savedChunk);
    }
  }
}

/** What a call's argument is, for telling calls of one helper apart. */
function argKey(v: Val): string {
  return v.k === 'const' ? `c:${v.text}` : v.k === 'scalar' ? `u:${v.name}` : `${v.k}:${'id' in v ? v.id : ''}`;
}

/** Names of helpers that score a model on the data they are given (`test`, `evaluate`, `validate`, `eval_epoch`). */
const SCORING_CALL = /^(test|evaluate|eval|validate|validation|valid|score|assess)(_\w+)?$|_(test|evaluate|eval|validate|validation|score)$/i;
/** Helpers named like computing a loss or metric on the data they are given (compute_loss, calc_accuracy), called for their printout each epoch. */
const LOSS_CALL = /^(compute|calc|calculate|get|eval|evaluate)_(loss|losses|metrics?|accuracy|acc|scores?)$/i;

/** Files followed from the document: a module imported by a module imported by a module, no deeper. */
const MAX_MODULE_DEPTH = 3;

/** Helpers named like a hand-written fit (fit_tree, boosting_fit, train_knn) and prediction (predict, forest_predict). */
const HAND_FIT = /^(fit|train)_\w+$|^\w+_(fit|train)$/i;
const HAND_PREDICT = /^predict(_\w+)?$|^\w+_predict$/i;
/** Helpers named like a fit that split, load or loop instead (train_test, train_val_split, train_epoch). */
const HAND_FIT_NOT = /split|test|val|load|data|set|step|epoch|loop|transform|scaler|encoder|vectori[sz]er|tokenizer|imputer/i;

/** Calls that run a function once per trial of a hyper-parameter search. */
const SEARCH_DRIVER = /^(optimize|fmin|gp_minimize|forest_minimize|gbrt_minimize|dummy_minimize|BayesianOptimization|Tuner)$/;

/** Names of hand-written metric helpers (rmse, mape, smape, ...) or library-style metric names. */
function userMetricName(name: string): boolean {
  return /^(rmse|mae|mse|mape|smape|rmsle|msle|wape|wmape|nrmse|mase|gini)$/i.test(name) || isMetricFunction(name);
}

/** A label-based column range: "a":"b" (either end may be omitted). */
const LABEL_RANGE = /^(["'][^"']*["'])?\s*:\s*(["'][^"']*["'])?$/;

/** A frame of columns picked by name (`df[["a", "b"]]`, columns added since), not a single column. */
function byName(d: DataV): boolean {
  const a = d.cols, f = d.feat;
  return !!a && !!f && f.mode === 'select' && (a.length > 1 || !!d.aligned) && a.length === f.cols.length
    && a.every((c, i) => c === f.cols[i] && (!c.startsWith('@') || c.startsWith('@expr:')));
}

/** The row part of a subscript (before a top-level comma), with parentheses around a bound dropped: `i:(i + n), 0` → `i:i + n`. */
function windowRows(inner: string): string {
  const at = topLevelComma(inner);
  const rows = at >= 0 ? inner.slice(0, at) : inner;
  return rows.split(':').map((b) => b.trim().replace(/^\((.*)\)$/s, '$1')).join(':');
}

/** Columns of a per-group aggregate that hold a statistic of the values (not the group's size). */
const GROUP_VALUE_STAT = /^(mean|median|std|var|min|max|sum|sem|skew|[0-9]{1,2}%)$/;

/** `df["c"] = 0` (on this frame or one it was copied from, not redefined since): the column holds a constant. */
function constColumn(frame: FrameMeta, col: string): boolean {
  for (let f: FrameMeta | undefined = frame; f; f = f.parent) {
    if (f.constCols?.has(col)) return true;
    if (f.derived.has(col)) return false;
  }
  return false;
}
