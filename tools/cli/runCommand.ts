/**
 * What every command shares: its command line read strictly (an unknown
 * option is a usage error, not ignored), `--help`, and its failures turned
 * into one "error: …" line and the documented exit code.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import { CliError, UsageError } from "./CliError";
import type { CliIo } from "./CliIo";

export type Options = NonNullable<ParseArgsConfig["options"]>;
export type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface CommandLine {
  readonly values: Values;
  readonly positionals: readonly string[];
}

/** Parses `argv` against `options` (plus -h/--help); node's wording, without its hint about `--`. */
export function parseCommandLine(argv: readonly string[], options: Options, positionals = true): CommandLine {
  try {
    return parseArgs({
      args: [...argv],
      options: { ...options, help: { type: "boolean", short: "h" } },
      allowPositionals: positionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.replace(/\. To specify .*$/s, "") : String(error));
  }
}

/** A string option's value, when given. */
export function text(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === "string" ? value : undefined;
}

/** Runs one command; a thrown error becomes "error: …" on stderr and its exit code. */
export async function runCommand(io: CliIo, name: string, work: () => Promise<number>): Promise<number> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`error: ${error.message}`);
      if (error instanceof UsageError) io.err(`run \`tact ${name} --help\``);
      return error.exitCode;
    }
    io.err(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
