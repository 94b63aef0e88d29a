/**
 * POP: the items viewed most in training, the same list for everyone. The
 * floor any recommender must clear.
 */
import type { Session } from "../data/Session";
import { countViews, rankItems } from "./rankItems";
import type { Ranker } from "./Ranker";

export function popular(train: readonly Session[]): Ranker {
  const views = countViews(train);
  const ranking = rankItems(views, views);
  return { name: "pop", rank: () => ranking };
}
