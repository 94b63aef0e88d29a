import { Hono } from "hono";
import type { Context } from "hono";
import { findCategory, findProduct, products } from "./catalog.ts";
import type { Lang } from "./i18n.ts";
import { detectLang } from "./i18n.ts";
import { categorySvg, faviconSvg, heroSvg, productSvg } from "./images.ts";
import { categoryPage, errorPage, homePage, notFoundPage, orderCompletePage, productPage } from "./pages.ts";
import { htmlResponse, svgResponse, textResponse } from "./responses.ts";
import { stylesheet } from "./styles.ts";

/**
 * Bottega Aurora, the demo storefront that tact sits in front of in local runs
 * and tests. Plain Hono with no platform bindings: it runs under Node
 * (`demoApp.fetch(request)`) and as a Worker (demo/worker.ts).
 */
export const demoApp = new Hono();

function langOf(c: Context): Lang {
  return detectLang(new URL(c.req.url), c.req.header("accept-language"));
}

function notFound(c: Context): Response {
  const lang = langOf(c);
  return htmlResponse(notFoundPage(lang, c.req.path), lang, 404);
}

demoApp.get("/", (c) => {
  const lang = langOf(c);
  return htmlResponse(homePage(lang, c.req.path), lang);
});

demoApp.get("/category/:slug", (c) => {
  const category = findCategory(c.req.param("slug"));
  if (!category) return notFound(c);
  const lang = langOf(c);
  return htmlResponse(categoryPage(lang, c.req.path, category), lang);
});

demoApp.get("/products/:id", (c) => {
  const product = findProduct(c.req.param("id"));
  if (!product) return notFound(c);
  const lang = langOf(c);
  return htmlResponse(productPage(lang, c.req.path, product), lang);
});

// There is no real cart: adding anything goes straight to the thank-you page.
demoApp.post("/cart", (c) => {
  c.header("Cache-Control", "no-store");
  return c.redirect("/checkout/complete", 303);
});

demoApp.get("/checkout/complete", (c) => {
  const lang = langOf(c);
  return htmlResponse(orderCompletePage(lang, c.req.path), lang);
});

demoApp.get("/images/:file", (c) => {
  const file = c.req.param("file");
  if (!file.endsWith(".svg")) return notFound(c);
  const name = file.slice(0, -".svg".length);

  if (name === "favicon") return svgResponse(faviconSvg());
  if (name === "hero") return svgResponse(heroSvg());
  if (name.startsWith("category-")) {
    const category = findCategory(name.slice("category-".length));
    return category ? svgResponse(categorySvg(category, langOf(c))) : notFound(c);
  }
  const product = findProduct(name);
  return product ? svgResponse(productSvg(product)) : notFound(c);
});

// Browsers ask for /favicon.ico on any page that names no icon (tact's own
// pages among them); answer with the shop's icon rather than a 404 page.
demoApp.get("/favicon.ico", () => svgResponse(faviconSvg()));

demoApp.get("/styles.css", () => textResponse(stylesheet, "text/css; charset=utf-8", 3600));

demoApp.get("/robots.txt", () =>
  textResponse("User-agent: *\nDisallow: /cart\nDisallow: /checkout/\n", "text/plain; charset=utf-8", 86400),
);

demoApp.get("/api/products.json", () => {
  const list = products.map((p) => ({
    id: p.id,
    title: p.title,
    category: p.category,
    price: p.price,
    currency: p.currency,
    inStock: p.inStock,
    url: `/products/${p.id}`,
    image: `/images/${p.id}.svg`,
  }));
  return textResponse(JSON.stringify(list, null, 2), "application/json; charset=utf-8", 60);
});

demoApp.notFound((c) => notFound(c));

demoApp.onError((err, c) => {
  console.error("demo shop error", err);
  const lang = langOf(c);
  const res = htmlResponse(errorPage(lang, c.req.path), lang, 500);
  res.headers.set("Cache-Control", "no-store");
  return res;
});
