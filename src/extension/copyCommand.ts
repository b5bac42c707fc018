import * as vscode from 'vscode';

/**
 * Copies a command line for the user to run elsewhere and says so. A browser-hosted VS Code can refuse or
 * stall clipboard access, so the copy gives up after a few seconds and the message shows the line anyway.
 */
export async function copyCommandLine(line: string, hint: string): Promise<string> {
  const copied = await Promise.race([
    vscode.env.clipboard.writeText(line).then(
      () => true,
      () => false,
    ),
    new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
  ]);
  void vscode.window.showInformationMessage(`Skewer: ${copied ? 'copied' : 'could not copy (clipboard unavailable):'} ${line} — ${hint}`);
  return line;
}
