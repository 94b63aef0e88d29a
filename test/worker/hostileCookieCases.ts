/** Tokens made and edited the way the hostile cookie test files need, and what tact must make of them. */
import { base64url } from "jose";
import { vi } from "vitest";
import { putRuleSet, rule, ruleset, standardCatalog } from "../support/harness";
import { NEXT_KEY, PREV_KEY } from "../support/testKeys";

export const PAGE = "/__test/product/p1";
export const PLANTED = "AAAAAAAAAAAAAAAAAAAAAA";
/** Cases per kind against verifyProfile, and cases through the Worker. */
export const DIRECT_RUNS = 250;
export const WORKER_RUNS = 120;
export const DAY = 86_400;
/** COOKIE_MAX_AGE_DAYS as wrangler.toml sets it. */
export const MAX_AGE = 180 * DAY;
/** jose's clockTolerance in profileCodec; generated times keep clear of it. */
export const TOLERANCE = 60;

export const now = () => Math.floor(Date.now() / 1000);
export const encode = (value: unknown) => base64url.encode(typeof value === "string" ? value : JSON.stringify(value));
export const secretOf = (entry: string) => base64url.decode(entry.slice(entry.indexOf(":") + 1));
export const NEXT = secretOf(NEXT_KEY);
export const PREV = secretOf(PREV_KEY);
export const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const t = now();
  return { v: 1, id: PLANTED, vis: 3, fs: t - DAY, ls: t - 60, rv: ["p7"], iat: t - 60, exp: t + DAY, ...overrides };
}

export type Hash = "SHA-256" | "SHA-384" | "SHA-512";

export async function hmac(hash: Hash, key: Uint8Array, input: string): Promise<string> {
  const imported = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
  return base64url.encode(new Uint8Array(await crypto.subtle.sign("HMAC", imported, new TextEncoder().encode(input))));
}

/** A compact JWS with any header and payload (a string is sent as it is, not as JSON). */
export async function token(header: unknown, payload: unknown, key = NEXT, hash: Hash = "SHA-256"): Promise<string> {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${await hmac(hash, key, input)}`;
}

export const signed = (payload: unknown = claims()) => token({ alg: "HS256", kid: "next" }, payload);

/** What tact must make of a cookie: a fresh profile, this profile, or (same signed bytes) either. */
export type Expected =
  { readonly kind: "fresh" } | { readonly kind: "kept"; readonly id: string } | { readonly kind: "either" };

export interface Case {
  /** The whole Cookie header. */
  readonly header: string;
  /** The tact cookie's value, when the case is about that value alone. */
  readonly value?: string;
  readonly expected: Expected;
}

export const FRESH: Expected = { kind: "fresh" };
export const KEPT: Expected = { kind: "kept", id: PLANTED };
export const one = (value: string, expected: Expected): Case => ({ header: `__Host-tact=${value}`, value, expected });

// ---- Generators. Each yields a recipe; `build` turns it into a Case (signing is async).

export function mutate(original: string, op: string, at: number, text: string): string {
  const index = Math.min(original.length - 1, Math.floor(at * original.length));
  switch (op) {
    case "truncate":
      return original.slice(0, index);
    case "prefix":
      return text + original;
    case "suffix":
      return original + text;
    case "replace":
      return original.slice(0, index) + text + original.slice(index + 1);
    case "delete":
      return original.slice(0, index) + original.slice(index + 1);
    case "segments": {
      const parts = original.split(".");
      return text
        .split(".")
        .map((i) => (i === "" ? "" : parts[Number(i)]))
        .join(".");
    }
    case "standard-base64":
      return original.replaceAll("-", "+").replaceAll("_", "/");
    default:
      return `${original}==`;
  }
}

/** Whether `mutated` still carries exactly the bytes tact signed (another spelling of the signature). */
export function sameSignedBytes(original: string, mutated: string): boolean {
  const [a, b] = [original.split("."), mutated.split(".")];
  if (a.length !== 3 || b.length !== 3 || a[0] !== b[0] || a[1] !== b[1]) return false;
  try {
    return sameBytes(base64url.decode(a[2]!), base64url.decode(b[2]!));
  } catch {
    return false;
  }
}

/** Before each test: the rejected cookies' log lines silenced, the standard catalog and one rule. */
export async function quietShop(): Promise<void> {
  // Every rejected cookie logs a line; thousands of them say nothing here.
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  await standardCatalog();
  await putRuleSet(ruleset([rule()]));
}
