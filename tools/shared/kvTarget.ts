/**
 * Which KV namespace a command reads or writes through wrangler: local
 * storage (what `wrangler dev` and `npm start` read) or the account's, the
 * top-level one or a wrangler environment's. One place turns that into
 * wrangler's flags and into words, for the rules CLI, the seed and the import.
 */

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
