/**
 * The three pages the bench serves, built once, deterministically, as a shop
 * would render them: a head with inline critical CSS and JSON-LD, header and
 * navigation, product grids, long copy, reviews, a footer and trailing
 * scripts. Each keeps the empty slot element tact's demo rules target:
 *
 *   home      /                   50 KB   <section class="home-picks"> near the end of <main>
 *   product   /products/p01      200 KB   <div class="product-extras"> after the article, reviews below
 *   slow      /category/kitchen    2 MB   <div class="category-more"> after a long listing; the
 *                                         origin sends the first chunk at once, the rest over 1 s
 *   flush     /products/p02      200 KB   the product page, its head flushed at once (the first
 *                                         2.8 KB, as shops do so the browser can fetch CSS while
 *                                         the rest is made), the rest a second later
 *
 * and, for the edge cache's bench (bench/edgeCache.ts) only:
 *
 *   made      /products/p03      200 KB   the product page, made in 300 ms as many shop platforms
 *                                         take, and cacheable by a shared cache for 10 minutes
 */
import products from "../../kv-seed/products.json" with { type: "json" };
import { escapeHtml } from "../../src/html/escapeHtml";
import { KB, euro, fill, foot, grid, head, random, sentence } from "./shopHtml";

export type PageName = "home" | "product" | "slow" | "flush";

export interface BenchPage {
  readonly name: PageName;
  readonly path: string;
  /** The slot selector tact's rules (and the other rewriters) fill. */
  readonly slot: string;
  readonly body: Buffer;
  /** Streamed: the first `firstChunkBytes` at once, the rest spread over `spreadMs`. */
  readonly stream?: { readonly firstChunkBytes: number; readonly spreadMs: number; readonly chunks: number };
  /** The time the origin takes to make the page before it sends any of it. */
  readonly makeMs?: number;
  /** Its Cache-Control, when not the bench's usual. */
  readonly cacheControl?: string;
}

export const PAGE_NAMES: readonly PageName[] = ["home", "product", "slow", "flush"];

function homePage(): string {
  const next = random(1);
  const top =
    head("Oggetti scelti con cura", { "@context": "https://schema.org", "@type": "WebSite", name: "Bottega Aurora" }) +
    `      <section class="hero"><h1>Dalla bottega alla tua casa</h1><p>${sentence(next, 24)}</p><a class="button" href="/category/kitchen">Scopri la cucina</a></section>
      <section class="featured"><h2>In evidenza</h2>
      ${grid(0, 8)}
      </section>
`;
  const bottom = `
      <section class="home-picks" aria-label="Scelti per te"></section>
      <section class="newsletter"><h2>La lettera della bottega</h2><p>${sentence(next, 18)}</p><form action="/newsletter" method="post"><input type="email" name="email" required><button class="button">Iscriviti</button></form></section>
${foot()}`;
  return fill(
    top,
    bottom,
    50 * KB,
    (i) =>
      `      <section class="editorial"><h2>${sentence(next, 4)}</h2><p>${sentence(next, 40)}</p><p>${sentence(next, 30)}</p>
      ${grid(8 + i * 4, 4)}
      </section>
`,
  );
}

function productPage(): string {
  const next = random(2);
  const product = products.products[0];
  if (!product) throw new Error("kv-seed/products.json has no products");
  const top =
    head(product.title, {
      "@context": "https://schema.org",
      "@type": "Product",
      sku: product.id,
      name: product.title,
      offers: { "@type": "Offer", price: product.price, priceCurrency: product.currency },
    }) +
    `      <nav class="breadcrumb" aria-label="Percorso"><ol><li><a href="/">Home</a></li><li><a href="/category/${product.category}">Cucina</a></li><li aria-current="page">${escapeHtml(product.title)}</li></ol></nav>
      <article class="product" itemscope itemtype="https://schema.org/Product">
        <div class="product__gallery">${Array.from({ length: 6 }, (_, i) => `<img src="/images/${product.id}-${i}.jpg" srcset="/images/${product.id}-${i}.jpg?w=600 600w, /images/${product.id}-${i}.jpg?w=1200 1200w" sizes="(min-width: 800px) 50vw, 100vw" alt="" width="600" height="600"${i > 0 ? ' loading="lazy"' : ""}>`).join("")}</div>
        <div class="product__info">
          <h1 itemprop="name">${escapeHtml(product.title)}</h1>
          <p class="product__price">${euro.format(product.price)}</p>
          <div class="product__description" itemprop="description">${Array.from({ length: 6 }, () => `<p>${sentence(next, 45)}</p>`).join("")}</div>
          <table class="specs"><tbody>${Array.from({ length: 12 }, (_, i) => `<tr><th scope="row">${sentence(next, 2)}</th><td>${sentence(next, 6)} (${i + 1})</td></tr>`).join("")}</tbody></table>
          <form class="add-to-cart" action="/cart" method="post"><input type="hidden" name="sku" value="${product.id}"><label>Quantità <input type="number" name="qty" value="1" min="1" max="9"></label><button class="button">Aggiungi al carrello</button></form>
        </div>
      </article>
      <div class="product-extras"></div>
      <section class="reviews" aria-labelledby="reviews-title"><h2 id="reviews-title">Recensioni</h2>
        <ol class="review-list">
`;
  const bottom = `
        </ol>
      </section>
      <section class="also"><h2>Dalla stessa bottega</h2>
      ${grid(1, 8)}
      </section>
${foot()}`;
  return fill(
    top,
    bottom,
    200 * KB,
    (i) =>
      `          <li class="review" id="review-${i}"><header><span class="review__stars" aria-label="${1 + (i % 5)} stelle su 5">${"★".repeat(1 + (i % 5))}</span> <strong>${sentence(next, 3)}</strong> <time datetime="2026-${String(1 + (i % 11)).padStart(2, "0")}-${String(1 + (i % 27)).padStart(2, "0")}">${1 + (i % 27)}/${1 + (i % 11)}/2026</time></header><p>${sentence(next, 35 + (i % 20))}</p><footer>Utile? <button type="button" data-helpful="${i}">Sì</button> <button type="button" data-unhelpful="${i}">No</button></footer></li>
`,
  );
}

function slowPage(): string {
  const next = random(3);
  const top =
    head("Cucina", {
      "@context": "https://schema.org",
      "@type": "CollectionPage",
      name: "Cucina",
    }) +
    `      <header class="category-header"><h1>Cucina</h1><p>${sentence(next, 30)}</p><p>Tutti gli articoli, dal più amato.</p></header>
      <form class="filters" action="/category/kitchen"><select name="sort"><option>Più amati</option><option>Prezzo crescente</option><option>Prezzo decrescente</option></select></form>
`;
  const bottom = `
      <div class="category-more"></div>
${foot()}`;
  return fill(top, bottom, 2048 * KB, (i) => `      ${grid(i * 12, 12)}\n`);
}

export function buildPages(): Record<PageName, BenchPage> {
  return {
    home: { name: "home", path: "/", slot: ".home-picks", body: Buffer.from(homePage()) },
    product: { name: "product", path: "/products/p01", slot: ".product-extras", body: Buffer.from(productPage()) },
    slow: {
      name: "slow",
      path: "/category/kitchen",
      slot: ".category-more",
      body: Buffer.from(slowPage()),
      stream: { firstChunkBytes: 16 * KB, spreadMs: 1000, chunks: 20 },
    },
    flush: {
      name: "flush",
      path: "/products/p02",
      slot: ".product-extras",
      body: Buffer.from(productPage()),
      stream: { firstChunkBytes: 2800, spreadMs: 1000, chunks: 1 },
    },
  };
}

/** The page the edge cache's bench serves: slow to make, and a shared cache may keep it. */
export function madePage(): BenchPage {
  return {
    name: "product",
    path: "/products/p03",
    slot: ".product-extras",
    body: Buffer.from(productPage()),
    makeMs: 300,
    cacheControl: "public, s-maxage=600",
  };
}

/** The page a command line names, or an error that lists the names. */
export function pageNamed(name: string): BenchPage {
  const pages = buildPages();
  if (!(PAGE_NAMES as readonly string[]).includes(name)) {
    throw new Error(`--page must be one of ${PAGE_NAMES.join(", ")}`);
  }
  return pages[name as PageName];
}
