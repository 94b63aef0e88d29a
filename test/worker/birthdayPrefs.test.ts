/**
 * A birthday the shopper gave, stated, shown, removed and forgotten through
 * tact's own pages; never asked of a shopper without a profile.
 */
import { decodeJwt } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import demoRuleSet from "../../kv-seed/ruleset.json";
import { Shopper, blocks, cookieFor, get, putRuleSet, seedDemo, tactCookie } from "../support/harness";
import { SAME_ORIGIN, postJson as send } from "../support/sameOrigin";
import { ESTABLISHED, dayFromToday, homeRules, page, postForm } from "./birthdaySupport";

beforeEach(async () => {
  await seedDemo();
});

describe("stating a birthday", () => {
  it("keeps day and month in the cookie, shows them in words, and removes them on their own", async () => {
    const shopper = new Shopper();
    await shopper.visit("/products/p01");
    const saved = await send("/__tact/prefs/birthday", { birthday: { day: 14, month: 3 } }, shopper.cookie);
    expect(saved.status).toBe(200);
    expect(await saved.json()).toEqual({ birthday: { day: 14, month: 3 } });
    let cookie = tactCookie(saved)!;
    expect(decodeJwt(cookie)).toMatchObject({ bd: [14, 3], rv: ["p01"] });

    const prefs = await (
      await get("/__tact/prefs", { headers: { accept: "application/json", cookie: `__Host-tact=${cookie}` } })
    ).json();
    expect(prefs).toMatchObject({ birthday: { day: 14, month: 3 } });
    const profile = (await (
      await get("/__tact/profile", { headers: { accept: "application/json", cookie: `__Host-tact=${cookie}` } })
    ).json()) as { profile: Record<string, unknown> };
    expect(profile.profile["statedBirthday"]).toEqual({ day: 14, month: 3 });
    expect(await page("/__tact/profile", cookie, "en")).toMatch(
      /The birthday you told us[^<]*<\/dt>\s*<dd>\s*14 March/,
    );
    expect(await page("/__tact/profile", cookie, "it")).toMatch(
      /Il compleanno che ci hai detto[^<]*<\/dt>\s*<dd>\s*14 marzo/,
    );
    expect(await page("/__tact/prefs", cookie, "en")).toMatch(/<option value="14" selected/);

    // Preferences saved without naming the birthday keep it.
    const favourites = await send("/__tact/prefs", { favourites: ["garden"] }, cookie);
    cookie = tactCookie(favourites)!;
    expect(decodeJwt(cookie)).toMatchObject({ bd: [14, 3], pf: ["garden"] });

    // Removed from the profile page, the rest stays.
    const removed = await postForm("/__tact/prefs/birthday", { remove: "1", back: "profile" }, cookie);
    expect(removed.status).toBe(303);
    expect(removed.headers.get("location")).toBe("/__tact/profile?birthday=removed");
    cookie = tactCookie(removed)!;
    expect(decodeJwt(cookie)["bd"]).toBeUndefined();
    expect(decodeJwt(cookie)).toMatchObject({ pf: ["garden"], rv: ["p01"] });
    expect(await page("/__tact/profile", cookie, "en")).toMatch(
      /The birthday you told us[^<]*<\/dt>\s*<dd>\s*not given/,
    );
  });

  it("takes the no-script form, and DELETE from the shop's own interface", async () => {
    const form = await postForm("/__tact/prefs/birthday", { day: "29", month: "2" });
    expect(form.status).toBe(303);
    expect(form.headers.get("location")).toBe("/__tact/prefs?birthday=saved");
    const cookie = tactCookie(form)!;
    expect(decodeJwt(cookie)).toMatchObject({ bd: [29, 2] });
    expect(await page("/__tact/profile", cookie, "en")).toContain("29 February");
    const deleted = await send("/__tact/prefs/birthday", undefined, cookie, {}, "DELETE");
    expect(deleted.status).toBe(200);
    expect(decodeJwt(tactCookie(deleted)!)["bd"]).toBeUndefined();
  });

  it.each([
    [{ birthday: { day: 31, month: 4 } }, "is not a day of that month"],
    [{ birthday: { day: 14, month: 3, year: 1990 } }, "year"],
    [{ birthday: "14/03" }, "birthday"],
  ])("refuses %j with a 400", async (body, says) => {
    const response = await send("/__tact/prefs/birthday", body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toContain(says);
    expect(tactCookie(response)).toBeUndefined();
  });

  it("refuses a form with a day and no month", async () => {
    const response = await postForm("/__tact/prefs/birthday", { day: "3", month: "" });
    expect(response.status).toBe(400);
  });

  it("starts afresh from a cookie whose birthday is not a day of the year", async () => {
    const forged = await cookieFor({ vis: 3, bd: [31, 4] });
    const profile = (await (
      await get("/__tact/profile", { headers: { accept: "application/json", cookie: `__Host-tact=${forged}` } })
    ).json()) as { profile: unknown };
    expect(profile.profile).toBeNull();
  });

  it("reads a cookie written before birthdays could be stated", async () => {
    const old = await cookieFor({ vis: 3, pf: ["home"] });
    const profile = (await (
      await get("/__tact/profile", { headers: { accept: "application/json", cookie: `__Host-tact=${old}` } })
    ).json()) as { profile: Record<string, unknown> };
    expect(profile.profile).toMatchObject({ visits: 3, favouriteCategories: ["home"], statedBirthday: null });
  });
});

describe("never asked of a shopper without a profile", () => {
  it("after Forget me: the birthday is erased, not offered, and refused", async () => {
    const cookie = await cookieFor({ ...ESTABLISHED, bd: dayFromToday(0) });
    const forget = await get("/__tact/forget", {
      method: "POST",
      headers: { ...SAME_ORIGIN, cookie: `__Host-tact=${cookie}` },
    });
    expect(forget.headers.getSetCookie()[0]).toMatch(/^__Host-tact=out;/);
    expect(await page("/__tact/prefs", "out", "en")).not.toContain("Your birthday");
    expect((await send("/__tact/prefs/birthday", { birthday: { day: 1, month: 5 } }, "out")).status).toBe(409);
    const optIn = await send("/__tact/prefs", { favourites: [], optIn: true, birthday: { day: 1, month: 5 } }, "out");
    expect(optIn.status).toBe(409);
    expect(
      blocks((await new Shopper("out").visit("/", { "accept-language": "it" })).html).map((b) => b.rule),
    ).not.toContain("home-birthday-it");
  });

  it("with Global Privacy Control: not offered, refused, and no birthday block", async () => {
    expect(await page("/__tact/prefs", undefined, "en", { "sec-gpc": "1" })).not.toContain("Your birthday");
    const refused = await send("/__tact/prefs/birthday", { birthday: { day: 1, month: 5 } }, undefined, {
      "sec-gpc": "1",
    });
    expect(refused.status).toBe(409);
    expect(tactCookie(refused)).toBeUndefined();
    const claims = { ...ESTABLISHED, bd: dayFromToday(0) };
    expect(await homeRules(claims, "it", { "sec-gpc": "1" })).not.toContain("home-birthday-it");
  });

  it("without consent where it is required: not offered, refused", async () => {
    await putRuleSet({
      ...demoRuleSet,
      settings: { ...demoRuleSet.settings, privacy: { consent: { mode: "required" } } },
    });
    expect(await page("/__tact/prefs", undefined, "it")).not.toContain("Il tuo compleanno");
    expect((await postForm("/__tact/prefs/birthday", { day: "1", month: "5" })).status).toBe(409);
  });

  it("refuses a cross-site DELETE", async () => {
    const cookie = await cookieFor({ bd: [1, 5] });
    const response = await send(
      "/__tact/prefs/birthday",
      undefined,
      cookie,
      { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
      "DELETE",
    );
    expect(response.status).toBe(403);
    expect(tactCookie(response)).toBeUndefined();
  });
});
