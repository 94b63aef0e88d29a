/**
 * The shop's shared HTML kept at the edge (opt-in: settings.edgeCache in the
 * ruleset, and EDGE_CACHE not "off"). A page is looked up under its URL and
 * the headers its Vary names; a fresh copy is served at once, a copy within
 * its stale-while-revalidate window is served while the origin is asked
 * again in the background, an expired copy with a validator is revalidated
 * with a conditional request, and anything else goes to the origin, whose
 * answer is kept when it may be. What is kept is always the origin's page as
 * it came: blocks and cookies are added to each shopper's copy on the way out.
 */
import type CachePolicy from "http-cache-semantics";
import type { Context } from "hono";
import type { CompiledEdgeCache } from "../../core/ruleset/edgeCacheSettings";
import type { Vars } from "../http/vars";
import { currentRuleSet } from "../kv/currentRuleSet";
import { ifSettled } from "../http/withDeadline";
import { isRewritable } from "../http/isRewritable";
import { describeError, log } from "../log";
import { type CacheState, cacheState, purgedSince } from "./CacheState";
import { cacheKey, varyNames } from "./cacheKey";
import { mayUseCache } from "./mayUseCache";
import * as stored from "./storedPage";

/** One request that may use the edge cache. */
export interface CacheVisit {
  readonly request: Request;
  readonly url: URL;
  readonly settings: CompiledEdgeCache;
  readonly state: CacheState;
  readonly fetchOrigin: (request: Request) => Promise<Response>;
  readonly waitUntil: (promise: Promise<unknown>) => void;
}

interface Found {
  readonly copy: Response;
  readonly policy: CachePolicy;
  readonly key: Request;
}

/**
 * The visit, when this request may use the cache and all it needs is at hand
 * already: an isolate that has not read the ruleset or the cache state yet
 * sends the page to the origin rather than wait for KV.
 */
export async function openEdgeCache(
  c: Context<{ Bindings: Env }>,
  vars: Vars,
  fetchOrigin: (request: Request) => Promise<Response>,
): Promise<CacheVisit | undefined> {
  const request = c.req.raw;
  if (!vars.edgeCache || (request.method !== "GET" && request.method !== "HEAD")) return undefined;
  const outcome = await ifSettled(currentRuleSet(c.env, c.executionCtx, vars));
  const settings = outcome?.ok ? outcome.ruleset.edgeCache : undefined;
  const url = new URL(request.url);
  if (!settings || !mayUseCache(request, url, settings)) return undefined;
  const waitUntil = (promise: Promise<unknown>): void => c.executionCtx.waitUntil(promise);
  const state = cacheState(c.env.TACT_RULES, vars.rulesCacheSeconds, waitUntil);
  if (!state) return undefined;
  return { request, url, settings, state, fetchOrigin, waitUntil };
}

export async function serveThroughCache(visit: CacheVisit): Promise<Response> {
  const found = await lookUp(visit);
  if (!found) return keep(visit, await visit.fetchOrigin(visit.request));
  const verdict = found.policy.evaluateRequest(stored.policyRequest(visit.request));
  if (!verdict.response) return revalidate(visit, found);
  if (verdict.revalidation) visit.waitUntil(refreshLater(visit, found));
  return answer(visit, found, verdict.revalidation ? "stale" : "hit");
}

/** Revalidates a stale copy in the background, from a second read of it: the first is the shopper's. */
async function refreshLater(visit: CacheVisit, found: Found): Promise<void> {
  try {
    const copy = await match(found.key);
    if (!copy) return;
    const response = await revalidate(visit, { ...found, copy });
    await response.body?.cancel();
  } catch (error) {
    log.warn("edge-cache.refresh-failed", { path: visit.url.pathname, error: describeError(error) });
  }
}

async function match(key: Request): Promise<Response | undefined> {
  try {
    return await caches.default.match(key);
  } catch (error) {
    log.warn("edge-cache.read-failed", { error: describeError(error) });
    return undefined;
  }
}

/** The stored copy for this request, unless there is none, or it has been purged since. */
async function lookUp(visit: CacheVisit): Promise<Found | undefined> {
  const { url, state, request } = visit;
  let key = cacheKey(url, state.generation);
  let copy = await match(key);
  const index = copy?.headers.get(stored.VARY_INDEX);
  if (copy && index) {
    key = cacheKey(url, state.generation, request, index.split(","));
    copy = await match(key);
  }
  const policy = copy && stored.policyOf(copy);
  if (!copy || !policy || purgedSince(state, url.pathname, stored.storedAt(policy))) {
    await copy?.body?.cancel();
    return undefined;
  }
  return { copy, policy, key };
}

/** Serves a usable copy; ranges and conditional requests are answered by the Cache API itself. */
async function answer(visit: CacheVisit, found: Found, status: string): Promise<Response> {
  const { request } = visit;
  const head = request.method === "HEAD";
  const partial = ["range", "if-none-match", "if-modified-since"].filter((name) => request.headers.has(name));
  if (partial.length === 0) return stored.fromStored(found.copy, found.policy, status, head);
  await found.copy.body?.cancel();
  const headers = Object.fromEntries(partial.map((name) => [name, request.headers.get(name) ?? ""]));
  const copy = await match(new Request(found.key, { headers }));
  if (!copy) return keep(visit, await visit.fetchOrigin(request));
  return stored.fromStored(copy, found.policy, status, head);
}

/** The request tact itself sends to check a copy: the shopper's, without their own conditions or range. */
function conditional(request: Request, policy: CachePolicy): Request {
  const own = new Request(request, { method: "GET" });
  for (const name of ["if-none-match", "if-modified-since", "if-match", "if-unmodified-since", "range", "if-range"]) {
    own.headers.delete(name);
  }
  const headers = policy.revalidationHeaders(stored.policyRequest(own)) as Record<string, string>;
  return new Request(own, { headers });
}

/**
 * Asks the origin whether the copy still holds: a 304 renews it, an error
 * within the copy's stale-if-error window serves it as it is, anything else
 * is the page anew.
 */
async function revalidate(visit: CacheVisit, found: Found): Promise<Response> {
  const origin = await visit.fetchOrigin(conditional(visit.request, found.policy));
  const { policy, modified } = found.policy.revalidatedPolicy(
    stored.policyRequest(visit.request),
    stored.policyResponse(origin, visit.settings.defaultTtlSeconds),
  );
  if (modified || (origin.status !== 304 && origin.status < 500)) {
    await found.copy.body?.cancel();
    return keep(visit, origin);
  }
  await origin.body?.cancel();
  if (origin.status !== 304) return answer(visit, found, "stale");
  const headers = stored.confirmedHeaders(stored.originHeaders(found.copy), origin.headers);
  const renewed = new Response(found.copy.body, { status: 200, headers });
  return keep(visit, renewed, policy, "revalidated");
}

/**
 * The origin's answer for the shopper, and a copy of it kept when it may be:
 * a 200 HTML page, without Set-Cookie, that the origin lets a shared cache
 * keep (or says nothing about, with a default lifetime set), and whose Vary
 * names only headers tact can key on.
 */
function keep(visit: CacheVisit, origin: Response, known?: CachePolicy, status = "miss"): Response {
  const { request, settings } = visit;
  const names = varyNames(origin.headers.get("vary"));
  const keepable =
    names !== undefined &&
    request.method === "GET" &&
    isRewritable(request, origin) &&
    !origin.headers.has("set-cookie") &&
    !origin.headers.has("content-range");
  const policy = keepable ? (known ?? stored.newPolicy(request, origin, settings.defaultTtlSeconds)) : undefined;
  if (!names || !policy?.storable() || policy.timeToLive() <= 0 || !origin.body) return origin;
  const [mine, kept] = origin.body.tee();
  visit.waitUntil(store(visit, names, policy, origin.headers, kept));
  const response = new Response(mine, origin);
  response.headers.set(stored.CACHE_STATUS, status);
  return response;
}

async function store(
  visit: CacheVisit,
  names: readonly string[],
  policy: CachePolicy,
  headers: Headers,
  body: ReadableStream,
): Promise<void> {
  const { url, state, request } = visit;
  try {
    await caches.default.put(cacheKey(url, state.generation, request, names), stored.toStored(headers, body, policy));
    if (names.length > 0) {
      await caches.default.put(cacheKey(url, state.generation), stored.varyIndex(names, policy, headers));
    }
  } catch (error) {
    log.warn("edge-cache.store-failed", { path: url.pathname, error: describeError(error) });
  }
}
