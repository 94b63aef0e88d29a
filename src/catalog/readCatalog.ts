/**
 * The one KV read of a page view: every catalog key the page's rules need,
 * fetched with a single bulk get.
 */
import * as v from "valibot";
import { log } from "../log";
import { ItemEntrySchema, type ItemEntry, ListEntrySchema, type ListEntry } from "./Catalog";

/** Edge-cache catalog entries this long (KV's minimum cacheTtl is 30 s). */
const CATALOG_CACHE_TTL_SECONDS = 60;

export interface CatalogView {
  item(key: string): ItemEntry | undefined;
  list(key: string): ListEntry | undefined;
}

export async function readCatalog(kv: KVNamespace, keys: readonly string[]): Promise<CatalogView> {
  const values =
    keys.length === 0
      ? new Map<string, unknown>()
      : await kv.get<unknown>([...keys], { type: "json", cacheTtl: CATALOG_CACHE_TTL_SECONDS });
  const parsed = new Map<string, unknown>();
  const parse = <T>(schema: v.GenericSchema<unknown, T>, key: string): T | undefined => {
    if (parsed.has(key)) return parsed.get(key) as T | undefined;
    const entry = parseEntry(schema, key, values.get(key));
    parsed.set(key, entry);
    return entry;
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
