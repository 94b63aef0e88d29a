import { categories } from "./catalog.ts";
import { escapeHtml } from "../src/html/escapeHtml.ts";
import type { Lang } from "./i18n.ts";
import { localized, t } from "./i18n.ts";

export interface PageOptions {
  lang: Lang;
  /** Path of the current page, used by the language switch. */
  path: string;
  /** Page title; the shop name is appended. Empty for the home page. */
  title: string;
  description?: string | undefined;
  /** Slug of the category to highlight in the navigation. */
  activeCategory?: string | undefined;
  /** Inner HTML of <main>. */
  main: string;
}

const sunMark = `<svg width="38" height="38" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
        <rect width="64" height="64" rx="14" fill="#a84b24"/>
        <path d="M14 42 a18 18 0 0 1 36 0 z" fill="#f6c27a"/>
        <rect x="10" y="44" width="44" height="5" rx="2.5" fill="#fbeee0"/>
      </svg>`;

function languageSwitch(lang: Lang, path: string): string {
  const options: { code: Lang; label: string; name: string }[] = [
    { code: "it", label: "IT", name: "Italiano" },
    { code: "en", label: "EN", name: "English" },
  ];
  const items = options
    .map((o) => {
      const current = o.code === lang ? ` aria-current="true"` : "";
      return `<li><a href="${escapeHtml(path)}?lang=${o.code}" hreflang="${o.code}" lang="${o.code}"${current}><span aria-hidden="true">${o.label}</span><span class="visually-hidden">${o.name}</span></a></li>`;
    })
    .join("");
  return `<nav class="lang-switch" aria-label="${escapeHtml(t(lang).languageNavLabel)}"><ul>${items}</ul></nav>`;
}

function categoryNav(lang: Lang, path: string, active: string | undefined): string {
  const items = categories
    .map((c) => {
      const href = `/category/${c.slug}`;
      // "page" on the category itself, "true" on pages inside it (its products).
      const current = c.slug === active ? ` aria-current="${path === href ? "page" : "true"}"` : "";
      return `\n        <li><a href="${escapeHtml(href)}"${current}>${escapeHtml(localized(c.name, lang))}</a></li>`;
    })
    .join("");
  return `<nav class="site-nav" aria-label="${escapeHtml(t(lang).categoriesNavLabel)}">
      <ul class="wrap">${items}
      </ul>
    </nav>`;
}

function footer(lang: Lang): string {
  const m = t(lang);
  const list = (lines: readonly string[]): string =>
    `<ul>${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>`;
  return `<footer class="site-footer">
    <div class="wrap">
      <div class="site-footer__grid">
        <section>
          <h2>${escapeHtml(m.footerAboutTitle)}</h2>
          <p>${escapeHtml(m.shopName)}<br>${escapeHtml(m.footerAbout)}</p>
        </section>
        <section>
          <h2>${escapeHtml(m.footerHoursTitle)}</h2>
          ${list(m.footerHours)}
        </section>
        <section>
          <h2>${escapeHtml(m.footerHelpTitle)}</h2>
          ${list(m.footerHelp)}
        </section>
        <section>
          <h2>${escapeHtml(m.footerPrivacyTitle)}</h2>
          <ul>${m.footerPrivacy.map(([href, label]) => `<li><a href="${escapeHtml(href)}">${escapeHtml(label)}</a></li>`).join("")}</ul>
        </section>
      </div>
      <p class="site-footer__note">${escapeHtml(m.footerNote)}</p>
    </div>
  </footer>`;
}

/** The full HTML document around a page's main content. */
export function renderPage(options: PageOptions): string {
  const { lang, path, main } = options;
  const m = t(lang);
  const title = options.title ? `${options.title} · ${m.shopName}` : `${m.shopName} · ${m.tagline}`;
  const description = options.description ?? m.metaDescription;
  return `<!doctype html>
<html lang="${lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(title)}</title>
  <meta name="description" content="${escapeHtml(description)}">
  <link rel="icon" href="/images/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/styles.css">
</head>
<body>
  <a class="skip-link" href="#main">${escapeHtml(m.skipToContent)}</a>
  <p class="announcement">${escapeHtml(m.announcement)}</p>
  <header class="site-header">
    <div class="wrap site-header__bar">
      <a class="brand" href="/">${sunMark}<span>${escapeHtml(m.shopName)}</span></a>
      <p class="brand__tagline">${escapeHtml(m.tagline)}</p>
      ${languageSwitch(lang, path)}
    </div>
    ${categoryNav(lang, path, options.activeCategory)}
  </header>
  <main id="main" class="site-main">
    <div class="wrap">
${main}
    </div>
  </main>
  ${footer(lang)}
</body>
</html>
`;
}
