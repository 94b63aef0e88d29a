/**
 * Set-up for each file of the worker project. One workerd runs the files one
 * after another (isolate: false in vitest.config.ts), so each file starts as
 * it would in a runtime of its own: both KV namespaces empty, the isolate's
 * cached ruleset, catalog and edge cache state forgotten, and the spies of
 * the file before restored.
 */
import { env } from "cloudflare:workers";
import { afterAll, beforeAll, vi } from "vitest";
import { clearCacheState } from "../../src/edges/cache/CacheState";
import { clearCatalogCache } from "../../src/edges/kv/readCatalog";
import { clearRuleSetCache } from "../../src/edges/kv/ruleSetCache";

async function emptyNamespace(kv: KVNamespace): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await kv.list(cursor === undefined ? {} : { cursor });
    await Promise.all(page.keys.map((key) => kv.delete(key.name)));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor !== undefined);
}

beforeAll(async () => {
  await Promise.all([emptyNamespace(env.TACT_RULES), emptyNamespace(env.TACT_CATALOG)]);
  clearRuleSetCache();
  clearCatalogCache();
  clearCacheState();
});

afterAll(() => {
  vi.restoreAllMocks();
});
