/**
 * The origin behind tact in tests. It runs in Node (Miniflare's outbound
 * service receives every fetch the Worker makes) and answers like the demo
 * shop, plus a few pages made to probe tact under /__test/:
 *
 *   /__test/status/<code>     that status, HTML body (3xx with a Location)
 *   /__test/json              a JSON document
 *   /__test/echo              the request's method and body, as text/plain
 *                             (and the URL it was sent to, in x-seen-url, and
 *                             its Cookie header, in x-seen-cookie)
 *   /__test/cached            the "slots" fixture with every shared-cache
 *                             directive and validator an origin may send
 *                             (?no-store: Cache-Control: no-store instead)
 *   /__test/fixture/<name>    a fixed HTML document from test/fixtures/
 *   /__test/product/<id>      the "slots" fixture, standing for a product page
 *   /__test/held/<id>         HTML whose first chunk comes at once; the rest
 *                             only after /__test/release/<id> is fetched
 *
 * and, for hostile input and faults (test/worker/hostile*, faults*; made in
 * hostilePages.ts):
 *
 *   /__test/html/<name>       a document from test/fixtures/html/, as stored
 *   /__test/stage/<id>        PUT: keeps the body as the page /__test/staged/<id>
 *   /__test/staged/<id>       that page, sent as the query says (delivery.ts:
 *                             chunked, uneven, with a length, gzip or br, held)
 *   /__test/corpus/<name>     a real page from test/fixtures/corpus/shops/, in
 *                             its own bytes, sent the same ways
 *   /__test/encoded/<coding>/<name>  a test/fixtures/html/ document sent with
 *                             that Content-Encoding (gzip, x-gzip, deflate, br,
 *                             identity; zstd is labelled only)
 *   /__test/cut/<kind>        the start of a body, then the connection breaks
 *                             (html, html-oversized, binary)
 *   /__test/ranged/<name>     a test/fixtures/html/ document honouring Range (206)
 *   /__test/conditional       304 when If-None-Match matches its ETag
 *   /__test/shared/<id>       a page a shared cache may keep (sharedPage.ts):
 *                             its version in the body and ETag, 304 to a
 *                             matching If-None-Match, headers from the query;
 *                             /__test/shared-bump/<id> makes a new version,
 *                             /__test/shared-hits/<id> says how often it was asked
 *   /__test/ws                a WebSocket that echoes what it receives
 *
 * Every test/fixtures/html/ route takes ?type=<content-type> to override the
 * text/html; charset=utf-8 it is sent with.
 */
import { readFileSync } from "node:fs";
import { demoApp } from "../../demo/app.ts";
import { HELD_FIRST_CHUNK, HELD_REST } from "../support/heldPage.ts";
import { HTML_TYPE, deliver, held } from "./delivery.ts";
import {
  conditionalPage,
  cutPage,
  encodedPage,
  htmlFixture,
  rangedPage,
  staged,
  typeOf,
  webSocketEcho,
} from "./hostilePages.ts";
import { bumpShared, sharedHits, sharedPage } from "./sharedPage.ts";
import { analyticsEngine } from "./analyticsEngine.ts";

const encoder = new TextEncoder();

function heldPage(id: string): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(HELD_FIRST_CHUNK));
      held.set(id, () => {
        controller.enqueue(encoder.encode(HELD_REST));
        controller.close();
      });
    },
  });
  return new Response(body, { headers: { "content-type": "text/html; charset=utf-8" } });
}

function statusPage(code: number): Response {
  const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", "x-origin": "yes" };
  if (code >= 300 && code < 400) headers["location"] = "/elsewhere";
  const body =
    code === 204 || code === 304
      ? null
      : `<!doctype html><html><body><div class="product-extras"></div>${code}</body></html>`;
  return new Response(body, { status: code, headers });
}

export async function testOrigin(request: Request): Promise<Response> {
  const url = new URL(request.url);
  if (url.hostname === "api.cloudflare.com") return analyticsEngine(request);
  const [, prefix, kind, arg] = url.pathname.split("/");
  if (prefix !== "__test") return demoApp.fetch(request);
  switch (kind) {
    case "status":
      return statusPage(Number(arg));
    case "json":
      return Response.json({ hello: "world" }, { headers: { etag: '"j1"' } });
    case "echo":
      return new Response(`${request.method} ${await request.text()}`, {
        status: 201,
        headers: {
          "content-type": "text/plain",
          "x-origin": "yes",
          "x-seen-url": request.url,
          "x-seen-cookie": request.headers.get("cookie") ?? "(none)",
        },
      });
    case "cached":
      return new Response(readFileSync(new URL("../fixtures/slots.html", import.meta.url)), {
        headers: {
          "content-type": HTML_TYPE,
          "cache-control": url.searchParams.has("no-store") ? "no-store" : "public, max-age=600, s-maxage=3600",
          "cdn-cache-control": "max-age=3600",
          "cloudflare-cdn-cache-control": "max-age=3600",
          "surrogate-control": "max-age=3600",
          "edge-control": "cache-maxage=3600s",
          "x-accel-expires": "3600",
          expires: "Thu, 01 Jan 2099 00:00:00 GMT",
          etag: '"shared"',
          "last-modified": "Mon, 01 Jan 2024 00:00:00 GMT",
          vary: "accept-encoding",
        },
      });
    case "fixture":
    case "product": {
      const name = kind === "product" ? "slots" : arg;
      const html = readFileSync(new URL(`../fixtures/${name}.html`, import.meta.url));
      return new Response(html, {
        headers: {
          "content-type": "text/html; charset=utf-8",
          etag: '"f1"',
          "content-length": String(html.byteLength),
        },
      });
    }
    case "held":
      return heldPage(arg ?? "");
    case "release":
      held.get(arg ?? "")?.();
      held.delete(arg ?? "");
      return new Response("released");
    case "html":
      return new Response(htmlFixture(arg ?? ""), { headers: { "content-type": typeOf(url), "x-origin": "yes" } });
    case "stage":
      staged.set(arg ?? "", new Uint8Array(await request.arrayBuffer()));
      return new Response("staged");
    case "staged": {
      const bytes = staged.get(arg ?? "");
      if (!bytes) return new Response("nothing staged", { status: 404 });
      return deliver(bytes, url);
    }
    case "corpus":
      return deliver(htmlFixture(arg ?? "", "corpus/shops"), url);
    case "encoded":
      return encodedPage(decodeURIComponent(arg ?? ""), url.pathname.split("/")[4] ?? "");
    case "cut":
      return cutPage(arg ?? "");
    case "ranged":
      return rangedPage(request, arg ?? "");
    case "conditional":
      return conditionalPage(request);
    case "shared":
      return sharedPage(request, arg ?? "");
    case "shared-bump":
      return bumpShared(arg ?? "");
    case "shared-hits":
      return sharedHits(arg ?? "");
    case "ws":
      return webSocketEcho(request);
    default:
      return new Response("no such test page", { status: 404 });
  }
}
