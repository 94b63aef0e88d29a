import { describe, expect, it } from "vitest";
import { contentScore, contentSimilarity, priceBand } from "../../../tools/catalog/contentSimilarity";
import { SHRINKAGE, cooccurrenceSimilarity } from "../../../tools/catalog/cooccurrenceSimilarity";
import { mayRelate } from "../../../tools/catalog/mayRelate";
import { readCooccurrence } from "../../../tools/catalog/readCooccurrence";
import { relatedItems } from "../../../tools/catalog/relatedItems";
import { chunked, product } from "./support";

const everything = () => true;

describe("content similarity", () => {
  // Category, product type, brand and price band, each one feature.
  const moka = product("moka", { type: "Kitchen > Coffee makers", brand: "Bialetti", price: 24.9 });
  const twin = product("twin", { type: "Kitchen > Coffee makers", brand: "Bialetti", price: 19.5 });
  const rival = product("rival", { type: "kitchen >  coffee makers", brand: "Alessi", price: 30 });
  const bare = product("bare", { price: 20 });
  const dear = product("dear", { type: "Kitchen > Knives", brand: "Other", price: 250 });
  const garden = product("garden", { category: "garden", type: "Kitchen > Coffee makers", brand: "Bialetti" });

  it("is the cosine of the feature vectors, worked out by hand", () => {
    expect(priceBand(24.9)).toBe(priceBand(19.5)); // 16–32
    expect(priceBand(250)).not.toBe(priceBand(24.9));
    expect(contentScore(moka, twin)).toBe(1); // 4 shared / √(4·4)
    expect(contentScore(moka, rival)).toBe(0.75); // 3 / √(4·4)
    expect(contentScore(moka, bare)).toBeCloseTo(2 / Math.sqrt(8), 12); // category and band / √(4·2)
    expect(contentScore(moka, dear)).toBe(0.25); // category only
    expect(contentScore(moka, garden)).toBe(0.75); // all but the category
  });

  it("ranks neighbours by that score, only within the category", () => {
    const products = [moka, twin, rival, bare, dear, garden];
    const similarity = contentSimilarity(products, everything);
    const neighbours = similarity.neighbours(0, 10);
    expect(neighbours.map((n) => [products[n.index]?.card.id, n.score])).toEqual([
      ["twin", 1],
      ["rival", 0.75],
      ["bare", 2 / Math.sqrt(8)],
      ["dear", 0.25],
    ]);
  });

  it("keeps the top k, nearest in price first among equals", () => {
    const products = [20, 21, 19, 40, 10, 22].map((price, i) =>
      product(`p${i}`, { type: "Kitchen > Cups", brand: "B", price }),
    );
    const similarity = contentSimilarity(products, everything);
    // p1 (21), p2 (19) and p5 (22) share p0's band (16–32); p3 (40) and p4 (10) do not,
    // and prices are compared on a log scale, where 10 is nearer 20 than 40 is.
    expect(similarity.neighbours(0, 2).map((n) => n.index)).toEqual([1, 2]);
    expect(similarity.neighbours(0, 4).map((n) => n.index)).toEqual([1, 2, 5, 4]);
    expect(similarity.neighbours(0, 3, [1]).map((n) => n.index)).toEqual([2, 5, 4]);
  });
});

describe("co-occurrence (item-to-item cosine)", () => {
  // Baskets: {a,b} {a,b,c} {a,c} {b} — a in 3, b in 3, c in 2.
  const baskets = [[0, 1], [0, 1, 2], [0, 2], [1]];
  const ids = ["a", "b", "c"];
  const similarity = cooccurrenceSimilarity(3, baskets, everything, (i) => ids[i] ?? "", 0);

  it("scores pairs as baskets with both / √(baskets with each), worked out by hand", () => {
    expect([...similarity.occurrences]).toEqual([3, 3, 2]);
    const scores = (index: number) => similarity.neighbours(index, 5).map((n) => [ids[n.index], n.score]);
    expect(scores(0)).toEqual([
      ["c", 2 / Math.sqrt(6)], // 0.816
      ["b", 2 / Math.sqrt(9)], // 0.667
    ]);
    expect(scores(1)).toEqual([
      ["a", 2 / 3],
      ["c", 1 / Math.sqrt(6)], // 0.408
    ]);
    expect(scores(2)).toEqual([
      ["a", 2 / Math.sqrt(6)],
      ["b", 1 / Math.sqrt(6)],
    ]);
    expect(similarity.neighbours(0, 1).map((n) => ids[n.index])).toEqual(["c"]);
  });

  it("shrinks the scores of products seen in few baskets: λ = 20 by default", () => {
    const scores = (shrinkage?: number) =>
      cooccurrenceSimilarity(3, baskets, everything, (i) => ids[i] ?? "", shrinkage)
        .neighbours(0, 5)
        .map((n) => [ids[n.index], n.score]);
    expect(scores()).toEqual(scores(SHRINKAGE));
    expect(SHRINKAGE).toBe(20);
    expect(scores(20)).toEqual([
      ["c", 2 / Math.sqrt(23 * 22)],
      ["b", 2 / Math.sqrt(23 * 23)],
    ]);
  });

  it("lets shrinkage put a product seen often beside another ahead of one seen once", () => {
    // x and y share one basket, y is in no other: cosine 1/√(4·1) = 0.5. x and z share 3, z is in 10: 3/√(4·10) ≈ 0.47.
    // With λ = 20: 1/√(24·21) ≈ 0.045 against 3/√(24·30) ≈ 0.112.
    const names = ["x", "y", "z", "w"];
    const shared = [[0, 1], ...Array.from({ length: 3 }, () => [0, 2]), ...Array.from({ length: 7 }, () => [2, 3])];
    const first = (shrinkage: number) =>
      names[cooccurrenceSimilarity(4, shared, everything, (i) => names[i] ?? "", shrinkage).neighbours(0, 1)[0]!.index];
    expect(first(0)).toBe("y");
    expect(first(20)).toBe("z");
  });

  it("reads baskets from session_or_order_id,product_id rows", async () => {
    const csv = "session_id,product_id\ns1,a\ns1,b\ns2,a\ns2,a\n\ns3,zz\ns4\ns2,c\n";
    const index = new Map(ids.map((id, i) => [id, i]));
    const read = await readCooccurrence(chunked(csv, 5), (id) => index.get(id));
    expect(read.baskets).toEqual([
      [0, 1],
      [0, 2],
    ]);
    expect(read).toMatchObject({ rows: 5, unknownProducts: 1, oversizedBaskets: 0 });
    expect(read.badRows).toEqual([
      { line: 8, id: undefined, reason: "must be two fields: session_or_order_id,product_id" },
    ]);
  });

  it("leaves out baskets too large to say anything about a pair", async () => {
    const csv = Array.from({ length: 101 }, (_, i) => `big,p${i}`).join("\n");
    const read = await readCooccurrence(chunked(csv, 64), (id) => Number(id.slice(1)));
    expect(read).toMatchObject({ baskets: [], oversizedBaskets: 1, rows: 101 });
  });
});

describe("the sensitive firewall", () => {
  const pills = product("pills", { category: "pharmacy", sensitive: true });
  const syrup = product("syrup", { category: "pharmacy", sensitive: true });
  const rosary = product("rosary", { category: "religion", sensitive: true });
  const moka = product("moka");

  it("relates sensitive products only within their own category, ordinary ones never to them", () => {
    expect(mayRelate(pills.card, syrup.card)).toBe(true);
    expect(mayRelate(pills.card, rosary.card)).toBe(false);
    expect(mayRelate(pills.card, moka.card)).toBe(false);
    expect(mayRelate(moka.card, pills.card)).toBe(false);
    expect(mayRelate(moka.card, moka.card)).toBe(false);
  });

  it("holds in both modes, even when shoppers buy across it", () => {
    const products = [moka, pills, syrup, rosary, product("cups")];
    const baskets = [
      [0, 1], // moka with pills
      [0, 1, 3],
      [1, 2],
      [0, 4],
    ];
    for (const related of [relatedItems(products, 8).related, relatedItems(products, 8, baskets).related]) {
      expect(related.get("moka")).toEqual(["cups"]);
      expect(related.get("cups")).toEqual(["moka"]);
      expect(related.get("pills")).toEqual(["syrup"]);
      expect(related.get("syrup")).toEqual(["pills"]);
      expect(related.get("rosary")).toEqual([]);
    }
  });
});

describe("relatedItems", () => {
  const kitchen = (id: string, extra: Parameters<typeof product>[1] = {}) =>
    product(id, { type: "Kitchen > Cups", brand: "B", ...extra });

  it("keeps top k, co-occurrence first, then content similarity for the places left", () => {
    const products = [
      kitchen("a"),
      kitchen("b", { price: 21 }),
      kitchen("c", { price: 25 }),
      kitchen("d", { price: 19 }),
    ];
    const baskets = [[0, 2]];
    const { related, fromCooccurrence, occurrences } = relatedItems(products, 2, baskets);
    expect(related.get("a")).toEqual(["c", "b"]);
    expect(related.get("b")).toEqual(["a", "d"]);
    expect(fromCooccurrence).toBe(2);
    expect([...occurrences]).toEqual([1, 0, 1, 0]);
    expect(relatedItems(products, 1).related.get("a")).toEqual(["b"]);
  });

  it("never relates a product to its own variants, and shows one variant of another", () => {
    const products = [
      kitchen("mug-red", { group: "mug" }),
      kitchen("mug-blue", { group: "mug" }),
      kitchen("pot-red", { group: "pot", price: 21 }),
      kitchen("pot-blue", { group: "pot", price: 21 }),
      kitchen("jug", { price: 23 }),
    ];
    const { related, withoutRelated } = relatedItems(products, 8);
    expect(related.get("mug-red")).toEqual(["pot-blue", "jug"]);
    expect(related.get("jug")).toEqual(["pot-blue", "mug-blue"]);
    expect(withoutRelated).toBe(0);
  });
});
