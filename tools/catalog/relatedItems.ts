/**
 * Each product's related items, top k, best first. With co-occurrence
 * baskets, a product's items come from item-to-item cosine first, and the
 * places co-occurrence cannot fill (new and long-tail products) from content
 * similarity; without baskets, from content similarity alone.
 *
 * Both go through the same gate: mayRelate's rule (sensitive products only among
 * themselves, within their category), never a variant of the product itself,
 * and at most one variant of any other product.
 */
import type { CatalogProduct } from "./CatalogProduct";
import { contentSimilarity, type ContentSimilarity, type Neighbour } from "./contentSimilarity";
import { cooccurrenceSimilarity } from "./cooccurrenceSimilarity";
import { relationCompartment } from "./mayRelate";

export interface RelatedItems {
  /** Product id → related product ids, best first. */
  readonly related: Map<string, string[]>;
  /** Baskets holding each product (all zero without baskets), in products' order. */
  readonly occurrences: Uint32Array;
  /** Products with at least one related item from co-occurrence. */
  readonly fromCooccurrence: number;
  /** Products left with no related item at all. */
  readonly withoutRelated: number;
}

/** mayRelate's rule, precomputed as numbers: this runs for every candidate pair looked at. */
function mayRelateByIndex(products: readonly CatalogProduct[]): (index: number, other: number) => boolean {
  const compartments = new Map<string, number>();
  const groups = new Map<string, number>();
  const code = (codes: Map<string, number>, key: string) => {
    let value = codes.get(key);
    if (value === undefined) codes.set(key, (value = codes.size));
    return value;
  };
  const compartmentOf = Int32Array.from(products, (product) => code(compartments, relationCompartment(product.card)));
  const groupOf = Int32Array.from(products, (product) => code(groups, product.group));
  return (index, other) =>
    index !== other && compartmentOf[index] === compartmentOf[other] && groupOf[index] !== groupOf[other];
}

export function relatedItems(
  products: readonly CatalogProduct[],
  k: number,
  baskets?: readonly (readonly number[])[],
  shrinkage?: number,
): RelatedItems {
  const allowed = mayRelateByIndex(products);
  const idOf = (index: number) => products[index]?.card.id ?? "";
  const cooccurrence = baskets && cooccurrenceSimilarity(products.length, baskets, allowed, idOf, shrinkage);
  // Built only when some product needs it: with rich co-occurrence data none may.
  let content: ContentSimilarity | undefined;

  const related = new Map<string, string[]>();
  let fromCooccurrence = 0;
  let withoutRelated = 0;
  products.forEach((product, index) => {
    const picked: Neighbour[] = [];
    const pickedGroups = new Set([product.group]);
    // One variant per product: asking for twice as many leaves room to skip the others.
    const take = (candidates: readonly Neighbour[]) => {
      for (const candidate of candidates) {
        const group = products[candidate.index]?.group ?? "";
        if (picked.length >= k || pickedGroups.has(group)) continue;
        pickedGroups.add(group);
        picked.push(candidate);
      }
    };
    take(cooccurrence?.neighbours(index, 2 * k) ?? []);
    if (picked.length > 0) fromCooccurrence += 1;
    if (picked.length < k) {
      content ??= contentSimilarity(products, allowed);
      take(
        content.neighbours(
          index,
          2 * (k - picked.length),
          picked.map((n) => n.index),
        ),
      );
    }
    if (picked.length === 0) withoutRelated += 1;
    related.set(
      product.card.id,
      picked.map((neighbour) => idOf(neighbour.index)),
    );
  });
  return {
    related,
    occurrences: cooccurrence?.occurrences ?? new Uint32Array(products.length),
    fromCooccurrence,
    withoutRelated,
  };
}
