/** The shop's stylesheet, served at /styles.css. */
export const stylesheet = `
:root {
  --bg: #fbf7f1;
  --surface: #ffffff;
  --ink: #2f2620;
  --muted: #6b5e53;
  --line: #e8ddd0;
  --accent: #a84b24;
  --accent-dark: #8a3b1a;
  --accent-soft: #f6e3d6;
  --olive: #55652e;
  --focus: #1d5fa8;
  --radius: 14px;
  --shadow: 0 1px 2px rgba(60, 40, 20, 0.06), 0 6px 18px rgba(60, 40, 20, 0.07);
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}

*, *::before, *::after { box-sizing: border-box; }

html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }

body {
  margin: 0;
  min-height: 100vh;
  display: flex;
  flex-direction: column;
  font-family: var(--font);
  font-size: 1rem;
  line-height: 1.55;
  color: var(--ink);
  background: var(--bg);
}

img { display: block; max-width: 100%; height: auto; }
a { color: inherit; text-underline-offset: 0.18em; }
a:hover { color: var(--accent); }
h1, h2, h3 { line-height: 1.2; margin: 0 0 0.75rem; }
h1 { font-size: clamp(1.6rem, 1.2rem + 1.6vw, 2.3rem); letter-spacing: -0.01em; }
p { margin: 0 0 1rem; }

:focus-visible {
  outline: 3px solid var(--focus);
  outline-offset: 2px;
  border-radius: 4px;
}

.visually-hidden {
  position: absolute;
  width: 1px;
  height: 1px;
  overflow: hidden;
  clip: rect(0 0 0 0);
  white-space: nowrap;
}

.skip-link {
  position: absolute;
  left: 1rem;
  top: -4rem;
  z-index: 10;
  padding: 0.5rem 0.9rem;
  border-radius: 8px;
  background: var(--ink);
  color: #fff;
}
.skip-link:focus { top: 0.75rem; color: #fff; }

.wrap {
  width: 100%;
  max-width: 1120px;
  margin-inline: auto;
  padding-inline: 1.25rem;
}

/* Header */
.announcement {
  margin: 0;
  padding: 0.4rem 1rem;
  background: var(--olive);
  color: #fff;
  font-size: 0.85rem;
  text-align: center;
}

.site-header { background: var(--surface); border-bottom: 1px solid var(--line); }

.site-header__bar {
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 0.5rem 1.25rem;
  padding-block: 1rem;
}

.brand {
  display: inline-flex;
  align-items: center;
  gap: 0.6rem;
  text-decoration: none;
  font-size: 1.45rem;
  font-weight: 700;
  letter-spacing: 0.01em;
}
.brand svg { flex: none; }
.brand__tagline { margin: 0; color: var(--muted); font-size: 0.9rem; }

.lang-switch { margin-left: auto; }
.lang-switch ul { display: flex; gap: 0.25rem; margin: 0; padding: 0; list-style: none; }
.lang-switch a {
  display: block;
  padding: 0.25rem 0.6rem;
  border-radius: 999px;
  color: var(--muted);
  font-size: 0.85rem;
  font-weight: 600;
  text-decoration: none;
}
.lang-switch a[aria-current] { background: var(--accent-soft); color: var(--accent-dark); }

.site-nav { border-top: 1px solid var(--line); }
.site-nav ul {
  display: flex;
  gap: 0.25rem;
  margin: 0 auto;
  padding-block: 0.45rem;
  list-style: none;
  overflow-x: auto;
  scrollbar-width: thin;
}
.site-nav a {
  display: block;
  padding: 0.4rem 0.85rem;
  border-radius: 999px;
  font-weight: 500;
  text-decoration: none;
  white-space: nowrap;
}
.site-nav a:hover { background: var(--accent-soft); color: var(--ink); }
.site-nav a[aria-current] { background: var(--accent-soft); color: var(--accent-dark); }
.site-nav a[aria-current="page"] { background: var(--accent); color: #fff; }

/* Main */
.site-main { flex: 1; padding-block: 2rem 3.5rem; }

.section { margin-top: 2.75rem; }
.section-title, .picks-title {
  display: flex;
  align-items: center;
  gap: 0.6rem;
  margin: 0 0 1rem;
  font-size: 1.2rem;
  font-weight: 700;
}
.section-title::before, .picks-title::before {
  content: "";
  flex: none;
  width: 0.9rem;
  height: 0.9rem;
  border-radius: 50% 50% 0 0;
  background: var(--accent);
}
.picks-title { font-size: 1.1rem; }

.lead { color: var(--muted); font-size: 1.05rem; max-width: 40rem; }

.button {
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: 0.5rem;
  min-height: 2.75rem;
  padding: 0.6rem 1.3rem;
  border: 2px solid var(--accent);
  border-radius: 999px;
  background: var(--accent);
  color: #fff;
  font: inherit;
  font-weight: 600;
  text-decoration: none;
  cursor: pointer;
}
.button:hover { background: var(--accent-dark); border-color: var(--accent-dark); color: #fff; }
.button[disabled] { background: #cfc5bb; border-color: #cfc5bb; color: #5b5049; cursor: not-allowed; }
.button--ghost { background: transparent; color: var(--accent-dark); }
.button--ghost:hover { background: var(--accent-soft); color: var(--accent-dark); border-color: var(--accent); }

.breadcrumb ol {
  display: flex;
  flex-wrap: wrap;
  gap: 0.35rem;
  margin: 0 0 1.25rem;
  padding: 0;
  list-style: none;
  color: var(--muted);
  font-size: 0.9rem;
}
.breadcrumb li + li::before { content: "›"; margin-right: 0.35rem; }

/* Home */
.hero {
  display: grid;
  grid-template-columns: 1.1fr 1fr;
  align-items: center;
  gap: 2rem;
  padding: 2rem;
  border-radius: calc(var(--radius) * 1.5);
  background: var(--accent-soft);
}
.hero p { max-width: 34rem; }
.hero__art { width: 100%; border-radius: var(--radius); }

.category-tiles {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 130px), 1fr));
  gap: 1rem;
  margin: 0;
  padding: 0;
  list-style: none;
}
.category-tiles a {
  display: flex;
  flex-direction: column;
  align-items: center;
  gap: 0.3rem;
  height: 100%;
  padding: 0.9rem 0.75rem;
  border: 1px solid var(--line);
  border-radius: var(--radius);
  background: var(--surface);
  text-align: center;
  text-decoration: none;
}
.category-tiles img { width: 88px; height: 88px; border-radius: 50%; }
.category-tiles__name { font-weight: 600; }
.category-tiles__count { color: var(--muted); font-size: 0.85rem; }
.category-tiles a:hover { border-color: var(--accent); color: var(--ink); }

/* Product cards: also reused by recommendation blocks inserted into the page. */
.product-grid {
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(min(100%, 168px), 1fr));
  gap: 1.25rem;
  margin: 0;
  padding: 0;
  list-style: none;
}
.product-card { display: flex; min-width: 0; }
.product-card > a {
  display: flex;
  flex-direction: column;
  gap: 0.35rem;
  width: 100%;
  padding: 0.75rem 0.75rem 0.9rem;
  border: 1px solid var(--line);
  border-radius: var(--radius);
  background: var(--surface);
  text-decoration: none;
  transition: box-shadow 0.15s ease, transform 0.15s ease, border-color 0.15s ease;
}
.product-card > a:hover { border-color: #dcc6b2; box-shadow: var(--shadow); transform: translateY(-2px); color: var(--ink); }
.product-card img {
  width: 100%;
  height: auto;
  aspect-ratio: 1 / 1;
  margin-bottom: 0.35rem;
  border-radius: 10px;
  background: var(--bg);
}
.product-card__title { font-size: 0.95rem; font-weight: 500; line-height: 1.35; }
.product-card__price { margin-top: auto; color: var(--accent-dark); font-weight: 700; }
.product-card__badge {
  align-self: flex-start;
  padding: 0.1rem 0.5rem;
  border-radius: 999px;
  background: #efe8e1;
  color: var(--muted);
  font-size: 0.75rem;
  font-weight: 600;
}

/* Recommendation slots: invisible until something is placed in them. */
.home-picks, .category-more, .product-extras, .order-next { margin-top: 2.75rem; }
.home-picks:empty, .category-more:empty, .product-extras:empty, .order-next:empty { display: none; }

/* Category */
.category-header { margin-bottom: 1.5rem; }
.category-header p { margin: 0; color: var(--muted); }

/* Product */
.product {
  display: grid;
  grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  gap: 2.5rem;
  align-items: start;
}
.product__media img {
  width: 100%;
  border: 1px solid var(--line);
  border-radius: calc(var(--radius) * 1.25);
}
.product__category { margin: 0 0 0.4rem; font-size: 0.9rem; font-weight: 600; text-transform: uppercase; letter-spacing: 0.06em; }
.product__category a { color: var(--olive); text-decoration: none; }
.product__price { margin: 0 0 0.25rem; font-size: 1.6rem; font-weight: 700; color: var(--accent-dark); }
.product__vat { margin: 0 0 1rem; color: var(--muted); font-size: 0.85rem; }
.product__description { max-width: 36rem; }

.stock { display: inline-flex; align-items: center; gap: 0.45rem; margin-bottom: 1.25rem; font-weight: 600; }
.stock::before { content: ""; width: 0.6rem; height: 0.6rem; border-radius: 50%; background: currentColor; }
.stock--in { color: #3f6b2a; }
.stock--out { color: #8a3b1a; }

.notice {
  padding: 0.75rem 1rem;
  border-left: 4px solid #2e8b6f;
  border-radius: 6px;
  background: #e8f3ef;
  font-size: 0.9rem;
}

.buy-box {
  display: flex;
  flex-wrap: wrap;
  align-items: end;
  gap: 0.75rem;
  margin: 1.5rem 0 1.25rem;
  padding: 1.1rem;
  border: 1px solid var(--line);
  border-radius: var(--radius);
  background: var(--surface);
}
.buy-box label { display: block; margin-bottom: 0.25rem; font-size: 0.85rem; font-weight: 600; }
.buy-box input {
  width: 5rem;
  min-height: 2.75rem;
  padding: 0.4rem 0.6rem;
  border: 1px solid #cbbcae;
  border-radius: 10px;
  font: inherit;
}
.buy-box .button { flex: 1; min-width: 12rem; }

.perks { margin: 0; padding: 0; list-style: none; color: var(--muted); font-size: 0.9rem; }
.perks li { padding-left: 1.4rem; position: relative; }
.perks li + li { margin-top: 0.3rem; }
.perks li::before { content: "✓"; position: absolute; left: 0; color: var(--olive); font-weight: 700; }

/* Order complete, errors */
.message-panel {
  max-width: 40rem;
  margin: 1rem auto 0;
  padding: 2.25rem 2rem;
  border: 1px solid var(--line);
  border-radius: calc(var(--radius) * 1.5);
  background: var(--surface);
  text-align: center;
}
.message-panel svg { display: block; margin: 0 auto 1rem; }
.message-panel .button { margin-top: 0.5rem; }
.link-list { display: flex; flex-wrap: wrap; justify-content: center; gap: 0.5rem 1rem; margin: 0 0 1.25rem; padding: 0; list-style: none; }

/* Footer */
.site-footer { background: #3a2f28; color: #f3ebe3; font-size: 0.9rem; }
.site-footer a { color: #fff; }
.site-footer__grid {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 200px), 1fr));
  gap: 1.5rem;
  padding-block: 2rem 1rem;
}
.site-footer h2 { margin-bottom: 0.5rem; font-size: 1rem; color: #fff; }
.site-footer ul { margin: 0; padding: 0; list-style: none; }
.site-footer__note { margin: 0; padding-block: 1rem 1.5rem; border-top: 1px solid rgba(255, 255, 255, 0.15); color: #d9cbbd; font-size: 0.8rem; }

@media (max-width: 760px) {
  .hero { grid-template-columns: 1fr; padding: 1.5rem; }
  .hero__art { order: -1; }
  .product { grid-template-columns: 1fr; gap: 1.5rem; }
  .product-grid { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 0.85rem; }
  .brand__tagline { display: none; }
}

@media (prefers-reduced-motion: reduce) {
  .product-card > a { transition: none; }
  .product-card > a:hover { transform: none; }
}
`;
