/**
 * Item-to-item collaborative filtering (Linden, Smith and York, "Amazon.com
 * Recommendations: Item-to-Item Collaborative Filtering", 2003): each product
 * is a vector over baskets, 1 where the basket holds it, and two products are
 * as similar as the cosine of their vectors, shrunk towards 0 for products
 * seen in few baskets:
 *
 *   score(a, b) = baskets holding both / sqrt((baskets holding a + λ) × (baskets holding b + λ))
 *
 * Without shrinkage (λ = 0), a product seen once, beside a, scores as high
 * as one seen a hundred times and always beside a: one shared basket is
 * mostly chance. λ (SHRINKAGE, the importer's --shrinkage) lets the evidence
 * of many baskets win; λ = 20 was chosen on validation splits of real shops'
 * sessions (docs/recommendations.md), as item-kNN uses it in the literature.
 *
 * As in the paper, a product's scores are counted by walking its baskets and
 * the products in them, so only pairs that share a basket are ever looked at:
 * the cost follows the data (the sum of squared basket sizes), not the square
 * of the catalog. Counts go into one reused array rather than a map per
 * product, which keeps a million rows within a few megabytes.
 */
import type { Neighbour } from "./contentSimilarity";

export interface CooccurrenceSimilarity {
  /** Baskets holding each product: its popularity. */
  readonly occurrences: Uint32Array;
  /** The k most similar products of products[index] that `allowed` lets through, best first. */
  neighbours(index: number, k: number): Neighbour[];
}

/** λ, in baskets: the default shrinkage. */
export const SHRINKAGE = 20;

export function cooccurrenceSimilarity(
  productCount: number,
  baskets: readonly (readonly number[])[],
  allowed: (index: number, other: number) => boolean,
  idOf: (index: number) => string,
  shrinkage = SHRINKAGE,
): CooccurrenceSimilarity {
  const occurrences = new Uint32Array(productCount);
  for (const basket of baskets) for (const index of basket) occurrences[index] = (occurrences[index] ?? 0) + 1;
  // Each product's baskets, packed: basketsOf[start[p] .. start[p + 1]).
  const start = new Uint32Array(productCount + 1);
  for (let p = 0; p < productCount; p++) start[p + 1] = (start[p] ?? 0) + (occurrences[p] ?? 0);
  const basketsOf = new Uint32Array(start[productCount] ?? 0);
  const filled = start.slice(0, productCount);
  baskets.forEach((basket, b) => {
    for (const index of basket) {
      const at = filled[index] ?? 0;
      basketsOf[at] = b;
      filled[index] = at + 1;
    }
  });

  const together = new Uint32Array(productCount);
  const touched: number[] = [];

  function neighbours(index: number, k: number): Neighbour[] {
    if (index < 0 || index >= productCount || k <= 0) return [];
    touched.length = 0;
    for (let i = start[index] ?? 0; i < (start[index + 1] ?? 0); i++) {
      for (const other of baskets[basketsOf[i] ?? 0] ?? []) {
        if (other === index) continue;
        if (together[other] === 0) touched.push(other);
        together[other] = (together[other] ?? 0) + 1;
      }
    }
    const own = (occurrences[index] ?? 0) + shrinkage;
    const scored: (Neighbour & { both: number })[] = [];
    for (const other of touched) {
      const both = together[other] ?? 0;
      together[other] = 0;
      if (!allowed(index, other)) continue;
      scored.push({ index: other, score: both / Math.sqrt(own * ((occurrences[other] ?? 0) + shrinkage)), both });
    }
    return scored
      .sort((a, b) => b.score - a.score || b.both - a.both || (idOf(a.index) < idOf(b.index) ? -1 : 1))
      .slice(0, k)
      .map(({ index: other, score }) => ({ index: other, score }));
  }

  return { occurrences, neighbours };
}
