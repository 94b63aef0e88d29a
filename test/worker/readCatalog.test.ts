import { beforeEach, describe, expect, it } from "vitest";
import { clearCatalogCache, readCatalog } from "../../src/edges/kv/readCatalog";

/** A KV stand-in that records each bulk read. */
function countingKv(values: Record<string, unknown>) {
  const reads: string[][] = [];
  const kv = {
    get: async (keys: string[]) => {
      reads.push(keys);
      return new Map(keys.map((key) => [key, values[key] ?? null]));
    },
  } as unknown as KVNamespace;
  return { kv, reads };
}

const card = {
  id: "p1",
  title: "Moka",
  url: "/p/p1",
  image: "/i/p1.svg",
  price: 10,
  currency: "EUR",
  category: "kitchen",
};

beforeEach(() => clearCatalogCache());

describe("readCatalog", () => {
  it("reads only what the isolate does not hold, in one bulk get, until the entries are a minute old", async () => {
    const { kv, reads } = countingKv({ popular: { items: [card] }, "item:p1": { item: card, related: [] } });
    const t0 = 1_000_000;
    expect((await readCatalog(kv, ["popular"], t0)).list("popular")?.items[0]?.id).toBe("p1");
    await readCatalog(kv, ["popular", "item:p1"], t0 + 1000);
    await readCatalog(kv, ["popular", "item:p1"], t0 + 30_000);
    await readCatalog(kv, ["popular", "item:p1"], t0 + 60_500);
    expect(reads).toEqual([["popular"], ["item:p1"], ["popular"]]);
  });

  it("remembers that a key is absent, and an invalid entry stays invalid without being checked again", async () => {
    const { kv, reads } = countingKv({ popular: { items: "not a list" } });
    const first = await readCatalog(kv, ["popular", "item:none"], 0);
    expect(first.list("popular")).toBeUndefined();
    expect(first.item("item:none")).toBeUndefined();
    await readCatalog(kv, ["popular", "item:none"], 1);
    expect(reads).toHaveLength(1);
  });

  it("keeps each binding's entries apart", async () => {
    const a = countingKv({ popular: { items: [card] } });
    const b = countingKv({});
    await readCatalog(a.kv, ["popular"], 0);
    expect((await readCatalog(b.kv, ["popular"], 0)).list("popular")).toBeUndefined();
    expect(b.reads).toEqual([["popular"]]);
  });
});
