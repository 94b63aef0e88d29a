/**
 * The profile cookie's name and attributes. HttpOnly (no script reads it),
 * SameSite=Lax, and Secure everywhere but plain-http loopback during local dev.
 */
import { serialize } from "hono/utils/cookie";

export const COOKIE_NAME = "tact";

export function profileCookie(value: string, url: URL, maxAgeSeconds: number, local: boolean): string {
  return serialize(COOKIE_NAME, value, {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    secure: !(local && url.protocol === "http:"),
    maxAge: maxAgeSeconds,
  });
}
