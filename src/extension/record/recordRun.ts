/**
 * "Skewer: Record Run": runs the current script or notebook under the bundled recorder as a VS Code
 * task, only on the user's action and only in a trusted workspace. The run is written to the
 * workspace's first run folder, so the Runs view shows it while it is recorded; when the task ends
 * the run is revealed, findings re-check against it, and a failure, a cancellation or a broken
 * environment each end in a message with the next step.
 */
import * as vscode from 'vscode';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isInside } from '../../core/runFolders';
import type { RunReadResult } from '../../core/runlog/model';
import { heavy } from '../lazy/load';
import { copyCommandLine } from '../copyCommand';
import { configuredRunFolders } from '../runs/runFolders';
import type { RunsModel } from '../runs/runsModel';
import { chooseInterpreter, describeSource, INTERPRETER_SETTING, pythonExtensionInstalled, type Interpreter } from './interpreter';
import { askPhase, isPhase, rememberedPhase, rememberPhase, type Phase } from './phase';
import { preflight } from './preflight';

export const TASK_TYPE = 'skewer-record';
export const CWD_SETTING = 'skewer.record.cwd';

export interface RecordOptions {
  /** Skips the phase question (tests, and callers that know it); remembered like an answer. */
  phase?: Phase;
}

/** What happened; the command returns it (tests read it) after showing the message it carries. */
export interface RecordOutcome {
  status: 'complete' | 'failed' | 'cancelled' | 'refused' | 'environment';
  message: string;
  file?: string;
  phase?: Phase;
  interpreter?: Interpreter;
  /** The folder the code ran in. */
  cwd?: string;
  exitCode?: number;
  runId?: string;
  runDir?: string;
}

export interface RecorderDeps {
  context: vscode.ExtensionContext;
  runs: RunsModel;
  /** Selects the run in the Runs view. */
  revealRun(runId: string): Promise<void>;
}

const RECORDABLE = /\.(py|ipynb)$/i;

function targetFile(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const nb = vscode.window.activeNotebookEditor?.notebook.uri;
  const text = vscode.window.activeTextEditor?.document.uri;
  // A notebook cell's editor has a vscode-notebook-cell: URI; the notebook is what gets recorded.
  return nb ?? (text?.scheme === 'file' ? text : undefined);
}

async function saveIfDirty(file: vscode.Uri): Promise<boolean> {
  const nb = vscode.workspace.notebookDocuments.find((d) => d.uri.toString() === file.toString());
  if (nb?.isDirty) return nb.save();
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file.toString());
  if (doc?.isDirty) return doc.save();
  return true;
}

/** The run the task wrote: the recorder's pid is the task's process id; else the newest new run of the file. */
function findRecordedRun(runs: RunReadResult[], out: string, pid: number | undefined, file: string, startedAt: number): RunReadResult | undefined {
  const inOut = runs.filter((r) => isInside(out, r.run.dir));
  const byPid = pid !== undefined ? inOut.find((r) => r.run.pid === pid && (!r.run.host || r.run.host === os.hostname())) : undefined;
  if (byPid) return byPid;
  return inOut.find((r) => r.run.cwd && r.run.script && path.resolve(r.run.cwd, r.run.script) === file && Date.parse(r.run.startedAt ?? '') >= startedAt - 1000);
}

export class Recorder implements vscode.Disposable {
  /** Files being recorded now → their task; a second Record Run of the same file is refused. */
  private readonly active = new Map<string, vscode.TaskExecution>();

  constructor(private readonly deps: RecorderDeps) {}

  private get recorderDir(): string {
    return path.join(this.deps.context.extensionPath, 'recorder');
  }

  /** `pip install "<bundled recorder>"`, for recording outside VS Code. */
  installCommand(): string {
    return `pip install "${this.recorderDir}"`;
  }

  copyInstallCommand(): Promise<string> {
    return copyCommandLine(
      this.installCommand(),
      "run it in the Python environment of your pipelines (terminal, CI, server), then record with python -m skewer record --phase train your_script.py. The path is this Skewer version's; copy it again after an update.",
    );
  }

  async setPhase(arg: unknown): Promise<Phase | undefined> {
    const file = targetFile(arg);
    if (!file || !RECORDABLE.test(file.fsPath)) {
      void vscode.window.showInformationMessage('Skewer: open a Python script (.py) or notebook (.ipynb) to set the phase it is recorded as.');
      return undefined;
    }
    const phase = await askPhase(file, rememberedPhase(this.deps.context, file));
    if (phase) await rememberPhase(this.deps.context, file, phase);
    return phase;
  }

  async record(arg?: unknown, options: RecordOptions = {}): Promise<RecordOutcome> {
    if (!vscode.workspace.isTrusted) {
      const message = 'Skewer: Record Run runs your code, so it works only in a trusted workspace.';
      void vscode.window.showWarningMessage(message, 'Manage Workspace Trust').then((a) => a && vscode.commands.executeCommand('workbench.trust.manage'));
      return { status: 'refused', message };
    }
    const file = targetFile(arg);
    if (!file || file.scheme !== 'file' || !RECORDABLE.test(file.fsPath)) {
      const message = 'Skewer: open a Python script (.py) or notebook (.ipynb) to record a run of it.';
      void vscode.window.showInformationMessage(message);
      return { status: 'refused', message };
    }
    const folder = vscode.workspace.getWorkspaceFolder(file);
    const rel = folder ? path.relative(folder.uri.fsPath, file.fsPath).split(path.sep).join('/') : path.basename(file.fsPath);
    if (!folder) {
      const message = `Skewer: ${file.fsPath} is outside the open folders. Open the folder that holds it, so the run goes where the Runs view looks.`;
      void vscode.window.showWarningMessage(message);
      return { status: 'refused', message, file: file.fsPath };
    }
    if (this.active.has(file.fsPath)) {
      const message = `Skewer: ${rel} is being recorded already.`;
      void vscode.window.showInformationMessage(message);
      return { status: 'refused', message, file: file.fsPath };
    }
    if (!(await saveIfDirty(file))) {
      const message = `Skewer: ${rel} has unsaved changes that could not be saved; the recorder runs the saved file.`;
      void vscode.window.showWarningMessage(message);
      return { status: 'refused', message, file: file.fsPath };
    }

    const phase = isPhase(options.phase) ? options.phase : (rememberedPhase(this.deps.context, file) ?? (await askPhase(file)));
    if (!phase) return { status: 'cancelled', message: 'Skewer: no phase chosen; nothing recorded.', file: file.fsPath };
    await rememberPhase(this.deps.context, file, phase);

    const out = configuredRunFolders(this.deps.context).folders.find((f) => f.base === folder.uri.fsPath)?.path;
    if (!out) {
      const message = `Skewer: skewer.runFolders names no run folder for ${folder.name}; the recording would not show in the Runs view.`;
      void vscode.window.showErrorMessage(message, 'Open Settings').then((a) => a && vscode.commands.executeCommand('workbench.action.openSettings', 'skewer.runFolders'));
      return { status: 'environment', message, file: file.fsPath, phase };
    }
    if (!fs.existsSync(path.join(this.recorderDir, 'skewer', '__main__.py'))) {
      const message = `Skewer: the recorder is missing from the extension (${this.recorderDir}); reinstall Skewer.`;
      void vscode.window.showErrorMessage(message);
      return { status: 'environment', message, file: file.fsPath, phase };
    }
    const cwdMode = vscode.workspace.getConfiguration('skewer', file).get<string>('record.cwd', 'fileFolder');
    const workdir = cwdMode === 'workspaceFolder' ? folder.uri.fsPath : path.dirname(file.fsPath);

    const { interpreter, note } = await chooseInterpreter(file, folder);
    const base: Pick<RecordOutcome, 'file' | 'phase' | 'interpreter' | 'cwd'> = { file: file.fsPath, phase, interpreter, cwd: workdir };
    const check = await preflight(interpreter, this.recorderDir, folder.uri.fsPath);
    if (!check.ok) return { status: 'environment', message: this.environmentMessage(check, interpreter, note), ...base };

    const execution = await this.startTask(rel, folder, phase, interpreter, out, workdir);
    this.active.set(file.fsPath, execution.execution);
    let ended: { exitCode: number | undefined; pid: number | undefined; cancelled: boolean };
    try {
      ended = await execution.ended;
    } finally {
      this.active.delete(file.fsPath);
    }
    // The task can end (terminal closed) a moment before the recorder has written its last event.
    let run: RunReadResult | undefined;
    for (const deadline = Date.now() + 5000; ; await new Promise((r) => setTimeout(r, 250))) {
      await this.deps.runs.refresh();
      run = findRecordedRun(this.deps.runs.runs, out, ended.pid, file.fsPath, execution.startedAt);
      if ((run && run.run.status !== 'running') || Date.now() > deadline) break;
    }
    if (run) await this.deps.revealRun(run.run.runId);
    return this.report(rel, ended, run, execution.terminalName, base);
  }

  private environmentMessage(check: Exclude<Awaited<ReturnType<typeof preflight>>, { ok: true }>, interpreter: Interpreter, note: string | undefined): string {
    const actions: string[] = [];
    if (pythonExtensionInstalled()) actions.push('Select Interpreter');
    let message: string;
    if (check.reason === 'requirements') {
      const where = `${check.report.executable || interpreter.command} (Python ${check.report.python}, ${describeSource(interpreter)})`;
      message = `Skewer cannot record with ${where}: ${check.problems.map(heavy().describeProblem).join('; ')}.`;
      const pip = heavy().pipArguments(check.problems);
      if (pip.length) {
        actions.unshift('Install in Terminal…');
        message += ` Next step: install ${pip.join(', ')} into that environment, or choose another interpreter.`;
      } else message += ' Next step: choose a newer Python.';
      actions.push('Open Settings');
      void vscode.window.showErrorMessage(message, ...actions).then((a) => this.environmentAction(a, check.report.executable || interpreter.command, pip));
      return message;
    }
    message = `Skewer: ${check.message}${note ? ` (${note})` : ''} Next step: ${pythonExtensionInstalled() ? 'select an interpreter in the Python extension, or ' : ''}set ${INTERPRETER_SETTING} to a Python with pandas and scikit-learn.`;
    actions.push('Open Settings');
    void vscode.window.showErrorMessage(message, ...actions).then((a) => this.environmentAction(a, interpreter.command, []));
    return message;
  }

  private async environmentAction(action: string | undefined, python: string, pip: string[]): Promise<void> {
    if (action === 'Select Interpreter') await vscode.commands.executeCommand('python.setInterpreter');
    else if (action === 'Open Settings') await vscode.commands.executeCommand('workbench.action.openSettings', INTERPRETER_SETTING);
    else if (action === 'Install in Terminal…') {
      // Typed, not run: installing is the user's decision (Enter), in a terminal they can read.
      const term = vscode.window.createTerminal({ name: 'Skewer: install recorder requirements' });
      term.show();
      term.sendText(`"${python}" -m pip install ${pip.map((p) => `"${p}"`).join(' ')}`, false);
    }
  }

  private async startTask(rel: string, folder: vscode.WorkspaceFolder, phase: Phase, interpreter: Interpreter, out: string, workdir: string) {
    const args = ['-m', 'skewer', 'record', '--phase', phase, '--out', out, '--cwd', workdir, rel];
    const pythonPath = [this.recorderDir, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter);
    // The process starts in the workspace folder so the run's pipeline is named by the file's path in
    // the workspace; --cwd moves the code itself to the folder its relative paths expect.
    const exec = new vscode.ProcessExecution(interpreter.command, args, { cwd: folder.uri.fsPath, env: { PYTHONPATH: pythonPath, PYTHONUNBUFFERED: '1' } });
    const name = `Record ${rel} (${phase})`;
    const task = new vscode.Task({ type: TASK_TYPE, file: rel, phase }, folder, name, 'Skewer', exec, []);
    task.presentationOptions = { reveal: vscode.TaskRevealKind.Always, panel: vscode.TaskPanelKind.Dedicated, clear: true, showReuseMessage: false, focus: false };
    const startedAt = Date.now();
    let pid: number | undefined;
    let exitCode: number | undefined;
    let cancelled = false;
    let resolveEnd!: (v: { exitCode: number | undefined; pid: number | undefined; cancelled: boolean }) => void;
    const ended = new Promise<{ exitCode: number | undefined; pid: number | undefined; cancelled: boolean }>((r) => (resolveEnd = r));
    // Events may arrive before executeTask resolves; the name is unique (one recording per file at a time).
    const ours = (e: { execution: vscode.TaskExecution }) => e.execution.task.definition.type === TASK_TYPE && e.execution.task.name === name;
    const subs = [
      vscode.tasks.onDidStartTaskProcess((e) => {
        if (ours(e)) pid = e.processId;
      }),
      vscode.tasks.onDidEndTaskProcess((e) => {
        if (ours(e)) exitCode = e.exitCode;
      }),
      // Fires also when the process never started (nothing to wait for then).
      vscode.tasks.onDidEndTask((e) => {
        if (!ours(e)) return;
        subs.forEach((s) => s.dispose());
        // No exit code: the terminal was killed. 128+N: the recorder ended the run on SIGHUP/SIGINT/SIGTERM.
        resolveEnd({ exitCode, pid, cancelled: cancelled || exitCode === undefined || [129, 130, 143].includes(exitCode) });
      }),
    ];
    const execution = await vscode.tasks.executeTask(task);
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Skewer: recording ${rel} (${phase})`, cancellable: true }, (_progress, token) => {
      token.onCancellationRequested(() => {
        cancelled = true;
        execution.terminate();
      });
      return ended;
    });
    return { execution, ended, startedAt, terminalName: name };
  }

  private report(rel: string, ended: { exitCode: number | undefined; cancelled: boolean }, run: RunReadResult | undefined, terminalName: string, base: Pick<RecordOutcome, 'file' | 'phase' | 'interpreter' | 'cwd'>): RecordOutcome {
    const ids = run ? { runId: run.run.runId, runDir: run.run.dir } : {};
    const code = ended.exitCode !== undefined ? { exitCode: ended.exitCode } : {};
    const showOutput = () => {
      const term = vscode.window.terminals.find((t) => t.name.includes(terminalName));
      if (term) term.show();
      else void vscode.commands.executeCommand('workbench.action.terminal.focus');
    };
    const openRun = () => run && this.deps.revealRun(run.run.runId);
    const act = (a: string | undefined) => (a === 'Show Output' ? showOutput() : a === 'Open Run' ? openRun() : undefined);
    if (ended.cancelled) {
      const shown = run ? ` The run shows as ${run.run.status === 'running' ? 'stopped' : run.run.status} in the Runs view.` : '';
      const message = `Skewer: recording of ${rel} was cancelled.${shown}`;
      void vscode.window.showWarningMessage(message, ...(run ? ['Open Run'] : []), 'Show Output').then(act);
      return { status: 'cancelled', message, ...code, ...ids, ...base };
    }
    if (ended.exitCode === 0 && run) {
      const h = heavy();
      const message = `Skewer: recorded ${rel} — ${h.runSummary(run.run)}. Run ${run.run.runId} is in ${path.dirname(run.run.dir)}.`;
      void vscode.window.showInformationMessage(message, 'Show Output').then(act);
      return { status: 'complete', message, ...code, ...ids, ...base };
    }
    if (!run) {
      const message = `Skewer: ${rel} exited with code ${ended.exitCode ?? '?'} before the recorder wrote a run. See the task output for why.`;
      void vscode.window.showErrorMessage(message, 'Show Output').then(act);
      return { status: 'failed', message, ...code, ...base };
    }
    const err = run.run.error?.message.split('\n')[0];
    const where = run.run.error?.location ? ` at line ${run.run.error.location.line}` : '';
    const message = `Skewer: ${rel} failed${err ? `${where}: ${err}` : ` (exit code ${ended.exitCode})`}. The failed run is in the Runs view with every step up to the failure.`;
    void vscode.window.showErrorMessage(message, 'Open Run', 'Show Output').then(act);
    return { status: 'failed', message, ...code, ...ids, ...base };
  }

  dispose(): void {
    for (const e of this.active.values()) e.terminate();
    this.active.clear();
  }
}
