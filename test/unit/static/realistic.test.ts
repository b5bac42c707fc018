import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeDocument } from '../../../src/core/static/index';

/**
 * Whole programs written in several styles (fixtures/): `clean_*` must produce no finding;
 * `leaky_*` mark each expected finding with `# want: <rule>` on its line, and nothing else may fire.
 */
const DIR = path.join(__dirname, 'fixtures');

describe('static analyzer on realistic programs', () => {
  for (const file of fs.readdirSync(DIR).filter((f) => f.endsWith('.py')).sort()) {
    it(file, () => {
      const text = fs.readFileSync(path.join(DIR, file), 'utf8');
      const want = text.split('\n').flatMap((l, i) => {
        const m = /# want: ([\w/-]+(?:\s*,\s*[\w/-]+)*)/.exec(l);
        return m ? m[1].split(',').map((r) => `${i + 1}:${r.trim()}`) : [];
      }).sort();
      const got = analyzeDocument({ path: file, text }).findings.map((f) => `${f.location.line}:${f.ruleId}`).sort();
      if (file.startsWith('clean_')) assert.deepEqual(want, [], 'clean fixtures carry no expectations');
      else assert.ok(want.length > 0, 'leaky fixtures carry expectations');
      assert.deepEqual(got, want);
    });
  }
});
