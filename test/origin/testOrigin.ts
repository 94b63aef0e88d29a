/**
 * The origin behind tact in tests. It runs in Node (Miniflare's outbound
 * service receives every fetch the Worker makes) and answers like the demo
 * shop, plus a few pages made to probe tact under /__test/:
 *
 *   /__test/status/<code>     that status, HTML body (3xx with a Location)
 *   /__test/json              a JSON document
 *   /__test/echo              the request's method and body, as text/plain
 *                             (and the URL it was sent to, in x-seen-url)
 *   /__test/fixture/<name>    a fixed HTML document from test/fixtures/
 *   /__test/product/<id>      the "slots" fixture, standing for a product page
 *   /__test/held/<id>         HTML whose first chunk comes at once; the rest
 *                             only after /__test/release/<id> is fetched
 */
import { readFileSync } from "node:fs";
import { demoApp } from "../../demo/app.ts";
import { HELD_FIRST_CHUNK, HELD_REST } from "../support/heldPage.ts";

const encoder = new TextEncoder();
const held = new Map<string, () => void>();

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
        headers: { "content-type": "text/plain", "x-origin": "yes", "x-seen-url": request.url },
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
    default:
      return new Response("no such test page", { status: 404 });
  }
}
