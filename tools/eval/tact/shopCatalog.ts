/**
 * The catalog `npm run import -- <feed> --cooccurrence <sessions>` would write
 * for a shop's training sessions, made by the importer's own code: a product
 * per training item, related items by relatedItems (co-occurrence over the
 * sessions, content similarity where it leaves gaps), popularity as the
 * number of sessions holding the product, entries laid out by catalogEntries.
 * The Worker's view of it is one bulk read: only the keys asked for, each
 * parsed by the Worker's own schemas.
 */
import * as v from "valibot";
import { type CategoryInfo } from "../../catalog/compileCategoryMapping";
import type { CatalogProduct } from "../../catalog/CatalogProduct";
import { catalogEntries } from "../../catalog/catalogEntries";
import { readCooccurrence } from "../../catalog/readCooccurrence";
import { relatedItems } from "../../catalog/relatedItems";
import { CardSchema, ItemEntrySchema, ListEntrySchema } from "../../../src/core/catalog/Catalog";
import type { CatalogView } from "../../../src/core/catalog/CatalogView";
import type { Session } from "../data/Session";
import { type CatalogItems, catalogItems } from "./catalogItems";

export interface ShopCatalog {
  readonly names: CatalogItems;
  readonly products: readonly CatalogProduct[];
  /** Card id → related card ids, best first. */
  readonly related: ReadonlyMap<string, readonly string[]>;
  /** What a page view reads: the entries named by `keys`, and no other. */
  read(keys: readonly string[]): CatalogView;
}

/** What the importer is told: related items per product (--top-k), λ of the co-occurrence cosine (--shrinkage). */
export interface ImportSettings {
  readonly relatedPerItem: number;
  readonly shrinkage: number;
}

function product(names: CatalogItems, item: string): CatalogProduct {
  const id = names.cardId(item) ?? "";
  const card = { id, title: item, url: `/products/${id}`, image: `/images/${id}.svg`, price: 0, currency: "EUR" };
  return {
    card: v.parse(CardSchema, { ...card, category: names.slug(item) }),
    group: id,
    productType: undefined,
    brand: undefined,
    popularity: 0,
    aliases: [],
  };
}

/** The training sessions as the rows of a `session_or_order_id,product_id` co-occurrence file. */
async function* basketRows(train: readonly Session[], names: CatalogItems): AsyncIterable<string> {
  for (const [s, session] of train.entries()) {
    yield session.items.map((item) => `${s},${names.cardId(item)}\n`).join("");
  }
}

export async function importShop(
  train: readonly Session[],
  categories: ReadonlyMap<string, string>,
  settings: ImportSettings,
): Promise<ShopCatalog> {
  const names = catalogItems(train, categories);
  const accepted = names.items.map((item) => product(names, item));
  const byId = new Map(accepted.map((p, index) => [p.card.id, index]));
  const { baskets } = await readCooccurrence(basketRows(train, names), (id) => byId.get(id));
  const computed = relatedItems(accepted, settings.relatedPerItem, baskets, settings.shrinkage);
  const products = accepted.map((p, index) => ({ ...p, popularity: computed.occurrences[index] ?? 0 }));
  return shopCatalog(names, products, computed.related);
}

/** The same shop with other related items: `related(item)` best first, `perItem` of them. */
export function withRelated(
  shop: ShopCatalog,
  related: (item: string) => readonly string[],
  perItem: number,
): ShopCatalog {
  const { names } = shop;
  const lists = names.items.map((item) => {
    const others = related(item).filter((other) => other !== item);
    return [names.cardId(item) ?? "", others.slice(0, perItem).flatMap((other) => names.cardId(other) ?? [])] as const;
  });
  return shopCatalog(names, shop.products, new Map(lists));
}

function shopCatalog(
  names: CatalogItems,
  products: readonly CatalogProduct[],
  related: ReadonlyMap<string, readonly string[]>,
): ShopCatalog {
  const slugs = [...new Set(products.map((p) => p.card.category))];
  const categories: CategoryInfo[] = slugs.map((slug) => ({ slug, name: { en: slug }, sensitive: false }));
  const raw = new Map<string, string>();
  for (const { key, value } of catalogEntries({ products, related, categories })) raw.set(key, value);
  const parsed = new Map<string, unknown>();
  const parse = <T>(schema: v.GenericSchema<unknown, T>, key: string): T | undefined => {
    if (!parsed.has(key)) {
      const text = raw.get(key);
      const result = text === undefined ? undefined : v.safeParse(schema, JSON.parse(text));
      parsed.set(key, result?.success ? result.output : undefined);
    }
    return parsed.get(key) as T | undefined;
  };
  return {
    names,
    products,
    related,
    read(keys) {
      const asked = new Set(keys);
      return {
        item: (key) => (asked.has(key) ? parse(ItemEntrySchema, key) : undefined),
        list: (key) => (asked.has(key) ? parse(ListEntrySchema, key) : undefined),
      };
    },
  };
}
