/**
 * Reads this browser's profile from its cookie, honouring the shopper's
 * signals first. A cookie that does not verify gives a fresh profile.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { log } from "../log";
import type { Settings } from "../../core/ruleset/RuleSet";
import { type KeyRing, isLoopbackHost } from "./keyRing";
import { type Profile, freshProfile } from "../../core/profile/Profile";
import { newShopperId } from "./newShopperId";
import { readProfileCookie, readsLegacyCookie } from "./profileCookie";
import { verifyProfile } from "./profileCodec";
import { type NoProfileReason, tracking } from "../../core/profile/tracking";

export type ProfileState =
  | {
      readonly kind: "profile";
      readonly profile: Profile;
      /** When the cookie it came from was signed; undefined for a profile made now. */
      readonly issuedAt: number | undefined;
      /** It came under the cookie's old name, and must be written anew under the new one. */
      readonly legacy?: boolean;
    }
  | { readonly kind: "none"; readonly reason: NoProfileReason };

export async function readProfileState(
  c: Context,
  ring: KeyRing,
  now: number,
  maxAgeSeconds: number,
  privacy: Settings["privacy"],
): Promise<ProfileState> {
  const url = new URL(c.req.url);
  const token = readProfileCookie(c, url, isLoopbackHost(url.hostname));
  const allowed = tracking(
    { header: (name) => c.req.header(name), cookie: (name) => getCookie(c, name) },
    token,
    privacy,
  );
  if (!allowed.allowed) return { kind: "none", reason: allowed.reason };
  if (token === undefined) return { kind: "profile", profile: freshProfile(now, newShopperId()), issuedAt: undefined };
  const verified = await verifyProfile(token, ring, now, maxAgeSeconds);
  if (verified.ok) {
    const legacy = readsLegacyCookie(c, url, isLoopbackHost(url.hostname));
    return { kind: "profile", profile: verified.profile, issuedAt: verified.issuedAt, legacy };
  }
  log.info("cookie.rejected", { reason: verified.reason });
  return { kind: "profile", profile: freshProfile(now, newShopperId()), issuedAt: undefined };
}
