// The trace_keys test pipeline (test/pipelines/trace_keys) made and recorded for real inside a workspace folder, so
// the run's source files (data/ is git-ignored) exist at the paths the run log records: its make_data.py writes the
// data, the recorder (this checkout's recorder/) records train.py with Debian's Python, snapshots sampled (row cap
// 25, as the committed fixtures) so most patients are in no snapshot and only the key lookup finds them.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TRACE_KEYS = path.join(root, 'test', 'pipelines', 'trace_keys');

/** Makes `<workspace>/<sub>/` with train.py and its data, and records it into `<workspace>/.skewer/runs`. */
export function recordTraceKeys(workspace, sub = 'trace_keys', python = '/usr/bin/python3') {
  const folder = path.join(workspace, sub);
  fs.mkdirSync(folder, { recursive: true });
  for (const f of ['train.py', 'make_data.py']) fs.copyFileSync(path.join(TRACE_KEYS, f), path.join(folder, f));
  const env = { ...process.env, PYTHONHASHSEED: '0', PYTHONPATH: path.join(root, 'recorder') };
  const run = (cwd, args) => {
    const r = spawnSync(python, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
    if (r.status !== 0) throw new Error(`${python} ${args.join(' ')} in ${cwd}: exit ${r.status}\n${(r.stderr || r.error?.message || '').slice(-800)}`);
  };
  run(folder, ['make_data.py']);
  // From the workspace root, running in the pipeline's folder: the pipeline is named `<sub>/train.py`, as Record Run
  // names it, and its step lines point at that file in the workspace.
  run(workspace, ['-m', 'skewer', 'record', '--phase', 'train', '--row-cap', '25', '--cwd', sub, '--out', path.join(workspace, '.skewer', 'runs'), `${sub}/train.py`]);
  // make_data.py rewrote expected.json next to it: the facts the tests assert, from this very data.
  return JSON.parse(fs.readFileSync(path.join(folder, 'expected.json'), 'utf8'));
}
