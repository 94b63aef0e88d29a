/**
 * Frequency caps: how often a rule may show itself to one shopper in a time
 * window. The counters live in the cookie, so capping needs no server state.
 */
import { MAX_CAPS, type Profile } from "./Profile";

export interface Cap {
  readonly impressions: number;
  readonly windowSeconds: number;
}

export function capAllows(profile: Profile, ruleId: string, cap: Cap, now: number): boolean {
  const [count, start] = profile.caps[ruleId] ?? [0, 0];
  return now - start >= cap.windowSeconds || count < cap.impressions;
}

/** Counts one impression, starting a new window when the last one is over. */
export function countImpression(profile: Profile, ruleId: string, cap: Cap, now: number): Profile {
  const [count, start] = profile.caps[ruleId] ?? [0, 0];
  const entry = now - start >= cap.windowSeconds ? ([1, now] as const) : ([count + 1, start] as const);
  // Keep the most recent windows; an older one has most likely run out.
  const caps = Object.entries({ ...profile.caps, [ruleId]: entry })
    .sort(([, [, a]], [, [, b]]) => b - a)
    .slice(0, MAX_CAPS);
  return { ...profile, caps: Object.fromEntries(caps) };
}

/** Drops counters whose window is over or whose rule is no longer capped. */
export function pruneCaps(profile: Profile, caps: ReadonlyMap<string, Cap>, now: number): Profile {
  const kept = Object.entries(profile.caps).filter(([ruleId, [, start]]) => {
    const cap = caps.get(ruleId);
    return cap !== undefined && now - start < cap.windowSeconds;
  });
  return kept.length === Object.keys(profile.caps).length ? profile : { ...profile, caps: Object.fromEntries(kept) };
}
