/**
 * The catalog keys a page view needs: the page's own entry (to learn from it
 * and for contextual items) and whatever the candidate rules' strategies read.
 * One bulk read fetches them all.
 */
import { POPULAR_KEY, categoryKey, itemKey } from "../catalog/Catalog";
import type { PageContext } from "./classifyPage";
import type { Profile } from "../profile/Profile";
import type { Strategy } from "../ruleset/RuleSet";
import { affinitySources, CATEGORY_SOURCES, recentSources, usualSources } from "./strategies";

/** KV's bulk get takes at most 100 keys. */
const MAX_KEYS = 100;

export function pageKey(page: PageContext): string | undefined {
  if (page.kind === "product") return itemKey(page.productId);
  if (page.kind === "category") return categoryKey(page.slug);
  return undefined;
}

export function catalogKeysFor(
  page: PageContext,
  profile: Profile | undefined,
  affinities: Readonly<Record<string, number>>,
  strategies: ReadonlySet<Strategy>,
): string[] {
  const keys = new Set<string>();
  const own = pageKey(page);
  if (own) keys.add(own);
  if (strategies.has("related")) for (const id of recentSources(profile)) keys.add(itemKey(id));
  if (strategies.has("affinity")) for (const [slug] of affinitySources(affinities)) keys.add(categoryKey(slug));
  if (strategies.has("preferences")) {
    for (const slug of (profile?.favourites ?? []).slice(0, CATEGORY_SOURCES)) keys.add(categoryKey(slug));
  }
  if (strategies.has("usual")) for (const id of usualSources(profile)) keys.add(itemKey(id));
  if (strategies.has("popular")) keys.add(POPULAR_KEY);
  return [...keys].slice(0, MAX_KEYS);
}
