/**
 * A bandit's new shares by Thompson sampling (randomized probability
 * matching): each variant gets the posterior probability that its rate is
 * the highest, with a Beta(1, 1) prior on every rate, estimated from `draws`
 * joint draws of the posteriors; then each keeps at least `floor`, so no
 * variant stops being measured. Pure: the draws come from `random`.
 */
import { betaSample } from "./betaSample";

/** One variant's counts on the primary metric: shoppers exposed, and of those who clicked or ordered. */
export interface Arm {
  readonly trials: number;
  readonly successes: number;
}

export interface ThompsonOptions {
  readonly floor: number;
  readonly draws: number;
  readonly random: () => number;
}

export function thompsonShares(arms: readonly Arm[], { floor, draws, random }: ThompsonOptions): number[] {
  const wins = arms.map(() => 0);
  for (let draw = 0; draw < draws; draw++) {
    let best = 0;
    let bestRate = -1;
    arms.forEach((arm, index) => {
      const successes = Math.min(arm.successes, arm.trials);
      const rate = betaSample(1 + successes, 1 + arm.trials - successes, random);
      if (rate > bestRate) [best, bestRate] = [index, rate];
    });
    wins[best] = (wins[best] ?? 0) + 1;
  }
  const spare = 1 - floor * arms.length;
  return wins.map((won) => floor + (spare * won) / draws);
}
