/* eslint-disable @typescript-eslint/no-explicit-any -- raw JSON events read from disk are inspected field by field */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { GENERATED_FILE, generateValidatorSource } from '../../../src/core/runlog/generateFacetValidators';
import { formatProblem } from '../../../src/core/runlog/problem';
import { jsonPath, selectValidators, validateEvent, validateFacet } from '../../../src/core/runlog/validate';
import { exampleRunDirs, rawEvents } from './helpers';

const P = 'https://github.com/skewer-ml/skewer/tree/v0.1.0/recorder';
const S = (name: string) => `https://github.com/skewer-ml/skewer/blob/main/docs/schemas/${name}.schema.json`;

/** An operator COMPLETE event shaped like docs/run-log.md §10. */
function operatorEvent(): Record<string, any> {
  return {
    eventType: 'COMPLETE',
    eventTime: '2026-11-27T04:10:02.137Z',
    producer: P,
    schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent',
    run: {
      runId: '0193c2a4-9b1e-7c3a-9d10-3f5b2c1e0a02',
      facets: {
        parent: { _producer: P, _schemaURL: 'x', run: { runId: '0193c2a4-9a00-7000-8000-000000000001' }, job: { namespace: 'skewer', name: 'train.py' } },
        skewer_operator: { _producer: P, _schemaURL: S('SkewerOperatorRunFacet'), seq: 6, library: 'sklearn', function: 'StandardScaler.fit_transform', kind: 'fit_transform', phase: 'train', durationMs: 3.1 },
      },
    },
    job: {
      namespace: 'skewer',
      name: 'train.py/StandardScaler.fit_transform@train.py:31',
      facets: { skewer_codeLocation: { _producer: P, _schemaURL: S('SkewerCodeLocationJobFacet'), file: 'train.py', line: 31, col: 5, endLine: 31, endCol: 46, code: 'x' } },
    },
    inputs: [{ namespace: 'skewer-mem', name: 'r/5.out' }],
    outputs: [
      {
        namespace: 'skewer-mem',
        name: 'r/6.out',
        outputFacets: {
          skewer_rowLineage: { _producer: P, _schemaURL: S('SkewerRowLineageOutputDatasetFacet'), kind: 'select', inputs: ['r/5.out'], rowsIn: [10], rowsOut: 5, arrays: { positions: 'lineage/6.out.positions.npy' } },
        },
      },
    ],
  };
}

describe('runlog/validate', () => {
  it('the generated validators are current with docs/schemas (rerun generateFacetValidators.ts if this fails)', () => {
    assert.equal(readFileSync(GENERATED_FILE, 'utf8'), generateValidatorSource());
  });

  it('falls back to run-time compiled schemas when the generated code is stale, with the same verdicts', function () {
    this.timeout(30_000);
    const aot = selectValidators();
    const runtime = selectValidators('0'.repeat(64));
    assert.notEqual(runtime.skewer_operator, aot.skewer_operator, 'a stale hash must not use the generated code');
    const bad = operatorEvent().run.facets.skewer_operator;
    bad.seq = 1.5;
    for (const v of [aot, runtime]) {
      assert.equal(v.skewer_operator!(bad), false);
      assert.equal(v.skewer_operator!.errors![0]!.message, 'must be integer');
    }
    let compared = 0;
    const visit = (facets: unknown) => {
      if (!facets || typeof facets !== 'object') return;
      for (const [k, f] of Object.entries(facets)) {
        if (!aot[k]) continue;
        assert.equal(runtime[k]!(f), aot[k]!(f), k);
        compared++;
      }
    };
    for (const dir of exampleRunDirs()) {
      for (const { json: e } of rawEvents(dir)) {
        visit(e.run.facets);
        visit(e.job.facets);
        for (const d of [...(e.inputs ?? []), ...(e.outputs ?? [])]) [d.facets, d.inputFacets, d.outputFacets].forEach(visit);
      }
    }
    assert.ok(compared > 100, `compared ${compared} facets`);
  });

  it('accepts a valid operator event and returns its essentials', () => {
    const { event, problems } = validateEvent(operatorEvent(), '/r/events.ndjson', 7, { skewerSchemas: true });
    assert.deepEqual(problems, []);
    assert.equal(event!.eventType, 'COMPLETE');
    assert.equal(event!.runId, '0193c2a4-9b1e-7c3a-9d10-3f5b2c1e0a02');
    assert.equal(event!.time, Date.parse('2026-11-27T04:10:02.137Z'));
  });

  it('names file, line and JSON path of a bad facet field', () => {
    const e = operatorEvent();
    e.run.facets.skewer_operator.seq = 1.5;
    const { problems } = validateEvent(e, '/r/events.ndjson', 14, { skewerSchemas: true });
    assert.equal(problems.length, 1);
    assert.equal(formatProblem(problems[0]!, '/r'), 'events.ndjson:14: run.facets.skewer_operator.seq: must be integer');
  });

  it('reports missing required fields, bad enums and conditional requirements inside datasets', () => {
    const e = operatorEvent();
    delete e.job.facets.skewer_codeLocation.line;
    e.run.facets.skewer_operator.kind = 'explode';
    delete e.outputs[0].outputFacets.skewer_rowLineage.arrays.positions;
    const { problems } = validateEvent(e, '/r/events.ndjson', 3, { skewerSchemas: true });
    const texts = problems.map((p) => formatProblem(p, '/r'));
    assert.ok(texts.includes('events.ndjson:3: job.facets.skewer_codeLocation.line: is required but missing'), texts.join('\n'));
    assert.ok(texts.some((t) => t.startsWith('events.ndjson:3: run.facets.skewer_operator.kind: must be one of "source", "sink", "project"')), texts.join('\n'));
    assert.ok(texts.includes('events.ndjson:3: outputs[0].outputFacets.skewer_rowLineage.arrays.positions: is required but missing'), texts.join('\n'));
    assert.ok(problems.every((p) => p.severity === 'warning' && p.code === 'invalid-facet'));
  });

  it('ignores unknown facets, and skips skewer_ schemas when asked (newer format)', () => {
    const e = operatorEvent();
    e.run.facets.skewer_futureThing = { anything: true };
    e.run.facets.spark_version = { nope: 1 };
    assert.deepEqual(validateEvent(e, 'f', 1, { skewerSchemas: true }).problems, []);
    e.run.facets.skewer_operator.seq = 'six';
    assert.equal(validateEvent(e, 'f', 1, { skewerSchemas: true }).problems.length, 1);
    assert.deepEqual(validateEvent(e, 'f', 1, { skewerSchemas: false }).problems, []);
  });

  it('drops events without the RunEvent essentials and flags bad eventType/eventTime', () => {
    const noRun = operatorEvent();
    delete noRun.run.runId;
    let r = validateEvent(noRun, 'f', 2, { skewerSchemas: true });
    assert.equal(r.event, undefined);
    assert.equal(r.problems[0]!.jsonPath, 'run.runId');
    const noJob = operatorEvent();
    delete noJob.job.name;
    r = validateEvent(noJob, 'f', 2, { skewerSchemas: true });
    assert.equal(r.event, undefined);
    assert.equal(r.problems[0]!.jsonPath, 'job.name');
    assert.equal(validateEvent([1, 2], 'f', 2, { skewerSchemas: true }).event, undefined);
    // Static OpenLineage JobEvent / DatasetEvent lines are valid but describe no run: skipped quietly.
    const jobEvent = { eventTime: '2026-11-27T04:10:02.137Z', producer: P, schemaURL: 'https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent', job: { namespace: 'n', name: 'j' } };
    assert.deepEqual(validateEvent(jobEvent, 'f', 3, { skewerSchemas: true }), { problems: [] });
    const datasetEvent = { eventTime: '2026-11-27T04:10:02.137Z', producer: P, schemaURL: 'x', dataset: { namespace: 'n', name: 'd' } };
    assert.deepEqual(validateEvent(datasetEvent, 'f', 4, { skewerSchemas: true }), { problems: [] });
    const odd = operatorEvent();
    odd.eventType = 'DONE';
    odd.eventTime = 'yesterday';
    r = validateEvent(odd, 'f', 2, { skewerSchemas: true });
    assert.equal(r.event!.eventType, 'OTHER');
    assert.ok(Number.isNaN(r.event!.time));
    assert.deepEqual(r.problems.map((p) => p.jsonPath), ['eventType', 'eventTime']);
  });

  it('formats JSON paths for odd keys and array indexes', () => {
    assert.equal(jsonPath('outputs[0].facets.skewer_stats', '/columns/monthly charges/hist/counts/3'), 'outputs[0].facets.skewer_stats.columns["monthly charges"].hist.counts[3]');
    assert.equal(jsonPath('x', '/a~1b'), 'x["a/b"]');
    assert.deepEqual(validateFacet('skewer_stats', { _producer: P, _schemaURL: 'u', rowCount: 3, columns: { 'a b': { dtype: 'int64', nulls: -1 } } }, 'f', 1, 'd').map((p) => p.jsonPath), ['d.columns["a b"].nulls']);
  });
});
