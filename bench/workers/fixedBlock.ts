/**
 * The block the rewrite floor and the GrowthBook experiment insert: the same
 * markup tact's demo "cards" template renders for four items, so every
 * contender adds about the same bytes to the page. Fixed, so inserting it
 * costs no decision at all.
 */

/** Marks the fixed block; the runner checks for it before measuring. */
export const FIXED_BLOCK_MARKER = 'data-bench-block="fixed"';

const cards = [
  ["p07", "Caffè in grani, miscela arabica, 500 g", "12,90 €"],
  ["p15", "Candela profumata al fico, 200 g", "18,50 €"],
  ["p25", "Semi di basilico genovese", "2,50 €"],
  ["p30", "Sapone all'olio d'oliva, 3 pezzi", "9,90 €"],
] as const;

const items = cards
  .map(
    ([id, title, price]) =>
      `<li class="product-card" data-bench-item="${id}"><a href="/products/${id}"><img src="/images/${id}.svg" alt="" width="160" height="160" loading="lazy"><span class="product-card__title">${title.replace("'", "&#39;")}</span><span class="product-card__price">${price}</span></a></li>`,
  )
  .join("");

export const FIXED_BLOCK = `<section class="picks" ${FIXED_BLOCK_MARKER}><h2 class="picks-title">Scelti in bottega</h2><ul class="product-grid">${items}</ul></section>`;

/** The slot each bench page keeps for recommendations, by path (see bench/origin/benchPages.ts). */
export function slotFor(pathname: string): string | undefined {
  if (pathname === "/") return ".home-picks";
  if (pathname.startsWith("/products/")) return ".product-extras";
  if (pathname.startsWith("/category/")) return ".category-more";
  return undefined;
}
