/**
 * The test origin's pages for hostile input and faults (test/worker/hostile*,
 * faults*): fixtures as stored or compressed here, bodies that break off,
 * Range and If-None-Match honoured, a WebSocket echo. testOrigin.ts routes
 * to them.
 */
import { readFileSync } from "node:fs";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { Response as MiniflareResponse, WebSocketPair } from "miniflare";
import { HTML_TYPE } from "./delivery.ts";

const encoder = new TextEncoder();

/** Bytes as a body (an ArrayBuffer-backed copy, which is what BodyInit takes). */
type Bytes = Uint8Array<ArrayBuffer>;
const bytesOf = (data: Uint8Array): Bytes => new Uint8Array(data);

export const staged = new Map<string, Bytes>();

export function htmlFixture(name: string, folder = "html"): Bytes {
  // Names come from tests; keep them to plain file names inside the folder.
  if (!/^[\w.-]+$/.test(name)) throw new Error(`bad fixture name ${name}`);
  return bytesOf(readFileSync(new URL(`../fixtures/${folder}/${name}`, import.meta.url)));
}

export function typeOf(url: URL): string {
  return url.searchParams.get("type") ?? HTML_TYPE;
}

/**
 * A page compressed here with Node's zlib. Miniflare compresses a body itself
 * when the type is one Cloudflare would compress, so the type's spelling
 * (case-insensitive for HTTP, exact for Miniflare's list) keeps it from
 * compressing these bytes a second time.
 */
export function encodedPage(coding: string, name: string): Response {
  const html = htmlFixture(name);
  // zstd stands for any coding the runtime does not decode: Node 20 has no zstd.
  const body = /gzip/i.test(coding)
    ? bytesOf(gzipSync(html))
    : /deflate/i.test(coding)
      ? bytesOf(deflateSync(html))
      : /^br$/i.test(coding)
        ? bytesOf(brotliCompressSync(html))
        : html;
  return new Response(body, {
    headers: { "content-type": "Text/HTML; charset=utf-8", "content-encoding": coding, "x-origin": "yes" },
  });
}

/**
 * A body that breaks off: the origin promised more than it sends. Miniflare
 * ends a body that errors as if it were complete, so the break is made where
 * the runtime reads the wire: the gzip stream stops half-way, and inflating it
 * fails in the middle of the body, as a reset connection does.
 */
export function cutPage(kind: string): Response {
  // Text that does not compress away, so half the gzip stream is about half the page.
  let seed = 7;
  const noise = (length: number) =>
    Array.from({ length }, () => String.fromCharCode(97 + ((seed = (seed * 48271) % 2147483647) % 26))).join("");
  const tail = Array.from({ length: 2000 }, () => `<p>${noise(60)}</p>`).join("");
  // "html-oversized": a tag too big for HTMLRewriter comes first, so tact has stopped rewriting before the break.
  const big = kind === "html-oversized" ? `<img alt="${"a".repeat(1_500_000)}">` : "";
  const whole =
    kind === "binary"
      ? new Uint8Array(64 * 1024).map((_, i) => (i * 7919) % 251)
      : encoder.encode(
          `<!doctype html><html lang="it"><head><title>Cut</title></head><body><main><h1>Cut</h1><div class="product-extras"></div>${big}${tail}</main></body></html>`,
        );
  const compressed = bytesOf(gzipSync(whole));
  return new Response(compressed.slice(0, Math.floor(compressed.byteLength / 2)), {
    headers: {
      "content-type": kind === "binary" ? "application/x-test-binary" : "Text/HTML; charset=utf-8",
      "content-encoding": "gzip",
    },
  });
}

export function rangedPage(request: Request, name: string): Response {
  const html = htmlFixture(name);
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.get("range") ?? "");
  const headers = { "content-type": HTML_TYPE, etag: '"r1"', "accept-ranges": "bytes" };
  if (!range) return new Response(html, { headers });
  const start = Number(range[1]);
  const end = Math.min(range[2] ? Number(range[2]) : html.byteLength - 1, html.byteLength - 1);
  return new Response(html.slice(start, end + 1), {
    status: 206,
    headers: { ...headers, "content-range": `bytes ${start}-${end}/${html.byteLength}` },
  });
}

export function conditionalPage(request: Request): Response {
  const headers = { etag: '"c1"', "cache-control": "public, max-age=60", "x-origin": "yes" };
  if (request.headers.get("if-none-match") === '"c1"') return new Response(null, { status: 304, headers });
  return new Response('<!doctype html><html><body><div class="product-extras"></div></body></html>', {
    headers: { ...headers, "content-type": HTML_TYPE },
  });
}

/** An echo WebSocket, made with Miniflare's own Response so the upgrade goes through. */
export function webSocketEcho(request: Request): Response {
  if (request.headers.get("upgrade")?.toLowerCase() !== "websocket") {
    return new Response("expected a WebSocket upgrade", { status: 426 });
  }
  const [client, server] = Object.values(new WebSocketPair());
  server!.accept();
  server!.addEventListener("message", (event) => server!.send(`echo:${String(event.data)}`));
  return new MiniflareResponse(null, { status: 101, webSocket: client! }) as unknown as Response;
}
