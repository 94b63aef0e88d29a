/**
 * Running counts for one recommender over one kind of next item (all, or new
 * ones), and the figures they give: HR@4 (was the next item in the block of
 * 4?), HR@10, and MRR@20 (1/rank of the next item in a list of 20, 0 when it
 * is not there).
 */
import { type Interval, meanInterval, proportionInterval } from "./intervals";

export const CUTOFFS = { hr4: 4, hr10: 10, mrr20: 20 } as const;
/** The sizes a recommender is asked for, one list per cut-off. */
export const LIST_SIZES = [CUTOFFS.hr4, CUTOFFS.hr10, CUTOFFS.mrr20] as const;

export interface Tally {
  predictions: number;
  /** Predictions where the block of 4 was not empty. */
  shown: number;
  hits4: number;
  hits10: number;
  reciprocalRanks: number;
  squaredReciprocalRanks: number;
  /** 1 or 0 per prediction, in replay order: two recommenders judged on the same predictions can be paired. */
  readonly blockHits: number[];
}

export interface Figures {
  readonly predictions: number;
  /** Share of predictions with something shown in the block of 4 (tact may show nothing). */
  readonly shown: number;
  readonly hr4: number;
  readonly hr10: number;
  readonly mrr20: number;
  readonly interval: { readonly hr4: Interval; readonly hr10: Interval; readonly mrr20: Interval };
}

export function emptyTally(): Tally {
  return {
    predictions: 0,
    shown: 0,
    hits4: 0,
    hits10: 0,
    reciprocalRanks: 0,
    squaredReciprocalRanks: 0,
    blockHits: [],
  };
}

/** Counts one prediction: the lists shown for 4, 10 and 20 items, and the item that came next. */
export function record(
  tally: Tally,
  lists: readonly [readonly string[], readonly string[], readonly string[]],
  next: string,
): void {
  const [four, ten, twenty] = lists;
  tally.predictions += 1;
  if (four.length > 0) tally.shown += 1;
  const hit = four.slice(0, CUTOFFS.hr4).includes(next) ? 1 : 0;
  tally.hits4 += hit;
  tally.blockHits.push(hit);
  if (ten.slice(0, CUTOFFS.hr10).includes(next)) tally.hits10 += 1;
  const rank = twenty.slice(0, CUTOFFS.mrr20).indexOf(next) + 1;
  if (rank > 0) {
    tally.reciprocalRanks += 1 / rank;
    tally.squaredReciprocalRanks += 1 / (rank * rank);
  }
}

export function figures(tally: Tally): Figures {
  const n = tally.predictions;
  const rate = (count: number) => (n > 0 ? count / n : Number.NaN);
  return {
    predictions: n,
    shown: rate(tally.shown),
    hr4: rate(tally.hits4),
    hr10: rate(tally.hits10),
    mrr20: rate(tally.reciprocalRanks),
    interval: {
      hr4: proportionInterval(tally.hits4, n),
      hr10: proportionInterval(tally.hits10, n),
      mrr20: meanInterval(tally.reciprocalRanks, tally.squaredReciprocalRanks, n),
    },
  };
}

/**
 * The difference in HR@4 between two recommenders judged on the same
 * predictions, with its 95% interval. Paired: each prediction gives −1, 0 or
 * +1, and the interval is that of their mean, much narrower than two separate
 * intervals would suggest, since both face the same sessions.
 */
export function pairedChange(variant: Tally, base: Tally): { readonly change: number; readonly interval: Interval } {
  const n = Math.min(variant.blockHits.length, base.blockHits.length);
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const difference = (variant.blockHits[i] ?? 0) - (base.blockHits[i] ?? 0);
    sum += difference;
    squares += difference * difference;
  }
  return { change: n > 0 ? sum / n : Number.NaN, interval: meanInterval(sum, squares, n) };
}
