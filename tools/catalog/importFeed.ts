/**
 * The import up to the KV entries: read the feed, validate each product, place
 * it in a category, relate the products, rank them. Pure of side effects
 * other than reading files, so tests run it directly; the command
 * (importCommand) decides where the entries go.
 */
import * as v from "valibot";
import { CardSchema } from "../../src/core/catalog/Catalog";
import type { CatalogProduct } from "./CatalogProduct";
import type { CategoryMapping } from "./CategoryMapping";
import { type CategoryInfo, compileCategoryMapping } from "./compileCategoryMapping";
import type { CatalogInput } from "./catalogEntries";
import { MAX_CATEGORIES } from "./catalogEntries";
import { type Cooccurrence, readCooccurrence } from "./readCooccurrence";
import { type FeedFormat, readFeed, readTextChunks } from "./readFeed";
import type { ShopifyOptions } from "./readShopifyJson";
import { relatedItems } from "./relatedItems";
import { type Rejection, type ValidProduct, validateFeedRecord } from "./validateFeedRecord";

export interface ImportFeedOptions {
  readonly feed: string;
  readonly format: FeedFormat;
  readonly mapping: CategoryMapping;
  readonly cooccurrence: string | undefined;
  readonly topK: number;
  /** λ of the co-occurrence cosine (cooccurrenceSimilarity). */
  readonly shrinkage: number;
  readonly idFromLink: ((link: string) => string | undefined) | undefined;
  readonly shopify: ShopifyOptions;
  /** When the import runs (epoch ms), for sale price dates. */
  readonly now: number;
}

export interface ImportedFeed {
  /** Products the feed held, accepted or not. */
  readonly read: number;
  readonly rejections: readonly Rejection[];
  /** What the entries are built from. */
  readonly catalog: CatalogInput;
  /** Each category with how many accepted products it holds. */
  readonly categoryCounts: ReadonlyMap<string, number>;
  /** Categories beyond the Worker's limit, left out of the `categories` list (their entries are still written). */
  readonly categoriesOverLimit: number;
  readonly cooccurrence: (Omit<Cooccurrence, "baskets"> & { readonly baskets: number }) | undefined;
  readonly fromCooccurrence: number;
  readonly withoutRelated: number;
}

type Mapper = ReturnType<typeof compileCategoryMapping>;

/** A validated product as the catalog holds it, or why it cannot be. */
function toCatalogProduct(product: ValidProduct, mapper: Mapper): CatalogProduct | string {
  const placement = mapper.place(product);
  if (!placement.ok) return placement.reason;
  const card = v.safeParse(CardSchema, {
    id: product.id,
    title: product.title,
    url: product.link,
    image: product.image,
    price: product.price,
    currency: product.currency,
    category: placement.slug,
    inStock: product.inStock,
    sensitive: placement.sensitive,
  });
  if (!card.success) return card.issues.map((issue) => `${v.getDotPath(issue) ?? "card"}: ${issue.message}`).join("; ");
  return {
    card: card.output,
    group: product.group ?? product.id,
    productType: product.productTypes[0],
    brand: product.brand,
    popularity: 0,
    aliases: product.aliases,
  };
}

/** Reads the feed: each product validated, placed, and accepted once (the first of an id wins). */
async function acceptProducts(options: ImportFeedOptions, mapper: Mapper) {
  const rejections: Rejection[] = [];
  const accepted: CatalogProduct[] = [];
  const firstLine = new Map<string, number>();
  let read = 0;
  for await (const record of readFeed(options.feed, options.format, options.shopify)) {
    read += 1;
    const validation = validateFeedRecord(record, { now: options.now, idFromLink: options.idFromLink });
    if (!validation.ok) {
      rejections.push({ line: validation.line, id: validation.id, reason: validation.reason });
      continue;
    }
    const product = validation.product;
    const seenOn = firstLine.get(product.id);
    const result =
      seenOn === undefined ? toCatalogProduct(product, mapper) : `id: "${product.id}" again (first on line ${seenOn})`;
    if (typeof result === "string") {
      rejections.push({ line: record.line, id: product.feedId, reason: result });
      continue;
    }
    firstLine.set(product.id, record.line);
    accepted.push(result);
  }
  return { read, rejections, accepted };
}

/** The baskets of the co-occurrence file, with products known by id or alias (aliases never shadow an id). */
function readBaskets(path: string, accepted: readonly CatalogProduct[]): Promise<Cooccurrence> {
  const byId = new Map<string, number>();
  accepted.forEach((product, index) => byId.set(product.card.id, index));
  accepted.forEach((product, index) => {
    for (const alias of product.aliases) if (!byId.has(alias)) byId.set(alias, index);
  });
  return readCooccurrence(readTextChunks(path), (id) => byId.get(id));
}

/** The categories list, and how many products each holds. */
function listCategories(mapper: Mapper, products: readonly CatalogProduct[]) {
  const categoryCounts = new Map<string, number>();
  for (const { card } of products) categoryCounts.set(card.category, (categoryCounts.get(card.category) ?? 0) + 1);
  let categories: CategoryInfo[] = mapper.categories();
  const categoriesOverLimit = Math.max(0, categories.length - MAX_CATEGORIES);
  if (categoriesOverLimit > 0) {
    // The preferences page offers the largest categories; mapping order among the rest.
    const rank = (slug: string) => categoryCounts.get(slug) ?? 0;
    categories = [...categories].sort((a, b) => rank(b.slug) - rank(a.slug));
  }
  return { categories, categoryCounts, categoriesOverLimit };
}

export async function importFeed(options: ImportFeedOptions): Promise<ImportedFeed> {
  const mapper = compileCategoryMapping(options.mapping);
  const { read, rejections, accepted } = await acceptProducts(options, mapper);
  const cooccurrence = options.cooccurrence ? await readBaskets(options.cooccurrence, accepted) : undefined;
  const related = relatedItems(accepted, options.topK, cooccurrence?.baskets, options.shrinkage);
  // With baskets, popularity is how many baskets hold the product; without, feed order decides.
  const products = cooccurrence
    ? accepted.map((product, index) => ({ ...product, popularity: related.occurrences[index] ?? 0 }))
    : accepted;
  const { categories, categoryCounts, categoriesOverLimit } = listCategories(mapper, products);
  return {
    read,
    rejections,
    catalog: { products, related: related.related, categories },
    categoryCounts,
    categoriesOverLimit,
    cooccurrence: cooccurrence && { ...cooccurrence, baskets: cooccurrence.baskets.length },
    fromCooccurrence: related.fromCooccurrence,
    withoutRelated: related.withoutRelated,
  };
}
