import { decodeJwt } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import demoRuleSet from "../../kv-seed/ruleset.json";
import {
  SHOP,
  Shopper,
  blocks,
  demoCategory,
  get,
  getWithEnv,
  putRuleSet,
  seedDemo,
  tactCookie,
} from "../support/harness";
import { NEXT_KEY, PREV_KEY } from "../support/testKeys";

const SAME_ORIGIN = { origin: SHOP, "sec-fetch-site": "same-origin" };

function postJson(path: string, body: unknown, cookie?: string, headers: Record<string, string> = {}) {
  return get(path, {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: {
      ...SAME_ORIGIN,
      "content-type": "application/json",
      accept: "application/json",
      ...(cookie ? { cookie: `__Host-tact=${cookie}` } : {}),
      ...headers,
    },
  });
}

const itemsOn = async (shopper: Shopper, path: string) =>
  blocks((await shopper.visit(path)).html).flatMap((b) => b.items);

async function withPrivacy(privacy: Record<string, unknown>): Promise<void> {
  await putRuleSet({ ...demoRuleSet, settings: { ...demoRuleSet.settings, learningWaitMs: 200, privacy } });
}

beforeEach(async () => {
  await seedDemo();
});

describe("/__tact/prefs", () => {
  it("lists the categories a shopper may choose, never a sensitive one", async () => {
    const response = await get("/__tact/prefs", { headers: { accept: "application/json" } });
    const body = (await response.json()) as { categories: { slug: string }[]; state: string };
    expect(body.state).toBe("profile");
    expect(body.categories.map((c) => c.slug).sort()).toEqual([
      "beauty",
      "coffee-tea",
      "garden",
      "home",
      "kitchen",
      "stationery",
    ]);
    expect(response.headers.get("cache-control")).toBe("no-store");
  });

  it("saves preferences that the next page already follows: favourites appear, avoided never do", async () => {
    const shopper = new Shopper();
    await shopper.visit("/products/p01");
    const response = await postJson(
      "/__tact/prefs",
      { favourites: ["garden"], avoided: ["kitchen", "coffee-tea"] },
      shopper.cookie,
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      favourites: ["garden"],
      avoided: ["kitchen", "coffee-tea"],
      birthday: null,
    });
    shopper.cookie = tactCookie(response);
    expect(decodeJwt(shopper.cookie!)).toMatchObject({ pf: ["garden"], pa: ["kitchen", "coffee-tea"], rv: ["p01"] });

    const home = await itemsOn(shopper, "/");
    expect(home.some((id) => demoCategory.get(id) === "garden")).toBe(true);
    for (const path of ["/", "/products/p02", "/category/home", "/products/p19", "/checkout/complete"]) {
      const shown = await itemsOn(shopper, path);
      expect(shown.filter((id) => ["kitchen", "coffee-tea"].includes(demoCategory.get(id) ?? ""))).toEqual([]);
    }
  });

  it("works as a plain form without JavaScript", async () => {
    const page = await (await get("/__tact/prefs")).text();
    expect(page).toContain('<input type="radio" name="c-garden" value="more"');
    expect(page).not.toContain("c-pharmacy");
    expect(page).not.toContain("<script");
    const response = await get("/__tact/prefs", {
      method: "POST",
      body: "c-garden=more&c-beauty=less&c-home=neutral",
      headers: { ...SAME_ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/__tact/prefs?saved");
    expect(decodeJwt(tactCookie(response)!)).toMatchObject({ pf: ["garden"], pa: ["beauty"] });
  });

  it.each([
    ["an unknown category", 400, { favourites: ["jewellery"] }, '"jewellery" is not a category that can be chosen'],
    ["a sensitive category", 400, { favourites: ["pharmacy"] }, '"pharmacy" is not a category that can be chosen'],
    ["a category both liked and avoided", 400, { favourites: ["home"], avoided: ["home"] }, "cannot be both"],
    ["a wrong type", 400, { favourites: "home" }, "favourites: Invalid type"],
    ["malformed JSON", 400, "{ favourites: [", "not valid JSON"],
    ["an oversized body", 413, { favourites: ["home"], pad: "x".repeat(9000) }, "larger than 8192 bytes"],
  ])("answers %s with a clear %i", async (_name, status, body, message) => {
    const response = await postJson("/__tact/prefs", body);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toContain(message);
    expect(tactCookie(response)).toBeUndefined();
  });

  it("refuses a cross-site form post", async () => {
    const response = await get("/__tact/prefs", {
      method: "POST",
      body: "c-garden=more",
      headers: {
        origin: "https://evil.example",
        "sec-fetch-site": "cross-site",
        "content-type": "application/x-www-form-urlencoded",
      },
    });
    expect(response.status).toBe(403);
    expect(tactCookie(response)).toBeUndefined();
  });

  it("changes nothing on GET", async () => {
    const response = await get("/__tact/prefs?favourites=garden");
    expect(response.status).toBe(200);
    expect(tactCookie(response)).toBeUndefined();
  });
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
