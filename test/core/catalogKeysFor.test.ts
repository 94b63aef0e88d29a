import { describe, expect, it } from "vitest";
import type { PageContext } from "../../src/core/decide/classifyPage";
import type { Profile } from "../../src/core/profile/Profile";
import { catalogKeysFor, pageKey } from "../../src/core/decide/catalogKeysFor";
import { candidatesFor } from "../../src/core/decide/strategies";
import { STRATEGIES, type Strategy } from "../../src/core/ruleset/RuleSet";
import { catalogView, profile } from "../support/builders";

const shopper: Profile = profile({
  visits: 6,
  recent: ["p1", "r1", "r2", "r3", "r4", "r5"],
  favourites: ["tea", "books", "garden", "toys"],
  usual: { p1: [3, 6], u1: [2, 5], u2: [1, 6] },
});
const affinities = { coffee: 3, tea: 2, garden: 1, toys: 0.5 };

const product: PageContext = { kind: "product", productId: "p1" };
const category: PageContext = { kind: "category", slug: "tea" };
const other: PageContext = { kind: "other" };

const sorted = (keys: string[]) => [...keys].sort();

describe("pageKey", () => {
  it.each<[PageContext, string | undefined]>([
    [product, "item:p1"],
    [category, "category:tea"],
    [other, undefined],
    [{ kind: "conversion" }, undefined],
  ])("%j reads %s", (page, key) => {
    expect(pageKey(page)).toBe(key);
  });
});

describe("catalogKeysFor", () => {
  it.each<[string, PageContext, Profile | undefined, Strategy[], string[]]>([
    ["a product page with no rules", product, shopper, [], ["item:p1"]],
    ["a category page with no rules", category, shopper, [], ["category:tea"]],
    ["another page with no rules", other, shopper, [], []],
    ["contextual: the page's own entry", product, shopper, ["contextual"], ["item:p1"]],
    ["contextual on another page: nothing", other, shopper, ["contextual"], []],
    ["related: the 4 newest views", other, shopper, ["related"], ["item:p1", "item:r1", "item:r2", "item:r3"]],
    [
      "affinity: the 3 strongest categories",
      other,
      shopper,
      ["affinity"],
      ["category:coffee", "category:tea", "category:garden"],
    ],
    [
      "preferences: the first 3 favourites",
      other,
      shopper,
      ["preferences"],
      ["category:tea", "category:books", "category:garden"],
    ],
    ["usual: items viewed in 2 visits or more", other, shopper, ["usual"], ["item:p1", "item:u1"]],
    ["popular", other, shopper, ["popular"], ["popular"]],
    [
      "everything at once, each key once",
      product,
      shopper,
      [...STRATEGIES],
      [
        "item:p1",
        "item:r1",
        "item:r2",
        "item:r3",
        "category:coffee",
        "category:tea",
        "category:garden",
        "category:books",
        "item:u1",
        "popular",
      ],
    ],
    [
      "a category page that is also a strongest category and a favourite",
      category,
      shopper,
      ["contextual", "affinity", "preferences"],
      ["category:tea", "category:coffee", "category:garden", "category:books"],
    ],
    [
      "no profile: only the page, the affinities given and popular",
      product,
      undefined,
      [...STRATEGIES],
      ["item:p1", "category:coffee", "category:tea", "category:garden", "popular"],
    ],
  ])("%s", (_name, page, who, strategies, expected) => {
    const keys = catalogKeysFor(page, who, affinities, new Set(strategies));
    expect(sorted(keys)).toEqual(sorted(expected));
    expect(new Set(keys).size).toBe(keys.length);
  });

  it.each<[string, PageContext]>([
    ["a product page", product],
    ["a category page", category],
    ["another page", other],
  ])("names every key a strategy reads on %s", (_name, page) => {
    for (const strategy of STRATEGIES) {
      const keys = catalogKeysFor(page, shopper, affinities, new Set([strategy]));
      const catalog = catalogView({}, {});
      candidatesFor(strategy, { page, profile: shopper, affinities, catalog });
      for (const key of catalog.asked) expect(keys, `${strategy} reads ${key}`).toContain(key);
    }
  });
});
