/**
 * Keeps the cookie small whatever the browsing history. Every list in the
 * profile is bounded already; this is the last word, trimming what matters
 * least first (what the last page showed, then the oldest views, the least
 * revisited items, the weakest affinities) until the payload fits. What the
 * shopper stated is never trimmed.
 */
import { strongest } from "./affinities";
import { type Profile, toClaims } from "./Profile";

/**
 * Payload JSON budget. With the JWS header, signature, base64url and the
 * iat/exp claims, a payload this size keeps `__Host-tact=<value>` under 1.2 KB.
 */
export const MAX_PAYLOAD_BYTES = 720;

const size = (profile: Profile): number => new TextEncoder().encode(JSON.stringify(toClaims(profile))).byteLength;

export function fitCookieBudget(profile: Profile, budget = MAX_PAYLOAD_BYTES): Profile {
  let fitted = profile;
  while (size(fitted) > budget) {
    if (fitted.shown.length > 0) {
      fitted = { ...fitted, shown: fitted.shown.slice(0, -1) };
    } else if (fitted.recent.length > 1) {
      fitted = { ...fitted, recent: fitted.recent.slice(0, -1) };
    } else if (Object.keys(fitted.usual).length > 0) {
      const entries = Object.entries(fitted.usual).sort(([, [a]], [, [b]]) => b - a);
      fitted = { ...fitted, usual: Object.fromEntries(entries.slice(0, -1)) };
    } else if (Object.keys(fitted.affinities).length > 0) {
      const kept = strongest(fitted.affinities, Object.keys(fitted.affinities).length - 1);
      fitted = { ...fitted, affinities: Object.fromEntries(kept) };
    } else if (fitted.recent.length > 0) {
      fitted = { ...fitted, recent: [] };
    } else {
      break;
    }
  }
  return fitted;
}
