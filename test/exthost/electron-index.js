// extensionTestsPath for @vscode/test-electron: VS Code calls run() inside the extension host.
// The suite files and log path come from the environment set by electron.mjs.
const { runSuites } = require('./runner/mochaRun');

exports.run = async function run() {
  const cfg = JSON.parse(process.env.SKEWER_EXTHOST_CONFIG);
  const failures = await runSuites(cfg);
  if (failures) throw new Error(`${failures} extension-host test(s) failed`);
};
