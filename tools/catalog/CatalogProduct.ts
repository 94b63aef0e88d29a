/**
 * A product ready for the catalog: its card as the Worker will show it, plus
 * what relating and ranking it needs and the card does not carry.
 */
import type { Card } from "../../src/core/catalog/Catalog";

export interface CatalogProduct {
  /** The card, with the product's catalog id, category slug and sensitivity. */
  readonly card: Card;
  /** Variants of one product share a group: they are never each other's related items. */
  readonly group: string;
  /** The merchant's own product type, as a path ("Kitchen > Coffee makers"), for content similarity. */
  readonly productType: string | undefined;
  readonly brand: string | undefined;
  /** Higher is more popular; ties keep feed order. */
  readonly popularity: number;
  /** Other ids a co-occurrence file may use for the product (the feed's id, Shopify's numeric id). */
  readonly aliases: readonly string[];
}
