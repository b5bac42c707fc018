// The folders the extension-host suites open, one per suites/<name>/ directory. Each `create`
// fills a fresh temporary folder; `settings` are user settings for that code-server profile.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordTraceKeys } from '../tooling/traceKeysWorkspace.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A small pandas / scikit-learn pipeline that reads `data.csv` from its own folder (a relative path). */
const PIPELINE = `import pandas as pd
from sklearn.preprocessing import StandardScaler

df = pd.read_csv("data.csv")
clean = df.dropna()
scaled = StandardScaler().fit_transform(clean[["x", "y"]])
print("rows", len(clean))
`;
const DATA = 'x,y\n1,2\n2,\n3,4\n4,5\n5,6\n';

/** Interpreters that start but lack what the recorder needs: no site-packages; a pandas too old. */
function brokenInterpreters(dir) {
  fs.mkdirSync(path.join(dir, 'envs', 'fake-site', 'pandas-1.0.0.dist-info'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'envs', 'fake-site', 'pandas-1.0.0.dist-info', 'METADATA'), 'Metadata-Version: 2.1\nName: pandas\nVersion: 1.0.0\n');
  const wrappers = {
    'no-pandas': 'exec /usr/bin/python3 -S "$@"\n',
    'old-pandas': `PYTHONPATH="${path.join(dir, 'envs', 'fake-site')}" exec /usr/bin/python3 "$@"\n`,
  };
  for (const [name, body] of Object.entries(wrappers)) {
    const file = path.join(dir, 'envs', name);
    fs.writeFileSync(file, `#!/bin/sh\n${body}`);
    fs.chmodSync(file, 0o755);
  }
}

/** Scripts and a notebook to record for real: three pipeline.py in three folders, a crash, a slow run. */
function recordable(dir) {
  for (const sub of ['a', 'b', 'c']) {
    fs.mkdirSync(path.join(dir, sub));
    fs.writeFileSync(path.join(dir, sub, 'pipeline.py'), PIPELINE);
    fs.writeFileSync(path.join(dir, sub, 'data.csv'), DATA);
  }
  fs.writeFileSync(path.join(dir, 'data.csv'), DATA);
  fs.writeFileSync(path.join(dir, 'crash.py'), 'import pandas as pd\n\ndf = pd.read_csv("data.csv").dropna()\nprint(df["missing_column"].mean())\n');
  fs.writeFileSync(path.join(dir, 'slow.py'), 'import time\nimport pandas as pd\n\ndf = pd.read_csv("data.csv").dropna()\nprint("started", flush=True)\ntime.sleep(120)\nprint(len(df))\n');
  fs.mkdirSync(path.join(dir, 'notebooks'));
  fs.writeFileSync(path.join(dir, 'notebooks', 'local.csv'), DATA);
  const cell = (source) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source });
  fs.writeFileSync(
    path.join(dir, 'notebooks', 'nb.ipynb'),
    JSON.stringify({ nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' } }, cells: [cell('import pandas as pd\ndf = pd.read_csv("local.csv")'), cell('clean = df.dropna()\nlen(clean)')] }),
  );
  brokenInterpreters(dir);
  return dir;
}

export const WORKSPACES = {
  /** The bundled example workspace, with its committed recorded runs. */
  examples: {
    create(dir) {
      fs.cpSync(path.join(root, 'examples'), dir, { recursive: true, filter: (src) => !src.includes('__pycache__') });
      // Table files for the data viewer's suite: a pyarrow-written Parquet file, a CSV, a damaged file.
      fs.mkdirSync(path.join(dir, 'tables'));
      fs.copyFileSync(path.join(root, 'test', 'fixtures', 'tables', 'files', 'pyarrow-snappy.parquet'), path.join(dir, 'tables', 'scores.parquet'));
      fs.copyFileSync(path.join(root, 'test', 'fixtures', 'tables', 'files', 'pandas.csv'), path.join(dir, 'tables', 'scores.csv'));
      fs.writeFileSync(path.join(dir, 'tables', 'broken.parquet'), 'PAR1 this is not a Parquet file');
      return dir;
    },
  },
  /** Python files and a notebook with leakage, and no recorded runs. */
  leaky: {
    create(dir) {
      fs.cpSync(path.join(root, 'test', 'exthost', 'fixtures', 'leaky'), dir, { recursive: true });
      return dir;
    },
  },
  /** test/pipelines/run_leaks with its runs (current stack) in .skewer/runs: a leak in an imported helper, leaks both engines see. */
  runleaks: {
    create(dir) {
      for (const f of ['leaky.py', 'helpers.py', 'clean.py', 'grouped.py']) fs.copyFileSync(path.join(root, 'test', 'pipelines', 'run_leaks', f), path.join(dir, f));
      fs.cpSync(path.join(root, 'test', 'fixtures', 'runs', 'current', 'run_leaks'), path.join(dir, '.skewer', 'runs'), { recursive: true });
      return dir;
    },
  },
  /** test/pipelines/serving_mismatch with its runs (current stack): a serving script that goes through numpy with an unseen category, a reordered column, a unit change and a refit. */
  servingmismatch: {
    create(dir) {
      for (const f of ['train.py', 'serve.py', 'serve_ok.py']) fs.copyFileSync(path.join(root, 'test', 'pipelines', 'serving_mismatch', f), path.join(dir, f));
      fs.cpSync(path.join(root, 'test', 'fixtures', 'runs', 'current', 'serving_mismatch'), path.join(dir, '.skewer', 'runs'), { recursive: true });
      return dir;
    },
  },
  /** test/pipelines/trace_keys made and recorded in the folder (its source data at the recorded paths): Trace Record by key and backward. */
  tracekeys: {
    create(dir) {
      recordTraceKeys(dir);
      return dir;
    },
  },
  /** A project with code but no recorded runs. */
  empty: {
    create(dir) {
      fs.writeFileSync(path.join(dir, 'README.md'), '# a project with no recorded runs\n');
      return dir;
    },
  },
  /** Broken run-folder settings: a file where a folder is expected, a non-string entry, a missing absolute folder. */
  badsetting: {
    create(dir) {
      fs.writeFileSync(path.join(dir, 'not-a-folder.txt'), 'this is a file\n');
      fs.mkdirSync(path.join(dir, '.vscode'));
      fs.writeFileSync(path.join(dir, '.vscode', 'settings.json'), JSON.stringify({ 'skewer.runFolders': ['not-a-folder.txt', 42, '/nonexistent/skewer-runs'] }));
      return dir;
    },
  },
  /** Record Run without the Python extension: the interpreter comes from skewer.python.interpreter (Debian's Python). */
  record: {
    settings: { 'skewer.python.interpreter': '/usr/bin/python3' },
    create: recordable,
  },
  /** Record Run with a stand-in for the Python extension that selects Debian's Python; the setting names a missing one. */
  recordpy: {
    extensions: ['python-standin'],
    settings: { 'skewerTest.python.interpreter': '/usr/bin/python3', 'skewer.python.interpreter': '/nonexistent/python-from-setting' },
    create: recordable,
  },
  /** Workspace trust on and the folder not trusted (restricted mode). */
  untrusted: {
    settings: { 'security.workspace.trust.enabled': true, 'security.workspace.trust.startupPrompt': 'never', 'security.workspace.trust.banner': 'never' },
    create(dir) {
      fs.mkdirSync(path.join(dir, '.skewer', 'runs'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'train.py'), PIPELINE);
      fs.writeFileSync(path.join(dir, 'data.csv'), DATA);
      return dir;
    },
  },
};
