import { describe, expect, it } from "vitest";
import type { ItemEntry, ListEntry } from "../../src/core/catalog/Catalog";
import type { PageContext } from "../../src/core/decide/classifyPage";
import type { Profile } from "../../src/core/profile/Profile";
import type { Strategy } from "../../src/core/ruleset/RuleSet";
import {
  type Candidate,
  type StrategyInput,
  affinitySources,
  candidatesFor,
  recentSources,
  usualSources,
} from "../../src/core/decide/strategies";
import { card, catalogView, profile } from "../support/builders";

const items: Record<string, ItemEntry> = {
  "item:p1": { item: card("p1"), related: [card("a"), card("b"), card("c"), card("d")] },
  "item:r1": { item: card("r1"), related: [card("x"), card("y")] },
  "item:r2": { item: card("r2"), related: [card("y"), card("z")] },
  "item:r3": { item: card("r3"), related: [] },
  "item:r4": { item: card("r4"), related: [card("v")] },
  "item:r5": { item: card("r5"), related: [card("w")] },
  "item:e": { item: card("e"), related: [] },
  "item:b": { item: card("b"), related: [] },
  "item:d": { item: card("d"), related: [] },
  "item:f": { item: card("f"), related: [] },
};
const lists: Record<string, ListEntry> = {
  "category:tea": { sensitive: false, items: [card("t1", { category: "tea" }), card("t2", { category: "tea" })] },
  "category:garden": { sensitive: false, items: [card("g1", { category: "garden" })] },
  "category:coffee": { sensitive: false, items: [card("c1", { category: "coffee" })] },
  "category:toys": { sensitive: false, items: [card("y1", { category: "toys" })] },
  popular: { sensitive: false, items: [card("pop1"), card("pop2"), card("pop3")] },
};

const shopper: Profile = profile({
  visits: 9,
  recent: ["r1", "r2", "r3", "r4", "r5"],
  favourites: ["tea", "garden", "coffee", "toys"],
  // e: 5 visits; a: 3 (its item entry is missing); b, d, f: 2 (by last visit); c: 1.
  usual: { a: [3, 5], b: [2, 7], c: [1, 8], d: [2, 6], e: [5, 1], f: [2, 2] },
});

function input(page: PageContext, who: Profile | undefined): StrategyInput {
  return {
    page,
    profile: who,
    affinities: { tea: 3, garden: 2, coffee: 1, toys: 0.5 },
    catalog: catalogView(items, lists),
  };
}

const scored = (candidates: Candidate[]) =>
  candidates.map(({ card: c, score }) => [c.id, Math.round(score * 1000) / 1000] as const);

const product: PageContext = { kind: "product", productId: "p1" };
const category: PageContext = { kind: "category", slug: "tea" };

describe("candidatesFor", () => {
  it.each<[string, Strategy, PageContext, Profile | undefined, (readonly [string, number])[]]>([
    [
      "contextual on a product page: the product's related items, 1 down towards 0.5",
      "contextual",
      product,
      shopper,
      [
        ["a", 1],
        ["b", 0.875],
        ["c", 0.75],
        ["d", 0.625],
      ],
    ],
    [
      "contextual on a category page: the category's top items",
      "contextual",
      category,
      shopper,
      [
        ["t1", 1],
        ["t2", 0.75],
      ],
    ],
    [
      "contextual on a category the catalog does not know",
      "contextual",
      { kind: "category", slug: "none" },
      shopper,
      [],
    ],
    [
      "contextual on a product the catalog does not know",
      "contextual",
      { kind: "product", productId: "zz" },
      shopper,
      [],
    ],
    ["contextual on another page", "contextual", { kind: "other" }, shopper, []],
    ["contextual on the conversion page", "contextual", { kind: "conversion" }, shopper, []],
    [
      // y: 0.75 from r1 + 0.6 from r2; r5 is past the 4 newest views.
      "related: the 4 newest views' related items, newer views weighing more, shared items adding up",
      "related",
      { kind: "other" },
      shopper,
      [
        ["y", 1.35],
        ["x", 1],
        ["z", 0.45],
        ["v", 0.216],
      ],
    ],
    ["related without a profile", "related", { kind: "other" }, undefined, []],
    [
      "affinity: top items of the 3 strongest categories, weighted by score",
      "affinity",
      { kind: "other" },
      shopper,
      [
        ["t1", 3],
        ["t2", 2.25],
        ["g1", 2],
        ["c1", 1],
      ],
    ],
    [
      "preferences: top items of the first 3 favourites, each a little less",
      "preferences",
      { kind: "other" },
      shopper,
      [
        ["t1", 1],
        ["g1", 0.9],
        ["c1", 0.8],
        ["t2", 0.75],
      ],
    ],
    ["preferences without a profile", "preferences", { kind: "other" }, undefined, []],
    ["preferences without favourites", "preferences", { kind: "other" }, profile(), []],
    [
      "popular: the popular list",
      "popular",
      { kind: "other" },
      undefined,
      [
        ["pop1", 1],
        ["pop2", 0.833],
        ["pop3", 0.667],
      ],
    ],
    [
      // a (3 visits) has no item entry; c (1 visit) is not usual; f is the fifth.
      "usual: items viewed in at least 2 visits, most visits first, then the latest",
      "usual",
      product,
      shopper,
      [
        ["e", 1],
        ["b", 0.8],
        ["d", 0.7],
      ],
    ],
    ["usual without a profile", "usual", product, undefined, []],
    ["usual when nothing was viewed twice", "usual", product, profile({ usual: { b: [1, 1], d: [1, 2] } }), []],
  ])("%s", (_name, strategy, page, who, expected) => {
    expect(scored(candidatesFor(strategy, input(page, who)))).toEqual(expected);
  });
});

describe("sources", () => {
  it.each([
    [[], []],
    [["a"], ["a"]],
    [
      ["a", "b", "c", "d", "e", "f"],
      ["a", "b", "c", "d"],
    ],
  ])("recentSources of %j is %j", (recent, expected) => {
    expect(recentSources(profile({ recent }))).toEqual(expected);
  });

  it("recentSources without a profile is empty", () => {
    expect(recentSources(undefined)).toEqual([]);
  });

  it.each([
    [{}, []],
    [
      { tea: 1, coffee: 3, garden: 2, toys: 0.5 },
      [
        ["coffee", 3],
        ["garden", 2],
        ["tea", 1],
      ],
    ],
    [
      { b: 1, a: 1 },
      [
        ["a", 1],
        ["b", 1],
      ],
    ],
  ])("affinitySources of %j", (affinities: Record<string, number>, expected) => {
    expect(affinitySources(affinities)).toEqual(expected);
  });

  it.each<[Profile["usual"], string[]]>([
    [{}, []],
    [{ a: [1, 9] }, []],
    [{ a: [2, 1] }, ["a"]],
    [{ a: [2, 1], b: [2, 3], c: [4, 1] }, ["c", "b", "a"]],
    [{ a: [2, 1], b: [3, 2], c: [4, 3], d: [5, 4], e: [6, 5] }, ["e", "d", "c", "b"]],
  ])("usualSources of %j", (usual, expected) => {
    expect(usualSources(profile({ usual }))).toEqual(expected);
  });

  it("usualSources without a profile is empty", () => {
    expect(usualSources(undefined)).toEqual([]);
  });
});
