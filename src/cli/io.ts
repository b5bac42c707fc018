/** What a subcommand needs from the process, so tests can run commands in-process too. */
export interface CommandIO {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
  version: string;
}
