/**
 * Item-kNN (as in Hidasi et al. 2016 and Ludewig & Jannach 2018): two items
 * are as similar as the cosine of their vectors over training sessions, with
 * shrinkage, and the items most similar to the current view come first:
 *
 *   sim(a, b) = sessions with both / sqrt((sessions with a + λ) × (sessions with b + λ))
 *
 * λ (shrinkage) keeps two items seen once, together, from looking as alike as
 * two items seen together a hundred times: with λ = 20 the first pair scores
 * 1/21, the second about 0.83.
 */
import type { Session } from "../data/Session";
import { countViews, rankItems } from "./rankItems";
import { type Ranker, memoized } from "./Ranker";

export const SHRINKAGE = 20;

export function itemKnn(train: readonly Session[], shrinkage = SHRINKAGE): Ranker {
  const baskets = train.map((session) => [...new Set(session.items)]);
  const basketsOf = new Map<string, number[]>();
  baskets.forEach((basket, index) => {
    for (const item of basket) {
      const list = basketsOf.get(item);
      if (list) list.push(index);
      else basketsOf.set(item, [index]);
    }
  });
  const support = (item: string) => basketsOf.get(item)?.length ?? 0;

  function similar(item: string): Map<string, number> {
    const together = new Map<string, number>();
    for (const index of basketsOf.get(item) ?? []) {
      for (const other of baskets[index] ?? []) {
        if (other !== item) together.set(other, (together.get(other) ?? 0) + 1);
      }
    }
    const scores = new Map<string, number>();
    for (const [other, both] of together) {
      scores.set(other, both / Math.sqrt((support(item) + shrinkage) * (support(other) + shrinkage)));
    }
    return scores;
  }

  const views = countViews(train);
  return memoized("iknn", (item) => rankItems(similar(item), views));
}
