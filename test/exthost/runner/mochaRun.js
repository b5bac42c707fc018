// Runs mocha suites inside a VS Code extension host and reports one JSON line per test to
// cfg.logFile; resolves with the number of failures. Shared by the code-server runner extension
// (runner.js) and the @vscode/test-electron entry (../electron-index.js).
const fs = require('fs');

exports.runSuites = function runSuites(cfg) {
  const write = (obj) => fs.appendFileSync(cfg.logFile, JSON.stringify(obj) + '\n');
  const Mocha = require(cfg.mochaPath);
  const { EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_RUN_END } = Mocha.Runner.constants;
  function Reporter(runner) {
    Mocha.reporters.Base.call(this, runner);
    runner.on(EVENT_TEST_PASS, (t) => write({ event: 'pass', title: t.fullTitle(), ms: t.duration }));
    runner.on(EVENT_TEST_PENDING, (t) => write({ event: 'skip', title: t.fullTitle() }));
    runner.on(EVENT_TEST_FAIL, (t, err) => write({ event: 'fail', title: t.fullTitle(), error: String((err && err.stack) || err) }));
    runner.once(EVENT_RUN_END, () => write({ event: 'end', stats: runner.stats }));
  }
  const mocha = new Mocha({ ui: 'tdd', timeout: cfg.timeout || 60000, color: false, reporter: Reporter });
  for (const f of cfg.files) mocha.addFile(f);
  return new Promise((resolve) => mocha.run(resolve));
};
