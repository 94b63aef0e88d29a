/**
 * The KV entries the Worker reads (src/core/catalog/Catalog.ts), from products,
 * their related items and the categories' metadata:
 *
 *   item:<id>          the product's card and its related items' cards
 *   category:<slug>    a category's top items (sensitive categories say so)
 *   popular            the shop's top items, none from a sensitive category
 *   categories         the categories, for the preferences page
 *
 * Entries are generated one at a time so a large catalog can be written out
 * as it is produced rather than held as one array of strings.
 */
import { CATEGORIES_KEY, type Card, POPULAR_KEY, categoryKey, itemKey } from "../../src/core/catalog/Catalog";
import type { CatalogProduct } from "./CatalogProduct";
import type { CategoryInfo } from "./compileCategoryMapping";
import { mayRelate } from "./mayRelate";

export interface KvEntry {
  readonly key: string;
  readonly value: string;
}

export interface CatalogInput {
  readonly products: readonly CatalogProduct[];
  /** Product id → related product ids, best first. */
  readonly related: ReadonlyMap<string, readonly string[]>;
  readonly categories: readonly CategoryInfo[];
}

/** How many items a category or the popular list keeps. */
export const TOP_ITEMS = 12;
/** The Worker reads at most this many categories (CategoryListSchema) and cards per list. */
export const MAX_CATEGORIES = 200;
export const MAX_CARDS = 200;

/** How many entries catalogEntries yields for this input. */
export function countCatalogEntries(input: CatalogInput): number {
  return input.products.length + input.categories.length + 2;
}

export function* catalogEntries(input: CatalogInput): Generator<KvEntry> {
  const cards = new Map<string, Card>(input.products.map((product) => [product.card.id, product.card]));
  // A card appears in up to a few dozen entries: serialize it once.
  const cardJson = new Map<string, string>();
  const json = (card: Card): string => {
    let text = cardJson.get(card.id);
    if (text === undefined) cardJson.set(card.id, (text = JSON.stringify(card)));
    return text;
  };
  const entry = (key: string, value: unknown): KvEntry => ({ key, value: JSON.stringify(value) });

  for (const { card } of input.products) {
    const related = [...new Set(input.related.get(card.id) ?? [])]
      .flatMap((id) => cards.get(id) ?? [])
      // Checked again here, whatever computed the list.
      .filter((other) => mayRelate(card, other))
      .slice(0, MAX_CARDS);
    // The same text as JSON.stringify({ item, related }), built from the cached cards.
    yield { key: itemKey(card.id), value: `{"item":${json(card)},"related":[${related.map(json).join(",")}]}` };
  }

  const { topByCategory, popular } = rankedLists(input.products);
  for (const category of input.categories) {
    const items = topByCategory.get(category.slug) ?? [];
    yield entry(categoryKey(category.slug), category.sensitive ? { sensitive: true, items } : { items });
  }
  yield entry(POPULAR_KEY, { items: popular });
  const categories = input.categories
    .slice(0, MAX_CATEGORIES)
    .map(({ slug, name, sensitive }) => ({ slug, name, sensitive }));
  yield entry(CATEGORIES_KEY, { categories });
}

/** The top items of each category and the popular list (never a sensitive item), one variant of a product each. */
function rankedLists(products: CatalogInput["products"]): { topByCategory: Map<string, Card[]>; popular: Card[] } {
  // Most popular first; in stock before out of stock; otherwise the input's order.
  const ranked = products
    .map((product, order) => ({ product, order }))
    .sort(
      (a, b) =>
        b.product.popularity - a.product.popularity ||
        Number(b.product.card.inStock) - Number(a.product.card.inStock) ||
        a.order - b.order,
    )
    .map(({ product }) => product);
  const topByCategory = new Map<string, Card[]>();
  const groupsByCategory = new Map<string, Set<string>>();
  const popular: Card[] = [];
  const popularGroups = new Set<string>();
  for (const { card, group } of ranked) {
    // One variant of a product per list: the list is for choosing among products.
    const top = topByCategory.get(card.category) ?? [];
    const groups = groupsByCategory.get(card.category) ?? new Set<string>();
    if (top.length < TOP_ITEMS && !groups.has(group)) {
      top.push(card);
      groups.add(group);
      topByCategory.set(card.category, top);
      groupsByCategory.set(card.category, groups);
    }
    if (!card.sensitive && popular.length < TOP_ITEMS && !popularGroups.has(group)) {
      popular.push(card);
      popularGroups.add(group);
    }
  }
  return { topByCategory, popular };
}
