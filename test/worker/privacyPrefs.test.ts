import { decodeJwt } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { Shopper, blocks, demoCategory, get, seedDemo, tactCookie } from "../support/harness";
import { SAME_ORIGIN, postJson } from "../support/sameOrigin";

const itemsOn = async (shopper: Shopper, path: string) =>
  blocks((await shopper.visit(path)).html).flatMap((b) => b.items);

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
