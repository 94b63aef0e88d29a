/**
 * Every request that is not for /__tact/*: forward to the origin and, when the
 * answer is an HTML page the ruleset cares about, personalize it on the way
 * back. Whatever goes wrong inside tact, the origin's response is served as is.
 */
import type { Context } from "hono";
import { readVars } from "./vars";
import { describeError, log } from "../log";
import { emitEvents } from "../events/emitEvents";
import { layGroundwork } from "./groundwork";
import { personalizeResponse } from "../../html/personalizeResponse";
import { type OpenPageView, openPageView, planPageView } from "./pageView";
import { withDeadline } from "./withDeadline";
import { isLoopbackHost } from "../cookie/keyRing";
import { legacyCookieExpiry } from "../cookie/profileCookie";
import { fetchOrigin } from "./fetchOrigin";
import { isRewritable, looksLikePageLoad } from "./isRewritable";
import { openEdgeCache, serveThroughCache } from "../cache/edgeCache";

/**
 * How long, once the origin's headers are in, a page may wait for the
 * ruleset, keys and cookie. They start with the origin request and are cached
 * in the isolate, so they are normally ready first; past this the page is
 * served untouched rather than held back.
 */
const START_DEADLINE_MS = 50;

export async function serveStorefront(c: Context<{ Bindings: Env }>): Promise<Response> {
  const request = c.req.raw;
  const vars = readVars(c.env);
  if (vars.originError) {
    log.error("config.origin-url", { reason: vars.originError });
    return new Response(`tact cannot reach the storefront: ${vars.originError}\n`, { status: 502 });
  }
  const toOrigin = (forwarded: Request): Promise<Response> => fetchOrigin(forwarded, vars.originUrl);
  const cached = await openEdgeCache(c, vars, toOrigin);
  // An origin that cannot be reached (connection refused or reset) is a bad
  // gateway, said plainly, rather than an exception the runtime turns into a 500.
  const origin = (cached ? serveThroughCache(cached) : toOrigin(request)).catch((error: unknown) => {
    log.error("origin.unreachable", { error: describeError(error) });
    return new Response("tact could not reach the storefront\n", { status: 502 });
  });
  if (request.method !== "GET") return origin;

  const groundwork = layGroundwork(c, vars);
  const begin = (): Promise<OpenPageView | undefined> =>
    openPageView(c, vars, groundwork).catch((error: unknown) => {
      log.error("page.start-failed", { error: describeError(error) });
      return undefined;
    });
  const early = looksLikePageLoad(request) ? begin() : undefined;
  const response = await origin;
  if (!isRewritable(request, response)) return response;
  try {
    const open = await withDeadline(early ?? begin(), START_DEADLINE_MS);
    if (!open) return response;
    const { url, now } = open.view;
    const local = isLoopbackHost(url.hostname);
    const planned = await planPageView(open, vars.cookieMaxAgeSeconds, local);
    const personalized = await personalizeResponse(response, planned.render);
    const expiry = planned.render.setCookie && legacyCookieExpiry(c, url, local);
    if (expiry) personalized.response.headers.append("set-cookie", expiry);
    const { shopperId } = planned;
    if (shopperId) {
      const events = personalized.exposures.then((exposures) => [...planned.events, ...exposures]);
      c.executionCtx.waitUntil(events.then((all) => emitEvents(c.env, all, shopperId, url.pathname, now)));
    }
    return personalized.response;
  } catch (error) {
    log.error("page.personalize-failed", { error: describeError(error) });
    return response;
  }
}
