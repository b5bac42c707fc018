import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { cellLabel, lineLabel } from '../../../src/core/cellNumbers';
import { confirmWithRuns } from '../../../src/core/checks';
import type { Finding } from '../../../src/core/findings/finding';
import { esc, evidenceFacts, hoverMarkdown, hoverText, runLine } from '../../../src/core/findings/hoverText';
import { listRuns } from '../../../src/core/runlog';
import { analyzeDocument } from '../../../src/core/static';
import { RunFolderTraceSource } from '../../../src/core/trace';
import { EXAMPLE_RUNS } from '../runlog/helpers';

const REPO = path.resolve(__dirname, '../../..');

async function confirmed(rel: string): Promise<Finding[]> {
  const runs = (await listRuns([EXAMPLE_RUNS])).runs;
  const findings = analyzeDocument({ path: rel, text: readFileSync(path.join(REPO, rel), 'utf8') }).findings;
  return confirmWithRuns(findings, runs, { workspaceRoot: REPO, source: (r) => new RunFolderTraceSource(r.dir) });
}

const base = (over: Partial<Finding>): Finding => ({
  ruleId: 'leakage/preprocessing', severity: 'warning', message: '`StandardScaler` is fitted on rows that later end up in the test split (line 39).',
  location: { file: 'train.py', line: 35, col: 1, endLine: 35, endCol: 10 }, related: [], evidence: {}, fixes: [], source: 'static', ...over,
});

describe('findings/hoverText: what the hover adds to the diagnostic', function () {
  this.timeout(30000);

  it('numbers notebook cells as VS Code does', () => {
    assert.equal(cellLabel(4, 6), 'Cell 5 of 6');
    assert.equal(cellLabel(4), 'Cell 5');
    assert.equal(lineLabel({ line: 1, cell: 4 }, 6), 'Cell 5 of 6, line 1');
    assert.equal(lineLabel({ line: 12 }), 'line 12');
  });

  it('never repeats the diagnostic message nor shows raw evidence keys (churn/train.py, confirmed by its run)', async () => {
    const findings = await confirmed('examples/churn/train.py');
    const scaler = findings.find((f) => f.ruleId === 'leakage/preprocessing' && f.location.line === 35)!;
    const md = hoverMarkdown(scaler, { linkTo: () => 'command:vscode.open' });
    const plain = md.replace(/\\(.)/g, '$1');
    assert.ok(!plain.includes(scaler.message), 'the message is shown by VS Code above the hover, not again');
    for (const raw of ['kind:', 'splitLine', 'reason:', 'transformer:', 'testRowsInFit']) assert.ok(!plain.includes(raw), `no raw field ${raw} in:\n${plain}`);
    assert.match(plain, /\$\(check\) \*\*Confirmed by the recorded run:\*\* StandardScaler fitted on 1,923 rows; 481 of them end up in the test split made at line 39/);
    assert.match(plain, /- \[split made here \(line 39\)\]\(command:vscode\.open\)/);
    assert.match(plain, /^\*\*Skewer · Preprocessing fitted on rows that reach the test set\*\* `leakage\/preprocessing`/);
    for (const f of findings) {
      const facts = evidenceFacts(f).join(' | ');
      assert.doesNotMatch(facts, /\b(kind|reason|splitLine|fitLine|trainRunId|attribute|learnedDiffers)\b/, `${f.ruleId}: ${facts}`);
    }
  });

  it('names features by name in the refit evidence (churn/serve.py)', async () => {
    const refit = (await confirmed('examples/churn/serve.py')).find((f) => f.ruleId === 'mismatch/refit-at-inference')!;
    const h = hoverText(refit);
    assert.match(h.run!.text, /mean of age [\d.]+ in training vs [\d.]+ here/);
    assert.doesNotMatch(h.run!.text, /mean_\[/);
  });

  it('numbers the cells of a notebook finding and its related split one way (credit.ipynb)', async () => {
    const overlap = (await confirmed('examples/notebooks/credit.ipynb')).find((f) => f.ruleId === 'leakage/overlap')!;
    assert.equal(overlap.location.cell, 4, 'recorded index 4 is the fifth cell');
    assert.match(overlap.message, /\(Cell 6, line 5\)/, 'the message numbers the split cell as VS Code does');
    const h = hoverText(overlap, 10);
    assert.deepEqual(h.related.map((r) => r.text), ['split made here (Cell 6 of 10, line 5)']);
    assert.match(h.run!.text, /split at Cell 6, line 5/);
    assert.doesNotMatch(JSON.stringify(h), /cell 5|cell 4/, 'no 0-based cell numbers anywhere');
  });

  it('a run that does not cover the finding reads as neutral, not as a verdict', () => {
    const l = runLine({ status: 'no-run', message: 'run r1 did not execute line 35 of train.py (or the code has moved since that run), so it neither confirms nor rules out this finding' });
    assert.equal(l.icon, 'info');
    assert.equal(l.heading, 'No recorded run covers this yet');
    assert.doesNotMatch(`${l.heading} ${l.text}`, /does not show|wrong|false/);
    assert.equal(runLine({ status: 'not-confirmed', message: 'x' }).heading, 'Not seen in the recorded run');
  });

  it('keeps facts the message does not state, in words, and escapes markdown from code and data', () => {
    const f = base({
      evidence: { transformer: 'StandardScaler', kind: 'transformer', splitLine: 39, reason: 'split' },
      confirmation: { status: 'confirmed', message: 'fitted on 1,923 rows', evidence: { fitRows: 1923, testRowsInFit: 481, correlation: 0.73 } },
    });
    assert.deepEqual(evidenceFacts(f), ['test rows among them: 481', 'correlation with the label: 0.73'], 'the split line, 1,923 and StandardScaler are already said');
    const quiet = { ...f, message: '`StandardScaler` is fitted on rows that later end up in the test split.' };
    assert.deepEqual(evidenceFacts(quiet)[0], 'split at line 39', 'a line no text or link names is kept');
    assert.deepEqual(evidenceFacts({ ...quiet, related: [{ location: { ...f.location, line: 39 }, message: 'split made here' }] })[0], 'test rows among them: 481', 'a link already points there');
    assert.equal(esc('df[df.a > 1]*'), 'df\\[df\\.a \\> 1\\]\\*');
    const md = hoverMarkdown(base({ confirmation: { status: 'confirmed', message: 'look at [this](command:evil) $(bug)' } }));
    assert.ok(!md.includes('[this](command:evil)'), 'links in data are not live');
    assert.ok(!md.includes('$(bug)'), 'codicons in data are not rendered');
  });
});
