/**
 * A page an origin lets shared caches keep, for the edge cache's tests and
 * bench. Each id has a version (in the body and the ETag) that
 * /__test/shared-bump/<id> moves on, and counts the full answers and the 304s
 * it gave. The query sets what the answer says:
 *
 *   cc=<Cache-Control>   default "public, s-maxage=60"; cc= (empty) sends none
 *   vary=<Vary>          a Vary header
 *   cookie=1             a Set-Cookie header
 *   status=<code>        another status (same body)
 *   delay=<ms>           the time the origin takes to answer
 *   lang=1               a body in the Accept-Language it was asked for
 */
const versions = new Map<string, number>();
const hits = new Map<string, { full: number; notModified: number; conditional: number }>();

function countsOf(id: string): { full: number; notModified: number; conditional: number } {
  let counts = hits.get(id);
  if (!counts) hits.set(id, (counts = { full: 0, notModified: 0, conditional: 0 }));
  return counts;
}

export function sharedBody(id: string, version: number, language = ""): string {
  const filler = Array.from({ length: 40 }, (_, i) => `<li>Riga ${i} della pagina condivisa</li>`).join("");
  return (
    `<!doctype html><html lang="it"><head><meta charset="utf-8"><title>Shared ${id}</title></head>` +
    `<body><main><h1>Pagina ${id} v${version}${language && ` (${language})`}</h1>` +
    `<div class="product-extras"></div><ul>${filler}</ul><p>fine — àèìòù ✓</p></main></body></html>`
  );
}

export async function sharedPage(request: Request, id: string): Promise<Response> {
  const url = new URL(request.url);
  const delay = Number(url.searchParams.get("delay") ?? 0);
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
  const version = versions.get(id) ?? 1;
  const counts = countsOf(id);
  const etag = `"${id}-v${version}"`;
  const headers: Record<string, string> = { "content-type": "text/html; charset=utf-8", etag, "x-origin": "yes" };
  const cc = url.searchParams.get("cc") ?? "public, s-maxage=60";
  if (cc) headers["cache-control"] = cc;
  const vary = url.searchParams.get("vary");
  if (vary) headers.vary = vary;
  if (url.searchParams.get("cookie") === "1") headers["set-cookie"] = "shop_pref=1; Path=/";
  if (request.headers.has("if-none-match")) counts.conditional += 1;
  if (
    request.headers
      .get("if-none-match")
      ?.split(",")
      .some((tag) => tag.trim() === etag)
  ) {
    counts.notModified += 1;
    return new Response(null, { status: 304, headers });
  }
  counts.full += 1;
  const language = url.searchParams.has("lang") ? (request.headers.get("accept-language") ?? "") : "";
  const status = Number(url.searchParams.get("status") ?? 200);
  return new Response(sharedBody(id, version, language), { status, headers });
}

export function bumpShared(id: string): Response {
  versions.set(id, (versions.get(id) ?? 1) + 1);
  return new Response(String(versions.get(id)));
}

export function sharedHits(id: string): Response {
  return Response.json(countsOf(id));
}
