/**
 * Which KV namespace a command reads or writes through wrangler: local
 * storage (what `wrangler dev` and `npm start` read) or the account's, the
 * top-level one or a wrangler environment's. One place turns that into
 * wrangler's flags and into words, for the rules CLI, the seed, the import
 * and the cache purge; and one place reads it from a command line.
 */
import { isAbsolute, join, resolve } from "node:path";
import { UsageError } from "../cli/CliError";
import { type Options, type Values, text } from "../cli/runCommand";

const root = new URL("../..", import.meta.url).pathname;

export interface KvTarget {
  /** The account's namespace (wrangler must be logged in) instead of local storage. */
  readonly remote: boolean;
  /** A wrangler environment ([env.NAME] in wrangler.toml), which has its own namespace. */
  readonly env: string | undefined;
  /** Local storage directory; wrangler's default (.wrangler/state) when undefined. */
  readonly persistTo: string | undefined;
  /** The wrangler configuration naming the binding; wrangler's own choice when undefined. */
  readonly config?: string | undefined;
}

/** `--binding NAME --local|--remote [--env E] [--persist-to DIR] [--config FILE]`. */
export function kvTargetArgs(binding: string, target: KvTarget): string[] {
  return [
    "--binding",
    binding,
    target.remote ? "--remote" : "--local",
    ...(target.env ? ["--env", target.env] : []),
    ...(!target.remote && target.persistTo ? ["--persist-to", target.persistTo] : []),
    ...(target.config === undefined ? [] : ["--config", target.config]),
  ];
}

/** "local KV", "remote KV (env production)", "local KV (in /tmp/state)". */
export function describeKvTarget(target: KvTarget): string {
  const where = target.remote ? "remote KV" : "local KV";
  const details = [
    target.env && `env ${target.env}`,
    !target.remote && target.persistTo && `in ${target.persistTo}`,
  ].filter(Boolean);
  return details.length > 0 ? `${where} (${details.join(", ")})` : where;
}

/** The options that choose a target, for every command that reads or writes KV through wrangler. */
export const KV_OPTIONS = {
  local: { type: "boolean" },
  remote: { type: "boolean" },
  env: { type: "string" },
  "persist-to": { type: "string" },
  config: { type: "string" },
} as const satisfies Options;

export const KV_HELP = `KV options (every command that reads or writes KV):
  --local            local storage, as \`npm start\` uses (the default, except for \`rules push\`)
  --remote           the account's namespace, through wrangler (run \`npx wrangler login\` first)
  --env NAME         a wrangler environment (staging, production), which has its own namespace
  --persist-to DIR   local storage directory (default: wrangler's .wrangler/state)
  --config FILE      wrangler configuration (default: the project's wrangler.toml)`;

/**
 * The target KV_OPTIONS name; paths are taken from `cwd`. With
 * `requireExplicit`, one of --local and --remote must be given (a push).
 */
export function kvTargetFrom(values: Values, cwd: string, requireExplicit = false): KvTarget {
  if (values["local"] && values["remote"]) throw new UsageError("choose one of --local and --remote");
  if (requireExplicit && !values["local"] && !values["remote"]) {
    throw new UsageError("say where to push: --local (this machine) or --remote (the account's KV)");
  }
  const persistTo = text(values, "persist-to");
  if (values["remote"] && persistTo) throw new UsageError("--persist-to is for local storage; drop it with --remote");
  const config = text(values, "config");
  const from = (path: string) => (isAbsolute(path) ? path : resolve(cwd, path));
  return {
    remote: values["remote"] === true,
    env: text(values, "env"),
    persistTo: persistTo === undefined ? undefined : from(persistTo),
    config: config === undefined ? join(root, "wrangler.toml") : from(config),
  };
}
