/**
 * `tact cache purge`: stops the edge cache from serving the copies it holds,
 * of the pages under the paths given or, with --all, of every page. It reads
 * the edge cache's state (key "edge-cache" of TACT_RULES) through wrangler,
 * adds the purges (tools/cache/purgeState) and writes it back; the Worker
 * reads it within about a minute (src/edges/cache/CacheState).
 */
import { CACHE_STATE_KEY, type CacheState } from "../../src/edges/cache/cacheStateSchema";
import { CliError, EXIT_CODES, UsageError } from "../cli/CliError";
import type { CliIo } from "../cli/CliIo";
import { parseCommandLine, runCommand } from "../cli/runCommand";
import { type KvKey, readKvKey, writeKvKey } from "../shared/kvKey";
import { KV_HELP, KV_OPTIONS, describeKvTarget, kvTargetFrom } from "../shared/kvTarget";
import { type WranglerRunner, runWrangler } from "../shared/wrangler";
import { RULES_BINDING } from "../rules/ruleSetStore";
import { type Purge, purgeTarget, readState, withPurge } from "./purgeState";

const HELP = `Usage: tact cache purge <url-or-path-prefix>… [KV options]
       tact cache purge --all [KV options]

Stops the edge cache (settings.edgeCache) from serving the copies it holds of
every page whose path starts with a prefix given: /products/p01, /category/,
or a URL of the shop, which stands for its path. With --all, of every page.
Shoppers then get those pages from the shop again, and the cache fills anew.

It writes the edge cache's state (key "${CACHE_STATE_KEY}" of ${RULES_BINDING}): each purge
with its time, or, for --all and when the list is full, a new generation,
which leaves every stored copy behind. The Worker reads it within about a
minute. A purge of the zone's own cache (Cloudflare's dashboard or API) is a
separate step; see docs/deploying.md.

${KV_HELP}`;

const USAGE = `Usage: tact cache <command> [options]

Commands:
  purge <url-or-path-prefix>… | --all    stop serving stored copies of those pages

Run \`tact cache purge --help\` for its options.

${EXIT_CODES}`;

const CACHE_STATE: KvKey = { binding: RULES_BINDING, key: CACHE_STATE_KEY };

const OPTIONS = { ...KV_OPTIONS, all: { type: "boolean" } } as const;

function purgesFrom(all: boolean, positionals: readonly string[]): Purge[] {
  if (all && positionals.length > 0) throw new UsageError("--all purges every page; leave out the prefixes");
  if (all) return [{ all: true }];
  if (positionals.length === 0) throw new UsageError("name what to purge: a path prefix, a URL of the shop, or --all");
  return positionals.map((argument) => {
    const purge = purgeTarget(argument);
    if (typeof purge === "string") throw new UsageError(purge);
    return purge;
  });
}

/** What changed, in words, one line a purge. */
function describe(before: CacheState, after: CacheState, purges: readonly Purge[]): string[] {
  if (after.generation !== before.generation) {
    const why = purges.some((purge) => "all" in purge) ? "--all" : "the purge list was full";
    return [
      `generation ${before.generation} → ${after.generation} (${why}): no page stored before now is served again`,
    ];
  }
  return purges.map((purge) => `purged ${"prefix" in purge ? purge.prefix : "/"}`);
}

async function purge(argv: readonly string[], io: CliIo, run: WranglerRunner): Promise<number> {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (values["help"]) {
    io.out(`${HELP}\n\n${EXIT_CODES}`);
    return 0;
  }
  const purges = purgesFrom(values["all"] === true, positionals);
  const target = kvTargetFrom(values, io.cwd);
  const where = describeKvTarget(target);
  const before = readState(await readKvKey(run, CACHE_STATE, target));
  if (typeof before === "string") {
    throw new CliError(`${where}, key "${CACHE_STATE_KEY}": ${before}; nothing was written`);
  }
  const nowMs = io.now() * 1000;
  const after = purges.reduce((state, next) => withPurge(state, next, nowMs), before);
  await writeKvKey(run, CACHE_STATE, target, `${JSON.stringify(after)}\n`);
  for (const line of describe(before, after, purges)) io.out(line);
  io.out(`saved to ${where}; the Worker reads it within about a minute`);
  return 0;
}

/** Runs `tact cache …`; `run` replaces wrangler in tests. */
export function runCache(argv: readonly string[], io: CliIo, run: WranglerRunner = runWrangler): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    io.out(USAGE);
    return Promise.resolve(command === undefined ? 2 : 0);
  }
  return runCommand(io, command === "purge" ? "cache purge" : "cache", async () => {
    if (command !== "purge") throw new UsageError(`unknown command "${command}"; run \`tact cache --help\``);
    return purge(rest, io, run);
  });
}
