/**
 * Forwards a request to the storefront. On the shop's own route the request
 * goes where it was headed; with ORIGIN_URL it is re-addressed to that origin,
 * keeping path and query. Redirects are handed back to the browser, not followed.
 *
 * tact's own cookies (the profile, under either name, and the preview) are
 * taken out of the Cookie header first: the shop's servers and logs never
 * receive a shopper's profile, and a cache that passes requests with cookies
 * by is not defeated by tact's. The shop's own cookies go on as they came.
 */
import { PREVIEW_COOKIE } from "../cookie/preview";
import { COOKIE_NAME, LOCAL_COOKIE_NAME } from "../cookie/profileCookie";

const OWN_COOKIES: ReadonlySet<string> = new Set([COOKIE_NAME, LOCAL_COOKIE_NAME, PREVIEW_COOKIE]);

export function fetchOrigin(request: Request, originUrl: URL | undefined): Promise<Response> {
  const target = new URL(request.url);
  if (originUrl) {
    target.protocol = originUrl.protocol;
    target.host = originUrl.host;
  }
  const forwarded = new Request(target, request);
  const pairs = request.headers.get("cookie")?.split(";") ?? [];
  const kept = pairs.filter((pair) => !OWN_COOKIES.has(pair.split("=")[0]?.trim() ?? ""));
  if (kept.length < pairs.length) {
    const header = kept.map((pair) => pair.trim()).filter(Boolean);
    if (header.length > 0) forwarded.headers.set("cookie", header.join("; "));
    else forwarded.headers.delete("cookie");
  }
  return fetch(forwarded, { redirect: "manual" });
}
