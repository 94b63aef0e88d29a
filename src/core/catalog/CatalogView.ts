/**
 * The catalog entries a page view read, by key (see Catalog for the keys):
 * what the strategies draw on. The edge fills it with one bulk KV read.
 */
import type { ItemEntry, ListEntry } from "./Catalog";

export interface CatalogView {
  item(key: string): ItemEntry | undefined;
  list(key: string): ListEntry | undefined;
}
