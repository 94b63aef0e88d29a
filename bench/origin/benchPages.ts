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
import { mulberry32 } from "../../src/core/decide/seededRandom";

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

const KB = 1024;

/** A small seeded generator (the Worker's own), so a run can be repeated exactly. */
const random = mulberry32;

const WORDS = (
  "la bottega sceglie ogni pezzo con cura dal produttore artigiano olio legno ceramica lino cotone " +
  "caffè tè giardino cucina casa regalo stagione spedizione gratuita consegna rapida reso facile " +
  "qualità materiali naturali fatto a mano in Italia tradizione famiglia laboratorio piccolo lotto " +
  "profumo colore forma misura uso quotidiano lavare a mano lavastoviglie durata garanzia"
).split(" ");

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(next() * WORDS.length)] ?? "bottega");
  const text = out.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function escape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

const euro = new Intl.NumberFormat("it-IT", { style: "currency", currency: "EUR" });

function card(index: number): string {
  const product = products.products[index % products.products.length];
  if (!product) throw new Error("kv-seed/products.json has no products");
  const { id, title, price, category } = product;
  const sku = `${id}-${index}`;
  return `<li class="product-card" data-sku="${sku}" data-category="${category}">
          <a class="product-card__link" href="/products/${id}?ref=grid-${index}">
            <img src="/images/${id}.svg" srcset="/images/${id}.svg?w=240 1x, /images/${id}.svg?w=480 2x" alt="${escape(title)}" width="240" height="240" loading="lazy" decoding="async">
            <span class="product-card__title">${escape(title)}</span>
            <span class="product-card__price">${euro.format(price)}</span>
          </a>
          <button class="button button--small" type="button" data-add-to-cart="${sku}" aria-label="Aggiungi ${escape(title)} al carrello">Aggiungi</button>
        </li>`;
}

function grid(from: number, count: number): string {
  const cards: string[] = [];
  for (let i = 0; i < count; i++) cards.push(card(from + i));
  return `<ul class="product-grid">\n        ${cards.join("\n        ")}\n      </ul>`;
}

const CRITICAL_CSS = Array.from(
  { length: 60 },
  (_, i) =>
    `.c${i}{margin:${i % 7}px ${i % 5}px;padding:${i % 3}px;color:#3b2a1a;background:#fbf6ef;font:400 1rem/1.5 "Source Sans 3",system-ui,sans-serif}`,
).join("");

function head(title: string, jsonLd: object): string {
  return `<!doctype html>
<html lang="it">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escape(title)} · Bottega Aurora</title>
  <meta name="description" content="Oggetti di uso quotidiano scelti con cura: cucina, caffè e tè, casa, cancelleria, giardino.">
  <link rel="preconnect" href="https://images.bottega-aurora.example">
  <link rel="preload" href="/fonts/source-sans-3.woff2" as="font" type="font/woff2" crossorigin>
  <link rel="stylesheet" href="/styles.css?v=2026-11">
  <link rel="icon" href="/images/favicon.svg" type="image/svg+xml">
  <meta property="og:title" content="${escape(title)}">
  <meta property="og:type" content="website">
  <style>${CRITICAL_CSS}</style>
  <script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
</head>
<body class="page">
  <a class="skip-link" href="#main">Vai al contenuto</a>
  <p class="announcement">Spedizione gratuita sopra i 49 €. Resi entro 30 giorni.</p>
  <header class="site-header">
    <div class="wrap site-header__bar">
      <a class="brand" href="/"><svg width="38" height="38" viewBox="0 0 64 64" aria-hidden="true"><rect width="64" height="64" rx="14" fill="#a84b24"/><path d="M14 42 a18 18 0 0 1 36 0 z" fill="#f6c27a"/></svg><span>Bottega Aurora</span></a>
      <form class="search" action="/search" role="search"><label class="visually-hidden" for="q">Cerca</label><input id="q" name="q" type="search" placeholder="Cerca nella bottega"></form>
      <a class="cart-link" href="/cart" aria-label="Carrello, 0 articoli">Carrello <span class="cart-count">0</span></a>
    </div>
    <nav class="site-nav" aria-label="Categorie"><ul class="wrap">${products.categories
      .map((c) => `<li><a href="/category/${c.slug}">${escape(c.name.it ?? c.slug)}</a></li>`)
      .join("")}</ul></nav>
  </header>
  <main id="main" class="site-main">
    <div class="wrap">
`;
}

function foot(): string {
  const columns = ["La bottega", "Orari", "Aiuto", "Privacy"]
    .map(
      (title, i) =>
        `<section><h2>${title}</h2><ul>${Array.from({ length: 5 }, (_, j) => `<li><a href="/info/${i}-${j}">Voce ${j + 1}</a></li>`).join("")}</ul></section>`,
    )
    .join("\n        ");
  return `
    </div>
  </main>
  <footer class="site-footer">
    <div class="wrap">
      <div class="site-footer__grid">
        ${columns}
      </div>
      <p class="site-footer__note">Bottega Aurora · Via dei Mille 12, Bologna · P. IVA 01234567890</p>
    </div>
  </footer>
  <script src="/js/cart.js" defer></script>
  <script>window.dataLayer=window.dataLayer||[];window.dataLayer.push({event:"page_view"});</script>
</body>
</html>
`;
}

/** Fills with `unit(i)` until the page reaches `bytes` (after `before` and `after`). */
function fill(before: string, after: string, bytes: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let size = Buffer.byteLength(before) + Buffer.byteLength(after);
  for (let i = 0; size < bytes; i++) {
    const part = unit(i);
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return before + parts.join("") + after;
}

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
    `      <nav class="breadcrumb" aria-label="Percorso"><ol><li><a href="/">Home</a></li><li><a href="/category/${product.category}">Cucina</a></li><li aria-current="page">${escape(product.title)}</li></ol></nav>
      <article class="product" itemscope itemtype="https://schema.org/Product">
        <div class="product__gallery">${Array.from({ length: 6 }, (_, i) => `<img src="/images/${product.id}-${i}.jpg" srcset="/images/${product.id}-${i}.jpg?w=600 600w, /images/${product.id}-${i}.jpg?w=1200 1200w" sizes="(min-width: 800px) 50vw, 100vw" alt="" width="600" height="600"${i > 0 ? ' loading="lazy"' : ""}>`).join("")}</div>
        <div class="product__info">
          <h1 itemprop="name">${escape(product.title)}</h1>
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
