/**
 * What the bundled recorder needs from a Python environment (read from its pyproject.toml, so the
 * range lives in one place) and whether a probed interpreter has it. No `vscode` import: unit-tested
 * in plain Node.
 */
// Both libraries are ES modules; loaded on first use (Record Run), never at activation.
const pep440 = () => import('@renovatebot/pep440');
const toml = () => import('smol-toml');

export interface Requirement {
  /** Distribution name, e.g. "scikit-learn". */
  name: string;
  /** PEP 440 specifier, e.g. ">=1.0" ("" = any version). */
  spec: string;
}

export interface RecorderRequirements {
  python: string;
  packages: Requirement[];
}

/** What the probe script prints about an interpreter. */
export interface ProbeReport {
  python: string;
  executable: string;
  /** Installed version per distribution name; null when not installed. */
  packages: Record<string, string | null>;
}

export type EnvironmentProblem =
  | { kind: 'python'; found: string; spec: string }
  | { kind: 'missing'; name: string; spec: string }
  | { kind: 'version'; name: string; found: string; spec: string };

/** "pandas>=1.3", "scikit-learn >= 1.0, <2", "numpy (>=1.20)", "x[extra]>=1; python_version<'3.12'". */
export function parseRequirement(text: string): Requirement {
  const m = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*\(?\s*([^;)]*?)\s*\)?\s*(?:;.*)?$/.exec(text);
  if (!m) throw new Error(`not a requirement: "${text}"`);
  return { name: m[1]!, spec: m[2]!.replace(/\s+/g, '') };
}

/** Reads `requires-python` and `dependencies` of the recorder's pyproject.toml. */
export async function readRecorderRequirements(pyprojectToml: string, file = 'pyproject.toml'): Promise<RecorderRequirements> {
  const { parse } = await toml();
  let doc: Record<string, unknown>;
  try {
    doc = parse(pyprojectToml) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`${file}: not valid TOML (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`, { cause: err });
  }
  const project = doc.project as { 'requires-python'?: unknown; dependencies?: unknown } | undefined;
  if (!project || !Array.isArray(project.dependencies)) throw new Error(`${file}: no [project] dependencies list`);
  const python = typeof project['requires-python'] === 'string' ? project['requires-python'].replace(/\s+/g, '') : '';
  return { python, packages: project.dependencies.filter((d): d is string => typeof d === 'string').map(parseRequirement) };
}

/**
 * Prints a ProbeReport as one JSON line. Reads installed versions from package metadata (fast: does
 * not import pandas), falling back to importing the module. Runs on Python 2 too, so that an old
 * interpreter is reported as old rather than failing with a syntax error.
 */
export const PROBE_SCRIPT = [
  'import json, sys',
  'try:',
  '    from importlib import metadata',
  'except ImportError:',
  '    metadata = None',
  'MODULES = {"scikit-learn": "sklearn"}',
  'pkgs = {}',
  'for name in sys.argv[1:]:',
  '    v = None',
  '    try:',
  '        v = metadata.version(name)',
  '    except Exception:',
  '        try:',
  '            v = str(__import__(MODULES.get(name, name)).__version__)',
  '        except Exception:',
  '            v = None',
  '    pkgs[name] = v',
  'print(json.dumps({"python": "%d.%d.%d" % tuple(sys.version_info[:3]), "executable": sys.executable, "packages": pkgs}))',
].join('\n');

/** The probe's stdout → report; throws with what was printed when it is not a report. */
export function parseProbeOutput(stdout: string): ProbeReport {
  const line = stdout.trim().split('\n').pop() ?? '';
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    throw new Error(`unexpected output from the interpreter: ${JSON.stringify(stdout.slice(0, 200))}`);
  }
  const r = json as Partial<ProbeReport>;
  if (typeof r.python !== 'string' || typeof r.packages !== 'object' || r.packages === null) throw new Error(`unexpected output from the interpreter: ${line.slice(0, 200)}`);
  return { python: r.python, executable: typeof r.executable === 'string' ? r.executable : '', packages: r.packages };
}

/** Everything the interpreter lacks, in the order of the requirements (Python first). */
export async function environmentProblems(report: ProbeReport, reqs: RecorderRequirements): Promise<EnvironmentProblem[]> {
  const { satisfies, valid } = await pep440();
  const meets = (version: string, spec: string) => {
    if (!spec) return true;
    // Local builds ("1.5.3+dfsg") compare by their public part.
    const publicPart = version.split('+')[0]!;
    // An installed pre-release counts (PEP 440 excludes pre-releases only when choosing what to install).
    return valid(publicPart) !== null && satisfies(publicPart, spec, { prereleases: true });
  };
  const problems: EnvironmentProblem[] = [];
  if (reqs.python && !meets(report.python, reqs.python)) problems.push({ kind: 'python', found: report.python, spec: reqs.python });
  for (const p of reqs.packages) {
    const found = report.packages[p.name];
    if (found === null || found === undefined) problems.push({ kind: 'missing', name: p.name, spec: p.spec });
    else if (!meets(found, p.spec)) problems.push({ kind: 'version', name: p.name, found, spec: p.spec });
  }
  return problems;
}

/** One sentence per problem, for the message the user sees. */
export function describeProblem(p: EnvironmentProblem): string {
  switch (p.kind) {
    case 'python':
      return `Python ${p.found} is too old (the recorder needs Python ${p.spec})`;
    case 'missing':
      return `${p.name} is not installed (the recorder needs ${p.name}${p.spec})`;
    case 'version':
      return `${p.name} ${p.found} is not supported (the recorder needs ${p.name}${p.spec})`;
  }
}

/** The pip arguments that would fix the package problems, e.g. ["pandas>=1.3", "scikit-learn>=1.0"]. */
export function pipArguments(problems: EnvironmentProblem[]): string[] {
  return problems.flatMap((p) => (p.kind === 'python' ? [] : [`${p.name}${p.spec}`]));
}
