/**
 * Only a complete HTML page fetched with GET is ever touched. Everything else
 * (HEAD, other methods, ranges, redirects, errors, assets, empty bodies) passes
 * through exactly as the origin sent it.
 */
export function isRewritable(request: Request, response: Response): boolean {
  return (
    request.method === "GET" &&
    !request.headers.has("range") &&
    response.status === 200 &&
    response.body !== null &&
    !response.headers.has("content-range") &&
    /^text\/html\s*(;|$)/i.test(response.headers.get("content-type") ?? "")
  );
}
