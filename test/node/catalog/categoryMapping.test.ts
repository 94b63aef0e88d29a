import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { DEFAULT_SENSITIVE_CATEGORIES } from "../../../src/core/ruleset/RuleSet";
import { CategoryMappingSchema, DEFAULT_CATEGORY_MAPPING } from "../../../tools/catalog/CategoryMapping";
import { compileCategoryMapping, pathSegments, slugify } from "../../../tools/catalog/compileCategoryMapping";

const mapping = (input: unknown) => compileCategoryMapping(v.parse(CategoryMappingSchema, input));

const shop = mapping({
  categories: {
    kitchen: { name: { it: "Cucina", en: "Kitchen" }, match: ["Home & Garden > Kitchen & Dining", "Kitchen"] },
    knives: { name: { en: "Knives" }, match: ["Home & Garden > Kitchen & Dining > Knives"] },
    tableware: { match: ["Kitchen > Tableware", "632"] },
    wellness: { match: ["Health & Beauty"] },
    pharmacy: { match: ["Farmacia", "Health & Beauty > Health Care > Medicine"], sensitive: true },
  },
  unmapped: "reject",
});

describe("category mapping", () => {
  it("matches whole path segments, ignoring case and spacing", () => {
    expect(pathSegments(" Home &  Garden>Kitchen & Dining ")).toEqual(["home & garden", "kitchen & dining"]);
    expect(shop.place({ productTypes: ["KITCHEN  >  Pans"] })).toEqual({ ok: true, slug: "kitchen", sensitive: false });
    expect(shop.place({ productTypes: ["Kitchenware"] })).toMatchObject({ ok: false });
  });

  it("takes the longest match, and product types before the Google category on a tie", () => {
    expect(
      shop.place({ googleCategory: "Home & Garden > Kitchen & Dining > Knives > Chef's Knives", productTypes: [] }),
    ).toMatchObject({ slug: "knives" });
    expect(
      shop.place({ googleCategory: "Home & Garden > Kitchen & Dining", productTypes: ["Kitchen > Tableware"] }),
    ).toMatchObject({ slug: "tableware" });
    expect(
      shop.place({ googleCategory: "Home & Garden > Kitchen & Dining", productTypes: ["Kitchen > Pans"] }),
    ).toMatchObject({ slug: "kitchen" });
  });

  it("matches a numeric Google category id exactly", () => {
    expect(shop.place({ googleCategory: "632", productTypes: [] })).toMatchObject({ slug: "tableware" });
    expect(shop.place({ googleCategory: "6321", productTypes: [] })).toMatchObject({ ok: false });
  });

  it("lets any sensitive match win, however short", () => {
    expect(
      shop.place({ googleCategory: "Home & Garden > Kitchen & Dining > Knives", productTypes: ["Farmacia"] }),
    ).toEqual({ ok: true, slug: "pharmacy", sensitive: true });
  });

  it("keeps Google's sensitive branches apart even when the mapping forgot them", () => {
    expect(
      shop.place({ googleCategory: "Health & Beauty > Health Care > Fitness & Nutrition", productTypes: [] }),
    ).toEqual({ ok: true, slug: "health", sensitive: true });
    expect(
      shop.place({ googleCategory: "Health & Beauty > Health Care > Medicine > Pain Relief", productTypes: [] }),
    ).toEqual({ ok: true, slug: "pharmacy", sensitive: true });
    expect(
      shop.place({ googleCategory: "Religious & Ceremonial > Religious Items", productTypes: ["Kitchen"] }),
    ).toEqual({ ok: true, slug: "religion", sensitive: true });
    expect(shop.place({ googleCategory: "Health & Beauty > Personal Care", productTypes: [] })).toEqual({
      ok: true,
      slug: "wellness",
      sensitive: false,
    });
    const trusting = mapping({
      categories: { wellness: { match: ["Health & Beauty"] } },
      sensitiveGoogleBranches: false,
    });
    expect(trusting.place({ googleCategory: "Health & Beauty > Health Care", productTypes: [] })).toEqual({
      ok: true,
      slug: "wellness",
      sensitive: false,
    });
  });

  it("marks slugs of the sensitive list sensitive, with the Worker's default list by default", () => {
    expect(DEFAULT_CATEGORY_MAPPING.sensitiveCategories).toEqual(DEFAULT_SENSITIVE_CATEGORIES);
    const derived = compileCategoryMapping(DEFAULT_CATEGORY_MAPPING);
    expect(derived.place({ productTypes: ["Politics > Posters"] })).toEqual({
      ok: true,
      slug: "politics",
      sensitive: true,
    });
    const custom = mapping({ sensitiveCategories: ["candles"] });
    expect(custom.place({ productTypes: ["Candles"] })).toMatchObject({ sensitive: true });
    expect(custom.place({ productTypes: ["Politics"] })).toMatchObject({ sensitive: false });
  });

  it("handles unmapped products as the mapping says", () => {
    expect(shop.place({ productTypes: ["Toys"] })).toEqual({
      ok: false,
      reason: 'category: "Toys" matches no mapping',
    });
    const fallback = mapping({ categories: { other: { name: { en: "Other" } } }, unmapped: { category: "other" } });
    expect(fallback.place({ productTypes: ["Toys"] })).toEqual({ ok: true, slug: "other", sensitive: false });
    const derive = mapping({ language: "it" });
    expect(derive.place({ productTypes: ["Casa & Giardino > Vasi"] })).toEqual({
      ok: true,
      slug: "casa-giardino",
      sensitive: false,
    });
    expect(derive.place({ googleCategory: "536", productTypes: [] })).toEqual({
      ok: false,
      reason: "category: Google category id 536 has no mapping; add it to the mapping file",
    });
    expect(derive.place({ productTypes: ["Constructor"] })).toMatchObject({ slug: "constructor" });
    expect(derive.categories()).toEqual([
      { slug: "casa-giardino", name: { it: "Casa & Giardino" }, sensitive: false },
      { slug: "constructor", name: { it: "Constructor" }, sensitive: false },
    ]);
  });

  it("lists the categories used, the mapping's first in its order", () => {
    const used = mapping({
      categories: { b: { name: { en: "B" }, match: ["B"] }, a: { name: { en: "A" }, match: ["A"] } },
    });
    for (const type of ["Zeta", "A", "B", "A"]) used.place({ productTypes: [type] });
    expect(used.categories().map((c) => c.slug)).toEqual(["b", "a", "zeta"]);
  });

  it("slugifies accents and punctuation away", () => {
    expect(slugify("  Caffè & Tè!  ")).toBe("caffe-te");
    expect(slugify("---")).toBe("");
    expect(slugify("x".repeat(80)).length).toBe(64);
  });

  it("refuses a mapping with bad slugs, unknown fields or a fallback it does not define", () => {
    const problems = (input: unknown) => {
      const result = v.safeParse(CategoryMappingSchema, input);
      return result.success ? [] : result.issues.map((i) => `${v.getDotPath(i) ?? ""}: ${i.message}`);
    };
    expect(problems({ categories: { "Bad Slug": {} } })).toEqual([
      "categories.Bad Slug: must be lowercase letters, digits, - or _ (at most 64)",
    ]);
    expect(problems({ categories: { ok: { match: [""] } } })).toEqual([
      "categories.ok.match.0: a match must not be empty",
    ]);
    expect(problems({ unmapped: { category: "nope" } })).toEqual([
      ": unmapped.category must be one of the mapping's categories",
    ]);
    expect(problems({ unmapped: { category: "constructor" } })).toEqual([
      ": unmapped.category must be one of the mapping's categories",
    ]);
    expect(problems({ unmapped: "skip" })).toEqual([
      'unmapped: must be "derive", "reject" or { "category": "<slug>" }',
    ]);
  });
});
