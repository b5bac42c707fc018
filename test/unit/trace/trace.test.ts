import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { listRuns } from '../../../src/core/runlog/listRuns';
import type { RunReadResult } from '../../../src/core/runlog/model';
import { npyPositions, parseNpy } from '../../../src/core/runlog/npy';
import { mapForward, traceRecord } from '../../../src/core/trace/trace';
import { formatCell, RunFolderTraceSource } from '../../../src/core/trace/source';
import { EXAMPLE_RUNS } from '../runlog/helpers';

const i32 = (xs: number[]) => Int32Array.from(xs);

describe('mapForward: where rows of an input go in an output', () => {
  it('identity keeps positions inside the output', () => {
    assert.deepEqual(mapForward('identity', {}, 0, new Set([0, 3, 9]), 5), [0, 3]);
  });
  it('select finds every output row whose source position is traced (duplicates included)', () => {
    assert.deepEqual(mapForward('select', { positions: i32([4, 2, 4, 7, -1]) }, 0, new Set([4]), 5), [0, 2]);
    assert.deepEqual(mapForward('select', { positions: i32([4, 2]) }, 1, new Set([4]), 2), undefined, 'select has one input');
  });
  it('join follows the left or the right side, and never matches -1', () => {
    const arrays = { left: i32([0, 0, 1, 2]), right: i32([5, -1, 5, 3]) };
    assert.deepEqual(mapForward('join', arrays, 0, new Set([0]), 4), [0, 1]);
    assert.deepEqual(mapForward('join', arrays, 1, new Set([5]), 4), [0, 2]);
    assert.deepEqual(mapForward('join', arrays, 1, new Set([-1]), 4), [1], 'only a literal -1 source would match -1');
  });
  it('concat uses the part index and the position within that part', () => {
    const arrays = { part: i32([0, 0, 1, 1]), positions: i32([0, 1, 0, 1]) };
    assert.deepEqual(mapForward('concat', arrays, 1, new Set([1]), 4), [3]);
  });
  it('groupby maps each member to its group row once', () => {
    const arrays = { offsets: i32([0, 2, 5]), members: i32([3, 0, 1, 2, 4]) };
    assert.deepEqual(mapForward('groupby', arrays, 0, new Set([4, 1]), 2), [1]);
    assert.deepEqual(mapForward('groupby', arrays, 0, new Set([0, 4]), 2), [0, 1]);
  });
  it('a large array gives the same rows on its first use (scanned) as on later ones (inverse index), copies and -1 included', () => {
    const n = 50_000;
    const pos = new Int32Array(n);
    for (let i = 0; i < n; i++) pos[i] = (i * 7919) % 20_011; // every value 2-3 times, shuffled
    pos[17] = -1;
    const expect = (from: number[]) => [...pos.keys()].filter((i) => from.includes(pos[i]!));
    const cases = [[5], [5, 9, 20_010], [0, 1, 2, 3, 4, 5, 6], [-1], [30_000]];
    const first = cases.map((c) => mapForward('select', { positions: pos }, 0, new Set(c), n));
    const again = cases.map((c) => mapForward('select', { positions: pos }, 0, new Set(c), n));
    assert.deepEqual(first, cases.map(expect));
    assert.deepEqual(again, cases.map(expect));
    // groupby with empty groups: member slots → the group that holds them
    const offsets = i32([0, 0, 3, 3, 3, ...Array.from({ length: 5000 }, (_, g) => 3 + (g + 1) * 2)]);
    const members = new Int32Array(offsets[offsets.length - 1]!);
    for (let k = 0; k < members.length; k++) members[k] = members.length - 1 - k;
    const groupOf = (m: number) => { const k = members.indexOf(m); let g = 0; while (offsets[g + 1]! <= k) g++; return g; };
    for (let rep = 0; rep < 2; rep++) {
      for (const m of [0, members.length - 1, members.length - 2, 4321]) assert.deepEqual(mapForward('groupby', { offsets, members }, 0, new Set([m]), offsets.length - 1), [groupOf(m)], `member ${m}`);
    }
  });
  it('an unknown or opaque kind maps nothing rather than guessing', () => {
    assert.equal(mapForward('opaque', {}, 0, new Set([1]), 3), undefined);
  });
});

describe('traceRecord over the committed example runs', () => {
  let train: RunReadResult;
  before(async () => {
    const listing = await listRuns([EXAMPLE_RUNS]);
    train = listing.runs.find((r) => r.run.pipeline === 'churn/train.py')!;
    assert.ok(train, 'churn/train.py was recorded');
  });

  it('follows a customer from read_csv through the merge to its side of the split', async () => {
    const run = train.run;
    const source = run.steps.find((s) => s.kind === 'source')!;
    const out = source.outputs[0]!;
    const trace = await traceRecord(run, { dataset: out.name, position: 0 }, new RunFolderTraceSource(run.dir));
    assert.deepEqual(trace.problems, []);
    assert.equal(trace.steps[0]!.fate, 'start');
    const split = trace.steps.find((s) => s.step.kind === 'split');
    assert.ok(split, 'the record reaches the split');
    // Independently: the customers filter (age >= 21) keeps or drops row 0; read its positions array.
    const filter = run.steps.find((s) => s.kind === 'select' && s.function === 'DataFrame.__getitem__' && (s.rowsOut ?? 0) < (s.rowsIn[0] ?? 0))!;
    const positions = npyPositions(parseNpy(readFileSync(path.join(run.dir, filter.lineage!.arrays.positions!)), 'filter'));
    const kept = positions.indexOf(0);
    if (kept < 0) {
      assert.equal(trace.steps.find((s) => s.step.seq === filter.seq)?.fate, 'dropped');
    } else {
      const [xTrain, xTest] = [split.step.outputs[0]!, split.step.outputs[1]!];
      const held = split.outputs.filter((o) => o.positions.length).map((o) => o.dataset);
      assert.equal(held.length, 2, 'X and y parts of one side');
      assert.ok(held.includes(xTrain.name) !== held.includes(xTest.name), 'exactly one of train and test');
    }
    const merge = trace.steps.find((s) => s.step.function === 'DataFrame.merge')!;
    assert.equal(merge.fate, 'joined');
    assert.ok(merge.cells && merge.cells.some((c) => c.column === 'minutes_avg' && c.changed), 'the merge adds usage columns to the record');
  });

  it('reports a dataset that is not in the run instead of inventing a trace', async () => {
    const t = await traceRecord(train.run, { dataset: 'nope/0.out', position: 0 }, new RunFolderTraceSource(train.run.dir));
    assert.equal(t.steps.length, 0);
    assert.match(t.problems[0]!, /not an output of this run/);
  });

  it('stops at a lineage gap with the reason', async () => {
    const run = structuredClone(train.run);
    const merge = run.steps.find((s) => s.function === 'DataFrame.merge')!;
    merge.outputs[0]!.lineage = { ...merge.outputs[0]!.lineage!, kind: 'opaque', gap: 'join on an expression the recorder cannot map' };
    const src = run.steps.find((s) => s.kind === 'source')!.outputs[0]!;
    const t = await traceRecord(run, { dataset: src.name, position: 0 }, new RunFolderTraceSource(run.dir));
    assert.equal(t.steps.at(-1)!.fate, 'gap');
    assert.match(t.problems[0]!, /join on an expression/);
  });

  it('highlights only what each step changed, compared with that step\'s own inputs', async () => {
    const run = train.run;
    const dedup = run.steps.find((s) => s.kind === 'dedup')!;
    const out = dedup.outputs[0]!;
    // A customer whose total_charges is missing in the snapshot (fillna then fills it), found independently.
    const src = new RunFolderTraceSource(run.dir);
    const rows = await src.rows(out, 2000);
    const missing = rows.find((r) => r.values.total_charges === null);
    assert.ok(missing, 'the sampled snapshot holds a customer with no total_charges');
    const t = await traceRecord(run, { dataset: out.name, position: missing.position }, src);
    const changed = (pred: (f: string) => boolean) => t.steps.find((s) => pred(s.step.function))!.cells!.filter((c) => c.changed).map((c) => c.column);
    assert.deepEqual(changed((f) => f === 'DataFrame.__setitem__'), ['total_charges'], 'df["total_charges"] = … changes that one column, not every column');
    assert.deepEqual(changed((f) => f === 'concat'), [], 'concat(axis=1) only puts columns side by side');
    assert.deepEqual(changed((f) => f === 'train_test_split'), [], 'a split moves the record, it changes no value');
    assert.ok(changed((f) => f === 'StandardScaler.fit_transform').length > 5, 'scaling changes the numbers');
  });
});

describe('formatCell', () => {
  it('shows integers as is, floats to 6 significant digits, NaN and null as missing', () => {
    assert.equal(formatCell(42), '42');
    assert.equal(formatCell(1 / 3), '0.333333');
    assert.equal(formatCell(NaN), null);
    assert.equal(formatCell(null), null);
    assert.equal(formatCell(12n), '12');
  });
});

describe('traceRecord through a branch the record does not take', () => {
  it('calls a sample that did not draw the record "skipped" when the record lives on after it', async () => {
    const listing = await listRuns([EXAMPLE_RUNS]);
    const credit = listing.runs.find((r) => r.run.pipeline === 'notebooks/credit.ipynb')!.run;
    const sample = credit.steps.find((s) => s.kind === 'sample')!;
    const minority = credit.steps.find((s) => s.seq < sample.seq && s.outputs[0]?.name === sample.inputs[0]?.name)!;
    // Pick a minority row that the sample did not draw: its positions array lists the rows it drew.
    const drawn = new Set(npyPositions(parseNpy(readFileSync(path.join(credit.dir, sample.lineage!.arrays.positions!)), 'sample')));
    const filter = npyPositions(parseNpy(readFileSync(path.join(credit.dir, minority.lineage!.arrays.positions!)), 'filter'));
    const k = [...filter.keys()].find((i) => !drawn.has(i))!;
    const startDataset = minority.inputs[0]!.name;
    const t = await traceRecord(credit, { dataset: startDataset, position: filter[k]! }, new RunFolderTraceSource(credit.dir));
    const atSample = t.steps.find((s) => s.step.seq === sample.seq)!;
    assert.equal(atSample.fate, 'skipped', atSample.fateText);
    assert.match(atSample.fateText, /^not taken by sample \d+ rows/);
    assert.ok(t.steps.some((s) => s.step.kind === 'split' && s.outputs.some((o) => o.positions.length)), 'the record still reaches the split');
  });
});
