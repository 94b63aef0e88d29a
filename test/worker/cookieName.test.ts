import { decodeJwt } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { get, getWithEnv, tactCookie } from "../support/harness";
import { PAGE, claims, now, oneRuleShop, token, withCookie } from "./cookieTokens";
import { SAME_ORIGIN } from "../support/sameOrigin";

beforeEach(oneRuleShop);

describe("profile cookie: the __Host- name and the migration from `tact`", () => {
  const expiry = "tact=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax";

  it("reads the old `tact` cookie once on https: the profile is kept under the new name, the old one expired", async () => {
    const old = await token();
    const response = await get(PAGE, { headers: { cookie: `other=1; tact=${old}` } });
    expect(decodeJwt(tactCookie(response)!)["id"]).toBe(decodeJwt(old)["id"]);
    expect(response.headers.getSetCookie()).toContain(expiry);
  });

  it("moves even a profile this page does not change to the new name", async () => {
    const payload = { ...claims(), ls: now() - (now() % 600) };
    const old = await token({ payload });
    const response = await get("/__test/status/200", { headers: { cookie: `tact=${old}` } });
    expect(decodeJwt(tactCookie(response)!)).toMatchObject({ id: payload.id, ls: payload.ls });
    expect(response.headers.getSetCookie()).toContain(expiry);
    // Under its new name the same profile is not written again.
    const moved = await get("/__test/status/200", { headers: { cookie: `__Host-tact=${tactCookie(response)}` } });
    expect(tactCookie(moved)).toBeUndefined();
  });

  it("prefers __Host-tact when both are sent, and expires the old one", async () => {
    const current = await token({ payload: claims("BBBBBBBBBBBBBBBBBBBBBB") });
    const response = await get(PAGE, { headers: { cookie: `tact=${await token()}; __Host-tact=${current}` } });
    expect(decodeJwt(tactCookie(response)!)["id"]).toBe("BBBBBBBBBBBBBBBBBBBBBB");
    expect(response.headers.getSetCookie()).toContain(expiry);
  });

  it("sends no expiry once the old cookie is gone", async () => {
    const response = await get(PAGE, withCookie(await token()));
    expect(tactCookie(response)).toBeDefined();
    expect(response.headers.getSetCookie().filter((line) => line.startsWith("tact="))).toEqual([]);
  });

  it("keeps plain `tact` on http://localhost, with nothing to migrate", async () => {
    const old = await token();
    const response = await getWithEnv(`http://localhost:8787${PAGE}`, {}, { headers: { cookie: `tact=${old}` } });
    const lines = response.headers.getSetCookie();
    expect(lines).toHaveLength(1);
    expect(decodeJwt(lines[0]!.slice(5).split(";")[0]!)["id"]).toBe(decodeJwt(old)["id"]);
  });

  it("forget writes the marker under the new name and expires the old cookie", async () => {
    const response = await get("/__tact/forget", {
      method: "POST",
      headers: { ...SAME_ORIGIN, cookie: `tact=${await token()}` },
    });
    expect(response.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^__Host-tact=out; Max-Age=\d+; Path=\/; HttpOnly; Secure; SameSite=Lax$/),
      expiry,
    ]);
  });

  it("saving preferences moves the profile to the new name", async () => {
    const old = await token();
    const response = await get("/__tact/prefs", {
      method: "POST",
      body: JSON.stringify({ favourites: [] }),
      headers: { ...SAME_ORIGIN, "content-type": "application/json", cookie: `tact=${old}` },
    });
    expect(response.status).toBe(200);
    expect(decodeJwt(tactCookie(response)!)["id"]).toBe(decodeJwt(old)["id"]);
    expect(response.headers.getSetCookie()).toContain(expiry);
  });

  it("a shopper who opted out under the old name stays opted out: no profile is started", async () => {
    const response = await get(PAGE, { headers: { cookie: "tact=out" } });
    expect(response.headers.getSetCookie()).toEqual([]);
    const prefs = await get("/__tact/prefs", { headers: { cookie: "tact=out", accept: "application/json" } });
    expect(await prefs.json()).toMatchObject({ state: "opted-out" });
  });
});

describe("the origin never sees tact's cookies", () => {
  const seen = async (cookie: string | undefined) =>
    (await get("/__test/echo", cookie === undefined ? {} : { headers: { cookie } })).headers.get("x-seen-cookie");

  it.each([
    ["a=1; __Host-tact=x; tact=y; tact_preview=z; b=2", "a=1; b=2"],
    ["__Host-tact=x", "(none)"],
    ["tact=y;tact_preview=z", "(none)"],
    ["session=abc;cart=1", "session=abc;cart=1"],
    ["tactical=1; tact_other=2; __Host-tact2=3", "tactical=1; tact_other=2; __Host-tact2=3"],
    ["a=1;  __Host-tact =x ; b=2", "a=1; b=2"],
  ])("Cookie: %s reaches the origin as %s", async (cookie, expected) => {
    expect(await seen(cookie)).toBe(expected);
  });

  it("sends no Cookie header when there was none", async () => {
    expect(await seen(undefined)).toBe("(none)");
  });

  it("strips them from page requests too, with ORIGIN_URL set or not", async () => {
    const echo = await getWithEnv(
      "/__test/echo",
      { ORIGIN_URL: "https://origin.shop.test" },
      { headers: { cookie: "__Host-tact=x; keep=1" } },
    );
    expect(echo.headers.get("x-seen-url")).toBe("https://origin.shop.test/__test/echo");
    expect(echo.headers.get("x-seen-cookie")).toBe("keep=1");
  });
});
