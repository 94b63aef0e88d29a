/**
 * Headers of a response that carries a shopper's cookie or block: browsers may
 * keep it, shared caches (the CDN included) must not. Every directive a shared
 * cache reads is dropped, whichever cache it speaks to, and so are the
 * validators, which would let one shopper's copy be revalidated as another's.
 * A `no-store` from the origin is kept.
 *
 * A body tact rewrites leaves the Worker uncompressed: with a Content-Encoding
 * the runtime would compress it again itself, and its compressor holds the
 * page's first bytes back until it has gathered more, which undoes an early
 * flush. Cloudflare compresses HTML on its way to the browser in any case.
 */
const SHARED_CACHE_HEADERS = [
  "cdn-cache-control",
  "cloudflare-cdn-cache-control",
  "surrogate-control",
  "edge-control",
  "x-accel-expires",
  "expires",
  "etag",
  "last-modified",
];

export function markPersonalized(headers: Headers, bodyChanges: boolean): void {
  const noStore = /(?:^|,)\s*no-store\s*(?:,|$)/i.test(headers.get("cache-control") ?? "");
  headers.set("cache-control", noStore ? "private, no-store" : "private, no-cache");
  for (const name of SHARED_CACHE_HEADERS) headers.delete(name);
  if (bodyChanges) {
    headers.delete("content-length");
    headers.delete("content-encoding");
  }
}
