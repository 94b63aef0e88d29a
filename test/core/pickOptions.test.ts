/**
 * pickItems' switches: each turns one tactful constraint off, and without
 * them a block is exactly what the Worker showed before they existed.
 */
import { describe, expect, it } from "vitest";
import type { Card } from "../../src/core/catalog/Catalog";
import type { PageContext } from "../../src/core/decide/classifyPage";
import { type PickInput, type PickOptions, type PickRule, pickItems } from "../../src/core/decide/pickItems";
import { card, catalogView, profile } from "../support/builders";

const SEEDS = [1, 2, 3, 4, 5, 6];
const kitchen = Array.from({ length: 5 }, (_, i) => card(`k${i}`, { category: "kitchen" }));
const [k0, k1, k2, k3] = kitchen as [Card, Card, Card, Card, Card];
const garden = (id: string) => card(id, { category: "garden" });
// Kitchen over its share of 2, two garden items (one just viewed), one tea item.
const mixed = [k0, garden("g0"), k1, k2, card("t0", { category: "tea" }), k3, garden("g1")];
const popular = [card("x0", { category: "x" }), k1, card("y0", { category: "y" }), card("z0", { category: "z" })];
const productPage: PageContext = { kind: "product", productId: "p1" };

function input(related: readonly Card[], recent: string[], seed: number, page = productPage): PickInput {
  return {
    page,
    profile: profile({ recent }),
    // The shopper has browsed x, y and z: their best-sellers are on topic on a kitchen product's page.
    affinities: { x: 1, y: 1, z: 1 },
    catalog: catalogView(
      { "item:p1": { item: card("p1"), related: [...related] } },
      { popular: { sensitive: false, items: popular } },
    ),
    pageSensitive: false,
    sensitive: new Set(["health"]),
    minItems: 2,
    seed,
  };
}

const rule = (overrides: Partial<PickRule> = {}): PickRule => ({
  strategies: ["contextual", "popular"],
  count: 4,
  maxPerCategory: 2,
  categories: undefined,
  ...overrides,
});
const ids = (cards: readonly Card[]) => cards.map((c) => c.id);

describe("pickItems without switches", () => {
  // Blocks as the Worker picked them before the switches existed, in the order shown.
  it.each<[string, PickRule, (seed: number) => PickInput, string[][]]>([
    [
      "kitchen held to 2, a recent view left out",
      rule(),
      (seed) => input(mixed, ["g0"], seed),
      [
        ["g1", "t0", "k1", "k0"],
        ["t0", "g1", "k0", "k1"],
        ["t0", "g1", "k1", "k0"],
        ["g1", "t0", "k0", "k1"],
        ["t0", "k1", "k0", "g1"],
        ["t0", "x0", "k1", "k0"],
      ],
    ],
    [
      "one category past its share: the last candidate goes",
      rule({ strategies: ["contextual"] }),
      (seed) => input(kitchen, [], seed),
      [
        ["k3", "k2", "k1", "k0"],
        ["k2", "k3", "k0", "k1"],
        ["k2", "k3", "k1", "k0"],
        ["k3", "k2", "k0", "k1"],
        ["k2", "k1", "k0", "k3"],
        ["k2", "k3", "k1", "k0"],
      ],
    ],
    [
      "popular items on another page, one of a category",
      rule({ strategies: ["popular"], count: 3, maxPerCategory: 1 }),
      (seed) => input([], ["y0"], seed, { kind: "other" }),
      [
        ["z0", "x0", "k1"],
        ["k1", "x0", "z0"],
        ["k1", "x0", "z0"],
        ["k1", "x0", "z0"],
        ["x0", "k1", "z0"],
        ["z0", "x0", "k1"],
      ],
    ],
  ])("%s", (_name, pickRule, setup, expected) => {
    const defaults: PickOptions = { hideSeen: true, categoryCap: true, shuffle: true, minItems: 2 };
    for (const [i, seed] of SEEDS.entries()) {
      expect(ids(pickItems(pickRule, setup(seed)))).toEqual(expected[i]);
      expect(ids(pickItems(pickRule, setup(seed), defaults))).toEqual(expected[i]);
    }
  });
});

describe("pickItems with a constraint off", () => {
  it("hideSeen: false may show what was just viewed, and the page's own product", () => {
    const related = [card("p1"), garden("g0"), k0];
    const options = { hideSeen: false, shuffle: false };
    expect(ids(pickItems(rule(), input(related, ["g0"], 1), options))).toEqual(["p1", "g0", "k0", "x0"]);
    expect(ids(pickItems(rule(), input(related, ["g0"], 1), { shuffle: false }))).toEqual(["k0", "x0", "k1", "y0"]);
  });

  it("categoryCap: false lets one category fill the block ahead of the others", () => {
    const options = { categoryCap: false, shuffle: false };
    expect(ids(pickItems(rule(), input(mixed, ["g0"], 1), options))).toEqual(["k0", "k1", "k2", "t0"]);
    expect(ids(pickItems(rule(), input(mixed, ["g0"], 1), { shuffle: false }))).toEqual(["k0", "k1", "t0", "g1"]);
  });

  it("shuffle: false shows the best `count` in order, whatever the seed", () => {
    for (const seed of SEEDS) {
      expect(
        ids(pickItems(rule({ strategies: ["contextual"] }), input(kitchen, [], seed), { shuffle: false })),
      ).toEqual(["k0", "k1", "k2", "k3"]);
    }
  });

  it("minItems: 1 shows a block of one item, which the Worker never does", () => {
    const lone = [k0, card("p1")];
    const contextual = rule({ strategies: ["contextual"] });
    expect(ids(pickItems(contextual, input(lone, [], 1)))).toEqual([]);
    expect(ids(pickItems(contextual, input(lone, [], 1), { minItems: 1 }))).toEqual(["k0"]);
  });
});
