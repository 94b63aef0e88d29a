/**
 * Contender "pass-through": forwards every request to ORIGIN_URL and returns
 * the answer untouched. What any Worker in front of a shop costs, before it
 * reads a byte of HTML.
 */
import { forward } from "./forward";

export default {
  fetch(request: Request, env: { ORIGIN_URL: string }): Promise<Response> {
    return forward(request, env.ORIGIN_URL);
  },
} satisfies ExportedHandler<{ ORIGIN_URL: string }>;
