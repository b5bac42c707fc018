import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDocument } from '../../../src/core/static/index';
import { withoutOutputs } from '../../../src/core/static/notebookCode';
import { readSourceFile } from '../../../src/core/static/readSource';
import { hasMagicLine, MAX_NOTEBOOK_FILE_BYTES } from '../../../src/core/static/source';
import { hits, notebook, py } from './helpers';
import { LEAKY_CELLS, notebookWithPlot } from './largeNotebook';

function run(path: string, text: string, timeBudgetMs?: number) {
  const started = Date.now();
  const r = analyzeDocument({ path, text }, timeBudgetMs !== undefined ? { timeBudgetMs } : {});
  return { ...r, ms: Date.now() - started };
}

describe('static analyzer on bad input', () => {
  it('analyses what parses around a syntax error and says so', () => {
    const src = py`
      import pandas as pd
      from sklearn.model_selection import train_test_split
      from sklearn.preprocessing import StandardScaler
      df = pd.read_csv("d.csv")
      X = StandardScaler().fit_transform(df.drop(columns=["y"]))
      def broken(:
          pass
      X_train, X_test, y_train, y_test = train_test_split(X, df["y"])
    `;
    const r = run('typing.py', src);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['leakage/preprocessing']);
    const note = r.notes.find((n) => /syntax error/.test(n.message));
    assert.ok(note, 'a note about the syntax error');
    assert.equal(note.line, 6);
  });

  it('finds magic / shell lines exactly where /^\\s*[%!]/m does (the fast check that skips blanking)', () => {
    const re = /^\s*[%!]/m;
    const cases = ['%matplotlib inline', 'x = 1\n  !pip install x', 'a = b % c\nprint(a != b)', '', '!', ' \t%time x',
      'x\r%a', 'x\u2028 !a', 'y = 1\n\u00a0%load_ext x', 'x = "%d" % 3', 'if a != b:\n    pass', 'x\n\n   \n%%bash'];
    for (const c of cases) assert.equal(hasMagicLine(c), re.test(c), JSON.stringify(c));
  });

  it('handles Python 2 code', () => {
    const src = 'import pandas as pd\nprint "hello"\nexec "x = 1"\ndf = pd.read_csv("a.csv")\nprint df.head()\n';
    const r = run('old.py', src);
    assert.deepEqual(r.findings, []);
  });

  it('skips binary content named .py with a note', () => {
    const r = run('blob.py', 'PK\u0003\u0004\u0000\u0000binary');
    assert.deepEqual(r.findings, []);
    assert.equal(r.notes[0].kind, 'skipped');
    assert.match(r.notes[0].message, /blob\.py.*NUL/);
  });

  it('skips huge generated files (over 50k lines or 2 MB) with a note', () => {
    const many = 'x = 1\n'.repeat(60_000);
    const r = run('gen.py', many);
    assert.equal(r.notes[0].kind, 'skipped');
    assert.match(r.notes[0].message, /60001 lines/);
    const big = '#' + 'a'.repeat(2.1 * 1024 * 1024);
    assert.match(run('big.py', big).notes[0].message, /2 MB/);
  });

  it('notes invalid notebook JSON with the line, and non-Python kernels', () => {
    const r = run('bad.ipynb', '{\n "cells": [\n  {"cell_type": "code",,}\n ]\n}');
    assert.equal(r.notes[0].kind, 'skipped');
    assert.match(r.notes[0].message, /bad\.ipynb: not valid notebook JSON/);
    assert.equal(r.notes[0].line, 3);
    const rnb = run('r.ipynb', notebook([{ source: 'library(ggplot2)' }], 'R'));
    assert.match(rnb.notes[0].message, /kernel language is "r"/);
    assert.match(run('v3.ipynb', '{"worksheets": []}').notes[0].message, /no "cells" array/);
  });

  it('never throws on odd values and odd code', () => {
    const odd = [
      '', '\n\n', '(((((', 'def', 'x = [', 'for in in in:', 'lambda: (yield)', 'class A(:\n  def f(self',
      'a, *b = c', 'del x[1:2]', 'x: int', '@dec\nclass C: pass', 'match x:\n  case 1: pass',
      'async def f():\n  async for a in b:\n    await c', 'X_train, X_test = train_test_split()',
      'train_test_split(*[], **{})', 'm.fit()', 'm.score()', 'accuracy_score()', 'pd.concat()',
      'x = y = z = train_test_split(a)', 'for (a, (b, c)) in zip(d, kf.split(e)): pass',
    ];
    for (const text of odd) {
      assert.doesNotThrow(() => analyzeDocument({ path: 'odd.py', text }), text);
      assert.doesNotThrow(() => analyzeDocument({ path: 'odd.ipynb', text }), text);
    }
    assert.doesNotThrow(() => analyzeDocument({ path: 'x.py', text: undefined as unknown as string }));
    assert.doesNotThrow(() => analyzeDocument({ path: 'x.ipynb', text: JSON.stringify({ cells: [null, 1, { cell_type: 'code', source: 5 }] }) }));
  });

  it('stops at the time budget with a partial note instead of hanging', () => {
    const body = 'df = pd.read_csv("a.csv")\nX = StandardScaler().fit_transform(df) + df.mean()\n'.repeat(5000);
    const src = 'import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\n' + body;
    const r = run('slow.py', src, 1);
    assert.ok(r.notes.some((n) => n.kind === 'partial' && /budget/.test(n.message)));
    const full = run('slow.py', src, 60_000);
    assert.ok(!full.notes.some((n) => n.kind === 'partial'));
  });

  it('deeply nested loops stay fast (no exponential blow-up)', () => {
    let src = 'import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\ndf = pd.read_csv("a.csv")\n';
    let indent = '';
    for (let i = 0; i < 30; i++) { src += `${indent}for i${i} in range(3):\n`; indent += '    '; }
    src += `${indent}df = StandardScaler().fit_transform(df) + df.mean()\n`;
    const r = run('nested.py', src);
    assert.ok(r.ms < 500, `took ${r.ms} ms`);
    assert.ok(!r.notes.some((n) => n.kind === 'partial'));
  });

  it('deep recursion between helper functions terminates', () => {
    const src = 'def a(x):\n    return b(x)\ndef b(x):\n    return a(x)\na(1)\n';
    assert.deepEqual(hits(src), []);
  });
});

describe('notebooks whose outputs are large', () => {
  const where = (r: ReturnType<typeof analyzeDocument>) => r.findings.map((f) => `c${f.location.cell}:${f.location.line}:${f.ruleId}`);

  it('analyses a 3.2 MB notebook with a saved plot: the bound is on its code, not its JSON', () => {
    const text = notebookWithPlot();
    assert.ok(text.length > 3.1 * 1048576, `notebook is ${text.length} bytes`);
    const r = analyzeDocument({ path: 'churn.ipynb', text });
    assert.deepEqual(r.notes, []);
    assert.deepEqual(where(r), ['c3:3:leakage/preprocessing']);
    // the same code without outputs gives the same findings
    const bare = notebook(LEAKY_CELLS.map((source) => ({ source })));
    assert.deepEqual(where(analyzeDocument({ path: 'churn.ipynb', text: JSON.stringify({ ...JSON.parse(bare), cells: [{ cell_type: 'markdown', metadata: {}, source: '# t' }, ...JSON.parse(bare).cells] }) })), where(r));
  });

  it('drops only the cells\' outputs and attachments, whatever their strings contain', () => {
    const nb = {
      cells: [
        { cell_type: 'code', metadata: { outputs: 'kept: not a cell key' }, outputs: [{ output_type: 'stream', text: ['a "quoted" ] } [ {', '\\', '\\"'] }], source: ['x = 1\n', 'y = "]"'], execution_count: 3 },
        { cell_type: 'markdown', metadata: {}, attachments: { 'a.png': { 'image/png': 'iVBORw0' } }, source: 'see ![a](attachment:a.png)' },
        { cell_type: 'code', metadata: {}, outputs: [], source: 'z = 2' },
      ],
      metadata: { outputs: [1, 2] }, nbformat: 4, nbformat_minor: 5,
    };
    for (const text of [JSON.stringify(nb), JSON.stringify(nb, null, 1), JSON.stringify(nb, null, '\t')]) {
      const parsed = JSON.parse(withoutOutputs(text)!) as typeof nb;
      assert.deepEqual(parsed.cells.map((c) => c.source), nb.cells.map((c) => c.source));
      assert.deepEqual(parsed.cells[0].outputs, []);
      assert.deepEqual((parsed.cells[1] as { attachments?: unknown }).attachments, {});
      assert.deepEqual(parsed.cells[0].metadata, nb.cells[0].metadata);
      assert.deepEqual(parsed.metadata, nb.metadata);
    }
    const noOutputs = JSON.stringify({ cells: [{ cell_type: 'code', source: 'x' }] });
    assert.equal(withoutOutputs(noOutputs), noOutputs);
    assert.equal(withoutOutputs('{"cells": [{"outputs": ["unterminated'), undefined);
  });

  it('reports broken notebook JSON at its line in the file even when outputs come first', () => {
    const text = '{\n "cells": [\n  {"cell_type": "code", "outputs": [{"text": "ok"}],\n   "source": "x = 1",,\n  }\n ]\n}';
    const r = analyzeDocument({ path: 'bad.ipynb', text });
    assert.equal(r.notes[0].kind, 'skipped');
    assert.equal(r.notes[0].line, 4);
  });

  it('still bounds the code: notebook cells over 2 MB of code or 50k lines are skipped with a note', () => {
    const code = 'x = 1  # ' + 'a'.repeat(1000) + '\n';
    const big = notebook([{ source: code.repeat(2200) }]);
    const r = analyzeDocument({ path: 'gen.ipynb', text: big });
    assert.equal(r.notes[0].kind, 'skipped');
    assert.match(r.notes[0].message, /gen\.ipynb: notebook code is 2\.1 MB, over the 2 MB limit/);
    const long = notebook([{ source: 'x = 1\n'.repeat(30_000) }, { source: 'y = 2\n'.repeat(30_000) }]);
    assert.match(analyzeDocument({ path: 'long.ipynb', text: long }).notes[0].message, /long\.ipynb: notebook code is 60002 lines, over the 50000-line limit/);
  });

  it('refuses notebook files over the hard cap with a clear note, without reading them', () => {
    const over = MAX_NOTEBOOK_FILE_BYTES + 1024 * 1024;
    const text = notebook([{ source: 'x = 1' }]).replace('"outputs":[]', `"outputs":[{"output_type":"stream","text":"${'A'.repeat(over)}"}]`);
    const r = analyzeDocument({ path: 'huge.ipynb', text });
    assert.equal(r.notes.length, 1);
    assert.equal(r.notes[0].kind, 'skipped');
    assert.match(r.notes[0].message, /^huge\.ipynb: notebook file is 65\.0 MB, over the 64 MB limit for notebooks/);
    // On disk the size is checked before reading: a sparse file of that size is never read.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-nb-'));
    try {
      const file = path.join(dir, 'huge.ipynb');
      fs.writeFileSync(file, '');
      fs.truncateSync(file, over);
      const read = readSourceFile(file, 'nb/huge.ipynb');
      assert.ok('note' in read);
      assert.match(read.note.message, /^nb\/huge\.ipynb: notebook file is 65\.0 MB, over the 64 MB limit/);
      fs.truncateSync(file, 7 * 1024 * 1024);
      const py = path.join(dir, 'gen.py');
      fs.renameSync(file, py);
      const readPy = readSourceFile(py, 'gen.py');
      assert.ok('note' in readPy && /gen\.py: 7\.0 MB is over the 2 MB limit/.test(readPy.note.message));
      const missing = readSourceFile(path.join(dir, 'gone.py'), 'gone.py');
      assert.ok('note' in missing && /^gone\.py: cannot read \(ENOENT/.test(missing.note.message));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
