// `npm run demo`: builds and packages Skewer, installs it into a local VS Code, and opens the
// bundled example workspace (examples/, with its recorded runs). Uses the desktop `code` CLI when
// one is on PATH (and SKEWER_DEMO_BROWSER is not set); otherwise a local code-server, whose URL is
// printed: open it in a browser. Ctrl+C stops the server.
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAndPackage } from './package-vsix.mjs';
import { createProfile, startCodeServer } from './codeServer.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const examples = path.join(root, 'examples');
const vsix = buildAndPackage();
console.log(`built ${path.relative(root, vsix)}`);

const desktop = !process.env.SKEWER_DEMO_BROWSER && spawnSync('code', ['--version'], { encoding: 'utf8' }).status === 0;
if (desktop) {
  execFileSync('code', ['--install-extension', vsix, '--force'], { stdio: 'inherit' });
  execFileSync('code', [examples], { stdio: 'inherit' });
  console.log(`opened ${examples} in VS Code with Skewer installed`);
} else {
  // A throw-away profile that only ever opens the bundled examples, so it runs with workspace trust
  // off (the test settings); in your own VS Code, Skewer asks for trust as usual.
  const profile = createProfile({ name: 'demo', vsix: [vsix] });
  const server = await startCodeServer(profile, process.env.PORT ? { port: Number(process.env.PORT) } : {});
  const url = server.folderUrl(examples);
  console.log(`\nSkewer demo is running in code-server (VS Code in the browser):\n\n  ${url}\n\nOpen the Skewer icon in the activity bar. Press Ctrl+C to stop.`);
  if (process.env.SKEWER_DEMO_CHECK) {
    const res = await fetch(url);
    console.log(`demo check: HTTP ${res.status}`);
    await server.stop();
    process.exit(res.ok ? 0 : 1);
  }
  const stop = async () => {
    await server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  await new Promise(() => {});
}
