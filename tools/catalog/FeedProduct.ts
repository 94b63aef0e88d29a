/**
 * A feed product after validation: the attributes a catalog entry needs, in
 * the shapes the Worker's cards take. Every format is read into Merchant
 * Center's attribute names first (see FeedRecord), so this one schema decides
 * for all of them what a usable product is:
 *
 * - id, title, link, image_link, price (with its currency) and availability
 *   are required; link and image must be http(s) URLs or paths on the shop;
 * - a google_product_category or a product_type is required, to place the
 *   product in one of the ruleset's categories;
 * - a sale_price in effect (sale_price_effective_date, when given, spans the
 *   import) replaces the price.
 */
import * as v from "valibot";
import { SafeUrlSchema } from "../../src/core/catalog/Catalog";

const present = (what: string) =>
  v.pipe(
    v.string(`${what}: missing`),
    v.trim(),
    v.nonEmpty(`${what}: missing`),
    v.maxLength(2048, `${what}: too long`),
  );

/** "12.50 EUR", as Merchant Center spells prices ("EUR 12.50" is accepted too). */
const PRICE = /^(?:(\d+(?:\.\d+)?)\s*([A-Z]{3})|([A-Z]{3})\s*(\d+(?:\.\d+)?))$/;

export interface Price {
  readonly amount: number;
  readonly currency: string;
}

const PriceSchema = (what: string) =>
  v.pipe(
    present(what),
    v.regex(PRICE, `${what}: must be an amount and a currency, such as "12.50 EUR"`),
    v.transform((text): Price => {
      const [, amount, currency, currencyFirst, amountLast] = PRICE.exec(text) ?? [];
      return { amount: Number(amount ?? amountLast), currency: currency ?? currencyFirst ?? "" };
    }),
  );

/** Merchant Center's values; older feeds write them with spaces ("in stock"). */
const AVAILABILITY = ["in_stock", "out_of_stock", "preorder", "backorder"] as const;

/** "2026-02-24T11:07+0100/2026-02-29T23:00-0800": when a sale price applies. */
const EffectiveDateSchema = v.pipe(
  v.string(),
  v.transform((text) => text.split("/").map((part) => Date.parse(part.trim().replace(/([+-]\d\d)(\d\d)$/, "$1:$2")))),
  v.check(
    (range) => range.length === 2 && range.every(Number.isFinite),
    "sale_price_effective_date: must be two ISO 8601 dates separated by /",
  ),
);

export const FeedProductSchema = v.pipe(
  v.object({
    id: v.pipe(present("id"), v.maxLength(200, "id: longer than 200 characters")),
    title: v.pipe(present("title"), v.maxLength(300, "title: longer than 300 characters")),
    link: v.pipe(
      present("link"),
      v.check((url) => v.is(SafeUrlSchema, url), 'link: must be an http(s) URL or a path starting with "/"'),
    ),
    image_link: v.pipe(
      present("image_link"),
      v.check((url) => v.is(SafeUrlSchema, url), 'image_link: must be an http(s) URL or a path starting with "/"'),
    ),
    price: PriceSchema("price"),
    sale_price: v.optional(PriceSchema("sale_price")),
    sale_price_effective_date: v.optional(EffectiveDateSchema),
    availability: v.pipe(
      present("availability"),
      v.transform((text) => text.toLowerCase().replace(/\s+/g, "_")),
      v.picklist(AVAILABILITY, `availability: must be one of ${AVAILABILITY.join(", ")}`),
    ),
    google_product_category: v.optional(v.pipe(v.string(), v.trim())),
    product_type: v.array(v.pipe(v.string(), v.trim())),
    brand: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
    item_group_id: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(200))),
    alias: v.optional(v.string()),
    /** When the import runs, to tell whether a sale price is in effect. */
    now: v.number(),
  }),
  // Partial checks run even when other fields failed, so a refusal lists every reason at once.
  v.partialCheck(
    [["google_product_category"], ["product_type"]],
    (input) => Boolean(input.google_product_category) || input.product_type.some((type) => type !== ""),
    "category: needs a google_product_category or a product_type",
  ),
  v.partialCheck(
    [["sale_price"], ["price"]],
    (input) => !input.sale_price || input.sale_price.currency === input.price.currency,
    "sale_price: must be in the same currency as price",
  ),
  v.transform((input) => {
    const [from = 0, to = 0] = input.sale_price_effective_date ?? [];
    const onSale =
      input.sale_price !== undefined &&
      input.sale_price.amount < input.price.amount &&
      (input.sale_price_effective_date === undefined || (from <= input.now && input.now < to));
    const price = onSale && input.sale_price ? input.sale_price : input.price;
    return {
      /** The feed's own id; the catalog may key the product differently (see validateFeedRecord). */
      feedId: input.id,
      title: input.title,
      link: input.link,
      image: input.image_link,
      price: price.amount,
      currency: price.currency,
      /** Only what can be bought now is shown; preorders and backorders wait. */
      inStock: input.availability === "in_stock",
      googleCategory: input.google_product_category || undefined,
      productTypes: input.product_type.filter((type) => type !== ""),
      brand: input.brand || undefined,
      /** Variants of one product share a group and are never each other's related items. */
      group: input.item_group_id || undefined,
      aliases: input.alias ? [input.alias] : [],
    };
  }),
);
export type FeedProduct = v.InferOutput<typeof FeedProductSchema>;
