/** Re-addresses a request to the origin, keeping path and query, as tact does with ORIGIN_URL. */
export function forward(request: Request, originUrl: string): Promise<Response> {
  const target = new URL(request.url);
  const origin = new URL(originUrl);
  target.protocol = origin.protocol;
  target.host = origin.host;
  return fetch(new Request(target, request), { redirect: "manual" });
}
