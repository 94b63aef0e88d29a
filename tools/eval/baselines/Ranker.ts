/**
 * A classic session-based algorithm as the evaluation runs it: a ranking of
 * items from the item on the page. POP, SR and item-kNN all rank from the
 * current view alone (as in Ludewig & Jannach 2018 for SR and item-kNN), so
 * the same ranking can be shown plain, or handed to tact as a product's
 * related items and picked the tactful way.
 */
import { type Recommender, byCurrentItem } from "../Recommender";

export interface Ranker {
  readonly name: string;
  /** Items best first, for a shopper on `item`'s page; the item itself may be among them. */
  rank(item: string): readonly string[];
}

/** The ranking, shown as it is: the top `size` for each size asked. */
export function plain(ranker: Ranker): Recommender {
  return byCurrentItem(ranker.name, (item) => ranker.rank(item));
}

/** Each item's ranking worked out once, the first time it is asked for. */
export function memoized(name: string, rank: (item: string) => string[]): Ranker {
  const known = new Map<string, string[]>();
  return {
    name,
    rank(item) {
      let ranking = known.get(item);
      if (!ranking) known.set(item, (ranking = rank(item)));
      return ranking;
    },
  };
}
