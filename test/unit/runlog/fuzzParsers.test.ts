/** The CSV and .npy parsers reject garbage with their own errors (naming the file), never with a crash. */
import { strict as assert } from 'node:assert';
import { CsvError, parseCsv } from '../../../src/core/runlog/csv';
import { parseNpy } from '../../../src/core/runlog/npy';
import { SideFileError } from '../../../src/core/runlog/problem';
import { rng } from './helpers';

const ALPHABET = Buffer.from('a,b,"\n\r1.5e-3-+0 TrueFalse""x,\n\n');
const N = Number(process.env.SKEWER_FUZZ_N ?? 2000);

describe('runlog/fuzz parsers', function () {
  this.timeout(120_000);

  it('CSV: random CSV-like bytes parse or fail with a CsvError', () => {
    let parsed = 0;
    for (let seed = 1; seed <= N; seed++) {
      const r = rng(seed);
      const bytes = Buffer.alloc(Math.floor(r() * 80));
      for (let i = 0; i < bytes.length; i++) bytes[i] = r() < 0.95 ? ALPHABET[Math.floor(r() * ALPHABET.length)]! : Math.floor(r() * 256);
      try {
        const t = parseCsv(bytes, { file: 'f.csv' });
        for (const f of t.schema.fields) assert.equal([...t.getChild(f.name)!].length, t.numRows); // every cell decodes
        parsed++;
      } catch (e) {
        assert.ok(e instanceof CsvError, `seed ${seed}: ${JSON.stringify(bytes.toString('latin1'))} threw ${(e as Error).stack}`);
        assert.match(e.message, /^f\.csv:\d+: /);
      }
    }
    assert.ok(parsed > N / 10, `only ${parsed} of ${N} inputs parsed: the generator is too hostile to test much`);
  });

  it('npy: damaged headers and data fail with a SideFileError', () => {
    const good = Buffer.concat([Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, 118, 0]), Buffer.from(`{'descr': '<i8', 'fortran_order': False, 'shape': (4,), }`.padEnd(117, ' ') + '\n'), Buffer.alloc(32)]);
    assert.equal(parseNpy(good, 'g.npy').length, 4);
    for (let seed = 1; seed <= N; seed++) {
      const r = rng(seed);
      const b = Buffer.from(good.subarray(0, Math.floor(r() * (good.length + 1))));
      for (let k = 0; k < 3; k++) if (b.length) b[Math.floor(r() * b.length)] = Math.floor(r() * 256);
      try {
        parseNpy(b, 'g.npy');
      } catch (e) {
        assert.ok(e instanceof SideFileError, `seed ${seed} threw ${(e as Error).stack}`);
      }
    }
  });
});
