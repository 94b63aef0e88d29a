/**
 * The pieces the bench's shop pages are made of: seeded Italian copy, product
 * cards and grids, a head with inline critical CSS and JSON-LD, the footer
 * with its trailing scripts, and filler to bring a page to its size.
 */
import products from "../../kv-seed/products.json" with { type: "json" };
import { mulberry32 } from "../../src/core/decide/seededRandom";
import { escapeHtml } from "../../src/html/escapeHtml";

export const KB = 1024;

/** A small seeded generator (the Worker's own), so a run can be repeated exactly. */
export const random = mulberry32;

const WORDS = (
  "la bottega sceglie ogni pezzo con cura dal produttore artigiano olio legno ceramica lino cotone " +
  "caffè tè giardino cucina casa regalo stagione spedizione gratuita consegna rapida reso facile " +
  "qualità materiali naturali fatto a mano in Italia tradizione famiglia laboratorio piccolo lotto " +
  "profumo colore forma misura uso quotidiano lavare a mano lavastoviglie durata garanzia"
).split(" ");

export function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(next() * WORDS.length)] ?? "bottega");
  const text = out.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export const euro = new Intl.NumberFormat("it-IT", { style: "currency", currency: "EUR" });

function card(index: number): string {
  const product = products.products[index % products.products.length];
  if (!product) throw new Error("kv-seed/products.json has no products");
  const { id, title, price, category } = product;
  const sku = `${id}-${index}`;
  return `<li class="product-card" data-sku="${sku}" data-category="${category}">
          <a class="product-card__link" href="/products/${id}?ref=grid-${index}">
            <img src="/images/${id}.svg" srcset="/images/${id}.svg?w=240 1x, /images/${id}.svg?w=480 2x" alt="${escapeHtml(title)}" width="240" height="240" loading="lazy" decoding="async">
            <span class="product-card__title">${escapeHtml(title)}</span>
            <span class="product-card__price">${euro.format(price)}</span>
          </a>
          <button class="button button--small" type="button" data-add-to-cart="${sku}" aria-label="Aggiungi ${escapeHtml(title)} al carrello">Aggiungi</button>
        </li>`;
}

export function grid(from: number, count: number): string {
  const cards: string[] = [];
  for (let i = 0; i < count; i++) cards.push(card(from + i));
  return `<ul class="product-grid">\n        ${cards.join("\n        ")}\n      </ul>`;
}

const CRITICAL_CSS = Array.from(
  { length: 60 },
  (_, i) =>
    `.c${i}{margin:${i % 7}px ${i % 5}px;padding:${i % 3}px;color:#3b2a1a;background:#fbf6ef;font:400 1rem/1.5 "Source Sans 3",system-ui,sans-serif}`,
).join("");

export function head(title: string, jsonLd: object): string {
  return `<!doctype html>
<html lang="it">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)} · Bottega Aurora</title>
  <meta name="description" content="Oggetti di uso quotidiano scelti con cura: cucina, caffè e tè, casa, cancelleria, giardino.">
  <link rel="preconnect" href="https://images.bottega-aurora.example">
  <link rel="preload" href="/fonts/source-sans-3.woff2" as="font" type="font/woff2" crossorigin>
  <link rel="stylesheet" href="/styles.css?v=2026-11">
  <link rel="icon" href="/images/favicon.svg" type="image/svg+xml">
  <meta property="og:title" content="${escapeHtml(title)}">
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
      .map((c) => `<li><a href="/category/${c.slug}">${escapeHtml(c.name.it ?? c.slug)}</a></li>`)
      .join("")}</ul></nav>
  </header>
  <main id="main" class="site-main">
    <div class="wrap">
`;
}

export function foot(): string {
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
export function fill(before: string, after: string, bytes: number, unit: (i: number) => string): string {
  const parts: string[] = [];
  let size = Buffer.byteLength(before) + Buffer.byteLength(after);
  for (let i = 0; size < bytes; i++) {
    const part = unit(i);
    parts.push(part);
    size += Buffer.byteLength(part);
  }
  return before + parts.join("") + after;
}
