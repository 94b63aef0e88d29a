/**
 * Seeds local KV (the same store `wrangler dev` reads) from kv-seed/: the
 * ruleset document and the catalog entries built from products.json. Every
 * run writes the same keys with the same values, so it is safe to repeat.
 *
 *   npm run seed                 local KV under .wrangler/state
 *   npm run seed -- --env NAME   a wrangler environment's local KV
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as v from "valibot";
import { RULESET_KEY } from "../src/core/ruleset/RuleSet";
import { ProductSourceSchema, buildCatalogEntries } from "./catalog/buildCatalogEntries";
import { startValidator } from "./validate/startValidator";
import { validateRuleSetDocument } from "./rules/validateRuleSetDocument";
import { wrangler } from "./wrangler";

const root = new URL("..", import.meta.url).pathname;

/** Writes the seed ruleset and catalog into local KV; `env` picks a wrangler environment. */
export async function seedLocalKv(env?: string): Promise<void> {
  const envArgs = env ? ["--env", env] : [];
  const rulesetPath = join(root, "kv-seed/ruleset.json");
  const validator = await startValidator();
  const problems = await validateRuleSetDocument(await readFile(rulesetPath, "utf8"), validator).finally(() =>
    validator.close(),
  );
  if (problems.length > 0) {
    throw new Error(`kv-seed/ruleset.json is not valid:\n  ${problems.join("\n  ")}`);
  }
  const products = v.parse(
    ProductSourceSchema,
    JSON.parse(await readFile(join(root, "kv-seed/products.json"), "utf8")),
  );
  const entries = buildCatalogEntries(products);

  const outDir = join(root, ".wrangler/seed");
  await mkdir(outDir, { recursive: true });
  const bulkFile = join(outDir, "catalog.json");
  await writeFile(bulkFile, JSON.stringify(entries));

  await wrangler([
    "kv",
    "key",
    "put",
    RULESET_KEY,
    "--path",
    rulesetPath,
    "--binding",
    "TACT_RULES",
    "--local",
    ...envArgs,
  ]);
  await wrangler(["kv", "bulk", "put", bulkFile, "--binding", "TACT_CATALOG", "--local", ...envArgs]);
  console.log(`seeded local KV: ruleset and ${entries.length} catalog entries`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const at = process.argv.indexOf("--env");
  seedLocalKv(at > 0 ? process.argv[at + 1] : undefined).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
