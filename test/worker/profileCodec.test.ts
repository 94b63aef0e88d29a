import { SignJWT, base64url } from "jose";
import { describe, expect, it } from "vitest";
import { type KeyRing, loadKeyRing } from "../../src/edges/cookie/keyRing";
import type { Profile } from "../../src/core/profile/Profile";
import {
  MAX_COOKIE_VALUE_LENGTH,
  type VerifyFailure,
  signProfile,
  verifyProfile,
} from "../../src/edges/cookie/profileCodec";
import { DAY, T0, profile } from "../support/builders";

const K1 = "k1:dW5pdC10ZXN0LWtleS1mb3ItY29va2llLWJ1ZGdldCE";
const K2 = "k2:YW5vdGhlci11bml0LXRlc3Qta2V5LWZvci1jb29raWU";
const MAX_AGE = 30 * DAY;

async function ring(keys: string): Promise<KeyRing> {
  const loaded = await loadKeyRing(keys, false);
  if (!loaded.ok) throw new Error(loaded.reason);
  return loaded.ring;
}

const secret = (entry: string) => base64url.decode(entry.slice(entry.indexOf(":") + 1));

const shopper: Profile = profile({
  visits: 4,
  lastSeen: T0,
  recent: ["p1", "p2"],
  affinities: { tea: 1.5 },
  usual: { p1: [2, 4] },
  orders: 1,
  lastOrderAt: T0 - DAY,
  favourites: ["tea"],
  avoided: ["toys"],
  caps: { "spring-sale": [1, T0] },
});

describe("signProfile / verifyProfile", () => {
  it("round-trips a profile", async () => {
    const keys = await ring(K1);
    const token = await signProfile(shopper, keys, T0, MAX_AGE);
    expect(await verifyProfile(token, keys, T0 + DAY, MAX_AGE)).toEqual({
      ok: true,
      profile: shopper,
      issuedAt: expect.any(Number),
    });
  });

  it("verifies with an older key still in the ring after a rotation", async () => {
    const token = await signProfile(shopper, await ring(K1), T0, MAX_AGE);
    const rotated = await ring(`${K2},${K1}`);
    expect(rotated.signing.kid).toBe("k2");
    expect(await verifyProfile(token, rotated, T0, MAX_AGE)).toEqual({
      ok: true,
      profile: shopper,
      issuedAt: expect.any(Number),
    });
  });

  it.each<[string, (token: string) => Promise<string> | string, number, VerifyFailure]>([
    ["an oversized value", () => "a".repeat(MAX_COOKIE_VALUE_LENGTH + 1), T0, "oversized"],
    ["garbage", () => "not-a-token", T0, "malformed"],
    ["an empty value", () => "", T0, "malformed"],
    ["a changed payload", (token) => tamper(token), T0, "bad-signature"],
    ["a key the ring does not hold", async () => signProfile(shopper, await ring(K2), T0, MAX_AGE), T0, "unknown-key"],
    [
      "another secret under the same kid",
      () => sign({ v: 1, id: shopper.id, vis: 1, fs: T0, ls: T0 }, { kid: "k1", key: secret(K2) }),
      T0,
      "bad-signature",
    ],
    [
      "another algorithm",
      () => sign({ v: 1, id: shopper.id, vis: 1, fs: T0, ls: T0 }, { alg: "HS512" }),
      T0,
      "wrong-algorithm",
    ],
    ["an expired token", (token) => token, T0 + MAX_AGE + 120, "expired"],
    ["a token issued in the future", (token) => token, T0 - 3600, "bad-claims"],
    ["a payload of another version", () => sign({ v: 2, id: shopper.id, vis: 1, fs: T0, ls: T0 }), T0, "bad-payload"],
    ["a payload with a bad id", () => sign({ v: 1, id: "short", vis: 1, fs: T0, ls: T0 }), T0, "bad-payload"],
    [
      "a payload with too many recent items",
      () => sign({ v: 1, id: shopper.id, vis: 1, fs: T0, ls: T0, rv: Array.from({ length: 9 }, (_, i) => `p${i}`) }),
      T0,
      "bad-payload",
    ],
  ])("refuses %s", async (_name, make, now, reason) => {
    const keys = await ring(K1);
    const token = await make(await signProfile(shopper, keys, T0, MAX_AGE));
    expect(await verifyProfile(token, keys, now, MAX_AGE)).toEqual({ ok: false, reason });
  });
});

function sign(payload: Record<string, unknown>, options: { kid?: string; key?: Uint8Array; alg?: string } = {}) {
  return new SignJWT(payload)
    .setProtectedHeader({ alg: options.alg ?? "HS256", kid: options.kid ?? "k1" })
    .setIssuedAt(T0)
    .setExpirationTime(T0 + MAX_AGE)
    .sign(options.key ?? secret(K1));
}

function tamper(token: string): string {
  const [header, payload, signature] = token.split(".");
  const claims = JSON.parse(new TextDecoder().decode(base64url.decode(payload!))) as Record<string, unknown>;
  const changed = base64url.encode(JSON.stringify({ ...claims, vis: 999 }));
  return `${header}.${changed}.${signature}`;
}
