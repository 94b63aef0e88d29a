/**
 * Faults injected around tact: KV that throws, answers late or answers
 * nonsense, and failures inside the runtime APIs tact calls. Whatever happens,
 * the browser gets what the origin meant: never a 5xx of tact's own and never
 * a page cut short. faultsOrigin.test.ts has the origin's side;
 * failOpen.test.ts and passThrough.test.ts have the basic cases.
 */
import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/worker";
import { SHOP, get, originBytes, putCatalog, tactCookie } from "../support/harness";
import { BLOCK, PAGE, faultShop } from "./faultsSupport";

beforeEach(faultShop);

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * The Worker's fetch with bindings changed. Unlike the harness's getWithEnv it
 * does not wait for work left to waitUntil: a KV that never answers may hold
 * that up, but must not hold up the page, which is what is measured here.
 */
async function fetchWithEnv(path: string, overrides: Partial<Record<keyof Env, unknown>>) {
  const started = Date.now();
  const request = new Request(`${SHOP}${path}`, { redirect: "manual" });
  const response = await worker.fetch(request, { ...env, ...overrides } as Env, createExecutionContext());
  const body = await response.text();
  return { response, body, ms: Date.now() - started };
}

/** A KV binding that misbehaves the way `mode` says, on every call. */
function faultyKv(real: KVNamespace, mode: string): KVNamespace {
  const get = (...args: unknown[]): unknown => {
    switch (mode) {
      case "throws":
        throw new Error("KV is down");
      case "rejects":
        return Promise.reject(new Error("KV is down"));
      case "late":
        return new Promise((resolve) => setTimeout(resolve, 3000)).then(() =>
          (real.get as (...a: unknown[]) => unknown)(...args),
        );
      case "never":
        return new Promise(() => {});
      case "null":
        return Promise.resolve(Array.isArray(args[0]) ? new Map() : null);
      case "wrong-type":
        return Promise.resolve(Array.isArray(args[0]) ? { not: "a map" } : { not: "text" });
      case "garbage":
        return Promise.resolve(
          Array.isArray(args[0])
            ? new Map((args[0] as string[]).map((key) => [key, { items: "nope", item: 7 }]))
            : '{"version":1,"rules":"nope"',
        );
      default:
        return (real.get as (...a: unknown[]) => unknown)(...args);
    }
  };
  return { get } as unknown as KVNamespace;
}

const KV_FAULTS = ["throws", "rejects", "late", "never", "null", "wrong-type", "garbage", "fine"];

describe("KV faults", () => {
  it.each(
    KV_FAULTS.filter((mode) => mode !== "fine").flatMap((mode) => [
      ["TACT_RULES", mode],
      ["TACT_CATALOG", mode],
    ]),
  )(
    "%s %s: the page is served whole and in time",
    async (binding, mode) => {
      const real = binding === "TACT_RULES" ? env.TACT_RULES : env.TACT_CATALOG;
      const { response, body, ms } = await fetchWithEnv(PAGE, { [binding]: faultyKv(real, mode) });
      expect(response.status).toBe(200);
      expect(body.replace(BLOCK, "")).toBe(new TextDecoder().decode(await originBytes(PAGE)));
      // A late or silent KV holds the page back at most a slot's deadline (2 s here), never for its own time.
      expect(ms).toBeLessThan(2900);
    },
    15_000,
  );

  it("KV chaos: each read does something else; every page is whole", async () => {
    const original = new TextDecoder().decode(await originBytes(PAGE));
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...KV_FAULTS), fc.constantFrom(...KV_FAULTS), async (rules, catalog) => {
        // A fresh binding object makes tact read the ruleset again, as a new isolate would.
        const { response, body } = await fetchWithEnv(PAGE, {
          TACT_RULES: faultyKv(env.TACT_RULES, rules === "late" || rules === "never" ? "rejects" : rules),
          TACT_CATALOG: faultyKv(env.TACT_CATALOG, catalog === "late" || catalog === "never" ? "null" : catalog),
        });
        expect(response.status).toBe(200);
        expect(body.replace(BLOCK, "")).toBe(original);
      }),
      { numRuns: 40 },
    );
  }, 60_000);
});

describe("failures inside the runtime APIs tact uses", () => {
  const cases: [string, () => void][] = [
    ["signing the cookie fails", () => vi.spyOn(crypto.subtle, "sign").mockRejectedValue(new Error("no HMAC today"))],
    ["verifying a cookie fails", () => vi.spyOn(crypto.subtle, "verify").mockRejectedValue(new Error("no HMAC today"))],
    [
      "randomness fails",
      () =>
        vi.spyOn(crypto, "getRandomValues").mockImplementation(() => {
          throw new Error("no entropy");
        }),
    ],
    [
      "HTMLRewriter refuses to start",
      () =>
        vi.spyOn(HTMLRewriter.prototype, "transform").mockImplementation(() => {
          throw new Error("no rewriter");
        }),
    ],
    [
      "formatting a price fails",
      () =>
        vi.spyOn(Intl, "NumberFormat").mockImplementation(function () {
          throw new RangeError("no locale data");
        }),
    ],
  ];

  it.each(cases)("%s: the page is served whole, never a 5xx", async (_name, inject) => {
    // A currency no earlier test formatted, so no cached formatter hides the fault.
    await putCatalog({
      popular: {
        items: ["q1", "q2", "q3"].map((id) => ({
          id,
          title: id,
          url: `/products/${id}`,
          image: `/i/${id}.svg`,
          price: 3,
          currency: "CHF",
          category: "home",
        })),
      },
    });
    const cookie = tactCookie(await get(PAGE));
    inject();
    const response = await get(PAGE, { headers: { cookie: `__Host-tact=${cookie}` } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html.replace(BLOCK, "")).toBe(new TextDecoder().decode(await originBytes(PAGE)));
  });
});
