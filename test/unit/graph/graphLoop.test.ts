import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
// @ts-expect-error TS1479 -- typed as ESM under Node16 resolution; tsx loads its CommonJS build.
import dagre from '@dagrejs/dagre';
import { buildGraph } from '../../../src/core/graph';
import { layoutGraph, type Dagre } from '../../../src/core/graph/layout';
import { readRun } from '../../../src/core/runlog';
import type { Run } from '../../../src/core/runlog/model';

const FIXTURES = path.resolve(__dirname, '../../fixtures/runs');
// What test/pipelines/graph_loop/make_data.py plants: 36 months of 20 rows; per month 2 rows without an amount
// (dropna) and 2 with a negative one (the amount > 0 filter); a 4-row region lookup merged in every month.
const MONTHS = 36;
const ROWS = 20;
const SCRIPT = readFileSync(path.resolve(__dirname, '../../pipelines/graph_loop/monthly.py'), 'utf8').split('\n');
/** 1-based line of the script that contains `text`. */
const lineOf = (text: string) => SCRIPT.findIndex((l) => l.includes(text)) + 1;

async function loopRun(stack: string): Promise<Run> {
  const dir = path.join(FIXTURES, stack, 'graph_loop');
  const [id] = readdirSync(dir);
  const { run, problems } = await readRun(path.join(dir, id!));
  assert.deepEqual(problems, []);
  return run;
}

for (const stack of ['oldest', 'current']) {
  describe(`graph: the recorded loop pipeline (test/pipelines/graph_loop, ${stack} stack)`, () => {
    it('folds the loop body into one node per line with the calls, rows and drops of every iteration', async () => {
      const run = await loopRun(stack);
      assert.ok(run.steps.length >= 180, `${run.steps.length} steps recorded`);
      const g = buildGraph(run);
      const steps = g.nodes.filter((n) => n.kind === 'step');
      assert.ok(steps.length <= 16, `${steps.length} step nodes for ${run.steps.length} steps`);
      assert.match(g.notes.join(), new RegExp(`${5 * MONTHS} calls in 1 loop folded into 5 nodes`));
      const byLine = (line: number) => steps.find((n) => n.location?.line === line)!;
      const read = byLine(lineOf('pd.read_csv(f"data/month_'));
      assert.equal(read.repeat, MONTHS);
      assert.equal(read.rowsOut, MONTHS * ROWS);
      assert.match(read.label, /^read month_01\.csv …$/);
      const dropna = byLine(lineOf('dropna('));
      assert.deepEqual([dropna.repeat, dropna.rowsIn[0], dropna.rowsOut, dropna.dropped], [MONTHS, MONTHS * ROWS, MONTHS * (ROWS - 2), MONTHS * 2]);
      const filter = byLine(lineOf('df[df["amount"] > 0]'));
      assert.deepEqual([filter.rowsOut, filter.dropped], [MONTHS * (ROWS - 4), MONTHS * 2]);
      // The 36 month files are one dataset node; the lookup read once before the loop is its own.
      const files = g.nodes.filter((n) => n.kind === 'dataset');
      assert.deepEqual(files.map((f) => f.label).sort(), [`${MONTHS} files (month_01.csv … month_${MONTHS}.csv)`, 'regions.csv']);
      const lookupEdge = g.edges.find((e) => e.to === byLine(lineOf('.merge(')).id && e.from === steps.find((n) => n.label === 'read regions.csv')!.id)!;
      assert.equal(lookupEdge.rows, 4, 'the same lookup merged every month is not 36 × its rows');
      // After the loop: the concat of every month, the split and its sides, the fits.
      const concat = steps.find((n) => n.opKind === 'concat')!;
      assert.deepEqual([concat.rowsIn.length, concat.rowsOut], [MONTHS, MONTHS * (ROWS - 4)]);
      const intoConcat = g.edges.find((e) => e.to === concat.id)!;
      assert.deepEqual([intoConcat.count, intoConcat.rows], [MONTHS, MONTHS * (ROWS - 4)]);
      const split = steps.find((n) => n.opKind === 'split')!;
      assert.deepEqual(split.outputs.map((o) => [o.port, o.rows, o.side]), [['X_train', 432, 'train'], ['X_test', 144, 'test'], ['y_train', 432, 'train'], ['y_test', 144, 'test']]);
      assert.ok(g.edges.some((e) => e.kind === 'model' && steps.find((n) => n.id === e.from)?.label === 'fit StandardScaler'));
    });

    it('unfolded, every call is a node (the 200-step graph of the benchmark), and it lays out', async () => {
      const run = await loopRun(stack);
      const g = buildGraph(run, { collapseLoops: false });
      assert.equal(g.nodes.filter((n) => n.kind === 'step').length, run.steps.length);
      assert.equal(g.notes.length, 0);
      const l = layoutGraph(g, dagre as Dagre);
      assert.equal(Object.keys(l.nodes).length, g.nodes.length);
    });

    it('a run of thousands of steps (the loop replayed 15 times over) still folds to the same few nodes', async () => {
      const run = await loopRun(stack);
      const body = run.steps.slice(1, 1 + 5 * MONTHS);
      const steps = [run.steps[0]!];
      // Each replayed step is linked to the one before it in its iteration, as the recorder links them.
      for (let k = 0; k < 15; k++) {
        const base = steps.length - 1;
        for (const s of body) steps.push({ ...s, seq: steps.length, runId: `${s.runId}-${k}`, inputs: s.inputs.map((i) => ({ ...i, producedBy: i.producedBy === undefined || i.producedBy === 0 ? i.producedBy : i.producedBy + base })) });
      }
      const long: Run = { ...run, steps };
      assert.ok(steps.length > 2500);
      const g = buildGraph(long);
      assert.equal(g.nodes.filter((n) => n.kind === 'step').length, 6);
      assert.equal(g.nodes.find((n) => n.location?.line === lineOf('pd.read_csv(f"data/month_'))?.repeat, 15 * MONTHS);
    });
  });
}
