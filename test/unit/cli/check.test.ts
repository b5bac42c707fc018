import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { notebookWithPlot } from '../static/largeNotebook';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.ts');
const TSX = require.resolve('tsx/cjs');

function skewer(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['--require', TSX, MAIN, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const LEAKY = `import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
from imblearn.over_sampling import SMOTE
df = pd.read_csv("d.csv")
X = StandardScaler().fit_transform(df.drop(columns=["y"]))
X, y = SMOTE().fit_resample(X, df["y"])
X_train, X_test, y_train, y_test = train_test_split(X, y)
from sklearn.linear_model import LogisticRegression
print(LogisticRegression().fit(X_train, y_train).score(X_test, y_test))
`;
const WARN_ONLY = `import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
df = pd.read_csv("d.csv")
X = StandardScaler().fit_transform(df.drop(columns=["y"]))
X_train, X_test, y_train, y_test = train_test_split(X, df["y"])
`;
const FIXABLE = `import pandas as pd
from sklearn.model_selection import train_test_split
from sklearn.preprocessing import StandardScaler
df = pd.read_csv("d.csv")
X = df.drop(columns=["y"])
sc = StandardScaler()
X = sc.fit_transform(X)
X_train, X_test, y_train, y_test = train_test_split(X, df["y"])
`;
const CLEAN = `import pandas as pd\nprint(pd.read_csv("a.csv").head())\n`;

function workspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-cli-'));
  for (const [name, content] of Object.entries(files)) {
    const p = path.join(dir, name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, content);
  }
  return dir;
}

function notebook(cells: string[]): string {
  return JSON.stringify({ cells: cells.map((s) => ({ cell_type: 'code', metadata: {}, execution_count: null, outputs: [], source: s.split(/(?<=\n)/) })), metadata: { language_info: { name: 'python' } }, nbformat: 4, nbformat_minor: 5 }, null, 1);
}

describe('skewer CLI', function () {
  this.timeout(120_000);
  let dir: string;
  before(() => {
    dir = workspace({
      'pipelines/train.py': LEAKY,
      'pipelines/warn.py': WARN_ONLY,
      'pipelines/clean.py': CLEAN,
      'pipelines/fixable.py': FIXABLE,
      'notebooks/exp.ipynb': notebook(['import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\ndf = pd.read_csv("d.csv")', 'X = StandardScaler().fit_transform(df[["a"]])', 'X_train, X_test = train_test_split(X)']),
      'node_modules/pkg/leak.py': LEAKY,
      '.venv/lib/leak.py': LEAKY,
      'env2/pyvenv.cfg': 'home = /usr/bin',
      'env2/lib/leak.py': LEAKY,
      'pkg/__pycache__/leak.py': LEAKY,
      'broken/blob.py': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01]),
      'broken/bad.ipynb': '{"cells": [',
      'README.md': '# not python',
    });
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints text findings with file:line:col, severity, rule and a summary; exits 1 on errors', () => {
    const r = skewer(dir, 'check');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^pipelines\/train\.py:6:5 warning leakage\/preprocessing /m);
    assert.match(r.stdout, /^pipelines\/train\.py:7:8 error leakage\/overlap /m);
    assert.match(r.stdout, /^notebooks\/exp\.ipynb\[Cell 2\]:1:5 warning leakage\/preprocessing /m);
    assert.match(r.stdout, /findings?: 1 error, \d+ warnings \(\d+ files checked\)\./);
    assert.doesNotMatch(r.stdout, /node_modules|\.venv|env2|__pycache__/);
    assert.match(r.stdout, /note: broken\/blob\.py: contains NUL bytes/);
    assert.match(r.stdout, /note: broken\/bad\.ipynb: not valid notebook JSON/);
  });

  it('exit codes follow --fail-on', () => {
    assert.equal(skewer(dir, 'check', 'pipelines/warn.py').code, 0);
    assert.equal(skewer(dir, 'check', 'pipelines/warn.py', '--fail-on', 'warning').code, 1);
    assert.equal(skewer(dir, 'check', 'pipelines/clean.py', '--fail-on=info').code, 0);
    assert.match(skewer(dir, 'check', 'pipelines/clean.py').stdout, /No findings \(1 file checked\)/);
  });

  it('exits 2 with usage on bad flags, bad values and missing paths', () => {
    for (const args of [['check', '--bogus'], ['check', '--format', 'xml'], ['check', 'does/not/exist.py'], ['frobnicate'], ['check', '--format']]) {
      const r = skewer(dir, ...args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /usage: skewer/);
    }
  });

  it('--help and --version', () => {
    const h = skewer(dir, '--help');
    assert.equal(h.code, 0);
    assert.match(h.stdout, /usage: skewer <command>/);
    assert.match(h.stdout, /check/);
    assert.equal(skewer(dir, 'check', '--help').code, 0);
    const v = skewer(dir, '--version');
    assert.equal(v.code, 0);
    assert.match(v.stdout, /^skewer \d+\.\d+\.\d+/);
  });

  it('JSON output carries Finding fields and notes, with paths relative to the cwd', () => {
    const r = skewer(dir, 'check', path.join(dir, 'pipelines'), '--format', 'json');
    assert.equal(r.code, 1);
    const out = JSON.parse(r.stdout) as { findings: Record<string, unknown>[]; notes: unknown[] };
    assert.ok(Array.isArray(out.notes));
    const f = out.findings.find((x) => x.ruleId === 'leakage/preprocessing' && (x.location as { file: string }).file === 'pipelines/train.py');
    assert.ok(f, JSON.stringify(out.findings.map((x) => x.location)));
    for (const k of ['ruleId', 'severity', 'message', 'location', 'related', 'evidence', 'fixes', 'source']) assert.ok(k in f, k);
    assert.equal(f.source, 'static');
  });

  it('--notebook-order execution changes what runs first', () => {
    const nb = notebook(['import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\ndf = pd.read_csv("d.csv")', 'X_train, X_test = train_test_split(df)', 'df = StandardScaler().fit_transform(df)']);
    const withCounts = JSON.parse(nb);
    withCounts.cells[0].execution_count = 1; withCounts.cells[1].execution_count = 3; withCounts.cells[2].execution_count = 2;
    const d = workspace({ 'nb.ipynb': JSON.stringify(withCounts) });
    try {
      assert.equal(skewer(d, 'check', '--format', 'json').stdout.includes('leakage/preprocessing'), false);
      assert.equal(skewer(d, 'check', '--format', 'json', '--notebook-order', 'execution').stdout.includes('leakage/preprocessing'), true);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('SARIF 2.1.0 has the properties GitHub code scanning requires', () => {
    const r = skewer(dir, 'check', '--format', 'sarif');
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema, /sarif-2\.1\.0/);
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'skewer');
    const ids = driver.rules.map((x: { id: string }) => x.id);
    for (const id of ['leakage/preprocessing', 'leakage/overlap', 'leakage/multi-test', 'leakage/target', 'leakage/temporal', 'mismatch/refit-at-inference', 'mismatch/column-order']) assert.ok(ids.includes(id), id);
    for (const rule of driver.rules) {
      assert.equal(typeof rule.shortDescription.text, 'string');
      assert.match(rule.helpUri, /^https:\/\//);
      assert.ok(['error', 'warning', 'note', 'none'].includes(rule.defaultConfiguration.level));
    }
    assert.ok(run.results.length >= 3);
    for (const res of run.results) {
      assert.ok(ids.includes(res.ruleId));
      assert.equal(driver.rules[res.ruleIndex].id, res.ruleId);
      assert.ok(['error', 'warning', 'note', 'none'].includes(res.level));
      assert.equal(typeof res.message.text, 'string');
      const loc = res.locations[0].physicalLocation;
      assert.ok(!loc.artifactLocation.uri.startsWith('/') && !/^[a-z]+:/.test(loc.artifactLocation.uri), loc.artifactLocation.uri);
      assert.ok(loc.region.startLine >= 1 && (loc.region.startColumn === undefined || loc.region.startColumn >= 1));
      for (const rl of res.relatedLocations ?? []) assert.ok(rl.physicalLocation.region.startLine >= 1 && typeof rl.message.text === 'string');
      for (const fx of res.fixes ?? []) {
        assert.equal(typeof fx.description.text, 'string');
        for (const ch of fx.artifactChanges) assert.ok(ch.artifactLocation.uri && ch.replacements.every((rp: { deletedRegion: { startLine: number } }) => rp.deletedRegion.startLine >= 1));
      }
    }
    const nbResult = run.results.find((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0].physicalLocation.artifactLocation.uri === 'notebooks/exp.ipynb');
    assert.ok(nbResult);
    assert.match(nbResult.message.text, /notebook Cell 2/);
    // The region is the .ipynb line that holds the flagged source line.
    const nbLines = fs.readFileSync(path.join(dir, 'notebooks/exp.ipynb'), 'utf8').split('\n');
    assert.match(nbLines[nbResult.locations[0].physicalLocation.region.startLine - 1], /StandardScaler\(\)\.fit_transform/);
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /^file:\/\/.*\/$/);
    const fixed = run.results.find((x: { fixes?: unknown[] }) => x.fixes && x.fixes.length);
    assert.ok(fixed, 'the simple scaler-before-split case carries a fix');
  });

  it('checks a notebook whose saved plot makes it 3.2 MB; SARIF points at its line in the file', () => {
    const text = notebookWithPlot();
    const d = workspace({ 'nb/churn.ipynb': text });
    try {
      const r = skewer(d, 'check', '--format', 'json');
      const out = JSON.parse(r.stdout) as { findings: { ruleId: string; location: { file: string; cell: number; line: number } }[]; notes: unknown[] };
      assert.deepEqual(out.notes, []);
      assert.deepEqual(out.findings.map((f) => [f.location.file, f.location.cell, f.location.line, f.ruleId]), [['nb/churn.ipynb', 3, 3, 'leakage/preprocessing']]);
      const sarif = JSON.parse(skewer(d, 'check', '--format', 'sarif').stdout);
      const line = sarif.runs[0].results[0].locations[0].physicalLocation.region.startLine as number;
      assert.match(text.split('\n')[line - 1], /StandardScaler\(\)\.fit_transform\(X\)/);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  it('a folder checked on worker threads gives exactly the output of one thread, in every format', () => {
    // The workspace above (findings, a binary file, broken JSON) plus 80 labelled eval cases.
    const cases = path.resolve(__dirname, '../../static-eval/cases');
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-cli-pool-'));
    fs.cpSync(dir, path.join(d, 'ws'), { recursive: true });
    fs.mkdirSync(path.join(d, 'cases'));
    for (const f of fs.readdirSync(cases).filter((x) => /\.(py|ipynb)$/.test(x)).sort().slice(0, 80)) fs.copyFileSync(path.join(cases, f), path.join(d, 'cases', f));
    try {
      for (const format of ['text', 'json', 'sarif']) {
        const one = skewer(d, 'check', '--format', format, '--jobs', '1');
        assert.ok(one.stdout.length > 1000, one.stderr);
        for (const jobs of format === 'json' ? ['2', '3'] : ['2']) {
          const pooled = skewer(d, 'check', '--format', format, '--jobs', jobs);
          assert.equal(pooled.stderr, '', `--jobs ${jobs}`);
          assert.equal(pooled.code, one.code, `${format} --jobs ${jobs}`);
          assert.equal(pooled.stdout, one.stdout, `${format} --jobs ${jobs}`);
        }
      }
      for (const bad of ['0', 'many', '-1']) assert.equal(skewer(d, 'check', '--jobs', bad).code, 2, bad);
    } finally {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });
});
