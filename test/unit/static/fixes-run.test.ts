import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyzeDocument } from '../../../src/core/static/index';
import type { Finding, TextEdit } from '../../../src/core/findings/finding';
import { applyEdits, notebook } from './helpers';

/**
 * Every quick fix the static engine offers must produce code that runs. The scripts in
 * fixtures/runnable/ are leaky train and serve scripts over small generated data; each marks the
 * flagged line with `# fixes: N` (how many fixes the finding must offer; 0 = no mechanical fix).
 * make_artifacts.py (a clean training script) writes the data and the fitted artifacts first.
 * Each fix is applied as the editor applies it (the finding's edits), the fixed script is run with
 * /usr/bin/python3 and must succeed (serving scripts must then predict what the training pipeline
 * predicts), and re-analysis must no longer report the finding. A notebook case checks fixes whose
 * edits span cells: it runs as its code cells in order.
 */
const DIR = path.join(__dirname, 'fixtures', 'runnable');
const PYTHON = '/usr/bin/python3';

/**
 * Runs each script as __main__ in a fresh namespace of one Python process (pandas and
 * scikit-learn are imported once, not once per script) and reports exit status and stdout.
 */
const DRIVER = `
import contextlib, io, json, os, runpy, sys, traceback
root, scripts = sys.argv[1], json.loads(sys.argv[2])
report = {}
for script in scripts:
    os.chdir(root)
    sys.argv = [script]
    out, error = io.StringIO(), None
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(script, run_name="__main__")
    except SystemExit as e:
        if e.code not in (None, 0):
            error = "exit status %r" % (e.code,)
    except BaseException:
        error = traceback.format_exc(limit=-4)
    report[script] = {"ok": error is None, "stdout": out.getvalue(), "error": error}
print(json.dumps(report))
`;

interface Run { ok: boolean; stdout: string; error: string | null }

interface Case {
  file: string;
  text: string;
  line: number;
  wantFixes: number;
  finding: Finding | undefined;
  others: Finding[];
  /** `text`: the fixed code to run; `after`: findings of the fixed document. */
  fixed: { title: string; script: string; text: string; after: Finding[] }[];
}

/** A training notebook that fits its scaler in one cell and splits the data in a later one. */
const NOTEBOOK = notebook([
  { source: '# Churn model: scaling, then the split', markdown: true },
  { source: 'from sklearn.datasets import make_classification\nfrom sklearn.linear_model import LogisticRegression\nfrom sklearn.model_selection import train_test_split\nfrom sklearn.preprocessing import StandardScaler\nX, y = make_classification(n_samples=200, n_features=5, random_state=4)\nsc = StandardScaler()' },
  { source: 'X = sc.fit_transform(X)  # fixes: 1' },
  { source: 'X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=4)\nclf = LogisticRegression().fit(X_train, y_train)\nprint("test accuracy", clf.score(X_test, y_test))' },
]);

/** The notebook with each cell's edits applied (cell-relative lines, as the editor applies them). */
function fixNotebook(text: string, edits: TextEdit[]): string {
  const nb = JSON.parse(text) as { cells: { source: string[] | string }[] };
  nb.cells.forEach((c, i) => {
    const src = Array.isArray(c.source) ? c.source.join('') : c.source;
    c.source = applyEdits(src, edits.filter((e) => e.location.cell === i)).split(/(?<=\n)/);
  });
  return JSON.stringify(nb);
}

/** The code cells in order, as one script. */
function notebookScript(text: string): string {
  const nb = JSON.parse(text) as { cells: { cell_type: string; source: string[] | string }[] };
  return nb.cells.filter((c) => c.cell_type === 'code').map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source) + '\n').join('');
}

function notebookCase(): Case {
  const file = 'train_notebook.ipynb';
  const findings = analyzeDocument({ path: file, text: NOTEBOOK }).findings;
  const finding = findings.find((f) => f.location.cell === 2 && f.location.line === 1);
  const script = 'train_notebook_cells.py';
  return {
    file: script, text: notebookScript(NOTEBOOK), line: 1, wantFixes: 1, finding, others: findings.filter((f) => f !== finding),
    fixed: (finding?.fixes ?? []).map((fx, i) => {
      const nb = fixNotebook(NOTEBOOK, fx.edits);
      return { title: fx.title, script: path.join(`fixed${i}`, script), text: notebookScript(nb), after: analyzeDocument({ path: file, text: nb }).findings };
    }),
  };
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.py') && f !== 'make_artifacts.py').sort()) {
    const text = fs.readFileSync(path.join(DIR, file), 'utf8');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => /# fixes: \d+/.test(l)) + 1;
    if (!line) throw new Error(`${file}: no "# fixes: N" marker`);
    const wantFixes = Number(/# fixes: (\d+)/.exec(lines[line - 1])![1]);
    const findings = analyzeDocument({ path: file, text }).findings;
    const finding = findings.find((f) => f.location.line === line);
    const fixed = (finding?.fixes ?? []).map((fx, i) => {
      const after = applyEdits(text, fx.edits);
      return { title: fx.title, script: path.join(`fixed${i}`, file), text: after, after: analyzeDocument({ path: file, text: after }).findings };
    });
    out.push({ file, text, line, wantFixes, finding, others: findings.filter((f) => f !== finding), fixed });
  }
  out.push(notebookCase());
  return out;
}

describe('static quick fixes produce code that runs (fixtures/runnable, /usr/bin/python3)', function () {
  this.timeout(120000);
  const all = cases();
  let work = '';
  let runs: Record<string, Run> = {};
  let expected: number[] = [];

  before(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'skewer-fixes-'));
    for (const f of fs.readdirSync(DIR)) fs.copyFileSync(path.join(DIR, f), path.join(work, f));
    fs.writeFileSync(path.join(work, 'train_notebook_cells.py'), notebookScript(NOTEBOOK));
    const setup = spawnSync(PYTHON, ['make_artifacts.py'], { cwd: work, encoding: 'utf8' });
    assert.equal(setup.status, 0, `make_artifacts.py failed (needs ${PYTHON} with pandas and scikit-learn):\n${setup.stderr}`);
    expected = JSON.parse(fs.readFileSync(path.join(work, 'artifacts', 'expected.json'), 'utf8')) as number[];
    const scripts: string[] = [];
    for (const c of all) {
      scripts.push(c.file);
      for (const f of c.fixed) {
        fs.mkdirSync(path.join(work, path.dirname(f.script)), { recursive: true });
        fs.writeFileSync(path.join(work, f.script), f.text);
        scripts.push(f.script);
      }
    }
    const r = spawnSync(PYTHON, ['-c', DRIVER, work, JSON.stringify(scripts)], { cwd: work, encoding: 'utf8', env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    assert.equal(r.status, 0, r.stderr);
    runs = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, Run>;
  });

  after(() => { if (work) fs.rmSync(work, { recursive: true, force: true }); });

  for (const c of all) {
    it(`${c.file}: flagged at line ${c.line} with ${c.wantFixes} fix(es); the leaky original runs`, () => {
      assert.ok(c.finding, `no finding at line ${c.line}`);
      assert.equal(c.finding.fixes.length, c.wantFixes, JSON.stringify(c.finding.fixes));
      const run = runs[c.file];
      assert.ok(run.ok, run.error ?? '');
    });

    if (c.wantFixes) {
      it(`${c.file}: each fix runs, clears the finding and changes nothing else`, () => {
        for (const f of c.fixed) {
          const run = runs[f.script];
          assert.ok(run.ok, `${f.title}\n--- fixed script ---\n${f.text}\n--- error ---\n${run.error}`);
          const again = f.after;
          assert.deepEqual(again.filter((g) => g.ruleId === c.finding!.ruleId).map((g) => `${g.location.line}: ${g.message}`), [], f.title);
          assert.deepEqual(again.map((g) => g.ruleId).sort(), c.others.map((g) => g.ruleId).sort());
          if (c.file.startsWith('serve_')) {
            // The fixed serving path predicts what the training pipeline predicts for the batch.
            const got = JSON.parse(run.stdout.trim().split('\n').pop()!) as number[];
            assert.deepEqual(got, expected, f.title);
          }
        }
      });
    }
  }
});
