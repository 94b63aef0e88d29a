/**
 * Where tact may send a browser: a path on this site. Every redirect tact
 * makes goes through here. A location a browser could read as another site is
 * refused: "//host" and "/\host" (browsers read "\" as "/"), a scheme
 * ("https:", "javascript:"), and whitespace or control characters, which
 * browsers drop from URLs ("/\t/host" is "//host").
 */

/** `target` when it is a same-origin path, else "/". */
export function localPath(target: string): string {
  return /^\/(?![/\\])/.test(target) && !/[\s\p{Cc}\\]/u.test(target) ? target : "/";
}

/** The path and query of `referer` when it is a page of this site (origin of `url`), else "/". */
export function refererPath(referer: string | undefined, url: URL): string {
  if (!referer) return "/";
  try {
    const back = new URL(referer, url);
    return back.origin === url.origin ? localPath(`${back.pathname}${back.search}`) : "/";
  } catch {
    return "/";
  }
}
