/**
 * The project's own modules and `%run` files followed from the analysed file (issue 8 part 3):
 * leaks inside them are reported on the document's line that called into them, with a related
 * location in the other file; modules that cannot be found, read or parsed change nothing.
 */
import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/static/index';
import { ModuleLoader, normPath } from '../../../src/core/static/modules';
import type { AnalysisResult } from '../../../src/core/static/types';
import { lineOf, py } from './helpers';

/** An in-memory project: path → text. */
function project(files: Record<string, string>): (p: string) => string | undefined {
  return (p) => files[p];
}

function run(path: string, files: Record<string, string>, root = 'proj'): AnalysisResult {
  return analyzeDocument({ path, text: files[path] }, { readModule: project(files), moduleRoot: root });
}

const LEAKY_HELPER = py`
  from sklearn.preprocessing import StandardScaler
  from sklearn.model_selection import train_test_split

  def prep(frame):
      X = frame.drop(columns=["label"])
      y = frame["label"]
      scaler = StandardScaler()
      X = scaler.fit_transform(X)
      return train_test_split(X, y, test_size=0.2, random_state=0)
`;

const CLEAN_HELPER = py`
  from sklearn.preprocessing import StandardScaler
  from sklearn.model_selection import train_test_split

  def prep(frame):
      X = frame.drop(columns=["label"])
      y = frame["label"]
      X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=0)
      scaler = StandardScaler().fit(X_train)
      return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test
`;

const mainWith = (importLine: string, call = 'prep'): string => py`
  import pandas as pd
  from sklearn.linear_model import LogisticRegression
  IMPORT_LINES

  data = pd.read_csv("records.csv")
  X_train, X_test, y_train, y_test = ${call}(data)
  clf = LogisticRegression().fit(X_train, y_train)
  print(clf.score(X_test, y_test))
`.replace('IMPORT_LINES', importLine);

const prepFindings = (r: AnalysisResult) => r.findings.filter((f) => f.ruleId === 'leakage/preprocessing');

describe('static: the project\'s own modules', () => {
  it('fires on the call line for a scaler fitted on all rows inside an imported helper, pointing into the module', () => {
    const main = mainWith('from utils import prep');
    const r = run('proj/train.py', { 'proj/train.py': main, 'proj/utils.py': LEAKY_HELPER });
    const f = prepFindings(r);
    assert.equal(f.length, 1);
    assert.equal(f[0].location.file, 'proj/train.py');
    assert.equal(f[0].location.line, lineOf(main, '= prep(data)'));
    assert.match(f[0].message, /inside `prep\(\)`, in utils\.py line 8/);
    assert.deepEqual(f[0].related.map((x) => [x.location.file, x.location.line]).slice(0, 1), [['proj/utils.py', lineOf(LEAKY_HELPER, 'fit_transform')]]);
    assert.deepEqual(r.dependencies, ['proj/utils.py']);
    assert.deepEqual(f[0].fixes, []);
  });

  it('is silent for a helper that splits first and fits on the training rows', () => {
    const r = run('proj/train.py', { 'proj/train.py': mainWith('from utils import prep'), 'proj/utils.py': CLEAN_HELPER });
    assert.deepEqual(r.findings.map((f) => f.ruleId), []);
  });

  it('follows `import pkg.mod as m` into a package with __init__.py, and module-qualified calls', () => {
    const main = mainWith('import pkg.steps as m', 'm.prep');
    const r = run('proj/train.py', { 'proj/train.py': main, 'proj/pkg/__init__.py': '', 'proj/pkg/steps.py': LEAKY_HELPER });
    const f = prepFindings(r);
    assert.equal(f.length, 1);
    assert.equal(f[0].location.line, lineOf(main, 'm.prep(data)'));
    assert.equal(f[0].related[0].location.file, 'proj/pkg/steps.py');
    assert.match(f[0].message, /pkg\/steps\.py line 8/);
  });

  it('follows `import pkg.mod` bound to the package name, and a module found in a parent folder', () => {
    const main = mainWith('import src.pipeline.steps', 'src.pipeline.steps.prep');
    const files = { 'proj/notebooks/train.py': main, 'proj/src/pipeline/steps.py': LEAKY_HELPER };
    const r = run('proj/notebooks/train.py', files);
    assert.equal(prepFindings(r).length, 1);
    assert.equal(prepFindings(r)[0].location.file, 'proj/notebooks/train.py');
  });

  it('follows a relative import (`from .data import prep`) and `from pkg import module`', () => {
    const rel = mainWith('from .data import prep');
    assert.equal(prepFindings(run('proj/app/train.py', { 'proj/app/train.py': rel, 'proj/app/data.py': LEAKY_HELPER })).length, 1);
    const sub = mainWith('from lib import data as dm', 'dm.prep');
    assert.equal(prepFindings(run('proj/train.py', { 'proj/train.py': sub, 'proj/lib/__init__.py': '', 'proj/lib/data.py': LEAKY_HELPER })).length, 1);
  });

  it('follows a module that imports another module of the project (a fit two files away)', () => {
    const inner = py`
      from sklearn.preprocessing import MinMaxScaler
      def scale(X):
          return MinMaxScaler().fit_transform(X)
    `;
    const outer = py`
      from sklearn.model_selection import train_test_split
      from scaling import scale
      def prep(frame):
          X = scale(frame.drop(columns=["label"]))
          return train_test_split(X, frame["label"], test_size=0.25)
    `;
    const main = mainWith('from utils import prep');
    const r = run('proj/train.py', { 'proj/train.py': main, 'proj/utils.py': outer, 'proj/scaling.py': inner });
    const f = prepFindings(r);
    assert.equal(f.length, 1);
    assert.equal(f[0].location.line, lineOf(main, '= prep(data)'));
    assert.equal(f[0].related[0].location.file, 'proj/scaling.py');
    assert.deepEqual(r.dependencies, ['proj/utils.py', 'proj/scaling.py']);
  });

  it('searches the folders the document adds to sys.path with literal relative paths, inside the root only', () => {
    for (const line of ['sys.path.append("../src")', "sys.path.insert(0, os.path.abspath('../src'))", 'sys.path.append(os.path.join("..", "src"))']) {
      const main = mainWith(`import os, sys\n${line}\nfrom features import prep`);
      const r = run('proj/notebooks/train.py', { 'proj/notebooks/train.py': main, 'proj/src/features.py': LEAKY_HELPER });
      assert.equal(prepFindings(r).length, 1, line);
      assert.equal(prepFindings(r)[0].location.file, 'proj/notebooks/train.py');
    }
    const outside = mainWith('import sys\nsys.path.append("../../elsewhere")\nfrom features import prep');
    const read: string[] = [];
    analyzeDocument({ path: 'proj/nb/train.py', text: outside }, { readModule: (p) => { read.push(p); return undefined; }, moduleRoot: 'proj' });
    assert.ok(read.every((p) => p.startsWith('proj/')), read.join(', '));
  });

  it('follows sys.path entries built from the file\'s own folder (os.path.dirname(os.path.abspath(__file__)), Path(__file__).parent) (round 13)', () => {
    for (const base of ['os.path.dirname(os.path.abspath(__file__))', 'os.path.dirname(__file__)', 'Path(__file__).resolve().parent']) {
      const main = mainWith(`import os, sys\nfrom pathlib import Path\napp_dir = ${base}\nsrc_path = os.path.join(app_dir, "src")\nsys.path.insert(0, src_path)\nfrom features import prep`);
      const r = run('proj/app/train.py', { 'proj/app/train.py': main, 'proj/app/src/features.py': LEAKY_HELPER });
      assert.equal(prepFindings(r).length, 1, base);
    }
  });

  it('follows sys.path entries built from the working directory, through a name, and a module\'s own entries', () => {
    const main = mainWith('import os, sys\nsrc_dir = os.path.join(os.getcwd(), "src")\nsys.path.append(src_dir)\nfrom features import prep');
    const r = run('proj/train.py', { 'proj/train.py': main, 'proj/src/features.py': LEAKY_HELPER });
    assert.equal(prepFindings(r).length, 1);
    // features.py adds "src/lib" (relative to the working directory, not to its own folder) and imports from it.
    const viaModule = mainWith('import sys\nsys.path.append("src")\nfrom features import prep');
    const shim = 'import sys\nsys.path.append("src/lib")\nfrom helpers_lib import prep\n';
    const r2 = run('proj/train.py', { 'proj/train.py': viaModule, 'proj/src/features.py': shim, 'proj/src/lib/helpers_lib.py': LEAKY_HELPER });
    assert.equal(prepFindings(r2).length, 1);
    assert.deepEqual(r2.dependencies, ['proj/src/features.py', 'proj/src/lib/helpers_lib.py']);
    const unknown = mainWith('import os, sys\nsrc_dir = os.path.join(os.environ["HOME"], "src")\nsys.path.append(src_dir)\nfrom features import prep');
    assert.deepEqual(prepFindings(run('proj/train.py', { 'proj/train.py': unknown, 'proj/src/features.py': LEAKY_HELPER })), []);
  });

  it('changes nothing when the module is not found (same findings as without a reader)', () => {
    const main = mainWith('from helpers import prep');
    const withReader = run('proj/train.py', { 'proj/train.py': main });
    const without = analyzeDocument({ path: 'proj/train.py', text: main });
    assert.deepEqual(withReader.findings, without.findings);
    assert.equal(withReader.dependencies, undefined);
  });

  it('treats a module with a syntax error as not importable (no crash, no finding from it)', () => {
    const broken = LEAKY_HELPER.replace('def prep(frame):', 'def prep(frame)');
    const r = run('proj/train.py', { 'proj/train.py': mainWith('from utils import prep'), 'proj/utils.py': broken });
    assert.deepEqual(prepFindings(r), []);
    assert.deepEqual(r.dependencies, ['proj/utils.py']);
    assert.ok(r.notes.some((n) => n.kind === 'info' && /proj\/utils\.py is not followed \(it is too big or does not parse\)/.test(n.message)), JSON.stringify(r.notes));
  });

  it('survives an import cycle a <-> b', () => {
    const a = py`
      import b
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split
      def prep(frame):
          X = b.scale(frame.drop(columns=["label"]))
          return train_test_split(X, frame["label"])
    `;
    const b = py`
      import a
      from sklearn.preprocessing import StandardScaler
      def scale(X):
          return StandardScaler().fit_transform(X)
    `;
    const r = run('proj/train.py', { 'proj/train.py': mainWith('from a import prep'), 'proj/a.py': a, 'proj/b.py': b });
    assert.equal(prepFindings(r).length, 1);
  });

  it('runs a `%run helpers.py` file in the notebook\'s namespace', () => {
    const nb = notebook([
      '%run helpers.py',
      'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\ndata = pd.read_csv("records.csv")',
      'X_train, X_test, y_train, y_test = prep(data)\nclf = LogisticRegression().fit(X_train, y_train)\nprint(clf.score(X_test, y_test))',
    ]);
    const r = run('proj/analysis.ipynb', { 'proj/analysis.ipynb': nb, 'proj/helpers.py': LEAKY_HELPER });
    const f = prepFindings(r);
    assert.equal(f.length, 1);
    assert.equal(f[0].location.cell, 2);
    assert.equal(f[0].location.line, 1);
    assert.equal(f[0].related[0].location.file, 'proj/helpers.py');
  });

  it('runs a `%run "other.ipynb"` notebook defining a leaky function (quotes, a path, arguments)', () => {
    const other = notebook(['from sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split', LEAKY_HELPER.split('\n').slice(3).join('\n')]);
    const nb = notebook([
      '%run "./shared/other.ipynb" --fast',
      'import pandas as pd\nfrom sklearn.linear_model import LogisticRegression\ndata = pd.read_csv("records.csv")\nX_train, X_test, y_train, y_test = prep(data)\nclf = LogisticRegression().fit(X_train, y_train)\nprint(clf.score(X_test, y_test))',
    ]);
    const r = run('proj/analysis.ipynb', { 'proj/analysis.ipynb': nb, 'proj/shared/other.ipynb': other });
    const f = prepFindings(r);
    assert.equal(f.length, 1);
    assert.equal(f[0].location.file, 'proj/analysis.ipynb');
    assert.equal(f[0].location.cell, 1);
    assert.equal(f[0].related[0].location.file, 'proj/shared/other.ipynb');
    assert.equal(f[0].related[0].location.cell, 1);
    assert.match(f[0].message, /shared\/other\.ipynb Cell 2, line 5/);
  });

  it('places a leak in the top-level code of a `%run` file on the %run line', () => {
    const other = py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split
      data = pd.read_csv("records.csv")
      X = StandardScaler().fit_transform(data.drop(columns=["label"]))
      X_train, X_test, y_train, y_test = train_test_split(X, data["label"])
    `;
    const nb = notebook(['%run prepare', 'from sklearn.svm import SVC\nclf = SVC().fit(X_train, y_train)\nprint(clf.score(X_test, y_test))']);
    const f = prepFindings(run('proj/a.ipynb', { 'proj/a.ipynb': nb, 'proj/prepare.py': other }));
    assert.equal(f.length, 1);
    assert.deepEqual([f[0].location.cell, f[0].location.line], [0, 1]);
    assert.match(f[0].message, /%run/);
  });

  it('refuses paths that leave the root', () => {
    const main = mainWith('from utils import prep');
    // utils.py exists only above the root: not followed.
    const r = run('proj/app/train.py', { 'proj/app/train.py': main, 'proj/utils.py': LEAKY_HELPER }, 'proj/app');
    assert.deepEqual(prepFindings(r), []);
    assert.equal(r.dependencies, undefined);
    const nb = notebook(['%run ../../secret.py', '%run /etc/passwd']);
    const read: string[] = [];
    analyzeDocument({ path: 'proj/a.ipynb', text: nb }, { readModule: (p) => { read.push(p); return undefined; }, moduleRoot: 'proj' });
    assert.deepEqual(read, []);
    const loader = new ModuleLoader(() => undefined, '/work/proj', '/work/proj/a.py');
    assert.deepEqual(loader.runCandidates('/work/proj/a.py', '../other/x.py'), []);
    assert.deepEqual(loader.candidates('/work/proj/sub/a.py', 'utils', 0), ['/work/proj/sub/utils.py', '/work/proj/sub/utils/__init__.py', '/work/proj/utils.py', '/work/proj/utils/__init__.py']);
    assert.deepEqual(loader.candidates('/work/proj/a.py', 'sklearn.preprocessing', 0), []);
    assert.equal(normPath('C:\\w\\proj\\..\\x.py'), 'C:/w/x.py');
  });

  it('does not take a PyTorch mode switch (`self.model.train()`) in an imported trainer class\'s predict for a refit', () => {
    const trainer = py`
      import torch
      class Trainer:
          def __init__(self, model):
              self.model = model
          def predict(self, x):
              self.model.eval()
              out = self.model(torch.as_tensor(x).float())
              self.model.train()
              return out.detach().numpy()
    `;
    const main = py`
      import numpy as np
      from trainer import Trainer
      net = build()
      t = Trainer(net)
      print(t.predict(np.array([[1.0, 2.0]])))
    `;
    const r = run('proj/nb.py', { 'proj/nb.py': main, 'proj/trainer.py': trainer });
    assert.deepEqual(r.findings.map((f) => f.ruleId), []);
    assert.deepEqual(r.dependencies, ['proj/trainer.py']);
  });

  it('reads nothing for a file that imports only libraries', () => {
    const read: string[] = [];
    analyzeDocument({ path: 'proj/t.py', text: 'import pandas as pd\nimport numpy as np\nfrom sklearn.svm import SVC\n' }, { readModule: (p) => { read.push(p); return undefined; } });
    assert.deepEqual(read, []);
  });
});

function notebook(cells: string[]): string {
  return JSON.stringify({
    nbformat: 4, nbformat_minor: 5, metadata: { kernelspec: { language: 'python', name: 'python3' } },
    cells: cells.map((source) => ({ cell_type: 'code', source, metadata: {}, execution_count: null, outputs: [] })),
  });
}

describe('a serving module that imports a transformer class of the project only to unpickle a pipeline', () => {
  const FEATURES = py`
    from sklearn.base import BaseEstimator, TransformerMixin

    class Features(BaseEstimator, TransformerMixin):
        def add(self, df):
            df = df.copy()
            df["amt_vs_cat"] = df["amt"] - df.groupby("cat")["amt"].transform("mean")
            return df

        def fit(self, X, y=None):
            return self

        def transform(self, X):
            return self.add(X)
  `;
  const SERVICE = py`
    import pandas as pd
    from joblib import load
    from lib.features import Features

    class Service:
        def __init__(self):
            self.model = load("models/model.joblib")
            self.pipe = load("models/features.joblib")

        def predict(self, payload: dict):
            df = pd.DataFrame([payload])
            feats = self.pipe.transform(df)
            return float(self.model.predict_proba(feats)[0][1])
  `;
  it('takes the loaded pipeline to hold it: a statistic of the request batch in its transform fires at warning on the call, saying so', () => {
    const r = run('proj/app/service.py', { 'proj/app/service.py': SERVICE, 'proj/lib/features.py': FEATURES });
    const f = r.findings.filter((x) => x.ruleId === 'mismatch/refit-at-inference');
    assert.deepEqual(f.map((x) => [x.location.line, x.severity]), [[lineOf(SERVICE, 'self.pipe.transform(df)'), 'warning']]);
    assert.match(f[0].message, /Assumed: the loaded artifact is taken to hold `Features`, which is imported here only so that it can be unpickled/);
  });
  it('a class the module also uses by name, or one whose fit learns its statistics, is not taken to be inside the artifact', () => {
    const used = SERVICE.replace('self.pipe = load("models/features.joblib")', 'self.pipe = load("models/features.joblib")\n        assert isinstance(self.pipe.steps[0][1], Features)');
    assert.deepEqual(run('proj/app/service.py', { 'proj/app/service.py': used, 'proj/lib/features.py': FEATURES }).findings.filter((x) => x.ruleId === 'mismatch/refit-at-inference'), []);
    const learns = FEATURES.replace('def fit(self, X, y=None):\n        return self', 'def fit(self, X, y=None):\n        self.means_ = X.groupby("cat")["amt"].mean()\n        return self');
    assert.notEqual(learns, FEATURES);
    assert.deepEqual(run('proj/app/service.py', { 'proj/app/service.py': SERVICE, 'proj/lib/features.py': learns }).findings.filter((x) => x.ruleId === 'mismatch/refit-at-inference'), []);
  });

  describe('a scoring helper of the project whose variables are named for training', () => {
    // The helper computes `train_accuracy` etc. from whatever rows it is given and prints them under
    // the label the caller passes: the call's words say which rows were scored, not the helper's names.
    const REPORT = py`
      from sklearn import metrics

      def report(y, y_hat, label):
          train_acc = metrics.accuracy_score(y, y_hat)
          train_f1 = metrics.f1_score(y, y_hat)
          print(label, "accuracy:", train_acc)
          print(label, "F1:", train_f1)
    `;
    const main = (body: string): string => py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.neighbors import KNeighborsClassifier
      from tools.scoring import report
      X = pd.read_csv("x.csv")
      y = pd.read_csv("y.csv")["label"]
      X_fit, X_test, y_fit, y_test = train_test_split(X, y, test_size=0.3, random_state=0)
    ` + body;
    const overlap = (r: AnalysisResult) => r.findings.filter((f) => f.ruleId === 'leakage/overlap');
    it('a model fitted on the test rows and scored on them through the helper fires on the call', () => {
      const src = main(py`
        knn = KNeighborsClassifier(n_neighbors=3).fit(X_test, y_test)
        report(y_test, knn.predict(X_test), "Test")
      `);
      const f = overlap(run('proj/eval.py', { 'proj/eval.py': src, 'proj/tools/scoring.py': REPORT }));
      assert.ok(f.length >= 1);
      assert.ok(f.every((x) => x.location.file === 'proj/eval.py' && x.location.line === lineOf(src, 'report(y_test')));
    });
    it('a model fitted on the training rows and scored on the test rows, or a call labelled as training scores, does not fire', () => {
      const clean = main(py`
        knn = KNeighborsClassifier(n_neighbors=3).fit(X_fit, y_fit)
        report(y_test, knn.predict(X_test), "Test")
      `);
      assert.deepEqual(overlap(run('proj/eval.py', { 'proj/eval.py': clean, 'proj/tools/scoring.py': REPORT })), []);
      const training = main(py`
        knn = KNeighborsClassifier(n_neighbors=3).fit(X_fit, y_fit)
        report(y_fit, knn.predict(X_fit), "Training")
      `);
      assert.deepEqual(overlap(run('proj/eval.py', { 'proj/eval.py': training, 'proj/tools/scoring.py': REPORT })), []);
    });
  });
});

describe('a submodule of a folder without __init__.py (namespace package) (round 6)', () => {
  const files = (helper: string): Record<string, string> => ({
    'proj/main.py': py`
      import pandas as pd
      from sklearn.model_selection import KFold
      from sklearn.linear_model import LogisticRegression
      from sklearn.metrics import roc_auc_score
      from feats import group_stats
      df = pd.read_csv("train.csv")
      df = group_stats.add(df)
      X = df.drop(columns=["label"])
      y = df["label"]
      for tr, va in KFold(5).split(X):
          m = LogisticRegression().fit(X.iloc[tr], y.iloc[tr])
          print(roc_auc_score(y.iloc[va], m.predict_proba(X.iloc[va])[:, 1]))
    `,
    'proj/feats/group_stats.py': helper,
  });
  it('group statistics added in feats/group_stats.py before a fold loop fire on the call; a row-wise feature does not', () => {
    const leaky = files(py`
      def add(df):
          df["city_mean"] = df.groupby("city")["income"].transform("mean")
          return df
    `);
    const r = run('proj/main.py', leaky).findings.filter((f) => f.ruleId === 'leakage/preprocessing');
    assert.deepEqual(r.map((f) => f.location.line), [lineOf(leaky['proj/main.py'], 'group_stats.add(df)')]);
    const clean = files(py`
      def add(df):
          df["ratio"] = df["income"] / df["age"]
          return df
    `);
    assert.deepEqual(run('proj/main.py', clean).findings.filter((f) => f.ruleId === 'leakage/preprocessing'), []);
  });
});

describe('modules: lookups that find nothing, and the __main__ guard of an imported module (round 11)', () => {
  it('imports of names that are no file of the project do not use up the bound on modules followed', () => {
    const missing = Array.from({ length: 12 }, (_, i) => `import missing_mod_${i}`).join('\n');
    const main = `${missing}\nimport pandas as pd\nfrom helpers import prep\ndf = pd.read_csv("data.csv")\nX_train, X_test, y_train, y_test = prep(df)\n`;
    const r = run('proj/main.py', { 'proj/main.py': main, 'proj/helpers.py': LEAKY_HELPER });
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'leakage/preprocessing').map((f) => f.location.line), [lineOf(main, 'prep(df)')]);
  });
  it('the body of `if __name__ == "__main__":` in an imported module does not run at the import', () => {
    const mod = py`
      import pandas as pd
      from sklearn.preprocessing import StandardScaler
      from sklearn.model_selection import train_test_split
      def load():
          return pd.read_csv("data.csv")
      if __name__ == "__main__":
          df = load()
          X = StandardScaler().fit_transform(df.drop(columns=["label"]))
          X_train, X_test, y_train, y_test = train_test_split(X, df["label"])
    `;
    const main = 'from steps import load\ndf = load()\nprint(df.shape)\n';
    assert.deepEqual(run('proj/main.py', { 'proj/main.py': main, 'proj/steps.py': mod }).findings.filter((f) => f.ruleId === 'leakage/preprocessing'), []);
  });
});
