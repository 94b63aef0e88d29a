/**
 * Folds one page view into the profile. Pure: the same inputs always give the
 * same profile. What is learned depends on what the catalog said about the
 * page in time: a page whose sensitivity is unknown, or sensitive, moves only
 * the visit counters.
 */
import type { PageContext } from "../decide/classifyPage";
import { addAffinity, decayAffinities } from "./affinities";
import { MAX_RECENT_ITEMS, MAX_USUAL_ITEMS, type Profile, VISIT_GAP_SECONDS } from "./Profile";

/** What the catalog says about the page being viewed. */
export interface PageFacts {
  /** The category of the product on a product page. */
  readonly category: string | undefined;
  /** A sensitive product or category: nothing about it may be remembered. */
  readonly sensitive: boolean;
}

export interface LearningSettings {
  readonly halfLifeSeconds: number;
}

/**
 * The last page view is kept to the start of its ten minutes: a page that
 * teaches nothing new within a visit then leaves the cookie as it was, and
 * it need not be signed and sent again. A visit therefore ends after 20 to
 * 30 minutes without a page view, rather than exactly 30.
 */
export const LAST_SEEN_STEP_SECONDS = 600;

/** How much one view adds to a category's affinity. */
const PRODUCT_VIEW_WEIGHT = 1;
const CATEGORY_VIEW_WEIGHT = 0.5;

/**
 * `decayed`, when given, is the profile's affinities decayed to `now`
 * already (the page view decays them once, for every decision it makes).
 */
export function learnPageView(
  profile: Profile,
  page: PageContext,
  facts: PageFacts | undefined,
  now: number,
  settings: LearningSettings,
  decayed = decayAffinities(profile.affinities, profile.affinitiesAt, now, settings.halfLifeSeconds),
): Profile {
  const newVisit = profile.visits === 0 || now - profile.lastSeen > VISIT_GAP_SECONDS;
  const counted: Profile = {
    ...profile,
    visits: newVisit ? profile.visits + 1 : profile.visits,
    lastSeen: now - (now % LAST_SEEN_STEP_SECONDS),
  };
  if (page.kind === "conversion") {
    const newOrder = now - profile.lastOrderAt > VISIT_GAP_SECONDS;
    return newOrder ? { ...counted, orders: profile.orders + 1, lastOrderAt: now } : counted;
  }
  if (page.kind === "other" || !facts || facts.sensitive) return counted;

  const category = page.kind === "product" ? facts.category : page.slug;
  if (category === undefined || profile.avoided.includes(category)) {
    return page.kind === "product" ? { ...counted, recent: remember(counted.recent, page.productId) } : counted;
  }
  const weight = page.kind === "product" ? PRODUCT_VIEW_WEIGHT : CATEGORY_VIEW_WEIGHT;
  const learned: Profile = { ...counted, affinities: addAffinity(decayed, category, weight), affinitiesAt: now };
  if (page.kind !== "product") return learned;
  return {
    ...learned,
    recent: remember(learned.recent, page.productId),
    usual: countRevisit(learned.usual, page.productId, learned.visits),
  };
}

function remember(recent: readonly string[], productId: string): string[] {
  return [productId, ...recent.filter((id) => id !== productId)].slice(0, MAX_RECENT_ITEMS);
}

/**
 * Counts an item once per visit in which it is viewed. When the list is full
 * the item revisited longest ago makes room, so a new habit can take hold.
 */
function countRevisit(
  usual: Profile["usual"],
  productId: string,
  visit: number,
): Record<string, readonly [number, number]> {
  const [count, lastVisit] = usual[productId] ?? [0, 0];
  const next = {
    ...usual,
    [productId]: lastVisit === visit ? ([count, lastVisit] as const) : ([count + 1, visit] as const),
  };
  const kept = Object.entries(next)
    .sort(([, [a, la]], [, [b, lb]]) => lb - la || b - a)
    .slice(0, MAX_USUAL_ITEMS);
  return Object.fromEntries(kept);
}
