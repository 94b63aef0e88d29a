/**
 * Hostile profile cookies, generated. cookie.test.ts has one example of each
 * kind; these are the properties behind them: whatever the `tact` cookie
 * holds, the page comes back 200, whole and personalized, and the profile is
 * either exactly the one tact signed or a fresh one.
 *
 * Each kind of input is checked twice: many cases against verifyProfile
 * directly (cheap, so the oracle is exercised hard), and a sample of all kinds
 * mixed together through the Worker's fetch (cookie parsing, the page, the
 * re-signed cookie).
 */
import fc from "fast-check";
import { base64url, decodeJwt } from "jose";
import * as v from "valibot";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type KeyRing, loadKeyRing } from "../../src/edges/cookie/keyRing";
import { ProfileClaimsSchema } from "../../src/core/profile/Profile";
import { MAX_COOKIE_VALUE_LENGTH, verifyProfile } from "../../src/edges/cookie/profileCodec";
import { get, putRuleSet, rule, ruleset, standardCatalog, tactCookie } from "../support/harness";
import { NEXT_KEY, PREV_KEY, TEST_KEYS } from "../support/testKeys";

const PAGE = "/__test/product/p1";
const PLANTED = "AAAAAAAAAAAAAAAAAAAAAA";
/** Cases per kind against verifyProfile, and cases through the Worker. */
const DIRECT_RUNS = 250;
const WORKER_RUNS = 120;
const DAY = 86_400;
/** COOKIE_MAX_AGE_DAYS as wrangler.toml sets it. */
const MAX_AGE = 180 * DAY;
/** jose's clockTolerance in profileCodec; generated times keep clear of it. */
const TOLERANCE = 60;

const now = () => Math.floor(Date.now() / 1000);
const encode = (value: unknown) => base64url.encode(typeof value === "string" ? value : JSON.stringify(value));
const secretOf = (entry: string) => base64url.decode(entry.slice(entry.indexOf(":") + 1));
const NEXT = secretOf(NEXT_KEY);
const PREV = secretOf(PREV_KEY);
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const t = now();
  return { v: 1, id: PLANTED, vis: 3, fs: t - DAY, ls: t - 60, rv: ["p7"], iat: t - 60, exp: t + DAY, ...overrides };
}

type Hash = "SHA-256" | "SHA-384" | "SHA-512";

async function hmac(hash: Hash, key: Uint8Array, input: string): Promise<string> {
  const imported = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash }, false, ["sign"]);
  return base64url.encode(new Uint8Array(await crypto.subtle.sign("HMAC", imported, new TextEncoder().encode(input))));
}

/** A compact JWS with any header and payload (a string is sent as it is, not as JSON). */
async function token(header: unknown, payload: unknown, key = NEXT, hash: Hash = "SHA-256"): Promise<string> {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${await hmac(hash, key, input)}`;
}

const signed = (payload: unknown = claims()) => token({ alg: "HS256", kid: "next" }, payload);

/** What tact must make of a cookie: a fresh profile, this profile, or (same signed bytes) either. */
type Expected =
  { readonly kind: "fresh" } | { readonly kind: "kept"; readonly id: string } | { readonly kind: "either" };

interface Case {
  /** The whole Cookie header. */
  readonly header: string;
  /** The tact cookie's value, when the case is about that value alone. */
  readonly value?: string;
  readonly expected: Expected;
}

const FRESH: Expected = { kind: "fresh" };
const KEPT: Expected = { kind: "kept", id: PLANTED };
const one = (value: string, expected: Expected): Case => ({ header: `__Host-tact=${value}`, value, expected });

// ---- Generators. Each yields a recipe; `build` turns it into a Case (signing is async).

/**
 * Bytes a Cookie header can carry: tab and visible ASCII. (Control characters
 * are refused by the origin's HTTP parser before tact matters; non-ASCII text
 * comes in percent-encoded, below.)
 */
const fieldBytes = (maxLength: number) =>
  fc.uint8Array({ maxLength }).map((bytes) =>
    String.fromCharCode(
      ...bytes.map((byte) => {
        const b = byte & 0x7f;
        return b < 0x20 && b !== 0x09 ? b + 0x40 : b === 0x7f ? 0x3f : b;
      }),
    ),
  );

const forgetMarker = /(^|;)\s*__Host-tact=\s*"?out"?\s*(;|$)/;

const randomValue = fc
  .oneof(fieldBytes(5000), fc.string({ maxLength: 300 }).map(encodeURIComponent))
  .filter((value) => !forgetMarker.test(`__Host-tact=${value}`))
  .map((value) => ({ kind: "random" as const, value }));

const randomHeader = fieldBytes(600)
  .filter((header) => !forgetMarker.test(header))
  .map((header) => ({ kind: "header" as const, header }));

const BASE64URL = [..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"];

/** Edits of a valid token, as functions of it (the token is made per run). */
const mutation = fc.oneof(
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

function mutate(original: string, op: string, at: number, text: string): string {
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
function sameSignedBytes(original: string, mutated: string): boolean {
  const [a, b] = [original.split("."), mutated.split(".")];
  if (a.length !== 3 || b.length !== 3 || a[0] !== b[0] || a[1] !== b[1]) return false;
  try {
    return sameBytes(base64url.decode(a[2]!), base64url.decode(b[2]!));
  } catch {
    return false;
  }
}

const algorithm = fc.record({
  kind: fc.constant("alg" as const),
  alg: fc.oneof(
    fc.constantFrom<unknown>("none", "None", "NONE", "nOnE", "HS384", "HS512", "RS256", "ES256", "PS256", "EdDSA"),
    fc.constantFrom<unknown>("hs256", "HS256 ", "", null, 256, ["HS256"], { alg: "HS256" }),
  ),
  signing: fc.constantFrom("SHA-256", "SHA-384", "SHA-512", "empty", "garbage"),
  kid: fc.constantFrom("next", "prev"),
});

const foreignKey = fc.record({
  kind: fc.constant("foreign" as const),
  key: fc.uint8Array({ minLength: 32, maxLength: 64 }).filter((key) => !sameBytes(key, NEXT) && !sameBytes(key, PREV)),
  kid: fc.constantFrom("next", "prev", "attacker"),
  pointer: fc.constantFrom("jwk", "jku", "x5u", "none"),
});

const keyId = fc.record({
  kind: fc.constant("kid" as const),
  kid: fc.oneof(
    fc.constantFrom<unknown>("next", "prev", "__proto__", "constructor", "toString", "NEXT", "next ", "next\u0000"),
    fc.string({ maxLength: 40 }),
    fc.constantFrom<unknown>(7, null, undefined, ["next"], { next: true }),
  ),
});

const instant = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: -400 * DAY, max: 400 * DAY }).map((offset) => ({ offset })) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(null, "0", "now", true, [], {}, -1, 0, 1e15, 1.5) },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

const times = fc.record({
  kind: fc.constant("times" as const),
  iat: instant,
  exp: instant,
  nbf: fc.option(fc.integer({ min: -DAY, max: DAY })),
});

const size = fc.record({ kind: fc.constant("size" as const), target: fc.integer({ min: 3000, max: 9000 }) });

const CLAIMS = ["v", "id", "vis", "fs", "ls", "rv", "af", "at", "us", "or", "pf", "pa", "fc", "__proto__"];

const payload = fc.record({
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

type Recipe =
  | { kind: "random"; value: string }
  | { kind: "header"; header: string }
  | { kind: "mutate"; op: string; at: number; text: string }
  | { kind: "alg"; alg: unknown; signing: string; kid: string }
  | { kind: "foreign"; key: Uint8Array; kid: string; pointer: string }
  | { kind: "kid"; kid: unknown }
  | { kind: "times"; iat: unknown; exp: unknown; nbf: number | null }
  | { kind: "size"; target: number }
  | { kind: "payload"; body: { json: unknown } | { raw: string } | { claim: string; value: unknown } };

async function build(recipe: Recipe): Promise<Case> {
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
function clearOfEdges(recipe: Recipe): boolean {
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

// ---- Checks.

let ring: KeyRing;

async function checkDirect(testCase: Case): Promise<void> {
  if (testCase.value === undefined) return;
  const result = await verifyProfile(testCase.value, ring, now(), MAX_AGE);
  const { expected } = testCase;
  if (expected.kind === "fresh") expect(result).toMatchObject({ ok: false });
  else if (expected.kind === "kept") expect(result.ok && result.profile.id).toBe(expected.id);
  else if (result.ok) expect(result.profile.id).toBe(PLANTED);
}

/**
 * One page view with this Cookie header. A page tact could not start on within
 * its deadline (a busy machine) is served untouched, as designed; that is no
 * answer about the cookie, so the view is tried again, at most twice.
 */
async function visit(header: string): Promise<{ response: Response; html: string }> {
  for (let attempt = 1; ; attempt++) {
    const response = await get(PAGE, { headers: { cookie: header } });
    expect(response.status).toBe(200);
    const html = await response.text();
    if (attempt === 3 || html.includes("data-tact-rule") || tactCookie(response) !== undefined)
      return { response, html };
  }
}

async function checkThroughWorker(testCase: Case): Promise<void> {
  const { response, html } = await visit(testCase.header);
  expect(html).toContain('data-tact-rule="test-rule"');
  expect(html.trimEnd().endsWith("</html>")).toBe(true);
  const value = tactCookie(response);
  expect(value).toBeDefined();
  const payload = decodeJwt(value!);
  const fresh = payload.vis === 1 && JSON.stringify(payload.rv) === '["p1"]';
  const { expected } = testCase;
  if (expected.kind === "fresh") {
    expect(fresh).toBe(true);
    expect(payload.id).not.toBe(PLANTED);
  } else if (expected.kind === "kept") {
    expect(payload.id).toBe(expected.id);
    expect(payload.rv).toContain("p1");
  } else if (!fresh) {
    expect(payload.id).toBe(PLANTED);
  }
}

/** Runs a kind against verifyProfile; `both` also requires that some cases were kept and some refused. */
async function directly(arbitrary: fc.Arbitrary<Recipe>, both = false): Promise<void> {
  const seen = { fresh: 0, kept: 0, either: 0 };
  await fc.assert(
    fc.asyncProperty(arbitrary, async (recipe) => {
      fc.pre(clearOfEdges(recipe));
      const testCase = await build(recipe);
      seen[testCase.expected.kind] += 1;
      await checkDirect(testCase);
    }),
    { numRuns: DIRECT_RUNS },
  );
  if (both) expect(Math.min(seen.fresh, seen.kept)).toBeGreaterThan(0);
}

beforeEach(async () => {
  // Every rejected cookie logs a line; thousands of them say nothing here.
  vi.spyOn(console, "log").mockImplementation(() => {});
  vi.spyOn(console, "warn").mockImplementation(() => {});
  const loaded = await loadKeyRing(TEST_KEYS, false);
  if (!loaded.ok) throw new Error(loaded.reason);
  ring = loaded.ring;
  await standardCatalog();
  await putRuleSet(ruleset([rule()]));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("hostile profile cookies, against verifyProfile", () => {
  it("random bytes give a fresh profile", () => directly(randomValue));
  it("a truncated, padded or altered token gives a fresh profile, unless it still spells the signed bytes", () =>
    directly(mutation));
  it("any algorithm but HS256 is refused: none, other HMACs, asymmetric names, odd types", () => directly(algorithm));
  it("a token signed with a key of its own choosing is refused, whatever key it embeds or points to", () =>
    directly(foreignKey));
  it("only a key id tact holds, signed with that key, is accepted", () => directly(keyId, true));
  it("expired, future-dated, too old or oddly typed times are refused; current ones are kept", () =>
    directly(times, true));
  it(`a cookie over ${MAX_COOKIE_VALUE_LENGTH} characters is refused, one within it kept`, () => directly(size, true));
  it("a valid signature over an invalid payload gives a fresh profile; over a valid one, that profile", async () => {
    await directly(payload, true);
    // JSON.parse makes "__proto__" an own key; nothing may reach Object.prototype.
    const polluting = await signed(JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(claims()).slice(1)}`));
    await checkDirect(one(polluting, KEPT));
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("hostile profile cookies, through the Worker", () => {
  it("every kind, mixed: a 200 page, whole and personalized, with the profile the oracle names", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(randomValue, randomHeader, mutation, algorithm, foreignKey, keyId, times, size, payload),
        async (recipe) => {
          fc.pre(clearOfEdges(recipe));
          await checkThroughWorker(await build(recipe));
        },
      ),
      { numRuns: WORKER_RUNS },
    );
  }, 60_000);

  it("duplicated cookie names: the first readable one counts, never a mix", async () => {
    const valid = await signed();
    const expired = await signed(claims({ iat: now() - 3 * DAY, exp: now() - 2 * DAY }));
    const [h, , s] = valid.split(".");
    const tampered = `${h}.${encode(claims({ id: "BBBBBBBBBBBBBBBBBBBBBB" }))}.${s}`;
    const values = { valid, expired, tampered, garbage: "not-a-token", empty: "", quoted: `"${valid}"`, out: "out" };
    const names = Object.keys(values) as (keyof typeof values)[];
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.constantFrom(...names), { minLength: 2, maxLength: 4 }),
        fc.boolean(),
        async (picked, others) => {
          const pairs = picked.map((name) => `__Host-tact=${values[name]}`);
          if (others) pairs.splice(1, 0, "session=abc", "tact_other=1");
          const first = picked[0]!;
          if (first === "out") {
            // The forget-me marker: the page is served and no profile is written.
            const { response } = await visit(pairs.join("; "));
            expect(tactCookie(response)).toBeUndefined();
            return;
          }
          const expected = first === "valid" || first === "quoted" ? KEPT : FRESH;
          await checkThroughWorker({ header: pairs.join("; "), expected });
        },
      ),
      { numRuns: 40 },
    );
  }, 30_000);
});
