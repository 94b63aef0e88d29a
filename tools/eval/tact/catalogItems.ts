/**
 * The items of a training set as tact's catalog names them. A shop's item ids
 * need not be valid product ids (`[A-Za-z0-9_.:-]{1,64}`) nor its categories
 * valid slugs, so cards get ids and slugs of their own, i0, i1 … and c0,
 * c1 …, and the mapping back is kept here.
 */
import type { Session } from "../data/Session";

/** The category every item is in when the shop gives none. */
export const NO_CATEGORY = "all";

export interface CatalogItems {
  /** Training items in order of first view; item i has the card id `i<i>`. */
  readonly items: readonly string[];
  readonly cardId: (item: string) => string | undefined;
  readonly itemOf: (cardId: string) => string | undefined;
  /** The item's category slug: c0, c1 … in order of first use, NO_CATEGORY when it has none. */
  readonly slug: (item: string) => string;
}

export function catalogItems(train: readonly Session[], categories: ReadonlyMap<string, string>): CatalogItems {
  const items = [...new Set(train.flatMap((session) => session.items))];
  const index = new Map(items.map((item, i) => [item, i]));
  const slugs = new Map<string, string>();
  for (const item of items) {
    const category = categories.get(item);
    if (category !== undefined && !slugs.has(category)) slugs.set(category, `c${slugs.size}`);
  }
  return {
    items,
    cardId: (item) => (index.has(item) ? `i${index.get(item)}` : undefined),
    itemOf: (id) => (/^i\d+$/.test(id) ? items[Number(id.slice(1))] : undefined),
    slug: (item) => slugs.get(categories.get(item) ?? "") ?? NO_CATEGORY,
  };
}
