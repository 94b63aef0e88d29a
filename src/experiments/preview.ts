/**
 * Signed preview tokens: a compact JWS (HS256, pinned) naming a rule and a
 * variant, with an expiry, made by `npm run rules -- preview-link` with the
 * TACT_PREVIEW_SECRET. HMAC verification is WebCrypto's, which compares in
 * constant time. A plain query string never forces anything.
 */
import { SignJWT, jwtVerify } from "jose";
import * as v from "valibot";
import { IdSchema } from "../rules/vocabulary";

/** The browser-session cookie holding an accepted preview token. */
export const PREVIEW_COOKIE = "tact_preview";
/** Shortest accepted preview secret. */
export const MIN_PREVIEW_SECRET_LENGTH = 32;

export const PreviewClaimsSchema = v.object({ rule: IdSchema, variant: IdSchema, exp: v.number() });
export type Preview = v.InferOutput<typeof PreviewClaimsSchema>;

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signPreview(
  preview: { rule: string; variant: string },
  secret: string,
  ttlSeconds: number,
  now: number,
): Promise<string> {
  if (secret.length < MIN_PREVIEW_SECRET_LENGTH) {
    throw new Error(`the preview secret must be at least ${MIN_PREVIEW_SECRET_LENGTH} characters`);
  }
  return new SignJWT({ rule: preview.rule, variant: preview.variant })
    .setProtectedHeader({ alg: "HS256", typ: "tact-preview" })
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(key(secret));
}

export type PreviewCheck = { ok: true; preview: Preview } | { ok: false; reason: "no-secret" | "expired" | "invalid" };

export async function verifyPreview(token: string, secret: string | undefined, now: number): Promise<PreviewCheck> {
  if (!secret || secret.length < MIN_PREVIEW_SECRET_LENGTH) return { ok: false, reason: "no-secret" };
  if (token.length > 2048) return { ok: false, reason: "invalid" };
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      typ: "tact-preview",
      requiredClaims: ["exp"],
      currentDate: new Date(now * 1000),
    });
    const claims = v.safeParse(PreviewClaimsSchema, payload);
    return claims.success ? { ok: true, preview: claims.output } : { ok: false, reason: "invalid" };
  } catch (error) {
    return { ok: false, reason: (error as { code?: string }).code === "ERR_JWT_EXPIRED" ? "expired" : "invalid" };
  }
}
