/**
 * Reads a Shopify `products.json` (the storefront's `/products.json`, or the
 * Admin API's product list) one product at a time, and spells each product
 * with Merchant Center's attribute names so the same schema validates it.
 *
 * Shopify's JSON is one document; jsonArrayElements scans it as it streams,
 * so only one product is parsed and held at a time.
 *
 * What Shopify does not say, the import has to be told: prices carry no
 * currency (`--currency`), and products have paths, not URLs
 * (`/products/<handle>`, made absolute with `--base-url`). A product is keyed
 * by its handle, the segment its storefront URL carries; its numeric id is
 * kept as an alias for co-occurrence files that use it.
 */
import * as v from "valibot";
import type { FeedRecord } from "./FeedRecord";
import { jsonArrayElements } from "./jsonArrayElements";

export interface ShopifyOptions {
  /** ISO 4217 code of the shop's prices. */
  readonly currency: string | undefined;
  /** Origin that product paths are resolved against, e.g. https://shop.example.com. */
  readonly baseUrl: string | undefined;
}

const Text = v.pipe(v.union([v.string(), v.number()]), v.transform(String));
const ImageSchema = v.object({ src: v.optional(v.string()) });

/** Only the fields the import uses; everything else in a product is ignored. */
const ShopifyProductSchema = v.object({
  id: v.optional(Text),
  handle: v.optional(v.string()),
  title: v.optional(v.string()),
  vendor: v.optional(v.nullable(v.string())),
  product_type: v.optional(v.nullable(v.string())),
  images: v.optional(v.array(ImageSchema), []),
  image: v.optional(v.nullable(ImageSchema)),
  variants: v.optional(
    v.array(
      v.object({
        price: v.optional(v.nullable(Text)),
        available: v.optional(v.boolean()),
        inventory_quantity: v.optional(v.nullable(v.number())),
        inventory_policy: v.optional(v.nullable(v.string())),
      }),
    ),
    [],
  ),
});
type ShopifyProduct = v.InferOutput<typeof ShopifyProductSchema>;

function availability(variants: ShopifyProduct["variants"]): string | undefined {
  // The storefront JSON says `available`; the Admin API gives stock and whether overselling is allowed.
  const known = variants.flatMap((variant) => {
    if (variant.available !== undefined) return [variant.available];
    if (variant.inventory_quantity === undefined || variant.inventory_quantity === null) return [];
    return [variant.inventory_quantity > 0 || variant.inventory_policy === "continue"];
  });
  if (known.length === 0) return undefined;
  return known.includes(true) ? "in_stock" : "out_of_stock";
}

/** The lowest variant price, as Merchant Center spells prices ("19.00 EUR"). */
function price(variants: ShopifyProduct["variants"], currency: string | undefined): string | undefined {
  const prices = variants.flatMap((variant) => {
    const value = Number(variant.price ?? Number.NaN);
    return variant.price !== null && variant.price !== undefined && Number.isFinite(value) ? [value] : [];
  });
  if (prices.length === 0) return variants[0]?.price ?? undefined;
  const lowest = String(Math.min(...prices));
  return currency ? `${lowest} ${currency}` : lowest;
}

function toFields(product: ShopifyProduct, options: ShopifyOptions): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  const set = (name: string, value: string | null | undefined) => {
    if (value !== undefined && value !== null && value.trim() !== "") fields[name] = [value.trim()];
  };
  set("id", product.handle ?? product.id);
  if (product.handle !== undefined) set("alias", product.id);
  set("title", product.title);
  if (product.handle !== undefined) {
    const path = `/products/${encodeURIComponent(product.handle)}`;
    set("link", options.baseUrl ? new URL(path, options.baseUrl).href : path);
  }
  // Some Shopify endpoints give protocol-relative image URLs.
  set("image_link", (product.images[0]?.src ?? product.image?.src)?.replace(/^\/\//, "https://"));
  set("price", price(product.variants, options.currency));
  set("availability", availability(product.variants));
  set("product_type", product.product_type);
  set("brand", product.vendor);
  return fields;
}

export async function* readShopifyJson(
  chunks: AsyncIterable<string>,
  options: ShopifyOptions,
): AsyncGenerator<FeedRecord> {
  for await (const element of jsonArrayElements(chunks, "products")) {
    const where = { line: element.line };
    let json: unknown;
    try {
      json = JSON.parse(element.text);
    } catch (error) {
      yield {
        ...where,
        fields: {},
        problem: `products[${element.index}] is not valid JSON (${(error as Error).message})`,
      };
      continue;
    }
    const parsed = v.safeParse(ShopifyProductSchema, json);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const path = issue ? v.getDotPath(issue) : null;
      yield {
        ...where,
        fields: {},
        problem: `products[${element.index}]${path ? `.${path}` : ""}: ${issue?.message ?? "not a product"}`,
      };
      continue;
    }
    yield { ...where, fields: toFields(parsed.output, options) };
  }
}
