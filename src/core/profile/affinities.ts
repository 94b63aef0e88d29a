/**
 * Category affinities decay exponentially: a view counts half as much after
 * one half-life. Decay is applied lazily, from the time stored with the scores,
 * whenever the profile is read or changed, so nothing runs in the background.
 */
import { MAX_AFFINITIES } from "./Profile";

/** Scores below this are forgotten. */
const FORGET_BELOW = 0.05;

export function decayAffinities(
  affinities: Readonly<Record<string, number>>,
  since: number,
  now: number,
  halfLifeSeconds: number,
): Record<string, number> {
  const factor = now > since ? 2 ** (-(now - since) / halfLifeSeconds) : 1;
  const decayed: Record<string, number> = {};
  for (const [slug, score] of Object.entries(affinities)) {
    const value = Math.round(score * factor * 100) / 100;
    if (value >= FORGET_BELOW) decayed[slug] = value;
  }
  return decayed;
}

/** Adds `weight` to a category and keeps only the strongest categories. */
export function addAffinity(
  affinities: Readonly<Record<string, number>>,
  slug: string,
  weight: number,
): Record<string, number> {
  const next = { ...affinities, [slug]: Math.round(((affinities[slug] ?? 0) + weight) * 100) / 100 };
  return Object.fromEntries(strongest(next, MAX_AFFINITIES));
}

/** Categories by falling score (ties by name, so the order is stable). */
export function strongest(affinities: Readonly<Record<string, number>>, limit: number): [string, number][] {
  return Object.entries(affinities)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, limit);
}
