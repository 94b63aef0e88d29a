/** Generators of hostile cookies: each yields a recipe, and `build` turns it into a Case (signing is async). */
import fc from "fast-check";
import { base64url } from "jose";
import * as v from "valibot";
import { ProfileClaimsSchema } from "../../src/core/profile/Profile";
import { MAX_COOKIE_VALUE_LENGTH } from "../../src/edges/cookie/profileCodec";
import {
  type Case,
  claims,
  DAY,
  encode,
  FRESH,
  type Hash,
  hmac,
  KEPT,
  MAX_AGE,
  mutate,
  NEXT,
  now,
  one,
  PREV,
  sameBytes,
  sameSignedBytes,
  signed,
  token,
  TOLERANCE,
} from "./hostileCookieCases";

/**
 * Bytes a Cookie header can carry: tab and visible ASCII. (Control characters
 * are refused by the origin's HTTP parser before tact matters; non-ASCII text
 * comes in percent-encoded, below.)
 */
export const fieldBytes = (maxLength: number) =>
  fc.uint8Array({ maxLength }).map((bytes) =>
    String.fromCharCode(
      ...bytes.map((byte) => {
        const b = byte & 0x7f;
        return b < 0x20 && b !== 0x09 ? b + 0x40 : b === 0x7f ? 0x3f : b;
      }),
    ),
  );

export const forgetMarker = /(^|;)\s*__Host-tact=\s*"?out"?\s*(;|$)/;

export const randomValue = fc
  .oneof(fieldBytes(5000), fc.string({ maxLength: 300 }).map(encodeURIComponent))
  .filter((value) => !forgetMarker.test(`__Host-tact=${value}`))
  .map((value) => ({ kind: "random" as const, value }));

export const randomHeader = fieldBytes(600)
  .filter((header) => !forgetMarker.test(header))
  .map((header) => ({ kind: "header" as const, header }));

export const BASE64URL = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"];

/** Edits of a valid token, as functions of it (the token is made per run). */
export const mutation = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }).map((at) => ({ kind: "mutate" as const, op: "truncate", at, text: "" })),
  fc
    .tuple(fc.string({ unit: fc.constantFrom(...BASE64URL, ".", "=", " "), minLength: 1, maxLength: 64 }), fc.boolean())
    .map(([text, front]) => ({ kind: "mutate" as const, op: front ? "prefix" : "suffix", at: 0, text })),
  fc
    .tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...BASE64URL, ".", "+", "/", "="))
    .map(([at, text]) => ({ kind: "mutate" as const, op: "replace", at, text })),
  fc.double({ min: 0, max: 1, noNaN: true }).map((at) => ({ kind: "mutate" as const, op: "delete", at, text: "" })),
  fc
    .constantFrom("1.0.2", "0.2.1", "2.1.0", "0.1", "0.0.2", "1.1.2", "0.1.2.2", "0..1.2")
    .map((text) => ({ kind: "mutate" as const, op: "segments", at: 0, text })),
  fc.constantFrom("standard-base64", "padded").map((op) => ({ kind: "mutate" as const, op, at: 0, text: "" })),
);

export const algorithm = fc.record({
  kind: fc.constant("alg" as const),
  alg: fc.oneof(
    fc.constantFrom<unknown>("none", "None", "NONE", "nOnE", "HS384", "HS512", "RS256", "ES256", "PS256", "EdDSA"),
    fc.constantFrom<unknown>("hs256", "HS256 ", "", null, 256, ["HS256"], { alg: "HS256" }),
  ),
  signing: fc.constantFrom("SHA-256", "SHA-384", "SHA-512", "empty", "garbage"),
  kid: fc.constantFrom("next", "prev"),
});

export const foreignKey = fc.record({
  kind: fc.constant("foreign" as const),
  key: fc.uint8Array({ minLength: 32, maxLength: 64 }).filter((key) => !sameBytes(key, NEXT) && !sameBytes(key, PREV)),
  kid: fc.constantFrom("next", "prev", "attacker"),
  pointer: fc.constantFrom("jwk", "jku", "x5u", "none"),
});

export const keyId = fc.record({
  kind: fc.constant("kid" as const),
  kid: fc.oneof(
    fc.constantFrom<unknown>("next", "prev", "__proto__", "constructor", "toString", "NEXT", "next ", "next\u0000"),
    fc.string({ maxLength: 40 }),
    fc.constantFrom<unknown>(7, null, undefined, ["next"], { next: true }),
  ),
});

export const instant = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -400 * DAY, max: 400 * DAY }).map((offset) => ({ offset })) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "0", "now", true, [], {}, -1, 0, 1e15, 1.5) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

export const times = fc.record({
  kind: fc.constant("times" as const),
  iat: instant,
  exp: instant,
  nbf: fc.option(fc.integer({ min: -DAY, max: DAY })),
});

export const size = fc.record({ kind: fc.constant("size" as const), target: fc.integer({ min: 3000, max: 9000 }) });

export const CLAIMS = ["v", "id", "vis", "fs", "ls", "rv", "af", "at", "us", "or", "pf", "pa", "fc", "__proto__"];

export const payload = fc.record({
  kind: fc.constant("payload" as const),
  body: fc.oneof(
    // Anything at all: JSON of any type, or not JSON.
    fc.jsonValue().map((json) => ({ json })),
    fc.string().map((raw) => ({ raw })),
    // A real profile with one claim replaced by anything.
    fc
      .tuple(
        fc.constantFrom(...CLAIMS),
        fc.oneof(
          fc.jsonValue(),
          fc.array(fc.string({ maxLength: 70 }), { maxLength: 12 }),
          fc.dictionary(fc.string({ maxLength: 70 }), fc.oneof(fc.double(), fc.tuple(fc.nat(), fc.nat())), {
            maxKeys: 10,
          }),
          fc.constantFrom(-1, 1.5, 1e300, "1", "", "AAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAA"),
        ),
      )
      .map(([claim, value]) => ({ claim, value })),
  ),
});

export type Recipe =
  | { kind: "random"; value: string }
  | { kind: "header"; header: string }
  | { kind: "mutate"; op: string; at: number; text: string }
  | { kind: "alg"; alg: unknown; signing: string; kid: string }
  | { kind: "foreign"; key: Uint8Array; kid: string; pointer: string }
  | { kind: "kid"; kid: unknown }
  | { kind: "times"; iat: unknown; exp: unknown; nbf: number | null }
  | { kind: "size"; target: number }
  | { kind: "payload"; body: { json: unknown } | { raw: string } | { claim: string; value: unknown } };

export async function build(recipe: Recipe): Promise<Case> {
  const t = now();
  switch (recipe.kind) {
    case "random":
      return one(recipe.value, FRESH);
    case "header":
      return { header: recipe.header, expected: FRESH };
    case "mutate": {
      const original = await signed();
      const mutated = mutate(original, recipe.op, recipe.at, recipe.text);
      if (mutated === original) return one(mutated, KEPT);
      return one(mutated, sameSignedBytes(original, mutated) ? { kind: "either" } : FRESH);
    }
    case "alg": {
      const input = `${encode({ alg: recipe.alg, kid: recipe.kid })}.${encode(claims())}`;
      const key = recipe.kid === "next" ? NEXT : PREV;
      const signature =
        recipe.signing === "empty"
          ? ""
          : recipe.signing === "garbage"
            ? "c2lnbmF0dXJl"
            : await hmac(recipe.signing as Hash, key, input);
      return one(`${input}.${signature}`, FRESH);
    }
    case "foreign": {
      const header: Record<string, unknown> = { alg: "HS256", kid: recipe.kid };
      if (recipe.pointer === "jwk") header["jwk"] = { kty: "oct", k: base64url.encode(recipe.key) };
      if (recipe.pointer === "jku") header["jku"] = "https://evil.example/keys.json";
      if (recipe.pointer === "x5u") header["x5u"] = "https://evil.example/cert.pem";
      return one(await token(header, claims(), recipe.key), FRESH);
    }
    case "kid": {
      const header = recipe.kid === undefined ? { alg: "HS256" } : { alg: "HS256", kid: recipe.kid };
      return one(await token(header, claims()), recipe.kid === "next" ? KEPT : FRESH);
    }
    case "times": {
      const at = (gen: unknown) =>
        gen !== null && typeof gen === "object" && "offset" in gen ? t + (gen as { offset: number }).offset : gen;
      const [iat, exp, nbf] = [at(recipe.iat), at(recipe.exp), recipe.nbf];
      const valid =
        typeof iat === "number" &&
        typeof exp === "number" &&
        iat <= t + TOLERANCE &&
        iat >= t - MAX_AGE - TOLERANCE &&
        exp > t - TOLERANCE &&
        (nbf === null || nbf <= TOLERANCE);
      const value = await signed(claims({ iat, exp, ...(nbf === null ? {} : { nbf: t + nbf }) }));
      return one(value, valid ? KEPT : FRESH);
    }
    case "size": {
      // A signed claim pads the token; base64url grows by 4 characters per 3 bytes.
      const base = (await signed()).length;
      const pad = "x".repeat(Math.max(0, Math.floor(((recipe.target - base - 10) * 3) / 4)));
      const value = await signed(claims({ pad }));
      return one(value, value.length <= MAX_COOKIE_VALUE_LENGTH ? KEPT : FRESH);
    }
    case "payload": {
      const { body } = recipe;
      if ("raw" in body) return one(await token({ alg: "HS256", kid: "next" }, body.raw), FRESH);
      const { iat: _iat, exp: _exp, ...profileClaims } = claims();
      const base = "json" in body ? body.json : { ...profileClaims, [body.claim]: body.value };
      const isObject = typeof base === "object" && base !== null && !Array.isArray(base);
      // Through JSON, as tact will see it ("__proto__" becomes an own key).
      const full: unknown = isObject ? JSON.parse(JSON.stringify({ ...base, iat: t - 60, exp: t + DAY })) : base;
      const value = await token({ alg: "HS256", kid: "next" }, typeof full === "string" ? JSON.stringify(full) : full);
      const parsed = isObject ? v.safeParse(ProfileClaimsSchema, full) : undefined;
      return one(value, parsed?.success ? { kind: "kept", id: parsed.output.id } : FRESH);
    }
  }
}

/** Keeps generated times off the edges, where a second's drift would decide. */
export function clearOfEdges(recipe: Recipe): boolean {
  if (recipe.kind !== "times") return true;
  const t = now();
  const at = (gen: unknown) =>
    gen !== null && typeof gen === "object" && "offset" in gen ? t + (gen as { offset: number }).offset : undefined;
  const near = (value: number | undefined, edge: number) => value !== undefined && Math.abs(value - edge) < 10;
  const [iat, exp] = [at(recipe.iat), at(recipe.exp)];
  return (
    !near(iat, t + TOLERANCE) &&
    !near(iat, t - MAX_AGE - TOLERANCE) &&
    !near(exp, t - TOLERANCE) &&
    (recipe.nbf === null || Math.abs(recipe.nbf - TOLERANCE) >= 10)
  );
}
