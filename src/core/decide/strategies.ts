/**
 * Candidate items per strategy, best first. Each strategy reads only the
 * catalog entries named by catalogKeysFor, so one bulk read serves them all.
 */
import { type Card, POPULAR_KEY, categoryKey, itemKey } from "../catalog/Catalog";
import type { CatalogView } from "../catalog/CatalogView";
import type { PageContext } from "./classifyPage";
import { strongest } from "../profile/affinities";
import type { Profile } from "../profile/Profile";
import type { Strategy } from "../ruleset/RuleSet";

/** How many recent views, strongest categories or favourites a strategy looks at. */
export const RECENT_SOURCES = 4;
export const CATEGORY_SOURCES = 3;
export const USUAL_SOURCES = 4;
/** A view this many steps back counts RECENCY_DECAY times as much as the one after it. */
const RECENCY_DECAY = 0.6;
/** An item viewed in at least this many visits is "usual". */
export const USUAL_MIN_VISITS = 2;

export interface StrategyInput {
  readonly page: PageContext;
  /** Undefined when there is no profile to draw on. */
  readonly profile: Profile | undefined;
  /** Affinities decayed to now. */
  readonly affinities: Readonly<Record<string, number>>;
  readonly catalog: CatalogView;
}

export interface Candidate {
  readonly card: Card;
  readonly score: number;
}

/** Cards in list order, scored from 1 down to 0.5, times `weight`. */
function ranked(cards: readonly Card[], weight: number): Candidate[] {
  return cards.map((card, rank) => ({ card, score: weight * (1 - (0.5 * rank) / Math.max(1, cards.length)) }));
}

/** Adds up scores of the same item coming from several sources; best first. */
function merged(candidates: readonly Candidate[]): Candidate[] {
  const byId = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const previous = byId.get(candidate.card.id);
    byId.set(
      candidate.card.id,
      previous ? { card: previous.card, score: previous.score + candidate.score } : candidate,
    );
  }
  return [...byId.values()].sort((a, b) => b.score - a.score);
}

export function recentSources(profile: Profile | undefined): string[] {
  return profile ? profile.recent.slice(0, RECENT_SOURCES) : [];
}

export function affinitySources(affinities: Readonly<Record<string, number>>): [string, number][] {
  return strongest(affinities, CATEGORY_SOURCES);
}

export function usualSources(profile: Profile | undefined): string[] {
  if (!profile) return [];
  return Object.entries(profile.usual)
    .filter(([, [visits]]) => visits >= USUAL_MIN_VISITS)
    .sort(([, [a, la]], [, [b, lb]]) => b - a || lb - la)
    .slice(0, USUAL_SOURCES)
    .map(([id]) => id);
}

export function candidatesFor(strategy: Strategy, input: StrategyInput): Candidate[] {
  const { page, profile, catalog } = input;
  switch (strategy) {
    case "contextual":
      if (page.kind === "product") return ranked(catalog.item(itemKey(page.productId))?.related ?? [], 1);
      if (page.kind === "category") return ranked(catalog.list(categoryKey(page.slug))?.items ?? [], 1);
      return [];
    case "related":
      return merged(
        recentSources(profile).flatMap((id, step) =>
          ranked(catalog.item(itemKey(id))?.related ?? [], RECENCY_DECAY ** step),
        ),
      );
    case "affinity":
      return merged(
        affinitySources(input.affinities).flatMap(([slug, score]) =>
          ranked(catalog.list(categoryKey(slug))?.items ?? [], score),
        ),
      );
    case "preferences":
      return merged(
        (profile?.favourites ?? [])
          .slice(0, CATEGORY_SOURCES)
          .flatMap((slug, step) => ranked(catalog.list(categoryKey(slug))?.items ?? [], 1 - step * 0.1)),
      );
    case "popular":
      return ranked(catalog.list(POPULAR_KEY)?.items ?? [], 1);
    case "usual":
      return usualSources(profile).flatMap((id, rank) => {
        const card = catalog.item(itemKey(id))?.item;
        return card ? [{ card, score: 1 - rank * 0.1 }] : [];
      });
  }
}
