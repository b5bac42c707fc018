import { strict as assert } from 'node:assert';
import { runName, runStartLabel, shortRunId } from '../../../src/core/runlog';

// Start times built from local dates, so the expected labels hold in any time zone.
const at = (...a: [number, number, number, number, number, number]) => new Date(...a).toISOString();
const ID = '01a24691-0f2d-725c-bf34-8e7dff44b891';

describe('runlog/runName: runs named by script and start time in messages', () => {
  const now = new Date(2026, 11, 6, 15, 0, 0);

  it('today: the time with seconds, as the Runs view shows it', () => {
    assert.equal(runName({ pipeline: 'serve.py', runId: ID, startedAt: at(2026, 11, 6, 14, 3, 7) }, now), 'serve.py run of 14:03:07');
    assert.equal(runStartLabel(at(2026, 11, 6, 14, 3, 7), ID, now), '14:03:07');
  });

  it('another day: month and day; another year: the year too; messages keep the seconds, the Runs view does not', () => {
    assert.equal(runName({ pipeline: 'train.py', runId: ID, startedAt: at(2026, 10, 26, 9, 5, 1) }, now), 'train.py run of Nov 26 09:05:01');
    assert.equal(runStartLabel(at(2026, 10, 26, 9, 5, 1), ID, now), 'Nov 26 09:05');
    assert.equal(runName({ pipeline: 'train.py', runId: ID, startedAt: at(2025, 0, 2, 23, 59, 59) }, now), 'train.py run of Jan 2 2025 23:59:59');
  });

  it('no (or a broken) start time: the random end of the id, never the whole id', () => {
    assert.equal(shortRunId(ID), '…f44b891');
    assert.equal(runName({ pipeline: 'serve.py', runId: ID }, now), 'serve.py run …f44b891');
    assert.equal(runName({ pipeline: 'serve.py', runId: ID, startedAt: 'not a date' }, now), 'serve.py run …f44b891');
    assert.equal(shortRunId('my-run'), 'my-run', 'an id that is not a UUID is kept whole');
  });
});
