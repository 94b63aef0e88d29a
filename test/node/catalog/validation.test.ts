import { describe, expect, it } from "vitest";
import { CategoryMappingSchema, DEFAULT_CATEGORY_MAPPING } from "../../../tools/catalog/CategoryMapping";
import { SHRINKAGE } from "../../../tools/catalog/cooccurrenceSimilarity";
import { idFromLink } from "../../../tools/catalog/idFromLink";
import { type ImportFeedOptions, importFeed } from "../../../tools/catalog/importFeed";
import { validateFeedRecord } from "../../../tools/catalog/validateFeedRecord";
import { feedPath } from "./support";
import { readFile } from "node:fs/promises";
import * as v from "valibot";

const NOW = Date.parse("2026-06-15T12:00:00Z");

const good = {
  id: ["a1"],
  title: ["Moka pot"],
  link: ["https://shop.example.com/products/a1"],
  image_link: ["https://shop.example.com/images/a1.jpg"],
  price: ["24.90 EUR"],
  availability: ["in_stock"],
  product_type: ["Kitchen > Coffee makers"],
};

const validate = (fields: Record<string, string[]>, options: Partial<Parameters<typeof validateFeedRecord>[1]> = {}) =>
  validateFeedRecord({ line: 12, fields }, { now: NOW, ...options });

async function fixtureImport(options: Partial<ImportFeedOptions> & Pick<ImportFeedOptions, "feed" | "format">) {
  const mapping = v.parse(CategoryMappingSchema, JSON.parse(await readFile(feedPath("mapping.json"), "utf8")));
  return importFeed({
    mapping,
    cooccurrence: undefined,
    topK: 8,
    shrinkage: SHRINKAGE,
    idFromLink: undefined,
    shopify: { currency: "EUR", baseUrl: undefined },
    now: NOW,
    ...options,
  });
}

describe("validateFeedRecord", () => {
  it("accepts a complete product and normalizes it", () => {
    expect(validate({ ...good, availability: ["In Stock"], brand: ["Bialetti"] })).toEqual({
      ok: true,
      product: {
        id: "a1",
        feedId: "a1",
        title: "Moka pot",
        link: "https://shop.example.com/products/a1",
        image: "https://shop.example.com/images/a1.jpg",
        price: 24.9,
        currency: "EUR",
        inStock: true,
        googleCategory: undefined,
        productTypes: ["Kitchen > Coffee makers"],
        brand: "Bialetti",
        group: undefined,
        aliases: [],
      },
    });
  });

  it.each([
    [{ id: [] }, "id: missing"],
    [{ title: ["   "] }, "title: missing"],
    [{ title: ["x".repeat(301)] }, "title: longer than 300 characters"],
    [{ link: ["ftp://shop.example.com/a1"] }, 'link: must be an http(s) URL or a path starting with "/"'],
    [{ image_link: ["//cdn.example.com/a1.jpg"] }, 'image_link: must be an http(s) URL or a path starting with "/"'],
    [{ price: ["24.90"] }, 'price: must be an amount and a currency, such as "12.50 EUR"'],
    [{ price: ["24,90 EUR"] }, 'price: must be an amount and a currency, such as "12.50 EUR"'],
    [{ availability: ["limited"] }, "availability: must be one of in_stock, out_of_stock, preorder, backorder"],
    [{ product_type: [] }, "category: needs a google_product_category or a product_type"],
    [{ sale_price: ["20.00 USD"] }, "sale_price: must be in the same currency as price"],
    [{ id: ["SKU 12/3"] }, 'id: "SKU 12/3" cannot key a catalog entry (1-64 letters, digits or _.:- only)'],
  ])("rejects %j: %s", (change: Record<string, string[]>, reason) => {
    const id = "id" in change ? change["id"]?.[0] : "a1";
    expect(validate({ ...good, ...change })).toEqual({ ok: false, line: 12, id, reason });
  });

  it("lists every problem of one row, the category among them", () => {
    const result = validate({ id: ["a1"], price: ["cheap"], google_product_category: [], product_type: [] });
    expect(result).toMatchObject({
      ok: false,
      reason:
        'title: missing; link: missing; image_link: missing; price: must be an amount and a currency, such as "12.50 EUR"; ' +
        "availability: missing; category: needs a google_product_category or a product_type",
    });
  });

  it("passes a reader's problem on with its line", () => {
    expect(validateFeedRecord({ line: 9, fields: {}, problem: "has 4 columns" }, { now: NOW })).toEqual({
      ok: false,
      line: 9,
      id: undefined,
      reason: "has 4 columns",
    });
  });

  it("uses a lower sale price while it is in effect", () => {
    const price = (fields: Record<string, string[]>) => {
      const result = validate({ ...good, ...fields });
      return result.ok ? result.product.price : result.reason;
    };
    expect(price({ sale_price: ["19.90 EUR"] })).toBe(19.9);
    expect(
      price({ sale_price: ["19.90 EUR"], sale_price_effective_date: ["2026-06-01T00:00+0200/2026-06-30T23:59+0200"] }),
    ).toBe(19.9);
    expect(
      price({ sale_price: ["19.90 EUR"], sale_price_effective_date: ["2026-07-01T00:00Z/2026-07-31T00:00Z"] }),
    ).toBe(24.9);
    expect(price({ sale_price: ["29.90 EUR"] })).toBe(24.9);
    expect(price({ sale_price: ["19.90 EUR"], sale_price_effective_date: ["soon"] })).toBe(
      "sale_price_effective_date: must be two ISO 8601 dates separated by /",
    );
  });

  it("only in_stock counts as in stock", () => {
    const inStock = (availability: string) => {
      const result = validate({ ...good, availability: [availability] });
      return result.ok && result.product.inStock;
    };
    expect([inStock("in_stock"), inStock("out of stock"), inStock("preorder"), inStock("backorder")]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  it("keys a product by the id in its link with --id-from-link, keeping the feed's id as an alias", () => {
    const fromLink = idFromLink("/products/:id");
    const result = validate(
      { ...good, id: ["SKU 12/3"], link: ["https://shop.example.com/products/moka-3?v=1"] },
      {
        idFromLink: fromLink,
      },
    );
    expect(result).toMatchObject({ ok: true, product: { id: "moka-3", feedId: "SKU 12/3", aliases: ["SKU 12/3"] } });
    expect(validate({ ...good, link: ["https://shop.example.com/p/a1"] }, { idFromLink: fromLink })).toMatchObject({
      ok: false,
      reason: 'link: "https://shop.example.com/p/a1" does not match --id-from-link',
    });
  });
});

describe("importing the fixtures", () => {
  it("Merchant XML: reports each bad row with its line and reason, keeps the rest", async () => {
    const result = await fixtureImport({ feed: feedPath("merchant.xml"), format: "merchant-xml" });
    expect(result.read).toBe(13);
    expect(result.catalog.products.map((p) => p.card.id)).toEqual([
      "k01",
      "k02-red",
      "k02-blue",
      "k03",
      "g01",
      "g02",
      "h01",
      "h02",
    ]);
    expect(result.rejections).toEqual([
      { line: 95, id: "bad-price", reason: 'price: must be an amount and a currency, such as "12.50 EUR"' },
      { line: 104, id: "bad-link", reason: 'link: must be an http(s) URL or a path starting with "/"' },
      {
        line: 113,
        id: "bad-stock",
        reason: "image_link: missing; availability: must be one of in_stock, out_of_stock, preorder, backorder",
      },
      { line: 121, id: "k01", reason: 'id: "k01" again (first on line 7)' },
      { line: 130, id: "k 99", reason: 'id: "k 99" cannot key a catalog entry (1-64 letters, digits or _.:- only)' },
    ]);
    const g02 = result.catalog.products.find((p) => p.card.id === "g02")?.card;
    expect(g02).toMatchObject({ price: 22, inStock: false, category: "garden", sensitive: false });
  });

  it("Merchant TSV", async () => {
    const result = await fixtureImport({ feed: feedPath("merchant.tsv"), format: "merchant-tsv" });
    expect(result.read).toBe(8);
    expect(result.catalog.products.map((p) => [p.card.id, p.card.price, p.card.category, p.card.inStock])).toEqual([
      ["k01", 24.9, "kitchen", true],
      ["k04", 39, "kitchen", true],
      ["k05", 8.5, "kitchen", false],
      ["g03", 14, "garden", false],
      ["h03", 4.2, "pharmacy", true],
    ]);
    expect(result.rejections).toEqual([
      { line: 9, id: undefined, reason: "has 4 columns, the header has 10" },
      { line: 10, id: undefined, reason: "id: missing" },
      { line: 11, id: "bad-category", reason: "category: needs a google_product_category or a product_type" },
    ]);
  });

  it("Shopify", async () => {
    const result = await fixtureImport({ feed: feedPath("shopify-products.json"), format: "shopify" });
    expect(result.catalog.products.map((p) => [p.card.id, p.card.price, p.card.category, p.aliases])).toEqual([
      ["moka-pot-3", 24.9, "kitchen", ["7001"]],
      ["basil-seeds", 3.5, "garden", ["7002"]],
      ["plasters-40", 4.2, "pharmacy", ["7003"]],
      ["milk-frother", 32, "kitchen", ["7006"]],
    ]);
    expect(result.rejections).toEqual([
      { line: 35, id: "gift-card", reason: "category: needs a google_product_category or a product_type" },
      { line: 44, id: "espresso-cups", reason: "image_link: missing; price: missing; availability: missing" },
    ]);
  });

  it("without a mapping, derives categories from product types and still knows what is sensitive", async () => {
    const result = await fixtureImport({
      feed: feedPath("shopify-products.json"),
      format: "shopify",
      mapping: DEFAULT_CATEGORY_MAPPING,
    });
    expect(result.catalog.categories).toEqual([
      { slug: "coffee-makers", name: { en: "Coffee makers" }, sensitive: false },
      { slug: "garden", name: { en: "Garden" }, sensitive: false },
      { slug: "pharmacy", name: { en: "Pharmacy" }, sensitive: true },
    ]);
  });
});
