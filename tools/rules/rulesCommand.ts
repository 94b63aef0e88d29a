/**
 * `tact rules <subcommand>`: the ruleset's command line. It validates with
 * the Worker's own compiler, run inside workerd (tools/validate), reads and
 * writes the TACT_RULES namespace through wrangler (local storage by default,
 * the account's with --remote), and signs preview links.
 */
import { EXIT_CODES, UsageError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { parseCommandLine, runCommand } from "../cli/runCommand";
import { runReport } from "../report/reportCommand";
import { type WranglerRunner, runWrangler } from "../shared/wrangler";
import { type RuleSetValidator, startValidator } from "../validate/startValidator";
import { diffCommand, pullCommand, pushCommand, validateCommand } from "./documentCommands";
import { previewLinkCommand, rampCommand, toggleCommand } from "./editCommands";
import { type Context, OPTIONS } from "./rulesContext";
import { COMMAND_HELP, RULES_HELP } from "./rulesHelp";

const COMMANDS: Readonly<Record<string, (context: Context) => Promise<number>>> = {
  validate: validateCommand,
  push: pushCommand,
  pull: pullCommand,
  diff: diffCommand,
  toggle: toggleCommand,
  ramp: rampCommand,
  "preview-link": previewLinkCommand,
};

/** What the rules commands reach outside the process; tests replace both. */
export interface RulesDependencies {
  readonly wrangler: WranglerRunner;
  /** Starts the validator; one started here is closed here. */
  readonly startValidator: () => Promise<RuleSetValidator>;
}

const DEFAULTS: RulesDependencies = { wrangler: runWrangler, startValidator };

async function runSubcommand(
  command: string,
  rest: readonly string[],
  io: CliIo,
  dependencies: RulesDependencies,
  validator: () => Promise<RuleSetValidator>,
): Promise<number> {
  const run = COMMANDS[command];
  const options = OPTIONS[command];
  if (!run || !options) throw new UsageError(`unknown command "${command}"; run \`tact rules --help\``);
  const { values, positionals } = parseCommandLine(rest, options);
  if (values["help"]) {
    io.out(`${COMMAND_HELP[command] ?? RULES_HELP}\n\n${EXIT_CODES}`);
    return 0;
  }
  return run({ io, values, positionals, wrangler: dependencies.wrangler, validator });
}

/** Runs one `tact rules …` command line; resolves to the exit code. */
export async function runRulesCli(
  argv: readonly string[],
  io: CliIo,
  dependencies: RulesDependencies = DEFAULTS,
): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    io.out(RULES_HELP);
    return command === undefined ? 2 : 0;
  }
  // Reports were once a rules subcommand; `tact report` is the command now.
  if (command === "report") return runReport(rest, io);
  let started: Promise<RuleSetValidator> | undefined;
  const validator = () => (started ??= dependencies.startValidator());
  const helpFor = command in COMMANDS ? `rules ${command}` : "rules";
  try {
    return await runCommand(io, helpFor, () => runSubcommand(command, rest, io, dependencies, validator));
  } finally {
    await started?.then((running) => running.close()).catch(() => {});
  }
}
