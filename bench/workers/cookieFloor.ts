/**
 * Contender "floor + cookie": the rewrite floor, plus what any personalizer
 * that keeps its shopper in a signed cookie must do on every page view:
 * verify the cookie (HS256, with jose, as tact does) and sign it again with
 * fresh times, so that what this page taught is kept. No validation of the
 * claims, no KV, no decision. Its distance from the floor is the part of
 * tact's cost that no implementation of the design can avoid.
 */
import { CompactSign, jwtVerify } from "jose";
import { parse } from "hono/utils/cookie";
import { loadKeyRing } from "../../src/edges/cookie/keyRing";
import { LOCAL_COOKIE_NAME, profileCookie } from "../../src/edges/cookie/profileCookie";
import { AppendOnce } from "./AppendOnce";
import { slotFor } from "./fixedBlock";
import { forward } from "./forward";

interface Env {
  ORIGIN_URL: string;
  /** The bench's TACT_KEYS. */
  TACT_KEYS: string;
}

const MAX_AGE_SECONDS = 180 * 86_400;
const encoder = new TextEncoder();

async function resigned(token: string, keys: string): Promise<string | undefined> {
  // tact's own key ring: imported once per isolate.
  const ring = await loadKeyRing(keys, false);
  if (!ring.ok) return undefined;
  const { kid, key } = ring.ring.signing;
  try {
    const { payload } = await jwtVerify(token, key, { algorithms: ["HS256"] });
    const now = Math.floor(Date.now() / 1000);
    return await new CompactSign(encoder.encode(JSON.stringify({ ...payload, iat: now, exp: now + MAX_AGE_SECONDS })))
      .setProtectedHeader({ alg: "HS256", kid })
      .sign(key);
  } catch {
    return undefined;
  }
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    // The bench serves plain http on loopback, where tact's cookie is `tact`.
    const token = parse(request.headers.get("cookie") ?? "", LOCAL_COOKIE_NAME)[LOCAL_COOKIE_NAME];
    const cookie = token === undefined ? undefined : resigned(token, env.TACT_KEYS);
    const response = await forward(request, env.ORIGIN_URL);
    const url = new URL(request.url);
    const selector = slotFor(url.pathname);
    const html = response.headers.get("content-type")?.startsWith("text/html") ?? false;
    if (!selector || !html || response.status !== 200) return response;
    const headers = new Headers(response.headers);
    const value = await cookie;
    if (value) headers.append("set-cookie", profileCookie(value, url, MAX_AGE_SECONDS, true));
    const page = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    return new HTMLRewriter().on(selector, new AppendOnce()).transform(page);
  },
} satisfies ExportedHandler<Env>;
