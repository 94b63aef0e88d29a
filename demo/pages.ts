import type { Category, Product } from "./catalog.ts";
import { categories, featuredProducts, findCategory, productsInCategory } from "./catalog.ts";
import { productGrid } from "./cards.ts";
import { escapeHtml } from "../src/html/escapeHtml.ts";
import type { Lang } from "./i18n.ts";
import { formatPrice, localized, t } from "./i18n.ts";
import { renderPage } from "./layout.ts";

/*
 * Page bodies. Each page keeps one empty "slot" element where recommendations
 * may be inserted on the way to the browser (see demo/README.md):
 *   home             <section class="home-picks" aria-label="…"></section>
 *   category         <div class="category-more"></div>
 *   product          <div class="product-extras"></div>
 *   order complete   <div class="order-next"></div>
 */

function breadcrumb(lang: Lang, trail: { href?: string; label: string }[]): string {
  const m = t(lang);
  const items = [{ href: "/", label: m.homeLink }, ...trail]
    .map((step) =>
      step.href === undefined
        ? `<li aria-current="page">${escapeHtml(step.label)}</li>`
        : `<li><a href="${escapeHtml(step.href)}">${escapeHtml(step.label)}</a></li>`,
    )
    .join("");
  return `<nav class="breadcrumb" aria-label="${escapeHtml(m.breadcrumbLabel)}"><ol>${items}</ol></nav>`;
}

export function homePage(lang: Lang, path: string): string {
  const m = t(lang);
  const tiles = categories
    .map((c) => {
      const slug = escapeHtml(c.slug);
      const count = productsInCategory(c.slug).length;
      return `
        <li><a href="/category/${slug}"><img src="/images/category-${slug}.svg" alt="" width="88" height="88"><span class="category-tiles__name">${escapeHtml(localized(c.name, lang))}</span><span class="category-tiles__count">${escapeHtml(m.productCount(count))}</span></a></li>`;
    })
    .join("");

  const main = `      <section class="hero" aria-labelledby="hero-title">
        <div>
          <h1 id="hero-title">${escapeHtml(m.heroTitle)}</h1>
          <p class="lead">${escapeHtml(m.heroText)}</p>
          <a class="button" href="/category/coffee-tea">${escapeHtml(m.heroCta)}</a>
        </div>
        <img class="hero__art" src="/images/hero.svg" alt="" width="640" height="400">
      </section>

      <section class="section" aria-labelledby="departments-title">
        <h2 class="section-title" id="departments-title">${escapeHtml(m.departmentsTitle)}</h2>
        <ul class="category-tiles">${tiles}
        </ul>
      </section>

      <section class="section" aria-labelledby="featured-title">
        <h2 class="section-title" id="featured-title">${escapeHtml(m.featuredTitle)}</h2>
        ${productGrid(featuredProducts(4), lang)}
      </section>

      <section class="home-picks" aria-label="${escapeHtml(m.picksLabel)}"></section>`;

  return renderPage({ lang, path, title: "", main });
}

export function categoryPage(lang: Lang, path: string, category: Category): string {
  const m = t(lang);
  const name = localized(category.name, lang);
  const items = productsInCategory(category.slug);
  const main = `      ${breadcrumb(lang, [{ label: name }])}
      <header class="category-header">
        <h1>${escapeHtml(name)}</h1>
        <p>${escapeHtml(m.productCount(items.length))}</p>
      </header>
      ${productGrid(items, lang)}
      <div class="category-more"></div>`;
  return renderPage({
    lang,
    path,
    title: name,
    activeCategory: category.slug,
    main,
  });
}

export function productPage(lang: Lang, path: string, product: Product): string {
  const m = t(lang);
  const category = findCategory(product.category);
  const categoryName = category ? localized(category.name, lang) : "";
  const id = escapeHtml(product.id);
  const description = localized(product.description, lang);
  const disabled = product.inStock ? "" : " disabled";
  const stock = product.inStock
    ? `<p class="stock stock--in">${escapeHtml(m.inStock)}</p>`
    : `<p class="stock stock--out">${escapeHtml(m.outOfStock)}</p>`;
  const notice =
    product.category === "pharmacy" ? `\n          <p class="notice">${escapeHtml(m.healthNotice)}</p>` : "";
  const trail = category
    ? [{ href: `/category/${category.slug}`, label: categoryName }, { label: product.title }]
    : [{ label: product.title }];

  const main = `      ${breadcrumb(lang, trail)}
      <article class="product">
        <div class="product__media">
          <img src="/images/${id}.svg" alt="${escapeHtml(product.title)}" width="480" height="480">
        </div>
        <div class="product__info">${
          category
            ? `
          <p class="product__category"><a href="/category/${escapeHtml(category.slug)}">${escapeHtml(categoryName)}</a></p>`
            : ""
        }
          <h1>${escapeHtml(product.title)}</h1>
          <p class="product__price">${escapeHtml(formatPrice(product.price, product.currency, lang))}</p>
          <p class="product__vat">${escapeHtml(m.vatIncluded)}</p>
          ${stock}
          <div class="product__description">
            <p>${escapeHtml(description)}</p>
          </div>${notice}
          <form class="buy-box" method="post" action="/cart">
            <input type="hidden" name="product" value="${id}">
            <div>
              <label for="quantity">${escapeHtml(m.quantity)}</label>
              <input id="quantity" name="quantity" type="number" inputmode="numeric" min="1" max="10" value="1"${disabled}>
            </div>
            <button class="button" type="submit"${disabled}>${escapeHtml(m.addToCart)}</button>
          </form>
          <ul class="perks">${m.perks.map((perk) => `<li>${escapeHtml(perk)}</li>`).join("")}</ul>
        </div>
      </article>
      <div class="product-extras"></div>`;

  return renderPage({
    lang,
    path,
    title: product.title,
    description,
    activeCategory: product.category,
    main,
  });
}

const checkMark = `<svg width="64" height="64" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
          <circle cx="32" cy="32" r="30" fill="#e3ecd6"/>
          <path d="M19 33 l9 9 l17 -19" fill="none" stroke="#55652e" stroke-width="5" stroke-linecap="round" stroke-linejoin="round"/>
        </svg>`;

export function orderCompletePage(lang: Lang, path: string): string {
  const m = t(lang);
  const main = `      <section class="message-panel" aria-labelledby="order-title">
        ${checkMark}
        <h1 id="order-title">${escapeHtml(m.orderTitle)}</h1>
        <p>${escapeHtml(m.orderText)}</p>
        <p>${escapeHtml(m.orderEmailNote)}</p>
        <a class="button button--ghost" href="/">${escapeHtml(m.continueShopping)}</a>
      </section>
      <div class="order-next"></div>`;
  return renderPage({ lang, path, title: m.orderTitle, main });
}

export function notFoundPage(lang: Lang, path: string): string {
  const m = t(lang);
  const links = categories
    .map((c) => `<li><a href="/category/${escapeHtml(c.slug)}">${escapeHtml(localized(c.name, lang))}</a></li>`)
    .join("");
  const main = `      <section class="message-panel" aria-labelledby="error-title">
        <h1 id="error-title">${escapeHtml(m.notFoundTitle)}</h1>
        <p>${escapeHtml(m.notFoundText)}</p>
        <ul class="link-list">${links}</ul>
        <a class="button" href="/">${escapeHtml(m.backHome)}</a>
      </section>`;
  return renderPage({ lang, path, title: m.notFoundTitle, main });
}

export function errorPage(lang: Lang, path: string): string {
  const m = t(lang);
  const main = `      <section class="message-panel" aria-labelledby="error-title">
        <h1 id="error-title">${escapeHtml(m.errorTitle)}</h1>
        <p>${escapeHtml(m.errorText)}</p>
        <a class="button" href="/">${escapeHtml(m.backHome)}</a>
      </section>`;
  return renderPage({ lang, path, title: m.errorTitle, main });
}
