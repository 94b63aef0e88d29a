/**
 * Headers of a response that carries a shopper's cookie or block: browsers may
 * keep it, shared caches (the CDN included) must not.
 *
 * A body tact rewrites leaves the Worker uncompressed: with a Content-Encoding
 * the runtime would compress it again itself, and its compressor holds the
 * page's first bytes back until it has gathered more, which undoes an early
 * flush. Cloudflare compresses HTML on its way to the browser in any case.
 */
const SHARED_CACHE_HEADERS = ["cdn-cache-control", "cloudflare-cdn-cache-control", "surrogate-control", "expires"];

export function markPersonalized(headers: Headers, bodyChanges: boolean): void {
  headers.set("cache-control", "private, no-cache");
  for (const name of SHARED_CACHE_HEADERS) headers.delete(name);
  if (bodyChanges) {
    headers.delete("content-length");
    headers.delete("content-encoding");
    headers.delete("etag");
  }
}
