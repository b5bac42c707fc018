// Runs the plain-Node unit suites (TypeScript through tsx) with mocha's spec reporter, then
// writes {passes, failures, pending} to $SKEWER_STATS_FILE for test/run-all.mjs.
require('tsx/cjs');
const fs = require('fs');
const path = require('path');
const Mocha = require('mocha');

function collect(dir, out = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) collect(p, out);
    else if (e.name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

const root = path.resolve(__dirname, '..', '..');
const filter = process.argv[2];
const files = collect(path.join(root, 'test', 'unit')).filter((f) => !filter || f.includes(filter)).sort();
const mocha = new Mocha({ ui: 'bdd', timeout: 60000, reporter: 'spec', color: process.stdout.isTTY });
files.forEach((f) => mocha.addFile(f));
const runner = mocha.run((failures) => {
  process.exitCode = failures ? 1 : 0;
});
runner.on('end', () => {
  if (process.env.SKEWER_STATS_FILE) fs.writeFileSync(process.env.SKEWER_STATS_FILE, JSON.stringify(runner.stats));
});
