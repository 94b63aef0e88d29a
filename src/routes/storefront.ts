/**
 * Every request that is not for /__tact/*: forward to the origin and, when the
 * answer is an HTML page the ruleset cares about, personalize it on the way
 * back. Whatever goes wrong inside tact, the origin's response is served as is.
 */
import type { Context } from "hono";
import { readVars } from "../config/vars";
import { describeError, log } from "../log";
import { personalizeResponse } from "../personalize/personalizeResponse";
import { layGroundwork, preparePage } from "../personalize/preparePage";
import { withDeadline } from "../personalize/withDeadline";
import { fetchOrigin } from "../proxy/fetchOrigin";
import { isRewritable } from "../proxy/isRewritable";

/**
 * How long, once the origin's headers are in, a page may wait for the ruleset
 * and keys. Both are normally ready first (they start with the origin request
 * and are cached in the isolate); past this the page is served untouched
 * rather than held back.
 */
const PREPARE_DEADLINE_MS = 50;

export async function serveStorefront(c: Context<{ Bindings: Env }>): Promise<Response> {
  const request = c.req.raw;
  const vars = readVars(c.env);
  if (vars.originError) {
    log.error("config.origin-url", { reason: vars.originError });
    return new Response(`tact cannot reach the storefront: ${vars.originError}\n`, { status: 502 });
  }
  const origin = fetchOrigin(request, vars.originUrl);
  if (request.method !== "GET") return origin;

  const groundwork = layGroundwork(c, vars).catch((error: unknown) => {
    log.error("page.groundwork-failed", { error: describeError(error) });
    return undefined;
  });
  const response = await origin;
  if (!isRewritable(request, response)) return response;
  try {
    const ready = await withDeadline(groundwork, PREPARE_DEADLINE_MS);
    const plan = ready && (await preparePage(c, vars, ready));
    if (!plan) return response;
    return personalizeResponse(response, plan, c.env.TACT_CATALOG);
  } catch (error) {
    log.error("page.personalize-failed", { error: describeError(error) });
    return response;
  }
}
