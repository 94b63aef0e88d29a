import { env } from "cloudflare:workers";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { get, getWithEnv, putRuleSet, rule, ruleset, standardCatalog, tactCookie } from "../support/harness";

// Every rule here targets every /__test page, so anything left untouched is
// left untouched because of what the request or response is.
beforeEach(async () => {
  await standardCatalog();
  await putRuleSet(ruleset([rule({ page: "/__test/*", slot: { selector: ".product-extras", position: "append" } })]));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("pass-through", () => {
  it.each([301, 302, 303, 307, 308])("passes a %i redirect back to the browser", async (status) => {
    const response = await get(`/__test/status/${status}`);
    expect(response.status).toBe(status);
    expect(response.headers.get("location")).toBe("/elsewhere");
    expect(tactCookie(response)).toBeUndefined();
  });

  it.each([404, 410, 500, 503])("passes a %i page through untouched", async (status) => {
    const response = await get(`/__test/status/${status}`);
    expect(response.status).toBe(status);
    expect(response.headers.get("x-origin")).toBe("yes");
    expect(await response.text()).toBe(
      `<!doctype html><html><body><div class="product-extras"></div>${status}</body></html>`,
    );
    expect(tactCookie(response)).toBeUndefined();
  });

  it("passes non-HTML through with its headers", async () => {
    const response = await get("/__test/json");
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("etag")).toBe('"j1"');
    expect(await response.json()).toEqual({ hello: "world" });
    expect(tactCookie(response)).toBeUndefined();
  });

  it("forwards other methods with their body and returns the origin's answer", async () => {
    const response = await get("/__test/echo", { method: "POST", body: "a=1&b=2" });
    expect(response.status).toBe(201);
    expect(await response.text()).toBe("POST a=1&b=2");
    expect(tactCookie(response)).toBeUndefined();
  });

  it("re-addresses requests to ORIGIN_URL, keeping path and query", async () => {
    const response = await getWithEnv(
      "/__test/echo?q=1",
      { ORIGIN_URL: "http://origin.internal:8080" },
      { method: "PUT", body: "x" },
    );
    expect(response.headers.get("x-seen-url")).toBe("http://origin.internal:8080/__test/echo?q=1");
    expect(await response.text()).toBe("PUT x");
  });

  it("answers 502 with the reason when ORIGIN_URL is not a URL", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = await getWithEnv("/", { ORIGIN_URL: "origin.internal" });
    expect(response.status).toBe(502);
    expect(await response.text()).toContain('ORIGIN_URL "origin.internal" is not an http(s) URL');
  });

  it("answers HEAD exactly as the origin does", async () => {
    const response = await get("/__test/fixture/slots", { method: "HEAD" });
    expect(response.status).toBe(200);
    expect(response.headers.get("etag")).toBe('"f1"');
    expect(tactCookie(response)).toBeUndefined();
    expect(await response.text()).toBe("");
  });

  it("passes a range request through", async () => {
    const response = await get("/__test/fixture/slots", { headers: { range: "bytes=0-10" } });
    expect(response.headers.get("etag")).toBe('"f1"');
    expect(tactCookie(response)).toBeUndefined();
  });

  it("leaves a page no rule targets and the settings do not map byte for byte as it was", async () => {
    await putRuleSet(ruleset([rule({ page: "/somewhere-else" })]));
    const response = await get("/__test/fixture/slots");
    const bytes = new Uint8Array(await response.arrayBuffer());
    const original = new Uint8Array(await (await fetch("https://shop.test/__test/fixture/slots")).arrayBuffer());
    expect(bytes).toEqual(original);
    expect(response.headers.get("etag")).toBe('"f1"');
    expect(response.headers.get("cache-control")).toBeNull();
    expect(tactCookie(response)).toBeUndefined();
  });

  it("serves /__tact/health without touching the origin", async () => {
    const response = await get("/__tact/health");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("ok");
    expect(env.ORIGIN_URL).toBe("");
  });
});
