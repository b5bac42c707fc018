/**
 * `skewer` command line. Subcommands live beside `check` in this table; `runs` / `compare`
 * can be added the same way.
 */
import { version as packageVersion } from '../../package.json';
import { runCheck, CHECK_USAGE } from './check';
import type { CommandIO } from './io';

interface Command {
  summary: string;
  run(argv: string[], io: CommandIO): number;
}

const COMMANDS: Record<string, Command> = {
  check: { summary: 'check Python files and notebooks for data leakage and train/serve mismatch', run: runCheck },
};

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((k) => k.length));
  return `usage: skewer <command> [options]

commands:
${Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`).join('\n')}

options:
  -h, --help     show this help (skewer <command> --help for a command)
  -v, --version  print the version

${CHECK_USAGE}`;
}

export function main(argv: string[], io: CommandIO): number {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    if (first === undefined) { io.stderr(usage()); return 2; }
    io.stdout(usage());
    return 0;
  }
  if (first === '--version' || first === '-v') { io.stdout(`skewer ${io.version}\n`); return 0; }
  const cmd = COMMANDS[first];
  if (!cmd) {
    io.stderr(`skewer: unknown command or option: ${first}\n\n${usage()}`);
    return 2;
  }
  return cmd.run(rest, io);
}

if (require.main === module) {
  const io: CommandIO = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    version: packageVersion,
  };
  let code: number;
  try {
    code = main(process.argv.slice(2), io);
  } catch (e) {
    process.stderr.write(`skewer: internal error: ${(e as Error).stack ?? String(e)}\n`);
    code = 3;
  }
  process.exitCode = code;
}
