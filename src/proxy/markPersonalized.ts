/**
 * Headers of a response that carries a shopper's cookie or block: browsers may
 * keep it, shared caches (the CDN included) must not.
 */
const SHARED_CACHE_HEADERS = ["cdn-cache-control", "cloudflare-cdn-cache-control", "surrogate-control", "expires"];

export function markPersonalized(headers: Headers, bodyChanges: boolean): void {
  headers.set("cache-control", "private, no-cache");
  for (const name of SHARED_CACHE_HEADERS) headers.delete(name);
  if (bodyChanges) {
    headers.delete("content-length");
    headers.delete("etag");
  }
}
