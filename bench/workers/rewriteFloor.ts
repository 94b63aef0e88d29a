/**
 * Contender "rewrite floor": streams the page through HTMLRewriter and appends
 * a fixed block to the page's slot. No cookie, no KV, no decision: the least
 * any streaming personalizer can cost, and the baseline tact is held to.
 */
import { AppendOnce } from "./AppendOnce";
import { slotFor } from "./fixedBlock";
import { forward } from "./forward";

export default {
  async fetch(request: Request, env: { ORIGIN_URL: string }): Promise<Response> {
    const response = await forward(request, env.ORIGIN_URL);
    const selector = slotFor(new URL(request.url).pathname);
    const html = response.headers.get("content-type")?.startsWith("text/html") ?? false;
    if (!selector || !html || response.status !== 200) return response;
    return new HTMLRewriter().on(selector, new AppendOnce()).transform(response);
  },
} satisfies ExportedHandler<{ ORIGIN_URL: string }>;
