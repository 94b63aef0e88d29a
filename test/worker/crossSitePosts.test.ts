/**
 * State-changing POSTs from another site are refused, whatever their content
 * type: hono's csrf() looks only at form content types, so tact also refuses
 * any POST whose Origin or Sec-Fetch-Site says another site.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SHOP, get, seedDemo, tactCookie } from "../support/harness";
import { quietConsole } from "../support/quietConsole";

beforeEach(async () => {
  quietConsole(["log", "info", "warn", "error", "debug"]);
  await seedDemo();
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("cross-site POSTs", () => {
  const ENDPOINTS = ["/__tact/prefs", "/__tact/forget", "/__tact/preview", "/__tact/preview/exit", "/__tact/nope"];
  const TYPES = [
    undefined,
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "text/plain",
    "TEXT/PLAIN;charset=UTF-8",
    "application/json",
    "application/json; charset=utf-8",
    "application/octet-stream",
  ];
  const ORIGINS = [
    undefined,
    SHOP,
    "https://evil.example",
    "null",
    "http://shop.test",
    "https://shop.test:8443",
    "https://sub.shop.test",
    "https://shop.test.evil.example",
  ];
  const SITES = [undefined, "same-origin", "same-site", "cross-site", "none"];

  it("are refused, whatever the content type, when Origin or Sec-Fetch-Site says another site", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ENDPOINTS),
        fc.constantFrom(...TYPES),
        fc.constantFrom(...ORIGINS),
        fc.constantFrom(...SITES),
        async (path, type, origin, site) => {
          const headers: Record<string, string> = {};
          if (type) headers["content-type"] = type;
          if (origin) headers["origin"] = origin;
          if (site) headers["sec-fetch-site"] = site;
          const body = type?.startsWith("application/json") ? '{"favourites":[]}' : "c-garden=more&token=x";
          const response = await get(path, { method: "POST", body, headers });

          const elsewhere = (origin !== undefined && origin !== SHOP) || (site !== undefined && site !== "same-origin");
          const formLike =
            type === undefined || /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i.test(type);
          const vouched = origin === SHOP || site === "same-origin";
          if (elsewhere || (formLike && !vouched)) {
            expect(response.status).toBe(403);
            expect(tactCookie(response)).toBeUndefined();
            expect(response.headers.getSetCookie()).toEqual([]);
          } else {
            expect(response.status).not.toBe(403);
            expect(response.status).toBeLessThan(500);
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);
});
