import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Finding } from '../../src/core/findings/finding';
import { KINDS, ManifestError, parseEntry, readManifests, type Kind, type ManifestEntry } from '../real-eval/manifest';
import { formatReport, scoreCorpus, type AnalyzeFn } from '../real-eval/scoring';

const COMMIT = 'a'.repeat(40);

function labels(pos: Kind[] = []): Record<Kind, boolean> {
  return Object.fromEntries(KINDS.map((k) => [k, pos.includes(k)])) as Record<Kind, boolean>;
}

function line(over: Record<string, unknown> = {}): string {
  return JSON.stringify({ id: 'a001', repo: 'o/r', commit: COMMIT, path: 'x.py', kind: 'py', domain: 'd', split: 'dev', labels: labels(), notes: '', ...over });
}

function finding(ruleId: string, line: number, cell?: number): Finding {
  return {
    ruleId, severity: 'warning', message: '', related: [], evidence: {}, fixes: [], source: 'static',
    location: { file: 'f', line, col: 1, endLine: line, endCol: 2, ...(cell !== undefined ? { cell } : {}) },
  };
}

describe('real-eval manifest', () => {
  it('parses a well-formed entry', () => {
    const e = parseEntry(line({ kind: 'ipynb', path: 'n.ipynb', labels: labels(['overlap']), lines: { overlap: [3] }, cells: { overlap: [7] } }), 'm:1');
    assert.equal(e.labels.overlap, true);
    assert.deepEqual(e.cells.overlap, [7]);
  });

  for (const [what, over, msg] of [
    ['a missing label', { labels: { preprocessing: true } }, /labels\.overlap/],
    ['an unknown kind', { labels: { ...labels(), leak: true } }, /unknown kind "leak"/],
    ['a short commit', { commit: 'abc' }, /40 lowercase hex/],
    ['a kind that does not match the path', { kind: 'ipynb' }, /path ends otherwise/],
    ['lines for a negative kind', { lines: { overlap: [2] } }, /labels\.overlap is false/],
    ['notebook lines without cells', { kind: 'ipynb', path: 'n.ipynb', labels: labels(['overlap']), lines: { overlap: [2] } }, /pair one-to-one/],
    ['a path escaping the repository', { path: '../x.py' }, /relative inside/],
    ['a bad split', { split: 'test' }, /"split"/],
  ] as const) {
    it(`rejects ${what}, naming the line`, () => {
      assert.throws(() => parseEntry(line(over), 'manifest-z.jsonl:4'), (e: unknown) => e instanceof ManifestError && /^manifest-z\.jsonl:4: /.test(e.message) && msg.test(e.message));
    });
  }

  it('rejects an id used twice across manifests', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'real-eval-'));
    fs.writeFileSync(path.join(dir, 'manifest-a.jsonl'), line() + '\n');
    fs.writeFileSync(path.join(dir, 'manifest-b.jsonl'), '\n' + line() + '\n');
    assert.throws(() => readManifests(dir), /manifest-b\.jsonl:2: id a001 already used at manifest-a\.jsonl:1/);
  });
});

describe('real-eval scoring', () => {
  const entries: ManifestEntry[] = [
    parseEntry(line({ id: 'a001', labels: labels(['preprocessing']), lines: { preprocessing: [10] } }), 'm:1'),
    parseEntry(line({ id: 'a002', path: 'app.py', labels: labels([]) }), 'm:2'),
    parseEntry(line({ id: 'a003', split: 'holdout', kind: 'ipynb', path: 'n.ipynb', labels: labels(['multi-test']), lines: { 'multi-test': [4] }, cells: { 'multi-test': [2] } }), 'm:3'),
    parseEntry(line({ id: 'a004', labels: labels(['overlap']) }), 'm:4'),
    // Labelled for a later round: neither analysed nor listed as missing.
    parseEntry(line({ id: 'a005', split: 'reserve', path: 'later.py', labels: labels(['overlap']) }), 'm:5'),
    parseEntry(line({ id: 'a006', split: 'reserve', path: 'gone.py' }), 'm:6'),
  ];
  const texts: Record<string, string | undefined> = { a001: 'one', a002: 'two', a003: 'three', a004: undefined, a005: 'one', a006: undefined };
  const seen: string[] = [];
  const analyze: AnalyzeFn = ({ path: p, text }) => {
    seen.push(p);
    if (text === 'one') return { findings: [finding('leakage/preprocessing', 11), finding('leakage/overlap', 30)], notes: [] };
    if (text === 'two') return { findings: [{ ...finding('mismatch/column-order', 5), severity: 'error' }, finding('mismatch/column-order', 9), finding('lint/other', 1)], notes: [{ path: p, kind: 'partial', message: 'budget' }] };
    return { findings: [finding('leakage/multi-test', 9, 2)], notes: [] };
  };
  const report = scoreCorpus(entries, ['dev', 'holdout'], (e) => texts[e.id], (e) => `/cache/${e.id}.${e.kind}`, analyze);

  it('passes the original repository path to the analyzer', () => {
    assert.deepEqual(seen, ['o/r/x.py', 'o/r/app.py', 'o/r/n.ipynb']);
  });

  it('counts notebook-level confusion per kind and per split', () => {
    const dev = report.splits.dev!;
    assert.equal(dev.files, 2);
    assert.deepEqual({ ...dev.perKind.preprocessing }, { tp: 1, fp: 0, fn: 0, tn: 1, precision: 1, recall: 1 });
    assert.deepEqual({ ...dev.perKind.overlap }, { tp: 0, fp: 1, fn: 0, tn: 1, precision: 0, recall: null });
    assert.equal(dev.perKind.serving.fp, 1);
    assert.deepEqual([dev.findings.serving.inNegative, dev.findings.serving.inNegativeError], [2, 1]);
    assert.equal(dev.unmappedRules['lint/other'], 1);
    assert.equal(dev.incompleteFiles, 1);
    assert.deepEqual({ ...report.splits.holdout!.perKind['multi-test'] }, { tp: 1, fp: 0, fn: 0, tn: 0, precision: 1, recall: 1 });
  });

  it('counts findings at labelled lines within the slack and in the labelled cell only', () => {
    assert.equal(report.splits.dev!.findings.preprocessing.atLabelledLine, 1);
    assert.equal(report.splits.dev!.findings.preprocessing.labelledLinesHit, 1);
    const mt = report.splits.holdout!.findings['multi-test'];
    assert.deepEqual([mt.total, mt.atLabelledLine, mt.labelledLines, mt.labelledLinesHit], [1, 0, 1, 0]);
  });

  it('lists missing copies instead of scoring them, and every disagreement', () => {
    assert.deepEqual(report.missing, [{ id: 'a004', expected: '/cache/a004.py' }]);
    assert.deepEqual(report.disagreements.map((d) => `${d.id}:${d.kind}:${d.label}`).sort(), ['a001:overlap:false', 'a002:serving:false']);
    assert.match(formatReport(report), /a002 \[dev\] serving: label false, analyzer true {2}o\/r\/app\.py {2}\(line 5; line 9\)/);
  });

  it('records an analyzer that throws as an error, not as a clean file', () => {
    const r = scoreCorpus(entries.slice(0, 1), ['dev'], () => 'x', () => '', () => { throw new Error('boom'); });
    assert.deepEqual(r.errors, [{ id: 'a001', message: 'analyzer threw: boom' }]);
    assert.equal(r.splits.dev!.files, 0);
  });
});
