/**
 * The ruleset's opt-in for keeping the shop's shared HTML in the edge cache
 * (settings.edgeCache): which pages, for how long when the origin says
 * nothing, and which of the shop's own cookies mark a shopper whose page is
 * their own (a session, a cart, a login), so their requests never read or
 * fill the cache.
 */
import * as v from "valibot";
import type { PathMatcher } from "../decide/classifyPage";
import { compilePathPattern } from "./compilePathPattern";

/**
 * The session, cart, login and currency cookies of common shop platforms,
 * from their documentation: a page asked for with one of them may be that
 * shopper's own. A name ending in "*" is a prefix.
 */
export const DEFAULT_SESSION_COOKIES = [
  // Shopify
  "_secure_session_id",
  "secure_customer_sig",
  "customer_sig",
  "cart",
  "cart_sig",
  "storefront_digest",
  "cart_currency",
  "localization",
  // WooCommerce and WordPress
  "woocommerce_cart_hash",
  "woocommerce_items_in_cart",
  "wp_woocommerce_session_*",
  "wordpress_logged_in_*",
  "wordpress_sec_*",
  // Magento 2
  "PHPSESSID",
  "X-Magento-Vary",
  "private_content_version",
  "frontend",
  // PrestaShop
  "PrestaShop-*",
  // Shopware 6
  "sw-context-token",
  "sw-states",
  "sw-cache-hash",
  "session-*",
] as const;

const CookieNameSchema = v.pipe(
  v.string(),
  v.regex(/^[!#$%&'+.^_`|~0-9A-Za-z-]{1,64}\*?$/, "must be a cookie name, or a prefix ending in *"),
);

export const EdgeCacheSettingsSchema = v.object({
  /** Pages whose HTML may be kept, as URL path patterns (see compilePathPattern). */
  pages: v.pipe(v.array(v.string()), v.minLength(1), v.maxLength(50)),
  /** How long a page is kept when the origin gives no lifetime of its own; 0: only what the origin says. */
  defaultTtlSeconds: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(86_400)), 0),
  /** Cookies that make a request the shopper's own: it neither reads nor fills the cache. */
  sessionCookies: v.optional(v.pipe(v.array(CookieNameSchema), v.maxLength(100)), [...DEFAULT_SESSION_COOKIES]),
});
export type EdgeCacheSettings = v.InferOutput<typeof EdgeCacheSettingsSchema>;

export interface CompiledEdgeCache {
  readonly pages: readonly PathMatcher[];
  readonly defaultTtlSeconds: number;
  /** Cookie names, and prefixes (without their "*"). */
  readonly sessionCookies: { readonly names: ReadonlySet<string>; readonly prefixes: readonly string[] };
}

export function compileEdgeCache(settings: EdgeCacheSettings): CompiledEdgeCache | string[] {
  const problems: string[] = [];
  const pages: PathMatcher[] = [];
  settings.pages.forEach((text, index) => {
    const pattern = compilePathPattern(text);
    if (typeof pattern === "string") problems.push(`settings.edgeCache.pages[${index}]: ${pattern}`);
    else pages.push(pattern);
  });
  if (problems.length > 0) return problems;
  const prefixes = settings.sessionCookies.filter((name) => name.endsWith("*")).map((name) => name.slice(0, -1));
  const names = new Set(settings.sessionCookies.filter((name) => !name.endsWith("*")));
  return { pages, defaultTtlSeconds: settings.defaultTtlSeconds, sessionCookies: { names, prefixes } };
}

/** Whether a cookie name is one of the shop's session cookies. */
export function isSessionCookie(name: string, cookies: CompiledEdgeCache["sessionCookies"]): boolean {
  return cookies.names.has(name) || cookies.prefixes.some((prefix) => name.startsWith(prefix));
}
