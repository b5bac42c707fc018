// The recorder's support matrix: one Python environment per row.
//   oldest   Debian's python3-pandas 1.5.3 / python3-sklearn 1.2.1 under /usr/bin/python3 (tools.mjs installs them)
//   current  pandas 3.1, numpy 2, scikit-learn 1.9, pyarrow, imbalanced-learn  (recorder/requirements/current.txt)
//   pandas2  pandas 2.3, numpy 2, scikit-learn 1.7, no pyarrow                  (recorder/requirements/pandas2.txt)
// A venv row lives in $SKEWER_TEST_CACHE/py-<row>-<hash>, the hash covering the pinned requirements file and the
// base interpreter's version, so editing the file rebuilds it; when present it costs one stat().
// By hand: node test/tooling/python.mjs [row ...]   (creates what is missing, prints each row's python)
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE } from './tools.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const PYTHON_ROWS = {
  oldest: { python: '/usr/bin/python3', what: "Debian's pandas 1.5.3 / scikit-learn 1.2.1" },
  current: { requirements: 'recorder/requirements/current.txt', what: 'pandas 3.1, numpy 2, scikit-learn 1.9, pyarrow, imbalanced-learn' },
  pandas2: { requirements: 'recorder/requirements/pandas2.txt', what: 'pandas 2.3, numpy 2, scikit-learn 1.7, no pyarrow' },
};

const log = (msg) => console.log(`[python] ${msg}`);

/** The interpreter venvs are made from: $SKEWER_VENV_PYTHON, else the first python3.11+ on PATH, else Debian's. */
function baseInterpreter() {
  const candidates = [process.env.SKEWER_VENV_PYTHON, 'python3', '/usr/bin/python3'].filter(Boolean);
  const tried = [];
  for (const exe of candidates) {
    const r = spawnSync(exe, ['-c', 'import sys, venv; print(sys.executable); print("%d.%d.%d" % sys.version_info[:3])'], { encoding: 'utf8' });
    if (r.status !== 0) {
      tried.push(`${exe}: ${(r.stderr || r.error?.message || 'not runnable').trim().split('\n').pop()}`);
      continue;
    }
    const [executable, version] = r.stdout.trim().split('\n');
    const [major, minor] = version.split('.').map(Number);
    if (major === 3 && minor >= 11) return { executable, version };
    tried.push(`${exe}: Python ${version} (pandas 3 needs 3.11 or newer)`);
  }
  throw new Error(`no Python 3.11+ with the venv module to build the test environments (tried ${tried.join('; ')}); set SKEWER_VENV_PYTHON`);
}

function run(cmd, args, what) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' } });
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').filter((l) => !/^WARNING: Location .* is ignored/.test(l));
    throw new Error(`${what} failed (${cmd} ${args.join(' ')} exited ${r.status ?? r.error?.message}):\n${out.slice(-25).join('\n')}`);
  }
  return r.stdout;
}

/** Path of the row's python, building its venv first when missing or stale. */
export function ensurePython(row) {
  const spec = PYTHON_ROWS[row];
  if (!spec) throw new Error(`unknown Python row "${row}" (known: ${Object.keys(PYTHON_ROWS).join(', ')})`);
  if (spec.python) return spec.python;
  const reqFile = path.join(root, spec.requirements);
  const reqText = fs.readFileSync(reqFile, 'utf8');
  const base = baseInterpreter();
  const hash = crypto.createHash('sha256').update(`${base.version}\n${reqText}`).digest('hex').slice(0, 12);
  const dir = path.join(CACHE, `py-${row}-${hash}`);
  const python = path.join(dir, 'bin', 'python');
  if (fs.existsSync(path.join(dir, '.complete'))) return python;

  fs.mkdirSync(CACHE, { recursive: true });
  for (const old of fs.readdirSync(CACHE)) {
    if (old.startsWith(`py-${row}-`) && old !== path.basename(dir)) fs.rmSync(path.join(CACHE, old), { recursive: true, force: true });
  }
  // Build beside the final folder and rename it into place, so an interrupted or concurrent build never leaves a
  // half-installed venv that looks complete. Only `bin/python -m ...` is used, which survives the rename.
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  const t0 = Date.now();
  log(`creating the ${row} environment (${spec.what}) in ${dir} from ${spec.requirements} with Python ${base.version}`);
  try {
    run(base.executable, ['-m', 'venv', tmp], `creating a venv for the ${row} row`);
    run(path.join(tmp, 'bin', 'python'), ['-m', 'pip', 'install', '-q', '-r', reqFile], `pip install -r ${spec.requirements} (${row} row)`);
    run(path.join(tmp, 'bin', 'python'), ['-m', 'pip', 'check'], `pip check of the ${row} row`);
    fs.writeFileSync(path.join(tmp, '.complete'), `${spec.requirements} ${hash}\n`);
    try {
      fs.renameSync(tmp, dir);
    } catch (err) {
      if (!fs.existsSync(path.join(dir, '.complete'))) throw err; // another process finished the same build first
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  log(`${row} environment ready in ${Math.round((Date.now() - t0) / 1000)}s`);
  return python;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const rows = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(PYTHON_ROWS);
  try {
    for (const row of rows) console.log(`${row}: ${ensurePython(row)}`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
