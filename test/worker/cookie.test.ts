import { base64url, decodeJwt, decodeProtectedHeader } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { get, getWithEnv, tactCookie } from "../support/harness";
import { PREV_KEY } from "../support/testKeys";
import { PAGE, claims, now, oneRuleShop, secretOf, token, withCookie } from "./cookieTokens";

afterEach(() => {
  vi.restoreAllMocks();
});

beforeEach(oneRuleShop);

describe("a cookie is written only when it changed", () => {
  /** A page with no block and nothing to learn from. */
  const QUIET = "/__test/status/200";
  /** The cookie after a first product view, as the browser now holds it. */
  async function browsing(): Promise<string> {
    return tactCookie(await get(PAGE))!;
  }

  it("a page that teaches nothing within a visit sends no Set-Cookie", async () => {
    const cookie = await browsing();
    const response = await get(QUIET, withCookie(cookie));
    expect(response.status).toBe(200);
    expect(tactCookie(response)).toBeUndefined();
  });

  it("a page that teaches something writes one", async () => {
    const cookie = await browsing();
    const next = tactCookie(await get("/__test/product/p2", withCookie(cookie)));
    expect(next).toBeDefined();
    expect(decodeJwt(next!).rv).toEqual(["p2", "p1"]);
  });

  it("the expiry is pushed back once a day: a cookie signed over a day ago is sent again", async () => {
    const iat = now() - 86_400 - 60;
    const payload = { ...claims(), ls: now() - (now() % 600), rv: ["p1"] };
    const old = await token({ iat, exp: iat + 180 * 86_400, payload });
    const again = tactCookie(await get(QUIET, withCookie(old)));
    expect(again).toBeDefined();
    expect(decodeJwt(again!)).toMatchObject({ id: payload.id, rv: ["p1"] });
    expect(decodeJwt(again!).iat).toBeGreaterThan(iat);
  });

  it("the first view of a new visit writes one", async () => {
    const payload = { ...claims(), ls: now() - 3 * 3600 };
    const response = await get(QUIET, withCookie(await token({ payload })));
    expect(decodeJwt(tactCookie(response)!).vis).toBe(4);
  });
});

describe("profile cookie", () => {
  it("is set on a first visit with safe attributes and a signed, anonymous payload", async () => {
    const response = await get(PAGE);
    const line = response.headers.getSetCookie().find((l) => l.startsWith("__Host-tact="));
    expect(line).toMatch(/^__Host-tact=[^;]+; Max-Age=15552000; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const value = tactCookie(response)!;
    expect(decodeProtectedHeader(value)).toEqual({ alg: "HS256", kid: "next" });
    const payload = decodeJwt(value);
    expect(payload).toMatchObject({ v: 1, vis: 1, rv: ["p1"] });
    expect(payload.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(value.length).toBeLessThan(400);
  });

  it("round-trips: the next page view keeps the id and adds to what was seen", async () => {
    const first = tactCookie(await get(PAGE))!;
    const second = tactCookie(await get("/__test/product/p2", withCookie(first)))!;
    const [a, b] = [decodeJwt(first), decodeJwt(second)];
    expect(b.id).toBe(a.id);
    expect(b.fs).toBe(a.fs);
    expect(b.vis).toBe(1);
    expect(b.rv).toEqual(["p2", "p1"]);
  });

  it("counts a new visit after 30 minutes away", async () => {
    const stale = await token({ payload: { ...claims(), ls: now() - 31 * 60 } });
    const payload = decodeJwt(tactCookie(await get(PAGE, withCookie(stale)))!);
    expect(payload.id).toBe("AAAAAAAAAAAAAAAAAAAAAA");
    expect(payload.vis).toBe(4);
  });

  it("accepts a cookie signed with the previous key and re-signs it with the newest", async () => {
    const old = await token({ kid: "prev", key: secretOf(PREV_KEY) });
    const renewed = tactCookie(await get(PAGE, withCookie(old)))!;
    expect(decodeJwt(renewed).id).toBe("AAAAAAAAAAAAAAAAAAAAAA");
    expect(decodeProtectedHeader(renewed).kid).toBe("next");
  });

  const bad: [string, () => Promise<string>][] = [
    ["malformed", async () => "not-a-token"],
    ["bad base64", async () => "e30.!!!.abc"],
    [
      "tampered",
      async () => {
        const [header, , signature] = (await token()).split(".");
        const forged = base64url.encode(
          JSON.stringify({ ...claims("BBBBBBBBBBBBBBBBBBBBBB"), iat: now(), exp: now() + 99 }),
        );
        return [header, forged, signature].join(".");
      },
    ],
    ["expired", async () => token({ iat: now() - 7200, exp: now() - 3600 })],
    ["issued in the future", async () => token({ iat: now() + 3600, exp: now() + 7200 })],
    ["signed with an unknown kid", async () => token({ kid: "gone" })],
    ["signed with a key tact does not hold", async () => token({ key: new Uint8Array(32).fill(7) })],
    [
      "alg none",
      async () =>
        `${base64url.encode('{"alg":"none","kid":"next"}')}.${base64url.encode(JSON.stringify({ ...claims(), iat: now(), exp: now() + 99 }))}.`,
    ],
    ["HS512", async () => token({ alg: "HS512", key: new Uint8Array(64).fill(1) })],
    ["oversized", async () => `${await token()}${"A".repeat(4100)}`],
    ["a valid signature over an invalid payload", async () => token({ payload: { v: 1, id: "short", vis: -1 } })],
  ];

  it.each(bad)("%s: gives the page and a fresh profile", async (_name, make) => {
    const response = await get(PAGE, withCookie(await make()));
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("data-tact-rule");
    const fresh = decodeJwt(tactCookie(response)!);
    expect(fresh.id).not.toBe("AAAAAAAAAAAAAAAAAAAAAA");
    expect(fresh.id).not.toBe("BBBBBBBBBBBBBBBBBBBBBB");
    expect(fresh.vis).toBe(1);
    expect(fresh.rv).toEqual(["p1"]);
  });

  it("is plain `tact`, without Secure, only on plain-http loopback", async () => {
    const response = await getWithEnv(`http://localhost:8787${PAGE}`, {});
    expect(response.headers.getSetCookie()).toEqual([
      expect.stringMatching(/^tact=[^;]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Lax$/),
    ]);
  });

  it("takes its lifetime from COOKIE_MAX_AGE_DAYS, and refuses more than 400 days", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const thirty = await getWithEnv(PAGE, { COOKIE_MAX_AGE_DAYS: "30" });
    expect(thirty.headers.getSetCookie().join()).toContain("Max-Age=2592000");
    const tooLong = await getWithEnv(PAGE, { COOKIE_MAX_AGE_DAYS: "401" });
    expect(tooLong.headers.getSetCookie().join()).toContain("Max-Age=15552000");
    expect(errors.mock.calls.join()).toContain('"event":"config.invalid-var","var":"COOKIE_MAX_AGE_DAYS"');
  });
});
