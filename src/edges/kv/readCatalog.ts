/**
 * The one KV read of a page view: every catalog key the page's rules need
 * that the isolate does not already hold, fetched with a single bulk get.
 *
 * Entries are kept in the isolate, parsed, for as long as KV's own edge cache
 * keeps them (CATALOG_TTL_MS): the same freshness, without a KV round trip or
 * a schema check on every page view. The cache is bounded and per binding.
 */
import * as v from "valibot";
import { log } from "../log";
import { ItemEntrySchema, type ItemEntry, ListEntrySchema, type ListEntry } from "../../core/catalog/Catalog";
import type { CatalogView } from "../../core/catalog/CatalogView";

/** Edge-cache catalog entries this long in KV (its minimum cacheTtl is 30 s), and as long here. */
const CATALOG_CACHE_TTL_SECONDS = 60;
const CATALOG_TTL_MS = CATALOG_CACHE_TTL_SECONDS * 1000;
/** Entries kept per binding; the oldest go first. */
const MAX_CACHED_ENTRIES = 2000;

interface Cached {
  readonly at: number;
  readonly raw: unknown;
  /** The entry once checked against its schema (undefined: invalid or absent). */
  parsed?: ItemEntry | ListEntry | undefined;
  checked?: boolean;
}

let caches = new WeakMap<KVNamespace, Map<string, Cached>>();

/** Forgets every cached entry (tests that rewrite the catalog need this). */
export function clearCatalogCache(): void {
  caches = new WeakMap();
}

export async function readCatalog(kv: KVNamespace, keys: readonly string[], nowMs = Date.now()): Promise<CatalogView> {
  let cache = caches.get(kv);
  if (!cache) caches.set(kv, (cache = new Map()));
  const missing = keys.filter((key) => {
    const hit = cache.get(key);
    return hit === undefined || nowMs - hit.at >= CATALOG_TTL_MS;
  });
  if (missing.length > 0) {
    const values = await kv.get<unknown>(missing, { type: "json", cacheTtl: CATALOG_CACHE_TTL_SECONDS });
    for (const key of missing) {
      cache.delete(key);
      cache.set(key, { at: nowMs, raw: values.get(key) ?? null });
    }
    // Maps keep insertion order: the first keys are the oldest.
    for (const key of cache.keys()) {
      if (cache.size <= MAX_CACHED_ENTRIES) break;
      cache.delete(key);
    }
  }
  const entries = new Map(keys.map((key) => [key, cache.get(key)]));
  const parse = <T extends ItemEntry | ListEntry>(schema: v.GenericSchema<unknown, T>, key: string): T | undefined => {
    const entry = entries.get(key);
    if (!entry) return undefined;
    if (!entry.checked) {
      entry.parsed = parseEntry(schema, key, entry.raw);
      entry.checked = true;
    }
    return entry.parsed as T | undefined;
  };
  return { item: (key) => parse(ItemEntrySchema, key), list: (key) => parse(ListEntrySchema, key) };
}

function parseEntry<T>(schema: v.GenericSchema<unknown, T>, key: string, raw: unknown): T | undefined {
  if (raw === null || raw === undefined) return undefined;
  const result = v.safeParse(schema, raw);
  if (result.success) return result.output;
  log.warn("catalog.invalid-entry", { key, reason: result.issues[0]?.message });
  return undefined;
}
