import type { Product } from "./catalog.ts";
import { escapeHtml } from "../src/html/escapeHtml.ts";
import type { Lang } from "./i18n.ts";
import { formatPrice, t } from "./i18n.ts";

/**
 * One product card. The markup is documented in demo/README.md because
 * recommendation blocks inserted at the edge reuse it to look native:
 *
 *   <li class="product-card"><a href="/products/p01">
 *     <img src="/images/p01.svg" alt="" width="160" height="160">
 *     <span class="product-card__title">…</span>
 *     <span class="product-card__price">…</span>
 *   </a></li>
 *
 * The image is decorative (alt="") because the title inside the same link
 * already names the product. Sold-out items get an extra badge span.
 */
export function productCard(product: Product, lang: Lang): string {
  const id = escapeHtml(product.id);
  const badge = product.inStock ? "" : `<span class="product-card__badge">${escapeHtml(t(lang).soldOutBadge)}</span>`;
  return (
    `<li class="product-card"><a href="/products/${id}">` +
    `<img src="/images/${id}.svg" alt="" width="160" height="160">` +
    `<span class="product-card__title">${escapeHtml(product.title)}</span>` +
    `<span class="product-card__price">${escapeHtml(formatPrice(product.price, product.currency, lang))}</span>` +
    badge +
    `</a></li>`
  );
}

export function productGrid(products: readonly Product[], lang: Lang): string {
  const cards = products.map((p) => `\n          ${productCard(p, lang)}`).join("");
  return `<ul class="product-grid">${cards}\n        </ul>`;
}
