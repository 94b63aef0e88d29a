/**
 * Builds the KV catalog entries the Worker reads (src/catalog/Catalog.ts) from
 * a product list: each item with its related items' cards inlined, the top
 * items of each category, and the overall popular items. Sensitive categories
 * never reach the popular list or another category's entries.
 */
import * as v from "valibot";
import { CATEGORIES_KEY, type Card, CardSchema, POPULAR_KEY, categoryKey, itemKey } from "../../src/catalog/Catalog";

const LocalizedSchema = v.record(v.string(), v.string());

export const ProductSourceSchema = v.object({
  categories: v.array(v.object({ slug: v.string(), name: LocalizedSchema, sensitive: v.boolean() })),
  products: v.array(
    v.object({
      id: v.string(),
      title: v.string(),
      category: v.string(),
      price: v.number(),
      currency: v.string(),
      inStock: v.boolean(),
      popularity: v.number(),
      related: v.array(v.string()),
      description: LocalizedSchema,
    }),
  ),
});
export type ProductSource = v.InferOutput<typeof ProductSourceSchema>;

/** How many items a category or the popular list keeps. */
const TOP_ITEMS = 12;

export interface KvEntry {
  readonly key: string;
  readonly value: string;
}

export function buildCatalogEntries(source: ProductSource): KvEntry[] {
  const sensitive = new Set(source.categories.filter((c) => c.sensitive).map((c) => c.slug));
  const cards = new Map<string, Card>();
  for (const product of source.products) {
    const card = v.parse(CardSchema, {
      id: product.id,
      title: product.title,
      url: `/products/${product.id}`,
      image: `/images/${product.id}.svg`,
      price: product.price,
      currency: product.currency,
      category: product.category,
      inStock: product.inStock,
      ...(sensitive.has(product.category) ? { sensitive: true } : {}),
    });
    cards.set(product.id, card);
  }
  const byPopularity = [...source.products].sort((a, b) => b.popularity - a.popularity);
  const top = (products: typeof byPopularity): Card[] =>
    products.flatMap((p) => cards.get(p.id) ?? []).slice(0, TOP_ITEMS);

  const entries: KvEntry[] = [];
  for (const product of source.products) {
    const item = cards.get(product.id);
    const related = product.related
      .flatMap((id) => cards.get(id) ?? [])
      // A sensitive item is related only to items of its own category.
      .filter((card) => !sensitive.has(card.category) || card.category === product.category);
    entries.push({ key: itemKey(product.id), value: JSON.stringify({ item, related }) });
  }
  for (const category of source.categories) {
    const items = top(byPopularity.filter((p) => p.category === category.slug));
    const value = category.sensitive ? { sensitive: true, items } : { items };
    entries.push({ key: categoryKey(category.slug), value: JSON.stringify(value) });
  }
  const popular = top(byPopularity.filter((p) => !sensitive.has(p.category)));
  entries.push({ key: POPULAR_KEY, value: JSON.stringify({ items: popular }) });
  const categories = source.categories.map(({ slug, name, sensitive: touchy }) => ({ slug, name, sensitive: touchy }));
  entries.push({ key: CATEGORIES_KEY, value: JSON.stringify({ categories }) });
  return entries;
}
