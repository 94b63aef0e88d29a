/**
 * Folds one page view into the profile. Pure: the same profile, page and clock
 * always give the same result.
 */
import type { PageContext } from "../page/classifyPage";
import { MAX_RECENT_ITEMS, type Profile, VISIT_GAP_SECONDS } from "./Profile";

export function learnPageView(profile: Profile, page: PageContext, now: number): Profile {
  const newVisit = profile.visits === 0 || now - profile.lastSeen > VISIT_GAP_SECONDS;
  const recent =
    page.kind === "product"
      ? [page.productId, ...profile.recent.filter((id) => id !== page.productId)].slice(0, MAX_RECENT_ITEMS)
      : profile.recent;
  return {
    ...profile,
    visits: newVisit ? profile.visits + 1 : profile.visits,
    lastSeen: now,
    recent,
  };
}
