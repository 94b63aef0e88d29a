/**
 * `tact <command>`: one entry for every tool, with the help, the exit codes
 * and the error reporting they share (runCommand). Each command lives with
 * its role: tools/rules, tools/catalog, tools/eval, tools/report, tools/cache, tools/dev.
 */
import { runCache } from "../cache/cacheCommand";
import { runImport } from "../catalog/importCommand";
import { runBandit } from "../dev/banditCommand";
import { runEval } from "../eval";
import { runDev } from "../dev/devCommand";
import { runKeygen } from "../dev/keygen";
import { runSeed } from "../dev/seedCommand";
import { runReport } from "../report/reportCommand";
import { type RulesDependencies, runRulesCli } from "../rules/rulesCommand";
import { EXIT_CODES } from "./CliError";
import { type CliIo, processIo } from "./CliIo";

interface Command {
  readonly summary: string;
  run(argv: readonly string[], io: CliIo, dependencies?: RulesDependencies): Promise<number>;
}

const COMMANDS: Readonly<Record<string, Command>> = {
  rules: {
    summary: "the ruleset: validate, push, pull, diff, toggle, ramp, preview-link",
    run: (argv, io, dependencies) => runRulesCli(argv, io, dependencies),
  },
  import: { summary: "a product feed into the catalog (Merchant Center XML or TSV, Shopify JSON)", run: runImport },
  eval: {
    summary: "how often a block holds what shoppers view next, on a shop's logs, beside classic algorithms",
    run: runEval,
  },
  report: { summary: "experiment results from events, as text and a self-contained HTML page", run: runReport },
  cache: {
    summary: "the edge cache: purge <url-or-path-prefix>… | --all",
    run: (argv, io, dependencies) => runCache(argv, io, dependencies?.wrangler),
  },
  seed: { summary: "the demo ruleset and catalog into local KV (only what is missing; --reset)", run: runSeed },
  keygen: { summary: "a fresh cookie signing key for TACT_KEYS", run: runKeygen },
  dev: { summary: "the demo shop with tact in front of it, on this machine (npm start)", run: runDev },
  bandit: {
    summary: "reweight the bandit experiments in local KV from the events npm start logged",
    run: (argv, io) => runBandit(argv, io),
  },
};

export const HELP = `Usage: tact <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(8)} ${command.summary}`)
  .join("\n")}

Run \`tact <command> --help\` for a command's options. The npm scripts run the same:
npm start (tact dev), npm run rules -- …, npm run import -- …, npm run eval -- …, npm run report -- …,
npm run seed (tact seed), npm run keygen.

${EXIT_CODES}`;

/**
 * Runs one command line; resolves to the exit code. `dependencies` replaces
 * wrangler and the validator for the commands that use them (rules, cache), in tests.
 */
export async function runTact(argv: readonly string[], io: CliIo, dependencies?: RulesDependencies): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(HELP);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`error: unknown command "${name}"`);
    io.err("run `tact --help`");
    return 2;
  }
  return command.run(rest, io, dependencies);
}

export async function main(argv: readonly string[]): Promise<void> {
  process.exitCode = await runTact(argv, processIo());
}
