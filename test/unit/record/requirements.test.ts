import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  describeProblem,
  environmentProblems,
  parseProbeOutput,
  parseRequirement,
  pipArguments,
  PROBE_SCRIPT,
  readRecorderRequirements,
  type ProbeReport,
} from '../../../src/extension/record/requirements';

const PYPROJECT = path.resolve(__dirname, '../../../recorder/pyproject.toml');
const DEBIAN_PYTHON = '/usr/bin/python3';

describe('record/requirements: the recorder supported range against a probed interpreter', () => {
  it('parses PEP 508 requirement strings', () => {
    assert.deepEqual(parseRequirement('pandas>=1.3'), { name: 'pandas', spec: '>=1.3' });
    assert.deepEqual(parseRequirement('scikit-learn >= 1.0, <2'), { name: 'scikit-learn', spec: '>=1.0,<2' });
    assert.deepEqual(parseRequirement('numpy (>=1.20)'), { name: 'numpy', spec: '>=1.20' });
    assert.deepEqual(parseRequirement("pyarrow[all]>=8; python_version < '3.13'"), { name: 'pyarrow', spec: '>=8' });
    assert.deepEqual(parseRequirement('pandas'), { name: 'pandas', spec: '' });
    assert.throws(() => parseRequirement('>=1.0'), /not a requirement/);
  });

  it("reads the recorder's own pyproject.toml: Python and the pandas / numpy / scikit-learn range", async () => {
    const reqs = await readRecorderRequirements(readFileSync(PYPROJECT, 'utf8'));
    assert.match(reqs.python, /^>=3\.\d+/);
    assert.deepEqual(reqs.packages.map((p) => p.name).sort(), ['numpy', 'pandas', 'scikit-learn']);
    assert.ok(reqs.packages.every((p) => p.spec.startsWith('>=')), JSON.stringify(reqs.packages));
    await assert.rejects(readRecorderRequirements('[project\nname = 1', '/x/pyproject.toml'), /\/x\/pyproject.toml: not valid TOML/);
    await assert.rejects(readRecorderRequirements('[project]\nname = "x"\n', 'p.toml'), /p.toml: no \[project\] dependencies list/);
  });

  it('finds problems: Python too old, a package missing, a package too old; pip arguments for the fixable ones', async () => {
    const reqs = { python: '>=3.9', packages: [{ name: 'pandas', spec: '>=1.3' }, { name: 'numpy', spec: '>=1.20' }, { name: 'scikit-learn', spec: '>=1.0,<2' }] };
    const report: ProbeReport = { python: '3.8.10', executable: '/x/python', packages: { pandas: '1.2.5', numpy: '1.26.4', 'scikit-learn': null } };
    const problems = await environmentProblems(report, reqs);
    assert.deepEqual(problems, [
      { kind: 'python', found: '3.8.10', spec: '>=3.9' },
      { kind: 'version', name: 'pandas', found: '1.2.5', spec: '>=1.3' },
      { kind: 'missing', name: 'scikit-learn', spec: '>=1.0,<2' },
    ]);
    assert.deepEqual(problems.map(describeProblem), [
      'Python 3.8.10 is too old (the recorder needs Python >=3.9)',
      'pandas 1.2.5 is not supported (the recorder needs pandas>=1.3)',
      'scikit-learn is not installed (the recorder needs scikit-learn>=1.0,<2)',
    ]);
    assert.deepEqual(pipArguments(problems), ['pandas>=1.3', 'scikit-learn>=1.0,<2']);
    // Local build tags (Debian's "+dfsg") and pre-releases compare by PEP 440 rules.
    const ok = await environmentProblems({ python: '3.11.2', executable: '', packages: { pandas: '1.5.3+dfsg', numpy: '2.0.0rc1', 'scikit-learn': '1.2.1' } }, reqs);
    assert.deepEqual(ok, []);
    assert.deepEqual(await environmentProblems({ python: '3.11.2', executable: '', packages: { pandas: '2.2.0', numpy: '1.26.4', 'scikit-learn': '2.0.0' } }, reqs), [
      { kind: 'version', name: 'scikit-learn', found: '2.0.0', spec: '>=1.0,<2' },
    ]);
  });

  it('rejects probe output that is not a report, saying what was printed', () => {
    assert.throws(() => parseProbeOutput('Python 2.7 says hi\n'), /unexpected output from the interpreter: "Python 2.7 says hi\\n"/);
    assert.throws(() => parseProbeOutput('{"python": 3}'), /unexpected output/);
    assert.equal(parseProbeOutput('noise\n{"python": "3.11.2", "executable": "/p", "packages": {}}\n').python, '3.11.2');
  });

  (existsSync(DEBIAN_PYTHON) ? it : it.skip)("probes a real interpreter: Debian's Python meets the range; without site-packages pandas is missing", async () => {
    const reqs = await readRecorderRequirements(readFileSync(PYPROJECT, 'utf8'));
    const names = reqs.packages.map((p) => p.name);
    const full = parseProbeOutput(execFileSync(DEBIAN_PYTHON, ['-c', PROBE_SCRIPT, ...names], { encoding: 'utf8' }));
    assert.match(full.python, /^3\.\d+\.\d+$/);
    assert.ok(full.packages.pandas && full.packages['scikit-learn'] && full.packages.numpy, JSON.stringify(full));
    assert.deepEqual(await environmentProblems(full, reqs), []);
    // -S: no site-packages, as in a fresh virtual environment.
    const bare = parseProbeOutput(execFileSync(DEBIAN_PYTHON, ['-S', '-c', PROBE_SCRIPT, ...names], { encoding: 'utf8' }));
    assert.deepEqual((await environmentProblems(bare, reqs)).map((p) => p.kind), ['missing', 'missing', 'missing']);
  });
});
