import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SHARED, cacheReady, freshId, originHits, visit } from "../support/edgeCache";

beforeEach(async () => {
  vi.spyOn(console, "warn").mockImplementation(() => {});
  await cacheReady();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Asks for a page three times; says how often the origin answered in full. */
async function originAnswers(path: string, init: RequestInit = {}): Promise<number> {
  const id = path.split("/")[3]!.split("?")[0]!;
  for (let i = 0; i < 3; i += 1) await visit(path, init);
  return (await originHits(id)).full;
}

describe("edge cache: what never reads or fills it", () => {
  it.each([
    ["a Shopify session", "_secure_session_id=abc"],
    ["a Shopify cart", "theme=dark; cart=c1"],
    ["a WooCommerce session", "wp_woocommerce_session_9f=1"],
    ["a WordPress login", "wordpress_logged_in_77=me"],
    ["a Magento session", "PHPSESSID=x"],
    ["a PrestaShop cookie", "PrestaShop-a1b2=z"],
    ["a Shopware context", "sw-context-token=t"],
  ])("a request with %s cookie", async (_, cookie) => {
    const id = freshId("session");
    expect(await originAnswers(`${SHARED}/${id}`, { headers: { cookie } })).toBe(3);
    // Nor did those requests leave a copy for others.
    expect((await visit(`${SHARED}/${id}`)).headers.get("x-tact-edge-cache")).toBe("miss");
  });

  it("a request with the shop's own listed session cookie", async () => {
    await cacheReady({ sessionCookies: ["shop_session", "basket_*"] });
    const id = freshId("listed");
    expect(await originAnswers(`${SHARED}/${id}`, { headers: { cookie: "basket_42=1" } })).toBe(3);
    // A listed set replaces the defaults.
    expect(await originAnswers(`${SHARED}/${freshId("unlisted")}`, { headers: { cookie: "PHPSESSID=x" } })).toBe(1);
  });

  it("a request with Authorization", async () => {
    expect(await originAnswers(`${SHARED}/${freshId("auth")}`, { headers: { authorization: "Basic eDp5" } })).toBe(3);
  });

  it("other methods", async () => {
    const id = freshId("post");
    for (let i = 0; i < 2; i += 1) await visit(`${SHARED}/${id}`, { method: "POST", body: "x" });
    expect((await visit(`${SHARED}/${id}`)).headers.get("x-tact-edge-cache")).toBe("miss");
  });

  it("pages the setting does not list", async () => {
    await cacheReady({ pages: [`${SHARED}/warm-up`, `${SHARED}/listed-*`] });
    expect(await originAnswers(`${SHARED}/${freshId("elsewhere")}`)).toBe(3);
    expect(await originAnswers(`${SHARED}/${freshId("listed")}`)).toBe(1);
  });

  it.each([
    ["Set-Cookie", "cookie=1"],
    ["Cache-Control: private", "cc=private,max-age=60"],
    ["Cache-Control: no-store", "cc=no-store"],
    ["Cache-Control: no-cache", "cc=no-cache"],
    ["s-maxage=0", "cc=public,s-maxage=0"],
    ["no lifetime and no default", "cc="],
    ["status 404", "status=404"],
    ["status 500", "status=500"],
    ["Vary: Cookie", "vary=Cookie"],
    ["Vary: *", "vary=*"],
  ])("an answer with %s is never kept", async (_, query) => {
    expect(await originAnswers(`${SHARED}/${freshId("kept")}?${query}`)).toBe(3);
  });

  it("an answer that says nothing of its lifetime is kept for the default TTL when one is set", async () => {
    await cacheReady({ defaultTtlSeconds: 60 });
    expect(await originAnswers(`${SHARED}/${freshId("default")}?cc=`)).toBe(1);
    // The default never overrides what the origin says.
    expect(await originAnswers(`${SHARED}/${freshId("says")}?cc=no-cache`)).toBe(3);
  });

  it("honours the origin's max-age when it gives no s-maxage", async () => {
    expect(await originAnswers(`${SHARED}/${freshId("max-age")}?cc=public,max-age=60`)).toBe(1);
  });
});
