// A Python with pyarrow for tests that write files with it: $SKEWER_PYARROW_PYTHON, the recorder's
// "current" test venv (test/tooling/python.mjs builds it in the test cache as py-current-<hash>), or
// the venv of docs/table-readers.md (tables-venv); undefined without one (the tests skip and say so).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const CACHE = process.env.SKEWER_TEST_CACHE ?? path.join(os.homedir(), '.cache', 'skewer-test');

export function pyarrowPython(): string | undefined {
  const current = fs.existsSync(CACHE)
    ? fs.readdirSync(CACHE).filter((d) => d.startsWith('py-current-') && fs.existsSync(path.join(CACHE, d, '.complete'))).map((d) => path.join(CACHE, d, 'bin', 'python'))
    : [];
  const candidates = process.env.SKEWER_PYARROW_PYTHON ? [process.env.SKEWER_PYARROW_PYTHON] : [...current, path.join(CACHE, 'tables-venv', 'bin', 'python')];
  return candidates.find((p) => fs.existsSync(p) && spawnSync(p, ['-c', 'import pyarrow'], { encoding: 'utf8' }).status === 0);
}
