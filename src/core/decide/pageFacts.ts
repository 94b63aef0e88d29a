/** What the catalog says about the page being viewed, for learning. */
import { categoryKey, itemKey } from "../catalog/Catalog";
import type { CatalogView } from "../catalog/CatalogView";
import type { PageContext } from "./classifyPage";
import type { PageFacts } from "../profile/learnPageView";
import { isSensitiveCard } from "./pickItems";

/** Undefined when the catalog does not know the page: then nothing is learned from it. */
export function pageFacts(
  page: PageContext,
  catalog: CatalogView,
  sensitive: ReadonlySet<string>,
): PageFacts | undefined {
  if (page.kind === "product") {
    const item = catalog.item(itemKey(page.productId))?.item;
    return item && { category: item.category, sensitive: isSensitiveCard(item, sensitive) };
  }
  if (page.kind === "category") {
    const entry = catalog.list(categoryKey(page.slug));
    return entry && { category: page.slug, sensitive: entry.sensitive || sensitive.has(page.slug) };
  }
  return undefined;
}

/** A page whose recommendations may only be contextual, and about which nothing is remembered. */
export function isSensitivePage(
  page: PageContext,
  catalog: CatalogView | undefined,
  sensitive: ReadonlySet<string>,
): boolean {
  if (page.kind === "category" && sensitive.has(page.slug)) return true;
  if (page.kind !== "product" && page.kind !== "category") return false;
  // Unknown until the catalog answers: assume the worst.
  return catalog ? (pageFacts(page, catalog, sensitive)?.sensitive ?? false) : true;
}
