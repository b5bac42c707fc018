import { strict as assert } from 'node:assert';
import { countReached, propagateOrigins, propagateRows } from '../../../src/core/trace/propagate';
import { mapForward } from '../../../src/core/trace/trace';
import type { Run } from '../../../src/core/runlog/model';
import type { LineageSource } from '../../../src/core/trace/propagate';
import { makeRun, type StepSpec } from './helpers';

/** read → select (with a repeated row) → join with an outside table → concat → groupby → identity → opaque → split. */
const PIPELINE: StepSpec[] = [
  { seq: 0, kind: 'source', inputs: [{ name: 'file', rows: 6 }], outputs: [{ name: 'r/0.out', kind: 'identity', inputs: ['file'], rowsIn: [6], rowsOut: 6 }] },
  { seq: 1, kind: 'select', inputs: [{ name: 'r/0.out', rows: 6 }], outputs: [{ name: 'r/1.out', kind: 'select', inputs: ['r/0.out'], rowsIn: [6], rowsOut: 4, arrays: { positions: [5, 0, 0, 3] } }] },
  {
    seq: 2, kind: 'join', inputs: [{ name: 'r/1.out', rows: 4 }, { name: 'r/ext1', rows: 3 }],
    outputs: [{ name: 'r/2.out', kind: 'join', inputs: ['r/1.out', 'r/ext1'], rowsIn: [4, 3], rowsOut: 5, arrays: { left: [0, 1, 2, 3, -1], right: [0, -1, 1, 2, 2] } }],
  },
  {
    seq: 3, kind: 'concat', inputs: [{ name: 'r/2.out', rows: 5 }, { name: 'r/0.out', rows: 6 }],
    outputs: [{ name: 'r/3.out', kind: 'concat', inputs: ['r/2.out', 'r/0.out'], rowsIn: [5, 6], rowsOut: 4, arrays: { part: [0, 1, 0, 1], positions: [3, 3, 0, 5] } }],
  },
  { seq: 4, kind: 'groupby', inputs: [{ name: 'r/0.out', rows: 6 }], outputs: [{ name: 'r/4.out', kind: 'groupby', inputs: ['r/0.out'], rowsIn: [6], rowsOut: 3, arrays: { offsets: [0, 2, 3, 6], members: [1, 4, 0, 2, 3, 5] } }] },
  { seq: 5, kind: 'map', inputs: [{ name: 'r/3.out', rows: 4 }], outputs: [{ name: 'r/5.out', kind: 'identity', inputs: ['r/3.out'], rowsIn: [4], rowsOut: 4 }] },
  { seq: 6, kind: 'sample', inputs: [{ name: 'r/5.out', rows: 4 }], outputs: [{ name: 'r/6.out', kind: 'opaque', inputs: ['r/5.out'], rowsIn: [4], rowsOut: 4, gap: 'non-unique index and non-deterministic sample' }] },
  {
    seq: 7, kind: 'split', inputs: [{ name: 'r/5.out', rows: 4 }],
    outputs: [
      { name: 'r/7.train', port: 'train', kind: 'select', inputs: ['r/5.out'], rowsIn: [4], rowsOut: 2, arrays: { positions: [1, 3] } },
      { name: 'r/7.test', port: 'test', kind: 'select', inputs: ['r/5.out'], rowsIn: [4], rowsOut: 2, arrays: { positions: [0, 2] } },
    ],
  },
];

const ones = (lane: Uint8Array | undefined) => (lane ? [...lane].flatMap((v, i) => (v ? [i] : [])) : []);

/** The same walk done record-set-wise with trace.ts's mapForward, as the reference. */
async function viaMapForward(run: Run, start: string, rows: number[], source: LineageSource): Promise<Map<string, number[]>> {
  const at = new Map<string, Set<number>>([[start, new Set(rows)]]);
  for (const step of run.steps) {
    for (const o of step.outputs) {
      const lin = o.lineage!;
      if (lin.kind === 'opaque') continue;
      const arrays = lin.kind === 'identity' ? {} : await source.lineage(o);
      const got = new Set<number>();
      let carried = false;
      lin.inputs.forEach((name, k) => {
        const from = at.get(name);
        if (!from) return;
        carried = true;
        for (const p of mapForward(lin.kind, arrays, k, from, lin.rowsOut) ?? []) got.add(p);
      });
      if (carried && got.size && o.name !== start) at.set(o.name, got);
    }
  }
  return new Map([...at].map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
}

describe('trace/propagate', () => {
  it('follows a row set through select, join, concat, groupby, identity and split (hand-computed)', async () => {
    const { run, source } = makeRun(PIPELINE);
    const start = new Uint8Array(6);
    start[0] = 1;
    start[3] = 1;
    const r = await propagateRows(run, 'r/0.out', start, source);
    assert.deepEqual(ones(r.reached.get('r/1.out')), [1, 2, 3]); // positions [5,0,0,3]: row 0 twice, row 3 once
    assert.deepEqual(ones(r.reached.get('r/2.out')), [1, 2, 3]); // left side only; the unmatched right row 4 is not ours
    assert.deepEqual(ones(r.reached.get('r/3.out')), [0, 1]); // part 0 pos 3 (row 0 via the join), part 1 pos 3 (row 3 directly)
    assert.deepEqual(ones(r.reached.get('r/4.out')), [1, 2]); // groups {0} and {2,3,5}
    assert.deepEqual(ones(r.reached.get('r/5.out')), [0, 1]);
    assert.deepEqual(ones(r.reached.get('r/7.train')), [0]);
    assert.deepEqual(ones(r.reached.get('r/7.test')), [0]);
    assert.equal(r.reached.has('r/6.out'), false);
    assert.deepEqual(r.gaps.map((g) => [g.seq, g.dataset, g.reason]), [[6, 'r/6.out', 'non-unique index and non-deterministic sample']]);
  });

  it('agrees with mapForward on every dataset for every start set of a 6-row table', async () => {
    const { run, source } = makeRun(PIPELINE);
    for (let mask = 1; mask < 64; mask++) {
      const rows = [0, 1, 2, 3, 4, 5].filter((i) => mask & (1 << i));
      const start = new Uint8Array(6);
      rows.forEach((i) => (start[i] = 1));
      const mine = await propagateRows(run, 'r/0.out', start, source);
      const ref = await viaMapForward(run, 'r/0.out', rows, source);
      for (const [name, positions] of ref) assert.deepEqual(ones(mine.reached.get(name)), positions, `${name} from rows ${rows}`);
      for (const name of mine.reached.keys()) assert.ok(ref.has(name), `${name} reached only by propagate (rows ${rows})`);
    }
  });

  it('follows the right side of a join from a dataset no step produced', async () => {
    const { run, source } = makeRun(PIPELINE);
    const r = await propagateRows(run, 'r/ext1', 'all', source);
    assert.deepEqual(ones(r.reached.get('r/2.out')), [0, 2, 3, 4]); // right = [0,-1,1,2,2]
    assert.deepEqual(ones(r.reached.get('r/3.out')), [0, 2]); // part 0 at positions 3 and 0
  });

  it('labels each row with the start row it descends from', async () => {
    const { run, source } = makeRun(PIPELINE);
    const o = await propagateOrigins(run, 'r/0.out', source);
    assert.equal(o.startRows, 6);
    assert.deepEqual([...o.origins.get('r/1.out')!], [5, 0, 0, 3]);
    assert.deepEqual([...o.origins.get('r/2.out')!], [5, 0, 0, 3, -1]);
    assert.deepEqual([...o.origins.get('r/3.out')!], [3, 3, 5, 5]);
    assert.deepEqual([...o.origins.get('r/4.out')!], [1, 0, 2]); // first member of each group
    assert.deepEqual([...o.origins.get('r/7.train')!], [3, 5]);
    assert.deepEqual([...o.origins.get('r/7.test')!], [3, 5]);
    assert.ok(o.aggregated.has('r/4.out') && !o.aggregated.has('r/5.out'));
  });

  it('skips the steps it is told to skip', async () => {
    const { run, source } = makeRun(PIPELINE);
    const r = await propagateRows(run, 'r/0.out', 'all', source, { skipSeqs: new Set([4]) });
    assert.equal(r.reached.has('r/4.out'), false);
    assert.ok(r.reached.has('r/3.out'));
  });

  it('turns damaged lineage into gaps naming the step, never into a wrong mapping or a throw', async () => {
    const bad: StepSpec[] = [
      PIPELINE[0]!,
      { seq: 1, kind: 'select', inputs: [{ name: 'r/0.out', rows: 6 }], outputs: [{ name: 'r/1.out', kind: 'select', inputs: ['r/0.out'], rowsIn: [6], rowsOut: 2, arrays: { positions: [1, 9] } }] },
      { seq: 2, kind: 'select', inputs: [{ name: 'r/0.out', rows: 6 }], outputs: [{ name: 'r/2.out', kind: 'select', inputs: ['r/0.out'], rowsIn: [6], rowsOut: 3, arrays: { positions: [1, 2] } }] },
      { seq: 3, kind: 'select', inputs: [{ name: 'r/0.out', rows: 6 }], outputs: [{ name: 'r/3.out', kind: 'select', inputs: ['r/0.out'], rowsIn: [6], rowsOut: 1 }] },
      { seq: 4, kind: 'select', inputs: [{ name: 'r/0.out', rows: 6 }], outputs: [{ name: 'r/4.out', kind: 'select', inputs: ['r/0.out'], rowsIn: [7], rowsOut: 1, arrays: { positions: [0] } }] },
      { seq: 5, kind: 'groupby', inputs: [{ name: 'r/0.out', rows: 6 }], outputs: [{ name: 'r/5.out', kind: 'groupby', inputs: ['r/0.out'], rowsIn: [6], rowsOut: 2, arrays: { offsets: [0, 1], members: [0] } }] },
    ];
    const { run, source } = makeRun(bad);
    run.steps[3]!.outputs[0]!.lineage!.arrays = { positions: 'lineage/missing.npy' };
    const r = await propagateRows(run, 'r/0.out', 'all', source);
    const bySeq = new Map(r.gaps.map((g) => [g.seq, g.reason]));
    assert.match(bySeq.get(1)!, /does not match the recorded shape/);
    assert.match(bySeq.get(2)!, /does not match the recorded shape/);
    assert.match(bySeq.get(3)!, /lineage arrays unreadable: no arrays for r\/3.out/);
    assert.match(bySeq.get(4)!, /has 6 rows but the lineage says 7/);
    assert.match(bySeq.get(5)!, /offsets array does not match/);
    for (const s of [1, 2, 3, 4, 5]) assert.equal(r.reached.has(`r/${s}.out`), false);
  });

  it('reports lineage arrays the reader marked unavailable', async () => {
    const { run, source } = makeRun(PIPELINE.slice(0, 2));
    run.steps[1]!.outputs[0]!.lineage!.unavailable = ['positions'];
    const r = await propagateRows(run, 'r/0.out', 'all', source);
    assert.deepEqual(r.gaps.map((g) => g.reason), ['lineage array positions missing or refused']);
    assert.equal(source.calls, 0);
  });

  it('names a dataset that is not in the run instead of throwing', async () => {
    const { run, source } = makeRun(PIPELINE);
    const r = await propagateRows(run, 'r/nope', 'all', source);
    assert.equal(r.reached.size, 0);
    assert.match(r.gaps[0]!.reason, /r\/nope is not part of run r/);
  });

  it('propagates 1M rows through select, join, concat and a split quickly', async function () {
    this.timeout(20000);
    const n = 1_000_000;
    const half = new Int32Array(n / 2).map((_, i) => i * 2);
    const left = new Int32Array(n / 2).map((_, i) => i);
    const right = new Int32Array(n / 2).map((_, i) => (i % 3 === 0 ? -1 : i % 1000));
    const part = new Int32Array(n).map((_, i) => (i < n / 2 ? 0 : 1));
    const cpos = new Int32Array(n).map((_, i) => (i < n / 2 ? i : i - n / 2));
    const perm = new Int32Array(n).map((_, i) => (i * 7919) % n);
    const steps: StepSpec[] = [
      { seq: 0, kind: 'source', inputs: [{ name: 'f', rows: n }], outputs: [{ name: 'b/0.out', kind: 'identity', inputs: ['f'], rowsIn: [n], rowsOut: n }] },
      { seq: 1, kind: 'select', inputs: [{ name: 'b/0.out', rows: n }], outputs: [{ name: 'b/1.out', kind: 'select', inputs: ['b/0.out'], rowsIn: [n], rowsOut: n / 2, arrays: { positions: half } }] },
      { seq: 2, kind: 'join', inputs: [{ name: 'b/1.out', rows: n / 2 }, { name: 'b/ext', rows: 1000 }], outputs: [{ name: 'b/2.out', kind: 'join', inputs: ['b/1.out', 'b/ext'], rowsIn: [n / 2, 1000], rowsOut: n / 2, arrays: { left, right } }] },
      { seq: 3, kind: 'concat', inputs: [{ name: 'b/2.out', rows: n / 2 }, { name: 'b/1.out', rows: n / 2 }], outputs: [{ name: 'b/3.out', kind: 'concat', inputs: ['b/2.out', 'b/1.out'], rowsIn: [n / 2, n / 2], rowsOut: n, arrays: { part, positions: cpos } }] },
      { seq: 4, kind: 'map', inputs: [{ name: 'b/3.out', rows: n }], outputs: [{ name: 'b/4.out', kind: 'identity', inputs: ['b/3.out'], rowsIn: [n], rowsOut: n }] },
      { seq: 5, kind: 'split', inputs: [{ name: 'b/4.out', rows: n }], outputs: [{ name: 'b/5.test', port: 'test', kind: 'select', inputs: ['b/4.out'], rowsIn: [n], rowsOut: n, arrays: { positions: perm } }] },
    ];
    const { run, source } = makeRun(steps, 'b');
    const t0 = performance.now();
    const o = await propagateOrigins(run, 'b/0.out', source);
    const ms = performance.now() - t0;
    console.log(`      propagateOrigins over 1M rows, 5 steps: ${ms.toFixed(0)} ms`);
    assert.equal(countReached(o.origins.get('b/5.test')!), n);
    assert.equal(o.origins.get('b/3.out')![n / 2 + 7], 14);
    // Generous bound: the machine is shared; the figure is reported, the bound catches per-row Set/boxing regressions.
    assert.ok(ms < 3000, `took ${ms.toFixed(0)} ms`);
  });
});
