// Installed only into the throw-away test profile. On startup it reads config.json (written next
// to this file by test/exthost/run.mjs), runs the listed mocha suites inside this extension host
// with the real `vscode` API, and writes a result file that the harness waits for. Suite bundles
// live in this folder so their `require('vscode')` is attributed to this extension.
const fs = require('fs');
const path = require('path');
const { runSuites } = require('./mochaRun');

exports.activate = function activate() {
  const cfgPath = path.join(__dirname, 'config.json');
  if (!fs.existsSync(cfgPath)) return;
  const cfg = JSON.parse(fs.readFileSync(cfgPath, 'utf8'));
  runSuites({ ...cfg, files: cfg.files.map((f) => path.join(__dirname, f)) })
    .then((failures) => fs.writeFileSync(cfg.resultFile, JSON.stringify({ failures })))
    .catch((err) => {
      fs.appendFileSync(cfg.logFile, JSON.stringify({ event: 'fail', title: 'runner', error: String((err && err.stack) || err) }) + '\n');
      fs.writeFileSync(cfg.resultFile, JSON.stringify({ failures: 1, error: String(err) }));
    });
};
exports.deactivate = function deactivate() {};
