/**
 * Established customers: enough visits over enough days, or an order. Only
 * they may be shown offers that visibly use what the shop knows.
 */
import type { Settings } from "../ruleset/RuleSet";
import type { Profile } from "./Profile";

export function daysSinceFirstVisit(profile: Profile, now: number): number {
  return Math.max(0, (now - profile.firstSeen) / 86_400);
}

export function isEstablished(profile: Profile, now: number, rule: Settings["established"]): boolean {
  return (
    profile.orders >= rule.minOrders ||
    (profile.visits >= rule.minVisits && daysSinceFirstVisit(profile, now) >= rule.minDays)
  );
}
