/** Tokens made the way tact makes them, and the shop the cookie test files run against. */
import { SignJWT, base64url } from "jose";
import { putRuleSet, rule, ruleset, standardCatalog, withTactCookie } from "../support/harness";
import { NEXT_KEY } from "../support/testKeys";

export const PAGE = "/__test/product/p1";

export function secretOf(entry: string): Uint8Array {
  return base64url.decode(entry.slice(entry.indexOf(":") + 1));
}

export const now = () => Math.floor(Date.now() / 1000);

export function claims(id = "AAAAAAAAAAAAAAAAAAAAAA") {
  return { v: 1, id, vis: 3, fs: now() - 86_400, ls: now() - 60, rv: ["p7"] };
}

/** A token made the way tact makes one, with any part of it changed. */
export function token(
  options: { kid?: string; key?: Uint8Array; alg?: string; iat?: number; exp?: number; payload?: object } = {},
) {
  const iat = options.iat ?? now() - 60;
  return new SignJWT({ ...(options.payload ?? claims()) })
    .setProtectedHeader({ alg: options.alg ?? "HS256", kid: options.kid ?? "next" })
    .setIssuedAt(iat)
    .setExpirationTime(options.exp ?? iat + 86_400)
    .sign(options.key ?? secretOf(NEXT_KEY));
}

export function withCookie(value: string): RequestInit {
  return { headers: withTactCookie(value, "other=1") };
}

/** The standard catalog and one rule, before each test. */
export async function oneRuleShop(): Promise<void> {
  await standardCatalog();
  await putRuleSet(ruleset([rule()]));
}
