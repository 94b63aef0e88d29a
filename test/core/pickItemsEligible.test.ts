import { describe, expect, it } from "vitest";
import type { PageContext } from "../../src/core/decide/classifyPage";
import { type PickRule, pickItems } from "../../src/core/decide/pickItems";
import { card, profile } from "../support/builders";
import { type Setup, SEEDS, ids, input, other, rule } from "./pickItemsInput";

describe("pickItems: what may be shown", () => {
  it.each<[string, PickRule, Setup, string[]]>([
    ["contextual items of the product page", rule(["contextual"]), { related: [card("a"), card("b")] }, ["a", "b"]],
    [
      "never the page's own product",
      rule(["contextual", "popular"]),
      { related: [card("p1"), card("a")], popular: [card("p1"), card("b")] },
      ["a", "b"],
    ],
    [
      "never what the shopper viewed lately",
      rule(["contextual", "popular"]),
      {
        related: [card("r1"), card("a")],
        popular: [card("r2"), card("b")],
        profile: profile({ recent: ["r1", "r2"] }),
      },
      ["a", "b"],
    ],
    [
      "recent views in the usual strategy",
      rule(["usual"]),
      {
        page: other,
        items: { "item:r1": { item: card("r1"), related: [] }, "item:r2": { item: card("r2"), related: [] } },
        profile: profile({ recent: ["r1", "r2"], usual: { r1: [2, 3], r2: [3, 3] } }),
      },
      ["r1", "r2"],
    ],
    [
      "a usual item that an earlier strategy had to leave out",
      rule(["contextual", "usual"]),
      {
        related: [card("r1"), card("a")],
        items: { "item:r1": { item: card("r1"), related: [] } },
        profile: profile({ recent: ["r1"], usual: { r1: [3, 4] } }),
      },
      ["a", "r1"],
    ],
    [
      "never the page's own product, even as a usual item",
      rule(["usual"]),
      {
        items: { "item:r1": { item: card("r1"), related: [] }, "item:r2": { item: card("r2"), related: [] } },
        profile: profile({ recent: ["p1"], usual: { p1: [5, 3], r1: [2, 3], r2: [3, 3] } }),
      },
      ["r1", "r2"],
    ],
    [
      "never out of stock",
      rule(["contextual"]),
      { related: [card("a"), card("b", { inStock: false }), card("c")] },
      ["a", "c"],
    ],
    [
      "never an avoided category",
      rule(["contextual", "popular"]),
      {
        related: [card("a"), card("b", { category: "toys" })],
        popular: [card("c", { category: "toys" }), card("d")],
        profile: profile({ avoided: ["toys"] }),
      },
      ["a", "d"],
    ],
    [
      "never a sensitive card",
      rule(["contextual", "popular"]),
      { related: [card("a"), card("b", { sensitive: true })], popular: [card("c", { sensitive: true }), card("d")] },
      ["a", "d"],
    ],
    [
      "never a card of a sensitive category",
      rule(["contextual", "popular"]),
      {
        related: [card("a"), card("b", { category: "health" })],
        popular: [card("c", { category: "health" }), card("d")],
      },
      ["a", "d"],
    ],
    [
      "sensitive cards on a sensitive page, in context",
      rule(["contextual"]),
      {
        pageSensitive: true,
        related: [card("a", { category: "health" }), card("b", { sensitive: true }), card("c")],
      },
      ["a", "b", "c"],
    ],
    [
      "only contextual items on a sensitive page",
      rule(["popular", "contextual", "affinity"]),
      {
        pageSensitive: true,
        related: [card("a", { category: "health" }), card("b")],
        popular: [card("c"), card("d")],
        affinities: { tea: 5 },
        lists: { "category:tea": { sensitive: false, items: [card("e", { category: "tea" })] } },
      },
      ["a", "b"],
    ],
    [
      "still no out-of-stock or recent item on a sensitive page",
      rule(["contextual"]),
      {
        pageSensitive: true,
        related: [card("a", { category: "health" }), card("b", { inStock: false }), card("r1"), card("c")],
        profile: profile({ recent: ["r1"] }),
      },
      ["a", "c"],
    ],
    [
      "only the rule's categories",
      rule(["contextual", "popular"], { categories: ["tea", "garden"] }),
      {
        related: [card("a", { category: "tea" }), card("b"), card("c", { category: "garden" })],
        popular: [card("d", { category: "tea" }), card("e", { category: "toys" })],
        affinities: { tea: 1, toys: 1 },
      },
      ["a", "c", "d"],
    ],
    [
      "later strategies fill what earlier ones leave, each item once",
      rule(["contextual", "popular"]),
      { related: [card("a")], popular: [card("b"), card("a"), card("c")] },
      ["a", "b", "c"],
    ],
    [
      "the related, affinity and preferences strategies chained",
      rule(["related", "affinity", "preferences"]),
      {
        page: other,
        items: { "item:r1": { item: card("r1"), related: [card("a")] } },
        lists: {
          "category:tea": { sensitive: false, items: [card("t1", { category: "tea" })] },
          "category:garden": { sensitive: false, items: [card("g1", { category: "garden" })] },
        },
        affinities: { tea: 2 },
        profile: profile({ recent: ["r1"], favourites: ["garden"] }),
      },
      ["a", "g1", "t1"],
    ],
    [
      "without a profile, only what needs none",
      rule(["related", "preferences", "usual", "contextual", "popular"]),
      { profile: undefined, related: [card("a")], popular: [card("b")] },
      ["a", "b"],
    ],
  ])("%s", (_name, pickRule, setup, expected) => {
    for (const seed of SEEDS.slice(0, 5)) {
      expect(ids(pickItems(pickRule, input({ ...setup, seed })))).toEqual(expected);
    }
  });
});

describe("pickItems: best-sellers beside a product", () => {
  const garden = (id: string) => card(id, { category: "garden" });
  const bestSellers = [card("moka", { category: "kitchen" }), card("coffee", { category: "coffee" }), garden("pot")];
  const seeds: PageContext = { kind: "product", productId: "basil" };
  const items = { "item:basil": { item: garden("basil"), related: [garden("soil")] } };
  const blockOf = (setup: Setup, options = {}) =>
    ids(pickItems(rule(["contextual", "popular"], { count: 4 }), input({ page: seeds, items, ...setup }), options));

  it("come only from the product's own category or one the shopper has browsed", () => {
    expect(blockOf({ popular: bestSellers })).toEqual(["pot", "soil"]);
    expect(blockOf({ popular: bestSellers, affinities: { coffee: 1, kitchen: 0 } })).toEqual(["coffee", "pot", "soil"]);
  });

  it("a block with nothing related to show shows nothing rather than unrelated best-sellers", () => {
    const lone = { "item:basil": { item: garden("basil"), related: [] } };
    expect(blockOf({ popular: bestSellers.slice(0, 2), items: lone })).toEqual([]);
    // The switch the evaluation measures it with.
    expect(blockOf({ popular: bestSellers.slice(0, 2), items: lone }, { popularAnywhere: true })).toEqual([
      "coffee",
      "moka",
    ]);
  });

  it("elsewhere best-sellers are what a block is for", () => {
    expect(blockOf({ page: other, popular: bestSellers })).toEqual(["coffee", "moka", "pot"]);
  });
});
