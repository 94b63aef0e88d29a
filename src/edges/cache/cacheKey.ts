/**
 * Where a page is kept in the edge cache: the page's own URL with the cache
 * generation added (so a copy is never mistaken for the zone's own copy of
 * the page, and bumping the generation leaves every older copy behind), and
 * the values of the request headers the origin's Vary names, when it names
 * any (the Cache API itself honours no Vary).
 */

/** Request headers a page may vary on and still be kept: anything else (Cookie, *) is not kept. */
const KEEPABLE_VARY = new Set(["accept-language", "accept", "user-agent", "accept-encoding"]);

/** The headers a Vary names, lower-case, or undefined when the page must not be kept for it. */
export function varyNames(vary: string | null): string[] | undefined {
  if (!vary) return [];
  const names = vary
    .split(",")
    .map((name) => name.trim().toLowerCase())
    .filter(Boolean);
  if (names.some((name) => !KEEPABLE_VARY.has(name))) return undefined;
  // The runtime hands tact decoded bodies: the stored copy does not vary by encoding.
  return names.filter((name) => name !== "accept-encoding").sort();
}

export function cacheKey(url: URL, generation: number, request?: Request, names: readonly string[] = []): Request {
  const key = new URL(url.pathname + url.search, url.origin);
  key.searchParams.append("tact-edge", String(generation));
  if (request && names.length > 0) {
    const values = names.map((name) => `${name}=${request.headers.get(name) ?? ""}`).join("\n");
    key.searchParams.append("tact-vary", values);
  }
  return new Request(key.href);
}
