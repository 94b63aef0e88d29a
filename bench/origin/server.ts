/**
 * The bench origin: a Node HTTP server on 127.0.0.1 serving the bench pages
 * from memory. It runs in its own process so that it never competes with the
 * load generator for an event loop. Prints `{"port": n}` once listening.
 *
 *   /, /products/p01          the page at once, with Content-Length
 *   /category/kitchen         the first 16 KB at once, the rest in 20 chunks over one second
 *   /products/p02             the first 2.8 KB at once, the rest a second later
 *   /products/p03             the whole page after 300 ms, cacheable (public, s-maxage=600)
 *   /api/features/<key>       GrowthBook's features payload (for the SDK's API host)
 *   /__bench/stats            how many requests each path has had, as JSON
 */
import { type ServerResponse, createServer } from "node:http";
import { GROWTHBOOK_PAYLOAD } from "../workers/growthbookPayload";
import { type BenchPage, buildPages, madePage } from "./benchPages";

const pages = new Map([...Object.values(buildPages()), madePage()].map((page) => [page.path, page]));
const counts = new Map<string, number>();
const payload = JSON.stringify(GROWTHBOOK_PAYLOAD);

const HTML_HEADERS = {
  "content-type": "text/html; charset=utf-8",
  "cache-control": "public, max-age=60",
  "x-origin": "bench",
};

function send(page: BenchPage, response: ServerResponse): void {
  const { stream } = page;
  if (page.makeMs) {
    const timer = setTimeout(() => send({ ...page, makeMs: 0 }, response), page.makeMs);
    response.on("close", () => clearTimeout(timer));
    return;
  }
  const headers = page.cacheControl ? { ...HTML_HEADERS, "cache-control": page.cacheControl } : HTML_HEADERS;
  if (!stream) {
    response.writeHead(200, { ...headers, "content-length": page.body.length });
    response.end(page.body);
    return;
  }
  response.writeHead(200, HTML_HEADERS);
  response.write(page.body.subarray(0, stream.firstChunkBytes));
  const rest = page.body.subarray(stream.firstChunkBytes);
  const size = Math.ceil(rest.length / stream.chunks);
  let sent = 0;
  const timer = setInterval(() => {
    const chunk = rest.subarray(sent * size, (sent + 1) * size);
    sent += 1;
    if (sent >= stream.chunks) {
      clearInterval(timer);
      response.end(chunk);
    } else {
      response.write(chunk);
    }
  }, stream.spreadMs / stream.chunks);
  response.on("close", () => clearInterval(timer));
}

const server = createServer((request, response) => {
  const path = new URL(request.url ?? "/", "http://origin").pathname;
  counts.set(path, (counts.get(path) ?? 0) + 1);
  const page = pages.get(path);
  if (page && (request.method === "GET" || request.method === "HEAD")) return send(page, response);
  if (path.startsWith("/api/features/")) {
    response.writeHead(200, { "content-type": "application/json" });
    return void response.end(payload);
  }
  if (path === "/__bench/stats") {
    response.writeHead(200, { "content-type": "application/json" });
    return void response.end(JSON.stringify(Object.fromEntries(counts)));
  }
  response.writeHead(404, { "content-type": "text/plain" });
  response.end("not found\n");
});

server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the origin has no TCP address");
  process.stdout.write(`${JSON.stringify({ port: address.port })}\n`);
});
process.on("SIGTERM", () => process.exit(0));
// The runner holds our stdin open; when it goes away, for whatever reason, so do we.
process.stdin.on("end", () => process.exit(0));
process.stdin.resume();
