/** Helpers shared by the catalog import tests. */
import { fileURLToPath } from "node:url";
import * as v from "valibot";
import { CardSchema } from "../../../src/core/catalog/Catalog";
import type { CatalogProduct } from "../../../tools/catalog/CatalogProduct";
import type { FeedRecord } from "../../../tools/catalog/FeedRecord";

export const feedPath = (name: string): string =>
  fileURLToPath(new URL(`../../fixtures/feeds/${name}`, import.meta.url));

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

/** A text delivered in chunks of `size` characters, to cross every boundary a reader might trip on. */
export async function* chunked(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

/** Records by feed id; the first of a repeated id wins. */
export function byId(records: readonly FeedRecord[]): Map<string, FeedRecord> {
  const map = new Map<string, FeedRecord>();
  for (const record of records) {
    const id = record.fields["id"]?.[0] ?? `line ${record.line}`;
    if (!map.has(id)) map.set(id, record);
  }
  return map;
}

/** A catalog product with sensible defaults, for the similarity and entry tests. */
export function product(
  id: string,
  options: {
    category?: string;
    sensitive?: boolean;
    price?: number;
    type?: string;
    brand?: string;
    group?: string;
    popularity?: number;
    inStock?: boolean;
  } = {},
): CatalogProduct {
  return {
    card: v.parse(CardSchema, {
      id,
      title: `Product ${id}`,
      url: `/products/${id}`,
      image: `/images/${id}.jpg`,
      price: options.price ?? 20,
      currency: "EUR",
      category: options.category ?? "kitchen",
      inStock: options.inStock ?? true,
      sensitive: options.sensitive ?? false,
    }),
    group: options.group ?? id,
    productType: options.type,
    brand: options.brand,
    popularity: options.popularity ?? 0,
    aliases: [],
  };
}
