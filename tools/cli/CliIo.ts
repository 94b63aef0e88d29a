/**
 * What a tact command needs from the process, passed in so that tests run the
 * commands in-process with captured output, a fixed clock and a fake fetch.
 */
export interface CliIo {
  /** One line of results, for stdout. */
  readonly out: (line: string) => void;
  /** One line of notes, warnings and errors, for stderr. */
  readonly err: (line: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Relative paths on the command line are taken from here. */
  readonly cwd: string;
  /** Unix seconds. */
  readonly now: () => number;
  readonly fetch: typeof fetch;
}

export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    // `npm run` moves to the package's root; INIT_CWD is where the command was typed.
    cwd: process.env["INIT_CWD"] ?? process.cwd(),
    now: () => Math.floor(Date.now() / 1000),
    fetch: (input, init) => fetch(input, init),
  };
}
