import { SignJWT, base64url, decodeJwt, decodeProtectedHeader } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import {
  SHOP,
  get,
  getWithEnv,
  putRuleSet,
  rule,
  ruleset,
  standardCatalog,
  tactCookie,
  withTactCookie,
} from "../support/harness";
import { NEXT_KEY, PREV_KEY } from "../support/testKeys";

const PAGE = "/__test/product/p1";

function secretOf(entry: string): Uint8Array {
  return base64url.decode(entry.slice(entry.indexOf(":") + 1));
}

const now = () => Math.floor(Date.now() / 1000);

function claims(id = "AAAAAAAAAAAAAAAAAAAAAA") {
  return { v: 1, id, vis: 3, fs: now() - 86_400, ls: now() - 60, rv: ["p7"] };
}

/** A token made the way tact makes one, with any part of it changed. */
function token(
  options: { kid?: string; key?: Uint8Array; alg?: string; iat?: number; exp?: number; payload?: object } = {},
) {
  const iat = options.iat ?? now() - 60;
  return new SignJWT({ ...(options.payload ?? claims()) })
    .setProtectedHeader({ alg: options.alg ?? "HS256", kid: options.kid ?? "next" })
    .setIssuedAt(iat)
    .setExpirationTime(options.exp ?? iat + 86_400)
    .sign(options.key ?? secretOf(NEXT_KEY));
}

function withCookie(value: string): RequestInit {
  return { headers: withTactCookie(value, "other=1") };
}

afterEach(() => {
  vi.restoreAllMocks();
});

beforeEach(async () => {
  await standardCatalog();
  await putRuleSet(ruleset([rule()]));
});

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

describe("profile cookie: the __Host- name and the migration from `tact`", () => {
  const expiry = "tact=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax";
  const SAME_ORIGIN = { origin: SHOP, "sec-fetch-site": "same-origin" };

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
