/** The category cap follows how focused the shopper is: worked out by hand. */
import { describe, expect, it } from "vitest";
import type { Card } from "../../src/core/catalog/Catalog";
import { categoryCaps } from "../../src/core/decide/categoryCaps";
import { type PickRule, pickItems } from "../../src/core/decide/pickItems";
import { card, catalogView, profile } from "../support/builders";

describe("categoryCaps", () => {
  it.each<[string, Record<string, number>, string, number]>([
    ["no affinities: the rule's cap", {}, "kitchen", 2],
    ["all of the shopper's affinity: the whole block", { kitchen: 3 }, "kitchen", 4],
    ["three quarters: 3 of 4", { kitchen: 3, garden: 1 }, "kitchen", 3],
    ["just over half: ceil(4 × 0.6) = 3", { kitchen: 3, garden: 2 }, "kitchen", 3],
    ["half: 2, the rule's cap", { kitchen: 1, garden: 1 }, "kitchen", 2],
    ["a small share: never below the rule's cap", { kitchen: 1, garden: 9 }, "kitchen", 2],
    ["a category the shopper has not shown interest in", { garden: 5 }, "kitchen", 2],
  ])("%s", (_name, affinities, category, expected) => {
    expect(categoryCaps(2, 4, affinities)(category)).toBe(expected);
  });
});

describe("pickItems with the adaptive cap", () => {
  const kitchen = Array.from({ length: 6 }, (_, i) => card(`k${i}`, { category: "kitchen" }));
  const others = [card("g0", { category: "garden" }), card("t0", { category: "tea" }), card("t1", { category: "tea" })];
  const rule: PickRule = { strategies: ["contextual"], count: 4, maxPerCategory: 2, categories: undefined };
  const kitchenShown = (affinities: Record<string, number>, seed: number, adaptiveCap?: boolean) => {
    const input = {
      page: { kind: "product" as const, productId: "p1" },
      profile: profile({ recent: ["p1"] }),
      affinities,
      catalog: catalogView({ "item:p1": { item: card("p1"), related: [...kitchen, ...others] } }, {}),
      pageSensitive: false,
      sensitive: new Set<string>(),
      minItems: 2,
      seed,
    };
    const picked: Card[] = pickItems(rule, input, adaptiveCap === undefined ? {} : { adaptiveCap });
    expect(picked).toHaveLength(4);
    return picked.filter((c) => c.category === "kitchen").length;
  };

  it("fills the block from the one category a focused shopper browses", () => {
    // The best five are k0–k3 and g0 (the fifth kitchen item waits behind other categories); one is dropped.
    const shown = [1, 2, 3, 4, 5, 6].map((seed) => kitchenShown({ kitchen: 2 }, seed));
    for (const count of shown) expect(count).toBeGreaterThanOrEqual(3);
    expect(shown).toContain(4);
  });

  it("keeps the rule's cap for a shopper browsing across the shop, and when switched off", () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      expect(kitchenShown({ kitchen: 1, garden: 1, tea: 1 }, seed)).toBeLessThanOrEqual(2);
      expect(kitchenShown({ kitchen: 2 }, seed, false)).toBeLessThanOrEqual(2);
    }
  });
});
