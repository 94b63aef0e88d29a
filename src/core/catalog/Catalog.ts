/**
 * Catalog entries in KV, denormalized so one bulk read serves a page view.
 *
 *   item:<product id>   { "item": Card, "related": Card[] }
 *   category:<slug>     { "sensitive"?: true, "items": Card[] }   top items of a category
 *   popular             { "items": Card[] }                       overall popular items
 *   categories          { "categories": [{ "slug", "name": { lang: text }, "sensitive"? }] }
 *
 * Cards are checked one by one: a bad card is dropped, its neighbours stay.
 * kv-seed/README.md shows each key with an example.
 */
import * as v from "valibot";
import { CategorySlugSchema, ProductIdSchema } from "./ids";

export const POPULAR_KEY = "popular";
export const CATEGORIES_KEY = "categories";
export const itemKey = (productId: string): string => `item:${productId}`;
export const categoryKey = (slug: string): string => `category:${slug}`;

/**
 * http(s) URLs, or paths on the shop's own site ("/products/p01", not "//x").
 * No control characters anywhere: a browser drops tabs and newlines from a URL,
 * which would make "/\t/evil.example" a link to another site.
 */
export const SafeUrlSchema = v.pipe(
  v.string(),
  v.maxLength(2048),
  v.check(
    (url) => !/\p{Cc}/u.test(url) && (/^\/(?![/\\])/.test(url) || /^https?:\/\/[^\s]+$/i.test(url)),
    'must be an http(s) URL or a path starting with "/"',
  ),
);

export const CardSchema = v.object({
  id: ProductIdSchema,
  title: v.pipe(v.string(), v.minLength(1), v.maxLength(300)),
  url: SafeUrlSchema,
  image: SafeUrlSchema,
  price: v.pipe(v.number(), v.finite(), v.minValue(0)),
  currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as EUR")),
  category: CategorySlugSchema,
  inStock: v.optional(v.boolean(), true),
  /** A sensitive item: never learned from, never shown outside its own context. */
  sensitive: v.optional(v.boolean(), false),
});
export type Card = v.InferOutput<typeof CardSchema>;

const CardListSchema = v.pipe(
  v.array(v.unknown()),
  v.maxLength(200),
  v.transform((cards) =>
    cards.flatMap((card) => {
      const parsed = v.safeParse(CardSchema, card);
      return parsed.success ? [parsed.output] : [];
    }),
  ),
);

export const ItemEntrySchema = v.object({ item: CardSchema, related: CardListSchema });
export type ItemEntry = v.InferOutput<typeof ItemEntrySchema>;

export const ListEntrySchema = v.object({ sensitive: v.optional(v.boolean(), false), items: CardListSchema });
export type ListEntry = v.InferOutput<typeof ListEntrySchema>;

/** The shop's categories, for the preferences page. */
export const CategoryListSchema = v.object({
  categories: v.pipe(
    v.array(
      v.object({
        slug: CategorySlugSchema,
        name: v.record(v.string(), v.pipe(v.string(), v.maxLength(100))),
        sensitive: v.optional(v.boolean(), false),
      }),
    ),
    v.maxLength(200),
  ),
});
export type CategoryList = v.InferOutput<typeof CategoryListSchema>;
