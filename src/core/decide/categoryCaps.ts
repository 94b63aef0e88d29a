/**
 * How many items of one category a block may hold while others qualify. The
 * rule's maxPerCategory keeps a block varied for a shopper browsing across
 * the shop; a shopper focused on one category (comparing sofas, sowing a
 * herb garden) is better served by more of it than by best-sellers from
 * elsewhere. So a category may take as much of the block as its share of
 * the shopper's affinities, ceil(count × share), never less than the rule's
 * cap. Affinities decay, so this visit's views weigh most; for a new shopper
 * they are this visit.
 */
export type CategoryCap = (category: string) => number;

export function categoryCaps(
  maxPerCategory: number,
  count: number,
  affinities: Readonly<Record<string, number>>,
): CategoryCap {
  const total = Object.values(affinities).reduce((sum, score) => sum + score, 0);
  if (!(total > 0)) return () => maxPerCategory;
  return (category) => Math.max(maxPerCategory, Math.ceil((count * (affinities[category] ?? 0)) / total));
}
