/**
 * State and taint bookkeeping shared by the interpreter layers: the value constructors (data,
 * scalars), how operands combine, and the checks that run whenever a value is created (a fitted
 * statistic reaching test rows) or a split is made (statistics and duplications covering it).
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Chunk } from './source';
import { isTestSide, covers, mapList, lastSide, unionKeys, unionList,
  type DataV, type DupEvent, type EstV, type FeatureSelection, type FitEvent, type FitKind, type FnV, type FrameMeta, type Root, type RowKey, type ScalarV, type SeqV, type Side, type Site, type Split, type Val,
} from './values';
import { newEvents, type Events, type PrepReason, type RefitEvent } from './events';
import { conjuncts, roleFromName } from './syntax';
import { CYCLIC_FIELD, TIME_COLUMN } from './knowledge';
import type { ModuleLoader } from './modules';
import { derivedColumn, keepsColumn, sameLineage, selectionParts, visibleDerived } from './target';

export class Budget extends Error {}

/** Evidence of time that does not make the rows a series by itself. */
export const DATE_COLUMN_ONLY = 'the data has a date/time column';
/**
 * Rows sorted by a time column: ordered, but not by itself a forecast. Reviews or machine readings
 * sorted by time and classified row by row are not a series predicted forward; lags, rolling or
 * difference features, windows, resampling or a time index are what make the task a forecast.
 */
export const SORTED_BY_TIME = 'the rows were sorted by time';
/**
 * Dates parsed into a column at the read (parse_dates=["d"]) with nothing ordering the rows by
 * them: a date feature; sorted by time afterwards, the read's series reading stands.
 */
/** Windows cut from one series at every position (a sequence model's inputs). */
export const SLIDING_WINDOWS = 'windows are cut from the series at every position';
export const PARSED_DATE_COLUMN = 'the data is read with a parsed date column';
export const PARSED_DATES = 'the data is read with parsed dates';
export const INDEXED_BY_TIME = 'the rows are indexed by time';
export const AGGREGATED_PER_PERIOD = 'the data is aggregated per time period';
export const RESAMPLED_BY_TIME = 'the data is resampled by time';
export const LAG_FEATURES = 'the data has lag/rolling/difference features';
/**
 * Rows made one per period (a group-by on a time key, a resample): evidence about the rows only, which
 * says nothing about what the model reads (lags, windows and leads say the inputs hold past values).
 */
const PER_PERIOD_ROWS = new Set([AGGREGATED_PER_PERIOD, RESAMPLED_BY_TIME]);
/** Calendar fields and time indices by name (`Hour`, `DayOfWeek`, `day_of_year`, `t`), with TIME_COLUMN. */
const CALENDAR_FIELD = /^(t|hours?|minutes?|(day|week)of(week|year|month)|weekday|dayname|season|dt|idx|index|step)$/;
/** `x_next_month`, `x_next_day`, `x_tomorrow`, `next_day_x`: the next period's value of `x`. */
const NEXT_PERIOD = /^(?:(\w+?)_(?:next_(?:hour|day|week|month|quarter|year|period|step)|tomorrow)|next_(?:hour|day|week|month|quarter|year|period|step)_(\w+))$/i;
const CAMEL_TOMORROW = /^([A-Za-z]\w*?[a-z])Tomorrow$/;
/** Today's value of that series as a column: `rain_today` / `RainToday` beside `rain_tomorrow` / `RainTomorrow`. */
const todayOf = (base: string): string[] => [base, `${base}_today`, `${base}Today`];
/** Label names of quantities usually forecast over time, demand counts included (a guess from the name). */
const FORECAST_QUANTITY = /^(weekly_|daily_|monthly_|hourly_)?(number_of_|num_|n_)?(sales|demand|units_sold|consumption|ridership|tickets?|trips|trip_count|rides|bookings|orders|visitors)$/i;
/** A column of a match's home or away side (`home_team`, `HomeTeamStrength`, `avg_goals_away`). */
const HOME_SIDE = /(^|_)(home|Home|HOME)(_|$|[A-Z])/;
const AWAY_SIDE = /(^|_)(away|Away|AWAY)(_|$|[A-Z])/;
/** The frame (or one it was copied from) had the column read by name and not removed in place: it holds it. */
function readFrom(f: FrameMeta | undefined, col: string): boolean {
  for (let g = f; g; g = g.parent) if (g.removed.has(col)) return false; else if (g.readCols?.has(col)) return true;
  return false;
}
/** Rows whose index is their timestamp (read with index_col, or set_index on a time column). */
const TIME_INDEXED = new Set([INDEXED_BY_TIME, PARSED_DATES]);
const timeName = (c: string): boolean => TIME_COLUMN.test(c) || CALENDAR_FIELD.test(c.toLowerCase().replace(/[^a-z]/g, ''));
/** A column whose values come from a time field or a past row, through any chain of derived columns. */
function timeDerived(frame: FrameMeta, c: string, seen = new Set<string>()): boolean {
  if (timeName(c) || /\((lag|lead) \d+\)$/.test(c)) return true;
  if (seen.has(c)) return false;
  seen.add(c);
  const d = derivedColumn(frame, c);
  return !!d && (!!d.lag || !!d.shift || !!d.change || d.from.some((f) => timeDerived(frame, f, seen)));
}

/** Time evidence that alone does not make a random split temporal leakage. */
export function weakTime(reason: string | undefined): boolean {
  return reason === DATE_COLUMN_ONLY || reason === SORTED_BY_TIME || reason === PARSED_DATE_COLUMN;
}

/** A shift towards future rows: `.shift(-3)`, `.shift(periods=-1)`. */
export const FUTURE_SHIFT = /\.shift\(\s*(periods\s*=\s*)?-/;

/** The expression also reads, unshifted, a value it shifts (`x - x.shift(7)`): each shifted read's subject, seen again without `.shift(`. */
function readsUnshifted(text: string): boolean {
  const SHIFTED = /([A-Za-z_][\w.]*(?:\[[^\]]*\])*)\s*\.shift\([^()]*\)/g;
  const subjects = [...text.matchAll(SHIFTED)].map((m) => m[1]);
  // A lambda's parameter list (lambda s: s.shift(1).rolling(7).mean()) is no read.
  const rest = text.replace(SHIFTED, ' ').replace(/\blambda\b[^:]*:/g, ' ');
  return subjects.some((sub) => {
    const q = sub.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(`(^|[^\\w.])${q}(?![\\w\\[])`).test(rest);
  });
}

export class Scope {
  vars = new Map<string, Val>();
  constructor(readonly parent?: Scope) {}
  get(name: string): Val | undefined {
    const v = this.vars.get(name);
    if (v) return v;
    return this.parent ? this.parent.get(name) : undefined;
  }
  set(name: string, v: Val): void { this.vars.set(name, v); }
}

export interface Args { pos: Val[]; posNodes: SyntaxNode[]; kw: Map<string, Val>; kwNodes: Map<string, SyntaxNode>; node: SyntaxNode | null }

export const NO_ARGS: Args = { pos: [], posNodes: [], kw: new Map(), kwNodes: new Map(), node: null };

export interface InterpreterOptions {
  servingFile: boolean;
  /** The file is taken to be serving code only by its name (api.py, app.py): said in findings that rest on it. */
  servingByName?: string;
  deadline: number;
  /** Path of the analysed file (imports are resolved from it). */
  path?: string;
  /** The project's modules, when they are followed. */
  modules?: ModuleLoader;
}

export abstract class DataflowState {
  readonly events: Events = newEvents();
  partial = false;
  protected ids = 0;
  protected chunkIndex = 0;
  protected text = '';
  protected stmt: SyntaxNode | null = null;
  protected scope = new Scope();
  protected readonly global = this.scope;
  /** Module globals of the code running now: the document's, or those of a module of the project. */
  protected curGlobal = this.global;
  protected targets: string[] = [];
  protected loopIters: number[] = [];
  protected callers: Site[] = [];
  /**
   * Branches of top-level if/elif chains being run (outside loops and calls): `<if site>#<branch>`.
   * Only one branch of such a chain runs, so evaluations in two of its branches are alternatives.
   */
  protected branchPath: string[] = [];
  protected active = new Set<SyntaxNode>();
  protected servingFnDepth = 0;
  /** Depth of calls into functions named for training (`train`, `fit_models`): no serving guess by file name there. */
  protected trainingFnDepth = 0;
  /** Set while an uncalled method of a class is run once with unknown arguments, in a document that had fitted a model before. */
  protected uncalledMethodOfTrainer = false;
  /** Set while the functions nobody in the document calls are run once with unknown arguments. */
  protected runningUncalled = false;
  /** Set while running an uncalled top-level function of the document that nothing names (no decorator, no reference). */
  protected runningUnreferenced = false;
  /** ... and that function's own text predicts with some model (`.predict(`). */
  protected unreferencedPredicts = false;
  /** The rows each cross_val_score / cross_validate call cross-validated on, in order. */
  protected cvInputs: RowKey[][] = [];
  /** Names of the serving-named functions being run (innermost last). */
  protected servingFnNames: string[] = [];
  protected loadedFlag = false;
  /** The branches of literal mode switches (`if mode == 'train': … elif mode == 'predict': …`) being run, innermost last. */
  protected switchBranches: { chain: string; branch: number }[] = [];
  /** The switch branches the first load ran in: a fit in another branch of one of them is another run of the script. */
  protected loadSwitch: { chain: string; branch: number }[] = [];
  protected get loadedArtifact(): boolean {
    return this.loadedFlag && !this.loadSwitch.some((l) => this.switchBranches.some((b) => b.chain === l.chain && b.branch !== l.branch));
  }
  protected set loadedArtifact(v: boolean) { this.loadedFlag = v; if (!v) this.loadSwitch = []; }
  /** Refits made only because something was loaded before them, with the rows they fitted. */
  protected refitsAfterLoad: { refit: RefitEvent; rows: RowKey[] }[] = [];
  /** Shuffled splits with no time evidence: their inputs' columns and data roots (a later forecast past the last time may show the task). */
  protected shuffledSplitCols: { split: Split; cols: string[]; roots: Set<RowKey['root']> }[] = [];
  /** Conditions on the data's values of the `if` branches being run (innermost last). */
  protected dataConds: string[] = [];
  /** Statistics read by the conditions of the `if` branches being run: names appended under them were chosen by them. */
  protected condPreps: FitEvent[][] = [];
  /** Bodies of the `for` loops being run (innermost last) and the last value id made before each began. */
  /** Bodies of the enclosing `while` loops (their counter steps are read from them). */
  protected whileBodies: { text: string; from: number }[] = [];
  /** `for` clauses of the comprehensions being evaluated (innermost last): their target, iterable and text. */
  protected compLoops: { targets: string; iter: string; text: string; site: Site }[] = [];
  protected loopBodies: { text: string; startId: number; iter?: string; targets?: string; single?: boolean; site?: Site }[] = [];
  /** Names bound to a curve of held-out rows (`fpr, tpr, thr = roc_curve(y_test, p)`) or read off one, with that set's key. */
  protected curveNames = new Map<string, string>();
  /** Of those, the ones whose curve is of test rows: the first test row key. */
  protected curveTest = new Map<string, RowKey>();
  /** The document imports PySpark: DataFrame/RDD methods (randomSplit, zip) and Spark ML evaluators apply. */
  protected spark = false;
  protected unknownData = new Map<string, DataV>();
  /** Hand-typed rows (a list literal of numbers or strings): the rows of that literal only. */
  protected literalRows = new WeakMap<SeqV, DataV>();
  protected unkToEst = new WeakMap<object, EstV>();
  protected fns: FnV[] = [];
  /**
   * Last names of attribute targets bound in a scope (`obj.attr = v` binds "obj.attr"): member
   * lookups of other names skip hashing their full text.
   */
  protected boundProps = new Set<string>();
  protected steps = 0;

  /** `chunks` and `trees` grow when modules of the project are followed (their chunks have `file`). */
  constructor(readonly chunks: Chunk[], protected readonly trees: Tree[], protected readonly opts: InterpreterOptions) {}

  protected enterChunk(i: number): void {
    this.chunkIndex = i;
    this.text = this.chunks[i].text;
  }

  // ---------- helpers ----------

  protected t(n: SyntaxNode): string { return this.text.slice(n.from, n.to); }

  /** A row duplication made here: inside a branch taken on the data's values, whether it runs is assumed. */
  protected dupEvent(n: SyntaxNode, what: string, rows: RowKey[]): DupEvent {
    const cond = this.dataConds[this.dataConds.length - 1];
    return { id: ++this.ids, site: this.site(n), what, rows, ...(cond ? { assumed: `the branch under \`if ${cond.length > 60 ? cond.slice(0, 57) + '...' : cond}\` runs (its condition depends on the data)` } : {}) };
  }

  protected site(n: SyntaxNode): Site {
    const st = this.stmt ?? n;
    const s: Site = { chunk: this.chunkIndex, from: n.from, to: n.to, stmtFrom: st.from, stmtTo: st.to };
    if (this.callers.length) s.callers = this.callers; // never mutated: calls replace the array
    return s;
  }

  protected tick(): void {
    if ((++this.steps & 63) === 0 && Date.now() > this.opts.deadline) throw new Budget();
  }

  protected get serving(): boolean { return this.opts.servingFile || this.servingFnDepth > 0 || this.loadedArtifact; }
  /** Depth of search-objective runs (each run is one trial with a new setting). */
  protected searchTrials = 0;
  /** Inside a search driver's objective whose trial scores nothing reads but the driver (`Interpreter.studyScoreUnread`). */
  protected objectiveUnread = 0;
  /** Roots read by one statement in a search objective's trials (by chunk and offset): the same rows each trial. */
  protected trialReads = new Map<string, Root>();
  protected get inLoop(): boolean { return this.loopIters.length > 0; }
  protected iterKey(): string { return this.loopIters.join('.'); }

  /** The first point (in execution steps) where held-out data exists: a split or a test file. */
  protected noteHeldOut(): void { this.events.heldOutStep ??= this.steps; }

  protected newRoot(name: string, role: Root['role'], n?: SyntaxNode): Root {
    if (role === 'test') { this.events.hasTestSet = true; this.noteHeldOut(); }
    return { id: ++this.ids, role, name, ...(n ? { site: this.site(n) } : {}) };
  }

  protected mkData(init: Partial<DataV> & { rows: RowKey[] }): DataV {
    const d: DataV = { k: 'data', id: ++this.ids, prep: [], dup: [], ...init };
    if (d.prep.length) this.checkPrep(d);
    return d;
  }

  protected freshData(name: string, n: SyntaxNode | undefined, role: Root['role'] = 'whole'): DataV {
    const r = this.newRoot(name, role, n);
    return this.mkData({ rows: [{ root: r, path: [] }], frame: this.newFrame(), serving: this.serving });
  }

  protected newFrame(): FrameMeta { return { id: ++this.ids, derived: new Map(), removed: new Set() }; }

  /** A data view of any value: unknown names become stable datasets of their own. */
  protected asData(v: Val | undefined, hint = 'data'): DataV {
    if (v && v.k === 'data') return v;
    if (v && v.k === 'seq') {
      // Rows typed into the code (x_train = [[0], [1], [2]]; x_test = [[1], [2]]) are that literal's rows:
      // two literals that hold the same numbers are not the same rows.
      if (v.items.length && v.items.every((i) => i.k === 'const' || i.k === 'seq' && i.items.every((j) => j.k === 'const'))) {
        let d = this.literalRows.get(v);
        if (!d) this.literalRows.set(v, d = this.freshData(hint, undefined, roleFromName(hint)));
        return d;
      }
      const parts = v.items.map((i) => this.asData(i, hint));
      return this.join(parts, undefined) as DataV;
    }
    // Parameters of two functions nobody here calls (evaluate_lr(X_test, y_test), evaluate_rf(X_test, y_test) of a
    // helper module) are whatever each caller passes: the same name is not the same rows across the two.
    const key = v && (v.k === 'scalar' ? 'u:' + v.name + (v.uncalledRun ? `@${v.uncalledRun}` : '') : v.k === 'const' ? 'c:' + v.text : v.k === 'mod' ? 'm:' + v.q : '') || 'h:' + hint;
    let d = this.unknownData.get(key);
    if (!d) {
      const name = key.slice(2).replace(/#\d+$/, '');
      d = this.freshData(name, undefined, roleFromName(name));
      if (v && v.k === 'obj') d.rows[0].root.opaque = true;
      if (v && v.k === 'scalar' && (v.prep.length || v.dup.length)) d = this.mkData({ ...d, prep: v.prep, dup: v.dup });
      this.unknownData.set(key, d);
    } else if (v && v.k === 'scalar' && v.prep.length && !sameItems(v.prep, d.prep)) {
      // The same text evaluated again (a helper's `df.groupby(k)[c].mean().reset_index()`, called on the training and
      // then the test frame) stands for the same unknown rows, but carries the statistics of this evaluation.
      return this.mkData({ ...d, prep: v.prep, dup: v.dup });
    }
    return d;
  }

  protected scalar(name: string, prep: FitEvent[] = [], dup: DupEvent[] = [], varying = false): ScalarV {
    return { k: 'scalar', name, prep, dup, ...(varying ? { varying } : {}) };
  }

  /** Combines operands: any data operand makes the result data on the union of rows. */
  protected join(vals: (Val | undefined)[], n: SyntaxNode | undefined): Val {
    let data: DataV | undefined;
    let prep: FitEvent[] = [], dup: DupEvent[] = [];
    let varying = false;
    let rows: RowKey[] = [];
    let pred: DataV['pred'];
    let frame: FrameMeta | undefined, cols: string[] | undefined, time: string | undefined;
    let pending: Site[] | undefined;
    let mixSite: Site | undefined, positional: Site | undefined, dummies: Site | undefined;
    // Arithmetic on one feature matrix and statistics of it ((X - X.min()) / (X.max() - X.min()))
    // keeps that matrix's columns: every data operand holds the same selection.
    let feat: FeatureSelection | undefined, oneFeat = true;
    for (const v of vals) {
      if (!v) continue;
      if (v.varying) varying = true;
      if (v.k === 'data') {
        if (v.feat && oneFeat && (!feat || feat === v.feat)) feat = v.feat;
        else oneFeat = false;
        data = data ?? v;
        rows = unionKeys(rows, v.rows);
        prep = unionList(prep, v.prep);
        dup = unionList(dup, v.dup);
        pred = pred ?? v.pred;
        frame = frame ?? v.frame;
        if (v.cols) cols = unionList(cols ?? [], v.cols);
        if (v.time) time = time ?? v.time;
        mixSite = mixSite ?? v.mixSite;
        if (v.positional && !v.aligned) positional = positional ?? v.positional;
        // Aligned dummy columns stay aligned inside a combination (concat with numeric columns).
        if (v.dummies && !v.aligned) dummies = dummies ?? v.dummies;
        else this.noteDummiesUse(v, true);
      } else if (v.k === 'scalar') {
        prep = unionList(prep, v.prep);
        dup = unionList(dup, v.dup);
        if (v.cols) cols = unionList(cols ?? [], v.cols);
        if (v.pending) pending = unionList(pending ?? [], v.pending);
        frame = frame ?? v.frame;
      } else if (v.k === 'seq') {
        const inner = this.join(v.items, n);
        // A list of conditions on columns of one frame (np.select([df.a < 5, df.a >= 5], ...)) is
        // computed from those columns.
        const oneFrame = (inner.k === 'data' || inner.k === 'scalar') && !!inner.frame && !!inner.cols
          && v.items.every((i) => (i.k === 'data' || i.k === 'scalar') && sameLineage(i.frame, inner.frame));
        if (oneFrame && (inner.k === 'data' || inner.k === 'scalar') && (!frame || sameLineage(frame, inner.frame))) {
          cols = unionList(cols ?? [], inner.cols!); frame = frame ?? inner.frame;
        }
        if (inner.k === 'data') {
          data = data ?? inner; rows = unionKeys(rows, inner.rows); prep = unionList(prep, inner.prep); dup = unionList(dup, inner.dup);
          mixSite = mixSite ?? inner.mixSite;
          if (inner.time) time = time ?? inner.time;
        } else if (inner.k === 'scalar') {
          prep = unionList(prep, inner.prep); dup = unionList(dup, inner.dup);
          if (inner.pending) pending = unionList(pending ?? [], inner.pending);
        }
        oneFeat = false;
      }
    }
    if (data) {
      // As mkData of the same fields, without the spread temporaries (a hot path); same key order.
      const d: DataV = { k: 'data', id: ++this.ids, prep, dup, rows, varying };
      if (pred) d.pred = pred;
      if (frame) d.frame = frame;
      if (cols) d.cols = cols;
      if (feat && oneFeat && !cols) d.feat = feat;
      if (time) d.time = time;
      if (data.newestFirst) d.newestFirst = true;
      if (data.serving) d.serving = true;
      if (mixSite) d.mixSite = mixSite;
      if (positional) d.positional = positional;
      if (dummies) d.dummies = dummies;
      if (d.prep.length) this.checkPrep(d);
      return d;
    }
    const s = this.scalar(n ? this.t(n) : '?', prep, dup, varying);
    if (cols) { s.cols = cols; if (frame) s.frame = frame; }
    if (pending) s.pending = pending;
    return s;
  }

  /** Derives a data value with the same rows (column-wise operation). */
  protected same(d: DataV, extra?: Partial<DataV>): DataV {
    // Hot path: plain assignments (no spread temporaries).
    const o: DataV = { k: 'data', id: ++this.ids, rows: d.rows, prep: d.prep, dup: d.dup };
    if (d.affine) o.affine = d.affine;
    if (d.frame) o.frame = d.frame;
    if (d.varying) o.varying = true;
    if (d.pred) o.pred = d.pred;
    if (d.time) o.time = d.time;
    if (d.newestFirst) o.newestFirst = true;
    if (d.serving) o.serving = true;
    if (d.positional) o.positional = d.positional;
    if (d.aligned) o.aligned = true;
    if (d.feat) o.feat = d.feat;
    if (d.cols) o.cols = d.cols;
    if (d.subsetSite) o.subsetSite = d.subsetSite;
    if (d.maskSite) o.maskSite = d.maskSite;
    if (d.heldSubset) o.heldSubset = d.heldSubset;
    if (d.cutBound) o.cutBound = d.cutBound;
    if (d.rowOffset) o.rowOffset = d.rowOffset;
    if (d.mixSite) o.mixSite = d.mixSite;
    if (d.resampled) o.resampled = true;
    if (d.loopColumn) o.loopColumn = true;
    if (d.concatParts) o.concatParts = d.concatParts;
    if (d.dummies) o.dummies = d.dummies;
    if (d.dsDict) o.dsDict = true;
    if (extra) {
      Object.assign(o, extra);
      // Same rows and statistics as `d` (already checked) unless the caller changed them.
      if ((extra.prep || extra.rows) && o.prep.length) this.checkPrep(o);
    }
    return o;
  }

  protected withStep(d: DataV, split: Split, side: Side, fold?: number, varying = false): DataV {
    if (side === 'test') this.events.hasTestSet = true;
    this.noteHeldOut();
    (split.sides ??= new Set()).add(side);
    const rows = mapList(d.rows, (k): RowKey => ({ root: k.root, path: [...k.path, { split, side, ...(fold !== undefined ? { fold } : {}) }] }));
    return this.mkData({ rows, prep: d.prep, dup: d.dup, ...(d.affine ? { affine: d.affine } : {}), ...(d.frame ? { frame: d.frame } : {}), ...(d.time ? { time: d.time } : {}),
      ...(d.feat ? { feat: d.feat } : {}), ...(d.cols ? { cols: d.cols } : {}), ...(varying || d.varying ? { varying: true } : {}), ...(d.maskSite ? { maskSite: d.maskSite } : {}) });
  }

  /** A statistic fitted on test rows, or whose rows include test rows that reach it, leaks. */
  protected checkPrep(d: DataV): void {
    for (const f of d.prep) {
      // A statistic computed at serving from the batch being scored and applied to it
      // (batch.fillna(batch.mean()), value_counts of the request rows): a refit at inference.
      // Reported when the batch it shaped reaches a model's prediction (noteServingStats).
      // Held-out rows read before the artifact was loaded (a labelled test file, then the model) are such a batch too.
      if (f.serving && (f.kind === 'stat' || f.kind === 'group') && !f.onLabel && (d.serving || d.rows.length > 0 && d.rows.every((k) => isTestSide(k) && k.root.id < (this.loadId ?? 0)))
        && !this.servingStats.has(f.id) && d.rows.some((k) => covers(f.rows, k))) {
        const what = f.kind === 'group' ? f.cls : `${f.cls}()`;
        const assumed = f.assumed ?? this.assumeNote;
        this.servingStats.set(f.id, { site: f.site, what, reason: this.servingReason(), statistic: true, ...(this.loadSite ? { loadSite: this.loadSite } : {}), ...(assumed ? { assumed } : {}) });
      }
      if (f.serving) continue;
      if (f.onLabel || f.vocabulary) {
        // A vocabulary or category codes learnt from the held-out rows alone (a test file's own
        // LabelEncoder / OneHotEncoder): no leak, but those rows get other codes or columns than
        // the training rows.
        if ((f.codes || f.vocabulary && !f.onLabel) && f.rows.length && f.rows.every(isTestSide)) {
          for (const k of d.rows) if (isTestSide(k) && covers(f.rows, k)) this.recordPrepLeak(f, k, 'fit-on-test');
        }
        continue;
      }
      for (const k of d.rows) {
        if (!isTestSide(k)) {
          // Training rows shaped by a statistic of the data they were split from (mean of all rows
          // used to fill X_train): that statistic saw the test side of the same split.
          const last = k.path[k.path.length - 1];
          // Rows standing for an object of the document's own class (an iterator wrapper the fit
          // consumed) are not a frame the code split: naming the fit's output X_train cuts nothing it saw.
          if (last && last.side === 'train' && last.fold === undefined && !k.root.opaque && covers(f.rows, { root: k.root, path: k.path.slice(0, -1) })) {
            const held: RowKey = { root: k.root, path: [...k.path.slice(0, -1), { split: last.split, side: k.path.length > 1 ? 'val' : 'test' }] };
            this.recordPrepLeak(f, held, 'includes-test', last.split);
          }
          continue;
        }
        if (!covers(f.rows, k)) continue;
        // A statistic of the test rows combined in one statement with the same statistic of the
        // training rows (`np.min((train[c].min(), test[c].min()))`, `max(a.max(), b.max())`) is a
        // statistic of all the rows, not a refit on the test rows alone.
        const combined = d.prep.some((g) => g !== f && g.cls === f.cls && g.kind === f.kind && g.site.chunk === f.site.chunk && g.site.stmtFrom === f.site.stmtFrom
          && g.rows.some((r) => !isTestSide(r)));
        const onTestOnly = f.rows.every(isTestSide) && !combined;
        this.recordPrepLeak(f, k, onTestOnly ? 'fit-on-test' : combined || f.rows.some((r) => r.root === k.root && r.path.length === k.path.length) ? 'includes-test' : 'transform');
      }
    }
  }

  /** What the code running now was assumed to be (a step guessed inside a loaded artifact): said in findings made while it runs. */
  protected assumeNote: string | undefined;
  /** Statistics computed at serving from the batch they were applied to, by fit id, until that batch is predicted. */
  private servingStats = new Map<number, RefitEvent | null>();
  /** A batch reaches a model's prediction: statistics of its own rows it carries are a refit at inference. */
  protected noteServingStats(d: DataV): void {
    if (!this.servingStats.size) return;
    for (const f of d.prep) {
      const r = this.servingStats.get(f.id);
      if (!r) continue;
      this.events.refits.push(r);
      this.servingStats.set(f.id, null);
    }
  }

  /** Data given to a model (fitted on, predicted, scored): the statistics it carries reach the model. */
  protected noteModelInput(d: Val | undefined): void {
    if (!d || d.k !== 'data') return;
    for (const f of d.prep) this.events.modelInputFits.add(f.id);
    for (const k of d.rows) this.events.modelInputRoots.add(k.root);
  }

  protected recordPrepLeak(fit: FitEvent, key: RowKey, reason: PrepReason, split?: Split): void {
    // One leak per statistic, except that a search's folds (often selection only) do not hide a
    // later cross_val_score on the same rows, whose score is reported, nor a later split whose
    // held-out part is scored.
    // Folds whose score nothing reads report nothing (zo002), and do not hide a later reported one.
    if (reason === 'cv' && split?.unread) return;
    // Nor does the held-out fold of such folds, reached when its rows are predicted (oof[va] = m.predict(X[va])).
    const fold = key.path[key.path.length - 1];
    if (fold?.fold !== undefined && fold.split.unread) return;
    const prior = this.events.prepLeaks.filter((l) => l.fit === fit);
    // Nor does a name alone (the fit's output called x_train: a slice that may never hold anything
    // out) hide hand-written folds or a cross_val_score taken from those rows later.
    // Folds drawn from the rows (skf.split(X, y)) only to be handed to a search are no more than the search's.
    if (prior.length && !(!this.searchTrials && prior.every((l) => l.reason === 'cv' && (l.split?.kind === 'search' || l.split?.kind === 'folds'))
      && (reason === 'cv' && split && (split.kind === 'cv' || split.kind === 'folds') || reason !== 'cv'))
      && !(reason === 'cv' && (split?.kind === 'folds' || split?.kind === 'cv') && prior.every((l) => l.reason === 'includes-test' && l.split?.kind === 'slice'))
      // Nor does a validation part (of a train/val/test cut, or Keras's validation_split tail; harmless once
      // the test set is the result) hide a cross-validation, or hand-written folds, of the training part.
      && !(reason === 'cv' && (split?.kind === 'cv' || split?.kind === 'folds') && prior.every((l) => l.viaVal))
      && !(lastSide(key) === 'test' && reason !== 'transform' && key.path.length > 0 && prior.every((l) => l.viaVal && l.key.root === key.root))) return;
    const last = key.path[key.path.length - 1];
    this.events.prepLeaks.push({ fit, key, viaVal: lastSide(key) === 'val', reason, ...(split ?? last?.split ? { split: split ?? last.split } : {}) });
  }

  /** Predictions, or columns of a frame that hold only predictions. */
  protected ofPredictions(d: DataV): boolean {
    if (d.pred) return true;
    const pc = d.frame?.predCols;
    return !!pc && !!d.cols && d.cols.length > 0 && d.cols.every((c) => pc.has(c));
  }

  protected newFit(n: SyntaxNode, cls: string, kind: FitKind, data: DataV, onLabel = false, vocabulary = false): FitEvent {
    const f: FitEvent = { id: ++this.ids, site: this.site(n), cls, kind, rows: data.rows, serving: this.serving, onLabel, step: this.steps, ...(vocabulary ? { vocabulary } : {}),
      ...((kind === 'stat' || kind === 'group') && this.ofPredictions(data) ? { ofPredictions: true as const } : {}) };
    if (data.maskSite) f.pickedBy = data.maskSite;
    if ((kind === 'transformer' || kind === 'pipeline') && !f.serving && !onLabel) {
      const onTestOnly = data.rows.every(isTestSide);
      for (const k of data.rows) if (isTestSide(k) && (onTestOnly || !vocabulary)) { this.recordPrepLeak(f, k, onTestOnly ? 'fit-on-test' : 'includes-test'); break; }
    }
    if (this.runningUncalled) this.events.uncalledFits.add(f.id);
    return f;
  }

  /**
   * A refit at top level that a later split of its rows would show to be training: after a load,
   * or in a file taken to be serving only by its name (whose split runs in a helper it calls).
   */
  protected refitOnDataSet(): boolean {
    return this.loadedArtifact ? !this.opts.servingFile : !!this.opts.servingByName;
  }

  /**
   * Rows split into train and held-out parts, cross-validated, or given with labels to a model fitted
   * here: a transformer refitted on them after a load was fitted on the document's data set (its
   * training file read again), not on a batch it scores.
   */
  protected trainedOnDataSet(rowSets: RowKey[][]): void {
    const done = this.refitsAfterLoad.filter((r) => rowSets.some((rows) => rows.some((k) => r.rows.some((f) => f.root === k.root))));
    if (done.length) this.events.refits = this.events.refits.filter((r) => !done.some((x) => x.refit === r));
  }

  /** Called on every split: statistics and duplications covering the split input leak. */
  /** `again`: a seeded split made once more (same rows, same parts): its inputs are checked, it is not a new split. */
  protected onSplit(split: Split, inputs: DataV[], again = false): void {
    if (!again) this.events.splits.push(split);
    // Folds of a search objective whose scores only rank its trials report no score (zo002).
    if (this.objectiveUnread > 0 && (split.kind === 'cv' || split.kind === 'folds')) split.unread = true;
    this.noteHeldOut();
    // Splitting data into train and held-out rows is training again, whatever was loaded before.
    // Cross-validating those rows (cross_val_score, a search, folds written by hand) trains on them too.
    if (split.kind === 'tts' || split.kind === 'cv' || split.kind === 'search' || split.kind === 'folds') {
      if (split.kind === 'tts') this.loadedArtifact = false;
      this.trainedOnDataSet(inputs.map((d) => d.rows));
    }
    for (const d of inputs) {
      for (const f of d.prep) {
        if (f.serving || f.onLabel || f.vocabulary) continue;
        if (d.rows.length && d.rows.every((k) => covers(f.rows, k))) {
          this.recordPrepLeak(f, d.rows[0], split.kind === 'cv' || split.kind === 'search' || split.kind === 'folds' ? 'cv' : 'split', split);
        }
      }
      // X and y duplicated in step (np.concatenate([X, X2]) then [y, y]): one finding, on the features.
      if (d !== inputs[0] && this.events.dupLeaks.some((l) => l.split === split)) continue;
      for (const du of d.dup) {
        // Overlapping windows reach the split through the features computed from them (new rows): only a
        // random split (or shuffled folds) puts neighbours on both sides.
        const windowsSplit = !!du.windows && ((split.kind === 'tts' || split.kind === 'slice') && split.shuffle && !split.cut || !!split.shuffledFolds);
        // After a search (whose folds may only choose settings, dropped by the detector) a later split
        // of the same rows is recorded too: a second search's read best_score_ reports those folds.
        if ((du.windows ? windowsSplit : d.rows.some((k) => covers(du.rows, k))) && !this.events.dupLeaks.some((l) => l.dup === du && (l.split === split || l.split.kind !== 'search'))) this.events.dupLeaks.push({ dup: du, split });
      }
    }
    // A date column alone is a feature (day of week, month), and sorting by it alone orders rows
    // that may still be independent examples; lags, rolling windows, resampling or a time index
    // make the rows a series, which a random split breaks.
    const timedInput = inputs.find((d) => d.time && !weakTime(d.time));
    // Lags or trailing windows of the label itself among the features (sales.rolling(7) to predict
    // sales) make the task a forecast of the label series, even when the frame's time evidence is
    // only a date column (the lag was added after the to_datetime).
    const labelLags = timedInput ? undefined : this.labelLagReason(inputs);
    // A label named as a quantity tracked over time (sales, demand, or a count of tickets, trips,
    // bookings or orders) on rows with a date column (or sorted by one): the task is guessed to be a
    // forecast of it, from the name alone (said so, warning).
    const quantity = timedInput || labelLags || !inputs.some((d) => weakTime(d.time)) ? undefined
      : inputs.find((d) => d.cols?.length === 1 && FORECAST_QUANTITY.test(d.cols[0]))?.cols![0] ?? this.splitWithQuantity(inputs);
    // A label named as the next period's value of a column that is also a feature (`oil_rate` →
    // `oil_rate_next_month`): a one-step-ahead forecast of that series, guessed from the names.
    const nextOf = timedInput || labelLags || quantity ? undefined : this.nextPeriodLabel(inputs);
    // Features that name a home and an away side (`home_goals_avg`, `AwayTeam`) with a label: each row is a
    // match, and a model of match results is built to call later matches, so rows of several seasons split at
    // random score earlier matches with a model of later ones (guessed from the names, said so).
    const matches = timedInput || labelLags || quantity || nextOf ? false : this.matchSides(inputs);
    let timed = timedInput ?? (labelLags ? { ...inputs[0], time: labelLags } : quantity ? { ...inputs[0], time: DATE_COLUMN_ONLY }
      : nextOf ? { ...inputs[0], time: `the label '${nextOf[0]}' is the next period's value of the feature '${nextOf[1]}'` }
      : matches ? { ...inputs[0], time: 'the rows are matches between a home and an away side' } : undefined);
    // Per-period rows make a forecast only through what the model reads (calendar fields of the
    // timestamp, a time index, lags, a lead of a feature as the label). Listed inputs that hold none
    // of these are same-period measurements (daily counts on that day's weather): a regression on
    // features, which a random split does not break. The same holds for a label guessed a quantity
    // from its name (orders on that day's temperature and price).
    const listed = timed ? this.listedInputs(inputs) : undefined;
    if (timed && (PER_PERIOD_ROWS.has(timed.time!) || quantity) && listed && !listed.time.length && !listed.labelLead) timed = undefined;
    // The same for rows indexed by their timestamp whose features are listed columns, or the frame's
    // columns less the label (X = df.drop(columns=["sales"]); y = df["sales"]), with the label read as
    // it is: the index is no input, and when no input is known to be a calendar field, lag or window,
    // the model reads the period's own measurements (weekly sales on that week's spend): a regression
    // on features (T2).
    if (timed && TIME_INDEXED.has(timed.time!) && this.periodOwnColumns(inputs, listed)) timed = undefined;
    // An unshifted change of the label (groupby(k)[label].pct_change(), label.diff()) kept among the
    // features holds the current label (target's case), not a past value: when it is the only lag the
    // features are known to hold, it does not make the task a forecast (T2, U5).
    if (timed?.time === LAG_FEATURES && this.onlyLabelChanges(inputs)) timed = undefined;
    // Folds in row order (KFold, cv=5) on a series score earlier blocks with models fitted on later
    // ones. On the training part of a split they only tune a model that a held-out part then
    // scores: the folds choose, they are not the result, and are left alone.
    // Unless the inputs are only the series' own past or calendar fields (windows of it, or listed
    // calendar / lag columns): then the folds' models forecast earlier periods from later ones, and the
    // kept model's settings come from those scores (T2).
    const forecastOnly = !!timed && (timed.time === SLIDING_WINDOWS || !!listed && listed.time.length > 0 && !listed.other.length);
    const blindFolds = !!split.timeBlindFolds && !!timed && (forecastOnly || !timed.rows.some((k) => lastSide(k) === 'train'));
    // Rows sorted newest first and cut in order (shuffle=False, or by position): the held-out rows
    // are the oldest, so every training row comes after them.
    const newest = (split.kind === 'tts' || split.kind === 'slice') && !split.shuffle ? inputs.find((d) => d.newestFirst) : undefined;
    if (newest) {
      this.events.temporal.push({ site: split.site, reason: 'the rows were sorted by time newest first', split, reversed: true });
      return;
    }
    if ((split.kind === 'tts' || split.kind === 'slice') && split.shuffle && !timed) {
      this.shuffledSplitCols.push({ split, cols: inputs.flatMap((d) => d.cols ?? []), roots: new Set(inputs.flatMap((d) => d.rows.map((k) => k.root))) });
    }
    if (((split.kind === 'tts' || split.kind === 'slice') && split.shuffle || split.shuffledFolds || blindFolds) && timed) {
      this.events.temporal.push({ site: split.site, reason: timed.time!, split, ...(blindFolds && !split.shuffledFolds ? { folds: true } : {}),
        ...(labelLags ? { assumed: 'the task forecasts later values of the label series' }
          : quantity ? { assumed: `the label '${quantity}' is taken, from its name, to be a quantity forecast over time` }
          : nextOf ? { assumed: `the label '${nextOf[0]}' is taken, from its name, to be the next value of '${nextOf[1]}' in each row's series` }
          : matches ? { assumed: 'the matches span seasons and the model is meant to call later matches' } : {}) });
    }
  }

  /**
   * The split's features when they are a list of named columns: which of them are forecast inputs (a
   * calendar field or time index, by name or derivation, a lag or window) and which are not, and
   * whether the label, when known, is a lead of one of them (`close.shift(-1)` with `close` a feature).
   */
  private listedInputs(inputs: DataV[]): { time: string[]; other: string[]; labelLead: boolean } | undefined {
    const x = inputs.find((d) => d.feat && d.frame);
    const y = inputs.find((d) => d !== x && d.cols?.length === 1);
    if (!x?.feat || !x.frame) return undefined;
    const parts = selectionParts(x.feat);
    if (!parts.length || parts.some((p) => p.mode !== 'select' || p.byDtype || !p.cols.length || p.cols.some((c) => c.startsWith('@')))) return undefined;
    const time: string[] = [], other: string[] = [];
    for (const p of parts) for (const c of p.cols) (timeDerived(p.frame, c) ? time : other).push(c);
    const kept = [...time, ...other];
    const label = y && sameLineage(y.frame, x.frame) ? y.cols![0] : undefined;
    const lead = label ? derivedColumn(y!.frame!, label) : undefined;
    return { time, other, labelLead: !!label && /\(lead \d+\)$/.test(label) || lead?.shift === 'future' && lead.from.some((f) => kept.includes(f.replace(/ \(lead \d+\)$/, ''))) };
  }

  /**
   * The label is a column of the features' frame read as it is (not a lead or any derived value), and the
   * features are listed columns none of which is a calendar field, time index, lag or window, or that
   * frame's columns less the dropped label, none of those it is known to keep being one: the rest are
   * columns of the file, read as they are.
   */
  private periodOwnColumns(inputs: DataV[], listed: ReturnType<DataflowState['listedInputs']>): boolean {
    const x = inputs.find((d) => d.feat && d.frame);
    const y = inputs.find((d) => d !== x && d.cols?.length === 1);
    if (!x?.feat || !x.frame || !y?.frame || !sameLineage(y.frame, x.frame)) return false;
    const label = y.cols![0];
    if (derivedColumn(y.frame, label) || /\((lag|lead) \d+\)$/.test(label)) return false;
    if (listed) return !listed.time.length && !listed.labelLead && !listed.other.includes(label);
    const parts = selectionParts(x.feat);
    if (parts.length !== 1 || parts[0].mode !== 'drop' || parts[0].byDtype || !parts[0].cols.includes(label)) return false;
    const frame = parts[0].frame;
    let index: string | undefined;
    for (let g: FrameMeta | undefined = frame; g && !index; g = g.parent) index = g.timeIndex;
    if (!index) return false;
    for (let g: FrameMeta | undefined = frame; g; g = g.parent) {
      for (const c of [...g.derived.keys(), ...g.readCols ?? []]) if (c !== index && keepsColumn(parts[0], c) && !g.removed.has(c) && timeDerived(frame, c)) return false;
      // A column written from outside the frame's columns: a calendar field when named so or read from the index (df["m"] = df.index.month).
      for (const [c, ofIndex] of g.external ?? []) if ((ofIndex || timeName(c)) && c !== index && keepsColumn(parts[0], c) && !g.removed.has(c) && !derivedColumn(frame, c)?.from.length) return false;
    }
    return true;
  }

  /** The lags, windows and changes the features keep are all unshifted changes of the label column (at least one). */
  private onlyLabelChanges(inputs: DataV[]): boolean {
    const x = inputs.find((d) => d.feat && d.frame);
    const y = inputs.find((d) => d !== x && d.cols?.length === 1);
    if (!x?.feat || !x.frame || !y?.frame || !sameLineage(y.frame, x.frame)) return false;
    const label = y.cols![0];
    const parts = selectionParts(x.feat);
    let any = false;
    for (const [c, d] of visibleDerived(x.frame)) {
      if (!(d.lag || d.shift || d.change) || !parts.some((p) => keepsColumn(p, c))) continue;
      if (!d.change || d.shift || !d.from.includes(label)) return false;
      any = true;
    }
    return any;
  }

  /**
   * One frame split whole, its label taken from each part afterwards (`train, valid = train_test_split(df[feats +
   * ["Sales"]])`): the one quantity column among listed columns that hold a calendar field is taken as the label.
   */
  private splitWithQuantity(inputs: DataV[]): string | undefined {
    if (inputs.length !== 1) return undefined;
    const listed = this.listedInputs(inputs);
    const quantities = listed?.time.length ? listed.other.filter((c) => FORECAST_QUANTITY.test(c)) : [];
    return quantities.length === 1 ? quantities[0] : undefined;
  }

  /** The features (listed, or kept from the frame's known columns) name both a home and an away side, and a label is split with them. */
  private matchSides(inputs: DataV[]): boolean {
    const x = inputs.find((d) => d.feat && d.frame);
    if (!x?.feat || !inputs.some((d) => d !== x && d.cols?.length === 1)) return false;
    const cols: string[] = [];
    for (const p of selectionParts(x.feat)) {
      if (p.mode === 'select') cols.push(...p.cols);
      else for (let g: FrameMeta | undefined = p.frame; g; g = g.parent) cols.push(...[...g.readCols ?? [], ...g.derived.keys()].filter((c) => keepsColumn(p, c)));
    }
    return cols.some((c) => HOME_SIDE.test(c)) && cols.some((c) => AWAY_SIDE.test(c));
  }

  /** `[label, feature]` when the label is named as the next period's value of a feature column. */
  private nextPeriodLabel(inputs: DataV[]): [string, string] | undefined {
    for (const y of inputs) {
      const label = y.cols?.length === 1 ? y.cols[0] : undefined;
      const m = label ? NEXT_PERIOD.exec(label) ?? CAMEL_TOMORROW.exec(label) : null;
      const base = m ? (m[1] ?? m[2]) : undefined;
      if (!label || !base) continue;
      const today = todayOf(base);
      const held = inputs.flatMap((x) => x === y ? [] : today.filter((c) => x.cols?.includes(c) || x.feat?.mode === 'drop' && !x.feat.cols.includes(c) && readFrom(x.feat.frame, c)));
      if (held.length) return [label, held[0]];
    }
    return undefined;
  }

  /** Why the split's features hold lags or trailing windows of its label column, if they do. */
  private labelLagReason(inputs: DataV[]): string | undefined {
    for (const x of inputs) {
      if (!x.feat || !x.frame) continue;
      for (const y of inputs) {
        if (y === x || y.cols?.length !== 1 || !sameLineage(y.frame, x.frame)) continue;
        const label = y.cols[0];
        for (const [c, d] of visibleDerived(x.frame)) {
          if (c !== label && d.lag && d.from.includes(label) && selectionParts(x.feat).some((p) => keepsColumn(p, c))) {
            return `the features include lags or rolling windows of the label '${label}'`;
          }
        }
      }
    }
    return undefined;
  }

  // ---------- statements ----------

  protected returns: Val[] | null = null;
  /** What the running function yields: a generator's call gives these values, in order. */
  protected yields: Val[] | null = null;
  /** get_dummies columns reaching a model, a name or a combination: aligned to the training columns or not. */
  protected alignedDummies = new Set<string>();
  protected unalignedDummies = new Set<string>();
  /** get_dummies results whose column names were read (`encoded.columns`, to align another frame to them). */
  protected dummiesColumnsRead = new Set<string>();
  protected noteDummiesUse(d: Val, onlyAligned = false): void {
    if (d.k !== 'data' || !d.dummies) return;
    const key = `${d.dummies.chunk}:${d.dummies.from}`;
    if (d.aligned) this.alignedDummies.add(key);
    else if (!onlyAligned) this.unalignedDummies.add(key);
  }

  /** Names a running function declared `global` (assignments go to module scope too). */
  protected globalNames: Set<string> | null = null;
  /** True while a random row sample (df.sample) is being named as a split part. */
  protected sampling = false;
  /** Inside df.drop(df["c"]): the call's argument (a column's values taken as row labels). */
  protected dropByValues: string | undefined;

  /** bundle["model"] / bundle.scaler of a loaded artifact: loaded too (one object per key). */
  protected loadedParts = new Map<string, EstV>();
  /**
   * Refits at inference by `est.fit(X)` (not fit_transform), with the rows fitted and whether the
   * transformer was then applied to those rows (`own`) or only to other rows (`other`): fitted on a
   * reference file and applied to the request, it is not fitted on the batch it scores.
   */
  /** The refit recorded at a transformer's fit, by the fit's id. */
  protected refitByFit = new Map<number, RefitEvent>();
  /** Refits of a model of the document's own fitted with labels, or of the transformers fitted on its features. */
  protected ownTrainingRefits: RefitEvent[] = [];
  protected refitUses = new Map<EstV, { refit: RefitEvent; rows: RowKey[]; own: boolean; other: boolean }>();
  protected namedSplits = new Map<string, Split>();

  /** `.values` / `.to_numpy()` / `np.asarray(df)`: column order is no longer checked by name. */
  protected positionalView(d: DataV, n: SyntaxNode): DataV {
    const out = this.same(d);
    // One column (df["amount"].values) has no column order to lose.
    if (!d.aligned && !(d.cols?.length === 1 && !d.feat)) out.positional = this.site(n);
    if (d.feat === undefined && d.frame && !d.cols) out.feat = this.featureSelection(d, 'all', [], n);
    return out;
  }

  /**
   * `frame[col] = v`: remember which columns of the frame (or of a frame it was copied from) the
   * new column is computed from; a value computed from none of them replaces an earlier definition.
   * `framePrep`: the statistics the frame's rows already carried (the group aggregate the frame itself
   * is, `df.groupby(["station", "day"]).sum()`): every column read from it carries them, so they are not this column's.
   */
  protected recordDerived(frame: FrameMeta, col: string, v: Val, at: SyntaxNode, framePrep: FitEvent[] = []): void {
    // A list of values built row by row (vals.append(means.loc[v])) is computed from what its items are.
    if (v.k === 'seq') v = this.join(v.items, at);
    if (v.k === 'const') (frame.constCols ??= new Set()).add(col); else frame.constCols?.delete(col);
    // Read by a group-by as a cyclic key (rows of every year share it) rather than a period.
    if (TIME_COLUMN.test(col) && CYCLIC_FIELD.test(this.t(at))) (frame.cyclicCols ??= new Set()).add(col); else frame.cyclicCols?.delete(col);
    let from = (v.k === 'data' || v.k === 'scalar') && v.cols && sameLineage(v.frame, frame) ? v.cols.filter((c) => c !== col) : [];
    // A model's predictions written into a column (a missing feature filled by a regressor fitted
    // on other columns of the frame) are computed from the columns the model was fitted on.
    if (!from.length && v.k === 'data' && v.pred && !v.cols) {
      const fd = v.pred.est.fitData;
      if (fd?.frame && fd.cols?.length && sameLineage(fd.frame, frame)) from = fd.cols.filter((c) => c !== col);
    }
    if (!from.length) {
      // df[c] = df[c].fillna(0) transforms the column in place; anything else replaces it.
      const self = (v.k === 'data' || v.k === 'scalar') && v.cols?.includes(col) && sameLineage(v.frame, frame);
      if (self) return;
      (frame.external ??= new Map()).set(col, /\.index\b/.test(this.t(at)));
      // On a copy, an independent value hides the parent's definition; elsewhere it replaces it.
      if (frame.parent && derivedColumn(frame.parent, col)) frame.derived.set(col, { from: [], site: this.site(at), order: ++this.ids });
      else frame.derived.delete(col);
      return;
    }
    const vt = this.t(at);
    // A category that enters only as the key of a lookup beside other columns (busy / df["station"].map(ports)):
    // it brings a per-category constant, not the row's value, so it is not a column the value is computed from.
    if (from.length > 1) {
      const lookupOnly = (c: string): boolean => {
        const q = c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        const all = vt.match(new RegExp(`\\[\\s*["']${q}["']\\s*\\]`, 'g'))?.length ?? 0;
        const keyed = vt.match(new RegExp(`\\[\\s*["']${q}["']\\s*\\]\\s*\\.\\s*map\\(`, 'g'))?.length ?? 0;
        return all > 0 && keyed === all;
      };
      const kept = from.filter((c) => !lookupOnly(c));
      if (kept.length) from = kept;
    }
    // A label built from a variable that holds a future value (ret = (c.shift(-3) - c) / c) is a future label too.
    // On rows sorted newest first a negative shift reads the earlier rows: close.shift(-1) > close compares
    // with the previous bar (a change, as diff()), and a positive shift is the lead.
    const newest = v.k === 'data' && !!v.newestFirst;
    const future = newest ? /\.shift\(\s*(periods\s*=\s*)?[1-9]/.test(vt) : FUTURE_SHIFT.test(vt) || this.futureNames.size > 0 && (vt.match(/[A-Za-z_]\w*/g) ?? []).some((w) => this.futureNames.has(w));
    // A column minus (or over) its own lag (x - x.shift(7), df["s"] / df["s"].shift(1) - 1) reads the present
    // value too: a change against earlier rows, as diff(), not a lag.
    const unshifted = !future && /\.shift\(/.test(vt) && readsUnshifted(vt);
    const shift = future ? 'future' as const : /\.shift\(/.test(vt) && !unshifted ? 'past' as const : undefined;
    const groupStats = (v.k === 'data' || v.k === 'scalar') ? v.prep.filter((f) => f.kind === 'group' && !framePrep.includes(f)) : [];
    const change = !future && (/\.(diff|pct_change)\(/.test(vt) || newest && FUTURE_SHIFT.test(vt) || unshifted);
    const lag = !future && /\.(shift|rolling|expanding|ewm|diff|pct_change)\(/.test(vt);
    // (a & b).astype(int): a row is set only when every condition holds; which columns each condition reads.
    const parts = from.length > 1 && vt.includes('&') ? conjuncts(vt).map((p) => from.filter((c) => p.includes(`"${c}"`) || p.includes(`'${c}'`))) : [];
    const conj = parts.length > 1 && parts.every((cs) => cs.length > 0) ? parts : undefined;
    const dateField = /\.dt\s*\.\s*\w+\s*$/.test(vt);
    // The same statement run again on the same frame (a feature helper called on the training part and then on the
    // test part, which share the frame's columns): the column has held this definition since its first run, so a
    // matrix selected between the runs holds it too.
    const site = this.site(at);
    const prev = frame.derived.get(col);
    const rerun = prev && prev.site.chunk === site.chunk && prev.site.from === site.from && prev.from.join('\0') === from.join('\0');
    frame.derived.set(col, { from, site, order: rerun ? prev.order : ++this.ids, ...(shift ? { shift } : {}), ...(change ? { change: true as const } : {}), ...(lag ? { lag: true as const } : {}), ...(groupStats.length ? { groupStats } : {}), ...(conj ? { conj } : {}), ...(dateField ? { dateField: true as const } : {}) });
  }

  /** Variables assigned a value computed from a future row (`.shift(-k)`). */
  protected futureNames = new Set<string>();
  /** Names bound to an unseeded random row mask (`msk = np.random.rand(len(df)) < 0.8`): the statement that drew it. */
  protected randomMasks = new Map<string, string>();
  /** Row masks by whole values of one column (`mask = df.id.isin(ids)`), by name: their text. */
  protected isinMasks = new Map<string, string>();

  /** A copy of a frame with extra columns (`df.assign`, `df.eval`): new definitions stay on the copy. */
  protected childFrame(parent: FrameMeta): FrameMeta {
    return { id: ++this.ids, derived: new Map(), removed: new Set(parent.removed), parent };
  }

  protected featureSelection(d: DataV, mode: 'all' | 'drop' | 'select', cols: string[], n: SyntaxNode) {
    // A selection of a value that already lacks columns (X = df.drop(columns=[label]); X[cols]) cannot bring them back.
    const lacks = d.feat && d.feat.frame === d.frame ? [...d.feat.removedAtSelection, ...(d.feat.mode === 'drop' ? d.feat.cols.filter((c) => !c.startsWith('@')) : [])] : [];
    // Taken from a value already cut to some of its columns (by name or position): which columns it lacks is not all known.
    const narrowed = !!d.positional || !!d.feat && d.feat.frame === d.frame && (d.feat.mode === 'select' || d.feat.mode === 'union' || !!d.feat.narrowed);
    return { frame: d.frame!, mode, cols, removedAtSelection: [...new Set([...d.frame!.removed, ...lacks])], site: this.site(n), order: ++this.ids, ...(narrowed ? { narrowed: true as const } : {}) };
  }

  /** Row subsets assigned to names like X_train / X_test form a split of their source. */
  protected sliceSplits = new Map<string, Split>();
  /** Roots whose own rows (no earlier split) had a held-out part cut off by position or mask (`test = df[-n:]`). */
  protected heldOutCutRoots = new Set<Root>();
  /**
   * Seeded splits (a constant random_state, or shuffle=False) by call site and input rows: the same
   * call run again (in a loop, a helper called per model, a search objective) draws the same rows.
   */
  protected seededSplits = new Map<string, Split>();
  /** Numbers told apart the unknown results of one helper called with other arguments. */
  protected callResultIds = new Map<string, number>();
  /** Data written to a literal path and read back later in the document. */
  protected files = new Map<string, DataV>();
  protected loadSite: Site | undefined;
  /** The id counter when the first artifact was loaded: data roots with smaller ids were read before it. */
  protected loadId: number | undefined;
  protected markLoaded(site: Site): void {
    // A document that has already split its data into train and held-out rows is a training
    // document: what it loads is its own checkpoint or a saved step, not a serving path.
    if (!this.loadedArtifact && this.events.splits.some((s) => s.kind === 'tts')) return;
    if (!this.loadedArtifact) { this.loadSite = site; this.loadSwitch = [...this.switchBranches]; this.loadId ??= this.ids; }
    this.loadedFlag = true;
  }

  /**
   * What was guessed when serving is known only by a name: a serving-named function (nothing loaded, not a serving
   * file), or the file's name (app.py, api.py) with nothing loaded yet and no serving function running — such a file
   * may as well fit models of its own (a demo app). Undefined when the role is not a guess.
   */
  protected servingGuess(): string | undefined {
    const fnName = this.servingFnNames[this.servingFnNames.length - 1];
    if (this.servingFnDepth > 0 && !this.opts.servingFile && !this.loadedArtifact) return fnName ? `\`${fnName}\` is taken to be serving code by its name` : undefined;
    if (this.opts.servingByName && !this.loadedArtifact && this.servingFnDepth === 0) return `\`${this.opts.servingByName}\` is taken to be serving code by its file name, and the rows fitted here to be the batch it scores`;
    return undefined;
  }

  protected servingReason(): string {
    if (this.servingFnDepth > 0) return 'inside a serving/prediction function';
    if (this.loadedArtifact) return 'after a fitted artifact was loaded from disk';
    return 'in a serving/inference file';
  }
}

/** Two lists with the same items in the same order. */
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a === b || a.length === b.length && a.every((x, i) => x === b[i]);
}
