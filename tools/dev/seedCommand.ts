/**
 * `tact seed`: fills local KV from kv-seed/ with what is missing, or, with
 * --reset, writes all of it again after saying what that replaces.
 */
import { isAbsolute, join, resolve } from "node:path";
import { EXIT_CODES, UsageError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { parseCommandLine, runCommand, text } from "../cli/runCommand";
import { type KvTarget, describeKvTarget } from "../shared/kvTarget";
import type { WranglerRunner } from "../shared/wrangler";
import { type SeedOutcome, type SeedState, readSeedState, seedKv } from "./seed";

const root = new URL("../..", import.meta.url).pathname;

const HELP = `Usage: tact seed [--reset] [--env NAME] [--persist-to DIR]      (npm run seed -- … is the same)

Fills local KV, what \`wrangler dev\` and \`npm start\` read, from kv-seed/: the
ruleset document (key "ruleset" of TACT_RULES) and the catalog entries built
from kv-seed/products.json (TACT_CATALOG). Only what is missing is written, so
a ruleset you pushed, toggled or ramped is kept, and so are catalog entries.

  --reset            write everything again, replacing what is there (it says what first)
  --env NAME         a wrangler environment's local namespaces
  --persist-to DIR   local storage directory (default: wrangler's .wrangler/state)

${EXIT_CODES}`;

const OPTIONS = {
  reset: { type: "boolean" },
  env: { type: "string" },
  "persist-to": { type: "string" },
} as const;

/** What --reset is about to replace, in words; undefined when the namespaces are empty. */
export function replacedByReset(state: SeedState, where: string): string | undefined {
  const parts = [
    state.hasRuleset && "the ruleset (toggles, ramps and pushed changes included)",
    state.catalogKeys.size > 0 && `${state.catalogKeys.size} catalog entries`,
  ].filter(Boolean);
  return parts.length > 0 ? `--reset replaces what ${where} holds: ${parts.join(" and ")}` : undefined;
}

/** One line per namespace: what was written and what was kept. */
export function describeSeed(outcome: SeedOutcome, where: string): string[] {
  const ruleset =
    outcome.ruleset === "written"
      ? `${where}: wrote the ruleset from kv-seed/ruleset.json`
      : `${where}: kept the ruleset already there (\`tact seed --reset\` replaces it with kv-seed's)`;
  const kept = outcome.catalogKept > 0 ? `, kept ${outcome.catalogKept} already there` : "";
  return [ruleset, `${where}: wrote ${outcome.catalogWritten} catalog entries${kept}`];
}

/** Seeds `target`, telling `io` what it does; the dev command runs this before starting the stack. */
export async function seedWithNotes(target: KvTarget, reset: boolean, io: CliIo, run?: WranglerRunner): Promise<void> {
  const where = describeKvTarget(target);
  const state = await readSeedState(target, run);
  const replaced = reset ? replacedByReset(state, where) : undefined;
  if (replaced) io.err(`warning: ${replaced}`);
  for (const line of describeSeed(await seedKv(target, state, reset, run), where)) io.out(line);
}

export function runSeed(argv: readonly string[], io: CliIo): Promise<number> {
  return runCommand(io, "seed", async () => {
    const { values, positionals } = parseCommandLine(argv, OPTIONS);
    if (values["help"]) {
      io.out(HELP);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const persistTo = text(values, "persist-to");
    const target: KvTarget = {
      remote: false,
      env: text(values, "env"),
      persistTo: persistTo === undefined || isAbsolute(persistTo) ? persistTo : resolve(io.cwd, persistTo),
      config: join(root, "wrangler.toml"),
    };
    await seedWithNotes(target, values["reset"] === true, io);
    return 0;
  });
}
