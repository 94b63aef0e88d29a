/**
 * Origins that answer any status, compress, honour ranges, upgrade to a
 * WebSocket or break off mid-body: the browser gets what the origin meant,
 * never a 5xx of tact's own, and never a broken origin body passed off as a
 * complete page. faults.test.ts has KV and the runtime APIs.
 */
import { exports } from "cloudflare:workers";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { SHOP, get, originBytes, tactCookie } from "../support/harness";
import { BLOCK, faultShop } from "./faultsSupport";

beforeEach(faultShop);

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * A request whose page should be personalized. On a busy machine tact may miss
 * its start deadline and serve the page untouched, by design; that says
 * nothing about the fault under test, so the request is made again (at most
 * twice) until a block shows.
 */
async function personalized(make: () => Promise<Response>): Promise<{ response: Response; html: string }> {
  for (let attempt = 1; ; attempt++) {
    const response = await make();
    const html = await response.text();
    if (attempt === 3 || html.includes("data-tact-rule")) return { response, html };
  }
}

/** Reads a body to its end, or says how it failed and what came before. */
async function drain(response: Response): Promise<{ text: string; error?: unknown }> {
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let text = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { text };
      text += value;
    }
  } catch (error) {
    return { text, error };
  }
}

describe("origin answers", () => {
  const STATUSES = [
    200, 201, 202, 203, 204, 206, 226, 300, 301, 302, 303, 304, 307, 308, 400, 401, 403, 404, 405, 409, 410, 418, 429,
    451, 500, 501, 502, 503, 504, 599,
  ];
  const METHODS = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS"];

  it("any status, any method, with or without Range: passed through as the origin sent it", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...STATUSES),
        fc.constantFrom(...METHODS),
        fc.boolean(),
        async (status, method, ranged) => {
          const init = (): RequestInit => ({
            method,
            redirect: "manual",
            headers: ranged ? { range: "bytes=0-99" } : {},
            ...(method === "GET" || method === "HEAD" ? {} : { body: "a=1" }),
          });
          const path = `/__test/status/${status}`;
          const rewritable = method === "GET" && status === 200 && !ranged;
          const around = await fetch(`${SHOP}${path}`, init());
          const originBody = await around.text();
          const { response: through, html: body } = rewritable
            ? await personalized(() => get(path, init()))
            : { response: await get(path, init()), html: "" };
          expect(through.status).toBe(around.status);
          expect(through.headers.get("location")).toBe(around.headers.get("location"));
          if (rewritable) {
            expect(body.replace(BLOCK, "")).toBe(originBody);
            expect(body).toMatch(BLOCK);
            expect(tactCookie(through)).toBeDefined();
          } else {
            expect(await through.text()).toBe(originBody);
            expect(through.headers.get("x-origin")).toBe("yes");
            expect(tactCookie(through)).toBeUndefined();
          }
        },
      ),
      { numRuns: 80 },
    );
  }, 60_000);

  it("304 Not Modified passes through with its validators and no cookie", async () => {
    const response = await get("/__test/conditional", { headers: { "if-none-match": '"c1"' } });
    expect(response.status).toBe(304);
    expect(response.headers.get("etag")).toBe('"c1"');
    expect(response.headers.get("cache-control")).toBe("public, max-age=60");
    expect(tactCookie(response)).toBeUndefined();
    expect(await response.text()).toBe("");
  });

  it("the same page asked for without a validator is personalized, and loses the ETag its body no longer has", async () => {
    const { response, html } = await personalized(() => get("/__test/conditional"));
    expect(response.status).toBe(200);
    expect(html).toMatch(BLOCK);
    expect(response.headers.get("etag")).toBeNull();
    expect(response.headers.get("cache-control")).toBe("private, no-cache");
    expect(tactCookie(response)).toBeDefined();
  });

  it("a 206 answer to a Range request passes through byte for byte", async () => {
    const response = await get("/__test/ranged/unicode.html", { headers: { range: "bytes=10-99" } });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toMatch(/^bytes 10-99\/\d+$/);
    const whole = await originBytes("/__test/html/unicode.html");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(whole.slice(10, 100));
    expect(tactCookie(response)).toBeUndefined();
  });

  it.each(["gzip", "br"])(
    "a %s body is personalized and goes out uncompressed, for the edge to compress",
    async (coding) => {
      const { response, html } = await personalized(() => get(`/__test/encoded/${coding}/repeated-slot.html`));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBeNull();
      expect(html).toMatch(BLOCK);
      expect(html.replace(BLOCK, "")).toBe(
        new TextDecoder().decode(await originBytes("/__test/html/repeated-slot.html")),
      );
    },
  );

  it.each(["deflate", "zstd", "x-gzip", "GZIP", "gzip, identity"])(
    "a body still encoded as %j (the runtime decodes only gzip and br) passes through untouched",
    async (coding) => {
      const path = `/__test/encoded/${encodeURIComponent(coding)}/repeated-slot.html`;
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-encoding")).toBe(coding);
      expect(tactCookie(response)).toBeUndefined();
      expect(response.headers.get("cache-control")).toBeNull();
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(await originBytes(path));
    },
  );

  it.each([
    ["a page", "/__test/fixture/slots", {}],
    ["an asset", "/images/p01.svg", { headers: { "sec-fetch-dest": "image" } }],
    ["a POST", "/__test/echo", { method: "POST", body: "a=1" }],
  ])("an origin that cannot be reached (%s): a plain 502, logged, never an exception", async (_name, path, init) => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new Error("Network connection lost."));
    const response = await get(path, init);
    expect(response.status).toBe(502);
    expect(await response.text()).toBe("tact could not reach the storefront\n");
    expect(tactCookie(response)).toBeUndefined();
    const lines = errors.mock.calls.map((call) => String(call[0]));
    expect(lines.some((line) => line.includes('"event":"origin.unreachable"'))).toBe(true);
  });

  it("a WebSocket upgrade goes through to the origin and back, untouched", async () => {
    const response = await exports.default.fetch(
      new Request(`${SHOP}/__test/ws`, { headers: { upgrade: "websocket", "sec-websocket-version": "13" } }),
    );
    expect(response.status).toBe(101);
    expect(tactCookie(response)).toBeUndefined();
    const socket = response.webSocket!;
    socket.accept();
    const echoed = new Promise<string>((resolve) =>
      socket.addEventListener("message", (event) => resolve(String(event.data))),
    );
    socket.send("ciao");
    expect(await echoed).toBe("echo:ciao");
    socket.close();
  });
});

describe("an origin that breaks off mid-body", () => {
  it.each([
    ["a personalized page", "/__test/cut/html"],
    ["a page past a tag too big to rewrite", "/__test/cut/html-oversized"],
    ["a non-HTML asset", "/__test/cut/binary"],
  ])("%s: the browser sees the break, not a complete page", async (_name, path) => {
    // Read until the break; again (at most twice) if tact missed its start deadline and never rewrote.
    for (let attempt = 1; attempt <= 3; attempt++) {
      const response = await get(path);
      expect(response.status).toBe(200);
      const { text, error } = await drain(response);
      expect(error).toBeDefined();
      expect(text).not.toContain("</html>");
      if (path === "/__test/cut/binary" || BLOCK.test(text) || attempt === 3) {
        if (path !== "/__test/cut/binary") expect(text).toMatch(BLOCK);
        return;
      }
    }
  });
});
