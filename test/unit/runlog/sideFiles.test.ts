import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { SideFileError } from '../../../src/core/runlog/problem';
import { resolveSideFile } from '../../../src/core/runlog/sideFiles';

describe('runlog/sideFiles', () => {
  const run = path.join(path.sep, 'ws', '.skewer', 'runs', 'r1');

  it('resolves relative paths inside the run folder', () => {
    assert.equal(resolveSideFile(run, 'snapshots/7.out.csv'), path.join(run, 'snapshots', '7.out.csv'));
    assert.equal(resolveSideFile(run, './lineage/../lineage/3.out.positions.npy'), path.join(run, 'lineage', '3.out.positions.npy'));
  });

  it('refuses absolute paths and paths that climb out of the run folder', () => {
    for (const bad of ['../r2/events.ndjson', 'snapshots/../../r2/x.csv', '/etc/passwd', '..\\..\\x.csv', 'C:\\Windows\\x', '\\\\server\\share\\x', '.', 'a/..', '']) {
      assert.throws(() => resolveSideFile(run, bad), (e: unknown) => e instanceof SideFileError && e.code === 'unsafe-path', bad);
    }
  });
});
