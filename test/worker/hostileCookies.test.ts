/**
 * Hostile profile cookies, generated. cookie.test.ts has one example of each
 * kind; these are the properties behind them: whatever the `tact` cookie
 * holds, the profile is either exactly the one tact signed or a fresh one.
 *
 * Each kind of input is checked here with many cases against verifyProfile
 * directly (cheap, so the oracle is exercised hard); hostileCookiesWorker.test.ts
 * sends a sample of all kinds mixed together through the Worker's fetch.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { type KeyRing, loadKeyRing } from "../../src/edges/cookie/keyRing";
import { MAX_COOKIE_VALUE_LENGTH, verifyProfile } from "../../src/edges/cookie/profileCodec";
import { TEST_KEYS } from "../support/testKeys";
import {
  type Case,
  claims,
  DIRECT_RUNS,
  KEPT,
  MAX_AGE,
  now,
  one,
  PLANTED,
  quietShop,
  signed,
} from "./hostileCookieCases";
import {
  algorithm,
  build,
  clearOfEdges,
  foreignKey,
  keyId,
  mutation,
  payload,
  randomValue,
  type Recipe,
  size,
  times,
} from "./hostileCookieRecipes";

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
  await quietShop();
  const loaded = await loadKeyRing(TEST_KEYS, false);
  if (!loaded.ok) throw new Error(loaded.reason);
  ring = loaded.ring;
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
