import { insertableType } from "../../html/pageCharset";

/**
 * Only a complete HTML page fetched with GET is ever touched. Everything else
 * (HEAD, other methods, ranges, redirects, errors, assets, empty bodies, bodies
 * still compressed, a charset blocks cannot be written in) passes through
 * exactly as the origin sent it.
 */
export function isRewritable(request: Request, response: Response): boolean {
  return (
    request.method === "GET" &&
    !request.headers.has("range") &&
    response.status === 200 &&
    response.body !== null &&
    !response.headers.has("content-range") &&
    isDecoded(response.headers.get("content-encoding")) &&
    isInsertableHtml(response.headers.get("content-type") ?? "")
  );
}

function isInsertableHtml(contentType: string): boolean {
  return /^text\/html\s*(;|$)/i.test(contentType) && insertableType(contentType);
}

/**
 * The runtime decodes a body sent with Content-Encoding gzip or br (spelled
 * exactly so) and encodes it again on the way out; any other coding (deflate,
 * zstd, a list) reaches tact still compressed, and HTMLRewriter must not see it.
 */
function isDecoded(coding: string | null): boolean {
  return coding === null || ["", "identity", "gzip", "br"].includes(coding.trim());
}

/**
 * Whether a request looks like a page load, before the origin has answered.
 * Such requests start their catalog read at once; others (images, scripts,
 * fetch() calls) wait to see an HTML answer first, so assets cost no KV read.
 */
export function looksLikePageLoad(request: Request): boolean {
  if (request.method !== "GET" || request.headers.has("range") || request.headers.has("upgrade")) return false;
  const destination = request.headers.get("sec-fetch-dest");
  if (destination !== null) return destination === "document";
  const accept = request.headers.get("accept");
  return accept === null || /text\/html|\*\/\*/.test(accept);
}
