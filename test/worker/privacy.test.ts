import { decodeJwt } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import demoRuleSet from "../../kv-seed/ruleset.json";
import { Shopper, blocks, get, getWithEnv, putRuleSet, seedDemo, tactCookie } from "../support/harness";
import { NEXT_KEY, PREV_KEY } from "../support/testKeys";
import { SAME_ORIGIN, postJson } from "../support/sameOrigin";

async function withPrivacy(privacy: Record<string, unknown>): Promise<void> {
  await putRuleSet({ ...demoRuleSet, settings: { ...demoRuleSet.settings, learningWaitMs: 200, privacy } });
}

beforeEach(async () => {
  await seedDemo();
});

describe("/__tact/profile", () => {
  it("shows everything the cookie holds, in plain words or as JSON, under a strict CSP", async () => {
    const shopper = new Shopper();
    await shopper.visit("/products/p07");
    await shopper.visit("/category/garden");
    const cookie = { cookie: `__Host-tact=${shopper.cookie}` };
    const page = await get("/__tact/profile", { headers: { ...cookie, "accept-language": "en" } });
    const text = await page.text();
    expect(text).toContain("Caffè in grani, miscela arabica, 500 g");
    expect(text).toContain("nothing else about you is kept on our servers");
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("cache-control")).toBe("no-store");

    const json = (await (
      await get("/__tact/profile", { headers: { ...cookie, accept: "application/json" } })
    ).json()) as {
      profile: Record<string, unknown>;
    };
    expect(json.profile).toMatchObject({ visits: 1, recentlyViewed: ["p07"], ordersCompleted: 0 });
    expect(Object.keys(json.profile["categoryAffinities"] as object).sort()).toEqual(["coffee-tea", "garden"]);
  });
});

describe("/__tact/forget", () => {
  it("forgets with one POST and stops profiling until the shopper opts back in with a new id", async () => {
    const shopper = new Shopper();
    await shopper.visit("/products/p01");
    const oldId = shopper.payload()["id"];
    expect((await (await get("/__tact/forget")).text()).match(/<button/g)).toHaveLength(1);

    const forgotten = await get("/__tact/forget", {
      method: "POST",
      headers: { ...SAME_ORIGIN, cookie: `__Host-tact=${shopper.cookie}` },
    });
    expect(forgotten.status).toBe(303);
    expect(forgotten.headers.getSetCookie()[0]).toMatch(
      /^__Host-tact=out; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/,
    );
    shopper.cookie = "out";

    for (const path of ["/", "/products/p02", "/category/garden"]) {
      const { response, html } = await shopper.visit(path);
      expect(tactCookie(response)).toBeUndefined();
      // Only items related to the page itself: nothing on the home page.
      if (path === "/") expect(blocks(html)).toEqual([]);
    }
    expect(shopper.cookie).toBe("out");
    expect(blocks((await shopper.visit("/products/p02")).html).length).toBe(1);

    const prefs = await (await get("/__tact/prefs", { headers: { cookie: "__Host-tact=out" } })).text();
    expect(prefs).toContain('name="optIn" value="1"');
    expect((await postJson("/__tact/prefs", { favourites: ["home"] }, "out")).status).toBe(409);
    const back = await postJson("/__tact/prefs", { favourites: ["home"], optIn: true }, "out");
    const renewed = decodeJwt(tactCookie(back)!);
    expect(renewed["id"]).not.toBe(oldId);
    expect(renewed).toMatchObject({ vis: 0, pf: ["home"] });
    expect(renewed["rv"]).toBeUndefined();
  });

  it("shows nothing at all to forgotten shoppers when the shop says so", async () => {
    await withPrivacy({ withoutProfile: "nothing" });
    const shopper = new Shopper("out");
    expect(blocks((await shopper.visit("/products/p02")).html)).toEqual([]);
  });
});

describe("signals and consent", () => {
  it("treats Sec-GPC: 1 as an opt-out: no cookie created or updated, contextual items only", async () => {
    const fresh = await get("/products/p01", { headers: { "sec-gpc": "1" } });
    expect(tactCookie(fresh)).toBeUndefined();
    expect(blocks(await fresh.text())).toHaveLength(1);

    const shopper = new Shopper();
    await shopper.visit("/products/p01");
    const before = shopper.cookie;
    const { response } = await shopper.visit("/products/p02", { "sec-gpc": "1" });
    expect(tactCookie(response)).toBeUndefined();
    expect(shopper.cookie).toBe(before);
    const prefs = await postJson("/__tact/prefs", { favourites: ["home"] }, before, { "sec-gpc": "1" });
    expect(prefs.status).toBe(409);
  });

  it("honours DNT: 1 only when the shop says so", async () => {
    expect(tactCookie(await get("/products/p01", { headers: { dnt: "1" } }))).toBeDefined();
    await withPrivacy({ honorDnt: true });
    expect(tactCookie(await get("/products/p01", { headers: { dnt: "1" } }))).toBeUndefined();
  });

  it("sets no profile cookie until the shop's consent cookie says yes, when consent is required", async () => {
    await withPrivacy({ consent: { mode: "required", cookie: "shop_consent", accept: ["all"] } });
    const without = await get("/products/p01");
    expect(tactCookie(without)).toBeUndefined();
    expect(blocks(await without.text())).toHaveLength(1);
    expect(tactCookie(await get("/products/p01", { headers: { cookie: "shop_consent=necessary" } }))).toBeUndefined();
    const consented = await get("/products/p01", { headers: { cookie: "shop_consent=all" } });
    expect(decodeJwt(tactCookie(consented)!)).toMatchObject({ rv: ["p01"] });
  });
});

describe("key rotation, step by step", () => {
  it("keeps profiles while both keys are held and starts fresh ones once the old key is dropped", async () => {
    const page = "/products/p01";
    const first = tactCookie(await getWithEnv(page, { TACT_KEYS: PREV_KEY }))!;
    const id = decodeJwt(first)["id"];

    const rotated = await getWithEnv(
      page,
      { TACT_KEYS: `${NEXT_KEY},${PREV_KEY}` },
      { headers: { cookie: `__Host-tact=${first}` } },
    );
    expect(decodeJwt(tactCookie(rotated)!)["id"]).toBe(id);

    const dropped = await getWithEnv(page, { TACT_KEYS: NEXT_KEY }, { headers: { cookie: `__Host-tact=${first}` } });
    expect(dropped.status).toBe(200);
    expect(decodeJwt(tactCookie(dropped)!)["id"]).not.toBe(id);
  });
});
