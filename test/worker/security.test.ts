/**
 * Security properties across many requests: secrets never leave the Worker
 * (no response, no log line), cookie values are never logged, tact's own
 * pages carry their protective headers whatever the outcome, and signatures
 * are checked by WebCrypto (constant-time HMAC verification). State-changing
 * POSTs from another site: crossSitePosts.test.ts.
 */
import { env } from "cloudflare:workers";
import { base64url } from "jose";
import { type MockInstance, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEV_KEYS } from "../../src/edges/cookie/keyRing";
import { SHOP, Shopper, get, getWithEnv, seedDemo, tactCookie } from "../support/harness";
import { TEST_KEYS } from "../support/testKeys";
import { quietConsole } from "../support/quietConsole";

const LOG_METHODS = ["log", "info", "warn", "error", "debug"] as const;
let logSpies: MockInstance[] = [];

/** Everything logged so far, one string per call. */
const loggedLines = () => logSpies.flatMap((spy) => spy.mock.calls.map((call) => call.map(String).join(" ")));

beforeEach(async () => {
  logSpies = quietConsole(LOG_METHODS);
  await seedDemo();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** A base64url secret as it would be configured, and the same bytes as text. */
function spellings(secret: string): string[] {
  const bytes = base64url.decode(secret);
  return [secret, String.fromCharCode(...bytes), new TextDecoder().decode(bytes)].filter((s) => s.length >= 12);
}

/** The secrets a deployment holds here: every TACT_KEYS secret, and the preview secret if set. */
function configuredSecrets(keys: string): string[] {
  const secrets = keys.split(",").flatMap((entry) => spellings(entry.slice(entry.indexOf(":") + 1).trim()));
  const preview = (env as { TACT_PREVIEW_SECRET?: string }).TACT_PREVIEW_SECRET;
  return [keys, ...secrets, ...(preview ? [preview] : [])];
}

async function everything(response: Response): Promise<string> {
  const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
  return `${response.status}\n${headers}\n\n${await response.text()}`;
}

describe("secrets", () => {
  it("never appear in a response or a log line, and cookie values are never logged", async () => {
    const seen: string[] = [];
    const cookies = new Set<string>();
    const keep = async (response: Response) => {
      const value = tactCookie(response);
      if (value && value !== "out") cookies.add(value);
      seen.push(await everything(response));
    };

    const shopper = new Shopper();
    for (const path of ["/", "/products/p01", "/category/garden", "/products/p07", "/checkout/complete"]) {
      const { response, html } = await shopper.visit(path);
      const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join("\n");
      seen.push(`${headers}\n\n${html}`);
    }
    cookies.add(shopper.cookie!);
    const [h, p, s] = shopper.cookie!.split(".");
    const hostile = [
      "garbage",
      `${h}.${p}.${s}x`,
      `${h}.${base64url.encode('{"v":1}')}.${s}`,
      `${base64url.encode('{"alg":"none"}')}.${p}.`,
      `${shopper.cookie}${"A".repeat(5000)}`,
    ];
    for (const value of hostile) {
      cookies.add(value);
      await keep(await get("/products/p02", { headers: { cookie: `__Host-tact=${value}` } }));
    }
    await keep(await get("/", { headers: { "sec-gpc": "1", cookie: `__Host-tact=${shopper.cookie}` } }));
    const same = { origin: SHOP, "sec-fetch-site": "same-origin" };
    const asShopper = { cookie: `__Host-tact=${shopper.cookie}` };
    for (const [path, init] of [
      ["/__tact/health", {}],
      ["/__tact/prefs", { headers: asShopper }],
      ["/__tact/prefs", { headers: { ...asShopper, accept: "application/json" } }],
      ["/__tact/profile", { headers: asShopper }],
      ["/__tact/profile", { headers: { ...asShopper, accept: "application/json" } }],
      ["/__tact/forget", {}],
      ["/__tact/tact.css", {}],
      ["/__tact/nope", {}],
      ["/__tact/preview?token=not-a-token", {}],
      [
        "/__tact/prefs",
        {
          method: "POST",
          body: '{"favourites":["garden"]}',
          headers: { ...same, ...asShopper, "content-type": "application/json" },
        },
      ],
      ["/__tact/prefs", { method: "POST", body: "{", headers: { ...same, "content-type": "application/json" } }],
      ["/__tact/prefs", { method: "POST", body: "x".repeat(9000), headers: { ...same, "content-type": "text/plain" } }],
      ["/__tact/forget", { method: "POST", headers: { ...same, ...asShopper } }],
      [
        "/__tact/forget",
        {
          method: "POST",
          headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
        },
      ],
    ] as [string, RequestInit][]) {
      await keep(await get(path, init));
    }

    // Deployments with broken keys: every error names the entry, never the secret in it.
    const secret = base64url.encode(crypto.getRandomValues(new Uint8Array(40)));
    const brokenKeys = [
      `k1:${secret}`,
      `k1:${secret.slice(0, 20)}`,
      `${secret}`,
      `k1:${secret}!`,
      `k1:${secret},k1:${secret}`,
      `k1:${secret},${DEV_KEYS}`,
    ];
    for (const keys of brokenKeys) {
      await keep(await getWithEnv("/products/p03", { TACT_KEYS: keys }));
      await keep(await getWithEnv("/__tact/health", { TACT_KEYS: keys }));
    }

    const secrets = [...configuredSecrets(TEST_KEYS), ...spellings(secret)];
    const lines = loggedLines();
    expect(lines.length).toBeGreaterThan(0);
    for (const text of [...seen, ...lines]) {
      for (const s of secrets) expect(text.includes(s), `a secret in: ${text.slice(0, 200)}`).toBe(false);
    }
    for (const line of lines) {
      for (const value of cookies) expect(line.includes(value), `a cookie value in: ${line.slice(0, 200)}`).toBe(false);
    }
  }, 30_000);
});

describe("headers on tact's own pages", () => {
  const requests: [string, string, RequestInit][] = [
    ["health", "/__tact/health", {}],
    ["preferences page", "/__tact/prefs", {}],
    ["preferences as JSON", "/__tact/prefs", { headers: { accept: "application/json" } }],
    ["what we hold", "/__tact/profile", {}],
    ["forget me", "/__tact/forget", {}],
    ["stylesheet", "/__tact/tact.css", {}],
    ["unknown endpoint (404)", "/__tact/nope", {}],
    ["bad preview link (400)", "/__tact/preview?token=x", {}],
    [
      "saved preferences (303)",
      "/__tact/prefs",
      {
        method: "POST",
        body: "c-garden=more",
        headers: { origin: SHOP, "content-type": "application/x-www-form-urlencoded" },
      },
    ],
    [
      "bad JSON (400)",
      "/__tact/prefs",
      { method: "POST", body: "{", headers: { origin: SHOP, "content-type": "application/json" } },
    ],
    [
      "cross-site post (403)",
      "/__tact/forget",
      { method: "POST", headers: { origin: "https://evil.example", "content-type": "text/plain" } },
    ],
    [
      "oversized body (413)",
      "/__tact/prefs",
      { method: "POST", body: "x".repeat(9000), headers: { origin: SHOP, "content-type": "text/plain" } },
    ],
    ["forgotten (303)", "/__tact/forget", { method: "POST", headers: { origin: SHOP } }],
  ];

  it.each(requests)(
    "%s: no-store, nosniff, a CSP that runs no script and allows no framing",
    async (_name, path, init) => {
      const response = await get(path, init);
      expect(response.status).toBeLessThan(500);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      const csp = response.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/script-src|unsafe-inline|unsafe-eval/);
      expect(response.headers.get("referrer-policy")).toBe("same-origin");
    },
  );
});

describe("token comparison", () => {
  it("cookie signatures are checked with WebCrypto's HMAC verify, which compares in constant time", async () => {
    const shopper = new Shopper();
    await shopper.visit("/products/p01");
    const verify = vi.spyOn(crypto.subtle, "verify");
    await shopper.visit("/products/p02");
    expect(verify).toHaveBeenCalled();
    expect(verify.mock.calls.every(([algorithm]) => JSON.stringify(algorithm).includes("HMAC"))).toBe(true);
  });
});
