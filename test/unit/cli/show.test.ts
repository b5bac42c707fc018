// `skewer show`: text and JSON output, --head / --columns / --max-mb, and exit 2 with one line
// on stderr for files it cannot read (bad files derived here from the committed fixtures).
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runShow } from '../../../src/cli/show';
import { int32Stream } from '../tables/ipcBuilder';

const FIXTURES = path.resolve(__dirname, '../../fixtures/tables');
const FILES = path.join(FIXTURES, 'files');
const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
const TSX = require.resolve('tsx/cjs');

async function show(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runShow(args, { stdout: (t) => { stdout += t; }, stderr: (t) => { stderr += t; }, cwd: FILES, version: 'test' });
  return { code, stdout, stderr };
}

function expected(file: string) {
  return JSON.parse(fs.readFileSync(path.join(FIXTURES, 'expected', `${file}.json`), 'utf8'));
}

describe('cli: skewer show', () => {
  let tmp: string;
  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-show-'));
    const pq = fs.readFileSync(path.join(FILES, 'pyarrow-snappy.parquet'));
    fs.writeFileSync(path.join(tmp, 'truncated.parquet'), pq.subarray(0, pq.length - 64));
    const enc = Buffer.from(pq);
    enc.write('PARE', 0, 'latin1');
    enc.write('PARE', enc.length - 4, 'latin1');
    fs.writeFileSync(path.join(tmp, 'encrypted.parquet'), enc);
    fs.writeFileSync(path.join(tmp, 'text.parquet'), 'id,name\n1,a\n');
    fs.writeFileSync(path.join(tmp, 'big-endian.arrows'), int32Stream([1, 2, 3], 'big'));
    const arrow = fs.readFileSync(path.join(FILES, 'ipc-lz4.arrow'));
    fs.writeFileSync(path.join(tmp, 'truncated.arrow'), arrow.subarray(0, arrow.length - 30));
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  it('JSON: schema with Arrow types, row count and the first N rows, for every format', async () => {
    for (const file of ['pyarrow-zstd.parquet', 'duckdb-zstd.parquet', 'ipc-zstd.arrow', 'ipc-plain.arrows', 'feather-v2.feather', 'pandas.csv']) {
      const r = await show(file, '--format', 'json', '--head', '4');
      assert.equal(r.code, 0, r.stderr);
      const exp = expected(file);
      assert.deepEqual(JSON.parse(r.stdout), { schema: exp.schema, rowCount: 120, rows: exp.rows.slice(0, 4) }, file);
    }
  });

  it('text: a header line, one line per column with its type, then a table of the first rows', async () => {
    const r = await show('pyarrow-snappy.parquet', '--head', '3');
    assert.equal(r.code, 0);
    const lines = r.stdout.split('\n');
    assert.equal(lines[0], 'pyarrow-snappy.parquet: parquet, 120 rows × 10 columns');
    assert.ok(lines.includes('ts      timestamp[us, tz=Europe/Paris]'), r.stdout);
    assert.ok(lines.includes('amount  decimal128(10, 2)'));
    const header = lines.findIndex((l) => /^id +score +name/.test(l));
    assert.ok(header > 0);
    assert.match(lines[header + 2], /^1000003 +-352\.3344703336753 +name-1-é +Paris +true +2024-03-31T00:47:00\.000123Z +null +1969-12-28 +-49 +\["t0"\]$/);
    assert.equal(lines[header + 4], '… 117 more rows');
  });

  it('--head defaults to 10, --head 0 prints no rows, --columns selects', async () => {
    assert.equal(JSON.parse((await show('ipc-lz4.arrows', '--format', 'json')).stdout).rows.length, 10);
    const none = JSON.parse((await show('ipc-lz4.arrows', '--format', 'json', '--head', '0')).stdout);
    assert.deepEqual([none.rows, none.rowCount, none.schema.length], [[], 120, 10]);
    const two = JSON.parse((await show('pyarrow-gzip.parquet', '--format=json', '--head=1', '--columns', 'amount,id')).stdout);
    assert.deepEqual(two.rows, [{ id: 0, amount: '-829895.57' }]);
  });

  const BAD: [file: string, reason: RegExp, extra?: string[]][] = [
    ['truncated.parquet', /truncated/],
    ['truncated.arrow', /truncated/],
    ['text.parquet', /not a Parquet file \(starts with "id,n", expected "PAR1"\)/],
    ['encrypted.parquet', /encrypted Parquet \(PARE footer\)/],
    ['big-endian.arrows', /big-endian Arrow IPC/],
    ['no-such-file.parquet', /no such file/],
    [path.join(FILES, 'bomb-string.parquet'), /decoded size of at least 48 MB exceeds the memory bound of 16 MB/, ['--max-mb', '16']],
    [path.join(FILES, 'bomb-zstd.arrow'), /decoded size 128 MB exceeds the memory bound of 16 MB/, ['--max-mb', '16']],
  ];
  for (const [file, reason, extra] of BAD) {
    it(`exit 2 with one line naming the file: ${path.basename(file)}`, async () => {
      const r = await show(path.isAbsolute(file) ? file : path.join(tmp, file), ...(extra ?? []));
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, reason);
      assert.ok(r.stderr.startsWith(`skewer show: ${path.isAbsolute(file) ? file : path.join(tmp, file)}: `), r.stderr);
      assert.equal(r.stderr.trimEnd().split('\n').length, 1, r.stderr);
    });
  }

  it('bad usage exits 2 with the usage text', async () => {
    for (const args of [[], ['a.csv', 'b.csv'], ['a.csv', '--head', 'x'], ['a.csv', '--format', 'yaml']]) {
      const r = await show(...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /usage: skewer show FILE/);
    }
  });

  it('as a process: exit codes 0 and 2, and `skewer --help` lists show', () => {
    const run = (...args: string[]) => spawnSync(process.execPath, ['--require', TSX, MAIN, ...args], { cwd: FILES, encoding: 'utf8', timeout: 60_000 });
    const ok = run('show', 'pyarrow-snappy.parquet', '--format', 'json', '--head', '2');
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(JSON.parse(ok.stdout).rows.length, 2);
    const bad = run('show', path.join(tmp, 'encrypted.parquet'));
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /^skewer show: .*encrypted\.parquet: encrypted Parquet/);
    assert.match(run('--help').stdout, /^ {2}show +print the schema, row count and first rows/m);
  });
});
