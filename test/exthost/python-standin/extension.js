// A stand-in for the Python extension (id ms-python.python), for Skewer's extension-host tests only.
// It implements the part of the public environments API that @vscode/python-extension describes and
// Skewer uses (getActiveEnvironmentPath, resolveEnvironment), answering with the interpreter named in
// the skewerTest.python.interpreter setting, and records the calls so tests can check them.
const fs = require('fs');
const vscode = require('vscode');

exports.activate = function activate(context) {
  const calls = [];
  const selected = () => vscode.workspace.getConfiguration('skewerTest').get('python.interpreter', '');
  const changed = new vscode.EventEmitter();
  context.subscriptions.push(
    changed,
    vscode.commands.registerCommand('python.setInterpreter', () => calls.push({ fn: 'setInterpreter' })),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('skewerTest.python.interpreter')) changed.fire({ id: selected(), path: selected(), resource: undefined });
    }),
  );
  return {
    calls,
    ready: Promise.resolve(),
    environments: {
      known: [],
      onDidChangeActiveEnvironmentPath: changed.event,
      onDidChangeEnvironments: new vscode.EventEmitter().event,
      getActiveEnvironmentPath(resource) {
        const uri = resource && 'uri' in resource ? resource.uri : resource;
        calls.push({ fn: 'getActiveEnvironmentPath', resource: uri ? uri.toString() : undefined });
        return { id: selected(), path: selected() };
      },
      async resolveEnvironment(env) {
        const p = typeof env === 'string' ? env : env.path;
        calls.push({ fn: 'resolveEnvironment', path: p });
        if (!p || !fs.existsSync(p)) return undefined;
        return {
          id: p,
          path: p,
          executable: { uri: vscode.Uri.file(p), bitness: '64-bit', sysPrefix: '/usr' },
          environment: undefined,
          tools: [],
          version: { major: 3, minor: 0, micro: 0, release: { level: 'final', serial: 0 }, sysVersion: undefined },
        };
      },
      async refreshEnvironments() {},
      async updateActiveEnvironmentPath() {},
      getEnvironmentVariables() {
        return process.env;
      },
      onDidEnvironmentVariablesChange: new vscode.EventEmitter().event,
    },
  };
};
exports.deactivate = function deactivate() {};
