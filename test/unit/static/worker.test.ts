import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeDocument } from '../../../src/core/static/index';
import { parser } from '@lezer/python';
import { TreeFragment } from '@lezer/common';
import { changedRange, changedRanges, DocumentCache } from '../../../src/core/static/incremental';
import { isErrorResponse, isReady, type StaticWorkerResponse, type WorkerReady } from '../../../src/core/static/workerProtocol';
import { handle } from '../../../src/workers/static.worker';
import { notebook, py } from './helpers';

const SRC = py`
  import pandas as pd
  from sklearn.model_selection import train_test_split
  from sklearn.preprocessing import StandardScaler
  df = pd.read_csv("d.csv")
  X = StandardScaler().fit_transform(df.drop(columns=["y"]))
  X_train, X_test, y_train, y_test = train_test_split(X, df["y"])
`;

function strip(r: ReturnType<typeof analyzeDocument>) {
  return JSON.stringify(r.findings.map((f) => [f.ruleId, f.location, f.message]));
}

describe('static worker and incremental cache', () => {
  it('changedRange finds the single edited span', () => {
    assert.equal(changedRange('abc', 'abc'), null);
    assert.deepEqual(changedRange('abcdef', 'abXYef'), { fromA: 2, toA: 4, fromB: 2, toB: 4 });
    assert.deepEqual(changedRange('abc', 'abxc'), { fromA: 2, toA: 2, fromB: 2, toB: 3 });
  });

  it('changedRanges splits edits on distant lines and the ranges rebuild the new text', () => {
    const a = ['l0', 'l1', 'l2', 'l3', 'l4', 'l5'].join('\n');
    const b = ['l0', 'l1 # x', 'l2', 'l3', 'L4', 'l5'].join('\n');
    const r = changedRanges(a, b);
    assert.equal(r.length, 2);
    assert.deepEqual(r.map((x) => b.slice(x.fromB, x.toB)), [' # x', 'L']);
    // Pseudo-random multi-spot edits: unchanged text between ranges is equal on both sides,
    // and an incremental parse from the ranges equals a fresh parse.
    let seed = 7;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const base = SRC.split('\n');
    for (let k = 0; k < 200; k++) {
      const lines = base.slice();
      for (let e = 0; e < 1 + rnd(3); e++) {
        const at = rnd(lines.length);
        const kind = rnd(3);
        if (kind === 0) lines[at] += '  # c';
        else if (kind === 1) lines.splice(at, 1);
        else lines.splice(at, 0, 'z = (1,');
      }
      const next = lines.join('\n');
      const ranges = changedRanges(SRC, next);
      let rebuilt = '', posA = 0;
      for (const x of ranges) { rebuilt += SRC.slice(posA, x.fromA) + next.slice(x.fromB, x.toB); posA = x.toA; }
      rebuilt += SRC.slice(posA);
      assert.equal(rebuilt, next);
      const frags = TreeFragment.applyChanges(TreeFragment.addTree(parser.parse(SRC)), ranges);
      assert.equal(parser.parse(next, frags).toString(), parser.parse(next).toString());
    }
  });

  it('re-analysis through the cache matches a fresh analysis after each edit', () => {
    const cache = new DocumentCache();
    const casesDir = path.resolve(__dirname, '../../static-eval/cases');
    const files = fs.existsSync(casesDir) ? fs.readdirSync(casesDir).filter((f) => f.endsWith('.py')).slice(0, 25) : [];
    const docs = files.length ? files.map((f) => fs.readFileSync(path.join(casesDir, f), 'utf8')) : [SRC];
    for (const [i, text] of docs.entries()) {
      const p = `doc${i}.py`;
      let cur = text;
      assert.equal(strip(cache.analyze({ path: p, text: cur })), strip(analyzeDocument({ path: p, text: cur })));
      // A deletion, an insertion that breaks the syntax, and its repair.
      const lines = cur.split('\n');
      const at = Math.min(5, lines.length - 1);
      for (const next of [
        lines.filter((_, j) => j !== at).join('\n'),
        [...lines.slice(0, at), 'x = (', ...lines.slice(at)].join('\n'),
        cur,
      ]) {
        cur = next;
        assert.equal(strip(cache.analyze({ path: p, text: cur })), strip(analyzeDocument({ path: p, text: cur })), `${files[i] ?? 'SRC'} after edit`);
      }
    }
  });

  it('re-analysis through the cache equals a fresh analysis on every eval case under random edit sequences', function () {
    this.timeout(120000);
    const casesDir = path.resolve(__dirname, '../../static-eval/cases');
    const files = fs.readdirSync(casesDir).filter((f) => /\.(py|ipynb)$/.test(f));
    assert.ok(files.length > 50);
    const full = (r: ReturnType<typeof analyzeDocument>) => JSON.stringify(r);
    const cache = new DocumentCache();
    let seed = 11;
    const rnd = (n: number): number => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed % n; };
    const edits = [
      (l: string) => l + '  # note',
      (l: string) => l.replace(/\btest\b/, 'train'),
      (l: string) => l.replace(/fit_transform/, 'transform'),
      (l: string) => l.replace(/\w+/, 'x'),
      (l: string) => `${l}\nprint(1)`,
      () => '',
      (l: string) => `${/^\s*/.exec(l)![0]}else:`,
    ];
    for (const f of files) {
      const p = `${f}`;
      let cur = fs.readFileSync(path.join(casesDir, f), 'utf8');
      assert.equal(full(cache.analyze({ path: p, text: cur })), full(analyzeDocument({ path: p, text: cur })), `${f} first analysis`);
      for (let k = 0; k < 6; k++) {
        if (f.endsWith('.ipynb')) {
          // edit inside one code cell's source
          const nb = JSON.parse(cur) as { cells: { cell_type: string; source: string[] | string }[] };
          const code = nb.cells.filter((c) => c.cell_type === 'code');
          if (!code.length) break;
          const cell = code[rnd(code.length)];
          const src = (Array.isArray(cell.source) ? cell.source.join('') : cell.source).split('\n');
          const at = rnd(src.length);
          src[at] = edits[rnd(edits.length)](src[at]);
          cell.source = src.join('\n');
          cur = JSON.stringify(nb);
        } else {
          const lines = cur.split('\n');
          // later edits tend to land near the previous one, as when typing
          const at = k % 2 ? Math.min(lines.length - 1, Math.floor(lines.length / 2) + rnd(4)) : rnd(lines.length);
          lines[at] = edits[rnd(edits.length)](lines[at]);
          cur = lines.join('\n');
        }
        assert.equal(full(cache.analyze({ path: p, text: cur })), full(analyzeDocument({ path: p, text: cur })), `${f} after edit ${k}`);
      }
    }
  });

  it('notebook cells keep their trees when unchanged and results match', () => {
    const cache = new DocumentCache();
    const nb1 = notebook([{ source: 'import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split\ndf = pd.read_csv("a.csv")' }, { source: 'df = StandardScaler().fit_transform(df)' }, { source: 'tr, te = train_test_split(df)' }]);
    const nb2 = nb1.replace('tr, te', 'train_df, test_df');
    for (const nb of [nb1, nb2, nb1]) assert.equal(strip(cache.analyze({ path: 'n.ipynb', text: nb })), strip(analyzeDocument({ path: 'n.ipynb', text: nb })));
  });

  it('handle() answers analyze, forget and malformed requests without throwing', () => {
    const r = handle({ id: 7, path: 'train.py', text: SRC });
    assert.ok(!isErrorResponse(r));
    assert.equal(r.id, 7);
    assert.equal((r as { result: { findings: unknown[] } }).result.findings.length, 1);
    assert.ok(!isErrorResponse(handle({ type: 'forget', id: 8, path: 'train.py' })));
    const bad = handle({ id: 9, path: 'x.py' } as never);
    assert.ok(isErrorResponse(bad) && /malformed/.test(bad.error));
    assert.equal(handle(null as never).id, -1);
  });

  it('handle() answers cold check requests from text, bytes or a file, without caching', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-worker-'));
    try {
      const file = path.join(dir, 'train.py');
      fs.writeFileSync(file, SRC);
      const expected = strip(analyzeDocument({ path: 'p/train.py', text: SRC }));
      for (const [i, source] of [{ text: SRC }, { bytes: new Uint8Array(Buffer.from(SRC)) }, { file }].entries()) {
        const r = handle({ type: 'check', id: 20 + i, path: 'p/train.py', source });
        assert.ok(!isErrorResponse(r));
        assert.equal(r.id, 20 + i);
        assert.equal(strip(r.result), expected);
      }
      const nb = notebook([{ source: 'import pandas as pd\nfrom sklearn.preprocessing import StandardScaler\nfrom sklearn.model_selection import train_test_split\ndf = pd.read_csv("a.csv")' }, { source: 'df = StandardScaler().fit_transform(df)\ntr, te = train_test_split(df)' }]);
      const withMap = handle({ type: 'check', id: 30, path: 'n.ipynb', source: { text: nb }, lineMap: true });
      assert.ok(!isErrorResponse(withMap) && withMap.lineMap && withMap.lineMap[1].length === 2);
      const gone = handle({ type: 'check', id: 31, path: 'gone.py', source: { file: path.join(dir, 'gone.py') } });
      assert.ok(!isErrorResponse(gone) && /^gone\.py: cannot read/.test(gone.result.notes[0].message));
      const bad = handle({ type: 'check', id: 32, path: 'x.py' } as never);
      assert.ok(isErrorResponse(bad) && /malformed/.test(bad.error));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs as a worker_threads entry point', async function () {
    this.timeout(60_000);
    const worker = new Worker(path.resolve(__dirname, '../../../src/workers/static.worker.ts'), { execArgv: ['--require', require.resolve('tsx/cjs')] });
    try {
      const reply = await new Promise<StaticWorkerResponse>((resolve, reject) => {
        // The first message says the worker loaded; then the answer.
        worker.on('message', (m: StaticWorkerResponse | WorkerReady) => { if (!isReady(m)) resolve(m); });
        worker.once('error', reject);
        worker.postMessage({ id: 1, path: 'train.py', text: SRC, options: { severityOverrides: { 'leakage/preprocessing': 'error' } } });
      });
      assert.ok(!isErrorResponse(reply));
      assert.equal(reply.id, 1);
      assert.equal(reply.result.findings[0].severity, 'error');
      assert.ok(reply.elapsedMs >= 0);
    } finally {
      await worker.terminate();
    }
  });
});
