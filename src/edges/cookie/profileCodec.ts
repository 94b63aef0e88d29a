/**
 * Signs and verifies the profile cookie: a compact JWS (HS256, pinned) with a
 * `kid` header naming the key that signed it. Every failure is a tagged reason,
 * never an exception: the caller starts a fresh profile whatever went wrong.
 */
import { CompactSign, errors, jwtVerify } from "jose";
import * as v from "valibot";
import type { KeyRing } from "./keyRing";
import { type Profile, ProfileClaimsSchema, fromClaims, toClaims } from "../../core/profile/Profile";

/** Browsers drop cookies over 4096 bytes; anything longer was not made here. */
export const MAX_COOKIE_VALUE_LENGTH = 4096;
/** Allowed clock skew between edge locations, in seconds. */
const CLOCK_TOLERANCE_SECONDS = 60;

const encoder = new TextEncoder();

export type VerifyFailure =
  | "oversized"
  | "malformed"
  | "wrong-algorithm"
  | "unknown-key"
  | "bad-signature"
  | "expired"
  | "bad-claims"
  | "bad-payload";

export type VerifyResult =
  | { ok: true; profile: Profile; /** When the cookie was signed, epoch seconds. */ issuedAt: number }
  | { ok: false; reason: VerifyFailure };

export async function signProfile(
  profile: Profile,
  ring: KeyRing,
  now: number,
  maxAgeSeconds: number,
): Promise<string> {
  // The claims are plain data made here, so they are signed as they are; SignJWT
  // would first deep-copy them, which costs more than the signature itself.
  const claims = { ...toClaims(profile), iat: now, exp: now + maxAgeSeconds };
  return new CompactSign(encoder.encode(JSON.stringify(claims)))
    .setProtectedHeader({ alg: "HS256", kid: ring.signing.kid })
    .sign(ring.signing.key);
}

export async function verifyProfile(
  token: string,
  ring: KeyRing,
  now: number,
  maxAgeSeconds: number,
): Promise<VerifyResult> {
  if (token.length > MAX_COOKIE_VALUE_LENGTH) return { ok: false, reason: "oversized" };
  let payload: unknown;
  try {
    const verified = await jwtVerify(
      token,
      (header) => {
        const key = header.kid === undefined ? undefined : ring.byKid.get(header.kid);
        if (!key) throw new errors.JWKSNoMatchingKey();
        return key;
      },
      {
        algorithms: ["HS256"],
        requiredClaims: ["iat", "exp"],
        maxTokenAge: maxAgeSeconds,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now * 1000),
      },
    );
    payload = verified.payload;
  } catch (error) {
    return { ok: false, reason: failureOf(error) };
  }
  const claims = v.safeParse(ProfileClaimsSchema, payload);
  if (!claims.success) return { ok: false, reason: "bad-payload" };
  // requiredClaims has made sure of iat.
  const issuedAt = Number((payload as { iat?: unknown }).iat);
  return { ok: true, profile: fromClaims(claims.output), issuedAt };
}

function failureOf(error: unknown): VerifyFailure {
  if (!(error instanceof errors.JOSEError)) return "malformed";
  switch (error.code) {
    case errors.JOSEAlgNotAllowed.code:
      return "wrong-algorithm";
    case errors.JWKSNoMatchingKey.code:
      return "unknown-key";
    case errors.JWSSignatureVerificationFailed.code:
      return "bad-signature";
    case errors.JWTExpired.code:
      return "expired";
    case errors.JWTClaimValidationFailed.code:
      return "bad-claims";
    default:
      return "malformed";
  }
}
