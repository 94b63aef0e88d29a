import type { Lang } from "./i18n.ts";

/** Every HTML page: short public caching, varied by the language negotiation. */
export function htmlResponse(html: string, lang: Lang, status = 200): Response {
  return new Response(html, {
    status,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "public, max-age=60",
      "Content-Language": lang,
      Vary: "Accept-Language",
    },
  });
}

export function svgResponse(svg: string): Response {
  return new Response(svg, {
    headers: {
      "Content-Type": "image/svg+xml",
      "Cache-Control": "public, max-age=86400",
    },
  });
}

export function textResponse(body: string, contentType: string, maxAge: number): Response {
  return new Response(body, {
    headers: {
      "Content-Type": contentType,
      "Cache-Control": `public, max-age=${maxAge}`,
    },
  });
}
