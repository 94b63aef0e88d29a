/**
 * What the evaluation asks of every recommender, tact and the baselines
 * alike: a shopper's session is replayed view by view, and on each page
 * viewed, what would it show?
 */

/** One session, replayed: a new shopper, nothing viewed yet. */
export interface SessionReplay {
  /**
   * The shopper views `item` at `time` (epoch seconds). Returns, for each
   * size asked, what the page would show: at most that many items, in the
   * order shown (for a ranking, its top; for tact, the block a rule of that
   * count shows).
   */
  view(item: string, time: number, sizes: readonly number[]): readonly (readonly string[])[];
}

export interface Recommender {
  readonly name: string;
  session(id: string): SessionReplay;
}

/** A recommender that ranks by the item on the page alone, as POP, SR and item-kNN do. */
export function byCurrentItem(name: string, ranking: (item: string) => readonly string[]): Recommender {
  return {
    name,
    session: () => ({
      view: (item, _time, sizes) => {
        const ranked = ranking(item);
        return sizes.map((size) => ranked.slice(0, size));
      },
    }),
  };
}
