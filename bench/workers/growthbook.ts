/**
 * Contender "GrowthBook": GrowthBook's edge app for Cloudflare Workers
 * (@growthbook/edge-cloudflare), configured as its example wrangler.toml is
 * (visual experiments run at the edge, sticky bucketing on) with the payload
 * in memory: no KV read and no API call per request, the cheapest way to feed
 * it. Everything else is the package's own request path.
 */
import { type Env, handleRequest } from "@growthbook/edge-cloudflare";
import { GROWTHBOOK_PAYLOAD } from "./growthbookPayload";

export default {
  fetch(request: Request, env: Env): Promise<Response> {
    return handleRequest(request, env, { payload: GROWTHBOOK_PAYLOAD });
  },
} satisfies ExportedHandler<Env>;
