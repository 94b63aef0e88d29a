/**
 * Turns one feed record into a product, or into the reason it was rejected,
 * with the line it came from. Nothing is dropped silently: every record ends
 * up accepted or in the import's list of rejections.
 */
import * as v from "valibot";
import { ProductIdSchema } from "../../src/core/catalog/ids";
import type { FeedRecord } from "./FeedRecord";
import { type FeedProduct, FeedProductSchema } from "./FeedProduct";

/** A validated product, keyed as the Worker will look it up. */
export type ValidProduct = FeedProduct & { readonly id: string };

export interface Rejection {
  readonly line: number;
  /** The feed's id for the row, when it has one. */
  readonly id: string | undefined;
  readonly reason: string;
}

export type Validation = { readonly ok: true; readonly product: ValidProduct } | ({ readonly ok: false } & Rejection);

export interface ValidationOptions {
  /** When the import runs (epoch ms), for sale price dates. */
  readonly now: number;
  /**
   * The id the Worker sees for a product: by default the feed's id; with
   * `--id-from-link`, the id its product page URL carries.
   */
  readonly idFromLink?: ((link: string) => string | undefined) | undefined;
}

export function validateFeedRecord(record: FeedRecord, options: ValidationOptions): Validation {
  const first = (name: string) => record.fields[name]?.[0];
  const feedId = first("id");
  const reject = (reason: string): Validation => ({ ok: false, line: record.line, id: feedId, reason });
  if (record.problem) return reject(record.problem);

  const parsed = v.safeParse(FeedProductSchema, {
    id: feedId,
    title: first("title"),
    link: first("link"),
    image_link: first("image_link"),
    price: first("price"),
    sale_price: first("sale_price"),
    sale_price_effective_date: first("sale_price_effective_date"),
    availability: first("availability"),
    google_product_category: first("google_product_category"),
    product_type: record.fields["product_type"] ?? [],
    brand: first("brand"),
    item_group_id: first("item_group_id"),
    alias: first("alias"),
    now: options.now,
  });
  // Every reason, so one round of fixes is enough.
  if (!parsed.success) return reject(parsed.issues.map((issue) => issue.message).join("; "));
  const product = parsed.output;

  let id = product.feedId;
  let aliases = product.aliases;
  if (options.idFromLink) {
    const fromLink = options.idFromLink(product.link);
    if (fromLink === undefined) return reject(`link: "${product.link}" does not match --id-from-link`);
    id = fromLink;
    aliases = [product.feedId, ...aliases];
  }
  if (!v.is(ProductIdSchema, id)) {
    return reject(`id: "${id}" cannot key a catalog entry (1-64 letters, digits or _.:- only)`);
  }
  return { ok: true, product: { ...product, id, aliases } };
}
