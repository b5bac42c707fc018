// Installed only into the throw-away test profile. On startup it reads config.json (written next
// to this file by test/exthost/run.mjs), runs the listed mocha suites inside this extension host
// with the real `vscode` API, streams one JSON line per test to the log file, and writes a result
// file that the harness waits for. Suite bundles live in this folder so their `require('vscode')`
// is attributed to this extension.
const fs = require('fs');
const path = require('path');

exports.activate = function activate() {
  const cfgPath = path.join(__dirname, 'config.json');
  if (!fs.existsSync(cfgPath)) return;
  const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8'));
  const write = (obj) => fs.appendFileSync(cfg.logFile, JSON.stringify(obj) + '\n');
  try {
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
    for (const f of cfg.files) mocha.addFile(path.join(__dirname, f));
    mocha.run((failures) => {
      fs.writeFileSync(cfg.resultFile, JSON.stringify({ failures }));
    });
  } catch (err) {
    write({ event: 'fail', title: 'runner', error: String((err && err.stack) || err) });
    fs.writeFileSync(cfg.resultFile, JSON.stringify({ failures: 1, error: String(err) }));
  }
};
exports.deactivate = function deactivate() {};
