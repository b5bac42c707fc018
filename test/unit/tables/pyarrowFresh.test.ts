// Freshly written files: pyarrow writes the sample from a new random seed (IPC plain/LZ4/ZSTD, Feather,
// Parquet in six codecs and random row-group sizes) and `skewer show --format json` must print exactly
// the values pyarrow reads back. Needs a Python with pyarrow: $SKEWER_PYARROW_PYTHON, the recorder's
// "current" test venv (test/tooling/python.mjs builds it in the test cache as py-current-<hash>), or the
// venv of docs/table-readers.md (tables-venv); skipped, and says so, without one.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runShow } from '../../../src/cli/show';
import { pyarrowPython } from './pyarrowPython';

const GENERATOR = path.resolve(__dirname, '../../fixtures/tables/generate.py');
describe('tables: files pyarrow writes now, read by skewer show', function () {
  const python = pyarrowPython();
  const seed = Number(process.env.SKEWER_TABLES_SEED ?? Math.floor(Math.random() * 1e6));
  let dir: string;

  before(function () {
    if (!python) {
      console.log('      (no Python with pyarrow: set SKEWER_PYARROW_PYTHON, or create the venv of docs/table-readers.md)');
      this.skip();
    }
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-fresh-'));
    const r = spawnSync(python!, [GENERATOR, '--fresh', dir, '--seed', String(seed)], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
  });
  after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  it(`every file matches pyarrow's values (seed ${seed}; rerun with SKEWER_TABLES_SEED=${seed}; ${python ?? 'no python'})`, async () => {
    const files = fs.readdirSync(path.join(dir, 'files'));
    assert.ok(files.length >= 10);
    for (const file of files) {
      let out = '';
      let err = '';
      const code = await runShow([path.join(dir, 'files', file), '--format', 'json', '--head', '1000'], { stdout: (t) => { out += t; }, stderr: (t) => { err += t; }, cwd: dir, version: 'test' });
      assert.equal(code, 0, `${file}: ${err}`);
      const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected', `${file}.json`), 'utf8'));
      assert.deepEqual(JSON.parse(out), expected, file);
    }
  });
});
