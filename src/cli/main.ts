/**
 * `skewer` command line. Subcommands live beside `check` in this table; `runs` / `compare`
 * can be added the same way. `show` is loaded on first use so `check` never pays for the
 * table readers (apache-arrow, codecs).
 */
import { version as packageVersion } from '../../package.json';
import { runCheck, CHECK_USAGE } from './check';
import type { CommandIO } from './io';

interface Command {
  summary: string;
  run(argv: string[], io: CommandIO): number | Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  check: { summary: 'check Python files and notebooks for data leakage and train/serve mismatch', run: runCheck },
  compare: {
    summary: 'train/serve mismatch and drift findings between a training run and a serving run',
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    run: (argv, io) => (require('./compare') as typeof import('./compare')).runCompare(argv, io),
  },
  show: {
    summary: 'print the schema, row count and first rows of a .parquet, .arrow, .feather or .csv file',
    // A require, not an import: esbuild keeps the module (and apache-arrow) uninitialised until here.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    run: (argv, io) => (require('./show') as typeof import('./show')).runShow(argv, io),
  },
  runs: {
    summary: 'list the recorded runs in a runs folder (default .skewer/runs)',
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    run: (argv, io) => (require('./runs') as typeof import('./runs')).runRuns(argv, io),
  },
  trace: {
    summary: 'follow one record (--key COLUMN=VALUE or --row STEP:N, --backward) through a recorded run',
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    run: (argv, io) => (require('./trace') as typeof import('./trace')).runTrace(argv, io),
  },
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

export function main(argv: string[], io: CommandIO): number | Promise<number> {
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
  const internal = (e: unknown) => {
    process.stderr.write(`skewer: internal error: ${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 3;
  };
  try {
    const code = main(process.argv.slice(2), io);
    if (typeof code === 'number') process.exitCode = code;
    else code.then((c) => { process.exitCode = c; }, internal);
  } catch (e) {
    internal(e);
  }
}
