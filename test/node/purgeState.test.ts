import { describe, expect, it } from "vitest";
import { purgeTarget, readState, withPurge } from "../../tools/cache/purgeState";
import { MAX_PURGES } from "../../src/edges/cache/cacheStateSchema";

describe("tact cache purge: the state it writes", () => {
  it("takes a URL's path or a path prefix", () => {
    expect(purgeTarget("https://shop.example.com/products/p01")).toEqual({ prefix: "/products/p01" });
    expect(purgeTarget("/category/")).toEqual({ prefix: "/category/" });
  });

  it.each(["products/p01", "ftp://shop/x", "https://shop/p?x=1", "https://shop/p#top", "", "/".padEnd(2050, "a")])(
    "refuses %j, saying why",
    (argument) => expect(typeof purgeTarget(argument)).toBe("string"),
  );

  it("adds a purge with its time, keeping the generation", () => {
    const state = withPurge({ generation: 2, purged: [] }, { prefix: "/a" }, 1_000);
    expect(state).toEqual({ generation: 2, purged: [{ prefix: "/a", at: 1_000 }] });
  });

  it("moves the generation on for --all, and when the list is full", () => {
    expect(withPurge({ generation: 2, purged: [{ prefix: "/a", at: 1 }] }, { all: true }, 5)).toEqual({
      generation: 3,
      purged: [],
    });
    const full = { generation: 0, purged: Array.from({ length: MAX_PURGES }, (_, i) => ({ prefix: `/${i}`, at: i })) };
    expect(withPurge(full, { prefix: "/b" }, 9)).toEqual({ generation: 1, purged: [] });
  });

  it("reads a missing state as empty, and explains one it cannot read", () => {
    expect(readState(undefined)).toEqual({ generation: 0, purged: [] });
    expect(readState("{")).toMatch(/not JSON/);
    expect(readState('{"generation":-1}')).toMatch(/invalid/);
  });
});
