import { describe, expect, it } from "vitest";
import type { PageContext } from "../../src/core/decide/classifyPage";
import { LAST_SEEN_STEP_SECONDS, type PageFacts, learnPageView } from "../../src/core/profile/learnPageView";
import { MAX_RECENT_ITEMS, MAX_USUAL_ITEMS, type Profile, VISIT_GAP_SECONDS } from "../../src/core/profile/Profile";
import { DAY, MINUTE, T0, profile } from "../support/builders";

const settings = { halfLifeSeconds: 30 * DAY };
const NOW = T0 + 10 * DAY;
/** `at` as the profile keeps it: the start of its ten minutes. */
const seen = (at: number) => at - (at % LAST_SEEN_STEP_SECONDS);

const product = (productId: string): PageContext => ({ kind: "product", productId });
const category = (slug: string): PageContext => ({ kind: "category", slug });
const conversion: PageContext = { kind: "conversion" };
const other: PageContext = { kind: "other" };
const kitchen: PageFacts = { category: "kitchen", sensitive: false };

/** A shopper in the middle of visit 3, last seen a minute ago. */
const midVisit = profile({ visits: 3, lastSeen: NOW - MINUTE, affinitiesAt: NOW - MINUTE });

describe("learnPageView: visits and lastSeen", () => {
  it.each([
    ["a first page view starts visit 1", profile(), 0, 1],
    ["a view a minute later is the same visit", profile({ visits: 3 }), MINUTE, 3],
    ["a view 29 minutes later is the same visit", profile({ visits: 3 }), 29 * MINUTE, 3],
    ["a view exactly 30 minutes later is the same visit", profile({ visits: 3 }), VISIT_GAP_SECONDS, 3],
    ["a view 30 minutes and a second later starts a visit", profile({ visits: 3 }), VISIT_GAP_SECONDS + 1, 4],
    ["a view a day later starts a visit", profile({ visits: 3 }), DAY, 4],
  ])("%s", (_name, before, gap, visits) => {
    const seenBefore = { ...before, lastSeen: NOW - gap };
    const after = learnPageView(seenBefore, other, undefined, NOW, settings);
    expect(after.visits).toBe(visits);
    expect(after.lastSeen).toBe(seen(NOW));
  });

  it("counts one visit for a whole session of views 20 minutes apart", () => {
    let shopper = profile();
    for (let step = 0; step < 10; step++) {
      shopper = learnPageView(shopper, product(`p${step}`), kitchen, NOW + step * 20 * MINUTE, settings);
    }
    expect(shopper.visits).toBe(1);
    expect(shopper.lastSeen).toBe(seen(NOW + 9 * 20 * MINUTE));
  });
});

describe("learnPageView: product views", () => {
  it("remembers a first product view in every inferred field", () => {
    const after = learnPageView(profile(), product("p1"), kitchen, NOW, settings);
    expect(after).toEqual(
      profile({
        visits: 1,
        lastSeen: seen(NOW),
        recent: ["p1"],
        affinities: { kitchen: 1 },
        affinitiesAt: NOW,
        usual: { p1: [1, 1] },
      }),
    );
  });

  it.each([
    ["puts a new item first", ["a", "b", "c"], "d", ["d", "a", "b", "c"]],
    ["moves a seen item to the front without a duplicate", ["a", "b", "c"], "b", ["b", "a", "c"]],
    ["keeps the newest item where it is", ["a", "b", "c"], "a", ["a", "b", "c"]],
    [
      "drops the oldest item past MAX_RECENT_ITEMS",
      ["a", "b", "c", "d", "e", "f", "g", "h"],
      "i",
      ["i", "a", "b", "c", "d", "e", "f", "g"],
    ],
    [
      "keeps MAX_RECENT_ITEMS when a full list revisits its oldest item",
      ["a", "b", "c", "d", "e", "f", "g", "h"],
      "h",
      ["h", "a", "b", "c", "d", "e", "f", "g"],
    ],
  ])("recent list %s", (_name, recent, viewed, expected) => {
    const after = learnPageView({ ...midVisit, recent }, product(viewed), kitchen, NOW, settings);
    expect(after.recent).toEqual(expected);
    expect(after.recent.length).toBeLessThanOrEqual(MAX_RECENT_ITEMS);
  });

  it.each([
    ["starts the product's category", {}, NOW, { kitchen: 1 }],
    ["adds 1 to the product's category", { kitchen: 1.5, garden: 1 }, NOW, { kitchen: 2.5, garden: 1 }],
    [
      "decays the old scores first (one half-life)",
      { kitchen: 2, garden: 4 },
      NOW - 30 * DAY,
      { kitchen: 2, garden: 2 },
    ],
    ["decays the old scores first (two half-lives)", { garden: 4 }, NOW - 60 * DAY, { kitchen: 1, garden: 1 }],
    ["forgets what decayed away", { garden: 0.1 }, NOW - 60 * DAY, { kitchen: 1 }],
  ])("affinity %s", (_name, affinities: Record<string, number>, affinitiesAt, expected) => {
    const after = learnPageView({ ...midVisit, affinities, affinitiesAt }, product("p1"), kitchen, NOW, settings);
    expect(after.affinities).toEqual(expected);
    expect(after.affinitiesAt).toBe(NOW);
  });

  it("counts an item once per visit for the usual, whatever the views in between", () => {
    let shopper = profile();
    const views: [string, number][] = [
      ["p1", 0],
      ["p2", MINUTE],
      ["p1", 2 * MINUTE],
      ["p1", 3 * MINUTE],
      // Visit 2.
      ["p1", DAY],
      ["p1", DAY + MINUTE],
      // Visit 3: p2 only.
      ["p2", 2 * DAY],
      // Visit 4.
      ["p1", 3 * DAY],
    ];
    for (const [id, at] of views) shopper = learnPageView(shopper, product(id), kitchen, NOW + at, settings);
    expect(shopper.visits).toBe(4);
    expect(shopper.usual).toEqual({ p1: [3, 4], p2: [2, 3] });
  });

  it.each([
    ["the same visit leaves the count alone", { p1: [2, 3] as const }, { p1: [2, 3] }],
    ["a later visit adds one", { p1: [2, 2] as const }, { p1: [3, 3] }],
    ["an unseen item starts at one", { p9: [4, 2] as const }, { p9: [4, 2], p1: [1, 3] }],
  ])("usual: %s", (_name, usual, expected) => {
    const after = learnPageView({ ...midVisit, usual }, product("p1"), kitchen, NOW, settings);
    expect(after.usual).toEqual(expected);
  });

  it("keeps only the MAX_USUAL_ITEMS most revisited items, the newer one winning a tie", () => {
    const usual = { a: [5, 1], b: [4, 2], c: [3, 2], d: [2, 2], e: [1, 1], f: [1, 2] } as const;
    const after = learnPageView({ ...midVisit, usual }, product("new"), kitchen, NOW, settings);
    expect(Object.keys(after.usual)).toHaveLength(MAX_USUAL_ITEMS);
    // The new item (1 visit, in visit 3) outranks e (1 visit, in visit 1).
    expect(after.usual).toEqual({ a: [5, 1], b: [4, 2], c: [3, 2], d: [2, 2], new: [1, 3], f: [1, 2] });
  });
});

describe("learnPageView: category and conversion pages", () => {
  it.each([
    ["adds half a view to a new category", {}, { kitchen: 0.5 }],
    ["adds half a view to a known category", { kitchen: 1 }, { kitchen: 1.5 }],
  ])("a category view %s and nothing else", (_name, affinities: Record<string, number>, expected) => {
    const before = { ...midVisit, affinities, recent: ["p1"], usual: { p1: [1, 3] as const } };
    const after = learnPageView(before, category("kitchen"), kitchen, NOW, settings);
    expect(after).toEqual({ ...before, lastSeen: seen(NOW), affinities: expected, affinitiesAt: NOW });
  });

  it("takes the category from the page, not from the facts, on a category page", () => {
    const after = learnPageView(midVisit, category("garden"), { category: undefined, sensitive: false }, NOW, settings);
    expect(after.affinities).toEqual({ garden: 0.5 });
  });

  it.each([
    ["counts a first order", 0, 0, 1, NOW],
    ["counts another order long after the last", 2, NOW - DAY, 3, NOW],
    ["counts an order just over 30 minutes after the last", 2, NOW - VISIT_GAP_SECONDS - 1, 3, NOW],
    ["does not count a reload exactly 30 minutes later", 2, NOW - VISIT_GAP_SECONDS, 2, NOW - VISIT_GAP_SECONDS],
    ["does not count a reload a minute later", 2, NOW - MINUTE, 2, NOW - MINUTE],
  ])("a conversion page %s", (_name, orders, lastOrderAt, expectedOrders, expectedAt) => {
    const before = { ...midVisit, orders, lastOrderAt, recent: ["p1"], affinities: { kitchen: 1 } };
    const after = learnPageView(before, conversion, undefined, NOW, settings);
    expect(after).toEqual({ ...before, lastSeen: seen(NOW), orders: expectedOrders, lastOrderAt: expectedAt });
  });

  it("counts one order for a conversion page reloaded every 10 minutes for an hour", () => {
    let shopper = midVisit;
    for (let step = 0; step <= 6; step++) {
      shopper = learnPageView(shopper, conversion, undefined, NOW + step * 10 * MINUTE, settings);
    }
    // Orders at 0 and then at 40 minutes (more than 30 after the first), not in between.
    expect(shopper.orders).toBe(2);
    expect(shopper.lastOrderAt).toBe(NOW + 40 * MINUTE);
  });
});

describe("learnPageView: what is never learned", () => {
  const rich: Profile = profile({
    visits: 3,
    lastSeen: NOW - DAY,
    recent: ["p7", "p8"],
    affinities: { garden: 2 },
    affinitiesAt: NOW - DAY,
    usual: { p7: [2, 2] },
    orders: 1,
    lastOrderAt: NOW - 2 * DAY,
    avoided: ["toys"],
  });
  const onlyCounters = { ...rich, visits: 4, lastSeen: seen(NOW) };

  it.each<[string, PageContext, PageFacts | undefined]>([
    ["a sensitive product", product("p1"), { category: "kitchen", sensitive: true }],
    ["a sensitive product without category", product("p1"), { category: undefined, sensitive: true }],
    ["a sensitive category", category("health"), { category: "health", sensitive: true }],
    ["a product the catalog does not know (undefined facts)", product("p1"), undefined],
    ["a category the catalog does not know (undefined facts)", category("kitchen"), undefined],
    ["an other page, even with facts", other, kitchen],
    ["a category page of an avoided category", category("toys"), { category: "toys", sensitive: false }],
  ])("moves only the visit counters for %s", (_name, page, facts) => {
    expect(learnPageView(rich, page, facts, NOW, settings)).toEqual(onlyCounters);
  });

  it("remembers a product of an avoided category as viewed, with no affinity and no usual count", () => {
    const after = learnPageView(rich, product("p1"), { category: "toys", sensitive: false }, NOW, settings);
    expect(after).toEqual({ ...onlyCounters, recent: ["p1", "p7", "p8"] });
    expect(after.affinities["toys"]).toBeUndefined();
  });

  it("remembers a product without a known category as viewed, and nothing more", () => {
    const after = learnPageView(rich, product("p1"), { category: undefined, sensitive: false }, NOW, settings);
    expect(after).toEqual({ ...onlyCounters, recent: ["p1", "p7", "p8"] });
  });

  it("does not change the profile it was given", () => {
    const copy = structuredClone(rich);
    learnPageView(rich, product("p1"), kitchen, NOW, settings);
    expect(rich).toEqual(copy);
  });
});

describe("learnPageView: a new habit", () => {
  it("makes room in a full usual list by dropping the item revisited longest ago", () => {
    const usual = { a: [5, 1], b: [4, 1], c: [3, 2], d: [2, 2], e: [2, 1], f: [2, 2] } as const;
    const after = learnPageView({ ...midVisit, usual }, product("new"), kitchen, NOW, settings);
    expect(Object.keys(after.usual).sort()).toEqual(["a", "b", "c", "d", "f", "new"]);
    expect(after.usual["new"]).toEqual([1, 3]);
  });
});
