/**
 * Whether this browser may have a profile at all. The shopper's signals win:
 * a forget-me marker, `Sec-GPC: 1` (and `DNT: 1` where the shop says so) or,
 * when the shop requires it, a missing consent. Without a profile nothing is
 * learned, no cookie is written, and only contextual items (or nothing) show.
 */
import type { Settings } from "../ruleset/RuleSet";

/** The cookie value left by "forget me": no profile, no experiments. */
export const OPTED_OUT = "out";

export type NoProfileReason = "opted-out" | "gpc" | "dnt" | "no-consent";

export type Tracking = { readonly allowed: true } | { readonly allowed: false; readonly reason: NoProfileReason };

export interface Signals {
  readonly header: (name: string) => string | undefined;
  readonly cookie: (name: string) => string | undefined;
}

export function tracking(signals: Signals, tactCookie: string | undefined, privacy: Settings["privacy"]): Tracking {
  if (tactCookie === OPTED_OUT) return { allowed: false, reason: "opted-out" };
  if (signals.header("sec-gpc")?.trim() === "1") return { allowed: false, reason: "gpc" };
  if (privacy.honorDnt && signals.header("dnt")?.trim() === "1") return { allowed: false, reason: "dnt" };
  const { consent } = privacy;
  if (consent.mode === "required") {
    const value = signals.cookie(consent.cookie);
    if (value === undefined || !consent.accept.includes(value)) return { allowed: false, reason: "no-consent" };
  }
  return { allowed: true };
}
