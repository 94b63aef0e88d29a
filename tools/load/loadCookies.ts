/**
 * The cookies a load run sends: real ones, from new shoppers' first pages, and
 * bad ones of every kind tact must refuse without failing the page.
 */
import { SignJWT, base64url } from "jose";
import { readFileSync } from "node:fs";
import products from "../../kv-seed/products.json";

/**
 * The public development key tact uses on loopback, read from its source
 * (importing src/edges/cookie/keyRing.ts would bring the Workers' types into Node's).
 */
function developmentKey(): Uint8Array {
  const source = readFileSync(new URL("../../src/edges/cookie/keyRing.ts", import.meta.url), "utf8");
  const match = /DEV_KEYS = "[^:"]+:([A-Za-z0-9_-]+)"/.exec(source);
  if (!match?.[1]) throw new Error("DEV_KEYS was not found in src/edges/cookie/keyRing.ts");
  return base64url.decode(match[1]);
}

/** tact cookies, each from a new shopper's first page. */
export async function firstVisits(tactUrl: string, count: number): Promise<string[]> {
  const cookies: string[] = [];
  for (const [i, product] of products.products.entries()) {
    if (i >= count) break;
    const id = product.id;
    const response = await fetch(`${tactUrl}/products/${id}`, { headers: { accept: "text/html" } });
    await response.arrayBuffer();
    const line = response.headers.getSetCookie().find((value) => value.startsWith("tact="));
    if (line) cookies.push(line.slice(5, line.indexOf(";")));
  }
  if (cookies.length === 0) throw new Error("tact set no cookie on any first visit: is it personalizing at all?");
  return cookies;
}

/** Garbage, tampered, alg none, expired (signed with the local development key) and oversized. */
export async function badCookies(good: string): Promise<string[]> {
  const [header, payload, signature] = good.split(".") as [string, string, string];
  const now = Math.floor(Date.now() / 1000);
  const expired = await new SignJWT({ v: 1, id: "AAAAAAAAAAAAAAAAAAAAAA", vis: 2, fs: now - 9e5, ls: now - 9e5 })
    .setProtectedHeader({ alg: "HS256", kid: "dev" })
    .setIssuedAt(now - 9e5)
    .setExpirationTime(now - 8e5)
    .sign(developmentKey());
  return [
    "garbage",
    `${header}.${payload.slice(0, -2)}xx.${signature}`,
    `${base64url.encode('{"alg":"none"}')}.${payload}.`,
    expired,
    `${good}${"A".repeat(5000)}`,
  ];
}
