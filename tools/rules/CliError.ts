/**
 * A failure the rules CLI reports in one line and an exit code, without a
 * stack trace: 1 for an invalid document or a failed check, 2 for a command
 * line it cannot make sense of.
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
