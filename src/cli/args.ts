/** Small argv parser shared by the subcommands: `--flag value`, `--flag=value`, booleans. */

export class UsageError extends Error {}

export interface FlagSpec {
  /** Allowed values; with neither values nor pattern the flag is boolean. */
  values?: readonly string[];
  /** A free value matching this pattern, described by `hint` in errors. */
  pattern?: RegExp;
  hint?: string;
}

export interface Parsed {
  flags: Map<string, string | true>;
  positionals: string[];
}

export function parseArgs(argv: string[], spec: Record<string, FlagSpec>): Parsed {
  const flags = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { positionals.push(...argv.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') { positionals.push(a); continue; }
    const eq = a.indexOf('=');
    const name = (eq >= 0 ? a.slice(0, eq) : a).replace(/^--?/, '');
    const s = spec[name];
    if (!s) throw new UsageError(`unknown option: ${eq >= 0 ? a.slice(0, eq) : a}`);
    if (!s.values && !s.pattern) {
      if (eq >= 0) throw new UsageError(`option --${name} takes no value`);
      flags.set(name, true);
      continue;
    }
    const expected = s.values ? s.values.join('|') : s.hint ?? String(s.pattern);
    const value: string | undefined = eq >= 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`option --${name} needs a value (${expected})`);
    if (s.values ? !s.values.includes(value) : !s.pattern!.test(value)) throw new UsageError(`invalid value for --${name}: ${value} (expected ${expected})`);
    flags.set(name, value);
  }
  return { flags, positionals };
}
