/**
 * `skewer check` follows the project's own modules (issue 8 part 3): a notebook calling a leaky
 * helper of utils.py gets the finding on the calling line, with a related location in utils.py;
 * modules are read under the check root only.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
const TSX = require.resolve('tsx/cjs');

function skewer(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--require', TSX, MAIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const UTILS = `from sklearn.preprocessing import MinMaxScaler
from sklearn.model_selection import train_test_split


def load_and_split(frame, target):
    features = frame.drop(columns=[target])
    scaled = MinMaxScaler().fit_transform(features)
    return train_test_split(scaled, frame[target], test_size=0.3, random_state=1)
`;

const CELLS = [
  'import pandas as pd\nfrom sklearn.ensemble import RandomForestClassifier\nfrom utils import load_and_split',
  'sales = pd.read_csv("sales.csv")\nX_tr, X_te, y_tr, y_te = load_and_split(sales, "churned")',
  'forest = RandomForestClassifier().fit(X_tr, y_tr)\nprint(forest.score(X_te, y_te))',
];

function notebook(cells: string[]): string {
  return JSON.stringify({ cells: cells.map((s) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: s.split(/(?<=\n)/) })), metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

interface JsonFinding { ruleId: string; location: { file: string; line: number; cell?: number }; related: { location: { file: string; line: number } }[]; message: string }

describe('skewer check: the project\'s own modules', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-cli-mod-'));
    fs.mkdirSync(path.join(dir, 'analysis'));
    fs.writeFileSync(path.join(dir, 'analysis', 'churn.ipynb'), notebook(CELLS));
    fs.writeFileSync(path.join(dir, 'analysis', 'utils.py'), UTILS);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const inNotebook = (stdout: string): JsonFinding[] =>
    (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.filter((f) => f.location.file.endsWith('churn.ipynb') && f.ruleId === 'leakage/preprocessing');

  it('reports a leak inside an imported helper on the notebook line that calls it', () => {
    const r = skewer(dir, 'check', 'analysis/churn.ipynb', '--format', 'json');
    const f = inNotebook(r.stdout);
    assert.equal(f.length, 1, r.stdout + r.stderr);
    assert.deepEqual([f[0].location.file, f[0].location.cell, f[0].location.line], ['analysis/churn.ipynb', 1, 2]);
    assert.equal(f[0].related[0].location.file, 'analysis/utils.py');
    assert.equal(f[0].related[0].location.line, 7);
    assert.match(f[0].message, /inside `load_and_split\(\)`, in analysis\/utils\.py line 7/);
  });

  it('does the same for files outside the cwd (root: the folder given) and on worker threads', () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-cli-cwd-'));
    try {
      const r = skewer(outside, 'check', path.join(dir, 'analysis'), '--format', 'json', '--jobs', '2');
      const f = inNotebook(r.stdout);
      assert.equal(f.length, 1, r.stdout + r.stderr);
      assert.equal(f[0].related[0].location.file, path.join(dir, 'analysis', 'utils.py').replace(/\\/g, '/'));
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('does not read modules above the check root', () => {
    // Checked from inside analysis/ with the helper moved one folder up: not under the root.
    fs.renameSync(path.join(dir, 'analysis', 'utils.py'), path.join(dir, 'utils.py'));
    try {
      const r = skewer(path.join(dir, 'analysis'), 'check', 'churn.ipynb', '--format', 'json');
      assert.deepEqual(inNotebook(r.stdout), [], r.stdout);
    } finally {
      fs.renameSync(path.join(dir, 'utils.py'), path.join(dir, 'analysis', 'utils.py'));
    }
  });
});
