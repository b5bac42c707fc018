/**
 * Abstract interpreter over the lezer syntax tree. It runs the statements of a file (or of the
 * notebook cells in order) once, loops twice (so loop-carried model choices show up as distinct
 * versions), inlines calls to functions defined in the document, and records the events the
 * leakage and mismatch detectors need. It never throws on odd code: unknown things become
 * unknown values.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import type { Chunk } from './source';
import {
  EVAL_METHODS, GROUP_AGGS, GROUP_NON_STATS, LABEL_NAME, NP_STATS, PREDICT_METHODS, ROW_PRESERVING, ROW_SUBSET,
  DATA_NAME, LABEL_ENCODERS, MODEL_NAME, SCALE_FUNCTIONS, SERVING_FUNCTION, STAT_METHODS, TEST_NAME, TIME_COLUMN, TRAIN_NAME, VAL_NAME, estimatorCategory,
  isArtifactLoader, isCvFunction, isMetricFunction, isReader, type EstimatorCategory,
} from './knowledge';
import {
  covers, isTestSide, lastSide, unionKeys, unionList,
  type ClassV, type ConstV, type DataV, type ObjV, type DupEvent, type EstV, type FitEvent, type FitKind, type FnV, type FrameMeta,
  type IdxV, type ModV, type Root, type RowKey, type ScalarV, type SeqV, type Side, type Site, type Split, type Val,
} from './values';
import { newEvents, type Events, type PrepReason } from './events';

class Budget extends Error {}

class Scope {
  vars = new Map<string, Val>();
  constructor(readonly parent?: Scope) {}
  get(name: string): Val | undefined {
    for (let s: Scope | undefined = this; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v) return v;
    }
    return undefined;
  }
  set(name: string, v: Val): void { this.vars.set(name, v); }
}

interface Args { pos: Val[]; posNodes: SyntaxNode[]; kw: Map<string, Val>; kwNodes: Map<string, SyntaxNode>; node: SyntaxNode | null }

const NO_ARGS: Args = { pos: [], posNodes: [], kw: new Map(), kwNodes: new Map(), node: null };

export interface InterpreterOptions { servingFile: boolean; deadline: number }

export class Interpreter {
  readonly events: Events = newEvents();
  partial = false;
  private ids = 0;
  private chunkIndex = 0;
  private text = '';
  private stmt: SyntaxNode | null = null;
  private scope = new Scope();
  private readonly global = this.scope;
  private targets: string[] = [];
  private loopIters: number[] = [];
  private callers: Site[] = [];
  private active = new Set<SyntaxNode>();
  private servingFnDepth = 0;
  private loadedArtifact = false;
  private unknownData = new Map<string, DataV>();
  private unkToEst = new WeakMap<object, EstV>();
  private fns: FnV[] = [];
  private steps = 0;

  constructor(private readonly chunks: Chunk[], private readonly trees: Tree[], private readonly opts: InterpreterOptions) {}

  run(): void {
    try {
      for (let i = 0; i < this.chunks.length; i++) {
        this.enterChunk(i);
        this.execBlock(this.trees[i].topNode);
      }
      // Functions nobody calls (route handlers, serving entry points, helpers used elsewhere):
      // run each once with unknown arguments so their bodies are checked too.
      for (const fn of this.fns.slice()) {
        if (fn.called) continue;
        fn.called = true;
        this.enterChunk(fn.chunk);
        const self = fn.cls ? this.instantiate(fn.cls, NO_ARGS, null) : undefined;
        this.enterChunk(fn.chunk);
        this.callFunction(fn, NO_ARGS, null, self);
      }
    } catch (e) {
      if (e instanceof Budget) this.partial = true;
      else throw e;
    }
  }

  private enterChunk(i: number): void {
    this.chunkIndex = i;
    this.text = this.chunks[i].text;
  }

  // ---------- helpers ----------

  private t(n: SyntaxNode): string { return this.text.slice(n.from, n.to); }

  private site(n: SyntaxNode): Site {
    const st = this.stmt ?? n;
    const s: Site = { chunk: this.chunkIndex, from: n.from, to: n.to, stmtFrom: st.from, stmtTo: st.to };
    if (this.callers.length) s.callers = this.callers.slice();
    return s;
  }

  private tick(): void {
    if ((++this.steps & 63) === 0 && Date.now() > this.opts.deadline) throw new Budget();
  }

  private get serving(): boolean { return this.opts.servingFile || this.servingFnDepth > 0 || this.loadedArtifact; }
  private get inLoop(): boolean { return this.loopIters.length > 0; }
  private iterKey(): string { return this.loopIters.join('.'); }

  private newRoot(name: string, role: Root['role'], n?: SyntaxNode): Root {
    if (role === 'test') this.events.hasTestSet = true;
    return { id: ++this.ids, role, name, ...(n ? { site: this.site(n) } : {}) };
  }

  private mkData(init: Partial<DataV> & { rows: RowKey[] }): DataV {
    const d: DataV = { k: 'data', id: ++this.ids, prep: [], dup: [], ...init };
    if (d.prep.length) this.checkPrep(d);
    return d;
  }

  private freshData(name: string, n: SyntaxNode | undefined, role: Root['role'] = 'whole'): DataV {
    const r = this.newRoot(name, role, n);
    return this.mkData({ rows: [{ root: r, path: [] }], frame: this.newFrame(), serving: this.serving });
  }

  private newFrame(): FrameMeta { return { id: ++this.ids, derived: new Map(), removed: new Set() }; }

  /** A data view of any value: unknown names become stable datasets of their own. */
  private asData(v: Val | undefined, hint = 'data'): DataV {
    if (v && v.k === 'data') return v;
    if (v && v.k === 'seq') {
      const parts = v.items.map((i) => this.asData(i, hint));
      return this.join(parts, undefined) as DataV;
    }
    const key = v && (v.k === 'scalar' ? 'u:' + v.name : v.k === 'const' ? 'c:' + v.text : v.k === 'mod' ? 'm:' + v.q : '') || 'h:' + hint;
    let d = this.unknownData.get(key);
    if (!d) {
      const name = key.slice(2);
      d = this.freshData(name, undefined, roleFromName(name));
      if (v && v.k === 'scalar' && (v.prep.length || v.dup.length)) d = this.mkData({ ...d, prep: v.prep, dup: v.dup });
      this.unknownData.set(key, d);
    }
    return d;
  }

  private scalar(name: string, prep: FitEvent[] = [], dup: DupEvent[] = [], varying = false): ScalarV {
    return { k: 'scalar', name, prep, dup, ...(varying ? { varying } : {}) };
  }

  /** Combines operands: any data operand makes the result data on the union of rows. */
  private join(vals: (Val | undefined)[], n: SyntaxNode | undefined): Val {
    let data: DataV | undefined;
    let prep: FitEvent[] = [], dup: DupEvent[] = [];
    let varying = false;
    let rows: RowKey[] = [];
    let pred: DataV['pred'];
    let frame: FrameMeta | undefined, cols: string[] | undefined, time = false;
    let pending: Site[] | undefined;
    let mixSite: Site | undefined, positional: Site | undefined;
    for (const v of vals) {
      if (!v) continue;
      if (v.varying) varying = true;
      if (v.k === 'data') {
        data = data ?? v;
        rows = unionKeys(rows, v.rows);
        prep = unionList(prep, v.prep);
        dup = unionList(dup, v.dup);
        pred = pred ?? v.pred;
        frame = frame ?? v.frame;
        if (v.cols) cols = unionList(cols ?? [], v.cols);
        if (v.time) time = true;
        mixSite = mixSite ?? v.mixSite;
        if (v.positional && !v.aligned) positional = positional ?? v.positional;
      } else if (v.k === 'scalar') {
        prep = unionList(prep, v.prep);
        dup = unionList(dup, v.dup);
        if (v.cols) cols = unionList(cols ?? [], v.cols);
        if (v.pending) pending = unionList(pending ?? [], v.pending);
        frame = frame ?? v.frame;
      } else if (v.k === 'seq') {
        const inner = this.join(v.items, n);
        if (inner.k === 'data') {
          data = data ?? inner; rows = unionKeys(rows, inner.rows); prep = unionList(prep, inner.prep); dup = unionList(dup, inner.dup);
          mixSite = mixSite ?? inner.mixSite;
        } else if (inner.k === 'scalar') {
          prep = unionList(prep, inner.prep); dup = unionList(dup, inner.dup);
          if (inner.pending) pending = unionList(pending ?? [], inner.pending);
        }
      }
    }
    if (data) {
      return this.mkData({ rows, prep, dup, varying, ...(pred ? { pred } : {}), ...(frame ? { frame } : {}), ...(cols ? { cols } : {}),
        ...(time ? { time } : {}), ...(data.serving ? { serving: true } : {}), ...(mixSite ? { mixSite } : {}), ...(positional ? { positional } : {}) });
    }
    const s = this.scalar(n ? this.t(n) : '?', prep, dup, varying);
    if (cols) { s.cols = cols; if (frame) s.frame = frame; }
    if (pending) s.pending = pending;
    return s;
  }

  /** Derives a data value with the same rows (column-wise operation). */
  private same(d: DataV, extra: Partial<DataV> = {}): DataV {
    return this.mkData({ rows: d.rows, prep: d.prep, dup: d.dup, ...(d.frame ? { frame: d.frame } : {}), ...(d.varying ? { varying: true } : {}),
      ...(d.pred ? { pred: d.pred } : {}), ...(d.time ? { time: true } : {}), ...(d.serving ? { serving: true } : {}),
      ...(d.positional ? { positional: d.positional } : {}), ...(d.aligned ? { aligned: true } : {}), ...(d.feat ? { feat: d.feat } : {}),
      ...(d.cols ? { cols: d.cols } : {}), ...(d.subsetSite ? { subsetSite: d.subsetSite } : {}), ...(d.mixSite ? { mixSite: d.mixSite } : {}),
      ...(d.resampled ? { resampled: true } : {}), ...(d.concatParts ? { concatParts: d.concatParts } : {}), ...extra });
  }

  private withStep(d: DataV, split: Split, side: Side, fold?: number, varying = false): DataV {
    if (side === 'test') this.events.hasTestSet = true;
    const rows = d.rows.map((k) => ({ root: k.root, path: [...k.path, { split, side, ...(fold !== undefined ? { fold } : {}) }] }));
    return this.mkData({ rows, prep: d.prep, dup: d.dup, ...(d.frame ? { frame: d.frame } : {}), ...(d.time ? { time: true } : {}),
      ...(d.feat ? { feat: d.feat } : {}), ...(d.cols ? { cols: d.cols } : {}), ...(varying || d.varying ? { varying: true } : {}) });
  }

  /** A statistic fitted on test rows, or whose rows include test rows that reach it, leaks. */
  private checkPrep(d: DataV): void {
    for (const f of d.prep) {
      if (f.serving || f.onLabel) continue;
      for (const k of d.rows) {
        if (!isTestSide(k) || !covers(f.rows, k)) continue;
        const onTestOnly = f.rows.every(isTestSide);
        this.recordPrepLeak(f, k, onTestOnly ? 'fit-on-test' : f.rows.some((r) => r.root === k.root && r.path.length === k.path.length) ? 'includes-test' : 'transform');
      }
    }
  }

  private recordPrepLeak(fit: FitEvent, key: RowKey, reason: PrepReason, split?: Split): void {
    if (this.events.prepLeaks.some((l) => l.fit === fit)) return;
    const last = key.path[key.path.length - 1];
    this.events.prepLeaks.push({ fit, key, viaVal: lastSide(key) === 'val', reason, ...(split ?? last?.split ? { split: split ?? last.split } : {}) });
  }

  private newFit(n: SyntaxNode, cls: string, kind: FitKind, data: DataV, onLabel = false): FitEvent {
    const f: FitEvent = { id: ++this.ids, site: this.site(n), cls, kind, rows: data.rows, serving: this.serving, onLabel };
    if ((kind === 'transformer' || kind === 'pipeline') && !f.serving && !onLabel) {
      const onTestOnly = data.rows.every(isTestSide);
      for (const k of data.rows) if (isTestSide(k)) { this.recordPrepLeak(f, k, onTestOnly ? 'fit-on-test' : 'includes-test'); break; }
    }
    return f;
  }

  /** Called on every split: statistics and duplications covering the split input leak. */
  private onSplit(split: Split, inputs: DataV[]): void {
    this.events.splits.push(split);
    for (const d of inputs) {
      for (const f of d.prep) {
        if (f.serving || f.onLabel) continue;
        if (d.rows.length && d.rows.every((k) => covers(f.rows, k))) {
          this.recordPrepLeak(f, d.rows[0], split.kind === 'cv' || split.kind === 'search' || split.kind === 'folds' ? 'cv' : 'split', split);
        }
      }
      for (const du of d.dup) {
        if (d.rows.some((k) => covers(du.rows, k)) && !this.events.dupLeaks.some((l) => l.dup === du)) this.events.dupLeaks.push({ dup: du, split });
      }
    }
    if (split.kind === 'tts' && split.shuffle && inputs.some((d) => d.time)) {
      this.events.temporal.push({ site: split.site, reason: 'the data has a time column or was ordered by time' });
    }
  }

  // ---------- statements ----------

  private execBlock(n: SyntaxNode): void {
    for (let c = n.firstChild; c; c = c.nextSibling) this.execStmt(c);
  }

  private execStmt(n: SyntaxNode): void {
    this.tick();
    const prevStmt = this.stmt;
    if (n.name !== 'Body' && n.name !== 'StatementGroup') this.stmt = n;
    try {
      switch (n.name) {
        case 'AssignStatement': this.execAssign(n); break;
        case 'UpdateStatement': this.execUpdate(n); break;
        case 'ExpressionStatement': case 'PrintStatement': case 'YieldStatement':
          for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) this.ev(c);
          break;
        case 'ReturnStatement': {
          const e = lastExpr(n);
          const v = e ? this.ev(e) : undefined;
          if (this.returns && v) this.returns.push(v);
          break;
        }
        case 'ForStatement': this.execFor(n); break;
        case 'WhileStatement': this.execWhile(n); break;
        case 'IfStatement': case 'TryStatement': this.execCompound(n); break;
        case 'WithStatement': this.execWith(n); break;
        case 'FunctionDefinition': this.defineFunction(n, false); break;
        case 'ClassDefinition': this.defineClass(n); break;
        case 'DecoratedStatement': {
          const inner = n.lastChild;
          if (inner) this.execStmt(inner);
          break;
        }
        case 'ImportStatement': this.execImport(n); break;
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

  private returns: Val[] | null = null;

  private execCompound(n: SyntaxNode): void {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Body') this.execBlock(c);
      else if (c.name === 'as') {
        const target = c.nextSibling;
        if (target && target.name === 'VariableName') this.scope.set(this.t(target), this.scalar(this.t(target)));
      } else if (isExpr(c) && c.prevSibling?.name !== 'as') this.ev(c);
    }
  }

  /** Names (re)assigned anywhere in a loop body: their values differ between iterations. */
  private assignedIn(body: SyntaxNode): string[] {
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

  private markVarying(names: string[]): void {
    for (const name of names) {
      const v = this.scope.get(name);
      if (v && !v.varying && (v.k === 'const' || v.k === 'scalar')) this.scope.set(name, withVarying(v));
    }
  }

  private execWhile(n: SyntaxNode): void {
    const body = child(n, 'Body');
    const cond = firstExpr(n);
    const passes = this.loopIters.length >= 3 ? 1 : 2;
    const assigned = body ? this.assignedIn(body) : [];
    for (let i = 0; i < passes; i++) {
      this.loopIters.push(i);
      try {
        this.markVarying(assigned);
        if (cond) this.ev(cond);
        if (body) this.execBlock(body);
      } finally {
        this.loopIters.pop();
      }
    }
  }

  private execWith(n: SyntaxNode): void {
    let last: Val | undefined;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'Body') this.execBlock(c);
      else if (c.name === 'as') {
        const target = c.nextSibling;
        if (target) { this.bind(target, last ?? this.scalar('with')); c = target; }
      } else if (isExpr(c)) last = this.ev(c);
    }
  }

  private execImport(n: SyntaxNode): void {
    // import a.b as c | from a.b import c as d, e
    const parts: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) parts.push(c);
    const isFrom = parts[0]?.name === 'from';
    if (isFrom) {
      let i = 1, mod = '';
      for (; i < parts.length && parts[i].name !== 'import'; i++) mod += this.t(parts[i]);
      for (i++; i < parts.length; i++) {
        const p = parts[i];
        if (p.name !== 'VariableName') continue;
        const name = this.t(p);
        let alias = name;
        if (parts[i + 1]?.name === 'as' && parts[i + 2]) { alias = this.t(parts[i + 2]); i += 2; }
        this.scope.set(alias, { k: 'mod', q: mod + '.' + name });
      }
    } else {
      let q = '';
      for (let i = 1; i < parts.length; i++) {
        const p = parts[i];
        if (p.name === 'VariableName' || p.name === '.') q += this.t(p);
        if (p.name === 'as' && parts[i + 1]) { this.scope.set(this.t(parts[i + 1]), { k: 'mod', q }); q = ''; i++; }
        else if (p.name === ',' || i === parts.length - 1) {
          if (q) this.scope.set(q.split('.')[0], { k: 'mod', q: q.split('.')[0] });
          q = '';
        }
      }
    }
  }

  private execDelete(n: SyntaxNode): void {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name !== 'MemberExpression') continue;
      const obj = c.firstChild;
      const key = subscriptString(this, c);
      if (!obj || key === undefined) continue;
      const v = this.ev(obj);
      if (v.k === 'data' && v.frame) v.frame.removed.add(key);
    }
  }

  private defineFunction(n: SyntaxNode, isMethod: boolean): void {
    const nameNode = child(n, 'VariableName');
    if (!nameNode) return;
    const fn: FnV = { k: 'fn', node: n, chunk: this.chunkIndex, name: this.t(nameNode), called: false, isMethod };
    this.scope.set(fn.name, fn);
    if (this.scope === this.global || isMethod) this.fns.push(fn);
  }

  private defineClass(n: SyntaxNode): void {
    const nameNode = child(n, 'VariableName');
    const cls: ClassV = { k: 'class', name: nameNode ? this.t(nameNode) : 'class', methods: new Map() };
    if (nameNode) this.scope.set(cls.name, cls);
    const body = child(n, 'Body');
    if (!body) return;
    for (let c = body.firstChild; c; c = c.nextSibling) {
      const def = c.name === 'DecoratedStatement' ? c.lastChild : c;
      if (def?.name !== 'FunctionDefinition') continue;
      const mName = child(def, 'VariableName');
      if (!mName) continue;
      const fn: FnV = { k: 'fn', node: def, chunk: this.chunkIndex, name: this.t(mName), called: false, isMethod: true, cls };
      cls.methods.set(fn.name, fn);
      this.fns.push(fn);
    }
  }

  private isStaticMethod(def: SyntaxNode): boolean {
    const parent = def.parent;
    return parent?.name === 'DecoratedStatement' && /@staticmethod\b/.test(this.text.slice(parent.from, def.from));
  }

  /** bundle["model"] / bundle.scaler of a loaded artifact: loaded too (one object per key). */
  private loadedParts = new Map<string, EstV>();
  private loadedPart(o: EstV, key: string): EstV {
    const k = `${o.id}:${key}`;
    let part = this.loadedParts.get(k);
    if (!part) {
      part = { k: 'est', id: ++this.ids, cls: 'loaded', cat: 'model', ...(o.site ? { site: o.site } : {}), params: key, steps: [], prepFits: [], loaded: true };
      part.version = `loaded:${part.id}`;
      this.loadedParts.set(k, part);
    }
    return part;
  }

  /** `Cls(...)`: a new instance, initialised by running `__init__`. */
  private instantiate(cls: ClassV, args: Args, n: SyntaxNode | null): ObjV {
    const obj: ObjV = { k: 'obj', cls, fields: new Map() };
    const init = cls.methods.get('__init__');
    if (init) this.callFunction(init, args, n, obj);
    return obj;
  }

  private execAssign(n: SyntaxNode): void {
    // targets (= targets)* = value ; annotations are skipped
    const segs: SyntaxNode[][] = [[]];
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === 'AssignOp') segs.push([]);
      else if (c.name !== ',' && c.name !== 'TypeDef') segs[segs.length - 1].push(c);
    }
    if (segs.length < 2) { for (const c of segs[0]) if (isExpr(c)) this.ev(c); return; }
    const valueNodes = segs[segs.length - 1];
    const targetSegs = segs.slice(0, -1);
    this.targets = targetSegs[0].flatMap((t) => leafNames(this, t));
    let v: Val;
    try {
      v = valueNodes.length === 1 ? this.ev(valueNodes[0]) : { k: 'seq', items: valueNodes.map((x) => this.ev(x)) };
    } finally {
      this.targets = [];
    }
    for (const seg of targetSegs) {
      if (seg.length === 1) this.bind(seg[0], v, valueNodes[0]);
      else this.bindTuple(seg, v);
    }
  }

  private execUpdate(n: SyntaxNode): void {
    const target = n.firstChild;
    const value = n.lastChild;
    if (!target || !value) return;
    const cur = this.ev(target);
    const v = this.ev(value);
    this.bind(target, this.join([cur, v], n), value);
  }

  private bindTuple(targets: SyntaxNode[], v: Val): void {
    const items = v.k === 'seq' ? v.items : undefined;
    targets.forEach((t, i) => {
      const item = items ? items[i] ?? this.scalar('?') : v.k === 'data' ? v : this.scalar(this.t(t), v.k === 'scalar' ? v.prep : [], v.k === 'scalar' ? v.dup : [], !!v.varying);
      this.bind(t, item);
    });
  }

  /** Binds a target expression. Subscript/attribute targets mutate the container's taints. */
  private bind(t: SyntaxNode, v: Val, valueNode?: SyntaxNode): void {
    switch (t.name) {
      case 'VariableName': {
        const name = this.t(t);
        this.scope.set(name, this.nameValue(name, v, valueNode));
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
        const isIndex = child(t, '[') !== null;
        if (!isIndex) {
          const key = this.t(t);
          const o = this.ev(obj);
          const prop = t.lastChild ? this.t(t.lastChild) : '';
          if (o.k === 'obj') { o.fields.set(prop, v); return; }
          this.scope.set(key, v);
          if (o.k === 'est') { o.params += `|${this.t(t)}=${valueNode ? this.t(valueNode) : '?'}`; if (v.varying) o.varying = true; }
          return;
        }
        this.assignSubscript(t, obj, v, valueNode);
        return;
      }
      default:
        return;
    }
  }

  /** A test set must not be drawn from training rows; a slice named train/test is a split. */
  private nameValue(name: string, v: Val, valueNode?: SyntaxNode): Val {
    if (v.k === 'est' && valueNode && !v.site) v.site = this.site(valueNode);
    if (v.k !== 'data' || !v.rows.length || v.pred) return v;
    // x_test = data["x_test"]: a held-out set named as such (no explicit split in the code).
    const wantTest = TEST_NAME.test(name) && !TRAIN_NAME.test(name);
    const wantTrain = TRAIN_NAME.test(name) && !TEST_NAME.test(name) && !VAL_NAME.test(name);
    if (!wantTest && !wantTrain) return v;
    if (!v.rows.every((k) => k.path.length === 0 && k.root.role === 'whole')) return v;
    const root = v.rows[0].root;
    let split = this.namedSplits.get(root.id);
    if (!split) {
      split = { id: ++this.ids, site: this.site(valueNode ?? this.stmt!), kind: 'slice', shuffle: false, names: [] };
      this.namedSplits.set(root.id, split);
      this.events.splits.push(split);
    }
    return this.withStep(v, split, wantTest ? 'test' : 'train');
  }
  private namedSplits = new Map<number, Split>();

  private assignSubscript(t: SyntaxNode, objNode: SyntaxNode, v: Val, valueNode?: SyntaxNode): void {
    let base = objNode;
    // df.loc[...] = v / df.iloc[...] = v mutate df
    if (base.name === 'MemberExpression' && !child(base, '[') && /^(loc|iloc|at|iat)$/.test(this.t(base.lastChild!))) base = base.firstChild!;
    const cur = this.ev(base);
    if (cur.k !== 'data' && cur.k !== 'scalar') return;
    const col = subscriptString(this, t);
    const curData = cur.k === 'data' ? cur : this.asData(cur, this.t(base));
    const merged = this.join([curData, v.k === 'data' || v.k === 'scalar' ? stripRows(v) : undefined], t) as DataV;
    if (col !== undefined && curData.frame) {
      const from = (v.k === 'data' || v.k === 'scalar') && v.frame === curData.frame && v.cols ? v.cols.filter((c) => c !== col) : [];
      if (from.length) {
        const vt = valueNode ? this.t(valueNode) : '';
        const shift = /\.shift\(\s*(periods\s*=\s*)?-/.test(vt) ? 'future' as const : /\.shift\(/.test(vt) ? 'past' as const : undefined;
        curData.frame.derived.set(col, { from, site: this.site(valueNode ?? t), ...(shift ? { shift } : {}) });
      }
      if (TIME_COLUMN.test(col) && valueNode && /to_datetime|datetime|Timestamp/.test(this.t(valueNode))) merged.time = true;
    }
    merged.frame = curData.frame;
    if (curData.cols) merged.cols = curData.cols; else delete merged.cols;
    if (curData.concatParts) merged.concatParts = curData.concatParts;
    if (curData.time || v.k === 'data' && v.time) merged.time = true;
    if (curData.serving) merged.serving = true;
    if (curData.feat) merged.feat = curData.feat;
    this.bind(base, merged);
  }

  private execFor(n: SyntaxNode): void {
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
    const iter = iterNode ? this.ev(iterNode) : this.scalar('?');
    // Two passes expose loop-carried choices; deep nests run once to stay linear.
    const passes = this.loopIters.length >= 3 ? 1 : 2;
    const assigned = body ? this.assignedIn(body) : [];
    for (let i = 0; i < passes; i++) {
      this.loopIters.push(i);
      try {
        this.markVarying(assigned);
        const el = this.element(iter, i);
        if (targets.length === 1) this.bind(targets[0], el); else this.bindTuple(targets, el);
        if (body) this.execBlock(body);
      } finally {
        this.loopIters.pop();
      }
    }
    if (elseBody) this.execBlock(elseBody);
  }

  /** The i-th element produced by iterating a value. */
  private element(iter: Val, i: number): Val {
    switch (iter.k) {
      case 'seq': {
        if (!iter.items.length) return this.scalar('item', [], [], true);
        const it = iter.items[Math.min(i, iter.items.length - 1)];
        if (iter.items.length === 1 && it.k !== 'est') return withVarying(it);
        return it.k === 'const' || it.k === 'scalar' ? withVarying(it) : it;
      }
      case 'folds': {
        const pair: SeqV = { k: 'seq', items: [{ k: 'idx', split: iter.split, side: 'train', fold: i, varying: true }, { k: 'idx', split: iter.split, side: 'test', fold: i, varying: true }], varying: true };
        return iter.enumerated ? { k: 'seq', items: [{ k: 'const', text: String(i), varying: true }, pair], varying: true } : pair;
      }
      case 'data':
        return this.scalar('row', iter.prep, iter.dup, true);
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
        if (n.name === 'FormatString') for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === 'FormatReplacement') for (let e = c.firstChild; e; e = e.nextSibling) if (isExpr(e)) this.ev(e);
        return { k: 'const', text, str: unquote(text) };
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
        if (n.name === 'ConditionalExpression' && vals.length === 3) return this.join([vals[0], vals[2]], n);
        if (n.name === 'NamedExpression' && n.firstChild && vals.length) { this.bind(n.firstChild, vals[vals.length - 1]); return vals[vals.length - 1]; }
        // list + list of constants (column lists): keep the items
        if (n.name === 'BinaryExpression' && vals.length === 2 && vals[0].k === 'seq' && vals[1].k === 'seq' && /^\s*\+/.test(this.text.slice(n.firstChild!.to, n.lastChild!.from))) {
          return { k: 'seq', items: [...vals[0].items, ...vals[1].items], varying: !!(vals[0].varying || vals[1].varying) };
        }
        return this.join(vals, n);
      }
      case 'ArrayComprehensionExpression': case 'DictionaryComprehensionExpression': case 'SetComprehensionExpression':
      case 'ComprehensionExpression':
        return this.evComprehension(n);
      case 'LambdaExpression': return { k: 'fn', node: n, chunk: this.chunkIndex, name: 'lambda', called: true, isMethod: false };
      default: return this.scalar(n.name);
    }
  }

  private lookup(name: string): Val {
    const v = this.scope.get(name);
    if (v) return v;
    if (name === 'True' || name === 'False' || name === 'None') return { k: 'const', text: name };
    // Undefined (other cell, star import, function parameter): a stable unknown of that name.
    const u = this.scalar(name);
    this.global.set(name, u);
    return u;
  }

  private evDict(n: SyntaxNode): SeqV {
    const items: Val[] = [], keys: (string | undefined)[] = [];
    let pendingKey: string | undefined; let expectValue = false;
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.name === ':') { expectValue = true; continue; }
      if (!isExpr(c)) continue;
      if (expectValue) { items.push(this.ev(c)); keys.push(pendingKey); expectValue = false; pendingKey = undefined; }
      else { const k = this.ev(c); pendingKey = k.k === 'const' ? k.str ?? k.text : undefined; }
    }
    return { k: 'seq', items, keys };
  }

  private evComprehension(n: SyntaxNode): Val {
    const kids: SyntaxNode[] = [];
    for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== '[' && c.name !== ']' && c.name !== '{' && c.name !== '}' && c.name !== '(' && c.name !== ')') kids.push(c);
    const firstFor = kids.findIndex((k) => k.name === 'for');
    if (firstFor < 0) return this.scalar('comp');
    const element = kids.slice(0, firstFor).filter(isExpr);
    const clauses = kids.slice(firstFor);
    const prevScope = this.scope;
    this.scope = new Scope(prevScope);
    const results: Val[] = [];
    let iterData: DataV | undefined;
    let firstIter: { v: Val; target: string } | undefined;
    const conds: SyntaxNode[] = [];
    const passes = this.loopIters.length >= 3 ? 1 : 2;
    try {
      for (let i = 0; i < passes; i++) {
        this.loopIters.push(i);
        try {
          let j = 0;
          while (j < clauses.length) {
            const c = clauses[j];
            if (c.name === 'for') {
              const targets: SyntaxNode[] = [];
              j++;
              while (j < clauses.length && clauses[j].name !== 'in') { if (clauses[j].name !== ',') targets.push(clauses[j]); j++; }
              j++;
              const iterNode = clauses[j++];
              const iter = iterNode ? this.ev(iterNode) : this.scalar('?');
              if (!iterData && iter.k === 'data') iterData = iter;
              if (!firstIter) firstIter = { v: iter, target: targets.length === 1 ? this.t(targets[0]) : '' };
              const el = this.element(iter, i);
              if (targets.length === 1) this.bind(targets[0], el); else this.bindTuple(targets, el);
            } else if (c.name === 'if') {
              j++;
              if (clauses[j]) { conds.push(clauses[j]); this.ev(clauses[j]); }
              j++;
            } else j++;
          }
          for (const e of element) results.push(this.ev(e));
        } finally {
          this.loopIters.pop();
        }
      }
    } finally {
      this.scope = prevScope;
    }
    // [c for c in df.columns if c != "label"]: the frame's columns minus some names
    if (firstIter && firstIter.v.k === 'scalar' && firstIter.v.allCols && element.length === 1 && this.t(element[0]) === firstIter.target) {
      const all = firstIter.v.allCols;
      const removed = [...all.removed];
      let known = true;
      for (const c of conds.slice(0, 2)) {
        const m = new RegExp(`^${firstIter.target}\\s*(!=|not\\s+in)\\s*([\\s\\S]+)$`).exec(this.t(c).trim());
        if (!m) { known = false; break; }
        const rhs = m[2].trim();
        const strs = /^["']/.test(rhs) || /^[[(]/.test(rhs) ? stringsIn(rhs) : constStrings(this.lookup(rhs));
        if (!strs.length) { known = false; break; }
        removed.push(...strs);
      }
      if (known && conds.length <= 2) return { ...this.scalar('columns'), allCols: { frame: all.frame, removed } };
    }
    if (iterData) {
      // A row-wise map over a dataset ([t.decode() for t in texts]) keeps its rows.
      const extra = this.join(results, n);
      return this.same(iterData, { prep: unionList(iterData.prep, extra.k === 'data' || extra.k === 'scalar' ? extra.prep : []) });
    }
    const seq: SeqV = { k: 'seq', items: results, varying: true };
    return seq;
  }

  private evMember(n: SyntaxNode): Val {
    const obj = n.firstChild;
    if (!obj) return this.scalar('?');
    if (child(n, '[')) return this.evSubscript(n, obj);
    const prop = n.lastChild ? this.t(n.lastChild) : '';
    const full = this.t(n);
    const bound = this.scope.get(full);
    if (bound) return bound;
    const o = this.ev(obj);
    switch (o.k) {
      case 'obj': {
        const f = o.fields.get(prop);
        if (f) return f;
        const m = o.cls.methods.get(prop);
        return m ? { ...m, self: o } : this.scalar(full);
      }
      case 'mod': return { k: 'mod', q: o.q + '.' + prop };
      case 'data': {
        if (prop === 'values' || prop === 'T') return this.positionalView(o, n);
        if (prop === 'columns' && o.frame && !o.cols) return { ...this.scalar(full), allCols: { frame: o.frame, removed: [] } };
        if (prop === 'columns' || prop === 'index') return this.scalar(full, o.prep);
        if (/^(shape|dtypes?|size|ndim|name|names|empty|nbytes|itemsize|flags|axes|attrs|iat|at)$/.test(prop)) return this.scalar(full);
        if (prop === 'loc' || prop === 'iloc' || prop === 'at' || prop === 'iat' || prop === 'str' || prop === 'dt' || prop === 'cat') {
          const d = this.same(o);
          if (prop === 'dt') d.time = true;
          return d;
        }
        // attribute-style column access df.col
        const d = this.same(o, { cols: [prop] });
        if (o.frame && !d.frame) d.frame = o.frame;
        return d;
      }
      // bundle.model is a loaded part; fitted attributes (feature_names_in_, classes_) are values
      case 'est': return o.loaded && !prop.endsWith('_') && !prop.startsWith('_') ? this.loadedPart(o, prop) : this.scalar(full, o.prepFits);
      default: return this.scalar(full, o.k === 'scalar' ? o.prep : [], o.k === 'scalar' ? o.dup : [], !!o.varying);
    }
  }

  /** `.values` / `.to_numpy()` / `np.asarray(df)`: column order is no longer checked by name. */
  private positionalView(d: DataV, n: SyntaxNode): DataV {
    const out = this.same(d);
    if (!d.aligned) out.positional = this.site(n);
    if (d.feat === undefined && d.frame && !d.cols) out.feat = this.featureSelection(d, 'all', [], n);
    return out;
  }

  private featureSelection(d: DataV, mode: 'all' | 'drop' | 'select', cols: string[], n: SyntaxNode) {
    return { frame: d.frame!, mode, cols, removedAtSelection: [...d.frame!.removed], site: this.site(n) };
  }

  private evSubscript(n: SyntaxNode, objNode: SyntaxNode): Val {
    const o = this.ev(objNode);
    const idxNodes: SyntaxNode[] = [];
    let hasSlice = false;
    for (let c = objNode.nextSibling; c; c = c.nextSibling) {
      if (c.name === ':') hasSlice = true;
      else if (isExpr(c)) idxNodes.push(c);
    }
    const idx = idxNodes.map((x) => this.ev(x));
    if (o.k === 'seq') {
      const first = idxNodes[0] ? this.t(idxNodes[0]) : '';
      if (/^-?\d+$/.test(first) && !hasSlice) { const i = Number(first); const it = o.items[i < 0 ? o.items.length + i : i]; if (it) return it; }
      if (idx[0]?.k === 'const' && o.keys) { const key = idx[0].str; const at = o.keys.indexOf(key); if (at >= 0) return o.items[at]; }
      return this.join(o.items, n);
    }
    if (o.k === 'est' && o.loaded) return this.loadedPart(o, idxNodes[0] ? this.t(idxNodes[0]) : '?');
    if (o.k !== 'data') {
      if (o.k === 'scalar' && /^(X|x|y|Y|df|data|dataset)/.test(o.name) === false && !idx.some((i) => i.k === 'idx')) return this.join([o, ...idx], n);
      if (o.k === 'scalar' || o.k === 'mod' || o.k === 'const') return this.subscriptData(this.asData(o, this.t(objNode)), n, objNode, idxNodes, idx, hasSlice);
      return this.scalar(this.t(n));
    }
    return this.subscriptData(o, n, objNode, idxNodes, idx, hasSlice);
  }

  private subscriptData(o0: DataV, n: SyntaxNode, objNode: SyntaxNode, idxNodes: SyntaxNode[], idx: Val[], hasSlice: boolean): Val {
    // Columns chosen by a fitted selector (X[rfe.support_]) carry that fit.
    // Columns chosen from a statistic or a fitted selector (X[rfe.support_], df[corr.index]) carry that
    // fit; a boolean row mask is data, and its statistics do not flow into the rows it keeps.
    const learned = idx.flatMap((i) => (i.k === 'scalar' ? i.prep : []));
    const o = learned.length ? this.mkData({ ...this.same(o0), prep: unionList(o0.prep, learned) }) : o0;
    const isILoc = objNode.name === 'MemberExpression' && /\.(iloc|loc)$/.test(this.t(objNode));
    // Fold indices from KFold.split select that fold's rows.
    const fold = idx.find((i): i is IdxV => i.k === 'idx');
    if (fold) return this.withStep(o, fold.split, fold.side, fold.fold, true);
    if (this.inLoop && idx.some((i) => i.varying && i.k !== 'const')) {
      // y_test[idx] with idx redrawn each iteration: a bootstrap of the same rows, not a new setting
      const r = this.same(o, { resampled: true, varying: true });
      return r;
    }
    // Column selection: df['a'], df[['a','b']], df[cols]
    const first = idx[0];
    if (first && !hasSlice && (first.k === 'const' && first.str !== undefined || first.k === 'seq' && first.items.every((x) => x.k === 'const' && x.str !== undefined))) {
      const cols = first.k === 'const' ? [first.str!] : (first as SeqV).items.map((x) => (x as ConstV).str!);
      const d = this.same(o, { cols, aligned: cols.length > 1 || first.k === 'seq' });
      delete d.positional;
      if (o.grouped) d.grouped = true;
      if (first.k === 'seq' && o.frame) d.feat = this.featureSelection(o, 'select', cols, n);
      if (cols.some((c) => TIME_COLUMN.test(c))) { /* reading a time column is not ordering */ }
      return d;
    }
    if (first && !hasSlice && first.k === 'scalar' && first.allCols && first.allCols.frame === o.frame) {
      const d = this.same(o);
      delete d.cols;
      d.feat = this.featureSelection(o, 'drop', first.allCols.removed, n);
      return d;
    }
    const ownColumns = idxNodes.some((x) => this.t(x).includes(this.t(objNode) + '.columns'));
    if (first && !hasSlice && first.k === 'scalar' && !isILoc && first.cols === undefined && !first.allCols && !ownColumns
      && /col|feat|features|names|keep|select|order/i.test(first.name + ' ' + this.t(idxNodes[0]))) {
      return this.same(o, { aligned: true });
    }
    if (isILoc && hasSlice && idxNodes.length >= 0) {
      const text = this.t(n);
      const inner = text.slice(text.indexOf('[') + 1, -1);
      const commaAt = topLevelComma(inner);
      if (commaAt >= 0) {
        // iloc[:, a:b] column range (positional) / iloc[rows, cols]
        const rowsPart = inner.slice(0, commaAt).trim();
        const colsPart = inner.slice(commaAt + 1).trim();
        const d = this.same(o);
        const isLoc = /\.loc$/.test(this.t(objNode));
        if (!isLoc && !o.aligned) d.positional = this.site(n);
        if (o.frame) {
          const ne = /\.columns\s*!=\s*(["'])(.+?)\1/.exec(colsPart) ?? /~\s*\w+\.columns\.isin\(\s*\[([^\]]*)\]/.exec(colsPart);
          const listed = /^\[([^\]]*)\]$/.exec(colsPart);
          if (isLoc && ne) d.feat = this.featureSelection(o, 'drop', ne[2] !== undefined ? [ne[2]] : stringsIn(ne[1]), n);
          else if (isLoc && listed) { d.feat = this.featureSelection(o, 'select', stringsIn(listed[1]), n); d.aligned = true; delete d.positional; }
          else if (!isLoc) {
            d.feat = this.featureSelection(o, 'select', [`@iloc:${colsPart}`], n);
            if (/^-1$/.test(colsPart)) d.cols = ['@last'];
          }
        }
        if (rowsPart !== ':' && rowsPart !== '') return this.maybeSliceSplit(d, n, rowsPart);
        return d;
      }
      return this.maybeSliceSplit(this.same(o), n, inner.trim());
    }
    if (hasSlice) {
      const text = this.t(n);
      const inner = text.slice(text.indexOf('[') + 1, -1).trim();
      const commaAt = topLevelComma(inner);
      // arr[:, 1] / arr[:, :-1]: every row, some columns
      if (commaAt >= 0 && inner.slice(0, commaAt).trim() === ':') return this.same(o);
      return this.maybeSliceSplit(this.same(o), n, inner);
    }
    // boolean mask or other row selection: same rows (a subset), mask statistics do not flow in
    const d = this.same(o);
    return this.maybeSliceSplit(d, n, undefined);
  }

  /** Row subsets assigned to names like X_train / X_test form a split of their source. */
  private sliceSplits = new Map<string, Split>();
  /** Data written to a literal path and read back later in the document. */
  private files = new Map<string, DataV>();
  private maybeSliceSplit(dIn: DataV, n: SyntaxNode, sliceText: string | undefined): DataV {
    let d = dIn;
    // all_data[:ntrain] / all_data[ntrain:] after pd.concat([train, test]): take the parts back.
    if (d.concatParts && sliceText !== undefined) {
      const parts = d.concatParts;
      const head = /^:\s*[^:,]+$/.test(sliceText), tail = /^[^:,]+:\s*$/.test(sliceText);
      if (head || tail) {
        const rows = head ? parts[0] : parts.slice(1).reduce<RowKey[]>((a, p) => unionKeys(a, p), []);
        d = this.mkData({ ...this.same(d), rows });
        delete d.concatParts;
        return d;
      }
    }
    const name = this.targets.length === 1 ? this.targets[0] : '';
    if (!name) { d.subsetSite = this.site(this.stmt ?? n); return d; }
    if (this.inLoop && d.varying) return d;
    const wantTest = TEST_NAME.test(name) && !TRAIN_NAME.test(name);
    const wantVal = !wantTest && VAL_NAME.test(name) && !TRAIN_NAME.test(name);
    const wantTrain = TRAIN_NAME.test(name) && !wantTest && !wantVal;
    if (!wantTest && !wantVal && !wantTrain) { d.subsetSite = this.site(this.stmt ?? n); return d; }
    const k0 = d.rows[0];
    if (!k0) return d;
    const srcSide = lastSide(k0);
    if ((wantTest || wantVal) && srcSide === 'train') {
      // A held-out set drawn out of the training rows.
      if (wantTest) this.events.testFromTrain.push({ site: this.site(this.stmt ?? n), name });
      const split = this.sliceSplitFor(d, n);
      const out = this.withStep(d, split, wantTest ? 'test' : 'val');
      if (wantTest) out.subsetSite = this.site(this.stmt ?? n);
      return out;
    }
    if (srcSide === 'test' || srcSide === 'val') return d;
    const split = this.sliceSplitFor(d, n);
    const out = this.withStep(d, split, wantTrain ? 'train' : wantVal ? 'val' : 'test');
    void sliceText;
    return out;
  }

  private sliceSplitFor(d: DataV, n: SyntaxNode): Split {
    const k0 = d.rows[0];
    const key = `${k0.root.id}:${k0.path.map((s) => s.split.id + s.side).join('/')}`;
    let split = this.sliceSplits.get(key);
    if (!split) {
      split = { id: ++this.ids, site: this.site(this.stmt ?? n), kind: 'slice', shuffle: false, names: [] };
      this.sliceSplits.set(key, split);
      this.onSplit(split, [d]);
    }
    return split;
  }

  // ---------- calls ----------

  private args(argList: SyntaxNode | null): Args {
    const a: Args = { pos: [], posNodes: [], kw: new Map(), kwNodes: new Map(), node: argList };
    if (!argList) return a;
    for (let c = argList.firstChild; c; c = c.nextSibling) {
      if (c.name === 'VariableName' && c.nextSibling?.name === 'AssignOp') {
        const key = this.t(c);
        const valNode = c.nextSibling.nextSibling;
        if (valNode) { a.kw.set(key, this.ev(valNode)); a.kwNodes.set(key, valNode); c = valNode; }
        continue;
      }
      if (c.name === '*' || c.name === '**') {
        const nx = c.nextSibling;
        if (nx && isExpr(nx)) {
          const v = this.ev(nx);
          if (c.name === '*' && v.k === 'seq') { a.pos.push(...v.items); v.items.forEach(() => a.posNodes.push(nx)); }
          else if (c.name === '*') { a.pos.push(v); a.posNodes.push(nx); }
          c = nx;
        }
        continue;
      }
      if (isExpr(c)) {
        // generator argument: f(x for x in y)
        if (c.nextSibling?.name === 'for') { a.pos.push(this.evInlineGenerator(argList)); a.posNodes.push(c); break; }
        a.pos.push(this.ev(c)); a.posNodes.push(c);
      }
    }
    return a;
  }

  private evInlineGenerator(argList: SyntaxNode): Val { return this.evComprehension(argList); }

  private evCall(n: SyntaxNode): Val {
    const callee = n.firstChild;
    if (!callee) return this.scalar('?');
    const argList = child(n, 'ArgList');
    if (callee.name === 'MemberExpression' && !child(callee, '[')) {
      const objNode = callee.firstChild;
      const method = callee.lastChild ? this.t(callee.lastChild) : '';
      const bound = this.scope.get(this.t(callee));
      if (bound && bound.k === 'fn') return this.callFunction(bound, this.args(argList), n);
      const obj = objNode ? this.ev(objNode) : this.scalar('?');
      const args = this.args(argList);
      if (obj.k === 'obj' || obj.k === 'class') {
        const field = obj.k === 'obj' ? obj.fields.get(method) : undefined;
        if (field && field.k !== 'fn') return this.callMethod(field, '__call__', args, n, objNode);
        const m = field ?? (obj.k === 'obj' ? obj.cls.methods.get(method) : obj.methods.get(method));
        if (m && m.k === 'fn') return this.callFunction(m, args, n, obj.k === 'obj' ? obj : undefined);
        return this.join(args.pos, n);
      }
      return this.callMethod(obj, method, args, n, objNode);
    }
    const f = this.ev(callee);
    const args = this.args(argList);
    if (f.k === 'fn') return this.callFunction(f, args, n);
    if (f.k === 'class') return this.instantiate(f, args, n);
    if (f.k === 'mod') return this.callQualified(f.q, lastPart(f.q), args, n);
    if (f.k === 'scalar') {
      // Unimported name (other notebook, star import): resolve by name.
      return this.callQualified(f.name, lastPart(f.name), args, n);
    }
    if (f.k === 'est') return this.scalar(this.t(n));
    return this.join([f, ...args.pos], n);
  }

  private callFunction(fn: FnV, args: Args, n: SyntaxNode | null, selfIn?: Val): Val {
    fn.called = true;
    const self = selfIn ?? fn.self;
    if (this.active.has(fn.node) || this.callers.length > 4) return this.join(args.pos, n ?? undefined);
    const savedChunk = this.chunkIndex;
    const savedScope = this.scope, savedReturns = this.returns, savedStmt = this.stmt, savedTargets = this.targets;
    const callSite = n ? this.site(n) : undefined;
    const serving = SERVING_FUNCTION.test(fn.name);
    this.active.add(fn.node);
    if (callSite && !fn.isMethod) this.callers.push(callSite);
    if (serving) this.servingFnDepth++;
    this.enterChunk(fn.chunk);
    // Lambdas close over the scope they are written in; functions see module globals.
    this.scope = new Scope(fn.node.name === 'LambdaExpression' ? savedScope : this.global);
    this.returns = [];
    this.targets = [];
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
          if (!v && c.nextSibling?.name === 'AssignOp' && c.nextSibling.nextSibling) {
            this.enterChunk(fn.chunk);
            v = this.ev(c.nextSibling.nextSibling);
          }
          this.scope.set(name, v ?? (name === 'self' ? this.scalar('self') : this.scalar(name)));
        }
      }
      const body = child(fn.node, 'Body');
      if (body) this.execBlock(body);
      else if (fn.node.name === 'LambdaExpression') { const e = fn.node.lastChild; if (e && isExpr(e)) this.returns.push(this.ev(e)); }
      const rets = this.returns;
      if (!rets.length) return this.scalar('None');
      if (rets.length === 1) return rets[0];
      const seqs = rets.filter((r): r is SeqV => r.k === 'seq');
      if (seqs.length === rets.length) return seqs[seqs.length - 1];
      return this.join(rets, n ?? undefined);
    } finally {
      this.active.delete(fn.node);
      if (callSite && !fn.isMethod) this.callers.pop();
      if (serving) this.servingFnDepth--;
      this.scope = savedScope; this.returns = savedReturns; this.stmt = savedStmt; this.targets = savedTargets;
      this.enterChunk(savedChunk);
    }
  }

  private estFromName(cls: string, cat: EstimatorCategory, args: Args, n: SyntaxNode): EstV {
    const est: EstV = { k: 'est', id: ++this.ids, cls, cat, site: this.site(n), params: args.node ? this.t(args.node) : '()', steps: [], prepFits: [], loaded: false };
    if (args.pos.some((a) => a.varying) || [...args.kw.values()].some((a) => a.varying)) est.varying = true;
    // Pipelines and column transformers: collect their estimator steps (nested tuples/lists).
    const collect = (v: Val): void => {
      if (v.k === 'est') est.steps.push(v);
      else if (v.k === 'seq') v.items.forEach(collect);
    };
    // Pipelines, column transformers, searches and Keras models built from layers: collect their estimator steps.
    args.pos.forEach(collect);
    for (const k of ['steps', 'estimator', 'transformers', 'layers', 'base_estimator']) { const st = args.kw.get(k); if (st) collect(st); }
    return est;
  }

  /** Transformer-like classes inside an estimator (recursively through pipelines). */
  private prepSteps(est: EstV): EstV[] {
    const out: EstV[] = [];
    const walk = (e: EstV): void => {
      if (e.cat === 'transformer' || e.cat === 'clusterer') out.push(e);
      e.steps.forEach(walk);
    };
    est.steps.forEach(walk);
    return out;
  }

  private callQualified(q: string, last: string, args: Args, n: SyntaxNode): Val {
    const cat = estimatorCategory(last);
    if (cat) {
      if (last === 'make_pipeline' || last === 'make_column_transformer' || last === 'make_union') return this.estFromName(last, cat, args, n);
      return this.estFromName(last, cat, args, n);
    }
    if (last === 'train_test_split') return this.trainTestSplit(args, n);
    if (isCvFunction(last)) return this.crossValidate(last, args, n);
    if (isMetricFunction(last) && !/^(mod|np|numpy|pd|pandas)$/.test(q.split('.')[0])) return this.metric(last, args, n);
    if (isArtifactLoader(q, last)) {
      // pickle/joblib also cache data: a frame-like name makes it a dataset, a model-like name
      // (or later use as an estimator) makes the rest of the file a serving path.
      const name = this.targets.length === 1 ? this.targets[0] : '';
      const argText = args.node ? this.t(args.node) : '';
      if (DATA_NAME.test(name) || (!name && /\b(data|dataset|features|df)\b/i.test(argText))) return this.freshData(name || 'loaded data', n, roleFromName(name || argText));
      if (MODEL_NAME.test(name) || MODEL_NAME.test(argText) || /\.(h5|keras|onnx|pt|pth|joblib|pmml)\b/i.test(argText)) this.markLoaded(this.site(n));
      const est: EstV = { k: 'est', id: ++this.ids, cls: 'loaded', cat: 'model', site: this.site(n), params: this.t(n), steps: [], prepFits: [], loaded: true };
      est.version = `loaded:${est.id}`;
      return est;
    }
    if (last === 'col' && /^(pl|polars)\./.test(q)) return { ...this.scalar('pl.col'), pending: [] };
    const savePath = args.pos[0]?.k === 'const' ? args.pos[0].str : undefined;
    if (savePath !== undefined && /^(np|numpy)\./.test(q) && (last === 'save' || last === 'savez' || last === 'savez_compressed' || last === 'savetxt')) {
      const stored = this.join([...args.pos.slice(1), ...args.kw.values()], n);
      if (stored.k === 'data') this.files.set(savePath, stored);
      return this.scalar('None');
    }
    if (isReader(q, last) || last === 'load' && /tfds|tensorflow_datasets/.test(q)) {
      const readPath = args.pos[0]?.k === 'const' ? args.pos[0].str : undefined;
      const written = readPath !== undefined ? this.files.get(readPath) : undefined;
      if (written) { const d = this.same(written); delete d.cols; delete d.feat; return d; }
      const path = args.pos[0]?.k === 'const' ? args.pos[0].str ?? '' : '';
      const name = this.targets.length === 1 ? this.targets[0] : '';
      const role = roleFromName(path) !== 'whole' ? roleFromName(path) : roleFromName(name);
      const d = this.freshData(path || name || last, n, role);
      const parseNode = args.kwNodes.get('parse_dates'), indexNode = args.kwNodes.get('index_col');
      if (parseNode && (TIME_COLUMN.test(this.t(parseNode)) || this.t(parseNode) === 'True' && indexNode && TIME_COLUMN.test(this.t(indexNode)))) d.time = true;
      if ((/^(load_|fetch_|make_)/.test(last) || last === 'load') && this.targets.length >= 2) {
        // X, y = load_iris(return_X_y=True)
        return { k: 'seq', items: this.targets.map(() => d) };
      }
      return d;
    }
    if (last === 'resample' || last === 'shuffle') {
      // sklearn.utils.resample: replace=True by default
      const rep = args.kw.get('replace');
      const replace = last === 'resample' && !(rep && rep.k === 'const' && rep.text === 'False');
      const datas = args.pos.map((p, i) => this.asData(p, args.posNodes[i] ? this.t(args.posNodes[i]) : 'data'));
      const outs = datas.map((d) => {
        if (!replace) return this.same(d);
        const du: DupEvent = { id: ++this.ids, site: this.site(n), what: last, rows: d.rows };
        return this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) });
      });
      return outs.length === 1 ? outs[0] : { k: 'seq', items: outs };
    }
    if (last === 'concat' || last === 'vstack' || last === 'hstack' || last === 'concatenate' || last === 'append' || last === 'r_' || last === 'column_stack' || last === 'merge') {
      return this.concat(args, n, last === 'hstack' || last === 'column_stack' || last === 'merge' || (args.kw.get('axis')?.k === 'const' && (args.kw.get('axis') as ConstV).text === '1'));
    }
    if ((last === 'qcut' || last === 'cut' && args.pos[1]?.k === 'const' && /^\d+$/.test(args.pos[1].text) || last === 'cut' && args.kw.get('bins')?.k === 'const') && args.pos[0]?.k === 'data') {
      // Bin edges computed from the data's quantiles / range.
      const d = args.pos[0];
      const f = this.newFit(n, `pd.${last}`, 'stat', d);
      return this.same(d, { prep: unionList(d.prep, [f]) });
    }
    if (SCALE_FUNCTIONS.has(last) && args.pos[0] && (args.pos[0].k === 'data' || args.pos[0].k === 'scalar')) {
      // preprocessing.scale(X) and friends: a fit and a transform in one call.
      const d = this.asData(args.pos[0], args.posNodes[0] ? this.t(args.posNodes[0]) : 'X');
      const f = this.newFit(n, last, 'transformer', d);
      return this.same(d, { prep: unionList(d.prep, [f]) });
    }
    if ((last === 'repeat' || last === 'tile') && (q.startsWith('np.') || q.startsWith('numpy.')) && args.pos[0]) {
      const d = this.asData(args.pos[0], args.posNodes[0] ? this.t(args.posNodes[0]) : 'X');
      const du: DupEvent = { id: ++this.ids, site: this.site(n), what: `np.${last}`, rows: d.rows };
      return this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) });
    }
    if (last === 'get_dummies') {
      if (this.serving) this.events.refits.push({ site: this.site(n), what: 'pd.get_dummies', reason: this.servingReason(), ...(this.loadSite ? { loadSite: this.loadSite } : {}) });
      const d = this.asData(args.pos[0], 'data');
      return this.same(d, {});
    }
    if ((q.startsWith('np.') || q.startsWith('numpy.')) && NP_STATS.has(last) && args.pos[0] && (args.pos[0].k === 'data' || args.pos[0].k === 'scalar' && args.pos[0].name !== '?')) {
      const d = args.pos[0].k === 'data' ? args.pos[0] : undefined;
      if (d) {
        const f = this.newFit(n, `np.${last}`, 'stat', d);
        return this.scalar(this.t(n), unionList(d.prep, [f]), d.dup);
      }
    }
    if (last === 'asarray' || last === 'array' || last === 'asmatrix') {
      const a0 = args.pos[0];
      if (a0 && a0.k === 'data') return this.positionalView(a0, n);
    }
    if (last === 'from_records' || last === 'from_dict' || last === 'json_normalize' || last === 'from_pandas') {
      const d = this.freshData(this.targets[0] ?? last, n, roleFromName(this.targets[0] ?? ''));
      if (args.kw.has('columns')) d.aligned = true;
      return d;
    }
    if (last === 'DataFrame' || last === 'Series') {
      const a0 = args.pos[0] ?? args.kw.get('data');
      if (a0 && a0.k === 'data') {
        const d = this.same(a0);
        if (args.kw.has('columns')) { d.aligned = true; delete d.positional; }
        return d;
      }
      const d = this.freshData(this.targets[0] ?? 'frame', n, roleFromName(this.targets[0] ?? ''));
      if (args.kw.has('columns')) d.aligned = true;
      return d;
    }
    if ((last === 'list' || last === 'tuple') && args.pos[0]?.k === 'scalar' && args.pos[0].allCols) {
      const all = args.pos[0].allCols;
      return { ...this.scalar('columns'), allCols: { frame: all.frame, removed: [...all.removed] } };
    }
    if (last === 'enumerate' || last === 'zip' || last === 'list' || last === 'tuple' || last === 'sorted' || last === 'reversed' || last === 'iter') {
      if (last === 'enumerate' && args.pos[0]) {
        const inner = args.pos[0];
        if (inner.k === 'folds') return { k: 'folds', split: inner.split, rows: inner.rows, varying: true, enumerated: true };
        if (inner.k === 'seq') return { k: 'seq', items: inner.items.map((it) => ({ k: 'seq', items: [{ k: 'const', text: 'i', varying: true } as ConstV, it] } as SeqV)) };
      }
      if (last === 'zip' && args.pos.every((p) => p.k === 'seq')) {
        const seqs = args.pos as SeqV[];
        const len = Math.max(...seqs.map((s) => s.items.length));
        const items: Val[] = [];
        for (let i = 0; i < len; i++) items.push({ k: 'seq', items: seqs.map((s) => s.items[Math.min(i, s.items.length - 1)]) });
        return { k: 'seq', items };
      }
      return args.pos[0] ?? this.scalar(last);
    }
    if (last === 'range') return this.scalar('range', [], [], true);
    // New arrays sized from data hold none of its rows (np.ones(len(X)), np.zeros(n)).
    if ((q.startsWith('np.') || q.startsWith('numpy.')) && /^(ones|zeros|full|empty|arange|linspace|logspace|eye|identity)$/.test(last)) return this.scalar(last);
    if (last === 'print' || last === 'display' || last === 'len' || last === 'isinstance' || last === 'str' || last === 'repr') return this.scalar(last);
    if (last === 'flow' || last === 'flow_from_directory' || last === 'flow_from_dataframe') return this.scalar(last);
    if (last === 'to_datetime') {
      const d = this.join(args.pos, n);
      if (d.k === 'data') d.time = true;
      return d;
    }
    // Unknown call: pass data taints through (a helper that transforms its input).
    const vals = [...args.pos, ...args.kw.values()];
    const joined = this.join(vals, n);
    if (joined.k === 'data') return joined;
    return this.scalar(this.t(n).slice(0, 80), joined.k === 'scalar' ? joined.prep : [], joined.k === 'scalar' ? joined.dup : [], !!joined.varying);
  }

  private loadSite: Site | undefined;
  private markLoaded(site: Site): void {
    if (!this.loadedArtifact) this.loadSite = site;
    this.loadedArtifact = true;
  }

  private servingReason(): string {
    if (this.servingFnDepth > 0) return 'inside a serving/prediction function';
    if (this.loadedArtifact) return 'after a fitted artifact was loaded from disk';
    return 'in a serving/inference file';
  }

  private concat(args: Args, n: SyntaxNode, columnWise: boolean): Val {
    const parts: DataV[] = [];
    const flat = (v: Val, node: SyntaxNode | undefined): void => {
      if (v.k === 'seq') v.items.forEach((i) => flat(i, node));
      else if (v.k === 'data') parts.push(v);
      else if (v.k === 'scalar' && v.name !== '?') parts.push(this.asData(v, v.name));
    };
    args.pos.forEach((p, i) => flat(p, args.posNodes[i]));
    const j = this.join(parts, n);
    if (j.k !== 'data') return j;
    if (columnWise) { j.rows = parts[0]?.rows ?? j.rows; return j; }
    if (parts.length > 1) j.concatParts = parts.map((p) => p.rows);
    // Training rows and test rows of one split stacked together.
    const sideOf = (k: RowKey) => (k.path.length ? k.path[k.path.length - 1] : undefined);
    const mixes = parts.some((a) => a.rows.some((ka) => sideOf(ka)?.side === 'train' && parts.some((b) => b !== a && b.rows.some((kb) => {
      const sb = sideOf(kb);
      return sb !== undefined && sb.side === 'test' && sb.split === sideOf(ka)!.split;
    }))));
    if (mixes) j.mixSite = this.site(this.stmt ?? n);
    // Stacking rows that overlap (same source rows twice) duplicates them.
    let overlap = false;
    const argText = args.posNodes[0] ? this.t(args.posNodes[0]) : '';
    const items = /^\[(.*)\]$/s.exec(argText.trim())?.[1].split(',').map((x) => x.trim()).filter(Boolean) ?? [];
    if (items.length > 1 && new Set(items).size < items.length) overlap = true;
    // The same full rows twice (df and a noisy copy of df); subsets from different masks are disjoint.
    for (let a = 0; a < parts.length && !overlap; a++) for (let b = a + 1; b < parts.length && !overlap; b++) {
      const pa = parts[a], pb = parts[b];
      const sameSubset = (pa.subsetSite === undefined && pb.subsetSite === undefined)
        || (pa.subsetSite !== undefined && pb.subsetSite !== undefined && pa.subsetSite.from === pb.subsetSite.from && pa.subsetSite.chunk === pb.subsetSite.chunk);
      if (sameSubset && !pa.dup.length && !pb.dup.length && pa.rows.some((ka) => pb.rows.some((kb) => ka.root === kb.root && ka.path.length === kb.path.length && ka.path.every((s, i) => s.split === kb.path[i].split && s.side === kb.path[i].side)))) overlap = true;
    }
    // A repeated list ([minority] * 5) or a multiplication also duplicates.
    if (/\]\s*\*\s*\w+/.test(argText)) overlap = true;
    if (overlap) {
      const du: DupEvent = { id: ++this.ids, site: this.site(n), what: 'concat', rows: j.rows };
      j.dup = unionList(j.dup, [du]);
    }
    return j;
  }

  private trainTestSplit(args: Args, n: SyntaxNode): Val {
    const sh = args.kw.get('shuffle');
    const split: Split = { id: ++this.ids, site: this.site(n), kind: 'tts', shuffle: !(sh && sh.k === 'const' && sh.text === 'False'), names: this.targets.slice() };
    const inputs = args.pos.map((p, i) => this.asData(p, args.posNodes[i] ? this.t(args.posNodes[i]) : 'data'));
    this.onSplit(split, inputs);
    const outs: Val[] = [];
    inputs.forEach((d, i) => {
      const testName = this.targets[2 * i + 1] ?? '';
      const trainName = this.targets[2 * i] ?? '';
      const nested = d.rows.some((k) => lastSide(k) === 'train');
      let side: Side = 'test';
      if (VAL_NAME.test(testName) && !TEST_NAME.test(testName)) side = 'val';
      else if (!testName && nested) side = 'val';
      // X_train, X_test = split(X_temp) where the "train" output is a val set: keep names honest.
      const trainSide: Side = VAL_NAME.test(trainName) && !TRAIN_NAME.test(trainName) ? 'val' : 'train';
      outs.push(this.withStep(d, split, trainSide), this.withStep(d, split, side));
    });
    return { k: 'seq', items: outs };
  }

  private crossValidate(fname: string, args: Args, n: SyntaxNode): Val {
    const est = args.pos[0] ?? args.kw.get('estimator');
    const X = this.asData(args.pos[1] ?? args.kw.get('X'), args.posNodes[1] ? this.t(args.posNodes[1]) : 'X');
    const split: Split = { id: ++this.ids, site: this.site(n), kind: 'cv', shuffle: true, names: [] };
    // Oversamplers inside an imblearn Pipeline run per fold: no duplication across folds.
    this.onSplit(split, [X]);
    if (est && est.k === 'est' && !est.fit) est.version = est.version ?? `cv:${est.id}`;
    if (fname === 'cross_val_predict') return this.same(X);
    return this.scalar(this.t(n));
  }

  private metric(fname: string, args: Args, n: SyntaxNode): Val {
    const vals = [...args.pos, ...args.kw.values()];
    const datas = vals.filter((v): v is DataV => v.k === 'data');
    const pred = datas.find((d) => d.pred)?.pred;
    const keys = datas.reduce<RowKey[]>((acc, d) => unionKeys(acc, d.rows), []);
    const est = pred?.est ?? vals.find((v): v is EstV => v.k === 'est');
    this.recordEval(n, fname, keys, est, pred?.version ?? est?.version, datas, args);
    return this.scalar(fname, datas.flatMap((d) => d.prep));
  }

  private recordEval(n: SyntaxNode, what: string, keys: RowKey[], est: EstV | undefined, versionIn: string | undefined, datas: DataV[], args: Args): void {
    let version = versionIn;
    const stmtText = this.stmt ? this.text.slice(this.stmt.from, this.stmt.to) : '';
    const strings = (stmtText.match(/(["'])(?:(?!\1).)*\1/g) ?? []).join(' ');
    const labelledTrain = /train|in.?sample/i.test(strings) || this.targets.some((t) => TRAIN_NAME.test(t) && !TEST_NAME.test(t));
    const labelled = (/test|hold.?out/i.test(strings) || this.targets.some((t) => TEST_NAME.test(t) && !TRAIN_NAME.test(t))) && !labelledTrain;
    // A threshold or other setting varied in a loop over one model's predictions is selection too.
    if (version && this.inLoop && !datas.some((d) => d.resampled) && datas.some((d) => d.varying && d.pred && !d.rows.some((k) => k.path.some((s) => s.fold !== undefined)))) version += '|' + this.iterKey();
    this.events.evals.push({
      site: this.site(n), keys, ...(est ? { model: est } : {}), ...(version ? { version } : {}), inLoop: this.inLoop,
      dataVarying: keys.some((k) => k.path.some((s) => s.fold !== undefined)), labelledTest: labelled, labelledTrain, what,
      argNodes: args.posNodes.map((p) => ({ from: p.from, to: p.to, text: this.t(p) })),
      ...(datas.length ? { data: datas.find((d) => d.pred) ?? datas[0] } : {}),
    });
  }

  private modelVersion(est: EstV, X: DataV): string {
    const varying = est.varying || est.steps.some((s) => s.varying);
    return `${est.id}|${est.params}|${X.id}${varying ? '|' + this.iterKey() : ''}`;
  }

  private estOf(obj: Val, method: string, n: SyntaxNode): EstV | undefined {
    if (obj.k === 'est') return obj;
    if (obj.k === 'scalar' && /^(fit|fit_transform|fit_predict|predict|predict_proba|score|evaluate|transform|fit_resample|partial_fit|train|decision_function|fit_on_texts|texts_to_sequences|set_params)$/.test(method)) {
      let est = this.unkToEst.get(obj);
      if (!est) {
        const cat: EstimatorCategory = obj.loaded ? 'model' : /scaler|imputer|encoder|pca|vectori[sz]er|tokenizer|selector|transformer/i.test(obj.name) ? 'transformer' : 'model';
        est = { k: 'est', id: ++this.ids, cls: obj.name, cat, site: this.site(n), params: obj.name, steps: [], prepFits: [], loaded: !!obj.loaded };
        this.unkToEst.set(obj, est);
      }
      return est;
    }
    return undefined;
  }

  private callMethod(obj: Val, method: string, args: Args, n: SyntaxNode, objNode: SyntaxNode | null): Val {
    const est = this.estOf(obj, method, n);
    if (est) return this.estMethod(est, method, args, n);
    switch (obj.k) {
      case 'mod': return this.callQualified(obj.q + '.' + method, method, args, n);
      case 'data': return this.dataMethod(obj, method, args, n);
      case 'seq': {
        if (method === 'items') return { k: 'seq', items: obj.items.map((it, i) => ({ k: 'seq', items: [{ k: 'const', text: obj.keys?.[i] ?? 'k', str: obj.keys?.[i] } as ConstV, it] } as SeqV)) };
        if (method === 'values') return { k: 'seq', items: obj.items };
        if (method === 'keys') return { k: 'seq', items: (obj.keys ?? []).map((k) => ({ k: 'const', text: k ?? 'k', str: k } as ConstV)) };
        if (method === 'append' || method === 'extend' || method === 'add') {
          if (args.pos[0]) obj.items.push(method === 'extend' && args.pos[0].k === 'seq' ? this.join(args.pos[0].items, n) : args.pos[0]);
          return this.scalar('None');
        }
        if (method === 'split') {
          return this.scalar(method);
        }
        return this.join([obj, ...args.pos], n);
      }
      case 'scalar': {
        if (obj.allCols) {
          const all = obj.allCols;
          if (method === 'remove' || method === 'discard') { all.removed.push(...args.pos.flatMap(constStrings)); return this.scalar('None'); }
          if (method === 'tolist' || method === 'to_list' || method === 'copy' || method === 'to_numpy') return { ...this.scalar(obj.name), allCols: { frame: all.frame, removed: [...all.removed] } };
          if (method === 'drop' || method === 'difference') {
            const strs = [...args.pos, ...args.kw.values()].flatMap(constStrings);
            return { ...this.scalar(obj.name), allCols: { frame: all.frame, removed: [...all.removed, ...strs] } };
          }
        }
        if (obj.pending) {
          // polars expression: statistics wait for the frame the expression is applied to
          const pending = STAT_METHODS.has(method) ? [...obj.pending, this.site(n)] : obj.pending;
          return { ...this.scalar(obj.name), pending };
        }
        if (method === 'split' && /kf|fold|cv|split|skf|kfold/i.test(obj.name) && args.pos[0]) return this.folds(args, n);
        if (method === 'format' || method === 'join') return this.scalar(method);
        if (objNode && /^(df|data|X|x|train|test|dataset|frame)/i.test(obj.name) && (STAT_METHODS.has(method) || ROW_PRESERVING.has(method) || ROW_SUBSET.has(method) || method === 'groupby' || method === 'sample' || method === 'drop')) {
          return this.dataMethod(this.asData(obj, obj.name), method, args, n);
        }
        return this.scalar(`${obj.name}.${method}()`, [...obj.prep, ...args.pos.flatMap((a) => (a.k === 'scalar' || a.k === 'data' ? a.prep : []))], obj.dup, !!obj.varying || args.pos.some((a) => a.varying));
      }
      case 'const':
        if (method === 'format' || method === 'join') { const j = this.join(args.pos, n); return j.k === 'scalar' ? j : this.scalar(method); }
        return this.scalar(method);
      default:
        return this.scalar(method);
    }
  }

  private folds(args: Args, n: SyntaxNode): Val {
    const X = this.asData(args.pos[0], args.posNodes[0] ? this.t(args.posNodes[0]) : 'X');
    const split: Split = { id: ++this.ids, site: this.site(n), kind: 'folds', shuffle: true, names: [] };
    this.onSplit(split, [X]);
    return { k: 'folds', split, rows: X.rows };
  }

  private estMethod(est: EstV, method: string, args: Args, n: SyntaxNode): Val {
    const X = args.pos[0] !== undefined ? this.asData(args.pos[0], args.posNodes[0] ? this.t(args.posNodes[0]) : 'X') : undefined;
    const fitting = method === 'fit' || method === 'fit_transform' || method === 'fit_predict' || method === 'partial_fit' || method === 'fit_on_texts' || method === 'fit_on_sequences' || method === 'train' || method === 'fit_generator' || method === 'adapt';
    if (method === 'split' && est.cat === 'splitter') return this.folds(args, n);
    if (method === 'load_model' || method === 'load_weights' || method === 'load') {
      est.loaded = true;
      this.markLoaded(this.site(n));
      est.version = `loaded:${est.id}`;
      return est;
    }
    if (method === 'set_params') {
      est.params += '|' + (args.node ? this.t(args.node) : '');
      if ([...args.kw.values()].some((v) => v.varying) || args.pos.some((v) => v.varying)) est.varying = true;
      return est;
    }
    if (method === 'fit_resample' || method === 'fit_sample') {
      const outs = args.pos.map((p, i) => this.asData(p, args.posNodes[i] ? this.t(args.posNodes[i]) : 'data'));
      if (est.cat === 'oversampler' || est.cat === 'model' && /smote|over|adasyn/i.test(est.cls)) {
        const du: DupEvent = { id: ++this.ids, site: this.site(n), what: est.cls, rows: outs.reduce<RowKey[]>((a, d) => unionKeys(a, d.rows), []) };
        return { k: 'seq', items: outs.map((d) => this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) })) };
      }
      return { k: 'seq', items: outs.map((d) => this.same(d)) };
    }
    if (est.cat === 'augmenter' && /^flow/.test(method)) {
      const d = X ?? this.freshData('images', n);
      const du: DupEvent = { id: ++this.ids, site: this.site(n), what: `ImageDataGenerator.${method}`, rows: d.rows };
      return this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) });
    }
    if (fitting) {
      if (this.serving) this.events.refits.push({ site: this.site(n), what: n.firstChild ? this.t(n.firstChild).replace(/\s+/g, '') : `${est.cls}.${method}`, reason: this.servingReason(), ...(this.loadSite ? { loadSite: this.loadSite } : {}) });
      const data = X ?? this.freshData('X', n);
      const y = args.pos[1];
      if (est.cat === 'search') {
        const split: Split = { id: ++this.ids, site: this.site(n), kind: 'search', shuffle: true, names: [] };
        this.onSplit(split, [data]);
      }
      const onLabel = LABEL_ENCODERS.has(est.cls) || args.pos.length === 1 && est.cat === 'transformer'
        && (LABEL_NAME.test(args.posNodes[0] ? this.t(args.posNodes[0]) : '') || this.targets.length === 1 && LABEL_NAME.test(this.targets[0]));
      const isPrep = est.cat === 'transformer' || est.cat === 'clusterer' && method !== 'fit_predict';
      if (isPrep) {
        est.fit = this.newFit(n, est.cls, 'transformer', data, onLabel);
        est.prepFits = [est.fit];
      } else {
        const inner = this.prepSteps(est);
        const refitsSteps = est.cat === 'pipeline' || est.cat === 'column-transformer' || est.cat === 'search';
        if (refitsSteps) for (const s of inner) { delete s.fit; s.prepFits = []; }
        est.prepFits = inner.length && refitsSteps ? [this.newFit(n, inner.map((s) => s.cls).join('+'), 'pipeline', data)] : [];
        est.fit = { id: ++this.ids, site: this.site(n), cls: est.cls, kind: 'model', rows: data.rows, serving: this.serving, onLabel: false };
        est.fitData = data;
        if (data.mixSite) this.events.mixed.push({ site: data.mixSite, fitSite: this.site(n) });
        est.version = this.modelVersion(est, data);
        this.events.modelFits.push({ fit: est.fit, est });
        if (y && y.k === 'data') this.checkTarget(data, y, n);
      }
      if (method === 'fit_transform' || method === 'fit_predict' && isPrep) return this.transformOut(est, data);
      if (method === 'fit_predict') return this.predictOut(est, data);
      return est;
    }
    if (method === 'transform' || method === 'texts_to_sequences' || method === 'texts_to_matrix' || method === 'inverse_transform') {
      const data = X ?? this.freshData('X', n);
      if (est.cat === 'model' && !est.loaded && est.cat !== 'model') return this.predictOut(est, data);
      return est.cat === 'transformer' || est.cat === 'clusterer' || est.cat === 'stateless' || est.cat === 'column-transformer' || est.cat === 'pipeline' ? this.transformOut(est, data) : this.predictOut(est, data);
    }
    if (est.loaded && (PREDICT_METHODS.has(method) || EVAL_METHODS.has(method))) this.markLoaded(est.site ?? this.site(n));
    if (PREDICT_METHODS.has(method)) return this.predictOut(est, X ?? this.freshData('X', n));
    if (EVAL_METHODS.has(method)) {
      const data = X ?? this.freshData('X', n);
      const y = args.pos[1];
      const keys = unionKeys(data.rows, y && y.k === 'data' ? y.rows : []);
      this.checkPositional(est, data, n);
      const fits = this.allPrepFits(est);
      if (fits.length) this.mkData({ rows: data.rows, prep: unionList(data.prep, fits) });
      this.recordEval(n, `${method}`, keys, est, est.version, [data, ...(y && y.k === 'data' ? [y] : [])], args);
      return this.scalar(this.t(n), data.prep);
    }
    if (method === 'get_params') return this.scalar(method);
    return this.scalar(`${est.cls}.${method}`, est.prepFits);
  }

  private transformOut(est: EstV, data: DataV): DataV {
    const fits = est.prepFits.length ? est.prepFits : est.fit && est.fit.kind === 'transformer' ? [est.fit] : [];
    const out = this.mkData({ rows: data.rows, prep: unionList(data.prep, fits), dup: data.dup, ...(data.varying ? { varying: true } : {}),
      ...(data.time ? { time: true } : {}), ...(data.serving ? { serving: true } : {}), ...(data.feat ? { feat: data.feat } : {}),
      ...(data.subsetSite ? { subsetSite: data.subsetSite } : {}), ...(data.mixSite ? { mixSite: data.mixSite } : {}) });
    if (est.loaded) this.checkPositional(est, data, null);
    return out;
  }

  private predictOut(est: EstV, data: DataV): DataV {
    this.checkPositional(est, data, null);
    const version = est.version ?? (est.loaded ? `loaded:${est.id}` : `unfitted:${est.id}`);
    return this.mkData({ rows: data.rows, prep: unionList(data.prep, this.allPrepFits(est)), dup: data.dup, pred: { est, version },
      ...(data.varying ? { varying: true } : {}), ...(data.subsetSite ? { subsetSite: data.subsetSite } : {}) });
  }

  /** The estimator's own preprocessing fits plus those of already-fitted steps (Keras layers adapted beforehand). */
  private allPrepFits(est: EstV): FitEvent[] {
    let fits = est.prepFits;
    for (const s of this.prepSteps(est)) if (s.fit && s.fit.kind === 'transformer') fits = unionList(fits, [s.fit]);
    return fits;
  }

  private checkPositional(est: EstV, data: DataV, n: SyntaxNode | null): void {
    if (!est.loaded || !data.positional || data.aligned) return;
    if (this.events.positional.some((p) => p.site.from === data.positional!.from && p.site.chunk === data.positional!.chunk)) return;
    this.events.positional.push({ site: data.positional, predictSite: n ? this.site(n) : data.positional, model: est.cls });
  }

  /** y = df[label]; X keeps the label column or a feature computed from it. */
  private checkTarget(X: DataV, y: DataV, n: SyntaxNode): void {
    const feat = X.feat;
    if (!feat || !y.cols || y.cols.length !== 1 || y.frame !== feat.frame) return;
    const label = y.cols[0];
    const kept = (c: string): boolean => {
      if (feat.removedAtSelection.includes(c)) return false;
      if (feat.mode === 'all') return true;
      if (feat.mode === 'drop') return c !== '@last' && !feat.cols.includes(c);
      const il = feat.cols.find((x) => x.startsWith('@iloc:'));
      if (il) {
        if (c !== '@last') return false;
        const spec = il.slice(6).trim();
        return spec === ':' || /^[^:,]*:\s*$/.test(spec);
      }
      return feat.cols.includes(c);
    };
    // The label itself, or the raw column it was computed from (log_price from price).
    // A label computed from the next row (shift(-1)) may keep its source column: that is the present value.
    const derivedLabel = feat.frame.derived.get(label);
    const sources = [label, ...(derivedLabel && derivedLabel.shift !== 'future' ? derivedLabel.from.filter((c) => c !== label) : [])];
    const leaked = sources.find(kept);
    if (leaked !== undefined) this.events.target.push({ site: feat.site, label, ...(leaked !== label ? { source: leaked } : {}), kind: 'label-in-features', fitSite: this.site(n) });
    for (const [col, info] of feat.frame.derived) {
      // Lags of the label (shift(1)) are known at prediction time.
      if (col === label || !info.from.includes(label) || info.shift === 'past') continue;
      if (kept(col)) this.events.target.push({ site: info.site, label, kind: 'feature-from-label', fitSite: this.site(n) });
    }
  }

  private dataMethod(d: DataV, method: string, args: Args, n: SyntaxNode): Val {
    const argText = args.node ? this.t(args.node) : '';
    if (method === 'groupby' || method === 'group_by') return this.same(d, { grouped: true });
    if (/^(to_csv|to_parquet|to_pickle|to_feather|to_json|to_hdf|to_excel|write_csv|write_parquet|write_ipc)$/.test(method)) {
      const p = args.pos[0]?.k === 'const' ? (args.pos[0] as ConstV).str : undefined;
      if (p !== undefined) this.files.set(p, d);
      return this.scalar('None');
    }
    if (/^(with_columns|with_column|select|filter|agg)$/.test(method)) {
      const exprs = this.join([...args.pos, ...args.kw.values()], n);
      const pending = exprs.k === 'scalar' ? exprs.pending : undefined;
      if (pending && pending.length) {
        const fits = pending.map((site): FitEvent => ({ id: ++this.ids, site, cls: 'polars expression', kind: 'stat', rows: d.rows, serving: this.serving, onLabel: false }));
        return this.same(d, { prep: unionList(d.prep, fits) });
      }
      if (method === 'select' && !pending) {
        const cols = args.pos.flatMap(constStrings);
        if (cols.length && d.frame) return this.same(d, { cols, feat: this.featureSelection(d, 'select', cols, n) });
      }
    }
    if (d.grouped) {
      if (GROUP_AGGS.has(method) && !GROUP_NON_STATS.has(method)) {
        const f = this.newFit(n, `groupby.${method}`, 'group', d);
        if (method === 'transform') {
          const out = this.same(d, { prep: unionList(d.prep, [f]) });
          delete out.grouped;
          return out;
        }
        return this.scalar(this.t(n), unionList(d.prep, [f]), d.dup);
      }
      const out = this.same(d); delete out.grouped; return out;
    }
    if (d.windowed) { const out = this.same(d); delete out.windowed; return out; }
    if (STAT_METHODS.has(method) && !(method === 'min' || method === 'max') || ((method === 'min' || method === 'max') && !args.pos.length)) {
      if (method === 'nlargest' || method === 'nsmallest') return this.same(d);
      const f = this.newFit(n, method, 'stat', d);
      return Object.assign(this.scalar(this.t(n), unionList(d.prep, [f]), d.dup), d.cols ? { cols: d.cols, frame: d.frame } : {});
    }
    if (method === 'values' || method === 'to_numpy' || method === 'as_matrix') return this.positionalView(d, n);
    if (method === 'sample') {
      const rep = args.kw.get('replace');
      const frac = args.kw.get('frac');
      const dupes = rep && rep.k === 'const' && rep.text === 'True' || frac && frac.k === 'const' && Number(frac.text) > 1;
      if (dupes) {
        const du: DupEvent = { id: ++this.ids, site: this.site(n), what: 'sample(replace=True)', rows: d.rows };
        return this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) });
      }
      return this.maybeSliceSplit(this.same(d), n, undefined);
    }
    if (method === 'repeat') {
      const du: DupEvent = { id: ++this.ids, site: this.site(n), what: 'repeat', rows: d.rows };
      return this.mkData({ ...this.same(d), dup: unionList(d.dup, [du]) });
    }
    if (method === 'drop' || method === 'pop') {
      const colsArg = args.kw.get('columns') ?? args.kw.get('labels') ?? args.pos[0];
      const cols = colsArg ? constStrings(colsArg) : [];
      const axis = args.kw.get('axis');
      const isColumns = method === 'pop' || args.kw.has('columns') || axis && axis.k === 'const' && /1|'columns'|"columns"/.test(axis.text);
      if (method === 'pop') {
        if (d.frame) cols.forEach((c) => d.frame!.removed.add(c));
        return this.same(d, { cols });
      }
      if (isColumns) {
        if (/inplace\s*=\s*True/.test(argText)) { if (d.frame) cols.forEach((c) => d.frame!.removed.add(c)); return this.scalar('None'); }
        const out = this.same(d, {});
        delete out.cols;
        if (d.frame) out.feat = { ...this.featureSelection(d, 'drop', cols, n), ...(d.feat && d.feat.mode === 'drop' ? { cols: [...d.feat.cols, ...cols] } : {}) };
        return out;
      }
      // drop(rows): remainder of a sample, e.g. test = df.drop(train.index)
      return this.maybeSliceSplit(this.same(d), n, undefined);
    }
    if (method === 'sort_values' || method === 'set_index' || method === 'sort_index') {
      const byText = argText;
      const out = this.same(d);
      if (TIME_COLUMN.test(byText) || method === 'sort_index' && d.time) out.time = true;
      return out;
    }
    if (method === 'shift' || method === 'rolling' || method === 'diff' || method === 'pct_change' || method === 'ewm' || method === 'expanding') {
      const out = this.same(d); out.time = true;
      if (method === 'rolling' || method === 'ewm' || method === 'expanding') out.windowed = true;
      return out;
    }
    if (method === 'fillna' || method === 'replace' || method === 'clip' || method === 'where' || method === 'mask' || method === 'apply' || method === 'map' || method === 'transform' || method === 'agg') {
      const fnArg = args.pos.find((a): a is FnV => a.k === 'fn');
      const rowWise = /axis\s*=\s*(1|["']columns["'])/.test(argText) || method === 'map';
      const applied = fnArg && !rowWise ? this.callFunction(fnArg, { ...NO_ARGS, pos: [this.same(d)], posNodes: [] }, null) : undefined;
      const extra = this.join([...args.pos, ...args.kw.values(), ...(applied ? [applied] : [])].map((v) => (v.k === 'data' || v.k === 'scalar' ? stripRows(v) : undefined)), n);
      const prep = extra.k === 'data' || extra.k === 'scalar' ? extra.prep : [];
      if ((method === 'fillna') && /inplace\s*=\s*True/.test(argText)) {
        const merged = this.same(d, { prep: unionList(d.prep, prep) });
        return merged;
      }
      return this.same(d, { prep: unionList(d.prep, prep), varying: !!d.varying || !!extra.varying });
    }
    if (method === 'merge' || method === 'join' || method === 'combine_first' || method === 'update') {
      const other = args.pos[0];
      const extra = other && (other.k === 'data' || other.k === 'scalar') ? other.prep : [];
      return this.same(d, { prep: unionList(d.prep, extra) });
    }
    if (method === 'append') return this.concat({ ...args, pos: [{ k: 'seq', items: [d, ...args.pos] }], posNodes: [] }, n, false);
    if (method === 'reindex' || method === 'filter') {
      const out = this.same(d);
      if (args.kw.has('columns') || method === 'reindex' && args.pos.length) { out.aligned = true; delete out.positional; }
      return out;
    }
    if (method === 'select_dtypes') {
      const out = this.same(d);
      delete out.cols;
      if (d.frame && /number|float|int|exclude/.test(argText)) out.feat = this.featureSelection(d, 'all', [], n);
      return out;
    }
    if (ROW_SUBSET.has(method)) return this.maybeSliceSplit(this.same(d), n, undefined);
    if (method === 'copy' || ROW_PRESERVING.has(method)) {
      const out = this.same(d);
      if (method === 'to_datetime' || method === 'dt') out.time = true;
      if (method === 'astype' && /datetime/.test(argText)) out.time = true;
      return out;
    }
    if (method === 'split' && d.cols === undefined) return this.folds(args, n);
    return this.same(d);
  }
}

// ---------- small syntax helpers ----------

const EXPR_NAMES = new Set(['VariableName', 'Number', 'String', 'FormatString', 'ContinuedString', 'Boolean', 'None', 'Ellipsis']);
const exprMemo = new Map<string, boolean>();

function isExpr(n: SyntaxNode): boolean {
  const name = n.name;
  let r = exprMemo.get(name);
  if (r === undefined) {
    r = name.endsWith('Expression') || EXPR_NAMES.has(name);
    exprMemo.set(name, r);
  }
  return r;
}

/** First direct child named `name` (no cursor allocation, unlike SyntaxNode.getChild). */
function child(n: SyntaxNode, name: string): SyntaxNode | null {
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name === name) return c;
  return null;
}

function firstExpr(n: SyntaxNode): SyntaxNode | null {
  for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) return c;
  return null;
}

function lastExpr(n: SyntaxNode): SyntaxNode | null {
  let found: SyntaxNode | null = null;
  let count = 0;
  for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) { found = c; count++; }
  return count > 1 ? n : found;
}

function leafNames(it: Interpreter, n: SyntaxNode): string[] {
  if (n.name === 'VariableName' || n.name === 'MemberExpression') return [(it as unknown as { t(n: SyntaxNode): string }).t(n)];
  const out: string[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (isExpr(c)) out.push(...leafNames(it, c));
  return out;
}

function subscriptString(it: Interpreter, n: SyntaxNode): string | undefined {
  const s = child(n, 'String');
  if (!s) return undefined;
  return unquote((it as unknown as { t(n: SyntaxNode): string }).t(s));
}

function unquote(text: string): string {
  const m = /^[rbuf]*("""|'''|"|')([\s\S]*)\1$/i.exec(text);
  return m ? m[2] : text;
}

function lastPart(q: string): string {
  const i = q.lastIndexOf('.');
  return i >= 0 ? q.slice(i + 1) : q;
}

function roleFromName(name: string): Root['role'] {
  const base = name.split(/[\\/]/).pop() ?? name;
  if (TEST_NAME.test(base) && !TRAIN_NAME.test(base)) return 'test';
  if (VAL_NAME.test(base) && !TRAIN_NAME.test(base)) return 'val';
  if (TRAIN_NAME.test(base) && !TEST_NAME.test(base)) return 'train';
  return 'whole';
}

function withVarying<T extends Val>(v: T): T {
  return { ...v, varying: true };
}

/** The statistics a value carries, without its rows (it is mixed into another frame). */
function stripRows(v: DataV | ScalarV): ScalarV {
  const s: ScalarV = { k: 'scalar', name: 'expr', prep: v.prep, dup: v.dup };
  if (v.cols) s.cols = v.cols;
  if (v.frame) s.frame = v.frame;
  if (v.varying) s.varying = true;
  return s;
}

function stringsIn(text: string): string[] {
  return [...text.matchAll(/(["'])(.*?)\1/g)].map((m) => m[2]);
}

function constStrings(v: Val): string[] {
  if (v.k === 'const' && v.str !== undefined) return [v.str];
  if (v.k === 'seq') return v.items.flatMap(constStrings);
  return [];
}

function topLevelComma(s: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (ch === '[' || ch === '(' || ch === '{') depth++;
    else if (ch === ']' || ch === ')' || ch === '}') depth--;
    else if (ch === ',' && depth === 0) return i;
  }
  return -1;
}

export type { ModV };
