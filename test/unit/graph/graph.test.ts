import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
// @ts-expect-error TS1479 -- typed as ESM under Node16 resolution; tsx loads its CommonJS build.
import dagre from '@dagrejs/dagre';
import { buildGraph, foldLoops, highlightTrace, matchGraphs, type PipelineGraph } from '../../../src/core/graph';
import { extraLine, layoutGraph, type Dagre } from '../../../src/core/graph/layout';

const layoutLines = (n: Parameters<typeof extraLine>[0]) => extraLine(n);
import { readRun } from '../../../src/core/runlog';
import type { Run } from '../../../src/core/runlog/model';
import { exampleRunDirs } from '../runlog/helpers';

async function exampleRun(pipeline: string): Promise<Run> {
  for (const dir of exampleRunDirs()) {
    const { run } = await readRun(dir);
    if (run.pipeline === pipeline) return run;
  }
  throw new Error(`no example run of ${pipeline}`);
}

const node = (g: PipelineGraph, id: string) => {
  const n = g.nodes.find((x) => x.id === id);
  assert.ok(n, `node ${id} in ${g.nodes.map((x) => x.id).join(' ')}`);
  return n;
};

/** Every step is drawn by exactly one node; every edge joins two drawn nodes. */
function assertWellFormed(g: PipelineGraph, run: Run): void {
  const seqs = g.nodes.flatMap((n) => n.seqs).sort((a, b) => a - b);
  assert.deepEqual(seqs, run.steps.map((s) => s.seq).sort((a, b) => a - b));
  const ids = new Set(g.nodes.map((n) => n.id));
  assert.equal(ids.size, g.nodes.length, 'node ids are unique');
  for (const e of g.edges) {
    assert.ok(ids.has(e.from) && ids.has(e.to), `edge ${e.id} joins drawn nodes`);
    assert.notEqual(e.from, e.to);
  }
}

describe('graph: building from recorded runs', () => {
  it('churn/train.py: steps, file nodes, rows, the dropped rows, the split sides and the models the fits feed', async () => {
    const run = await exampleRun('churn/train.py');
    const g = buildGraph(run);
    assertWellFormed(g, run);
    assert.equal(g.stepCount, run.steps.length);
    // Files read, and the model file pickle.dump writes.
    assert.deepEqual(g.nodes.filter((n) => n.kind === 'dataset').map((n) => n.label).sort(), ['churn_model.pkl', 'customers.csv', 'usage.csv']);
    const dump = g.nodes.find((n) => n.detail === 'pickle.dump')!;
    assert.ok(g.edges.some((e) => e.from === dump.id && e.to === g.nodes.find((n) => n.label === 'churn_model.pkl')!.id));
    assert.ok(g.edges.some((e) => e.from === g.nodes.find((n) => n.label === 'customers.csv')!.id && e.to === 's0'));
    // The row filter at line 29 keeps 1,923 of 2,000 rows.
    const filter = node(g, 's8');
    assert.equal(filter.location?.line, 29);
    assert.deepEqual([filter.rowsIn[0], filter.rowsOut, filter.dropped], [2000, 1923, 77]);
    // The merge keeps its left side's rows: no drop is claimed for a join.
    assert.equal(node(g, 's3').dropped, undefined);
    assert.deepEqual(node(g, 's3').rowsIn, [2000, 2400]);
    // The split and its sides.
    const split = node(g, 's16');
    assert.equal(split.opKind, 'split');
    assert.deepEqual(split.outputs.map((o) => [o.port, o.rows, o.side]), [['X_train', 1442, 'train'], ['X_test', 481, 'test'], ['y_train', 1442, 'train'], ['y_test', 481, 'test']]);
    // X_train and y_train into the fit: one edge that names both.
    const toFit = g.edges.filter((e) => e.from === 's16' && e.to === 's17');
    assert.deepEqual(toFit.map((e) => [e.id, e.port, e.rows, e.side]), [['e:s16>s17', 'X_train + y_train', 1442, 'train']]);
    const toPredict = g.edges.find((e) => e.from === 's16' && e.to === 's18')!;
    assert.deepEqual([toPredict.port, toPredict.rows, toPredict.side], ['X_test', 481, 'test']);
    assert.equal(node(g, 's17').side, 'train');
    assert.equal(node(g, 's18').side, 'test');
    // Each fitted model feeds its own predictions, and only those.
    const models = g.edges.filter((e) => e.kind === 'model').map((e) => `${e.from}>${e.to}`).sort();
    assert.deepEqual(models, ['s17>s18', 's19>s20']);
    assert.equal(node(g, 's17').estimator, 'LogisticRegression');
    // Before the split nothing has a side.
    assert.equal(node(g, 's13').side, undefined);
    assert.deepEqual(g.notes, []);
  });

  it('credit.ipynb: a Pipeline.fit is one node with its inner steps; its predict uses it; cells are kept', async () => {
    const run = await exampleRun('notebooks/credit.ipynb');
    const g = buildGraph(run);
    assertWellFormed(g, run);
    const fit = node(g, 's10');
    assert.equal(fit.inner, 8);
    assert.deepEqual(fit.seqs, [10, 11, 12, 13, 14, 15, 16, 17, 18]);
    assert.equal(fit.estimator, 'Pipeline');
    assert.ok(g.edges.some((e) => e.kind === 'model' && e.from === 's10' && e.to === 's19'), 'Pipeline.predict uses the fitted pipeline');
    assert.ok(!g.nodes.some((n) => n.id === 's11'), 'inner steps are folded');
    assert.equal(node(g, 's0').location?.cell, run.steps[0]!.location?.cell);
    assert.notEqual(node(g, 's0').location?.cell, undefined);
    // Unfolded, the inner steps are nodes of their own and their data edges are drawn.
    const open = buildGraph(run, { foldInner: false });
    assertWellFormed(open, run);
    assert.equal(open.nodes.filter((n) => n.kind === 'step').length, 30);
    assert.ok(open.edges.some((e) => e.from === 's14' && e.to === 's15'), 'SimpleImputer feeds StandardScaler');
  });

  it('credit.ipynb: unfolding a Pipeline.fit draws its inner steps with their rows and fits', async () => {
    const run = await exampleRun('notebooks/credit.ipynb');
    const folded = buildGraph(run);
    // An id of a step that is not drawn (inside the folded pipeline) changes nothing.
    assert.deepEqual(buildGraph(run, { unfold: new Set(['s11']) }).nodes.map((n) => n.id), folded.nodes.map((n) => n.id));
    const g = buildGraph(run, { unfold: new Set(['s10']) });
    assertWellFormed(g, run);
    const fit = node(g, 's10');
    assert.equal(fit.unfolded, true);
    assert.equal(fit.inner, undefined, 'its inner steps are no longer folded into it');
    assert.deepEqual(fit.seqs, [10]);
    const direct = run.steps.filter((s) => s.parentSeq === 10).map((s) => `s${s.seq}`);
    assert.ok(direct.length >= 2, direct.join(' '));
    for (const id of direct) {
      const inner = node(g, id);
      assert.ok(inner.rowsIn.length > 0 || inner.rowsOut !== undefined, `${id} has rows`);
      assert.ok(inner.seqs.every((q) => q === Number(id.slice(1)) || run.steps.find((s) => s.seq === q)!.parentSeq !== 10), `${id} holds only its own inner steps`);
    }
    assert.ok(g.nodes.length > folded.nodes.length);
    assert.deepEqual(g.edges.filter((e) => e.kind === 'inner').map((e) => `${e.from}>${e.to}`).sort(), direct.map((id) => `s10>${id}`).sort(), 'the pipeline holds its direct inner steps');
    assert.equal(folded.edges.filter((e) => e.kind === 'inner').length, 0);
    assert.equal(node(g, 's11').inner, 6, 'the ColumnTransformer keeps its own inner steps folded');
    assert.ok(g.edges.some((e) => e.kind === 'data' && e.from === 's11' && e.to === 's18'), 'the ColumnTransformer feeds LogisticRegression');
    assert.ok(g.edges.some((e) => e.kind === 'model' && e.from === 's18' && e.to === 's19'), 'the fitted LogisticRegression is used by predict');
    // Unfolding the nested ones too reaches the imputer and the scaler.
    const deep = buildGraph(run, { unfold: new Set(['s10', 's11', 's13']) });
    assertWellFormed(deep, run);
    assert.ok(deep.edges.some((e) => e.from === 's14' && e.to === 's15'), 'SimpleImputer feeds StandardScaler inside the pipeline');
    assert.match(layoutLines(fit), /inner steps shown/);
    assert.ok(g.edges.some((e) => e.kind === 'model' && e.from === 's10' && e.to === 's19'), 'Pipeline.predict still uses the fitted pipeline');
  });

  it('serving_mismatch/train.py: a model file written with joblib.dump hangs from the fit of the estimator it holds', async () => {
    const root = path.resolve(__dirname, '../../fixtures/runs/oldest/serving_mismatch');
    const runs = await Promise.all(readdirSync(root).map(async (d) => (await readRun(path.join(root, d))).run));
    const run = runs.find((r) => r.phase === 'train')!;
    const g = buildGraph(run);
    assertWellFormed(g, run);
    const dump = run.steps.find((s) => s.args?.artifact === 'write' && s.args.objectId !== undefined)!;
    const fit = run.steps.filter((s) => s.seq < dump.seq && s.fitted?.objectId === dump.args!.objectId && /fit/.test(s.fitted!.method)).at(-1)!;
    assert.ok(fit, 'the run fits the estimator it dumps');
    const from = g.nodes.find((n) => n.seqs.includes(fit.seq))!, to = g.nodes.find((n) => n.seqs.includes(dump.seq))!;
    assert.ok(g.edges.some((e) => e.kind === 'model' && e.from === from.id && e.to === to.id), `${from.label} → ${to.label}`);
  });

  it('monthly_report.py: the failed merge carries its failure', async () => {
    const run = await exampleRun('churn/monthly_report.py');
    const g = buildGraph(run);
    assertWellFormed(g, run);
    assert.equal(g.status, 'failed');
    const merge = node(g, 's4');
    assert.equal(merge.status, 'failed');
    assert.match(merge.error ?? '', /\S/);
    assert.equal(merge.rowsOut, undefined);
  });

  it('badges a step with the findings on its line (file resolved against the run cwd, cell and line)', async () => {
    const run = await exampleRun('slow/pipeline.py');
    const scaler = run.steps.find((s) => s.function === 'StandardScaler.fit_transform')!;
    const file = path.resolve(run.cwd ?? run.dir, scaler.location!.file);
    const g = buildGraph(run, {
      findings: [
        { file, line: scaler.location!.line, ruleId: 'leakage/preprocessing', severity: 'error', message: 'scaler fitted before the split' },
        { file, line: 999, ruleId: 'x', severity: 'info', message: 'elsewhere' },
        { file: `${file}.other`, line: scaler.location!.line, ruleId: 'y', severity: 'info', message: 'another file' },
      ],
    });
    const n = node(g, `s${scaler.seq}`);
    assert.deepEqual(n.findings.map((f) => f.ruleId), ['leakage/preprocessing']);
    assert.equal(g.nodes.reduce((k, x) => k + x.findings.length, 0), 1);
  });

  it('a run still being recorded: the graph of a prefix of its log is a subgraph with the same node ids', async () => {
    const full = await exampleRun('churn/train.py');
    const dir = mkdtempSync(path.join(tmpdir(), 'skewer-graph-'));
    try {
      cpSync(full.dir, dir, { recursive: true });
      const lines = readFileSync(path.join(full.dir, 'events.ndjson'), 'utf8').split('\n').filter((l) => l.trim());
      // The pipeline's START and the first half of the operators, no pipeline end event.
      const prefix = lines.slice(0, Math.floor(lines.length / 2)).filter((l) => !(JSON.parse(l).eventType === 'COMPLETE' && !JSON.parse(l).run?.facets?.parent));
      writeFileSync(path.join(dir, 'events.ndjson'), prefix.join('\n') + '\n');
      const { run } = await readRun(dir, { isProcessAlive: () => true });
      const partial = buildGraph(run);
      const whole = buildGraph(full);
      assert.ok(partial.nodes.length > 3 && partial.nodes.length < whole.nodes.length, `${partial.nodes.length} of ${whole.nodes.length}`);
      const ids = new Set(whole.nodes.map((n) => n.id));
      for (const n of partial.nodes) assert.ok(ids.has(n.id), `${n.id} keeps its id when the run grows`);
      const edgeIds = new Set(whole.edges.map((e) => e.id));
      for (const e of partial.edges) assert.ok(edgeIds.has(e.id), e.id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('graph: loop folding', () => {
  it('finds tandem repeats of call sites, preferring the block that covers most calls', () => {
    const keys = ['read', 'a', 'b', 'a', 'b', 'a', 'b', 'fit'];
    const f = foldLoops(keys, 3);
    assert.deepEqual(f.loops, [[1, 2, 3]]);
    assert.deepEqual(f.rep, [0, 1, 2, 1, 2, 1, 2, 7]);
    // Two repeats are not a loop at minRepeat 3; steps without a site never fold.
    assert.deepEqual(foldLoops(['a', 'b', 'a', 'b'], 3).loops, []);
    assert.deepEqual(foldLoops([undefined, undefined, undefined, undefined], 3).loops, []);
    // A single call site repeated.
    assert.deepEqual(foldLoops(['x', 'y', 'y', 'y', 'y', 'y', 'z'], 3).loops, [[1, 1, 5]]);
  });

  it('thousands of steps: a loop becomes its body, with repeat counts and a loop-back edge', async () => {
    const run = await exampleRun('churn/train.py');
    // A synthetic long run: the churn steps' call sites replayed 400 times as a chain (each call consumes the previous output).
    const body = run.steps.slice(4, 9);
    const steps = [] as Run['steps'];
    let seq = 0;
    let prev: string | undefined;
    for (let it = 0; it < 400; it++) {
      for (const s of body) {
        const name = `mem/${seq}.out`;
        steps.push({ ...s, seq, runId: `r${seq}`, parentSeq: undefined, fitted: undefined, inputs: prev ? [{ namespace: 'skewer-mem://x', name: prev, producedBy: seq - 1, rowCount: 10 }] : [], outputs: [{ namespace: 'skewer-mem://x', name, port: 'out', rowCount: 10 }], rowsIn: [10], rowsOut: 10 });
        prev = name;
        seq++;
      }
    }
    const long: Run = { ...run, steps };
    const g = buildGraph(long);
    assertWellFormed(g, long);
    assert.equal(g.nodes.length, 5);
    assert.deepEqual(g.nodes.map((n) => n.repeat), [400, 400, 400, 400, 400]);
    assert.equal(g.edges.length, 5, 'four edges inside an iteration and one back to the next');
    assert.equal(g.edges.filter((e) => e.loopBack).length, 1);
    assert.match(g.notes.join(), /2000 calls in 1 loop folded into 5 nodes/);
    // Without loop folding, the node cap still folds by call site.
    const capped = buildGraph(long, { collapseLoops: false, maxNodes: 300 });
    assert.equal(capped.nodes.length, 5);
    assert.match(capped.notes.join(), /every call site drawn once/);
    const open = buildGraph(long, { collapseLoops: false, maxNodes: 5000 });
    assert.equal(open.nodes.length, 2000);
  });
});

describe('graph: train ↔ serve matching', () => {
  it('matches churn/train.py with churn/serve.py step by step; every step appears once', async () => {
    const train = buildGraph(await exampleRun('churn/train.py'));
    const serve = buildGraph(await exampleRun('churn/serve.py'));
    const pairs = matchGraphs(train, serve);
    const lefts = pairs.flatMap((p) => (p.left ? [p.left] : []));
    const rights = pairs.flatMap((p) => (p.right ? [p.right] : []));
    assert.deepEqual(lefts.sort(), train.nodes.filter((n) => n.kind === 'step').map((n) => n.id).sort());
    assert.deepEqual(rights.sort(), serve.nodes.filter((n) => n.kind === 'step').map((n) => n.id).sort());
    const label = (g: PipelineGraph, id: string) => g.nodes.find((n) => n.id === id)!.detail;
    /** Id of the `nth` step node of `g` whose operator is `fn`. */
    const idOf = (g: PipelineGraph, fn: string, nth = 0) => g.nodes.filter((n) => n.detail === fn)[nth]!.id;
    const matched = pairs.filter((p) => p.left && p.right);
    for (const p of matched) {
      const l = train.nodes.find((n) => n.id === p.left)!;
      const r = serve.nodes.find((n) => n.id === p.right)!;
      assert.equal(l.estimator ?? l.detail, r.estimator ?? r.detail, `${label(train, p.left!)} ↔ ${label(serve, p.right!)}`);
    }
    const has = (fn: string, fnServe = fn, nth = 0) => matched.some((p) => p.left === idOf(train, fn, nth) && p.right === idOf(serve, fnServe, nth));
    assert.ok(has('read_csv') && has('read_csv', 'read_csv', 1) && has('DataFrame.merge'), 'sources and the merge');
    assert.ok(has('StandardScaler.fit_transform'), 'StandardScaler.fit_transform (train) ↔ StandardScaler.fit_transform (serve)');
    assert.ok(has('OneHotEncoder.fit_transform', 'OneHotEncoder.transform'), 'OneHotEncoder fitted in training, applied in serving, though in the other order');
    assert.ok(has('LogisticRegression.predict_proba'), 'LogisticRegression.predict_proba');
    // Training-only steps stay unmatched: the split and the fits; serving-only: to_numpy.
    for (const fn of ['train_test_split', 'LogisticRegression.fit', 'RandomForestClassifier.fit']) assert.ok(pairs.some((p) => p.left === idOf(train, fn) && !p.right), fn);
    assert.ok(pairs.some((p) => p.right === idOf(serve, 'DataFrame.to_numpy') && !p.left));
  });
});

describe('graph: a traced record as a path', () => {
  it('marks the path nodes with their fate and the data edges between them', async () => {
    const g = buildGraph(await exampleRun('slow/pipeline.py'));
    const h = highlightTrace(g, 'row 5 of read_csv', [
      { seq: 0, fateKind: 'start' },
      { seq: 1, fateKind: 'kept' },
      { seq: 2, fateKind: 'kept' },
      { seq: 4, fateKind: 'split' },
      { seq: 7, fateKind: 'kept' },
      { seq: 8, fateKind: 'consumed' },
    ]);
    assert.deepEqual(h.nodes, { s0: 'start', s1: 'kept', s2: 'kept', s4: 'split', s7: 'kept', s8: 'consumed' });
    assert.ok(h.edges.includes('e:s0>s1') && h.edges.includes('e:s4>s7') && h.edges.includes('e:s7>s8'));
    assert.ok(!h.edges.some((e) => e.includes('>s5')), 'no edge into a step the record did not reach');
    // A drop ends the path.
    const dropped = highlightTrace(g, 'row 9', [{ seq: 0, fateKind: 'start' }, { seq: 1, fateKind: 'dropped' }, { seq: 2, fateKind: 'kept' }]);
    assert.equal(dropped.nodes.s1, 'dropped');
    assert.ok(!dropped.edges.includes('e:s1>s2'));
  });
});

describe('graph: layout (dagre)', () => {
  it('places every node without overlaps, draws every edge, top to bottom in data order', async () => {
    for (const pipeline of ['churn/train.py', 'notebooks/credit.ipynb']) {
      const g = buildGraph(await exampleRun(pipeline));
      const l = layoutGraph(g, dagre as Dagre);
      const boxes = g.nodes.map((n) => ({ id: n.id, ...l.nodes[n.id]! }));
      for (const b of boxes) assert.ok(Number.isFinite(b.x) && Number.isFinite(b.y) && b.width > 0, b.id);
      for (let i = 0; i < boxes.length; i++) {
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i]!;
          const b = boxes[j]!;
          const apart = a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
          assert.ok(apart, `${a.id} and ${b.id} overlap`);
        }
      }
      for (const e of g.edges) {
        assert.ok((l.edges[e.id]?.length ?? 0) >= 2, `edge ${e.id} has a path`);
        if (e.kind === 'data' && !e.loopBack) assert.ok(l.nodes[e.from]!.y < l.nodes[e.to]!.y, `${e.id} points down`);
      }
      assert.ok(l.width > 0 && l.height > 0);
    }
  });
});
