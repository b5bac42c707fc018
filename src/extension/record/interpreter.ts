/**
 * Which Python runs a recording: the interpreter selected in the Python extension for the file (its
 * public environments API), else the `skewer.python.interpreter` setting, else `python3` on PATH.
 */
import * as vscode from 'vscode';
import os from 'node:os';
import path from 'node:path';
import { PVSC_EXTENSION_ID, PythonExtension } from '@vscode/python-extension';

export type InterpreterSource = 'python-extension' | 'setting' | 'path';

export interface Interpreter {
  /** Executable path or command name. */
  command: string;
  source: InterpreterSource;
}

export const INTERPRETER_SETTING = 'skewer.python.interpreter';

/** Where the interpreter came from, in words for messages. */
export function describeSource(i: Interpreter): string {
  switch (i.source) {
    case 'python-extension':
      return 'the interpreter selected in the Python extension';
    case 'setting':
      return `the ${INTERPRETER_SETTING} setting`;
    case 'path':
      return `python3 on PATH (no Python extension, ${INTERPRETER_SETTING} not set)`;
  }
}

export const pythonExtensionInstalled = (): boolean => vscode.extensions.getExtension(PVSC_EXTENSION_ID) !== undefined;

/**
 * The interpreter for `file`. A Python extension that fails or has no environment for the file falls
 * through to the setting, and the reason is returned so the message can say it.
 */
export async function chooseInterpreter(file: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): Promise<{ interpreter: Interpreter; note?: string }> {
  let note: string | undefined;
  if (pythonExtensionInstalled()) {
    try {
      const api = await PythonExtension.api();
      const envPath = api.environments.getActiveEnvironmentPath(file);
      const env = await api.environments.resolveEnvironment(envPath);
      const exe = env?.executable.uri?.fsPath;
      if (exe) return { interpreter: { command: exe, source: 'python-extension' } };
      note = `the Python extension has no interpreter for ${path.basename(file.fsPath)} (${envPath.path})`;
    } catch (err) {
      note = `the Python extension did not answer (${err instanceof Error ? err.message : String(err)})`;
    }
  }
  const setting = vscode.workspace.getConfiguration('skewer', file).get<string>('python.interpreter', '').trim();
  if (setting) {
    let command = setting.replace(/^~(?=$|\/)/, os.homedir());
    if (folder) command = command.replaceAll('${workspaceFolder}', folder.uri.fsPath);
    // "venv/bin/python" means the workspace's venv, not a path relative to wherever the task starts.
    if (folder && command.includes('/') && !path.isAbsolute(command)) command = path.resolve(folder.uri.fsPath, command);
    return { interpreter: { command, source: 'setting' }, ...(note ? { note } : {}) };
  }
  return { interpreter: { command: 'python3', source: 'path' }, ...(note ? { note } : {}) };
}
