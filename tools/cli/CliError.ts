/**
 * A failure a `tact` command reports in one line and an exit code, without a
 * stack trace. The codes are the same for every command:
 *
 *   0  done (for checks: nothing found)
 *   1  problems found: an invalid document, a refused change, a feed nothing
 *      could be imported from, a failed check
 *   2  usage or environment error: a command line that makes no sense, a
 *      missing file or secret, a port in use, wrangler or the network failing
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = "CliError";
  }
}

/** The command line is wrong: exit 2, and point at --help. */
export class UsageError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = "UsageError";
  }
}

/** Something the command needs from its surroundings is missing or failed: exit 2. */
export class EnvironmentError extends CliError {
  constructor(message: string) {
    super(message, 2);
    this.name = "EnvironmentError";
  }
}

/** The line every `--help` ends with. */
export const EXIT_CODES = "Exit codes: 0 done, 1 problems found, 2 usage or environment error.";
