import { strict as assert } from 'node:assert';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { DatasetRef } from '../../../src/core/runlog/model';
import { SideFileError } from '../../../src/core/runlog/problem';
import { loadSnapshot, readSnapshotFile } from '../../../src/core/runlog/snapshot';
import { Scratch } from './helpers';

/** .npy v1 of int64 values, as numpy.save writes it. */
function npyI8(values: number[]): Buffer {
  const dict = `{'descr': '<i8', 'fortran_order': False, 'shape': (${values.length},), }`;
  const total = Math.ceil((10 + dict.length + 1) / 64) * 64;
  const header = dict.padEnd(total - 11, ' ') + '\n';
  const out = Buffer.alloc(total + 8 * values.length);
  Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]).copy(out);
  out.writeUInt16LE(header.length, 8);
  out.write(header, 10, 'latin1');
  values.forEach((v, i) => out.writeBigInt64LE(BigInt(v), total + 8 * i));
  return out;
}

describe('runlog/snapshot', () => {
  let scratch: Scratch;
  let run: string;
  beforeEach(() => {
    scratch = new Scratch();
    run = path.join(scratch.root, 'run');
    mkdirSync(path.join(run, 'snapshots'), { recursive: true });
  });
  afterEach(() => scratch.dispose());

  it('reads Arrow IPC snapshots in file and stream format', async () => {
    const t = tableFromArrays({ id: Int32Array.from([1, 2, 3]), score: Float64Array.from([0.5, 0.25, 1]) });
    writeFileSync(path.join(run, 'snapshots/a.arrow'), tableToIPC(t, 'file'));
    writeFileSync(path.join(run, 'snapshots/b.arrow'), tableToIPC(t, 'stream'));
    for (const f of ['a', 'b']) {
      const got = await readSnapshotFile(path.join(run, `snapshots/${f}.arrow`), 'arrow');
      assert.deepEqual([...got.getChild('score')!], [0.5, 0.25, 1]);
    }
    writeFileSync(path.join(run, 'snapshots/bad.arrow'), 'id,score\n1,2\n');
    await assert.rejects(readSnapshotFile(path.join(run, 'snapshots/bad.arrow'), 'arrow'), /bad\.arrow: not a readable Arrow IPC file/);
  });

  it('loads a sampled CSV snapshot with its positions and the schema facet types', async () => {
    writeFileSync(path.join(run, 'snapshots/3.out.csv'), '__index__,zip,amount\n7,02139,1.5\n9,10001,\n');
    writeFileSync(path.join(run, 'snapshots/3.out.positions.npy'), npyI8([0, 40]));
    const ds: DatasetRef = {
      namespace: 'skewer-mem',
      name: 'r/3.out',
      schema: [{ name: 'zip', type: 'object' }, { name: 'amount', type: 'float64' }],
      snapshot: { uri: 'snapshots/3.out.csv', format: 'csv', rows: 2, totalRows: 80, sampled: true, positions: 'snapshots/3.out.positions.npy', indexColumns: ['__index__'] },
    };
    const s = await loadSnapshot(run, ds);
    assert.deepEqual([...s.positions], [0, 40]);
    assert.equal(s.indexColumns, 1);
    assert.deepEqual([...s.table.getChild('zip')!], ['02139', '10001'], 'object dtype stays text');
    assert.deepEqual([...s.table.getChild('amount')!], [1.5, null]);
    assert.equal(String(s.table.getChild('__index__')!.type), 'Int64');
  });

  it('errors name the file: CSV syntax with line, positions that do not match, missing files', async () => {
    writeFileSync(path.join(run, 'snapshots/1.out.csv'), 'a,b\n1,2\n3\n');
    const ref = { uri: 'snapshots/1.out.csv', format: 'csv' as const, rows: 2, totalRows: 2, sampled: false };
    await assert.rejects(loadSnapshot(run, ref), (e: unknown) => e instanceof SideFileError && e.message === `${path.join(run, 'snapshots/1.out.csv')}:3: expected 2 fields, found 1`);
    writeFileSync(path.join(run, 'snapshots/2.out.csv'), 'a\n1\n2\n');
    writeFileSync(path.join(run, 'snapshots/2.pos.npy'), npyI8([5]));
    await assert.rejects(
      loadSnapshot(run, { ...ref, uri: 'snapshots/2.out.csv', positions: 'snapshots/2.pos.npy', sampled: true }),
      /2\.pos\.npy: has 1 positions but the snapshot snapshots\/2\.out\.csv has 2 rows/,
    );
    await assert.rejects(loadSnapshot(run, { ...ref, uri: 'snapshots/gone.csv' }), (e: unknown) => e instanceof SideFileError && e.code === 'missing-side-file' && e.file.endsWith('gone.csv'));
    await assert.rejects(loadSnapshot(run, { ...ref, uri: '/etc/passwd' }), (e: unknown) => e instanceof SideFileError && e.code === 'unsafe-path');
  });
});
