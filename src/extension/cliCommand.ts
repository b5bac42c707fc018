/**
 * "Skewer: Copy Command Line for `skewer check`": the installed extension ships the CLI
 * (dist/cli.js, the same engine as the editor), so a terminal can run it without installing
 * anything: `node "<extension folder>/dist/cli.js" check`. CI installs the npm package instead
 * (README, "Check in CI").
 */
import type * as vscode from 'vscode';
import path from 'node:path';
import { copyCommandLine } from './copyCommand';

/** `node <cli.js> check`, the path quoted when a shell would split or expand it. */
export function bundledCliCommand(extensionPath: string): string {
  const cli = path.join(extensionPath, 'dist', 'cli.js');
  return `node ${/^[\w@%+=:,./\\-]+$/.test(cli) ? cli : `"${cli}"`} check`;
}

/** Copies the command to the clipboard and returns it (tests read the return value). */
export function copyCliCommand(context: vscode.ExtensionContext): Promise<string> {
  return copyCommandLine(
    bundledCliCommand(context.extensionPath),
    'run it from your project folder (add paths, --format sarif, --fail-on warning); in CI use `npx --package skewer-ml skewer check`.',
  );
}
