/**
 * Plain OpenLineage logs from other producers (Spark application with child jobs, an Airflow
 * DAG run whose task fails, a single dbt-style job run) read as coarse steps.
 */
import { strict as assert } from 'node:assert';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { listRuns } from '../../../src/core/runlog/listRuns';
import { readRun } from '../../../src/core/runlog/readRun';
import { rowsText, statusText, stepSummary } from '../../../src/core/runlog/summary';

const FIXTURES = path.resolve(__dirname, '../../fixtures/runlog/openlineage');
const fixture = (name: string) => path.join(FIXTURES, name);

describe('runlog/openlineage (foreign producers)', () => {
  it('Spark: the application run is the pipeline, its child jobs are steps with datasets and row counts', async () => {
    const { run, problems } = await readRun(fixture('spark-app.ndjson'));
    assert.deepEqual(problems, []);
    assert.equal(run.isSkewer, false);
    assert.equal(run.formatVersion, undefined);
    assert.equal(run.runId, '0192f0c1-1b2a-7a10-8d3e-6f7a8b9c0d01');
    assert.equal(run.pipeline, 'orders_etl');
    assert.equal(run.status, 'complete');
    assert.equal(run.durationMs, 21_900);
    assert.match(run.producer, /integration\/spark$/);
    assert.equal(run.steps.length, 2);
    const [clean, bySegment] = run.steps;
    assert.equal(clean!.function, 'execute_insert_into_hadoop_fs_relation_command.warehouse_orders_clean');
    assert.equal(clean!.jobName, 'orders_etl.execute_insert_into_hadoop_fs_relation_command.warehouse_orders_clean');
    assert.equal(clean!.library, 'openlineage');
    assert.equal(clean!.seq, 0);
    assert.equal(clean!.status, 'complete');
    assert.equal(clean!.durationMs, 11_750);
    assert.equal(clean!.rowsOut, 98_210);
    assert.deepEqual(clean!.lines, [2, 3, 4]);
    assert.equal(clean!.outputs[0]!.stats!.columns.country!.nulls, 12);
    assert.equal(clean!.outputs[0]!.stats!.columns.amount!.max, 9800);
    // The second job reads the first job's output: linked by dataset name.
    assert.equal(bySegment!.inputs[0]!.producedBy, 0);
    assert.deepEqual(bySegment!.rowsIn, [98_210]);
    assert.equal(rowsText(bySegment!), 'rows 98,210 → 5');
    assert.deepEqual(bySegment!.columnsAdded, ['segment', 'total']);
    assert.deepEqual(bySegment!.columnsRemoved, ['order_id', 'customer_id', 'amount', 'country']);
  });

  it('Airflow: a failed task carries its error; the DAG run is failed', async () => {
    const { run, problems } = await readRun(fixture('airflow-dag.ndjson'));
    assert.deepEqual(problems, []);
    assert.equal(run.pipeline, 'daily_scoring');
    assert.equal(run.status, 'failed');
    assert.equal(run.steps.length, 2);
    const [build, score] = run.steps;
    assert.deepEqual(run.steps.map((s) => s.function), ['build_features', 'score'], 'DAG prefix dropped');
    assert.equal(build!.status, 'complete');
    assert.equal(build!.rowsOut, 1200);
    assert.equal(score!.status, 'failed');
    assert.match(score!.error!.message, /relation "features" does not exist/);
    assert.match(score!.error!.stackTrace!, /scoring\.py", line 41/);
    assert.equal(statusText(score!), 'failed: psycopg2.errors.UndefinedTable: relation "features" does not exist');
    assert.equal(score!.inputs[0]!.producedBy, 0);
  });

  it('a single job run without a parent becomes its own only step', async () => {
    const { run, problems } = await readRun(fixture('single-job.ndjson'));
    assert.deepEqual(problems, []);
    assert.equal(run.pipeline, 'sales.daily_revenue');
    assert.equal(run.status, 'complete');
    assert.equal(run.steps.length, 1);
    const step = run.steps[0]!;
    assert.equal(step.function, 'sales.daily_revenue');
    assert.deepEqual(step.rowsIn, [5000]);
    assert.equal(step.rowsOut, 365);
    assert.equal(stepSummary(step), 'sales.daily_revenue · rows 5,000 → 365 · 7.3 s');
  });

  it('child jobs whose parent run is not in the file are grouped under the reconstructed parent', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skewer-ol-'));
    try {
      const lines = readFileSync(fixture('spark-app.ndjson'), 'utf8').trimEnd().split('\n');
      // Drop the application's own START and COMPLETE (first and last lines).
      writeFileSync(path.join(dir, 'events.ndjson'), lines.slice(1, -1).join('\n') + '\n');
      const { run } = await readRun(dir);
      assert.equal(run.runId, '0192f0c1-1b2a-7a10-8d3e-6f7a8b9c0d01');
      assert.equal(run.pipeline, 'orders_etl');
      assert.equal(run.steps.length, 2);
      assert.equal(run.status, 'complete', 'all child jobs completed');
      assert.equal(run.startedAt, '2026-11-20T08:00:04.120Z');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a folder of OpenLineage .ndjson files lists each file as a run, grouped by job', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skewer-ol-'));
    try {
      for (const f of ['spark-app.ndjson', 'airflow-dag.ndjson', 'single-job.ndjson']) copyFileSync(fixture(f), path.join(dir, f));
      const listing = await listRuns([dir]);
      assert.deepEqual(listing.problems, []);
      // Newest first by start time: dbt (Nov 22), Airflow (Nov 21), Spark (Nov 20).
      assert.deepEqual(listing.runs.map((r) => r.run.pipeline), ['sales.daily_revenue', 'daily_scoring', 'orders_etl']);
      assert.deepEqual(listing.groups.map((g) => g.pipeline), ['sales.daily_revenue', 'daily_scoring', 'orders_etl']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runlog/openlineage (malformed structure)', () => {
  it('parent facets that form a cycle leave no pipeline: a problem, not a hang', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skewer-ol-'));
    try {
      const ev = (runId: string, parent: string) =>
        JSON.stringify({
          eventType: 'START', eventTime: '2026-11-20T08:00:00.000Z', producer: 'p', schemaURL: 's',
          run: { runId, facets: { parent: { _producer: 'p', _schemaURL: 's', run: { runId: parent }, job: { namespace: 'n', name: parent } } } },
          job: { namespace: 'n', name: runId },
        });
      writeFileSync(path.join(dir, 'events.ndjson'), [ev('a', 'b'), ev('b', 'a')].join('\n') + '\n');
      const { run, problems } = await readRun(dir);
      assert.equal(run.steps.length, 0);
      assert.deepEqual(problems.map((p) => p.code), ['inconsistent']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runlog/openlineage (parent.root stitching)', () => {
  it('a run whose parent is absent but whose root is present is stitched under the root', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skewer-ol-'));
    try {
      const lines = readFileSync(fixture('airflow-dag.ndjson'), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
      const dagRun = lines[0].run.runId;
      // The second task names an intermediate parent (a task group run) that never emitted events.
      for (const e of lines.slice(3, 5)) {
        e.run.facets.parent.run.runId = '0192f0d2-9999-7000-8000-00000000a0ff';
        e.run.facets.parent.root = { run: { runId: dagRun }, job: { namespace: 'airflow', name: 'daily_scoring' } };
      }
      writeFileSync(path.join(dir, 'events.ndjson'), lines.map((e) => JSON.stringify(e)).join('\n') + '\n');
      const { run, problems } = await readRun(dir);
      assert.deepEqual(problems, []);
      assert.equal(run.runId, dagRun);
      assert.deepEqual(run.steps.map((s) => s.function), ['build_features', 'score']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runlog/openlineage (scale)', function () {
  this.timeout(120_000);
  it('a large log (65k child jobs, 130k events) reads without exceeding argument or stack limits', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'skewer-ol-'));
    try {
      const app = '0192f0c1-1b2a-7a10-8d3e-000000000000';
      const parent = { _producer: 'p', _schemaURL: 's', run: { runId: app }, job: { namespace: 'spark', name: 'big_app' } };
      const lines: string[] = [JSON.stringify({ eventType: 'START', eventTime: '2026-11-20T08:00:00.000Z', producer: 'p', schemaURL: 's', run: { runId: app }, job: { namespace: 'spark', name: 'big_app' } })];
      const jobs = 65_000;
      for (let i = 0; i < jobs; i++) {
        const runId = `job-${i}`;
        const t = new Date(Date.UTC(2026, 10, 20, 8, 0, 1) + i * 10).toISOString();
        lines.push(JSON.stringify({ eventType: 'START', eventTime: t, producer: 'p', schemaURL: 's', run: { runId, facets: { parent } }, job: { namespace: 'spark', name: `big_app.job_${i}` } }));
        lines.push(JSON.stringify({ eventType: 'COMPLETE', eventTime: t, producer: 'p', schemaURL: 's', run: { runId, facets: { parent } }, job: { namespace: 'spark', name: `big_app.job_${i}` }, outputs: [{ namespace: 'file', name: `/out/${i}` }] }));
      }
      writeFileSync(path.join(dir, 'events.ndjson'), lines.join('\n') + '\n'); // no pipeline end: incomplete
      const { run, problems } = await readRun(dir, { now: Date.now() + 3600_000 });
      assert.deepEqual(problems, []);
      assert.equal(run.steps.length, jobs);
      assert.equal(run.status, 'incomplete');
      assert.equal(run.steps[jobs - 1]!.function, `job_${jobs - 1}`);
      assert.equal(run.durationMs, 1000 + (jobs - 1) * 10);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
