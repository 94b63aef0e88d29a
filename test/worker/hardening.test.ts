/**
 * What a browser, a preview link or a look at the health endpoint could be
 * used for against the shop: preview tokens that last too long, redirects out
 * of the shop, shared caches keeping a personalized page, and health details.
 * (URL matching on requests that cannot be pages: pageRequests.test.ts; the
 * cookie's name and what reaches the origin: cookie.test.ts.)
 */
import fc from "fast-check";
import { SignJWT } from "jose";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { MAX_PREVIEW_SECONDS, signPreview, verifyPreview } from "../../src/edges/cookie/preview";
import { SHOP, get, getWithEnv, putRuleSet, rule, ruleset, standardCatalog, tactCookie } from "../support/harness";
import { quietConsole } from "../support/quietConsole";
import { SAME_ORIGIN } from "../support/sameOrigin";

const SECRET = "a-preview-secret-of-at-least-32-characters";
const HEALTH_TOKEN = "a-health-token-of-at-least-thirty-two-chars";
const now = () => Math.floor(Date.now() / 1000);

beforeEach(async () => {
  quietConsole();
  await standardCatalog();
  await putRuleSet(ruleset([rule({ page: "/__test/*" })]));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("preview tokens: the Worker holds them to 7 days", () => {
  const preview = { rule: "test-rule", variant: "baseline" };
  const sign = (claims: Record<string, unknown>) =>
    new SignJWT({ ...preview, ...claims })
      .setProtectedHeader({ alg: "HS256", typ: "tact-preview" })
      .sign(new TextEncoder().encode(SECRET));

  it.each([
    ["a year from now", () => signPreview(preview, SECRET, 365 * 86_400, now()), "too-long"],
    ["8 days from now", () => signPreview(preview, SECRET, 8 * 86_400, now()), "too-long"],
    ["issued long ago, with a year's span", () => sign({ iat: now() - 300 * 86_400, exp: now() + 86_400 }), "too-long"],
    ["without an issue time", () => sign({ exp: now() + 3600 }), "invalid"],
  ])("refuses a token valid until %s", async (_name, make, reason) => {
    expect(await verifyPreview(await make(), SECRET, now())).toEqual({ ok: false, reason });
  });

  it("accepts one that lasts exactly the limit", async () => {
    const token = await signPreview(preview, SECRET, MAX_PREVIEW_SECONDS, now());
    expect(await verifyPreview(token, SECRET, now())).toMatchObject({ ok: true });
  });

  it("refuses to start a year-long preview, and forces nothing with one already in a cookie", async () => {
    const token = await signPreview(preview, SECRET, 365 * 86_400, now());
    const started = await getWithEnv(
      "/__tact/preview",
      { TACT_PREVIEW_SECRET: SECRET },
      {
        method: "POST",
        body: new URLSearchParams({ token }),
        headers: { ...SAME_ORIGIN, "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      },
    );
    expect(started.status).toBe(400);
    expect(await started.json()).toEqual({
      error: "this preview link lasts longer than the 7 days a preview may; ask for a new one",
    });
    expect(started.headers.getSetCookie()).toEqual([]);
    const page = await getWithEnv(
      "/__test/fixture/slots",
      { TACT_PREVIEW_SECRET: SECRET },
      { headers: { cookie: `tact_preview=${token}` } },
    );
    expect(await page.text()).not.toContain("data-tact-preview");
  });
});

describe("redirects go only to a path of this shop", () => {
  const exit = (referer: string | undefined) =>
    get("/__tact/preview/exit", { method: "POST", headers: { ...SAME_ORIGIN, ...(referer ? { referer } : {}) } });

  it.each([
    [`${SHOP}/category/garden?page=2`, "/category/garden?page=2"],
    [`${SHOP}//evil.example/x`, "/"],
    [`${SHOP}/\\evil.example/x`, "/"],
    [`${SHOP}/\t/evil.example/x`, "/"],
    [`${SHOP}/%2F%2Fevil.example`, "/%2F%2Fevil.example"],
    ["https://evil.example/x", "/"],
    ["http://shop.test/x", "/"],
    ["javascript:alert(1)", "/"],
    ["//evil.example/x", "/"],
    ["http://[not-a-host", "/"],
    [undefined, "/"],
  ])("preview exit with Referer %j goes to %s", async (referer, location) => {
    const response = await exit(referer);
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe(location);
  });

  it("whatever the Referer, the exit lands on this shop", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc.string({ maxLength: 40 }).map((tail) => `${SHOP}/${tail}`),
          fc
            .constantFrom("/", "//", "/\\", "\\\\", "\\/", "/\t/", "/\n/", "///")
            .chain((start) => fc.string({ maxLength: 20 }).map((tail) => `${SHOP}${start}${tail}`)),
        ),
        async (referer) => {
          let response: Response;
          try {
            response = await exit(referer);
          } catch {
            return; // Not a value a Referer header can hold.
          }
          const location = response.headers.get("location") ?? "";
          expect(location).toMatch(/^\/(?![/\\])[^\s\\]*$/);
          expect(new URL(location, SHOP).origin).toBe(SHOP);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("every other redirect of tact's is a fixed path of its own", async () => {
    const forget = await get("/__tact/forget", { method: "POST", headers: SAME_ORIGIN });
    expect(forget.headers.get("location")).toBe("/__tact/forget?done");
    const prefs = await get("/__tact/prefs", {
      method: "POST",
      body: new URLSearchParams({}),
      headers: { ...SAME_ORIGIN, "content-type": "application/x-www-form-urlencoded" },
    });
    expect(prefs.headers.get("location")).toBe("/__tact/prefs?saved");
  });
});

describe("personalized responses keep out of shared caches", () => {
  const SHARED = [
    "cdn-cache-control",
    "cloudflare-cdn-cache-control",
    "surrogate-control",
    "edge-control",
    "x-accel-expires",
    "expires",
    "etag",
    "last-modified",
  ];

  it("drops every shared-cache directive and validator, and says private", async () => {
    const response = await get("/__test/cached");
    expect(await response.text()).toContain("data-tact-rule");
    expect(tactCookie(response)).toBeDefined();
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    for (const name of SHARED) expect(response.headers.get(name), name).toBeNull();
    expect(response.headers.get("vary")).toBe("accept-encoding");
  });

  it("keeps the origin's no-store", async () => {
    const response = await get("/__test/cached?no-store");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
  });

  it("leaves a page it does not personalize as the origin sent it", async () => {
    await putRuleSet(ruleset([rule({ page: "/elsewhere" })]));
    const response = await get("/__test/cached", { headers: { "sec-gpc": "1" } });
    expect(response.headers.get("cache-control")).toBe("public, max-age=600, s-maxage=3600");
    expect(response.headers.get("edge-control")).toBe("cache-maxage=3600s");
  });
});

describe("/__tact/health", () => {
  const health = (overrides: Partial<Record<keyof Env, unknown>>, headers: Record<string, string> = {}) =>
    getWithEnv("/__tact/health", overrides, { headers });

  it("tells anyone only ok, or not ok", async () => {
    const ok = await health({});
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe("ok");
    expect(ok.headers.get("cache-control")).toBe("no-store");

    await putRuleSet("{ not json");
    const broken = await health({ TACT_HEALTH_TOKEN: HEALTH_TOKEN }, { authorization: "Bearer wrong" });
    expect(broken.status).toBe(503);
    expect(await broken.text()).toBe("not ok");
  });

  it("gives the details to the bearer of TACT_HEALTH_TOKEN, compared in constant time", async () => {
    const compare = vi.spyOn(crypto.subtle, "timingSafeEqual");
    const response = await health({ TACT_HEALTH_TOKEN: HEALTH_TOKEN }, { authorization: `Bearer ${HEALTH_TOKEN}` });
    expect(compare).toHaveBeenCalled();
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      ok: true,
      ruleset: { ok: true, rules: 1, skipped: [] },
      keys: { ok: true, kids: ["next", "prev"], development: false },
      origin: "ok",
    });
  });

  it("gives the details of what is wrong", async () => {
    await putRuleSet(ruleset([rule({ page: "/p/:x((?:a|aa)+b)" })]));
    const response = await health({ TACT_HEALTH_TOKEN: HEALTH_TOKEN }, { authorization: `Bearer ${HEALTH_TOKEN}` });
    const details = (await response.json()) as { ruleset: { skipped: string[] } };
    expect(details.ruleset.skipped).toEqual([expect.stringMatching(/^rules\[0\]\.page: /)]);
  });

  it.each([
    ["no token", {}, {}],
    ["a wrong token", { TACT_HEALTH_TOKEN: HEALTH_TOKEN }, { authorization: `Bearer ${HEALTH_TOKEN}x` }],
    ["the token in another scheme", { TACT_HEALTH_TOKEN: HEALTH_TOKEN }, { authorization: `Basic ${HEALTH_TOKEN}` }],
    ["a token secret too short to be one", { TACT_HEALTH_TOKEN: "short" }, { authorization: "Bearer short" }],
    ["an empty token secret", { TACT_HEALTH_TOKEN: "" }, { authorization: "Bearer " }],
  ])("keeps the details from %s", async (_name, overrides, headers) => {
    const response = await health(overrides, headers);
    expect(await response.text()).toBe("ok");
  });

  it("gives the details on a loopback host, for local development", async () => {
    const response = await getWithEnv("http://localhost:8787/__tact/health", {});
    expect(await response.json()).toMatchObject({ ok: true, keys: { ok: true } });
  });
});
