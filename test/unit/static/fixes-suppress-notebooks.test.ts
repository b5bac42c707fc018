import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/static/index';
import { isSuppressed, parseSuppression } from '../../../src/core/findings/suppress';
import { analyze, applyEdits, hits, lineOf, notebook, py } from './helpers';

const LEAKY = py`
  import pandas as pd
  from sklearn.model_selection import train_test_split
  from sklearn.preprocessing import MinMaxScaler
  from sklearn.svm import SVC
  df = pd.read_csv("d.csv")
  X = df.drop(columns=["y"])
  y = df["y"]
  mm = MinMaxScaler()
  X = mm.fit_transform(X)
  X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.25)
  clf = SVC().fit(X_train, y_train)
  print(clf.score(X_test, y_test))
`;

describe('static fixes', () => {
  it('moves a pre-split fit_transform after the split and the result no longer fires', () => {
    const [f] = analyze(LEAKY);
    assert.equal(f.ruleId, 'leakage/preprocessing');
    assert.equal(f.fixes.length, 1);
    const fixed = applyEdits(LEAKY, f.fixes[0].edits);
    assert.ok(!fixed.includes('X = mm.fit_transform(X)'));
    assert.ok(fixed.includes('X_train = mm.fit_transform(X_train)\nX_test = mm.transform(X_test)'));
    assert.deepEqual(hits(fixed), []);
  });

  it('offers no move fix when the pre-split data is read between the fit and the split', () => {
    const src = LEAKY.replace('X_train, X_test', 'print(X.shape)\nX_train, X_test');
    const [f] = analyze(src);
    assert.equal(f.ruleId, 'leakage/preprocessing');
    assert.deepEqual(f.fixes, []);
  });

  it('refit-at-inference fix turns fit_transform into transform and clears the finding', () => {
    const src = py`
      import joblib
      enc = joblib.load("enc.joblib")
      model = joblib.load("model.joblib")
      def predict(rows):
          return model.predict(enc.fit_transform(rows))
    `;
    const [f] = analyze(src, 'inference.py');
    const fixed = applyEdits(src, f.fixes[0].edits);
    assert.ok(fixed.includes('enc.transform(rows)'));
    assert.deepEqual(hits(fixed, 'inference.py'), []);
  });

  it('train-as-test fix scores the test split and clears the finding', () => {
    const src = LEAKY.replace('X = mm.fit_transform(X)\n', '').replace('print(clf.score(X_test, y_test))', 'print("test acc", clf.score(X_train, y_train))');
    const [f] = analyze(src);
    assert.equal(f.ruleId, 'leakage/overlap');
    assert.deepEqual(hits(applyEdits(src, f.fixes[0].edits)), []);
  });
});

describe('suppression comments', () => {
  it('parses rule lists and bare directives', () => {
    assert.deepEqual(parseSuppression('x = 1  # skewer: ignore[leakage/preprocessing, leakage/overlap]'), { rules: ['leakage/preprocessing', 'leakage/overlap'] });
    assert.deepEqual(parseSuppression('# skewer: ignore'), { rules: null });
    assert.equal(parseSuppression('# expect: leakage/overlap'), undefined);
  });

  it('silences on the same line or a comment line above, only for the listed rule', () => {
    const line = lineOf(LEAKY, 'mm.fit_transform');
    const same = LEAKY.replace('X = mm.fit_transform(X)', 'X = mm.fit_transform(X)  # skewer: ignore[leakage/preprocessing]');
    assert.deepEqual(hits(same), []);
    const above = LEAKY.replace('X = mm.fit_transform(X)', '# skewer: ignore\nX = mm.fit_transform(X)');
    assert.deepEqual(hits(above), []);
    const other = LEAKY.replace('X = mm.fit_transform(X)', 'X = mm.fit_transform(X)  # skewer: ignore[leakage/overlap]');
    assert.deepEqual(hits(other), [`${line}:leakage/preprocessing`]);
    const family = LEAKY.replace('X = mm.fit_transform(X)', 'X = mm.fit_transform(X)  # skewer: ignore[leakage/*]');
    assert.deepEqual(hits(family), []);
  });

  it('a trailing directive on the previous code line does not silence the next line', () => {
    const lines = ['a = 1  # skewer: ignore', 'b = 2'];
    assert.equal(isSuppressed(lines, 2, 'leakage/overlap'), false);
    assert.equal(isSuppressed(lines, 1, 'leakage/overlap'), true);
  });
});

describe('notebooks', () => {
  const cells = [
    { source: '# Title', markdown: true },
    { source: 'import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\ndf = pd.read_csv("d.csv")\nX = df.drop(columns=["y"])\ny = df["y"]', count: 1 },
    { source: 'X_train, X_test, y_train, y_test = train_test_split(X, y)', count: 3 },
    { source: 'X = StandardScaler().fit_transform(X)', count: 2 },
  ];

  it('reports cell index (among all cells) and cell-relative lines', () => {
    const nb = notebook([...cells.slice(0, 2), cells[3], cells[2]]);
    const r = analyzeDocument({ path: 'exp.ipynb', text: nb });
    assert.deepEqual(r.findings.map((f) => [f.location.cell, f.location.line, f.ruleId]), [[2, 1, 'leakage/preprocessing']]);
    assert.equal(r.findings[0].location.file, 'exp.ipynb');
  });

  it('saved order vs execution-count order', () => {
    // Saved order: split (cell 2) runs before the scaler (cell 3) -> no leak.
    const nb = notebook(cells);
    assert.deepEqual(hits(nb, 'exp.ipynb'), []);
    // Execution order 1, 2 (scaler), 3 (split) -> the scaler saw every row.
    assert.deepEqual(hits(nb, 'exp.ipynb', { notebookOrder: 'execution' }), ['c3:1:leakage/preprocessing']);
  });

  it('ignores magics and shell escapes', () => {
    const nb = notebook([{ source: '%matplotlib inline\n!pip install x\nimport pandas as pd' }, ...cells.slice(1, 2), cells[3], cells[2]]);
    const r = analyzeDocument({ path: 'exp.ipynb', text: nb });
    assert.equal(r.findings.length, 1);
    assert.ok(!r.notes.some((n) => /syntax error/.test(n.message)));
  });
});

describe('notebook line map (for file-based reports)', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { notebookLineMap, fileLineOf } = require('../../../src/core/static/notebookLines') as typeof import('../../../src/core/static/notebookLines');

  it('maps each cell source line to its line in the .ipynb text', () => {
    const text = notebook([{ source: '# t', markdown: true }, { source: 'a = 1\nb = 2\nc = 3' }], 'python').replace(/^/, '');
    const pretty = JSON.stringify(JSON.parse(text), null, 1);
    const map = notebookLineMap(pretty);
    const lines = pretty.split('\n');
    assert.match(lines[fileLineOf(map, 1, 2)! - 1], /"b = 2\\n"/);
    assert.match(lines[fileLineOf(map, 1, 3)! - 1], /"c = 3"/);
    assert.match(lines[fileLineOf(map, 0, 1)! - 1], /# t/);
  });

  it('handles single-string sources, escapes and unknown cells', () => {
    const text = '{"cells": [{"cell_type": "code", "source": "x = \\"[\\"\\ny = 2"}, {"cell_type": "code", "source": ["z"]}]}';
    const map = notebookLineMap(text);
    assert.equal(fileLineOf(map, 0, 2), 1);
    assert.equal(fileLineOf(map, 1, 1), 1);
    assert.equal(fileLineOf(map, 5, 1), undefined);
    assert.deepEqual(notebookLineMap('{"cells": ['), {});
  });
});

describe('notebook cell magics', () => {
  it('skips %%bash / %%sql cells and keeps %%time cells as Python', () => {
    const nb = notebook([
      { source: '%%bash\nfor f in *.csv; do echo $f; done' },
      { source: '%%sql\nSELECT * FROM t WHERE x = 1' },
      { source: '%%time\nimport pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\ndf = pd.read_csv("a.csv")\nX = StandardScaler().fit_transform(df)\ntr, te = train_test_split(X)' },
    ]);
    const r = analyzeDocument({ path: 'm.ipynb', text: nb });
    assert.deepEqual(r.findings.map((f) => [f.location.cell, f.location.line, f.ruleId]), [[2, 6, 'leakage/preprocessing']]);
    assert.ok(!r.notes.some((n) => /syntax error/.test(n.message)), JSON.stringify(r.notes));
  });
});

describe('preprocessing fix variants', () => {
  it('inline constructor: names the transformer after its class and the result no longer fires', () => {
    const src = LEAKY.replace('mm = MinMaxScaler()\nX = mm.fit_transform(X)', 'X = MinMaxScaler(feature_range=(0, 1)).fit_transform(X)');
    const [f] = analyze(src);
    assert.equal(f.ruleId, 'leakage/preprocessing');
    const fixed = applyEdits(src, f.fixes[0].edits);
    assert.ok(fixed.includes('min_max_scaler = MinMaxScaler(feature_range=(0, 1))\nX_train = min_max_scaler.fit_transform(X_train)\nX_test = min_max_scaler.transform(X_test)'), fixed);
    assert.deepEqual(hits(fixed), []);
  });

  it('across notebook cells: deletes in the fit cell, inserts after the split in its cell', () => {
    const nb = notebook([
      { source: 'import pandas as pd\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\ndf = pd.read_csv("d.csv")\nX = df.drop(columns=["y"])\nsc = StandardScaler()' },
      { source: 'X = sc.fit_transform(X)' },
      { source: 'X_train, X_test, y_train, y_test = train_test_split(X, df["y"])' },
    ]);
    const [f] = analyzeDocument({ path: 'n.ipynb', text: nb }).findings;
    assert.equal(f.location.cell, 1);
    const edits = f.fixes[0].edits;
    assert.deepEqual(edits.map((e) => e.location.cell), [1, 2]);
    assert.equal(edits[1].newText, '\nX_train = sc.fit_transform(X_train)\nX_test = sc.transform(X_test)');
  });
});

describe('pipeline fix for preprocessing before cross-validation', () => {
  const CV = py`
    import pandas as pd
    from sklearn.model_selection import cross_val_score
    from sklearn.preprocessing import StandardScaler
    from sklearn.linear_model import LogisticRegression
    df = pd.read_csv("d.csv")
    X, y = df.drop(columns=["y"]), df["y"]
    X_scaled = StandardScaler().fit_transform(X)
    print(cross_val_score(LogisticRegression(max_iter=500), X_scaled, y, cv=5).mean())
  `;
  it('wraps the transformer and the estimator in make_pipeline and the result no longer fires', () => {
    const [f] = analyze(CV);
    assert.equal(f.ruleId, 'leakage/preprocessing');
    const fixed = applyEdits(CV, f.fixes[0].edits);
    assert.ok(fixed.startsWith('from sklearn.pipeline import make_pipeline\n'), fixed);
    assert.ok(fixed.includes('cross_val_score(make_pipeline(StandardScaler(), LogisticRegression(max_iter=500)), X, y, cv=5)'), fixed);
    assert.ok(!fixed.includes('X_scaled'));
    assert.deepEqual(hits(fixed), []);
  });

  it('offers nothing when the scaled matrix is used elsewhere', () => {
    const [f] = analyze(CV + 'print(X_scaled.shape)\n');
    assert.deepEqual(f.fixes, []);
  });
});
