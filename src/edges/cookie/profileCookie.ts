/**
 * The profile cookie's name and attributes. HttpOnly (no script reads it),
 * SameSite=Lax, Path=/, no Domain. On https it is `__Host-tact`: the prefix
 * makes browsers refuse it unless it is Secure, host-only and for the whole
 * site, so a sibling subdomain can neither plant nor overwrite it. Plain-http
 * loopback (local development) cannot hold a Secure cookie, so there it is
 * `tact`.
 *
 * Migration: before the prefix, https pages used `tact`. Where `__Host-tact`
 * is missing it is still read, and the first Set-Cookie of the new name comes
 * with one that expires the old (legacyCookieExpiry).
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { serialize } from "hono/utils/cookie";

export const COOKIE_NAME = "__Host-tact";
/** The name on plain-http loopback, and the one https pages used before the prefix. */
export const LOCAL_COOKIE_NAME = "tact";

/** Secure everywhere but plain-http loopback (browsers refuse Secure cookies over http elsewhere anyway). */
export function cookieIsSecure(url: URL, local: boolean): boolean {
  return !(local && url.protocol === "http:");
}

/** The profile cookie's name on this page. */
export function profileCookieName(url: URL, local: boolean): string {
  return cookieIsSecure(url, local) ? COOKIE_NAME : LOCAL_COOKIE_NAME;
}

export function profileCookie(value: string, url: URL, maxAgeSeconds: number, local: boolean): string {
  return serialize(profileCookieName(url, local), value, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: cookieIsSecure(url, local),
    maxAge: maxAgeSeconds,
  });
}

/** Whether the request carries the old, unprefixed cookie on a page that now uses `__Host-tact`. */
function carriesLegacyCookie(c: Context, url: URL, local: boolean): boolean {
  return cookieIsSecure(url, local) && getCookie(c, LOCAL_COOKIE_NAME) !== undefined;
}

/** Whether this request's profile cookie is the old, unprefixed one: it must be written anew under the new name. */
export function readsLegacyCookie(c: Context, url: URL, local: boolean): boolean {
  return carriesLegacyCookie(c, url, local) && getCookie(c, COOKIE_NAME) === undefined;
}

/** The profile cookie's value in this request: the page's own name first, then the old one. */
export function readProfileCookie(c: Context, url: URL, local: boolean): string | undefined {
  if (!cookieIsSecure(url, local)) return getCookie(c, LOCAL_COOKIE_NAME);
  return getCookie(c, COOKIE_NAME) ?? getCookie(c, LOCAL_COOKIE_NAME);
}

/**
 * A Set-Cookie that expires the old `tact` cookie, when the request carries
 * one on a page that now uses `__Host-tact`. Sent wherever the new cookie is
 * written.
 */
export function legacyCookieExpiry(c: Context, url: URL, local: boolean): string | undefined {
  if (!carriesLegacyCookie(c, url, local)) return undefined;
  return serialize(LOCAL_COOKIE_NAME, "", { path: "/", httpOnly: true, sameSite: "Lax", secure: true, maxAge: 0 });
}
