/**
 * Contender "cached pass-through" (the edge cache's bench): a Worker that
 * answers from the Cache API when it holds the page, and otherwise forwards
 * to ORIGIN_URL and keeps what the origin lets a shared cache keep. The least
 * a Worker serving a cached page can cost: no rewriting, no cookie, no rules.
 */
import { forward } from "./forward";

export default {
  async fetch(request: Request, env: { ORIGIN_URL: string }, ctx: ExecutionContext): Promise<Response> {
    const key = new Request(request.url);
    const hit = await caches.default.match(key);
    if (hit) return hit;
    const response = await forward(request, env.ORIGIN_URL);
    if (response.status === 200 && /s-maxage|max-age/.test(response.headers.get("cache-control") ?? "")) {
      ctx.waitUntil(caches.default.put(key, response.clone()));
    }
    return response;
  },
} satisfies ExportedHandler<{ ORIGIN_URL: string }>;
