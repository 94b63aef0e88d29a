/**
 * Forwards a request to the storefront. On the shop's own route the request
 * goes where it was headed; with ORIGIN_URL it is re-addressed to that origin,
 * keeping path and query. Redirects are handed back to the browser, not followed.
 */
export function fetchOrigin(request: Request, originUrl: URL | undefined): Promise<Response> {
  if (!originUrl) return fetch(request, { redirect: "manual" });
  const target = new URL(request.url);
  target.protocol = originUrl.protocol;
  target.host = originUrl.host;
  return fetch(new Request(target, request), { redirect: "manual" });
}
