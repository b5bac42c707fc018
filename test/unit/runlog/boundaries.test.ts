import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

describe('runlog/boundaries', () => {
  it('core run-log code never imports vscode (it also runs in the CLI and in workers)', () => {
    const dir = path.resolve(__dirname, '../../../src/core/runlog');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 5);
    for (const f of files) {
      const text = readFileSync(path.join(dir, f), 'utf8');
      assert.doesNotMatch(text, /from ['"]vscode['"]|require\(['"]vscode['"]\)/, f);
    }
  });
});
