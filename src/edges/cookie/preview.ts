/**
 * Signed preview tokens: a compact JWS (HS256, pinned) naming a rule and a
 * variant, with an expiry, made by `npm run rules -- preview-link` with the
 * TACT_PREVIEW_SECRET. HMAC verification is WebCrypto's, which compares in
 * constant time. A plain query string never forces anything. A token may also
 * carry `explain: true` (`preview-link --explain`): only then does the page
 * show why each block is there; the claim is signed like the others, so it
 * cannot be added to a link, nor shown to anyone without one.
 *
 * The Worker holds every token to the longest lifetime a link may have, from
 * when it was issued: a link signed for a year (by a script of one's own, or
 * a CLI without the limit) is refused, not honoured for a year.
 */
import { SignJWT, jwtVerify } from "jose";
import * as v from "valibot";
import { IdSchema } from "../../core/ruleset/vocabulary";

/** The browser-session cookie holding an accepted preview token. */
export const PREVIEW_COOKIE = "tact_preview";
/** Shortest accepted preview secret. */
export const MIN_PREVIEW_SECRET_LENGTH = 32;
/** Preview links are for trying a change out, not for handing around: at most a week. */
export const MAX_PREVIEW_SECONDS = 7 * 86_400;

export const PreviewClaimsSchema = v.pipe(
  v.object({
    rule: IdSchema,
    variant: IdSchema,
    explain: v.optional(v.literal(true)),
    iat: v.number(),
    exp: v.number(),
  }),
  v.check(({ iat, exp }) => exp - iat <= MAX_PREVIEW_SECONDS, "lasts longer than a preview may"),
);
export type Preview = v.InferOutput<typeof PreviewClaimsSchema>;

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function signPreview(
  preview: { rule: string; variant: string; explain?: boolean },
  secret: string,
  ttlSeconds: number,
  now: number,
): Promise<string> {
  if (secret.length < MIN_PREVIEW_SECRET_LENGTH) {
    throw new Error(`the preview secret must be at least ${MIN_PREVIEW_SECRET_LENGTH} characters`);
  }
  const claims = { rule: preview.rule, variant: preview.variant, ...(preview.explain ? { explain: true } : {}) };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256", typ: "tact-preview" })
    .setIssuedAt(now)
    .setExpirationTime(now + ttlSeconds)
    .sign(key(secret));
}

export type PreviewCheck =
  { ok: true; preview: Preview } | { ok: false; reason: "no-secret" | "expired" | "too-long" | "invalid" };

export async function verifyPreview(token: string, secret: string | undefined, now: number): Promise<PreviewCheck> {
  if (!secret || secret.length < MIN_PREVIEW_SECRET_LENGTH) return { ok: false, reason: "no-secret" };
  if (token.length > 2048) return { ok: false, reason: "invalid" };
  try {
    const { payload } = await jwtVerify(token, key(secret), {
      algorithms: ["HS256"],
      typ: "tact-preview",
      requiredClaims: ["exp", "iat"],
      currentDate: new Date(now * 1000),
    });
    if (typeof payload.exp === "number" && payload.exp - now > MAX_PREVIEW_SECONDS) {
      return { ok: false, reason: "too-long" };
    }
    const claims = v.safeParse(PreviewClaimsSchema, payload);
    if (claims.success) return { ok: true, preview: claims.output };
    return { ok: false, reason: claims.issues.some((issue) => issue.type === "check") ? "too-long" : "invalid" };
  } catch (error) {
    return { ok: false, reason: (error as { code?: string }).code === "ERR_JWT_EXPIRED" ? "expired" : "invalid" };
  }
}
