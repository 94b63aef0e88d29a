/**
 * The import command's arguments, checked before any work starts: a bad
 * combination is a UsageError naming what to change, never a half-done import.
 */
import { EXIT_CODES, UsageError } from "../cli/CliError";
import { type Values, parseCommandLine, text } from "../cli/runCommand";
import { SHRINKAGE } from "./cooccurrenceSimilarity";
import { FEED_FORMATS, type FeedFormat } from "./readFeed";

export const IMPORT_USAGE = `Usage: tact import <feed> (--out <file.json> | --local | --remote --env <name>) [options]
       (npm run import -- … is the same)

Reads a product feed, validates every product, maps categories, computes
related items and writes the catalog entries tact reads from KV.

Feed:
  <feed>                      Google Merchant Center XML (RSS 2.0 or Atom) or TSV,
                              or a Shopify products.json
  --format <format>           merchant-xml | merchant-tsv | shopify
                              (default: from the file's extension or first bytes)
  --currency <code>           Shopify only, required: the ISO 4217 code of its prices
  --base-url <url>            Shopify only: make product links absolute
  --id-from-link <pattern>    key products by the id in their link, e.g. /products/:id
                              (default: the feed's id; Shopify: the product handle)

Catalog:
  --mapping <file.json>       category mapping and sensitive categories
                              (default: categories from product types, default sensitive list)
  --cooccurrence <file.csv>   session_or_order_id,product_id rows: related items by
                              item-to-item cosine (default: by content similarity)
  --top-k <n>                 related items per product, 1-50 (default 8)
  --shrinkage <λ>             with --cooccurrence: how many baskets a product's score
                              is shrunk by, so one shared basket is not taken for a
                              pattern, 0-1000 (default 20; 0: plain cosine)

Output (exactly one):
  --out <file.json>           write a bulk file for \`wrangler kv bulk put\` (split into
                              file-001.json, … above 10,000 entries)
  --local                     push to local KV (what \`npm start\` reads)
  --remote                    push to the deployed namespace; needs --env
  --env <name>                wrangler environment (staging, production) for --local/--remote
  --persist-to <dir>          with --local: wrangler's local state directory

  --rejects <file.tsv>        also write every rejected row (line, id, reason)
  -h, --help                  show this help

${EXIT_CODES} (1: the feed could not be read, or no product
was accepted; nothing is written then)`;

export const DEFAULT_TOP_K = 8;
export const MAX_TOP_K = 50;
export const MAX_SHRINKAGE = 1000;

export type ImportTarget =
  | { readonly kind: "out"; readonly path: string }
  | {
      readonly kind: "local" | "remote";
      readonly env: string | undefined;
      readonly persistTo: string | undefined;
    };

export interface ImportArgs {
  readonly feed: string;
  readonly format: FeedFormat | undefined;
  readonly mapping: string | undefined;
  readonly cooccurrence: string | undefined;
  readonly topK: number;
  readonly shrinkage: number;
  readonly target: ImportTarget;
  readonly idFromLink: string | undefined;
  readonly currency: string | undefined;
  readonly baseUrl: string | undefined;
  readonly rejects: string | undefined;
}

const OPTIONS = {
  format: { type: "string" },
  mapping: { type: "string" },
  cooccurrence: { type: "string" },
  "top-k": { type: "string" },
  shrinkage: { type: "string" },
  local: { type: "boolean" },
  remote: { type: "boolean" },
  out: { type: "string" },
  env: { type: "string" },
  "persist-to": { type: "string" },
  "id-from-link": { type: "string" },
  currency: { type: "string" },
  "base-url": { type: "string" },
  rejects: { type: "string" },
} as const;

function importTarget(values: Values): ImportTarget {
  const out = text(values, "out");
  const env = text(values, "env");
  const outputs = [out !== undefined && "--out", values["local"] && "--local", values["remote"] && "--remote"].filter(
    Boolean,
  );
  if (outputs.length !== 1) {
    throw new UsageError(
      outputs.length === 0
        ? "say where the entries go: --out <file.json>, --local or --remote --env <name>"
        : `choose one of ${outputs.join(", ")}`,
    );
  }
  if (env !== undefined && out !== undefined) throw new UsageError("--env goes with --local or --remote, not --out");
  if (values["remote"] && env === undefined) {
    // The top level of wrangler.toml is the development config, with placeholder namespace ids.
    throw new UsageError("--remote needs --env (staging or production): the top-level config is for local development");
  }
  const persistTo = text(values, "persist-to");
  if (persistTo !== undefined && !values["local"]) throw new UsageError("--persist-to goes with --local");
  return out !== undefined
    ? { kind: "out", path: out }
    : { kind: values["local"] ? "local" : "remote", env, persistTo };
}

function topK(values: Values): number {
  const given = text(values, "top-k") ?? String(DEFAULT_TOP_K);
  const n = Number(given);
  if (!/^\d+$/.test(given) || n < 1 || n > MAX_TOP_K) {
    throw new UsageError(`--top-k must be a whole number from 1 to ${MAX_TOP_K}, not "${given}"`);
  }
  return n;
}

function shrinkage(values: Values): number {
  const given = text(values, "shrinkage");
  const n = Number(given ?? SHRINKAGE);
  if (given?.trim() === "" || !(n >= 0 && n <= MAX_SHRINKAGE)) {
    throw new UsageError(`--shrinkage must be a number from 0 to ${MAX_SHRINKAGE}, not "${given}"`);
  }
  if (given !== undefined && text(values, "cooccurrence") === undefined) {
    throw new UsageError("--shrinkage goes with --cooccurrence: it weighs shared baskets");
  }
  return n;
}

function shopifyOptions(values: Values): { currency: string | undefined; baseUrl: string | undefined } {
  const currency = text(values, "currency");
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    throw new UsageError(`--currency must be an ISO 4217 code such as EUR, not "${currency}"`);
  }
  const baseUrl = text(values, "base-url");
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
    throw new UsageError(`--base-url must be an http(s) URL such as https://shop.example.com, not "${baseUrl}"`);
  }
  return { currency, baseUrl };
}

export function parseImportArgs(argv: readonly string[]): ImportArgs | "help" {
  const { values, positionals } = parseCommandLine(argv, OPTIONS);
  if (values["help"]) return "help";
  const [feed, ...others] = positionals;
  if (feed === undefined || others.length > 0) {
    throw new UsageError(
      feed === undefined ? "name the feed to import" : `one feed at a time, not ${positionals.join(", ")}`,
    );
  }
  const format = text(values, "format");
  if (format !== undefined && !(FEED_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FEED_FORMATS.join(", ")}, not "${format}"`);
  }
  return {
    feed,
    format: format as FeedFormat | undefined,
    mapping: text(values, "mapping"),
    cooccurrence: text(values, "cooccurrence"),
    topK: topK(values),
    shrinkage: shrinkage(values),
    target: importTarget(values),
    idFromLink: text(values, "id-from-link"),
    ...shopifyOptions(values),
    rejects: text(values, "rejects"),
  };
}
