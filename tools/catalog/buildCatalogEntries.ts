/**
 * Builds the KV catalog entries for the demo shop from kv-seed/products.json,
 * whose products already name their related items and popularity. The entries
 * themselves are laid out by catalogEntries, as for an imported feed.
 */
import * as v from "valibot";
import { CardSchema } from "../../src/core/catalog/Catalog";
import { type KvEntry, catalogEntries } from "./catalogEntries";

export type { KvEntry } from "./catalogEntries";

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

export function buildCatalogEntries(source: ProductSource): KvEntry[] {
  const sensitive = new Set(source.categories.filter((c) => c.sensitive).map((c) => c.slug));
  const products = source.products.map((product) => ({
    card: v.parse(CardSchema, {
      id: product.id,
      title: product.title,
      url: `/products/${product.id}`,
      image: `/images/${product.id}.svg`,
      price: product.price,
      currency: product.currency,
      category: product.category,
      inStock: product.inStock,
      ...(sensitive.has(product.category) ? { sensitive: true } : {}),
    }),
    group: product.id,
    productType: undefined,
    brand: undefined,
    popularity: product.popularity,
    aliases: [],
  }));
  const related = new Map(source.products.map((product) => [product.id, product.related]));
  return [...catalogEntries({ products, related, categories: source.categories })];
}
