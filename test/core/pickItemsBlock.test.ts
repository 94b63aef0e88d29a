import { describe, expect, it } from "vitest";
import type { Card } from "../../src/core/catalog/Catalog";
import { type PickInput, isSensitiveCard, pickItems } from "../../src/core/decide/pickItems";
import { card } from "../support/builders";
import { SEEDS, ids, input, rule } from "./pickItemsInput";

describe("pickItems: how many", () => {
  const many = Array.from({ length: 12 }, (_, i) => card(`c${i}`, { category: `cat${i}` }));

  it.each([2, 3, 4, 6])("shows exactly `count` = %i items when more qualify, without repeats", (count) => {
    for (const seed of SEEDS) {
      const picked = pickItems(rule(["contextual"], { count }), input({ related: many, seed }));
      expect(picked).toHaveLength(count);
      expect(new Set(ids(picked)).size).toBe(count);
      for (const c of picked) expect(many).toContain(c);
    }
  });

  it("draws from the better candidates: the last third never shows in a block of 4 out of 12", () => {
    const shown = new Set(
      SEEDS.flatMap((seed) => ids(pickItems(rule(["contextual"], { count: 4 }), input({ related: many, seed })))),
    );
    for (const weak of ["c8", "c9", "c10", "c11"]) expect(shown).not.toContain(weak);
    expect(shown).toContain("c0");
  });

  it.each([
    ["1 item with minItems 2", 1, 2, 0],
    ["2 items with minItems 2", 2, 2, 2],
    ["3 items with minItems 4", 3, 4, 0],
    ["4 items with minItems 4", 4, 4, 4],
    ["1 item with minItems 1 (never fewer than 2)", 1, 1, 0],
    ["1 item with minItems 0 (never fewer than 2)", 1, 0, 0],
    ["2 items with minItems 0", 2, 0, 2],
    ["no items", 0, 2, 0],
  ])("%s gives %#", (_name, available, minItems, expected) => {
    const related = many.slice(0, available);
    expect(pickItems(rule(["contextual"], { count: 6 }), input({ related, minItems }))).toHaveLength(expected);
  });
});

describe("pickItems: diversity", () => {
  const kitchen = Array.from({ length: 6 }, (_, i) => card(`k${i}`, { category: "kitchen" }));
  const others = [
    card("g0", { category: "garden" }),
    card("g1", { category: "garden" }),
    card("t0", { category: "tea" }),
    card("t1", { category: "tea" }),
  ];
  const perCategory = (cards: readonly Card[]) => {
    const counts = new Map<string, number>();
    for (const c of cards) counts.set(c.category, (counts.get(c.category) ?? 0) + 1);
    return Math.max(...counts.values());
  };

  // Three categories qualify: kitchen (6 items), garden (2) and tea (2).
  it.each([
    [4, 2],
    [3, 1],
    [6, 2],
    [5, 2],
    [2, 1],
  ])("a block of %i shows at most %i of a category when others qualify, whatever the seed", (count, max) => {
    for (const seed of SEEDS) {
      const picked = pickItems(
        rule(["contextual"], { count, maxPerCategory: max }),
        input({ related: [...kitchen, ...others], seed }),
      );
      expect(picked).toHaveLength(count);
      expect(perCategory(picked)).toBeLessThanOrEqual(max);
    }
  });

  it("fills from one category when nothing else qualifies", () => {
    for (const seed of SEEDS) {
      const picked = pickItems(
        rule(["contextual"], { count: 4, maxPerCategory: 2 }),
        input({ related: kitchen, seed }),
      );
      expect(picked).toHaveLength(4);
      expect(perCategory(picked)).toBe(4);
    }
  });

  it("fills past the share only as far as other categories fall short", () => {
    for (const seed of SEEDS) {
      const related = [...kitchen, card("g0", { category: "garden" })];
      const picked = pickItems(rule(["contextual"], { count: 3, maxPerCategory: 1 }), input({ related, seed }));
      // k0 and g0 by share, then one more kitchen item: the lone garden item always stays.
      expect(picked).toHaveLength(3);
      expect(ids(picked)).toContain("g0");
      expect(perCategory(picked)).toBe(2);
    }
  });
});

describe("pickItems: how far it reads", () => {
  const spread = Array.from({ length: 4 }, (_, i) => card(`c${i}`, { category: `cat${i}` }));
  const popular = [card("x0", { category: "x" }), card("y0", { category: "y" })];
  // Browsed before: x and y are on topic, so their best-sellers may fill a product page's block.
  const affinities = { x: 1, y: 1 };
  const askedOf = (setup: PickInput) => new Set((setup.catalog as unknown as { asked: string[] }).asked);

  it("asks nothing of a later strategy once the earlier ones fill the block", () => {
    const setup = input({ related: spread, popular });
    const picked = pickItems(rule(["contextual", "popular"], { count: 3, maxPerCategory: 1 }), setup);
    expect(picked).toHaveLength(3);
    expect(setup.catalog).toMatchObject({ asked: ["item:p1"] });
  });

  it("goes on to the next strategy while the block is short", () => {
    const setup = input({ related: spread.slice(0, 2), popular, affinities });
    const picked = pickItems(rule(["contextual", "popular"], { count: 3, maxPerCategory: 1 }), setup);
    expect(ids(picked)).toEqual(expect.arrayContaining(["c0", "c1"]));
    expect(askedOf(setup)).toEqual(new Set(["item:p1", "popular"]));
  });

  it("goes on while only a category past its share could fill the block", () => {
    const kitchen = Array.from({ length: 4 }, (_, i) => card(`k${i}`, { category: "kitchen" }));
    const setup = input({ related: kitchen, popular, affinities });
    const picked = pickItems(rule(["contextual", "popular"], { count: 2, maxPerCategory: 1 }), setup);
    expect(askedOf(setup)).toEqual(new Set(["item:p1", "popular"]));
    // k0, x0 and y0 fill the pool of three; one of them is dropped.
    expect(ids(picked).every((id) => ["k0", "x0", "y0"].includes(id))).toBe(true);
  });
});

describe("pickItems: the shuffle", () => {
  const related = Array.from({ length: 8 }, (_, i) => card(`c${i}`, { category: `cat${i}` }));
  const order = (seed: number) =>
    pickItems(rule(["contextual"], { count: 4 }), input({ related, seed })).map((c) => c.id);

  it.each(SEEDS.slice(0, 8))("gives the same block for the same seed (%i)", (seed) => {
    expect(order(seed)).toEqual(order(seed));
  });

  it("gives different blocks for some other seeds", () => {
    const blocks = new Set(SEEDS.map((seed) => order(seed).join(",")));
    expect(blocks.size).toBeGreaterThan(5);
  });

  it("does not just keep the candidates' order", () => {
    const unshuffled = SEEDS.filter((seed) => order(seed).join(",") === "c0,c1,c2,c3");
    expect(unshuffled.length).toBeLessThan(SEEDS.length / 2);
  });
});

describe("isSensitiveCard", () => {
  it.each([
    [card("a"), false],
    [card("a", { sensitive: true }), true],
    [card("a", { category: "health" }), true],
    [card("a", { category: "healthy-snacks" }), false],
  ])("%j is sensitive: %s", (c, expected) => {
    expect(isSensitiveCard(c, new Set(["health"]))).toBe(expected);
  });
});
