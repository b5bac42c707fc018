/**
 * Before recording: does the chosen interpreter start, and does it have the Python and the pandas /
 * numpy / scikit-learn versions the bundled recorder supports? Answers in a few hundred
 * milliseconds (package metadata, no pandas import) and never hangs (timeout). The version logic
 * (requirements.ts, with its TOML and PEP 440 libraries) lives in the lazily loaded heavy bundle.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { heavy } from '../lazy/load';
import { describeSource, type Interpreter } from './interpreter';
import type { EnvironmentProblem, ProbeReport, RecorderRequirements } from './requirements';

const PROBE_TIMEOUT_MS = 30_000;

export type PreflightResult =
  | { ok: true; report: ProbeReport; requirements: RecorderRequirements }
  | { ok: false; reason: 'not-found' | 'broken'; message: string }
  | { ok: false; reason: 'requirements'; message: string; report: ProbeReport; problems: EnvironmentProblem[]; requirements: RecorderRequirements };

export async function recorderRequirements(recorderDir: string): Promise<RecorderRequirements> {
  const file = path.join(recorderDir, 'pyproject.toml');
  return heavy().readRecorderRequirements(await fs.readFile(file, 'utf8'), file);
}

function probe(command: string, names: string[], cwd: string): Promise<{ stdout: string; stderr: string; error?: NodeJS.ErrnoException & { killed?: boolean } }> {
  return new Promise((resolve) => {
    execFile(command, ['-c', heavy().PROBE_SCRIPT, ...names], { cwd, timeout: PROBE_TIMEOUT_MS, windowsHide: true, maxBuffer: 1 << 20 }, (error, stdout, stderr) =>
      resolve({ stdout: String(stdout), stderr: String(stderr), ...(error ? { error: error as NodeJS.ErrnoException & { killed?: boolean } } : {}) }),
    );
  });
}

export async function preflight(interpreter: Interpreter, recorderDir: string, cwd: string): Promise<PreflightResult> {
  const requirements = await recorderRequirements(recorderDir);
  const { stdout, stderr, error } = await probe(interpreter.command, requirements.packages.map((p) => p.name), cwd);
  const who = `"${interpreter.command}" (${describeSource(interpreter)})`;
  if (error && (error.code === 'ENOENT' || error.code === 'EACCES')) {
    return { ok: false, reason: 'not-found', message: `cannot run Python: ${who} ${error.code === 'ENOENT' ? 'was not found' : 'is not executable'}.` };
  }
  if (error?.killed) return { ok: false, reason: 'broken', message: `${who} did not answer within ${PROBE_TIMEOUT_MS / 1000} s.` };
  let report: ProbeReport;
  try {
    if (error) throw new Error(stderr.trim().split('\n').slice(-3).join(' ') || error.message);
    report = heavy().parseProbeOutput(stdout);
  } catch (err) {
    return { ok: false, reason: 'broken', message: `${who} failed: ${err instanceof Error ? err.message : String(err)}` };
  }
  const problems = await heavy().environmentProblems(report, requirements);
  if (problems.length === 0) return { ok: true, report, requirements };
  return { ok: false, reason: 'requirements', message: '', report, problems, requirements };
}
