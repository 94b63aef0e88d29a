/**
 * Chooses the items for one block. For now: items related to the product on
 * the page, topped up with popular items, and popular items everywhere else.
 * Never the product being viewed, never out of stock, never the same item twice.
 */
import { type Card, POPULAR_KEY, itemKey } from "../catalog/Catalog";
import type { CatalogView } from "../catalog/readCatalog";
import type { PageContext } from "../page/classifyPage";

/** A block with fewer alternatives than this is not shown at all. */
export const MIN_ITEMS = 2;

/** The catalog keys a page's blocks may draw from: one bulk read covers them. */
export function catalogKeysFor(page: PageContext): string[] {
  return page.kind === "product" ? [itemKey(page.productId), POPULAR_KEY] : [POPULAR_KEY];
}

export function pickItems(page: PageContext, catalog: CatalogView, count: number): Card[] {
  const related = page.kind === "product" ? (catalog.item(itemKey(page.productId))?.related ?? []) : [];
  const popular = catalog.list(POPULAR_KEY)?.items ?? [];
  const exclude = new Set(page.kind === "product" ? [page.productId] : []);
  const picked: Card[] = [];
  for (const card of [...related, ...popular]) {
    if (picked.length === count) break;
    if (!card.inStock || exclude.has(card.id)) continue;
    exclude.add(card.id);
    picked.push(card);
  }
  return picked.length >= MIN_ITEMS ? picked : [];
}
