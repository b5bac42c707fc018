import * as assert from 'node:assert/strict';
import { analyzeDocument } from '../../../src/core/static/index';
import { hits, notebook, py } from './helpers';

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
