/**
 * The import command's arguments, checked before any work starts: a bad
 * combination is a UsageError naming what to change, never a half-done import.
 */
import { parseArgs } from "node:util";
import { SHRINKAGE } from "./cooccurrenceSimilarity";
import { FEED_FORMATS, type FeedFormat } from "./readFeed";

export const IMPORT_USAGE = `Usage: npm run import -- <feed> (--out <file.json> | --local | --remote --env <name>) [options]

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
  -h, --help                  show this help`;

export class UsageError extends Error {
  override readonly name = "UsageError";
}

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

export function parseImportArgs(argv: readonly string[]): ImportArgs | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
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
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    // parseArgs explains unknown options and missing values well; keep its first sentence.
    throw new UsageError((error as Error).message.split(". ")[0] ?? String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";

  if (positionals.length !== 1) {
    throw new UsageError(
      positionals.length === 0 ? "name the feed to import" : `one feed at a time, not ${positionals.join(", ")}`,
    );
  }
  const [feed] = positionals as [string];

  const format = values.format;
  if (format !== undefined && !(FEED_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${FEED_FORMATS.join(", ")}, not "${format}"`);
  }

  const outputs = [values.out !== undefined && "--out", values.local && "--local", values.remote && "--remote"].filter(
    Boolean,
  );
  if (outputs.length !== 1) {
    throw new UsageError(
      outputs.length === 0
        ? "say where the entries go: --out <file.json>, --local or --remote --env <name>"
        : `choose one of ${outputs.join(", ")}`,
    );
  }
  if (values.env !== undefined && values.out !== undefined)
    throw new UsageError("--env goes with --local or --remote, not --out");
  if (values.remote && values.env === undefined) {
    // The top level of wrangler.toml is the development config, with placeholder namespace ids.
    throw new UsageError("--remote needs --env (staging or production): the top-level config is for local development");
  }
  if (values["persist-to"] !== undefined && !values.local) throw new UsageError("--persist-to goes with --local");
  const target: ImportTarget =
    values.out !== undefined
      ? { kind: "out", path: values.out }
      : { kind: values.local ? "local" : "remote", env: values.env, persistTo: values["persist-to"] };

  const topKText = values["top-k"] ?? String(DEFAULT_TOP_K);
  const topK = Number(topKText);
  if (!/^\d+$/.test(topKText) || topK < 1 || topK > MAX_TOP_K) {
    throw new UsageError(`--top-k must be a whole number from 1 to ${MAX_TOP_K}, not "${topKText}"`);
  }

  const shrinkageText = values.shrinkage ?? String(SHRINKAGE);
  const shrinkage = Number(shrinkageText);
  if (shrinkageText.trim() === "" || !(shrinkage >= 0 && shrinkage <= MAX_SHRINKAGE)) {
    throw new UsageError(`--shrinkage must be a number from 0 to ${MAX_SHRINKAGE}, not "${shrinkageText}"`);
  }
  if (values.shrinkage !== undefined && values.cooccurrence === undefined) {
    throw new UsageError("--shrinkage goes with --cooccurrence: it weighs shared baskets");
  }

  const currency = values.currency;
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency)) {
    throw new UsageError(`--currency must be an ISO 4217 code such as EUR, not "${currency}"`);
  }
  const baseUrl = values["base-url"];
  if (baseUrl !== undefined && !/^https?:\/\/[^/\s]+/i.test(baseUrl)) {
    throw new UsageError(`--base-url must be an http(s) URL such as https://shop.example.com, not "${baseUrl}"`);
  }

  return {
    feed,
    format: format as FeedFormat | undefined,
    mapping: values.mapping,
    cooccurrence: values.cooccurrence,
    topK,
    shrinkage,
    target,
    idFromLink: values["id-from-link"],
    currency,
    baseUrl,
    rejects: values.rejects,
  };
}
