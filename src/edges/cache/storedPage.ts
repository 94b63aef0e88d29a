/**
 * A page as the edge cache keeps it, and as it is served again. The stored
 * copy is the origin's response as it came (its body decoded, as the runtime
 * hands it over), with tact's own notes beside it: the caching policy, and
 * the origin's Cache-Control and Vary, which the stored copy's own headers
 * replace so that the Cache API keeps it as long as tact needs. Served, the
 * copy has the origin's headers back, and an Age.
 */
import CachePolicy from "http-cache-semantics";

const POLICY = "x-tact-cache-policy";
const ORIGIN_CACHE_CONTROL = "x-tact-origin-cache-control";
const ORIGIN_VARY = "x-tact-origin-vary";
const NOTES = [POLICY, ORIGIN_CACHE_CONTROL, ORIGIN_VARY];
/** On the entry under the page's plain key when its copies vary: the header names they vary on. */
export const VARY_INDEX = "x-tact-vary-index";
/** Says how a page was served: hit, stale, revalidated or miss. */
export const CACHE_STATUS = "x-tact-edge-cache";
/** Every copy tact stores carries this tag: the zone can purge them all by tag. */
export const CACHE_TAG = "tact-pages";
/**
 * How long past its lifetime a copy with a validator (ETag, Last-Modified)
 * is kept: an expired copy is then revalidated with a conditional request,
 * and only a changed page is sent again.
 */
const REVALIDATION_GRACE_SECONDS = 86_400;

/** The headers of a request or response, as http-cache-semantics reads them. */
function plain(headers: Headers): Record<string, string> {
  return Object.fromEntries(headers);
}

/**
 * Request headers the policy does not see: Host, which the cache key holds
 * already, and the browser's own cache directives: a shared cache that let
 * any visitor's reload (Cache-Control: no-cache) reach the origin would let
 * anyone bypass it.
 */
const UNSEEN = new Set(["host", "cache-control", "pragma"]);

/** The request as the policy sees it. */
export function policyRequest(request: Request): CachePolicy.Request {
  const headers = Object.fromEntries(Object.entries(plain(request.headers)).filter(([name]) => !UNSEEN.has(name)));
  return { url: request.url, method: "GET", headers };
}

/** A response for the policy; `defaultTtlSeconds` stands in for a lifetime the origin does not give. */
export function policyResponse(response: Response, defaultTtlSeconds = 0): CachePolicy.Response {
  const headers = plain(response.headers);
  const cacheControl = headers["cache-control"] ?? "";
  const saysNothing =
    !headers.expires && !/(?:^|,)\s*(?:s-maxage|max-age|no-cache|no-store|private)\b/i.test(cacheControl);
  if (defaultTtlSeconds > 0 && saysNothing) {
    headers["cache-control"] = [cacheControl, `s-maxage=${defaultTtlSeconds}`].filter(Boolean).join(", ");
  }
  return { status: response.status, headers };
}

export function newPolicy(request: Request, response: Response, defaultTtlSeconds: number): CachePolicy {
  return new CachePolicy(policyRequest(request), policyResponse(response, defaultTtlSeconds), {
    shared: true,
    cacheHeuristic: 0,
  });
}

function keptSeconds(policy: CachePolicy, headers: Headers): number {
  const grace = headers.has("etag") || headers.has("last-modified") ? REVALIDATION_GRACE_SECONDS : 0;
  return Math.max(1, Math.ceil(policy.timeToLive() / 1000) + grace);
}

/** The copy to store: the origin's status, headers and body, with tact's notes. */
export function toStored(origin: Headers, body: ReadableStream | null, policy: CachePolicy): Response {
  const headers = new Headers(origin);
  headers.set(ORIGIN_CACHE_CONTROL, origin.get("cache-control") ?? "");
  headers.set(ORIGIN_VARY, origin.get("vary") ?? "");
  headers.set(POLICY, JSON.stringify(policy.toObject()));
  headers.set("cache-control", `max-age=${keptSeconds(policy, origin)}`);
  headers.set("cache-tag", CACHE_TAG);
  for (const name of ["vary", "content-length", "content-encoding", "set-cookie", "age"]) headers.delete(name);
  return new Response(body, { status: 200, headers });
}

/** The entry that says which headers a page's copies vary on. */
export function varyIndex(names: readonly string[], policy: CachePolicy, origin: Headers): Response {
  const maxAge = `max-age=${keptSeconds(policy, origin)}`;
  return new Response(null, {
    headers: { [VARY_INDEX]: names.join(","), "cache-control": maxAge, "cache-tag": CACHE_TAG },
  });
}

export function policyOf(stored: Response): CachePolicy | undefined {
  const raw = stored.headers.get(POLICY);
  if (!raw) return undefined;
  try {
    return CachePolicy.fromObject(JSON.parse(raw) as CachePolicy.CachePolicyObject);
  } catch {
    return undefined;
  }
}

/** When the stored copy was received from the origin, epoch milliseconds. */
export function storedAt(policy: CachePolicy): number {
  return (policy.toObject() as { t: number }).t;
}

/** The headers the origin sent with the stored copy. */
export function originHeaders(stored: Response): Headers {
  const headers = new Headers(stored.headers);
  const cacheControl = headers.get(ORIGIN_CACHE_CONTROL);
  const vary = headers.get(ORIGIN_VARY);
  for (const name of [...NOTES, "cache-control", "cache-tag"]) headers.delete(name);
  if (cacheControl) headers.set("cache-control", cacheControl);
  if (vary) headers.set("vary", vary);
  return headers;
}

/** The stored copy as the browser gets it: the origin's headers, an Age, no body for HEAD. */
export function fromStored(stored: Response, policy: CachePolicy, status: string, head: boolean): Response {
  const headers = originHeaders(stored);
  headers.set("age", String(Math.floor(policy.age())));
  headers.set(CACHE_STATUS, status);
  if (head) {
    stored.body?.cancel().catch(() => {});
    return new Response(null, { status: stored.status, headers });
  }
  return new Response(stored.body, { status: stored.status, headers });
}

/** The origin's headers of a copy the origin has just confirmed (304): what the 304 says wins. */
export function confirmedHeaders(stored: Headers, notModified: Headers): Headers {
  const headers = new Headers(stored);
  for (const name of ["cache-control", "expires", "etag", "last-modified", "date", "vary"]) {
    const value = notModified.get(name);
    if (value !== null) headers.set(name, value);
  }
  return headers;
}
