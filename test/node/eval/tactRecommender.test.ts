/**
 * tact replayed on a toy shop whose answers are plain: moka pots go with
 * coffee and cups, seeds with pots and gloves, and a lone book with gloves.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { CompiledRuleSet } from "../../../src/core/ruleset/compileRuleSet";
import { popular } from "../../../tools/eval/baselines/popular";
import type { Session } from "../../../tools/eval/data/Session";
import type { Recommender } from "../../../tools/eval/Recommender";
import { demoRuleSet, withProductRule } from "../../../tools/eval/tact/demoRuleSet";
import { type ShopCatalog, importShop } from "../../../tools/eval/tact/shopCatalog";
import { tactful } from "../../../tools/eval/tact/tactful";
import { tactRecommender } from "../../../tools/eval/tact/tactRecommender";
import type { PickOptions } from "../../../src/core/decide/pickItems";

const KITCHEN = ["moka", "coffee", "cups", "filters", "kettle"];
const categories = new Map<string, string>([
  ...KITCHEN.map((item) => [item, "kitchen"] as const),
  ...["seeds", "pots", "gloves"].map((item) => [item, "garden"] as const),
  ["book", "books"],
]);

function toyShop(): Session[] {
  const sessions: Session[] = [];
  const add = (times: number, items: string[]) => {
    for (let i = 0; i < times; i++) {
      const id = `${items.join("-")}-${i}`;
      sessions.push({ id, items, times: items.map((_, k) => 1_700_000_000 + 60 * k), endDay: 0 });
    }
  };
  add(5, ["moka", "coffee", "cups"]);
  add(3, ["moka", "filters"]);
  add(2, ["kettle", "cups"]);
  add(4, ["seeds", "pots", "gloves"]);
  add(1, ["book", "gloves"]);
  return sessions;
}

/** What `recommender` shows, `size` items, on each page of a session of these views, a minute apart. */
function blocks(recommender: Recommender, items: string[], size = 4, id = "shopper"): string[][] {
  const replay = recommender.session(id);
  return items.map((item, i) => replay.view(item, 1_700_100_000 + 60 * i, [size])[0] as string[]);
}
const last = <T>(list: readonly T[]) => list[list.length - 1] as T;

let shop: ShopCatalog;
let ruleset: CompiledRuleSet;
const tact = (options: PickOptions = {}, rules = ruleset) =>
  tactRecommender({ name: "tact", catalog: shop, ruleset: rules, options });

beforeAll(async () => {
  shop = await importShop(toyShop(), categories, { relatedPerItem: 8, shrinkage: 0 });
  ruleset = await demoRuleSet();
});

describe("the catalog, as the importer builds it", () => {
  it("relates items by co-occurrence first, and maps cards back to the shop's ids", () => {
    const moka = shop.names.cardId("moka")!;
    expect(shop.names.itemOf(moka)).toBe("moka");
    const related = shop
      .read([`item:${moka}`])
      .item(`item:${moka}`)
      ?.related.map((c) => shop.names.itemOf(c.id));
    // Cosine: coffee 5/√(8·5) ≈ 0.79, cups 5/√(8·7) ≈ 0.67, filters 3/√(8·3) ≈ 0.61; then content fill.
    expect(related?.slice(0, 3)).toEqual(["coffee", "cups", "filters"]);
  });

  it("lets a page view read only the keys it names", () => {
    const moka = shop.names.cardId("moka")!;
    expect(shop.read(["popular"]).item(`item:${moka}`)).toBeUndefined();
    expect(shop.read(["popular"]).list("popular")?.items.length).toBeGreaterThan(0);
  });
});

describe("tact's product-page block, replayed through the core", () => {
  it("reads the keys pageCandidates names: the page, then recent views and the shopper's categories", () => {
    const keys: string[][] = [];
    const spied: ShopCatalog = { ...shop, read: (asked) => (keys.push([...asked]), shop.read(asked)) };
    const id = (item: string) => `item:${shop.names.cardId(item)}`;
    blocks(tactRecommender({ name: "spied", catalog: spied, ruleset }), ["moka", "book"]);
    expect(keys[0]).toEqual([id("moka"), "popular"]);
    expect(keys[1]).toEqual(expect.arrayContaining([id("book"), id("moka"), `category:${shop.names.slug("moka")}`]));
  });

  it("shows a block of the size asked, never the item on the page", () => {
    const block = last(blocks(tact(), ["moka"]));
    expect(block).toHaveLength(4);
    expect(block).not.toContain("moka");
    expect(block.some((item) => item === "coffee" || item === "cups")).toBe(true);
  });

  it("never shows what the session has already viewed", () => {
    const block = last(blocks(tact(), ["moka", "coffee", "cups"]));
    expect(block.length).toBeGreaterThanOrEqual(2);
    for (const seen of ["moka", "coffee", "cups"]) expect(block).not.toContain(seen);
  });

  it("carries the profile from view to view: on the book's page, the moka's companions too", () => {
    const contextualAndRelated = withProductRule(ruleset, { strategies: ["contextual", "related"] });
    const block = last(blocks(tact({ shuffle: false }, contextualAndRelated), ["moka", "book"]));
    expect(block[0]).toBe("gloves");
    expect(block).toEqual(expect.arrayContaining(["coffee", "cups"]));
  });

  it("without the shuffle, shows the best candidates in tact's order, whoever the shopper", () => {
    const shoppers = ["a", "b", "c", "d", "e", "f"];
    const contextual = withProductRule(ruleset, { strategies: ["contextual"] });
    const plainBlocks = shoppers.map((id) => last(blocks(tact({ shuffle: false }, contextual), ["moka"], 3, id)));
    for (const block of plainBlocks) expect(block).toEqual(["coffee", "cups", "filters"]);
    const shuffled = new Set(shoppers.map((id) => last(blocks(tact({}, contextual), ["moka"], 3, id)).join()));
    expect(shuffled.size).toBeGreaterThan(1);
  });

  it("with seen items allowed, may show one again", () => {
    const contextual = withProductRule(ruleset, { strategies: ["contextual"] });
    // coffee's companions: cups 5/√(5·7) ≈ 0.85, then moka 5/√(5·8) ≈ 0.79, which was just viewed.
    const options = { hideSeen: false, shuffle: false, categoryCap: false };
    expect(last(blocks(tact(options, contextual), ["moka", "coffee"], 2))).toEqual(["cups", "moka"]);
    expect(last(blocks(tact({ shuffle: false }, contextual), ["moka", "coffee"], 2))).not.toContain("moka");
  });

  it("shows nothing rather than a single item, unless the minimum is off", () => {
    const contextual = withProductRule(ruleset, { strategies: ["contextual"] });
    // The book's only companion by co-occurrence is gloves; the content fill finds nothing else in its category.
    expect(last(blocks(tact({}, contextual), ["book"]))).toEqual([]);
    expect(last(blocks(tact({ minItems: 1 }, contextual), ["book"]))).toEqual(["gloves"]);
  });
});

describe("a baseline made tactful", () => {
  it("hides seen items and refills the block from the ranking", () => {
    const pop = popular(toyShop());
    expect(pop.rank("moka").slice(0, 4)).toContain("moka");
    const block = last(blocks(tactful(pop, shop, ruleset), ["moka"]));
    expect(block).toHaveLength(4);
    expect(block).not.toContain("moka");
    // Drawn from the five most viewed items other than moka: cups, coffee, gloves, seeds, pots.
    for (const item of block) expect(["cups", "coffee", "gloves", "seeds", "pots"]).toContain(item);
  });
});
