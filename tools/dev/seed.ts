/**
 * Seeds KV from kv-seed/: the ruleset document and the catalog entries built
 * from products.json. Only what is missing is written, so a tester's toggles,
 * ramps and pushed rulesets survive `npm start`; `reset` writes everything
 * again and the caller says first what that replaces.
 */
import { readFile } from "node:fs/promises";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as v from "valibot";
import { CliError } from "../cli/CliError";
import { type KvEntry, ProductSourceSchema, buildCatalogEntries } from "../catalog/buildCatalogEntries";
import { CATALOG_BINDING, bulkPutArgs } from "../catalog/pushBulkFiles";
import { kvRuleSetStore } from "../rules/ruleSetStore";
import { validateRuleSetDocument } from "../rules/validateRuleSetDocument";
import { type KvTarget, kvTargetArgs } from "../shared/kvTarget";
import { parseJsonText } from "../shared/parseJson";
import { type WranglerRunner, runWrangler } from "../shared/wrangler";
import { startValidator } from "../validate/startValidator";

const root = new URL("../..", import.meta.url).pathname;
const SEED_RULESET = "kv-seed/ruleset.json";
const SEED_PRODUCTS = "kv-seed/products.json";

/** What a namespace holds now, as far as the seed is concerned. */
export interface SeedState {
  readonly hasRuleset: boolean;
  /** Catalog keys present. */
  readonly catalogKeys: ReadonlySet<string>;
}

export interface SeedOutcome {
  readonly ruleset: "written" | "kept";
  readonly catalogWritten: number;
  readonly catalogKept: number;
}

const KeyListSchema = v.array(v.object({ name: v.string() }));

/** What the target holds of what the seed would write. */
export async function readSeedState(target: KvTarget, run: WranglerRunner = runWrangler): Promise<SeedState> {
  const [ruleset, listed] = await Promise.all([
    kvRuleSetStore(target, run).read(),
    run(["kv", "key", "list", ...kvTargetArgs(CATALOG_BINDING, target)]),
  ]);
  const keys = v.parse(KeyListSchema, parseJsonText(listed.stdout, "wrangler kv key list"));
  return { hasRuleset: ruleset !== undefined, catalogKeys: new Set(keys.map((key) => key.name)) };
}

/** The catalog entries kv-seed/products.json makes. */
export async function seedCatalogEntries(): Promise<KvEntry[]> {
  const text = await readFile(join(root, SEED_PRODUCTS), "utf8");
  return buildCatalogEntries(v.parse(ProductSourceSchema, parseJsonText(text, SEED_PRODUCTS)));
}

async function seedRuleset(target: KvTarget, run: WranglerRunner): Promise<void> {
  const text = await readFile(join(root, SEED_RULESET), "utf8");
  const validator = await startValidator();
  const problems = await validateRuleSetDocument(text, validator).finally(() => validator.close());
  if (problems.length > 0) throw new CliError(`${SEED_RULESET} is not valid:\n  ${problems.join("\n  ")}`);
  await kvRuleSetStore(target, run).write(text);
}

async function putEntries(entries: readonly KvEntry[], target: KvTarget, run: WranglerRunner): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "tact-seed-"));
  try {
    const file = join(dir, "catalog.json");
    await writeFile(file, JSON.stringify(entries));
    await run(
      bulkPutArgs(file, { kind: target.remote ? "remote" : "local", env: target.env, persistTo: target.persistTo }),
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Writes what `state` lacks (everything with `reset`). */
export async function seedKv(
  target: KvTarget,
  state: SeedState,
  reset: boolean,
  run: WranglerRunner = runWrangler,
): Promise<SeedOutcome> {
  const entries = await seedCatalogEntries();
  const missing = reset ? entries : entries.filter((entry) => !state.catalogKeys.has(entry.key));
  const writeRuleset = reset || !state.hasRuleset;
  await Promise.all([
    writeRuleset ? seedRuleset(target, run) : undefined,
    missing.length > 0 ? putEntries(missing, target, run) : undefined,
  ]);
  return {
    ruleset: writeRuleset ? "written" : "kept",
    catalogWritten: missing.length,
    catalogKept: entries.length - missing.length,
  };
}
