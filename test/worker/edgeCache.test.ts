import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { insertedItems, tactCookie, withTactCookie } from "../support/harness";
import { SHARED, bump, cacheReady, freshId, originHits, visit } from "../support/edgeCache";
import { cacheKey } from "../../src/edges/cache/cacheKey";
import { sharedBody } from "../origin/sharedPage";

beforeEach(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  await cacheReady();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("edge cache: keeping the shop's page", () => {
  it("answers the first request from the origin and the next from the copy", async () => {
    const id = freshId("hit");
    const first = await visit(`${SHARED}/${id}`);
    expect(first.headers.get("x-tact-edge-cache")).toBe("miss");
    const second = await visit(`${SHARED}/${id}`);
    expect(second.headers.get("x-tact-edge-cache")).toBe("hit");
    expect(Number(second.headers.get("age"))).toBeGreaterThanOrEqual(0);
    expect(await originHits(id)).toMatchObject({ full: 1 });
    const html = await second.text();
    expect(html).toContain(`Pagina ${id} v1`);
    expect(insertedItems(html).length).toBeGreaterThan(0);
  });

  it("changes nothing without the setting", async () => {
    await cacheReady();
    const { putRuleSet, rule, ruleset } = await import("../support/harness");
    await putRuleSet(ruleset([rule({ page: "/__test/*", slot: { selector: ".product-extras", position: "append" } })]));
    const id = freshId("off");
    for (let i = 0; i < 3; i += 1)
      expect((await visit(`${SHARED}/${id}`)).headers.has("x-tact-edge-cache")).toBe(false);
    expect(await originHits(id)).toMatchObject({ full: 3 });
  });

  it("changes nothing with EDGE_CACHE off", async () => {
    const id = freshId("var-off");
    for (let i = 0; i < 3; i += 1) {
      const response = await visit(`${SHARED}/${id}`, {}, { EDGE_CACHE: "off" });
      expect(response.headers.has("x-tact-edge-cache")).toBe(false);
    }
    expect(await originHits(id)).toMatchObject({ full: 3 });
  });

  it("stores the origin's body byte for byte, without a block or a cookie", async () => {
    const id = freshId("bytes");
    const served = await visit(`${SHARED}/${id}`);
    expect(tactCookie(served)).toBeDefined();
    const copy = await caches.default.match(cacheKey(new URL(`https://shop.test${SHARED}/${id}`), 0));
    expect(copy).toBeDefined();
    const stored = new Uint8Array(await copy!.arrayBuffer());
    expect(stored).toEqual(new TextEncoder().encode(sharedBody(id, 1)));
    expect(copy!.headers.has("set-cookie")).toBe(false);
  });

  it("gives two shoppers served from one copy their own block and cookie", async () => {
    // Shown once an hour at most: the shopper who has seen the block gets none.
    await cacheReady({}, undefined, { cap: { impressions: 1, perHours: 1 } });
    const id = freshId("two");
    const first = await visit(`${SHARED}/${id}`);
    const returning = await visit(`${SHARED}/${id}`, { headers: withTactCookie(tactCookie(first)!) });
    const newcomer = await visit(`${SHARED}/${id}`);
    expect([returning, newcomer].map((r) => r.headers.get("x-tact-edge-cache"))).toEqual(["hit", "hit"]);
    expect(await originHits(id)).toMatchObject({ full: 1 });
    expect(insertedItems(await returning.text())).toEqual([]);
    expect(insertedItems(await newcomer.text()).length).toBeGreaterThan(0);
    const [a, b, c] = [tactCookie(first), tactCookie(returning), tactCookie(newcomer)];
    expect(c).toBeDefined();
    expect(new Set([a, b, c]).size).toBe(3);
    for (const response of [returning, newcomer])
      expect(response.headers.get("cache-control")).toBe("private, no-cache");
  });

  it("keeps one copy per value of the headers the origin's Vary names", async () => {
    const id = freshId("vary");
    const page = `${SHARED}/${id}?vary=Accept-Language&lang=1`;
    for (const language of ["it", "en", "it", "en"]) {
      const html = await (await visit(page, { headers: { "accept-language": language } })).text();
      expect(html).toContain(`v1 (${language})`);
    }
    expect(await originHits(id)).toMatchObject({ full: 2 });
  });

  it("keeps the origin's caching headers on a page it serves unchanged", async () => {
    const id = freshId("head");
    await visit(`${SHARED}/${id}`);
    const head = await visit(`${SHARED}/${id}`, { method: "HEAD" });
    expect(head.headers.get("x-tact-edge-cache")).toBe("hit");
    expect(head.headers.get("cache-control")).toBe("public, s-maxage=60");
    expect(head.headers.get("etag")).toBe(`"${id}-v1"`);
    expect(head.headers.has("age")).toBe(true);
    expect(head.headers.has("x-tact-cache-policy")).toBe(false);
    expect(await head.text()).toBe("");
  });

  it("answers a range and a conditional request from the copy", async () => {
    const id = freshId("range");
    await visit(`${SHARED}/${id}`);
    const whole = new TextEncoder().encode(sharedBody(id, 1));
    const part = await visit(`${SHARED}/${id}`, { headers: { range: "bytes=0-99" } });
    expect(part.status).toBe(206);
    expect(new Uint8Array(await part.arrayBuffer())).toEqual(whole.slice(0, 100));
    const again = await visit(`${SHARED}/${id}`, { headers: { "if-none-match": `"${id}-v1"` } });
    expect(again.status).toBe(304);
    expect(await originHits(id)).toMatchObject({ full: 1, conditional: 0 });
  });

  it("serves a reload (Cache-Control: no-cache) from the copy, as the zone's own cache does", async () => {
    const id = freshId("reload");
    await visit(`${SHARED}/${id}`);
    const reload = await visit(`${SHARED}/${id}`, { headers: { "cache-control": "no-cache", pragma: "no-cache" } });
    expect(reload.headers.get("x-tact-edge-cache")).toBe("hit");
    expect(await originHits(id)).toMatchObject({ full: 1, conditional: 0 });
  });

  it("serves the new page once the origin's version changes and the copy expires", async () => {
    const id = freshId("version");
    await visit(`${SHARED}/${id}?cc=public,s-maxage=0`);
    await bump(id);
    expect(await (await visit(`${SHARED}/${id}?cc=public,s-maxage=0`)).text()).toContain("v2");
  });
});
