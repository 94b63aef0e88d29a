/**
 * Which requests may read or fill the edge cache: a GET or HEAD for a page
 * the ruleset lists, without the shop's own session, cart or login cookies
 * and without Authorization. Anything else is the shopper's own page and
 * goes to the origin, as it would without tact.
 */
import { type CompiledEdgeCache, isSessionCookie } from "../../core/ruleset/edgeCacheSettings";

function cookieNames(header: string | null): string[] {
  if (!header) return [];
  return header.split(";").map((pair) => pair.split("=")[0]?.trim() ?? "");
}

export function mayUseCache(request: Request, url: URL, settings: CompiledEdgeCache): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  if (request.headers.has("authorization") || request.headers.has("upgrade")) return false;
  if (cookieNames(request.headers.get("cookie")).some((name) => isSessionCookie(name, settings.sessionCookies))) {
    return false;
  }
  return settings.pages.some((page) => page.match(url) !== undefined);
}
